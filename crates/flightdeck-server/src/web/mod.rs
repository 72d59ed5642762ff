//! The dashboard (`/`, `/creators`, `/settings`) and the creator portal (`/portal`):
//! askama pages rendered on the server (every text escaped), one embedded style
//! sheet, no JavaScript framework. Forms carry a CSRF token (double submit: an `fd_csrf`
//! cookie and a hidden field that must match).

mod activity;
mod attribution;
pub mod chart;
mod compliance;
pub mod i18n;
pub mod ledger;
mod links;
mod lookup;
mod pages;
mod portal;
pub mod qr;
mod session;
mod settings;

use askama::Template;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::auth::{cookies, secret, Principal};
use crate::error::AppError;
use crate::AppState;

pub use i18n::Msg;

/// The name of the CSRF cookie.
pub const CSRF_COOKIE: &str = "fd_csrf";

/// The dashboard's and portal's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::overview))
        .route("/login", get(session::form).post(session::login))
        .route("/logout", post(session::logout))
        .route("/creators", get(pages::creators))
        .route("/creators/{id}", get(pages::profile))
        .route("/compliance", get(compliance::page))
        .route("/attribution", get(attribution::page))
        .route("/links", get(links::list).post(links::create))
        .route("/links/{id}", get(links::show))
        .route("/codes", get(activity::codes))
        .route("/clicks", get(activity::clicks))
        .route("/orders", get(activity::orders))
        .route("/settings", get(settings::page))
        .route("/settings/users", post(settings::create_user))
        .route("/settings/shops", post(settings::add_shop))
        .route("/settings/tokens", post(settings::create_token))
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route("/portal", get(portal::page))
        .route("/assets/app.css", get(css))
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../assets/app.css"),
    )
}

/// What every page's frame needs: words, the CSRF token, who is signed in.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The words of the page's language.
    pub m: &'static Msg,
    /// The CSRF token for forms.
    pub csrf: String,
    /// Whether `csrf` is new and must be set as a cookie.
    new_csrf: bool,
    /// A language chosen with `?lang=` to remember in a cookie.
    set_lang: Option<&'static str>,
    /// Whether someone is signed in.
    pub signed_in: bool,
    /// Whether they are an admin.
    pub is_admin: bool,
    /// Whether they are a creator.
    pub is_creator: bool,
    /// Whether they may write (admin or marketer).
    pub may_write: bool,
    secure: bool,
}

impl Ctx {
    /// The frame of a page for this request (and signed-in principal, if any).
    pub fn new(state: &AppState, headers: &HeaderMap, query_lang: Option<&str>, who: Option<&Principal>) -> Self {
        let (m, set_lang) = match query_lang {
            Some("nl") => (&i18n::NL, Some("nl")),
            Some("en") => (&i18n::EN, Some("en")),
            _ => (i18n::pick(headers), None),
        };
        let (csrf, new_csrf) = match cookies::get(headers, CSRF_COOKIE) {
            Some(c) if c.len() >= 32 => (c, false),
            _ => (secret::random_secret(), true),
        };
        let role = who.map(|p| p.role);
        Ctx {
            m,
            csrf,
            new_csrf,
            set_lang,
            signed_in: who.is_some(),
            is_admin: role == Some(flightdeck_store::Role::Admin),
            is_creator: role == Some(flightdeck_store::Role::Creator),
            may_write: matches!(role, Some(flightdeck_store::Role::Admin | flightdeck_store::Role::Marketer)),
            secure: cookies::is_secure(headers, state.auth.secure_cookies),
        }
    }

    /// A rendered page as a response, with the cookies the frame needs.
    pub fn respond(&self, html: String) -> Response {
        let mut response = Html(html).into_response();
        let h = response.headers_mut();
        if self.new_csrf {
            let c = cookies::set(CSRF_COOKIE, &self.csrf, 60 * 60 * 24, true, self.secure);
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
        if let Some(lang) = self.set_lang {
            let c = cookies::set("fd_lang", lang, 60 * 60 * 24 * 365, false, self.secure);
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"),
        );
        response
    }
}

/// Whether a submitted form's CSRF field matches the cookie.
pub fn csrf_ok(headers: &HeaderMap, field: &str) -> bool {
    cookies::get(headers, CSRF_COOKIE).is_some_and(|c| c.len() >= 32 && secret::same(&c, field))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: String,
    message: String,
}

/// An error as an HTML page (5xx causes logged, never shown).
pub fn error_page(e: AppError) -> Response {
    let status = e.status();
    let page = ErrorPage {
        status: format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("")),
        message: e.public_message(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    }
}

/// An error of a dashboard handler: an HTML page.
#[derive(Debug)]
pub struct WebError(pub AppError);

impl<E: Into<AppError>> From<E> for WebError {
    fn from(e: E) -> Self {
        WebError(e.into())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        error_page(self.0)
    }
}

/// Result of a dashboard handler.
pub type WebResult<T> = Result<T, WebError>;

/// The `?lang=` of a page's query.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LangQuery {
    /// `nl` or `en`.
    pub lang: Option<String>,
}
