//! The vetting report of a creator with everything known (posts, comments, audience,
//! a quoted fee): the JSON shape of INTERFACES.md "Vetting output", comment quality,
//! brand fit, brand safety and the gates.

mod vetting_support;

use chrono::{Duration, TimeZone, Utc};
use flightdeck_core::domain::{
    AudienceBreakdown, Comment, CommentId, Country, Currency, Language, Money, Post, PostFormat, PostId, PostMetrics,
    Share,
};
use flightdeck_core::vetting::{vet, Exclusivity, Flag, QuotedFee, VettingInput, VettingReport, Weights};
use rand_chacha::ChaCha8Rng;
use vetting_support::synth::{self, Kind, Plan};
use vetting_support::{brand, index, persona};

fn share(v: f64) -> Share {
    Share::new(v).unwrap_or_else(|_| unreachable!())
}

fn audience() -> AudienceBreakdown {
    let mut b = AudienceBreakdown::default();
    b.countries.insert("NL".into(), share(0.72));
    b.countries.insert("BE".into(), share(0.12));
    b.countries.insert("DE".into(), share(0.05));
    b.ages.insert("18-24".into(), share(0.30));
    b.ages.insert("25-34".into(), share(0.45));
    b.ages.insert("35-44".into(), share(0.15));
    b.languages.insert("nl".into(), share(0.85));
    b.interests.insert("cycling".into(), share(0.25));
    b
}

const REAL_COMMENTS: [&str; 6] = [
    "Waar heb je deze fiets gekocht? Ik zoek er al weken een",
    "Wat een mooie route, is dat langs de Vecht?",
    "Ik heb dezelfde tas en ben er heel blij mee",
    "Hoeveel kilometer rij je gemiddeld per week?",
    "Super idee om met de fiets naar je werk te gaan",
    "Kun je meer vertellen over de accu van die e-bike?",
];

/// Posts (with captions) and comments for the creator's account.
fn posts_and_comments(input: &mut VettingInput, rng: &mut ChaCha8Rng, captions: &[&str], generic: bool, pod: bool) {
    let acc = &mut input.accounts[0];
    let followers = acc.account.followers;
    let t0 = Utc.with_ymd_and_hms(2026, 8, 1, 12, 0, 0).single().unwrap_or_default();
    for (i, caption) in captions.iter().cycle().take(20).enumerate() {
        let id = PostId::generate(rng);
        acc.posts.push(Post {
            id: id.clone(),
            account_id: acc.account.id.clone(),
            external_id: None,
            caption: (*caption).to_owned(),
            hashtags: flightdeck_core::domain::hashtags_in(caption),
            format: PostFormat::Reel,
            published_at: t0 + Duration::days(i as i64 * 3),
            paid_partnership_label: None,
            metrics: PostMetrics {
                reach: Some(followers / 5),
                likes: Some(followers / 40),
                comments: Some(followers / 1000),
                ..PostMetrics::default()
            },
        });
        for j in 0..8 {
            let text =
                if generic { ["🔥🔥", "Nice pic!", "wow", "mooi 😍"][j % 4] } else { REAL_COMMENTS[(i + j) % 6] };
            let author = if pod && j < 6 { format!("pod{j}") } else { format!("fan{i}-{j}") };
            acc.comments.push(Comment {
                id: CommentId::generate(rng),
                post_id: id.clone(),
                author_hash: author,
                text: text.to_owned(),
                created_at: t0,
            });
        }
    }
}

fn rich_creator(seed: u64, captions: &[&str], generic: bool, pod: bool) -> VettingInput {
    let mut rng = synth::rng(seed);
    let plan = Plan {
        kind: Kind::Clean,
        platform: flightdeck_core::domain::Platform::Instagram,
        followers: 25_000.0,
        days: 180,
        full_metrics: true,
    };
    let mut input = synth::creator(&mut rng, &plan);
    let acc = &mut input.accounts[0];
    acc.account.country = Some(Country::NL);
    acc.account.language = Some(Language::NL);
    acc.account.niche = Some("cycling".to_owned());
    acc.audience = Some(audience());
    posts_and_comments(&mut input, &mut rng, captions, generic, pod);
    input.quoted_fee = Some(QuotedFee { amount: Money::new(45_000, Currency::EUR), usd_per_unit: Some(1.08) });
    input
}

fn vet_in_workspace(input: &VettingInput) -> VettingReport {
    let peers_ws = synth::workspace(8, 200);
    let mut inputs: Vec<&VettingInput> = peers_ws.iter().map(|(_, i)| i).collect();
    inputs.push(input);
    let (_, peers) = index(&inputs);
    vet(input, Some(&persona()), &brand(), &peers, &Weights::default())
}

const CLEAN_CAPTIONS: [&str; 2] =
    ["Elke dag duurzaam naar kantoor op de fiets #duurzaam", "Nieuwe route door de polder, 40 km"];

