//! Reads of the PostgreSQL backend: creator lists, one creator, metrics, counts.
//!
//! Every query is the SQLite backend's, with the same ordering: text columns sort
//! in byte order (their collation is "C"), unscored creators sort last.

use std::collections::HashMap;

use flightdeck_core::domain::{Creator, CreatorId, Platform, Tier, WorkspaceId};
use flightdeck_store::{
    codec, AccountKey, AccountMetrics, CreatorFilter, CreatorSort, CreatorSummary, StoreError, StoreResult,
    WorkspaceCounts,
};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use crate::db_err;

const ACCOUNT_COLUMNS: &str =
    "a.id, a.creator_id, a.platform, a.handle, a.followers, a.country, a.language, a.niche, a.url";

/// The account columns of a row, starting at column `at`.
pub(crate) fn account_columns(r: &PgRow, at: usize) -> codec::AccountColumns {
    codec::AccountColumns {
        id: r.get(at),
        creator_id: r.get(at + 1),
        platform: r.get(at + 2),
        handle: r.get(at + 3),
        followers: r.get(at + 4),
        country: r.get(at + 5),
        language: r.get(at + 6),
        niche: r.get(at + 7),
        url: r.get(at + 8),
    }
}

pub(crate) async fn account_keys(pool: &PgPool, ws: &WorkspaceId) -> StoreResult<Vec<AccountKey>> {
    let rows = sqlx::query("SELECT platform, handle_key, id FROM accounts WHERE workspace_id = $1")
        .bind(ws.as_str())
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            let platform: String = r.get(0);
            Ok(AccountKey {
                platform: Platform::parse(&platform).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                handle_key: r.get(1),
                account_id: codec::account_id(r.get(2))?,
            })
        })
        .collect()
}

fn tier_rank(tier: Tier) -> i64 {
    match tier {
        Tier::Emerging => 0,
        Tier::Nano => 1,
        Tier::Micro => 2,
        Tier::Macro => 3,
        Tier::Mega => 4,
    }
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, ws: &WorkspaceId, f: &CreatorFilter) {
    qb.push(" WHERE c.workspace_id = ").push_bind(ws.as_str().to_owned());
    if let Some(tier) = f.tier {
        qb.push(" AND c.tier_rank = ").push_bind(tier_rank(tier));
    }
    if let Some(platform) = f.platform {
        qb.push(" AND EXISTS (SELECT 1 FROM accounts a WHERE a.creator_id = c.id AND a.platform = ")
            .push_bind(platform.as_str())
            .push(")");
    }
    if let Some(country) = f.country {
        qb.push(" AND EXISTS (SELECT 1 FROM accounts a WHERE a.creator_id = c.id AND a.country = ")
            .push_bind(country.to_string())
            .push(")");
    }
    if let Some(niche) = &f.niche {
        // lower() of a "C"-collated column folds ASCII letters only, as SQLite's does.
        qb.push(" AND EXISTS (SELECT 1 FROM accounts a WHERE a.creator_id = c.id AND lower(a.niche) = ")
            .push_bind(niche.to_lowercase())
            .push(")");
    }
    if let Some(min) = f.min_score {
        qb.push(" AND s.score >= ").push_bind(min);
    }
}

fn order_by(sort: CreatorSort) -> &'static str {
    match sort {
        CreatorSort::Name => " ORDER BY c.name, c.id",
        CreatorSort::Followers => " ORDER BY c.followers DESC, c.name, c.id",
        CreatorSort::Score => " ORDER BY s.score DESC NULLS LAST, c.name, c.id",
        CreatorSort::Tier => " ORDER BY c.tier_rank DESC, c.followers DESC, c.name, c.id",
    }
}

