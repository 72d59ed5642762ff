//! `flightdeck demo`: builds the deterministic demo workspace `demo` (and serves it
//! with `--serve`).
//!
//! Creators are generated in parallel in chunks and written chunk by chunk, so a
//! demo of 100,000 creators needs little memory. Running it again replaces the
//! workspace `demo`; the same seed gives the same data, byte for byte.

mod persist;

use std::path::PathBuf;

use anyhow::Context as _;
use flightdeck_core::demo::{self, TruthEntry};
use rayon::prelude::*;

use super::Ctx;
use crate::error::user;

/// Creators generated and written per chunk.
const CHUNK: u64 = 256;

/// Options of `demo`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The seed: the same seed gives the same workspace.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How many creators.
    #[arg(long, default_value_t = 2_000)]
    pub creators: u64,
    /// Write the generator's ground truth (what was planted per creator) to FILE.
    #[arg(long)]
    pub truth: Option<PathBuf>,
    /// Serve the workspace when it is built.
    #[arg(long)]
    pub serve: bool,
    /// The address to serve on.
    #[arg(long, env = "FLIGHTDECK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
}

/// Builds the demo workspace.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    if opts.creators == 0 {
        return Err(user("--creators must be at least 1"));
    }
    let started = std::time::Instant::now();
    let store = ctx.store().await?;
    let brand = demo::brand(opts.seed);
    if let Some(old) = store.find_workspace(brand.workspace.name.as_str()).await? {
        store.delete_workspace(&old.id).await.context("removing the previous demo workspace")?;
    }
    store.create_workspace(&brand.workspace).await?;
    store.save_personas(&brand.workspace.id, &brand.personas).await?;
    let (truth, summaries) = generate_creators(&opts, store.clone(), &brand.workspace.id).await?;
    let accounts =
        summaries.iter().flat_map(|s| s.creator.accounts.iter()).map(|a| (a.id.clone(), a.clone())).collect();
    let campaigns = tokio::task::spawn_blocking({
        let seed = opts.seed;
        move || demo::campaigns(seed, &summaries)
    })
    .await
    .context("the campaign generator stopped")?;
    persist::write_campaigns(store.as_ref(), &brand.workspace.id, &campaigns, &accounts).await?;
    persist::write_events(store.as_ref(), &brand.workspace.id, &campaigns).await?;
    persist::write_exposures(store.as_ref(), &brand.workspace.id, &campaigns).await?;
    super::vet::rescore(store.as_ref(), &brand.workspace).await?;
    if let Some(path) = &opts.truth {
        write_truth(path, &truth)?;
    }
    let counts = store.counts(&brand.workspace.id).await?;
    eprintln!(
        "demo workspace `{}` built in {:.1}s: {} creators, {} accounts, {} metric days, {} posts",
        brand.workspace.name,
        started.elapsed().as_secs_f64(),
        counts.creators,
        counts.accounts,
        counts.metric_days,
        counts.posts
    );
    demo_user(store.as_ref(), &brand.workspace.id).await?;
    if opts.serve {
        super::serve::serve_store(store, &opts.addr).await?;
    }
    Ok(())
}

/// The demo's dashboard account.
pub const DEMO_EMAIL: &str = "demo@example.com";
/// Its password.
pub const DEMO_PASSWORD: &str = "demo";

/// Creates the demo's admin account `demo@example.com` / `demo` and prints it.
async fn demo_user(
    store: &dyn flightdeck_store::Store,
    workspace: &flightdeck_core::domain::WorkspaceId,
) -> anyhow::Result<()> {
    let spec = flightdeck_server::auth::accounts::UserSpec {
        email: DEMO_EMAIL,
        password: DEMO_PASSWORD,
        role: flightdeck_store::Role::Admin,
        creator: None,
    };
    flightdeck_server::auth::accounts::create_user(store, workspace, spec)
        .await
        .map_err(|e| anyhow::anyhow!("creating the demo user: {e}"))?;
    crate::output::write_stdout(&format!("sign in as {DEMO_EMAIL} with password {DEMO_PASSWORD}\n"))
}

/// Generates every creator (in parallel, chunk by chunk) and writes them; returns
/// the ground truth in creator order, and the summaries of the creators that may take
/// part in the campaigns.
async fn generate_creators(
    opts: &Opts,
    store: std::sync::Arc<dyn flightdeck_store::Store>,
    workspace: &flightdeck_core::domain::WorkspaceId,
) -> anyhow::Result<(Vec<TruthEntry>, Vec<demo::CreatorSummary>)> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<demo::DemoCreator>>(4);
    let (seed, total) = (opts.seed, opts.creators);
    let producer = tokio::task::spawn_blocking(move || {
        let mut start = 0;
        while start < total {
            let end = (start + CHUNK).min(total);
            let chunk: Vec<demo::DemoCreator> = (start..end).into_par_iter().map(|i| demo::creator(seed, i)).collect();
            if tx.blocking_send(chunk).is_err() {
                break;
            }
            start = end;
        }
    });
    let bar = crate::progress::bar(total, "creators");
    let mut truth = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut summaries = Vec::new();
    while let Some(chunk) = rx.recv().await {
        persist::write_chunk(store.as_ref(), workspace, &chunk).await?;
        truth.extend(chunk.iter().map(demo::DemoCreator::truth));
        summaries.extend(chunk.iter().filter(|c| c.index < demo::CAMPAIGN_POOL).map(demo::DemoCreator::summary));
        bar.inc(chunk.len() as u64);
    }
    producer.await.context("the demo generator stopped")?;
    bar.finish_and_clear();
    Ok((truth, summaries))
}

fn write_truth(path: &std::path::Path, truth: &[TruthEntry]) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(truth)?;
    std::fs::write(path, text + "\n").map_err(|e| user(format!("cannot write `{}`: {e}", path.display())))
}
