//! Niches: what a creator makes content about, which platforms fit it, and who watches.

use crate::domain::Platform;

/// One content niche.
pub(crate) struct Niche {
    /// The niche key stored on accounts (`beauty`, `gaming`).
    pub name: &'static str,
    /// How common the niche is among creators (relative weight).
    pub weight: u32,
    /// Words used in handles (`lotte.devries.glow`).
    pub words: &'static [&'static str],
    /// Audience interests (the first is the niche itself); persona interests use the same keys.
    pub interests: &'static [&'static str],
    /// Share of women in the audience of a creator in this niche.
    pub female_share: f64,
    /// How young the audience skews: 0 = like the population, 1 = teenagers and students.
    pub youth: f64,
    /// Weight of each platform, in the order of [`Platform::ALL`].
    pub platforms: [u32; 8],
}

/// Every niche.
pub(crate) const NICHES: [Niche; 12] = [
    niche(
        "beauty",
        12,
        &["beauty", "glow", "skin"],
        &["beauty", "skincare", "wellness"],
        0.86,
        0.55,
        [40, 30, 20, 0, 3, 4, 0, 3],
    ),
    niche(
        "fashion",
        11,
        &["style", "outfits", "mode"],
        &["fashion", "beauty", "lifestyle"],
        0.78,
        0.5,
        [45, 30, 12, 0, 3, 6, 1, 3],
    ),
    niche(
        "fitness",
        10,
        &["fit", "runs", "lifts"],
        &["fitness", "running", "wellness"],
        0.52,
        0.4,
        [35, 30, 20, 1, 6, 3, 2, 3],
    ),
    niche(
        "food",
        10,
        &["eats", "kookt", "bakes"],
        &["food", "cooking", "lifestyle"],
        0.64,
        0.25,
        [35, 25, 18, 0, 6, 10, 1, 5],
    ),
    niche(
        "travel",
        9,
        &["travels", "wanders", "onderweg"],
        &["travel", "outdoor", "food"],
        0.58,
        0.25,
        [40, 15, 22, 0, 6, 12, 1, 4],
    ),
    niche(
        "parenting",
        6,
        &["family", "gezin", "thuis"],
        &["parenting", "family", "home"],
        0.82,
        0.0,
        [40, 15, 10, 0, 15, 12, 1, 7],
    ),
    niche(
        "gaming",
        9,
        &["games", "plays", "gg"],
        &["gaming", "esports", "tech"],
        0.24,
        0.8,
        [5, 25, 30, 38, 2, 0, 0, 0],
    ),
    niche(
        "tech",
        6,
        &["tech", "codes", "gadgets"],
        &["tech", "gadgets", "gaming"],
        0.28,
        0.3,
        [8, 10, 30, 5, 12, 10, 15, 10],
    ),
    niche(
        "finance",
        5,
        &["money", "invest", "budget"],
        &["finance", "investing", "tech"],
        0.36,
        0.2,
        [10, 12, 20, 0, 15, 8, 20, 15],
    ),
    niche(
        "sustainability",
        6,
        &["groen", "green", "duurzaam"],
        &["sustainability", "outdoor", "food"],
        0.66,
        0.35,
        [30, 15, 12, 0, 12, 12, 8, 11],
    ),
    niche(
        "lifestyle",
        12,
        &["daily", "life", "vlogs"],
        &["lifestyle", "fashion", "travel"],
        0.7,
        0.5,
        [40, 30, 15, 1, 7, 4, 1, 2],
    ),
    niche(
        "home",
        5,
        &["home", "interieur", "wonen"],
        &["home", "interior", "sustainability"],
        0.74,
        0.1,
        [45, 15, 15, 0, 5, 15, 0, 5],
    ),
];

#[allow(clippy::too_many_arguments)]
const fn niche(
    name: &'static str,
    weight: u32,
    words: &'static [&'static str],
    interests: &'static [&'static str],
    female_share: f64,
    youth: f64,
    platforms: [u32; 8],
) -> Niche {
    Niche { name, weight, words, interests, female_share, youth, platforms }
}

/// The position of `platform` in [`Platform::ALL`].
pub(crate) fn platform_slot(platform: Platform) -> usize {
    Platform::ALL.iter().position(|p| *p == platform).unwrap_or(0)
}

/// The niche weights, for a weighted pick.
pub(crate) fn niche_weights() -> [u32; 12] {
    let mut out = [0; 12];
    for (slot, niche) in out.iter_mut().zip(NICHES.iter()) {
        *slot = niche.weight;
    }
    out
}
