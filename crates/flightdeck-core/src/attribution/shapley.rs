//! The Shapley value of the conversion game (Zhao, Mahboobi, Bagheri 2018), exactly.
//!
//! With v(S) = the conversions of the paths whose channels all lie in S, the textbook
//! Shapley value equals the simplified form: every row's conversions (and value) are
//! split equally over its *distinct* channels. One pass, exact for any number of
//! channels. [`coalition_form`] computes the textbook sum for small games, as a check.

use super::{ChannelIdx, PathSet};

/// Conversion and value credits per channel (indexed like [`PathSet::channels`]).
pub fn credits(paths: &PathSet) -> (Vec<f64>, Vec<f64>) {
    let n = paths.channels().len();
    let mut conversions = vec![0.0; n];
    let mut value = vec![0.0; n];
    let mut distinct: Vec<ChannelIdx> = Vec::new();
    for row in paths.rows() {
        distinct.clear();
        distinct.extend_from_slice(row.touches);
        distinct.sort_unstable();
        distinct.dedup();
        let share = 1.0 / distinct.len() as f64;
        for &channel in &distinct {
            conversions[usize::from(channel)] += row.conversions * share;
            value[usize::from(channel)] += row.value * share;
        }
    }
    (conversions, value)
}

/// The most channels [`coalition_form`] accepts (it visits 2^n coalitions).
pub const COALITION_LIMIT: usize = 20;

/// The textbook Shapley value, phi_h = sum over S without h of |S|!(n-|S|-1)!/n! (v(S+h) - v(S)),
/// for conversions; `None` when there are more than [`COALITION_LIMIT`] channels.
pub fn coalition_form(paths: &PathSet) -> Option<Vec<f64>> {
    let n = paths.channels().len();
    if n > COALITION_LIMIT {
        return None;
    }
    // r[mask] = conversions of rows whose set of channels is exactly `mask`.
    let mut v = vec![0.0; 1usize << n];
    for row in paths.rows() {
        let mask = row.touches.iter().fold(0usize, |m, &c| m | (1 << c));
        v[mask] += row.conversions;
    }
    // Subset sums turn r into v(S) = sum of r(T) for T within S.
    for bit in 0..n {
        for mask in 0..v.len() {
            if mask & (1 << bit) != 0 {
                v[mask] += v[mask ^ (1 << bit)];
            }
        }
    }
    let mut factorial = vec![1.0f64; n + 1];
    for i in 1..=n {
        factorial[i] = factorial[i - 1] * i as f64;
    }
    let mut phi = vec![0.0; n];
    for (mask, &value) in v.iter().enumerate() {
        let size = mask.count_ones() as usize;
        for (h, slot) in phi.iter_mut().enumerate() {
            if mask & (1 << h) == 0 {
                let weight = factorial[size] * factorial[n - size - 1] / factorial[n];
                *slot += weight * (v[mask | (1 << h)] - value);
            }
        }
    }
    Some(phi)
}
