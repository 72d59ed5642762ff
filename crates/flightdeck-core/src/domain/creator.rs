//! Creators and their channel accounts.

use serde::{Deserialize, Serialize};

use super::{AccountId, Country, CreatorId, DomainError, Language, Platform, Tier};

/// A channel handle: 1–100 visible characters, no whitespace, without a leading `@`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Handle(String);

impl Handle {
    /// Parses a handle; a leading `@` is dropped, and the handle is kept as written
    /// (matching is case-insensitive through [`Handle::key`]).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        let bare = trimmed.strip_prefix('@').unwrap_or(trimmed);
        if bare.is_empty() {
            return Err(DomainError::new("handle", "expected a handle, got an empty value"));
        }
        if bare.chars().count() > 100 {
            return Err(DomainError::new("handle", "a handle has at most 100 characters"));
        }
        if bare.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(DomainError::new(
                "handle",
                format!("a handle has no spaces or control characters, got `{bare}`"),
            ));
        }
        Ok(Handle(bare.to_owned()))
    }

    /// The handle as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-case form used to match the same account across files.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for Handle {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Handle::parse(&value)
    }
}

impl From<Handle> for String {
    fn from(value: Handle) -> Self {
        value.0
    }
}

impl std::fmt::Display for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name: 1–200 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// Parses a name for `field` (`creator`, `name`, …).
    pub fn parse_field(field: &'static str, raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(DomainError::new(field, "expected a name, got an empty value"));
        }
        if trimmed.chars().count() > 200 {
            return Err(DomainError::new(field, "a name has at most 200 characters"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(DomainError::new(field, "a name has no control characters"));
        }
        Ok(Name(trimmed.to_owned()))
    }

    /// Parses a name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Self::parse_field("name", raw)
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Name::parse(&value)
    }
}

impl From<Name> for String {
    fn from(value: Name) -> Self {
        value.0
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a non-negative whole count (followers, likes, …) for `field`.
pub fn parse_count(field: &'static str, raw: &str) -> Result<u64, DomainError> {
    let text = raw.trim().replace('_', "");
    text.parse::<u64>()
        .map_err(|_| DomainError::new(field, format!("expected a whole number of 0 or more, got `{raw}`")))
}

/// A creator: one person with one or more channel accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Creator {
    /// The creator's opaque id.
    pub id: CreatorId,
    /// The creator's display name.
    pub name: Name,
    /// The creator's channel accounts.
    pub accounts: Vec<Account>,
}

impl Creator {
    /// The creator's tier: that of their largest account (emerging without accounts).
    pub fn tier(&self) -> Tier {
        Tier::of(self.total_reach_followers())
    }

    /// The followers of the creator's largest account.
    pub fn total_reach_followers(&self) -> u64 {
        self.accounts.iter().map(|a| a.followers).max().unwrap_or(0)
    }
}

/// One channel account of a creator on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// The account's opaque id.
    pub id: AccountId,
    /// The platform the account is on.
    pub platform: Platform,
    /// The handle on that platform.
    pub handle: Handle,
    /// The latest known follower (subscriber, listener) count.
    pub followers: u64,
    /// The creator's main audience country, when known.
    pub country: Option<Country>,
    /// The language the account publishes in, when known.
    pub language: Option<Language>,
    /// The account's niche (beauty, gaming, finance, …), when known.
    pub niche: Option<String>,
    /// The account's public URL, when known.
    pub url: Option<String>,
}

impl Account {
    /// The account's tier.
    pub fn tier(&self) -> Tier {
        Tier::of(self.followers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_drop_the_at_sign_and_refuse_spaces() {
        assert_eq!(Handle::parse("@JaneDoe").map(|h| h.as_str().to_owned()), Ok("JaneDoe".to_owned()));
        assert_eq!(Handle::parse("JaneDoe").map(|h| h.key()), Ok("janedoe".to_owned()));
        assert!(Handle::parse("jane doe").is_err());
        assert!(Handle::parse("@").is_err());
    }

    #[test]
    fn counts_name_their_field() {
        let err = parse_count("followers", "abc").err();
        assert_eq!(err.map(|e| e.field), Some("followers"));
        assert_eq!(parse_count("followers", " 12000 "), Ok(12000));
        assert!(parse_count("followers", "-5").is_err());
    }
}
