//! Comment quality: the share of generic comments (emoji-only, "nice pic", "wow",
//! mention-only — en/nl/fr), engagement pods (the same commenters on a large share of
//! posts) and the language of comments against the audience's languages.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::domain::{Comment, Language, PostId};

/// A commenter on at least this share of the posts is a regular.
const POD_POST_SHARE: f64 = 0.6;
/// At least this many regulars, writing at least [`POD_COMMENT_SHARE`] of all comments,
/// make a pod.
const POD_MIN_MEMBERS: usize = 5;
/// See [`POD_MIN_MEMBERS`].
const POD_COMMENT_SHARE: f64 = 0.3;
/// Pods are only judged over at least this many posts with comments.
const POD_MIN_POSTS: usize = 5;
/// Generic share is only judged over at least this many comments.
pub const MIN_COMMENTS: usize = 20;

/// What the comments say about an account's engagement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CommentQuality {
    /// Comments looked at.
    pub comments: u32,
    /// Share that is generic.
    pub generic_share: f64,
    /// Posts with comments.
    pub posts: u32,
    /// Commenters present on at least 60 % of the posts.
    pub regulars: u32,
    /// Share of all comments written by those regulars.
    pub regular_share: f64,
    /// Comments whose language could be detected reliably.
    pub detected: u32,
    /// Of those, the share in a language the audience does not speak.
    pub foreign_share: f64,
    /// The most common foreign language, if any.
    pub top_foreign: Option<String>,
}

impl CommentQuality {
    /// Whether the comments look like an engagement pod.
    pub fn is_pod(&self) -> bool {
        self.posts as usize >= POD_MIN_POSTS
            && self.regulars as usize >= POD_MIN_MEMBERS
            && self.regular_share >= POD_COMMENT_SHARE
    }

    /// Whether generic comments reach the alarm share.
    pub fn is_generic(&self) -> bool {
        self.comments as usize >= MIN_COMMENTS && self.generic_share >= super::priors::GENERIC_COMMENT_ALARM
    }
}

struct Lexicon {
    words: HashSet<String>,
    phrases: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { words: HashSet::new(), phrases: HashSet::new() };
        for line in include_str!("data/generic_comments.txt").lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix("@word ") {
                Some(w) => lex.words.insert(w.trim().to_owned()),
                None => lex.phrases.insert(line.to_owned()),
            };
        }
        lex
    })
}

/// The words of a comment: lower case, without @mentions, emoji and punctuation.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .map(|w| {
            w.chars().filter(|c| c.is_alphanumeric() || *c == '\'').flat_map(char::to_lowercase).collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a comment is generic: emoji- or mention-only, a stock phrase, or made of
/// stock words only. Letters repeated for emphasis ("wowww", "mooiii") are folded.
pub fn is_generic(text: &str) -> bool {
    let ws: Vec<String> = words(text).into_iter().map(|w| fold_repeats(&w)).collect();
    if ws.is_empty() {
        return true;
    }
    let lex = lexicon();
    lex.phrases.contains(&ws.join(" ")) || ws.iter().all(|w| lex.words.contains(w))
}

/// Folds runs of 3+ equal letters to one ("wowww" → "wow", "mooiii" → "mooi").
fn fold_repeats(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = String::with_capacity(w.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 { 1 } else { run };
        out.extend(std::iter::repeat_n(chars[i], keep));
        i = j;
    }
    out
}

/// The languages comments are told apart in: those of the NL/BE market and the ones
/// bought engagement most often comes in.
const LANGUAGES: [(whatlang::Lang, &str); 13] = [
    (whatlang::Lang::Nld, "nl"),
    (whatlang::Lang::Fra, "fr"),
    (whatlang::Lang::Eng, "en"),
    (whatlang::Lang::Deu, "de"),
    (whatlang::Lang::Spa, "es"),
    (whatlang::Lang::Ita, "it"),
    (whatlang::Lang::Por, "pt"),
    (whatlang::Lang::Tur, "tr"),
    (whatlang::Lang::Ara, "ar"),
    (whatlang::Lang::Pol, "pl"),
    (whatlang::Lang::Rus, "ru"),
    (whatlang::Lang::Ind, "id"),
    (whatlang::Lang::Hin, "hi"),
];

