//! From stored clicks, codes and orders to touch events and conversions, keyed by
//! channel and by *slot* (the link, code or post a touch came through), with the rule
//! that decides whether a touch belongs to the flight.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{FlightInput, ViewExposure};
use crate::attribution::journey::{Channel, ChannelKey, Conversion, TouchEvent, TouchKind};
use crate::domain::{CreatorId, Deliverable, Flight};
use crate::tracking::normalize_code;

/// No slot: a touch of a non-creator channel.
pub(super) const NO_SLOT: u32 = u32::MAX;

/// A touch's key: its channel (index into [`Tables::channels`]) and its slot (index
/// into [`Tables::slots`], or [`NO_SLOT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Key {
    pub channel: u32,
    pub slot: u32,
}

impl ChannelKey for Key {
    fn direct() -> Self {
        Key { channel: DIRECT, slot: NO_SLOT }
    }
}

/// A channel index alone (the creator-level runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Chan(pub u32);

impl ChannelKey for Chan {
    fn direct() -> Self {
        Chan(DIRECT)
    }
}

pub(super) const DIRECT: u32 = 0;
const ORGANIC: u32 = 1;
const PAID: u32 = 2;

/// What a slot is.
#[derive(Debug, Clone)]
pub(super) enum SlotKind<'a> {
    /// A tracking link, with its deliverable when it has one.
    Link { link: &'a str, deliverable: Option<&'a Deliverable> },
    /// A discount code.
    Code { code: &'a str },
    /// View-through exposures of a creator's post (or of the creator, with no post).
    View { deliverable: Option<&'a Deliverable> },
}

/// A link, code or exposure source of one creator.
#[derive(Debug, Clone)]
pub(super) struct Slot<'a> {
    pub kind: SlotKind<'a>,
    pub creator: &'a CreatorId,
    pub channel: u32,
    /// Whether the slot belongs to the flight's campaign.
    pub campaign: bool,
}

/// The channels and slots seen, and the touches and conversions built from the input.
#[derive(Debug)]
pub(super) struct Tables<'a> {
    pub channels: Vec<Channel>,
    pub slots: Vec<Slot<'a>>,
    pub touches: Vec<TouchEvent<u32, Key>>,
    pub conversions: Vec<Conversion<u32, Key>>,
    pub counts: InputCounts,
    creator_channel: HashMap<&'a CreatorId, u32>,
}

/// What was read and what was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputCounts {
    /// Clicks used as touches (people who consented).
    pub clicks_used: u64,
    /// Clicks of bots and link-preview crawlers, left out.
    pub clicks_bots: u64,
    /// Clicks without consent: no click id may be joined, left out.
    pub clicks_without_consent: u64,
    /// Orders used as conversions.
    pub orders_used: u64,
    /// Orders in another currency than the flight's budget, left out.
    pub orders_other_currency: u64,
    /// Orders that landed from a campaign link (its `utm_campaign`) without a click id
    /// Flightdeck could join: the creator is unknown, only a code can credit them.
    pub orders_unjoined_campaign_landing: u64,
    /// Discount codes on orders that are no code of the workspace (or have no creator).
    pub unknown_codes: u64,
    /// View-through exposures used.
    pub view_exposures: u64,
}

impl<'a> Tables<'a> {
    fn channel_of(&mut self, creator: &'a CreatorId) -> u32 {
        if let Some(&c) = self.creator_channel.get(creator) {
            return c;
        }
        let c = self.channels.len() as u32;
        self.channels.push(Channel::Creator(creator.clone()));
        self.creator_channel.insert(creator, c);
        c
    }

    fn slot(&mut self, kind: SlotKind<'a>, creator: &'a CreatorId, campaign: bool) -> u32 {
        let channel = self.channel_of(creator);
        self.slots.push(Slot { kind, creator, channel, campaign });
        (self.slots.len() - 1) as u32
    }
}

/// The days of a flight, and whether a touch of a slot at a time belongs to it.
#[derive(Debug, Clone, Copy)]
pub(super) struct FlightDays {
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    click_window: TimeDelta,
}

impl FlightDays {
    pub(super) fn new(flight: &Flight, click_window: TimeDelta) -> Self {
        Self { starts_on: flight.starts_on, ends_on: flight.ends_on, click_window }
    }

    fn within(&self, day: NaiveDate) -> bool {
        day >= self.starts_on && day <= self.ends_on
    }

