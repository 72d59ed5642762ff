//! Conversions between stored primitive values and domain types, shared by the
//! backends so that both read rows back the same way.

use flightdeck_core::domain::{
    Account, AccountId, Brand, Country, CreatorId, DailyMetrics, Handle, Language, Name, Persona, Platform, Tier,
    Workspace, WorkspaceId, WorkspaceName,
};
use serde::{de::DeserializeOwned, Serialize};

use crate::{AccountSummary, StoreError, StoreResult};

/// Encodes a value as JSON text for a document column.
pub fn to_json<T: Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("cannot encode: {e}")))
}

/// Decodes a JSON document column.
pub fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// A stored count (non-negative by schema) as `u64`.
pub fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// A `u64` count as the `i64` databases store (saturating at `i64::MAX`).
pub fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// An optional count as stored.
pub fn opt_i64(value: Option<u64>) -> Option<i64> {
    value.map(to_i64)
}

/// An optional stored count.
pub fn opt_count(value: Option<i64>) -> Option<u64> {
    value.map(count)
}

/// A workspace row.
pub fn workspace(id: &str, name: &str, brand: &str) -> StoreResult<Workspace> {
    Ok(Workspace {
        id: WorkspaceId::parse(id).map_err(|e| corrupt("workspace id", e))?,
        name: WorkspaceName::parse(name).map_err(|e| corrupt("workspace name", e))?,
        brand: from_json::<Brand>("brand", brand)?,
    })
}

/// A persona row (the whole persona is one document).
pub fn persona(data: &str) -> StoreResult<Persona> {
    from_json("persona", data)
}

/// The stored columns of an account, in the order the backends select them.
#[derive(Debug, Clone)]
pub struct AccountColumns {
    /// `id`.
    pub id: String,
    /// `creator_id`.
    pub creator_id: String,
    /// `platform`.
    pub platform: String,
    /// `handle`.
    pub handle: String,
    /// `followers`.
    pub followers: i64,
    /// `country`.
    pub country: Option<String>,
    /// `language`.
    pub language: Option<String>,
    /// `niche`.
    pub niche: Option<String>,
    /// `url`.
    pub url: Option<String>,
}

impl AccountColumns {
    /// The creator this account belongs to.
    pub fn creator_id(&self) -> StoreResult<CreatorId> {
        CreatorId::parse(&self.creator_id).map_err(|e| corrupt("creator id", e))
    }

    /// The account as a domain value.
    pub fn account(&self) -> StoreResult<Account> {
        Ok(Account {
            id: AccountId::parse(&self.id).map_err(|e| corrupt("account id", e))?,
            platform: Platform::parse(&self.platform).map_err(|e| corrupt("platform", e))?,
            handle: Handle::parse(&self.handle).map_err(|e| corrupt("handle", e))?,
            followers: count(self.followers),
            country: self.country.as_deref().map(Country::parse).transpose().map_err(|e| corrupt("country", e))?,
            language: self.language.as_deref().map(Language::parse).transpose().map_err(|e| corrupt("language", e))?,
            niche: self.niche.clone(),
            url: self.url.clone(),
        })
    }

    /// The account as lists show it.
    pub fn summary(&self) -> StoreResult<AccountSummary> {
        let a = self.account()?;
        Ok(AccountSummary {
            tier: Tier::of(a.followers),
            id: a.id,
            platform: a.platform,
            handle: a.handle,
            followers: a.followers,
            country: a.country,
            language: a.language,
            niche: a.niche,
        })
    }
}

/// A creator's stored name.
pub fn name(raw: &str) -> StoreResult<Name> {
    Name::parse(raw).map_err(|e| corrupt("creator name", e))
}

/// A creator's stored id.
pub fn creator_id(raw: &str) -> StoreResult<CreatorId> {
    CreatorId::parse(raw).map_err(|e| corrupt("creator id", e))
}

/// An account's stored id.
pub fn account_id(raw: &str) -> StoreResult<AccountId> {
    AccountId::parse(raw).map_err(|e| corrupt("account id", e))
}

/// The stored metric columns (day number, followers, then the optional counts in
/// the order following, posts, reach, impressions, views, likes, comments, saves, shares).
pub fn daily_metrics(day: i64, followers: i64, rest: [Option<i64>; 9]) -> StoreResult<DailyMetrics> {
    let date = crate::date_of_day(day).ok_or_else(|| StoreError::Corrupt(format!("day number {day}")))?;
    let [following, posts, reach, impressions, views, likes, comments, saves, shares] = rest.map(opt_count);
    Ok(DailyMetrics {
        date,
        followers: count(followers),
        following,
        posts,
        reach,
        impressions,
        views,
        likes,
        comments,
        saves,
        shares,
    })
}

/// The optional metric columns of a snapshot, in stored order.
pub fn metric_columns(m: &DailyMetrics) -> [Option<i64>; 9] {
    [m.following, m.posts, m.reach, m.impressions, m.views, m.likes, m.comments, m.saves, m.shares].map(opt_i64)
}

/// A campaign-side record as a stored document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The record's id.
    pub id: String,
    /// Its kind (`campaign`, `flight`, …).
    pub kind: &'static str,
    /// The id of the record it belongs to (campaign of a flight, …).
    pub parent_id: Option<String>,
    /// The creator it concerns, if any.
    pub creator_id: Option<String>,
    /// The record as JSON.
    pub data: String,
}

/// The document form of a campaign, flight, collaboration, brief, contract,
/// deliverable or deliverable check (links, codes, clicks and orders have tables of their own).
pub fn document(record: &crate::Record) -> StoreResult<Document> {
    use crate::Record as R;
    let (id, kind, parent_id, creator_id, data) = match record {
        R::Campaign(c) => (c.id.to_string(), "campaign", None, None, to_json(c)?),
        R::Flight(f) => (f.id.to_string(), "flight", Some(f.campaign_id.to_string()), None, to_json(f)?),
        R::Collaboration(c) => (
            c.id.to_string(),
            "collaboration",
            Some(c.campaign_id.to_string()),
            Some(c.creator_id.to_string()),
            to_json(c)?,
        ),
        R::Brief(b) => (b.id.to_string(), "brief", Some(b.collaboration_id.to_string()), None, to_json(b)?),
        R::Contract(c) => (c.id.to_string(), "contract", Some(c.collaboration_id.to_string()), None, to_json(c)?),
        R::Deliverable(d) => (d.id.to_string(), "deliverable", Some(d.contract_id.to_string()), None, to_json(d)?),
        R::DeliverableCheck(c) => (
            format!("{}.compliance", c.deliverable_id),
            "deliverable_check",
            Some(c.deliverable_id.to_string()),
            None,
            to_json(c)?,
        ),
        R::Link(_) | R::Code(_) | R::Click(_) | R::Order(_) => {
            return Err(StoreError::Corrupt("links, codes, clicks and orders are not documents".to_owned()))
        }
    };
    Ok(Document { id, kind, parent_id, creator_id, data })
}
