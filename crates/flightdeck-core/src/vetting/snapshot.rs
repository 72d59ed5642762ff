//! A [`PeerIndex`] as plain, persistable data, so that a store can keep the index a
//! workspace was scored with and explain any one creator later with exactly the same
//! peers (and so exactly the same score) without re-reading every account.
//!
//! Numbers are kept as the bits of their `f64`: a snapshot restores the index
//! exactly, whatever the JSON reader does with decimals. Entries are sorted, so the
//! same index always gives the same bytes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::engagement::RateBasis;
use super::peers::{Metric, PeerIndex};
use crate::domain::{Platform, Tier};

/// The snapshot format's version; [`PeerIndex::from_snapshot`] refuses others.
pub const SNAPSHOT_VERSION: u32 = 1;

/// One bucket: its key and the sorted ln-values of its accounts (as bits).
type BucketEntry = (Metric, Platform, Tier, RateBasis, Vec<u64>);
/// One platform offset (bits).
type OffsetEntry = (Metric, Platform, RateBasis, u64);
/// One spread: per platform, or pooled (`None`), as bits.
type SigmaEntry = (Metric, Option<Platform>, u64);

/// A peer index as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerSnapshot {
    /// [`SNAPSHOT_VERSION`] when written.
    pub version: u32,
    buckets: Vec<BucketEntry>,
    offsets: Vec<OffsetEntry>,
    sigmas: Vec<SigmaEntry>,
}

/// Why a snapshot cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("peer snapshot version {found} is not supported (expected {SNAPSHOT_VERSION}): rescore the workspace")]
pub struct SnapshotVersionError {
    /// The version found.
    pub found: u32,
}

impl PeerIndex {
    /// The index as persistable data.
    pub fn snapshot(&self) -> PeerSnapshot {
        let mut buckets: Vec<BucketEntry> = self
            .buckets
            .iter()
            .map(|(&(m, p, t, b), v)| (m, p, t, b, v.iter().map(|x| x.to_bits()).collect()))
            .collect();
        buckets.sort_by_key(|e| (e.0, e.1, e.2, e.3));
        let mut offsets: Vec<OffsetEntry> =
            self.platform_offset.iter().map(|(&(m, p, b), v)| (m, p, b, v.to_bits())).collect();
        offsets.sort_by_key(|e| (e.0, e.1, e.2));
        let mut sigmas: Vec<SigmaEntry> = self.sigma.iter().map(|(&(m, p), v)| (m, p, v.to_bits())).collect();
        sigmas.sort_by_key(|e| (e.0, e.1));
        PeerSnapshot { version: SNAPSHOT_VERSION, buckets, offsets, sigmas }
    }

    /// The index a snapshot was taken of, exactly.
    pub fn from_snapshot(s: &PeerSnapshot) -> Result<PeerIndex, SnapshotVersionError> {
        if s.version != SNAPSHOT_VERSION {
            return Err(SnapshotVersionError { found: s.version });
        }
        let buckets: HashMap<_, _> = s
            .buckets
            .iter()
            .map(|(m, p, t, b, v)| ((*m, *p, *t, *b), v.iter().map(|x| f64::from_bits(*x)).collect()))
            .collect();
        let platform_offset = s.offsets.iter().map(|(m, p, b, v)| ((*m, *p, *b), f64::from_bits(*v))).collect();
        let sigma = s.sigmas.iter().map(|(m, p, v)| ((*m, *p), f64::from_bits(*v))).collect();
        Ok(PeerIndex { buckets, platform_offset, sigma })
    }
}