    /// A link with a deliverable belongs to the flight when the deliverable is due in
    /// it; without one, each click counts on the day it happened. A code counts for
    /// orders from the first day to the click window after the last day.
    pub(super) fn in_flight(&self, slot: &Slot<'_>, at: DateTime<Utc>) -> bool {
        if !slot.campaign {
            return false;
        }
        match &slot.kind {
            SlotKind::Link { deliverable: Some(d), .. } | SlotKind::View { deliverable: Some(d) } => {
                self.within(d.due_on)
            }
            SlotKind::Link { deliverable: None, .. } | SlotKind::View { deliverable: None } => {
                self.within(at.date_naive())
            }
            SlotKind::Code { .. } => {
                let day = at.date_naive();
                let last = self.ends_on.checked_add_signed(self.click_window).unwrap_or(self.ends_on);
                day >= self.starts_on && day <= last
            }
        }
    }
}

/// Builds the tables: one slot per link and per code with a creator, touches from
/// consenting human clicks, UTM visits and exposures, conversions from orders in the
/// flight's currency.
pub(super) fn tables<'a>(input: &FlightInput<'a>) -> Tables<'a> {
    let mut t = Tables {
        channels: vec![Channel::Direct, Channel::Organic, Channel::Paid],
        slots: Vec::new(),
        touches: Vec::with_capacity(input.clicks.len()),
        conversions: Vec::with_capacity(input.orders.len()),
        counts: InputCounts::default(),
        creator_channel: HashMap::new(),
    };
    let campaign = &input.flight.campaign_id;
    let deliverables: HashMap<&str, &Deliverable> = input.deliverables.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut link_slot: HashMap<&str, u32> = HashMap::with_capacity(input.links.len());
    let mut post_slot: HashMap<&str, u32> = HashMap::new();
    for link in input.links {
        let deliverable = link.deliverable_id.as_ref().and_then(|d| deliverables.get(d.as_str()).copied());
        let kind = SlotKind::Link { link: link.id.as_str(), deliverable };
        let slot = t.slot(kind, &link.creator_id, &link.campaign_id == campaign);
        link_slot.insert(link.id.as_str(), slot);
        if let Some(d) = &link.deliverable_id {
            post_slot.entry(d.as_str()).or_insert(slot);
        }
    }
    let mut code_slot: HashMap<String, u32> = HashMap::with_capacity(input.codes.len());
    for code in input.codes {
        if let Some(creator) = &code.creator_id {
            let slot = t.slot(SlotKind::Code { code: code.code.as_str() }, creator, &code.campaign_id == campaign);
            code_slot.insert(normalize_code(&code.code), slot);
        }
    }
    let slugs: Vec<&str> = input.campaigns.iter().map(|c| c.slug.as_str()).collect();
    let mut customers = Customers::default();
    // Orders name the click that brought them; that click joins the order's customer.
    let mut click_customer: HashMap<&str, u32> = HashMap::new();
    for order in input.orders {
        if let Some(click) = order.click_id.as_deref() {
            let key = customers.of_order(order);
            click_customer.insert(click, key);
        }
    }
    let mut usable_click: HashMap<&str, ()> = HashMap::with_capacity(input.clicks.len());
    for click in input.clicks {
        if !click.agent.is_human() {
            t.counts.clicks_bots += 1;
            continue;
        }
        if !click.consent {
            t.counts.clicks_without_consent += 1;
            continue;
        }
        let Some(&slot) = link_slot.get(click.link_id.as_str()) else { continue };
        let customer =
            click_customer.get(click.id.as_str()).copied().unwrap_or_else(|| customers.key(click.id.as_str()));
        let channel = t.slots[slot as usize].channel;
        t.touches.push(TouchEvent { customer, at: click.at, channel: Key { channel, slot }, kind: TouchKind::Click });
        usable_click.insert(click.id.as_str(), ());
        t.counts.clicks_used += 1;
    }
    views(&mut t, input, &post_slot, &click_customer, &mut customers);
    let currency = input.flight.budget.currency;
    for order in input.orders {
        if order.total.currency != currency {
            t.counts.orders_other_currency += 1;
            continue;
        }
        let customer = customers.of_order(order);
        let joined = order.click_id.as_deref().is_some_and(|c| usable_click.contains_key(c));
        if !joined {
            let landing = order.utm_campaign.as_deref().is_some_and(|c| slugs.contains(&c));
            let channel = match Channel::from_utm(order.utm_source.as_deref(), order.utm_medium.as_deref()) {
                _ if landing => None,
                Channel::Organic => Some(ORGANIC),
                Channel::Paid => Some(PAID),
                // Typing a creator's code is what brought a code order, not "direct".
                _ if !order.codes.is_empty() => None,
                _ => Some(DIRECT),
            };
            if landing {
                t.counts.orders_unjoined_campaign_landing += 1;
            }
            if let Some(channel) = channel {
                let key = Key { channel, slot: NO_SLOT };
                t.touches.push(TouchEvent { customer, at: order.placed_at, channel: key, kind: TouchKind::Visit });
            }
        }
        let mut code_creators = Vec::new();
        for code in &order.codes {
            match code_slot.get(&normalize_code(code)) {
                Some(&slot) => code_creators.push(Key { channel: t.slots[slot as usize].channel, slot }),
                None => t.counts.unknown_codes += 1,
            }
        }
        let value_minor = (order.total.minor - order.refunded.minor).max(0);
        let id = order.id.to_string();
        t.conversions.push(Conversion { id, customer, at: order.placed_at, value_minor, code_creators });
        t.counts.orders_used += 1;
    }
    t
}

