//! Text preparation: fold once (lower case, accents and compatibility forms removed), mask URLs
//! and @mentions, and cut the caption into word and hashtag tokens that remember where they
//! stood in the original (character position and line) for the "before the fold" check.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One folded character and where its original character stood.
#[derive(Debug, Clone, Copy)]
struct FChar {
    c: char,
    pos: u32,
    line: u32,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters and digits.
    Word,
    /// `#tag`; the text holds the tag without `#`.
    Hashtag,
    /// `@handle` (never matched; breaks phrases).
    Mention,
    /// A masked URL or domain (never matched).
    Url,
}

/// A token of the folded text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Its folded text, a range of [`Text::arena`].
    pub text: Range<usize>,
    /// Character position of its first character in the original text.
    pub pos: u32,
    /// Line (0-based) of its first character.
    pub line: u32,
    /// No word precedes it on its line.
    pub first_in_line: bool,
    /// Followed (after spaces) by `: | - – — • ] ) !` or the line end.
    pub delim_after: bool,
    /// Directly preceded (after spaces) by `(` or `[`.
    pub opener_before: bool,
    /// Directly followed (after spaces) by `)` or `]` while inside brackets.
    pub closer_after: bool,
    /// A hashtag inside a run of at least three, neither first nor last.
    pub buried: bool,
}

/// A folded, tokenized text.
#[derive(Debug, Default)]
pub(crate) struct Text {
    /// Folded token texts, back to back.
    pub arena: String,
    /// The tokens in order.
    pub tokens: Vec<Token>,
    /// Character count of the text so far (for appended hashtags).
    next_pos: u32,
    /// Line of the end of the text so far.
    last_line: u32,
}

const DELIMS: [char; 9] = [':', '|', '-', '–', '—', '•', ']', ')', '!'];

impl Text {
    /// Folds and tokenizes `caption`, then appends the `hashtags` that the caption lacks.
    pub fn analyse(caption: &str, hashtags: &[String]) -> Text {
        let (chars, count, lines) = fold(caption);
        let mut text = Text {
            arena: String::with_capacity(caption.len()),
            tokens: Vec::with_capacity(caption.len() / 5 + 4),
            next_pos: count,
            last_line: lines,
        };
        Tokenizer { chars: &chars, text: &mut text }.run();
        for tag in hashtags {
            text.append_tag(tag);
        }
        mark_buried(&mut text.tokens);
        text
    }

    /// The folded text of a token.
    pub fn str_of(&self, token: &Token) -> &str {
        self.arena.get(token.text.clone()).unwrap_or("")
    }

    /// Whether the text holds these folded words one after the other.
    pub fn has_words<S: AsRef<str>>(&self, words: &[S]) -> bool {
        (0..self.tokens.len()).any(|i| self.words_at(i, words))
    }

    /// Whether the tokens from `start` on are exactly these words.
    pub fn words_at<S: AsRef<str>>(&self, start: usize, words: &[S]) -> bool {
        let Some(slice) = self.tokens.get(start..start + words.len()) else { return false };
        slice.iter().zip(words).all(|(t, w)| t.kind == Kind::Word && self.str_of(t) == w.as_ref())
    }

    /// Whether a hashtag with this folded text is present.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tokens.iter().any(|t| t.kind == Kind::Hashtag && self.str_of(t) == tag)
    }

    /// Appends one entry of the `hashtags` field unless the caption already has it.
    fn append_tag(&mut self, raw: &str) {
        let folded: String = fold(raw).0.into_iter().map(|f| f.c).collect();
        let tag: String = folded
            .trim_start_matches(|c: char| c == '#' || c.is_whitespace())
            .chars()
            .take_while(|c| is_tag_char(*c))
            .collect();
        let width = raw.chars().count() as u32 + 2;
        if tag.is_empty() || self.has_tag(&tag) {
            return;
        }
        let start = self.arena.len();
        self.arena.push_str(&tag);
        self.tokens.push(Token {
            kind: Kind::Hashtag,
            text: start..self.arena.len(),
            pos: self.next_pos + 1,
            line: self.last_line,
            first_in_line: false,
            delim_after: false,
            opener_before: false,
            closer_after: false,
            buried: false,
        });
        self.next_pos += width;
    }
}

