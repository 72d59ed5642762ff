//! `/portal`: a creator sees only their own accounts, tracking links (with QR codes),
//! discount codes, clicks, orders and results; nothing of other creators.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use flightdeck_store::Role;

use super::activity::slugs;
use super::ledger::{money_text, Ledger, Tally};
use super::lookup::{self, name_or_id};
use super::pages::{render_chart, series_of, AccountRow};
use super::{chart, qr, Ctx, LangQuery, WebResult};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::track::links::short_url;
use crate::AppState;

struct PortalLink {
    url: String,
    campaign: String,
    clicks: u64,
    qr: String,
}

struct PortalCode {
    code: String,
    campaign: String,
    percent: u8,
}

struct PortalOrder {
    at: String,
    net: String,
    campaign: String,
    via: &'static str,
}

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage {
    ctx: Ctx,
    name: String,
    accounts: Vec<AccountRow>,
    follower_chart: String,
    results: Tally,
    links: Vec<PortalLink>,
    codes: Vec<PortalCode>,
    orders: Vec<PortalOrder>,
}

/// `GET /portal`: the signed-in creator's own accounts, links, codes and results.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(&[Role::Creator])?;
    let id = who.creator.clone().ok_or(AppError::Forbidden)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let store = state.store.as_ref();
    let creator = store.creator(&who.workspace, &id).await?.ok_or(AppError::NotFound)?;
    let metrics = store.creator_metrics(&who.workspace, &id).await?;
    let largest = creator.accounts.iter().max_by_key(|a| a.followers).map(|a| a.id.clone());
    let (followers, _) = series_of(&metrics, largest.as_ref());
    let accounts =
        creator.accounts.iter().map(|a| AccountRow::new(a.platform.as_str(), a.handle.as_str(), a.followers)).collect();
    let ledger = Ledger::load(store, &who.workspace).await?;
    let campaigns = lookup::campaigns(store, &who.workspace).await?;
    let names = lookup::campaign_names(&campaigns);
    let ix = ledger.index(&slugs(&campaigns));
    let base = &state.track.settings.public_url;
    let links = ledger
        .links
        .iter()
        .filter(|l| l.creator_id == id)
        .map(|l| {
            let url = short_url(base, &l.code);
            PortalLink {
                qr: qr::svg(&url, &format!("{} {url}", ctx.m.qr_code)).unwrap_or_default(),
                clicks: ledger.clicks.iter().filter(|c| c.link_id == l.id && c.agent.is_human()).count() as u64,
                campaign: name_or_id(&names, &l.campaign_id),
                url,
            }
        })
        .collect();
    let codes = ledger
        .codes
        .iter()
        .filter(|c| c.creator_id.as_ref() == Some(&id))
        .map(|c| PortalCode {
            code: c.code.clone(),
            campaign: name_or_id(&names, &c.campaign_id),
            percent: c.percent_off,
        })
        .collect();
    let orders = ledger
        .orders
        .iter()
        .rev()
        .filter_map(|o| ix.owner(o).filter(|w| w.creator.as_ref() == Some(&id)).map(|w| (o, w)))
        .map(|(o, w)| PortalOrder {
            at: o.placed_at.format("%Y-%m-%d").to_string(),
            net: money_text(&o.net()),
            campaign: name_or_id(&names, &w.campaign),
            via: w.via,
        })
        .collect();
    let page = PortalPage {
        follower_chart: render_chart(ctx.m, ctx.m.follower_chart, "followers-chart", chart::line(&followers, &[]))?,
        results: ledger.of_creator(&ix, &id),
        ctx: ctx.clone(),
        name: creator.name.as_str().to_owned(),
        accounts,
        links,
        codes,
        orders,
    };
    Ok(ctx.respond(page.render()?))
}
