//! Workspace mode by hand: a flight with two creators, their links, codes and posts,
//! a code that disagrees with the click, a paid visit, a view-through exposure, a fully
//! refunded order, and everything that must be left out (bots, clicks without
//! consent, another currency, orders outside the flight).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use flightdeck_core::attribution::flight::{
    attribute_flight, FlightAttribution, FlightInput, FlightModel, FlightSettings, ModelResult, ViewExposure,
};
use flightdeck_core::attribution::journey::CodePolicy;
use flightdeck_core::attribution::{attribute, Model, PathSetBuilder};
use flightdeck_core::domain::*;

fn id<T: std::str::FromStr>(raw: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    raw.parse().unwrap()
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, day, hour, 0, 0).unwrap()
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

struct Fixture {
    campaigns: Vec<Campaign>,
    flight: Flight,
    links: Vec<TrackingLink>,
    codes: Vec<DiscountCode>,
    clicks: Vec<Click>,
    orders: Vec<Order>,
    deliverables: Vec<Deliverable>,
    creators: Vec<Creator>,
    exposures: Vec<ViewExposure>,
}

fn campaign(tag: &str, slug: &str) -> Campaign {
    Campaign {
        id: id(&format!("ca_{tag}")),
        name: Name::parse(slug).unwrap(),
        slug: slug.to_owned(),
        goal: Goal::Conversion,
        budget: eur(1_000_000),
        kpis: vec![],
        landing_url: None,
    }
}

fn creator(tag: &str, name: &str, platform: Platform) -> Creator {
    Creator {
        id: id(&format!("cr_{tag}")),
        name: Name::parse(name).unwrap(),
        accounts: vec![Account {
            id: id(&format!("ac_{tag}")),
            platform,
            handle: Handle::parse(tag).unwrap(),
            followers: 10_000,
            country: None,
            language: None,
            niche: None,
            url: None,
        }],
    }
}

fn deliverable(tag: &str, creator: &str, format: PostFormat, due: u32) -> Deliverable {
    Deliverable {
        id: id(&format!("de_{tag}")),
        contract_id: id("ct_x"),
        account_id: id(&format!("ac_{creator}")),
        format,
        due_on: NaiveDate::from_ymd_opt(2025, 6, due).unwrap(),
        state: DeliverableState::Live,
        caption: String::new(),
        revisions_used: 0,
        live_url: Some(format!("https://example.invalid/{tag}")),
    }
}

fn link(tag: &str, campaign: &str, creator: &str, deliverable: Option<&str>) -> TrackingLink {
    TrackingLink {
        id: id(&format!("ln_{tag}")),
        code: format!("L{tag}"),
        campaign_id: id(&format!("ca_{campaign}")),
        creator_id: id(&format!("cr_{creator}")),
        deliverable_id: deliverable.map(|d| id(&format!("de_{d}"))),
        destination: "https://shop.example.nl/".to_owned(),
        created_at: at(1, 0),
    }
}

fn code(text: &str, campaign: &str, creator: &str) -> DiscountCode {
    DiscountCode {
        id: id(&format!("dc_{}", text.to_lowercase())),
        code: text.to_owned(),
        campaign_id: id(&format!("ca_{campaign}")),
        creator_id: Some(id(&format!("cr_{creator}"))),
        percent_off: 10,
    }
}

fn click(tag: &str, link: &str, when: DateTime<Utc>, consent: bool, agent: AgentClass) -> Click {
    Click {
        id: id(&format!("ck_{tag}")),
        link_id: id(&format!("ln_{link}")),
        at: when,
        agent,
        referrer_host: None,
        country: None,
        consent,
        visitor_hash: None,
    }
}

struct O<'a> {
    tag: &'a str,
    when: DateTime<Utc>,
    total: Money,
    refunded: i64,
    codes: &'a [&'a str],
    utm: Option<(&'a str, &'a str, &'a str)>,
    click: Option<&'a str>,
    customer: Option<&'a str>,
}

fn order(o: O<'_>) -> Order {
    Order {
        id: id(&format!("or_{}", o.tag)),
        shop_platform: "shopify".to_owned(),
        external_id: o.tag.to_owned(),
        placed_at: o.when,
        total: o.total,
        refunded: Money::new(o.refunded, o.total.currency),
        codes: o.codes.iter().map(|c| (*c).to_owned()).collect(),
        utm_source: o.utm.map(|u| u.0.to_owned()),
        utm_medium: o.utm.map(|u| u.1.to_owned()),
        utm_campaign: o.utm.map(|u| u.2.to_owned()),
        click_id: o.click.map(|c| format!("ck_{c}")),
        customer_hash: o.customer.map(str::to_owned),
    }
}

