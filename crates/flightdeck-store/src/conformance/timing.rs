//! A measurement, not a check: how long a backend takes for bulk imports of the
//! size real workspaces reach (run by each backend's `#[ignore]`d timing test).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use flightdeck_core::domain::{DailyMetrics, Platform};

use super::fixture::{date, metric, ok, workspace, Row};
use crate::{NewAccount, Store};

/// One timed step of [`time_bulk_import`].
#[derive(Debug, Clone)]
pub struct TimedStep {
    /// What was done.
    pub step: &'static str,
    /// How many rows it wrote.
    pub rows: u64,
    /// How long it took (session begin to commit).
    pub took: Duration,
}

impl TimedStep {
    /// Rows per second.
    pub fn rate(&self) -> f64 {
        self.rows as f64 / self.took.as_secs_f64().max(1e-9)
    }
}

fn history(
    ids: &[flightdeck_core::domain::AccountId],
    days: usize,
    start: NaiveDate,
    bump: u64,
) -> Vec<crate::MetricRow> {
    let mut rows = Vec::with_capacity(ids.len() * days);
    for (a, id) in ids.iter().enumerate() {
        for d in 0..days {
            let on = start + chrono::Duration::days(i64::try_from(d).unwrap_or(0));
            let followers = 10_000 + (a as u64) * 7 + (d as u64) + bump;
            let m = DailyMetrics {
                reach: Some(followers / 3),
                impressions: Some(followers / 2),
                likes: Some(followers / 40 + bump),
                comments: Some(followers / 900),
                ..DailyMetrics::new(on, followers)
            };
            rows.push(metric(id, m));
        }
    }
    rows
}

/// In a new workspace `name`: imports `accounts` accounts (one creator each),
/// then `accounts × days` daily metric rows in one session, then the same rows
/// again with other values (every row an update); returns how long each took.
pub async fn time_bulk_import(store: &dyn Store, name: &str, accounts: usize, days: usize) -> Vec<TimedStep> {
    let ws = workspace(store, name).await;
    let creators: Vec<String> = (0..accounts).map(|i| format!("Creator {i:07}")).collect();
    let handles: Vec<String> = (0..accounts).map(|i| format!("handle{i}")).collect();
    let input: Vec<NewAccount> = (0..accounts)
        .map(|i| {
            Row::new(&creators[i], Platform::ALL[i % Platform::ALL.len()], &handles[i], 1_000 + i as u64).build("tm", i)
        })
        .collect();
    let mut steps = Vec::new();

    let started = Instant::now();
    let mut s = ok("begin", store.begin(&ws).await);
    let ids = ok("upsert_accounts", s.upsert_accounts(&input).await);
    ok("commit", s.commit().await);
    steps.push(TimedStep { step: "accounts: insert", rows: accounts as u64, took: started.elapsed() });

    for (step, bump) in [("metrics: insert", 0), ("metrics: update", 1)] {
        let rows = history(&ids, days, date(2022, 1, 1), bump);
        let started = Instant::now();
        let mut s = ok("begin", store.begin(&ws).await);
        ok("upsert_metrics", s.upsert_metrics(&rows).await);
        ok("commit", s.commit().await);
        steps.push(TimedStep { step, rows: rows.len() as u64, took: started.elapsed() });
    }
    let counts = ok("counts", store.counts(&ws).await);
    assert_eq!(counts.metric_days, (accounts * days) as u64, "every row stored once");
    steps
}
