//! `/links`: the workspace's tracking links with their clicks, one link with its QR
//! code, and the form that creates a link (also on a creator's profile).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use flightdeck_core::domain::{Campaign, CampaignId, CreatorId, LinkId, TrackingLink};
use flightdeck_core::tracking::{build_destination, generate_short_code, Utm, UtmMedium};
use flightdeck_store::{Record, StoreError};
use serde::Deserialize;

use super::ledger::Ledger;
use super::lookup::{self, name_or_id};
use super::{csrf_ok, qr, Ctx, WebResult};
use crate::auth::{Principal, SignedIn};
use crate::error::{AppError, AppResult};
use crate::AppState;

/// One row of the links table.
struct LinkRow {
    id: String,
    url: String,
    campaign: String,
    creator: String,
    destination: String,
    clicks: u64,
    created: String,
}

/// A campaign to pick in the form.
pub struct CampaignOption {
    /// The campaign's id.
    pub id: String,
    /// Its name.
    pub name: String,
}

#[derive(Template)]
#[template(path = "links.html")]
struct LinksPage {
    ctx: Ctx,
    rows: Vec<LinkRow>,
    campaigns: Vec<CampaignOption>,
    mediums: Vec<&'static str>,
    creator: String,
    error: Option<String>,
}

/// The base of short URLs: `FLIGHTDECK_PUBLIC_URL`, else the request's host.
pub fn public_base(headers: &HeaderMap) -> String {
    if let Ok(base) = std::env::var("FLIGHTDECK_PUBLIC_URL") {
        return base.trim_end_matches('/').to_owned();
    }
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
    let https = crate::auth::cookies::is_secure(headers, false);
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// The campaigns the form offers.
pub fn campaign_options(campaigns: &[Campaign]) -> Vec<CampaignOption> {
    campaigns.iter().map(|c| CampaignOption { id: c.id.to_string(), name: c.name.as_str().to_owned() }).collect()
}

/// Media of `utm_medium`, for the form.
pub const MEDIUMS: [&str; 3] = ["social", "paid_social", "affiliate"];

/// The `?creator=` that pre-fills the form.
#[derive(Debug, Default, Deserialize)]
pub struct LinksQuery {
    lang: Option<String>,
    creator: Option<String>,
}

/// `GET /links`.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LinksQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    render(&state, &headers, &who, q.lang.as_deref(), q.creator.unwrap_or_default(), None).await
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    who: &Principal,
    lang: Option<&str>,
    creator: String,
    error: Option<String>,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(state, headers, lang, Some(who));
    let store = state.store.as_ref();
    let ledger = Ledger::load(store, &who.workspace).await?;
    let campaigns = lookup::campaigns(store, &who.workspace).await?;
    let names = lookup::campaign_names(&campaigns);
    let creators =
        lookup::creator_names(store, &who.workspace, ledger.links.iter().map(|l| l.creator_id.clone()).collect())
            .await?;
    let base = public_base(headers);
    let mut clicks: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for c in ledger.clicks.iter().filter(|c| c.agent.is_human()) {
        *clicks.entry(c.link_id.as_str()).or_default() += 1;
    }
    let rows = ledger
        .links
        .iter()
        .rev()
        .map(|l| LinkRow {
            id: l.id.to_string(),
            url: format!("{base}/r/{}", l.code),
            campaign: name_or_id(&names, &l.campaign_id),
            creator: name_or_id(&creators, &l.creator_id),
            destination: l.destination.clone(),
            clicks: clicks.get(l.id.as_str()).copied().unwrap_or(0),
            created: l.created_at.format("%Y-%m-%d").to_string(),
        })
        .collect();
    let page = LinksPage {
        ctx: ctx.clone(),
        rows,
        campaigns: campaign_options(&campaigns),
        mediums: MEDIUMS.to_vec(),
        creator,
        error,
    };
    Ok(ctx.respond(page.render()?))
}

#[derive(Template)]
#[template(path = "link.html")]
struct LinkPage {
    ctx: Ctx,
    url: String,
    qr: String,
    campaign: String,
    creator: String,
    creator_id: String,
    destination: String,
    human: u64,
    crawlers: u64,
    created: String,
    is_new: bool,
}

/// `?created=1` after the form.
#[derive(Debug, Default, Deserialize)]
pub struct LinkQuery {
    lang: Option<String>,
    created: Option<String>,
}

