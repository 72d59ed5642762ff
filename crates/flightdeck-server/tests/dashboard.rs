//! The dashboard and the portal over real HTTP on the demo workspace: every page
//! renders in both languages, user text is escaped, charts carry their points and
//! the planted anomaly, links are created through the form (CSRF, roles, the brand's
//! domains), and a creator sees only their own numbers.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

mod web_support;

use web_support::{client, csrf_of, sign_in, DemoServer, ADMIN, CREATOR, VIEWER};

async fn get(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(&url).send().await.expect("GET");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

async fn server() -> DemoServer {
    DemoServer::start(60).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_in_english_and_dutch() {
    let s = server().await;
    let c = client();
    sign_in(&c, &s.base, ADMIN).await;
    let profile = format!("/creators/{}", s.xss_creator);
    for path in [
        "/",
        "/creators",
        profile.as_str(),
        "/compliance",
        "/links",
        "/codes",
        "/clicks",
        "/orders",
        "/attribution",
        "/settings",
    ] {
        let (status, en) = get(&c, format!("{}{path}?lang=en", s.base)).await;
        assert_eq!(status, 200, "{path} renders: {en}");
        assert!(en.contains("<html lang=\"en\">") && en.contains("Sign out"), "{path} in English");
        let (status, nl) = get(&c, format!("{}{path}?lang=nl", s.base)).await;
        assert_eq!(status, 200, "{path} renders in Dutch");
        assert!(nl.contains("<html lang=\"nl\">") && nl.contains("Uitloggen"), "{path} in Dutch");
    }
    let (_, overview) = get(&c, format!("{}/?lang=en", s.base)).await;
    assert!(overview.contains("Duinhart Herfstdeal") && overview.contains("Duinhart Zomerglow"), "both campaigns");
    assert!(overview.contains("EUR "), "revenue per campaign");
    let (_, models) = get(&c, format!("{}/attribution?lang=en", s.base)).await;
    for model in ["first-touch", "last-touch", "linear", "time-decay", "position-based", "markov", "shapley"] {
        assert!(models.contains(&format!("<th scope=\"col\" class=\"num\">{model}</th>")), "the {model} column");
    }
    assert!(models.contains("id=\"models\"") && models.contains("EUR "), "credits side by side");
    assert!(models.contains("id=\"counted\"") && models.contains(">View-through</th>"), "orders counted apart");
    let (_, remembered) = get(&c, format!("{}/creators", s.base)).await;
    assert!(remembered.contains("<html lang=\"en\">"), "the last choice is remembered in a cookie");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_text_is_escaped_everywhere() {
    let s = server().await;
    let c = client();
    sign_in(&c, &s.base, ADMIN).await;
    for path in [format!("/creators/{}", s.xss_creator), "/compliance".to_owned()] {
        let (status, html) = get(&c, format!("{}{path}", s.base)).await;
        assert_eq!(status, 200);
        assert!(html.contains("&#60;script&#62;window.__xss = 1&#60;/script&#62;"), "{path}: the caption as text");
        assert!(!html.contains("<script>window.__xss"), "{path}: never as markup");
        assert!(!html.contains("<b>nu</b>"), "{path}: no markup from captions");
        assert!(html.contains("Sanne &#60;Script&#62; &#38; Co"), "{path}: the creator's name escaped");
    }
    let (_, compliance) = get(&c, format!("{}/compliance", s.base)).await;
    assert!(compliance.contains("class=\"badge violation\""), "the planted post is a violation");
    assert!(compliance.contains("class=\"fix\""), "each finding says how to fix it");
    let (_, search) = get(&c, format!("{}/creators?niche=xss-test", s.base)).await;
    assert!(search.contains("Sanne &#60;Script&#62; &#38; Co") && !search.contains("<Script>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_charts_followers_and_engagement_with_the_anomaly_marked() {
    let s = server().await;
    let c = client();
    sign_in(&c, &s.base, ADMIN).await;
    let (_, html) = get(&c, format!("{}/creators/{}", s.base, s.xss_creator)).await;
    for class in ["followers-chart", "engagement-chart"] {
        let at = html.find(&format!("<svg class=\"{class}\"")).unwrap_or_else(|| panic!("{class} present"));
        let svg = &html[at..at + html[at..].find("</svg>").expect("end of svg")];
        let points = svg.split("points=\"").nth(1).and_then(|p| p.split('"').next()).expect("a polyline");
        assert_eq!(points.split_whitespace().count(), 120, "{class}: one point per day");
    }
    assert!(html.contains("class=\"mark\""), "the follower jump is marked");
    assert!(html.contains("2026-03-22"), "on the day of the jump");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracking_link_is_created_through_the_form() {
    let s = server().await;
    let c = client();
    sign_in(&c, &s.base, ADMIN).await;
    let (_, profile) = get(&c, format!("{}/creators/{}", s.base, s.xss_creator)).await;
    let csrf = csrf_of(&profile);
    let campaign = profile
        .split("<option value=\"ca_")
        .nth(1)
        .map(|rest| format!("ca_{}", &rest[..rest.find('"').expect("end")]))
        .expect("a campaign to pick");
    let creator = s.xss_creator.to_string();
    let form = |csrf: &str, destination: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("campaign", campaign.clone()),
            ("creator", creator.clone()),
            ("destination", destination.to_owned()),
            ("medium", "social".to_owned()),
        ]
    };
    let r = c
        .post(format!("{}/links", s.base))
        .form(&form(&csrf, "https://duinhart.nl/zon?x=1"))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status().as_u16(), 303);
    let to = r.headers().get("location").and_then(|l| l.to_str().ok()).expect("a location").to_owned();
    assert!(to.starts_with("/links/ln_") && to.ends_with("?created=1"), "{to}");
    let (status, page) = get(&c, format!("{}{to}", s.base)).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("{}/r/", s.base)), "the short URL");
    assert!(page.contains("<svg class=\"qr\"") && page.contains("h1v1h-1z"), "the QR code inline");
    assert!(page.contains("utm_source=instagram") && page.contains("utm_content=sanne_script"), "UTMs added");

    let r = c
        .post(format!("{}/links", s.base))
        .form(&form("forged-forged-forged-forged-forged", "https://duinhart.nl/"))
        .send()
        .await;
    assert_eq!(r.expect("POST").status().as_u16(), 403, "a wrong CSRF token is refused");
    let r = c.post(format!("{}/links", s.base)).form(&form(&csrf, "https://evil.example/")).send().await.expect("POST");
    assert_eq!(r.status().as_u16(), 400, "a destination off the brand's domains is refused");
    assert!(r.text().await.expect("body").contains("role=\"alert\""), "with the reason on the form");

    let viewer = client();
    sign_in(&viewer, &s.base, VIEWER).await;
    let (_, links) = get(&viewer, format!("{}/links", s.base)).await;
    let r = viewer.post(format!("{}/links", s.base)).form(&form(&csrf_of(&links), "https://duinhart.nl/")).send().await;
    assert_eq!(r.expect("POST").status().as_u16(), 403, "a viewer may not create links");
    assert_eq!(get(&viewer, format!("{}/settings", s.base)).await.0, 403, "nor open the settings");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_creator_sees_only_their_own_numbers() {
    let s = server().await;
    let c = client();
    sign_in(&c, &s.base, CREATOR).await;
    let r = c.get(format!("{}/", s.base)).send().await.expect("GET /");
    assert_eq!(r.headers().get("location").and_then(|l| l.to_str().ok()), Some("/portal"));
    let (status, portal) = get(&c, format!("{}/portal", s.base)).await;
    assert_eq!(status, 200);
    let links = s.store.list_links(&s.workspace).await.expect("links");
    let codes = s.store.list_codes(&s.workspace).await.expect("codes");
    let (mine, theirs): (Vec<_>, Vec<_>) = links.iter().partition(|l| l.creator_id == s.portal_creator);
    assert!(!mine.is_empty() && !theirs.is_empty());
    assert!(mine.iter().all(|l| portal.contains(&format!("/r/{}", l.code))), "every own link");
    assert!(theirs.iter().all(|l| !portal.contains(&format!("/r/{}", l.code))), "no other creator's link");
    for code in &codes {
        let own = code.creator_id.as_ref() == Some(&s.portal_creator);
        assert_eq!(portal.contains(&format!("<code>{}</code>", code.code)), own, "code {}", code.code);
    }
    assert!(portal.contains("<svg class=\"qr\""), "QR codes to share");
    assert!(portal.contains("id=\"orders\""), "orders through the creator's code or links");
    for path in ["/creators", "/links", "/codes", "/clicks", "/orders", "/compliance", "/attribution", "/settings"] {
        assert_eq!(get(&c, format!("{}{path}", s.base)).await.0, 403, "{path} is not for creators");
    }
    let other = links.iter().find(|l| l.creator_id != s.portal_creator).expect("another creator");
    let status = get(&c, format!("{}/creators/{}", s.base, other.creator_id)).await.0;
    assert!(status == 403 || status == 404, "another creator's profile is refused: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_out_pages_send_to_the_sign_in() {
    let s = server().await;
    let c = client();
    for path in ["/", "/creators", "/compliance", "/links", "/portal", "/settings"] {
        let r = c.get(format!("{}{path}", s.base)).send().await.expect("GET");
        assert_eq!(r.status().as_u16(), 303, "{path}");
        assert_eq!(r.headers().get("location").and_then(|l| l.to_str().ok()), Some("/login"));
    }
}
