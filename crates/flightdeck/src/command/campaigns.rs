//! `flightdeck campaigns list` and `flightdeck flights list [--campaign ID]`: what a
//! user needs to find the ids that `attribute --flight`, `report` and `lint` take.

use flightdeck_core::domain::{Campaign, CampaignId, Flight};
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// Campaign subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CampaignOpts {
    /// List the workspace's campaigns with their flights.
    List,
}

/// Flight subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum FlightOpts {
    /// List the workspace's flights, by first day.
    List(FlightListOpts),
}

/// Options of `flights list`.
#[derive(Debug, clap::Args)]
pub struct FlightListOpts {
    /// Only the flights of this campaign (`ca_…`).
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
}

/// A campaign as `campaigns list --format json` prints it: the stored campaign and the
/// ids of its flights.
#[derive(Debug, Serialize)]
struct CampaignItem<'a> {
    #[serde(flatten)]
    campaign: &'a Campaign,
    flights: Vec<&'a str>,
}

/// A flight as `flights list --format json` prints it: the stored flight and its
/// campaign's name.
#[derive(Debug, Serialize)]
struct FlightItem<'a> {
    #[serde(flatten)]
    flight: &'a Flight,
    campaign: &'a str,
}

/// Runs `campaigns …`.
pub async fn run_campaigns(opts: CampaignOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let CampaignOpts::List = opts;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let campaigns = store.list_campaigns(&workspace.id).await?;
    let flights = store.list_flights(&workspace.id, None).await?;
    let items: Vec<CampaignItem> = campaigns
        .iter()
        .map(|c| CampaignItem {
            campaign: c,
            flights: flights.iter().filter(|f| f.campaign_id == c.id).map(|f| f.id.as_str()).collect(),
        })
        .collect();
    if ctx.format == OutputFormat::Json {
        return print_json(&items);
    }
    let mut table = Table::new(["id", "name", "goal", "budget", "flights"]).numeric(&[3]);
    for item in &items {
        let c = item.campaign;
        table.row([
            c.id.to_string(),
            c.name.to_string(),
            c.goal.as_str().to_owned(),
            c.budget.to_string(),
            item.flights.join(" "),
        ]);
    }
    table.print(ctx.format)
}

/// Runs `flights …`.
pub async fn run_flights(opts: FlightOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let FlightOpts::List(list) = opts;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let campaign = list
        .campaign
        .as_deref()
        .map(|raw| CampaignId::parse(raw.trim()).map_err(|e| user(format!("--campaign: {e}"))))
        .transpose()?;
    if let Some(id) = &campaign {
        if store.campaign(&workspace.id, id).await?.is_none() {
            return Err(user(format!(
                "no campaign `{id}` in workspace `{}`: see `flightdeck campaigns list`",
                workspace.name
            )));
        }
    }
    let campaigns = store.list_campaigns(&workspace.id).await?;
    let flights = store.list_flights(&workspace.id, campaign.as_ref()).await?;
    let name_of = |f: &Flight| campaigns.iter().find(|c| c.id == f.campaign_id).map_or("", |c| c.name.as_str());
    let items: Vec<FlightItem> = flights.iter().map(|f| FlightItem { flight: f, campaign: name_of(f) }).collect();
    if ctx.format == OutputFormat::Json {
        return print_json(&items);
    }
    let mut table = Table::new(["id", "campaign", "name", "starts_on", "ends_on", "budget"]).numeric(&[5]);
    for item in &items {
        let f = item.flight;
        table.row([
            f.id.to_string(),
            item.campaign.to_owned(),
            f.name.to_string(),
            f.starts_on.to_string(),
            f.ends_on.to_string(),
            f.budget.to_string(),
        ]);
    }
    table.print(ctx.format)
}
