//! Workspace isolation: no read shows, and no write touches, another workspace.

use flightdeck_core::domain::{Comment, Platform};

use super::fixture::{creator_of, date, day, import, import_metrics, metric, not_found, ok, rows, workspace, Row};
use super::records::{audience, campaign_records, comment, post};
use crate::{CreatorFilter, Record, Store};

/// Two workspaces holding a creator of the same name with the same handle stay
/// apart: ids of one are unknown in the other (`None`, empty lists), lists and
/// counts show only their own rows, and a session of one refuses (`NotFound`) to
/// attach metrics, audiences, posts, comments or clicks to the other's rows.
pub async fn workspace_isolation(store: &dyn Store) {
    let a = workspace(store, "wsi-a").await;
    let b = workspace(store, "wsi-b").await;
    let same = [Row::new("Same Name", Platform::Instagram, "same", 20_000).country("NL")];
    let a_ids = import(store, &a, &rows("wsia", &same)).await;
    let b_ids = import(store, &b, &rows("wsib", &same)).await;
    assert_ne!(a_ids, b_ids, "the same handle in two workspaces is two accounts");
    import_metrics(store, &a, &[metric(&a_ids[0], day(date(2025, 2, 1), 20_000, 5_000))]).await;
    let a_creator = creator_of(store, &a, &a_ids[0]).await;
    let b_creator = creator_of(store, &b, &b_ids[0]).await;
    let mut s = ok("begin", store.begin(&a).await);
    ok("insert_posts", s.insert_posts(&[post("wsia", &a_ids[0], false)]).await);
    ok("insert_records", s.insert_records(&campaign_records("wsia", &a_creator, &a_ids[0])).await);
    ok("commit", s.commit().await);

    assert_eq!(ok("creator of a in b", store.creator(&b, &a_creator).await), None, "an id of another workspace");
    assert!(ok("metrics of a in b", store.creator_metrics(&b, &a_creator).await).is_empty());
    assert!(ok("metrics of b", store.creator_metrics(&b, &b_creator).await).is_empty(), "a's metrics are not b's");
    let listed = ok("list b", store.list_creators(&b, &CreatorFilter::default()).await);
    assert_eq!(listed.iter().map(|c| &c.id).collect::<Vec<_>>(), [&b_creator]);
    assert_eq!(listed[0].accounts.iter().map(|a| &a.id).collect::<Vec<_>>(), [&b_ids[0]]);
    let keys = ok("account_keys b", store.account_keys(&b).await);
    assert_eq!(keys.iter().map(|k| &k.account_id).collect::<Vec<_>>(), [&b_ids[0]]);
    let counts_b = ok("counts b", store.counts(&b).await);
    assert_eq!(
        (
            counts_b.creators,
            counts_b.accounts,
            counts_b.metric_days,
            counts_b.posts,
            counts_b.campaigns,
            counts_b.clicks
        ),
        (1, 1, 0, 0, 0, 0)
    );
    let counts_a = ok("counts a", store.counts(&a).await);
    let metrics_a = ok("metrics a", store.creator_metrics(&a, &a_creator).await);

    let mut s = ok("begin b", store.begin(&b).await);
    let foreign_day = metric(&a_ids[0], day(date(2025, 2, 1), 1, 1));
    not_found(
        "metrics for a's account",
        s.upsert_metrics(&[metric(&b_ids[0], day(date(2025, 2, 2), 2, 2)), foreign_day]).await,
    );
    not_found("an audience for a's account", s.upsert_audiences(&[audience(&a_ids[0])]).await);
    not_found("a post on a's account", s.insert_posts(&[post("wsib", &a_ids[0], false)]).await);
    let on_a_post: Comment = comment("wsib", "wsia");
    not_found("a comment under a's post", s.insert_comments(&[on_a_post]).await);
    let clicks: Vec<Record> =
        campaign_records("wsia", &a_creator, &a_ids[0]).into_iter().filter(|r| matches!(r, Record::Click(_))).collect();
    let fresh_clicks: Vec<Record> = clicks
        .into_iter()
        .map(|r| match r {
            Record::Click(mut c) => {
                c.id = super::fixture::parse("ck_wsibforeign");
                Record::Click(c)
            }
            other => other,
        })
        .take(1)
        .collect();
    not_found("a click on a's link", s.insert_records(&fresh_clicks).await);
    ok("b's own metrics", s.upsert_metrics(&[metric(&b_ids[0], day(date(2025, 2, 3), 3, 3))]).await);
    ok("commit b", s.commit().await);

    assert_eq!(ok("counts a", store.counts(&a).await), counts_a, "b's session changed nothing of a");
    assert_eq!(ok("metrics a", store.creator_metrics(&a, &a_creator).await), metrics_a);
    assert_eq!(ok("counts b", store.counts(&b).await).metric_days, 1, "only b's own day was stored");
}
