//! Properties of the demo generator at the size the dashboard is shown with (2,000 creators).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use flightdeck_core::demo::{self, largest_rise, DemoCreator, Planted, DAYS, FIRST_DAY, LAST_DAY};
use flightdeck_core::domain::{Platform, Tier};

const SEED: u64 = 20_261_031;
const N: u64 = 2_000;

fn creators() -> &'static [DemoCreator] {
    static CELL: OnceLock<Vec<DemoCreator>> = OnceLock::new();
    CELL.get_or_init(|| (0..N).map(|i| demo::creator(SEED, i)).collect())
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a: Vec<String> = (0..40).map(|i| serde_json::to_string(&demo::creator(7, i)).unwrap()).collect();
    let b: Vec<String> = (0..40).rev().map(|i| serde_json::to_string(&demo::creator(7, i)).unwrap()).rev().collect();
    assert_eq!(a, b);
    let c = serde_json::to_string(&demo::creator(8, 0)).unwrap();
    assert_ne!(a[0], c);
    assert_eq!(serde_json::to_string(&demo::brand(7)).unwrap(), serde_json::to_string(&demo::brand(7)).unwrap());
}

#[test]
fn every_tier_and_every_platform_occurs() {
    let mut tiers = BTreeSet::new();
    let mut platforms = BTreeMap::new();
    for c in creators() {
        for a in &c.creator.accounts {
            tiers.insert(a.tier());
            *platforms.entry(a.platform).or_insert(0) += 1;
        }
    }
    assert_eq!(tiers.len(), Tier::ALL.len(), "{tiers:?}");
    assert_eq!(platforms.len(), Platform::ALL.len(), "{platforms:?}");
    let big3 = platforms[&Platform::Instagram] + platforms[&Platform::Tiktok] + platforms[&Platform::Youtube];
    let total: i32 = platforms.values().sum();
    assert!(big3 * 10 > total * 6, "instagram/tiktok/youtube should dominate: {platforms:?}");
    let multi = creators().iter().filter(|c| c.creator.accounts.len() > 1).count();
    assert!(multi > 300 && multi < 900, "{multi} creators with several accounts");
}

#[test]
fn about_five_percent_are_planted_and_some_went_viral() {
    let problems = creators().iter().filter(|c| c.planted.iter().any(Planted::is_authenticity_problem)).count();
    let share = problems as f64 / N as f64;
    assert!((0.03..=0.08).contains(&share), "{share}");
    let viral = creators().iter().filter(|c| c.planted.contains(&Planted::Viral)).count();
    assert!(viral > 50, "{viral}");
    for kind in Planted::PROBLEMS {
        assert!(creators().iter().any(|c| c.planted.contains(&kind)), "{kind:?}");
    }
    assert!(creators().iter().any(|c| c.planted.contains(&Planted::UndisclosedAd)));
}

fn main_followers(c: &DemoCreator) -> Vec<u64> {
    c.histories[0].metrics.iter().map(|m| m.followers).collect()
}

#[test]
fn bought_followers_jump_and_clean_creators_do_not() {
    for c in creators() {
        let rise = largest_rise(&main_followers(c), 2);
        if c.planted.contains(&Planted::BoughtFollowers) {
            assert!(rise > 0.08, "{} bought but rose only {rise}", c.creator.id);
        } else if c.planted.is_empty() || c.planted == [Planted::UndisclosedAd] {
            let first = c.histories[0].metrics[0].followers;
            if first >= 500 {
                assert!(rise < 0.05, "{} is clean but rose {rise}", c.creator.id);
            }
        }
    }
}

#[test]
fn handles_are_unique_per_platform_and_clean() {
    let mut seen = BTreeSet::new();
    for c in creators() {
        for a in &c.creator.accounts {
            let h = a.handle.as_str();
            assert!(h.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)), "{h}");
            assert!(seen.insert((a.platform, h.to_owned())), "duplicate {h} on {}", a.platform);
        }
    }
}

#[test]
fn ids_are_unique() {
    let mut ids = BTreeSet::new();
    for c in creators() {
        assert!(ids.insert(c.creator.id.to_string()));
        for (a, h) in c.creator.accounts.iter().zip(&c.histories) {
            assert_eq!(a.id, h.account_id);
            assert!(ids.insert(a.id.to_string()));
            for p in &h.posts {
                assert!(ids.insert(p.post.id.to_string()));
                for cm in &p.comments {
                    assert!(ids.insert(cm.id.to_string()));
                }
            }
        }
    }
}

#[test]
fn histories_cover_the_window_and_posts_fit_the_brief() {
    for c in creators().iter().take(300) {
        for (a, h) in c.creator.accounts.iter().zip(&c.histories) {
            assert_eq!(h.metrics.len(), DAYS);
            assert_eq!(h.metrics[0].date, FIRST_DAY);
            assert_eq!(h.metrics[DAYS - 1].date, LAST_DAY);
            assert_eq!(h.metrics[DAYS - 1].followers, a.followers);
            assert!((8..=30).contains(&h.posts.len()), "{}", h.posts.len());
            for p in &h.posts {
                assert!(p.comments.len() <= demo::MAX_LISTED_COMMENTS as usize);
                assert!(p.comments.len() as u64 <= p.post.metrics.comments.unwrap_or(0));
                assert!(!p.post.caption.contains('{'), "{}", p.post.caption);
            }
        }
    }
}

