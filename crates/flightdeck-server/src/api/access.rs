//! `/api/v1/users` and `/api/v1/tokens` (admins only): the workspace's dashboard
//! accounts and API tokens. A new token and a generated password are answered once
//! and never stored (only their hashes are).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use flightdeck_store::{ApiToken, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::Page;
use super::page::PageParams;
use super::schemas;
use crate::auth::accounts::{self, UserSpec};
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// A dashboard account.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserItem {
    /// The user's id (`us_…`).
    pub id: String,
    /// The login e-mail address.
    #[schema(format = Email)]
    pub email: String,
    /// admin, marketer, viewer or creator.
    #[schema(schema_with = schemas::role)]
    pub role: String,
    /// For a creator: the creator they are.
    pub creator: Option<String>,
    /// When the user was created (UTC, RFC 3339).
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserItem {
    fn from(u: User) -> Self {
        UserItem {
            id: u.id,
            email: u.email,
            role: u.role.as_str().to_owned(),
            creator: u.creator.map(|c| c.to_string()),
            created_at: u.created_at,
        }
    }
}

/// An API token's facts (never the token).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenItem {
    /// The token's id (`tk_…`), to revoke it by.
    pub id: String,
    /// admin, marketer, viewer or creator.
    pub role: String,
    /// For a creator token: the creator it is bound to.
    pub creator: Option<String>,
    /// Its label.
    pub label: String,
    /// When it was created (UTC, RFC 3339).
    pub created_at: DateTime<Utc>,
}

impl From<ApiToken> for TokenItem {
    fn from(t: ApiToken) -> Self {
        TokenItem {
            id: t.id,
            role: t.role.as_str().to_owned(),
            creator: t.creator.map(|c| c.to_string()),
            label: t.label,
            created_at: t.created_at,
        }
    }
}

/// A user to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    /// The login e-mail address.
    #[schema(format = Email)]
    pub email: String,
    /// admin, marketer, viewer or creator.
    #[schema(schema_with = schemas::role)]
    pub role: String,
    /// For the creator role: the creator's id.
    #[serde(default)]
    pub creator: Option<String>,
    /// The password (at least 8 characters); generated and answered once when absent.
    #[serde(default)]
    #[schema(min_length = 8)]
    pub password: Option<String>,
}

/// A created user, with the generated password (once) when none was given.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUser {
    /// The user.
    pub user: UserItem,
    /// The generated password, shown only in this answer; `null` when one was given.
    pub password: Option<String>,
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTokenBody {
    /// admin, marketer, viewer or creator.
    #[schema(schema_with = schemas::role)]
    pub role: String,
    /// For the creator role: the creator's id.
    #[serde(default)]
    pub creator: Option<String>,
    /// A label to recognise it by.
    #[serde(default)]
    pub label: Option<String>,
}

/// A created token: its facts and the token itself, shown only in this answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// The token's facts.
    pub token: TokenItem,
    /// The token, for `Authorization: Bearer …`; it cannot be shown again.
    pub secret: String,
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> AppResult<T> {
    b.map(|Json(t)| t).map_err(|e| AppError::InvalidRequest(e.body_text()))
}

/// The workspace's users, by e-mail.
#[utoipa::path(get, path = "/api/v1/users", tag = "access", params(PageParams),
    responses((status = 200, body = Page<UserItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<PageParams>, QueryRejection>,
) -> AppResult<Json<Page<UserItem>>> {
    who.require(Principal::ADMINS)?;
    let paging = PageParams::of(params)?;
    Ok(Json(paging.page(state.store.users(&who.workspace).await?, UserItem::from)))
}

/// Creates a dashboard account.
#[utoipa::path(post, path = "/api/v1/users", tag = "access", request_body = NewUserBody,
    responses((status = 201, body = CreatedUser), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    b: Result<Json<NewUserBody>, JsonRejection>,
) -> AppResult<(StatusCode, Json<CreatedUser>)> {
    who.require(Principal::ADMINS)?;
    let b = body(b)?;
    let role = accounts::parse_role(&b.role)?;
    let (password, generated) = match b.password {
        Some(p) => {
            accounts::check_password(&p)?;
            (p, false)
        }
        None => (accounts::generate_password(), true),
    };
    let spec = UserSpec { email: &b.email, password: &password, role, creator: b.creator.as_deref() };
    let user = accounts::create_user(state.store.as_ref(), &who.workspace, spec).await?;
    let created = CreatedUser { user: user.into(), password: generated.then_some(password) };
    Ok((StatusCode::CREATED, Json(created)))
}

/// The workspace's API tokens, newest first (never the tokens themselves).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "access", params(PageParams),
    responses((status = 200, body = Page<TokenItem>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    params: Result<Query<PageParams>, QueryRejection>,
) -> AppResult<Json<Page<TokenItem>>> {
    who.require(Principal::ADMINS)?;
    let paging = PageParams::of(params)?;
    Ok(Json(paging.page(state.store.tokens(&who.workspace).await?, TokenItem::from)))
}

/// Creates an API token; the answer holds the token once.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "access", request_body = NewTokenBody,
    responses((status = 201, body = CreatedToken), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    b: Result<Json<NewTokenBody>, JsonRejection>,
) -> AppResult<(StatusCode, Json<CreatedToken>)> {
    who.require(Principal::ADMINS)?;
    let b = body(b)?;
    let role = accounts::parse_role(&b.role)?;
    let label = b.label.as_deref().unwrap_or("api");
    let (token, secret) =
        accounts::create_token(state.store.as_ref(), &who.workspace, role, b.creator.as_deref(), label).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token: token.into(), secret })))
}

/// Revokes an API token of the workspace.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "access", params(("id" = String, Path, description = "token id (`tk_…`)")),
    responses((status = 204, description = "Revoked"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiCaller(who): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    who.require(Principal::ADMINS)?;
    if state.store.revoke_token(&who.workspace, id.trim()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
