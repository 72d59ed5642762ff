//! Brand fit per persona: how well a creator's audience and content overlap with a
//! buyer persona on interests, age, region, language and values, as 0–100, with the
//! matching and the missing parts named.

use serde::{Deserialize, Serialize};

use super::audience::{AudienceQuality, Targets};
use super::input::VettingInput;
use super::text::pct;

/// A target share at or above this counts as a full match.
const FULL_MATCH: f64 = 0.6;

/// One part of the fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitPart {
    /// `interests`, `age`, `region`, `language` or `values`.
    pub name: String,
    /// 0–1, `None` when unknown.
    pub value: Option<f64>,
    /// What it rests on.
    pub detail: String,
}

/// The fit of a creator with a persona.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// 0–100 over the known parts (`None` when no part is known).
    pub score: Option<f64>,
    /// Parts that match (value ≥ 0.5), with why.
    pub matching: Vec<String>,
    /// Parts that do not match or are unknown, with why.
    pub missing: Vec<String>,
    /// Every part.
    pub parts: Vec<FitPart>,
}

/// A crude stem for matching interest and value words across forms
/// ("duurzaamheid" ~ "duurzaam", "sustainability" ~ "sustainable").
fn stem(word: &str) -> String {
    let w: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    w.chars().take(7).collect()
}

fn mentions(haystack: &[String], needle: &str) -> bool {
    let n = stem(needle);
    n.chars().count() >= 4
        && haystack.iter().any(|h| h.starts_with(&n) || (h.chars().count() >= 4 && n.starts_with(h.as_str())))
}

fn scaled(share: f64) -> f64 {
    (share / FULL_MATCH).min(1.0)
}

/// Judges the fit of a creator with the targets.
pub fn assess(input: &VettingInput, words: &[String], audience: &AudienceQuality, t: &Targets) -> Fit {
    let parts = vec![
        interests(input, t),
        share_part("age", audience.age_share, "in the age range"),
        region(input, audience, t),
        language(input, audience, t),
        values(words, t),
    ];
    let known: Vec<f64> = parts.iter().filter_map(|p| p.value).collect();
    let score = (!known.is_empty()).then(|| 100.0 * known.iter().sum::<f64>() / known.len() as f64);
    let mut fit =
        Fit { score: score.map(|s| (s * 10.0).round() / 10.0), matching: Vec::new(), missing: Vec::new(), parts };
    for p in &fit.parts {
        match p.value {
            Some(v) if v >= 0.5 => fit.matching.push(format!("{}: {}", p.name, p.detail)),
            _ => fit.missing.push(format!("{}: {}", p.name, p.detail)),
        }
    }
    fit
}

fn share_part(name: &str, share: Option<f64>, what: &str) -> FitPart {
    FitPart {
        name: name.to_owned(),
        value: share.map(scaled),
        detail: share.map_or_else(|| "unknown (no audience breakdown)".to_owned(), |s| format!("{} {what}", pct(s))),
    }
}

fn interests(input: &VettingInput, t: &Targets) -> FitPart {
    let name = "interests".to_owned();
    if t.interests.is_empty() {
        return FitPart { name, value: None, detail: "the persona names no interests".to_owned() };
    }
    let niches: Vec<String> = input.accounts.iter().filter_map(|a| a.account.niche.as_deref()).map(stem).collect();
    let niche_hit: Vec<&String> = t.interests.iter().filter(|i| mentions(&niches, i)).collect();
    let mut audience_share = None;
    for b in input.accounts.iter().filter_map(|a| a.audience.as_ref()).filter(|b| !b.interests.is_empty()) {
        let keys: Vec<String> = b.interests.keys().map(|k| stem(k)).collect();
        let s: f64 = b
            .interests
            .iter()
            .zip(&keys)
            .filter(|(_, k)| t.interests.iter().any(|i| mentions(std::slice::from_ref(k), i)))
            .map(|((_, v), _)| v.get())
            .sum();
        audience_share = Some(audience_share.unwrap_or(0.0f64).max(s));
    }
    let from_niche: Option<f64> = (!niches.is_empty()).then_some(if niche_hit.is_empty() { 0.0 } else { 1.0 });
    let value = match (from_niche, audience_share) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0).max(b.map_or(0.0, |s| (s / 0.3).min(1.0)))),
    };
    let detail = match (niche_hit.first(), audience_share) {
        (Some(i), _) => format!("the creator's niche matches {i}"),
        (None, Some(s)) => format!("{} of the audience shares the persona's interests", pct(s)),
        (None, None) if niches.is_empty() => "unknown (no niche or interest breakdown)".to_owned(),
        (None, None) => format!("niche does not match {}", t.interests.join(", ")),
    };
    FitPart { name, value, detail }
}

fn region(input: &VettingInput, audience: &AudienceQuality, t: &Targets) -> FitPart {
    if audience.country_share.is_some() {
        return share_part("region", audience.country_share, "of followers in the target countries");
    }
    let country = input.accounts.iter().find_map(|a| a.account.country);
    let value = country.map(|c| if t.countries.contains(&c) { 1.0 } else { 0.0 });
    let detail = country
        .map_or_else(|| "unknown (no breakdown, no creator country)".to_owned(), |c| format!("creator based in {c}"));
    FitPart { name: "region".to_owned(), value, detail }
}

fn language(input: &VettingInput, audience: &AudienceQuality, t: &Targets) -> FitPart {
    if t.languages.is_empty() {
        return FitPart {
            name: "language".to_owned(),
            value: None,
            detail: "the persona names no languages".to_owned(),
        };
    }
    if audience.language_share.is_some() {
        return share_part("language", audience.language_share, "speak the persona's languages");
    }
    let lang = input.accounts.iter().find_map(|a| a.account.language);
    let value = lang.map(|l| if t.languages.contains(&l) { 1.0 } else { 0.0 });
    let detail = lang.map_or_else(
        || "unknown (no breakdown, no content language)".to_owned(),
        |l| format!("creator publishes in {l}"),
    );
    FitPart { name: "language".to_owned(), value, detail }
}

/// The stems of every caption word, hashtag and niche of a creator, sorted and
/// de-duplicated (computed once per creator, see [`super::analysis`]).
pub fn content_stems(input: &VettingInput) -> Vec<String> {
    let mut words: Vec<String> = input
        .accounts
        .iter()
        .flat_map(|a| {
            let captions =
                a.posts.iter().flat_map(|p| p.caption.split_whitespace().chain(p.hashtags.iter().map(String::as_str)));
            captions.chain(a.account.niche.as_deref())
        })
        .map(stem)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn values(words: &[String], t: &Targets) -> FitPart {
    let name = "values".to_owned();
    if t.values.is_empty() {
        return FitPart { name, value: None, detail: "the persona names no values".to_owned() };
    }
    if words.is_empty() {
        return FitPart { name, value: None, detail: "unknown (no captions)".to_owned() };
    }
    let hit: Vec<&String> = t.values.iter().filter(|v| mentions(words, v)).collect();
    let value = hit.len() as f64 / t.values.len() as f64;
    let detail = if hit.is_empty() {
        format!("captions never mention {}", t.values.join(", "))
    } else {
        format!("captions mention {}", hit.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
    };
    FitPart { name, value: Some(value), detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_match_across_word_forms() {
        let hay = vec![stem("duurzaam"), stem("#vegan")];
        assert!(mentions(&hay, "duurzaamheid"));
        assert!(mentions(&hay, "Vegan"));
        assert!(!mentions(&hay, "gaming"));
        assert!(!mentions(&hay, "eco"), "too short to match safely");
    }
}
