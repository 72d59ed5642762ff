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

/// Characters of a time-ordered click id that encode its second (32^7 seconds from
/// 2020-01-01 reach past the year 3000).
const TIME_LEN: usize = 7;
/// 2020-01-01T00:00:00Z as a Unix time.
const TIME_EPOCH: i64 = 1_577_836_800;

impl ClickId {
    /// A fresh click id whose first characters encode `at`'s second, followed by 45
    /// random bits: ids of one second sort together, so the store appends them to its
    /// indexes instead of writing all over them (the redirect's hot path), while an id
    /// still cannot be guessed (2^45 per second). Same shape as [`ClickId::generate`].
    pub fn generate_at<R: Rng + ?Sized>(at: chrono::DateTime<chrono::Utc>, rng: &mut R) -> Self {
        let mut seconds = u64::try_from(at.timestamp() - TIME_EPOCH).unwrap_or(0);
        let mut time = [ALPHABET[0]; TIME_LEN];
        for slot in time.iter_mut().rev() {
            *slot = ALPHABET[(seconds % 32) as usize];
            seconds /= 32;
        }
        let mut out = String::with_capacity(Self::PREFIX.len() + 1 + RANDOM_LEN);
        out.push_str(Self::PREFIX);
        out.push('_');
        out.extend(time.iter().map(|b| char::from(*b)));
        for _ in TIME_LEN..RANDOM_LEN {
            out.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
        }
        Self(out)
    }
}

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
    fn time_ordered_click_ids_parse_and_sort_by_their_second() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let t0 = chrono::DateTime::parse_from_rfc3339("2026-12-02T18:00:00Z").map(|t| t.to_utc()).unwrap();
        let earlier = ClickId::generate_at(t0, &mut rng);
        let later = ClickId::generate_at(t0 + chrono::Duration::seconds(1), &mut rng);
        assert!(ClickId::parse(earlier.as_str()).is_ok(), "{earlier}");
        assert_eq!(earlier.as_str().len(), later.as_str().len());
        assert!(earlier < later, "{earlier} < {later}");
        assert_ne!(ClickId::generate_at(t0, &mut rng), earlier, "random within a second");
        let far = ClickId::generate_at(t0 + chrono::Duration::days(365 * 900), &mut rng);
        assert!(ClickId::parse(far.as_str()).is_ok() && later < far);
    }

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
