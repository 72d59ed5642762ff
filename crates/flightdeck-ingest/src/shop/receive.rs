//! One webhook request in, one verified [`Delivery`] out.

use chrono::DateTime;
use flightdeck_core::tracking::ShopPlatform;

use super::error::ShopError;
use super::headers::{non_empty, Headers};
use super::model::{Delivery, ShopEvent};
use super::signature::{verify, SHOPIFY_SIGNATURE_HEADER, WOOCOMMERCE_SIGNATURE_HEADER};
use super::{shopify, woocommerce};

/// The largest body accepted (an order with hundreds of lines is well below 1 MiB).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

const SHOPIFY_SHOP: &str = "X-Shopify-Shop-Domain";
const SHOPIFY_TOPIC: &str = "X-Shopify-Topic";
const SHOPIFY_WEBHOOK_ID: &str = "X-Shopify-Webhook-Id";
const SHOPIFY_EVENT_ID: &str = "X-Shopify-Event-Id";
const SHOPIFY_TRIGGERED_AT: &str = "X-Shopify-Triggered-At";
const WOO_SOURCE: &str = "X-WC-Webhook-Source";
const WOO_TOPIC: &str = "X-WC-Webhook-Topic";
const WOO_DELIVERY_ID: &str = "X-WC-Webhook-Delivery-ID";
/// The name the REST API docs give the delivery id (the code sends the one above).
const WOO_DELIVERY_ID_DOCS: &str = "X-WC-Delivery-ID";

/// The shop that sent a delivery, to pick its secret before verifying: Shopify's
/// `X-Shopify-Shop-Domain` (the `*.myshopify.com` domain), or the host of WooCommerce's
/// `X-WC-Webhook-Source` (`https://shop.example.nl/` → `shop.example.nl`), lower case.
pub fn shop_of<H: Headers + ?Sized>(platform: ShopPlatform, headers: &H) -> Result<String, ShopError> {
    let (header, raw) = match platform {
        ShopPlatform::Shopify => (SHOPIFY_SHOP, non_empty(headers, SHOPIFY_SHOP)),
        ShopPlatform::WooCommerce => (WOO_SOURCE, non_empty(headers, WOO_SOURCE)),
    };
    let raw = raw.ok_or(ShopError::MissingHeader { header })?;
    let with_scheme = if raw.contains("://") { raw.to_owned() } else { format!("https://{raw}") };
    let host =
        url::Url::parse(&with_scheme).ok().and_then(|u| u.host_str().map(|h| h.trim_end_matches('.').to_owned()));
    match host {
        Some(h) if !h.is_empty() => Ok(h.to_ascii_lowercase()),
        _ => Err(ShopError::BadHeader { header, reason: format!("expected a shop domain or URL, got `{raw}`") }),
    }
}

/// Whether a request is WooCommerce's one-off ping on saving a webhook: a form body
/// `webhook_id=<number>` without signature and topic headers. It must be answered `200`
/// (WooCommerce disables webhooks whose ping fails) and carries nothing to store.
pub fn is_woocommerce_ping<H: Headers + ?Sized>(headers: &H, body: &[u8]) -> bool {
    let unsigned =
        non_empty(headers, WOOCOMMERCE_SIGNATURE_HEADER).is_none() && non_empty(headers, WOO_TOPIC).is_none();
    // Only a tiny, unsigned body is looked at before verification.
    if !unsigned || body.len() > 64 {
        return false;
    }
    let form = std::str::from_utf8(body).ok().and_then(|b| b.trim().strip_prefix("webhook_id="));
    form.is_some_and(|id| !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Verifies and parses one delivery: the body's signature is checked against `secret`
/// over the raw bytes before anything is decoded, then the topic's payload is parsed
/// (e-mail addresses are hashed under `customer_key`). A WooCommerce ping is answered
/// without a signature; topics Flightdeck does not use become [`ShopEvent::Ignored`].
///
/// Errors: [`ShopError::BadSignature`] (answer `401`; [`ShopError::is_unauthorized`]),
/// anything else is a `400`.
pub fn receive<H: Headers + ?Sized>(
    platform: ShopPlatform,
    headers: &H,
    body: &[u8],
    secret: &[u8],
    customer_key: &[u8],
) -> Result<Delivery, ShopError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ShopError::TooLarge { len: body.len(), max: MAX_BODY_BYTES });
    }
    if platform == ShopPlatform::WooCommerce && is_woocommerce_ping(headers, body) {
        return Ok(Delivery {
            platform,
            shop: shop_of(platform, headers).unwrap_or_default(),
            topic: None,
            delivery_id: None,
            event_id: None,
            triggered_at: None,
            event: ShopEvent::Ping,
        });
    }
    let signature_header = match platform {
        ShopPlatform::Shopify => SHOPIFY_SIGNATURE_HEADER,
        ShopPlatform::WooCommerce => WOOCOMMERCE_SIGNATURE_HEADER,
    };
    let signature = non_empty(headers, signature_header).ok_or(ShopError::BadSignature)?;
    verify(secret, body, signature)?;
    let shop = shop_of(platform, headers)?;
    match platform {
        ShopPlatform::Shopify => shopify_delivery(shop, headers, body, customer_key),
        ShopPlatform::WooCommerce => woocommerce_delivery(shop, headers, body, customer_key),
    }
}

fn shopify_delivery<H: Headers + ?Sized>(
    shop: String,
    headers: &H,
    body: &[u8],
    customer_key: &[u8],
) -> Result<Delivery, ShopError> {
    let topic = non_empty(headers, SHOPIFY_TOPIC).ok_or(ShopError::MissingHeader { header: SHOPIFY_TOPIC })?;
    let event = if shopify::ORDER_TOPICS.contains(&topic) {
        ShopEvent::Order(Box::new(shopify::parse_order(body, customer_key)?))
    } else if topic == shopify::REFUND_TOPIC {
        ShopEvent::Refund(shopify::parse_refund(body)?)
    } else {
        ShopEvent::Ignored { topic: topic.to_owned() }
    };
    Ok(Delivery {
        platform: ShopPlatform::Shopify,
        shop,
        topic: Some(topic.to_owned()),
        delivery_id: non_empty(headers, SHOPIFY_WEBHOOK_ID).map(str::to_owned),
        event_id: non_empty(headers, SHOPIFY_EVENT_ID).map(str::to_owned),
        triggered_at: non_empty(headers, SHOPIFY_TRIGGERED_AT)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.to_utc()),
        event,
    })
}

fn woocommerce_delivery<H: Headers + ?Sized>(
    shop: String,
    headers: &H,
    body: &[u8],
    customer_key: &[u8],
) -> Result<Delivery, ShopError> {
    let topic = non_empty(headers, WOO_TOPIC).ok_or(ShopError::MissingHeader { header: WOO_TOPIC })?;
    let event = if woocommerce::ORDER_TOPICS.contains(&topic) {
        ShopEvent::Order(Box::new(woocommerce::parse_order(body, customer_key)?))
    } else {
        ShopEvent::Ignored { topic: topic.to_owned() }
    };
    let delivery_id = non_empty(headers, WOO_DELIVERY_ID).or_else(|| non_empty(headers, WOO_DELIVERY_ID_DOCS));
    Ok(Delivery {
        platform: ShopPlatform::WooCommerce,
        shop,
        topic: Some(topic.to_owned()),
        delivery_id: delivery_id.map(str::to_owned),
        event_id: None,
        triggered_at: None,
        event,
    })
}
