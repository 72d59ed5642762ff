//! `list_creators`: filters, sorting, paging, and the creator read back whole.

use flightdeck_core::domain::{Country, Language, Platform, Tier};

use super::fixture::{import, ok, parse, rows, workspace, Row};
use crate::{AccountSummary, CreatorFilter, CreatorSort, Store};

/// The creators both listing scenarios use (names chosen so that byte order
/// differs from every linguistic order: upper case first, accents last).
fn cast() -> Vec<Row<'static>> {
    vec![
        Row::new("Zoë", Platform::Podcast, "zoe", 120_000).country("NL").niche("Finance"),
        Row::new("bob", Platform::Youtube, "bobplays", 2_000_000).country("BE").niche("Gaming"),
        Row::new("Anna", Platform::Tiktok, "anna.tt", 8_000).country("BE").niche("Fashion"),
        Row::new("Anna", Platform::Instagram, "Anna", 50_000).country("NL").niche("Beauty"),
        Row::new("Émile", Platform::Blog, "emile", 12_000).country("FR").niche("beauty"),
        Row::new("Chris", Platform::Instagram, "chris", 12_000).country("NL"),
        Row::new("dirk", Platform::Newsletter, "dirk", 300).country("NL").niche("Finance"),
    ]
}

fn names(list: &[crate::CreatorSummary]) -> Vec<&str> {
    list.iter().map(|c| c.name.as_str()).collect()
}

/// Each filter keeps exactly the creators it names, and filters combine.
pub async fn list_filters(store: &dyn Store) {
    let ws = workspace(store, "wsf-filters").await;
    import(store, &ws, &rows("wsf", &cast())).await;
    let ws = &ws;
    let list = |f: CreatorFilter| async move { ok("list_creators", store.list_creators(ws, &f).await) };
    let all = CreatorFilter::default();

    assert_eq!(names(&list(all.clone()).await), ["Anna", "Chris", "Zoë", "bob", "dirk", "Émile"], "byte order");
    let tier = |t| CreatorFilter { tier: Some(t), ..CreatorFilter::default() };
    assert_eq!(names(&list(tier(Tier::Micro)).await), ["Anna", "Chris", "Émile"], "tier of the largest account");
    assert_eq!(names(&list(tier(Tier::Mega)).await), ["bob"]);
    assert_eq!(names(&list(tier(Tier::Emerging)).await), ["dirk"]);
    assert!(list(tier(Tier::Nano)).await.is_empty(), "Anna's nano account does not make her nano");

    let platform = CreatorFilter { platform: Some(Platform::Instagram), ..CreatorFilter::default() };
    let on_instagram = list(platform).await;
    assert_eq!(names(&on_instagram), ["Anna", "Chris"]);
    assert_eq!(on_instagram[0].accounts.len(), 2, "a filter keeps all of a creator's accounts");

    let country = |c: &str| CreatorFilter { country: Some(parse::<Country>(c)), ..CreatorFilter::default() };
    assert_eq!(names(&list(country("BE")).await), ["Anna", "bob"], "any account in the country");
    assert!(list(country("DE")).await.is_empty());

    let niche = |n: &str| CreatorFilter { niche: Some(n.to_owned()), ..CreatorFilter::default() };
    assert_eq!(names(&list(niche("BEAUTY")).await), ["Anna", "Émile"], "niche ignores case");
    assert_eq!(names(&list(niche("finance")).await), ["Zoë", "dirk"]);
    assert!(list(niche("beaut")).await.is_empty(), "a niche matches whole");

    let combined =
        CreatorFilter { country: Some(Country::NL), niche: Some("beauty".to_owned()), ..CreatorFilter::default() };
    assert_eq!(names(&list(combined).await), ["Anna"], "filters combine");
    let combined =
        CreatorFilter { platform: Some(Platform::Blog), tier: Some(Tier::Macro), ..CreatorFilter::default() };
    assert!(list(combined).await.is_empty());

    let scored = CreatorFilter { min_score: Some(0.0), ..CreatorFilter::default() };
    assert!(list(scored).await.is_empty(), "no creator is scored yet, so none reaches a minimum score");
    let persona = CreatorFilter { persona: Some("Budget Bea".to_owned()), ..CreatorFilter::default() };
    assert_eq!(list(persona).await.len(), 6, "a persona without scores filters nothing");
}

