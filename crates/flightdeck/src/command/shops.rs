//! `flightdeck shops add|list`: the shops whose webhooks are accepted.

use std::io::Read as _;

use flightdeck_core::tracking::ShopPlatform;
use flightdeck_server::webhooks::{add_shop, ShopSetupError};
use flightdeck_store::Shop;
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// Shop subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// Register a shop and its webhook secret.
    Add(AddOpts),
    /// List the workspace's shops (never their secrets).
    List,
}

/// Options of `shops add`.
#[derive(Debug, clap::Args)]
pub struct AddOpts {
    /// The shop system.
    #[arg(long, value_parser = ["shopify", "woocommerce"])]
    pub platform: String,
    /// The shop's domain: Shopify's `x.myshopify.com` (what `X-Shopify-Shop-Domain`
    /// says, even with a custom domain), WooCommerce's site (`shop.example.nl` or its URL).
    #[arg(long, value_name = "D")]
    pub domain: String,
    /// The webhook secret (Shopify: the app's client secret; WooCommerce: the
    /// webhook's secret); `-` reads it from stdin, so it stays out of the shell history.
    #[arg(long, value_name = "S", env = "FLIGHTDECK_SHOP_SECRET", hide_env_values = true)]
    pub secret: String,
}

/// A shop as printed (never its secret).
#[derive(Debug, Serialize)]
struct ShopView<'a> {
    id: &'a str,
    platform: &'static str,
    domain: &'a str,
    webhook_path: &'static str,
    created_at: String,
}

fn view(shop: &Shop) -> ShopView<'_> {
    ShopView {
        id: shop.id.as_str(),
        platform: shop.platform.as_str(),
        domain: &shop.domain,
        webhook_path: match shop.platform {
            ShopPlatform::Shopify => "/webhooks/shopify",
            ShopPlatform::WooCommerce => "/webhooks/woocommerce",
        },
        created_at: shop.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Runs a shop subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let shops = match opts {
        Opts::Add(o) => {
            let platform = ShopPlatform::parse(&o.platform).map_err(|e| user(format!("--platform: {e}")))?;
            let secret = if o.secret == "-" { read_stdin()? } else { o.secret };
            let shop =
                add_shop(store.as_ref(), &workspace.id, platform, &o.domain, &secret).await.map_err(|e| match e {
                    ShopSetupError::Store(s) => anyhow::Error::new(s),
                    other => user(other.to_string()),
                })?;
            if platform == ShopPlatform::Shopify && !shop.domain.ends_with(".myshopify.com") {
                eprintln!(
                    "note: Shopify names the shop by its x.myshopify.com domain in every webhook, even with a custom domain"
                );
            }
            eprintln!(
                "shop {} added; point its order webhooks at https://YOUR-HOST{}",
                shop.id,
                view(&shop).webhook_path
            );
            vec![shop]
        }
        Opts::List => store.list_shops(&workspace.id).await?,
    };
    let views: Vec<ShopView> = shops.iter().map(view).collect();
    if ctx.format == OutputFormat::Json {
        return print_json(&views);
    }
    let mut table = Table::new(["id", "platform", "domain", "webhook_path", "created_at"]);
    for v in &views {
        table.row([v.id, v.platform, v.domain, v.webhook_path, v.created_at.as_str()]);
    }
    table.print(ctx.format)
}

fn read_stdin() -> anyhow::Result<String> {
    let mut secret = String::new();
    std::io::stdin().read_to_string(&mut secret).map_err(|e| user(format!("--secret -: cannot read stdin: {e}")))?;
    Ok(secret.trim().to_owned())
}
