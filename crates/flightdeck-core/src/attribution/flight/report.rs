//! The results of workspace mode: credits per channel, post and format, and the
//! counted conversions, from the flight's journeys.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::settings::{FlightModel, FlightSettings};
use super::touches::{Chan, Key, Slot, SlotKind, Tables, NO_SLOT};
use super::FlightInput;
use crate::attribution::journey::{Channel, Journey, JourneyTouch};
use crate::attribution::rules::{credit_journeys, JourneyModel};
use crate::attribution::summary::conversion_summary;
use crate::attribution::AttributionError;
use crate::domain::{CreatorId, Platform};

/// Who a row is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelInfo {
    /// The channel's label: `creator:cr_…`, `direct`, `organic` or `paid`.
    pub channel: String,
    /// `creator`, `direct`, `organic` or `paid`.
    pub kind: String,
    /// The creator, for a creator channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<CreatorId>,
    /// The creator's name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One channel's credit under one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    /// The channel.
    #[serde(flatten)]
    pub info: ChannelInfo,
    /// Conversions credited.
    pub conversions: f64,
    /// Net value credited, in minor units.
    pub value_minor: f64,
}

/// One post's (or link's, or code's) credit under one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostCredit {
    /// `post` (a deliverable), `link` (a link with no deliverable), `code` (a
    /// discount code, which belongs to no post) or `views` (exposures with no post).
    pub kind: String,
    /// The deliverable, for a post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// The tracking link, for a link without a deliverable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The discount code, for a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The creator.
    pub creator: CreatorId,
    /// The creator's name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The post's format (`reel`, `story`, …), or `link`, `code`, `views`.
    pub format: String,
    /// The platform of the account the post is on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Where the post went live, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_url: Option<String>,
    /// Whether it is the flight's own (false: another flight or campaign in the same journeys).
    pub in_flight: bool,
    /// Conversions credited.
    pub conversions: f64,
    /// Net value credited, in minor units.
    pub value_minor: f64,
}

/// One format's credit under one model (the sum of its posts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormatCredit {
    /// The format, or `link`, `code`, `views`.
    pub format: String,
    /// Conversions credited.
    pub conversions: f64,
    /// Net value credited, in minor units.
    pub value_minor: f64,
}

/// One model's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelResult {
    /// The model.
    pub model: FlightModel,
    /// Always false: every model is solved exactly, nothing is simulated.
    pub approximate: bool,
    /// Per channel: every creator, and direct, organic and paid.
    pub channels: Vec<Credit>,
    /// Per post, link without post, and code (creators only).
    pub posts: Vec<PostCredit>,
    /// Per format (creators only).
    pub formats: Vec<FormatCredit>,
}

/// Click, code, view-through and assisted conversions of one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversionCounts {
    /// The channel.
    #[serde(flatten)]
    pub info: ChannelInfo,
    /// Orders whose decisive touch was this channel's click (or visit).
    pub click_conversions: u64,
    /// Their net value in minor units.
    pub click_value_minor: i64,
    /// Orders whose decisive touch was this creator's discount code.
    pub code_conversions: u64,
    /// Their net value in minor units.
    pub code_value_minor: i64,
    /// Orders with no click, code or visit whose last view was this creator's.
    pub view_through_conversions: u64,
    /// Their net value in minor units.
    pub view_through_value_minor: i64,
    /// Orders this channel was in the journey of without being decisive.
    pub assisted_conversions: u64,
    /// Their net value in minor units.
    pub assisted_value_minor: i64,
}

/// A post row's identity: what several slots (a link and the views of the same post)
/// are summed into.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum PostKey {
    Post(String),
    Link(String),
    Code(String),
    Views(String),
}

/// The journeys of a flight and what is needed to name what they credit.
pub(super) struct Report<'a, 't> {
    input: &'t FlightInput<'a>,
    tables: &'t Tables<'a>,
    scoped: &'t [Journey<u32, Key>],
    channel_level: Vec<Journey<u32, Chan>>,
    names: HashMap<&'a CreatorId, &'a str>,
    platforms: HashMap<&'a str, Platform>,
}

impl<'a, 't> Report<'a, 't> {
    pub(super) fn new(input: &'t FlightInput<'a>, tables: &'t Tables<'a>, scoped: &'t [Journey<u32, Key>]) -> Self {
        let channel_level = scoped
            .iter()
            .map(|j| Journey {
                customer: j.customer,
                conversion: j.conversion.clone(),
                touches: j
                    .touches
                    .iter()
                    .map(|t| JourneyTouch { channel: Chan(t.channel.channel), kind: t.kind, at: t.at })
                    .collect(),
            })
            .collect();
        let names = input.creators.iter().map(|c| (&c.id, c.name.as_str())).collect();
        let platforms =
            input.creators.iter().flat_map(|c| c.accounts.iter().map(|a| (a.id.as_str(), a.platform))).collect();
        Self { input, tables, scoped, channel_level, names, platforms }
    }

