//! Posts, comments and campaign-side records: inserted, counted, refused when
//! they collide, and a refused call leaves the rest of its session intact.

use flightdeck_core::domain::{
    AccountId, AgentClass, AudienceBreakdown, Brief, Campaign, Click, Collaboration, CollaborationKind, Comment,
    Contract, CreatorId, Currency, Deliverable, DeliverableState, DiscountCode, FeeModel, Flight, Goal, KpiTarget,
    Money, Order, Platform, Post, PostFormat, PostMetrics, Share, TrackingLink, WorkspaceId,
};

use super::fixture::{at, conflict, date, day, import, metric, name, not_found, ok, parse, rows, workspace, Row};
use crate::{AudienceRow, PostRow, Record, Store};

/// A post on `account` with id `po_<tag>`.
pub(crate) fn post(tag: &str, account: &AccountId, checked: bool) -> PostRow {
    let post = Post {
        id: parse(&format!("po_{tag}")),
        account_id: account.clone(),
        external_id: Some(format!("ext-{tag}")),
        caption: "Nieuwe look 💄 #ad #zomer met \"quotes\" en \\ backslash".to_owned(),
        hashtags: vec!["ad".to_owned(), "zomer".to_owned()],
        format: PostFormat::Reel,
        published_at: at(3, 12),
        paid_partnership_label: Some(true),
        metrics: PostMetrics { likes: Some(120), comments: Some(0), ..PostMetrics::default() },
    };
    let compliance = checked.then(|| serde_json::json!({"verdict": "warning", "findings": []}));
    PostRow { post, compliance }
}

/// A comment with id `cm_<tag>` under post `po_<post>`.
pub(crate) fn comment(tag: &str, post: &str) -> Comment {
    Comment {
        id: parse(&format!("cm_{tag}")),
        post_id: parse(&format!("po_{post}")),
        author_hash: format!("hash-{tag}"),
        text: "Wauw 😍\tmooi!".to_owned(),
        created_at: at(4, 9),
    }
}

