//! The demo brand: Duinhart, a Dutch maker of natural skin and body care, with three
//! buyer personas.

use serde::{Deserialize, Serialize};

use super::rng::{mix_tag, rng_from};
use crate::domain::{
    AgeRange, Brand, Country, Domain, Language, Name, Persona, PersonaId, Workspace, WorkspaceId, WorkspaceName,
};

/// The brand's name.
pub(crate) const BRAND_NAME: &str = "Duinhart";
/// The shop's host, where tracking links land.
pub(crate) const SHOP_HOST: &str = "shop.duinhart.nl";

/// The demo workspace and the brand's buyer personas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoBrand {
    /// The workspace `demo` with the brand.
    pub workspace: Workspace,
    /// Three buyer personas.
    pub personas: Vec<Persona>,
}

struct PersonaSpec {
    name: &'static str,
    interests: &'static [&'static str],
    ages: (u8, u8),
    countries: &'static [Country],
    languages: &'static [Language],
    values: &'static [&'static str],
}

const PERSONAS: [PersonaSpec; 3] = [
    PersonaSpec {
        name: "Bewuste Britt",
        interests: &["sustainability", "skincare", "beauty", "wellness"],
        ages: (25, 34),
        countries: &[Country::NL, Country::BE],
        languages: &[Language::NL, Language::EN],
        values: &["duurzaamheid", "eerlijkheid", "natuurlijke ingrediënten"],
    },
    PersonaSpec {
        name: "Sportieve Sem",
        interests: &["fitness", "running", "outdoor", "wellness"],
        ages: (18, 29),
        countries: &[Country::NL],
        languages: &[Language::NL, Language::EN],
        values: &["gezondheid", "prestatie", "gemak"],
    },
    PersonaSpec {
        name: "Élégante Élise",
        interests: &["beauty", "fashion", "lifestyle", "home"],
        ages: (30, 45),
        countries: &[Country::BE],
        languages: &[Language::FR, Language::NL],
        values: &["qualité", "authenticité", "made in Europe"],
    },
];

/// The demo brand for `seed` (the brand is fixed; its ids follow the seed).
pub fn brand(seed: u64) -> DemoBrand {
    let mut rng = rng_from(mix_tag(seed, b"brand", 0));
    let brand = Brand {
        name: name(BRAND_NAME),
        allowed_domains: ["duinhart.nl", SHOP_HOST].iter().filter_map(|d| Domain::parse(d).ok()).collect(),
        competitors: vec!["Kustgloed".to_owned(), "Polderpuur".to_owned()],
        country: Country::NL,
    };
    let workspace = Workspace {
        id: WorkspaceId::generate(&mut rng),
        name: WorkspaceName::parse("demo").unwrap_or_else(|_| fallback_workspace()),
        brand,
    };
    let personas = PERSONAS
        .iter()
        .map(|p| Persona {
            id: PersonaId::generate(&mut rng),
            name: name(p.name),
            interests: p.interests.iter().map(|s| (*s).to_owned()).collect(),
            age_range: AgeRange::new(p.ages.0, p.ages.1).unwrap_or_else(|_| fallback_ages()),
            countries: p.countries.to_vec(),
            languages: p.languages.to_vec(),
            values: p.values.iter().map(|s| (*s).to_owned()).collect(),
        })
        .collect();
    DemoBrand { workspace, personas }
}

fn name(text: &str) -> Name {
    Name::parse(text).unwrap_or_else(|_| name("Demo"))
}

fn fallback_workspace() -> WorkspaceName {
    WorkspaceName::parse("demo").unwrap_or_else(|_| fallback_workspace())
}

fn fallback_ages() -> AgeRange {
    AgeRange::new(18, 65).unwrap_or_else(|_| fallback_ages())
}
