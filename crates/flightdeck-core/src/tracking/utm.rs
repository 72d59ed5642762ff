//! UTM parameters and the final destination of a tracking link.
//!
//! The convention follows GA4 (see `docs/tracking.md`): `utm_source` = platform,
//! `utm_medium` = `social` | `paid_social` | `affiliate`, `utm_campaign` = campaign slug,
//! `utm_id` = Flightdeck campaign id, `utm_content` = creator handle or deliverable.
//! Values are emitted in lower case because GA4 reports `Instagram` and `instagram` as
//! two sources.

use serde::{Deserialize, Serialize};
use url::form_urlencoded;

use super::destination::validate_destination;
use super::encode::encode_component;
use super::error::LinkError;
use crate::domain::{Domain, Platform};

/// The longest final URL Flightdeck produces or accepts, in bytes.
///
/// 2,048 is the limit that every browser, proxy and analytics tool in practice accepts.
pub const MAX_URL_LEN: usize = 2048;

/// The longest UTM value accepted, in characters.
pub const MAX_UTM_VALUE_LEN: usize = 200;

/// The click-id query parameter appended on redirect; never copied from a destination.
pub const CLICK_ID_PARAM: &str = "fd_cid";

/// The marketing medium of a link (`utm_medium`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UtmMedium {
    /// An organic creator post: GA4 files it under Organic Social.
    Social,
    /// Partnership / whitelisted ads: GA4 files it under Paid Social.
    PaidSocial,
    /// Commission deals: GA4 files it under Affiliates.
    Affiliate,
}

impl UtmMedium {
    /// The value as it appears in the URL.
    pub fn as_str(&self) -> &'static str {
        match self {
            UtmMedium::Social => "social",
            UtmMedium::PaidSocial => "paid_social",
            UtmMedium::Affiliate => "affiliate",
        }
    }

    /// Parses `social`, `paid_social` or `affiliate` (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, LinkError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "social" => Ok(UtmMedium::Social),
            "paid_social" => Ok(UtmMedium::PaidSocial),
            "affiliate" => Ok(UtmMedium::Affiliate),
            _ => Err(LinkError::InvalidUtm {
                field: "utm_medium",
                reason: format!("must be social, paid_social or affiliate, got `{raw}`"),
            }),
        }
    }
}

/// The UTM values of one tracking link.
///
/// Build it with [`Utm::new`] (or [`Utm::for_platform`]) and the optional setters; every
/// value is trimmed and lower-cased when the URL is built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Utm {
    /// `utm_source`: the platform (`instagram`, `tiktok`, …).
    pub source: String,
    /// `utm_medium`.
    pub medium: UtmMedium,
    /// `utm_campaign`: the campaign slug.
    pub campaign: String,
    /// `utm_id`: the Flightdeck campaign id.
    pub id: Option<String>,
    /// `utm_content`: creator handle or deliverable / post id.
    pub content: Option<String>,
    /// `utm_term`: a keyword, rarely used for creator links.
    pub term: Option<String>,
    /// `utm_source_platform`: `flightdeck` if the brand wants it.
    pub source_platform: Option<String>,
    /// `utm_creative_format`: `video`, `native`, … (not reported by GA4 today).
    pub creative_format: Option<String>,
    /// `utm_marketing_tactic`: `prospecting`, `remarketing`, … (not reported by GA4 today).
    pub marketing_tactic: Option<String>,
}

impl Utm {
    /// The three values GA4 needs to attribute a visit.
    pub fn new(source: impl Into<String>, medium: UtmMedium, campaign: impl Into<String>) -> Self {
        Utm {
            source: source.into(),
            medium,
            campaign: campaign.into(),
            id: None,
            content: None,
            term: None,
            source_platform: None,
            creative_format: None,
            marketing_tactic: None,
        }
    }

    /// The values for a creator post on `platform`.
    pub fn for_platform(platform: Platform, medium: UtmMedium, campaign: impl Into<String>) -> Self {
        Utm::new(platform.as_str(), medium, campaign)
    }

    /// Sets `utm_id`.
    pub fn id(mut self, value: impl Into<String>) -> Self {
        self.id = Some(value.into());
        self
    }

    /// Sets `utm_content`.
    pub fn content(mut self, value: impl Into<String>) -> Self {
        self.content = Some(value.into());
        self
    }

