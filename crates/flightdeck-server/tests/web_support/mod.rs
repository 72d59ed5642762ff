//! The demo workspace (the generator of `flightdeck demo`, `n` creators, its two
//! campaigns with links, codes, clicks and orders) in a fresh SQLite file, plus a
//! creator planted for the dashboard tests: "Sanne Script" (niche `xss-test`) with a
//! sudden follower jump and a sponsored post whose caption holds a `<script>`; an
//! admin, a viewer and a creator user; a real server on a free port.
//!
//! Shared by the dashboard's HTTP tests, its browser tests and its render-time bench.

#![allow(clippy::expect_used, dead_code)] // test helpers: a panic is the failure report

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use flightdeck_core::compliance::{self, PostInput};
use flightdeck_core::demo::{self, DemoCampaigns, DemoCreator, DemoPost};
use flightdeck_core::domain::{
    Account, AccountId, CreatorId, DailyMetrics, Handle, Name, Platform, Post, PostFormat, PostId, PostMetrics,
    WorkspaceId,
};
use flightdeck_server::auth::accounts::{create_user, UserSpec};
use flightdeck_server::AppState;
use flightdeck_store::{AccountIdRef, AudienceRow, MetricRow, NewAccount, PostRow, Record, Role, Store};
use flightdeck_store_sqlite::SqliteStore;
use rand::SeedableRng;

/// The admin's sign-in.
pub const ADMIN: (&str, &str) = ("admin@example.com", "correct-horse-battery");
/// The viewer's sign-in.
pub const VIEWER: (&str, &str) = ("viewer@example.com", "viewer-password-1");
/// The creator user's sign-in (a creator of the campaigns).
pub const CREATOR: (&str, &str) = ("creator@example.com", "creator-password-1");
/// The planted creator's niche (unique in the workspace).
pub const XSS_NICHE: &str = "xss-test";
/// The planted post's caption.
pub const XSS_CAPTION: &str =
    "<script>window.__xss = 1</script> Nieuwe zonnebrand van @duinhart! Shop via de link in bio <b>nu</b>";

/// A running server over the demo workspace.
pub struct DemoServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The store under it.
    pub store: Arc<dyn Store>,
    /// The server's state.
    pub state: AppState,
    /// The workspace.
    pub workspace: WorkspaceId,
    /// The planted creator.
    pub xss_creator: CreatorId,
    /// The creator the creator user is bound to.
    pub portal_creator: CreatorId,
    _dir: tempfile::TempDir,
}

impl DemoServer {
    /// Builds the demo workspace with `creators` creators and serves it.
    pub async fn start(creators: u64) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("web.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.expect("a SQLite store"));
        let (workspace, xss_creator, portal_creator) = build(store.as_ref(), creators).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let mut settings = flightdeck_server::track::TrackSettings::new("sqlite");
        settings.public_url = base.clone();
        let state = AppState::with_tracking(store.clone(), settings);
        let serving = state.clone();
        tokio::spawn(async move {
            let _ = flightdeck_server::serve(listener, serving, std::future::pending()).await;
        });
        DemoServer { base, store, state, workspace, xss_creator, portal_creator, _dir: dir }
    }
}

/// Writes the demo workspace, the planted creator and the users; returns the
/// workspace, the planted creator and the portal user's creator.
pub async fn build(store: &dyn Store, creators: u64) -> (WorkspaceId, CreatorId, CreatorId) {
    let brand = demo::brand(42);
    let ws = brand.workspace.id.clone();
    store.create_workspace(&brand.workspace).await.expect("workspace");
    store.save_personas(&ws, &brand.personas).await.expect("personas");
    let mut summaries = Vec::new();
    let mut start = 0;
    while start < creators {
        let end = (start + 256).min(creators);
        let chunk: Vec<DemoCreator> = (start..end).map(|i| demo::creator(42, i)).collect();
        write_chunk(store, &ws, &chunk).await;
        summaries.extend(chunk.iter().map(DemoCreator::summary));
        start = end;
    }
    let accounts: HashMap<AccountId, Account> =
        summaries.iter().flat_map(|s| s.creator.accounts.iter()).map(|a| (a.id.clone(), a.clone())).collect();
    let campaigns = demo::campaigns(42, &summaries);
    write_campaigns(store, &ws, &campaigns, &accounts).await;
    let xss = plant_creator(store, &ws).await;
    let portal = campaigns
        .collaborations
        .iter()
        .find(|c| campaigns.orders.iter().any(|o| o.codes.iter().any(|code| code.eq_ignore_ascii_case(&c.code.code))))
        .or(campaigns.collaborations.first())
        .map(|c| c.collaboration.creator_id.clone())
        .expect("the demo has collaborations");
    for ((email, password), role, creator) in
        [(ADMIN, Role::Admin, None), (VIEWER, Role::Viewer, None), (CREATOR, Role::Creator, Some(portal.as_str()))]
    {
        create_user(store, &ws, UserSpec { email, password, role, creator }).await.expect("a user");
    }
    (ws, xss, portal)
}

