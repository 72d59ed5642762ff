//! `/settings` (admins): brand domains, shops, users, API tokens (a new token is shown once).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use flightdeck_core::domain::{CreatorId, ShopId};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_store::{ApiToken, NewApiToken, NewUser, Role, Shop, ShopSecret, User};
use serde::Deserialize;

use super::{csrf_ok, Ctx, LangQuery, WebResult};
use crate::auth::{secret, Principal, SignedIn};
use crate::error::{AppError, AppResult};
use crate::AppState;

struct UserRow {
    email: String,
    role: &'static str,
    creator: String,
}

struct ShopRow {
    platform: &'static str,
    domain: String,
    created: String,
}

struct TokenRow {
    id: String,
    label: String,
    role: &'static str,
    created: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    ctx: Ctx,
    domains: Vec<String>,
    shops: Vec<ShopRow>,
    users: Vec<UserRow>,
    tokens: Vec<TokenRow>,
    roles: Vec<&'static str>,
    new_token: Option<String>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    who: &Principal,
    lang: Option<&str>,
    new_token: Option<String>,
    error: Option<String>,
) -> WebResult<Response> {
    who.require(&[Role::Admin])?;
    let ctx = Ctx::new(state, headers, lang, Some(who));
    let ws = state.store.find_workspace(who.workspace.as_str()).await?.ok_or(AppError::NotFound)?;
    let users = state.store.users(&who.workspace).await?;
    let tokens = state.store.tokens(&who.workspace).await?;
    let shops = state.store.list_shops(&who.workspace).await?;
    let page = SettingsPage {
        ctx: ctx.clone(),
        domains: ws.brand.allowed_domains.iter().map(|d| d.as_str().to_owned()).collect(),
        shops: shops
            .iter()
            .map(|s| ShopRow {
                platform: s.platform.as_str(),
                domain: s.domain.clone(),
                created: s.created_at.format("%Y-%m-%d").to_string(),
            })
            .collect(),
        users: users.iter().map(user_row).collect(),
        tokens: tokens.iter().map(token_row).collect(),
        roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
        new_token,
        error,
    };
    Ok(ctx.respond(page.render()?))
}

fn user_row(u: &User) -> UserRow {
    UserRow {
        email: u.email.clone(),
        role: u.role.as_str(),
        creator: u.creator.as_ref().map(ToString::to_string).unwrap_or_default(),
    }
}

fn token_row(t: &ApiToken) -> TokenRow {
    TokenRow {
        id: t.id.clone(),
        label: t.label.clone(),
        role: t.role.as_str(),
        created: t.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// `GET /settings`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    SignedIn(who): SignedIn,
) -> WebResult<Response> {
    render(&state, &headers, &who, q.lang.as_deref(), None, None).await
}

/// The role and creator of a new user or token, checked against the workspace.
async fn role_and_creator(
    state: &AppState,
    who: &Principal,
    role: &str,
    creator: &str,
) -> AppResult<(Role, Option<CreatorId>)> {
    let role = Role::parse(role).ok_or_else(|| {
        AppError::InvalidRequest(format!("role: expected admin, marketer, viewer or creator, got `{role}`"))
    })?;
    let creator = creator.trim();
    match (role, creator.is_empty()) {
        (Role::Creator, true) => Err(AppError::InvalidRequest("a creator user or token needs a creator id".to_owned())),
        (Role::Creator, false) => {
            let id = CreatorId::parse(creator).map_err(|e| AppError::InvalidRequest(e.to_string()))?;
            state
                .store
                .creator(&who.workspace, &id)
                .await?
                .ok_or_else(|| AppError::InvalidRequest(format!("no creator `{creator}` in this workspace")))?;
            Ok((role, Some(id)))
        }
        (_, true) => Ok((role, None)),
        (_, false) => Err(AppError::InvalidRequest("only a creator user or token takes a creator id".to_owned())),
    }
}

/// The new-user form.
#[derive(Debug, Deserialize)]
pub struct UserForm {
    csrf: String,
    email: String,
    password: String,
    role: String,
    #[serde(default)]
    creator: String,
}

/// `POST /settings/users`.
pub async fn create_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(who): SignedIn,
    Form(f): Form<UserForm>,
) -> WebResult<Response> {
    who.require(&[Role::Admin])?;
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    let result = async {
        let (role, creator) = role_and_creator(&state, &who, &f.role, &f.creator).await?;
        let email = f.email.trim().to_lowercase();
        if !email.contains('@') || f.password.chars().count() < 8 {
            return Err(AppError::InvalidRequest(
                "an e-mail address and a password of at least 8 characters are needed".to_owned(),
            ));
        }
        let password = f.password.clone();
        let hash = tokio::task::spawn_blocking(move || secret::hash_password(&password))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(AppError::Internal)?;
        let user = User {
            id: secret::new_id("us"),
            workspace: who.workspace.clone(),
            email,
            role,
            creator,
            created_at: Utc::now(),
        };
        state.store.create_user(&NewUser { user, password_hash: hash }).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to("/settings").into_response()),
        Err(AppError::InvalidRequest(m)) => render(&state, &headers, &who, None, None, Some(m)).await,
        Err(e) => Err(e.into()),
    }
}

