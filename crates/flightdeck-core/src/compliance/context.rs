//! The facts about one post that the rules read, derived once from [`PostInput`], and each
//! found label judged for this post (accepted, wrong language, vague, own-brand wording).

use super::detect::Hit;
use super::input::{language_bits, lower, Category, Jurisdiction, PostInput, Relationship};
use super::labels::{Class, EN, FR, NL};

/// What the rules need to know about a post.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    /// The raw post.
    pub post: &'a PostInput,
    /// The rule set.
    pub j: Jurisdiction,
    /// The relationship (`Unknown` when absent).
    pub rel: Relationship,
    /// Language bits of `language` (0 when absent).
    pub lang: u8,
    /// Lower-case platform name ("" when absent).
    pub platform: String,
    /// Format is a story.
    pub story: bool,
    /// Format or platform is video (§2 "Video").
    pub video: bool,
    /// Characters visible before "more".
    pub fold: u32,
    /// Instagram also cuts after three lines.
    pub three_lines: bool,
    /// Product category group.
    pub category: Category,
}

impl<'a> Ctx<'a> {
    /// Reads the post for jurisdiction `j`.
    pub fn new(post: &'a PostInput, j: Jurisdiction) -> Self {
        let platform = lower(post.platform.as_deref());
        let format = lower(post.format.as_deref()).replace(['-', ' '], "_");
        let story = matches!(format.as_str(), "story" | "stories" | "ig_story" | "instagram_story");
        let video_format = matches!(
            format.as_str(),
            "reel"
                | "reels"
                | "story"
                | "stories"
                | "ig_story"
                | "video"
                | "short"
                | "shorts"
                | "live"
                | "igtv"
                | "stream"
                | "livestream"
                | "live_stream"
                | "tiktok"
        );
        let video = story || video_format || matches!(platform.as_str(), "tiktok" | "youtube" | "twitch");
        let (fold, three_lines) = match platform.as_str() {
            "instagram" => (125, true),
            "tiktok" | "youtube" => (100, false),
            _ => (125, false),
        };
        Ctx {
            post,
            j,
            rel: Relationship::parse(post.relationship.as_deref()),
            lang: language_bits(post.language.as_deref()),
            platform,
            story,
            video,
            fold,
            three_lines,
            category: Category::parse(post.product_category.as_deref()),
        }
    }

    /// The rule id `PREFIX-name` for this jurisdiction.
    pub fn rule(&self, name: &str) -> String {
        format!("{}-{name}", self.j.prefix())
    }

    /// The label to recommend, in the audience's language.
    pub fn good_label(&self) -> &'static str {
        match (self.j, self.lang) {
            (Jurisdiction::Nl, _) => "#advertentie",
            (Jurisdiction::Be, FR) => "#publicité",
            (Jurisdiction::Be, NL) => "#reclame",
            (Jurisdiction::Be, _) => "#reclame (Dutch-speaking audience) or #publicité (French-speaking audience)",
            (Jurisdiction::Us | Jurisdiction::Uk, _) => "#ad",
        }
    }

    /// Whether a label starting at (`pos`, `line`) shows before "more".
    pub fn visible(&self, pos: u32, line: u32) -> bool {
        pos < self.fold && (!self.three_lines || line < 3)
    }

    /// Where the fold is, for messages.
    pub fn fold_words(&self) -> String {
        if self.three_lines {
            format!("the first {} characters and first 3 lines", self.fold)
        } else {
            format!("the first {} characters", self.fold)
        }
    }
}

/// How a found label counts for this post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// An accepted disclosure for this jurisdiction, relationship and language.
    Accepted,
    /// BE: would be accepted, but not in the audience's language (or English `#ad`).
    WrongLanguage,
    /// Not enough: vague, or understating the relationship.
    Vague,
    /// Own-brand wording ("mijn eigen merk").
    Own,
    /// Known, but not a label for this market (e.g. a German label in the US).
    Foreign,
}

/// A label found in the post, judged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Judged {
    /// The label and where it stands.
    pub hit: Hit,
    /// How it counts.
    pub status: Status,
    /// Starts before the fold.
    pub visible: bool,
}

impl Judged {
    /// Accepted, visible and not buried in a hashtag block.
    pub fn ok(&self) -> bool {
        self.status == Status::Accepted && self.visible && !self.hit.buried
    }
}

/// Judges every hit for this post.
pub(crate) fn judge(ctx: &Ctx<'_>, hits: &[Hit]) -> Vec<Judged> {
    hits.iter().map(|h| Judged { hit: *h, status: status(ctx, h), visible: ctx.visible(h.pos, h.line) }).collect()
}

fn status(ctx: &Ctx<'_>, hit: &Hit) -> Status {
    let def = hit.def;
    let unknown = ctx.rel == Relationship::Unknown;
    let gift_ok = unknown || ctx.rel == Relationship::Gifted;
    let aff_ok = unknown || ctx.rel == Relationship::Affiliate;
    match def.class {
        Class::Own => return Status::Own,
        Class::Vague => return Status::Vague,
        _ => {}
    }
    let lang_ok = |allowed: u8| if def.langs & allowed != 0 { Status::Accepted } else { Status::Foreign };
    match ctx.j {
        Jurisdiction::Nl | Jurisdiction::Us => {
            let class_ok = match def.class {
                Class::Gift => gift_ok,
                Class::Aff => aff_ok,
                _ => true,
            };
            let allowed = if ctx.j == Jurisdiction::Nl { NL | EN | ctx.lang } else { EN };
            if class_ok {
                lang_ok(allowed)
            } else {
                Status::Vague
            }
        }
        Jurisdiction::Uk if def.uk => Status::Accepted,
        Jurisdiction::Uk if def.class == Class::Ad => Status::Foreign,
        Jurisdiction::Uk => Status::Vague,
        Jurisdiction::Be => be_status(ctx, def.class, def.langs, gift_ok),
    }
}

fn be_status(ctx: &Ctx<'_>, class: Class, langs: u8, spons_ok: bool) -> Status {
    let audience = if ctx.lang == 0 { NL | FR } else { ctx.lang };
    let by_language = if langs & audience != 0 { Status::Accepted } else { Status::WrongLanguage };
    match class {
        Class::Ad => by_language,
        Class::Spons if spons_ok => by_language,
        Class::Abbr if langs & EN != 0 && audience & EN == 0 => Status::WrongLanguage,
        _ => Status::Vague,
    }
}
