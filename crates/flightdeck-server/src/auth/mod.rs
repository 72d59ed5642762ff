//! Accounts and access: who is asking (a [`Principal`]), found by the extractors
//! [`ApiCaller`] (a Bearer API token) and [`SignedIn`] (a session cookie).
//!
//! Roles: `admin` may do everything, `marketer` reads and writes, `viewer` only
//! reads, `creator` reads only their own creator's data. Every principal belongs to
//! one workspace; no handler looks beyond it.

pub mod accounts;
pub mod cookies;
pub mod limit;
pub mod secret;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use flightdeck_core::domain::{CreatorId, WorkspaceId};
use flightdeck_store::{Role, User};

use crate::error::{AppError, AppResult};
use crate::AppState;

pub use limit::LoginLimiter;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "fd_session";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// Settings and in-memory state of accounts and access.
#[derive(Debug, Default)]
pub struct AuthState {
    /// Failed sign-ins per e-mail and IP.
    pub limiter: LoginLimiter,
    /// Always mark cookies `Secure` (set when the server is reached over https;
    /// `FLIGHTDECK_SECURE_COOKIES=1`). A request with `X-Forwarded-Proto: https`
    /// gets `Secure` cookies anyway.
    pub secure_cookies: bool,
}

impl AuthState {
    /// The settings from the environment (`FLIGHTDECK_SECURE_COOKIES`).
    pub fn from_env() -> Self {
        let secure =
            std::env::var("FLIGHTDECK_SECURE_COOKIES").is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        Self { limiter: LoginLimiter::default(), secure_cookies: secure }
    }
}

/// Who is asking: a workspace, a role, and for `creator` the creator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The workspace every read and write is confined to.
    pub workspace: WorkspaceId,
    /// What the caller may do.
    pub role: Role,
    /// For the `creator` role: the one creator whose data the caller may see.
    pub creator: Option<CreatorId>,
    /// The signed-in user (`None` for an API token).
    pub user: Option<User>,
}

impl Principal {
    /// `Forbidden` unless the caller's role is one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Roles that may read the whole workspace.
    pub const READERS: &'static [Role] = &[Role::Admin, Role::Marketer, Role::Viewer];
    /// Roles that may write.
    pub const WRITERS: &'static [Role] = &[Role::Admin, Role::Marketer];
    /// Roles that manage users, tokens and shops.
    pub const ADMINS: &'static [Role] = &[Role::Admin];
    /// Every role (a `creator` then sees only their own data).
    pub const ANY: &'static [Role] = &Role::ALL;

    /// The creator a `creator` caller is confined to (`None` for every other role).
    pub fn own_creator(&self) -> Option<&CreatorId> {
        match self.role {
            Role::Creator => self.creator.as_ref(),
            _ => None,
        }
    }

    /// Whether the caller may see data of `creator` (a creator only their own;
    /// everyone else all of the workspace's).
    pub fn sees_creator(&self, creator: Option<&CreatorId>) -> bool {
        match self.role {
            Role::Creator => self.creator.is_some() && creator == self.creator.as_ref(),
            _ => true,
        }
    }

    /// `Forbidden` unless the caller may read this creator: every reader may, a
    /// creator only their own — to a creator every other id, of this workspace or
    /// another or none, answers 403 alike (without looking it up, so nothing leaks).
    pub fn may_read_creator(&self, id: &str) -> AppResult<()> {
        match self.role {
            Role::Creator if self.creator.as_ref().map(CreatorId::as_str) != Some(id) => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }
}

/// The caller of the JSON API: `Authorization: Bearer <token>`, or else the
/// dashboard's session cookie (then a request that is not GET or HEAD must carry the
/// CSRF cookie's value in `X-CSRF-Token`); 401 without either.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Principal);

/// The header a cookie-authenticated API request repeats the CSRF cookie in.
pub const CSRF_HEADER: &str = "x-csrf-token";

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION);
        if let Some(header) = header {
            return bearer(header.to_str().unwrap_or_default(), state).await.map(ApiCaller);
        }
        let principal = session_principal(parts, state).await?.ok_or(AppError::Unauthorized)?;
        if !parts.method.is_safe() {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            if !crate::web::csrf_ok(&parts.headers, sent) {
                return Err(AppError::Forbidden);
            }
        }
        Ok(ApiCaller(principal))
    }
}

/// The principal of a Bearer token header value.
async fn bearer(header: &str, state: &AppState) -> AppResult<Principal> {
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| t.starts_with(secret::TOKEN_PREFIX))
        .ok_or(AppError::Unauthorized)?;
    let hash = secret::sha256_hex(token);
    let found = state.store.token_by_hash(&hash).await?.ok_or(AppError::Unauthorized)?;
    if !secret::same(&found.token_hash, &hash) {
        return Err(AppError::Unauthorized);
    }
    let t = found.token;
    Ok(Principal { workspace: t.workspace, role: t.role, creator: t.creator, user: None })
}

/// The principal of the request's session cookie, if it has a live one.
async fn session_principal(parts: &Parts, state: &AppState) -> AppResult<Option<Principal>> {
    let Some(raw) = cookies::get(&parts.headers, SESSION_COOKIE) else { return Ok(None) };
    let hash = secret::sha256_hex(&raw);
    let Some(found) = state.store.session(&hash, Utc::now()).await? else { return Ok(None) };
    if !secret::same(&found.session_hash, &hash) {
        return Ok(None);
    }
    let u = found.user;
    Ok(Some(Principal { workspace: u.workspace.clone(), role: u.role, creator: u.creator.clone(), user: Some(u) }))
}

/// A signed-in dashboard user, from the session cookie; without one the browser is
/// sent to `/login`.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Principal);

/// Why there is no signed-in user: the answer is a redirect to the sign-in page.
#[derive(Debug)]
pub enum NotSignedIn {
    /// Send the browser to `/login`.
    Login,
    /// The store failed.
    Failed(AppError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Login => Redirect::to("/login").into_response(),
            NotSignedIn::Failed(e) => crate::web::error_page(e),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match session_principal(parts, state).await {
            Ok(Some(p)) => Ok(SignedIn(p)),
            Ok(None) => Err(NotSignedIn::Login),
            Err(e) => Err(NotSignedIn::Failed(e)),
        }
    }
}
