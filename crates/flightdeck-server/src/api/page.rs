//! Cursor paging shared by every list: `limit` (1–500, default 50) and `cursor`
//! (the `next` of the previous page, opaque), answered as `{"items", "next"}`.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::dto::Page;
use crate::error::{AppError, AppResult};

/// Page size when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 50;
/// The most a page may hold.
pub const MAX_LIMIT: u64 = 500;

/// Where a page starts and how much it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Items to skip.
    pub offset: u64,
    /// Items in the page.
    pub limit: u64,
}

/// `InvalidRequest` naming the field and what was expected.
pub fn bad(field: &str, expected: &str, got: &str) -> AppError {
    AppError::InvalidRequest(format!("`{field}`: expected {expected}, got `{got}`"))
}

impl Paging {
    /// The paging of the query's `limit` and `cursor`.
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> AppResult<Paging> {
        let limit = match limit {
            Some(l) => l
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|v| (1..=MAX_LIMIT).contains(v))
                .ok_or_else(|| bad("limit", "a whole number from 1 to 500", l))?,
            None => DEFAULT_LIMIT,
        };
        let offset = match cursor {
            Some(c) => decode_cursor(c).ok_or_else(|| bad("cursor", "the `next` of a previous page", c))?,
            None => 0,
        };
        Ok(Paging { offset, limit })
    }

    /// The page of `all` (every matching item, in order) this paging selects.
    pub fn page<T, U: ToSchema>(&self, all: Vec<T>, map: impl FnMut(T) -> U) -> Page<U> {
        let total = all.len() as u64;
        let skip = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let items = all.into_iter().skip(skip).take(take).map(map).collect();
        let end = self.offset.saturating_add(self.limit);
        Page { items, next: (end < total).then(|| encode_cursor(end)) }
    }
}

/// Paging of a list without filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size (1–500, default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    /// The paging of a list query.
    pub fn of(q: Result<Query<PageParams>, QueryRejection>) -> AppResult<Paging> {
        let Query(p) = q.map_err(|e| AppError::InvalidRequest(e.body_text()))?;
        Paging::parse(p.limit.as_deref(), p.cursor.as_deref())
    }
}

/// The opaque cursor of the page starting at `offset`.
pub fn encode_cursor(offset: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("o{offset}"))
}

/// The offset of a cursor, if it is one.
pub fn decode_cursor(raw: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).ok()?;
    std::str::from_utf8(&bytes).ok()?.strip_prefix('o')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_their_cursors_to_the_end() {
        let p = Paging::parse(Some("2"), None).unwrap();
        let first = p.page(vec![1, 2, 3, 4, 5], |v| v);
        assert_eq!(first.items, [1, 2]);
        let next = first.next.unwrap();
        let p = Paging::parse(Some("2"), Some(&next)).unwrap();
        assert_eq!(p.offset, 2);
        let last = Paging::parse(Some("3"), Some(&next)).unwrap().page(vec![1, 2, 3, 4, 5], |v| v);
        assert_eq!((last.items, last.next), (vec![3, 4, 5], None));
        assert!(Paging::parse(Some("0"), None).is_err());
        assert!(Paging::parse(Some("501"), None).is_err());
        assert!(Paging::parse(None, Some("nope")).is_err());
        assert_eq!(Paging::parse(None, None).unwrap(), Paging { offset: 0, limit: DEFAULT_LIMIT });
    }
}
