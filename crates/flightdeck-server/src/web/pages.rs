//! The marketer's pages: overview, creator search, creator profile.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use flightdeck_core::domain::{AccountId, Tier};
use flightdeck_store::{AccountMetrics, ContentCounts, PostFilter};

/// Posts the profile lists.
const RECENT_POSTS: u64 = 5;

use super::activity::slugs;
use super::chart::{self, LineChart};
use super::compliance::PostCard;
use super::ledger::Ledger;
use super::links::{campaign_options, CampaignOption, MEDIUMS};
use super::lookup;
use super::{Ctx, LangQuery, WebResult};
use crate::api::creators::{encode_cursor, filter_of, vet_creator, ListParams};
use crate::auth::{Principal, SignedIn};
use crate::AppState;

/// One campaign's row on the overview.
struct CampaignRow {
    /// 0 running, 1 planned, 2 ended, 3 without flights (the sort order).
    status: u8,
    status_text: &'static str,
    name: String,
    goal: String,
    links: u64,
    codes: u64,
    clicks: u64,
    orders: u64,
    revenue: String,
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    ctx: Ctx,
    workspace: String,
    content: ContentCounts,
    links: usize,
    clicks: usize,
    orders: usize,
    campaigns: Vec<CampaignRow>,
}

/// `GET /`: what the workspace holds (creators go to their portal).
pub async fn overview(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    if who.role == flightdeck_store::Role::Creator {
        return Ok(Redirect::to("/portal").into_response());
    }
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let ws = state.store.find_workspace(who.workspace.as_str()).await?;
    let content = state.store.content_counts(&who.workspace).await?;
    let workspace = ws.map(|w| w.brand.name.as_str().to_owned()).unwrap_or_default();
    let ledger = Ledger::load(state.store.as_ref(), &who.workspace).await?;
    let known = lookup::campaigns(state.store.as_ref(), &who.workspace).await?;
    let ix = ledger.index(&slugs(&known));
    let mut tallies = ledger.by_campaign(&ix);
    let flights = state.store.list_flights(&who.workspace, None).await?;
    let today = chrono::Utc::now().date_naive();
    let mut campaigns: Vec<CampaignRow> = known
        .iter()
        .map(|c| {
            let t = tallies.remove(&c.id).unwrap_or_default();
            let (status, status_text) = status_of(ctx.m, &flights, &c.id, today);
            CampaignRow {
                status,
                status_text,
                name: c.name.as_str().to_owned(),
                goal: c.goal.as_str().to_owned(),
                links: t.links,
                codes: t.codes,
                clicks: t.clicks,
                orders: t.orders,
                revenue: t.revenue_text(),
            }
        })
        .collect();
    campaigns.sort_by_key(|c| c.status);
    let (links, clicks, orders) = (ledger.links.len(), ledger.clicks.len(), ledger.orders.len());
    let html = OverviewPage { ctx: ctx.clone(), workspace, content, links, clicks, orders, campaigns }.render()?;
    Ok(ctx.respond(html))
}

/// Whether a campaign runs on `today` by its flights: (sort rank, words).
fn status_of(
    m: &super::Msg,
    flights: &[flightdeck_core::domain::Flight],
    campaign: &flightdeck_core::domain::CampaignId,
    today: chrono::NaiveDate,
) -> (u8, &'static str) {
    let mine: Vec<_> = flights.iter().filter(|f| &f.campaign_id == campaign).collect();
    if mine.is_empty() {
        (3, "—")
    } else if mine.iter().any(|f| f.starts_on <= today && today <= f.ends_on) {
        (0, m.running)
    } else if mine.iter().any(|f| f.starts_on > today) {
        (1, m.planned)
    } else {
        (2, m.ended)
    }
}

/// One row of the creator table.
struct Row {
    id: String,
    name: String,
    tier: String,
    followers: String,
    accounts: String,
    score: String,
}

#[derive(Template)]
#[template(path = "creators.html")]
struct CreatorsPage {
    ctx: Ctx,
    f: SearchQuery,
    tiers: Vec<&'static str>,
    platforms: Vec<&'static str>,
    rows: Vec<Row>,
    next: Option<String>,
    error: Option<String>,
}

