//! Workspaces, brands and buyer personas.

use serde::{Deserialize, Serialize};

use super::{Country, DomainError, Language, Name, PersonaId, WorkspaceId};

/// A workspace: one brand, or one client of an agency. Every stored row belongs
/// to exactly one workspace, and no query crosses workspaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The workspace's opaque id.
    pub id: WorkspaceId,
    /// A short unique name (`demo`, `acme-nl`).
    pub name: WorkspaceName,
    /// The brand the workspace works for.
    pub brand: Brand,
}

/// A workspace name: 1–64 characters of `a-z 0-9 - _`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WorkspaceName(String);

impl WorkspaceName {
    /// Parses a workspace name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let t = raw.trim();
        let ok = !t.is_empty()
            && t.len() <= 64
            && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(WorkspaceName(t.to_owned()))
        } else {
            Err(DomainError::new(
                "workspace",
                format!("a workspace name has 1-64 characters a-z, 0-9, - or _; got `{raw}`"),
            ))
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WorkspaceName {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        WorkspaceName::parse(&value)
    }
}

impl From<WorkspaceName> for String {
    fn from(value: WorkspaceName) -> Self {
        value.0
    }
}

impl std::fmt::Display for WorkspaceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A link domain a brand allows redirects to (`shop.example.nl`), lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Domain(String);

impl Domain {
    /// Parses a bare host name (no scheme, path, port or credentials).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let t = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        let labels_ok = t.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if t.contains('.') && t.len() <= 253 && labels_ok {
            Ok(Domain(t))
        } else {
            Err(DomainError::new("domain", format!("expected a host name such as shop.example.nl, got `{raw}`")))
        }
    }

    /// The host name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `host` is this domain or one of its sub-domains.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == self.0 || host.strip_suffix(&self.0).is_some_and(|rest| rest.ends_with('.'))
    }
}

impl TryFrom<String> for Domain {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Domain::parse(&value)
    }
}

impl From<Domain> for String {
    fn from(value: Domain) -> Self {
        value.0
    }
}

/// The brand a workspace works for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brand {
    /// The brand's name.
    pub name: Name,
    /// Domains tracking links may redirect to.
    pub allowed_domains: Vec<Domain>,
    /// Competitor brand names (for conflict checks).
    pub competitors: Vec<String>,
    /// The brand's home market.
    pub country: Country,
}

/// A buyer persona: who the brand wants to reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    /// The persona's opaque id.
    pub id: PersonaId,
    /// The persona's name (`Duurzame Daan`).
    pub name: Name,
    /// Interests (`sustainability`, `fitness`, …).
    pub interests: Vec<String>,
    /// Age range, inclusive.
    pub age_range: AgeRange,
    /// Target countries.
    pub countries: Vec<Country>,
    /// Languages the persona reads.
    pub languages: Vec<Language>,
    /// Values the persona holds (`duurzaamheid`, `eerlijkheid`, …).
    pub values: Vec<String>,
}

/// An inclusive age range, 13–120.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "(u8, u8)", into = "(u8, u8)")]
pub struct AgeRange {
    min: u8,
    max: u8,
}

impl AgeRange {
    /// A range from `min` to `max` inclusive.
    pub fn new(min: u8, max: u8) -> Result<Self, DomainError> {
        if (13..=120).contains(&min) && min <= max && max <= 120 {
            Ok(AgeRange { min, max })
        } else {
            Err(DomainError::new(
                "age_range",
                format!("expected ages between 13 and 120 with min <= max, got {min}-{max}"),
            ))
        }
    }

    /// The youngest age included.
    pub fn min(&self) -> u8 {
        self.min
    }

    /// The oldest age included.
    pub fn max(&self) -> u8 {
        self.max
    }
}

impl TryFrom<(u8, u8)> for AgeRange {
    type Error = DomainError;
    fn try_from((min, max): (u8, u8)) -> Result<Self, Self::Error> {
        AgeRange::new(min, max)
    }
}

impl From<AgeRange> for (u8, u8) {
    fn from(value: AgeRange) -> Self {
        (value.min, value.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_allow_only_themselves_and_subdomains() {
        let d = Domain::parse("Shop.Example.nl").ok();
        let d = d.as_ref();
        assert_eq!(d.map(|d| d.allows_host("shop.example.nl")), Some(true));
        assert_eq!(d.map(|d| d.allows_host("www.shop.example.nl")), Some(true));
        assert_eq!(d.map(|d| d.allows_host("evilshop.example.nl")), Some(false));
        assert_eq!(d.map(|d| d.allows_host("shop.example.nl.evil.com")), Some(false));
        assert!(Domain::parse("https://x.nl").is_err());
        assert!(Domain::parse("localhost").is_err());
    }

    #[test]
    fn age_ranges_validate() {
        assert!(AgeRange::new(18, 34).is_ok());
        assert!(AgeRange::new(34, 18).is_err());
        assert!(AgeRange::new(5, 18).is_err());
    }
}
