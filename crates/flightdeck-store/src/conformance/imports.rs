//! Write sessions: all or nothing, and idempotent upserts of accounts and metrics.

use flightdeck_core::domain::{Country, DailyMetrics, Platform, Tier};

use super::fixture::{creator_of, date, day, import, import_metrics, metric, ok, rows, workspace, Row};
use super::records::post;
use crate::{AccountMetrics, CreatorFilter, Store, WorkspaceCounts};

/// Nothing a session writes is visible before it commits, and a session dropped
/// without committing leaves nothing behind.
pub async fn bulk_all_or_nothing(store: &dyn Store) {
    let ws = workspace(store, "wsb-bulk").await;
    let input =
        rows("wsb", &[Row::new("Bo", Platform::Instagram, "bo", 1_200), Row::new("Cas", Platform::Tiktok, "cas", 40)]);

    let mut s = ok("begin", store.begin(&ws).await);
    let ids = ok("upsert_accounts", s.upsert_accounts(&input).await);
    ok("upsert_metrics", s.upsert_metrics(&[metric(&ids[0], day(date(2025, 1, 1), 1_200, 10))]).await);
    ok("insert_posts", s.insert_posts(&[post("wsb", &ids[0], false)]).await);
    assert_eq!(ok("counts", store.counts(&ws).await), WorkspaceCounts::default(), "nothing is visible before commit");
    drop(s);
    assert_eq!(ok("counts", store.counts(&ws).await), WorkspaceCounts::default(), "a dropped session leaves nothing");
    assert!(ok("account_keys", store.account_keys(&ws).await).is_empty());
    assert!(ok("list", store.list_creators(&ws, &CreatorFilter::default()).await).is_empty());

    let mut s = ok("begin", store.begin(&ws).await);
    let ids = ok("upsert_accounts", s.upsert_accounts(&input).await);
    ok("upsert_metrics", s.upsert_metrics(&[metric(&ids[0], day(date(2025, 1, 1), 1_200, 10))]).await);
    ok("insert_posts", s.insert_posts(&[post("wsb", &ids[0], false)]).await);
    ok("commit", s.commit().await);
    let counts = ok("counts", store.counts(&ws).await);
    let expected = WorkspaceCounts { creators: 2, accounts: 2, metric_days: 1, posts: 1, ..WorkspaceCounts::default() };
    assert_eq!(counts, expected, "a committed session is visible at once");
}

