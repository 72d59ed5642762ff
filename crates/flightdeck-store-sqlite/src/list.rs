//! Reads of the SQLite backend: creator lists, one creator, metrics, counts; and
//! the insertion of campaign-side records.

use std::collections::HashMap;

use flightdeck_core::domain::{Creator, CreatorId, Platform, Tier, WorkspaceId};
use flightdeck_store::{
    codec, AccountKey, AccountMetrics, CreatorFilter, CreatorSort, CreatorSummary, Record, StoreResult, WorkspaceCounts,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};

use crate::bulk::ts;
use crate::db_err;

const ACCOUNT_COLUMNS: &str =
    "a.id, a.creator_id, a.platform, a.handle, a.followers, a.country, a.language, a.niche, a.url";

pub(crate) fn account_columns(r: &SqliteRow) -> codec::AccountColumns {
    codec::AccountColumns {
        id: r.get(0),
        creator_id: r.get(1),
        platform: r.get(2),
        handle: r.get(3),
        followers: r.get(4),
        country: r.get(5),
        language: r.get(6),
        niche: r.get(7),
        url: r.get(8),
    }
}

pub(crate) async fn account_keys(pool: &SqlitePool, ws: &WorkspaceId) -> StoreResult<Vec<AccountKey>> {
    let rows = sqlx::query("SELECT platform, handle_key, id FROM accounts WHERE workspace_id = ?")
        .bind(ws.as_str())
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            let platform: String = r.get(0);
            Ok(AccountKey {
                platform: Platform::parse(&platform)
                    .map_err(|e| flightdeck_store::StoreError::Corrupt(e.to_string()))?,
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

fn push_filters(qb: &mut QueryBuilder<'_, Sqlite>, ws: &WorkspaceId, f: &CreatorFilter) {
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
        CreatorSort::Score => " ORDER BY s.score IS NULL, s.score DESC, c.name, c.id",
        CreatorSort::Tier => " ORDER BY c.tier_rank DESC, c.followers DESC, c.name, c.id",
    }
}

pub(crate) async fn list_creators(
    pool: &SqlitePool,
    ws: &WorkspaceId,
    f: &CreatorFilter,
) -> StoreResult<Vec<CreatorSummary>> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
        "WITH page AS (SELECT c.id AS id, c.name AS name, c.followers AS followers, s.score AS score, \
         s.suspicious AS suspicious, ROW_NUMBER() OVER (",
    );
    qb.push(order_by(f.sort));
    qb.push(") AS pos FROM creators c LEFT JOIN scores s ON s.creator_id = c.id AND s.persona = ")
        .push_bind(f.persona.clone().unwrap_or_default());
    push_filters(&mut qb, ws, f);
    qb.push(order_by(f.sort));
    qb.push(" LIMIT ").push_bind(f.limit.map(codec::to_i64).unwrap_or(-1));
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
        let cols = codec::AccountColumns {
            id: r.get(4),
            creator_id: r.get(5),
            platform: r.get(6),
            handle: r.get(7),
            followers: r.get(8),
            country: r.get(9),
            language: r.get(10),
            niche: r.get(11),
            url: r.get(12),
        };
        if let Some(last) = out.last_mut() {
            last.accounts.push(cols.summary()?);
        }
    }
    Ok(out)
}

pub(crate) async fn creator(pool: &SqlitePool, ws: &WorkspaceId, id: &CreatorId) -> StoreResult<Option<Creator>> {
    let Some(row) = sqlx::query("SELECT id, name FROM creators WHERE workspace_id = ? AND id = ?")
        .bind(ws.as_str())
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE +a.workspace_id = ? AND a.creator_id = ? ORDER BY a.platform, a.handle_key"
    ); // `+`: find the creator's few accounts by accounts_by_creator, not by walking the
       // workspace's unique (platform, handle) index to skip a sort of two rows.
    let accounts = sqlx::query(&sql).bind(ws.as_str()).bind(id.as_str()).fetch_all(pool).await.map_err(db_err)?;
    Ok(Some(Creator {
        id: codec::creator_id(row.get(0))?,
        name: codec::name(row.get(1))?,
        accounts: accounts.iter().map(|r| account_columns(r).account()).collect::<StoreResult<_>>()?,
    }))
}

