//! The knobs of workspace-mode attribution and the names of its models.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::attribution::journey::{CodePolicy, JourneyConfig};
use crate::attribution::rules::JourneyModel;
use crate::attribution::AttributionError;

/// A model of workspace mode (the names of `attribute --flight … --model M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlightModel {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// All credit to the last touch that is not a direct visit.
    LastNonDirect,
    /// Equal credit per touch.
    Linear,
    /// Weight halving every half-life back from the conversion.
    TimeDecay,
    /// U-shaped (40/20/40 unless configured).
    PositionBased,
    /// Markov removal effect, exact.
    Markov,
    /// Exact Shapley value.
    Shapley,
}

impl FlightModel {
    /// Every model, in the order `--model all` reports them.
    pub const ALL: [FlightModel; 8] = [
        FlightModel::FirstTouch,
        FlightModel::LastTouch,
        FlightModel::LastNonDirect,
        FlightModel::Linear,
        FlightModel::TimeDecay,
        FlightModel::PositionBased,
        FlightModel::Markov,
        FlightModel::Shapley,
    ];

    /// The model's name on the command line, in the API and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            FlightModel::FirstTouch => "first-touch",
            FlightModel::LastTouch => "last-touch",
            FlightModel::LastNonDirect => "last-non-direct",
            FlightModel::Linear => "linear",
            FlightModel::TimeDecay => "time-decay",
            FlightModel::PositionBased => "position-based",
            FlightModel::Markov => "markov",
            FlightModel::Shapley => "shapley",
        }
    }

    /// Parses a model name (any case, `_` for `-`); `all` is not a model (see
    /// [`FlightModel::parse_list`]).
    pub fn parse(raw: &str) -> Result<Self, AttributionError> {
        let name = raw.trim().to_ascii_lowercase().replace('_', "-");
        FlightModel::ALL
            .into_iter()
            .find(|m| m.as_str() == name)
            .ok_or_else(|| AttributionError::UnknownFlightModel(raw.into()))
    }

    /// Parses `all`, one model, or several joined by `,`.
    pub fn parse_list(raw: &str) -> Result<Vec<Self>, AttributionError> {
        if raw.trim().eq_ignore_ascii_case("all") {
            return Ok(FlightModel::ALL.to_vec());
        }
        let mut out: Vec<FlightModel> = Vec::new();
        for piece in raw.split(',').filter(|p| !p.trim().is_empty()) {
            let model = FlightModel::parse(piece)?;
            if !out.contains(&model) {
                out.push(model);
            }
        }
        if out.is_empty() {
            return Err(AttributionError::UnknownFlightModel(raw.into()));
        }
        Ok(out)
    }

    /// Whether the model credits journey by journey (a rule model) rather than from
    /// the whole set of journeys (Markov, Shapley).
    pub fn is_rule(&self) -> bool {
        !matches!(self, FlightModel::Markov | FlightModel::Shapley)
    }

    /// The journey-level model with the settings' parameters.
    pub fn journey_model(&self, settings: &FlightSettings) -> JourneyModel {
        match self {
            FlightModel::FirstTouch => JourneyModel::FirstTouch,
            FlightModel::LastTouch => JourneyModel::LastTouch,
            FlightModel::LastNonDirect => JourneyModel::LastNonDirect,
            FlightModel::Linear => JourneyModel::Linear,
            FlightModel::TimeDecay => {
                // `validate` bounds the half-life; saturate anyway rather than panic.
                let seconds = (settings.half_life_days * 86_400.0) as i64;
                JourneyModel::TimeDecay { half_life: TimeDelta::try_seconds(seconds).unwrap_or(TimeDelta::MAX) }
            }
            FlightModel::PositionBased => {
                JourneyModel::PositionBased { first: settings.position_based[0], last: settings.position_based[2] }
            }
            FlightModel::Markov => JourneyModel::Markov { order: settings.markov_order },
            FlightModel::Shapley => JourneyModel::Shapley,
        }
    }
}

impl std::fmt::Display for FlightModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The longest time-decay half-life accepted (100 years; longer is linear anyway).
pub const MAX_HALF_LIFE_DAYS: f64 = 36_500.0;

