//! Conversion paths, aggregated: the input of every path-level model.
//!
//! Rows with the same path are summed on the way in (every model is additive over
//! rows), and channel names are interned to small integers, so that a file of a
//! million rows becomes a few hundred thousand distinct paths over `u16` channels.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::fxhash::FxHasher;
use super::AttributionError;

/// A channel's index in a [`PathSet`] (its position in [`PathSet::channels`]).
pub type ChannelIdx = u16;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The most channels a path set holds (indices are `u16`).
pub const MAX_CHANNELS: usize = u16::MAX as usize;

/// One distinct path with the sums of every row that had it (a view into a [`PathSet`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathRow<'a> {
    /// The touches in order, repeats kept.
    pub touches: &'a [ChannelIdx],
    /// Journeys on this path that converted.
    pub conversions: f64,
    /// The value of those conversions.
    pub value: f64,
    /// Journeys on this path that did not convert.
    pub nulls: f64,
    /// The value of the rows that had conversions (a row with value but no conversion
    /// counts in `value` but not here; the Markov value model uses only this).
    pub converting_value: f64,
}

/// A distinct path's sums and where its touches are in the arena.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sums {
    start: u32,
    len: u32,
    conversions: f64,
    value: f64,
    nulls: f64,
    converting_value: f64,
}

/// Distinct paths with their sums, and the channel names they use.
///
/// The touches of every path live in one arena (no allocation per path), so a file of a
/// million rows costs a few bytes per touch plus 40 per distinct path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathSet {
    channels: Vec<String>,
    touches: Vec<ChannelIdx>,
    rows: Vec<Sums>,
}

impl PathSet {
    /// Channel names, indexed by [`ChannelIdx`], in order of first appearance.
    pub fn channels(&self) -> &[String] {
        &self.channels
    }

    /// The distinct paths, in order of first appearance.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = PathRow<'_>> + '_ {
        self.rows.iter().map(|r| self.view(r))
    }

    /// How many distinct paths there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no path at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The `i`-th distinct path.
    pub fn row(&self, i: usize) -> Option<PathRow<'_>> {
        self.rows.get(i).map(|r| self.view(r))
    }

    fn view(&self, r: &Sums) -> PathRow<'_> {
        let (start, len) = (r.start as usize, r.len as usize);
        PathRow {
            touches: &self.touches[start..start + len],
            conversions: r.conversions,
            value: r.value,
            nulls: r.nulls,
            converting_value: r.converting_value,
        }
    }

    /// C: every conversion in the input.
    pub fn total_conversions(&self) -> f64 {
        self.rows.iter().map(|r| r.conversions).sum()
    }

    /// V: the value of every conversion in the input.
    pub fn total_value(&self) -> f64 {
        self.rows.iter().map(|r| r.value).sum()
    }

    /// Every journey in the input that did not convert.
    pub fn total_nulls(&self) -> f64 {
        self.rows.iter().map(|r| r.nulls).sum()
    }
}

/// Builds a [`PathSet`] row by row, summing rows with the same path.
#[derive(Debug, Default)]
pub struct PathSetBuilder {
    names: FxMap<Box<str>, ChannelIdx>,
    /// Names of at most 8 bytes by their bytes as a word (no string compare).
    short_names: FxMap<(u64, u8), ChannelIdx>,
    set: PathSet,
    index: PathIndex,
    scratch: Vec<ChannelIdx>,
    /// Rows are kept as they come, not summed by path (see [`PathSetBuilder::unsummed`]).
    unsummed: bool,
}

