//! Daily metrics in bulk: `COPY` into a temporary table, then one
//! `INSERT … SELECT … ON CONFLICT` into `metrics`.
//!
//! `COPY` streams rows without a statement or parameter limit, which makes it the
//! fastest way into PostgreSQL; the merge then updates the days that exist and
//! inserts the others, as the SQLite backend's upsert does.

use std::collections::HashMap;
use std::fmt::Write as _;

use flightdeck_store::{codec, day_number, AccountIdRef, MetricRow, StoreResult};

use crate::bulk::PgSession;
use crate::db_err;
use crate::owned::Parent;

/// Bytes of COPY data sent per message.
const SEND_AT: usize = 1 << 20;

const STAGE: &str = "CREATE TEMPORARY TABLE IF NOT EXISTS fd_metrics_in (account_id TEXT COLLATE \"C\" NOT NULL, \
     day BIGINT NOT NULL, followers BIGINT NOT NULL, following BIGINT, posts BIGINT, reach BIGINT, \
     impressions BIGINT, views BIGINT, likes BIGINT, comments BIGINT, saves BIGINT, shares BIGINT) ON COMMIT DROP";

const MERGE: &str = "INSERT INTO metrics (workspace_id, account_id, day, followers, following, posts, reach, \
     impressions, views, likes, comments, saves, shares) \
     SELECT $1, account_id, day, followers, following, posts, reach, impressions, views, likes, comments, saves, shares \
     FROM fd_metrics_in \
     ON CONFLICT (account_id, day) DO UPDATE SET followers = excluded.followers, following = excluded.following, \
     posts = excluded.posts, reach = excluded.reach, impressions = excluded.impressions, views = excluded.views, \
     likes = excluded.likes, comments = excluded.comments, saves = excluded.saves, shares = excluded.shares";

/// Inserts or updates daily metrics, matched by (account, date); of several rows
/// for the same account and date, the last one counts.
pub(crate) async fn upsert_metrics(s: &mut PgSession, rows: &[MetricRow]) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ws = s.workspace.clone();
    s.owned.check(&mut s.tx, &ws, Parent::Account, rows.iter().map(|r| r.account.as_str())).await?;
    let keep = last_of_each_day(rows);
    sqlx::query(STAGE).execute(&mut *s.tx).await.map_err(db_err)?;
    let mut copy =
        s.tx.copy_in_raw(
            "COPY fd_metrics_in (account_id, day, followers, following, posts, reach, impressions, views, likes, \
             comments, saves, shares) FROM STDIN",
        )
        .await
        .map_err(db_err)?;
    let mut buf = String::with_capacity(SEND_AT + 4096);
    let mut sent = Ok(());
    for (i, row) in rows.iter().enumerate() {
        if keep.as_ref().is_some_and(|k| !k[i]) {
            continue;
        }
        write_row(&mut buf, row);
        if buf.len() >= SEND_AT {
            sent = copy.send(buf.as_bytes()).await.map(|_| ());
            buf.clear();
            if sent.is_err() {
                break;
            }
        }
    }
    if sent.is_ok() && !buf.is_empty() {
        sent = copy.send(buf.as_bytes()).await.map(|_| ());
    }
    match sent {
        Ok(()) => {
            copy.finish().await.map_err(db_err)?;
        }
        Err(e) => {
            // The server answers an abort with an error of its own; the send error is the cause.
            let _ = copy.abort("flightdeck: sending metrics failed").await;
            return Err(db_err(e));
        }
    }
    sqlx::query(MERGE).bind(ws.as_str()).execute(&mut *s.tx).await.map_err(db_err)?;
    sqlx::query("TRUNCATE fd_metrics_in").execute(&mut *s.tx).await.map_err(db_err)?;
    Ok(())
}

/// Which rows to send when some (account, date) appears more than once: only the
/// last of each (`None`: every row is the only one of its day).
fn last_of_each_day(rows: &[MetricRow]) -> Option<Vec<bool>> {
    let mut last: HashMap<(AccountIdRef, i64), usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        last.insert((row.account, day_number(row.metrics.date)), i);
    }
    if last.len() == rows.len() {
        return None;
    }
    let mut keep = vec![false; rows.len()];
    for i in last.into_values() {
        keep[i] = true;
    }
    Some(keep)
}

/// Appends one row in COPY's text format (tab-separated, `\N` for NULL).
fn write_row(buf: &mut String, row: &MetricRow) {
    let m = &row.metrics;
    push_text(buf, row.account.as_str());
    let _ = write!(buf, "\t{}\t{}", day_number(m.date), codec::to_i64(m.followers));
    for value in codec::metric_columns(m) {
        match value {
            Some(v) => {
                let _ = write!(buf, "\t{v}");
            }
            None => buf.push_str("\t\\N"),
        }
    }
    buf.push('\n');
}

/// Appends text with COPY's escapes for backslash, tab and line breaks.
fn push_text(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            other => buf.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use flightdeck_core::domain::{AccountId, DailyMetrics};

    fn row(id: &str, day: u32, followers: u64) -> MetricRow {
        let account = AccountIdRef::new(&AccountId::parse(id).unwrap()).unwrap();
        let date = NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
        MetricRow { account, metrics: DailyMetrics { likes: Some(7), ..DailyMetrics::new(date, followers) } }
    }

    #[test]
    fn rows_are_written_in_copy_text_format() {
        let mut buf = String::new();
        write_row(&mut buf, &row("ac_abc", 2, 1500));
        assert_eq!(buf, "ac_abc\t20090\t1500\t\\N\t\\N\t\\N\t\\N\t\\N\t7\t\\N\t\\N\t\\N\n");
        let mut text = String::new();
        push_text(&mut text, "a\\b\tc\nd");
        assert_eq!(text, "a\\\\b\\tc\\nd");
    }

    #[test]
    fn only_the_last_row_of_a_day_is_kept() {
        let rows = [row("ac_a", 1, 1), row("ac_b", 1, 2), row("ac_a", 1, 3), row("ac_a", 2, 4)];
        assert_eq!(last_of_each_day(&rows), Some(vec![false, true, true, true]));
        assert_eq!(last_of_each_day(&rows[1..]), None);
    }
}