/// Lookback windows, the code policy and the model parameters; printed with every
/// result so that a number can always be traced to how it was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlightSettings {
    /// How many days a click (or a visit) counts before an order: 7 or 28 usually.
    pub click_window_days: u32,
    /// How many days a view-through exposure counts before an order: 1 usually.
    pub view_window_days: u32,
    /// Who is last when an order's discount code and its last link click disagree.
    pub code_policy: CodePolicy,
    /// Time decay: the age (days) at which a touch counts half.
    pub half_life_days: f64,
    /// Position-based shares of the first touch, the middle touches and the last touch.
    pub position_based: [f64; 3],
    /// The Markov chain's order.
    pub markov_order: usize,
}

impl Default for FlightSettings {
    fn default() -> Self {
        Self {
            click_window_days: 7,
            view_window_days: 1,
            code_policy: CodePolicy::CodeWins,
            half_life_days: 7.0,
            position_based: [0.4, 0.2, 0.4],
            markov_order: 1,
        }
    }
}

/// Parses a code policy: `code-wins`, `link-wins` or `code-only` (any case, `_` for `-`).
pub fn parse_code_policy(raw: &str) -> Result<CodePolicy, AttributionError> {
    match raw.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "code-wins" => Ok(CodePolicy::CodeWins),
        "link-wins" => Ok(CodePolicy::LinkWins),
        "code-only" => Ok(CodePolicy::CodeOnly),
        _ => Err(AttributionError::BadSetting {
            setting: "code policy",
            expected: "code-wins, link-wins or code-only",
            got: raw.to_owned(),
        }),
    }
}

/// Parses position-based shares in percent, `first,middle,last` (`40,20,40`; `/` also
/// separates), which must sum to 100.
pub fn parse_position_shares(raw: &str) -> Result<[f64; 3], AttributionError> {
    let bad = || AttributionError::BadSetting {
        setting: "position-based shares",
        expected: "three percentages first,middle,last summing to 100, such as 40,20,40",
        got: raw.to_owned(),
    };
    let parts: Vec<f64> = raw
        .split([',', '/'])
        .map(|p| p.trim().trim_end_matches('%').parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [first, middle, last] = parts[..] else { return Err(bad()) };
    let shares = [first / 100.0, middle / 100.0, last / 100.0];
    if shares.iter().any(|s| !s.is_finite() || *s < 0.0) || (shares.iter().sum::<f64>() - 1.0).abs() > 1e-9 {
        return Err(bad());
    }
    Ok(shares)
}

impl FlightSettings {
    /// The journey builder's configuration.
    pub fn journey_config(&self) -> JourneyConfig {
        JourneyConfig {
            click_window: TimeDelta::days(i64::from(self.click_window_days)),
            view_window: TimeDelta::days(i64::from(self.view_window_days)),
            code_policy: self.code_policy,
        }
    }

    /// Refuses settings no model can use: windows of 0 days, a half-life that is not
    /// positive or longer than [`MAX_HALF_LIFE_DAYS`], position shares that are negative or do not sum to 1, order 0.
    pub fn validate(&self) -> Result<(), AttributionError> {
        let bad = |what: &'static str, expected: &'static str, got: f64| {
            Err(AttributionError::BadSetting { setting: what, expected, got: got.to_string() })
        };
        if self.click_window_days == 0 {
            return bad("click window", "at least 1 day", 0.0);
        }
        if self.view_window_days == 0 {
            return bad("view window", "at least 1 day", 0.0);
        }
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0 && self.half_life_days <= MAX_HALF_LIFE_DAYS)
        {
            return bad("half-life", "a positive number of days, at most 36500", self.half_life_days);
        }
        let [first, middle, last] = self.position_based;
        let sum = first + middle + last;
        if [first, middle, last].iter().any(|s| !s.is_finite() || *s < 0.0) || (sum - 1.0).abs() > 1e-9 {
            return bad("position-based shares", "three non-negative shares summing to 100%", sum * 100.0);
        }
        if self.markov_order == 0 {
            return Err(AttributionError::BadOrder(0));
        }
        Ok(())
    }
}
