//! Signing in and out.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::{csrf_ok, Ctx, LangQuery, WebResult};
use crate::auth::{cookies, secret, SESSION_COOKIE, SESSION_HOURS};
use crate::error::AppError;
use crate::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    error: Option<&'static str>,
    email: String,
}

/// `GET /login`.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> WebResult<Response> {
    let ctx = Ctx::new(&state, &headers, q.lang.as_deref(), None);
    let html = LoginPage { ctx: ctx.clone(), error: None, email: String::new() }.render()?;
    Ok(ctx.respond(html))
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
}

/// The client's IP address as the connection shows it (`unknown` in in-process tests).
pub struct PeerIp(String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PeerIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(PeerIp(ip.unwrap_or_else(|| "unknown".to_owned())))
    }
}

/// `POST /login`: checks CSRF, the rate limit and the password; starts a session.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    PeerIp(ip): PeerIp,
    Form(f): Form<LoginForm>,
) -> WebResult<Response> {
    let ctx = Ctx::new(&state, &headers, None, None);
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    let email = f.email.trim().to_lowercase();
    let fail = |msg: &'static str, status: StatusCode| -> WebResult<Response> {
        let html = LoginPage { ctx: ctx.clone(), error: Some(msg), email: email.clone() }.render()?;
        Ok((status, ctx.respond(html)).into_response())
    };
    if !state.auth.limiter.allowed(&email, &ip) {
        return fail(ctx.m.too_many, StatusCode::TOO_MANY_REQUESTS);
    }
    let creds = state.store.credentials(&email).await?;
    let hash = creds.as_ref().map(|c| c.password_hash.clone()).unwrap_or_else(|| secret::dummy_hash().to_owned());
    let password = f.password.clone();
    let ok = tokio::task::spawn_blocking(move || secret::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(creds) = creds.filter(|_| ok) else {
        state.auth.limiter.failed(&email, &ip);
        return fail(ctx.m.bad_login, StatusCode::UNAUTHORIZED);
    };
    state.auth.limiter.succeeded(&email);
    let token = secret::random_secret();
    let expires = Utc::now() + Duration::hours(SESSION_HOURS);
    state.store.create_session(&secret::sha256_hex(&token), &creds.user.id, expires).await?;
    let target = if creds.user.role == flightdeck_store::Role::Creator { "/portal" } else { "/" };
    let secure = cookies::is_secure(&headers, state.auth.secure_cookies);
    let cookie = cookies::set(SESSION_COOKIE, &token, SESSION_HOURS * 3600, true, secure);
    let mut response = Redirect::to(target).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// The sign-out form.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

impl CsrfForm {
    /// The submitted CSRF token.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /logout`: ends the session.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap, Form(f): Form<CsrfForm>) -> WebResult<Response> {
    if !csrf_ok(&headers, &f.csrf) {
        return Err(AppError::Forbidden.into());
    }
    if let Some(raw) = cookies::get(&headers, SESSION_COOKIE) {
        state.store.delete_session(&secret::sha256_hex(&raw), Utc::now()).await?;
    }
    let secure = cookies::is_secure(&headers, state.auth.secure_cookies);
    let mut response = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookies::set(SESSION_COOKIE, "", 0, true, secure)) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}