/// `GET /links/{id}`: the short URL, its QR code and its clicks.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LinkQuery>,
    Path(id): Path<String>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let links = store.list_links(&who.workspace).await?;
    let link = links.into_iter().find(|l| l.id.as_str() == id).ok_or(AppError::NotFound)?;
    let clicks = store.list_clicks(&who.workspace, Some(link.created_at)).await?;
    let (human, crawlers) = clicks.iter().filter(|c| c.link_id == link.id).fold((0, 0), |(h, b), c| {
        if c.agent.is_human() {
            (h + 1, b)
        } else {
            (h, b + 1)
        }
    });
    let campaign = store.campaign(&who.workspace, &link.campaign_id).await?;
    let creator = store.creator(&who.workspace, &link.creator_id).await?;
    let url = format!("{}/r/{}", public_base(&headers), link.code);
    let page = LinkPage {
        qr: qr::svg(&url, &format!("{} {url}", ctx.m.qr_code)).unwrap_or_default(),
        ctx: ctx.clone(),
        url,
        campaign: campaign.map_or_else(|| link.campaign_id.to_string(), |c| c.name.as_str().to_owned()),
        creator: creator.map_or_else(|| link.creator_id.to_string(), |c| c.name.as_str().to_owned()),
        creator_id: link.creator_id.to_string(),
        destination: link.destination.clone(),
        human,
        crawlers,
        created: link.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        is_new: q.created.is_some(),
    };
    Ok(ctx.respond(page.render()?))
}

/// The new-link form.
#[derive(Debug, Deserialize)]
pub struct LinkForm {
    csrf: String,
    campaign: String,
    creator: String,
    destination: String,
    #[serde(default)]
    medium: String,
    #[serde(default)]
    content: String,
}

/// `POST /links`: validates the destination against the brand's domains, adds the
/// campaign's UTMs, stores the link and shows it with its QR code.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(who): SignedIn,
    Form(f): Form<LinkForm>,
) -> WebResult<Response> {
    who.require(Principal::WRITERS)?;
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    match new_link(&state, &who, &f).await {
        Ok(link) => Ok(Redirect::to(&format!("/links/{}?created=1", link.id)).into_response()),
        Err(AppError::InvalidRequest(m)) => {
            let mut r = render(&state, &headers, &who, None, f.creator.trim().to_owned(), Some(m)).await?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

fn invalid(m: impl Into<String>) -> AppError {
    AppError::InvalidRequest(m.into())
}

async fn new_link(state: &AppState, who: &Principal, f: &LinkForm) -> AppResult<TrackingLink> {
    let store = state.store.as_ref();
    let ws = store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let campaign_id = CampaignId::parse(f.campaign.trim()).map_err(|_| invalid("pick a campaign"))?;
    let campaign =
        store.campaign(&who.workspace, &campaign_id).await?.ok_or_else(|| invalid("no such campaign here"))?;
    let creator_id = CreatorId::parse(f.creator.trim()).map_err(|_| invalid("creator: expected an id such as cr_…"))?;
    let creator = store.creator(&who.workspace, &creator_id).await?.ok_or_else(|| invalid("no such creator here"))?;
    let account =
        creator.accounts.iter().max_by_key(|a| a.followers).ok_or_else(|| invalid("creator has no account"))?;
    let medium = match f.medium.trim() {
        "" => UtmMedium::Social,
        m => UtmMedium::parse(m).map_err(|e| invalid(e.to_string()))?,
    };
    let content = match f.content.trim() {
        "" => account.handle.as_str().to_owned(),
        c => c.chars().take(100).collect(),
    };
    let utm =
        Utm::for_platform(account.platform, medium, campaign.slug.clone()).id(campaign.id.to_string()).content(content);
    let destination = build_destination(f.destination.trim(), &ws.brand.allowed_domains, &utm)
        .map_err(|e| invalid(format!("destination: {e}")))?;
    let mut rng = rand::rngs::OsRng;
    for _ in 0..3 {
        let link = TrackingLink {
            id: LinkId::generate(&mut rng),
            code: generate_short_code(&mut rng),
            campaign_id: campaign.id.clone(),
            creator_id: creator.id.clone(),
            deliverable_id: None,
            destination: destination.clone(),
            created_at: Utc::now(),
        };
        let mut session = store.begin(&who.workspace).await?;
        match session.insert_records(&[Record::Link(link.clone())]).await {
            Ok(()) => {
                session.commit().await?;
                return Ok(link);
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Internal("three short-code collisions in a row".to_owned()))
}