impl PathSetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder that keeps rows as they come instead of summing rows with the
    /// same path: cheaper per row, for the parts of a file that are parsed in parallel
    /// and then [merged](PathSetBuilder::merge) into one summing builder. (Every model
    /// is additive over rows, so its path set gives the same results, only larger.)
    pub fn unsummed() -> Self {
        Self { unsummed: true, ..Self::default() }
    }

    /// Registers a channel so that it is reported even if no path uses it; returns its index.
    pub fn channel(&mut self, name: &str) -> Result<ChannelIdx, AttributionError> {
        let short = short_key(name);
        if let Some(&idx) = short.and_then(|k| self.short_names.get(&k)) {
            return Ok(idx);
        }
        if let Some(&idx) = self.names.get(name) {
            return Ok(idx);
        }
        let idx = ChannelIdx::try_from(self.set.channels.len())
            .ok()
            .filter(|&i| usize::from(i) < MAX_CHANNELS)
            .ok_or(AttributionError::TooManyChannels { limit: MAX_CHANNELS })?;
        self.names.insert(name.into(), idx);
        if let Some(k) = short {
            self.short_names.insert(k, idx);
        }
        self.set.channels.push(name.to_owned());
        Ok(idx)
    }

    /// Adds a row whose path is channel names joined by `>` (the ChannelAttribution
    /// convention): pieces are trimmed of spaces and empty pieces are ignored.
    pub fn add_path(&mut self, path: &str, conversions: f64, value: f64, nulls: f64) -> Result<(), AttributionError> {
        check_counts(conversions, value, nulls)?;
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let result = split_path(path).try_for_each(|name| self.channel(name).map(|idx| scratch.push(idx)));
        let result = result.and_then(|()| self.add_interned(&scratch, conversions, value, nulls));
        self.scratch = scratch;
        result
    }

    /// Adds a row whose touches are given one name each (used for built journeys).
    pub fn add_touches<'a>(
        &mut self,
        touches: impl IntoIterator<Item = &'a str>,
        conversions: f64,
        value: f64,
        nulls: f64,
    ) -> Result<(), AttributionError> {
        check_counts(conversions, value, nulls)?;
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let result = touches.into_iter().try_for_each(|name| self.channel(name).map(|idx| scratch.push(idx)));
        let result = result.and_then(|()| self.add_interned(&scratch, conversions, value, nulls));
        self.scratch = scratch;
        result
    }

    /// Adds every path of `other` (channels matched by name), in its order: merging the
    /// builders of consecutive parts of a file gives the builder of the whole file.
    pub fn merge(&mut self, other: PathSet) -> Result<(), AttributionError> {
        let map: Vec<ChannelIdx> = other.channels.iter().map(|n| self.channel(n)).collect::<Result<_, _>>()?;
        let mut touches: Vec<ChannelIdx> = Vec::new();
        for row in other.rows() {
            touches.clear();
            touches.extend(row.touches.iter().map(|&c| map[usize::from(c)]));
            self.add_sums(&touches, row.conversions, row.value, row.nulls, row.converting_value)?;
        }
        Ok(())
    }

    fn add_interned(
        &mut self,
        touches: &[ChannelIdx],
        conversions: f64,
        value: f64,
        nulls: f64,
    ) -> Result<(), AttributionError> {
        let converting = if conversions > 0.0 { value } else { 0.0 };
        self.add_sums(touches, conversions, value, nulls, converting)
    }

    fn add_sums(
        &mut self,
        touches: &[ChannelIdx],
        conversions: f64,
        value: f64,
        nulls: f64,
        converting: f64,
    ) -> Result<(), AttributionError> {
        if touches.is_empty() {
            return Err(AttributionError::EmptyPath);
        }
        let set = &mut self.set;
        let at = if self.unsummed {
            None
        } else {
            self.index.find_or_insert(touches, set.rows.len(), |i| {
                let r = &set.rows[i];
                &set.touches[r.start as usize..(r.start + r.len) as usize]
            })
        };
        match at {
            Some(i) => {
                let row = &mut set.rows[i];
                row.conversions += conversions;
                row.value += value;
                row.nulls += nulls;
                row.converting_value += converting;
            }
            None => {
                let start = u32::try_from(set.touches.len()).map_err(|_| AttributionError::TooManyTouches)?;
                let len = u32::try_from(touches.len()).map_err(|_| AttributionError::TooManyTouches)?;
                set.touches.extend_from_slice(touches);
                set.rows.push(Sums { start, len, conversions, value, nulls, converting_value: converting });
            }
        }
        Ok(())
    }

    /// The path set.
    pub fn build(self) -> PathSet {
        self.set
    }
}

/// Open addressing over row numbers, keyed by the rows' touches (which stay in the
/// arena: the index holds 12 bytes per distinct path and allocates nothing per path).
#[derive(Debug, Default)]
struct PathIndex {
    /// Row number + 1 per slot (0: empty), and the hash of the row's path.
    slots: Vec<(u32, u64)>,
    len: usize,
}