/// The exposures as view touches; one keyed by a click id that an order carries joins
/// that order's customer, as the click itself does.
fn views<'a>(
    t: &mut Tables<'a>,
    input: &FlightInput<'a>,
    post_slot: &HashMap<&str, u32>,
    click_customer: &HashMap<&str, u32>,
    customers: &mut Customers,
) {
    let exposures: &'a [ViewExposure] = input.exposures;
    let mut creator_view_slot: HashMap<&CreatorId, u32> = HashMap::new();
    let mut deliverable_view_slot: HashMap<u32, u32> = HashMap::new();
    for e in exposures {
        let link = e.deliverable_id.as_ref().and_then(|d| post_slot.get(d.as_str()).copied());
        let slot = match link {
            Some(link) => match deliverable_view_slot.get(&link) {
                Some(&s) => s,
                None => {
                    let Slot { kind, creator, campaign, .. } = t.slots[link as usize].clone();
                    let deliverable = match kind {
                        SlotKind::Link { deliverable, .. } => deliverable,
                        _ => None,
                    };
                    let s = t.slot(SlotKind::View { deliverable }, creator, campaign);
                    deliverable_view_slot.insert(link, s);
                    s
                }
            },
            None => match creator_view_slot.get(&e.creator_id) {
                Some(&s) => s,
                None => {
                    let campaign = e.campaign_id == input.flight.campaign_id;
                    let s = t.slot(SlotKind::View { deliverable: None }, &e.creator_id, campaign);
                    creator_view_slot.insert(&e.creator_id, s);
                    s
                }
            },
        };
        let channel = t.slots[slot as usize].channel;
        let customer = match click_customer.get(e.customer.as_str()) {
            Some(&joined) => joined,
            None => customers.exposure(&e.customer),
        };
        t.touches.push(TouchEvent { customer, at: e.at, channel: Key { channel, slot }, kind: TouchKind::View });
        t.counts.view_exposures += 1;
    }
}

/// Customer keys interned to small integers.
#[derive(Debug, Default)]
struct Customers {
    index: HashMap<String, u32>,
}

impl Customers {
    fn key(&mut self, raw: &str) -> u32 {
        if let Some(&k) = self.index.get(raw) {
            return k;
        }
        let k = self.index.len() as u32;
        self.index.insert(raw.to_owned(), k);
        k
    }

    /// An exposure's customer: a click id (`ck_…`) as such, anything else as a customer hash.
    fn exposure(&mut self, raw: &str) -> u32 {
        if raw.starts_with("ck_") {
            self.key(raw)
        } else {
            self.key(&format!("c:{raw}"))
        }
    }

    /// An order's customer: its customer hash, else the click id it carries, else the
    /// order itself (a customer of one order).
    fn of_order(&mut self, order: &crate::domain::Order) -> u32 {
        match (&order.customer_hash, &order.click_id) {
            (Some(hash), _) => self.key(&format!("c:{hash}")),
            (None, Some(click)) => self.key(click),
            (None, None) => self.key(&format!("o:{}", order.id)),
        }
    }
}
