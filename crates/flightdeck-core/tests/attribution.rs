//! Hand-computed expected values for every path-level model.

#![allow(clippy::unwrap_used)] // helpers of tests: a panic is the failure report

use flightdeck_core::attribution::{attribute, Attribution, Model, PathSet, PathSetBuilder};

fn paths(rows: &[(&str, f64, f64, f64)]) -> PathSet {
    let mut b = PathSetBuilder::new();
    for &(path, c, v, n) in rows {
        b.add_path(path, c, v, n).unwrap();
    }
    b.build()
}

/// Credits as (channel, conversions, value), in the file's channel order.
fn run(set: &PathSet, model: Model, order: usize) -> Vec<(String, f64, f64)> {
    let result: Attribution = attribute(set, model, order).unwrap();
    assert!(!result.approximate);
    result.channels.into_iter().map(|c| (c.channel, c.conversions, c.value)).collect()
}

fn assert_credits(got: &[(String, f64, f64)], want: &[(&str, f64, f64)]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((name, c, v), &(wname, wc, wv)) in got.iter().zip(want) {
        assert_eq!(name, wname);
        assert!((c - wc).abs() <= 1e-12 * wc.abs().max(1.0), "{name}: conversions {c} != {wc}");
        assert!((v - wv).abs() <= 1e-12 * wv.abs().max(1.0), "{name}: value {v} != {wv}");
    }
}

/// A loop (a > a > b), a zero-value conversion, a path with no conversion, a channel
/// (b) that is always last, a single-touch path.
fn sample() -> PathSet {
    paths(&[
        ("a > a > b", 3.0, 30.0, 1.0),
        ("b", 1.0, 0.0, 0.0),
        ("c > b", 0.0, 0.0, 2.0),
        ("a > c > d > b", 2.0, 20.0, 0.0),
    ])
}

#[test]
fn first_touch() {
    let want = [("a", 5.0, 50.0), ("b", 1.0, 0.0), ("c", 0.0, 0.0), ("d", 0.0, 0.0)];
    assert_credits(&run(&sample(), Model::FirstTouch, 1), &want);
}

#[test]
fn last_touch_gives_everything_to_the_channel_that_is_always_last() {
    let want = [("a", 0.0, 0.0), ("b", 6.0, 50.0), ("c", 0.0, 0.0), ("d", 0.0, 0.0)];
    assert_credits(&run(&sample(), Model::LastTouch, 1), &want);
}

#[test]
fn linear_counts_repeats() {
    let want = [("a", 2.5, 25.0), ("b", 2.5, 15.0), ("c", 0.5, 5.0), ("d", 0.5, 5.0)];
    assert_credits(&run(&sample(), Model::Linear, 1), &want);
}

#[test]
fn position_based_is_40_20_40() {
    let want = [("a", 2.6, 26.0), ("b", 3.0, 20.0), ("c", 0.2, 2.0), ("d", 0.2, 2.0)];
    assert_credits(&run(&sample(), Model::PositionBased, 1), &want);
    // a > b > a: the first and the last touch are both a.
    let set = paths(&[("a > b > a", 1.0, 10.0, 0.0), ("x > y", 1.0, 4.0, 0.0)]);
    let want = [("a", 0.8, 8.0), ("b", 0.2, 2.0), ("x", 0.5, 2.0), ("y", 0.5, 2.0)];
    assert_credits(&run(&set, Model::PositionBased, 1), &want);
}

#[test]
fn shapley_splits_over_distinct_channels() {
    let want = [("a", 2.0, 20.0), ("b", 3.0, 20.0), ("c", 0.5, 5.0), ("d", 0.5, 5.0)];
    assert_credits(&run(&sample(), Model::Shapley, 1), &want);
}

#[test]
fn markov_order_1_by_hand() {
    // start->a 3, start->b 1; a->b 2, a->null 1; b->conv 2, b->null 1.
    // x_b = 2/3, x_a = 4/9, P = 1/2; P_-a = 1/6 (RE 2/3); P_-b = 0 (RE 1).
    // m(b) = 30/2 = 15: W = 7.5, W_-a = 2.5 (RE 2/3), W_-b = 0 (RE 1).
    let set = paths(&[("a > b", 1.0, 10.0, 1.0), ("b", 1.0, 20.0, 0.0), ("a", 0.0, 0.0, 1.0)]);
    assert_credits(&run(&set, Model::Markov, 1), &[("a", 0.8, 12.0), ("b", 1.2, 18.0)]);
    let result = attribute(&set, Model::Markov, 1).unwrap();
    assert_eq!(result.order, Some(1));
    let re: Vec<f64> = result.channels.iter().filter_map(|c| c.removal_effect).collect();
    assert!((re[0] - 2.0 / 3.0).abs() < 1e-12 && (re[1] - 1.0).abs() < 1e-12, "{re:?}");
}

