//! Journey building (windows, code policy, null journeys), journey-level rule models
//! and the click / code / view-through / assisted counts, with hand-computed values.

#![allow(clippy::unwrap_used)] // helpers of tests: a panic is the failure report

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use flightdeck_core::attribution::journey::{
    build_journeys, Channel, CodePolicy, Conversion, Journey, JourneyConfig, TouchEvent, TouchKind,
};
use flightdeck_core::attribution::rules::{credit_journeys, JourneyModel};
use flightdeck_core::attribution::summary::conversion_summary;
use flightdeck_core::domain::CreatorId;

fn creator(name: &str) -> Channel {
    Channel::Creator(CreatorId::parse(&format!("cr_{name}")).unwrap())
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()
}

fn touch(customer: &str, hours_before: i64, channel: Channel, kind: TouchKind) -> TouchEvent {
    TouchEvent { customer: customer.into(), at: t0() - TimeDelta::hours(hours_before), channel, kind }
}

fn order(id: &str, customer: &str, hours_before: i64, value: i64, codes: &[&str]) -> Conversion {
    Conversion {
        id: id.into(),
        customer: customer.into(),
        at: t0() - TimeDelta::hours(hours_before),
        value_minor: value,
        code_creators: codes.iter().map(|c| creator(c)).collect(),
    }
}

fn channels(journey: &Journey) -> Vec<(String, TouchKind)> {
    journey.touches.iter().map(|t| (t.channel.label(), t.kind)).collect()
}

#[test]
fn windows_cut_old_clicks_and_old_views() {
    let touches = [
        touch("k1", 24 * 8, creator("old"), TouchKind::Click),
        touch("k1", 48, creator("seen"), TouchKind::View),
        touch("k1", 30, creator("anna"), TouchKind::Click),
        touch("k1", 12, creator("bob"), TouchKind::View),
    ];
    let orders = [order("o1", "k1", 0, 5000, &[])];
    let seven = build_journeys(&touches, &orders, &JourneyConfig::default());
    assert_eq!(seven.len(), 1);
    let got = channels(&seven[0]);
    assert_eq!(got, [("creator:cr_anna".into(), TouchKind::Click), ("creator:cr_bob".into(), TouchKind::View)]);
    let long = JourneyConfig { click_window: TimeDelta::days(28), ..JourneyConfig::default() };
    assert_eq!(build_journeys(&touches, &orders, &long)[0].touches.len(), 3);
}

#[test]
fn a_conversion_ends_a_journey_and_later_touches_make_a_null_journey() {
    let touches = [
        touch("k1", 50, creator("anna"), TouchKind::Click),
        touch("k1", 30, Channel::Paid, TouchKind::Visit),
        touch("k1", 10, creator("bob"), TouchKind::Click),
    ];
    let orders = [order("o1", "k1", 20, 1000, &[]), order("o2", "k2", 0, 700, &[])];
    let journeys = build_journeys(&touches, &orders, &JourneyConfig::default());
    assert_eq!(journeys.len(), 3);
    assert_eq!(journeys[0].conversion.as_ref().map(|c| c.id.as_str()), Some("o1"));
    assert_eq!(journeys[0].touches.len(), 2);
    assert!(journeys[1].conversion.is_none());
    assert_eq!(channels(&journeys[1]), [("creator:cr_bob".into(), TouchKind::Click)]);
    // k2 converted with no touch at all: direct.
    assert_eq!(channels(&journeys[2]), [("direct".into(), TouchKind::Visit)]);
}

