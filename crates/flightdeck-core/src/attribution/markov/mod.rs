//! Markov chain attribution of order k: the removal effect, solved exactly.
//!
//! The conversion probability from every state solves (I - Q) x = b, with Q the
//! transient part of the chain and b the one-step conversion probability; P = p0 · x.
//! Removing channel h deletes every state whose tuple contains h (what led there goes to
//! null) and solves the smaller system for P_-h. RE_h = 1 - P_-h / P and the credit is
//! C · RE_h / Σ RE. The value variant replaces b by b · m (m: the mean value of a
//! conversion leaving the state) and uses V. No simulation anywhere.

pub mod chain;
mod dense;

use super::{AttributionError, PathSet};
use chain::Chain;

/// The largest chain solved exactly (a dense system of this size takes 72 MB).
pub const MAX_STATES: usize = 3000;

/// The Markov model's result, indexed like [`PathSet::channels`].
#[derive(Debug, Clone, PartialEq)]
pub struct MarkovCredits {
    /// Conversions credited to each channel (sum C, or all 0 when nothing converts).
    pub conversions: Vec<f64>,
    /// Value credited to each channel (sum V, or all 0 when the expected value is 0).
    pub value: Vec<f64>,
    /// RE_h = 1 - P_-h / P.
    pub removal_effects: Vec<f64>,
    /// RE^V_h = 1 - W_-h / W.
    pub removal_effects_value: Vec<f64>,
}

/// The conversion probability and the expected value of a journey from (start).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// P: the probability that a journey converts.
    pub conversion: f64,
    /// W: the expected conversion value of a journey.
    pub value: f64,
}

/// Markov credits of order `order` (at least 1) for `paths`.
pub fn credits(paths: &PathSet, order: usize) -> Result<MarkovCredits, AttributionError> {
    if order == 0 {
        return Err(AttributionError::BadOrder(order));
    }
    let chain = chain::build(paths, order);
    if chain.states.len() > MAX_STATES {
        return Err(AttributionError::TooManyStates { order, states: chain.states.len(), limit: MAX_STATES });
    }
    let n = paths.channels().len();
    let full = solve(&chain, None);
    let removed = removal_outcomes(&chain, n, full);
    let re: Vec<f64> = removed.iter().map(|o| effect(full.conversion, o.conversion)).collect();
    let re_value: Vec<f64> = removed.iter().map(|o| effect(full.value, o.value)).collect();
    Ok(MarkovCredits {
        conversions: normalise(&re, paths.total_conversions()),
        value: normalise(&re_value, paths.total_value()),
        removal_effects: re,
        removal_effects_value: re_value,
    })
}

fn effect(full: f64, without: f64) -> f64 {
    if full == 0.0 {
        0.0
    } else {
        1.0 - without / full
    }
}

fn normalise(effects: &[f64], total: f64) -> Vec<f64> {
    let sum: f64 = effects.iter().sum();
    if sum == 0.0 || !sum.is_finite() {
        return vec![0.0; effects.len()];
    }
    effects.iter().map(|e| total * e / sum).collect()
}

/// The outcome with each channel removed in turn, on every available core.
fn removal_outcomes(chain: &Chain, channels: usize, full: Outcome) -> Vec<Outcome> {
    let mut present = vec![false; channels];
    for state in &chain.states {
        for &c in state.iter() {
            present[usize::from(c)] = true;
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, channels.max(1));
    let mut out = vec![full; channels];
    let chunk = channels.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (i, slots) in out.chunks_mut(chunk).enumerate() {
            let present = &present;
            scope.spawn(move || {
                for (j, slot) in slots.iter_mut().enumerate() {
                    let h = i * chunk + j;
                    if present[h] {
                        *slot = solve(chain, Some(h as u16));
                    }
                }
            });
        }
    });
    out
}

/// P and W of the chain, with every state containing `removed` deleted.
pub fn solve(chain: &Chain, removed: Option<u16>) -> Outcome {
    let mut position = vec![usize::MAX; chain.states.len()];
    let mut kept = 0;
    for (s, state) in chain.states.iter().enumerate() {
        if removed.is_none_or(|h| !state.contains(&h)) {
            position[s] = kept;
            kept += 1;
        }
    }
    let mut a = vec![0.0; kept * kept];
    let mut rhs = vec![0.0; kept * 2];
    for (s, &p) in position.iter().enumerate() {
        if p != usize::MAX {
            a[p * kept + p] = 1.0;
            rhs[p * 2] = chain.conversions[s] / chain.out[s];
            rhs[p * 2 + 1] = chain.value[s] / chain.out[s];
        }
    }
    for &(from, to, count) in &chain.edges {
        let (pf, pt) = (position[from as usize], position[to as usize]);
        if pf != usize::MAX && pt != usize::MAX {
            a[pf * kept + pt] -= count / chain.out[from as usize];
        }
    }
    if !dense::solve_in_place(&mut a, kept, &mut rhs, 2) {
        return Outcome { conversion: 0.0, value: 0.0 };
    }
    let starts: f64 = chain.start.iter().sum();
    if starts <= 0.0 {
        return Outcome { conversion: 0.0, value: 0.0 };
    }
    let mut outcome = Outcome { conversion: 0.0, value: 0.0 };
    for (s, &p) in position.iter().enumerate() {
        if p != usize::MAX && chain.start[s] > 0.0 {
            outcome.conversion += chain.start[s] / starts * rhs[p * 2];
            outcome.value += chain.start[s] / starts * rhs[p * 2 + 1];
        }
    }
    outcome
}