/// The search form's fields (kept as typed).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct SearchQuery {
    tier: Option<String>,
    platform: Option<String>,
    country: Option<String>,
    niche: Option<String>,
    min_score: Option<String>,
    persona: Option<String>,
    cursor: Option<String>,
    lang: Option<String>,
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// `GET /creators`: search with filters, 50 per page.
pub async fn creators(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(f): Query<SearchQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, f.lang.as_deref(), Some(&who));
    let params = ListParams {
        tier: nonempty(&f.tier),
        platform: nonempty(&f.platform),
        country: nonempty(&f.country),
        niche: nonempty(&f.niche),
        min_score: nonempty(&f.min_score),
        persona: nonempty(&f.persona),
        limit: None,
        cursor: nonempty(&f.cursor),
    };
    let (mut rows, mut next, mut error) = (Vec::new(), None, None);
    match filter_of(&params) {
        Err(e) => error = Some(e.public_message()),
        Ok(filter) => {
            let page = filter.limit.unwrap_or(51) - 1;
            let mut found = state.store.list_creators(&who.workspace, &filter).await?;
            if found.len() as u64 > page {
                found.truncate(usize::try_from(page).unwrap_or(usize::MAX));
                next = Some(next_link(&f, encode_cursor(filter.offset + page)));
            }
            rows = found
                .iter()
                .map(|c| Row {
                    id: c.id.to_string(),
                    name: c.name.as_str().to_owned(),
                    tier: c.tier.as_str().to_owned(),
                    followers: chart::format_count(c.followers as f64),
                    accounts: c.accounts.iter().map(|a| a.platform.as_str()).collect::<Vec<_>>().join(", "),
                    score: c.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
                })
                .collect();
        }
    }
    let page = CreatorsPage {
        ctx: ctx.clone(),
        f,
        tiers: vec!["emerging", "nano", "micro", "macro", "mega"],
        platforms: vec!["instagram", "tiktok", "youtube", "twitch", "podcast", "blog", "linkedin", "newsletter"],
        rows,
        next,
        error,
    };
    Ok(ctx.respond(page.render()?))
}

/// The query string of the next page (form fields percent-encoded).
fn next_link(f: &SearchQuery, cursor: String) -> String {
    let mut parts = vec![format!("cursor={cursor}")];
    for (k, v) in [
        ("tier", &f.tier),
        ("platform", &f.platform),
        ("country", &f.country),
        ("niche", &f.niche),
        ("min_score", &f.min_score),
        ("persona", &f.persona),
    ] {
        if let Some(v) = nonempty(v) {
            parts.push(format!("{k}={}", percent(&v)));
        }
    }
    format!("/creators?{}", parts.join("&"))
}

fn percent(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An account row of the profile.
pub struct AccountRow {
    /// Platform.
    pub platform: String,
    /// Handle.
    pub handle: String,
    /// Followers, formatted.
    pub followers: String,
    country: String,
    niche: String,
}

impl AccountRow {
    /// A row without country and niche (the portal's).
    pub fn new(platform: &str, handle: &str, followers: u64) -> Self {
        AccountRow {
            platform: platform.to_owned(),
            handle: handle.to_owned(),
            followers: chart::format_count(followers as f64),
            country: String::new(),
            niche: String::new(),
        }
    }
}

/// The vetting box of the profile.
struct VetBox {
    score: Option<String>,
    confidence: String,
    reason: String,
    suspicious: bool,
    reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    ctx: Ctx,
    name: String,
    tier: String,
    followers: String,
    accounts: Vec<AccountRow>,
    vetting: Option<VetBox>,
    follower_chart: String,
    engagement_chart: String,
    posts: Vec<PostCard>,
    campaigns: Vec<CampaignOption>,
    mediums: Vec<&'static str>,
    creator: String,
}

#[derive(Template)]
#[template(path = "chart.html")]
struct ChartPart<'a> {
    title: &'a str,
    class: &'a str,
    c: LineChart,
    no_data: &'a str,
    anomaly: &'a str,
}

/// Renders one chart (its own escaped template, included whole in the page).
pub fn render_chart(m: &super::Msg, title: &str, class: &str, c: LineChart) -> WebResult<String> {
    Ok(ChartPart { title, class, c, no_data: m.no_data, anomaly: m.anomaly }.render()?)
}

/// One value per day, in date order.
pub type DailySeries = Vec<(chrono::NaiveDate, f64)>;

