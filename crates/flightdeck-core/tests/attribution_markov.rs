//! The exact Markov solver against an independent brute force: the chain rebuilt here
//! from the path text with string states, and x = Q x + b iterated to convergence
//! instead of solved. Random small files, orders 1 to 3, loops included.

#![allow(clippy::unwrap_used)] // helpers of tests: a panic is the failure report

use std::collections::{BTreeMap, BTreeSet};

use flightdeck_core::attribution::{attribute, Model, PathSetBuilder};
use proptest::prelude::*;

type Row = (Vec<String>, f64, f64, f64);

/// Order-k states of one path, consecutive repeats merged, as joined strings.
fn states(touches: &[String], k: usize) -> Vec<String> {
    let windows: Vec<String> =
        if touches.len() < k { vec![touches.join(",")] } else { touches.windows(k).map(|w| w.join(",")).collect() };
    let mut out: Vec<String> = Vec::new();
    for w in windows {
        if out.last() != Some(&w) {
            out.push(w);
        }
    }
    out
}

/// (P, W) of the chain without the states that contain `removed`, by value iteration.
fn brute_force(rows: &[Row], k: usize, removed: Option<&str>) -> (f64, f64) {
    let mut trans: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    let mut conv: BTreeMap<String, f64> = BTreeMap::new();
    let mut val: BTreeMap<String, f64> = BTreeMap::new();
    let mut start: BTreeMap<String, f64> = BTreeMap::new();
    for (touches, c, v, n) in rows {
        let w = c + n;
        if w <= 0.0 {
            continue;
        }
        let seq = states(touches, k);
        *start.entry(seq[0].clone()).or_default() += w;
        for pair in seq.windows(2) {
            *trans.entry((pair[0].clone(), pair[1].clone())).or_default() += w;
            *out.entry(pair[0].clone()).or_default() += w;
        }
        let last = seq[seq.len() - 1].clone();
        *out.entry(last.clone()).or_default() += w;
        *conv.entry(last.clone()).or_default() += c;
        if *c > 0.0 {
            *val.entry(last).or_default() += v;
        }
    }
    let alive = |s: &str| removed.is_none_or(|h| !s.split(',').any(|c| c == h));
    let mut x: BTreeMap<&str, (f64, f64)> = out.keys().map(|s| (s.as_str(), (0.0, 0.0))).collect();
    for _ in 0..200_000 {
        let mut next: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        for (s, total) in &out {
            let mut px = conv.get(s).copied().unwrap_or(0.0) / total;
            let mut wx = val.get(s).copied().unwrap_or(0.0) / total;
            for ((from, to), count) in trans.range((s.clone(), String::new())..) {
                if from != s {
                    break;
                }
                if alive(to) {
                    px += count / total * x[to.as_str()].0;
                    wx += count / total * x[to.as_str()].1;
                }
            }
            next.insert(s.as_str(), if alive(s) { (px, wx) } else { (0.0, 0.0) });
        }
        let change = next.iter().map(|(s, v)| (v.0 - x[s].0).abs() + (v.1 - x[s].1).abs()).fold(0.0, f64::max);
        x = next;
        if change < 1e-15 {
            break;
        }
    }
    let starts: f64 = start.values().sum();
    start
        .iter()
        .fold((0.0, 0.0), |acc, (s, n)| (acc.0 + n / starts * x[s.as_str()].0, acc.1 + n / starts * x[s.as_str()].1))
}

/// Expected credits by the README's formulas on top of the brute-force P and W.
fn expected(rows: &[Row], k: usize) -> BTreeMap<String, (f64, f64)> {
    let channels: BTreeSet<String> = rows.iter().flat_map(|r| r.0.iter().cloned()).collect();
    let (p, w) = brute_force(rows, k, None);
    let re: Vec<(String, f64, f64)> = channels
        .iter()
        .map(|h| {
            let (ph, wh) = brute_force(rows, k, Some(h));
            let rc = if p == 0.0 { 0.0 } else { 1.0 - ph / p };
            let rv = if w == 0.0 { 0.0 } else { 1.0 - wh / w };
            (h.clone(), rc, rv)
        })
        .collect();
    let (sc, sv): (f64, f64) = re.iter().fold((0.0, 0.0), |a, r| (a.0 + r.1, a.1 + r.2));
    let c: f64 = rows.iter().map(|r| r.1).sum();
    let v: f64 = rows.iter().map(|r| r.2).sum();
    re.into_iter()
        .map(|(h, rc, rv)| {
            let credit_c = if sc == 0.0 { 0.0 } else { c * rc / sc };
            let credit_v = if sv == 0.0 { 0.0 } else { v * rv / sv };
            (h, (credit_c, credit_v))
        })
        .collect()
}

fn check(rows: &[Row], k: usize) -> Result<(), TestCaseError> {
    let mut b = PathSetBuilder::new();
    for (touches, c, v, n) in rows {
        b.add_path(&touches.join(" > "), *c, *v, *n).unwrap();
    }
    let got = attribute(&b.build(), Model::Markov, k).unwrap();
    let want = expected(rows, k);
    prop_assert_eq!(got.channels.len(), want.len());
    for credit in &got.channels {
        let (wc, wv) = want[&credit.channel];
        prop_assert!(
            (credit.conversions - wc).abs() <= 1e-9 * wc.abs().max(1.0),
            "{} {} {}",
            credit.channel,
            credit.conversions,
            wc
        );
        prop_assert!(
            (credit.value - wv).abs() <= 1e-9 * wv.abs().max(1.0),
            "{} {} {}",
            credit.channel,
            credit.value,
            wv
        );
    }
    Ok(())
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let path = prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "d", "e"]), 1..7)
        .prop_map(|p| p.into_iter().map(String::from).collect::<Vec<_>>());
    let row = (path, 0u32..4, 0u32..500, 0u32..4)
        .prop_map(|(p, c, v, n)| (p, f64::from(c), f64::from(v) / 4.0, f64::from(n)));
    prop::collection::vec(row, 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn exact_markov_matches_brute_force_order_1(rows in rows()) {
        check(&rows, 1)?;
    }

    #[test]
    fn exact_markov_matches_brute_force_order_2(rows in rows()) {
        check(&rows, 2)?;
    }

    #[test]
    fn exact_markov_matches_brute_force_order_3(rows in rows()) {
        check(&rows, 3)?;
    }
}

#[test]
fn a_loop_between_two_channels_matches_brute_force() {
    let row = |p: &str, c: f64, v: f64, n: f64| (p.split(" > ").map(String::from).collect::<Vec<_>>(), c, v, n);
    let rows =
        vec![row("a > b > a > b > c", 2.0, 40.0, 1.0), row("b > a", 1.0, 5.0, 3.0), row("c > a > c", 0.0, 0.0, 2.0)];
    for k in 1..=3 {
        check(&rows, k).unwrap();
    }
}
