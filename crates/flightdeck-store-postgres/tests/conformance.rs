//! The store's conformance suite against PostgreSQL: every scenario in a fresh
//! database of its own (`CREATE DATABASE fd_test_…`, dropped afterwards), so the
//! tests run in parallel.
//!
//! They need a server: `FLIGHTDECK_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres`
//! (a user allowed to create databases; `.ci/pg.sh` starts one). Without it they
//! pass with a notice on a developer's machine, and fail in CI (`CI` set), where a
//! test that needs PostgreSQL must not be skipped silently.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

mod support;

use flightdeck_store::conformance;

async fn run(scenario: &'static str) {
    let Some(db) = support::TestDb::create(scenario).await else { return };
    let store = db.store.clone();
    let outcome = tokio::spawn(async move { conformance::run_scenario(scenario, &*store).await }).await;
    db.drop_database().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

flightdeck_store::conformance_tests!(run);

/// All scenarios in turn on one database, as a long-lived store sees them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_scenarios_share_one_database() {
    let Some(db) = support::TestDb::create("all").await else { return };
    let store = db.store.clone();
    let outcome = tokio::spawn(async move { conformance::run_all(&*store).await }).await;
    db.drop_database().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Opening an already migrated database applies nothing twice and keeps its rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_again_keeps_the_schema_and_rows() {
    use flightdeck_store::Store;
    let Some(db) = support::TestDb::create("reopen").await else { return };
    let ws = flightdeck_core::domain::Workspace {
        id: "ws_reopen".parse().expect("id"),
        name: flightdeck_core::domain::WorkspaceName::parse("reopen").expect("name"),
        brand: serde_json::from_value(serde_json::json!({
            "name": "Reopen BV", "allowed_domains": [], "competitors": [], "country": "NL"
        }))
        .expect("brand"),
    };
    db.store.create_workspace(&ws).await.expect("create");
    let again = flightdeck_store_postgres::PgStore::open(&db.url).await.expect("open again");
    let found = again.find_workspace("reopen").await.expect("find");
    again.close().await;
    db.drop_database().await;
    assert_eq!(found, Some(ws));
}

/// Times a bulk import of 1,000,000 metric rows (1,000 accounts × 1,000 days):
/// `cargo test --release -p flightdeck-store-postgres --test conformance -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run on demand"]
async fn bulk_import_timing() {
    let Some(db) = support::TestDb::create("timing").await else { return };
    let steps = conformance::time_bulk_import(&*db.store, "timing", 1_000, 1_000).await;
    db.drop_database().await;
    for step in steps {
        println!(
            "postgres {:<18} {:>9} rows  {:>8.2} s  {:>9.0} rows/s",
            step.step,
            step.rows,
            step.took.as_secs_f64(),
            step.rate()
        );
    }
}