impl PathIndex {
    /// The row with these touches (`Some`), or `None` after recording `next` (the row
    /// the caller is about to push) under them. `touches_of(i)` gives row `i`'s touches.
    fn find_or_insert<'a>(
        &mut self,
        touches: &[ChannelIdx],
        next: usize,
        touches_of: impl Fn(usize) -> &'a [ChannelIdx],
    ) -> Option<usize> {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        let hash = path_hash(touches);
        let mask = self.slots.len() - 1;
        let mut at = (hash as usize) & mask;
        loop {
            match self.slots[at] {
                (0, _) => {
                    self.slots[at] = (next as u32 + 1, hash);
                    self.len += 1;
                    return None;
                }
                (row, h) if h == hash && touches_of(row as usize - 1) == touches => return Some(row as usize - 1),
                _ => at = (at + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let mut slots = vec![(0u32, 0u64); size];
        let mask = size - 1;
        for &(row, hash) in self.slots.iter().filter(|s| s.0 != 0) {
            let mut at = (hash as usize) & mask;
            while slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (row, hash);
        }
        self.slots = slots;
    }
}

/// A name of at most 8 bytes as (its bytes as a little-endian word, its length).
fn short_key(name: &str) -> Option<(u64, u8)> {
    let bytes = name.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    Some((u64::from_le_bytes(word), bytes.len() as u8))
}

/// FxHash-style multiply-rotate over the touches, four to a word, then a final mix so
/// that the low bits (the slot) depend on every touch.
fn path_hash(touches: &[ChannelIdx]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = touches.len() as u64;
    for chunk in touches.chunks(4) {
        let word = chunk.iter().enumerate().fold(0u64, |w, (i, &c)| w | (u64::from(c) << (16 * i)));
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The channel names of a path in the ChannelAttribution convention: split on `>`,
/// each piece trimmed of white space, empty pieces skipped.
pub fn split_path(path: &str) -> impl Iterator<Item = &str> {
    path.split('>').map(str::trim).filter(|piece| !piece.is_empty())
}

fn check_counts(conversions: f64, value: f64, nulls: f64) -> Result<(), AttributionError> {
    let count = |field, got: f64| {
        if got.is_finite() && got >= 0.0 {
            Ok(())
        } else {
            Err(AttributionError::BadNumber { field, expected: "a non-negative number", got })
        }
    };
    count("total_conversions", conversions)?;
    count("total_null", nulls)?;
    if value.is_finite() {
        Ok(())
    } else {
        Err(AttributionError::BadNumber { field: "total_conversion_value", expected: "a finite number", got: value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_distinct_paths_are_found_again_after_the_index_grows() {
        let mut b = PathSetBuilder::new();
        let path = |i: u32| format!("c{} > c{} > c{}", i % 7, (i / 7) % 11, i / 77);
        for i in 0..5_000 {
            b.add_path(&path(i), 1.0, 2.0, 0.0).unwrap();
        }
        for i in 0..5_000 {
            b.add_path(&path(i), 1.0, 0.0, 1.0).unwrap();
        }
        let set = b.build();
        assert_eq!(set.len(), 5_000);
        assert!(set.rows().all(|r| r.conversions == 2.0 && r.value == 2.0 && r.nulls == 1.0));
    }

    #[test]
    fn merging_the_builders_of_two_halves_gives_the_whole() {
        let rows = [("a > b", 1.0, 3.0, 0.0), ("c", 0.0, 0.0, 2.0), ("b > a", 2.0, 1.0, 1.0), ("a > b", 1.0, 1.0, 1.0)];
        let mut whole = PathSetBuilder::new();
        for (p, c, v, n) in rows {
            whole.add_path(p, c, v, n).unwrap();
        }
        let (mut first, mut second) = (PathSetBuilder::new(), PathSetBuilder::new());
        for (p, c, v, n) in &rows[..2] {
            first.add_path(p, *c, *v, *n).unwrap();
        }
        for (p, c, v, n) in &rows[2..] {
            second.add_path(p, *c, *v, *n).unwrap();
        }
        first.merge(second.build()).unwrap();
        assert_eq!(first.build(), whole.build());
        // Parts kept unsummed merge into the same whole.
        let mut merged = PathSetBuilder::new();
        for part in [&rows[..3], &rows[3..]] {
            let mut raw = PathSetBuilder::unsummed();
            for (p, c, v, n) in part {
                raw.add_path(p, *c, *v, *n).unwrap();
            }
            merged.merge(raw.build()).unwrap();
        }
        assert_eq!(merged.build().len(), 3);
    }

    #[test]
    fn rows_with_the_same_path_are_summed_and_spaces_ignored() {
        let mut b = PathSetBuilder::new();
        b.add_path("a > b", 1.0, 10.0, 2.0).unwrap();
        b.add_path(" a>b >", 2.0, 5.0, 0.0).unwrap();
        b.add_path("b", 0.0, 0.0, 1.0).unwrap();
        let set = b.build();
        assert_eq!(set.channels(), ["a", "b"]);
        assert_eq!(set.len(), 2);
        let first = set.row(0).unwrap();
        assert_eq!(first.touches, [0, 1]);
        assert_eq!((first.conversions, first.value, first.nulls), (3.0, 15.0, 2.0));
        assert_eq!(set.total_conversions(), 3.0);
        assert_eq!(set.total_nulls(), 3.0);
    }

    #[test]
    fn empty_paths_and_bad_numbers_are_refused() {
        let mut b = PathSetBuilder::new();
        assert_eq!(b.add_path(" > ", 1.0, 0.0, 0.0), Err(AttributionError::EmptyPath));
        assert!(matches!(b.add_path("a", -1.0, 0.0, 0.0), Err(AttributionError::BadNumber { .. })));
        assert!(matches!(b.add_path("a", 1.0, f64::NAN, 0.0), Err(AttributionError::BadNumber { .. })));
        assert!(matches!(b.add_path("a", 1.0, 0.0, f64::INFINITY), Err(AttributionError::BadNumber { .. })));
    }
}
