//! The post to check, as INTERFACES.md defines it, and its reading into the few facts the rules
//! need. Every field is optional: absent means "unknown", never "false".

use serde::{de, Deserialize, Deserializer, Serialize};

/// One post to check (the input schema of INTERFACES.md "Compliance check input and output").
///
/// Unknown fields are ignored. Booleans and numbers are also accepted as strings (`"true"`,
/// `"0.12"`), because spreadsheets export them that way; anything else of the wrong type is an
/// error that names the field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostInput {
    /// `instagram`, `tiktok`, `youtube`, `twitch`, `snapchat`, … (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// `post`, `carousel`, `reel`, `story`, `video`, `short`, `live`, `igtv`, `stream`, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// ISO 3166-1 alpha-2 code of the audience's country (`NL`, `BE`, `US`, `GB`/`UK`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Language of the audience (`nl`, `fr`, `en`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The caption (for stories: the text on the sticker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Hashtags; those missing from the caption count as appended after it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_tags")]
    pub hashtags: Option<Vec<String>>,
    /// Whether the platform's paid-partnership label is switched on.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_bool")]
    pub paid_partnership_label: Option<bool>,
    /// Whether the video or story itself shows or says the disclosure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_bool")]
    pub disclosure_in_media: Option<bool>,
    /// `paid`, `gifted`, `affiliate`, `own_product`, `ambassador` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// `alcohol`, `gambling`, `lottery` or free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_category: Option<String>,
    /// Share (0–1) of the audience under 18.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_num")]
    pub audience_under_18_share: Option<f64>,
    /// The creator's age in years.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_num")]
    pub creator_age: Option<f64>,
    /// The creator's follower count on this account.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_num")]
    pub creator_followers: Option<f64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Option<String>>),
}

fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<Loose>::deserialize(d)? {
        None => Ok(None),
        Some(Loose::Bool(b)) => Ok(Some(b)),
        Some(Loose::Str(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "" | "unknown" | "null" => Ok(None),
            "true" | "yes" | "ja" | "oui" | "1" | "y" => Ok(Some(true)),
            "false" | "no" | "nee" | "non" | "0" | "n" => Ok(Some(false)),
            _ => Err(de::Error::custom(format!("expected true or false, got `{s}`"))),
        },
        Some(Loose::Num(n)) if n == 0.0 || n == 1.0 => Ok(Some(n == 1.0)),
        Some(_) => Err(de::Error::custom("expected true or false")),
    }
}

fn de_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Option::<Loose>::deserialize(d)? {
        None => Ok(None),
        Some(Loose::Num(n)) => Ok(Some(n)),
        Some(Loose::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(Loose::Str(s)) => s
            .trim()
            .trim_end_matches('%')
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|n| if s.trim().ends_with('%') { n / 100.0 } else { n })
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("expected a number, got `{s}`"))),
        Some(_) => Err(de::Error::custom("expected a number")),
    }
}

fn de_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    match Option::<Loose>::deserialize(d)? {
        None => Ok(None),
        Some(Loose::List(items)) => Ok(Some(items.into_iter().flatten().collect())),
        Some(Loose::Str(s)) => {
            Ok(Some(s.split([' ', ',', '\n']).filter(|t| !t.is_empty()).map(String::from).collect()))
        }
        Some(_) => Err(de::Error::custom("expected a list of hashtags")),
    }
}

/// The rule set that applies, from `country`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jurisdiction {
    /// Netherlands: RSM, Mediawet, STIVA, Ksa.
    Nl,
    /// Belgium: WER/CDE, JEP, alcohol convention, gambling decree.
    Be,
    /// United States: FTC.
    Us,
    /// United Kingdom: ASA/CMA.
    Uk,
}

impl Jurisdiction {
    /// Reads an ISO country code; `None` for countries without a rule set.
    pub fn parse(country: &str) -> Option<Self> {
        match country.trim().to_ascii_uppercase().as_str() {
            "NL" | "NLD" => Some(Self::Nl),
            "BE" | "BEL" => Some(Self::Be),
            "US" | "USA" => Some(Self::Us),
            "GB" | "UK" | "GBR" => Some(Self::Uk),
            _ => None,
        }
    }

    /// The rule-id prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Nl => "NL-RSM",
            Self::Be => "BE-WER",
            Self::Us => "US-FTC",
            Self::Uk => "UK-ASA",
        }
    }
}

/// The commercial relationship, `Unknown` when the field is absent or unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relationship {
    /// Money for the post.
    Paid,
    /// A free product or service.
    Gifted,
    /// Commission via a link or code.
    Affiliate,
    /// The creator's own brand.
    OwnProduct,
    /// A longer-term ambassadorship.
    Ambassador,
    /// No benefit at all.
    None,
    /// Not recorded.
    Unknown,
}

impl Relationship {
    /// Reads the `relationship` field.
    pub fn parse(raw: Option<&str>) -> Self {
        let Some(raw) = raw else { return Self::Unknown };
        match raw.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "paid" | "sponsored" | "paid_partnership" => Self::Paid,
            "gifted" | "gift" | "free_product" | "pr_package" => Self::Gifted,
            "affiliate" => Self::Affiliate,
            "own_product" | "own" | "own_brand" => Self::OwnProduct,
            "ambassador" => Self::Ambassador,
            "none" | "organic" => Self::None,
            _ => Self::Unknown,
        }
    }
}

/// Product category groups with their own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// Alcoholic drinks.
    Alcohol,
    /// Risky games of chance (casino, betting, poker).
    Gambling,
    /// Anything else, lotteries included.
    Other,
}

impl Category {
    /// Reads `product_category`.
    pub fn parse(raw: Option<&str>) -> Self {
        let Some(raw) = raw else { return Self::Other };
        match raw.trim().to_ascii_lowercase().as_str() {
            "alcohol" | "alcoholic_drinks" | "beer" | "wine" | "spirits" | "bier" | "wijn" | "alcool" => Self::Alcohol,
            "gambling" | "casino" | "betting" | "sports_betting" | "poker" | "gokken" | "kansspelen" => Self::Gambling,
            _ => Self::Other,
        }
    }
}

/// Language bits of the `language` field (see [`super::labels`]); 0 when absent or unknown.
pub(crate) fn language_bits(raw: Option<&str>) -> u8 {
    use super::labels::{DE, EN, FR, NL};
    let Some(raw) = raw else { return 0 };
    let lower = raw.trim().to_ascii_lowercase();
    let code = lower.split(['-', '_']).next().unwrap_or("");
    match code {
        "nl" | "dutch" | "nederlands" | "flemish" | "vlaams" => NL,
        "fr" | "french" | "francais" | "français" => FR,
        "en" | "english" => EN,
        "de" | "german" | "deutsch" => DE,
        _ => 0,
    }
}

/// Lower-cased, trimmed value of an optional text field.
pub(crate) fn lower(raw: Option<&str>) -> String {
    raw.map(|s| s.trim().to_ascii_lowercase()).unwrap_or_default()
}
