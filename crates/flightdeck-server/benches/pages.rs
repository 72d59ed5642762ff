//! Server-side render time of every dashboard page on the demo workspace (2,000
//! creators, as `flightdeck demo` builds it), over real HTTP on loopback:
//! `cargo bench -p flightdeck-server --bench pages`.
//!
//! First prints p50 / p95 / max of 200 sequential requests per page (the budget is
//! p95 under 50 ms), then runs criterion on each page. `FLIGHTDECK_BENCH_CREATORS`
//! changes the workspace's size.

#![allow(clippy::expect_used, missing_docs)] // a bench: a panic is the failure report

#[path = "../tests/web_support/mod.rs"]
mod web_support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use web_support::{client, sign_in, DemoServer, ADMIN, CREATOR};

/// Requests per page for the percentiles.
const SAMPLES: usize = 200;

struct Bench {
    rt: tokio::runtime::Runtime,
    _server: DemoServer,
    admin: reqwest::Client,
    creator: reqwest::Client,
    pages: Vec<(String, String, bool)>,
}

fn setup() -> Bench {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
    let creators = std::env::var("FLIGHTDECK_BENCH_CREATORS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let (server, admin, creator, pages) = rt.block_on(async {
        let started = Instant::now();
        let s = DemoServer::start(creators).await;
        eprintln!("demo workspace with {creators} creators built in {:.1} s", started.elapsed().as_secs_f64());
        let admin = client();
        sign_in(&admin, &s.base, ADMIN).await;
        let creator = client();
        sign_in(&creator, &s.base, CREATOR).await;
        let found = s
            .store
            .list_creators(
                &s.workspace,
                &flightdeck_store::CreatorFilter {
                    sort: flightdeck_store::CreatorSort::Followers,
                    limit: Some(1),
                    ..Default::default()
                },
            )
            .await
            .expect("creators");
        let biggest = found.first().map(|c| c.id.to_string()).expect("a creator");
        let link = s.store.list_links(&s.workspace).await.expect("links").first().map(|l| l.id.to_string());
        let mut pages: Vec<(String, String, bool)> = [
            ("overview", "/".to_owned()),
            ("creators", "/creators".to_owned()),
            ("creators filtered", "/creators?tier=micro&platform=instagram&min_score=0".to_owned()),
            ("profile", format!("/creators/{biggest}")),
            ("compliance", "/compliance".to_owned()),
            ("links", "/links".to_owned()),
            ("codes", "/codes".to_owned()),
            ("clicks", "/clicks".to_owned()),
            ("orders", "/orders".to_owned()),
            ("attribution", "/attribution".to_owned()),
            ("settings", "/settings".to_owned()),
        ]
        .into_iter()
        .map(|(n, p)| (n.to_owned(), format!("{}{p}", s.base), false))
        .collect();
        if let Some(id) = link {
            pages.push(("link with QR".to_owned(), format!("{}/links/{id}", s.base), false));
        }
        pages.push(("portal".to_owned(), format!("{}/portal", s.base), true));
        (s, admin, creator, pages)
    });
    Bench { rt, _server: server, admin, creator, pages }
}

async fn fetch(c: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let r = c.get(url).send().await.expect("GET");
    assert_eq!(r.status().as_u16(), 200, "{url}");
    let body = r.bytes().await.expect("body");
    assert!(!body.is_empty());
    started.elapsed()
}

fn percentiles(b: &Bench) {
    println!("\n{:<18} {:>8} {:>8} {:>8}", "page", "p50 ms", "p95 ms", "max ms");
    for (name, url, as_creator) in &b.pages {
        let c = if *as_creator { &b.creator } else { &b.admin };
        let mut times: Vec<Duration> = b.rt.block_on(async {
            let mut out = Vec::with_capacity(SAMPLES);
            for _ in 0..SAMPLES {
                out.push(fetch(c, url).await);
            }
            out
        });
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let p95 = times[SAMPLES * 95 / 100 - 1];
        println!(
            "{name:<18} {:>8.2} {:>8.2} {:>8.2}{}",
            ms(times[SAMPLES / 2]),
            ms(p95),
            ms(times[SAMPLES - 1]),
            if ms(p95) < 50.0 { "" } else { "  OVER BUDGET" }
        );
    }
    println!();
}

fn pages(crit: &mut Criterion) {
    let b = setup();
    percentiles(&b);
    let mut group = crit.benchmark_group("dashboard");
    group.sample_size(30).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    for (name, url, as_creator) in &b.pages {
        let c = if *as_creator { &b.creator } else { &b.admin };
        group.bench_function(name.as_str(), |bench| bench.iter(|| b.rt.block_on(fetch(c, url))));
    }
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
