//! A real server on a free port over a fresh SQLite file, with a brand allowing
//! `shop.example.nl`, one creator (`@janedoe` on Instagram) and one campaign.

#![allow(clippy::expect_used, dead_code)] // test helpers: a panic is the failure report

use std::sync::Arc;

use flightdeck_core::domain::{
    AccountId, Brand, Campaign, CampaignId, Country, CreatorId, Currency, Domain, Goal, Handle, Money, Name, Platform,
    Workspace, WorkspaceId, WorkspaceName,
};
use flightdeck_server::track::links::{create_link, LinkView, NewLink};
use flightdeck_server::track::TrackSettings;
use flightdeck_server::AppState;
use flightdeck_store::{ApiToken, NewAccount, NewApiToken, Record, Role, Store};
use flightdeck_store_sqlite::SqliteStore;
use rand::SeedableRng;

/// A running server and what it serves.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The store under it.
    pub store: Arc<dyn Store>,
    /// The server's state (cache, writer).
    pub state: AppState,
    /// The workspace.
    pub workspace: Workspace,
    /// The campaign (slug `zomer-2025`).
    pub campaign: CampaignId,
    /// The creator (`janedoe` on Instagram).
    pub creator: CreatorId,
    _dir: tempfile::TempDir,
}

/// A client that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("an HTTP client")
}

/// A browser's User-Agent.
pub const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

impl TestServer {
    /// Starts a server (country from `CF-IPCountry`).
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("track.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.expect("a SQLite store"));
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
        let workspace = Workspace {
            id: WorkspaceId::generate(&mut rng),
            name: WorkspaceName::parse("acme").expect("name"),
            brand: Brand {
                name: Name::parse("Acme").expect("name"),
                allowed_domains: vec![Domain::parse("shop.example.nl").expect("domain")],
                competitors: vec![],
                country: Country::parse("NL").expect("country"),
            },
        };
        store.create_workspace(&workspace).await.expect("workspace");
        let creator = CreatorId::generate(&mut rng);
        let campaign = CampaignId::generate(&mut rng);
        let mut session = store.begin(&workspace.id).await.expect("session");
        session
            .upsert_accounts(&[NewAccount {
                new_creator_id: creator.clone(),
                new_account_id: AccountId::generate(&mut rng),
                creator_name: Name::parse("Jane Doe").expect("name"),
                platform: Platform::Instagram,
                handle: Handle::parse("@JaneDoe").expect("handle"),
                followers: 12_000,
                country: None,
                language: None,
                niche: None,
                url: None,
                email_hash: None,
            }])
            .await
            .expect("creator");
        session
            .insert_records(&[Record::Campaign(Campaign {
                id: campaign.clone(),
                name: Name::parse("Zomer 2025").expect("name"),
                slug: "zomer-2025".to_owned(),
                goal: Goal::Conversion,
                budget: Money::new(1_000_000, Currency::EUR),
                kpis: vec![],
                landing_url: None,
            })])
            .await
            .expect("campaign");
        session.commit().await.expect("commit");

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let mut settings = TrackSettings::new("sqlite");
        settings.country_header = Some(axum::http::HeaderName::from_static("cf-ipcountry"));
        settings.public_url = base.clone();
        let state = AppState::with_tracking(store.clone(), settings);
        let serving = state.clone();
        tokio::spawn(async move {
            let _ = flightdeck_server::serve(listener, serving, std::future::pending()).await;
        });
        TestServer { base, store, state, workspace, campaign, creator, _dir: dir }
    }

    /// Creates a link to `destination` through the link engine.
    pub async fn link(&self, destination: &str) -> LinkView {
        let new = NewLink {
            campaign: self.campaign.to_string(),
            creator: self.creator.to_string(),
            destination: destination.to_owned(),
            ..NewLink::default()
        };
        create_link(self.store.as_ref(), &self.workspace, &new, &self.base).await.expect("a link")
    }

    /// A fresh API token of `role` in the workspace (`creator`: bound to the creator).
    pub async fn token(&self, role: Role) -> String {
        let secret = flightdeck_server::auth::secret::new_api_token();
        let token = ApiToken {
            id: flightdeck_server::auth::secret::new_id("tk"),
            workspace: self.workspace.id.clone(),
            role,
            creator: (role == Role::Creator).then(|| self.creator.clone()),
            label: "test".to_owned(),
            created_at: chrono::Utc::now(),
        };
        let hash = flightdeck_server::auth::secret::sha256_hex(&secret);
        self.store.create_token(&NewApiToken { token, token_hash: hash }).await.expect("a token");
        secret
    }

    /// The stored clicks of the workspace.
    pub async fn clicks(&self) -> Vec<flightdeck_core::domain::Click> {
        self.store.list_clicks(&self.workspace.id, None).await.expect("clicks")
    }
}
