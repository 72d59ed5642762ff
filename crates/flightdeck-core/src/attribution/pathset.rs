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

/// One distinct path with the sums of every row that had it.
#[derive(Debug, Clone, PartialEq)]
pub struct PathRow {
    /// The touches in order, repeats kept.
    pub touches: Box<[ChannelIdx]>,
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

/// Distinct paths with their sums, and the channel names they use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathSet {
    channels: Vec<String>,
    rows: Vec<PathRow>,
}

impl PathSet {
    /// Channel names, indexed by [`ChannelIdx`], in order of first appearance.
    pub fn channels(&self) -> &[String] {
        &self.channels
    }

    /// The distinct paths, in order of first appearance.
    pub fn rows(&self) -> &[PathRow] {
        &self.rows
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
    channels: Vec<String>,
    index: FxMap<Box<[ChannelIdx]>, usize>,
    rows: Vec<PathRow>,
    scratch: Vec<ChannelIdx>,
}

impl PathSetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a channel so that it is reported even if no path uses it; returns its index.
    pub fn channel(&mut self, name: &str) -> Result<ChannelIdx, AttributionError> {
        if let Some(&idx) = self.names.get(name) {
            return Ok(idx);
        }
        let idx = ChannelIdx::try_from(self.channels.len())
            .ok()
            .filter(|&i| usize::from(i) < MAX_CHANNELS)
            .ok_or(AttributionError::TooManyChannels { limit: MAX_CHANNELS })?;
        self.names.insert(name.into(), idx);
        self.channels.push(name.to_owned());
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

    fn add_interned(
        &mut self,
        touches: &[ChannelIdx],
        conversions: f64,
        value: f64,
        nulls: f64,
    ) -> Result<(), AttributionError> {
        if touches.is_empty() {
            return Err(AttributionError::EmptyPath);
        }
        let converting = if conversions > 0.0 { value } else { 0.0 };
        if let Some(&at) = self.index.get(touches) {
            let row = &mut self.rows[at];
            row.conversions += conversions;
            row.value += value;
            row.nulls += nulls;
            row.converting_value += converting;
        } else {
            self.index.insert(touches.into(), self.rows.len());
            let row = PathRow { touches: touches.into(), conversions, value, nulls, converting_value: converting };
            self.rows.push(row);
        }
        Ok(())
    }

    /// The path set.
    pub fn build(self) -> PathSet {
        PathSet { channels: self.channels, rows: self.rows }
    }
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
    fn rows_with_the_same_path_are_summed_and_spaces_ignored() {
        let mut b = PathSetBuilder::new();
        b.add_path("a > b", 1.0, 10.0, 2.0).unwrap();
        b.add_path(" a>b >", 2.0, 5.0, 0.0).unwrap();
        b.add_path("b", 0.0, 0.0, 1.0).unwrap();
        let set = b.build();
        assert_eq!(set.channels(), ["a", "b"]);
        assert_eq!(set.rows().len(), 2);
        assert_eq!(set.rows()[0].touches.as_ref(), [0, 1]);
        assert_eq!((set.rows()[0].conversions, set.rows()[0].value, set.rows()[0].nulls), (3.0, 15.0, 2.0));
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
