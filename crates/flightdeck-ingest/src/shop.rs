//! Shop webhooks (Shopify, WooCommerce): signature checks over the raw bytes, then
//! parsing into normalised [`ShopOrder`]s and [`ShopRefund`]s.
//!
//! The server calls, per request:
//! 1. [`shop_of`] to learn which shop sent it (to pick that shop's secret);
//! 2. [`receive`] with the raw body bytes, the secret and the workspace's customer key.
//!    It answers a WooCommerce ping without a signature, otherwise verifies the
//!    signature *before* decoding anything, then parses the topic it knows.
//!
//! Payload facts (money as strings parsed to integer cents without floats, ids up to
//! 2^63, time zones, nulls, discount-code case, landing-site UTMs, order attribution)
//! follow `refdata/formats/README.md`; the choices are explained in `docs/tracking.md`.

mod error;
mod headers;
mod landing;
mod model;
mod receive;
pub mod shopify;
pub mod signature;
mod values;
pub mod woocommerce;

pub use error::ShopError;
pub use headers::Headers;
pub use landing::{parse_landing, Landing};
pub use model::{Delivery, LandingUtm, PaymentStatus, ShopEvent, ShopOrder, ShopRefund};
pub use receive::{is_woocommerce_ping, receive, shop_of, MAX_BODY_BYTES};
