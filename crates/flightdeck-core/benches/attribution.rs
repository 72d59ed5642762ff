//! Journey building and journey-level models at scale.
//!
//! `cargo bench -p flightdeck-core --bench attribution` runs a criterion group over
//! 1,000,000 click events, then times one pass over 10,000,000 click events (2,000,000
//! customers, 60 creator channels, 1,000,000 orders, a discount code on a third of them):
//! journeys built with a 7-day window, then last-touch, linear and Markov order 1 over
//! them. See docs/performance.md, "Attribution".

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput};
use flightdeck_core::attribution::journey::{
    build_journeys, ChannelKey, Conversion, JourneyConfig, TouchEvent, TouchKind,
};
use flightdeck_core::attribution::rules::{credit_journeys, JourneyModel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A channel as a small integer (0 is direct).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Ch(u16);

impl ChannelKey for Ch {
    fn direct() -> Self {
        Ch(0)
    }
}

const CHANNELS: u16 = 60;

/// Click events and orders.
type Events = (Vec<TouchEvent<u64, Ch>>, Vec<Conversion<u64, Ch>>);

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).single().unwrap_or_default()
}

/// `clicks` click events of `clicks / 5` customers over 60 days, and one order per two
/// customers after a random click of theirs (a third with a random creator's code).
fn events(clicks: usize, seed: u64) -> Events {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let customers = (clicks / 5).max(1) as u64;
    let t0 = start();
    let touches: Vec<TouchEvent<u64, Ch>> = (0..clicks)
        .map(|_| TouchEvent {
            customer: rng.gen_range(0..customers),
            at: t0 + TimeDelta::seconds(rng.gen_range(0..60 * 86_400)),
            channel: Ch(rng.gen_range(1..=CHANNELS)),
            kind: TouchKind::Click,
        })
        .collect();
    let conversions = (0..customers / 2)
        .map(|n| Conversion {
            id: String::new(),
            customer: rng.gen_range(0..customers),
            at: t0 + TimeDelta::seconds(rng.gen_range(86_400..61 * 86_400)),
            value_minor: rng.gen_range(1_000..20_000),
            code_creators: if n % 3 == 0 { vec![Ch(rng.gen_range(1..=CHANNELS))] } else { Vec::new() },
        })
        .collect();
    (touches, conversions)
}

fn bench(c: &mut Criterion) {
    let (touches, conversions) = events(1_000_000, 5);
    let config = JourneyConfig::default();
    let mut group = c.benchmark_group("attribution");
    group.sample_size(10);
    group.throughput(Throughput::Elements(touches.len() as u64));
    group.bench_function("build_journeys_1m_clicks", |b| {
        b.iter(|| build_journeys(black_box(&touches), black_box(&conversions), &config).len())
    });
    let journeys = build_journeys(&touches, &conversions, &config);
    group.bench_function("linear_over_journeys_of_1m_clicks", |b| {
        b.iter(|| credit_journeys(black_box(&journeys), JourneyModel::Linear).map(|c| c.len()).unwrap_or(0))
    });
    group.finish();
}

/// CPU seconds used by this process so far (user + system, from /proc/self/stat; Linux only).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let out = f();
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| format!("{:.2} s", b - a)).unwrap_or_else(|| "n/a".into());
    println!("attribution 10M: {label}: wall {:.2} s, cpu {cpu}", wall.elapsed().as_secs_f64());
    out
}

/// Peak resident memory of this process (VmHWM), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn ten_million() {
    let (touches, conversions) = timed("generate 10,000,000 clicks and 1,000,000 orders", || events(10_000_000, 9));
    let journeys = timed("build journeys (7-day window, code-wins)", || {
        build_journeys(&touches, &conversions, &JourneyConfig::default())
    });
    let converting = journeys.iter().filter(|j| j.conversion.is_some()).count();
    let touched: usize = journeys.iter().map(|j| j.touches.len()).sum();
    println!("attribution 10M: {} journeys ({converting} converting), {touched} touches in windows", journeys.len());
    for (label, model) in [
        ("last-touch", JourneyModel::LastTouch),
        ("linear", JourneyModel::Linear),
        ("markov order 1 (exact)", JourneyModel::Markov { order: 1 }),
    ] {
        let credits = timed(label, || credit_journeys(&journeys, model));
        let total: f64 = credits.map(|c| c.iter().map(|x| x.conversions).sum()).unwrap_or(f64::NAN);
        println!("attribution 10M: {label}: credits sum to {total:.3} (converting journeys {converting})");
    }
    if let Some(peak) = peak_mib() {
        println!("attribution 10M: peak resident memory {peak:.0} MiB");
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        ten_million();
    }
}