async fn write_chunk(store: &dyn Store, ws: &WorkspaceId, chunk: &[DemoCreator]) {
    let mut s = store.begin(ws).await.expect("session");
    let accounts: Vec<NewAccount> = chunk
        .iter()
        .flat_map(|c| c.creator.accounts.iter().map(move |a| new_account(&c.creator.id, c.creator.name.clone(), a)))
        .collect();
    s.upsert_accounts(&accounts).await.expect("accounts");
    let metrics: Vec<MetricRow> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .flat_map(|h| {
            let account = AccountIdRef::new(&h.account_id).expect("a short id");
            h.metrics.iter().map(move |m| MetricRow { account, metrics: *m })
        })
        .collect();
    s.upsert_metrics(&metrics).await.expect("metrics");
    let audiences: Vec<AudienceRow> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .map(|h| AudienceRow { account_id: h.account_id.clone(), audience: h.audience.clone() })
        .collect();
    s.upsert_audiences(&audiences).await.expect("audiences");
    let mut posts = Vec::new();
    for c in chunk {
        for h in &c.histories {
            let account = c.creator.accounts.iter().find(|a| a.id == h.account_id);
            posts.extend(h.posts.iter().map(|p| checked(p, account)));
        }
    }
    s.insert_posts(&posts).await.expect("posts");
    let comments: Vec<_> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .flat_map(|h| h.posts.iter())
        .flat_map(|p| p.comments.iter().cloned())
        .collect();
    s.insert_comments(&comments).await.expect("comments");
    s.commit().await.expect("commit");
}

fn checked(p: &DemoPost, account: Option<&Account>) -> PostRow {
    let compliance = account.and_then(|a| p.compliance(a)).and_then(|r| serde_json::to_value(r).ok());
    PostRow { post: p.post.clone(), compliance }
}

fn new_account(creator: &CreatorId, name: Name, a: &Account) -> NewAccount {
    NewAccount {
        new_creator_id: creator.clone(),
        new_account_id: a.id.clone(),
        creator_name: name,
        platform: a.platform,
        handle: a.handle.clone(),
        followers: a.followers,
        country: a.country,
        language: a.language,
        niche: a.niche.clone(),
        url: a.url.clone(),
        email_hash: None,
    }
}

async fn write_campaigns(
    store: &dyn Store,
    ws: &WorkspaceId,
    campaigns: &DemoCampaigns,
    accounts: &HashMap<AccountId, Account>,
) {
    let mut records: Vec<Record> = campaigns.campaigns.iter().cloned().map(Record::Campaign).collect();
    records.extend(campaigns.flights.iter().cloned().map(Record::Flight));
    let mut posts = Vec::new();
    for c in &campaigns.collaborations {
        records.push(Record::Collaboration(c.collaboration.clone()));
        records.push(Record::Brief(c.brief.clone()));
        records.push(Record::Contract(c.contract.clone()));
        records.extend(c.deliverables.iter().cloned().map(Record::Deliverable));
        records.extend(c.links.iter().cloned().map(Record::Link));
        records.push(Record::Code(c.code.clone()));
        posts.extend(c.posts.iter().map(|live| checked(&live.post, accounts.get(&c.account_id))));
    }
    records.extend(campaigns.clicks.iter().cloned().map(Record::Click));
    records.extend(campaigns.orders.iter().cloned().map(Record::Order));
    let mut s = store.begin(ws).await.expect("session");
    s.insert_posts(&posts).await.expect("live posts");
    s.insert_records(&records).await.expect("campaign records");
    s.commit().await.expect("commit");
    let views: Vec<flightdeck_store::ExposureRow> = campaigns
        .exposures
        .iter()
        .map(|e| flightdeck_store::ExposureRow { exposure: e.clone(), source: Some("demo-ads".to_owned()) })
        .collect();
    store.insert_exposures(ws, &views).await.expect("view exposures");
}

