//! A real server on a free port over a fresh SQLite file, with two workspaces
//! (`acme` and `rival`) holding the same kinds of data: two creators each with an
//! account, a campaign, per creator a link, a code, a click and an order, a shop, and
//! an API token per role (the creator token bound to the first creator).

#![allow(clippy::expect_used, dead_code)] // test helpers: a panic is the failure report

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, Utc};
use flightdeck_core::domain::{
    AccountId, AgentClass, Brand, Campaign, CampaignId, Click, ClickId, CodeId, Country, CreatorId, Currency,
    DiscountCode, Domain, Flight, FlightId, Goal, Handle, LinkId, Money, Name, Order, OrderId, Platform, ShopId,
    TrackingLink, Workspace, WorkspaceId, WorkspaceName,
};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_server::auth::accounts::{self, UserSpec};
use flightdeck_server::auth::secret;
use flightdeck_server::track::TrackSettings;
use flightdeck_server::AppState;
use flightdeck_store::{NewAccount, Record, Role, Shop, ShopSecret, Store};
use flightdeck_store_sqlite::SqliteStore;
use rand::SeedableRng;

/// One workspace and the ids of what it holds.
pub struct Tenant {
    /// The workspace.
    pub workspace: Workspace,
    /// Two creators; the `creator` token is bound to the first.
    pub creators: [CreatorId; 2],
    /// The campaign.
    pub campaign: CampaignId,
    /// Its flight (the last 30 days to the next 30).
    pub flight: FlightId,
    /// Per creator: a link, a code, a click, an order.
    pub links: [LinkId; 2],
    /// The codes' ids.
    pub codes: [CodeId; 2],
    /// The codes customers type.
    pub code_texts: [String; 2],
    /// The clicks' ids.
    pub clicks: [ClickId; 2],
    /// The orders' ids (the first carries the first creator's code, the second the
    /// second creator's click id).
    pub orders: [OrderId; 2],
    /// The shop.
    pub shop: ShopId,
    /// An API token per role.
    pub tokens: BTreeMap<Role, String>,
    /// The id of the admin token.
    pub admin_token_id: String,
    /// A session cookie value of an admin user.
    pub admin_session: String,
}

impl Tenant {
    /// The token of `role`.
    pub fn token(&self, role: Role) -> &str {
        self.tokens.get(&role).map(String::as_str).expect("a token per role")
    }
}

/// The running server and its two workspaces.
pub struct World {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The store under it.
    pub store: Arc<dyn Store>,
    /// The first workspace.
    pub a: Tenant,
    /// The second workspace.
    pub b: Tenant,
    _dir: tempfile::TempDir,
}

fn workspace(rng: &mut rand_chacha::ChaCha8Rng, name: &str, domain: &str) -> Workspace {
    Workspace {
        id: WorkspaceId::generate(rng),
        name: WorkspaceName::parse(name).expect("name"),
        brand: Brand {
            name: Name::parse(name).expect("name"),
            allowed_domains: vec![Domain::parse(domain).expect("domain")],
            competitors: vec![],
            country: Country::parse("NL").expect("country"),
        },
    }
}

