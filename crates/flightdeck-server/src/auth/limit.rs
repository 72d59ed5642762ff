//! Login rate limiting, in memory: failed sign-ins per e-mail and per client IP
//! (both kept only as SHA-256, never in clear).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::secret::sha256_hex;

/// Failed attempts allowed per e-mail address within [`WINDOW`].
pub const PER_EMAIL: u32 = 5;
/// Failed attempts allowed per client IP within [`WINDOW`].
pub const PER_IP: u32 = 20;
/// The window over which failures count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Counts failed sign-ins and says when to refuse more.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginLimiter {
    fn keys(email: &str, ip: &str) -> [(String, u32); 2] {
        [
            (format!("e:{}", sha256_hex(&email.trim().to_lowercase())), PER_EMAIL),
            (format!("i:{}", sha256_hex(ip)), PER_IP),
        ]
    }

    /// Whether a sign-in for `email` from `ip` may be tried now.
    pub fn allowed(&self, email: &str, ip: &str) -> bool {
        let now = Instant::now();
        let Ok(map) = self.failures.lock() else { return false };
        Self::keys(email, ip).iter().all(|(key, max)| match map.get(key) {
            Some((count, since)) if now.duration_since(*since) < WINDOW => count < max,
            _ => true,
        })
    }

    /// Records a failed sign-in.
    pub fn failed(&self, email: &str, ip: &str) {
        let now = Instant::now();
        let Ok(mut map) = self.failures.lock() else { return };
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        }
        for (key, _) in Self::keys(email, ip) {
            let entry = map.entry(key).or_insert((0, now));
            if now.duration_since(entry.1) >= WINDOW {
                *entry = (0, now);
            }
            entry.0 += 1;
        }
    }

    /// Forgets the failures of an e-mail after a successful sign-in.
    pub fn succeeded(&self, email: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&format!("e:{}", sha256_hex(&email.trim().to_lowercase())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_per_email_then_refused() {
        let l = LoginLimiter::default();
        for _ in 0..PER_EMAIL {
            assert!(l.allowed("A@x.nl", "1.2.3.4"));
            l.failed("a@x.nl", "1.2.3.4");
        }
        assert!(!l.allowed("a@x.nl", "5.6.7.8"));
        assert!(l.allowed("b@x.nl", "1.2.3.4"));
        l.succeeded("a@x.nl");
        assert!(l.allowed("a@x.nl", "1.2.3.4"));
    }
}
