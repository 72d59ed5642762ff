//! Stored vetting: creators' data read back by id range exactly as written, scores
//! replaced at once and listed by score per persona, the scoring run and weights
//! round-tripped, and a whole rescore whose explained scores equal the stored ones.

use flightdeck_core::domain::{
    AccountId, AgeRange, Country, CreatorId, DailyMetrics, Language, Persona, Platform, WorkspaceId,
};
use flightdeck_core::vetting::{Confidence, PeerIndex, Weights};

use super::fixture::{date, import, import_metrics, metric, name, ok, parse, rows, workspace, Row};
use super::records::{audience, comment, post};
use crate::scoring::{self, Quiet};
use crate::vetting::{ScoreFacts, ScoringRun, StoredScore, VettingLoad};
use crate::{CreatorFilter, CreatorSort, Store};

/// `days` days from 2025-01-01 of an account growing from `followers`, with likes.
fn history(account: &AccountId, followers: u64, days: u32, er_permille: u64) -> Vec<crate::MetricRow> {
    (0..days)
        .map(|d| {
            let f = followers + u64::from(d) * followers / 1000;
            let on = date(2025, 1, 1) + chrono::Duration::days(i64::from(d));
            metric(
                account,
                DailyMetrics {
                    likes: Some(f * er_permille / 1000 + u64::from(d % 7)),
                    comments: Some(f * er_permille / 20_000 + 1),
                    reach: Some(f / 3 + u64::from(d % 5) * 7),
                    posts: Some(u64::from(d / 3)),
                    ..DailyMetrics::new(on, f)
                },
            )
        })
        .collect()
}

fn persona(id: &str, persona_name: &str) -> Persona {
    Persona {
        id: parse(id),
        name: name(persona_name),
        interests: vec!["fitness".to_owned()],
        age_range: match AgeRange::new(25, 34) {
            Ok(r) => r,
            Err(e) => panic!("the suite's own age range: {e}"),
        },
        countries: vec![Country::NL],
        languages: vec![Language::NL],
        values: vec!["eerlijkheid".to_owned()],
    }
}

