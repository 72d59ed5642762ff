//! A real server on a free port over a fresh SQLite file (or a fresh PostgreSQL
//! database), with a workspace `linnenlab` whose Shopify shop
//! `linnenlab.myshopify.com` and WooCommerce shop `linnenlab.nl` are registered with
//! the secret the ingest fixtures are signed with.

#![allow(clippy::expect_used, clippy::unwrap_used, dead_code)] // test helpers: a panic is the failure report

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use chrono::Utc;
use flightdeck_core::domain::{Brand, Country, Domain, Name, Order, ShopId, Workspace, WorkspaceId, WorkspaceName};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_server::AppState;
use flightdeck_store::{Role, Shop, ShopSecret, Store};
use flightdeck_store_postgres::PgStore;
use flightdeck_store_sqlite::SqliteStore;
use sqlx::{Connection, PgConnection};

/// The secret the fixtures are signed with.
pub const SECRET: &str = "flightdeck-test-secret";

/// A running server and what it serves.
pub struct HookServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The store under it.
    pub store: Arc<dyn Store>,
    /// The workspace the shops belong to.
    pub workspace: Workspace,
    client: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

/// One answer: status and JSON body (`Null` when the body is not JSON).
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub json: serde_json::Value,
}

impl Answer {
    /// `status` of a 200 answer (`stored`, `duplicate`, …), or `error.code` otherwise.
    pub fn word(&self) -> String {
        let v = if self.status == 200 { &self.json["status"] } else { &self.json["error"]["code"] };
        v.as_str().unwrap_or("").to_owned()
    }
}

fn workspace() -> Workspace {
    Workspace {
        id: WorkspaceId::parse("ws_linnenlab").unwrap(),
        name: WorkspaceName::parse("linnenlab").unwrap(),
        brand: Brand {
            name: Name::parse("Linnenlab").unwrap(),
            allowed_domains: vec![Domain::parse("linnenlab.nl").unwrap()],
            competitors: vec![],
            country: Country::NL,
        },
    }
}

impl HookServer {
    /// A server over a fresh SQLite file.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("hooks.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.expect("a SQLite store"));
        Self::start(store, Some(dir), None).await
    }

    /// A server over a fresh PostgreSQL database, or `None` outside CI when
    /// `FLIGHTDECK_TEST_POSTGRES` is not set (in CI that fails the test).
    pub async fn postgres(label: &str) -> Option<Self> {
        let admin = match std::env::var("FLIGHTDECK_TEST_POSTGRES") {
            Ok(url) if !url.trim().is_empty() => url,
            _ => {
                let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
                assert!(!ci, "FLIGHTDECK_TEST_POSTGRES is not set, and CI is: source .ci/pg.sh");
                eprintln!("notice: FLIGHTDECK_TEST_POSTGRES is not set; skipping a PostgreSQL test");
                return None;
            }
        };
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!("fd_test_hooks_{label}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let mut conn = PgConnection::connect(&admin).await.expect("connect to FLIGHTDECK_TEST_POSTGRES");
        sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create a database");
        conn.close().await.ok();
        let mut url = url::Url::parse(&admin).expect("a URL");
        url.set_path(&format!("/{name}"));
        let store: Arc<dyn Store> = Arc::new(PgStore::open(url.as_str()).await.expect("a PostgreSQL store"));
        Some(Self::start(store, None, Some((admin, name))).await)
    }

    async fn start(store: Arc<dyn Store>, dir: Option<tempfile::TempDir>, pg: Option<(String, String)>) -> Self {
        let workspace = workspace();
        store.create_workspace(&workspace).await.expect("workspace");
        for (n, platform, domain) in
            [(1, ShopPlatform::Shopify, "linnenlab.myshopify.com"), (2, ShopPlatform::WooCommerce, "linnenlab.nl")]
        {
            let shop = Shop {
                id: ShopId::parse(&format!("sh_linnenlab{n}")).unwrap(),
                workspace_id: workspace.id.clone(),
                platform,
                domain: domain.to_owned(),
                secret: ShopSecret::new(SECRET),
                created_at: Utc::now(),
            };
            store.add_shop(&shop).await.expect("a shop");
        }
        let state = AppState::new(store.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = flightdeck_server::serve(listener, state, std::future::pending()).await;
        });
        HookServer { base, store, workspace, client: reqwest::Client::new(), _dir: dir, pg }
    }

    /// POSTs `body` with `headers` to `path`.
    pub async fn post(&self, path: &str, headers: &[(String, String)], body: &[u8]) -> Answer {
        let mut req = self.client.post(format!("{}{path}", self.base)).body(body.to_vec());
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let res = req.send().await.expect("the server answers");
        let status = res.status().as_u16();
        let json = res.json().await.unwrap_or(serde_json::Value::Null);
        Answer { status, json }
    }

    /// Sends the fixture `name` with its own headers to the platform's webhook.
    pub async fn deliver(&self, name: &str) -> Answer {
        self.post(path_of(name), &headers(name), &body(name)).await
    }

    /// The workspace's orders.
    pub async fn orders(&self) -> Vec<Order> {
        self.store.list_orders(&self.workspace.id).await.expect("orders")
    }

    /// `POST /api/v1/erasure` for `customer` with a fresh token of `role`.
    pub async fn erase(&self, role: Role, customer: &str) -> Answer {
        let (_, token) = flightdeck_server::auth::accounts::create_token(
            self.store.as_ref(),
            &self.workspace.id,
            role,
            None,
            "erasure",
        )
        .await
        .expect("a token");
        let res = self
            .client
            .post(format!("{}/api/v1/erasure", self.base))
            .bearer_auth(token)
            .json(&serde_json::json!({ "customer": customer }))
            .send()
            .await
            .expect("the server answers");
        let status = res.status().as_u16();
        let json = res.json().await.unwrap_or(serde_json::Value::Null);
        Answer { status, json }
    }

    /// The workspace's customer-hash key.
    pub async fn customer_key(&self) -> Vec<u8> {
        flightdeck_server::webhooks::customer_key(self.store.as_ref(), &self.workspace.id).await.expect("key")
    }

    /// Drops the PostgreSQL database, if any.
    pub async fn finish(self) {
        if let Some((admin, name)) = self.pg {
            drop(self.store);
            let mut conn = PgConnection::connect(&admin).await.expect("connect");
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
            conn.close().await.ok();
        }
    }
}

/// The webhook path of a fixture (by its platform prefix).
pub fn path_of(name: &str) -> &'static str {
    if name.starts_with("shopify") {
        "/webhooks/shopify"
    } else {
        "/webhooks/woocommerce"
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../flightdeck-ingest/tests/fixtures").join(name)
}

/// The raw bytes of a fixture.
pub fn body(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The headers stored next to a fixture (`x.json` → `x.headers.json`).
pub fn headers(name: &str) -> Vec<(String, String)> {
    let stem = name.split('.').next().unwrap();
    let text = std::fs::read_to_string(fixture(&format!("{stem}.headers.json"))).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter().map(|(k, v)| (k, v.as_str().unwrap().to_owned())).collect()
}

/// The same headers with one replaced (or added).
pub fn with_header(mut headers: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    headers.push((name.to_owned(), value.to_owned()));
    headers
}
