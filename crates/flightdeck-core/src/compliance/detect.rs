//! Finds the labels of [`super::labels::LABELS`] in a tokenized text.
//!
//! The table is folded and indexed once (sorted arrays, binary search); a check then costs one
//! lookup per token, with no regular expressions and no allocation per lookup.

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

/// The folded label table, sorted for binary search.
struct Index {
    /// (folded tag without `#`, label).
    tags: Vec<(String, &'static LabelDef)>,
    /// (folded bare word, label).
    bare: Vec<(String, &'static LabelDef)>,
    /// (first folded word, all folded words, label).
    phrases: Vec<(String, Vec<String>, &'static LabelDef)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(build_index);

/// Folds a table entry into its words (`pr-pakket` → `pr`, `pakket`; `#publicité` → `publicite`).
fn folded_words(text: &str) -> Vec<String> {
    let t = Text::analyse(text, &[]);
    t.tokens.iter().map(|k| t.str_of(k).to_string()).collect()
}

fn build_index() -> Index {
    let mut index = Index { tags: Vec::new(), bare: Vec::new(), phrases: Vec::new() };
    for def in LABELS {
        let mut words = folded_words(def.text);
        match def.form {
            Form::Tag => index.tags.push((words.concat(), def)),
            Form::Bare => index.bare.push((words.concat(), def)),
            Form::Phrase if !words.is_empty() => {
                let first = words.remove(0);
                index.phrases.push((first, words, def));
            }
            Form::Phrase => {}
        }
    }
    index.tags.sort_by(|a, b| a.0.cmp(&b.0));
    index.bare.sort_by(|a, b| a.0.cmp(&b.0));
    index.phrases.sort_by(|a, b| a.0.cmp(&b.0));
    index
}

fn lookup(list: &[(String, &'static LabelDef)], key: &str) -> Option<&'static LabelDef> {
    list.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().and_then(|i| list.get(i)).map(|(_, d)| *d)
}

/// Every label in the text, in text order.
pub(crate) fn scan(text: &Text) -> Vec<Hit> {
    let index = &*INDEX;
    let mut hits = Vec::new();
    for (i, tok) in text.tokens.iter().enumerate() {
        let s = text.str_of(tok);
        match tok.kind {
            Kind::Hashtag => {
                if let Some(def) = lookup(&index.tags, s) {
                    hits.push(hit(def, tok));
                }
            }
            Kind::Word => {
                if let Some(def) = lookup(&index.bare, s).filter(|_| bare_counts(tok)) {
                    hits.push(hit(def, tok));
                }
                let from = index.phrases.partition_point(|(first, _, _)| first.as_str() < s);
                for (first, rest, def) in &index.phrases[from..] {
                    if first != s {
                        break;
                    }
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