#[test]
fn a_well_documented_creator_gets_an_explained_score_in_the_contract_shape() {
    let report = vet_in_workspace(&rich_creator(21, &CLEAN_CAPTIONS, false, false));
    assert!(report.scorable, "{:?}", report.not_scorable_reason);
    let json = serde_json::to_value(&report).unwrap_or_default();
    for key in
        ["creator", "persona", "scorable", "score", "confidence", "not_scorable_reason", "authenticity", "components"]
    {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["persona"], "Duurzame Daan");
    assert!(json["not_scorable_reason"].is_null());
    let score = json["score"].as_f64().unwrap_or(-1.0);
    assert!((0.0..=100.0).contains(&score), "{score}");
    assert!(["high", "medium", "low"].contains(&json["confidence"].as_str().unwrap_or("")));
    let fake = json["authenticity"]["fake_share"].as_array().cloned().unwrap_or_default();
    assert_eq!(fake.len(), 2);
    assert!(fake[0].as_f64() <= fake[1].as_f64());
    assert_eq!(json["authenticity"]["suspicious"], false, "{}", json["authenticity"]);
    let components = json["components"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = components.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(names, ["engagement", "reach", "authenticity", "audience", "fit", "safety"]);
    let total: f64 = components.iter().filter_map(|c| c["weight"].as_f64()).sum();
    assert!((total - 1.0).abs() < 0.01, "{total}");
    for c in &components {
        assert!(c["value"].as_f64().is_some_and(|v| (0.0..=1.0).contains(&v)), "{c}");
        assert!(c["reason"].as_str().is_some_and(|r| !r.is_empty()), "{c}");
    }
    let engagement = components[0]["reason"].as_str().unwrap_or("");
    assert!(engagement.starts_with("ER ") && engagement.contains("percentile of"), "{engagement}");
    assert!(report.fit.matching.iter().any(|m| m.starts_with("values")), "{:?}", report.fit);
    assert!(report.effective_audience > 0 && report.effective_audience < 25_000);
    let fee = report.fee.as_ref().map(|f| f.reason.clone()).unwrap_or_default();
    assert!(fee.contains("CPM") && fee.contains("USD per EUR"), "{fee}");
    if std::env::var_os("VETTING_PRINT").is_some() {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    }
}

#[test]
fn generic_comments_and_pods_are_flagged_as_fake_engagement() {
    let report = vet_in_workspace(&rich_creator(22, &CLEAN_CAPTIONS, true, true));
    assert!(report.authenticity.suspicious);
    assert!(report.authenticity.flags.contains(&Flag::BotComments), "{:?}", report.authenticity);
    assert!(report.authenticity.flags.contains(&Flag::EngagementPod), "{:?}", report.authenticity);
    let clean = vet_in_workspace(&rich_creator(22, &CLEAN_CAPTIONS, false, false));
    let value = |r: &VettingReport| r.components.iter().find(|c| c.name == "authenticity").map_or(0.0, |c| c.value);
    assert!(value(&report) < value(&clean));
}

#[test]
fn an_active_exclusivity_with_a_competitor_stops_scoring() {
    let mut input = rich_creator(23, &CLEAN_CAPTIONS, false, false);
    input.exclusivities.push(Exclusivity { brand: "VanMoof".to_owned(), until: input.as_of + Duration::days(30) });
    let report = vet_in_workspace(&input);
    assert!(!report.scorable);
    assert!(report.not_scorable_reason.unwrap_or_default().contains("exclusivity with VanMoof"));

    let mut expired = rich_creator(23, &CLEAN_CAPTIONS, false, false);
    expired.exclusivities.push(Exclusivity { brand: "VanMoof".to_owned(), until: expired.as_of - Duration::days(1) });
    assert!(vet_in_workspace(&expired).scorable);
}

#[test]
fn sponsored_posts_for_a_competitor_and_unsafe_captions_lower_safety() {
    let captions = ["Mijn nieuwe @vanmoof! #ad", "Zondagsrit langs de kust"];
    let report = vet_in_workspace(&rich_creator(24, &captions, false, false));
    assert!(report.safety.conflicts.iter().any(|c| c.contains("VanMoof")), "{:?}", report.safety);
    assert!(report.safety.value < 1.0);

    let unsafe_captions = ["Koop hier je vuurwapens en munitie", "Rit door de stad"];
    let report = vet_in_workspace(&rich_creator(25, &unsafe_captions, false, false));
    assert!(!report.scorable);
    assert!(report.not_scorable_reason.unwrap_or_default().starts_with("brand safety floor hit"));
}

#[test]
fn the_disclosure_record_counts_against_safety() {
    let mut input = rich_creator(26, &CLEAN_CAPTIONS, false, false);
    let before = vet_in_workspace(&input).safety.value;
    input.disclosure = flightdeck_core::vetting::DisclosureStats { sponsored_posts: 10, non_compliant: 5 };
    let after = vet_in_workspace(&input);
    assert!(after.safety.value < before);
    assert!(after.safety.reasons.iter().any(|r| r.contains("5 of 10")));
}
