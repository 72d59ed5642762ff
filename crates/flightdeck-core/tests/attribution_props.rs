//! Properties every model keeps: credits sum to the input's totals (so one conversion's
//! credits sum to 1), relabelling channels permutes the results, rows are additive, and
//! the one-pass Shapley form equals the textbook coalition sum.

#![allow(clippy::unwrap_used)] // helpers of tests: a panic is the failure report

use std::collections::BTreeMap;

use flightdeck_core::attribution::shapley::coalition_form;
use flightdeck_core::attribution::{attribute, Model, PathSet, PathSetBuilder};
use proptest::prelude::*;

/// (path touches, conversions, value per conversion, nulls)
type Row = (Vec<usize>, u32, u32, u32);

const NAMES: [&str; 6] = ["insta", "tiktok", "youtube", "direct", "paid", "blog"];

fn build(rows: &[Row], names: &[&str]) -> PathSet {
    let mut b = PathSetBuilder::new();
    for (touches, c, price, n) in rows {
        let path: Vec<&str> = touches.iter().map(|&t| names[t]).collect();
        b.add_path(&path.join(" > "), f64::from(*c), f64::from(c * price) / 100.0, f64::from(*n)).unwrap();
    }
    b.build()
}

fn by_name(set: &PathSet, model: Model, order: usize) -> BTreeMap<String, (f64, f64)> {
    let result = attribute(set, model, order).unwrap();
    result.channels.into_iter().map(|c| (c.channel, (c.conversions, c.value))).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let touches = prop::collection::vec(0..NAMES.len(), 1..8);
    prop::collection::vec((touches, 0u32..5, 0u32..10_000, 0u32..5), 1..20)
}

fn models() -> impl Strategy<Value = (Model, usize)> {
    (prop::sample::select(Model::ALL.to_vec()), 1usize..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn credits_sum_to_the_input_totals(rows in rows(), (model, order) in models()) {
        let set = build(&rows, &NAMES);
        let credits = by_name(&set, model, order);
        let (c, v) = credits.values().fold((0.0, 0.0), |a, x| (a.0 + x.0, a.1 + x.1));
        prop_assert!(close(c, set.total_conversions()), "{model}: {c} vs {}", set.total_conversions());
        prop_assert!(close(v, set.total_value()), "{model}: {v} vs {}", set.total_value());
        prop_assert!(credits.values().all(|x| x.0 >= -1e-9 && x.1 >= -1e-9));
    }

    #[test]
    fn one_conversion_is_split_into_credits_that_sum_to_one(
        touches in prop::collection::vec(0..NAMES.len(), 1..10),
        (model, order) in models(),
    ) {
        let set = build(&[(touches, 1, 100, 0)], &NAMES);
        let credits = by_name(&set, model, order);
        let (c, v) = credits.values().fold((0.0, 0.0), |a, x| (a.0 + x.0, a.1 + x.1));
        prop_assert!(close(c, 1.0) && close(v, 1.0), "{model}: {c}, {v}");
    }

    #[test]
    fn relabelling_channels_permutes_the_results(
        rows in rows(),
        (model, order) in models(),
        perm in Just((0..NAMES.len()).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let renamed: Vec<&str> = perm.iter().map(|&i| NAMES[i]).collect();
        let original = by_name(&build(&rows, &NAMES), model, order);
        let relabelled = by_name(&build(&rows, &renamed), model, order);
        for (i, name) in NAMES.iter().enumerate() {
            if let Some(&(c, v)) = original.get(*name) {
                let &(rc, rv) = &relabelled[renamed[i]];
                prop_assert!(close(c, rc) && close(v, rv), "{model}: {name} {c} {v} vs {rc} {rv}");
            }
        }
    }

    #[test]
    fn rows_are_additive(rows in rows(), (model, order) in models()) {
        let whole = by_name(&build(&rows, &NAMES), model, order);
        // Each row split in two: its conversions and nulls shared out, same price.
        let split: Vec<Row> = rows
            .iter()
            .flat_map(|(t, c, p, n)| [(t.clone(), c / 2, *p, n / 2), (t.clone(), c - c / 2, *p, n - n / 2)])
            .collect();
        let parts = by_name(&build(&split, &NAMES), model, order);
        for (name, (c, v)) in &whole {
            let (pc, pv) = parts[name];
            prop_assert!(close(*c, pc) && close(*v, pv), "{model}: {name} {c} {v} vs {pc} {pv}");
        }
    }

    #[test]
    fn shapley_one_pass_equals_the_coalition_form(rows in rows()) {
        let set = build(&rows, &NAMES);
        let textbook = coalition_form(&set).unwrap();
        let one_pass = attribute(&set, Model::Shapley, 1).unwrap();
        for (credit, phi) in one_pass.channels.iter().zip(&textbook) {
            prop_assert!(close(credit.conversions, *phi), "{}: {} vs {phi}", credit.channel, credit.conversions);
        }
    }
}
