//! Who clicked: a person on a phone or a computer, a link-preview crawler, or a bot.
//!
//! Link previews (WhatsApp, Slack, iMessage, Facebook, …) and bots inflate click counts;
//! they are stored but left out of every KPI. The classification is one pass of an
//! Aho-Corasick automaton (built once) over the first [`MAX_SCANNED_UA_BYTES`] bytes of
//! the User-Agent, ASCII case-insensitive, so it costs well under a microsecond and
//! allocates nothing.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::domain::AgentClass;

/// How much of a User-Agent is looked at; real ones are a few hundred bytes.
pub const MAX_SCANNED_UA_BYTES: usize = 2048;

/// Link-preview crawlers: fetch a page because someone shared or pasted the link.
const PREVIEW: &[&str] = &[
    "facebookexternalhit", // Facebook, Instagram and Messenger previews; also iMessage
    "facebot",
    "twitterbot", // X / Twitter cards; also part of the iMessage UA
    "whatsapp",   // WhatsApp previews (Signal sends a WhatsApp UA too)
    "slackbot",   // Slackbot and Slackbot-LinkExpanding
    "slack-imgproxy",
    "telegrambot",
    "linkedinbot",
    "discordbot",
    "skypeuripreview", // Skype and Microsoft Teams
    "microsoftpreview",
    "snap url preview",
    "mastodon/",
    "redditbot",
    "embedly",
    "iframely",
    "vkshare",
    "cardyb", // Bluesky's card fetcher
    "google-pagerenderer",
    "bitlybot",
];

/// Bots: crawlers, monitors, headless browsers and HTTP libraries.
const BOT: &[&str] = &[
    "googlebot",
    "bingbot",
    "bingpreview",
    "applebot",
    "pinterestbot",
    "yandex",
    "baiduspider",
    "duckduckbot",
    "slurp",
    "petalbot",
    "bytespider",
    "gptbot",
    "chatgpt-user",
    "claudebot",
    "perplexitybot",
    "ccbot",
    "amazonbot",
    "adsbot",
    "-google", // Mediapartners-Google, AdsBot-Google, Storebot-Google, …
    "googleother",
    "meta-externalagent",
    "facebookcatalog",
    "ia_archiver",
    "headlesschrome",
    "headless",
    "phantomjs",
    "lighthouse",
    "pingdom",
    "uptimerobot",
    "curl/",
    "wget/",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "go-http-client",
    "java/",
    "okhttp",
    "apache-httpclient",
    "libwww-perl",
    "httpie",
    "node-fetch",
    "axios/",
    "undici",
    "postmanruntime",
    "insomnia",
    "scrapy",
    "zgrab",
    "spider",
    "crawler",
    "bot/",
    "bot;",
    "+http", // "(+http://example.com/bot.html)": no browser says this
];

/// Phones and tablets.
const MOBILE: &[&str] = &[
    "mobile",
    "android",
    "iphone",
    "ipad",
    "ipod",
    "windows phone",
    "opera mini",
    "blackberry",
    "kaios",
    "silk/",
    "webos",
];

/// Computers.
const DESKTOP: &[&str] = &["windows nt", "macintosh", "x11", "mac os x"];

struct Matcher {
    automaton: AhoCorasick,
    classes: Vec<AgentClass>,
}

static MATCHER: LazyLock<Option<Matcher>> = LazyLock::new(|| {
    let groups = [
        (PREVIEW, AgentClass::Preview),
        (BOT, AgentClass::Bot),
        (MOBILE, AgentClass::Mobile),
        (DESKTOP, AgentClass::Desktop),
    ];
    let mut patterns = Vec::new();
    let mut classes = Vec::new();
    for (group, class) in groups {
        patterns.extend_from_slice(group);
        classes.extend(std::iter::repeat_n(class, group.len()));
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .ok()
        .map(|automaton| Matcher { automaton, classes })
});

fn rank(class: AgentClass) -> u8 {
    match class {
        AgentClass::Preview => 4,
        AgentClass::Bot => 3,
        AgentClass::Mobile => 2,
        AgentClass::Desktop => 1,
        AgentClass::Unknown => 0,
    }
}

/// Classifies a User-Agent header: [`AgentClass::Preview`] for link-preview crawlers,
/// [`AgentClass::Bot`] for crawlers, scripts and headless browsers (and for an empty
/// User-Agent, which no browser sends), [`AgentClass::Mobile`] / [`AgentClass::Desktop`]
/// for people, [`AgentClass::Unknown`] otherwise. Preview wins over bot, bot over the
/// device: Googlebot's smartphone crawler says "Android … Mobile" too.
pub fn classify_user_agent(user_agent: &str) -> AgentClass {
    let bytes = user_agent.as_bytes();
    let bytes = &bytes[..bytes.len().min(MAX_SCANNED_UA_BYTES)];
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return AgentClass::Bot;
    }
    let Some(matcher) = MATCHER.as_ref() else { return AgentClass::Unknown };
    let mut best = AgentClass::Unknown;
    for found in matcher.automaton.find_overlapping_iter(bytes) {
        let class = matcher.classes[found.pattern().as_usize()];
        if rank(class) > rank(best) {
            best = class;
            if best == AgentClass::Preview {
                break;
            }
        }
    }
    best
}

/// Whether a click from this class counts in KPIs (people only; unknown counts,
/// because a browser we do not recognise is still more likely a person than a bot).
pub fn counts_as_human(class: AgentClass) -> bool {
    matches!(class, AgentClass::Mobile | AgentClass::Desktop | AgentClass::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_builds() {
        assert!(MATCHER.is_some());
    }
}
