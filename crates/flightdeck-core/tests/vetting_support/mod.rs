//! Shared test and bench support for the vetting engine: a synthetic generator of
//! creators with known truth.

#![allow(dead_code)]

pub mod synth;

use flightdeck_core::domain::{AgeRange, Brand, Country, Language, Name, Persona, PersonaId};
use flightdeck_core::vetting::{analyze, Analysis, PeerIndex, VettingInput};

/// A brand with two competitors.
pub fn brand() -> Brand {
    Brand {
        name: Name::parse("Groene Fiets").unwrap_or_else(|_| unreachable!()),
        allowed_domains: Vec::new(),
        competitors: vec!["VanMoof".to_owned(), "Cortina Bikes".to_owned()],
        country: Country::NL,
    }
}

/// A persona: young, sustainable, Dutch-speaking, in NL/BE.
pub fn persona() -> Persona {
    let mut rng = synth::rng(99);
    Persona {
        id: PersonaId::generate(&mut rng),
        name: Name::parse("Duurzame Daan").unwrap_or_else(|_| unreachable!()),
        interests: vec!["cycling".to_owned(), "sustainability".to_owned()],
        age_range: AgeRange::new(25, 34).unwrap_or_else(|_| unreachable!()),
        countries: vec![Country::NL, Country::BE],
        languages: vec![Language::NL],
        values: vec!["duurzaamheid".to_owned()],
    }
}

/// Analyses every input and builds their peer index.
pub fn index(inputs: &[&VettingInput]) -> (Vec<Analysis>, PeerIndex) {
    let analyses: Vec<Analysis> = inputs.iter().map(|i| analyze(i)).collect();
    let peers = PeerIndex::build(analyses.iter().flat_map(|a| a.summaries.iter()));
    (analyses, peers)
}
