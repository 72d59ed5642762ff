//! Tracking, the pure parts: tracking-link destinations with UTMs, short codes and
//! click ids, discount codes and their shop import files, User-Agent classification
//! (people, link previews, bots), unique-click keys and the privacy hashes.
//!
//! Nothing here does I/O; the redirect handler, the click writer and the webhook
//! routes of the server call these functions. Every function that takes randomness
//! takes it as `&mut impl RngCore`: `OsRng` in production, a seeded generator in the
//! demo and in tests.

mod agent;
mod codes;
mod destination;
mod encode;
mod error;
mod export;
mod privacy;
mod shop_platform;
mod shortcode;
mod unique;
mod utm;

pub use agent::{classify_user_agent, counts_as_human, MAX_SCANNED_UA_BYTES};
pub use codes::{
    creator_code_part, normalize_code, CodeGenerator, DEFAULT_SUFFIX_LEN, MAX_CREATOR_PART_LEN, MAX_PREFIX_LEN,
    MAX_SUFFIX_LEN, MIN_SUFFIX_LEN, READABLE_ALPHABET, SUFFIX_ALPHABET,
};
pub use destination::validate_destination;
pub use encode::encode_component;
pub use error::{CodeError, LinkError};
pub use export::{code_csv, code_csv_headers, code_csv_rows, SHOPIFY_CODE_HEADERS, WOOCOMMERCE_CODE_HEADERS};
pub use privacy::{customer_hash, daily_salt, ip_hash, normalize_email, IP_HASH_HEX_LEN};
pub use shop_platform::ShopPlatform;
pub use shortcode::{
    destination_with_click_id, generate_click_id, generate_short_code, is_valid_short_code, MAX_SHORT_CODE_LEN,
    SHORT_CODE_LEN,
};
pub use unique::{hour_bucket, unique_click_key, UniqueClickKey, UNIQUE_WINDOW_SECS};
pub use utm::{build_destination, Utm, UtmMedium, CLICK_ID_PARAM, MAX_URL_LEN, MAX_UTM_VALUE_LEN};
