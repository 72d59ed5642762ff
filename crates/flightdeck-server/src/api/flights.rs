//! `/api/v1/flights…`: the workspace's flights, and a flight's attribution with one
//! model, several, or all side by side (the JSON of `flightdeck attribute --flight`).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use flightdeck_core::attribution::flight::{
    parse_code_policy, parse_position_shares, FlightAttribution, FlightModel, FlightSettings, MAX_HALF_LIFE_DAYS,
};
use flightdeck_core::domain::FlightId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::Page;
use super::schemas;
use crate::attribution::{flight_attribution, FlightAttributionError};
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// A flight as the API lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlightItem {
    /// The flight's id (`fl_…`).
    pub id: String,
    /// Its campaign's id.
    pub campaign_id: String,
    /// Its campaign's name.
    pub campaign: String,
    /// The flight's name.
    pub name: String,
    /// First day (UTC), `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day (UTC), inclusive.
    pub ends_on: String,
    /// The flight's budget in minor units.
    pub budget_minor: i64,
    /// The budget's currency (ISO 4217).
    pub currency: String,
}

/// The workspace's flights, by first day.
#[utoipa::path(get, path = "/api/v1/flights", tag = "attribution",
    responses((status = 200, description = "Every flight of the workspace", body = Page<FlightItem>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, ApiCaller(who): ApiCaller) -> AppResult<Json<Page<FlightItem>>> {
    who.require(Principal::READERS)?;
    let campaigns = state.store.list_campaigns(&who.workspace).await?;
    let flights = state.store.list_flights(&who.workspace, None).await?;
    let items = flights
        .iter()
        .map(|f| FlightItem {
            id: f.id.to_string(),
            campaign_id: f.campaign_id.to_string(),
            campaign: campaigns.iter().find(|c| c.id == f.campaign_id).map_or_else(String::new, |c| c.name.to_string()),
            name: f.name.to_string(),
            starts_on: f.starts_on.to_string(),
            ends_on: f.ends_on.to_string(),
            budget_minor: f.budget.minor,
            currency: f.budget.currency.to_string(),
        })
        .collect();
    Ok(Json(Page { items, next: None }))
}

/// The models and settings of an attribution request (all optional).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttributionParams {
    /// `all` (default), one model, or several joined by `,`: first-touch, last-touch,
    /// last-non-direct, linear, time-decay, position-based, markov, shapley.
    #[param(schema_with = schemas::models)]
    pub model: Option<String>,
    /// Days a click counts before an order (default 7; 28 for long purchases).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 365)]
    pub click_window: Option<String>,
    /// Days a view-through exposure counts (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 365)]
    pub view_window: Option<String>,
    /// When an order's code and its last click disagree: code-wins (default), link-wins, code-only.
    #[param(schema_with = schemas::code_policy)]
    pub code_policy: Option<String>,
    /// Time decay's half-life in days (default 7; more than 0, at most 36500).
    #[param(value_type = Option<f64>, exclusive_minimum = 0, maximum = 36500)]
    pub half_life: Option<String>,
    /// Position-based shares in percent, first,middle,last (default 40,20,40).
    #[param(schema_with = schemas::position)]
    pub position: Option<String>,
    /// The Markov chain's order (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 4)]
    pub order: Option<String>,
}

fn days(field: &str, raw: &str) -> AppResult<u32> {
    raw.trim().parse::<u32>().ok().filter(|d| (1..=365).contains(d)).ok_or_else(|| {
        AppError::InvalidRequest(format!("`{field}`: expected a number of days from 1 to 365, got `{raw}`"))
    })
}

/// The settings and models a query asks for.
pub fn settings_of(p: &AttributionParams) -> AppResult<(FlightSettings, Vec<FlightModel>)> {
    let invalid = |field: &str, e: &dyn std::fmt::Display| AppError::InvalidRequest(format!("`{field}`: {e}"));
    let mut s = FlightSettings::default();
    if let Some(raw) = &p.click_window {
        s.click_window_days = days("click_window", raw)?;
    }
    if let Some(raw) = &p.view_window {
        s.view_window_days = days("view_window", raw)?;
    }
    if let Some(raw) = &p.code_policy {
        s.code_policy = parse_code_policy(raw).map_err(|e| invalid("code_policy", &e))?;
    }
    if let Some(raw) = &p.half_life {
        s.half_life_days = raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|h| h.is_finite() && *h > 0.0 && *h <= MAX_HALF_LIFE_DAYS)
            .ok_or_else(|| {
                AppError::InvalidRequest(format!(
                    "`half_life`: expected a positive number of days, at most {MAX_HALF_LIFE_DAYS}, got `{raw}`"
                ))
            })?;
    }
    if let Some(raw) = &p.position {
        s.position_based = parse_position_shares(raw).map_err(|e| invalid("position", &e))?;
    }
    if let Some(raw) = &p.order {
        s.markov_order = raw.trim().parse::<usize>().ok().filter(|o| (1..=4).contains(o)).ok_or_else(|| {
            AppError::InvalidRequest(format!("`order`: expected a Markov order from 1 to 4, got `{raw}`"))
        })?;
    }
    let models = FlightModel::parse_list(p.model.as_deref().unwrap_or("all")).map_err(|e| invalid("model", &e))?;
    Ok((s, models))
}

/// A flight's attribution: per model, credits per channel (each creator, direct,
/// organic, paid), post and format; and click, code, view-through and assisted
/// conversions per channel, counted apart.
#[utoipa::path(get, path = "/api/v1/flights/{id}/attribution", tag = "attribution",
    params(("id" = String, Path, description = "flight id (`fl_…`)"), AttributionParams),
    responses((status = 200, description = "`{\"flight\", \"settings\", \"input\", \"journeys\", \"total_conversions\", \"total_value_minor\", \"conversions\": [...], \"models\": [{\"model\", \"approximate\", \"channels\", \"posts\", \"formats\"}]}`, as `flightdeck attribute --flight ID --format json`", body = Object),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn attribution(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
    params: Result<Query<AttributionParams>, QueryRejection>,
) -> AppResult<Json<FlightAttribution>> {
    who.require(Principal::READERS)?;
    let Query(params) = params.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let id = FlightId::parse(&id).map_err(|_| AppError::NotFound)?;
    let (settings, models) = settings_of(&params)?;
    match flight_attribution(state.store.as_ref(), &who.workspace, &id, settings, models).await {
        Ok(result) => Ok(Json(result)),
        Err(FlightAttributionError::NotFound(_)) => Err(AppError::NotFound),
        Err(FlightAttributionError::Attribution(e)) => Err(AppError::InvalidRequest(e.to_string())),
        Err(FlightAttributionError::Store(e)) => Err(e.into()),
        Err(e @ FlightAttributionError::Worker(_)) => Err(AppError::Internal(e.to_string())),
    }
}
