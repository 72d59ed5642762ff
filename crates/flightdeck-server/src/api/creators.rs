//! `/api/v1/creators…`: the creator list with filters and cursor paging, one
//! creator, their daily metrics, and their explained vetting score.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use flightdeck_core::domain::{Country, Creator, CreatorId, Platform, Tier};
use flightdeck_core::vetting::VettingReport;
use flightdeck_store::{scoring, CreatorFilter, CreatorSort, Role, Store};
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::{AccountItem, AccountMetricsItem, CreatorItem, Page};
pub use super::page::encode_cursor;
use super::page::{bad, Paging, DEFAULT_LIMIT};
use super::schemas;
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// Filters and paging of the creator list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// emerging, nano, micro, macro or mega (of the largest account).
    #[param(schema_with = schemas::tier)]
    pub tier: Option<String>,
    /// Only creators with an account on this platform.
    #[param(schema_with = schemas::platform)]
    pub platform: Option<String>,
    /// Only creators with an account for this audience country (NL, BE, …).
    #[param(schema_with = schemas::country)]
    pub country: Option<String>,
    /// Only creators with an account in this niche.
    pub niche: Option<String>,
    /// Only creators whose stored score is at least this (0–100).
    #[param(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub min_score: Option<String>,
    /// The persona whose stored scores count.
    pub persona: Option<String>,
    /// Page size (1–500, default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

/// The store filter of the query, with the page's offset and size.
pub fn filter_of(p: &ListParams) -> AppResult<CreatorFilter> {
    let mut f = CreatorFilter::default();
    if let Some(t) = &p.tier {
        f.tier = Some(Tier::parse(t).map_err(|_| bad("tier", "emerging, nano, micro, macro or mega", t))?);
    }
    if let Some(pl) = &p.platform {
        f.platform = Some(Platform::parse(pl).map_err(|_| bad("platform", "a platform such as instagram", pl))?);
    }
    if let Some(c) = &p.country {
        f.country = Some(Country::parse(c).map_err(|_| bad("country", "an ISO country code such as NL", c))?);
    }
    f.niche = p.niche.clone().filter(|n| !n.trim().is_empty());
    if let Some(s) = &p.min_score {
        let v = s.trim().parse::<f64>().ok().filter(|v| (0.0..=100.0).contains(v));
        f.min_score = Some(v.ok_or_else(|| bad("min_score", "a number from 0 to 100", s))?);
    }
    f.persona = p.persona.clone().filter(|n| !n.trim().is_empty());
    let paging = Paging::parse(p.limit.as_deref(), p.cursor.as_deref())?;
    f.limit = Some(paging.limit + 1);
    f.offset = paging.offset;
    Ok(f)
}

/// The order of the creator list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SortParams {
    /// name (default), followers (most first), score (highest first) or tier (largest first).
    #[param(schema_with = schemas::creator_sort)]
    pub sort: Option<String>,
}

fn sort_of(p: &SortParams) -> AppResult<CreatorSort> {
    match p.sort.as_deref().map(str::trim) {
        None | Some("") | Some("name") => Ok(CreatorSort::Name),
        Some("followers") => Ok(CreatorSort::Followers),
        Some("score") => Ok(CreatorSort::Score),
        Some("tier") => Ok(CreatorSort::Tier),
        Some(other) => Err(bad("sort", "name, followers, score or tier", other)),
    }
}

/// Creators of the workspace, filtered, sorted and paged. A `creator` caller gets
/// a page with only their own creator (filters do not apply).
#[utoipa::path(get, path = "/api/v1/creators", operation_id = "list_creators", tag = "creators", params(ListParams, SortParams),
    responses((status = 200, description = "A page of creators", body = Page<CreatorItem>),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<ListParams>, QueryRejection>,
    sort: Result<Query<SortParams>, QueryRejection>,
) -> AppResult<Json<Page<CreatorItem>>> {
    who.require(Principal::ANY)?;
    let Query(params) = params.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let Query(sort) = sort.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let mut filter = filter_of(&params)?;
    filter.sort = sort_of(&sort)?;
    if who.role == Role::Creator {
        let own = match &who.creator {
            Some(id) => state.store.creator(&who.workspace, id).await?,
            None => None,
        };
        return Ok(Json(Page { items: own.iter().map(CreatorItem::from).collect(), next: None }));
    }
    let page = filter.limit.unwrap_or(DEFAULT_LIMIT + 1) - 1;
    let mut rows = state.store.list_creators(&who.workspace, &filter).await?;
    let next = (rows.len() as u64 > page).then(|| encode_cursor(filter.offset + page));
    rows.truncate(usize::try_from(page).unwrap_or(usize::MAX));
    Ok(Json(Page { items: rows.iter().map(CreatorItem::from).collect(), next }))
}

