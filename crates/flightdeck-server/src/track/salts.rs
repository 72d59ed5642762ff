//! The daily salts of the visitor hashes, one secret per workspace (kept in the store
//! so that every node and every restart hashes alike), the salt of each UTC day
//! derived from it ([`flightdeck_core::tracking::daily_salt`]).

use std::collections::HashMap;
use std::sync::RwLock;

use chrono::NaiveDate;
use flightdeck_core::domain::WorkspaceId;
use flightdeck_core::tracking::daily_salt;
use flightdeck_store::{Store, StoreResult};
use rand::RngCore;

/// The purpose name of the secret in the store.
pub const IP_SECRET_PURPOSE: &str = "visitor-ip-hash";

#[derive(Debug, Clone)]
struct Known {
    secret: Vec<u8>,
    day: NaiveDate,
    salt: [u8; 32],
}

/// The salts of the workspaces seen so far.
#[derive(Debug, Default)]
pub struct Salts {
    known: RwLock<HashMap<WorkspaceId, Known>>,
}

impl Salts {
    /// The salt of `day` for `workspace`.
    pub async fn salt(&self, store: &dyn Store, workspace: &WorkspaceId, day: NaiveDate) -> StoreResult<[u8; 32]> {
        let cached = {
            let known = self.known.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            match known.get(workspace) {
                Some(k) if k.day == day => return Ok(k.salt),
                Some(k) => Some(k.secret.clone()),
                None => None,
            }
        };
        let secret = match cached {
            Some(secret) => secret,
            None => {
                let mut fresh = [0_u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut fresh);
                let hex: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
                store.workspace_secret(workspace, IP_SECRET_PURPOSE, &hex).await?.into_bytes()
            }
        };
        let salt = daily_salt(&secret, day);
        let mut known = self.known.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        known.insert(workspace.clone(), Known { secret, day, salt });
        Ok(salt)
    }
}
