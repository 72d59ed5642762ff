//! Platforms, tiers, countries and languages.

use serde::{Deserialize, Serialize};

use super::DomainError;

/// A channel platform a creator publishes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Instagram (feed, Reels, Stories).
    Instagram,
    /// TikTok.
    Tiktok,
    /// YouTube (long video and Shorts).
    Youtube,
    /// Twitch live streams.
    Twitch,
    /// A podcast.
    Podcast,
    /// A blog.
    Blog,
    /// LinkedIn.
    Linkedin,
    /// An e-mail newsletter.
    Newsletter,
}

impl Platform {
    /// Every platform, in a fixed order.
    pub const ALL: [Platform; 8] = [
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::Twitch,
        Platform::Podcast,
        Platform::Blog,
        Platform::Linkedin,
        Platform::Newsletter,
    ];

    /// The lower-case name used in files and URLs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
            Platform::Twitch => "twitch",
            Platform::Podcast => "podcast",
            Platform::Blog => "blog",
            Platform::Linkedin => "linkedin",
            Platform::Newsletter => "newsletter",
        }
    }

    /// Parses a platform name, case-insensitively.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let lower = raw.trim().to_ascii_lowercase();
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == lower)
            .ok_or_else(|| {
                DomainError::new(
                    "platform",
                    format!("expected one of instagram, tiktok, youtube, twitch, podcast, blog, linkedin, newsletter; got `{raw}`"),
                )
            })
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A creator's size class by follower count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Fewer than 1,000 followers.
    Emerging,
    /// 1,000 – 9,999 followers.
    Nano,
    /// 10,000 – 99,999 followers.
    Micro,
    /// 100,000 – 999,999 followers.
    Macro,
    /// 1,000,000 followers or more.
    Mega,
}

impl Tier {
    /// Every tier, smallest first.
    pub const ALL: [Tier; 5] = [Tier::Emerging, Tier::Nano, Tier::Micro, Tier::Macro, Tier::Mega];

    /// The tier of an account with `followers` followers.
    pub fn of(followers: u64) -> Tier {
        match followers {
            0..=999 => Tier::Emerging,
            1_000..=9_999 => Tier::Nano,
            10_000..=99_999 => Tier::Micro,
            100_000..=999_999 => Tier::Macro,
            _ => Tier::Mega,
        }
    }

    /// The lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Tier::Emerging => "emerging",
            Tier::Nano => "nano",
            Tier::Micro => "micro",
            Tier::Macro => "macro",
            Tier::Mega => "mega",
        }
    }

    /// Parses a tier name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let lower = raw.trim().to_ascii_lowercase();
        Tier::ALL.into_iter().find(|t| t.as_str() == lower).ok_or_else(|| {
            DomainError::new("tier", format!("expected emerging, nano, micro, macro or mega; got `{raw}`"))
        })
    }

    /// The follower range `[min, max)` of the tier (`None` = open-ended).
    pub fn range(&self) -> (u64, Option<u64>) {
        match self {
            Tier::Emerging => (0, Some(1_000)),
            Tier::Nano => (1_000, Some(10_000)),
            Tier::Micro => (10_000, Some(100_000)),
            Tier::Macro => (100_000, Some(1_000_000)),
            Tier::Mega => (1_000_000, None),
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (`NL`, `BE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

impl Country {
    /// The Netherlands.
    pub const NL: Country = Country(*b"NL");
    /// Belgium.
    pub const BE: Country = Country(*b"BE");

    /// Parses a two-letter code, case-insensitively (`uk` is read as `GB`).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let upper = raw.trim().to_ascii_uppercase();
        let upper = if upper == "UK" { "GB".to_owned() } else { upper };
        let b = upper.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(Country([b[0], b[1]]))
        } else {
            Err(DomainError::new("country", format!("expected a two-letter ISO 3166 code such as NL, got `{raw}`")))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }
}

impl TryFrom<String> for Country {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Country::parse(&value)
    }
}

impl From<Country> for String {
    fn from(value: Country) -> Self {
        value.as_str().to_owned()
    }
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ISO 639-1 language code, lower case (`nl`, `fr`, `en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language([u8; 2]);

impl Language {
    /// Dutch.
    pub const NL: Language = Language(*b"nl");
    /// French.
    pub const FR: Language = Language(*b"fr");
    /// English.
    pub const EN: Language = Language(*b"en");

    /// Parses a two-letter code, case-insensitively.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let lower = raw.trim().to_ascii_lowercase();
        let b = lower.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_lowercase) {
            Ok(Language([b[0], b[1]]))
        } else {
            Err(DomainError::new("language", format!("expected a two-letter ISO 639-1 code such as nl, got `{raw}`")))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("xx")
    }
}

impl TryFrom<String> for Language {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Language::parse(&value)
    }
}

impl From<Language> for String {
    fn from(value: Language) -> Self {
        value.as_str().to_owned()
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_seed_boundaries() {
        assert_eq!(Tier::of(0), Tier::Emerging);
        assert_eq!(Tier::of(999), Tier::Emerging);
        assert_eq!(Tier::of(1_000), Tier::Nano);
        assert_eq!(Tier::of(9_999), Tier::Nano);
        assert_eq!(Tier::of(10_000), Tier::Micro);
        assert_eq!(Tier::of(100_000), Tier::Macro);
        assert_eq!(Tier::of(999_999), Tier::Macro);
        assert_eq!(Tier::of(1_000_000), Tier::Mega);
    }

    #[test]
    fn platforms_parse_case_insensitively_and_reject_others() {
        assert_eq!(Platform::parse(" TikTok "), Ok(Platform::Tiktok));
        assert!(Platform::parse("myspace").is_err());
    }

    #[test]
    fn countries_and_languages_validate() {
        assert_eq!(Country::parse("nl"), Ok(Country::NL));
        assert_eq!(Country::parse("uk").map(|c| c.to_string()), Ok("GB".to_owned()));
        assert!(Country::parse("NLD").is_err());
        assert_eq!(Language::parse("FR"), Ok(Language::FR));
        assert!(Language::parse("f1").is_err());
    }
}