const NO: O<'static> = O {
    tag: "",
    when: DateTime::<Utc>::MIN_UTC,
    total: Money { minor: 0, currency: Currency::EUR },
    refunded: 0,
    codes: &[],
    utm: None,
    click: None,
    customer: None,
};

/// Customers and what they did (flight: June 2025, campaign `zomer`):
/// - x: clicks Anna's reel link, orders an hour later with **Bram's** code (5000);
/// - y: orders with Anna's code only (3000); u: arrives from a Google ad (cpc) and
///   types Anna's code (2000); q: clicks Anna's link and orders, fully refunded (0);
/// - p: sees Bram's story (exposure), orders directly the same day (1000);
/// - w: clicks Bram's story link, does not order;
/// - left out: a bot click, a click without consent, an order in USD, an order with
///   Anna's code long after the flight, a direct order with no touch of the flight.
fn fixture() -> Fixture {
    let zomer = ("google", "cpc", "summer-sale");
    let landing = Some(("instagram", "influencer", "zomer"));
    Fixture {
        campaigns: vec![campaign("a", "zomer"), campaign("b", "herfst")],
        flight: Flight {
            id: id("fl_a1"),
            campaign_id: id("ca_a"),
            name: Name::parse("Flight 1").unwrap(),
            starts_on: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
            budget: eur(500_000),
        },
        links: vec![link("a1", "a", "anna", Some("da")), link("b1", "a", "bram", Some("db"))],
        codes: vec![code("ANNA10", "a", "anna"), code("BRAM10", "a", "bram")],
        clicks: vec![
            click("x1", "a1", at(11, 10), true, AgentClass::Mobile),
            click("z1", "b1", at(12, 9), false, AgentClass::Mobile),
            click("w1", "b1", at(14, 9), true, AgentClass::Desktop),
            click("v1", "b1", at(14, 9), true, AgentClass::Bot),
            click("q1", "a1", at(20, 9), true, AgentClass::Mobile),
        ],
        orders: vec![
            order(O {
                tag: "x",
                when: at(11, 11),
                total: eur(5000),
                codes: &["bram10"],
                utm: landing,
                click: Some("x1"),
                customer: Some("hx"),
                ..NO
            }),
            order(O { tag: "y", when: at(13, 12), total: eur(3000), codes: &["ANNA10"], customer: Some("hy"), ..NO }),
            order(O {
                tag: "u",
                when: at(15, 12),
                total: eur(2000),
                codes: &["Anna10"],
                utm: Some(zomer),
                customer: Some("hu"),
                ..NO
            }),
            order(O { tag: "t", when: at(16, 12), total: eur(7000), customer: Some("ht"), ..NO }),
            order(O {
                tag: "s",
                when: at(16, 13),
                total: Money::new(7000, Currency::parse("USD").unwrap()),
                codes: &["ANNA10"],
                customer: Some("hs"),
                ..NO
            }),
            order(O { tag: "p", when: at(17, 20), total: eur(1000), customer: Some("hp"), ..NO }),
            order(O {
                tag: "q",
                when: at(20, 10),
                total: eur(4000),
                refunded: 4000,
                utm: landing,
                click: Some("q1"),
                customer: Some("hq"),
                ..NO
            }),
            order(O {
                tag: "r",
                when: Utc.with_ymd_and_hms(2025, 7, 20, 12, 0, 0).unwrap(),
                total: eur(9000),
                codes: &["ANNA10"],
                customer: Some("hr"),
                ..NO
            }),
        ],
        deliverables: vec![
            deliverable("da", "anna", PostFormat::Reel, 10),
            deliverable("db", "bram", PostFormat::Story, 12),
        ],
        creators: vec![creator("anna", "Anna", Platform::Instagram), creator("bram", "Bram", Platform::Tiktok)],
        exposures: vec![ViewExposure {
            customer: "hp".to_owned(),
            at: at(17, 8),
            creator_id: id("cr_bram"),
            campaign_id: id("ca_a"),
            deliverable_id: Some(id("de_db")),
        }],
    }
}

