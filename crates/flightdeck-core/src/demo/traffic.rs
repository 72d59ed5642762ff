//! What the campaign posts brought: clicks on the tracking links (people, link previews
//! and bots), pixel events of consenting visitors, and shop orders with the creator's
//! discount code, the click id, both or neither; and the view-through exposures an ad
//! platform would report for the whitelisted posts, some of whose viewers later order
//! without a click or a code (drawn from a random stream of their own, so the clicks
//! and orders above do not change with them).
//!
//! Click-through and conversion follow the priors of `refdata/vetting/benchmarks.json`
//! (`performance.conversion_rate_percent` per tier); a conversion campaign with a discount
//! converts better than an awareness one.

use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use rand::Rng;

use super::campaigns::{DemoCollaboration, SPECS};
use super::rng::{hex16, lognormal, mix_tag, rng_from, weighted};
use super::{CreatorSummary, LAST_DAY};
use crate::attribution::flight::ViewExposure;
use crate::domain::{
    AgentClass, Campaign, Click, ClickId, Currency, Event, EventId, EventKind, Goal, Money, Order, OrderId, Platform,
    TrackingLink,
};
use crate::tracking::{customer_hash, daily_salt, ip_hash};

/// The demo's secrets for visitor and customer hashes (demo data only).
const IP_SECRET: &[u8] = b"flightdeck-demo-ip-secret";
const CUSTOMER_KEY: &[u8] = b"flightdeck-demo-customer-key";
/// Human clicks per post at most, to keep the demo to a few thousand clicks.
const MAX_CLICKS_PER_POST: f64 = 260.0;
/// Viewers per post who order after seeing it, at most (with no click and no code).
const MAX_VIEW_ORDERS_PER_POST: f64 = 12.0;
/// Viewers reported per post who do not order, per one who does.
const VIEWERS_PER_VIEW_ORDER: usize = 3;

fn end_of_window() -> DateTime<Utc> {
    LAST_DAY.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()).and_utc()
}

fn ctr(platform: Platform) -> f64 {
    match platform {
        Platform::Instagram | Platform::Linkedin => 0.005,
        Platform::Tiktok => 0.003,
        Platform::Youtube => 0.008,
        Platform::Twitch => 0.003,
        Platform::Podcast => 0.005,
        Platform::Blog => 0.015,
        Platform::Newsletter => 0.025,
    }
}

fn referrer(platform: Platform) -> Option<&'static str> {
    match platform {
        Platform::Instagram => Some("l.instagram.com"),
        Platform::Tiktok => Some("www.tiktok.com"),
        Platform::Youtube => Some("www.youtube.com"),
        Platform::Linkedin => Some("www.linkedin.com"),
        Platform::Twitch => Some("www.twitch.tv"),
        _ => None,
    }
}

/// Everything the traffic of one post needs.
struct Source<'a> {
    link: &'a TrackingLink,
    platform: Platform,
    country: &'static str,
    goal: Goal,
    conversion: f64,
    code: &'a str,
}

/// What the live campaign posts brought, each sorted by time.
pub(crate) struct Brought {
    /// Clicks on the tracking links.
    pub clicks: Vec<Click>,
    /// Pixel events.
    pub events: Vec<Event>,
    /// Shop orders.
    pub orders: Vec<Order>,
    /// View-through exposures.
    pub exposures: Vec<ViewExposure>,
}

/// Clicks, events, orders and exposures of all live campaign posts.
pub(crate) fn traffic(
    seed: u64,
    campaigns: &[Campaign],
    collabs: &[DemoCollaboration],
    pool: &[&CreatorSummary],
) -> Brought {
    let mut rng = rng_from(mix_tag(seed, b"traffic", 0));
    let mut t =
        Traffic { clicks: Vec::new(), events: Vec::new(), orders: Vec::new(), exposures: Vec::new(), customers: 0 };
    let all_codes: Vec<&str> = collabs.iter().map(|c| c.code.code.as_str()).collect();
    for collab in collabs {
        let campaign = campaigns.iter().find(|c| c.id == collab.collaboration.campaign_id);
        let goal = campaign.map_or(Goal::Awareness, |c| c.goal);
        let account = pool.iter().flat_map(|c| &c.creator.accounts).find(|a| a.id == collab.account_id);
        let (platform, tier, country) = account.map_or((Platform::Instagram, crate::domain::Tier::Micro, "NL"), |a| {
            (a.platform, a.tier(), if a.country == Some(crate::domain::Country::BE) { "BE" } else { "NL" })
        });
        let conversion = match tier {
            crate::domain::Tier::Mega => 0.0091,
            crate::domain::Tier::Macro => 0.0142,
            crate::domain::Tier::Micro => 0.0218,
            _ => 0.0241,
        } * if goal == Goal::Conversion { 1.6 } else { 0.6 };
        for live in &collab.posts {
            let Some(link) = collab.links.iter().find(|l| l.deliverable_id.as_ref() == Some(&live.deliverable_id))
            else {
                continue;
            };
            let source = Source { link, platform, country, goal, conversion, code: &collab.code.code };
            let post = &live.post.post;
            let seen = post.metrics.reach.or(post.metrics.views).unwrap_or(0) as f64;
            t.post_clicks(&mut rng, &source, post.published_at, seen, &all_codes);
            t.code_orders(&mut rng, &source, post.published_at, seen);
        }
    }
    let mut views = rng_from(mix_tag(seed, b"views", 0));
    for collab in collabs {
        for live in &collab.posts {
            let post = &live.post.post;
            let seen = post.metrics.reach.or(post.metrics.views).unwrap_or(0) as f64;
            let exposure = ViewExposure {
                customer: String::new(),
                at: post.published_at,
                creator_id: collab.collaboration.creator_id.clone(),
                campaign_id: collab.collaboration.campaign_id.clone(),
                deliverable_id: Some(live.deliverable_id.clone()),
            };
            t.view_orders(&mut views, &exposure, seen);
        }
    }
    t.clicks.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    t.events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    t.orders.sort_by(|a, b| a.placed_at.cmp(&b.placed_at).then_with(|| a.id.cmp(&b.id)));
    t.exposures.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.customer.cmp(&b.customer)));
    Brought { clicks: t.clicks, events: t.events, orders: t.orders, exposures: t.exposures }
}

