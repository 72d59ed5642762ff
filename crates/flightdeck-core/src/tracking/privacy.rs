//! Privacy helpers: no raw IP address or e-mail address is ever kept.
//!
//! * Visitors are recognised for de-duplication only, by a keyed hash of their IP
//!   address under a salt that rotates every day: yesterday's hashes cannot be joined
//!   with today's, and without the secret no hash can be tested against an IP.
//! * Shoppers are recognised by a keyed HMAC of their normalised e-mail address, so
//!   orders of the same person can be joined (and erased on request) without the
//!   address being stored.

use std::net::IpAddr;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Length of an [`ip_hash`] in hex characters (128 bits: ample for de-duplication).
pub const IP_HASH_HEX_LEN: usize = 32;

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this never fails.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return [0; 32],
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// The salt for `day`, derived from the server's long-term `secret`: a new one every
/// UTC day, without any salt having to be stored or rotated by a job.
pub fn daily_salt(secret: &[u8], day: NaiveDate) -> [u8; 32] {
    hmac(secret, &[b"flightdeck/ip-salt/v1/", day.format("%Y-%m-%d").to_string().as_bytes()])
}

/// A keyed, salted hash of a visitor's IP address ([`IP_HASH_HEX_LEN`] hex characters).
///
/// IPv4-mapped IPv6 addresses hash as their IPv4 address; other IPv6 addresses hash by
/// their /64 network, because devices rotate the lower 64 bits (privacy extensions)
/// several times a day. The IP address itself is never returned or kept.
pub fn ip_hash(ip: IpAddr, daily_salt: &[u8]) -> String {
    let digest = match ip {
        IpAddr::V4(v4) => hmac(daily_salt, &[b"4", &v4.octets()]),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => hmac(daily_salt, &[b"4", &v4.octets()]),
            None => hmac(daily_salt, &[b"6", &v6.octets()[..8]]),
        },
    };
    hex(&digest[..IP_HASH_HEX_LEN / 2])
}

/// Normalises an e-mail address for hashing: trimmed and lower-cased; `None` when empty
/// (a point-of-sale order has `email: ""`).
pub fn normalize_email(email: &str) -> Option<String> {
    let t = email.trim();
    (!t.is_empty()).then(|| t.to_lowercase())
}

/// A keyed HMAC-SHA256 (hex, 64 characters) of the normalised e-mail address, under the
/// workspace's secret `key`; `None` for an empty address. The same shopper gets the same
/// hash in every order, and without the key the hash reveals nothing.
pub fn customer_hash(email: &str, key: &[u8]) -> Option<String> {
    normalize_email(email).map(|e| hex(&hmac(key, &[b"flightdeck/customer/v1/", e.as_bytes()])))
}
