//! Workspace mode: attribution of one flight on the workspace's own clicks, discount
//! codes and orders (`flightdeck attribute --flight ID`, `GET
//! /api/v1/flights/{id}/attribution`).
//!
//! The input is what the store holds, as plain slices ([`FlightInput`]); the output
//! ([`FlightAttribution`]) carries every model asked for, per channel (each creator,
//! and direct, organic and paid), per post and per format, and the click, code,
//! view-through and assisted conversions of every channel counted apart. The rules
//! (customer keys, which touches belong to the flight, the code policy) are in
//! `docs/attribution.md`; [`touches`] implements them.

mod report;
mod settings;
mod touches;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use report::{ChannelInfo, ConversionCounts, Credit, FormatCredit, ModelResult, PostCredit};
pub use settings::{parse_code_policy, parse_position_shares, FlightModel, FlightSettings, MAX_HALF_LIFE_DAYS};
pub use touches::InputCounts;

use super::journey::build_journeys;
use super::AttributionError;
use crate::domain::{
    Campaign, CampaignId, Click, Creator, CreatorId, Currency, Deliverable, DeliverableId, DiscountCode, Flight,
    FlightId, Order, TrackingLink,
};

/// A view-through exposure: a customer saw a creator's post (from an ad platform's
/// report of a whitelisted post), without clicking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewExposure {
    /// The customer key the report joins on (a consented click id or customer hash).
    pub customer: String,
    /// When the post was seen (UTC).
    pub at: DateTime<Utc>,
    /// The creator whose post it was.
    pub creator_id: CreatorId,
    /// The campaign the post was for.
    pub campaign_id: CampaignId,
    /// The deliverable (post), when known.
    pub deliverable_id: Option<DeliverableId>,
}

/// Everything workspace mode reads, as the store returns it.
#[derive(Debug, Clone, Copy)]
pub struct FlightInput<'a> {
    /// The flight to attribute.
    pub flight: &'a Flight,
    /// Every campaign of the workspace (their slugs tell creator landings apart).
    pub campaigns: &'a [Campaign],
    /// Every tracking link of the workspace.
    pub links: &'a [TrackingLink],
    /// Every discount code of the workspace.
    pub codes: &'a [DiscountCode],
    /// Every click of the workspace.
    pub clicks: &'a [Click],
    /// Every order of the workspace.
    pub orders: &'a [Order],
    /// Every deliverable of the workspace (a link's post and format).
    pub deliverables: &'a [Deliverable],
    /// The creators of the links and codes (names, and the platforms of their accounts).
    pub creators: &'a [Creator],
    /// View-through exposures, when imported (none otherwise).
    pub exposures: &'a [ViewExposure],
}

/// How many journeys the flight's result rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyCounts {
    /// Journeys with at least one touch of the flight.
    pub total: u64,
    /// Of those, journeys that ended in an order.
    pub converting: u64,
    /// Journeys that have not (or not yet) converted.
    pub non_converting: u64,
}

/// The attribution of one flight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlightAttribution {
    /// The flight.
    pub flight: FlightId,
    /// Its name.
    pub flight_name: String,
    /// Its campaign.
    pub campaign: CampaignId,
    /// The campaign's name (empty when the campaign is not stored).
    pub campaign_name: String,
    /// The flight's first day.
    pub starts_on: NaiveDate,
    /// The flight's last day.
    pub ends_on: NaiveDate,
    /// The currency of every value (that of the flight's budget).
    pub currency: Currency,
    /// How the numbers were computed.
    pub settings: FlightSettings,
    /// What was read and what was left out.
    pub input: InputCounts,
    /// The journeys in scope.
    pub journeys: JourneyCounts,
    /// The orders attributed (every model's conversion credits sum to this).
    pub total_conversions: f64,
    /// Their net value in minor units (every model's value credits sum to this).
    pub total_value_minor: i64,
    /// Click, code, view-through and assisted conversions per channel, counted apart.
    pub conversions: Vec<ConversionCounts>,
    /// One result per model asked for, in the order asked.
    pub models: Vec<ModelResult>,
}

/// Attributes `input.flight` under each of `models`.
pub fn attribute_flight(
    input: &FlightInput<'_>,
    settings: &FlightSettings,
    models: &[FlightModel],
) -> Result<FlightAttribution, AttributionError> {
    settings.validate()?;
    let config = settings.journey_config();
    let tables = touches::tables(input);
    let days = touches::FlightDays::new(input.flight, config.click_window);
    let journeys = build_journeys(&tables.touches, &tables.conversions, &config);
    let scoped: Vec<_> = journeys
        .into_iter()
        .filter(|j| {
            j.touches.iter().any(|t| {
                t.channel.slot != touches::NO_SLOT && days.in_flight(&tables.slots[t.channel.slot as usize], t.at)
            })
        })
        .collect();
    let report = report::Report::new(input, &tables, &scoped);
    let converting = scoped.iter().filter(|j| j.conversion.is_some()).count() as u64;
    let results = models.iter().map(|&m| report.model(m, settings)).collect::<Result<Vec<_>, _>>()?;
    Ok(FlightAttribution {
        flight: input.flight.id.clone(),
        flight_name: input.flight.name.to_string(),
        campaign: input.flight.campaign_id.clone(),
        campaign_name: input
            .campaigns
            .iter()
            .find(|c| c.id == input.flight.campaign_id)
            .map_or_else(String::new, |c| c.name.to_string()),
        starts_on: input.flight.starts_on,
        ends_on: input.flight.ends_on,
        currency: input.flight.budget.currency,
        settings: settings.clone(),
        input: tables.counts.clone(),
        journeys: JourneyCounts {
            total: scoped.len() as u64,
            converting,
            non_converting: scoped.len() as u64 - converting,
        },
        total_conversions: converting as f64,
        total_value_minor: scoped.iter().filter_map(|j| j.conversion.as_ref()).map(|c| c.value_minor).sum(),
        conversions: report.conversion_counts(),
        models: results,
    })
}
