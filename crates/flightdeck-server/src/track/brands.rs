//! The allowed domains of each workspace's brand, kept in memory for a minute: the
//! pixel's CORS check runs on every event.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use flightdeck_core::domain::{Domain, WorkspaceId};
use flightdeck_store::{Store, StoreResult};

/// How long a brand's domains are served from memory.
pub const BRAND_TTL: Duration = Duration::from_secs(60);

type Entry = (Instant, Option<Arc<Vec<Domain>>>);

/// The cache.
#[derive(Debug, Default)]
pub struct BrandDomains {
    known: RwLock<HashMap<WorkspaceId, Entry>>,
}

impl BrandDomains {
    /// The allowed domains of the workspace `id`, `None` when there is no such workspace.
    pub async fn domains(&self, store: &dyn Store, id: &WorkspaceId) -> StoreResult<Option<Arc<Vec<Domain>>>> {
        let now = Instant::now();
        let cached = self.known.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(id).cloned();
        if let Some((at, domains)) = cached {
            if now.duration_since(at) < BRAND_TTL {
                return Ok(domains);
            }
        }
        let found =
            store.find_workspace(id.as_str()).await?.filter(|w| &w.id == id).map(|w| Arc::new(w.brand.allowed_domains));
        let mut known = self.known.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.len() > 10_000 {
            known.clear();
        }
        known.insert(id.clone(), (now, found.clone()));
        Ok(found)
    }
}
