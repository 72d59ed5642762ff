//! Scoring a stored workspace, and explaining one stored creator.
//!
//! [`rescore_workspace`] runs the vetting engine over every creator in two passes of
//! pages, so that a workspace of 100,000 creators × 180 days never sits in memory at
//! once: the first pass reads daily metrics and posts and keeps only each account's
//! summary; the peer index is built from all of them; the second pass reads
//! audiences, posts and comments (no metrics) and vets each creator for the brand
//! alone and for every persona. All scores and the run (with its peer index) are then
//! replaced at once.
//!
//! [`explain`] vets one creator from its stored data against the stored run's peers:
//! the report's score is the one `creators list` shows.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use flightdeck_core::domain::{AccountId, CreatorId, Persona, Workspace, WorkspaceId};
use flightdeck_core::vetting::{self, AccountSummary, PeerIndex, QuotedFee, VettingInput, VettingReport};

use crate::vetting::{CreatorData, ScoreFacts, ScoringRun, StoredScore, VettingLoad};
use crate::{Store, StoreError, StoreResult};

/// Creators read and vetted per page.
pub const PAGE: u32 = 500;

/// The steps of a rescore, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading metrics and summarising accounts.
    Summaries,
    /// Vetting every creator for every persona.
    Scores,
    /// Writing the scores.
    Saving,
}

impl Phase {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Summaries => "analysing",
            Phase::Scores => "scoring",
            Phase::Saving => "saving",
        }
    }
}

/// Where a rescore reports how far it is (a progress bar, or nothing).
pub trait Progress: Send + Sync {
    /// A phase starts with `total` steps (creators).
    fn start(&self, phase: Phase, total: u64);
    /// `n` more steps are done.
    fn advance(&self, n: u64);
    /// The rescore is over.
    fn finish(&self) {}
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: Phase, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// What a rescore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescored {
    /// Creators vetted.
    pub creators: u64,
    /// Of those, scorable for the brand alone.
    pub scorable: u64,
    /// Of those, flagged suspicious.
    pub suspicious: u64,
    /// Personas each creator was scored for (besides the brand alone).
    pub personas: usize,
    /// The day the run is for.
    pub as_of: NaiveDate,
    /// How long it took.
    pub took: Duration,
}

/// The engine's input for stored data, as of `as_of`.
pub fn input_of(data: CreatorData, as_of: NaiveDate) -> VettingInput {
    VettingInput {
        creator: data.creator,
        accounts: data.accounts,
        as_of,
        disclosure: data.disclosure,
        exclusivities: Vec::new(),
        quoted_fee: None,
    }
}

/// Calls `f` with every page of creators (their data as `load` says), in id order.
async fn for_each_page<F>(store: &dyn Store, ws: &WorkspaceId, load: VettingLoad, mut f: F) -> StoreResult<()>
where
    F: FnMut(Vec<CreatorData>) -> StoreResult<()> + Send,
{
    let mut after: Option<CreatorId> = None;
    loop {
        let ids = store.creator_id_page(ws, after.as_ref(), PAGE).await?;
        let (Some(first), Some(last)) = (ids.first(), ids.last()) else { return Ok(()) };
        let data = store.vetting_data(ws, first, last, load).await?;
        after = Some(last.clone());
        f(data)?;
    }
}