fn run(f: &Fixture, settings: &FlightSettings, models: &[FlightModel]) -> FlightAttribution {
    let input = FlightInput {
        flight: &f.flight,
        campaigns: &f.campaigns,
        links: &f.links,
        codes: &f.codes,
        clicks: &f.clicks,
        orders: &f.orders,
        deliverables: &f.deliverables,
        creators: &f.creators,
        exposures: &f.exposures,
    };
    attribute_flight(&input, settings, models).unwrap()
}

fn channels(m: &ModelResult) -> Vec<(String, f64, f64)> {
    let mut v: Vec<(String, f64, f64)> =
        m.channels.iter().map(|c| (c.info.channel.clone(), c.conversions, c.value_minor)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn assert_credits(m: &ModelResult, want: &[(&str, f64, f64)]) {
    let got = channels(m);
    let mut want: Vec<(String, f64, f64)> = want.iter().map(|w| (w.0.to_owned(), w.1, w.2)).collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got.len(), want.len(), "{}: {got:?} vs {want:?}", m.model);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.0, w.0, "{}: {got:?}", m.model);
        assert!((g.1 - w.1).abs() < 1e-9 && (g.2 - w.2).abs() < 1e-6, "{}: {} got {g:?}, want {w:?}", m.model, g.0);
    }
}

const ANNA: &str = "creator:cr_anna";
const BRAM: &str = "creator:cr_bram";

#[test]
fn inputs_are_counted_and_the_flight_keeps_its_own_journeys() {
    let r = run(&fixture(), &FlightSettings::default(), &[FlightModel::LastTouch]);
    let i = &r.input;
    assert_eq!((i.clicks_used, i.clicks_bots, i.clicks_without_consent), (3, 1, 1));
    assert_eq!((i.orders_used, i.orders_other_currency, i.unknown_codes, i.view_exposures), (7, 1, 0, 1));
    // x, y, u, q, p convert; w does not; t (no touch of the flight) and r (code long after) are out.
    assert_eq!((r.journeys.total, r.journeys.converting, r.journeys.non_converting), (6, 5, 1));
    assert_eq!((r.total_conversions, r.total_value_minor), (5.0, 11_000));
    assert_eq!((r.campaign_name.as_str(), r.currency), ("zomer", Currency::EUR));
}

#[test]
fn rule_models_by_hand() {
    let r = run(&fixture(), &FlightSettings::default(), &FlightModel::ALL);
    let model = |m: FlightModel| r.models.iter().find(|x| x.model == m).unwrap();
    // Journeys: x [anna click, bram code], y [anna code], u [paid, anna code],
    // q [anna click] (value 0), p [bram view, direct], w [bram click] (no order).
    assert_credits(
        model(FlightModel::LastTouch),
        &[(ANNA, 3.0, 5000.0), (BRAM, 1.0, 5000.0), ("direct", 1.0, 1000.0), ("paid", 0.0, 0.0)],
    );
    assert_credits(
        model(FlightModel::FirstTouch),
        &[(ANNA, 3.0, 8000.0), (BRAM, 1.0, 1000.0), ("direct", 0.0, 0.0), ("paid", 1.0, 2000.0)],
    );
    assert_credits(
        model(FlightModel::LastNonDirect),
        &[(ANNA, 3.0, 5000.0), (BRAM, 2.0, 6000.0), ("direct", 0.0, 0.0), ("paid", 0.0, 0.0)],
    );
    let linear = [(ANNA, 3.0, 6500.0), (BRAM, 1.0, 3000.0), ("direct", 0.5, 500.0), ("paid", 0.5, 1000.0)];
    assert_credits(model(FlightModel::Linear), &linear);
    // Two touches at most: position-based splits 50/50 and Shapley equals linear (no repeats).
    assert_credits(model(FlightModel::PositionBased), &linear);
    assert_credits(model(FlightModel::Shapley), &linear);
    // Time decay (half-life 7 days): x's click is 1 hour older than the code, p's view 12 hours older than the visit.
    let w1 = (-1.0f64 / (7.0 * 24.0)).exp2();
    let w12 = (-12.0f64 / (7.0 * 24.0)).exp2();
    let (ax, bp) = (w1 / (1.0 + w1), w12 / (1.0 + w12));
    let (pu, au) = (0.5, 0.5); // u: visit and code at the same moment
    assert_credits(
        model(FlightModel::TimeDecay),
        &[
            (ANNA, ax + 1.0 + au + 1.0, ax * 5000.0 + 3000.0 + au * 2000.0),
            (BRAM, (1.0 - ax) + bp, (1.0 - ax) * 5000.0 + bp * 1000.0),
            ("direct", 1.0 - bp, (1.0 - bp) * 1000.0),
            ("paid", pu, pu * 2000.0),
        ],
    );
    for m in &r.models {
        assert!(!m.approximate);
        let (c, v) = m.channels.iter().fold((0.0, 0.0), |a, c| (a.0 + c.conversions, a.1 + c.value_minor));
        assert!((c - 5.0).abs() < 1e-9 && (v - 11_000.0).abs() < 1e-6, "{}: totals {c} {v}", m.model);
    }
}

