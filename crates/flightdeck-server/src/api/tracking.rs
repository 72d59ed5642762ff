//! `GET /api/v1/codes`, `/api/v1/clicks`, `/api/v1/orders`: what tracking stored,
//! filtered and paged. A `creator` caller sees only their own codes, the clicks on
//! their own links and the orders attributed to them.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Utc};
use flightdeck_core::domain::{Click, CreatorId, DiscountCode, Money, Order};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::Page;
use super::page::{bad, Paging};
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// An amount of money: integer minor units (cents) and an ISO 4217 currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyItem {
    /// The amount in minor units (cents for EUR).
    pub minor: i64,
    /// ISO 4217 currency code.
    pub currency: String,
}

impl From<Money> for MoneyItem {
    fn from(m: Money) -> Self {
        MoneyItem { minor: m.minor, currency: m.currency.to_string() }
    }
}

/// A discount code.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeItem {
    /// The code's id.
    pub id: String,
    /// What customers type.
    pub code: String,
    /// The campaign.
    pub campaign: String,
    /// The creator it is assigned to, if any.
    pub creator: Option<String>,
    /// The discount in percent (0–100).
    pub percent_off: u8,
}

impl From<DiscountCode> for CodeItem {
    fn from(c: DiscountCode) -> Self {
        CodeItem {
            id: c.id.to_string(),
            code: c.code,
            campaign: c.campaign_id.to_string(),
            creator: c.creator_id.map(|id| id.to_string()),
            percent_off: c.percent_off,
        }
    }
}

/// A click on a tracking link (the visitor hash is never shown).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClickItem {
    /// The click id (`fd_cid`).
    pub id: String,
    /// The link clicked.
    pub link: String,
    /// The creator of the link.
    pub creator: Option<String>,
    /// When (UTC, RFC 3339).
    pub at: DateTime<Utc>,
    /// mobile, desktop, preview, bot or unknown.
    pub agent: String,
    /// The referrer's host, if any.
    pub referrer_host: Option<String>,
    /// The visitor's country, when a trusted proxy says it.
    pub country: Option<String>,
    /// Whether the visitor consented to tracking.
    pub consent: bool,
}

/// A shop order (the customer hash is never shown).
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderItem {
    /// Flightdeck's id.
    pub id: String,
    /// shopify or woocommerce.
    pub shop_platform: String,
    /// The shop's own order id.
    pub external_id: String,
    /// When it was placed (UTC, RFC 3339).
    pub placed_at: DateTime<Utc>,
    /// The order total.
    pub total: MoneyItem,
    /// Refunded so far.
    pub refunded: MoneyItem,
    /// Total less refunds.
    pub net: MoneyItem,
    /// Discount codes used.
    pub codes: Vec<String>,
    /// `utm_source` of the landing page.
    pub utm_source: Option<String>,
    /// `utm_medium` of the landing page.
    pub utm_medium: Option<String>,
    /// `utm_campaign` of the landing page.
    pub utm_campaign: Option<String>,
    /// The click id the order carried.
    pub click_id: Option<String>,
    /// The creator the order is attributed to: the creator of its first assigned
    /// code, else of the link its click id came from.
    pub creator: Option<String>,
}

/// Filters and paging of the code list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CodeParams {
    /// Only codes of this campaign (id).
    pub campaign: Option<String>,
    /// Only codes of this creator (id).
    pub creator: Option<String>,
    /// Page size (1–500, default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

/// Filters and paging of the click and order lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Only those at or after this time (RFC 3339, e.g. 2026-01-31T00:00:00Z).
    #[param(value_type = Option<String>, format = DateTime)]
    pub since: Option<String>,
    /// Only those of this creator (id).
    pub creator: Option<String>,
    /// Page size (1–500, default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> AppResult<T> {
    q.map(|Query(t)| t).map_err(|e| AppError::InvalidRequest(e.body_text()))
}

fn since_of(raw: Option<&str>) -> AppResult<Option<DateTime<Utc>>> {
    raw.map(|s| {
        DateTime::parse_from_rfc3339(s.trim()).map(|t| t.to_utc()).map_err(|_| bad("since", "an RFC 3339 time", s))
    })
    .transpose()
}

/// A filter on a creator id: matches nothing when the id is not one (never an error,
/// so that ids of other workspaces and malformed ids look the same).
fn creator_filter(raw: Option<&str>) -> Option<Option<CreatorId>> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(|s| CreatorId::parse(s).ok())
}

fn wanted(filter: &Option<Option<CreatorId>>, creator: Option<&CreatorId>) -> bool {
    match filter {
        None => true,
        Some(want) => want.is_some() && want.as_ref() == creator,
    }
}