/// Pages of creator ids in byte order; the data of an id range with accounts by
/// platform and handle, metrics by day, audience, posts and comments as written and
/// only what `VettingLoad` asks for; nothing of another workspace, even when its ids
/// fall inside the range.
pub async fn vetting_data_by_id_range(store: &dyn Store) {
    let ws = workspace(store, "vtd-data").await;
    let other = workspace(store, "vtd-other").await;
    let accounts = import(
        store,
        &ws,
        &rows(
            "vtd",
            &[
                Row::new("Ada", Platform::Tiktok, "ada", 5_000),
                Row::new("Ada", Platform::Instagram, "ada", 12_000).country("NL"),
                Row::new("Bo", Platform::Youtube, "bo", 300_000),
                Row::new("Cy", Platform::Blog, "cy", 800),
            ],
        ),
    )
    .await;
    let foreign = import(store, &other, &rows("vtd1x", &[Row::new("Dee", Platform::Instagram, "dee", 9_000)])).await;
    let (ada_tt, ada_ig, bo) = (&accounts[0], &accounts[1], &accounts[2]);
    let mut ada_days = history(ada_ig, 12_000, 30, 40);
    ada_days.reverse();
    import_metrics(store, &ws, &ada_days).await;
    import_metrics(store, &ws, &history(bo, 300_000, 10, 20)).await;
    import_metrics(store, &other, &history(&foreign[0], 9_000, 5, 30)).await;
    let mut s = ok("begin", store.begin(&ws).await);
    ok("upsert_audiences", s.upsert_audiences(&[audience(ada_ig)]).await);
    ok("insert_posts", s.insert_posts(&[post("vtd2", ada_ig, true), post("vtd", ada_ig, false)]).await);
    ok("insert_comments", s.insert_comments(&[comment("vtd", "vtd")]).await);
    ok("commit", s.commit().await);

    let (ada, bo_id, cy): (CreatorId, CreatorId, CreatorId) = (parse("cr_vtd0"), parse("cr_vtd2"), parse("cr_vtd3"));
    let page = ok("creator_id_page", store.creator_id_page(&ws, None, 2).await);
    assert_eq!(page, vec![ada.clone(), bo_id.clone()], "ids in byte order, `limit` of them");
    let rest = ok("creator_id_page", store.creator_id_page(&ws, Some(&bo_id), 2).await);
    assert_eq!(rest, vec![cy.clone()]);
    assert!(ok("creator_id_page", store.creator_id_page(&ws, Some(&cy), 2).await).is_empty());

    let all = ok("vetting_data", store.vetting_data(&ws, &ada, &cy, VettingLoad::ALL).await);
    let ids: Vec<&str> = all.iter().map(|c| c.creator.as_str()).collect();
    assert_eq!(ids, ["cr_vtd0", "cr_vtd2", "cr_vtd3"], "creators by id; none of another workspace");
    let platforms: Vec<Platform> = all[0].accounts.iter().map(|a| a.account.platform).collect();
    assert_eq!(platforms, [Platform::Instagram, Platform::Tiktok], "accounts by platform");
    let ig = &all[0].accounts[0];
    assert_eq!(&ig.account.id, ada_ig);
    let mut expected: Vec<DailyMetrics> = ada_days.iter().map(|m| m.metrics).collect();
    expected.reverse();
    assert_eq!(ig.daily, expected, "metrics come back exactly, by day");
    assert_eq!(ig.audience, Some(audience(ada_ig).audience));
    let written = vec![post("vtd", ada_ig, false).post, post("vtd2", ada_ig, true).post];
    assert_eq!(ig.posts, written, "the posts as written, by time then id");
    let d = all[0].disclosure;
    assert_eq!((d.sponsored_posts, d.non_compliant), (1, 0), "one post with a stored verdict (a warning)");
    assert_eq!(all[1].disclosure, Default::default());
    assert_eq!(ig.comments, vec![comment("vtd", "vtd")], "the comment as written");
    let tt = &all[0].accounts[1];
    assert_eq!(&tt.account.id, ada_tt);
    assert!(tt.daily.is_empty() && tt.audience.is_none() && tt.posts.is_empty() && tt.comments.is_empty());
    assert_eq!(all[1].accounts[0].daily.len(), 10);

    let bare = ok("vetting_data", store.vetting_data(&ws, &ada, &ada, VettingLoad::default()).await);
    assert_eq!(bare.len(), 1, "one creator");
    let ig = &bare[0].accounts[0];
    assert!(ig.daily.is_empty() && ig.audience.is_none() && ig.posts.is_empty() && ig.comments.is_empty());
    let metrics_only = VettingLoad { metrics: true, ..VettingLoad::default() };
    let some = ok("vetting_data", store.vetting_data(&ws, &bo_id, &cy, metrics_only).await);
    assert_eq!(some.len(), 2, "Bo and Cy");
    assert_eq!(some[0].accounts[0].daily.len(), 10);

    let theirs = ok("vetting_data", store.vetting_data(&other, &ada, &cy, VettingLoad::ALL).await);
    let ids: Vec<&str> = theirs.iter().map(|c| c.creator.as_str()).collect();
    assert_eq!(ids, ["cr_vtd1x0"], "the other workspace sees only its own creator");
    assert_eq!(theirs[0].accounts[0].daily.len(), 5);
}

fn facts(scorable: bool) -> ScoreFacts {
    ScoreFacts {
        scorable,
        confidence: Confidence::Medium,
        suspicious: !scorable,
        not_scorable_reason: (!scorable).then(|| "bought followers: “a jump” of 40 %".to_owned()),
    }
}

fn score(creator: &str, persona: Option<&str>, value: Option<f64>) -> StoredScore {
    StoredScore {
        creator: parse(creator),
        persona: persona.map(str::to_owned),
        score: value,
        facts: facts(value.is_some()),
    }
}

fn run(creators: u64) -> ScoringRun {
    ScoringRun {
        as_of: date(2025, 3, 31),
        weights: Weights { fit: 0.4, ..Weights::default() },
        personas: vec!["Pia".to_owned()],
        creators,
        peers: PeerIndex::default().snapshot(),
    }
}

