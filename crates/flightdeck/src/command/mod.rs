//! The subcommands, one module each (`Opts` + `run`), and what they share.

mod access;
mod attribute;
mod campaigns;
mod clicks;
mod codes;
mod compliance;
mod creators;
mod demo;
mod erase;
mod import;
mod links;
mod orders;
mod serve;
mod shops;
mod vet;
mod workspace;

use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use flightdeck_core::domain::Workspace;
use flightdeck_store::{backend_of, BackendKind, Store};

use crate::error::user;
use crate::output::OutputFormat;

/// Flightdeck: influencer marketing from reach to result.
#[derive(Debug, Parser)]
#[command(name = "flightdeck", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, clap::Args)]
pub struct GlobalOpts {
    /// The database: sqlite://FILE or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "FLIGHTDECK_DB", default_value = "sqlite://flightdeck.db")]
    pub db: String,
    /// The workspace (id or name); may be left out while there is only one.
    #[arg(long, global = true, env = "FLIGHTDECK_WORKSPACE")]
    pub workspace: Option<String>,
    /// How to print data.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// More log output on stderr (-v, -vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the deterministic demo workspace `demo` (and serve it with --serve).
    Demo(demo::Opts),
    /// Work with workspaces (a brand, or an agency's client).
    #[command(subcommand)]
    Workspace(workspace::Opts),
    /// Import creators, metrics or platform JSON.
    Import(import::Opts),
    /// List and show creators.
    #[command(subcommand)]
    Creators(creators::Opts),
    /// The explained vetting score of a creator (--rescore: recompute the stored scores).
    Vet(vet::Opts),
    /// Run the HTTP server: dashboard, API, redirects, pixel, webhooks.
    Serve(serve::Opts),
    /// Check posts against the NL/BE (and US/UK) advertising disclosure rules.
    #[command(subcommand)]
    Compliance(compliance::Opts),
    /// Attribute conversions to channels: a path file (--paths) with one model or all.
    Attribute(attribute::Opts),
    /// List the workspace's campaigns.
    #[command(subcommand)]
    Campaigns(campaigns::CampaignOpts),
    /// Tracking links: create (prints the short URL), list, update, QR code.
    #[command(subcommand)]
    Links(links::Opts),
    /// Discount codes: generate one per creator, list, export for Shopify / WooCommerce.
    #[command(subcommand)]
    Codes(codes::Opts),
    /// The stored clicks of tracking links.
    #[command(subcommand)]
    Clicks(clicks::Opts),
    /// Shops whose order webhooks are accepted: add (with the webhook secret), list.
    #[command(subcommand)]
    Shops(shops::Opts),
    /// The stored shop orders (from the webhooks).
    #[command(subcommand)]
    Orders(orders::Opts),
    /// Remove every trace of one shopper (--customer EMAIL), or apply the retention (--older-than DAYS).
    Erase(erase::Opts),
    /// List the workspace's flights (the ids `attribute --flight` takes).
    #[command(subcommand)]
    Flights(campaigns::FlightOpts),
    /// Dashboard accounts of the workspace.
    #[command(subcommand)]
    User(access::UserOpts),
    /// API tokens of the workspace (shown once, stored hashed).
    #[command(subcommand)]
    Token(access::TokenOpts),
}

/// Runs one command.
pub async fn run(command: Command, ctx: &Ctx) -> anyhow::Result<()> {
    match command {
        Command::Demo(opts) => demo::run(opts, ctx).await,
        Command::Workspace(opts) => workspace::run(opts, ctx).await,
        Command::Import(opts) => import::run(opts, ctx).await,
        Command::Creators(opts) => creators::run(opts, ctx).await,
        Command::Vet(opts) => vet::run(opts, ctx).await,
        Command::Serve(opts) => serve::run(opts, ctx).await,
        Command::Compliance(opts) => compliance::run(opts, ctx).await,
        Command::Attribute(opts) => attribute::run(opts, ctx).await,
        Command::Campaigns(opts) => campaigns::run_campaigns(opts, ctx).await,
        Command::Links(opts) => links::run(opts, ctx).await,
        Command::Codes(opts) => codes::run(opts, ctx).await,
        Command::Clicks(opts) => clicks::run(opts, ctx).await,
        Command::Shops(opts) => shops::run(opts, ctx).await,
        Command::Orders(opts) => orders::run(opts, ctx).await,
        Command::Erase(opts) => erase::run(opts, ctx).await,
        Command::Flights(opts) => campaigns::run_flights(opts, ctx).await,
        Command::User(opts) => access::run_user(opts, ctx).await,
        Command::Token(opts) => access::run_token(opts, ctx).await,
    }
}

/// What every command gets: the global options, and the store on demand.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The database URL.
    pub db_url: String,
    /// The workspace named on the command line, if any.
    pub workspace: Option<String>,
    /// The output format.
    pub format: OutputFormat,
}

impl Ctx {
    /// The context of the parsed global options.
    pub fn new(global: &GlobalOpts) -> Self {
        Self { db_url: global.db.clone(), workspace: global.workspace.clone(), format: global.format }
    }

    /// Opens the store the database URL names (created and migrated on first use).
    pub async fn store(&self) -> anyhow::Result<Arc<dyn Store>> {
        open_store(&self.db_url).await
    }

    /// The workspace to work in: the one named, or the only one there is.
    pub async fn workspace(&self, store: &dyn Store) -> anyhow::Result<Workspace> {
        resolve_workspace(store, self.workspace.as_deref()).await
    }
}

/// Opens the store of `url`, dispatching on its scheme.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let kind = backend_of(url).map_err(|e| user(e.to_string()))?;
    let store: Arc<dyn Store> = match kind {
        BackendKind::Sqlite => Arc::new(
            flightdeck_store_sqlite::SqliteStore::open(url)
                .await
                .with_context(|| "opening the SQLite database (check the path in --db / FLIGHTDECK_DB)")?,
        ),
        BackendKind::Postgres => Arc::new(flightdeck_store_postgres::PgStore::open(url).await.with_context(|| {
            "opening the PostgreSQL database (check --db / FLIGHTDECK_DB and that the server runs)"
        })?),
    };
    Ok(store)
}

/// The workspace `name` names, or the only one when no name is given.
pub async fn resolve_workspace(store: &dyn Store, name: Option<&str>) -> anyhow::Result<Workspace> {
    if let Some(name) = name {
        return store.find_workspace(name).await?.ok_or_else(|| {
            user(format!("no workspace `{name}`: see `flightdeck workspace list`, or create it with `flightdeck workspace create {name}`"))
        });
    }
    let mut all = store.workspaces().await?;
    match all.len() {
        0 => Err(user("there is no workspace yet: run `flightdeck demo` or `flightdeck workspace create NAME`")),
        1 => Ok(all.remove(0)),
        n => Err(user(format!(
            "there are {n} workspaces: name one with --workspace (or FLIGHTDECK_WORKSPACE); see `flightdeck workspace list`"
        ))),
    }
}
