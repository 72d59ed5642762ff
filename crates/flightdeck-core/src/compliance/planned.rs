//! Planned captions: the compliance input of a deliverable, from what Flightdeck knows
//! of it (the account it will be published on, its format, and the collaboration's
//! kind). What it cannot know (the platform label, what the media shows, the product's
//! category, the creator's age) stays absent, so the check says it could not verify it.

use super::PostInput;
use crate::domain::{Account, CollaborationKind, Deliverable};

/// The relationship a collaboration kind stands for.
pub fn relationship_of(kind: CollaborationKind) -> &'static str {
    match kind {
        CollaborationKind::SponsoredPost => "paid",
        CollaborationKind::Affiliate => "affiliate",
        CollaborationKind::Ambassador => "ambassador",
    }
}

/// The input that checks `deliverable`'s planned caption on `account`; `kind` is the
/// collaboration's (absent: the relationship is unknown).
pub fn deliverable_input(deliverable: &Deliverable, account: &Account, kind: Option<CollaborationKind>) -> PostInput {
    PostInput {
        platform: Some(account.platform.as_str().to_owned()),
        format: Some(deliverable.format.as_str().to_owned()),
        country: account.country.map(|c| c.to_string()),
        language: account.language.map(|l| l.to_string()),
        caption: Some(deliverable.caption.clone()),
        relationship: kind.map(|k| relationship_of(k).to_owned()),
        creator_followers: Some(account.followers as f64),
        ..PostInput::default()
    }
}
