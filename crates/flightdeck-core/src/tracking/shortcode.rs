//! Short codes of tracking links (`/r/{code}`) and click ids (`fd_cid`).

use rand::RngCore;

use super::encode::encode_component;
use super::utm::CLICK_ID_PARAM;
use crate::domain::ClickId;

/// The characters of a short code: base62, URL-safe without escaping.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Length of a short code: 62^9 ≈ 2^53.6 codes, so a guessed code hits an existing link
/// with probability (links / 2^53); well above the 48 bits the product asks for.
pub const SHORT_CODE_LEN: usize = 9;

/// The longest short code the redirect accepts (custom codes of older links included).
pub const MAX_SHORT_CODE_LEN: usize = 32;

/// A fresh, unguessable short code: [`SHORT_CODE_LEN`] base62 characters drawn
/// without modulo bias from `rng`, which must be a CSPRNG in production (`OsRng`) and
/// may be a seeded generator in the demo and tests.
pub fn generate_short_code<R: RngCore + ?Sized>(rng: &mut R) -> String {
    // 248 = 4 × 62: bytes at or above it are rejected so every character is uniform.
    const LIMIT: u8 = 248;
    let mut out = String::with_capacity(SHORT_CODE_LEN);
    let mut buf = [0_u8; 16];
    while out.len() < SHORT_CODE_LEN {
        rng.fill_bytes(&mut buf);
        for &b in buf.iter().filter(|&&b| b < LIMIT) {
            if out.len() == SHORT_CODE_LEN {
                break;
            }
            out.push(char::from(BASE62[usize::from(b % 62)]));
        }
    }
    out
}

/// Whether `code` can be a short code at all (1–32 ASCII letters and digits), so the
/// redirect can answer `404` without a lookup for anything else.
pub fn is_valid_short_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= MAX_SHORT_CODE_LEN && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A fresh click id for `fd_cid` (an opaque `ck_…` id with 80 random bits).
pub fn generate_click_id<R: RngCore + ?Sized>(rng: &mut R) -> ClickId {
    ClickId::generate(rng)
}

/// The redirect target for one click: `dest` (a destination built by
/// [`build_destination`](super::build_destination), which never contains `fd_cid`)
/// with `fd_cid=<cid>` appended to its query, before any `#fragment`.
///
/// This is on the redirect's hot path, so it is plain string work without re-parsing.
pub fn destination_with_click_id(dest: &str, cid: &str) -> String {
    let (before_fragment, fragment) = match dest.find('#') {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let separator = match before_fragment.find('?') {
        None => Some('?'),
        Some(_) if before_fragment.ends_with(['?', '&']) => None,
        Some(_) => Some('&'),
    };
    let mut out = String::with_capacity(dest.len() + CLICK_ID_PARAM.len() + cid.len() + 2);
    out.push_str(before_fragment);
    out.extend(separator);
    out.push_str(CLICK_ID_PARAM);
    out.push('=');
    encode_component(&mut out, cid);
    out.push_str(fragment);
    out
}