/// Importing the same rows again gives the same ids and changes no counts;
/// creators match by name, accounts by platform and case-insensitive handle;
/// values are updated, absent optional values keep what was stored; rows naming
/// the same account twice in one call end as row-by-row upserts would.
pub async fn accounts_upsert(store: &dyn Store) {
    let ws = workspace(store, "wsa-accounts").await;
    let first = [
        Row::new("Jane Doe", Platform::Instagram, "@JaneDoe", 12_000).country("NL").niche("Beauty"),
        Row::new("Jane Doe", Platform::Tiktok, "janedoe.tt", 150_000).country("NL").niche("beauty"),
        Row::new("Piet", Platform::Youtube, "PietTube", 900).country("BE"),
    ];
    let ids = import(store, &ws, &rows("wsa", &first)).await;
    assert_eq!(ids.len(), 3);
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "three accounts: {ids:?}");
    assert_eq!(ids[0].as_str(), "ac_wsa0", "a new account gets the id it was given");
    let jane = creator_of(store, &ws, &ids[0]).await;
    assert_eq!(jane.as_str(), "cr_wsa0", "a new creator gets the first row's id");
    assert_eq!(creator_of(store, &ws, &ids[1]).await, jane, "rows with one creator name are one creator");
    let counts = ok("counts", store.counts(&ws).await);
    assert_eq!((counts.creators, counts.accounts), (2, 3));

    let mut keys: Vec<(String, String, String)> = ok("account_keys", store.account_keys(&ws).await)
        .into_iter()
        .map(|k| (k.platform.to_string(), k.handle_key, k.account_id.to_string()))
        .collect();
    keys.sort();
    let expected_keys =
        [("instagram", "janedoe", &ids[0]), ("tiktok", "janedoe.tt", &ids[1]), ("youtube", "piettube", &ids[2])];
    let expected_keys: Vec<_> =
        expected_keys.iter().map(|(p, h, i)| (p.to_string(), h.to_string(), i.to_string())).collect();
    assert_eq!(keys, expected_keys, "account keys: platform, lower-case handle, id");

    // The same accounts again, with new ids offered, other case, new values.
    let again = [
        Row::new("Jane Doe", Platform::Instagram, "JANEDOE", 13_000).niche("Skincare"),
        Row::new("Jane Doe", Platform::Tiktok, "JaneDoe.TT", 150_000).country("NL").niche("beauty"),
        Row::new("Piet", Platform::Youtube, "piettube", 1_200),
        Row::new("Piet", Platform::Youtube, "PIETTUBE", 1_500),
    ];
    let again_ids = import(store, &ws, &rows("wsaagain", &again)).await;
    assert_eq!(
        again_ids,
        vec![ids[0].clone(), ids[1].clone(), ids[2].clone(), ids[2].clone()],
        "same accounts, same ids"
    );
    assert_eq!(ok("counts", store.counts(&ws).await), counts, "re-importing adds nothing");

    let stored = ok("creator", store.creator(&ws, &jane).await);
    let Some(stored) = stored else { panic!("creator {jane} is gone") };
    assert_eq!(stored.name.as_str(), "Jane Doe");
    let ig = &stored.accounts[0];
    assert_eq!((ig.platform, ig.handle.as_str(), ig.followers), (Platform::Instagram, "JANEDOE", 13_000), "updated");
    assert_eq!(ig.country, Some(Country::NL), "an absent country keeps the stored one");
    assert_eq!(ig.niche.as_deref(), Some("Skincare"), "a given niche replaces the stored one");
    assert_eq!(ig.url.as_deref(), Some("https://instagram.example/JANEDOE"));
    let piet = creator_of(store, &ws, &ids[2]).await;
    let piet = ok("creator", store.creator(&ws, &piet).await);
    let tube = piet.as_ref().map(|p| (p.accounts.len(), p.accounts[0].handle.to_string(), p.accounts[0].followers));
    assert_eq!(tube, Some((1, "PIETTUBE".to_owned(), 1_500)), "the last row of an account in one call wins");
    assert_eq!(piet.and_then(|p| p.accounts[0].country), Some(Country::BE));

    // A row naming another creator moves the account to that creator.
    let moved =
        import(store, &ws, &rows("wsamove", &[Row::new("Jane Doe", Platform::Youtube, "piettube", 1_500)])).await;
    assert_eq!(moved, vec![ids[2].clone()]);
    assert_eq!(creator_of(store, &ws, &ids[2]).await, jane, "the account now belongs to Jane Doe");
    let jane_now = ok("creator", store.creator(&ws, &jane).await).map(|c| c.accounts.len());
    assert_eq!(jane_now, Some(3));
}

/// Metrics are matched by (account, date): upserting again replaces a day's
/// numbers (absent ones included) without adding rows; of one call's rows for the
/// same day, the last counts; creator_metrics lists accounts by platform and
/// handle, each day oldest first, with absent numbers still absent.
pub async fn metrics_upsert(store: &dyn Store) {
    let ws = workspace(store, "wsm-metrics").await;
    let ids = import(
        store,
        &ws,
        &rows(
            "wsm",
            &[Row::new("Mia", Platform::Tiktok, "mia", 5_000), Row::new("Mia", Platform::Instagram, "Mia.ig", 9_000)],
        ),
    )
    .await;
    let (tiktok, instagram) = (&ids[0], &ids[1]);
    let d = |n| date(2025, 1, n);
    let full = DailyMetrics {
        following: Some(310),
        posts: Some(87),
        reach: Some(4_000),
        impressions: Some(6_500),
        views: Some(0),
        likes: Some(220),
        comments: Some(14),
        saves: Some(9),
        shares: Some(3),
        ..DailyMetrics::new(d(2), 9_010)
    };
    let first = [
        metric(tiktok, day(d(3), 5_030, 800)),
        metric(instagram, full),
        metric(instagram, DailyMetrics::new(d(1), 9_000)),
        metric(tiktok, day(d(1), 5_000, 700)),
    ];
    import_metrics(store, &ws, &first).await;
    let mia = creator_of(store, &ws, tiktok).await;
    let expected = vec![
        AccountMetrics { account_id: instagram.clone(), days: vec![DailyMetrics::new(d(1), 9_000), full] },
        AccountMetrics { account_id: tiktok.clone(), days: vec![day(d(1), 5_000, 700), day(d(3), 5_030, 800)] },
    ];
    assert_eq!(ok("creator_metrics", store.creator_metrics(&ws, &mia).await), expected, "by account, then date");
    assert_eq!(ok("counts", store.counts(&ws).await).metric_days, 4);

    // The same day again: its numbers are replaced, absent ones become absent.
    let replaced = DailyMetrics { likes: None, ..day(d(2), 9_020, 4_100) };
    let twice = [metric(instagram, DailyMetrics::new(d(5), 1)), metric(instagram, DailyMetrics::new(d(5), 9_050))];
    let mut s = ok("begin", store.begin(&ws).await);
    ok("upsert_metrics", s.upsert_metrics(&[metric(instagram, replaced)]).await);
    ok("upsert_metrics", s.upsert_metrics(&twice).await);
    ok("upsert_metrics of nothing", s.upsert_metrics(&[]).await);
    ok("commit", s.commit().await);
    let back = ok("creator_metrics", store.creator_metrics(&ws, &mia).await);
    let ig_days: Vec<DailyMetrics> = back.first().map(|a| a.days.clone()).unwrap_or_default();
    assert_eq!(ig_days, vec![DailyMetrics::new(d(1), 9_000), replaced, DailyMetrics::new(d(5), 9_050)]);
    assert_eq!(ok("counts", store.counts(&ws).await).metric_days, 5, "an upsert of an existing day adds no row");

    // A long history in one call (more rows than one statement of either backend holds).
    let start = date(2015, 1, 1);
    let long: Vec<_> = (0..2_500u64)
        .map(|i| {
            let on = start + chrono::Duration::days(i64::try_from(i).unwrap_or(0));
            metric(tiktok, DailyMetrics { likes: Some(i), ..DailyMetrics::new(on, 1_000 + i) })
        })
        .collect();
    import_metrics(store, &ws, &long).await;
    import_metrics(store, &ws, &long).await;
    assert_eq!(ok("counts", store.counts(&ws).await).metric_days, 2_505, "idempotent for a long history");
    let back = ok("creator_metrics", store.creator_metrics(&ws, &mia).await);
    let tt = back.iter().find(|a| &a.account_id == tiktok).map(|a| a.days.clone()).unwrap_or_default();
    assert_eq!(tt.len(), 2_502);
    assert_eq!(tt.first().map(|m| (m.date, m.followers, m.likes)), Some((start, 1_000, Some(0))));
    assert!(tt.windows(2).all(|w| w[0].date < w[1].date), "days oldest first");
    assert_eq!(tt.last().map(|m| m.followers), Some(5_030));
}

