//! [`CampaignStore`] for PostgreSQL: campaign-side documents read back from `documents`.

use async_trait::async_trait;
use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::{CampaignStore, DocumentKind, StoreResult};
use sqlx::Row;

use crate::{db_err, PgStore};

#[async_trait]
impl CampaignStore for PgStore {
    async fn documents(
        &self,
        workspace: &WorkspaceId,
        kind: DocumentKind,
        parent: Option<&str>,
    ) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT data FROM documents WHERE workspace_id = $1 AND kind = $2 AND ($3::TEXT IS NULL OR parent_id = $3) \
             ORDER BY id",
        )
        .bind(workspace.as_str())
        .bind(kind.as_str())
        .bind(parent)
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    async fn document(&self, workspace: &WorkspaceId, kind: DocumentKind, id: &str) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT data FROM documents WHERE workspace_id = $1 AND kind = $2 AND id = $3")
            .bind(workspace.as_str())
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| r.get(0)))
    }
}