#[test]
fn code_policy_decides_who_is_last_when_code_and_link_disagree() {
    let touches = [touch("k1", 5, creator("anna"), TouchKind::Click), touch("k1", 2, creator("bob"), TouchKind::Click)];
    let orders = [order("o1", "k1", 0, 1000, &["carl"])];
    let with = |code_policy| {
        let config = JourneyConfig { code_policy, ..JourneyConfig::default() };
        let j = &build_journeys(&touches, &orders, &config)[0];
        j.touches.iter().map(|t| t.channel.label()).collect::<Vec<_>>()
    };
    assert_eq!(with(CodePolicy::CodeWins), ["creator:cr_anna", "creator:cr_bob", "creator:cr_carl"]);
    assert_eq!(with(CodePolicy::LinkWins), ["creator:cr_anna", "creator:cr_carl", "creator:cr_bob"]);
    assert_eq!(with(CodePolicy::CodeOnly), ["creator:cr_carl"]);
}

fn journey_set() -> Vec<Journey> {
    let touches = [
        // k1: anna 7 days before, a direct visit, bob at the order.
        touch("k1", 168, creator("anna"), TouchKind::Click),
        touch("k1", 24, Channel::Direct, TouchKind::Visit),
        touch("k1", 0, creator("bob"), TouchKind::Click),
        // k2: a click by anna then a view by bob: the click is decisive.
        touch("k2", 20, creator("anna"), TouchKind::Click),
        touch("k2", 2, creator("bob"), TouchKind::View),
        // k3: views only: view-through for bob.
        touch("k3", 3, creator("anna"), TouchKind::View),
        touch("k3", 1, creator("bob"), TouchKind::View),
    ];
    let orders =
        [order("o1", "k1", 0, 3000, &[]), order("o2", "k2", 0, 1000, &[]), order("o3", "k3", 0, 500, &["anna"])];
    build_journeys(&touches, &orders, &JourneyConfig::default())
}

#[test]
fn rule_models_over_journeys() {
    let journeys = journey_set();
    let credit = |model| {
        credit_journeys(&journeys, model)
            .unwrap()
            .into_iter()
            .map(|c| (c.channel.label(), c.conversions, c.value_minor))
            .collect::<Vec<_>>()
    };
    let close = |got: Vec<(String, f64, f64)>, want: &[(&str, f64, f64)]| {
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((n, c, v), (wn, wc, wv)) in got.iter().zip(want) {
            assert!(n == wn && (c - wc).abs() < 1e-9 && (v - wv).abs() < 1e-6, "{got:?}");
        }
    };
    // k3 ends with anna's code (code wins), so the last touch is anna.
    let last = [("creator:cr_anna", 1.0, 500.0), ("direct", 0.0, 0.0), ("creator:cr_bob", 2.0, 4000.0)];
    close(credit(JourneyModel::LastTouch), &last);
    close(
        credit(JourneyModel::FirstTouch),
        &[("creator:cr_anna", 3.0, 4500.0), ("direct", 0.0, 0.0), ("creator:cr_bob", 0.0, 0.0)],
    );
    // Time decay, half-life 7 days on k1: anna (7 d) 1/2, direct (1 d) 2^(-1/7), bob 1.
    let d = (-1.0f64 / 7.0).exp2();
    let s = 0.5 + d + 1.0;
    let (a1, d1, b1) = (0.5 / s, d / s, 1.0 / s);
    // k2: anna 20 h, bob 2 h; k3: anna view 3 h, bob view 1 h, anna code 0 h.
    let w = |h: f64| (-h / 168.0).exp2();
    let s2 = w(20.0) + w(2.0);
    let s3 = w(3.0) + w(1.0) + 1.0;
    let anna = a1 + w(20.0) / s2 + (w(3.0) + 1.0) / s3;
    let bob = b1 + w(2.0) / s2 + w(1.0) / s3;
    let anna_v = a1 * 3000.0 + w(20.0) / s2 * 1000.0 + (w(3.0) + 1.0) / s3 * 500.0;
    let bob_v = b1 * 3000.0 + w(2.0) / s2 * 1000.0 + w(1.0) / s3 * 500.0;
    let want = [("creator:cr_anna", anna, anna_v), ("direct", d1, d1 * 3000.0), ("creator:cr_bob", bob, bob_v)];
    close(credit(JourneyModel::TimeDecay { half_life: TimeDelta::days(7) }), &want);
    // 30/40/30 position-based on k1 (three touches): anna 0.3, direct 0.4, bob 0.3.
    let pos = credit(JourneyModel::PositionBased { first: 0.3, last: 0.3 });
    assert!((pos[1].1 - 0.4).abs() < 1e-12, "{pos:?}");
}