async fn fill(store: &dyn Store, rng: &mut rand_chacha::ChaCha8Rng, name: &str, seq: u8) -> Tenant {
    let domain = format!("shop.{name}.nl");
    let ws = workspace(rng, name, &domain);
    store.create_workspace(&ws).await.expect("workspace");
    let creators = [CreatorId::generate(rng), CreatorId::generate(rng)];
    let campaign = CampaignId::generate(rng);
    let flight = FlightId::generate(rng);
    let links = [LinkId::generate(rng), LinkId::generate(rng)];
    let codes = [CodeId::generate(rng), CodeId::generate(rng)];
    let clicks = [ClickId::generate(rng), ClickId::generate(rng)];
    let orders = [OrderId::generate(rng), OrderId::generate(rng)];
    let code_texts = [format!("{}ANNA{seq}", name.to_uppercase()), format!("{}BOB{seq}", name.to_uppercase())];
    let mut session = store.begin(&ws.id).await.expect("session");
    let accounts: Vec<NewAccount> = creators
        .iter()
        .zip(["Anna", "Bob"])
        .map(|(id, who)| NewAccount {
            new_creator_id: id.clone(),
            new_account_id: AccountId::generate(rng),
            creator_name: Name::parse(&format!("{who} {name}")).expect("name"),
            platform: Platform::Instagram,
            handle: Handle::parse(&format!("{who}_{name}")).expect("handle"),
            followers: 12_000,
            country: Some(Country::parse("NL").expect("country")),
            language: None,
            niche: Some("food".to_owned()),
            url: None,
            email_hash: None,
        })
        .collect();
    session.upsert_accounts(&accounts).await.expect("creators");
    let now = Utc::now() - Duration::hours(1);
    let mut records = vec![Record::Campaign(Campaign {
        id: campaign.clone(),
        name: Name::parse("Zomer").expect("name"),
        slug: "zomer".to_owned(),
        goal: Goal::Conversion,
        budget: Money::new(1_000_000, Currency::EUR),
        kpis: vec![],
        landing_url: None,
    })];
    records.push(Record::Flight(Flight {
        id: flight.clone(),
        campaign_id: campaign.clone(),
        name: Name::parse("Flight 1").expect("name"),
        starts_on: (now - Duration::days(30)).date_naive(),
        ends_on: (now + Duration::days(30)).date_naive(),
        budget: Money::new(500_000, Currency::EUR),
    }));
    for i in 0..2 {
        records.push(Record::Link(TrackingLink {
            id: links[i].clone(),
            code: format!("{name}{i}{seq}code"),
            campaign_id: campaign.clone(),
            creator_id: creators[i].clone(),
            deliverable_id: None,
            destination: format!("https://{domain}/?utm_source=instagram"),
            created_at: now,
        }));
        records.push(Record::Code(DiscountCode {
            id: codes[i].clone(),
            code: code_texts[i].clone(),
            campaign_id: campaign.clone(),
            creator_id: Some(creators[i].clone()),
            percent_off: 10,
        }));
        records.push(Record::Click(Click {
            id: clicks[i].clone(),
            link_id: links[i].clone(),
            at: now,
            agent: AgentClass::Mobile,
            referrer_host: None,
            country: None,
            consent: true,
            visitor_hash: None,
        }));
        records.push(Record::Order(Order {
            id: orders[i].clone(),
            shop_platform: "shopify".to_owned(),
            external_id: format!("{name}-{i}"),
            placed_at: now + Duration::minutes(5),
            total: Money::new(4_995, Currency::EUR),
            refunded: Money::new(0, Currency::EUR),
            codes: if i == 0 { vec![code_texts[0].clone()] } else { vec![] },
            utm_source: None,
            utm_medium: None,
            utm_campaign: None,
            click_id: (i == 1).then(|| clicks[1].to_string()),
            customer_hash: None,
        }));
    }
    session.insert_records(&records).await.expect("records");
    session.commit().await.expect("commit");
    let shop = ShopId::generate(rng);
    store
        .add_shop(&Shop {
            id: shop.clone(),
            workspace_id: ws.id.clone(),
            platform: ShopPlatform::Shopify,
            domain: format!("{name}.myshopify.com"),
            secret: ShopSecret::new("s3cret"),
            created_at: now,
        })
        .await
        .expect("shop");
    let mut tokens = BTreeMap::new();
    let mut admin_token_id = String::new();
    for role in Role::ALL {
        let creator = (role == Role::Creator).then(|| creators[0].to_string());
        let (t, secret) = accounts::create_token(store, &ws.id, role, creator.as_deref(), "test").await.expect("token");
        if role == Role::Admin {
            admin_token_id = t.id;
        }
        tokens.insert(role, secret);
    }
    let spec =
        UserSpec { email: &format!("admin@{name}.nl"), password: "a password", role: Role::Admin, creator: None };
    let user = accounts::create_user(store, &ws.id, spec).await.expect("user");
    let admin_session = secret::random_secret();
    store
        .create_session(&secret::sha256_hex(&admin_session), &user.id, Utc::now() + Duration::hours(1))
        .await
        .expect("session");
    Tenant {
        workspace: ws,
        creators,
        campaign,
        flight,
        links,
        codes,
        code_texts,
        clicks,
        orders,
        shop,
        tokens,
        admin_token_id,
        admin_session,
    }
}

impl World {
    /// Starts the server over two filled workspaces.
    pub async fn start() -> World {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("api.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.expect("a SQLite store"));
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
        let a = fill(store.as_ref(), &mut rng, "acme", 1).await;
        let b = fill(store.as_ref(), &mut rng, "rival", 2).await;
        let state = AppState::with_tracking(store.clone(), TrackSettings::new("sqlite"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = flightdeck_server::serve(listener, state, std::future::pending()).await;
        });
        World { base, store, a, b, _dir: dir }
    }

    /// A request to `path` (under the base) with `method`.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        reqwest::Client::new().request(method, format!("{}{path}", self.base))
    }
}
