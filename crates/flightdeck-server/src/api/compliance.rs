//! `POST /api/v1/compliance/check`: the compliance engine over one post, or an
//! array of posts, with the same JSON as `flightdeck compliance check`. Every role
//! may check (it reads and stores nothing).

use axum::extract::rejection::JsonRejection;
use axum::Json;
use flightdeck_core::compliance::{self, PostInput};
use serde_json::Value;

use super::schemas::{CheckResults, PostOrPosts};
use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};

/// Checks one post (an object) or several (an array): `{"verdict", "findings"}` each.
#[utoipa::path(post, path = "/api/v1/compliance/check", operation_id = "check_compliance", tag = "compliance",
    request_body(content = inline(PostOrPosts), description = "One post, or an array of posts"),
    responses((status = 200, description = "The verdict and findings of the post, or of each post", body = inline(CheckResults)),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn check(ApiCaller(who): ApiCaller, body: Result<Json<Value>, JsonRejection>) -> AppResult<Json<Value>> {
    who.require(Principal::ANY)?;
    let Json(body) = body.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
    let one = |v: Value| -> AppResult<Value> {
        // serde would read a struct from an array of its fields too; a post is an object.
        if !v.is_object() {
            return Err(AppError::InvalidRequest(format!("not a post: expected a JSON object, got `{v}`")));
        }
        let post: PostInput =
            serde_json::from_value(v).map_err(|e| AppError::InvalidRequest(format!("not a post: {e}")))?;
        serde_json::to_value(compliance::check(&post)).map_err(|e| AppError::Internal(e.to_string()))
    };
    match body {
        Value::Array(posts) => Ok(Json(Value::Array(posts.into_iter().map(one).collect::<AppResult<_>>()?))),
        post @ Value::Object(_) => Ok(Json(one(post)?)),
        _ => Err(AppError::InvalidRequest("expected a JSON object (one post) or an array of posts".to_owned())),
    }
}
