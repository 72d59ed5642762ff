//! Models over built journeys: the rule models (with time decay and last non-direct,
//! which need times and channel kinds) and the data-driven ones through a [`PathSet`].

use std::collections::HashMap;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::heuristic::touch_weights;
use super::journey::{Channel, ChannelKey, Journey};
use super::{attribute, AttributionError, Model, PathSetBuilder};

/// A model over journeys.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JourneyModel {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// All credit to the last touch that is not `direct` (the last touch if all are).
    LastNonDirect,
    /// Equal credit per touch.
    Linear,
    /// Weight 2^(-age / half_life), age measured back from the conversion; normalised.
    TimeDecay {
        /// The age at which a touch counts half as much as one at the conversion.
        half_life: TimeDelta,
    },
    /// `first` to the first touch, `last` to the last, the rest over the middle touches
    /// (0.4 / 0.4 is the usual 40/20/40); one touch takes all, two split evenly.
    PositionBased {
        /// The first touch's share (L >= 3).
        first: f64,
        /// The last touch's share (L >= 3).
        last: f64,
    },
    /// Markov removal effect of this order, exact.
    Markov {
        /// The chain's order (>= 1).
        order: usize,
    },
    /// The exact Shapley value.
    Shapley,
}

/// One channel's credit over a set of journeys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyCredit<C = Channel> {
    /// The channel (filter on [`Channel::Creator`] for per-creator results).
    pub channel: C,
    /// Conversions credited.
    pub conversions: f64,
    /// Value credited, in minor units (cents).
    pub value_minor: f64,
}

/// The per-touch weights of a rule model for one journey, into `out` (empty for the
/// data-driven models, which do not credit journey by journey).
pub fn journey_weights<K, C: ChannelKey>(model: JourneyModel, journey: &Journey<K, C>, out: &mut Vec<f64>) {
    let len = journey.touches.len();
    out.clear();
    match model {
        JourneyModel::FirstTouch => touch_weights(Model::FirstTouch, len, 0.4, out),
        JourneyModel::LastTouch => touch_weights(Model::LastTouch, len, 0.4, out),
        JourneyModel::Linear => touch_weights(Model::Linear, len, 0.4, out),
        JourneyModel::LastNonDirect => {
            out.resize(len, 0.0);
            let direct = C::direct();
            let at = journey.touches.iter().rposition(|t| t.channel != direct).or(len.checked_sub(1));
            if let Some(at) = at {
                out[at] = 1.0;
            }
        }
        JourneyModel::TimeDecay { half_life } => time_decay(journey, half_life, out),
        JourneyModel::PositionBased { first, last } => position(len, first, last, out),
        JourneyModel::Markov { .. } | JourneyModel::Shapley => {}
    }
}

fn time_decay<K, C>(journey: &Journey<K, C>, half_life: TimeDelta, out: &mut Vec<f64>) {
    let Some(end) = journey.conversion.as_ref().map(|c| c.at).or(journey.touches.last().map(|t| t.at)) else {
        return;
    };
    let half = half_life.as_seconds_f64();
    out.extend(journey.touches.iter().map(|t| {
        let age = (end - t.at).as_seconds_f64().max(0.0);
        if half > 0.0 {
            (-age / half).exp2()
        } else {
            f64::from(u8::from(age == 0.0))
        }
    }));
    let sum: f64 = out.iter().sum();
    if sum > 0.0 {
        out.iter_mut().for_each(|w| *w /= sum);
    } else {
        touch_weights(Model::LastTouch, journey.touches.len(), 0.4, out);
    }
}

fn position(len: usize, first: f64, last: f64, out: &mut Vec<f64>) {
    out.resize(len, 0.0);
    match len {
        0 => {}
        1 => out[0] = 1.0,
        2 => out.fill(0.5),
        _ => {
            out.fill((1.0 - first - last) / (len - 2) as f64);
            out[0] = first;
            out[len - 1] = last;
        }
    }
}

/// Credits per channel over `journeys` under `model`, channels in order of first touch.
pub fn credit_journeys<K, C: ChannelKey>(
    journeys: &[Journey<K, C>],
    model: JourneyModel,
) -> Result<Vec<JourneyCredit<C>>, AttributionError> {
    match model {
        JourneyModel::Markov { order } => data_driven(journeys, Model::Markov, order),
        JourneyModel::Shapley => data_driven(journeys, Model::Shapley, 1),
        _ => Ok(rule_credits(journeys, model)),
    }
}

fn rule_credits<K, C: ChannelKey>(journeys: &[Journey<K, C>], model: JourneyModel) -> Vec<JourneyCredit<C>> {
    let mut credits: Vec<JourneyCredit<C>> = Vec::new();
    let mut index: HashMap<&C, usize> = HashMap::new();
    let mut weights = Vec::new();
    for journey in journeys {
        journey_weights(model, journey, &mut weights);
        let (conversions, value) = journey.conversion.as_ref().map_or((0.0, 0.0), |c| (1.0, c.value_minor as f64));
        for (touch, &w) in journey.touches.iter().zip(weights.iter().chain(std::iter::repeat(&0.0))) {
            let at = *index.entry(&touch.channel).or_insert_with(|| {
                credits.push(JourneyCredit { channel: touch.channel.clone(), conversions: 0.0, value_minor: 0.0 });
                credits.len() - 1
            });
            credits[at].conversions += conversions * w;
            credits[at].value_minor += value * w;
        }
    }
    credits
}

fn data_driven<K, C: ChannelKey>(
    journeys: &[Journey<K, C>],
    model: Model,
    order: usize,
) -> Result<Vec<JourneyCredit<C>>, AttributionError> {
    // Channels are interned to their index; the path set names them by that index.
    let mut index: HashMap<&C, usize> = HashMap::new();
    let mut channels: Vec<&C> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut builder = PathSetBuilder::new();
    let mut touches: Vec<usize> = Vec::new();
    for journey in journeys.iter().filter(|j| !j.touches.is_empty()) {
        touches.clear();
        for touch in &journey.touches {
            touches.push(*index.entry(&touch.channel).or_insert_with(|| {
                channels.push(&touch.channel);
                names.push(names.len().to_string());
                names.len() - 1
            }));
        }
        let (conversions, value, nulls) =
            journey.conversion.as_ref().map_or((0.0, 0.0, 1.0), |c| (1.0, c.value_minor as f64, 0.0));
        builder.add_touches(touches.iter().map(|&t| names[t].as_str()), conversions, value, nulls)?;
    }
    let result = attribute(&builder.build(), model, order)?;
    Ok(result
        .channels
        .into_iter()
        .filter_map(|c| {
            let channel = (*channels.get(c.channel.parse::<usize>().ok()?)?).clone();
            Some(JourneyCredit { channel, conversions: c.conversions, value_minor: c.value })
        })
        .collect())
}
