//! Click, code, view-through and assisted conversions per channel, counted apart.
//!
//! For each converting journey the *decisive* touch is the last click, code or
//! non-direct visit; only when there is none is it the last view (views never take a
//! conversion from a click, and a direct visit never takes one from a view), and
//! only when there is no view either, the direct visit. The decisive channel gets a click, code or view-through conversion by the
//! kind of that touch; every other channel in the journey gets one assisted
//! conversion (once per journey, however often it appears).

use serde::{Deserialize, Serialize};

use super::journey::{Channel, ChannelKey, Journey, JourneyTouch, TouchKind};

/// The counted conversions of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSummary<C = Channel> {
    /// The channel.
    pub channel: C,
    /// Conversions whose decisive touch was a click (or a visit, for non-creator channels).
    pub click_conversions: u64,
    /// Their value in minor units.
    pub click_value_minor: i64,
    /// Conversions whose decisive touch was this channel's discount code.
    pub code_conversions: u64,
    /// Their value in minor units.
    pub code_value_minor: i64,
    /// Conversions with no click, code or visit, whose last view was this channel's.
    pub view_through_conversions: u64,
    /// Their value in minor units.
    pub view_through_value_minor: i64,
    /// Conversions where this channel was in the journey but not the decisive touch.
    pub assisted_conversions: u64,
    /// Their value in minor units.
    pub assisted_value_minor: i64,
}

impl<C> ChannelSummary<C> {
    fn new(channel: C) -> Self {
        Self {
            channel,
            click_conversions: 0,
            click_value_minor: 0,
            code_conversions: 0,
            code_value_minor: 0,
            view_through_conversions: 0,
            view_through_value_minor: 0,
            assisted_conversions: 0,
            assisted_value_minor: 0,
        }
    }
}

/// The decisive touch of a journey: the last click, code or non-direct visit; else the
/// last view (a direct visit after a view is a view-through conversion); else the last
/// touch (a direct visit).
pub fn decisive_touch<K, C: ChannelKey>(journey: &Journey<K, C>) -> Option<&JourneyTouch<C>> {
    let direct = C::direct();
    let touches = || journey.touches.iter().rev();
    touches()
        .find(|t| t.kind != TouchKind::View && t.channel != direct)
        .or_else(|| touches().find(|t| t.kind == TouchKind::View))
        .or(journey.touches.last())
}

/// Counts per channel over the converting journeys, channels in order of first touch.
pub fn conversion_summary<K, C: ChannelKey>(journeys: &[Journey<K, C>]) -> Vec<ChannelSummary<C>> {
    let mut out: Vec<ChannelSummary<C>> = Vec::new();
    for journey in journeys {
        let (Some(conversion), Some(decisive)) = (&journey.conversion, decisive_touch(journey)) else { continue };
        let value = conversion.value_minor;
        let mut seen: Vec<&C> = Vec::new();
        for touch in &journey.touches {
            if !seen.contains(&&touch.channel) {
                seen.push(&touch.channel);
            }
        }
        for channel in seen {
            let at = match out.iter().position(|s| &s.channel == channel) {
                Some(at) => at,
                None => {
                    out.push(ChannelSummary::new(channel.clone()));
                    out.len() - 1
                }
            };
            let s = &mut out[at];
            if channel != &decisive.channel {
                s.assisted_conversions += 1;
                s.assisted_value_minor += value;
                continue;
            }
            let (count, sum) = match decisive.kind {
                TouchKind::Click | TouchKind::Visit => (&mut s.click_conversions, &mut s.click_value_minor),
                TouchKind::Code => (&mut s.code_conversions, &mut s.code_value_minor),
                TouchKind::View => (&mut s.view_through_conversions, &mut s.view_through_value_minor),
            };
            *count += 1;
            *sum += value;
        }
    }
    out
}
