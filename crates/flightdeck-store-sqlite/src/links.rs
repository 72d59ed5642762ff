//! [`LinkStore`] for SQLite: changes are announced within this process only; other
//! processes on the same file (a CLI next to `serve`) are covered by the caches'
//! time-to-live.

use async_trait::async_trait;
use flightdeck_core::domain::{CampaignId, ClickId, CreatorId, LinkId, TrackingLink, WorkspaceId};
use flightdeck_store::tracking::rows;
use flightdeck_store::{LinkChange, LinkChangeFeed, LinkClicks, LinkStore, StoreError, StoreResult};
use sqlx::Row;

use crate::{db_err, SqliteStore};

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

#[async_trait]
impl LinkStore for SqliteStore {
    fn link_changes(&self) -> LinkChangeFeed {
        self.changes.subscribe()
    }

    async fn set_link_destination(
        &self,
        workspace: &WorkspaceId,
        id: &LinkId,
        destination: &str,
    ) -> StoreResult<Option<TrackingLink>> {
        let row = sqlx::query(
            "UPDATE links SET destination = ? WHERE workspace_id = ? AND id = ? \
             RETURNING id, code, campaign_id, creator_id, deliverable_id, destination, created_at",
        )
        .bind(destination)
        .bind(workspace.as_str())
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await
        .map_err(db_err)?;
        let Some(r) = row else { return Ok(None) };
        let link = rows::link(std::array::from_fn(|i| r.get::<Option<String>, _>(i)))?;
        self.changes.publish(LinkChange::Code(link.code.clone()));
        Ok(Some(link))
    }

    async fn link_clicks(&self, workspace: &WorkspaceId) -> StoreResult<Vec<LinkClicks>> {
        let all = sqlx::query(
            "SELECT link_id, SUM(CASE WHEN agent IN ('bot', 'preview') THEN 0 ELSE 1 END), \
             SUM(CASE WHEN agent IN ('bot', 'preview') THEN 1 ELSE 0 END) \
             FROM clicks WHERE workspace_id = ? GROUP BY link_id ORDER BY link_id",
        )
        .bind(workspace.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter()
            .map(|r| {
                Ok(LinkClicks {
                    link_id: LinkId::parse(r.get(0)).map_err(corrupt)?,
                    human: u64::try_from(r.get::<i64, _>(1)).unwrap_or(0),
                    bots: u64::try_from(r.get::<i64, _>(2)).unwrap_or(0),
                })
            })
            .collect()
    }

    async fn mark_click_consent(&self, workspace: &WorkspaceId, click: &ClickId) -> StoreResult<bool> {
        let done = sqlx::query("UPDATE clicks SET consent = TRUE WHERE workspace_id = ? AND id = ?")
            .bind(workspace.as_str())
            .bind(click.as_str())
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn campaign_creators(&self, workspace: &WorkspaceId, campaign: &CampaignId) -> StoreResult<Vec<CreatorId>> {
        let all = sqlx::query(
            "SELECT creator_id FROM documents WHERE workspace_id = ? AND kind = 'collaboration' AND parent_id = ? \
             AND creator_id IS NOT NULL \
             UNION SELECT creator_id FROM links WHERE workspace_id = ? AND campaign_id = ? ORDER BY 1",
        )
        .bind(workspace.as_str())
        .bind(campaign.as_str())
        .bind(workspace.as_str())
        .bind(campaign.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter().map(|r| CreatorId::parse(r.get(0)).map_err(corrupt)).collect()
    }
}
