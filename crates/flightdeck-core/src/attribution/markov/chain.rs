//! The order-k Markov chain of a path set: states, transition counts, absorptions.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::attribution::fxhash::FxHasher;
use crate::attribution::{ChannelIdx, PathSet};

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The counts of an order-k chain. States are tuples of channels: the windows
/// (t_i .. t_{i+k-1}) of each path, or the whole path when it is shorter than k;
/// consecutive identical states are merged (no self-transitions).
#[derive(Debug, Default)]
pub struct Chain {
    /// The channels of each state.
    pub states: Vec<Box<[ChannelIdx]>>,
    /// Count of (start) -> state.
    pub start: Vec<f64>,
    /// Every count out of a state (transitions, conversions and nulls).
    pub out: Vec<f64>,
    /// Count of state -> (conversion).
    pub conversions: Vec<f64>,
    /// Sum of the values of converting rows whose last state is this one.
    pub value: Vec<f64>,
    /// Counts of state -> state (never a self-transition), sorted by (from, to).
    pub edges: Vec<(u32, u32, f64)>,
}

struct Builder<'a> {
    order: usize,
    chain: Chain,
    intern: FxMap<&'a [ChannelIdx], u32>,
    edges: FxMap<u64, f64>,
    seq: Vec<u32>,
}

impl<'a> Builder<'a> {
    fn state(&mut self, tuple: &'a [ChannelIdx]) -> u32 {
        if let Some(&id) = self.intern.get(tuple) {
            return id;
        }
        let id = self.chain.states.len() as u32;
        self.intern.insert(tuple, id);
        self.chain.states.push(tuple.into());
        for column in [&mut self.chain.start, &mut self.chain.out, &mut self.chain.conversions, &mut self.chain.value] {
            column.push(0.0);
        }
        id
    }

    /// The merged state sequence of one path, into `self.seq`.
    fn sequence(&mut self, touches: &'a [ChannelIdx]) {
        self.seq.clear();
        let windows: Box<dyn Iterator<Item = &'a [ChannelIdx]>> = if touches.len() < self.order {
            Box::new(std::iter::once(touches))
        } else {
            Box::new(touches.windows(self.order))
        };
        for window in windows {
            let id = self.state(window);
            if self.seq.last() != Some(&id) {
                self.seq.push(id);
            }
        }
    }

    /// Adds one path; `value` is the value of its converting rows only.
    fn add_row(&mut self, touches: &'a [ChannelIdx], conversions: f64, value: f64, nulls: f64) {
        let weight = conversions + nulls;
        if weight <= 0.0 || touches.is_empty() {
            return;
        }
        self.sequence(touches);
        let (Some(&first), Some(&last)) = (self.seq.first(), self.seq.last()) else { return };
        self.chain.start[first as usize] += weight;
        for pair in self.seq.windows(2) {
            *self.edges.entry(u64::from(pair[0]) << 32 | u64::from(pair[1])).or_insert(0.0) += weight;
            self.chain.out[pair[0] as usize] += weight;
        }
        let last = last as usize;
        self.chain.out[last] += weight;
        self.chain.conversions[last] += conversions;
        self.chain.value[last] += value;
    }
}

/// Builds the order-`order` chain (order >= 1) of `paths`.
pub fn build(paths: &PathSet, order: usize) -> Chain {
    let mut builder = Builder {
        order: order.max(1),
        chain: Chain::default(),
        intern: FxMap::default(),
        edges: FxMap::default(),
        seq: Vec::new(),
    };
    for row in paths.rows() {
        builder.add_row(row.touches, row.conversions, row.converting_value, row.nulls);
    }
    let mut chain = builder.chain;
    chain.edges = builder.edges.into_iter().map(|(key, count)| ((key >> 32) as u32, key as u32, count)).collect();
    chain.edges.sort_unstable_by_key(|&(from, to, _)| (from, to));
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::PathSetBuilder;

    #[test]
    fn order_two_merges_repeated_windows_and_keeps_short_paths_whole() {
        let mut b = PathSetBuilder::new();
        b.add_path("a > a > a > b", 1.0, 3.0, 1.0).unwrap();
        b.add_path("c", 0.0, 0.0, 2.0).unwrap();
        b.add_path("d > c", 0.0, 0.0, 0.0).unwrap();
        let chain = build(&b.build(), 2);
        let names: Vec<Vec<u16>> = chain.states.iter().map(|s| s.to_vec()).collect();
        assert_eq!(names, vec![vec![0, 0], vec![0, 1], vec![2]]);
        assert_eq!(chain.edges, vec![(0, 1, 2.0)]);
        assert_eq!(chain.start, vec![2.0, 0.0, 2.0]);
        assert_eq!(chain.out, vec![2.0, 2.0, 2.0]);
        assert_eq!(chain.conversions, vec![0.0, 1.0, 0.0]);
        assert_eq!(chain.value, vec![0.0, 3.0, 0.0]);
    }
}
