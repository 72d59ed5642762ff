//! The store's error type.

use thiserror::Error;

/// What can go wrong in a store operation.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database URL or options are wrong.
    #[error("database configuration: {0}")]
    Config(String),
    /// A row would break a uniqueness rule (a name already taken, …).
    #[error("already exists: {0}")]
    Conflict(String),
    /// A referenced row does not exist in this workspace.
    #[error("not found: {0}")]
    NotFound(String),
    /// Stored data could not be read back (a corrupt or foreign row).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(String),
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
