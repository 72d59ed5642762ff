//! `/links`: the workspace's tracking links with their clicks, one link with its QR
//! code, and the form that creates a link (also on a creator's profile) with the link
//! engine of [`crate::track::links`].

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::HashMap;

use flightdeck_core::domain::{Campaign, LinkId};
use serde::Deserialize;

use super::lookup::{self, name_or_id};
use super::{csrf_ok, qr, Ctx, WebResult};
use crate::auth::{Principal, SignedIn};
use crate::error::{AppError, AppResult};
use crate::track::links::{create_link, short_url, LinkView, NewLink, TrackError};
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
    let links = store.list_links(&who.workspace).await?;
    let clicks: HashMap<LinkId, u64> =
        store.link_clicks(&who.workspace).await?.into_iter().map(|c| (c.link_id, c.human)).collect();
    let campaigns = lookup::campaigns(store, &who.workspace).await?;
    let names = lookup::campaign_names(&campaigns);
    let creators =
        lookup::creator_names(store, &who.workspace, links.iter().map(|l| l.creator_id.clone()).collect()).await?;
    let base = &state.track.settings.public_url;
    let rows = links
        .iter()
        .rev()
        .map(|l| LinkRow {
            id: l.id.to_string(),
            url: short_url(base, &l.code),
            campaign: name_or_id(&names, &l.campaign_id),
            creator: name_or_id(&creators, &l.creator_id),
            destination: l.destination.clone(),
            clicks: clicks.get(&l.id).copied().unwrap_or(0),
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
    let url = short_url(&state.track.settings.public_url, &link.code);
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

async fn new_link(state: &AppState, who: &Principal, f: &LinkForm) -> AppResult<LinkView> {
    let store = state.store.as_ref();
    let ws = store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let new = NewLink {
        campaign: f.campaign.trim().to_owned(),
        creator: f.creator.trim().to_owned(),
        destination: f.destination.trim().to_owned(),
        content: optional(&f.content),
        medium: optional(&f.medium),
        platform: None,
        deliverable: None,
    };
    match create_link(store, &ws, &new, &state.track.settings.public_url).await {
        Ok(link) => Ok(link),
        Err(TrackError::NotFound(m)) => Err(AppError::InvalidRequest(m)),
        Err(e) => Err(e.into()),
    }
}