async fn names_by_score(store: &dyn Store, ws: &WorkspaceId, persona: Option<&str>, min: Option<f64>) -> Vec<String> {
    let filter = CreatorFilter {
        sort: CreatorSort::Score,
        persona: persona.map(str::to_owned),
        min_score: min,
        ..CreatorFilter::default()
    };
    let listed = ok("list_creators", store.list_creators(ws, &filter).await);
    listed.iter().map(|c| format!("{}:{:?}", c.name, c.score)).collect()
}

/// Scores replace the workspace's earlier ones at once; lists sort and filter by
/// the persona's scores; one score, the run and the weights read back as written;
/// other workspaces are untouched.
pub async fn scores_replace_and_list(store: &dyn Store) {
    let ws = workspace(store, "vts-scores").await;
    let other = workspace(store, "vts-other").await;
    let r = [
        Row::new("Ada", Platform::Instagram, "ada", 12_000),
        Row::new("Bo", Platform::Youtube, "bo", 300_000),
        Row::new("Cy", Platform::Blog, "cy", 800),
    ];
    import(store, &ws, &rows("vts", &r)).await;
    import(store, &other, &rows("vtso", &[Row::new("Dee", Platform::Instagram, "dee", 9_000)])).await;
    assert_eq!(ok("scoring_run", store.scoring_run(&ws).await), None, "never scored");
    let theirs = [score("cr_vtso0", None, Some(99.0))];
    ok("replace_scores", store.replace_scores(&other, &run(1), &theirs).await);

    let scores = [
        score("cr_vts0", None, Some(80.5)),
        score("cr_vts1", None, None),
        score("cr_vts2", None, Some(55.0)),
        score("cr_vts0", Some("Pia"), Some(40.0)),
        score("cr_vts1", Some("Pia"), None),
        score("cr_vts2", Some("Pia"), Some(90.25)),
    ];
    ok("replace_scores", store.replace_scores(&ws, &run(3), &scores).await);
    assert_eq!(
        names_by_score(store, &ws, None, None).await,
        ["Ada:Some(80.5)", "Cy:Some(55.0)", "Bo:None"],
        "the brand-alone scores, unscorable last"
    );
    assert_eq!(names_by_score(store, &ws, None, Some(60.0)).await, ["Ada:Some(80.5)"]);
    assert_eq!(names_by_score(store, &ws, Some("Pia"), None).await, ["Cy:Some(90.25)", "Ada:Some(40.0)", "Bo:None"]);
    assert_eq!(names_by_score(store, &ws, Some("Pia"), Some(50.0)).await, ["Cy:Some(90.25)"]);
    assert_eq!(names_by_score(store, &ws, Some("pia"), Some(1.0)).await, Vec::<String>::new(), "names are exact");

    let ada: CreatorId = parse("cr_vts0");
    assert_eq!(ok("stored_score", store.stored_score(&ws, &ada, None).await), Some(scores[0].clone()));
    assert_eq!(ok("stored_score", store.stored_score(&ws, &ada, Some("Pia")).await), Some(scores[3].clone()));
    let bo: CreatorId = parse("cr_vts1");
    assert_eq!(ok("stored_score", store.stored_score(&ws, &bo, None).await), Some(scores[1].clone()));
    assert_eq!(ok("stored_score", store.stored_score(&ws, &ada, Some("Nobody")).await), None);
    assert_eq!(ok("stored_score", store.stored_score(&other, &ada, None).await), None, "not across workspaces");
    assert_eq!(ok("scoring_run", store.scoring_run(&ws).await), Some(run(3)), "the run as written");

    ok("replace_scores", store.replace_scores(&ws, &run(1), &scores[..1]).await);
    assert_eq!(names_by_score(store, &ws, None, None).await, ["Ada:Some(80.5)", "Bo:None", "Cy:None"]);
    assert_eq!(ok("stored_score", store.stored_score(&ws, &bo, None).await), None, "earlier scores are gone");
    assert_eq!(ok("scoring_run", store.scoring_run(&ws).await), Some(run(1)));
    assert_eq!(
        names_by_score(store, &other, None, None).await,
        ["Dee:Some(99.0)"],
        "the other workspace kept its score"
    );

    assert_eq!(ok("vetting_weights", store.vetting_weights(&ws).await), Weights::default());
    let w = Weights { engagement: 0.5, safety: 0.0, ..Weights::default() };
    ok("set_vetting_weights", store.set_vetting_weights(&ws, Some(&w)).await);
    assert_eq!(ok("vetting_weights", store.vetting_weights(&ws).await), w);
    assert_eq!(ok("vetting_weights", store.vetting_weights(&other).await), Weights::default());
    ok("set_vetting_weights", store.set_vetting_weights(&ws, None).await);
    assert_eq!(ok("vetting_weights", store.vetting_weights(&ws).await), Weights::default());

    ok("delete_workspace", store.delete_workspace(&ws).await);
    assert_eq!(ok("scoring_run", store.scoring_run(&ws).await), None, "deleted with the workspace");
    assert_eq!(ok("stored_score", store.stored_score(&ws, &ada, None).await), None);
}