/// The ten kinds of records of one campaign, ids ending in `tag`; the link's code
/// is `L<tag>`, the discount code `SAVE<tag>`, the order's external id `<tag>-1001`.
pub(crate) fn campaign_records(tag: &str, creator: &CreatorId, account: &AccountId) -> Vec<Record> {
    let eur = |minor| Money::new(minor, Currency::EUR);
    let campaign = Campaign {
        id: parse(&format!("ca_{tag}")),
        name: name("Zomer 2025"),
        slug: "zomer-2025".to_owned(),
        goal: Goal::Conversion,
        budget: eur(1_500_000),
        kpis: vec![KpiTarget { kpi: "cpa".to_owned(), target: 1500.0 }],
        landing_url: Some("https://shop.example.nl/zomer".to_owned()),
    };
    let flight = Flight {
        id: parse(&format!("fl_{tag}")),
        campaign_id: campaign.id.clone(),
        name: name("Flight 1 – launch"),
        starts_on: date(2025, 6, 1),
        ends_on: date(2025, 6, 30),
        budget: eur(500_000),
    };
    let collaboration = Collaboration {
        id: parse(&format!("co_{tag}")),
        campaign_id: campaign.id.clone(),
        creator_id: creator.clone(),
        kind: CollaborationKind::SponsoredPost,
        fee: FeeModel::Fixed { fee: eur(75_000) },
    };
    let brief = Brief {
        id: parse(&format!("br_{tag}")),
        collaboration_id: collaboration.id.clone(),
        goal: "verkopen".to_owned(),
        key_message: "SPF elke dag".to_owned(),
        dos: vec!["eerlijk".to_owned()],
        donts: vec![],
        must_says: vec!["#adv".to_owned()],
        cta: "Shop nu".to_owned(),
        tone_of_voice: "luchtig".to_owned(),
        assets: vec![],
        claim_evidence: vec![],
    };
    let contract = Contract {
        id: parse(&format!("ct_{tag}")),
        collaboration_id: collaboration.id.clone(),
        fee: FeeModel::Commission { rate_bp: 1000 },
        payment_term_days: 30,
        exclusivity_days: 14,
        usage_rights: true,
        usage_rights_days: 90,
        whitelisting: false,
        revision_rounds: 2,
        cancellation: "14 dagen".to_owned(),
        signed_at: Some(at(1, 10)),
    };
    let deliverable = Deliverable {
        id: parse(&format!("de_{tag}")),
        contract_id: contract.id.clone(),
        account_id: account.clone(),
        format: PostFormat::Reel,
        due_on: date(2025, 6, 10),
        state: DeliverableState::Approved,
        caption: "Zon! #ad".to_owned(),
        revisions_used: 1,
        live_url: None,
    };
    let link = TrackingLink {
        id: parse(&format!("ln_{tag}")),
        code: format!("L{tag}"),
        campaign_id: campaign.id.clone(),
        creator_id: creator.clone(),
        deliverable_id: Some(deliverable.id.clone()),
        destination: "https://shop.example.nl/zomer?utm_source=instagram&utm_medium=influencer".to_owned(),
        created_at: at(2, 8),
    };
    let code = DiscountCode {
        id: parse(&format!("dc_{tag}")),
        code: format!("SAVE{tag}"),
        campaign_id: campaign.id.clone(),
        creator_id: Some(creator.clone()),
        percent_off: 15,
    };
    let click = |n: u32, agent| Click {
        id: parse(&format!("ck_{tag}{n}")),
        link_id: link.id.clone(),
        at: at(5, n),
        agent,
        referrer_host: Some("l.instagram.com".to_owned()),
        country: None,
        consent: n.is_multiple_of(2),
        visitor_hash: Some(format!("v{n}")),
    };
    let order = Order {
        id: parse(&format!("or_{tag}")),
        shop_platform: "shopify".to_owned(),
        external_id: format!("{tag}-1001"),
        placed_at: at(6, 14),
        total: eur(4_995),
        refunded: eur(0),
        codes: vec![format!("SAVE{tag}")],
        utm_source: Some("instagram".to_owned()),
        utm_medium: None,
        utm_campaign: Some("zomer-2025".to_owned()),
        click_id: Some(format!("ck_{tag}1")),
        customer_hash: None,
    };
    let clicks = [click(1, AgentClass::Mobile), click(2, AgentClass::Preview)];
    let mut out = vec![
        Record::Campaign(campaign),
        Record::Flight(flight),
        Record::Collaboration(collaboration),
        Record::Brief(brief),
        Record::Contract(contract),
        Record::Deliverable(deliverable),
        Record::Link(link),
        Record::Code(code),
    ];
    out.extend(clicks.into_iter().map(Record::Click));
    out.push(Record::Order(order));
    out
}

/// An audience breakdown.
pub(crate) fn audience(account: &AccountId) -> AudienceRow {
    let share = |v| match Share::new(v) {
        Ok(s) => s,
        Err(e) => panic!("the suite's own share: {e}"),
    };
    let mut audience = AudienceBreakdown::default();
    audience.countries.insert("NL".to_owned(), share(0.7));
    audience.ages.insert("13-17".to_owned(), share(0.05));
    AudienceRow { account_id: account.clone(), audience }
}

/// Fills a workspace with one of everything (ids end in `tag`); returns the creator.
pub(crate) async fn fill(store: &dyn Store, ws: &WorkspaceId, tag: &str) -> CreatorId {
    let accounts = import(
        store,
        ws,
        &rows(
            tag,
            &[
                Row::new("Filled", Platform::Instagram, "filled", 4_000),
                Row::new("Filled", Platform::Youtube, "filledtube", 9_000),
            ],
        ),
    )
    .await;
    let creator = super::fixture::creator_of(store, ws, &accounts[0]).await;
    let mut s = ok("begin", store.begin(ws).await);
    let days: Vec<_> =
        (1..=3).map(|d| metric(&accounts[0], day(date(2025, 2, d), 4_000 + u64::from(d), 900))).collect();
    ok("upsert_metrics", s.upsert_metrics(&days).await);
    ok("upsert_audiences", s.upsert_audiences(&[audience(&accounts[0])]).await);
    ok("insert_posts", s.insert_posts(&[post(tag, &accounts[0], true)]).await);
    ok("insert_comments", s.insert_comments(&[comment(tag, tag)]).await);
    ok("insert_records", s.insert_records(&campaign_records(tag, &creator, &accounts[0])).await);
    ok("commit", s.commit().await);
    creator
}