    fn info(&self, channel: u32) -> ChannelInfo {
        let c = &self.tables.channels[channel as usize];
        let (kind, creator) = match c {
            Channel::Creator(id) => ("creator", Some(id.clone())),
            Channel::Direct => ("direct", None),
            Channel::Organic => ("organic", None),
            Channel::Paid => ("paid", None),
        };
        let name = creator.as_ref().and_then(|id| self.names.get(id)).map(|n| (*n).to_owned());
        ChannelInfo { channel: c.label(), kind: kind.to_owned(), creator, name }
    }

    /// The click, code, view-through and assisted conversions per channel.
    pub(super) fn conversion_counts(&self) -> Vec<ConversionCounts> {
        let mut out: Vec<ConversionCounts> = conversion_summary(&self.channel_level)
            .into_iter()
            .filter(|s| {
                s.click_conversions + s.code_conversions + s.view_through_conversions + s.assisted_conversions > 0
            })
            .map(|s| ConversionCounts {
                info: self.info(s.channel.0),
                click_conversions: s.click_conversions,
                click_value_minor: s.click_value_minor,
                code_conversions: s.code_conversions,
                code_value_minor: s.code_value_minor,
                view_through_conversions: s.view_through_conversions,
                view_through_value_minor: s.view_through_value_minor,
                assisted_conversions: s.assisted_conversions,
                assisted_value_minor: s.assisted_value_minor,
            })
            .collect();
        out.sort_by(|a, b| {
            let total = |c: &ConversionCounts| c.click_conversions + c.code_conversions + c.view_through_conversions;
            total(b).cmp(&total(a)).then_with(|| a.info.channel.cmp(&b.info.channel))
        });
        out
    }

    /// One model's result.
    pub(super) fn model(&self, model: FlightModel, settings: &FlightSettings) -> Result<ModelResult, AttributionError> {
        let journey_model = model.journey_model(settings);
        let channel_credits = credit_journeys(&self.channel_level, journey_model)?;
        let mut channels: Vec<Credit> = channel_credits
            .iter()
            .map(|c| Credit { info: self.info(c.channel.0), conversions: c.conversions, value_minor: c.value_minor })
            .collect();
        sort_by_credit(&mut channels, |c| (c.conversions, c.value_minor, c.info.channel.clone()));
        let slot_credits = if model.is_rule() {
            self.slot_credits(journey_model)?
        } else {
            let by_channel: HashMap<u32, (f64, f64)> =
                channel_credits.iter().map(|c| (c.channel.0, (c.conversions, c.value_minor))).collect();
            self.split_over_slots(&by_channel)?
        };
        let posts = self.posts(&slot_credits);
        let formats = formats(&posts);
        Ok(ModelResult { model, approximate: false, channels, posts, formats })
    }

    /// Credits per slot under a rule model (the per-touch weights are those of the
    /// channel-level run, so a creator's slots sum to the creator's credit).
    fn slot_credits(&self, model: JourneyModel) -> Result<HashMap<u32, (f64, f64)>, AttributionError> {
        let credits = credit_journeys(self.scoped, model)?;
        let mut out: HashMap<u32, (f64, f64)> = HashMap::new();
        for c in credits.iter().filter(|c| c.channel.slot != NO_SLOT) {
            let e = out.entry(c.channel.slot).or_insert((0.0, 0.0));
            e.0 += c.conversions;
            e.1 += c.value_minor;
        }
        Ok(out)
    }

    /// A data-driven model credits channels, not touches: each creator's credit is
    /// split over the creator's slots in proportion to their linear credits (value by
    /// linear value, falling back to conversions, then to equal shares).
    fn split_over_slots(
        &self,
        by_channel: &HashMap<u32, (f64, f64)>,
    ) -> Result<HashMap<u32, (f64, f64)>, AttributionError> {
        let linear = self.slot_credits(JourneyModel::Linear)?;
        let mut per_channel: HashMap<u32, Vec<u32>> = HashMap::new();
        for j in self.scoped {
            for t in j.touches.iter().filter(|t| t.channel.slot != NO_SLOT) {
                let slots = per_channel.entry(t.channel.channel).or_default();
                if !slots.contains(&t.channel.slot) {
                    slots.push(t.channel.slot);
                }
            }
        }
        let mut out = HashMap::new();
        for (channel, slots) in per_channel {
            let (conversions, value) = by_channel.get(&channel).copied().unwrap_or((0.0, 0.0));
            let weights: Vec<(f64, f64)> = slots.iter().map(|s| linear.get(s).copied().unwrap_or((0.0, 0.0))).collect();
            let (sum_c, sum_v) = weights.iter().fold((0.0, 0.0), |a, w| (a.0 + w.0, a.1 + w.1));
            let n = slots.len() as f64;
            for (slot, (wc, wv)) in slots.iter().zip(weights) {
                let share_c = if sum_c > 0.0 { wc / sum_c } else { 1.0 / n };
                let share_v = if sum_v > 0.0 { wv / sum_v } else { share_c };
                out.insert(*slot, (conversions * share_c, value * share_v));
            }
        }
        Ok(out)
    }