/// Rescores every creator of `workspace` for the brand alone and every persona, and
/// replaces the stored scores and run.
pub async fn rescore_workspace(
    store: &dyn Store,
    workspace: &Workspace,
    progress: &dyn Progress,
) -> StoreResult<Rescored> {
    let started = Instant::now();
    let ws = &workspace.id;
    let total = store.counts(ws).await?.creators;
    let personas = store.personas(ws).await?;
    let weights = store.vetting_weights(ws).await?;

    progress.start(Phase::Summaries, total);
    let mut known: HashMap<AccountId, AccountSummary> = HashMap::new();
    let mut newest: Option<NaiveDate> = None;
    let first_pass = VettingLoad { metrics: true, posts: true, ..VettingLoad::default() };
    for_each_page(store, ws, first_pass, |page| {
        let n = page.len() as u64;
        for a in page.iter().flat_map(|c| c.accounts.iter()) {
            newest = newest.max(a.daily.iter().map(|d| d.date).max());
        }
        let inputs: Vec<VettingInput> = page.into_iter().map(|d| input_of(d, NaiveDate::MIN)).collect();
        for s in vetting::summarize_page(&inputs).into_iter().flatten() {
            known.insert(s.account.clone(), s);
        }
        progress.advance(n);
        Ok(())
    })
    .await?;
    let as_of = newest.unwrap_or_else(|| Utc::now().date_naive());
    let snapshot = PeerIndex::build(known.values()).snapshot();
    let peers = PeerIndex::from_snapshot(&snapshot).map_err(|e| StoreError::Corrupt(e.to_string()))?;

    progress.start(Phase::Scores, total);
    let targets: Vec<Option<&Persona>> = std::iter::once(None).chain(personas.iter().map(Some)).collect();
    let lookup = |id: &AccountId| known.get(id).cloned();
    let mut scores: Vec<StoredScore> = Vec::with_capacity(usize::try_from(total).unwrap_or(0) * targets.len());
    let second_pass = VettingLoad { metrics: false, ..VettingLoad::ALL };
    for_each_page(store, ws, second_pass, |page| {
        let n = page.len() as u64;
        let inputs: Vec<VettingInput> = page.into_iter().map(|d| input_of(d, as_of)).collect();
        let reports = vetting::vet_page(&inputs, &lookup, &targets, &workspace.brand, &peers, &weights);
        scores.extend(reports.iter().flatten().map(stored_score));
        progress.advance(n);
        Ok(())
    })
    .await?;

    progress.start(Phase::Saving, 1);
    let creators = scores.iter().filter(|s| s.persona.is_none()).count() as u64;
    let run = ScoringRun {
        as_of,
        weights,
        personas: personas.iter().map(|p| p.name.as_str().to_owned()).collect(),
        creators,
        peers: snapshot,
    };
    store.replace_scores(ws, &run, &scores).await?;
    progress.advance(1);
    progress.finish();
    let alone = scores.iter().filter(|s| s.persona.is_none());
    Ok(Rescored {
        creators,
        scorable: alone.clone().filter(|s| s.facts.scorable).count() as u64,
        suspicious: alone.filter(|s| s.facts.suspicious).count() as u64,
        personas: personas.len(),
        as_of,
        took: started.elapsed(),
    })
}

/// The stored form of a report.
pub fn stored_score(r: &VettingReport) -> StoredScore {
    StoredScore {
        creator: r.creator.clone(),
        persona: r.persona.clone(),
        score: r.score,
        facts: ScoreFacts {
            scorable: r.scorable,
            confidence: r.confidence,
            suspicious: r.authenticity.suspicious,
            not_scorable_reason: r.not_scorable_reason.clone(),
        },
    }
}

/// The explained vetting of one stored creator for `persona` (or the brand alone),
/// against the peers of the workspace's last scoring run, with its weights and day.
/// Before any run, the creator is vetted against the published priors alone, as of
/// its newest metric day. `None` when the workspace has no such creator.
pub async fn explain(
    store: &dyn Store,
    workspace: &Workspace,
    creator: &CreatorId,
    persona: Option<&Persona>,
) -> StoreResult<Option<VettingReport>> {
    explain_with(store, workspace, creator, persona, &Explain::default()).await
}

/// What the caller adds to an explanation.
#[derive(Debug, Clone, Default)]
pub struct Explain {
    /// A fee the creator quoted per post, to check against the tier's CPM and CPE.
    pub quoted_fee: Option<QuotedFee>,
}

/// [`explain`], with a quoted fee to check.
pub async fn explain_with(
    store: &dyn Store,
    workspace: &Workspace,
    creator: &CreatorId,
    persona: Option<&Persona>,
    extra: &Explain,
) -> StoreResult<Option<VettingReport>> {
    let ws = &workspace.id;
    let Some(data) = store.vetting_data(ws, creator, creator, VettingLoad::ALL).await?.into_iter().next() else {
        return Ok(None);
    };
    let (peers, weights, as_of) = match store.scoring_run(ws).await? {
        Some(run) => {
            let peers = PeerIndex::from_snapshot(&run.peers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            (peers, run.weights, run.as_of)
        }
        None => {
            let newest = data.accounts.iter().flat_map(|a| a.daily.iter().map(|d| d.date)).max();
            (PeerIndex::default(), store.vetting_weights(ws).await?, newest.unwrap_or_else(|| Utc::now().date_naive()))
        }
    };
    let mut input = input_of(data, as_of);
    input.quoted_fee = extra.quoted_fee;
    Ok(Some(vetting::vet(&input, persona, &workspace.brand, &peers, &weights)))
}

/// The workspace's persona called `name`: by exact name, else ignoring case.
pub fn find_persona<'a>(personas: &'a [Persona], name: &str) -> Option<&'a Persona> {
    let name = name.trim();
    personas
        .iter()
        .find(|p| p.name.as_str() == name)
        .or_else(|| personas.iter().find(|p| p.name.as_str().eq_ignore_ascii_case(name)))
}
