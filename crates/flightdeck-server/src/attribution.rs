//! Workspace-mode attribution over a store: loads what a flight's attribution reads
//! (campaigns, links, codes, clicks, orders, deliverables, creators, view-through
//! exposures) and runs the
//! engine off the async runtime. Shared by `flightdeck attribute --flight` and
//! `GET /api/v1/flights/{id}/attribution`, so both answer the same JSON.

use std::collections::BTreeSet;

use flightdeck_core::attribution::flight::{
    attribute_flight, FlightAttribution, FlightInput, FlightModel, FlightSettings, ViewExposure,
};
use flightdeck_core::attribution::AttributionError;
use flightdeck_core::domain::{CreatorId, FlightId, WorkspaceId};
use flightdeck_store::{Store, StoreError};
use thiserror::Error;

/// Why a flight could not be attributed.
#[derive(Debug, Error)]
pub enum FlightAttributionError {
    /// No such flight in the workspace (also: another workspace's flight).
    #[error("no flight `{0}` in this workspace")]
    NotFound(String),
    /// A setting or model the engine refused.
    #[error(transparent)]
    Attribution(#[from] AttributionError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The computation stopped (a panic in the worker thread).
    #[error("the attribution worker stopped: {0}")]
    Worker(String),
}

/// Attributes the flight `flight` of `workspace` under `models`.
pub async fn flight_attribution(
    store: &dyn Store,
    workspace: &WorkspaceId,
    flight: &FlightId,
    settings: FlightSettings,
    models: Vec<FlightModel>,
) -> Result<FlightAttribution, FlightAttributionError> {
    settings.validate()?;
    let flight =
        store.flight(workspace, flight).await?.ok_or_else(|| FlightAttributionError::NotFound(flight.to_string()))?;
    let campaigns = store.list_campaigns(workspace).await?;
    let links = store.list_links(workspace).await?;
    let codes = store.list_codes(workspace).await?;
    let clicks = store.list_clicks(workspace, None).await?;
    let orders = store.list_orders(workspace).await?;
    let deliverables = store.list_deliverables(workspace).await?;
    let exposures: Vec<ViewExposure> = store.list_exposures(workspace).await?.into_iter().map(|r| r.exposure).collect();
    let ids: BTreeSet<&CreatorId> = links
        .iter()
        .map(|l| &l.creator_id)
        .chain(codes.iter().filter_map(|c| c.creator_id.as_ref()))
        .chain(exposures.iter().map(|e| &e.creator_id))
        .collect();
    let mut creators = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(c) = store.creator(workspace, id).await? {
            creators.push(c);
        }
    }
    tokio::task::spawn_blocking(move || {
        let input = FlightInput {
            flight: &flight,
            campaigns: &campaigns,
            links: &links,
            codes: &codes,
            clicks: &clicks,
            orders: &orders,
            deliverables: &deliverables,
            creators: &creators,
            exposures: &exposures,
        };
        attribute_flight(&input, &settings, &models)
    })
    .await
    .map_err(|e| FlightAttributionError::Worker(e.to_string()))?
    .map_err(FlightAttributionError::from)
}
