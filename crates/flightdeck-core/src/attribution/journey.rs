//! Journeys: per customer, the ordered touches before each conversion, within lookback
//! windows, with discount codes as deterministic touches.
//!
//! The customer key is whatever the caller can join on: a consented click id, or the
//! keyed hash of a customer's e-mail address. Resolving codes to creators and UTMs to
//! channels is the caller's job (see [`Channel::from_utm`]); this module only orders and
//! windows plain data.
//!
//! The types are generic over the customer key `K` (a `String` by default; an interned
//! `u64` for large batches) and the channel `C` ([`Channel`] by default; any small
//! interned type that implements [`ChannelKey`]).

use std::hash::Hash;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::CreatorId;

/// Who a touch is credited to: a creator, or a channel that is not a creator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A creator (their links, codes and posts).
    Creator(CreatorId),
    /// A visit with no campaign parameters.
    Direct,
    /// Unpaid search, social, referral or e-mail traffic.
    Organic,
    /// Paid search, paid social or display ads.
    Paid,
}

/// What the journey builder and the models need of a channel type.
pub trait ChannelKey: Clone + Eq + Hash + std::fmt::Debug {
    /// The channel of a visit with no campaign parameters (credited when a conversion
    /// has no touch at all; skipped by last-non-direct).
    fn direct() -> Self;
}

impl ChannelKey for Channel {
    fn direct() -> Self {
        Channel::Direct
    }
}

impl Channel {
    /// The channel of a landing page from its `utm_source` and `utm_medium`: no source is
    /// direct; a paid medium (`cpc`, `ppc`, `paid`, `paid_social`, `paidsocial`, `display`,
    /// `cpm`, `banner`, `ads`) is paid; anything else is organic.
    pub fn from_utm(source: Option<&str>, medium: Option<&str>) -> Channel {
        let source = source.map(str::trim).filter(|s| !s.is_empty());
        let medium = medium.map(|m| m.trim().to_ascii_lowercase()).unwrap_or_default();
        const PAID: [&str; 9] = ["cpc", "ppc", "paid", "paid_social", "paidsocial", "display", "cpm", "banner", "ads"];
        if PAID.contains(&medium.as_str()) {
            Channel::Paid
        } else if source.is_none() && medium.is_empty() {
            Channel::Direct
        } else {
            Channel::Organic
        }
    }

    /// A stable label: `creator:cr_…`, `direct`, `organic` or `paid`.
    pub fn label(&self) -> String {
        match self {
            Channel::Creator(id) => format!("creator:{id}"),
            Channel::Direct => "direct".into(),
            Channel::Organic => "organic".into(),
            Channel::Paid => "paid".into(),
        }
    }
}

/// How a customer met a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TouchKind {
    /// A click on a creator's tracking link.
    Click,
    /// A view-through exposure (a post seen, no click).
    View,
    /// A discount code on the order (made by the journey builder).
    Code,
    /// A landing from a non-creator channel (direct, organic, paid by UTMs).
    Visit,
}

/// One touch event as the caller knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TouchEvent<K = String, C = Channel> {
    /// The customer key (consented click id or customer hash).
    pub customer: K,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// The channel touched.
    pub channel: C,
    /// Click, view or visit (codes come from [`Conversion::code_creators`]).
    pub kind: TouchKind,
}

/// One conversion (an order) as the caller knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversion<K = String, C = Channel> {
    /// The order's id, kept for reports.
    pub id: String,
    /// The customer key.
    pub customer: K,
    /// When the order was placed (UTC).
    pub at: DateTime<Utc>,
    /// Net value in minor units (cents).
    pub value_minor: i64,
    /// The channels (creators) whose discount codes are on the order, in the order's order.
    pub code_creators: Vec<C>,
}

/// What happens when an order's discount code and the last link click disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodePolicy {
    /// The code is the last touch (at the order's time); clicks stay as earlier touches.
    #[default]
    CodeWins,
    /// The code touch is placed just before the last click, so the click stays last.
    LinkWins,
    /// An order with a code is credited to the code alone; other touches are dropped.
    CodeOnly,
}

/// Lookback windows and the code policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JourneyConfig {
    /// How long a click or a visit counts before a conversion (7 or 28 days usually).
    pub click_window: TimeDelta,
    /// How long a view-through exposure counts (1 day usually).
    pub view_window: TimeDelta,
    /// The code-versus-link policy.
    pub code_policy: CodePolicy,
}

impl Default for JourneyConfig {
    fn default() -> Self {
        Self { click_window: TimeDelta::days(7), view_window: TimeDelta::days(1), code_policy: CodePolicy::CodeWins }
    }
}

/// One touch in a journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyTouch<C = Channel> {
    /// The channel.
    pub channel: C,
    /// How.
    pub kind: TouchKind,
    /// When (codes: the order's time).
    pub at: DateTime<Utc>,
}

/// The conversion that ends a journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyConversion {
    /// The order's id.
    pub id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Net value in minor units.
    pub value_minor: i64,
}

