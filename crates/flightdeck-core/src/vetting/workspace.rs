//! Vetting a whole workspace at once, in parallel (rayon): every creator is analysed
//! once, the peer index is built from all of them, then each creator is vetted for
//! every persona.

use rayon::prelude::*;

use super::analysis::{analyze, analyze_with, Analysis};
use super::input::VettingInput;
use super::peers::PeerIndex;
use super::report::VettingReport;
use super::score::Weights;
use super::summary::AccountSummary;
use super::vet::Verdicts;
use crate::domain::{AccountId, Brand, Persona};

/// Analyses every creator (in parallel) and builds the workspace's peer index.
pub fn analyze_workspace(inputs: &[VettingInput]) -> (Vec<Analysis>, PeerIndex) {
    let analyses: Vec<Analysis> = inputs.par_iter().map(analyze).collect();
    let peers = PeerIndex::build(analyses.iter().flat_map(|a| a.summaries.iter()));
    (analyses, peers)
}

/// Vets every creator for every persona (for the brand alone when `personas` is
/// empty). The result has one entry per input, in order, each with one report per
/// persona, in order.
pub fn vet_workspace(
    inputs: &[VettingInput],
    personas: &[Persona],
    brand: &Brand,
    weights: &Weights,
) -> Vec<Vec<VettingReport>> {
    let (analyses, peers) = analyze_workspace(inputs);
    let targets: Vec<Option<&Persona>> =
        if personas.is_empty() { vec![None] } else { personas.iter().map(Some).collect() };
    inputs
        .par_iter()
        .zip(analyses.par_iter())
        .map(|(input, analysis)| {
            let verdicts = Verdicts::of(input, analysis, brand, &peers, weights);
            targets.iter().map(|p| verdicts.for_persona(input, analysis, *p, brand, weights)).collect()
        })
        .collect()
}

/// The account summaries of a page of creators (in parallel), one `Vec` per input in
/// order: the first pass of scoring a workspace too large to hold at once. The peer
/// index is built from every page's summaries.
pub fn summarize_page(inputs: &[VettingInput]) -> Vec<Vec<AccountSummary>> {
    inputs.par_iter().map(|i| i.accounts.iter().map(AccountSummary::of).collect()).collect()
}

/// The second pass: vets a page of creators (in parallel) for every target (`None`
/// is the brand alone) against a fixed peer index, taking account summaries from
/// `known` (so the inputs need no daily metrics). One `Vec` per input, in order, with
/// one report per target, in order.
pub fn vet_page(
    inputs: &[VettingInput],
    known: &(dyn Fn(&AccountId) -> Option<AccountSummary> + Sync),
    targets: &[Option<&Persona>],
    brand: &Brand,
    peers: &PeerIndex,
    weights: &Weights,
) -> Vec<Vec<VettingReport>> {
    inputs
        .par_iter()
        .map(|input| {
            let analysis = analyze_with(input, known);
            let verdicts = Verdicts::of(input, &analysis, brand, peers, weights);
            targets.iter().map(|p| verdicts.for_persona(input, &analysis, *p, brand, weights)).collect()
        })
        .collect()
}
