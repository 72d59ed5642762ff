//! Briefs, contracts and fees of the demo collaborations.
//!
//! Most contracts are complete; a few lack usage rights, whitelisting or a signature, so
//! the campaign linter has something real to find.

use chrono::{Duration, NaiveDate, NaiveTime};
use rand::Rng;

use super::campaigns::{eur, CampaignSpec};
use crate::domain::{Brief, BriefId, CollaborationId, CollaborationKind, Contract, ContractId, FeeModel, Goal, Tier};

/// The fee per deliverable in euros for an account of `tier` (Dutch rate cards, see
/// `price_per_post` in `refdata/vetting/benchmarks.json`), rounded to €25.
pub(crate) fn fee_per_post<R: Rng + ?Sized>(rng: &mut R, tier: Tier) -> i64 {
    let (lo, hi) = match tier {
        Tier::Emerging => (50, 120),
        Tier::Nano => (75, 250),
        Tier::Micro => (250, 1_500),
        Tier::Macro => (1_500, 8_000),
        Tier::Mega => (10_000, 25_000),
    };
    rng.gen_range(lo..=hi) / 25 * 25
}

/// The kind of collaboration and how it is paid.
pub(crate) fn deal<R: Rng + ?Sized>(rng: &mut R, goal: Goal, fee: i64) -> (CollaborationKind, FeeModel) {
    let roll = rng.gen_range(0..10);
    match goal {
        Goal::Conversion if roll < 3 => (CollaborationKind::Affiliate, FeeModel::Commission { rate_bp: 1_000 }),
        Goal::Conversion if roll < 5 => (
            CollaborationKind::Ambassador,
            FeeModel::FixedPlusBonus { fee: eur(fee), bonus: eur(fee / 4 / 25 * 25), condition: "orders >= 40".into() },
        ),
        _ if roll < 1 => (
            CollaborationKind::SponsoredPost,
            FeeModel::FixedPlusBonus {
                fee: eur(fee),
                bonus: eur(fee / 5 / 25 * 25),
                condition: "reach >= 150000".into(),
            },
        ),
        _ => (CollaborationKind::SponsoredPost, FeeModel::Fixed { fee: eur(fee) }),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The brief of one collaboration (in Dutch, as the brand writes it).
pub(crate) fn brief<R: Rng + ?Sized>(rng: &mut R, spec: &CampaignSpec, collab: &CollaborationId, code: &str) -> Brief {
    let awareness = spec.goal == Goal::Awareness;
    let (goal, key_message, cta) = if awareness {
        (
            "Laat je volgers kennismaken met de Zomerglow-lijn van Duinhart.".to_owned(),
            "Natuurlijke verzorging met ingrediënten van de Nederlandse kust: zacht voor je huid en voor de duinen."
                .to_owned(),
            "Ontdek de Zomerglow-lijn via de link in bio".to_owned(),
        )
    } else {
        (
            "Verkoop via je persoonlijke kortingscode en trackinglink.".to_owned(),
            format!("{}% korting op de hele herfstcollectie met jouw code.", spec.percent_off),
            format!("Gebruik code {code} voor {}% korting", spec.percent_off),
        )
    };
    Brief {
        id: BriefId::generate(rng),
        collaboration_id: collab.clone(),
        goal,
        key_message,
        dos: strings(&[
            "Laat het product in gebruik zien, in je eigen omgeving",
            "Vertel eerlijk hoe het voelt op je huid",
            "Noem de hervulbare verpakking",
        ]),
        donts: strings(&[
            "Geen medische claims (geneest, herstelt eczeem)",
            "Geen vergelijking met andere merken",
            "Niet samen met alcohol in beeld",
        ]),
        must_says: strings(&[
            "Label als eerste woord: #advertentie (NL), #reclame of #publicité (BE)",
            "Tag @duinhart",
            "Zet de paid-partnership-label aan",
        ]),
        cta,
        tone_of_voice: "Luchtig, eerlijk en zonnig; geen harde verkoop".to_owned(),
        assets: strings(&["Productfoto's en logo (gedeelde map)", "Huisstijlgids Duinhart 2026"]),
        claim_evidence: if rng.gen_bool(0.9) {
            strings(&[
                "Dermatologisch getest (rapport DermaLab, maart 2026)",
                "98% ingrediënten van natuurlijke oorsprong",
            ])
        } else {
            Vec::new()
        },
    }
}

/// The contract of one collaboration, signed some days before the flight (or not yet).
pub(crate) fn contract<R: Rng + ?Sized>(
    rng: &mut R,
    collab: &CollaborationId,
    fee: &FeeModel,
    starts_on: NaiveDate,
    whitelisting_wanted: bool,
) -> Contract {
    let signed_on = starts_on - Duration::days(rng.gen_range(8..25));
    let time = NaiveTime::from_hms_opt(rng.gen_range(8..17), rng.gen_range(0..60), 0).unwrap_or_default();
    let usage_rights = rng.gen_bool(0.8);
    Contract {
        id: ContractId::generate(rng),
        collaboration_id: collab.clone(),
        fee: fee.clone(),
        payment_term_days: [14, 30, 30, 60][rng.gen_range(0..4)],
        exclusivity_days: [0, 30, 60, 90][rng.gen_range(0..4)],
        usage_rights,
        usage_rights_days: if usage_rights { [90, 180, 365][rng.gen_range(0..3)] } else { 0 },
        whitelisting: whitelisting_wanted && rng.gen_bool(0.7),
        revision_rounds: rng.gen_range(1..=3),
        cancellation: "Kosteloos opzegbaar tot 14 dagen voor de eerste deadline; daarna is 50% van de vaste vergoeding verschuldigd."
            .to_owned(),
        signed_at: rng.gen_bool(0.95).then(|| signed_on.and_time(time).and_utc()),
    }
}