/// A whole rescore: every creator scored for the brand alone and each persona, the
/// list sorted by those scores, and each creator's explained report giving exactly
/// the stored score, on every backend alike.
pub async fn rescore_and_explain(store: &dyn Store) {
    let ws_id = workspace(store, "vtr-rescore").await;
    let Some(ws) = ok("find_workspace", store.find_workspace(ws_id.as_str()).await) else {
        panic!("the workspace just created is not found")
    };
    let personas = [persona("pe_vtrpia", "Pia"), persona("pe_vtrole", "Ole")];
    ok("save_personas", store.save_personas(&ws_id, &personas).await);
    let mut r = Vec::new();
    let names: Vec<String> = (0..12).map(|i| format!("Creator {i:02}")).collect();
    let handles: Vec<String> = (0..12).map(|i| format!("handle{i}")).collect();
    for i in 0..12 {
        let platform = if i % 3 == 0 { Platform::Tiktok } else { Platform::Instagram };
        r.push(Row::new(&names[i], platform, &handles[i], 5_000 + 3_000 * i as u64).country("NL").niche("fitness"));
    }
    let accounts = import(store, &ws_id, &rows("vtr", &r)).await;
    for (i, a) in accounts.iter().enumerate() {
        let days = if i == 11 { 5 } else { 40 };
        import_metrics(store, &ws_id, &history(a, 5_000 + 3_000 * i as u64, days, 20 + 5 * i as u64)).await;
    }
    let done = ok("rescore_workspace", scoring::rescore_workspace(store, &ws, &Quiet).await);
    assert_eq!((done.creators, done.personas), (12, 2));
    assert_eq!(done.as_of, date(2025, 2, 9), "the newest metric day");
    assert!(done.scorable >= 10, "{done:?}");
    let run = ok("scoring_run", store.scoring_run(&ws_id).await);
    assert_eq!(run.as_ref().map(|r| (r.creators, r.personas.clone())), Some((12, vec!["Ole".into(), "Pia".into()])));

    let listed = ok(
        "list_creators",
        store.list_creators(&ws_id, &CreatorFilter { sort: CreatorSort::Score, ..CreatorFilter::default() }).await,
    );
    assert_eq!(listed.len(), 12);
    assert!(listed.windows(2).all(|w| w[0].score >= w[1].score || w[1].score.is_none()), "sorted by score");
    assert_eq!(listed.last().map(|c| c.score), Some(None), "the creator with 5 days of metrics is not scorable");
    for target in [None, Some(&personas[0]), Some(&personas[1])] {
        for c in &listed {
            let explained = ok("explain", scoring::explain(store, &ws, &c.id, target).await);
            let Some(report) = explained else { panic!("{} is not explained", c.id) };
            let stored = ok("stored_score", store.stored_score(&ws_id, &c.id, target.map(|p| p.name.as_str())).await);
            let Some(stored) = stored else { panic!("{} has no stored score", c.id) };
            assert_eq!(report.score, stored.score, "{}: the explained score is the stored one", c.id);
            assert_eq!(report.scorable, stored.facts.scorable);
            assert_eq!(report.persona.as_deref(), target.map(|p| p.name.as_str()));
        }
    }
    let missing: CreatorId = parse("cr_vtrnothere");
    assert_eq!(ok("explain", scoring::explain(store, &ws, &missing, None).await), None);
}