#[test]
fn markov_by_hand_and_equal_to_path_mode() {
    let r = run(&fixture(), &FlightSettings::default(), &[FlightModel::Markov]);
    // P = 5/6; RE: anna 11/15, bram 2/5, paid 11/60, direct 1/5; sum 91/60; C = 5.
    let m = &r.models[0];
    let conv: Vec<(String, f64)> = channels(m).into_iter().map(|c| (c.0, c.1)).collect();
    let want = [(ANNA, 220.0 / 91.0), (BRAM, 120.0 / 91.0), ("direct", 60.0 / 91.0), ("paid", 55.0 / 91.0)];
    for ((g, gc), (w, wc)) in conv.iter().zip(want) {
        assert_eq!(g, w);
        assert!((gc - wc).abs() < 1e-12, "{g}: {gc} vs {wc}");
    }
    let mut b = PathSetBuilder::new();
    for (path, c, v, n) in [
        ("anna > bram", 1.0, 5000.0, 0.0),
        ("anna", 1.0, 3000.0, 0.0),
        ("paid > anna", 1.0, 2000.0, 0.0),
        ("anna", 1.0, 0.0, 0.0),
        ("bram > direct", 1.0, 1000.0, 0.0),
        ("bram", 0.0, 0.0, 1.0),
    ] {
        b.add_path(path, c, v, n).unwrap();
    }
    let reference = attribute(&b.build(), Model::Markov, 1).unwrap();
    for c in &reference.channels {
        let label = if c.channel == "anna" || c.channel == "bram" {
            format!("creator:cr_{}", c.channel)
        } else {
            c.channel.clone()
        };
        let got = m.channels.iter().find(|x| x.info.channel == label).unwrap();
        assert!(
            (got.value_minor - c.value).abs() < 1e-9 * c.value.abs().max(1.0),
            "{label}: {} vs {}",
            got.value_minor,
            c.value
        );
    }
}

#[test]
fn click_code_view_through_and_assisted_per_creator() {
    let r = run(&fixture(), &FlightSettings::default(), &[]);
    let get = |label: &str| r.conversions.iter().find(|c| c.info.channel == label).unwrap();
    let anna = get(ANNA);
    assert_eq!(
        (anna.click_conversions, anna.click_value_minor, anna.code_conversions, anna.code_value_minor),
        (1, 0, 2, 5000)
    );
    assert_eq!((anna.assisted_conversions, anna.assisted_value_minor, anna.view_through_conversions), (1, 5000, 0));
    assert_eq!(anna.info.name.as_deref(), Some("Anna"));
    let bram = get(BRAM);
    assert_eq!(
        (bram.code_conversions, bram.code_value_minor, bram.view_through_conversions, bram.view_through_value_minor),
        (1, 5000, 1, 1000)
    );
    assert_eq!((bram.click_conversions, bram.assisted_conversions), (0, 0));
    let paid = get("paid");
    assert_eq!((paid.assisted_conversions, paid.assisted_value_minor, paid.click_conversions), (1, 2000, 0));
    // The direct visit after p's view does not take the view-through conversion; it assists it.
    let direct = get("direct");
    assert_eq!((direct.click_conversions, direct.assisted_conversions, direct.assisted_value_minor), (0, 1, 1000));
}

