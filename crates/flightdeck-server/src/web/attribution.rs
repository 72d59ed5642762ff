//! `/attribution`: one flight's orders credited to creators and channels by every
//! model of the attribution engine, side by side (the engine and its rules are in
//! `docs/attribution.md`; this page only shows [`crate::attribution::flight_attribution`]).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use flightdeck_core::attribution::flight::{FlightModel, FlightSettings};
use flightdeck_core::domain::{FlightId, Money};
use serde::Deserialize;

use super::ledger::money_text;
use super::{Ctx, WebResult};
use crate::attribution::{flight_attribution, FlightAttributionError};
use crate::auth::{Principal, SignedIn};
use crate::error::AppError;
use crate::AppState;

/// A flight to pick.
struct FlightOption {
    id: String,
    label: String,
    selected: bool,
}

/// One channel's credits, one cell per model.
struct ChannelRow {
    name: String,
    cells: Vec<Cell>,
}

/// One channel's orders counted apart: (count, value) of click, code, view-through
/// and assisted conversions.
struct CountRow {
    name: String,
    counts: [(u64, String); 4],
}

struct Cell {
    conversions: String,
    value: String,
    best: bool,
}

/// What the page shows of one flight.
struct Result {
    title: String,
    period: String,
    orders: String,
    value: String,
    journeys: u64,
    models: Vec<&'static str>,
    rows: Vec<ChannelRow>,
    counted: Vec<CountRow>,
}

#[derive(Template)]
#[template(path = "attribution.html")]
struct AttributionPage {
    ctx: Ctx,
    flights: Vec<FlightOption>,
    result: Option<Result>,
}

/// `?flight=` (default: the latest flight that has started).
#[derive(Debug, Default, Deserialize)]
pub struct FlightQuery {
    lang: Option<String>,
    flight: Option<String>,
}

/// `GET /attribution`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<FlightQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let flights = store.list_flights(&who.workspace, None).await?;
    let campaigns = store.list_campaigns(&who.workspace).await?;
    let today = chrono::Utc::now().date_naive();
    let wanted = match q.flight.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(raw) => Some(FlightId::parse(raw).map_err(|e| AppError::InvalidRequest(e.to_string()))?),
        None => flights.iter().rev().find(|f| f.starts_on <= today).or(flights.first()).map(|f| f.id.clone()),
    };
    let options = flights
        .iter()
        .map(|f| {
            let campaign = campaigns.iter().find(|c| c.id == f.campaign_id).map_or("", |c| c.name.as_str());
            FlightOption {
                id: f.id.to_string(),
                label: format!("{campaign} · {} ({} – {})", f.name.as_str(), f.starts_on, f.ends_on),
                selected: wanted.as_ref() == Some(&f.id),
            }
        })
        .collect();
    let result = match wanted {
        Some(id) => Some(result_of(&state, &who, &id).await?),
        None => None,
    };
    let html = AttributionPage { ctx: ctx.clone(), flights: options, result }.render()?;
    Ok(ctx.respond(html))
}

async fn result_of(state: &AppState, who: &Principal, id: &FlightId) -> WebResult<Result> {
    let models = FlightModel::ALL.to_vec();
    let a = match flight_attribution(state.store.as_ref(), &who.workspace, id, FlightSettings::default(), models).await
    {
        Ok(a) => a,
        Err(FlightAttributionError::NotFound(_)) => return Err(AppError::NotFound.into()),
        Err(FlightAttributionError::Store(e)) => return Err(e.into()),
        Err(e) => return Err(AppError::Internal(e.to_string()).into()),
    };
    let money = |minor: f64| money_text(&Money::new(minor.round() as i64, a.currency));
    let mut order: Vec<(String, String)> = Vec::new();
    let mut credits: HashMap<(String, usize), (f64, f64)> = HashMap::new();
    for (m, result) in a.models.iter().enumerate() {
        for c in &result.channels {
            if !order.iter().any(|(k, _)| k == &c.info.channel) {
                order.push((c.info.channel.clone(), c.info.name.clone().unwrap_or_else(|| c.info.kind.clone())));
            }
            credits.insert((c.info.channel.clone(), m), (c.conversions, c.value_minor));
        }
    }
    let best: Vec<f64> = (0..a.models.len())
        .map(|m| order.iter().filter_map(|(k, _)| credits.get(&(k.clone(), m)).map(|c| c.0)).fold(0.0, f64::max))
        .collect();
    let mut rows: Vec<ChannelRow> = order
        .iter()
        .map(|(key, name)| ChannelRow {
            name: name.clone(),
            cells: (0..a.models.len())
                .map(|m| {
                    let (conv, value) = credits.get(&(key.clone(), m)).copied().unwrap_or((0.0, 0.0));
                    Cell { conversions: format!("{conv:.1}"), value: money(value), best: conv > 0.0 && conv >= best[m] }
                })
                .collect(),
        })
        .collect();
    let total = |r: &ChannelRow| r.cells.first().and_then(|c| c.conversions.parse::<f64>().ok()).unwrap_or(0.0);
    rows.sort_by(|x, y| total(y).total_cmp(&total(x)));
    let counted = a
        .conversions
        .iter()
        .map(|c| CountRow {
            name: c.info.name.clone().unwrap_or_else(|| c.info.kind.clone()),
            counts: [
                (c.click_conversions, money(c.click_value_minor as f64)),
                (c.code_conversions, money(c.code_value_minor as f64)),
                (c.view_through_conversions, money(c.view_through_value_minor as f64)),
                (c.assisted_conversions, money(c.assisted_value_minor as f64)),
            ],
        })
        .collect();
    Ok(Result {
        title: format!("{} · {}", a.campaign_name, a.flight_name),
        period: format!("{} – {}", a.starts_on, a.ends_on),
        orders: format!("{:.0}", a.total_conversions),
        value: money(a.total_value_minor as f64),
        journeys: a.journeys.total,
        models: a.models.iter().map(|r| r.model.as_str()).collect(),
        rows,
        counted,
    })
}