/// Lower case, compatibility-decomposed, combining marks dropped (`É` → `e`, `𝐀𝐃` → `ad`, `ﬁ` → `fi`);
/// also returns the number of characters and of line breaks of the input.
fn fold(input: &str) -> (Vec<FChar>, u32, u32) {
    let mut out = Vec::with_capacity(input.len());
    let mut line = 0u32;
    let mut pos = 0u32;
    for c in input.chars() {
        if c.is_ascii() {
            out.push(FChar { c: c.to_ascii_lowercase(), pos, line });
        } else {
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        if !is_combining_mark(l) {
                            out.push(FChar { c: l, pos, line });
                        }
                    }
                }
            });
        }
        if c == '\n' {
            line += 1;
        }
        pos = pos.saturating_add(1);
    }
    (out, pos, line)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Marks hashtags buried inside runs of three or more (words and URLs break a run).
fn mark_buried(tokens: &mut [Token]) {
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, tokens: &mut [Token]| {
        if run.len() >= 3 {
            for &i in &run[1..run.len() - 1] {
                if let Some(t) = tokens.get_mut(i) {
                    t.buried = true;
                }
            }
        }
        run.clear();
    };
    for i in 0..tokens.len() {
        match tokens[i].kind {
            Kind::Hashtag => run.push(i),
            Kind::Mention => {}
            Kind::Word | Kind::Url => flush(&mut run, tokens),
        }
    }
    flush(&mut run, tokens);
}

/// One pass over the folded characters.
struct Tokenizer<'a> {
    chars: &'a [FChar],
    text: &'a mut Text,
}

impl Tokenizer<'_> {
    fn run(&mut self) {
        let n = self.chars.len();
        let mut i = 0;
        let mut line_has_word = false;
        let mut depth = 0u32;
        while i < n {
            let c = self.chars[i].c;
            if c == '\n' {
                line_has_word = false;
                depth = 0;
                i += 1;
            } else if c.is_whitespace() {
                i += 1;
            } else if i == 0 || self.chars[i - 1].c.is_whitespace() {
                let end = self.chunk_end(i);
                if self.is_url(i, end) {
                    self.push(Kind::Url, i, i, end, false, depth);
                    line_has_word = true;
                    i = end;
                } else {
                    i = self.step(i, &mut line_has_word, &mut depth);
                }
            } else {
                i = self.step(i, &mut line_has_word, &mut depth);
            }
        }
    }

    /// Consumes one token or punctuation character at `i`; returns the next index.
    fn step(&mut self, i: usize, line_has_word: &mut bool, depth: &mut u32) -> usize {
        let c = self.chars[i].c;
        let prev_word = i > 0 && is_tag_char(self.chars[i - 1].c);
        if (c == '#' || c == '@') && !(c == '#' && prev_word) {
            let keep = |x: char| if c == '@' { is_tag_char(x) || x == '.' } else { is_tag_char(x) };
            let end = self.scan(i + 1, keep);
            if end == i + 1 {
                return end;
            }
            let kind = if c == '#' { Kind::Hashtag } else { Kind::Mention };
            self.push(kind, i, i + 1, end, !*line_has_word, *depth);
            return end;
        }
        if is_word_char(c) {
            let end = self.scan(i, is_word_char);
            self.push(Kind::Word, i, i, end, !*line_has_word, *depth);
            *line_has_word = true;
            return end;
        }
        match c {
            '(' | '[' => *depth += 1,
            ')' | ']' => *depth = depth.saturating_sub(1),
            _ => {}
        }
        i + 1
    }

    fn scan(&self, from: usize, keep: impl Fn(char) -> bool) -> usize {
        let mut j = from;
        while j < self.chars.len() && keep(self.chars[j].c) {
            j += 1;
        }
        j
    }

    fn chunk_end(&self, from: usize) -> usize {
        self.scan(from, |c| !c.is_whitespace())
    }

    /// `https://…`, `www.…`, `shop.nl/…`, or a bare domain with a common top-level domain.
    fn is_url(&self, from: usize, to: usize) -> bool {
        let chunk = &self.chars[from..to];
        let inner_dot = chunk.windows(2).any(|w| w[0].c == '.' && w[1].c.is_alphanumeric());
        if !inner_dot && !chunk.iter().any(|f| f.c == '/') {
            return false;
        }
        let s: String = chunk.iter().map(|f| f.c).collect();
        let s = s.trim_start_matches(['(', '[', '<', '"', '\'']);
        if s.contains("://") || s.starts_with("www.") {
            return true;
        }
        let (host, has_path) = match s.find('/') {
            Some(k) => (&s[..k], true),
            None => (s.trim_end_matches(|c: char| !c.is_alphanumeric()), false),
        };
        looks_like_domain(host, has_path)
    }

    fn push(&mut self, kind: Kind, at: usize, text_from: usize, end: usize, first_in_line: bool, depth: u32) {
        let start = self.text.arena.len();
        for f in &self.chars[text_from..end] {
            self.text.arena.push(f.c);
        }
        let (delim_after, closer_after) = self.after(end, depth);
        let first = self.chars[at];
        self.text.tokens.push(Token {
            kind,
            text: start..self.text.arena.len(),
            pos: first.pos,
            line: first.line,
            first_in_line,
            delim_after,
            opener_before: self.opener_before(at),
            closer_after,
            buried: false,
        });
    }

    /// (followed by a delimiter or line end, followed by a closing bracket while inside brackets).
    fn after(&self, end: usize, depth: u32) -> (bool, bool) {
        let j = self.scan(end, |c| c.is_whitespace() && c != '\n');
        let Some(next) = self.chars.get(j).map(|f| f.c) else { return (true, false) };
        if next == '\n' {
            return (true, false);
        }
        let closer = depth > 0 && (next == ')' || next == ']');
        let delim = match next {
            '-' => !self.chars.get(j + 1).is_some_and(|f| is_word_char(f.c)),
            c => DELIMS.contains(&c),
        };
        (delim, closer)
    }

    fn opener_before(&self, at: usize) -> bool {
        let mut j = at;
        while j > 0 {
            j -= 1;
            let c = self.chars[j].c;
            if c == '(' || c == '[' {
                return true;
            }
            if !c.is_whitespace() || c == '\n' {
                return false;
            }
        }
        false
    }
}