/// A creator's followers are those of their largest account and their tier
/// follows from it, both kept up to date by every import.
pub async fn creator_followers_and_tier(store: &dyn Store) {
    let ws = workspace(store, "wst-tiers").await;
    let ids = import(
        store,
        &ws,
        &rows(
            "wst",
            &[
                Row::new("Tess", Platform::Instagram, "tess", 5_000),
                Row::new("Tess", Platform::Youtube, "tesstube", 150_000),
            ],
        ),
    )
    .await;
    let listed = ok("list", store.list_creators(&ws, &CreatorFilter::default()).await);
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].followers, listed[0].tier), (150_000, Tier::Macro), "the largest account counts");
    let tiers: Vec<Tier> = listed[0].accounts.iter().map(|a| a.tier).collect();
    assert_eq!(tiers, [Tier::Nano, Tier::Macro], "each account has its own tier");

    import(store, &ws, &rows("wstup", &[Row::new("Tess", Platform::Instagram, "TESS", 2_000_000)])).await;
    let listed = ok("list", store.list_creators(&ws, &CreatorFilter::default()).await);
    assert_eq!((listed[0].followers, listed[0].tier), (2_000_000, Tier::Mega), "updated on import");
    let mega = CreatorFilter { tier: Some(Tier::Mega), ..CreatorFilter::default() };
    assert_eq!(ok("list mega", store.list_creators(&ws, &mega).await).len(), 1);

    import(
        store,
        &ws,
        &rows(
            "wstdown",
            &[Row::new("Tess", Platform::Instagram, "tess", 999), Row::new("Tess", Platform::Youtube, "tesstube", 10)],
        ),
    )
    .await;
    let listed = ok("list", store.list_creators(&ws, &CreatorFilter::default()).await);
    assert_eq!((listed[0].followers, listed[0].tier), (999, Tier::Emerging), "and when followers drop");
    let emerging = CreatorFilter { tier: Some(Tier::Emerging), ..CreatorFilter::default() };
    assert_eq!(ok("list emerging", store.list_creators(&ws, &emerging).await).len(), 1);
    assert!(ok("list mega", store.list_creators(&ws, &mega).await).is_empty());
    let creator = ok("creator", store.creator(&ws, &listed[0].id).await);
    assert_eq!(
        creator.map(|c| (c.tier(), c.total_reach_followers(), c.accounts.len())),
        Some((Tier::Emerging, 999, 2))
    );
    assert_eq!(ids.len(), 2);
}
