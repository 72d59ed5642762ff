//! `flightdeck codes generate|list`: unique discount codes per creator, and their
//! import files for Shopify (Matrixify) and WooCommerce (`--export`).

use flightdeck_core::domain::{DiscountCode, Workspace};
use flightdeck_core::tracking::{code_csv, ShopPlatform};
use flightdeck_server::track::codes::{generate_codes, NewCodes};
use flightdeck_store::Store;

use super::links::track_error;
use super::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// Code subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// Generate one unique code per creator of a campaign (or for one creator).
    Generate(GenerateOpts),
    /// List the workspace's codes.
    List(ListOpts),
}

/// Export options shared by both subcommands.
#[derive(Debug, clap::Args)]
pub struct ExportOpts {
    /// Print (or write) the codes as an import file for this shop instead.
    #[arg(long, value_name = "SHOP", value_parser = ["shopify", "woocommerce"])]
    pub export: Option<String>,
    /// Write the export to this file instead of stdout (with --export).
    #[arg(long, value_name = "FILE", requires = "export")]
    pub out: Option<std::path::PathBuf>,
}

/// Options of `codes generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateOpts {
    /// The campaign (`ca_…`).
    #[arg(long, value_name = "ID")]
    pub campaign: String,
    /// Only this creator (`cr_…`); default: every creator of the campaign.
    #[arg(long, value_name = "ID")]
    pub creator: Option<String>,
    /// The campaign prefix (`ZOMER`); default: the campaign slug's letters and digits.
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// The discount in percent.
    #[arg(long, default_value_t = 10)]
    pub percent: u8,
    /// Import file.
    #[command(flatten)]
    pub export: ExportOpts,
}

/// Options of `codes list`.
#[derive(Debug, clap::Args)]
pub struct ListOpts {
    /// Only codes of this campaign.
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Import file.
    #[command(flatten)]
    pub export: ExportOpts,
}

/// Runs a code subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    match opts {
        Opts::Generate(o) => {
            let new = NewCodes { campaign: o.campaign, creator: o.creator, prefix: o.prefix, percent_off: o.percent };
            let codes = generate_codes(store.as_ref(), &workspace, &new).await.map_err(track_error)?;
            output(store.as_ref(), &workspace, &codes, &o.export, ctx.format).await
        }
        Opts::List(o) => {
            let codes: Vec<DiscountCode> = store
                .list_codes(&workspace.id)
                .await?
                .into_iter()
                .filter(|c| o.campaign.as_deref().is_none_or(|id| c.campaign_id.as_str() == id.trim()))
                .collect();
            output(store.as_ref(), &workspace, &codes, &o.export, ctx.format).await
        }
    }
}

async fn output(
    store: &dyn Store,
    workspace: &Workspace,
    codes: &[DiscountCode],
    export: &ExportOpts,
    format: OutputFormat,
) -> anyhow::Result<()> {
    if let Some(shop) = &export.export {
        let platform = ShopPlatform::parse(shop).map_err(|e| user(format!("--export: {e}")))?;
        let title = match codes.first() {
            Some(c) => store.campaign(&workspace.id, &c.campaign_id).await?.map(|c| c.name.to_string()),
            None => None,
        };
        let csv = code_csv(platform, title.as_deref().unwrap_or("Flightdeck"), codes);
        return match &export.out {
            Some(path) => std::fs::write(path, csv).map_err(|e| user(format!("{}: cannot write: {e}", path.display()))),
            None => write_stdout(&csv),
        };
    }
    if format == OutputFormat::Json {
        return print_json(codes);
    }
    let mut table = Table::new(["code", "campaign", "creator", "percent_off", "id"]).numeric(&[3]);
    for c in codes {
        table.row([
            c.code.clone(),
            c.campaign_id.to_string(),
            c.creator_id.as_ref().map(ToString::to_string).unwrap_or_default(),
            c.percent_off.to_string(),
            c.id.to_string(),
        ]);
    }
    table.print(format)
}
