//! Brand safety: GARM content categories in captions (keyword lexicons in en/nl/fr,
//! kept as data in `data/garm.tsv`), the disclosure record of past sponsored posts,
//! and conflicts with the brand's competitors (an active exclusivity, or recent
//! sponsored posts that name a competitor).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::input::VettingInput;
use super::text::pct;
use crate::domain::{Brand, Post};

/// Categories whose presence on this share of posts (and at least 2) stops scoring.
const FLOOR_SHARE: f64 = 0.1;
/// Sponsored posts younger than this many days count as "recent" for conflicts.
const RECENT_SPONSORED_DAYS: i64 = 180;
/// Captions looked at (most recent first).
const MAX_CAPTIONS: usize = 100;

/// The GARM categories that stop scoring when frequent (the others lower the value).
const HIGH_RISK: [&str; 5] = ["adult", "arms", "crime", "hate", "terrorism"];

/// Words and tags that mark a caption as sponsored.
const SPONSORED_MARKERS: [&str; 14] = [
    "#ad",
    "#advertentie",
    "#reclame",
    "#sponsored",
    "#gesponsord",
    "#spon",
    "#partner",
    "#publicité",
    "#publicite",
    "#pub",
    "#partenariat",
    "paid partnership",
    "in samenwerking met",
    "en collaboration avec",
];

/// What brand safety found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Safety {
    /// Captions checked.
    pub captions: u32,
    /// Posts flagged per GARM category.
    pub categories: BTreeMap<String, u32>,
    /// Whether a finding is bad enough to stop scoring.
    pub floor_hit: bool,
    /// Share of checked sponsored posts that broke a disclosure rule.
    pub non_compliant_share: Option<f64>,
    /// Conflicts with the brand's competitors.
    pub conflicts: Vec<String>,
    /// The evidence.
    pub reasons: Vec<String>,
    /// 0–1 for the composite (1 = nothing found).
    pub value: f64,
    /// Whether anything could be checked at all.
    pub assessed: bool,
}

/// Terms by their first word: (category, the remaining words).
type Lexicon = HashMap<&'static str, Vec<(&'static str, Vec<&'static str>)>>;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex: Lexicon = HashMap::new();
        for line in include_str!("data/garm.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            if let (Some(cat), Some(_lang), Some(term)) = (parts.next(), parts.next(), parts.next()) {
                let mut words = term.split_whitespace();
                if let Some(first) = words.next() {
                    lex.entry(first).or_default().push((cat, words.collect()));
                }
            }
        }
        lex
    })
}

