//! Ground truth: which creators carry planted problems (and which grew virally).
//!
//! Creators are planted in blocks of [`BLOCK`] consecutive indices: in each block exactly
//! one creator gets an authenticity problem and exactly one other goes viral. So the share
//! is 5 % at any size that is a multiple of the block, every creator can still be generated
//! alone, and the four problem kinds rotate so that even a small demo shows all of them.

use serde::{Deserialize, Serialize};

use super::rng::mix_tag;
use crate::domain::CreatorId;

/// The number of consecutive creators among which one problem and one viral creator are planted.
pub const BLOCK: u64 = 20;

/// A label the generator planted on a creator, as written to the `--truth` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Planted {
    /// A sudden follower jump (10–40 % in 1–2 days) not explained by reach or engagement,
    /// usually followed by a slow purge.
    BoughtFollowers,
    /// Reach and engagement far below what the follower count implies, for the whole history.
    HollowFollowers,
    /// The same group of commenters comments on most posts (a pod; shared between pod members).
    EngagementPod,
    /// A large share of generic comments: emoji-only, "nice pic", mention-only, spam.
    BotComments,
    /// Real viral growth: an engagement and reach spike first, followers follow. Not a problem.
    Viral,
    /// At least one sponsored post without a proper disclosure (missing, vague, buried, after
    /// the fold or in the wrong language). A compliance finding, not an authenticity problem.
    UndisclosedAd,
}

impl Planted {
    /// The four authenticity problems, in rotation order.
    pub const PROBLEMS: [Planted; 4] =
        [Planted::BoughtFollowers, Planted::HollowFollowers, Planted::EngagementPod, Planted::BotComments];

    /// The snake_case label of the truth file.
    pub fn as_str(&self) -> &'static str {
        match self {
            Planted::BoughtFollowers => "bought_followers",
            Planted::HollowFollowers => "hollow_followers",
            Planted::EngagementPod => "engagement_pod",
            Planted::BotComments => "bot_comments",
            Planted::Viral => "viral",
            Planted::UndisclosedAd => "undisclosed_ad",
        }
    }

    /// Whether the label is an authenticity problem that vetting should flag as suspicious
    /// (`viral` and `undisclosed_ad` are not).
    pub fn is_authenticity_problem(&self) -> bool {
        Planted::PROBLEMS.contains(self)
    }
}

/// One entry of the `--truth` file: `{"creator": "cr_…", "planted": ["bought_followers"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthEntry {
    /// The creator's id.
    pub creator: CreatorId,
    /// The planted labels, sorted; empty for a clean creator.
    pub planted: Vec<Planted>,
}

/// The labels planted on creator `index` before its posts are written (all but
/// [`Planted::UndisclosedAd`], which follows from the posts).
pub(crate) fn planned(seed: u64, index: u64) -> Vec<Planted> {
    let block = index / BLOCK;
    let slot = index % BLOCK;
    let h = mix_tag(seed, b"plant", block);
    let problem_slot = h % BLOCK;
    let viral_slot = (problem_slot + 1 + (h >> 8) % (BLOCK - 1)) % BLOCK;
    let mut labels = Vec::new();
    if slot == problem_slot {
        let offset = mix_tag(seed, b"plant-kind", 0) % 4;
        let kind = Planted::PROBLEMS[((block + offset) % 4) as usize];
        labels.push(kind);
        if (h >> 20).is_multiple_of(4) {
            labels.push(match kind {
                Planted::BoughtFollowers => Planted::BotComments,
                Planted::HollowFollowers => Planted::EngagementPod,
                Planted::EngagementPod => Planted::HollowFollowers,
                _ => Planted::BoughtFollowers,
            });
        }
    } else if slot == viral_slot {
        labels.push(Planted::Viral);
    }
    labels.sort();
    labels
}

/// Which of three pod rings a pod creator of `index` belongs to (pod members are shared
/// within a ring, as in real pods where creators comment on each other).
pub(crate) fn pod_ring(seed: u64, index: u64) -> u64 {
    mix_tag(seed, b"ring", index / BLOCK) % 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_block_has_one_problem_and_one_viral_creator() {
        for seed in [0, 1, 99] {
            for block in 0..50 {
                let labels: Vec<Vec<Planted>> = (0..BLOCK).map(|i| planned(seed, block * BLOCK + i)).collect();
                let problems = labels.iter().filter(|l| l.iter().any(Planted::is_authenticity_problem)).count();
                let viral = labels.iter().filter(|l| l.contains(&Planted::Viral)).count();
                assert_eq!((problems, viral), (1, 1), "seed {seed} block {block}");
            }
        }
    }

    #[test]
    fn all_problem_kinds_show_up_within_four_blocks() {
        let mut kinds: Vec<Planted> = (0..4 * BLOCK).flat_map(|i| planned(5, i)).collect();
        kinds.sort();
        kinds.dedup();
        for kind in Planted::PROBLEMS {
            assert!(kinds.contains(&kind), "{kind:?}");
        }
    }

    #[test]
    fn labels_serialise_as_snake_case() {
        let json = serde_json::to_string(&Planted::BoughtFollowers).ok();
        assert_eq!(json.as_deref(), Some("\"bought_followers\""));
        assert_eq!(Planted::UndisclosedAd.as_str(), "undisclosed_ad");
    }
}
