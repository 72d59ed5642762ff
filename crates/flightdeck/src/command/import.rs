//! `flightdeck import <kind> FILE [--skip-invalid]`.
//!
//! Imports are all-or-nothing unless `--skip-invalid`: the file is checked whole
//! first, and written in one transaction only when every row is valid (or, with
//! `--skip-invalid`, with the valid rows). Every rejected row is reported with its
//! line, column and reason. Re-importing a file changes nothing.

mod creators;
mod exposures;
mod metrics;

use std::path::{Path, PathBuf};

use flightdeck_ingest::csv_rows::RowError;

use super::Ctx;
use crate::error::user;

/// What kind of file is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Creators CSV: creator,platform,handle,followers[,country,language,niche,email,url].
    Creators,
    /// Daily metrics CSV: platform,handle,date,followers[,following,posts,reach,…].
    Metrics,
    /// View-through exposures CSV: seen_at,creator,campaign,customer_email|click_id[,deliverable,source].
    Exposures,
    /// Instagram Graph API `/{ig-user-id}/media` JSON.
    InstagramMedia,
    /// Instagram Graph API insights JSON.
    InstagramInsights,
    /// Instagram Graph API follower demographics JSON.
    InstagramDemographics,
    /// YouTube Data API v3 `videos.list` JSON.
    YoutubeVideos,
    /// YouTube Data API v3 `channels.list` JSON.
    YoutubeChannels,
    /// TikTok API video list / query JSON.
    TiktokVideos,
}

/// Options of `import`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The kind of file.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The file to import.
    pub file: PathBuf,
    /// The account the platform JSON belongs to (platform JSON kinds only).
    #[arg(long)]
    pub account: Option<String>,
    /// Import the valid rows and report the others, instead of importing nothing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Do not recompute the workspace's vetting scores afterwards (for a series of
    /// imports: run `flightdeck vet --rescore` after the last one).
    #[arg(long)]
    pub no_rescore: bool,
}

/// Runs an import.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts.kind {
        Kind::Creators => creators::run(&opts, ctx).await,
        Kind::Metrics => metrics::run(&opts, ctx).await,
        Kind::Exposures => exposures::run(&opts, ctx).await,
        other => Err(user(format!(
            "importing `{}` is not available in this version yet; import `creators`, `metrics` and `exposures` CSV files instead",
            clap::ValueEnum::to_possible_value(&other).map(|v| v.get_name().to_owned()).unwrap_or_default()
        ))),
    }
}

/// Recomputes the workspace's stored vetting scores after an import (unless
/// `--no-rescore`), so that lists sorted by score stay current.
pub(crate) async fn rescore_after(
    opts: &Opts,
    store: &dyn flightdeck_store::Store,
    workspace: &flightdeck_core::domain::Workspace,
) -> anyhow::Result<()> {
    if opts.no_rescore {
        return Ok(());
    }
    super::vet::rescore(store, workspace).await
}

/// Opens the import file, or says clearly why it cannot be read.
pub(crate) fn open(path: &Path) -> anyhow::Result<std::io::BufReader<std::fs::File>> {
    let file = std::fs::File::open(path).map_err(|e| user(format!("cannot read `{}`: {e}", path.display())))?;
    Ok(std::io::BufReader::with_capacity(1 << 16, file))
}

/// Prints every rejected row on stderr, prefixed with the file name.
pub(crate) fn report_rejected(path: &Path, errors: &[RowError]) {
    for e in errors {
        eprintln!("{}: {e}", path.display());
    }
}

/// The error when invalid rows stop an all-or-nothing import.
pub(crate) fn rejected_error(path: &Path, errors: &[RowError]) -> anyhow::Error {
    let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
    user(format!(
        "{}: {} invalid row(s), nothing imported (first: {first}); fix them, or pass --skip-invalid to import the valid rows",
        path.display(),
        errors.len()
    ))
}
