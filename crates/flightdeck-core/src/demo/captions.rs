//! Captions: organic and sponsored, with proper and improper disclosure.

use rand::Rng;

use super::lexicon::{Lexicon, EMOJI};
use super::rng::{pick, pick_str};
use super::{Disclosure, Relationship};
use crate::domain::{Country, Language, Platform};

/// What a caption is about and for whom.
pub(crate) struct CaptionSpec<'a> {
    /// The words to write with.
    pub lex: &'static Lexicon,
    /// The platform (decides the style).
    pub platform: Platform,
    /// The niche slot (topics and hashtags).
    pub niche: usize,
    /// Places the creator mentions.
    pub places: &'static [&'static str],
    /// The running number of the episode / issue.
    pub number: u32,
    /// The audience's country and the caption language (decide the disclosure label).
    pub market: (Country, Language),
    /// The sponsorship, if the post is sponsored.
    pub sponsor: Option<SponsorText<'a>>,
    /// A fixed topic (a campaign's product) instead of one of the niche's.
    pub topic: Option<&'a str>,
}

/// The parts of a sponsored caption.
pub(crate) struct SponsorText<'a> {
    /// The partner's handle (without `@`).
    pub brand: &'a str,
    /// Paid, gifted or affiliate.
    pub relationship: Relationship,
    /// How it is disclosed.
    pub disclosure: Disclosure,
    /// The creator's discount code (affiliate posts).
    pub code: &'a str,
}

/// Accepted labels for the audience's market and the caption language, placed first.
pub(crate) fn proper_labels(country: Country, language: Language) -> &'static [&'static str] {
    match (country == Country::BE, language.as_str()) {
        (true, "fr") => &["#publicité", "[Publicité]", "#réclame", "Partenariat rémunéré avec @{brand}:"],
        (true, _) => &["#reclame", "#advertentie", "Reclame:", "#publiciteit"],
        (false, "nl") => &["#advertentie", "Advertentie:", "#ad", "Betaalde samenwerking met @{brand}:"],
        (false, _) => &["#ad", "Ad:", "#advertisement", "Paid partnership with @{brand}:"],
    }
}

/// Hashtag labels a Belgian post must not rely on: another language, or the English `#ad`.
fn wrong_language_labels(language: Language) -> &'static [&'static str] {
    if language == Language::FR {
        &["#advertentie", "#ad"]
    } else {
        &["#publicité", "#ad"]
    }
}

/// Hashtag-only accepted labels (for burying in a hashtag block).
fn hashtag_label<R: Rng + ?Sized>(rng: &mut R, country: Country, language: Language) -> &'static str {
    let labels = proper_labels(country, language);
    let tags: Vec<&&str> = labels.iter().filter(|l| l.starts_with('#')).collect();
    tags.get(rng.gen_range(0..tags.len().max(1))).map_or("#ad", |t| **t)
}

