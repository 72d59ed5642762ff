//! `flightdeck clicks list [--since T]`: the stored clicks, for scripts and audits.

use chrono::{DateTime, NaiveDate, Utc};

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// Click subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// List the stored clicks, oldest first (`human` says whether it counts in KPIs).
    List(ListOpts),
}

/// Options of `clicks list`.
#[derive(Debug, clap::Args)]
pub struct ListOpts {
    /// Only clicks at or after this time (RFC 3339, or a date YYYY-MM-DD in UTC).
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Only clicks of this link (id `ln_…`).
    #[arg(long, value_name = "ID")]
    pub link: Option<String>,
}

/// The time `--since` names (an RFC 3339 time or a day), for every listing command.
pub(crate) fn since_of(raw: &str) -> anyhow::Result<DateTime<Utc>> {
    let t = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.to_utc());
    }
    if let Some(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)) {
        return Ok(day.and_utc());
    }
    Err(user(format!("--since: expected an RFC 3339 time (2025-06-01T12:00:00Z) or a date (2025-06-01), got `{raw}`")))
}

/// Runs a click subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let Opts::List(o) = opts;
    let since = o.since.as_deref().map(since_of).transpose()?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let mut clicks = store.list_clicks(&workspace.id, since).await?;
    if let Some(link) = &o.link {
        clicks.retain(|c| c.link_id.as_str() == link.trim());
    }
    if ctx.format == OutputFormat::Json {
        return print_json(&clicks);
    }
    let mut table = Table::new(["id", "link", "at", "agent", "human", "referrer", "country", "consent"]);
    for c in &clicks {
        table.row([
            c.id.to_string(),
            c.link_id.to_string(),
            c.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            c.agent.as_str().to_owned(),
            if c.agent.is_human() { "yes" } else { "no" }.to_owned(),
            c.referrer_host.clone().unwrap_or_default(),
            c.country.clone().unwrap_or_default(),
            if c.consent { "yes" } else { "no" }.to_owned(),
        ]);
    }
    table.print(ctx.format)
}
