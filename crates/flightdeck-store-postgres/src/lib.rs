//! The PostgreSQL backend of Flightdeck's store, for several `flightdeck serve`
//! nodes sharing one database.
//!
//! It mirrors the SQLite backend row for row, so that both answer every read
//! byte-identically: its own schema lives in `migrations/` (embedded and applied on
//! open), text sorts in byte order (`COLLATE "C"`), JSON documents are kept as the
//! text that was written. Writes go through one transaction per [`BulkSession`];
//! daily metrics are loaded with `COPY` into a temporary table and merged with one
//! `INSERT … ON CONFLICT`.

mod accounts;
mod auth;
mod bulk;
mod campaigns;
mod copy;
mod exposures;
mod links;
mod list;
mod orders;
mod owned;
mod posts;
mod records;
mod tracking;
mod vetting;

use std::time::Duration;

use async_trait::async_trait;
use flightdeck_core::domain::{Creator, CreatorId, Persona, Workspace, WorkspaceId};
use flightdeck_store::{
    codec, AccountKey, AccountMetrics, BulkSession, CreatorFilter, CreatorSummary, Store, StoreError, StoreResult,
    WorkspaceCounts,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Row};

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    /// Link changes, fed by this process and by the `LISTEN`ing connection.
    changes: flightdeck_store::LinkChanges,
    /// Whether the `LISTEN`ing task runs (started by the first subscriber).
    listening: std::sync::Arc<std::sync::atomic::AtomicBool>,
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

impl PgStore {
    /// Connects to the database at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DB`)
    /// and applies the embedded migrations. The database must exist; only the
    /// schema is created (once, under PostgreSQL's advisory lock, so several nodes
    /// may start at the same time).
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options: PgConnectOptions =
            url.parse().map_err(|e| StoreError::Config(format!("`{}`: {e}", redact(url))))?;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Config(format!("cannot connect to `{}`: {e}", redact(url))))?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Database(format!("migrating `{}`: {e}", redact(url))))?;
        Ok(Self { pool, changes: flightdeck_store::LinkChanges::default(), listening: Default::default() })
    }

    /// The connection pool, for backend-specific extensions in this crate's users.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Closes every connection of the pool (waits for the ones in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL with its password replaced by `***`, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "the database URL".to_owned(),
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn create_workspace(&self, workspace: &Workspace) -> StoreResult<()> {
        sqlx::query("INSERT INTO workspaces (id, name, brand) VALUES ($1, $2, $3)")
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
        let row = sqlx::query("SELECT id, name, brand FROM workspaces WHERE id = $1 OR name = $1")
            .bind(id_or_name)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| codec::workspace(r.get(0), r.get(1), r.get(2))).transpose()
    }

    async fn delete_workspace(&self, workspace: &WorkspaceId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        for table in bulk::WORKSPACE_TABLES {
            let sql = format!("DELETE FROM {table} WHERE workspace_id = $1");
            sqlx::query(&sql).bind(workspace.as_str()).execute(&mut *tx).await.map_err(db_err)?;
        }
        sqlx::query("DELETE FROM workspaces WHERE id = $1")
            .bind(workspace.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        links::notify(&mut tx, flightdeck_store::ALL_LINKS).await?;
        tx.commit().await.map_err(db_err)?;
        self.changes.publish(flightdeck_store::LinkChange::All);
        Ok(())
    }

    async fn save_personas(&self, workspace: &WorkspaceId, personas: &[Persona]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        sqlx::query("DELETE FROM personas WHERE workspace_id = $1")
            .bind(workspace.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for p in personas {
            sqlx::query("INSERT INTO personas (id, workspace_id, name, data) VALUES ($1, $2, $3, $4)")
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
        let rows = sqlx::query("SELECT data FROM personas WHERE workspace_id = $1 ORDER BY name")
            .bind(workspace.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter().map(|r| codec::persona(r.get(0))).collect()
    }

    async fn begin(&self, workspace: &WorkspaceId) -> StoreResult<Box<dyn BulkSession>> {
        let tx = self.pool.begin().await.map_err(db_err)?;
        Ok(Box::new(bulk::PgSession::new(tx, workspace.clone())))
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