/// Posts, comments and every kind of record are stored and counted; collisions
/// (post id, link code, discount code in any case, order of a shop) are refused
/// with `Conflict` and a click on an unknown link with `NotFound`, each refusal
/// leaving the rest of the session to commit.
pub async fn posts_comments_and_records(store: &dyn Store) {
    let ws = workspace(store, "wsr-records").await;
    let other = workspace(store, "wsr-other").await;
    let accounts = import(store, &ws, &rows("wsr", &[Row::new("Rita", Platform::Instagram, "rita", 20_000)])).await;
    let creator = super::fixture::creator_of(store, &ws, &accounts[0]).await;

    let mut s = ok("begin", store.begin(&ws).await);
    ok("insert_posts", s.insert_posts(&[post("wsr1", &accounts[0], true), post("wsr2", &accounts[0], false)]).await);
    ok("insert_comments", s.insert_comments(&[comment("wsr1", "wsr1"), comment("wsr2", "wsr1")]).await);
    ok("insert_records", s.insert_records(&campaign_records("wsr", &creator, &accounts[0])).await);

    conflict("a post id twice", s.insert_posts(&[post("wsr1", &accounts[0], false)]).await);
    let mut records = campaign_records("wsrb", &creator, &accounts[0]);
    let link = records.iter().find_map(|r| if let Record::Link(l) = r { Some(l.clone()) } else { None });
    let code = records.iter().find_map(|r| if let Record::Code(c) = r { Some(c.clone()) } else { None });
    let order = records.iter().find_map(|r| if let Record::Order(o) = r { Some(o.clone()) } else { None });
    let (Some(mut link), Some(mut code), Some(mut order)) = (link, code, order) else {
        panic!("campaign_records lacks a link, code or order");
    };
    link.code = "Lwsr".to_owned();
    conflict("a link code twice", s.insert_records(&[Record::Link(link)]).await);
    code.code = "savewsr".to_owned();
    conflict("a discount code twice, other case", s.insert_records(&[Record::Code(code)]).await);
    order.external_id = "wsr-1001".to_owned();
    conflict("an order of a shop twice", s.insert_records(&[Record::Order(order)]).await);
    records.retain(|r| matches!(r, Record::Click(_)));
    not_found("a click on a link that does not exist", s.insert_records(&records[..1]).await);
    ok("commit after refused calls", s.commit().await);

    let counts = ok("counts", store.counts(&ws).await);
    assert_eq!(
        (counts.posts, counts.campaigns, counts.links, counts.clicks, counts.orders),
        (2, 1, 1, 2, 1),
        "what was stored, without the refused rows: {counts:?}"
    );
    assert_eq!((counts.creators, counts.accounts, counts.metric_days), (1, 1, 0));
    let elsewhere = ok("counts", store.counts(&other).await);
    assert_eq!(elsewhere, crate::WorkspaceCounts::default(), "another workspace counts none of it");

    // A code is unique per workspace only; a link code everywhere (it is the URL).
    let other_accounts =
        import(store, &other, &rows("wsro", &[Row::new("Otto", Platform::Tiktok, "otto", 3_000)])).await;
    let other_creator = super::fixture::creator_of(store, &other, &other_accounts[0]).await;
    let mut theirs = campaign_records("wsro", &other_creator, &other_accounts[0]);
    for r in &mut theirs {
        if let Record::Code(c) = r {
            c.code = "SAVEwsr".to_owned();
        }
    }
    let mut s = ok("begin", store.begin(&other).await);
    ok("the same discount code in another workspace", s.insert_records(&theirs).await);
    ok("insert_posts", s.insert_posts(&[post("wsro", &other_accounts[0], false)]).await);
    ok("commit", s.commit().await);
    let counts = ok("counts", store.counts(&ws).await);
    assert_eq!((counts.posts, counts.campaigns, counts.clicks), (2, 1, 2), "unchanged by another workspace");
}
