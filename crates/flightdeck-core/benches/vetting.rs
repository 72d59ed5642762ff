//! Vetting throughput: a workspace of synthetic creators (one account, 180 days of
//! daily metrics each; 60 % clean, 10 % viral, 15 % bought, 15 % hollow) analysed,
//! indexed and scored for 3 personas.
//!
//! `cargo bench -p flightdeck-core --bench vetting` (set `VETTING_BENCH_CREATORS` to
//! change the size; default 100,000).

#![allow(missing_docs)] // criterion's macros generate undocumented functions

#[path = "../tests/vetting_support/mod.rs"]
mod vetting_support;

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use flightdeck_core::domain::{AgeRange, Country, Language, Name, Persona, PersonaId};
use flightdeck_core::vetting::{analyze_workspace, vet_workspace, VettingInput, Weights};
use vetting_support::{brand, persona, synth};

fn personas() -> Vec<Persona> {
    let other = |name: &str, min: u8, max: u8, lang: Language| Persona {
        id: PersonaId::generate(&mut synth::rng(u64::from(min))),
        name: Name::parse(name).unwrap_or_else(|_| unreachable!()),
        interests: vec!["fashion".to_owned()],
        age_range: AgeRange::new(min, max).unwrap_or_else(|_| unreachable!()),
        countries: vec![Country::BE],
        languages: vec![lang],
        values: vec!["kwaliteit".to_owned()],
    };
    vec![persona(), other("Stijlvolle Sophie", 18, 24, Language::FR), other("Ouder Olaf", 45, 64, Language::NL)]
}

fn workspace(n: usize) -> Vec<VettingInput> {
    synth::workspace(42, n).into_iter().map(|(_, input)| input).collect()
}

/// CPU seconds (user + system) this process has used so far, from `/proc/self/stat`
/// (0 where that file does not exist): wall time on a busy machine overstates the cost.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// One timed run over the full size, printed with wall and CPU time.
fn one_shot(n: usize) {
    let inputs = workspace(n);
    let personas = personas();
    let brand = brand();
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let reports = vet_workspace(&inputs, &personas, &brand, &Weights::default());
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    let scorable = reports.iter().flatten().filter(|r| r.scorable).count();
    eprintln!(
        "vetting: {n} creators × 180 days × {} personas: {wall:.2} s wall, {cpu:.2} s CPU on {} threads \
         ({} reports, {scorable} scorable)",
        personas.len(),
        rayon::current_num_threads(),
        reports.iter().map(Vec::len).sum::<usize>()
    );
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("VETTING_BENCH_CREATORS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    one_shot(n);
    let small = n.min(10_000);
    let inputs = workspace(small);
    let personas = personas();
    let brand = brand();
    let weights = Weights::default();
    let mut group = c.benchmark_group("vetting");
    group.sample_size(10);
    group.bench_function(format!("analyze+index {small} creators"), |b| b.iter(|| analyze_workspace(&inputs)));
    group.bench_function(format!("vet {small} creators x 3 personas"), |b| {
        b.iter(|| vet_workspace(&inputs, &personas, &brand, &weights))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
