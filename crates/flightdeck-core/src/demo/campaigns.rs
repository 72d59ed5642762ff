//! The commercial side of the demo: two campaigns of the brand with their flights,
//! collaborations, briefs, contracts, deliverables, go-live posts, tracking links,
//! discount codes, clicks, pixel events and shop orders.
//!
//! Only creators with an index below [`CAMPAIGN_POOL`] take part, so the campaigns are
//! the same for `--creators 2000` and `--creators 100000` (same seed), and the caller
//! needs to keep summaries of those creators only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::brand::SHOP_HOST;
use super::rng::{mix_tag, rng_from};
use super::{deliver, selection, traffic, CreatorSummary, DemoPost};
use crate::domain::{
    AccountId, Brief, Campaign, CampaignId, Click, Collaboration, Contract, Currency, Deliverable, DeliverableId,
    DiscountCode, Event, Flight, FlightId, Goal, KpiTarget, Money, Name, Order, TrackingLink,
};

/// Creators with an index below this may be picked for the campaigns.
pub const CAMPAIGN_POOL: u64 = 2_000;

/// The campaigns and everything that hangs off them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoCampaigns {
    /// The two campaigns: awareness (Zomerglow) and conversion (Herfstdeal).
    pub campaigns: Vec<Campaign>,
    /// Two flights per campaign.
    pub flights: Vec<Flight>,
    /// One entry per creator per campaign.
    pub collaborations: Vec<DemoCollaboration>,
    /// Clicks on the tracking links, oldest first (previews and bots included, as stored).
    pub clicks: Vec<Click>,
    /// Pixel events of consenting visitors (page views, add-to-carts, purchases).
    pub events: Vec<Event>,
    /// Shop orders, oldest first: with the creator's discount code, a click id, both or neither.
    pub orders: Vec<Order>,
    /// View-through exposures of the posts (as an ad platform's report would give
    /// them), oldest first; some of their viewers order without a click or a code.
    pub exposures: Vec<crate::attribution::flight::ViewExposure>,
}

/// One creator's collaboration in one campaign, with its documents and results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoCollaboration {
    /// The collaboration.
    pub collaboration: Collaboration,
    /// The flight the collaboration runs in.
    pub flight_id: FlightId,
    /// The account the deliverables are published on.
    pub account_id: AccountId,
    /// The brief.
    pub brief: Brief,
    /// The contract.
    pub contract: Contract,
    /// The deliverables, by due date.
    pub deliverables: Vec<Deliverable>,
    /// The posts of the deliverables that went live.
    pub posts: Vec<LivePost>,
    /// One tracking link per deliverable.
    pub links: Vec<TrackingLink>,
    /// The creator's discount code for this campaign.
    pub code: DiscountCode,
}

/// A deliverable that went live, and the post it became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LivePost {
    /// The deliverable.
    pub deliverable_id: DeliverableId,
    /// The published post (its sponsorship says how it was disclosed).
    pub post: DemoPost,
}

/// A flight's name, first day and last day as (month, day) in the campaign year.
pub(crate) type FlightSpec = (&'static str, (u32, u32), (u32, u32));

/// The fixed facts of one demo campaign.
pub(crate) struct CampaignSpec {
    pub name: &'static str,
    pub slug: &'static str,
    pub goal: Goal,
    pub budget_eur: i64,
    pub kpis: &'static [(&'static str, f64)],
    pub landing_path: &'static str,
    pub code_prefix: &'static str,
    pub percent_off: u8,
    pub flights: [FlightSpec; 2],
    /// The product the posts are about, per language (nl, fr, en).
    pub product: [&'static str; 3],
}