/// The largest account's followers and engagement per day.
pub fn series_of(metrics: &[AccountMetrics], account: Option<&AccountId>) -> (DailySeries, DailySeries) {
    let Some(m) = metrics.iter().find(|m| Some(&m.account_id) == account).or_else(|| metrics.first()) else {
        return (vec![], vec![]);
    };
    let followers = m.days.iter().map(|d| (d.date, d.followers as f64)).collect();
    let engagement = m
        .days
        .iter()
        .filter(|d| d.likes.is_some() || d.comments.is_some())
        .map(|d| (d.date, (d.likes.unwrap_or(0) + d.comments.unwrap_or(0)) as f64))
        .collect();
    (followers, engagement)
}

/// `GET /creators/{id}`: accounts, vetting, follower and engagement charts.
pub async fn profile(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    Path(id): Path<String>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let creator = crate::api::creators::load_creator(state.store.as_ref(), &who, &id).await?;
    let metrics = state.store.creator_metrics(&who.workspace, &creator.id).await?;
    let largest = creator.accounts.iter().max_by_key(|a| a.followers).map(|a| a.id.clone());
    let (followers, engagement) = series_of(&metrics, largest.as_ref());
    let report = vet_creator(&state, &who, creator.clone(), None).await?;
    let jumps = anomaly_dates(&creator, metrics, largest.as_ref());
    let accounts = creator
        .accounts
        .iter()
        .map(|a| AccountRow {
            platform: a.platform.as_str().to_owned(),
            handle: a.handle.as_str().to_owned(),
            followers: chart::format_count(a.followers as f64),
            country: a.country.as_ref().map(ToString::to_string).unwrap_or_default(),
            niche: a.niche.clone().unwrap_or_default(),
        })
        .collect();
    let vetting = Some(VetBox {
        score: report.score.map(|s| format!("{s:.1}")),
        confidence: format!("{:?}", report.confidence).to_lowercase(),
        reason: report.not_scorable_reason.clone().unwrap_or_default(),
        suspicious: report.authenticity.suspicious,
        reasons: report.components.iter().map(|c| format!("{}: {}", c.name, c.reason)).collect(),
    });
    let recent = PostFilter { creator: Some(creator.id.clone()), limit: Some(RECENT_POSTS), ..PostFilter::default() };
    let posts = state.store.list_posts(&who.workspace, &recent).await?.iter().map(PostCard::of).collect();
    let campaigns = if ctx.may_write {
        campaign_options(&lookup::campaigns(state.store.as_ref(), &who.workspace).await?)
    } else {
        vec![]
    };
    let page = ProfilePage {
        posts,
        campaigns,
        mediums: MEDIUMS.to_vec(),
        creator: creator.id.to_string(),
        follower_chart: render_chart(ctx.m, ctx.m.follower_chart, "followers-chart", chart::line(&followers, &jumps))?,
        engagement_chart: render_chart(
            ctx.m,
            ctx.m.engagement_chart,
            "engagement-chart",
            chart::line(&engagement, &[]),
        )?,
        ctx: ctx.clone(),
        name: creator.name.as_str().to_owned(),
        tier: Tier::of(creator.total_reach_followers()).as_str().to_owned(),
        followers: chart::format_count(creator.total_reach_followers() as f64),
        accounts,
        vetting,
    };
    Ok(ctx.respond(page.render()?))
}

/// Dates of suspicious follower jumps of the charted account, as the vetting
/// engine's growth analysis finds them.
fn anomaly_dates(
    creator: &flightdeck_core::domain::Creator,
    metrics: Vec<AccountMetrics>,
    account: Option<&AccountId>,
) -> Vec<chrono::NaiveDate> {
    use flightdeck_core::vetting::{analyze, AccountInput, VettingInput};
    let Some(acc) = creator.accounts.iter().find(|a| Some(&a.id) == account) else { return vec![] };
    let daily = metrics.into_iter().find(|m| m.account_id == acc.id).map(|m| m.days).unwrap_or_default();
    let input = VettingInput {
        creator: creator.id.clone(),
        accounts: vec![AccountInput { account: acc.clone(), daily, audience: None, posts: vec![], comments: vec![] }],
        as_of: chrono::Utc::now().date_naive(),
        disclosure: Default::default(),
        exclusivities: vec![],
        quoted_fee: None,
    };
    analyze(&input).summaries.iter().flat_map(|s| s.growth.suspicious().map(|j| j.date)).collect()
}
