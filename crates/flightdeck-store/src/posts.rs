//! Reading posts back: with who published them and the compliance result stored with
//! them, for the dashboard's compliance findings and a creator's recent posts.
//!
//! [`PostStore`] is a supertrait of [`crate::Store`]. Posts are written with a
//! [`crate::BulkSession`] ([`crate::PostRow`]); the verdict column is the `verdict`
//! of the stored compliance JSON.

use async_trait::async_trait;
use flightdeck_core::domain::{CreatorId, Post, WorkspaceId};
use serde::Serialize;

use crate::{codec, StoreError, StoreResult};

/// Which posts [`PostStore::list_posts`] returns, and how many.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFilter {
    /// Only posts of this creator's accounts.
    pub creator: Option<CreatorId>,
    /// Only posts whose stored verdict is `violation` or `warning`, violations first.
    pub flagged: bool,
    /// At most this many (`None`: all).
    pub limit: Option<u64>,
    /// Skip this many.
    pub offset: u64,
}

/// A stored post with its publisher and compliance result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPost {
    /// The post.
    pub post: Post,
    /// The creator of the account.
    pub creator_id: CreatorId,
    /// The creator's name.
    pub creator_name: String,
    /// The account's platform (`instagram`, …).
    pub platform: String,
    /// The account's handle.
    pub handle: String,
    /// The stored verdict (`violation`, `warning`, `ok`), `None` when unchecked.
    pub verdict: Option<String>,
    /// The stored compliance JSON (`{"verdict", "findings"}`), `None` when unchecked.
    pub compliance: Option<serde_json::Value>,
}

impl StoredPost {
    /// Decodes the stored columns: post JSON, creator id and name, platform, handle,
    /// verdict, compliance JSON.
    #[allow(clippy::too_many_arguments)]
    pub fn decode(
        data: &str,
        creator_id: &str,
        creator_name: String,
        platform: String,
        handle: String,
        verdict: Option<String>,
        compliance: Option<String>,
    ) -> StoreResult<Self> {
        Ok(StoredPost {
            post: codec::from_json("post", data)?,
            creator_id: CreatorId::parse(creator_id).map_err(|e| StoreError::Corrupt(format!("creator id: {e}")))?,
            creator_name,
            platform,
            handle,
            verdict,
            compliance: compliance.map(|c| codec::from_json("compliance", &c)).transpose()?,
        })
    }
}

/// How many checked posts have each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    /// Posts that break a rule.
    pub violation: u64,
    /// Posts to look at.
    pub warning: u64,
    /// Posts without a problem.
    pub ok: u64,
}

/// How many creators, accounts and posts a workspace holds (indexed counts, cheap
/// enough for every page view; [`crate::Store::counts`] also counts metric days).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ContentCounts {
    /// Creators.
    pub creators: u64,
    /// Channel accounts.
    pub accounts: u64,
    /// Posts.
    pub posts: u64,
}

/// The SQL of [`PostStore::content_counts`], `?` the workspace three times.
pub const CONTENT_COUNTS_SQL: &str = "SELECT (SELECT COUNT(*) FROM creators WHERE workspace_id = ?), \
     (SELECT COUNT(*) FROM accounts WHERE workspace_id = ?), (SELECT COUNT(*) FROM posts WHERE workspace_id = ?)";

/// The SQL `ORDER BY` of [`PostStore::list_posts`] for flagged posts, the same in both
/// backends: violations before warnings, then newest first, then by id.
pub const FLAGGED_ORDER: &str = "CASE p.verdict WHEN 'violation' THEN 0 ELSE 1 END, p.published_at DESC, p.id";

/// The SQL `ORDER BY` of [`PostStore::list_posts`] otherwise: newest first, then by id.
pub const NEWEST_ORDER: &str = "p.published_at DESC, p.id";

/// The SQL of [`PostStore::list_posts`] up to `LIMIT`, with `?` placeholders in this
/// order: workspace, then the creator when `filter.creator` is set.
pub fn list_posts_sql(filter: &PostFilter) -> String {
    let mut sql = String::from(
        "SELECT p.data, a.creator_id, c.name, a.platform, a.handle, p.verdict, p.compliance \
         FROM posts p JOIN accounts a ON a.id = p.account_id JOIN creators c ON c.id = a.creator_id \
         WHERE p.workspace_id = ?",
    );
    if filter.creator.is_some() {
        sql.push_str(" AND a.creator_id = ?");
    }
    if filter.flagged {
        sql.push_str(" AND p.verdict IN ('violation', 'warning')");
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(if filter.flagged { FLAGGED_ORDER } else { NEWEST_ORDER });
    sql
}

/// The post reads every backend offers (see the module docs).
#[async_trait]
pub trait PostStore: Send + Sync {
    /// Posts of the workspace matching `filter`, in [`FLAGGED_ORDER`] when flagged, else
    /// in [`NEWEST_ORDER`].
    async fn list_posts(&self, workspace: &WorkspaceId, filter: &PostFilter) -> StoreResult<Vec<StoredPost>>;

    /// How many of the workspace's posts have each stored verdict.
    async fn verdict_counts(&self, workspace: &WorkspaceId) -> StoreResult<VerdictCounts>;

    /// How many creators, accounts and posts the workspace holds.
    async fn content_counts(&self, workspace: &WorkspaceId) -> StoreResult<ContentCounts>;
}