pub(crate) async fn list_creators(
    pool: &PgPool,
    ws: &WorkspaceId,
    f: &CreatorFilter,
) -> StoreResult<Vec<CreatorSummary>> {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
        "WITH page AS (SELECT c.id AS id, c.name AS name, c.followers AS followers, s.score AS score, \
         s.suspicious AS suspicious, ROW_NUMBER() OVER (",
    );
    qb.push(order_by(f.sort));
    qb.push(") AS pos FROM creators c LEFT JOIN scores s ON s.creator_id = c.id AND s.persona = ")
        .push_bind(f.persona.clone().unwrap_or_default());
    push_filters(&mut qb, ws, f);
    qb.push(order_by(f.sort));
    // A NULL limit is no limit (LIMIT ALL).
    qb.push(" LIMIT ").push_bind(f.limit.map(codec::to_i64));
    qb.push(" OFFSET ").push_bind(codec::to_i64(f.offset));
    qb.push(") SELECT page.id, page.name, page.followers, page.score, ");
    qb.push(ACCOUNT_COLUMNS);
    qb.push(", page.suspicious FROM page JOIN accounts a ON a.creator_id = page.id ORDER BY page.pos, a.platform, a.handle_key");
    let rows = qb.build().fetch_all(pool).await.map_err(db_err)?;
    let mut out: Vec<CreatorSummary> = Vec::new();
    for r in &rows {
        let id: String = r.get(0);
        if out.last().map(|c| c.id.as_str() != id).unwrap_or(true) {
            let followers: i64 = r.get(2);
            out.push(CreatorSummary {
                id: codec::creator_id(&id)?,
                name: codec::name(r.get(1))?,
                tier: Tier::of(codec::count(followers)),
                followers: codec::count(followers),
                score: r.get(3),
                suspicious: r.get(13),
                accounts: Vec::new(),
            });
        }
        let summary = account_columns(r, 4).summary()?;
        if let Some(last) = out.last_mut() {
            last.accounts.push(summary);
        }
    }
    Ok(out)
}

pub(crate) async fn creator(pool: &PgPool, ws: &WorkspaceId, id: &CreatorId) -> StoreResult<Option<Creator>> {
    let Some(row) = sqlx::query("SELECT id, name FROM creators WHERE workspace_id = $1 AND id = $2")
        .bind(ws.as_str())
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.workspace_id = $1 AND a.creator_id = $2 ORDER BY a.platform, a.handle_key"
    );
    let accounts = sqlx::query(&sql).bind(ws.as_str()).bind(id.as_str()).fetch_all(pool).await.map_err(db_err)?;
    Ok(Some(Creator {
        id: codec::creator_id(row.get(0))?,
        name: codec::name(row.get(1))?,
        accounts: accounts.iter().map(|r| account_columns(r, 0).account()).collect::<StoreResult<_>>()?,
    }))
}

pub(crate) async fn creator_metrics(
    pool: &PgPool,
    ws: &WorkspaceId,
    id: &CreatorId,
) -> StoreResult<Vec<AccountMetrics>> {
    let rows = sqlx::query(
        "SELECT m.account_id, m.day, m.followers, m.following, m.posts, m.reach, m.impressions, m.views, m.likes, \
         m.comments, m.saves, m.shares FROM metrics m JOIN accounts a ON a.id = m.account_id \
         WHERE a.workspace_id = $1 AND a.creator_id = $2 ORDER BY a.platform, a.handle_key, m.day",
    )
    .bind(ws.as_str())
    .bind(id.as_str())
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut out: Vec<AccountMetrics> = Vec::new();
    for r in &rows {
        let account: String = r.get(0);
        let rest: [Option<i64>; 9] = std::array::from_fn(|i| r.get(i + 3));
        let day = codec::daily_metrics(r.get(1), r.get(2), rest)?;
        match out.last_mut() {
            Some(last) if last.account_id.as_str() == account => last.days.push(day),
            _ => out.push(AccountMetrics { account_id: codec::account_id(&account)?, days: vec![day] }),
        }
    }
    Ok(out)
}

pub(crate) async fn counts(pool: &PgPool, ws: &WorkspaceId) -> StoreResult<WorkspaceCounts> {
    let mut values: HashMap<&str, u64> = HashMap::new();
    for table in ["creators", "accounts", "metrics", "posts", "links", "clicks", "orders"] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE workspace_id = $1");
        let n: i64 = sqlx::query_scalar(&sql).bind(ws.as_str()).fetch_one(pool).await.map_err(db_err)?;
        values.insert(table, codec::count(n));
    }
    let campaigns: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM documents WHERE workspace_id = $1 AND kind = 'campaign'")
            .bind(ws.as_str())
            .fetch_one(pool)
            .await
            .map_err(db_err)?;
    let get = |t: &str| values.get(t).copied().unwrap_or(0);
    Ok(WorkspaceCounts {
        creators: get("creators"),
        accounts: get("accounts"),
        metric_days: get("metrics"),
        posts: get("posts"),
        campaigns: codec::count(campaigns),
        links: get("links"),
        clicks: get("clicks"),
        orders: get("orders"),
    })
}