/// "Sanne Script": 120 days of followers with a one-day jump of 60% on day 80, and
/// a sponsored post without disclosure whose caption holds markup.
async fn plant_creator(store: &dyn Store, ws: &WorkspaceId) -> CreatorId {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let creator = CreatorId::generate(&mut rng);
    let account = AccountId::generate(&mut rng);
    let row = NewAccount {
        new_creator_id: creator.clone(),
        new_account_id: account.clone(),
        creator_name: Name::parse("Sanne <Script> & Co").expect("name"),
        platform: Platform::Instagram,
        handle: Handle::parse("sanne_script").expect("handle"),
        followers: 31_000,
        country: flightdeck_core::domain::Country::parse("NL").ok(),
        language: flightdeck_core::domain::Language::parse("nl").ok(),
        niche: Some(XSS_NICHE.to_owned()),
        url: None,
        email_hash: None,
    };
    let mut s = store.begin(ws).await.expect("session");
    s.upsert_accounts(&[row]).await.expect("planted creator");
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let account_ref = AccountIdRef::new(&account).expect("a short id");
    let metrics: Vec<MetricRow> = (0..120)
        .map(|i| {
            let base = 18_000 + i * 20;
            let followers = if i >= 80 { base + 11_000 } else { base };
            let mut m = DailyMetrics::new(first + Duration::days(i as i64), followers);
            m.likes = Some(600 + (i * 7) % 90);
            m.comments = Some(25 + i % 9);
            MetricRow { account: account_ref, metrics: m }
        })
        .collect();
    s.upsert_metrics(&metrics).await.expect("planted metrics");
    let post = Post {
        id: PostId::generate(&mut rng),
        account_id: account.clone(),
        external_id: None,
        caption: XSS_CAPTION.to_owned(),
        hashtags: vec![],
        format: PostFormat::Post,
        published_at: Utc.with_ymd_and_hms(2026, 4, 30, 18, 0, 0).single().expect("time"),
        paid_partnership_label: Some(false),
        metrics: PostMetrics { likes: Some(700), comments: Some(30), ..PostMetrics::default() },
    };
    let input = PostInput {
        platform: Some("instagram".into()),
        format: Some("post".into()),
        country: Some("NL".into()),
        language: Some("nl".into()),
        caption: Some(XSS_CAPTION.into()),
        paid_partnership_label: Some(false),
        relationship: Some("paid".into()),
        creator_followers: Some(31_000.0),
        ..PostInput::default()
    };
    let result = serde_json::to_value(compliance::check(&input)).expect("json");
    s.insert_posts(&[PostRow { post, compliance: Some(result) }]).await.expect("planted post");
    s.commit().await.expect("commit");
    creator
}

/// A browser-like client with a cookie jar that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// The value of the first `name="csrf"` field of a page.
pub fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a CSRF field");
    let rest = &html[at + 19..];
    rest[..rest.find('"').expect("end of the CSRF value")].to_owned()
}

/// Signs `client` in with (email, password); panics unless the server redirects.
pub async fn sign_in(client: &reqwest::Client, base: &str, who: (&str, &str)) {
    let login = client.get(format!("{base}/login")).send().await.expect("GET /login");
    let csrf = csrf_of(&login.text().await.expect("body"));
    let r = client
        .post(format!("{base}/login"))
        .form(&[("email", who.0), ("password", who.1), ("csrf", csrf.as_str())])
        .send()
        .await
        .expect("POST /login");
    assert_eq!(r.status().as_u16(), 303, "signing in as {} redirects", who.0);
}
