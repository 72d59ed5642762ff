//! Users, sessions and API tokens in PostgreSQL (see `flightdeck_store::AuthStore`).
//!
//! Times are stored as fixed-width RFC 3339 text (`…T…Z`, microseconds), so text
//! order is time order.

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use flightdeck_core::domain::{CreatorId, WorkspaceId};
use flightdeck_store::{
    ApiToken, AuthStore, Credentials, FoundSession, FoundToken, NewApiToken, NewUser, Role, StoreError, StoreResult,
    User,
};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::{db_err, PgStore};

const USER_COLUMNS: &str = "u.id, u.workspace_id, u.email, u.role, u.creator_id, u.created_at";
const TOKEN_COLUMNS: &str = "id, workspace_id, role, creator_id, label, created_at";

fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_time(raw: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time `{raw}`: {e}")))
}

fn parse_role(raw: &str) -> StoreResult<Role> {
    Role::parse(raw).ok_or_else(|| StoreError::Corrupt(format!("role `{raw}`")))
}

fn parse_creator(raw: Option<String>) -> StoreResult<Option<CreatorId>> {
    raw.map(|c| CreatorId::parse(&c).map_err(|e| StoreError::Corrupt(e.to_string()))).transpose()
}

fn parse_workspace(raw: &str) -> StoreResult<WorkspaceId> {
    WorkspaceId::parse(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A user from the first six columns of a row ([`USER_COLUMNS`]).
fn user_of(r: &PgRow) -> StoreResult<User> {
    Ok(User {
        id: r.get(0),
        workspace: parse_workspace(r.get(1))?,
        email: r.get(2),
        role: parse_role(r.get(3))?,
        creator: parse_creator(r.get(4))?,
        created_at: parse_time(r.get(5))?,
    })
}

/// A token from the first six columns of a row ([`TOKEN_COLUMNS`]).
fn token_of(r: &PgRow) -> StoreResult<ApiToken> {
    Ok(ApiToken {
        id: r.get(0),
        workspace: parse_workspace(r.get(1))?,
        role: parse_role(r.get(2))?,
        creator: parse_creator(r.get(3))?,
        label: r.get(4),
        created_at: parse_time(r.get(5))?,
    })
}

#[async_trait]
impl AuthStore for PgStore {
    async fn create_user(&self, new: &NewUser) -> StoreResult<()> {
        let u = &new.user;
        sqlx::query(
            "INSERT INTO users (id, workspace_id, email, password_hash, role, creator_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&u.id)
        .bind(u.workspace.as_str())
        .bind(u.email.to_lowercase())
        .bind(&new.password_hash)
        .bind(u.role.as_str())
        .bind(u.creator.as_ref().map(CreatorId::as_str))
        .bind(time_text(u.created_at))
        .execute(self.pool())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>> {
        let sql = format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1");
        let row = sqlx::query(&sql).bind(email.to_lowercase()).fetch_optional(self.pool()).await.map_err(db_err)?;
        row.map(|r| Ok(Credentials { user: user_of(&r)?, password_hash: r.get(6) })).transpose()
    }

    async fn users(&self, workspace: &WorkspaceId) -> StoreResult<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.workspace_id = $1 ORDER BY u.email");
        let rows = sqlx::query(&sql).bind(workspace.as_str()).fetch_all(self.pool()).await.map_err(db_err)?;
        rows.iter().map(user_of).collect()
    }

    async fn set_password(&self, user_id: &str, password_hash: &str) -> StoreResult<bool> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }

    async fn create_session(&self, session_hash: &str, user_id: &str, expires_at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (session_hash, user_id, expires_at) VALUES ($1, $2, $3)")
            .bind(session_hash)
            .bind(user_id)
            .bind(time_text(expires_at))
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn session(&self, session_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<FoundSession>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.session_hash, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.session_hash = $1 AND s.expires_at > $2"
        );
        let row = sqlx::query(&sql)
            .bind(session_hash)
            .bind(time_text(now))
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        row.map(|r| Ok(FoundSession { user: user_of(&r)?, session_hash: r.get(6), expires_at: parse_time(r.get(7))? }))
            .transpose()
    }

    async fn delete_session(&self, session_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE session_hash = $1 OR expires_at <= $2")
            .bind(session_hash)
            .bind(time_text(now))
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn create_token(&self, new: &NewApiToken) -> StoreResult<()> {
        let t = &new.token;
        sqlx::query(
            "INSERT INTO api_tokens (id, workspace_id, token_hash, role, creator_id, label, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&t.id)
        .bind(t.workspace.as_str())
        .bind(&new.token_hash)
        .bind(t.role.as_str())
        .bind(t.creator.as_ref().map(CreatorId::as_str))
        .bind(&t.label)
        .bind(time_text(t.created_at))
        .execute(self.pool())
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<FoundToken>> {
        let sql = format!("SELECT {TOKEN_COLUMNS}, token_hash FROM api_tokens WHERE token_hash = $1");
        let row = sqlx::query(&sql).bind(token_hash).fetch_optional(self.pool()).await.map_err(db_err)?;
        row.map(|r| Ok(FoundToken { token: token_of(&r)?, token_hash: r.get(6) })).transpose()
    }

    async fn tokens(&self, workspace: &WorkspaceId) -> StoreResult<Vec<ApiToken>> {
        let sql =
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at DESC, id");
        let rows = sqlx::query(&sql).bind(workspace.as_str()).fetch_all(self.pool()).await.map_err(db_err)?;
        rows.iter().map(token_of).collect()
    }

    async fn revoke_token(&self, workspace: &WorkspaceId, token_id: &str) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.as_str())
            .bind(token_id)
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(done.rows_affected() > 0)
    }
}
