//! The store's conformance suite against SQLite: every scenario on a fresh
//! database file of its own.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

use flightdeck_store::conformance;
use flightdeck_store_sqlite::SqliteStore;

async fn run(scenario: &'static str) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("conformance.db").display());
    let store = SqliteStore::open(&url).await.expect("a fresh SQLite store");
    conformance::run_scenario(scenario, &store).await;
    store.pool().close().await;
}

flightdeck_store::conformance_tests!(run);

/// All scenarios in turn on one database, as a long-lived store sees them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_scenarios_share_one_database() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let store = SqliteStore::open(&url).await.expect("a fresh SQLite store");
    conformance::run_all(&store).await;
}

/// Times a bulk import of 1,000,000 metric rows (1,000 accounts × 1,000 days):
/// `cargo test --release -p flightdeck-store-sqlite --test conformance -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run on demand"]
async fn bulk_import_timing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("timing.db").display());
    let store = SqliteStore::open(&url).await.expect("a fresh SQLite store");
    for step in conformance::time_bulk_import(&store, "timing", 1_000, 1_000).await {
        println!(
            "sqlite  {:<18} {:>9} rows  {:>8.2} s  {:>9.0} rows/s",
            step.step,
            step.rows,
            step.took.as_secs_f64(),
            step.rate()
        );
    }
}
