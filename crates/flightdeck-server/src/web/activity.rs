//! `/codes`, `/clicks`, `/orders`: the discount codes with the orders they brought,
//! the latest clicks (people and crawlers apart) and the latest orders with the
//! campaign and creator each is counted for.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::ledger::{money_text, Ledger};
use super::lookup::{self, name_or_id};
use super::{Ctx, LangQuery, WebResult};
use crate::auth::{Principal, SignedIn};
use crate::AppState;

/// The most rows a clicks or orders page lists (the newest).
pub const MAX_ROWS: usize = 500;

struct CodeRow {
    code: String,
    campaign: String,
    creator: String,
    percent: u8,
    orders: u64,
}

#[derive(Template)]
#[template(path = "codes.html")]
struct CodesPage {
    ctx: Ctx,
    rows: Vec<CodeRow>,
}

/// `GET /codes`.
pub async fn codes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let ledger = Ledger::load(store, &who.workspace).await?;
    let campaigns = lookup::campaigns(store, &who.workspace).await?;
    let ix = ledger.index(&slugs(&campaigns));
    let names = lookup::campaign_names(&campaigns);
    let creators = lookup::creator_names(
        store,
        &who.workspace,
        ledger.codes.iter().filter_map(|c| c.creator_id.clone()).collect(),
    )
    .await?;
    let mut per_code: HashMap<&str, u64> = HashMap::new();
    for o in &ledger.orders {
        if let Some(c) = o.codes.iter().find_map(|c| ix.code(c)) {
            *per_code.entry(c.id.as_str()).or_default() += 1;
        }
    }
    let rows = ledger
        .codes
        .iter()
        .map(|c| CodeRow {
            code: c.code.clone(),
            campaign: name_or_id(&names, &c.campaign_id),
            creator: c.creator_id.as_ref().map(|id| name_or_id(&creators, id)).unwrap_or_default(),
            percent: c.percent_off,
            orders: per_code.get(c.id.as_str()).copied().unwrap_or(0),
        })
        .collect();
    Ok(ctx.respond(CodesPage { ctx: ctx.clone(), rows }.render()?))
}

/// (id, slug) of each campaign, for matching `utm_campaign`.
pub fn slugs(campaigns: &[flightdeck_core::domain::Campaign]) -> Vec<(flightdeck_core::domain::CampaignId, String)> {
    campaigns.iter().map(|c| (c.id.clone(), c.slug.clone())).collect()
}

struct ClickRow {
    at: String,
    code: String,
    creator: String,
    agent: &'static str,
    human: bool,
    country: String,
    referrer: String,
}

#[derive(Template)]
#[template(path = "clicks.html")]
struct ClicksPage {
    ctx: Ctx,
    human: u64,
    crawlers: u64,
    shown: usize,
    rows: Vec<ClickRow>,
}

/// `GET /clicks`: totals and the newest clicks.
pub async fn clicks(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let ledger = Ledger::load(store, &who.workspace).await?;
    let ix = ledger.index(&[]);
    let human = ledger.clicks.iter().filter(|c| c.agent.is_human()).count() as u64;
    let crawlers = ledger.clicks.len() as u64 - human;
    let newest: Vec<_> = ledger.clicks.iter().rev().take(MAX_ROWS).collect();
    let creators = lookup::creator_names(
        store,
        &who.workspace,
        newest.iter().filter_map(|c| ix.click_creator(c).cloned()).collect(),
    )
    .await?;
    let rows: Vec<ClickRow> = newest
        .iter()
        .map(|c| ClickRow {
            at: c.at.format("%Y-%m-%d %H:%M").to_string(),
            code: ix.link(c.link_id.as_str()).map(|l| l.code.clone()).unwrap_or_default(),
            creator: ix.click_creator(c).map(|id| name_or_id(&creators, id)).unwrap_or_default(),
            agent: c.agent.as_str(),
            human: c.agent.is_human(),
            country: c.country.clone().unwrap_or_default(),
            referrer: c.referrer_host.clone().unwrap_or_default(),
        })
        .collect();
    let page = ClicksPage { ctx: ctx.clone(), human, crawlers, shown: rows.len(), rows };
    Ok(ctx.respond(page.render()?))
}

struct OrderRow {
    at: String,
    external: String,
    total: String,
    refunded: String,
    codes: String,
    campaign: String,
    creator: String,
    via: &'static str,
}

#[derive(Template)]
#[template(path = "orders.html")]
struct OrdersPage {
    ctx: Ctx,
    total: usize,
    shown: usize,
    rows: Vec<OrderRow>,
}

/// `GET /orders`: the newest orders and who each is counted for.
pub async fn orders(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let ledger = Ledger::load(store, &who.workspace).await?;
    let campaigns = lookup::campaigns(store, &who.workspace).await?;
    let ix = ledger.index(&slugs(&campaigns));
    let names = lookup::campaign_names(&campaigns);
    let newest: Vec<_> = ledger.orders.iter().rev().take(MAX_ROWS).map(|o| (o, ix.owner(o))).collect();
    let creators = lookup::creator_names(
        store,
        &who.workspace,
        newest.iter().filter_map(|(_, w)| w.as_ref().and_then(|w| w.creator.clone())).collect(),
    )
    .await?;
    let rows: Vec<OrderRow> = newest
        .iter()
        .map(|(o, owner)| OrderRow {
            at: o.placed_at.format("%Y-%m-%d %H:%M").to_string(),
            external: o.external_id.clone(),
            total: money_text(&o.total),
            refunded: if o.refunded.minor == 0 { String::new() } else { money_text(&o.refunded) },
            codes: o.codes.join(", "),
            campaign: owner.as_ref().map(|w| name_or_id(&names, &w.campaign)).unwrap_or_default(),
            creator: owner
                .as_ref()
                .and_then(|w| w.creator.as_ref())
                .map(|c| name_or_id(&creators, c))
                .unwrap_or_default(),
            via: owner.as_ref().map_or("", |w| w.via),
        })
        .collect();
    let page = OrdersPage { ctx: ctx.clone(), total: ledger.orders.len(), shown: rows.len(), rows };
    Ok(ctx.respond(page.render()?))
}
