//! The embedded SQLite backend of Flightdeck's store (WAL, foreign keys on).
//!
//! Its schema lives in `migrations/`, embedded in the binary and applied on first
//! use. Writes go through one transaction per [`BulkSession`], with multi-row
//! prepared statements so that imports of millions of rows stay fast.

mod auth;
mod bulk;
mod campaigns;
mod exposures;
mod links;
mod list;
mod orders;
mod owned;
mod posts;
mod tracking;
mod vetting;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use flightdeck_core::domain::{Creator, CreatorId, Persona, Workspace, WorkspaceId};
use flightdeck_store::{
    codec, AccountKey, AccountMetrics, BulkSession, CreatorFilter, CreatorSummary, Store, StoreError, StoreResult,
    WorkspaceCounts,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Link changes of this process (SQLite has no cross-process notifications).
    changes: flightdeck_store::LinkChanges,
}

/// Maps a sqlx error to the store's error, telling constraint violations apart.
pub(crate) fn db_err(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(ref d) = e {
        if d.is_unique_violation() {
            return StoreError::Conflict(d.message().to_owned());
        }
        if d.is_foreign_key_violation() {
            return StoreError::NotFound(d.message().to_owned());
        }
    }
    StoreError::Database(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://FILE` or
    /// `sqlite::memory:`) and applies the embedded migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("`{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // A 32 MiB page cache per connection (SQLite's default is 2 MiB): large
            // imports touch B-tree pages all over the file, and re-reading them with
            // pread dominated the demo's profile. (A memory map was tried too: as fast,
            // but it counts the mapped file as resident memory.)
            .pragma("cache_size", "-32768")
            .pragma("temp_store", "memory");
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(if in_memory { 1 } else { 8 })
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Config(format!("cannot open `{url}`: {e}")))?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Database(format!("migrating `{url}`: {e}")))?;
        Ok(Self { pool, changes: flightdeck_store::LinkChanges::default() })
    }

    /// The connection pool, for backend-specific extensions in this crate's users.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn create_workspace(&self, workspace: &Workspace) -> StoreResult<()> {
        sqlx::query("INSERT INTO workspaces (id, name, brand) VALUES (?, ?, ?)")
            .bind(workspace.id.as_str())
            .bind(workspace.name.as_str())
            .bind(codec::to_json(&workspace.brand)?)
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn workspaces(&self) -> StoreResult<Vec<Workspace>> {
        let rows = sqlx::query("SELECT id, name, brand FROM workspaces ORDER BY name")
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter().map(|r| codec::workspace(r.get(0), r.get(1), r.get(2))).collect()
    }

    async fn find_workspace(&self, id_or_name: &str) -> StoreResult<Option<Workspace>> {
        let row = sqlx::query("SELECT id, name, brand FROM workspaces WHERE id = ? OR name = ?")
            .bind(id_or_name)
            .bind(id_or_name)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| codec::workspace(r.get(0), r.get(1), r.get(2))).transpose()
    }

    async fn delete_workspace(&self, workspace: &WorkspaceId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        for table in bulk::WORKSPACE_TABLES {
            let sql = format!("DELETE FROM {table} WHERE workspace_id = ?");
            sqlx::query(&sql).bind(workspace.as_str()).execute(&mut *tx).await.map_err(db_err)?;
        }
        sqlx::query("DELETE FROM workspaces WHERE id = ?")
            .bind(workspace.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        self.changes.publish(flightdeck_store::LinkChange::All);
        Ok(())
    }

    async fn save_personas(&self, workspace: &WorkspaceId, personas: &[Persona]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        sqlx::query("DELETE FROM personas WHERE workspace_id = ?")
            .bind(workspace.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for p in personas {
            sqlx::query("INSERT INTO personas (id, workspace_id, name, data) VALUES (?, ?, ?, ?)")
                .bind(p.id.as_str())
                .bind(workspace.as_str())
                .bind(p.name.as_str())
                .bind(codec::to_json(p)?)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    }

    async fn personas(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Persona>> {
        let rows = sqlx::query("SELECT data FROM personas WHERE workspace_id = ? ORDER BY name")
            .bind(workspace.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter().map(|r| codec::persona(r.get(0))).collect()
    }

    async fn begin(&self, workspace: &WorkspaceId) -> StoreResult<Box<dyn BulkSession>> {
        let tx = self.pool.begin().await.map_err(db_err)?;
        Ok(Box::new(bulk::SqliteSession::new(tx, workspace.clone())))
    }

    async fn account_keys(&self, workspace: &WorkspaceId) -> StoreResult<Vec<AccountKey>> {
        list::account_keys(&self.pool, workspace).await
    }

    async fn list_creators(&self, workspace: &WorkspaceId, filter: &CreatorFilter) -> StoreResult<Vec<CreatorSummary>> {
        list::list_creators(&self.pool, workspace, filter).await
    }

    async fn creator(&self, workspace: &WorkspaceId, id: &CreatorId) -> StoreResult<Option<Creator>> {
        list::creator(&self.pool, workspace, id).await
    }

    async fn creator_metrics(&self, workspace: &WorkspaceId, id: &CreatorId) -> StoreResult<Vec<AccountMetrics>> {
        list::creator_metrics(&self.pool, workspace, id).await
    }

    async fn counts(&self, workspace: &WorkspaceId) -> StoreResult<WorkspaceCounts> {
        list::counts(&self.pool, workspace).await
    }
}