/// The workspace's discount codes, by code.
#[utoipa::path(get, path = "/api/v1/codes", operation_id = "list_codes", tag = "tracking", params(CodeParams),
    responses((status = 200, body = Page<CodeItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn codes(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<CodeParams>, QueryRejection>,
) -> AppResult<Json<Page<CodeItem>>> {
    who.require(Principal::ANY)?;
    let p = query(params)?;
    let paging = Paging::parse(p.limit.as_deref(), p.cursor.as_deref())?;
    let creator = creator_filter(p.creator.as_deref());
    let campaign = p.campaign.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let mut all = state.store.list_codes(&who.workspace).await?;
    all.retain(|c| {
        who.sees_creator(c.creator_id.as_ref())
            && wanted(&creator, c.creator_id.as_ref())
            && campaign.is_none_or(|id| c.campaign_id.as_str() == id)
    });
    Ok(Json(paging.page(all, CodeItem::from)))
}

/// Link id → creator id, for every link of the workspace.
async fn link_creators(state: &AppState, who: &Principal) -> AppResult<HashMap<String, CreatorId>> {
    let links = state.store.list_links(&who.workspace).await?;
    Ok(links.into_iter().map(|l| (l.id.to_string(), l.creator_id)).collect())
}

fn click_item(c: Click, creator: Option<&CreatorId>) -> ClickItem {
    ClickItem {
        id: c.id.to_string(),
        link: c.link_id.to_string(),
        creator: creator.map(ToString::to_string),
        at: c.at,
        agent: c.agent.as_str().to_owned(),
        referrer_host: c.referrer_host,
        country: c.country,
        consent: c.consent,
    }
}

/// The workspace's clicks, oldest first.
#[utoipa::path(get, path = "/api/v1/clicks", operation_id = "list_clicks", tag = "tracking", params(EventParams),
    responses((status = 200, body = Page<ClickItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn clicks(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<EventParams>, QueryRejection>,
) -> AppResult<Json<Page<ClickItem>>> {
    who.require(Principal::ANY)?;
    let p = query(params)?;
    let paging = Paging::parse(p.limit.as_deref(), p.cursor.as_deref())?;
    let since = since_of(p.since.as_deref())?;
    let creator = creator_filter(p.creator.as_deref());
    let links = link_creators(&state, &who).await?;
    let all = state.store.list_clicks(&who.workspace, since).await?;
    let mine: Vec<(Click, Option<&CreatorId>)> = all
        .into_iter()
        .map(|c| {
            let owner = links.get(c.link_id.as_str());
            (c, owner)
        })
        .filter(|(_, owner)| who.sees_creator(*owner) && wanted(&creator, *owner))
        .collect();
    Ok(Json(paging.page(mine, |(c, owner)| click_item(c, owner))))
}

/// The creator an order is attributed to (see [`OrderItem::creator`]).
struct Attribution {
    code_creator: HashMap<String, CreatorId>,
    click_creator: HashMap<String, CreatorId>,
}

impl Attribution {
    async fn load(state: &AppState, who: &Principal) -> AppResult<Self> {
        let codes = state.store.list_codes(&who.workspace).await?;
        let code_creator =
            codes.into_iter().filter_map(|c| c.creator_id.map(|id| (c.code.to_uppercase(), id))).collect();
        let links = link_creators(state, who).await?;
        let clicks = state.store.list_clicks(&who.workspace, None).await?;
        let click_creator = clicks
            .into_iter()
            .filter_map(|c| links.get(c.link_id.as_str()).map(|owner| (c.id.to_string(), owner.clone())))
            .collect();
        Ok(Attribution { code_creator, click_creator })
    }

    fn creator(&self, o: &Order) -> Option<CreatorId> {
        let by_code = o.codes.iter().find_map(|code| self.code_creator.get(&code.to_uppercase()));
        let by_click = || o.click_id.as_ref().and_then(|id| self.click_creator.get(id));
        by_code.or_else(by_click).cloned()
    }
}

fn order_item(o: Order, creator: Option<CreatorId>) -> OrderItem {
    OrderItem {
        id: o.id.to_string(),
        net: o.net().into(),
        shop_platform: o.shop_platform,
        external_id: o.external_id,
        placed_at: o.placed_at,
        total: o.total.into(),
        refunded: o.refunded.into(),
        codes: o.codes,
        utm_source: o.utm_source,
        utm_medium: o.utm_medium,
        utm_campaign: o.utm_campaign,
        click_id: o.click_id,
        creator: creator.map(|c| c.to_string()),
    }
}

/// The workspace's orders, by time placed.
#[utoipa::path(get, path = "/api/v1/orders", operation_id = "list_orders", tag = "tracking", params(EventParams),
    responses((status = 200, body = Page<OrderItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn orders(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<EventParams>, QueryRejection>,
) -> AppResult<Json<Page<OrderItem>>> {
    who.require(Principal::ANY)?;
    let p = query(params)?;
    let paging = Paging::parse(p.limit.as_deref(), p.cursor.as_deref())?;
    let since = since_of(p.since.as_deref())?;
    let creator = creator_filter(p.creator.as_deref());
    let attribution = Attribution::load(&state, &who).await?;
    let all = state.store.list_orders(&who.workspace).await?;
    let mine: Vec<(Order, Option<CreatorId>)> = all
        .into_iter()
        .filter(|o| since.is_none_or(|t| o.placed_at >= t))
        .map(|o| {
            let owner = attribution.creator(&o);
            (o, owner)
        })
        .filter(|(_, owner)| who.sees_creator(owner.as_ref()) && wanted(&creator, owner.as_ref()))
        .collect();
    Ok(Json(paging.page(mine, |(o, owner)| order_item(o, owner))))
}