#[test]
fn code_policy_decides_when_code_and_link_disagree() {
    let f = fixture();
    let with = |policy| FlightSettings { code_policy: policy, ..FlightSettings::default() };
    let link_wins = run(&f, &with(CodePolicy::LinkWins), &[FlightModel::LastTouch]);
    assert_credits(
        &link_wins.models[0],
        &[(ANNA, 4.0, 10_000.0), (BRAM, 0.0, 0.0), ("direct", 1.0, 1000.0), ("paid", 0.0, 0.0)],
    );
    let anna = link_wins.conversions.iter().find(|c| c.info.channel == ANNA).unwrap();
    assert_eq!((anna.click_conversions, anna.code_conversions, anna.assisted_conversions), (2, 2, 0));
    let code_only = run(&f, &with(CodePolicy::CodeOnly), &[FlightModel::FirstTouch]);
    // Code only: x is Bram's, and u's paid visit is dropped.
    assert_credits(&code_only.models[0], &[(ANNA, 3.0, 5000.0), (BRAM, 2.0, 6000.0), ("direct", 0.0, 0.0)]);
}

#[test]
fn posts_and_formats_sum_to_the_creators_credit() {
    let r = run(&fixture(), &FlightSettings::default(), &FlightModel::ALL);
    for m in &r.models {
        for creator in [ANNA, BRAM] {
            let own = m.channels.iter().find(|c| c.info.channel == creator).unwrap();
            let (c, v) = m
                .posts
                .iter()
                .filter(|p| format!("creator:{}", p.creator) == creator)
                .fold((0.0, 0.0), |a, p| (a.0 + p.conversions, a.1 + p.value_minor));
            assert!((c - own.conversions).abs() < 1e-9 && (v - own.value_minor).abs() < 1e-6, "{} {creator}", m.model);
        }
        let posts: f64 = m.posts.iter().map(|p| p.conversions).sum();
        let formats: f64 = m.formats.iter().map(|f| f.conversions).sum();
        assert!((posts - formats).abs() < 1e-9);
    }
    let linear = r.models.iter().find(|m| m.model == FlightModel::Linear).unwrap();
    let post = |kind: &str, key: &str| {
        linear
            .posts
            .iter()
            .find(|p| p.kind == kind && (p.post.as_deref() == Some(key) || p.code.as_deref() == Some(key)))
            .unwrap()
    };
    let reel = post("post", "de_da");
    assert_eq!(
        (reel.format.as_str(), reel.platform, reel.conversions, reel.value_minor),
        ("reel", Some(Platform::Instagram), 1.5, 2500.0)
    );
    assert!(reel.in_flight);
    assert_eq!(reel.live_url.as_deref(), Some("https://example.invalid/da"));
    let story = post("post", "de_db"); // the exposure and the (non-converting) click of Bram's story
    assert_eq!((story.format.as_str(), story.conversions, story.value_minor), ("story", 0.5, 500.0));
    assert_eq!((post("code", "ANNA10").conversions, post("code", "BRAM10").conversions), (1.5, 0.5));
    let formats: Vec<(&str, f64)> = linear.formats.iter().map(|f| (f.format.as_str(), f.conversions)).collect();
    assert_eq!(formats, [("code", 2.0), ("reel", 1.5), ("story", 0.5)]);
    // Markov splits each creator's credit over their posts by the linear shares.
    let markov = r.models.iter().find(|m| m.model == FlightModel::Markov).unwrap();
    let reel = markov.posts.iter().find(|p| p.post.as_deref() == Some("de_da")).unwrap();
    assert!((reel.conversions - 110.0 / 91.0).abs() < 1e-12, "{}", reel.conversions);
}

#[test]
fn another_campaigns_touch_in_a_journey_is_a_channel_but_not_the_flights_post() {
    let mut f = fixture();
    f.links.push(link("b2", "b", "bram", None));
    f.codes.push(code("HERFST5", "b", "bram"));
    f.clicks.push(click("n1", "b2", at(13, 9), true, AgentClass::Mobile));
    f.orders.push(order(O {
        tag: "n",
        when: at(13, 10),
        total: eur(1500),
        codes: &["ANNA10"],
        utm: Some(("instagram", "influencer", "herfst")),
        click: Some("n1"),
        customer: Some("hn"),
        ..NO
    }));
    // Only another campaign's touches: not the flight's.
    f.clicks.push(click("m1", "b2", at(14, 9), true, AgentClass::Mobile));
    f.orders.push(order(O {
        tag: "m",
        when: at(14, 10),
        total: eur(800),
        codes: &["HERFST5"],
        click: Some("m1"),
        customer: Some("hm"),
        ..NO
    }));
    let r = run(&f, &FlightSettings::default(), &[FlightModel::FirstTouch]);
    assert_eq!((r.journeys.converting, r.total_value_minor), (6, 12_500));
    let m = &r.models[0];
    let other = m.posts.iter().find(|p| p.link.as_deref() == Some("ln_b2")).unwrap();
    assert_eq!(
        (other.kind.as_str(), other.format.as_str(), other.in_flight, other.conversions),
        ("link", "link", false, 1.0)
    );
    assert_eq!(m.channels.iter().find(|c| c.info.channel == BRAM).unwrap().conversions, 2.0);
}

