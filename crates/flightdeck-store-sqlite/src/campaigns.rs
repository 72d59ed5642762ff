//! [`CampaignStore`] for SQLite: campaign-side documents read back from `documents`.

use async_trait::async_trait;
use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::{CampaignStore, DocumentKind, StoreResult};
use sqlx::Row;

use crate::{db_err, SqliteStore};

#[async_trait]
impl CampaignStore for SqliteStore {
    async fn documents(
        &self,
        workspace: &WorkspaceId,
        kind: DocumentKind,
        parent: Option<&str>,
    ) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT data FROM documents WHERE workspace_id = ? AND kind = ? AND (? IS NULL OR parent_id = ?) \
             ORDER BY id",
        )
        .bind(workspace.as_str())
        .bind(kind.as_str())
        .bind(parent)
        .bind(parent)
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    async fn document(&self, workspace: &WorkspaceId, kind: DocumentKind, id: &str) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT data FROM documents WHERE workspace_id = ? AND kind = ? AND id = ?")
            .bind(workspace.as_str())
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| r.get(0)))
    }
}
