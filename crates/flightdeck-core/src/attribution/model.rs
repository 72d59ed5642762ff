//! The path-level models, their names, and the result every model returns.

use serde::{Deserialize, Serialize};

use super::{heuristic, markov, shapley, AttributionError, PathSet};

/// An attribution model over a [`PathSet`] (the names of `--model`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Model {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// Equal credit to every touch, repeats included.
    Linear,
    /// U-shaped: 40% first, 40% last, 20% over the middle touches.
    PositionBased,
    /// Markov chain removal effect of order k, solved exactly.
    Markov,
    /// The Shapley value of the conversion game, exactly.
    Shapley,
}

impl Model {
    /// Every model, in the order `--model all` reports them.
    pub const ALL: [Model; 6] =
        [Model::FirstTouch, Model::LastTouch, Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley];

    /// The model's name as used on the command line and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Model::FirstTouch => "first-touch",
            Model::LastTouch => "last-touch",
            Model::Linear => "linear",
            Model::PositionBased => "position-based",
            Model::Markov => "markov",
            Model::Shapley => "shapley",
        }
    }

    /// Parses a model name (also accepts `_` for `-`, and any case).
    pub fn parse(raw: &str) -> Result<Self, AttributionError> {
        let name = raw.trim().to_ascii_lowercase().replace('_', "-");
        Model::ALL.into_iter().find(|m| m.as_str() == name).ok_or_else(|| AttributionError::UnknownModel(raw.into()))
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One channel's credit under one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelCredit {
    /// The channel's name as it appears in the paths.
    pub channel: String,
    /// The conversions credited to it.
    pub conversions: f64,
    /// The conversion value credited to it.
    pub value: f64,
    /// Markov only: the removal effect on conversions (share of converting journeys
    /// that visit the channel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal_effect: Option<f64>,
    /// Markov only: the removal effect on value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal_effect_value: Option<f64>,
}

/// A model's result: one entry per channel of the input, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The model.
    pub model: Model,
    /// Markov only: the order of the chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<usize>,
    /// Always false: every model here is solved exactly, never simulated.
    pub approximate: bool,
    /// C: the input's conversions (the credits sum to it).
    pub total_conversions: f64,
    /// V: the input's conversion value (the value credits sum to it).
    pub total_value: f64,
    /// Every channel of the input, 0 where it earns nothing.
    pub channels: Vec<ChannelCredit>,
}

/// Runs `model` over `paths`; `order` is the Markov order (ignored by other models).
pub fn attribute(paths: &PathSet, model: Model, order: usize) -> Result<Attribution, AttributionError> {
    let (conversions, value, effects) = match model {
        Model::FirstTouch | Model::LastTouch | Model::Linear | Model::PositionBased => {
            let (c, v) = heuristic::credits(paths, model);
            (c, v, None)
        }
        Model::Shapley => {
            let (c, v) = shapley::credits(paths);
            (c, v, None)
        }
        Model::Markov => {
            let m = markov::credits(paths, order)?;
            (m.conversions, m.value, Some((m.removal_effects, m.removal_effects_value)))
        }
    };
    let channels = paths
        .channels()
        .iter()
        .enumerate()
        .map(|(i, name)| ChannelCredit {
            channel: name.clone(),
            conversions: conversions[i],
            value: value[i],
            removal_effect: effects.as_ref().map(|e| e.0[i]),
            removal_effect_value: effects.as_ref().map(|e| e.1[i]),
        })
        .collect();
    Ok(Attribution {
        model,
        order: (model == Model::Markov).then_some(order),
        approximate: false,
        total_conversions: paths.total_conversions(),
        total_value: paths.total_value(),
        channels,
    })
}
