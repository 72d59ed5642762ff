//! Seeding and the few random distributions the generator needs.
//!
//! Every creator gets its own ChaCha8 stream seeded from `(seed, index)`, so creators can
//! be generated independently, in parallel and in any order, and still come out the same.

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The 64-bit golden-ratio constant used to spread consecutive indices.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser: a cheap, well-mixing bijection on `u64`.
pub(crate) fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(GOLDEN);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A sub-seed for stream `stream` (creator, block, account, …) under `seed`.
pub(crate) fn mix(seed: u64, stream: u64) -> u64 {
    splitmix64(seed ^ stream.wrapping_mul(GOLDEN))
}

/// A sub-seed for a named purpose (`b"brand"`, `b"pod"`, …) so streams never collide by accident.
pub(crate) fn mix_tag(seed: u64, tag: &[u8], stream: u64) -> u64 {
    let tag_hash = tag.iter().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01B3));
    mix(splitmix64(seed ^ tag_hash), stream)
}

/// A fresh ChaCha8 stream for `seed`.
pub(crate) fn rng_from(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A SplitMix64 stream for the many post and comment ids: seeded from the account's ChaCha
/// stream (so still deterministic), but several times cheaper per id than ChaCha, and ids
/// need no cryptographic quality here.
pub(crate) struct IdRng(u64);

impl IdRng {
    /// A stream seeded with one draw from `rng`.
    pub(crate) fn from_rng<R: Rng + ?Sized>(rng: &mut R) -> Self {
        IdRng(rng.gen())
    }
}

impl RngCore for IdRng {
    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        splitmix64(self.0)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

/// An approximately standard normal draw: the Irwin–Hall sum of three uniforms cut from one
/// 64-bit draw (bounded at ±3σ, which suits noise and is several times cheaper than Box–Muller).
pub(crate) fn normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    const MASK: u64 = (1 << 21) - 1;
    const SCALE: f64 = 1.0 / (1u64 << 21) as f64;
    let bits: u64 = rng.gen();
    let sum = (bits & MASK) as f64 + ((bits >> 21) & MASK) as f64 + ((bits >> 42) & MASK) as f64;
    (sum * SCALE - 1.5) * 2.0
}

/// A log-normal multiplier with median 1 and log-scale spread `sigma`.
pub(crate) fn lognormal<R: Rng + ?Sized>(rng: &mut R, sigma: f64) -> f64 {
    (sigma * normal(rng)).exp()
}

/// A cheap multiplicative noise factor uniformly in `[1 - spread, 1 + spread]`.
pub(crate) fn jitter<R: Rng + ?Sized>(rng: &mut R, spread: f64) -> f64 {
    1.0 + rng.gen_range(-spread..=spread)
}

/// Picks an index with probability proportional to `weights` (all zero → index 0).
pub(crate) fn weighted<R: Rng + ?Sized>(rng: &mut R, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return 0;
    }
    let mut roll = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    weights.len().saturating_sub(1)
}

/// Picks one element of a slice; callers pass constant, non-empty tables only.
pub(crate) fn pick<'a, R: Rng + ?Sized, T>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// Picks one string of a constant, non-empty word table.
pub(crate) fn pick_str<R: Rng + ?Sized>(rng: &mut R, items: &[&'static str]) -> &'static str {
    items[rng.gen_range(0..items.len())]
}

/// A lower-case hex string of `u64`, 16 characters (used for commenter and customer hashes).
pub(crate) fn hex16(value: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..16).rev().map(|k| char::from(DIGITS[((value >> (k * 4)) & 0xF) as usize])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_per_index_and_repeat_per_seed() {
        assert_eq!(mix(7, 3), mix(7, 3));
        assert_ne!(mix(7, 3), mix(7, 4));
        assert_ne!(mix(7, 3), mix(8, 3));
        assert_ne!(mix_tag(7, b"a", 1), mix_tag(7, b"b", 1));
    }

    #[test]
    fn normal_draws_have_unit_spread() {
        let mut rng = rng_from(3);
        let draws: Vec<f64> = (0..20_000).map(|_| normal(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "{mean} {var}");
    }

    #[test]
    fn hex_strings_are_sixteen_digits() {
        assert_eq!(hex16(0xAB), "00000000000000ab");
        assert_eq!(hex16(u64::MAX), "ffffffffffffffff");
    }

    #[test]
    fn weighted_picks_follow_weights() {
        let mut rng = rng_from(2);
        let mut hits = [0_u32; 3];
        for _ in 0..3000 {
            hits[weighted(&mut rng, &[1, 0, 2])] += 1;
        }
        assert_eq!(hits[1], 0);
        assert!(hits[2] > hits[0]);
    }
}
