//! Upserting creators with their accounts, a batch at a time.
//!
//! The SQLite backend writes one row after the other; here a batch goes in two
//! multi-row statements (creators, then accounts), which PostgreSQL refuses when
//! one statement touches a row twice. So rows naming the same creator, or the same
//! account, are first merged exactly as row-by-row upserts would leave them: the
//! first row's new id, the last row's values, and for optional fields the last
//! value given.

use std::collections::HashMap;

use flightdeck_core::domain::{AccountId, Platform};
use flightdeck_store::{codec, NewAccount, StoreError, StoreResult};
use sqlx::{Postgres, QueryBuilder, Row};

use crate::bulk::PgSession;
use crate::db_err;

/// Input rows per batch (11 parameters each, far below PostgreSQL's 65,535).
const BATCH: usize = 1_000;

/// One creator of a batch, merged over the rows that name it.
struct CreatorIn<'a> {
    new_id: &'a str,
    name: &'a str,
    email_hash: Option<&'a str>,
}

/// One account of a batch, merged over the rows that name it.
struct AccountIn<'a> {
    new_id: &'a str,
    key: (&'static str, String),
    last: &'a NewAccount,
    country: Option<String>,
    language: Option<String>,
    niche: Option<&'a str>,
    url: Option<&'a str>,
}

/// Upserts `rows`; returns the id of each row's account, in order.
pub(crate) async fn upsert(s: &mut PgSession, rows: &[NewAccount]) -> StoreResult<Vec<AccountId>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(BATCH) {
        let creators = upsert_creators(s, chunk).await?;
        let accounts = upsert_accounts(s, chunk, &creators).await?;
        for row in chunk {
            let key = (row.platform.as_str(), row.handle.key());
            let id = accounts
                .get(&key)
                .ok_or_else(|| StoreError::Database(format!("account {}/{} was not stored", key.0, key.1)))?;
            ids.push(codec::account_id(id)?);
        }
    }
    Ok(ids)
}

fn merge_creators(rows: &[NewAccount]) -> Vec<CreatorIn<'_>> {
    let mut out: Vec<CreatorIn<'_>> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        let name = row.creator_name.as_str();
        let hash = row.email_hash.as_deref();
        match at.get(name) {
            Some(&i) => out[i].email_hash = hash.or(out[i].email_hash),
            None => {
                at.insert(name, out.len());
                out.push(CreatorIn { new_id: row.new_creator_id.as_str(), name, email_hash: hash });
            }
        }
    }
    out
}

/// Inserts or updates the batch's creators; returns their ids by name.
async fn upsert_creators(s: &mut PgSession, rows: &[NewAccount]) -> StoreResult<HashMap<String, String>> {
    let creators = merge_creators(rows);
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new("INSERT INTO creators (id, workspace_id, name, email_hash) ");
    qb.push_values(&creators, |mut b, c| {
        b.push_bind(c.new_id).push_bind(s.workspace.as_str()).push_bind(c.name).push_bind(c.email_hash);
    });
    qb.push(
        " ON CONFLICT (workspace_id, name) DO UPDATE SET email_hash = COALESCE(excluded.email_hash, creators.email_hash) \
         RETURNING name, id",
    );
    let stored = qb.build().fetch_all(&mut *s.tx).await.map_err(db_err)?;
    Ok(stored.iter().map(|r| (r.get(0), r.get(1))).collect())
}

fn merge_accounts(rows: &[NewAccount]) -> Vec<AccountIn<'_>> {
    let mut out: Vec<AccountIn<'_>> = Vec::new();
    let mut at: HashMap<(&'static str, String), usize> = HashMap::new();
    for row in rows {
        let key = (row.platform.as_str(), row.handle.key());
        let country = row.country.map(|c| c.to_string());
        let language = row.language.map(|l| l.to_string());
        match at.get(&key) {
            Some(&i) => {
                let a = &mut out[i];
                a.last = row;
                a.country = country.or(a.country.take());
                a.language = language.or(a.language.take());
                a.niche = row.niche.as_deref().or(a.niche);
                a.url = row.url.as_deref().or(a.url);
            }
            None => {
                at.insert(key.clone(), out.len());
                out.push(AccountIn {
                    new_id: row.new_account_id.as_str(),
                    key,
                    last: row,
                    country,
                    language,
                    niche: row.niche.as_deref(),
                    url: row.url.as_deref(),
                });
            }
        }
    }
    out
}

/// Inserts or updates the batch's accounts; returns their ids by (platform, key).
async fn upsert_accounts(
    s: &mut PgSession,
    rows: &[NewAccount],
    creators: &HashMap<String, String>,
) -> StoreResult<HashMap<(&'static str, String), String>> {
    let accounts = merge_accounts(rows);
    let mut owners = Vec::with_capacity(accounts.len());
    for a in &accounts {
        let name = a.last.creator_name.as_str();
        let id = creators.get(name).ok_or_else(|| StoreError::Database(format!("creator `{name}` was not stored")))?;
        owners.push(id.as_str());
    }
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
        "INSERT INTO accounts (id, workspace_id, creator_id, platform, handle, handle_key, followers, country, language, niche, url) ",
    );
    qb.push_values(accounts.iter().zip(owners), |mut b, (a, owner)| {
        b.push_bind(a.new_id)
            .push_bind(s.workspace.as_str())
            .push_bind(owner)
            .push_bind(a.key.0)
            .push_bind(a.last.handle.as_str())
            .push_bind(a.key.1.as_str())
            .push_bind(codec::to_i64(a.last.followers))
            .push_bind(a.country.as_deref())
            .push_bind(a.language.as_deref())
            .push_bind(a.niche)
            .push_bind(a.url);
    });
    qb.push(
        " ON CONFLICT (workspace_id, platform, handle_key) DO UPDATE SET \
         creator_id = excluded.creator_id, handle = excluded.handle, followers = excluded.followers, \
         country = COALESCE(excluded.country, accounts.country), language = COALESCE(excluded.language, accounts.language), \
         niche = COALESCE(excluded.niche, accounts.niche), url = COALESCE(excluded.url, accounts.url) \
         RETURNING platform, handle_key, id",
    );
    let stored = qb.build().fetch_all(&mut *s.tx).await.map_err(db_err)?;
    let mut out = HashMap::with_capacity(stored.len());
    for r in &stored {
        let platform: String = r.get(0);
        let platform = Platform::parse(&platform).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        out.insert((platform.as_str(), r.get(1)), r.get(2));
    }
    Ok(out)
}
