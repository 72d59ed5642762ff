//! Unique clicks: one per link per visitor per hour, beside the total.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::LinkId;

/// Seconds in one de-duplication window.
pub const UNIQUE_WINDOW_SECS: i64 = 3600;

/// The key under which clicks count once: the link, the visitor's daily [`ip_hash`]
/// and the UTC hour of the click. Two clicks with equal keys are one unique click.
///
/// [`ip_hash`]: super::ip_hash
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UniqueClickKey {
    /// The link clicked.
    pub link: LinkId,
    /// The visitor's hash (never the IP address).
    pub visitor: String,
    /// Hours since the Unix epoch (UTC), see [`hour_bucket`].
    pub hour: i64,
}

impl std::fmt::Display for UniqueClickKey {
    /// `ln_…:visitorhash:hour`, usable as a cache or database key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.link, self.visitor, self.hour)
    }
}

/// The hour bucket of a moment: whole hours since the Unix epoch (UTC), also correct
/// before 1970.
pub fn hour_bucket(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(UNIQUE_WINDOW_SECS)
}

/// The unique-click key of a click on `link` by `visitor_hash` at `at`.
pub fn unique_click_key(link: &LinkId, visitor_hash: &str, at: DateTime<Utc>) -> UniqueClickKey {
    UniqueClickKey { link: link.clone(), visitor: visitor_hash.to_owned(), hour: hour_bucket(at) }
}
