//! Property tests of the compliance engine: no input panics it (any Unicode, any length, any
//! field combination), the verdict always equals the worst finding, and a Dutch advertising
//! label at the very start always satisfies the caption rules.

use flightdeck_core::compliance::{check, CheckResult, PostInput, Severity};
use proptest::prelude::*;

fn opt_of(values: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(values).prop_map(String::from))
}

/// Captions mixing arbitrary Unicode with the characters the tokenizer cares about.
fn caption() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "#",
        "@",
        "#ad",
        "#advertentie",
        "reclame",
        "Reclame:",
        "(",
        ")",
        "[",
        "]",
        "|",
        "—",
        "\n",
        " ",
        ".",
        "/",
        "https://",
        "www.",
        "é",
        "\u{301}",
        "𝐀𝐃",
        "ﬁ",
        "İ",
        "ß",
        "🧑‍🤝‍🧑",
        "\u{200d}",
        "#spon",
        "i.s.m.",
        "nix18",
    ]);
    let piece = prop_oneof![any::<String>(), atoms.prop_map(String::from), "\\PC{0,8}"];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

prop_compose! {
    fn post()(
        caption in prop::option::of(caption()),
        hashtags in prop::option::of(prop::collection::vec(any::<String>(), 0..6)),
        platform in opt_of(&["instagram", "tiktok", "youtube", "twitch", "snapchat", "blog", "", "ÍNSTAGRAM"]),
        format in opt_of(&["post", "reel", "story", "video", "short", "live", "carousel", "x"]),
        country in opt_of(&["NL", "BE", "US", "GB", "UK", "DE", "", "nl"]),
        language in opt_of(&["nl", "fr", "en", "de", "", "nl-BE"]),
        relationship in opt_of(&["paid", "gifted", "affiliate", "own_product", "ambassador", "none", "weird"]),
        category in opt_of(&["alcohol", "gambling", "lottery", "food"]),
        label in prop::option::of(any::<bool>()),
        media in prop::option::of(any::<bool>()),
        share in prop::option::of(prop_oneof![any::<f64>(), 0.0..1.0f64]),
        age in prop::option::of(prop_oneof![any::<f64>(), 0.0..80.0f64]),
        followers in prop::option::of(any::<f64>()),
    ) -> PostInput {
        PostInput {
            platform, format, country, language, caption, hashtags, relationship,
            product_category: category,
            paid_partnership_label: label,
            disclosure_in_media: media,
            audience_under_18_share: share,
            creator_age: age,
            creator_followers: followers,
        }
    }
}

fn consistent(result: &CheckResult) -> bool {
    let worst = result.findings.iter().map(|f| f.severity).max().unwrap_or(Severity::Ok);
    let expected = if worst == Severity::Info { Severity::Ok } else { worst };
    result.verdict == expected && result.findings.iter().all(|f| !f.rule.is_empty() && !f.fix.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_verdict_is_worst_finding(post in post()) {
        let result = check(&post);
        prop_assert!(consistent(&result), "{result:?}");
        let json = serde_json::to_string(&result).unwrap();
        prop_assert!(!json.contains("\"verdict\":\"info\""));
    }

    #[test]
    fn any_string_caption_never_panics(caption in any::<String>(), country in opt_of(&["NL", "BE", "US", "GB"])) {
        let post = PostInput { caption: Some(caption), country, relationship: Some("paid".into()), ..PostInput::default() };
        prop_assert!(consistent(&check(&post)));
    }

    #[test]
    fn dutch_label_at_the_start_satisfies_the_caption_rules(rest in caption(), tags in prop::collection::vec("[a-z]{1,8}", 0..5)) {
        let post = PostInput {
            platform: Some("instagram".into()),
            format: Some("post".into()),
            country: Some("NL".into()),
            relationship: Some("paid".into()),
            paid_partnership_label: Some(false),
            caption: Some(format!("#advertentie {rest}")),
            hashtags: Some(tags),
            ..PostInput::default()
        };
        let result = check(&post);
        prop_assert!(result.findings.is_empty(), "{result:?}");
    }
}

#[test]
fn huge_caption_does_not_panic() {
    let caption = "#ad ".repeat(50_000) + &"é\u{301}".repeat(100_000) + "(((([[[[";
    let post = PostInput { caption: Some(caption), country: Some("NL".into()), ..PostInput::default() };
    assert!(consistent(&check(&post)));
}

#[test]
fn arbitrary_json_never_panics_the_reader() {
    for raw in ["{}", "[]", "null", "{\"creator_age\": \"x\"}", "{\"hashtags\": \"#ad #spon\"}", "{\"caption\": 3}"] {
        if let Ok(post) = serde_json::from_str::<PostInput>(raw) {
            assert!(consistent(&check(&post)));
        }
    }
}