#[test]
fn markov_on_the_sample_with_a_loop_a_null_path_and_an_always_last_channel() {
    // start: a 6, b 1, c 2; a->b 4, a->c 2; c->b 2, c->d 2; d->b 2; b->conv 6, b->null 3.
    // Every state converts with 2/3 (P = 2/3). P_-a = 2/9 (RE 2/3), P_-b = 0 (RE 1),
    // P_-c = 10/27 (RE 4/9), P_-d = 14/27 (RE 2/9); sum 21/9, C = 6.
    // Only b converts, so the value REs equal these and V = 50 is split the same way.
    let want = [
        ("a", 12.0 / 7.0, 100.0 / 7.0),
        ("b", 18.0 / 7.0, 150.0 / 7.0),
        ("c", 8.0 / 7.0, 200.0 / 21.0),
        ("d", 4.0 / 7.0, 100.0 / 21.0),
    ];
    assert_credits(&run(&sample(), Model::Markov, 1), &want);
}

#[test]
fn markov_loop_on_one_channel_is_merged() {
    // a > a > b is a -> b: both channels are needed for every conversion.
    let set = paths(&[("a > a > b", 1.0, 8.0, 1.0)]);
    assert_credits(&run(&set, Model::Markov, 1), &[("a", 0.5, 4.0), ("b", 0.5, 4.0)]);
}

#[test]
fn markov_order_2_by_hand() {
    // States (a,b), (b,c), (a,c). P = 1/2; without a: 1/3 (RE 1/3); without b or c: 0 (RE 1).
    let set = paths(&[("a > b > c", 1.0, 0.0, 0.0), ("b > c", 1.0, 0.0, 1.0), ("a > c", 0.0, 0.0, 1.0)]);
    let want = [("a", 2.0 / 7.0, 0.0), ("b", 6.0 / 7.0, 0.0), ("c", 6.0 / 7.0, 0.0)];
    assert_credits(&run(&set, Model::Markov, 2), &want);
}

#[test]
fn single_touch_paths_give_each_channel_its_own_conversions_in_every_model() {
    let set = paths(&[("a", 2.0, 20.0, 2.0), ("b", 1.0, 5.0, 3.0)]);
    for model in Model::ALL {
        assert_credits(&run(&set, model, 1), &[("a", 2.0, 20.0), ("b", 1.0, 5.0)]);
    }
}

#[test]
fn nothing_converts_so_every_channel_gets_zero() {
    let set = paths(&[("a > b", 0.0, 0.0, 5.0), ("c", 0.0, 0.0, 1.0)]);
    for model in Model::ALL {
        assert_credits(&run(&set, model, 1), &[("a", 0.0, 0.0), ("b", 0.0, 0.0), ("c", 0.0, 0.0)]);
    }
}

#[test]
fn zero_value_conversions_give_zero_value_credits() {
    let set = paths(&[("a > b", 2.0, 0.0, 1.0), ("b", 1.0, 0.0, 0.0)]);
    for model in Model::ALL {
        let got = run(&set, model, 1);
        assert!(got.iter().all(|(_, _, v)| *v == 0.0), "{model}: {got:?}");
        assert!((got.iter().map(|g| g.1).sum::<f64>() - 3.0).abs() < 1e-12, "{model}");
    }
}

#[test]
fn a_channel_only_on_rows_without_journeys_is_reported_with_zero() {
    let set = paths(&[("a", 1.0, 1.0, 0.0), ("z", 0.0, 0.0, 0.0)]);
    for model in Model::ALL {
        let got = run(&set, model, 1);
        assert_eq!(got[1], ("z".to_owned(), 0.0, 0.0), "{model}");
    }
}

#[test]
fn markov_order_must_be_positive_and_model_names_parse() {
    assert!(attribute(&sample(), Model::Markov, 0).is_err());
    assert_eq!(Model::parse("Position_Based"), Ok(Model::PositionBased));
    assert!(Model::parse("time-travel").is_err());
}