    fn post_key(&self, slot: &Slot<'a>) -> (PostKey, &'static str) {
        match &slot.kind {
            SlotKind::Link { deliverable: Some(d), .. } | SlotKind::View { deliverable: Some(d) } => {
                (PostKey::Post(d.id.to_string()), "post")
            }
            SlotKind::Link { link, deliverable: None } => (PostKey::Link((*link).to_owned()), "link"),
            SlotKind::Code { code } => (PostKey::Code((*code).to_owned()), "code"),
            SlotKind::View { deliverable: None } => (PostKey::Views(slot.creator.to_string()), "views"),
        }
    }

    fn posts(&self, credits: &HashMap<u32, (f64, f64)>) -> Vec<PostCredit> {
        let mut rows: HashMap<PostKey, PostCredit> = HashMap::new();
        let mut slots: Vec<&u32> = credits.keys().collect();
        slots.sort_unstable();
        for &slot in slots {
            let (conversions, value) = credits[&slot];
            let s = &self.tables.slots[slot as usize];
            let (key, kind) = self.post_key(s);
            let row = rows.entry(key.clone()).or_insert_with(|| self.post_row(s, kind, key));
            row.conversions += conversions;
            row.value_minor += value;
        }
        let mut out: Vec<PostCredit> = rows.into_values().collect();
        sort_by_credit(&mut out, |p| {
            let id = p.post.clone().or(p.link.clone()).or(p.code.clone()).unwrap_or_default();
            (p.conversions, p.value_minor, format!("{}:{id}:{}", p.kind, p.creator))
        });
        out
    }

    fn post_row(&self, s: &Slot<'a>, kind: &str, key: PostKey) -> PostCredit {
        let deliverable = match &s.kind {
            SlotKind::Link { deliverable, .. } | SlotKind::View { deliverable } => *deliverable,
            SlotKind::Code { .. } => None,
        };
        let (post, link, code) = match key {
            PostKey::Post(p) => (Some(p), None, None),
            PostKey::Link(l) => (None, Some(l), None),
            PostKey::Code(c) => (None, None, Some(c)),
            PostKey::Views(_) => (None, None, None),
        };
        let format = deliverable.map_or_else(|| kind.to_owned(), |d| d.format.as_str().to_owned());
        // A post or a link is the flight's when its touches are; a code when it is the campaign's.
        let in_flight = match (&s.kind, deliverable) {
            (_, Some(d)) => {
                s.campaign && d.due_on >= self.input.flight.starts_on && d.due_on <= self.input.flight.ends_on
            }
            _ => s.campaign,
        };
        PostCredit {
            kind: kind.to_owned(),
            post,
            link,
            code,
            creator: s.creator.clone(),
            name: self.names.get(s.creator).map(|n| (*n).to_owned()),
            format,
            platform: deliverable.and_then(|d| self.platforms.get(d.account_id.as_str()).copied()),
            live_url: deliverable.and_then(|d| d.live_url.clone()),
            in_flight,
            conversions: 0.0,
            value_minor: 0.0,
        }
    }
}

fn formats(posts: &[PostCredit]) -> Vec<FormatCredit> {
    let mut out: Vec<FormatCredit> = Vec::new();
    for p in posts {
        match out.iter_mut().find(|f| f.format == p.format) {
            Some(f) => {
                f.conversions += p.conversions;
                f.value_minor += p.value_minor;
            }
            None => out.push(FormatCredit {
                format: p.format.clone(),
                conversions: p.conversions,
                value_minor: p.value_minor,
            }),
        }
    }
    sort_by_credit(&mut out, |f| (f.conversions, f.value_minor, f.format.clone()));
    out
}

/// Most conversions first, then most value, then by name (deterministic).
fn sort_by_credit<T>(rows: &mut [T], key: impl Fn(&T) -> (f64, f64, String)) {
    rows.sort_by(|a, b| {
        let (ca, va, na) = key(a);
        let (cb, vb, nb) = key(b);
        cb.total_cmp(&ca).then(vb.total_cmp(&va)).then(na.cmp(&nb))
    });
}
