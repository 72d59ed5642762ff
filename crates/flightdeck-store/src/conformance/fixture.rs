//! Builders and checks the scenarios share.

use std::fmt::Debug;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use flightdeck_core::domain::{
    AccountId, Brand, Country, CreatorId, DailyMetrics, Handle, Language, Name, Platform, Workspace, WorkspaceId,
    WorkspaceName,
};

use crate::{AccountIdRef, MetricRow, NewAccount, Store, StoreError, StoreResult};

/// The value of a store call that must succeed.
pub(crate) fn ok<T>(what: &str, result: StoreResult<T>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("{what}: expected success, got error: {e}"),
    }
}

/// Asserts that a store call failed with [`StoreError::Conflict`].
pub(crate) fn conflict<T: Debug>(what: &str, result: StoreResult<T>) {
    match result {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("{what}: expected StoreError::Conflict, got {other:?}"),
    }
}

/// Asserts that a store call failed with [`StoreError::NotFound`].
pub(crate) fn not_found<T: Debug>(what: &str, result: StoreResult<T>) {
    match result {
        Err(StoreError::NotFound(_)) => {}
        other => panic!("{what}: expected StoreError::NotFound, got {other:?}"),
    }
}

/// Parses a value the suite writes literally (an id, a name, a code).
pub(crate) fn parse<T: FromStr>(raw: &str) -> T
where
    T::Err: Debug,
{
    match raw.parse() {
        Ok(v) => v,
        Err(e) => panic!("the suite's own value `{raw}` does not parse: {e:?}"),
    }
}

/// A name.
pub(crate) fn name(raw: &str) -> Name {
    match Name::parse(raw) {
        Ok(n) => n,
        Err(e) => panic!("the suite's own name `{raw}`: {e}"),
    }
}

/// A calendar date.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("the suite's own date {y}-{m}-{d} is invalid"),
    }
}

/// A UTC time on 2025-03-`day` at `hour`:00.
pub(crate) fn at(day: u32, hour: u32) -> DateTime<Utc> {
    match Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).single() {
        Some(t) => t,
        None => panic!("the suite's own time 2025-03-{day} {hour}:00 is invalid"),
    }
}

/// The id the suite gives the workspace `name` (its letters and digits).
pub(crate) fn workspace_id(name: &str) -> WorkspaceId {
    let bare: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    parse(&format!("ws_{bare}"))
}

/// A workspace value named `name`.
pub(crate) fn workspace_value(name: &str) -> Workspace {
    let brand = Brand {
        name: self::name(&format!("Brand of {name}")),
        allowed_domains: vec![parse_domain("shop.example.nl")],
        competitors: vec!["Rival BV".to_owned()],
        country: Country::NL,
    };
    let name = match WorkspaceName::parse(name) {
        Ok(n) => n,
        Err(e) => panic!("the suite's own workspace name: {e}"),
    };
    Workspace { id: workspace_id(name.as_str()), name, brand }
}

fn parse_domain(raw: &str) -> flightdeck_core::domain::Domain {
    match flightdeck_core::domain::Domain::parse(raw) {
        Ok(d) => d,
        Err(e) => panic!("the suite's own domain: {e}"),
    }
}

/// Creates the workspace `name` and returns its id.
pub(crate) async fn workspace(store: &dyn Store, name: &str) -> WorkspaceId {
    let ws = workspace_value(name);
    ok("create_workspace", store.create_workspace(&ws).await);
    ws.id
}

/// One row of a creators import.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    /// The creator's name.
    pub creator: &'a str,
    /// The platform.
    pub platform: Platform,
    /// The handle as written.
    pub handle: &'a str,
    /// Followers.
    pub followers: u64,
    /// Country code.
    pub country: Option<&'a str>,
    /// Niche.
    pub niche: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// A row with no country or niche.
    pub(crate) fn new(creator: &'a str, platform: Platform, handle: &'a str, followers: u64) -> Self {
        Self { creator, platform, handle, followers, country: None, niche: None }
    }

    /// The same row with a country.
    pub(crate) fn country(self, country: &'a str) -> Self {
        Self { country: Some(country), ..self }
    }

    /// The same row with a niche.
    pub(crate) fn niche(self, niche: &'a str) -> Self {
        Self { niche: Some(niche), ..self }
    }

    /// The row as the store takes it; new ids are `cr_<tag>N` and `ac_<tag>N`.
    pub(crate) fn build(&self, tag: &str, n: usize) -> NewAccount {
        NewAccount {
            new_creator_id: parse(&format!("cr_{tag}{n}")),
            new_account_id: parse(&format!("ac_{tag}{n}")),
            creator_name: name(self.creator),
            platform: self.platform,
            handle: match Handle::parse(self.handle) {
                Ok(h) => h,
                Err(e) => panic!("the suite's own handle: {e}"),
            },
            followers: self.followers,
            country: self.country.map(parse::<Country>),
            language: self.country.map(|c| if c == "NL" || c == "BE" { Language::NL } else { Language::EN }),
            niche: self.niche.map(str::to_owned),
            url: Some(format!("https://{}.example/{}", self.platform, self.handle)),
            email_hash: None,
        }
    }
}

/// Builds rows with new ids `<tag>0`, `<tag>1`, ….
pub(crate) fn rows(tag: &str, rows: &[Row<'_>]) -> Vec<NewAccount> {
    rows.iter().enumerate().map(|(n, r)| r.build(tag, n)).collect()
}

/// Imports `rows` in one committed session; returns the account ids.
pub(crate) async fn import(store: &dyn Store, ws: &WorkspaceId, rows: &[NewAccount]) -> Vec<AccountId> {
    let mut session = ok("begin", store.begin(ws).await);
    let ids = ok("upsert_accounts", session.upsert_accounts(rows).await);
    ok("commit", session.commit().await);
    ids
}

/// Upserts metrics in one committed session.
pub(crate) async fn import_metrics(store: &dyn Store, ws: &WorkspaceId, rows: &[MetricRow]) {
    let mut session = ok("begin", store.begin(ws).await);
    ok("upsert_metrics", session.upsert_metrics(rows).await);
    ok("commit", session.commit().await);
}

/// A metric row for `account`.
pub(crate) fn metric(account: &AccountId, metrics: DailyMetrics) -> MetricRow {
    match AccountIdRef::new(account) {
        Some(account) => MetricRow { account, metrics },
        None => panic!("account id {account} is too long for a metric row"),
    }
}

/// A day with followers and a few optional counts (likes absent, comments zero).
pub(crate) fn day(on: NaiveDate, followers: u64, reach: u64) -> DailyMetrics {
    DailyMetrics {
        reach: Some(reach),
        comments: Some(0),
        shares: Some(followers / 100),
        ..DailyMetrics::new(on, followers)
    }
}

/// The creator id of the account `account` as the store reports it.
pub(crate) async fn creator_of(store: &dyn Store, ws: &WorkspaceId, account: &AccountId) -> CreatorId {
    let all = ok("list_creators", store.list_creators(ws, &crate::CreatorFilter::default()).await);
    match all.iter().find(|c| c.accounts.iter().any(|a| &a.id == account)) {
        Some(c) => c.id.clone(),
        None => panic!("no listed creator has account {account}"),
    }
}
