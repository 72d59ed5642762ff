//! [`LinkStore`] for PostgreSQL: every change is announced with `NOTIFY` in the
//! transaction that makes it, and each process that subscribes runs one `LISTEN`ing
//! connection that forwards the notifications of every node to its subscribers.

use std::sync::atomic::Ordering;
use std::time::Duration;

use async_trait::async_trait;
use flightdeck_core::domain::{CampaignId, ClickId, CreatorId, LinkId, TrackingLink, WorkspaceId};
use flightdeck_store::tracking::rows;
use flightdeck_store::{
    LinkChange, LinkChangeFeed, LinkChanges, LinkClicks, LinkStore, StoreError, StoreResult, LINK_CHANNEL,
};
use sqlx::postgres::PgListener;
use sqlx::{PgPool, Row};

use crate::{db_err, PgStore};

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Forwards the notifications on [`LINK_CHANNEL`] to `changes`, reconnecting after a
/// lost connection; after any gap every cached link is dropped ([`LinkChange::All`]),
/// since notifications sent meanwhile are lost.
async fn listen(pool: PgPool, changes: LinkChanges) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(LINK_CHANNEL).await {
                Ok(()) => {
                    changes.publish(LinkChange::All);
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(n)) => changes.publish(LinkChange::from_payload(n.payload())),
                            Ok(None) => changes.publish(LinkChange::All),
                            Err(e) => {
                                tracing::warn!(error = %e, "link change listener failed; reconnecting");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot LISTEN for link changes"),
            },
            Err(e) => tracing::warn!(error = %e, "cannot connect the link change listener"),
        }
        changes.publish(LinkChange::All);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Sends `NOTIFY` on [`LINK_CHANNEL`] within the transaction `tx`.
pub(crate) async fn notify(tx: &mut sqlx::PgConnection, payload: &str) -> StoreResult<()> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(LINK_CHANNEL).bind(payload).execute(tx).await.map_err(db_err)?;
    Ok(())
}

#[async_trait]
impl LinkStore for PgStore {
    fn link_changes(&self) -> LinkChangeFeed {
        let feed = self.changes.subscribe();
        let start = self.listening.compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire).is_ok();
        if start {
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => {
                    runtime.spawn(listen(self.pool().clone(), self.changes.clone()));
                }
                Err(_) => self.listening.store(false, Ordering::Release),
            }
        }
        feed
    }

    async fn set_link_destination(
        &self,
        workspace: &WorkspaceId,
        id: &LinkId,
        destination: &str,
    ) -> StoreResult<Option<TrackingLink>> {
        let mut tx = self.pool().begin().await.map_err(db_err)?;
        let row = sqlx::query(
            "UPDATE links SET destination = $1 WHERE workspace_id = $2 AND id = $3 \
             RETURNING id, code, campaign_id, creator_id, deliverable_id, destination, created_at",
        )
        .bind(destination)
        .bind(workspace.as_str())
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let Some(r) = row else { return Ok(None) };
        let link = rows::link(std::array::from_fn(|i| r.get::<Option<String>, _>(i)))?;
        notify(&mut tx, &link.code).await?;
        tx.commit().await.map_err(db_err)?;
        self.changes.publish(LinkChange::Code(link.code.clone()));
        Ok(Some(link))
    }

    async fn link_clicks(&self, workspace: &WorkspaceId) -> StoreResult<Vec<LinkClicks>> {
        let all = sqlx::query(
            "SELECT link_id, COUNT(*) FILTER (WHERE agent NOT IN ('bot', 'preview')), \
             COUNT(*) FILTER (WHERE agent IN ('bot', 'preview')) \
             FROM clicks WHERE workspace_id = $1 GROUP BY link_id ORDER BY link_id",
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
        let done = sqlx::query("UPDATE clicks SET consent = TRUE WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.as_str())
            .bind(click.as_str())
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn campaign_creators(&self, workspace: &WorkspaceId, campaign: &CampaignId) -> StoreResult<Vec<CreatorId>> {
        let all = sqlx::query(
            "SELECT creator_id FROM documents WHERE workspace_id = $1 AND kind = 'collaboration' AND parent_id = $2 \
             AND creator_id IS NOT NULL \
             UNION SELECT creator_id FROM links WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY 1",
        )
        .bind(workspace.as_str())
        .bind(campaign.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter().map(|r| CreatorId::parse(r.get(0)).map_err(corrupt)).collect()
    }
}
