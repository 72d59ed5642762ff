//! Discount codes: one unique, readable code per creator (`ZOMER-JANE47`).
//!
//! A code is `PREFIX-CREATOR` followed by a short random suffix. The prefix names the
//! campaign, the creator part the creator (so the shopper remembers whose code it
//! is), and the suffix keeps codes unique and hard to guess. The suffix uses only the
//! digits 2–9, which no one confuses with a letter (no 0/O, 1/I/L). Codes are matched
//! against orders after [`normalize_code`], i.e. case-insensitively.

use std::collections::HashSet;

use rand::RngCore;
use unicode_normalization::UnicodeNormalization;

use super::error::CodeError;

/// The characters of the random suffix: digits without the look-alikes 0 and 1.
pub const SUFFIX_ALPHABET: &[u8; 8] = b"23456789";

/// Unambiguous upper-case letters and digits (no 0, O, 1, I, L), used when a creator
/// name has no Latin letters or digits at all.
pub const READABLE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// The default random-suffix length: 8^3 = 512 codes per prefix and creator.
pub const DEFAULT_SUFFIX_LEN: usize = 3;
/// The shortest suffix supported.
pub const MIN_SUFFIX_LEN: usize = 2;
/// The longest suffix supported.
pub const MAX_SUFFIX_LEN: usize = 8;
/// The longest campaign prefix, in characters.
pub const MAX_PREFIX_LEN: usize = 12;
/// The longest creator part, in characters.
pub const MAX_CREATOR_PART_LEN: usize = 10;
/// Attempts at one suffix length before the suffix grows by one character.
const ATTEMPTS_PER_LEN: usize = 32;

/// Normalises a code for matching and uniqueness: Unicode NFKC (full-width letters
/// become ASCII), trimmed, upper case, and typographic dashes (`‐ ‒ – — ―` and `−`)
/// turned into `-`. Shopify keeps the case a shopper typed and WooCommerce lower-cases
/// every code; both match the code Flightdeck generated after this.
pub fn normalize_code(raw: &str) -> String {
    raw.nfkc()
        .map(|c| if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}') { '-' } else { c })
        .collect::<String>()
        .trim()
        .to_uppercase()
}

/// The readable part of a name: accents removed (`Zoë` → `ZOE`), only ASCII letters
/// and digits kept, upper case, at most `max` characters.
fn ascii_part(raw: &str, max: usize) -> String {
    raw.nfkd().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).take(max).collect()
}

/// The creator part of a code for a creator's handle or name (`@jane.doe` → `JANEDOE`),
/// empty when the name has no Latin letters or digits.
pub fn creator_code_part(name: &str) -> String {
    ascii_part(name, MAX_CREATOR_PART_LEN)
}

/// Generates unique discount codes for one campaign prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeGenerator {
    prefix: String,
    suffix_len: usize,
}

impl CodeGenerator {
    /// A generator for the campaign `prefix` (`zomer` → `ZOMER`; accents and
    /// punctuation dropped). An empty prefix makes codes without one.
    pub fn new(prefix: &str) -> Result<Self, CodeError> {
        let clean = ascii_part(prefix, usize::MAX);
        if clean.len() > MAX_PREFIX_LEN {
            return Err(CodeError::InvalidPrefix {
                prefix: prefix.to_owned(),
                reason: format!("has more than {MAX_PREFIX_LEN} letters and digits; use a shorter campaign prefix"),
            });
        }
        if clean.is_empty() && !prefix.trim().is_empty() {
            return Err(CodeError::InvalidPrefix {
                prefix: prefix.to_owned(),
                reason: "has no letters or digits; use letters A-Z and digits, e.g. ZOMER".to_owned(),
            });
        }
        Ok(CodeGenerator { prefix: clean, suffix_len: DEFAULT_SUFFIX_LEN })
    }

    /// The same generator with a random suffix of `len` digits.
    pub fn with_suffix_len(mut self, len: usize) -> Result<Self, CodeError> {
        if !(MIN_SUFFIX_LEN..=MAX_SUFFIX_LEN).contains(&len) {
            return Err(CodeError::SuffixLength { len, min: MIN_SUFFIX_LEN, max: MAX_SUFFIX_LEN });
        }
        self.suffix_len = len;
        Ok(self)
    }

    /// The normalised prefix (`ZOMER`), possibly empty.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// One new code for `creator` (a handle or name) that is not in `taken` (a set of
    /// [`normalize_code`]d codes); the new code is added to `taken`. When the suffix
    /// space of a creator fills up, the suffix grows by one digit.
    pub fn generate<R: RngCore + ?Sized>(
        &self,
        creator: &str,
        taken: &mut HashSet<String>,
        rng: &mut R,
    ) -> Result<String, CodeError> {
        let mut stem = self.prefix.clone();
        if !stem.is_empty() {
            stem.push('-');
        }
        let part = creator_code_part(creator);
        if part.is_empty() {
            push_random(&mut stem, READABLE_ALPHABET, 4, rng);
        } else {
            stem.push_str(&part);
        }
        let mut attempts = 0;
        for len in self.suffix_len..=MAX_SUFFIX_LEN {
            for _ in 0..ATTEMPTS_PER_LEN {
                attempts += 1;
                let mut code = stem.clone();
                push_random(&mut code, SUFFIX_ALPHABET, len, rng);
                if taken.insert(normalize_code(&code)) {
                    return Ok(code);
                }
            }
        }
        Err(CodeError::Exhausted { creator: stem, attempts })
    }

    /// One code per entry of `creators`, in the same order, unique within the batch and
    /// against `existing` codes (compared after [`normalize_code`]).
    pub fn generate_batch<R, S>(
        &self,
        creators: &[S],
        existing: impl IntoIterator<Item = impl AsRef<str>>,
        rng: &mut R,
    ) -> Result<Vec<String>, CodeError>
    where
        R: RngCore + ?Sized,
        S: AsRef<str>,
    {
        let mut taken: HashSet<String> = existing.into_iter().map(|c| normalize_code(c.as_ref())).collect();
        creators.iter().map(|creator| self.generate(creator.as_ref(), &mut taken, rng)).collect()
    }
}

/// Appends `len` characters drawn uniformly from `alphabet` (rejection sampling, so
/// there is no modulo bias).
fn push_random<R: RngCore + ?Sized>(out: &mut String, alphabet: &[u8], len: usize, rng: &mut R) {
    let n = alphabet.len();
    if n == 0 || n > 256 {
        return;
    }
    let limit = 256 - 256 % n;
    let mut pushed = 0;
    let mut buf = [0_u8; 16];
    while pushed < len {
        rng.fill_bytes(&mut buf);
        for &b in &buf {
            if pushed == len {
                break;
            }
            if usize::from(b) < limit {
                out.push(char::from(alphabet[usize::from(b) % n]));
                pushed += 1;
            }
        }
    }
}
