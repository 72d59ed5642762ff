//! Rule models over paths: first touch, last touch, linear, position-based.
//!
//! A row hands its conversions and its value to its touches with the same weights
//! (summing to 1); a channel's credit is the sum over its touches.

use super::{Model, PathSet};

/// The share of the first and of the last touch in the position-based model (L >= 3).
pub const POSITION_ENDS: f64 = 0.4;

/// Per-touch weights of a rule model for a path of `len` touches, written to `out`.
///
/// `ends` is the position-based share of the first and of the last touch (0.4 for the
/// usual 40/20/40). Models that are not rule models get no weights.
pub fn touch_weights(model: Model, len: usize, ends: f64, out: &mut Vec<f64>) {
    out.clear();
    if len == 0 {
        return;
    }
    out.resize(len, 0.0);
    match model {
        Model::FirstTouch => out[0] = 1.0,
        Model::LastTouch => out[len - 1] = 1.0,
        Model::Linear => out.fill(1.0 / len as f64),
        Model::PositionBased => position_weights(ends, out),
        Model::Markov | Model::Shapley => out.clear(),
    }
}

fn position_weights(ends: f64, out: &mut [f64]) {
    let len = out.len();
    match len {
        1 => out[0] = 1.0,
        2 => out.fill(0.5),
        _ => {
            out.fill((1.0 - 2.0 * ends) / (len - 2) as f64);
            out[0] = ends;
            out[len - 1] = ends;
        }
    }
}

/// Conversion and value credits per channel (indexed like [`PathSet::channels`]).
pub fn credits(paths: &PathSet, model: Model) -> (Vec<f64>, Vec<f64>) {
    let n = paths.channels().len();
    let mut conversions = vec![0.0; n];
    let mut value = vec![0.0; n];
    let mut weights = Vec::new();
    for row in paths.rows() {
        touch_weights(model, row.touches.len(), POSITION_ENDS, &mut weights);
        for (&channel, &w) in row.touches.iter().zip(&weights) {
            conversions[usize::from(channel)] += row.conversions * w;
            value[usize::from(channel)] += row.value * w;
        }
    }
    (conversions, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_based_weights_follow_the_u_shape() {
        let mut w = Vec::new();
        touch_weights(Model::PositionBased, 1, 0.4, &mut w);
        assert_eq!(w, [1.0]);
        touch_weights(Model::PositionBased, 2, 0.4, &mut w);
        assert_eq!(w, [0.5, 0.5]);
        touch_weights(Model::PositionBased, 4, 0.4, &mut w);
        for (got, want) in w.iter().zip([0.4, 0.1, 0.1, 0.4]) {
            assert!((got - want).abs() < 1e-15, "{w:?}");
        }
        touch_weights(Model::PositionBased, 3, 0.3, &mut w);
        assert!((w[1] - 0.4).abs() < 1e-15);
    }
}
