//! `/compliance`: the sponsored posts whose stored compliance check found a violation or
//! a warning, worst first, each finding with its fix; `?creator=` narrows to one creator.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use flightdeck_core::compliance::Finding;
use flightdeck_core::domain::CreatorId;
use flightdeck_store::{PostFilter, StoredPost, VerdictCounts};
use serde::Deserialize;

use super::{Ctx, WebResult};
use crate::auth::{Principal, SignedIn};
use crate::error::AppError;
use crate::AppState;

/// Posts per page.
const PAGE: u64 = 25;

/// A post as the findings list and the profile show it.
pub struct PostCard {
    /// The post's id.
    pub id: String,
    /// The creator's id.
    pub creator_id: String,
    /// The creator's name.
    pub creator: String,
    /// `platform @handle`.
    pub account: String,
    /// Publication date.
    pub published: String,
    /// The caption, as written (escaped by the template).
    pub caption: String,
    /// `violation`, `warning`, `ok` or empty when unchecked.
    pub verdict: String,
    /// The findings, most important first (info findings left out).
    pub findings: Vec<Finding>,
}

impl PostCard {
    /// The card of a stored post.
    pub fn of(p: &StoredPost) -> Self {
        let findings: Vec<Finding> = p
            .compliance
            .as_ref()
            .and_then(|c| c.get("findings"))
            .and_then(|f| serde_json::from_value::<Vec<Finding>>(f.clone()).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.severity >= flightdeck_core::compliance::Severity::Warning)
            .collect();
        PostCard {
            id: p.post.id.to_string(),
            creator_id: p.creator_id.to_string(),
            creator: p.creator_name.clone(),
            account: format!("{} @{}", p.platform, p.handle),
            published: p.post.published_at.format("%Y-%m-%d").to_string(),
            caption: p.post.caption.clone(),
            verdict: p.verdict.clone().unwrap_or_default(),
            findings,
        }
    }
}

#[derive(Template)]
#[template(path = "compliance.html")]
struct CompliancePage {
    ctx: Ctx,
    counts: VerdictCounts,
    posts: Vec<PostCard>,
    page: u64,
    creator: String,
    prev: Option<u64>,
    next: Option<u64>,
}

/// `?page=` (from 1) and `?creator=` (only that creator's posts).
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    page: Option<String>,
    creator: Option<String>,
}

/// `GET /compliance`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    who.require(Principal::READERS)?;
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), Some(&who));
    let page = q.page.as_deref().and_then(|p| p.trim().parse::<u64>().ok()).filter(|p| *p >= 1).unwrap_or(1);
    let counts = state.store.verdict_counts(&who.workspace).await?;
    let creator = q.creator.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let creator = creator.map(CreatorId::parse).transpose().map_err(|e| AppError::InvalidRequest(e.to_string()))?;
    let filter =
        PostFilter { flagged: true, limit: Some(PAGE + 1), offset: (page - 1) * PAGE, creator: creator.clone() };
    let mut found = state.store.list_posts(&who.workspace, &filter).await?;
    let more = found.len() as u64 > PAGE;
    found.truncate(PAGE as usize);
    let html = CompliancePage {
        ctx: ctx.clone(),
        counts,
        posts: found.iter().map(PostCard::of).collect(),
        page,
        creator: creator.map(|c| format!("&creator={c}")).unwrap_or_default(),
        prev: (page > 1).then(|| page - 1),
        next: more.then_some(page + 1),
    }
    .render()?;
    Ok(ctx.respond(html))
}
