//! A fresh PostgreSQL database per test, on the server `FLIGHTDECK_TEST_POSTGRES` names.

#![allow(dead_code, clippy::expect_used)] // test support: a panic is the failure report

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use flightdeck_store_postgres::PgStore;
use sqlx::{Connection, PgConnection};

/// The variable naming the server (a URL whose user may create databases).
pub const VAR: &str = "FLIGHTDECK_TEST_POSTGRES";

/// A database made for one test.
pub struct TestDb {
    /// Its name (`fd_test_…`).
    pub name: String,
    /// Its URL.
    pub url: String,
    /// The store opened on it (migrated).
    pub store: Arc<PgStore>,
    admin_url: String,
}

/// The server's URL, or `None` (after a notice) when it is not set outside CI.
/// In CI a missing server fails the test: it must not pass without running.
pub fn server_url() -> Option<String> {
    match std::env::var(VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            let in_ci = std::env::var("CI").map(|v| !v.is_empty() && v != "false" && v != "0").unwrap_or(false);
            assert!(!in_ci, "{VAR} is not set, and CI is: the PostgreSQL tests must run in CI (see .ci/pg.sh)");
            eprintln!("notice: {VAR} is not set; skipping a PostgreSQL test (source .ci/pg.sh to run it)");
            None
        }
    }
}

/// `url` with its database replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let mut u = url::Url::parse(url).expect("FLIGHTDECK_TEST_POSTGRES is a URL");
    u.set_path(&format!("/{db}"));
    u.to_string()
}

fn unique_name(label: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let label: String = label.chars().filter(char::is_ascii_alphanumeric).take(24).collect::<String>().to_lowercase();
    format!("fd_test_{label}_{}_{nanos:x}_{n}", std::process::id())
}

impl TestDb {
    /// Creates a fresh database, with a linguistic (ICU) default collation when the
    /// server has one, so that byte-order sorting is really put to the test.
    pub async fn create(label: &str) -> Option<TestDb> {
        let admin_url = server_url()?;
        let name = unique_name(label);
        let mut admin = PgConnection::connect(&admin_url).await.expect("connect to FLIGHTDECK_TEST_POSTGRES");
        let icu = format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        );
        if sqlx::raw_sql(&icu).execute(&mut admin).await.is_err() {
            sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create a test database");
        }
        admin.close().await.ok();
        let url = with_database(&admin_url, &name);
        let store = Arc::new(PgStore::open(&url).await.expect("open the fresh test database"));
        Some(TestDb { name, url, store, admin_url })
    }

    /// Closes the store and drops the database.
    pub async fn drop_database(self) {
        self.store.close().await;
        let mut admin = PgConnection::connect(&self.admin_url).await.expect("connect to FLIGHTDECK_TEST_POSTGRES");
        sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
            .execute(&mut admin)
            .await
            .expect("drop the test database");
        admin.close().await.ok();
    }
}
