//! Finds the labels of [`super::labels::LABELS`] in a tokenized text.
//!
//! The table is folded and indexed once (one hash map keyed by folded word); a check then costs
//! one lookup per token, with no regular expressions and no allocation per lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::labels::{Form, LabelDef, LABELS};
use super::text::{Kind, Text, Token};

/// One label found in a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// The label.
    pub def: &'static LabelDef,
    /// Character position of its start in the (caption + appended hashtags) text.
    pub pos: u32,
    /// Line of its start.
    pub line: u32,
    /// A hashtag buried in the middle of a hashtag block.
    pub buried: bool,
}

/// What the index knows about one folded word.
#[derive(Default)]
struct Slot {
    /// The hashtag label with this text.
    tag: Option<&'static LabelDef>,
    /// The bare-word label with this text.
    bare: Option<&'static LabelDef>,
    /// Phrases starting with this word: (the following words, label).
    phrases: Vec<(Vec<String>, &'static LabelDef)>,
}

/// The folded label table: one hash lookup per token.
type Index = HashMap<String, Slot, BuildHasherDefault<Fnv>>;

static INDEX: LazyLock<Index> = LazyLock::new(build_index);

/// FNV-1a: a tiny, fast hash for short keys (label words are a few bytes; no untrusted keys are stored).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Folds a table entry into its words (`pr-pakket` → `pr`, `pakket`; `#publicité` → `publicite`).
fn folded_words(text: &str) -> Vec<String> {
    let t = Text::analyse(text, &[]);
    t.tokens.iter().map(|k| t.str_of(k).to_string()).collect()
}

fn build_index() -> Index {
    let mut index = Index::default();
    for def in LABELS {
        let mut words = folded_words(def.text);
        match def.form {
            Form::Tag => index.entry(words.concat()).or_default().tag = Some(def),
            Form::Bare => index.entry(words.concat()).or_default().bare = Some(def),
            Form::Phrase if !words.is_empty() => {
                let first = words.remove(0);
                index.entry(first).or_default().phrases.push((words, def));
            }
            Form::Phrase => {}
        }
    }
    index
}

/// Every label in the text, in text order.
pub(crate) fn scan(text: &Text) -> Vec<Hit> {
    let index = &*INDEX;
    let mut hits = Vec::new();
    for (i, tok) in text.tokens.iter().enumerate() {
        let Some(slot) = index.get(text.str_of(tok)) else { continue };
        match tok.kind {
            Kind::Hashtag => {
                if let Some(def) = slot.tag {
                    hits.push(hit(def, tok));
                }
            }
            Kind::Word => {
                if let Some(def) = slot.bare.filter(|_| bare_counts(tok)) {
                    hits.push(hit(def, tok));
                }
                for (rest, def) in &slot.phrases {
                    if text.words_at(i + 1, rest) {
                        hits.push(hit(def, tok));
                    }
                }
            }
            Kind::Mention | Kind::Url => {}
        }
    }
    hits
}

/// A bare word is a label only as a line's first word followed by a delimiter or the line end,
/// or in brackets: `Reclame: …`, `(advertentie)`, `[AD | @merk]`, but not "Reclame op tv is saai".
fn bare_counts(tok: &Token) -> bool {
    (tok.delim_after && (tok.first_in_line || tok.opener_before)) || tok.closer_after
}

fn hit(def: &'static LabelDef, tok: &Token) -> Hit {
    Hit { def, pos: tok.pos, line: tok.line, buried: tok.kind == Kind::Hashtag && tok.buried }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(caption: &str) -> Vec<&'static str> {
        scan(&Text::analyse(caption, &[])).iter().map(|h| h.def.text).collect()
    }

    #[test]
    fn table_has_no_duplicates_and_folds_cleanly() {
        let mut keys: Vec<String> =
            LABELS.iter().map(|d| format!("{:?}:{}", d.form, folded_words(d.text).join(" "))).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(LABELS.iter().all(|d| !folded_words(d.text).is_empty()));
    }

    #[test]
    fn hashtags_match_whole_tags_only() {
        assert_eq!(found("#adv #advent #adidas #adventcalendar #AD"), vec!["#adv", "#ad"]);
        assert_eq!(found("#Publicité"), vec!["#publicité"]);
    }

    #[test]
    fn bare_words_need_position_and_delimiter() {
        assert_eq!(found("Reclame op tv is saai"), Vec::<&str>::new());
        assert_eq!(found("ik maak nooit reclame voor rommel"), Vec::<&str>::new());
        assert_eq!(found("Reclame | nieuwe jas"), vec!["reclame"]);
        assert_eq!(found("Nieuwe jas (advertentie) van @merk"), vec!["advertentie"]);
        assert_eq!(found("adidas ad.nl/x"), Vec::<&str>::new());
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert_eq!(found("In samenwerking met @merk"), vec!["in samenwerking met"]);
        assert_eq!(found("dit pr-pakket kreeg ik van @x"), vec!["pr-pakket", "kreeg ik van"]);
        assert_eq!(found("i.s.m. @merk"), vec!["i.s.m."]);
        assert_eq!(found("Dit is reclameland"), Vec::<&str>::new());
    }
}
