//! From a verified delivery to the change the store applies.

use flightdeck_core::domain::{Money, OrderId};
use flightdeck_ingest::shop::{Delivery, PaymentStatus, ShopEvent, ShopOrder};
use flightdeck_store::ShopChange;

/// The change a delivery makes, `None` for WooCommerce's ping (nothing to record).
///
/// An order that brings no revenue (cancelled, voided, failed, fully refunded) is
/// stored with `refunded` = `total`, so its net revenue is zero; a later payload that
/// says it was paid after all sets it back.
pub fn change_of(delivery: &Delivery) -> Option<ShopChange> {
    match &delivery.event {
        ShopEvent::Order(order) => {
            Some(ShopChange::Order { order: Box::new(domain_order(order)), updated_at: order.updated_at })
        }
        ShopEvent::Refund(refund) => Some(ShopChange::Refund {
            order_external_id: refund.order_external_id.clone(),
            refund_id: refund.refund_id.clone(),
            amount: refund.amount,
        }),
        ShopEvent::Ignored { .. } => Some(ShopChange::Nothing),
        ShopEvent::Ping => None,
    }
}

fn domain_order(order: &ShopOrder) -> flightdeck_core::domain::Order {
    let mut out = order.to_order(OrderId::generate(&mut rand::rngs::OsRng));
    let no_revenue = matches!(order.status, PaymentStatus::Cancelled | PaymentStatus::Failed | PaymentStatus::Refunded);
    if no_revenue || out.refunded.minor > out.total.minor {
        out.refunded = Money::new(out.total.minor, out.total.currency);
    }
    out
}

/// The id a delivery is recorded under, once: Shopify's `X-Shopify-Webhook-Id` or
/// WooCommerce's `X-WC-Webhook-Delivery-ID`. Without one, a Shopify delivery is keyed
/// by its `X-Shopify-Event-Id` and topic (the duplicates page's key); otherwise it has
/// none, and the upsert alone keeps it idempotent.
pub fn delivery_key(delivery: &Delivery) -> Option<String> {
    if let Some(id) = &delivery.delivery_id {
        return Some(id.clone());
    }
    let event = delivery.event_id.as_deref()?;
    Some(format!("event:{event}:{}", delivery.topic.as_deref().unwrap_or("")))
}
