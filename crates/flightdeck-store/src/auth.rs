//! Accounts and access: dashboard users, their sessions, and API tokens.
//!
//! The store never sees a secret: passwords arrive as argon2 PHC strings, session
//! cookies and API tokens as the hex SHA-256 of the token (the caller hashes them).
//! Every user and token belongs to one workspace; a `creator` user or token is bound
//! to one creator of that workspace and sees only that creator's data.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use flightdeck_core::domain::{CreatorId, WorkspaceId};
use serde::{Deserialize, Serialize};

use crate::StoreResult;

/// What a user or token may do in its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including users, tokens and settings.
    Admin,
    /// Reads and writes campaign data (links, checks, imports).
    Marketer,
    /// Reads only.
    Viewer,
    /// A creator: reads only their own creator's data (the portal).
    Creator,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Marketer, Role::Viewer, Role::Creator];

    /// The role's name as stored and typed (`admin`, `marketer`, `viewer`, `creator`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Marketer => "marketer",
            Role::Viewer => "viewer",
            Role::Creator => "creator",
        }
    }

    /// Parses a role name (case-insensitive); `None` for anything else.
    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(raw.trim()))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dashboard user (never with the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The user's opaque id (`us_…`).
    pub id: String,
    /// The workspace the user belongs to.
    pub workspace: WorkspaceId,
    /// The lower-case login e-mail address (account data; never logged).
    pub email: String,
    /// What the user may do.
    pub role: Role,
    /// For a `creator` user: the creator they are.
    pub creator: Option<CreatorId>,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// The user as it will be stored.
    pub user: User,
    /// The argon2 PHC string of the password.
    pub password_hash: String,
}

/// A user with the hash of their password, for signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user.
    pub user: User,
    /// The argon2 PHC string of the password.
    pub password_hash: String,
}

/// An API token's stored facts (the token itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// The token's opaque id (`tk_…`), to list and revoke it.
    pub id: String,
    /// The workspace the token works in.
    pub workspace: WorkspaceId,
    /// What the token may do.
    pub role: Role,
    /// For a `creator` token: the creator it is bound to.
    pub creator: Option<CreatorId>,
    /// A label to recognise it by (`shop-sync`, …).
    pub label: String,
    /// When the token was created.
    pub created_at: DateTime<Utc>,
}

/// A token to store, with the hex SHA-256 of the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// The token's facts.
    pub token: ApiToken,
    /// The hex SHA-256 of the secret token.
    pub token_hash: String,
}

/// A token found by its hash, with the stored hash for a constant-time re-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundToken {
    /// The token's facts.
    pub token: ApiToken,
    /// The stored hash.
    pub token_hash: String,
}

/// A session found by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSession {
    /// The signed-in user.
    pub user: User,
    /// The stored hash (for a constant-time re-check).
    pub session_hash: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

/// The operations on users, sessions and API tokens.
#[async_trait]
pub trait AuthStore: Send + Sync {
    /// Creates a user; the e-mail must be unused (in any workspace) or `Conflict`.
    async fn create_user(&self, user: &NewUser) -> StoreResult<()>;

    /// The user with this (lower-case) e-mail and their password hash.
    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>>;

    /// The workspace's users, by e-mail.
    async fn users(&self, workspace: &WorkspaceId) -> StoreResult<Vec<User>>;

    /// Replaces a user's password hash; `false` when the user does not exist.
    async fn set_password(&self, user_id: &str, password_hash: &str) -> StoreResult<bool>;

    /// Starts a session for a user, valid until `expires_at`.
    async fn create_session(&self, session_hash: &str, user_id: &str, expires_at: DateTime<Utc>) -> StoreResult<()>;

    /// The session with this hash, if it has not expired at `now`.
    async fn session(&self, session_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<FoundSession>>;

    /// Ends a session (signing out); also removes every session expired at `now`.
    async fn delete_session(&self, session_hash: &str, now: DateTime<Utc>) -> StoreResult<()>;

    /// Stores an API token.
    async fn create_token(&self, token: &NewApiToken) -> StoreResult<()>;

    /// The token with this hash.
    async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<FoundToken>>;

    /// The workspace's tokens, newest first.
    async fn tokens(&self, workspace: &WorkspaceId) -> StoreResult<Vec<ApiToken>>;

    /// Revokes a token of the workspace; `false` when there is no such token there.
    async fn revoke_token(&self, workspace: &WorkspaceId, token_id: &str) -> StoreResult<bool>;
}
