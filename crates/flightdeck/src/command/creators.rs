//! `flightdeck creators list|show`.

use flightdeck_core::domain::{Country, CreatorId, Platform, Tier};
use flightdeck_store::{CreatorFilter, CreatorSort, CreatorSummary};
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// Creator subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// List creators, with filters, sorting and paging.
    List(ListOpts),
    /// Show one creator with all accounts.
    Show(ShowOpts),
}

/// How to sort the list.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SortKey {
    /// By name.
    Name,
    /// Most followers first.
    Followers,
    /// Highest vetting score first.
    Score,
    /// Largest tier first.
    Tier,
}

/// Options of `creators list`.
#[derive(Debug, clap::Args)]
pub struct ListOpts {
    /// Only this tier: emerging, nano, micro, macro, mega.
    #[arg(long)]
    pub tier: Option<String>,
    /// Only creators with an account on this platform.
    #[arg(long)]
    pub platform: Option<String>,
    /// Only creators with an account in this country (ISO code, e.g. NL).
    #[arg(long)]
    pub country: Option<String>,
    /// Only creators with an account in this niche.
    #[arg(long)]
    pub niche: Option<String>,
    /// Only creators scoring at least this (0-100).
    #[arg(long)]
    pub min_score: Option<f64>,
    /// The buyer persona whose scores count.
    #[arg(long)]
    pub persona: Option<String>,
    /// The order.
    #[arg(long, value_enum, default_value_t = SortKey::Name)]
    pub sort: SortKey,
    /// At most this many (no limit by default).
    #[arg(long)]
    pub limit: Option<u64>,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
}

/// Options of `creators show`.
#[derive(Debug, clap::Args)]
pub struct ShowOpts {
    /// The creator's id (`cr_…`).
    pub id: String,
}

/// Runs a creators subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts {
        Opts::List(list) => list_creators(list, ctx).await,
        Opts::Show(show) => show_creator(show, ctx).await,
    }
}

fn filter_of(opts: &ListOpts) -> anyhow::Result<CreatorFilter> {
    let bad = |e: flightdeck_core::DomainError| user(format!("--{}: {}", e.field, e.reason));
    Ok(CreatorFilter {
        tier: opts.tier.as_deref().map(Tier::parse).transpose().map_err(bad)?,
        platform: opts.platform.as_deref().map(Platform::parse).transpose().map_err(bad)?,
        country: opts.country.as_deref().map(Country::parse).transpose().map_err(bad)?,
        niche: opts.niche.clone(),
        min_score: opts.min_score,
        persona: opts.persona.clone(),
        sort: match opts.sort {
            SortKey::Name => CreatorSort::Name,
            SortKey::Followers => CreatorSort::Followers,
            SortKey::Score => CreatorSort::Score,
            SortKey::Tier => CreatorSort::Tier,
        },
        limit: opts.limit,
        offset: opts.offset,
    })
}

async fn list_creators(opts: ListOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let filter = filter_of(&opts)?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    if let Some(persona) = &opts.persona {
        let personas = store.personas(&workspace.id).await?;
        if !personas.iter().any(|p| p.name.as_str() == persona) {
            let names: Vec<&str> = personas.iter().map(|p| p.name.as_str()).collect();
            return Err(user(format!("no persona `{persona}` in this workspace; known: {}", names.join(", "))));
        }
    }
    let creators = store.list_creators(&workspace.id, &filter).await?;
    match ctx.format {
        OutputFormat::Json => print_json(&creators),
        format => creators_table(&creators).print(format),
    }
}

fn creators_table(creators: &[CreatorSummary]) -> Table {
    let mut table = Table::new(["id", "name", "tier", "followers", "score", "accounts"]).numeric(&[3, 4]);
    for c in creators {
        let accounts: Vec<String> = c.accounts.iter().map(|a| format!("{}:@{}", a.platform, a.handle)).collect();
        table.row([
            c.id.to_string(),
            c.name.to_string(),
            c.tier.to_string(),
            c.followers.to_string(),
            c.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            accounts.join(" "),
        ]);
    }
    table
}

/// The JSON of `creators show`.
#[derive(Debug, Serialize)]
struct CreatorView {
    id: String,
    name: String,
    tier: Tier,
    followers: u64,
    accounts: Vec<AccountView>,
}

#[derive(Debug, Serialize)]
struct AccountView {
    id: String,
    platform: Platform,
    handle: String,
    followers: u64,
    tier: Tier,
    country: Option<String>,
    language: Option<String>,
    niche: Option<String>,
    url: Option<String>,
    metric_days: usize,
    first_day: Option<String>,
    last_day: Option<String>,
}

async fn show_creator(opts: ShowOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let id = CreatorId::parse(&opts.id).map_err(|e| user(format!("{e}: creator ids look like cr_…")))?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let creator = store
        .creator(&workspace.id, &id)
        .await?
        .ok_or_else(|| user(format!("no creator `{id}` in workspace `{}`", workspace.name)))?;
    let metrics = store.creator_metrics(&workspace.id, &id).await?;
    let accounts = creator
        .accounts
        .iter()
        .map(|a| {
            let days = metrics.iter().find(|m| m.account_id == a.id).map(|m| m.days.as_slice()).unwrap_or(&[]);
            AccountView {
                id: a.id.to_string(),
                platform: a.platform,
                handle: a.handle.to_string(),
                followers: a.followers,
                tier: a.tier(),
                country: a.country.map(|c| c.to_string()),
                language: a.language.map(|l| l.to_string()),
                niche: a.niche.clone(),
                url: a.url.clone(),
                metric_days: days.len(),
                first_day: days.first().map(|d| d.date.to_string()),
                last_day: days.last().map(|d| d.date.to_string()),
            }
        })
        .collect();
    let view = CreatorView {
        id: creator.id.to_string(),
        name: creator.name.to_string(),
        tier: creator.tier(),
        followers: creator.total_reach_followers(),
        accounts,
    };
    match ctx.format {
        OutputFormat::Json => print_json(&view),
        format => {
            crate::output::write_stdout(&format!(
                "{} ({}) — {} tier, {} followers\n\n",
                view.name, view.id, view.tier, view.followers
            ))?;
            let mut table =
                Table::new(["platform", "handle", "followers", "tier", "country", "language", "niche", "days"])
                    .numeric(&[2, 7]);
            for a in &view.accounts {
                table.row([
                    a.platform.to_string(),
                    format!("@{}", a.handle),
                    a.followers.to_string(),
                    a.tier.to_string(),
                    a.country.clone().unwrap_or_default(),
                    a.language.clone().unwrap_or_default(),
                    a.niche.clone().unwrap_or_default(),
                    a.metric_days.to_string(),
                ]);
            }
            table.print(format)
        }
    }
}
