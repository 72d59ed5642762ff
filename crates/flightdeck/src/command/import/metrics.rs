//! Import of a daily metrics CSV (streamed: checked in a first pass, written in a
//! second, so files of millions of rows need little memory).

use std::collections::HashMap;

use flightdeck_core::domain::{AccountId, Platform};
use flightdeck_ingest::csv_rows::RowError;
use flightdeck_ingest::metrics_csv::{read_metrics, MetricsCsvRow};
use flightdeck_store::{AccountIdRef, MetricRow};

use super::{open, rejected_error, report_rejected, Opts};
use crate::command::Ctx;
use crate::error::user;

/// Rows written per store call.
const BATCH: usize = 5_000;

type AccountMap = HashMap<(Platform, String), AccountId>;

pub(crate) async fn run(opts: &Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let accounts: AccountMap = store
        .account_keys(&workspace.id)
        .await?
        .into_iter()
        .map(|k| ((k.platform, k.handle_key), k.account_id))
        .collect();
    let (rows, errors) = check_file(opts, &accounts)?;
    report_rejected(&opts.file, &errors);
    if !errors.is_empty() && !opts.skip_invalid {
        return Err(rejected_error(&opts.file, &errors));
    }
    let bar = crate::progress::bar(rows, "metrics");
    let mut session = store.begin(&workspace.id).await?;
    let mut batch: Vec<MetricRow> = Vec::with_capacity(BATCH);
    let mut written = 0u64;
    let reader = read_metrics(open(&opts.file)?).map_err(|e| user(format!("{}: {e}", opts.file.display())))?;
    for row in reader.flatten() {
        let Some(row) = to_metric_row(&row, &accounts) else { continue };
        batch.push(row);
        if batch.len() == BATCH {
            written += flush(&mut batch, session.as_mut()).await?;
            bar.set_position(written);
        }
    }
    written += flush(&mut batch, session.as_mut()).await?;
    session.commit().await?;
    bar.finish_and_clear();
    eprintln!("imported {written} metric row(s) into workspace `{}`; {} row(s) rejected", workspace.name, errors.len());
    super::rescore_after(opts, store.as_ref(), &workspace).await
}

/// First pass: every row parsed and its account looked up; returns the number of
/// valid rows and the rejected ones.
fn check_file(opts: &Opts, accounts: &AccountMap) -> anyhow::Result<(u64, Vec<RowError>)> {
    let reader = read_metrics(open(&opts.file)?).map_err(|e| user(format!("{}: {e}", opts.file.display())))?;
    let mut valid = 0u64;
    let mut errors = Vec::new();
    for row in reader {
        match row {
            Ok(r) if accounts.contains_key(&(r.platform, r.handle.key())) => valid += 1,
            Ok(r) => errors.push(RowError {
                line: r.line,
                column: Some("handle".to_owned()),
                reason: format!(
                    "no {} account `{}` in this workspace: import it with `flightdeck import creators` first",
                    r.platform, r.handle
                ),
            }),
            Err(e) => errors.push(e),
        }
    }
    Ok((valid, errors))
}

fn to_metric_row(row: &MetricsCsvRow, accounts: &AccountMap) -> Option<MetricRow> {
    let id = accounts.get(&(row.platform, row.handle.key()))?;
    Some(MetricRow { account: AccountIdRef::new(id)?, metrics: row.metrics })
}

/// Writes a batch, keeping only the last row of an (account, date) that occurs
/// twice in it (a database may refuse to update one row twice in one statement).
async fn flush(batch: &mut Vec<MetricRow>, session: &mut dyn flightdeck_store::BulkSession) -> anyhow::Result<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    let mut seen = std::collections::HashSet::with_capacity(batch.len());
    let mut unique: Vec<MetricRow> = Vec::with_capacity(batch.len());
    for row in batch.drain(..).rev() {
        if seen.insert((row.account, row.metrics.date)) {
            unique.push(row);
        }
    }
    unique.reverse();
    session.upsert_metrics(&unique).await?;
    Ok(unique.len() as u64)
}
