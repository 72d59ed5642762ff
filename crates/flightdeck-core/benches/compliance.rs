//! Compliance check throughput.
//!
//! `cargo bench -p flightdeck-core --bench compliance` runs the criterion group (20,000 distinct
//! generated posts per iteration) and then times 1,000,000 checks, single-threaded and with
//! rayon on every core. See docs/performance.md, "Compliance".

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput};
use flightdeck_core::compliance::{check, PostInput, Severity};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

const SENTENCES: &[&str] = &[
    "Wat een heerlijke dag aan het strand met vrienden!",
    "Deze jas gaat de hele winter mee, echt mijn favoriet.",
    "Ik maak nooit reclame voor dingen die ik niet gebruik.",
    "Mijn ochtendroutine in 5 stappen ☀️✨",
    "Ma nouvelle routine du matin avec @marque 💛",
    "L'été est enfin là, on profite à fond !",
    "New drop just landed and I'm obsessed 🔥",
    "Link in bio: https://shop.example.com/zomer#ad?utm_source=ig",
    "Check merk.nl/sale voor 20% korting met code ZOMER20",
    "Thanks for watching, see you next week!",
    "Reclame op tv is saai, maar deze video niet.",
    "Love my new adidas sneakers #adidas #adventure",
];
const LABELS: &[&str] = &[
    "#advertentie",
    "Advertentie |",
    "#ad",
    "#adv",
    "#reclame",
    "#publicité",
    "Paid partnership with @brand",
    "betaalde samenwerking met @merk",
    "#spon",
    "#collab",
    "in samenwerking met @merk",
    "Gekregen van @merk:",
    "thanks to @brand",
    "",
    "",
];
const TAGS: &[&str] = &["#zomer", "#ootd", "#fashion", "#beauty", "#nix18", "#travel", "#food", "#ad", "#sp"];

fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

fn opt<R: Rng>(rng: &mut R, items: &[&str]) -> Option<String> {
    if rng.gen_bool(0.15) {
        None
    } else {
        Some(pick(rng, items).to_string())
    }
}

fn caption<R: Rng>(rng: &mut R) -> String {
    let label = pick(rng, LABELS);
    let mut parts: Vec<String> = Vec::new();
    if rng.gen_bool(0.5) {
        parts.push(label.to_string());
    }
    for _ in 0..rng.gen_range(1..4) {
        parts.push(pick(rng, SENTENCES).to_string());
    }
    if rng.gen_bool(0.3) {
        parts.push(label.to_string());
    }
    let tags: Vec<&str> = (0..rng.gen_range(0..7)).map(|_| pick(rng, TAGS)).collect();
    parts.push(tags.join(" "));
    parts.join(if rng.gen_bool(0.3) { "\n" } else { " " })
}

/// Deterministic, varied posts (captions of 40–400 characters, every market and format).
fn posts(n: usize, seed: u64) -> Vec<PostInput> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|_| PostInput {
            platform: opt(&mut rng, &["instagram", "tiktok", "youtube", "twitch", "blog"]),
            format: opt(&mut rng, &["post", "reel", "story", "video", "short"]),
            country: opt(&mut rng, &["NL", "NL", "BE", "BE", "US", "GB", "DE"]),
            language: opt(&mut rng, &["nl", "fr", "en"]),
            caption: Some(caption(&mut rng)),
            hashtags: rng.gen_bool(0.2).then(|| vec!["zomer".into(), "advertentie".into()]),
            paid_partnership_label: rng.gen_bool(0.7).then(|| rng.gen_bool(0.3)),
            disclosure_in_media: rng.gen_bool(0.6).then(|| rng.gen_bool(0.5)),
            relationship: opt(&mut rng, &["paid", "gifted", "affiliate", "own_product", "ambassador", "none"]),
            product_category: opt(&mut rng, &["alcohol", "gambling", "fashion", "beauty", "food"]),
            audience_under_18_share: rng.gen_bool(0.8).then(|| rng.gen_range(0.0..0.7)),
            creator_age: rng.gen_bool(0.8).then(|| f64::from(rng.gen_range(10u8..50))),
            creator_followers: rng.gen_bool(0.8).then(|| f64::from(rng.gen_range(1_000u32..2_000_000))),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let sample = posts(20_000, 7);
    let mut group = c.benchmark_group("compliance");
    group.throughput(Throughput::Elements(sample.len() as u64));
    group.bench_function("check_20k_posts", |b| {
        b.iter(|| sample.iter().map(|p| check(black_box(p)).findings.len()).sum::<usize>())
    });
    group.finish();
}

/// CPU seconds used by this process so far (user + system, from /proc/self/stat; Linux only),
/// so the numbers stay meaningful on a machine busy with other work.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn timed(label: &str, f: impl FnOnce() -> usize) -> usize {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let violations = f();
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| format!("{:.2} s", b - a)).unwrap_or_else(|| "n/a".into());
    println!("compliance 1M: {label}: wall {:.2} s, cpu {cpu}", wall.elapsed().as_secs_f64());
    violations
}

/// Times 1,000,000 checks (50 passes over 20,000 distinct posts; the check caches nothing).
fn million() {
    let sample = posts(20_000, 11);
    let rounds = 1_000_000 / sample.len();
    let violations = |p: &PostInput| check(black_box(p)).verdict == Severity::Violation;
    let single = timed("single thread", || (0..rounds).map(|_| sample.iter().filter(|p| violations(p)).count()).sum());
    let label = format!("rayon, {} threads", rayon::current_num_threads());
    let par =
        timed(&label, || (0..rounds).into_par_iter().map(|_| sample.iter().filter(|p| violations(p)).count()).sum());
    assert_eq!(single, par);
    let chars: usize = sample.iter().filter_map(|p| p.caption.as_ref()).map(|c| c.chars().count()).sum();
    println!(
        "compliance 1M: {} checks, mean caption {} chars, {single} violations",
        rounds * sample.len(),
        chars / sample.len()
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        million();
    }
}