#[test]
fn settings_are_checked() {
    let f = fixture();
    let input = FlightInput {
        flight: &f.flight,
        campaigns: &f.campaigns,
        links: &f.links,
        codes: &f.codes,
        clicks: &f.clicks,
        orders: &f.orders,
        deliverables: &f.deliverables,
        creators: &f.creators,
        exposures: &f.exposures,
    };
    let bad = [
        FlightSettings { click_window_days: 0, ..FlightSettings::default() },
        FlightSettings { half_life_days: 0.0, ..FlightSettings::default() },
        FlightSettings { position_based: [0.5, 0.2, 0.4], ..FlightSettings::default() },
        FlightSettings { markov_order: 0, ..FlightSettings::default() },
    ];
    for s in bad {
        assert!(attribute_flight(&input, &s, &[FlightModel::Linear]).is_err(), "{s:?}");
    }
    assert_eq!(FlightModel::parse_list("all").unwrap().len(), 8);
    assert_eq!(FlightModel::parse_list("markov,last_touch").unwrap(), [FlightModel::Markov, FlightModel::LastTouch]);
    assert!(FlightModel::parse_list("last-click").is_err());
}

#[test]
fn a_28_day_window_reaches_further_back() {
    let mut f = fixture();
    // w clicks Bram's story on June 14 and orders with no code or UTMs on July 1 (17 days later).
    f.orders.push(order(O {
        tag: "w",
        when: Utc.with_ymd_and_hms(2025, 7, 1, 9, 0, 0).unwrap(),
        total: eur(600),
        click: Some("w1"),
        customer: Some("hw"),
        ..NO
    }));
    let week = run(&f, &FlightSettings::default(), &[FlightModel::LastNonDirect]);
    let month =
        run(&f, &FlightSettings { click_window_days: 28, ..FlightSettings::default() }, &[FlightModel::LastNonDirect]);
    let bram = |r: &FlightAttribution| {
        r.models[0].channels.iter().find(|c| c.info.channel == BRAM).map_or(0.0, |c| c.conversions)
    };
    // 7 days: w's click is outside the window, the order is direct and not the flight's.
    assert_eq!((week.journeys.converting, bram(&week)), (5, 2.0));
    // 28 days: w's click counts, and r's code order of July 20 is within 28 days of the flight's end.
    assert_eq!((month.journeys.converting, bram(&month)), (7, 3.0));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    type ClickRow = (u8, usize, u32);
    type OrderRow = (u8, u32, i64, Option<usize>, u8);

    /// Four creators with a link (a post each, two formats) and a code each; customers
    /// click and order at random; an order carries the customer's last click id.
    fn random(clicks: &[ClickRow], orders: &[OrderRow]) -> Fixture {
        let names = ["anna", "bram", "cato", "dirk"];
        let mut f = fixture();
        f.links = names.iter().map(|n| link(n, "a", n, Some(n))).collect();
        f.codes = names.iter().map(|n| code(&n.to_uppercase(), "a", n)).collect();
        f.deliverables = names
            .iter()
            .enumerate()
            .map(|(i, n)| deliverable(n, n, if i % 2 == 0 { PostFormat::Reel } else { PostFormat::Story }, 5))
            .collect();
        f.creators = names.iter().map(|n| creator(n, n, Platform::Instagram)).collect();
        let when = |hour: u32| at(1, 0) + chrono::TimeDelta::hours(i64::from(hour));
        f.clicks = clicks
            .iter()
            .enumerate()
            .map(|(i, (_, l, h))| click(&format!("r{i}"), names[*l], when(*h), true, AgentClass::Mobile))
            .collect();
        f.orders = orders
            .iter()
            .enumerate()
            .map(|(i, (cust, h, value, code, utm))| {
                let last_click = clicks
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, _, ch))| c == cust && ch <= h)
                    .max_by_key(|(_, (_, _, ch))| *ch)
                    .map(|(j, _)| format!("r{j}"));
                let mut o = order(O {
                    tag: &format!("r{i}"),
                    when: when(*h),
                    total: eur(*value),
                    codes: &[],
                    utm: [None, Some(("google", "organic", "x")), Some(("google", "cpc", "x"))][usize::from(*utm)],
                    click: None,
                    customer: Some(&format!("h{cust}")),
                    ..NO
                });
                o.codes = code.map(|c| vec![names[c].to_uppercase()]).unwrap_or_default();
                o.click_id = last_click.map(|c| format!("ck_{c}"));
                o
            })
            .collect();
        f.exposures.clear();
        f
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn credits_posts_and_counts_add_up(
            clicks in prop::collection::vec((0u8..8, 0usize..4, 0u32..700), 0..30),
            orders in prop::collection::vec((0u8..8, 0u32..800, 0i64..20_000, prop::option::of(0usize..4), 0u8..3), 0..20),
            policy in prop::sample::select(vec![CodePolicy::CodeWins, CodePolicy::LinkWins, CodePolicy::CodeOnly]),
            window in prop::sample::select(vec![7u32, 28]),
        ) {
            let f = random(&clicks, &orders);
            let settings = FlightSettings { code_policy: policy, click_window_days: window, ..FlightSettings::default() };
            let r = run(&f, &settings, &FlightModel::ALL);
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-7 * a.abs().max(b.abs()).max(1.0);
            let total_value = r.total_value_minor as f64;
            for m in &r.models {
                let (c, v) = m.channels.iter().fold((0.0, 0.0), |a, x| (a.0 + x.conversions, a.1 + x.value_minor));
                prop_assert!(close(c, r.total_conversions) && close(v, total_value), "{}: {c} {v} vs {} {}", m.model, r.total_conversions, total_value);
                prop_assert!(m.channels.iter().all(|x| x.conversions >= -1e-9 && x.value_minor >= -1e-6), "{}", m.model);
                for ch in m.channels.iter().filter(|x| x.info.kind == "creator") {
                    let own = m.posts.iter().filter(|p| Some(&p.creator) == ch.info.creator.as_ref());
                    let (pc, pv) = own.fold((0.0, 0.0), |a, p| (a.0 + p.conversions, a.1 + p.value_minor));
                    prop_assert!(close(pc, ch.conversions) && close(pv, ch.value_minor), "{}: {} posts {pc} vs {}", m.model, ch.info.channel, ch.conversions);
                }
                let posts: f64 = m.posts.iter().map(|p| p.conversions).sum();
                let formats: f64 = m.formats.iter().map(|x| x.conversions).sum();
                prop_assert!(close(posts, formats));
            }
            let decisive: u64 = r.conversions.iter().map(|c| c.click_conversions + c.code_conversions + c.view_through_conversions).sum();
            prop_assert_eq!(decisive as f64, r.total_conversions);
        }

        #[test]
        fn renaming_creators_permutes_the_credits(
            clicks in prop::collection::vec((0u8..8, 0usize..4, 0u32..700), 1..30),
            orders in prop::collection::vec((0u8..8, 0u32..800, 0i64..20_000, prop::option::of(0usize..4), 0u8..3), 1..20),
        ) {
            let f = random(&clicks, &orders);
            let mut renamed = random(&clicks, &orders);
            // The same people under other ids (and names): anna <-> dirk, bram <-> cato.
            let swap = |raw: &str| match raw {
                "cr_anna" => "cr_dirk", "cr_dirk" => "cr_anna", "cr_bram" => "cr_cato", "cr_cato" => "cr_bram", o => o,
            }.to_owned();
            for l in &mut renamed.links { l.creator_id = id(&swap(l.creator_id.as_str())); }
            for c in &mut renamed.codes { c.creator_id = c.creator_id.as_ref().map(|x| id(&swap(x.as_str()))); }
            let a = run(&f, &FlightSettings::default(), &FlightModel::ALL);
            let b = run(&renamed, &FlightSettings::default(), &FlightModel::ALL);
            for (ma, mb) in a.models.iter().zip(&b.models) {
                for ca in &ma.channels {
                    let label = ca.info.creator.as_ref().map_or(ca.info.channel.clone(), |c| format!("creator:{}", swap(c.as_str())));
                    let cb = mb.channels.iter().find(|x| x.info.channel == label).unwrap();
                    prop_assert!((ca.conversions - cb.conversions).abs() < 1e-9, "{}: {label}", ma.model);
                    prop_assert!((ca.value_minor - cb.value_minor).abs() < 1e-6, "{}: {label}", ma.model);
                }
            }
        }
    }
}
