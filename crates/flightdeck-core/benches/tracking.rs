//! Tracking hot paths: what the redirect does per click, and link/code creation.
//!
//! `cargo bench -p flightdeck-core --bench tracking`. See docs/tracking.md.
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;
use std::net::IpAddr;

use chrono::{NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flightdeck_core::domain::{Domain, LinkId};
use flightdeck_core::tracking::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const AGENTS: &[&str] = &[
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 \
     Instagram 326.0.0.31.101 (iPhone15,2; iOS 17_4; nl_NL; nl; scale=3.00; 1179x2556; 587232016)",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "facebookexternalhit/1.1 Facebot Twitterbot/1.0",
    "WhatsApp/2.23.20.0 A",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.5.0",
    "",
];

fn per_click(c: &mut Criterion) {
    let mut group = c.benchmark_group("tracking/per_click");
    group.throughput(Throughput::Elements(AGENTS.len() as u64));
    group.bench_function("classify_user_agent x8", |b| {
        b.iter(|| AGENTS.iter().map(|ua| classify_user_agent(black_box(ua)) as u8 as u32).sum::<u32>())
    });
    group.throughput(Throughput::Elements(1));
    let dest = "https://shop.example.nl/products/linnen-overshirt?size=m&utm_source=instagram&utm_medium=social\
                &utm_campaign=zomer-2025&utm_content=janedoe";
    group.bench_function("destination_with_click_id", |b| {
        b.iter(|| destination_with_click_id(black_box(dest), black_box("ck_7fh3k2m9pq4xr8tz")))
    });
    let salt = daily_salt(b"server-secret", NaiveDate::from_ymd_opt(2025, 4, 12).unwrap_or_default());
    let ip: IpAddr = IpAddr::from([203, 0, 113, 7]);
    group.bench_function("ip_hash", |b| b.iter(|| ip_hash(black_box(ip), &salt)));
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let link = LinkId::generate(&mut rng);
    group.bench_function("unique_click_key", |b| b.iter(|| unique_click_key(&link, black_box("a1b2c3"), Utc::now())));
    group.bench_function("generate_click_id", |b| b.iter(|| generate_click_id(&mut rng)));
    group.finish();
}

fn creation(c: &mut Criterion) {
    let mut group = c.benchmark_group("tracking/create");
    let allowed: Vec<Domain> = ["shop.example.nl", "example.be"].iter().filter_map(|d| Domain::parse(d).ok()).collect();
    let utm = Utm::new("instagram", UtmMedium::Social, "zomer-2025").id("ca_8k2m").content("janedoe");
    group.bench_function("build_destination", |b| {
        b.iter(|| build_destination(black_box("https://shop.example.nl/p?color=blue&size=m#x"), &allowed, &utm))
    });
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    group.bench_function("generate_short_code", |b| b.iter(|| generate_short_code(&mut rng)));
    let generator = CodeGenerator::new("zomer").ok();
    let creators: Vec<String> = (0..1000).map(|i| format!("creator{i}")).collect();
    group.throughput(Throughput::Elements(creators.len() as u64));
    group.bench_function("discount codes, batch of 1000", |b| {
        b.iter(|| generator.as_ref().map(|g| g.generate_batch(&creators, Vec::<String>::new(), &mut rng)))
    });
    group.finish();
}

criterion_group!(benches, per_click, creation);
criterion_main!(benches);
