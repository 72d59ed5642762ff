//! The words the generator writes with: one [`Lexicon`] per language.
//!
//! Templates use `{topic}`, `{Topic}` (capitalised), `{place}`, `{emoji}`, `{n}`, `{brand}`
//! and `{code}` slots. Topic and hashtag lists are per niche, in the order of `niche::NICHES`.

use super::{lex_en, lex_fr, lex_nl};
use crate::domain::Language;

/// Everything written in one language.
pub(crate) struct Lexicon {
    /// Instagram / TikTok captions.
    pub social: &'static [&'static str],
    /// YouTube titles with a description.
    pub video: &'static [&'static str],
    /// Podcast episode titles and show notes.
    pub audio: &'static [&'static str],
    /// Blog posts and newsletter issues.
    pub text: &'static [&'static str],
    /// LinkedIn posts.
    pub pro: &'static [&'static str],
    /// Twitch stream titles.
    pub live: &'static [&'static str],
    /// The body of a sponsored or gifted post (mentions `{brand}`).
    pub sponsored: &'static [&'static str],
    /// An affiliate line with a discount `{code}`.
    pub affiliate: &'static [&'static str],
    /// Vague labels (not accepted by the rules): `#spon`, "in samenwerking met".
    pub vague: &'static [&'static str],
    /// Sentences that lengthen a caption (to push a label after the fold).
    pub filler: &'static [&'static str],
    /// Calls to action.
    pub ctas: &'static [&'static str],
    /// Topics per niche.
    pub topics: [&'static [&'static str]; 12],
    /// Hashtags per niche (without `#`).
    pub tags: [&'static [&'static str]; 12],
    /// Substantive comments from real followers that fit any niche.
    pub comments: &'static [&'static str],
    /// Comments that fit a niche, per niche.
    pub niche_comments: [&'static [&'static str]; 12],
    /// Short supportive comments used by engagement pods.
    pub pod_comments: &'static [&'static str],
}

/// The lexicon of `language` (English for anything but Dutch and French).
pub(crate) fn lexicon(language: Language) -> &'static Lexicon {
    if language == Language::NL {
        &lex_nl::NL
    } else if language == Language::FR {
        &lex_fr::FR
    } else {
        &lex_en::EN
    }
}

/// Generic comments in no particular language: what bots and drive-by accounts write.
pub(crate) const GENERIC_COMMENTS: &[&str] = &[
    "😍😍😍",
    "🔥🔥",
    "🔥🔥🔥",
    "❤️",
    "👏👏",
    "wow",
    "Wow!",
    "nice pic",
    "Nice pic!",
    "Nice 👍",
    "Love it",
    "Great content!",
    "amazing",
    "Mooi!",
    "Top!",
    "Super!",
    "Magnifique",
    "👍",
    "💯",
    "😮",
    "Cool",
    "🙌🙌",
];

/// Spam comments left by bot accounts (`{x}` is a random account).
pub(crate) const SPAM_COMMENTS: &[&str] = &[
    "Check my profile 💯",
    "DM us to collab 💰",
    "Promote it on @{x} 🚀",
    "Send this to @{x} to get featured ⭐",
    "Want more followers? Check bio",
    "Great page! Follow back? 🙏",
];

/// Emoji that captions end with.
pub(crate) const EMOJI: &[&str] = &["😍", "✨", "🙌", "☀️", "💪", "🍂", "🔥", "❤️", "😊", "🌿", "👀", "🥰"];

/// Brands creators work with outside the demo's own campaigns, per niche (fictional; the
/// demo brand's two competitors are among them so conflict checks have something to find).
pub(crate) const PARTNERS: [&[&str]; 12] = [
    &["kustgloed", "glowlab", "zeepfabriek"],
    &["jasjesenzo", "tweedekans", "linnenloods"],
    &["polderpuur", "loopwerk", "sportsnack"],
    &["bakkerijboon", "groentetas", "kruidenkast"],
    &["treinreis", "huisjehuren", "rugzakwinkel"],
    &["kindjekoek", "luierloket", "speelgoedhuis"],
    &["pixelpit", "controllerclub", "energiefris"],
    &["gadgetgarage", "lichtslim", "koptelefoonkoning"],
    &["beleggenbasis", "spaarapp", "budgetboek"],
    &["kustgloed", "polderpuur", "hervulbaar"],
    &["theetuin", "kaarsenkamer", "glowlab"],
    &["woonwerf", "plantenpost", "klushuis"],
];