struct Traffic {
    clicks: Vec<Click>,
    events: Vec<Event>,
    orders: Vec<Order>,
    exposures: Vec<ViewExposure>,
    customers: u64,
}

impl Traffic {
    fn post_clicks<R: Rng + ?Sized>(&mut self, rng: &mut R, s: &Source, at: DateTime<Utc>, seen: f64, codes: &[&str]) {
        let humans = (seen * ctr(s.platform) * lognormal(rng, 0.4)).min(MAX_CLICKS_PER_POST) as usize;
        let previews = (humans as f64 * rng.gen_range(0.08..0.15)) as usize;
        let bots = (humans as f64 * rng.gen_range(0.03..0.08)) as usize + 1;
        let mut last_ip = Ipv4Addr::new(84, 241, 0, 1);
        let mut last_at = at;
        for n in 0..humans + previews + bots {
            let kind = if n < humans {
                0
            } else if n < humans + previews {
                1
            } else {
                2
            };
            let repeat = kind == 0 && n > 0 && rng.gen_bool(0.1);
            let when =
                if repeat { last_at + Duration::seconds(rng.gen_range(30..1800)) } else { after(rng, at, 64_800.0) };
            if when > end_of_window() {
                continue;
            }
            let ip = if repeat { last_ip } else { Ipv4Addr::from(rng.gen::<u32>() | 0x0100_0000) };
            (last_ip, last_at) = (ip, when);
            let consent = kind == 0 && rng.gen_bool(0.72);
            let agent = match kind {
                0 => [AgentClass::Mobile, AgentClass::Desktop, AgentClass::Unknown][weighted(rng, &[78, 19, 3])],
                1 => AgentClass::Preview,
                _ => AgentClass::Bot,
            };
            let click = Click {
                id: ClickId::generate(rng),
                link_id: s.link.id.clone(),
                at: when,
                agent,
                referrer_host: if kind == 0 { referrer(s.platform).map(str::to_owned) } else { None },
                country: Some(if kind == 0 { s.country } else { ["US", "IE", "NL"][rng.gen_range(0..3)] }.to_owned()),
                consent,
                visitor_hash: Some(ip_hash(IpAddr::V4(ip), &daily_salt(IP_SECRET, when.date_naive()))),
            };
            if consent {
                self.visit_events(rng, &click);
            }
            if kind == 0 && rng.gen_bool(s.conversion.min(1.0)) {
                self.click_order(rng, s, &click, codes);
            }
            self.clicks.push(click);
        }
    }

    fn visit_events<R: Rng + ?Sized>(&mut self, rng: &mut R, click: &Click) {
        self.event(rng, EventKind::PageView, click.at + Duration::seconds(2), Some(&click.id), None);
        if rng.gen_bool(0.18) {
            let at = click.at + Duration::seconds(rng.gen_range(40..600));
            self.event(rng, EventKind::AddToCart, at, Some(&click.id), None);
        }
    }

    fn event<R: Rng + ?Sized>(
        &mut self,
        rng: &mut R,
        kind: EventKind,
        at: DateTime<Utc>,
        click: Option<&ClickId>,
        value: Option<Money>,
    ) {
        self.events.push(Event {
            id: EventId::generate(rng),
            external_id: format!("evt-{}", hex16(rng.gen())),
            kind,
            at,
            click_id: click.map(ClickId::to_string),
            consent: true,
            value,
        });
    }