pub(crate) async fn creator_metrics(
    pool: &SqlitePool,
    ws: &WorkspaceId,
    id: &CreatorId,
) -> StoreResult<Vec<AccountMetrics>> {
    let rows = sqlx::query(
        "SELECT m.account_id, m.day, m.followers, m.following, m.posts, m.reach, m.impressions, m.views, m.likes, \
         m.comments, m.saves, m.shares FROM metrics m JOIN accounts a ON a.id = m.account_id \
         WHERE a.workspace_id = ? AND a.creator_id = ? ORDER BY a.platform, a.handle_key, m.day",
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

pub(crate) async fn counts(pool: &SqlitePool, ws: &WorkspaceId) -> StoreResult<WorkspaceCounts> {
    let mut values: HashMap<&str, u64> = HashMap::new();
    for table in ["creators", "accounts", "metrics", "posts", "links", "clicks", "orders"] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE workspace_id = ?");
        let n: i64 = sqlx::query_scalar(&sql).bind(ws.as_str()).fetch_one(pool).await.map_err(db_err)?;
        values.insert(table, codec::count(n));
    }
    let campaigns: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM documents WHERE workspace_id = ? AND kind = 'campaign'")
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

/// Inserts one campaign-side record into its table.
pub(crate) async fn insert_record(
    tx: &mut Transaction<'static, Sqlite>,
    ws: &WorkspaceId,
    record: &Record,
) -> StoreResult<()> {
    let w = ws.as_str();
    let q = match record {
        Record::Link(l) => sqlx::query(
            "INSERT INTO links (id, workspace_id, code, campaign_id, creator_id, deliverable_id, destination, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(l.id.as_str())
        .bind(w)
        .bind(l.code.clone())
        .bind(l.campaign_id.as_str())
        .bind(l.creator_id.as_str())
        .bind(l.deliverable_id.as_ref().map(|d| d.to_string()))
        .bind(l.destination.clone())
        .bind(ts(&l.created_at)),
        Record::Code(c) => sqlx::query(
            "INSERT INTO codes (id, workspace_id, code, code_key, campaign_id, creator_id, percent_off) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(c.id.as_str())
        .bind(w)
        .bind(c.code.clone())
        .bind(c.code.to_uppercase())
        .bind(c.campaign_id.as_str())
        .bind(c.creator_id.as_ref().map(|d| d.to_string()))
        .bind(i64::from(c.percent_off)),
        Record::Click(c) => sqlx::query(
            "INSERT INTO clicks (id, workspace_id, link_id, at, agent, referrer_host, country, consent, visitor_hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(c.id.as_str())
        .bind(w)
        .bind(c.link_id.as_str())
        .bind(ts(&c.at))
        .bind(c.agent.as_str())
        .bind(c.referrer_host.clone())
        .bind(c.country.clone())
        .bind(c.consent)
        .bind(c.visitor_hash.clone()),
        Record::Order(o) => sqlx::query(
            "INSERT INTO orders (id, workspace_id, shop_platform, external_id, placed_at, total_minor, refunded_minor, currency, \
             codes, utm_source, utm_medium, utm_campaign, click_id, customer_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(o.id.as_str())
        .bind(w)
        .bind(o.shop_platform.clone())
        .bind(o.external_id.clone())
        .bind(ts(&o.placed_at))
        .bind(o.total.minor)
        .bind(o.refunded.minor)
        .bind(o.total.currency.to_string())
        .bind(codec::to_json(&o.codes)?)
        .bind(o.utm_source.clone())
        .bind(o.utm_medium.clone())
        .bind(o.utm_campaign.clone())
        .bind(o.click_id.clone())
        .bind(o.customer_hash.clone()),
        other => {
            let doc = codec::document(other)?;
            sqlx::query("INSERT INTO documents (id, workspace_id, kind, parent_id, creator_id, data) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(doc.id)
                .bind(w)
                .bind(doc.kind)
                .bind(doc.parent_id)
                .bind(doc.creator_id)
                .bind(doc.data)
        }
    };
    q.execute(&mut **tx).await.map_err(db_err)?;
    Ok(())
}