/// Below this whatlang confidence a detection is not used.
const MIN_CONFIDENCE: f64 = 0.25;

/// Detects the language of a comment with whatlang; `None` for short or unsure text.
pub fn detect_language(text: &str) -> Option<Language> {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    if words(text).len() < 4 {
        return None;
    }
    let detector =
        DETECTOR.get_or_init(|| whatlang::Detector::with_allowlist(LANGUAGES.iter().map(|(l, _)| *l).collect()));
    let info = detector.detect(text).filter(|i| i.confidence() >= MIN_CONFIDENCE)?;
    let code = LANGUAGES.iter().find(|(l, _)| *l == info.lang())?.1;
    Language::parse(code).ok()
}

/// Judges the comments of one account. `audience` are the languages its audience
/// speaks (empty: language is not judged).
pub fn assess(comments: &[Comment], audience: &[Language]) -> CommentQuality {
    let mut q = CommentQuality { comments: comments.len() as u32, ..CommentQuality::default() };
    if comments.is_empty() {
        return q;
    }
    q.generic_share = comments.iter().filter(|c| is_generic(&c.text)).count() as f64 / comments.len() as f64;
    pods(comments, &mut q);
    languages(comments, audience, &mut q);
    q
}

fn pods(comments: &[Comment], q: &mut CommentQuality) {
    let mut posts_by_author: HashMap<&str, HashSet<&PostId>> = HashMap::new();
    let mut count_by_author: HashMap<&str, usize> = HashMap::new();
    let mut posts: HashSet<&PostId> = HashSet::new();
    for c in comments {
        posts.insert(&c.post_id);
        posts_by_author.entry(&c.author_hash).or_default().insert(&c.post_id);
        *count_by_author.entry(&c.author_hash).or_default() += 1;
    }
    q.posts = posts.len() as u32;
    let needed = (POD_POST_SHARE * posts.len() as f64).ceil() as usize;
    let regulars: Vec<&str> =
        posts_by_author.iter().filter(|(_, p)| p.len() >= needed.max(2)).map(|(a, _)| *a).collect();
    q.regulars = regulars.len() as u32;
    let by_regulars: usize = regulars.iter().filter_map(|a| count_by_author.get(a)).sum();
    q.regular_share = by_regulars as f64 / comments.len() as f64;
}

fn languages(comments: &[Comment], audience: &[Language], q: &mut CommentQuality) {
    if audience.is_empty() {
        return;
    }
    let mut foreign: HashMap<Language, usize> = HashMap::new();
    for lang in comments.iter().filter_map(|c| detect_language(&c.text)) {
        q.detected += 1;
        if !audience.contains(&lang) {
            *foreign.entry(lang).or_default() += 1;
        }
    }
    let total: usize = foreign.values().sum();
    if q.detected > 0 {
        q.foreign_share = total as f64 / q.detected as f64;
    }
    q.top_foreign = foreign.into_iter().max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l))).map(|(l, _)| l.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_comments_are_recognised_in_three_languages() {
        for text in
            ["🔥🔥🔥", "Nice pic!", "wowww 😍", "@anna @bert", "Wat mooi!!", "trop beau ❤️", "so cute", "Super mooi"]
        {
            assert!(is_generic(text), "{text}");
        }
        for text in
            ["Waar heb je die jas gekocht?", "Ik heb dit recept gisteren gemaakt, heerlijk", "C'est quelle marque ?"]
        {
            assert!(!is_generic(text), "{text}");
        }
    }

    #[test]
    fn languages_are_detected_on_longer_comments_only() {
        assert_eq!(
            detect_language("Ik vind deze jas echt heel erg mooi, waar heb je hem gekocht?"),
            Some(Language::NL)
        );
        assert_eq!(
            detect_language("Je trouve cette veste vraiment très belle, où l'as-tu achetée ?"),
            Some(Language::FR)
        );
        assert_eq!(detect_language("wow"), None);
    }
}