fn demo_campaigns(seed: u64) -> demo::DemoCampaigns {
    let summaries: Vec<demo::CreatorSummary> = creators().iter().map(DemoCreator::summary).collect();
    demo::campaigns(seed, &summaries)
}

#[test]
fn campaigns_are_deterministic_and_ignore_the_order_of_summaries() {
    let a = serde_json::to_string(&demo_campaigns(SEED)).unwrap();
    let mut reversed: Vec<demo::CreatorSummary> = creators().iter().map(DemoCreator::summary).collect();
    reversed.reverse();
    let b = serde_json::to_string(&demo::campaigns(SEED, &reversed)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn campaigns_have_flights_deliverables_in_many_states_links_and_codes() {
    use flightdeck_core::domain::{DeliverableState, Goal};
    let c = demo_campaigns(SEED);
    let goals: Vec<Goal> = c.campaigns.iter().map(|c| c.goal).collect();
    assert_eq!(goals, vec![Goal::Awareness, Goal::Conversion]);
    assert_eq!(c.flights.len(), 4);
    for f in &c.flights {
        assert!(FIRST_DAY <= f.starts_on && f.starts_on <= f.ends_on && f.ends_on <= LAST_DAY);
    }
    assert!(c.collaborations.len() >= 30, "{}", c.collaborations.len());
    let states: BTreeSet<String> =
        c.collaborations.iter().flat_map(|x| &x.deliverables).map(|d| format!("{:?}", d.state)).collect();
    assert!(states.len() >= 5, "{states:?}");
    let mut short_codes = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for x in &c.collaborations {
        assert_eq!(x.links.len(), x.deliverables.len());
        for l in &x.links {
            assert!(l.destination.starts_with("https://shop.duinhart.nl/"), "{}", l.destination);
            for utm in ["utm_source=", "utm_medium=", "utm_campaign="] {
                assert!(l.destination.contains(utm), "{}", l.destination);
            }
            assert!(short_codes.insert(l.code.clone()));
        }
        let code = &x.code.code;
        let (prefix, rest) = code.split_once('-').unwrap();
        assert!(prefix == "GLOW" || prefix == "HERFST", "{code}");
        let suffix: String = rest.chars().rev().take_while(char::is_ascii_digit).collect();
        assert!(suffix.len() >= 3 && suffix.chars().all(|d| ('2'..='9').contains(&d)), "{code}");
        assert!(code.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-'), "{code}");
        assert!(codes.insert(code.clone()), "{code}");
        let live =
            x.deliverables.iter().filter(|d| matches!(d.state, DeliverableState::Live | DeliverableState::Verified));
        assert_eq!(live.count(), x.posts.len());
    }
}

#[test]
fn campaign_traffic_has_bots_previews_codes_and_click_ids() {
    use flightdeck_core::domain::AgentClass;
    let c = demo_campaigns(SEED);
    assert!((300..=20_000).contains(&c.clicks.len()), "{} clicks", c.clicks.len());
    assert!(c.clicks.iter().any(|k| k.agent == AgentClass::Bot));
    assert!(c.clicks.iter().any(|k| k.agent == AgentClass::Preview));
    let end = LAST_DAY.and_hms_opt(23, 59, 59).unwrap().and_utc();
    assert!(c.clicks.iter().all(|k| k.at <= end));
    assert!(c.orders.iter().all(|o| o.placed_at <= end && o.total.minor > 0));
    assert!(c.orders.len() >= 50, "{} orders", c.orders.len());
    let links: BTreeSet<String> = c.collaborations.iter().flat_map(|x| &x.links).map(|l| l.id.to_string()).collect();
    assert!(c.clicks.iter().all(|k| links.contains(k.link_id.as_str())));
    let clicks: BTreeSet<String> = c.clicks.iter().map(|k| k.id.to_string()).collect();
    let with_click = c.orders.iter().filter(|o| o.click_id.as_ref().is_some_and(|id| clicks.contains(id))).count();
    let with_code = c.orders.iter().filter(|o| !o.codes.is_empty()).count();
    let both = c.orders.iter().filter(|o| o.click_id.is_some() && !o.codes.is_empty()).count();
    assert!(with_click > 10 && with_code > 10 && both > 0, "{with_click} {with_code} {both}");
}

#[test]
fn small_demos_still_get_campaigns() {
    let few: Vec<demo::CreatorSummary> = (0..30).map(|i| demo::creator(3, i).summary()).collect();
    let c = demo::campaigns(3, &few);
    assert!(!c.collaborations.is_empty());
    assert!(c.collaborations.iter().all(|x| few.iter().any(|s| s.creator.id == x.collaboration.creator_id)));
}
