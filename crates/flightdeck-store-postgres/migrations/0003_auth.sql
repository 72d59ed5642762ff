-- Accounts and access: users, sessions, API tokens. Secrets are never stored:
-- passwords as argon2 PHC strings, session and API tokens as hex SHA-256.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    creator_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX users_by_workspace ON users (workspace_id, email);

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    creator_id TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id, created_at);
