//! Posts read back with their publisher and compliance result: flagged ones
//! violations first, a creator's newest first, verdicts and content counted,
//! workspaces apart.

use flightdeck_core::domain::{AccountId, Platform};

use super::fixture::{at, import, ok, rows, workspace, Row};
use super::records::post;
use crate::{ContentCounts, PostFilter, PostRow, Store, VerdictCounts};

fn judged(tag: &str, account: &AccountId, verdict: Option<&str>, day: u32) -> PostRow {
    let mut row = post(tag, account, false);
    row.post.published_at = at(day, 10);
    row.post.caption = format!("<script>alert('{tag}')</script> #ad");
    row.compliance = verdict.map(|v| {
        serde_json::json!({"verdict": v, "findings": [{"rule": "NL-RSM-X", "severity": v, "message": "m", "fix": "f"}]})
    });
    row
}

/// `list_posts` and `verdict_counts`.
pub async fn posts_by_verdict(store: &dyn Store) {
    let ws = workspace(store, "wpo-posts").await;
    let other = workspace(store, "wpo-other").await;
    let accounts = import(
        store,
        &ws,
        &rows(
            "wsp",
            &[Row::new("Pim", Platform::Instagram, "pim", 9_000), Row::new("Ria", Platform::Tiktok, "ria", 40_000)],
        ),
    )
    .await;
    let pim = super::fixture::creator_of(store, &ws, &accounts[0]).await;
    let mut s = ok("begin", store.begin(&ws).await);
    let posts = [
        judged("wsp1", &accounts[0], Some("warning"), 5),
        judged("wsp2", &accounts[0], Some("violation"), 3),
        judged("wsp3", &accounts[1], Some("ok"), 6),
        judged("wsp4", &accounts[1], None, 7),
        judged("wsp5", &accounts[1], Some("violation"), 4),
    ];
    ok("insert_posts", s.insert_posts(&posts).await);
    ok("commit", s.commit().await);

    let flagged = ok("flagged", store.list_posts(&ws, &PostFilter { flagged: true, ..PostFilter::default() }).await);
    let ids: Vec<&str> = flagged.iter().map(|p| p.post.id.as_str()).collect();
    assert_eq!(ids, ["po_wsp5", "po_wsp2", "po_wsp1"], "violations first, then newest first");
    assert_eq!(flagged[0].creator_name, "Ria");
    assert_eq!((flagged[0].platform.as_str(), flagged[0].handle.as_str()), ("tiktok", "ria"));
    assert_eq!(flagged[0].verdict.as_deref(), Some("violation"));
    assert_eq!(flagged[0].post.caption, "<script>alert('wsp5')</script> #ad", "the caption as stored");
    let findings = flagged[0].compliance.as_ref().and_then(|c| c.get("findings")).and_then(|f| f.as_array());
    assert_eq!(findings.map(Vec::len), Some(1));

    let page = PostFilter { flagged: true, limit: Some(1), offset: 1, ..PostFilter::default() };
    let second = ok("a page", store.list_posts(&ws, &page).await);
    assert_eq!(second.iter().map(|p| p.post.id.as_str()).collect::<Vec<_>>(), ["po_wsp2"]);

    let mine = PostFilter { creator: Some(pim.clone()), ..PostFilter::default() };
    let pims = ok("a creator's posts", store.list_posts(&ws, &mine).await);
    assert_eq!(pims.iter().map(|p| p.post.id.as_str()).collect::<Vec<_>>(), ["po_wsp1", "po_wsp2"], "newest first");
    assert!(pims.iter().all(|p| p.creator_id == pim));

    let all = ok("all posts", store.list_posts(&ws, &PostFilter::default()).await);
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].post.id.as_str(), "po_wsp4");
    assert_eq!((all[0].verdict.as_ref(), all[0].compliance.as_ref()), (None, None), "unchecked");

    let counts = ok("verdict_counts", store.verdict_counts(&ws).await);
    assert_eq!(counts, VerdictCounts { violation: 2, warning: 1, ok: 1 });
    let content = ok("content_counts", store.content_counts(&ws).await);
    assert_eq!(content, ContentCounts { creators: 2, accounts: 2, posts: 5 });
    assert_eq!(ok("elsewhere", store.content_counts(&other).await), ContentCounts::default());
    assert!(ok("elsewhere", store.list_posts(&other, &PostFilter::default()).await).is_empty());
    assert_eq!(ok("elsewhere", store.verdict_counts(&other).await), VerdictCounts::default());
    let theirs = PostFilter { creator: Some(pim), ..PostFilter::default() };
    assert!(ok("a creator of another workspace", store.list_posts(&other, &theirs).await).is_empty());
}
