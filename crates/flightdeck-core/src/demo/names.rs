//! Creator names and handles.
//!
//! A creator's name and handle are decoded from its index through a seeded permutation of
//! every (first name, surname, handle pattern) combination, so handles are unique per
//! platform without any shared state: two indices below [`COMBINATIONS`] never share a
//! combination, and above it a round number is appended (`lottedevries2`).

use unicode_normalization::UnicodeNormalization;

use super::name_lists::{NameList, LISTS};
use super::rng::mix_tag;
use crate::domain::{Country, Language, Platform};

/// Where a creator comes from; decides the name lists, country, language and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// From the Netherlands, publishes in Dutch.
    Dutch,
    /// From Flanders, publishes in Dutch (Flemish).
    Flemish,
    /// From Wallonia or Brussels, publishes in French.
    Walloon,
    /// An English-speaking creator living in the Netherlands.
    English,
}

impl Origin {
    /// The creator's home country.
    pub fn country(self) -> Country {
        match self {
            Origin::Dutch | Origin::English => Country::NL,
            Origin::Flemish | Origin::Walloon => Country::BE,
        }
    }

    /// The language the creator publishes in.
    pub fn language(self) -> Language {
        match self {
            Origin::Dutch | Origin::Flemish => Language::NL,
            Origin::Walloon => Language::FR,
            Origin::English => Language::EN,
        }
    }

    /// Towns the creator mentions in captions.
    pub(crate) fn places(self) -> &'static [&'static str] {
        match self {
            Origin::Dutch => {
                &["Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Haarlem", "Zwolle", "Groningen", "Zeeland"]
            }
            Origin::Flemish => &["Gent", "Antwerpen", "Leuven", "Brugge", "Mechelen", "Hasselt", "Kortrijk", "de kust"],
            Origin::Walloon => {
                &["Bruxelles", "Liège", "Namur", "Mons", "Charleroi", "Louvain-la-Neuve", "les Ardennes"]
            }
            Origin::English => &["Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven", "Leiden"],
        }
    }
}

/// How many handle patterns there are (see [`handle_stem`]).
const PATTERNS: u64 = 8;

fn pairs(list: &NameList) -> u64 {
    ((list.female.len() + list.male.len()) * list.surnames.len()) as u64
}

/// How many distinct (first name, surname, pattern) combinations exist.
pub const COMBINATIONS: u64 = {
    let mut total = 0;
    let mut i = 0;
    while i < LISTS.len() {
        total += ((LISTS[i].female.len() + LISTS[i].male.len()) * LISTS[i].surnames.len()) as u64;
        i += 1;
    }
    total * PATTERNS
};

/// A creator's decoded identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Where the creator comes from.
    pub origin: Origin,
    /// Whether the first name is a woman's name (drives the audience's gender mix).
    pub female: bool,
    /// The display name (`Lotte de Vries`).
    pub display_name: String,
    first: &'static str,
    surname: &'static str,
    pattern: u64,
    round: u64,
}

/// The identity of creator `index` under `seed`: a seeded permutation of all combinations.
pub fn identity(seed: u64, index: u64) -> Identity {
    let (mult, offset) = permutation(seed);
    let slot = index % COMBINATIONS;
    let combo = ((u128::from(slot) * u128::from(mult) + u128::from(offset)) % u128::from(COMBINATIONS)) as u64;
    decode(combo, index / COMBINATIONS)
}