    fn click_order<R: Rng + ?Sized>(&mut self, rng: &mut R, s: &Source, click: &Click, codes: &[&str]) {
        let placed = if rng.gen_bool(0.7) {
            click.at + Duration::seconds(rng.gen_range(180..3600))
        } else {
            after(rng, click.at, 86_400.0)
        };
        if placed > end_of_window() {
            return;
        }
        let code_share = if s.goal == Goal::Conversion { 0.6 } else { 0.25 };
        let code = if rng.gen_bool(0.04) && !codes.is_empty() {
            Some(codes[rng.gen_range(0..codes.len())])
        } else {
            rng.gen_bool(code_share).then_some(s.code)
        };
        let mut order = self.order(rng, placed, code);
        let (source, medium, campaign) = utm_of(&s.link.destination);
        (order.utm_source, order.utm_medium, order.utm_campaign) = (source, medium, campaign);
        if click.consent {
            order.click_id = Some(click.id.to_string());
            self.event(rng, EventKind::Purchase, placed, Some(&click.id), Some(order.total));
        }
        self.orders.push(order);
    }

    /// Orders of people who saw the post and typed the code without clicking.
    fn code_orders<R: Rng + ?Sized>(&mut self, rng: &mut R, s: &Source, at: DateTime<Utc>, seen: f64) {
        let rate = if s.goal == Goal::Conversion { 0.0007 } else { 0.0001 };
        let n = (seen * rate * lognormal(rng, 0.5)).min(60.0) as usize;
        for _ in 0..n {
            let placed = after(rng, at, 2.0 * 86_400.0);
            if placed <= end_of_window() {
                let order = self.order(rng, placed, Some(s.code));
                self.orders.push(order);
            }
        }
    }

    /// Viewers of a whitelisted post as the ad platform reports them (`post` is the
    /// exposure with its time the post's publication): some order within hours, with
    /// no click and no code (view-through conversions), the others do not.
    fn view_orders<R: Rng + ?Sized>(&mut self, rng: &mut R, post: &ViewExposure, seen: f64) {
        let n = (seen * 0.0002 * lognormal(rng, 0.5)).min(MAX_VIEW_ORDERS_PER_POST) as usize;
        for k in 0..n * (1 + VIEWERS_PER_VIEW_ORDER) {
            let at = after(rng, post.at, 8.0 * 3_600.0);
            let placed = at + Duration::seconds(rng.gen_range(600..72_000));
            if placed > end_of_window() {
                continue;
            }
            let customer = if k < n {
                let order = self.order(rng, placed, None);
                let customer = order.customer_hash.clone();
                self.orders.push(order);
                customer
            } else {
                customer_hash(&format!("kijker{}@example.nl", hex16(rng.gen())), CUSTOMER_KEY)
            };
            if let Some(customer) = customer {
                self.exposures.push(ViewExposure { customer, at, ..post.clone() });
            }
        }
    }

    fn order<R: Rng + ?Sized>(&mut self, rng: &mut R, placed: DateTime<Utc>, code: Option<&str>) -> Order {
        let basket = (46.0 * lognormal(rng, 0.45)).max(12.0).floor() as i64 * 100 + 95;
        let off = if code.is_some() {
            SPECS.iter().find(|s| code.is_some_and(|c| c.starts_with(s.code_prefix))).map_or(10, |s| s.percent_off)
        } else {
            0
        };
        let goods = basket - basket * i64::from(off) / 100;
        let total = goods + if goods < 3_500 { 495 } else { 0 };
        let refunded = match rng.gen_range(0..100) {
            0..=3 => total,
            4..=6 => total * 3 / 10,
            _ => 0,
        };
        let customer = if self.customers > 0 && rng.gen_bool(0.08) {
            rng.gen_range(0..self.customers)
        } else {
            self.customers += 1;
            self.customers
        };
        Order {
            id: OrderId::generate(rng),
            shop_platform: "shopify".to_owned(),
            external_id: (5_871_000_000_000_u64 + self.orders.len() as u64 * 10_000 + rng.gen_range(0..10_000))
                .to_string(),
            placed_at: placed,
            total: Money::new(total, Currency::EUR),
            refunded: Money::new(refunded, Currency::EUR),
            codes: code.map(|c| vec![c.to_owned()]).unwrap_or_default(),
            utm_source: None,
            utm_medium: None,
            utm_campaign: None,
            click_id: None,
            customer_hash: customer_hash(&format!("klant{customer}@example.nl"), CUSTOMER_KEY),
        }
    }
}

/// A moment after `at`: exponential with mean `mean_secs`, at most 14 days later.
fn after<R: Rng + ?Sized>(rng: &mut R, at: DateTime<Utc>, mean_secs: f64) -> DateTime<Utc> {
    let u: f64 = rng.gen_range(f64::EPSILON..1.0);
    at + Duration::seconds((-u.ln() * mean_secs).min(14.0 * 86_400.0) as i64 + 5)
}

/// `utm_source`, `utm_medium` and `utm_campaign` of a destination URL.
fn utm_of(destination: &str) -> (Option<String>, Option<String>, Option<String>) {
    let query = destination.split_once('?').map_or("", |(_, q)| q);
    let get = |key: &str| {
        query.split('&').find_map(|p| p.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v.to_owned()))
    };
    (get("utm_source"), get("utm_medium"), get("utm_campaign"))
}
