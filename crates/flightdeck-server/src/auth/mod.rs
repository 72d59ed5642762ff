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

    /// `Forbidden` unless the caller may read this creator: every reader may, a
    /// creator only their own (without looking the id up, so nothing leaks).
    pub fn may_read_creator(&self, id: &str) -> AppResult<()> {
        match self.role {
            Role::Creator if self.creator.as_ref().map(CreatorId::as_str) != Some(id) => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }
}

/// The caller of the JSON API, from `Authorization: Bearer <token>`; 401 without
/// a valid token.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Principal);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let token = header
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| t.starts_with(secret::TOKEN_PREFIX))
            .ok_or(AppError::Unauthorized)?;
        let hash = secret::sha256_hex(token);
        let found = state.store.token_by_hash(&hash).await?.ok_or(AppError::Unauthorized)?;
        if !secret::same(&found.token_hash, &hash) {
            return Err(AppError::Unauthorized);
        }
        let t = found.token;
        Ok(ApiCaller(Principal { workspace: t.workspace, role: t.role, creator: t.creator, user: None }))
    }
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
        let raw = cookies::get(&parts.headers, SESSION_COOKIE).ok_or(NotSignedIn::Login)?;
        let hash = secret::sha256_hex(&raw);
        let found = state.store.session(&hash, Utc::now()).await.map_err(|e| NotSignedIn::Failed(e.into()))?;
        let found = found.ok_or(NotSignedIn::Login)?;
        if !secret::same(&found.session_hash, &hash) {
            return Err(NotSignedIn::Login);
        }
        let u = found.user;
        Ok(SignedIn(Principal {
            workspace: u.workspace.clone(),
            role: u.role,
            creator: u.creator.clone(),
            user: Some(u),
        }))
    }
}