    /// Sets `utm_term`.
    pub fn term(mut self, value: impl Into<String>) -> Self {
        self.term = Some(value.into());
        self
    }

    /// Sets `utm_source_platform`.
    pub fn source_platform(mut self, value: impl Into<String>) -> Self {
        self.source_platform = Some(value.into());
        self
    }

    /// Sets `utm_creative_format`.
    pub fn creative_format(mut self, value: impl Into<String>) -> Self {
        self.creative_format = Some(value.into());
        self
    }

    /// Sets `utm_marketing_tactic`.
    pub fn marketing_tactic(mut self, value: impl Into<String>) -> Self {
        self.marketing_tactic = Some(value.into());
        self
    }

    /// The parameters in URL order, normalised (trimmed, lower case); empty optional
    /// values are left out. Fails when a required value is empty or any is too long.
    pub fn pairs(&self) -> Result<Vec<(&'static str, String)>, LinkError> {
        let mut out = Vec::with_capacity(9);
        out.push(("utm_source", required("utm_source", &self.source)?));
        out.push(("utm_medium", self.medium.as_str().to_owned()));
        out.push(("utm_campaign", required("utm_campaign", &self.campaign)?));
        let optional = [
            ("utm_id", &self.id),
            ("utm_content", &self.content),
            ("utm_term", &self.term),
            ("utm_source_platform", &self.source_platform),
            ("utm_creative_format", &self.creative_format),
            ("utm_marketing_tactic", &self.marketing_tactic),
        ];
        for (field, value) in optional {
            if let Some(v) = value.as_deref().map(|v| normalise(field, v)).transpose()?.flatten() {
                out.push((field, v));
            }
        }
        Ok(out)
    }
}

fn normalise(field: &'static str, raw: &str) -> Result<Option<String>, LinkError> {
    let value = raw.trim().to_lowercase();
    if value.chars().count() > MAX_UTM_VALUE_LEN {
        return Err(LinkError::InvalidUtm {
            field,
            reason: format!("is longer than {MAX_UTM_VALUE_LEN} characters; use a shorter value"),
        });
    }
    Ok((!value.is_empty()).then_some(value))
}

fn required(field: &'static str, raw: &str) -> Result<String, LinkError> {
    normalise(field, raw)?.ok_or(LinkError::InvalidUtm { field, reason: "is empty; it is required for GA4".to_owned() })
}

/// Builds the final destination of a tracking link: `raw` checked against the brand's
/// `allowed` domains, its own query parameters kept as they are (repeated ones too),
/// any `utm_*` it already has that `utm` sets replaced, any `fd_cid` dropped, and the
/// UTM values appended lower-cased and percent-encoded.
///
/// ```
/// use flightdeck_core::domain::Domain;
/// use flightdeck_core::tracking::{build_destination, Utm, UtmMedium};
/// let allowed = [Domain::parse("shop.example.nl").unwrap()];
/// let utm = Utm::new("Instagram", UtmMedium::Social, "zomer-2025").content("janedoe");
/// let url = build_destination("https://shop.example.nl/p?size=m", &allowed, &utm).unwrap();
/// assert_eq!(url, "https://shop.example.nl/p?size=m&utm_source=instagram&utm_medium=social&utm_campaign=zomer-2025&utm_content=janedoe");
/// ```
pub fn build_destination(raw: &str, allowed: &[Domain], utm: &Utm) -> Result<String, LinkError> {
    let pairs = utm.pairs()?;
    let mut url = validate_destination(raw, allowed)?;
    let mut query = String::with_capacity(url.query().map_or(0, str::len) + 160);
    for piece in url.query().unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let key = form_urlencoded::parse(piece.as_bytes()).next().map(|(k, _)| k).unwrap_or_default();
        let ours = key.eq_ignore_ascii_case(CLICK_ID_PARAM) || pairs.iter().any(|(k, _)| key.eq_ignore_ascii_case(k));
        if !ours {
            push_piece(&mut query, piece);
        }
    }
    for (key, value) in &pairs {
        push_piece(&mut query, key);
        query.push('=');
        encode_component(&mut query, value);
    }
    url.set_query(Some(&query));
    let out: String = url.into();
    if out.len() > MAX_URL_LEN {
        return Err(LinkError::TooLong { len: out.len(), max: MAX_URL_LEN });
    }
    Ok(out)
}

fn push_piece(query: &mut String, piece: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(piece);
}
