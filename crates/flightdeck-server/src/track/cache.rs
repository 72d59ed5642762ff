//! The in-memory link cache of the redirect: short code → destination.
//!
//! A hit costs one read lock and an `Arc` clone. Entries are dropped when the store
//! announces a change of their link ([`flightdeck_store::LinkStore::link_changes`]:
//! in-process for SQLite, every node for PostgreSQL), and in any case after
//! [`POSITIVE_TTL`] (a CLI writing the same SQLite file cannot notify the server).
//! Unknown codes are remembered for [`NEGATIVE_TTL`] so a scan of random codes does
//! not reach the database for each request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use flightdeck_core::domain::{LinkId, WorkspaceId};
use flightdeck_store::{LinkChange, Store, StoreResult};

/// How long a found link is served from memory without asking the store again.
pub const POSITIVE_TTL: Duration = Duration::from_secs(60);
/// How long an unknown code is remembered as unknown.
pub const NEGATIVE_TTL: Duration = Duration::from_secs(5);
/// At most this many codes are cached; past it the cache starts over.
pub const MAX_ENTRIES: usize = 200_000;

/// What the redirect needs of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedLink {
    /// The link's workspace.
    pub workspace_id: WorkspaceId,
    /// The link.
    pub link_id: LinkId,
    /// Its destination, UTMs included (without `fd_cid`).
    pub destination: String,
}

#[derive(Debug, Clone)]
struct Entry {
    link: Option<Arc<CachedLink>>,
    loaded: Instant,
}

impl Entry {
    fn fresh(&self, now: Instant) -> bool {
        let ttl = if self.link.is_some() { POSITIVE_TTL } else { NEGATIVE_TTL };
        now.duration_since(self.loaded) < ttl
    }
}

/// The cache (see the module docs).
#[derive(Debug, Default)]
pub struct LinkCache {
    entries: RwLock<HashMap<String, Entry>>,
    /// Bumped by every invalidation, so that a load that raced with one is not kept.
    generation: AtomicU64,
}

impl LinkCache {
    /// The link with this code: from memory, or from the store (and then kept).
    pub async fn get(&self, store: &dyn Store, code: &str) -> StoreResult<Option<Arc<CachedLink>>> {
        let now = Instant::now();
        if let Some(entry) = self.read(code) {
            if entry.fresh(now) {
                return Ok(entry.link);
            }
        }
        let generation = self.generation.load(Ordering::Acquire);
        let found = store.link_by_code(code).await?.map(|t| {
            Arc::new(CachedLink { workspace_id: t.workspace_id, link_id: t.link.id, destination: t.link.destination })
        });
        self.put(code, found.clone(), generation, now);
        Ok(found)
    }

    fn read(&self, code: &str) -> Option<Entry> {
        let entries = self.entries.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.get(code).cloned()
    }

    fn put(&self, code: &str, link: Option<Arc<CachedLink>>, generation: u64, loaded: Instant) {
        let mut entries = self.entries.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(code.to_owned(), Entry { link, loaded });
    }

    /// Drops what `change` names.
    pub fn apply(&self, change: &LinkChange) {
        let mut entries = self.entries.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::AcqRel);
        match change {
            LinkChange::Code(code) => {
                entries.remove(code);
            }
            LinkChange::All => entries.clear(),
        }
    }

    /// How many codes are cached (found or unknown).
    pub fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Applies the store's link changes to `cache` until the store's feed closes; a
/// subscriber that fell behind drops everything.
pub async fn follow_changes(cache: Arc<LinkCache>, store: Arc<dyn Store>) {
    use tokio::sync::broadcast::error::RecvError;
    let mut feed = store.link_changes();
    loop {
        match feed.recv().await {
            Ok(change) => cache.apply(&change),
            Err(RecvError::Lagged(_)) => cache.apply(&LinkChange::All),
            Err(RecvError::Closed) => return,
        }
    }
}