const BARE_TLDS: [&str; 22] = [
    "com", "nl", "be", "fr", "de", "org", "net", "io", "co", "uk", "eu", "shop", "store", "app", "ly", "gl", "me",
    "tv", "info", "link", "site", "online",
];

fn looks_like_domain(host: &str, has_path: bool) -> bool {
    if host.contains(['#', '@']) {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || !l.chars().all(|c| c.is_alphanumeric() || c == '-')) {
        return false;
    }
    let tld = labels.last().copied().unwrap_or("");
    let alpha_tld = tld.chars().count() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
    alpha_tld && (has_path || BARE_TLDS.contains(&tld))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Text) -> Vec<(Kind, String)> {
        t.tokens.iter().map(|k| (k.kind, t.str_of(k).to_string())).collect()
    }

    #[test]
    fn folds_accents_case_and_fancy_fonts() {
        let t = Text::analyse("#Publicité 𝐀𝐃 É", &[]);
        let w = words(&t);
        assert_eq!(w[0], (Kind::Hashtag, "publicite".into()));
        assert_eq!(w[1], (Kind::Word, "ad".into()));
        assert_eq!(w[2], (Kind::Word, "e".into()));
    }

    #[test]
    fn masks_urls_and_mentions() {
        let t = Text::analyse("zie shop.nl/zomer#ad en https://x.com/#ad @ad_brand nike.com", &[]);
        let tags: Vec<_> = t.tokens.iter().filter(|k| k.kind == Kind::Hashtag).collect();
        assert!(tags.is_empty(), "{:?}", words(&t));
        assert_eq!(t.tokens.iter().filter(|k| k.kind == Kind::Url).count(), 3);
    }

    #[test]
    fn positions_count_original_characters_and_lines() {
        let t = Text::analyse("é\nab #ad", &["#zomer".into(), "ad".into()]);
        let ad = &t.tokens[2];
        assert_eq!((ad.pos, ad.line), (5, 1));
        assert_eq!(t.tokens.len(), 4, "#ad is not appended twice");
        assert_eq!(t.tokens[3].pos, 9);
    }

    #[test]
    fn buried_needs_a_run_of_three() {
        let t = Text::analyse("tekst #a #b #c\nwoord #d #e", &[]);
        let buried: Vec<bool> = t.tokens.iter().filter(|k| k.kind == Kind::Hashtag).map(|k| k.buried).collect();
        assert_eq!(buried, vec![false, true, false, false, false]);
    }

    #[test]
    fn delimiter_flags() {
        let t = Text::analyse("Reclame: x\nReclame op tv\n(ad) [reclame | x] ad-blocker", &[]);
        let flags: Vec<(bool, bool, bool)> =
            t.tokens.iter().map(|k| (k.first_in_line, k.delim_after, k.opener_before)).collect();
        assert_eq!(flags[0], (true, true, false));
        assert_eq!(flags[2], (true, false, false));
        assert_eq!(flags[5], (true, true, true), "(ad)");
        assert!(t.tokens[5].closer_after);
        assert_eq!(flags[6], (false, true, true), "[reclame |");
        assert!(!t.tokens[8].delim_after, "ad-blocker");
    }
}
