//! The check that rows a session writes hang under parents of its own workspace.
//!
//! Foreign keys only say that an account (post, link) exists somewhere; without
//! this check a session of one workspace could attach metrics to, or overwrite the
//! audience of, another workspace's account.

use std::collections::HashSet;

use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::{StoreError, StoreResult};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use crate::db_err;

/// Ids looked up per query (SQLite allows 32,766 parameters).
const LOOKUP_BATCH: usize = 500;

/// The parent tables a session's rows refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parent {
    /// `accounts` (metrics, audiences, posts).
    Account,
    /// `posts` (comments).
    Post,
    /// `links` (clicks).
    Link,
}

impl Parent {
    fn table(self) -> &'static str {
        match self {
            Parent::Account => "accounts",
            Parent::Post => "posts",
            Parent::Link => "links",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Parent::Account => "account",
            Parent::Post => "post",
            Parent::Link => "link",
        }
    }
}

/// Ids already known to belong to the session's workspace (ids carry a type
/// prefix, so one set serves every parent table).
#[derive(Debug, Default)]
pub(crate) struct Owned {
    known: HashSet<String>,
}

impl Owned {
    /// Fails with [`StoreError::NotFound`] unless every id names a `parent` row of
    /// workspace `ws`.
    pub(crate) async fn check<'a>(
        &mut self,
        conn: &mut SqliteConnection,
        ws: &WorkspaceId,
        parent: Parent,
        ids: impl Iterator<Item = &'a str>,
    ) -> StoreResult<()> {
        let mut unknown: Vec<&str> = ids.filter(|id| !self.known.contains(*id)).collect();
        unknown.sort_unstable();
        unknown.dedup();
        for chunk in unknown.chunks(LOOKUP_BATCH) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT id FROM ");
            qb.push(parent.table()).push(" WHERE workspace_id = ").push_bind(ws.as_str()).push(" AND id IN (");
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            qb.push(")");
            let rows = qb.build().fetch_all(&mut *conn).await.map_err(db_err)?;
            for r in &rows {
                self.known.insert(r.get(0));
            }
        }
        match unknown.iter().find(|id| !self.known.contains(**id)) {
            Some(missing) => Err(StoreError::NotFound(format!("{} `{missing}` in this workspace", parent.what()))),
            None => Ok(()),
        }
    }
}