#[test]
fn last_non_direct_skips_a_final_direct_visit() {
    let touches =
        [touch("k1", 5, creator("anna"), TouchKind::Click), touch("k1", 1, Channel::Direct, TouchKind::Visit)];
    let journeys = build_journeys(&touches, &[order("o1", "k1", 0, 100, &[])], &JourneyConfig::default());
    let credits = credit_journeys(&journeys, JourneyModel::LastNonDirect).unwrap();
    assert_eq!((credits[0].channel.label(), credits[0].conversions), ("creator:cr_anna".into(), 1.0));
    assert_eq!(credits[1].conversions, 0.0);
}

#[test]
fn click_code_view_through_and_assisted_are_counted_apart() {
    let summary = conversion_summary(&journey_set());
    let get = |label: &str| summary.iter().find(|s| s.channel.label() == label).unwrap().clone();
    let anna = get("creator:cr_anna");
    let bob = get("creator:cr_bob");
    // k1: bob click decisive (anna, direct assist); k2: anna click decisive (bob's later
    // view assists); k3: anna's code decisive (bob's view assists).
    assert_eq!((anna.click_conversions, anna.click_value_minor), (1, 1000));
    assert_eq!((anna.code_conversions, anna.code_value_minor), (1, 500));
    assert_eq!((anna.assisted_conversions, anna.assisted_value_minor), (1, 3000));
    assert_eq!((bob.click_conversions, bob.assisted_conversions, bob.view_through_conversions), (1, 2, 0));
    assert_eq!(get("direct").assisted_conversions, 1);
    // Without the code, k3 is a view-through conversion for bob.
    let touches = [touch("k3", 3, creator("anna"), TouchKind::View), touch("k3", 1, creator("bob"), TouchKind::View)];
    let journeys = build_journeys(&touches, &[order("o3", "k3", 0, 500, &[])], &JourneyConfig::default());
    let summary = conversion_summary(&journeys);
    assert_eq!((summary[1].view_through_conversions, summary[1].view_through_value_minor), (1, 500));
    assert_eq!((summary[0].assisted_conversions, summary[0].view_through_conversions), (1, 0));
}

#[test]
fn data_driven_models_over_journeys_use_null_journeys_too() {
    let touches = [
        touch("k1", 5, creator("anna"), TouchKind::Click),
        touch("k1", 1, creator("bob"), TouchKind::Click),
        touch("k2", 3, creator("anna"), TouchKind::Click),
    ];
    // k1: anna > bob converts (1000); k2: anna alone does not convert.
    // start->anna 2; anna->bob 1, anna->null 1; bob->conv 1: P = 1/2, both RE = 1.
    let journeys = build_journeys(&touches, &[order("o1", "k1", 0, 1000, &[])], &JourneyConfig::default());
    for model in [JourneyModel::Markov { order: 1 }, JourneyModel::Shapley] {
        let credits = credit_journeys(&journeys, model).unwrap();
        let got: Vec<(String, f64, f64)> =
            credits.iter().map(|c| (c.channel.label(), c.conversions, c.value_minor)).collect();
        assert_eq!(got, [("creator:cr_anna".into(), 0.5, 500.0), ("creator:cr_bob".into(), 0.5, 500.0)]);
    }
}

#[test]
fn utm_channels() {
    assert_eq!(Channel::from_utm(None, None), Channel::Direct);
    assert_eq!(Channel::from_utm(Some("google"), Some("CPC")), Channel::Paid);
    assert_eq!(Channel::from_utm(Some("google"), Some("organic")), Channel::Organic);
    assert_eq!(Channel::from_utm(Some("newsletter"), None), Channel::Organic);
}