/// The creator `id` of the caller's workspace (or 404), after the role check.
pub async fn load_creator(store: &dyn Store, who: &Principal, id: &str) -> AppResult<Creator> {
    who.may_read_creator(id)?;
    let id = CreatorId::parse(id).map_err(|_| AppError::NotFound)?;
    store.creator(&who.workspace, &id).await?.ok_or(AppError::NotFound)
}

/// One creator with their accounts.
#[utoipa::path(get, path = "/api/v1/creators/{id}", operation_id = "show_creator", tag = "creators", params(("id" = String, Path, description = "creator id")),
    responses((status = 200, body = CreatorItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<CreatorItem>> {
    let creator = load_creator(state.store.as_ref(), &who, &id).await?;
    Ok(Json(CreatorItem::from(&creator)))
}

/// The channel accounts of a creator.
#[utoipa::path(get, path = "/api/v1/creators/{id}/accounts", operation_id = "creator_accounts", tag = "creators", params(("id" = String, Path, description = "creator id")),
    responses((status = 200, body = Page<AccountItem>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn accounts(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<Page<AccountItem>>> {
    let creator = load_creator(state.store.as_ref(), &who, &id).await?;
    Ok(Json(Page { items: CreatorItem::from(&creator).accounts, next: None }))
}

/// The daily metrics of every account of a creator.
#[utoipa::path(get, path = "/api/v1/creators/{id}/metrics", operation_id = "creator_metrics", tag = "creators", params(("id" = String, Path, description = "creator id")),
    responses((status = 200, body = Page<AccountMetricsItem>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn metrics(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<Page<AccountMetricsItem>>> {
    let creator = load_creator(state.store.as_ref(), &who, &id).await?;
    let rows = state.store.creator_metrics(&who.workspace, &creator.id).await?;
    Ok(Json(Page { items: rows.into_iter().map(AccountMetricsItem::from).collect(), next: None }))
}

/// Query of the vetting route.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VetParams {
    /// The buyer persona to vet for (by name); the brand alone when absent.
    pub persona: Option<String>,
}

/// The explained vetting of a stored creator: its stored data against the peers of
/// the workspace's last scoring run (see `flightdeck_store::scoring::explain`), so the
/// score is the one creator lists sort by.
pub async fn vet_creator(
    state: &AppState,
    who: &Principal,
    creator: Creator,
    persona: Option<&str>,
) -> AppResult<VettingReport> {
    let workspace = state.store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let personas = state.store.personas(&who.workspace).await?;
    let persona = match persona.map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => Some(scoring::find_persona(&personas, name).ok_or_else(|| {
            AppError::InvalidRequest(format!("`persona`: no persona named `{name}` in this workspace"))
        })?),
        None => None,
    };
    scoring::explain(state.store.as_ref(), &workspace, &creator.id, persona).await?.ok_or(AppError::NotFound)
}

/// The explained vetting score of a creator (for a persona, or the brand alone).
#[utoipa::path(get, path = "/api/v1/creators/{id}/vetting", operation_id = "creator_vetting", tag = "creators",
    params(("id" = String, Path, description = "creator id"), VetParams),
    responses((status = 200, description = "The vetting report (see INTERFACES.md: creator, persona, scorable, score, confidence, not_scorable_reason, authenticity, components)", body = Object),
        (status = 400, description = "No persona of this name in the workspace", body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn vetting(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
    params: Result<Query<VetParams>, QueryRejection>,
) -> AppResult<Json<VettingReport>> {
    let Query(params) = params.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let creator = load_creator(state.store.as_ref(), &who, &id).await?;
    let report = vet_creator(&state, &who, creator, params.persona.as_deref()).await?;
    Ok(Json(report))
}