/// The two campaigns. KPI targets: money in cents, `er` and `ctr` in percent.
pub(crate) const SPECS: [CampaignSpec; 2] = [
    CampaignSpec {
        name: "Duinhart Zomerglow 2026",
        slug: "zomerglow-2026",
        goal: Goal::Awareness,
        budget_eur: 36_000,
        kpis: &[("reach", 1_200_000.0), ("cpm", 1_500.0), ("er", 2.0)],
        landing_path: "/zomerglow",
        code_prefix: "GLOW",
        percent_off: 10,
        flights: [("Flight 1 – lancering", (6, 1), (6, 28)), ("Flight 2 – opschalen", (7, 6), (8, 16))],
        product: ["de Zomerglow-bodylotion", "la lotion Zomerglow", "the Zomerglow body lotion"],
    },
    CampaignSpec {
        name: "Duinhart Herfstdeal",
        slug: "herfstdeal-2026",
        goal: Goal::Conversion,
        budget_eur: 24_000,
        kpis: &[("cpa", 1_500.0), ("roas", 3.0), ("orders", 250.0)],
        landing_path: "/herfstdeal",
        code_prefix: "HERFST",
        percent_off: 15,
        flights: [("Flight 1 – test", (9, 1), (9, 27)), ("Flight 2 – opschalen", (10, 5), (10, 31))],
        product: ["de Duinhart-handcrème", "la crème mains Duinhart", "the Duinhart hand cream"],
    },
];

pub(crate) fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap_or(super::LAST_DAY)
}

pub(crate) fn eur(euros: i64) -> Money {
    Money::new(euros * 100, Currency::EUR)
}

/// The landing page of a campaign on the brand's shop.
pub(crate) fn landing(spec: &CampaignSpec) -> String {
    format!("https://{SHOP_HOST}{}", spec.landing_path)
}

/// Builds the campaigns over `creators` (summaries of the creators the caller generated;
/// only those with an index below [`CAMPAIGN_POOL`] are used, in index order, so the
/// order of the slice does not matter).
pub fn campaigns(seed: u64, creators: &[CreatorSummary]) -> DemoCampaigns {
    let mut rng = rng_from(mix_tag(seed, b"campaigns", 0));
    let brand = super::brand(seed);
    let mut pool: Vec<&CreatorSummary> = creators.iter().filter(|c| c.index < CAMPAIGN_POOL).collect();
    pool.sort_by_key(|c| c.index);
    pool.dedup_by_key(|c| c.index);
    let mut out = DemoCampaigns {
        campaigns: Vec::new(),
        flights: Vec::new(),
        collaborations: Vec::new(),
        clicks: Vec::new(),
        events: Vec::new(),
        orders: Vec::new(),
        exposures: Vec::new(),
    };
    for (n, spec) in SPECS.iter().enumerate() {
        let campaign = campaign(&mut rng, spec);
        let flights: Vec<Flight> = spec
            .flights
            .iter()
            .enumerate()
            .map(|(k, (name, from, to))| Flight {
                id: FlightId::generate(&mut rng),
                campaign_id: campaign.id.clone(),
                name: Name::parse(name).unwrap_or_else(|_| campaign.name.clone()),
                starts_on: date(from.0, from.1),
                ends_on: date(to.0, to.1),
                budget: eur(spec.budget_eur * if k == 0 { 4 } else { 6 } / 10),
            })
            .collect();
        let picks = selection::pick(seed, n as u64, spec.goal, &pool);
        let collabs = deliver::collaborations(&mut rng, spec, &campaign, &flights, &picks, &brand);
        out.campaigns.push(campaign);
        out.flights.extend(flights);
        out.collaborations.extend(collabs);
    }
    let brought = traffic::traffic(seed, &out.campaigns, &out.collaborations, &pool);
    out.clicks = brought.clicks;
    out.events = brought.events;
    out.orders = brought.orders;
    out.exposures = brought.exposures;
    out
}

fn campaign<R: rand::Rng + ?Sized>(rng: &mut R, spec: &CampaignSpec) -> Campaign {
    Campaign {
        id: CampaignId::generate(rng),
        name: Name::parse(spec.name).unwrap_or_else(|_| fallback_name()),
        slug: spec.slug.to_owned(),
        goal: spec.goal,
        budget: eur(spec.budget_eur),
        kpis: spec.kpis.iter().map(|(kpi, target)| KpiTarget { kpi: (*kpi).to_owned(), target: *target }).collect(),
        landing_url: Some(landing(spec)),
    }
}

fn fallback_name() -> Name {
    Name::parse("Demo campaign").unwrap_or_else(|_| fallback_name())
}