/// Fills a template's `{slot}`s in one pass.
fn fill(template: &str, topic: &str, place: &str, emoji: &str, number: u32, sponsor: Option<&SponsorText>) -> String {
    let mut out = String::with_capacity(template.len() + topic.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let key = &rest[open + 1..open + close];
        match (key, sponsor) {
            ("topic", _) => out.push_str(topic),
            ("Topic", _) => {
                let mut chars = topic.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            ("place", _) => out.push_str(place),
            ("emoji", _) => out.push_str(emoji),
            ("n", _) => out.push_str(&number.to_string()),
            ("brand", Some(s)) => out.push_str(s.brand),
            ("code", Some(s)) => out.push_str(s.code),
            _ => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn templates(lex: &Lexicon, platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Instagram | Platform::Tiktok => lex.social,
        Platform::Youtube => lex.video,
        Platform::Twitch => lex.live,
        Platform::Podcast => lex.audio,
        Platform::Blog | Platform::Newsletter => lex.text,
        Platform::Linkedin => lex.pro,
    }
}

fn hashtag_count<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> usize {
    match platform {
        Platform::Instagram => rng.gen_range(2..=5),
        Platform::Tiktok => rng.gen_range(2..=4),
        Platform::Youtube | Platform::Linkedin => rng.gen_range(1..=3),
        _ => rng.gen_range(0..=1),
    }
}

/// Writes the caption of one post, and its hashtags (without `#`, in caption order: the same
/// list as `domain::hashtags_in(caption)`, built from the parts instead of parsed back).
pub(crate) fn caption<R: Rng + ?Sized>(rng: &mut R, spec: &CaptionSpec) -> (String, Vec<String>) {
    let lex = spec.lex;
    let topic = match spec.topic {
        Some(t) => t,
        None => pick_str(rng, lex.topics[spec.niche]),
    };
    let place = pick_str(rng, spec.places);
    let emoji = pick_str(rng, EMOJI);
    let sponsor = spec.sponsor.as_ref();
    let mut body = fill(pick_str(rng, templates(lex, spec.platform)), topic, place, emoji, spec.number, None);
    if let Some(s) = sponsor {
        let line = fill(pick_str(rng, lex.sponsored), topic, place, emoji, spec.number, Some(s));
        body = format!("{line}\n\n{body}");
        if s.relationship == Relationship::Affiliate {
            body.push(' ');
            body.push_str(&fill(pick_str(rng, lex.affiliate), topic, place, emoji, spec.number, Some(s)));
        }
    } else if rng.gen_bool(0.35) {
        body.push_str("\n\n");
        body.push_str(pick_str(rng, lex.ctas));
    }
    let mut tags: Vec<String> = Vec::new();
    let pool = lex.tags[spec.niche];
    let wanted = hashtag_count(rng, spec.platform).min(pool.len());
    let first = rng.gen_range(0..pool.len());
    tags.extend((0..wanted).map(|k| format!("#{}", pool[(first + k) % pool.len()])));
    let text = match sponsor {
        None => join(body, &tags),
        Some(s) => disclose(rng, spec, s, body, &mut tags),
    };
    let mut hashtags: Vec<String> = Vec::with_capacity(tags.len() + 1);
    if let Some(first) = text.split_whitespace().next().filter(|w| w.starts_with('#')) {
        if !tags.iter().any(|t| t == first) {
            hashtags.push(first[1..].to_owned());
        }
    }
    hashtags.extend(tags.iter().map(|t| t[1..].to_owned()));
    (text, hashtags)
}

fn join(body: String, tags: &[String]) -> String {
    if tags.is_empty() {
        body
    } else {
        format!("{body}\n\n{}", tags.join(" "))
    }
}

fn disclose<R: Rng + ?Sized>(
    rng: &mut R,
    spec: &CaptionSpec,
    s: &SponsorText,
    body: String,
    tags: &mut Vec<String>,
) -> String {
    let (country, language) = spec.market;
    match s.disclosure {
        Disclosure::Proper => {
            let label = pick(rng, proper_labels(country, language)).replace("{brand}", s.brand);
            join(format!("{label} {body}"), tags)
        }
        Disclosure::Missing => join(body, tags),
        Disclosure::Vague => {
            let label = pick(rng, spec.lex.vague).replace("{brand}", s.brand);
            if label.starts_with('#') {
                tags.push(label);
                join(body, tags)
            } else {
                join(format!("{label}: {body}"), tags)
            }
        }
        Disclosure::Buried => {
            let pool = spec.lex.tags[spec.niche];
            while tags.len() < 4 {
                tags.push(format!("#{}", pool[tags.len() % pool.len()]));
            }
            tags.insert(rng.gen_range(1..tags.len()), hashtag_label(rng, country, language).to_owned());
            join(body, tags)
        }
        Disclosure::AfterFold => {
            let mut long = body;
            while long.chars().count() < 140 || long.lines().count() < 4 {
                long.push('\n');
                long.push_str(pick_str(rng, spec.lex.filler));
            }
            tags.push(hashtag_label(rng, country, language).to_owned());
            join(long, tags)
        }
        Disclosure::WrongLanguage => {
            let label = pick(rng, wrong_language_labels(language));
            join(format!("{label} {body}"), tags)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::super::rng::rng_from;
    use super::*;
    use crate::domain::hashtags_in;

    #[test]
    fn hashtags_match_what_the_domain_parser_finds() {
        let mut rng = rng_from(4);
        let kinds = [
            Disclosure::Proper,
            Disclosure::Missing,
            Disclosure::Vague,
            Disclosure::Buried,
            Disclosure::AfterFold,
            Disclosure::WrongLanguage,
        ];
        for round in 0..400 {
            let (country, language) =
                [(Country::NL, Language::NL), (Country::BE, Language::FR), (Country::NL, Language::EN)][round % 3];
            let mut s = spec(kinds[round % kinds.len()], country, language);
            s.platform = Platform::ALL[round % 8];
            s.niche = round % 12;
            if round % 4 == 0 {
                s.sponsor = None;
            }
            let (text, tags) = caption(&mut rng, &s);
            assert_eq!(tags, hashtags_in(&text), "{text}");
        }
    }

    fn spec(disclosure: Disclosure, country: Country, language: Language) -> CaptionSpec<'static> {
        CaptionSpec {
            lex: lexicon(language),
            platform: Platform::Instagram,
            niche: 0,
            places: &["Gent"],
            number: 3,
            market: (country, language),
            sponsor: Some(SponsorText { brand: "glowlab", relationship: Relationship::Paid, disclosure, code: "X" }),
            topic: None,
        }
    }

    #[test]
    fn proper_disclosure_comes_first_and_fits_the_market() {
        let mut rng = rng_from(1);
        for _ in 0..50 {
            let (be_fr, _) = caption(&mut rng, &spec(Disclosure::Proper, Country::BE, Language::FR));
            assert!(
                be_fr.starts_with("#publicité")
                    || be_fr.starts_with("[Publicité]")
                    || be_fr.starts_with("#réclame")
                    || be_fr.starts_with("Partenariat"),
                "{be_fr}"
            );
            let (nl, _) = caption(&mut rng, &spec(Disclosure::Proper, Country::NL, Language::NL));
            assert!(!nl.contains("{brand}") && nl.contains("@glowlab"), "{nl}");
        }
    }

    #[test]
    fn buried_labels_sit_inside_a_hashtag_block() {
        let mut rng = rng_from(2);
        for _ in 0..50 {
            let (text, tags) = caption(&mut rng, &spec(Disclosure::Buried, Country::NL, Language::NL));
            let at = tags.iter().position(|t| t == "advertentie" || t == "ad").unwrap_or(0);
            assert!(at > 0 && at + 1 < tags.len(), "{text}");
        }
    }

    #[test]
    fn after_the_fold_labels_start_beyond_125_characters_and_three_lines() {
        let mut rng = rng_from(3);
        for _ in 0..50 {
            let (text, _) = caption(&mut rng, &spec(Disclosure::AfterFold, Country::BE, Language::NL));
            let at = text.find("#reclame").or_else(|| text.find("#advertentie")).or_else(|| text.find("#publiciteit"));
            let at = at.unwrap_or(0);
            assert!(text[..at].chars().count() > 125 && text[..at].lines().count() > 3, "{text}");
        }
    }
}
