//! Opaque public identifiers.
//!
//! Every entity has a short id with a type prefix (`cr_…` for a creator, `ac_…` for an
//! account) so that an id pasted in the wrong place is caught, and nothing about a
//! row (its position, its count) can be guessed from it.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::DomainError;

/// The characters of the random part of an id: lower-case base32 without
/// look-alikes (no `0`, `1`, `l`, `o`).
const ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyz";
/// Length of the random part: 32^16 = 2^80 possibilities.
const RANDOM_LEN: usize = 16;

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The type prefix of this kind of id.
            pub const PREFIX: &'static str = $prefix;

            /// A fresh id drawn from `rng` (seeded in the demo, so ids are deterministic).
            pub fn generate<R: Rng + ?Sized>(rng: &mut R) -> Self {
                Self(random_id($prefix, rng))
            }

            /// Parses an id given by a user or read back from the store.
            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                check_id($prefix, raw).map(|()| Self(raw.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

define_id!(/// A workspace: a brand, or an agency's client.
    WorkspaceId, "ws");
define_id!(/// A buyer persona of a brand.
    PersonaId, "pe");
define_id!(/// A creator (a person with one or more channel accounts).
    CreatorId, "cr");
define_id!(/// One channel account of a creator on one platform.
    AccountId, "ac");
define_id!(/// A post published on a channel account.
    PostId, "po");
define_id!(/// A comment under a post.
    CommentId, "cm");
define_id!(/// A campaign.
    CampaignId, "ca");
define_id!(/// A flight: a time-boxed wave of a campaign.
    FlightId, "fl");
define_id!(/// A collaboration between the brand and one creator in a campaign.
    CollaborationId, "co");
define_id!(/// A brief.
    BriefId, "br");
define_id!(/// A contract.
    ContractId, "ct");
define_id!(/// A deliverable of a contract.
    DeliverableId, "de");
define_id!(/// A tracking link.
    LinkId, "ln");
define_id!(/// A discount code.
    CodeId, "dc");
define_id!(/// A click on a tracking link.
    ClickId, "ck");
define_id!(/// A pixel or server event.
    EventId, "ev");
define_id!(/// A shop order.
    OrderId, "or");
define_id!(/// A registered shop.
    ShopId, "sh");
define_id!(/// A dashboard user.
    UserId, "us");
define_id!(/// An API token.
    TokenId, "tk");

fn random_id<R: Rng + ?Sized>(prefix: &str, rng: &mut R) -> String {
    let mut out = String::with_capacity(prefix.len() + 1 + RANDOM_LEN);
    out.push_str(prefix);
    out.push('_');
    for _ in 0..RANDOM_LEN {
        let index = rng.gen_range(0..ALPHABET.len());
        out.push(char::from(ALPHABET[index]));
    }
    out
}

fn check_id(prefix: &str, raw: &str) -> Result<(), DomainError> {
    let rest = raw
        .strip_prefix(prefix)
        .and_then(|r| r.strip_prefix('_'))
        .ok_or_else(|| DomainError::new("id", format!("expected an id starting with `{prefix}_`, got `{raw}`")))?;
    let valid = !rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_alphanumeric());
    if valid {
        Ok(())
    } else {
        Err(DomainError::new("id", format!("`{raw}` is not a valid id")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_ids_parse_and_keep_their_prefix() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let id = CreatorId::generate(&mut rng);
        assert!(id.as_str().starts_with("cr_"));
        assert_eq!(CreatorId::parse(id.as_str()), Ok(id.clone()));
        assert!(AccountId::parse(id.as_str()).is_err());
    }

    #[test]
    fn malformed_ids_are_refused() {
        for raw in ["", "cr_", "cr", "cr_<script>", "crx_abc"] {
            assert!(CreatorId::parse(raw).is_err(), "{raw}");
        }
    }
}
