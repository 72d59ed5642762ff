//! Audience quality for a persona: the share of followers in the target countries
//! (NL/BE by default), in the persona's age range and languages, the suspicious share,
//! and the headline **effective audience** = followers × real share × target-country
//! share × age share.

use serde::{Deserialize, Serialize};

use super::input::VettingInput;
use super::summary::AccountSummary;
use super::text::{count, pct};
use crate::domain::{AgeRange, AudienceBreakdown, Brand, Country, Language, Persona};

/// Whom the brand wants to reach: the persona's targets, or the brand's market.
#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    /// Target countries.
    pub countries: Vec<Country>,
    /// Target languages (empty = any).
    pub languages: Vec<Language>,
    /// Target ages (`None` = any).
    pub age: Option<AgeRange>,
    /// Interests.
    pub interests: Vec<String>,
    /// Values.
    pub values: Vec<String>,
}

impl Targets {
    /// The persona's targets; without a persona, the brand's home market plus NL/BE.
    pub fn of(persona: Option<&Persona>, brand: &Brand) -> Targets {
        match persona {
            Some(p) if !p.countries.is_empty() => Targets {
                countries: p.countries.clone(),
                languages: p.languages.clone(),
                age: Some(p.age_range),
                interests: p.interests.clone(),
                values: p.values.clone(),
            },
            _ => {
                let mut countries = vec![brand.country, Country::NL, Country::BE];
                countries.dedup();
                countries.sort();
                countries.dedup();
                let mut t =
                    Targets { countries, languages: Vec::new(), age: None, interests: Vec::new(), values: Vec::new() };
                if let Some(p) = persona {
                    t.languages = p.languages.clone();
                    t.age = Some(p.age_range);
                    t.interests = p.interests.clone();
                    t.values = p.values.clone();
                }
                t
            }
        }
    }
}

/// The audience of one creator judged against the targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudienceQuality {
    /// Share of followers in the target countries, when known.
    pub country_share: Option<f64>,
    /// Share in the persona's age range, when known.
    pub age_share: Option<f64>,
    /// Share speaking the persona's languages, when known.
    pub language_share: Option<f64>,
    /// Estimated share of real followers (1 − the middle of the fake-share range).
    pub real_share: f64,
    /// Estimated share of suspicious followers.
    pub suspicious_share: f64,
    /// Real, in-country, in-age followers of the creator's largest account.
    pub effective_audience: u64,
    /// The evidence and the assumptions made.
    pub reasons: Vec<String>,
    /// 0–1 for the composite (mean of the known target shares); `None` when nothing
    /// about the audience is known.
    #[serde(skip)]
    pub value: Option<f64>,
}

/// The share of an age breakdown inside `range` (buckets `18-24`, `65+`, …; a bucket
/// partly inside counts in proportion to its years).
pub fn age_share(b: &AudienceBreakdown, range: AgeRange) -> Option<f64> {
    if b.ages.is_empty() {
        return None;
    }
    let (rmin, rmax) = (u32::from(range.min()), u32::from(range.max()));
    let mut share = 0.0;
    for (bucket, s) in &b.ages {
        let (lo, hi) = match bucket.split_once('-') {
            Some((a, z)) => (a.trim().parse::<u32>().ok(), z.trim().parse::<u32>().ok()),
            None => (bucket.trim_end_matches('+').trim().parse::<u32>().ok(), Some(90)),
        };
        let (Some(lo), Some(hi)) = (lo, hi) else { continue };
        let overlap = (hi.min(rmax) + 1).saturating_sub(lo.max(rmin));
        share += s.get() * f64::from(overlap) / f64::from(hi.saturating_sub(lo) + 1);
    }
    Some(share.min(1.0))
}

fn country_share(b: &AudienceBreakdown, targets: &[Country]) -> Option<f64> {
    (!b.countries.is_empty()).then(|| {
        b.countries
            .iter()
            .filter(|(c, _)| targets.iter().any(|t| t.as_str() == c.as_str()))
            .map(|(_, s)| s.get())
            .sum::<f64>()
            .min(1.0)
    })
}