/// Every sort order, ties broken by name then id; limit and offset page through
/// the sorted list; each creator's accounts come by platform then handle.
pub async fn list_sorting_and_paging(store: &dyn Store) {
    let ws = workspace(store, "wso-sorting").await;
    import(store, &ws, &rows("wso", &cast())).await;
    let ws = &ws;
    let list = |sort, limit, offset| {
        let f = CreatorFilter { sort, limit, offset, ..CreatorFilter::default() };
        async move { ok("list_creators", store.list_creators(ws, &f).await) }
    };
    use CreatorSort::{Followers, Name, Score, Tier as ByTier};

    let by_followers = ["bob", "Zoë", "Anna", "Chris", "Émile", "dirk"];
    assert_eq!(names(&list(Followers, None, 0).await), by_followers, "most followers first, ties by name");
    assert_eq!(names(&list(ByTier, None, 0).await), by_followers, "largest tier first, then followers");
    let by_name = ["Anna", "Chris", "Zoë", "bob", "dirk", "Émile"];
    assert_eq!(names(&list(Name, None, 0).await), by_name);
    assert_eq!(names(&list(Score, None, 0).await), by_name, "unscored creators sort by name");

    assert_eq!(names(&list(Name, Some(2), 1).await), ["Chris", "Zoë"]);
    assert_eq!(names(&list(Followers, Some(3), 3).await), ["Chris", "Émile", "dirk"]);
    assert_eq!(names(&list(Name, None, 4).await), ["dirk", "Émile"], "an offset without a limit");
    assert!(list(Name, None, 6).await.is_empty(), "an offset past the end");
    assert!(list(Name, Some(0), 0).await.is_empty(), "a limit of zero");
    assert_eq!(list(Name, Some(100), 0).await.len(), 6);

    let anna = list(Name, Some(1), 0).await;
    let expected = vec![
        AccountSummary {
            id: parse("ac_wso3"),
            platform: Platform::Instagram,
            handle: parse("Anna"),
            followers: 50_000,
            tier: Tier::Micro,
            country: Some(Country::NL),
            language: Some(Language::NL),
            niche: Some("Beauty".to_owned()),
        },
        AccountSummary {
            id: parse("ac_wso2"),
            platform: Platform::Tiktok,
            handle: parse("anna.tt"),
            followers: 8_000,
            tier: Tier::Nano,
            country: Some(Country::BE),
            language: Some(Language::NL),
            niche: Some("Fashion".to_owned()),
        },
    ];
    let Some(first) = anna.first() else { panic!("no creator listed") };
    assert_eq!(first.id.as_str(), "cr_wso2");
    assert_eq!((first.followers, first.tier, first.score), (50_000, Tier::Micro, None));
    assert_eq!(first.accounts, expected, "accounts by platform, then handle");

    let whole = ok("creator", store.creator(ws, &first.id).await);
    let Some(whole) = whole else { panic!("creator {} not found", first.id) };
    let handles: Vec<(Platform, &str, Option<&str>)> =
        whole.accounts.iter().map(|a| (a.platform, a.handle.as_str(), a.url.as_deref())).collect();
    assert_eq!(
        handles,
        [
            (Platform::Instagram, "Anna", Some("https://instagram.example/Anna")),
            (Platform::Tiktok, "anna.tt", Some("https://tiktok.example/anna.tt"))
        ]
    );
    assert_eq!(ok("creator unknown", store.creator(ws, &parse("cr_wsonobody")).await), None);
}
