//! `/portal`: a creator sees only their own accounts and numbers.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use flightdeck_store::Role;

use super::pages::{render_chart, series_of, AccountRow};
use super::{chart, Ctx, LangQuery, WebResult};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::AppState;

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage {
    ctx: Ctx,
    name: String,
    accounts: Vec<AccountRow>,
    follower_chart: String,
}

/// `GET /portal`: the signed-in creator's own accounts and follower chart.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(&[Role::Creator])?;
    let id = who.creator.clone().ok_or(AppError::Forbidden)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let creator = state.store.creator(&who.workspace, &id).await?.ok_or(AppError::NotFound)?;
    let metrics = state.store.creator_metrics(&who.workspace, &id).await?;
    let largest = creator.accounts.iter().max_by_key(|a| a.followers).map(|a| a.id.clone());
    let (followers, _) = series_of(&metrics, largest.as_ref());
    let accounts =
        creator.accounts.iter().map(|a| AccountRow::new(a.platform.as_str(), a.handle.as_str(), a.followers)).collect();
    let page = PortalPage {
        follower_chart: render_chart(ctx.m, ctx.m.follower_chart, "followers-chart", chart::line(&followers, &[]))?,
        ctx: ctx.clone(),
        name: creator.name.as_str().to_owned(),
        accounts,
    };
    Ok(ctx.respond(page.render()?))
}