/// The new-token form.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    csrf: String,
    label: String,
    role: String,
    #[serde(default)]
    creator: String,
}

/// `POST /settings/tokens`: creates a token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(who): SignedIn,
    Form(f): Form<TokenForm>,
) -> WebResult<Response> {
    who.require(&[Role::Admin])?;
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    let (role, creator) = match role_and_creator(&state, &who, &f.role, &f.creator).await {
        Ok(rc) => rc,
        Err(AppError::InvalidRequest(m)) => return render(&state, &headers, &who, None, None, Some(m)).await,
        Err(e) => return Err(e.into()),
    };
    let secret_token = secret::new_api_token();
    let label = f.label.trim().chars().take(100).collect();
    let token = ApiToken {
        id: secret::new_id("tk"),
        workspace: who.workspace.clone(),
        role,
        creator,
        label,
        created_at: Utc::now(),
    };
    state.store.create_token(&NewApiToken { token, token_hash: secret::sha256_hex(&secret_token) }).await?;
    let mut response = render(&state, &headers, &who, None, Some(secret_token), None).await?;
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /settings/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    SignedIn(who): SignedIn,
    Form(f): Form<super::session::CsrfForm>,
) -> WebResult<Response> {
    who.require(&[Role::Admin])?;
    if !csrf_ok(&headers, f.csrf()) {
        return Err(AppError::Forbidden.into());
    }
    if !state.store.revoke_token(&who.workspace, &id).await? {
        return Err(AppError::NotFound.into());
    }
    Ok(Redirect::to("/settings").into_response())
}

/// The new-shop form.
#[derive(Debug, Deserialize)]
pub struct ShopForm {
    csrf: String,
    platform: String,
    domain: String,
    secret: String,
}

/// `POST /settings/shops`: registers a shop whose signed webhooks are accepted.
pub async fn add_shop(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(who): SignedIn,
    Form(f): Form<ShopForm>,
) -> WebResult<Response> {
    who.require(&[Role::Admin])?;
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    let platform = match ShopPlatform::parse(f.platform.trim()) {
        Ok(p) => p,
        Err(e) => return render(&state, &headers, &who, None, None, Some(e.to_string())).await,
    };
    let domain = f.domain.trim().to_ascii_lowercase();
    if flightdeck_core::domain::Domain::parse(&domain).is_err() || f.secret.trim().len() < 8 {
        let m = "a shop needs a bare domain (shop.example.nl) and a webhook secret of at least 8 characters";
        return render(&state, &headers, &who, None, None, Some(m.to_owned())).await;
    }
    let shop = Shop {
        id: ShopId::generate(&mut rand::rngs::OsRng),
        workspace_id: who.workspace.clone(),
        platform,
        domain,
        secret: ShopSecret::new(f.secret.trim()),
        created_at: Utc::now(),
    };
    match state.store.add_shop(&shop).await {
        Ok(()) => Ok(Redirect::to("/settings").into_response()),
        Err(flightdeck_store::StoreError::Conflict(_)) => {
            let m = "this shop is already registered".to_owned();
            render(&state, &headers, &who, None, None, Some(m)).await
        }
        Err(e) => Err(e.into()),
    }
}