fn permutation(seed: u64) -> (u64, u64) {
    let h = mix_tag(seed, b"names", 0);
    let mut mult = (h % COMBINATIONS) | 1;
    while gcd(mult, COMBINATIONS) != 1 {
        mult = (mult + 2) % COMBINATIONS;
    }
    (mult, mix_tag(seed, b"names", 1) % COMBINATIONS)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn decode(combo: u64, round: u64) -> Identity {
    let pattern = combo % PATTERNS;
    let mut pair = combo / PATTERNS;
    let mut chosen = &LISTS[0];
    for list in &LISTS {
        if pair < pairs(list) {
            chosen = list;
            break;
        }
        pair -= pairs(list);
    }
    let firsts = (chosen.female.len() + chosen.male.len()) as u64;
    let first_index = (pair % firsts) as usize;
    let surname = chosen.surnames[((pair / firsts) as usize).min(chosen.surnames.len() - 1)];
    let female = first_index < chosen.female.len();
    let first = if female { chosen.female[first_index] } else { chosen.male[first_index - chosen.female.len()] };
    Identity {
        origin: chosen.origin,
        female,
        display_name: display_name(first, surname, pattern, round),
        first,
        surname,
        pattern,
        round,
    }
}

/// Middle initials that tell apart the creators sharing a first name and surname
/// (one per handle pattern; pattern 0 has none).
const INITIALS: [&str; PATTERNS as usize] = ["", "J. ", "M. ", "E. ", "S. ", "A. ", "L. ", "R. "];

/// A display name unique per identity: creators are one person per name (imports
/// match creators by name), so two identities must never print the same name.
fn display_name(first: &str, surname: &str, pattern: u64, round: u64) -> String {
    let initial = INITIALS.get(pattern as usize).copied().unwrap_or("");
    match round {
        0 => format!("{first} {initial}{surname}"),
        r => format!("{first} {initial}{surname} {}", r + 1),
    }
}

/// Lower-case ASCII letters only: accents folded, spaces, hyphens and apostrophes dropped.
pub(crate) fn fold(text: &str) -> String {
    text.nfd().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The handle before platform rules: letters, digits and dots only (`lotte.devries.eats`).
fn handle_stem(first: &str, surname: &str, pattern: u64, word: &str) -> String {
    let (f, l) = (fold(first), fold(surname));
    match pattern {
        0 => format!("{f}{l}"),
        1 => format!("{f}.{l}"),
        2 => format!("{f}{l}.{word}"),
        3 => format!("its{f}{l}"),
        4 => format!("{f}{l}{word}"),
        5 => format!("{f}.{l}{word}"),
        6 => format!("{f}{l}official"),
        _ => format!("{l}.{f}"),
    }
}

impl Identity {
    /// The stem of the creator's personal discount code: the first name, upper-case ASCII.
    pub(crate) fn code_stem(&self) -> String {
        fold(self.first).to_ascii_uppercase()
    }

    /// The creator's handle on `platform`; `word` is a niche word (`eats`, `travels`).
    ///
    /// Twitch allows only `a-z0-9_`, LinkedIn and blogs use `-`: dots are replaced one
    /// for one, which keeps handles unique because the stem never contains `_` or `-`.
    pub fn handle(&self, platform: Platform, word: &str) -> String {
        let mut stem = handle_stem(self.first, self.surname, self.pattern, word);
        if self.round > 0 {
            stem.push_str(&(self.round + 1).to_string());
        }
        match platform {
            Platform::Twitch => stem.replace('.', "_"),
            Platform::Linkedin | Platform::Blog | Platform::Podcast | Platform::Newsletter => stem.replace('.', "-"),
            _ => stem,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Every niche word the generator may pass to [`Identity::handle`].
    fn all_words() -> Vec<&'static str> {
        super::super::niche::NICHES.iter().flat_map(|n| n.words.iter().copied()).collect()
    }

    #[test]
    fn every_combination_gives_a_distinct_handle_whatever_the_niche_word() {
        let words = all_words();
        let mut seen: HashMap<String, u64> = HashMap::new();
        for combo in 0..COMBINATIONS {
            let id = decode(combo, 0);
            let stems: Vec<&str> = if matches!(id.pattern, 2 | 4 | 5) { words.clone() } else { vec!["x"] };
            for word in stems {
                let handle = id.handle(Platform::Instagram, word);
                assert!(handle.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.'), "{handle}");
                if let Some(other) = seen.insert(handle.clone(), combo) {
                    assert_eq!(other, combo, "{handle} comes from two combinations");
                }
            }
        }
    }

    #[test]
    fn identities_are_a_permutation_within_a_round() {
        let mut seen = std::collections::HashSet::new();
        for index in 0..COMBINATIONS {
            let id = identity(42, index);
            assert!(seen.insert((id.first, id.surname, id.pattern)));
        }
        let names: std::collections::HashSet<String> =
            (0..COMBINATIONS * 2).map(|i| identity(42, i).display_name).collect();
        assert_eq!(names.len() as u64, COMBINATIONS * 2, "every creator has a name of their own");
        assert_eq!(identity(42, COMBINATIONS).round, 1);
        assert!(identity(42, COMBINATIONS).handle(Platform::Tiktok, "eats").ends_with('2'));
    }

    #[test]
    fn twitch_handles_have_no_dots_and_names_keep_accents() {
        let id = decode(1, 0);
        assert!(!id.handle(Platform::Twitch, "fit").contains('.'));
        assert_eq!(fold("Chloé Gérard"), "chloegerard");
        assert_eq!(fold("Pieter-Jan Van den Broeck"), "pieterjanvandenbroeck");
    }
}
