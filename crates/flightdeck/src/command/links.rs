//! `flightdeck links create|list|update|qr`: tracking links, through the same engine
//! as `/api/v1/links` (`flightdeck_server::track::links`).

use flightdeck_server::track::links::{
    create_link, find_link, list_links, short_url, update_destination, LinkView, NewLink, TrackError,
};
use flightdeck_server::track::public_url_from_env;
use flightdeck_server::track::qr::qr_svg;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// Link subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// Create a tracking link for a creator in a campaign; prints the short URL.
    Create(CreateOpts),
    /// List the workspace's links with their clicks (people; bots and previews apart).
    List(ListOpts),
    /// Point a link at a new destination (same UTMs); running servers drop their cached copy.
    Update(UpdateOpts),
    /// Print (or write) the QR code of a link's short URL as SVG.
    Qr(QrOpts),
}

/// Where short URLs point.
#[derive(Debug, clap::Args)]
pub struct PublicUrl {
    /// The base of short URLs (default: FLIGHTDECK_PUBLIC_URL, else http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
}

impl PublicUrl {
    fn get(&self) -> String {
        self.public_url.as_deref().map(|u| u.trim_end_matches('/').to_owned()).unwrap_or_else(public_url_from_env)
    }
}

/// Options of `links create`.
#[derive(Debug, clap::Args)]
pub struct CreateOpts {
    /// The campaign (`ca_…`, see `flightdeck campaigns list`).
    #[arg(long, value_name = "ID")]
    pub campaign: String,
    /// The creator (`cr_…`, see `flightdeck creators list`).
    #[arg(long, value_name = "ID")]
    pub creator: String,
    /// The landing page, on one of the brand's allowed domains.
    #[arg(long, value_name = "URL")]
    pub destination: String,
    /// `utm_content` (default: the creator's handle).
    #[arg(long, value_name = "TEXT")]
    pub content: Option<String>,
    /// `utm_medium`: social (organic post), paid_social (partnership ads) or affiliate.
    #[arg(long, value_name = "MEDIUM")]
    pub medium: Option<String>,
    /// The platform the link is posted on (`utm_source`; default: the creator's largest account's).
    #[arg(long)]
    pub platform: Option<String>,
    /// The deliverable the link is for (`de_…`).
    #[arg(long, value_name = "ID")]
    pub deliverable: Option<String>,
    /// Short URL base.
    #[command(flatten)]
    pub public_url: PublicUrl,
}

/// Options of `links list`.
#[derive(Debug, clap::Args)]
pub struct ListOpts {
    /// Only links of this campaign.
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Only links of this creator.
    #[arg(long, value_name = "ID")]
    pub creator: Option<String>,
    /// Short URL base.
    #[command(flatten)]
    pub public_url: PublicUrl,
}

/// Options of `links update`.
#[derive(Debug, clap::Args)]
pub struct UpdateOpts {
    /// The link's id (`ln_…`) or short code.
    pub link: String,
    /// The new landing page, on one of the brand's allowed domains.
    #[arg(long, value_name = "URL")]
    pub destination: String,
    /// Short URL base.
    #[command(flatten)]
    pub public_url: PublicUrl,
}

/// Options of `links qr`.
#[derive(Debug, clap::Args)]
pub struct QrOpts {
    /// The link's id (`ln_…`) or short code.
    pub link: String,
    /// Write the SVG to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Short URL base.
    #[command(flatten)]
    pub public_url: PublicUrl,
}

/// A tracking error as the CLI reports it (all are the user's to fix, but the store's).
pub fn track_error(e: TrackError) -> anyhow::Error {
    match e {
        TrackError::Store(s) => anyhow::Error::new(s),
        TrackError::Invalid { field, message } => user(format!("--{field}: {message}")),
        TrackError::Destination(e) => user(format!("--destination: {e}")),
        other => user(other.to_string()),
    }
}

/// Runs a link subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    match opts {
        Opts::Create(o) => {
            let new = NewLink {
                campaign: o.campaign,
                creator: o.creator,
                destination: o.destination,
                content: o.content,
                medium: o.medium,
                platform: o.platform,
                deliverable: o.deliverable,
            };
            let view = create_link(store.as_ref(), &workspace, &new, &o.public_url.get()).await.map_err(track_error)?;
            print_one(&view, ctx.format)
        }
        Opts::List(o) => {
            let all = list_links(store.as_ref(), &workspace.id, &o.public_url.get()).await.map_err(track_error)?;
            let views: Vec<LinkView> = all
                .into_iter()
                .filter(|l| o.campaign.as_deref().is_none_or(|c| l.campaign_id == c.trim()))
                .filter(|l| o.creator.as_deref().is_none_or(|c| l.creator_id == c.trim()))
                .collect();
            print_list(&views, ctx.format)
        }
        Opts::Update(o) => {
            let view = update_destination(store.as_ref(), &workspace, &o.link, &o.destination, &o.public_url.get())
                .await
                .map_err(track_error)?;
            print_one(&view, ctx.format)
        }
        Opts::Qr(o) => {
            let link = find_link(store.as_ref(), &workspace.id, &o.link).await.map_err(track_error)?;
            let svg = qr_svg(&short_url(&o.public_url.get(), &link.code))?;
            match o.out {
                Some(path) => std::fs::write(&path, svg)
                    .map_err(|e| user(format!("{}: cannot write the QR code: {e}", path.display()))),
                None => write_stdout(&svg),
            }
        }
    }
}

/// `create` and `update` print the short URL alone (table), or the link (json, csv).
fn print_one(view: &LinkView, format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => print_json(view),
        OutputFormat::Csv => print_list(std::slice::from_ref(view), format),
        OutputFormat::Table => write_stdout(&format!("{}\n", view.url)),
    }
}

fn print_list(views: &[LinkView], format: OutputFormat) -> anyhow::Result<()> {
    if format == OutputFormat::Json {
        return print_json(views);
    }
    let mut table =
        Table::new(["id", "code", "url", "campaign", "creator", "clicks", "bot_clicks", "created_at", "destination"])
            .numeric(&[5, 6]);
    for v in views {
        table.row([
            v.id.clone(),
            v.code.clone(),
            v.url.clone(),
            v.campaign_id.clone(),
            v.creator_id.clone(),
            v.clicks.to_string(),
            v.bot_clicks.to_string(),
            v.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            v.destination.clone(),
        ]);
    }
    table.print(format)
}