/// The words of a caption, lower case, punctuation stripped (apostrophes and hyphens
/// kept inside words; `#` and `@` dropped so tags match too).
fn tokens(caption: &str) -> Vec<String> {
    caption
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The GARM categories a caption falls in (one pass over its words).
pub fn categories_of(caption: &str) -> Vec<&'static str> {
    let words = tokens(caption);
    let lex = lexicon();
    let mut found: Vec<&'static str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        for (cat, rest) in lex.get(w.as_str()).into_iter().flatten() {
            let tail = &words[i + 1..];
            if tail.len() >= rest.len() && tail.iter().zip(rest).all(|(a, b)| a == b) {
                found.push(cat);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The brand-independent part of brand safety, done once per creator: GARM categories
/// of the most recent captions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContentScan {
    /// Captions checked.
    pub captions: u32,
    /// Posts flagged per GARM category.
    pub categories: BTreeMap<String, u32>,
}

/// The most recent captions of a creator, newest first.
pub fn recent_posts(input: &VettingInput) -> Vec<&Post> {
    let mut posts: Vec<&Post> = input.accounts.iter().flat_map(|a| a.posts.iter()).collect();
    posts.sort_by_key(|p| std::cmp::Reverse(p.published_at));
    posts.truncate(MAX_CAPTIONS);
    posts
}

/// Scans a creator's recent captions for GARM categories.
pub fn scan(input: &VettingInput) -> ContentScan {
    let posts = recent_posts(input);
    let mut scan = ContentScan { captions: posts.len() as u32, categories: BTreeMap::new() };
    for p in &posts {
        for c in categories_of(&p.caption) {
            *scan.categories.entry(c.to_owned()).or_default() += 1;
        }
    }
    scan
}

fn is_sponsored(p: &Post) -> bool {
    if p.paid_partnership_label == Some(true) {
        return true;
    }
    let lower = p.caption.to_lowercase();
    SPONSORED_MARKERS.iter().any(|m| {
        lower.match_indices(m).any(|(i, _)| {
            let end = i + m.len();
            !m.starts_with('#') || lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Whether a caption names `competitor` (as words, a handle or a hashtag).
fn names(caption: &str, competitor: &str) -> bool {
    let squashed: String = competitor.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if squashed.is_empty() {
        return false;
    }
    let words = tokens(caption);
    let phrase: Vec<String> = tokens(competitor);
    let as_words = !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase.as_slice());
    as_words || words.iter().any(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>() == squashed)
}

/// Judges a creator's content scan, disclosure record and conflicts for `brand`.
pub fn assess(input: &VettingInput, scan: &ContentScan, brand: &Brand) -> Safety {
    let mut s = Safety {
        captions: scan.captions,
        categories: scan.categories.clone(),
        floor_hit: false,
        non_compliant_share: None,
        conflicts: Vec::new(),
        reasons: Vec::new(),
        value: 1.0,
        assessed: scan.captions > 0 || input.disclosure.sponsored_posts > 0 || !input.exclusivities.is_empty(),
    };
    content_findings(&mut s);
    disclosure_findings(input, &mut s);
    if !brand.competitors.is_empty() {
        conflict_findings(input, brand, &recent_posts(input), &mut s);
    }
    s.value = s.value.clamp(0.0, 1.0);
    s
}

fn content_findings(s: &mut Safety) {
    let n = f64::from(s.captions.max(1));
    for (cat, count) in &s.categories {
        let share = f64::from(*count) / n;
        let high = HIGH_RISK.contains(&cat.as_str());
        s.value -= if high { 0.6 } else { 0.3 } * share.min(1.0);
        let floor = high && *count >= 2 && share >= FLOOR_SHARE;
        s.floor_hit |= floor;
        let label = cat.replace('_', " ");
        let verdict = if floor {
            format!("at or above the floor of {} (≥ 2 posts)", pct(FLOOR_SHARE))
        } else {
            "below the floor".to_owned()
        };
        s.reasons.push(format!("GARM {label}: {count} of {} captions ({}), {verdict}", s.captions, pct(share)));
    }
    if s.captions > 0 && s.categories.is_empty() {
        s.reasons.push(format!("no GARM category found in {} captions", s.captions));
    }
}

fn disclosure_findings(input: &VettingInput, s: &mut Safety) {
    let d = input.disclosure;
    if d.sponsored_posts == 0 {
        return;
    }
    let share = f64::from(d.non_compliant.min(d.sponsored_posts)) / f64::from(d.sponsored_posts);
    s.non_compliant_share = Some(share);
    s.value -= 0.4 * share;
    s.reasons.push(format!(
        "disclosure: {} of {} past sponsored posts broke a disclosure rule ({})",
        d.non_compliant,
        d.sponsored_posts,
        pct(share)
    ));
}

fn conflict_findings(input: &VettingInput, brand: &Brand, posts: &[&Post], s: &mut Safety) {
    let is_competitor = |name: &str| brand.competitors.iter().any(|c| names(name, c) || names(c, name));
    for e in input.exclusivities.iter().filter(|e| e.until >= input.as_of && is_competitor(&e.brand)) {
        s.floor_hit = true;
        let text = format!("bound by an exclusivity with {} (a competitor) until {}", e.brand, e.until);
        s.conflicts.push(text.clone());
        s.reasons.push(text);
    }
    let since = input.as_of - Duration::days(RECENT_SPONSORED_DAYS);
    for competitor in &brand.competitors {
        let hits = posts
            .iter()
            .filter(|p| p.published_at.date_naive() >= since && is_sponsored(p) && names(&p.caption, competitor))
            .count();
        if hits > 0 {
            s.value -= 0.25;
            let text = format!(
                "{hits} sponsored post(s) for competitor {competitor} in the last {RECENT_SPONSORED_DAYS} days"
            );
            s.conflicts.push(text.clone());
            s.reasons.push(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_match_whole_words_and_phrases_in_three_languages() {
        assert_eq!(categories_of("Nieuwe #vape smaak!"), vec!["drugs_alcohol_tobacco"]);
        assert_eq!(categories_of("Follow for follow, dm for promo"), vec!["spam"]);
        assert_eq!(categories_of("Quelle putain de journée"), vec!["profanity"]);
        assert!(categories_of("Scampi op de barbecue").is_empty(), "scam is not scampi");
        assert!(categories_of("Mooie zomerdag aan zee").is_empty());
    }

    #[test]
    fn competitors_are_found_as_words_handles_and_tags() {
        assert!(names("Dank @CoolBlue voor de nieuwe tv #ad", "Coolblue"));
        assert!(names("Mijn nieuwe look van #hemaNL", "hemanl"));
        assert!(names("Shoppen bij Albert Heijn", "Albert Heijn"));
        assert!(!names("Albertine heeft jarig", "Albert Heijn"));
    }
}
