//! `flightdeck workspace create|list`.

use flightdeck_core::domain::{Brand, Country, Domain, Name, Workspace, WorkspaceId, WorkspaceName};
use rand::rngs::OsRng;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// Workspace subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// Create a new, empty workspace (a brand, or an agency's client); prints its id.
    Create(CreateOpts),
    /// List the workspaces.
    List,
}

/// Options of `workspace create`.
#[derive(Debug, clap::Args)]
pub struct CreateOpts {
    /// The workspace's name: a-z, 0-9, - and _ (e.g. `acme-nl`).
    pub name: String,
    /// The brand's display name (default: the workspace name).
    #[arg(long)]
    pub brand: Option<String>,
    /// A domain tracking links may redirect to (repeat for more).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// A competitor brand (repeat for more).
    #[arg(long = "competitor")]
    pub competitors: Vec<String>,
    /// The brand's home country.
    #[arg(long, default_value = "NL")]
    pub country: String,
}

/// Runs a workspace subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts {
        Opts::Create(create) => create_workspace(create, ctx).await,
        Opts::List => list(ctx).await,
    }
}

async fn create_workspace(opts: CreateOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let name = WorkspaceName::parse(&opts.name).map_err(|e| user(e.to_string()))?;
    let brand_name =
        Name::parse_field("brand", opts.brand.as_deref().unwrap_or(&opts.name)).map_err(|e| user(e.to_string()))?;
    let allowed_domains = opts
        .domains
        .iter()
        .map(|d| Domain::parse(d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| user(e.to_string()))?;
    let country = Country::parse(&opts.country).map_err(|e| user(e.to_string()))?;
    let workspace = Workspace {
        id: WorkspaceId::generate(&mut OsRng),
        name,
        brand: Brand { name: brand_name, allowed_domains, competitors: opts.competitors, country },
    };
    let store = ctx.store().await?;
    if store.find_workspace(workspace.name.as_str()).await?.is_some() {
        return Err(user(format!("a workspace named `{}` exists already", workspace.name)));
    }
    store.create_workspace(&workspace).await?;
    match ctx.format {
        OutputFormat::Json => print_json(&workspace),
        _ => crate::output::write_stdout(&format!("{}\n", workspace.id)),
    }
}

async fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let all = store.workspaces().await?;
    if ctx.format == OutputFormat::Json {
        return print_json(&all);
    }
    let mut table = Table::new(["id", "name", "brand", "domains"]);
    for w in &all {
        let domains: Vec<&str> = w.brand.allowed_domains.iter().map(Domain::as_str).collect();
        table.row([w.id.to_string(), w.name.to_string(), w.brand.name.to_string(), domains.join(" ")]);
    }
    table.print(ctx.format)
}
