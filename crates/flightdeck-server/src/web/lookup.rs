//! Names for ids on the tracking pages: campaigns and creators, looked up once per page.

use std::collections::HashMap;

use flightdeck_core::domain::{Campaign, CampaignId, CreatorId, WorkspaceId};
use flightdeck_store::{Store, StoreResult};

/// The workspace's campaigns, by name.
pub async fn campaigns(store: &dyn Store, workspace: &WorkspaceId) -> StoreResult<Vec<Campaign>> {
    store.list_campaigns(workspace).await
}

/// Campaign id → name.
pub fn campaign_names(campaigns: &[Campaign]) -> HashMap<CampaignId, String> {
    campaigns.iter().map(|c| (c.id.clone(), c.name.as_str().to_owned())).collect()
}

/// Creator id → name, for the given ids (unknown ids are left out). Each distinct id is
/// looked up once, and the look-ups run side by side on the store's pool.
pub async fn creator_names(
    store: &dyn Store,
    workspace: &WorkspaceId,
    ids: Vec<CreatorId>,
) -> StoreResult<HashMap<CreatorId, String>> {
    let distinct: std::collections::HashSet<CreatorId> = ids.into_iter().collect();
    let found = futures::future::try_join_all(distinct.iter().map(|id| store.creator(workspace, id))).await?;
    Ok(found.into_iter().flatten().map(|c| (c.id, c.name.as_str().to_owned())).collect())
}

/// The name for an id, or the id itself.
pub fn name_or_id<K: std::hash::Hash + Eq + std::fmt::Display>(names: &HashMap<K, String>, id: &K) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_string())
}