/// The ordered touches of one customer before one conversion, or after their last
/// conversion (a journey that has not converted: `conversion` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journey<K = String, C = Channel> {
    /// The customer key.
    pub customer: K,
    /// The conversion, if the journey converted.
    pub conversion: Option<JourneyConversion>,
    /// The touches, oldest first; never empty.
    pub touches: Vec<JourneyTouch<C>>,
}

/// Builds every journey: for each conversion, the customer's touches after their
/// previous conversion and within the windows (clicks and visits: `click_window`,
/// views: `view_window`, measured back from the conversion), plus the code touches
/// placed by the policy; a conversion with no touch at all is [`ChannelKey::direct`].
/// Touches after a customer's last conversion make one non-converting journey (windows
/// measured back from its last touch). Journeys come out by customer, then time.
pub fn build_journeys<K: Ord + Clone, C: ChannelKey>(
    touches: &[TouchEvent<K, C>],
    conversions: &[Conversion<K, C>],
    config: &JourneyConfig,
) -> Vec<Journey<K, C>> {
    let mut touch_order: Vec<&TouchEvent<K, C>> = touches.iter().collect();
    touch_order.sort_by(|a, b| a.customer.cmp(&b.customer).then(a.at.cmp(&b.at)));
    let mut conversion_order: Vec<&Conversion<K, C>> = conversions.iter().collect();
    conversion_order.sort_by(|a, b| a.customer.cmp(&b.customer).then(a.at.cmp(&b.at)).then_with(|| a.id.cmp(&b.id)));
    let mut journeys = Vec::with_capacity(conversions.len());
    let (mut t, mut c) = (0, 0);
    while t < touch_order.len() || c < conversion_order.len() {
        let customer = match (touch_order.get(t), conversion_order.get(c)) {
            (Some(a), Some(b)) => (&a.customer).min(&b.customer),
            (Some(a), None) => &a.customer,
            (None, Some(b)) => &b.customer,
            (None, None) => break,
        };
        let t_end = t + touch_order[t..].iter().take_while(|x| &x.customer == customer).count();
        let c_end = c + conversion_order[c..].iter().take_while(|x| &x.customer == customer).count();
        customer_journeys(customer, &touch_order[t..t_end], &conversion_order[c..c_end], config, &mut journeys);
        (t, c) = (t_end, c_end);
    }
    journeys
}

fn customer_journeys<K: Clone, C: ChannelKey>(
    customer: &K,
    touches: &[&TouchEvent<K, C>],
    conversions: &[&Conversion<K, C>],
    config: &JourneyConfig,
    out: &mut Vec<Journey<K, C>>,
) {
    let mut next = 0;
    for conversion in conversions {
        let start = next;
        while next < touches.len() && touches[next].at <= conversion.at {
            next += 1;
        }
        let window = windowed(&touches[start..next], conversion.at, config);
        let touches = place_codes(window, conversion, config.code_policy);
        let conversion =
            JourneyConversion { id: conversion.id.clone(), at: conversion.at, value_minor: conversion.value_minor };
        out.push(Journey { customer: customer.clone(), conversion: Some(conversion), touches });
    }
    if let Some(last) = touches[next..].last() {
        let rest = windowed(&touches[next..], last.at, config);
        out.push(Journey { customer: customer.clone(), conversion: None, touches: rest });
    }
}

fn windowed<K, C: Clone>(
    touches: &[&TouchEvent<K, C>],
    end: DateTime<Utc>,
    config: &JourneyConfig,
) -> Vec<JourneyTouch<C>> {
    touches
        .iter()
        .filter(|t| {
            let window = if t.kind == TouchKind::View { config.view_window } else { config.click_window };
            end - t.at <= window
        })
        .map(|t| JourneyTouch { channel: t.channel.clone(), kind: t.kind, at: t.at })
        .collect()
}

fn place_codes<K, C: ChannelKey>(
    mut touches: Vec<JourneyTouch<C>>,
    conversion: &Conversion<K, C>,
    policy: CodePolicy,
) -> Vec<JourneyTouch<C>> {
    let mut codes: Vec<JourneyTouch<C>> = Vec::new();
    for channel in &conversion.code_creators {
        if !codes.iter().any(|c| &c.channel == channel) {
            codes.push(JourneyTouch { channel: channel.clone(), kind: TouchKind::Code, at: conversion.at });
        }
    }
    if codes.is_empty() {
        if touches.is_empty() {
            touches.push(JourneyTouch { channel: C::direct(), kind: TouchKind::Visit, at: conversion.at });
        }
        return touches;
    }
    match policy {
        CodePolicy::CodeOnly => codes,
        CodePolicy::CodeWins => {
            touches.extend(codes);
            touches
        }
        CodePolicy::LinkWins => {
            let at = touches.iter().rposition(|t| t.kind == TouchKind::Click).unwrap_or(touches.len());
            touches.splice(at..at, codes);
            touches
        }
    }
}
