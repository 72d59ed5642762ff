//! The persona-independent part of vetting, done once per creator: account summaries
//! (rates, growth anomalies) and comment quality. Cheap to keep and reuse for every
//! persona.

use serde::{Deserialize, Serialize};

use super::authenticity::{self, Authenticity};
use super::comments::{self, CommentQuality};
use super::fit;
use super::input::{AccountInput, VettingInput};
use super::peers::PeerIndex;
use super::safety::{self, ContentScan};
use super::summary::AccountSummary;
use crate::domain::{AccountId, CreatorId, Language};

/// What is known about a creator before any persona or brand is considered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The creator.
    pub creator: CreatorId,
    /// One summary per account, in the input's order.
    pub summaries: Vec<AccountSummary>,
    /// Comment quality per account (`None` without comments), in the same order.
    pub comments: Vec<Option<CommentQuality>>,
    /// GARM categories of the recent captions.
    pub content: ContentScan,
    /// Stems of caption words, hashtags and niches (for the values part of fit).
    pub words: Vec<String>,
}

/// Analyses one creator's accounts.
pub fn analyze(input: &VettingInput) -> Analysis {
    analyze_with(input, |_| None)
}

/// Analyses one creator whose account summaries may already be known (from a first
/// pass over the daily metrics, see [`super::summarize_page`]): for those accounts
/// the input needs no daily metrics. An account `known` has no summary for is
/// summarised from the input.
pub fn analyze_with(input: &VettingInput, known: impl Fn(&AccountId) -> Option<AccountSummary>) -> Analysis {
    Analysis {
        creator: input.creator.clone(),
        summaries: input
            .accounts
            .iter()
            .map(|a| known(&a.account.id).unwrap_or_else(|| AccountSummary::of(a)))
            .collect(),
        comments: input.accounts.iter().map(comment_quality).collect(),
        content: safety::scan(input),
        words: fit::content_stems(input),
    }
}

/// The languages an account's audience speaks: those with at least 10 % in its
/// breakdown, else the account's own language.
pub fn audience_languages(a: &AccountInput) -> Vec<Language> {
    let from_breakdown: Vec<Language> = a
        .audience
        .iter()
        .flat_map(|b| b.languages.iter())
        .filter(|(_, s)| s.get() >= 0.1)
        .filter_map(|(l, _)| Language::parse(l).ok())
        .collect();
    if from_breakdown.is_empty() {
        a.account.language.into_iter().collect()
    } else {
        from_breakdown
    }
}

fn comment_quality(a: &AccountInput) -> Option<CommentQuality> {
    if a.comments.is_empty() {
        return None;
    }
    Some(comments::assess(&a.comments, &audience_languages(a)))
}

impl Analysis {
    /// The authenticity verdict against the workspace's peers.
    pub fn authenticity(&self, peers: &PeerIndex) -> Authenticity {
        let accounts: Vec<_> = self
            .summaries
            .iter()
            .zip(&self.comments)
            .map(|(s, c)| {
                authenticity::assess_account(s, peers, c.as_ref(), authenticity::is_material(s, &self.summaries))
            })
            .collect();
        authenticity::combine(&self.summaries, &accounts)
    }
}
