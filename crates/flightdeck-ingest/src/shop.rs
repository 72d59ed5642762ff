//! Shop webhook payloads (Shopify, WooCommerce).
