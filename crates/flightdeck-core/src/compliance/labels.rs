//! THE label table: every disclosure label the engine knows, with its class and languages.
//!
//! This is the one place to change when a regulator changes its mind: one line per label.
//! Texts are written as a person would type them; they are case- and accent-folded when the
//! index is built (`#publicité` = `#publicite`). See `refdata/compliance/README.md` §2.

/// What a label says about the post, which decides where it is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Advertising wording: `#advertentie`, "paid partnership", `#publicité`.
    Ad,
    /// Abbreviations of advertising: `#ad`, `#adv`, `#pub`.
    Abbr,
    /// Sponsoring wording: `#gesponsord`, "sponsored by".
    Spons,
    /// Gift wording: "gekregen van", `#gifted`.
    Gift,
    /// Affiliate wording: "affiliate link".
    Aff,
    /// Own-brand wording: "mijn eigen merk".
    Own,
    /// Labels that never suffice: `#spon`, `#collab`, "in samenwerking met".
    Vague,
}

/// How a label is written, which decides how it is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A hashtag, matched on the whole tag (`#adv` yes, `#advent` no).
    Tag,
    /// Words matched on word boundaries anywhere in the text.
    Phrase,
    /// A bare word that counts only as the first word of a line followed by `: | - – — • ] ) !` or
    /// the line end, or inside `(…)` / `[…]`.
    Bare,
}

/// Language bit: Dutch (also Flemish).
pub(crate) const NL: u8 = 1;
/// Language bit: English.
pub(crate) const EN: u8 = 2;
/// Language bit: French.
pub(crate) const FR: u8 = 4;
/// Language bit: German.
pub(crate) const DE: u8 = 8;

/// One known label.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelDef {
    /// The label as shown to people: `#advertentie`, `gekregen van`.
    pub text: &'static str,
    /// How it is matched.
    pub form: Form,
    /// What it says.
    pub class: Class,
    /// Languages it is written in (bit set of [`NL`], [`EN`], [`FR`], [`DE`]).
    pub langs: u8,
    /// Whether the UK ASA/CMA guide accepts it ("Ad", "Advert", "Advertisement", …).
    pub uk: bool,
}

const fn tag(text: &'static str, class: Class, langs: u8) -> LabelDef {
    LabelDef { text, form: Form::Tag, class, langs, uk: false }
}
const fn phrase(text: &'static str, class: Class, langs: u8) -> LabelDef {
    LabelDef { text, form: Form::Phrase, class, langs, uk: false }
}
const fn bare(text: &'static str, class: Class, langs: u8) -> LabelDef {
    LabelDef { text, form: Form::Bare, class, langs, uk: false }
}
/// Marks a label as accepted in the UK.
const fn uk(def: LabelDef) -> LabelDef {
    LabelDef { uk: true, ..def }
}

use Class::{Abbr, Ad, Aff, Gift, Own, Spons, Vague};

