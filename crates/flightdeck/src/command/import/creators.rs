//! Import of a creators CSV.

use flightdeck_core::domain::{AccountId, CreatorId};
use flightdeck_ingest::creators_csv::{read_creators, CreatorCsvRow};
use flightdeck_store::NewAccount;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

use super::{open, rejected_error, report_rejected, Opts};
use crate::command::Ctx;
use crate::error::user;

/// Rows written per store call.
const BATCH: usize = 2_000;

pub(crate) async fn run(opts: &Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let rows = read_creators(open(&opts.file)?).map_err(|e| user(format!("{}: {e}", opts.file.display())))?;
    let mut valid = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        match row {
            Ok(r) => valid.push(r),
            Err(e) => errors.push(e),
        }
    }
    report_rejected(&opts.file, &errors);
    if !errors.is_empty() && !opts.skip_invalid {
        return Err(rejected_error(&opts.file, &errors));
    }
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let bar = crate::progress::bar(valid.len() as u64, "creators");
    let mut session = store.begin(&workspace.id).await?;
    for chunk in valid.chunks(BATCH) {
        let accounts: Vec<NewAccount> = chunk.iter().map(|r| new_account(r, workspace.id.as_str())).collect();
        session.upsert_accounts(&accounts).await?;
        bar.inc(chunk.len() as u64);
    }
    session.commit().await?;
    bar.finish_and_clear();
    let creators: std::collections::BTreeSet<&str> = valid.iter().map(|r| r.creator.as_str()).collect();
    eprintln!(
        "imported {} account(s) of {} creator(s) into workspace `{}`; {} row(s) rejected",
        valid.len(),
        creators.len(),
        workspace.name,
        errors.len()
    );
    super::rescore_after(opts, store.as_ref(), &workspace).await
}

fn new_account(row: &CreatorCsvRow, workspace: &str) -> NewAccount {
    NewAccount {
        new_creator_id: CreatorId::generate(&mut OsRng),
        new_account_id: AccountId::generate(&mut OsRng),
        creator_name: row.creator.clone(),
        platform: row.platform,
        handle: row.handle.clone(),
        followers: row.followers,
        country: row.country,
        language: row.language,
        niche: row.niche.clone(),
        url: row.url.clone(),
        email_hash: row.email.as_deref().map(|e| email_hash(workspace, e)),
    }
}

/// A workspace-scoped hash of a creator's e-mail: lets the same person be
/// recognised again without keeping the address.
fn email_hash(workspace: &str, email: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"flightdeck-creator-email\0");
    hasher.update(workspace.as_bytes());
    hasher.update(b"\0");
    hasher.update(email.trim().to_lowercase().as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