fn language_share(b: &AudienceBreakdown, targets: &[Language]) -> Option<f64> {
    (!b.languages.is_empty() && !targets.is_empty()).then(|| {
        b.languages
            .iter()
            .filter(|(l, _)| targets.iter().any(|t| t.as_str() == l.as_str()))
            .map(|(_, s)| s.get())
            .sum::<f64>()
            .min(1.0)
    })
}

/// Judges the audience; `fake` is each account's fake-share range, in input order.
pub fn assess(input: &VettingInput, summaries: &[AccountSummary], fake: &[[f64; 2]], t: &Targets) -> AudienceQuality {
    let mut q = AudienceQuality {
        country_share: None,
        age_share: None,
        language_share: None,
        real_share: 1.0,
        suspicious_share: 0.0,
        effective_audience: 0,
        reasons: Vec::new(),
        value: None,
    };
    let largest = (0..summaries.len()).max_by_key(|i| summaries[*i].followers);
    let Some(i) = largest else {
        q.reasons.push("no accounts".to_owned());
        return q;
    };
    let (acc, s) = (&input.accounts[i], &summaries[i]);
    let mid = fake.get(i).map_or(0.0, |f| (f[0] + f[1]) / 2.0);
    q.suspicious_share = mid;
    q.real_share = 1.0 - mid;
    if let Some(b) = &acc.audience {
        q.country_share = country_share(b, &t.countries);
        q.age_share = t.age.and_then(|r| age_share(b, r));
        q.language_share = language_share(b, &t.languages);
    }
    let targets: Vec<&str> = t.countries.iter().map(Country::as_str).collect();
    let mut assumed_country = None;
    if q.country_share.is_none() {
        if let Some(c) = acc.account.country {
            let inside = t.countries.contains(&c);
            assumed_country = Some(if inside { 0.7 } else { 0.1 });
            q.reasons.push(format!(
                "no country breakdown: creator based in {c}, assumed {} of followers in {}",
                if inside { "70%" } else { "10%" },
                targets.join("/")
            ));
        } else {
            q.reasons.push("no country breakdown and no creator country: country share not applied".to_owned());
        }
    }
    let country = q.country_share.or(assumed_country);
    let age = q.age_share;
    let effective = s.followers as f64 * q.real_share * country.unwrap_or(1.0) * age.unwrap_or(1.0);
    q.effective_audience = effective.round().max(0.0) as u64;
    describe(&mut q, s, &targets, country, t.age.is_some());
    let known: Vec<f64> = [country, q.age_share, q.language_share].into_iter().flatten().collect();
    q.value = (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64);
    q
}

fn describe(q: &mut AudienceQuality, s: &AccountSummary, targets: &[&str], country: Option<f64>, has_age: bool) {
    if let Some(c) = q.country_share {
        q.reasons.push(format!("{} of followers in {}", pct(c), targets.join("/")));
    }
    match q.age_share {
        Some(a) => q.reasons.push(format!("{} in the persona's age range", pct(a))),
        None if has_age => q.reasons.push("age breakdown unknown: age share not applied".to_owned()),
        None => {}
    }
    if let Some(l) = q.language_share {
        q.reasons.push(format!("{} speak the persona's languages", pct(l)));
    }
    q.reasons.push(format!(
        "effective audience {} = {} followers × {} real × {} in target countries × {} in age range",
        count(q.effective_audience as f64),
        count(s.followers as f64),
        pct(q.real_share),
        country.map_or_else(|| "?".to_owned(), pct),
        q.age_share.map_or_else(|| "?".to_owned(), pct)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Share;

    #[test]
    fn age_buckets_count_in_proportion_to_their_overlap() {
        let mut b = AudienceBreakdown::default();
        for (k, v) in [("18-24", 0.4), ("25-34", 0.4), ("65+", 0.2)] {
            b.ages.insert(k.to_owned(), Share::new(v).unwrap_or_else(|_| unreachable!()));
        }
        let r = AgeRange::new(25, 29).unwrap_or_else(|_| unreachable!());
        assert!((age_share(&b, r).unwrap_or(0.0) - 0.2).abs() < 1e-9);
        let all = AgeRange::new(13, 120).unwrap_or_else(|_| unreachable!());
        assert!((age_share(&b, all).unwrap_or(0.0) - 1.0).abs() < 1e-9);
        assert_eq!(age_share(&AudienceBreakdown::default(), r), None);
    }
}