/// Every label. Order does not matter; duplicates are a bug (a unit test checks).
pub(crate) const LABELS: &[LabelDef] = &[
    // AD — advertising wording.
    tag("#advertentie", Ad, NL),
    tag("#reclame", Ad, NL | FR),
    tag("#publiciteit", Ad, NL),
    tag("#productplaatsing", Ad, NL),
    tag("#sponsoring", Ad, NL | FR),
    tag("#betaaldesamenwerking", Ad, NL),
    tag("#betaaldpartnerschap", Ad, NL),
    uk(tag("#advert", Ad, EN)),
    uk(tag("#advertisement", Ad, EN)),
    uk(tag("#advertising", Ad, EN)),
    tag("#paidpartnership", Ad, EN),
    tag("#publicité", Ad, FR),
    tag("#annonce", Ad, FR),
    tag("#partenariatrémunéré", Ad, FR),
    tag("#placementdeproduit", Ad, FR),
    tag("#werbung", Ad, DE),
    tag("#anzeige", Ad, DE),
    phrase("betaalde samenwerking", Ad, NL),
    phrase("betaald partnerschap", Ad, NL),
    phrase("betaalde partnerschap", Ad, NL),
    phrase("bevat reclame", Ad, NL),
    phrase("is reclame", Ad, NL),
    phrase("paid partnership", Ad, EN),
    phrase("paid promotion", Ad, EN),
    uk(phrase("advertisement feature", Ad, EN)),
    phrase("partenariat rémunéré", Ad, FR),
    phrase("collaboration rémunérée", Ad, FR),
    phrase("collaboration commerciale", Ad, FR),
    phrase("placement de produit", Ad, FR),
    bare("advertentie", Ad, NL),
    bare("reclame", Ad, NL | FR),
    bare("publiciteit", Ad, NL),
    uk(bare("advert", Ad, EN)),
    uk(bare("advertisement", Ad, EN)),
    uk(bare("advertising", Ad, EN)),
    bare("publicité", Ad, FR),
    bare("annonce", Ad, FR),
    // ABBR — abbreviations.
    uk(tag("#ad", Abbr, EN)),
    tag("#adv", Abbr, NL),
    tag("#pub", Abbr, FR),
    uk(bare("ad", Abbr, EN)),
    bare("adv", Abbr, NL),
    bare("pub", Abbr, FR),
    // SPONS — sponsoring.
    tag("#gesponsord", Spons, NL),
    phrase("gesponsord door", Spons, NL),
    tag("#sponsored", Spons, EN),
    phrase("sponsored by", Spons, EN),
    tag("#sponsorisé", Spons, FR),
    phrase("sponsorisé par", Spons, FR),
    bare("gesponsord", Spons, NL),
    bare("sponsored", Spons, EN),
    bare("sponsorisé", Spons, FR),
    // GIFT — gifts.
    phrase("cadeau gekregen", Gift, NL),
    phrase("gekregen van", Gift, NL),
    phrase("kreeg ik van", Gift, NL),
    phrase("pr-pakket", Gift, NL),
    tag("#gekregen", Gift, NL),
    phrase("gifted by", Gift, EN),
    tag("#gifted", Gift, EN),
    bare("gifted", Gift, EN),
    phrase("free product", Gift, EN),
    phrase("pr package", Gift, EN),
    phrase("offert par", Gift, FR),
    // AFF — affiliate links.
    phrase("affiliate link", Aff, EN | NL),
    phrase("affiliatelink", Aff, NL),
    tag("#affiliate", Aff, EN | NL),
    phrase("i earn a commission", Aff, EN),
    phrase("lien affilié", Aff, FR),
    // OWN — own brand.
    phrase("mijn eigen merk", Own, NL),
    phrase("mijn eigen lijn", Own, NL),
    phrase("my own brand", Own, EN),
    phrase("ma propre marque", Own, FR),
    // VAGUE — never enough.
    tag("#sp", Vague, NL | EN | FR),
    tag("#spon", Vague, NL | EN | FR),
    tag("#sponsor", Vague, NL | EN | FR),
    tag("#collab", Vague, NL | EN | FR),
    tag("#partner", Vague, NL | EN | FR),
    tag("#partnership", Vague, EN),
    tag("#samenwerking", Vague, NL),
    tag("#ism", Vague, NL),
    tag("#ambassador", Vague, EN),
    tag("#ambassadeur", Vague, NL | FR),
    tag("#brandambassador", Vague, EN),
    tag("#thanks", Vague, EN),
    phrase("in samenwerking met", Vague, NL),
    phrase("i.s.m.", Vague, NL),
    phrase("thanks to", Vague, EN),
    phrase("met dank aan", Vague, NL),
    phrase("merci à", Vague, FR),
    phrase("en collaboration avec", Vague, FR),
    phrase("in collaboration with", Vague, EN),
    phrase("in association with", Vague, EN),
];
