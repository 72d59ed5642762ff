//! Erasure of one shopper, shared by `flightdeck erase --customer EMAIL` and
//! `POST /api/v1/erasure`.
//!
//! The address is never stored or logged: it is normalised and hashed under the
//! workspace's customer key (the same key the webhooks hash order e-mails with), and
//! every order with that hash is removed with the clicks and events joined to it.

use flightdeck_core::domain::WorkspaceId;
use flightdeck_core::tracking::customer_hash;
use flightdeck_store::{Erasure, Store, StoreError};

/// Why an erasure could not run.
#[derive(Debug, thiserror::Error)]
pub enum ErasureError {
    /// The address is empty or not an e-mail address.
    #[error("expected the shopper's e-mail address (name@domain), got {0}")]
    NotAnEmail(&'static str),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Removes every order of the shopper with e-mail address `email` in `workspace`, the
/// clicks those orders carry the click id of, the events of those clicks, the
/// orders' refunds and the view-through exposures keyed by the hash or those clicks; says how many of each. Erasing someone unknown removes nothing.
pub async fn erase_shopper(store: &dyn Store, workspace: &WorkspaceId, email: &str) -> Result<Erasure, ErasureError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(ErasureError::NotAnEmail("an empty value"));
    }
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@') => {}
        _ => return Err(ErasureError::NotAnEmail("a value without a single @ between a name and a domain")),
    }
    let key = crate::webhooks::customer_key(store, workspace).await?;
    let Some(hash) = customer_hash(email, &key) else {
        return Err(ErasureError::NotAnEmail("an empty value"));
    };
    let erased = store.erase_customer(workspace, &hash).await?;
    tracing::info!(workspace = %workspace, orders = erased.orders, clicks = erased.clicks, events = erased.events, exposures = erased.exposures, "shopper erased");
    Ok(erased)
}
