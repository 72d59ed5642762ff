//! Discount codes as CSV files that the shops' import tools read.
//!
//! Neither Shopify nor WooCommerce can import discount codes from a CSV file without an
//! app or plugin; the formats below are those of the most used ones (the reasons are in
//! `docs/tracking.md`):
//!
//! * Shopify: the "Discounts" sheet of Matrixify (`Title, Command, Code, Type, Value`):
//!   one row per code, rows with the same `Title` become codes of one discount, and
//!   `Value` is negative like Shopify's own price-rule value (`-15` = 15 % off).
//! * WooCommerce: coupon rows keyed by WooCommerce's own coupon fields, as WebToffee's
//!   "Import Export Suite" / "Smart Coupons" importers and WP All Import read them:
//!   `post_title` (the code), `post_excerpt` (description), `post_status`,
//!   `discount_type` (`percent`) and `coupon_amount`.

use super::shop_platform::ShopPlatform;
use crate::domain::DiscountCode;

/// The header row of the Shopify (Matrixify "Discounts") import file.
pub const SHOPIFY_CODE_HEADERS: [&str; 5] = ["Title", "Command", "Code", "Type", "Value"];

/// The header row of the WooCommerce coupon import file.
pub const WOOCOMMERCE_CODE_HEADERS: [&str; 5] =
    ["post_title", "post_excerpt", "post_status", "discount_type", "coupon_amount"];

/// The header row for `platform`.
pub fn code_csv_headers(platform: ShopPlatform) -> [&'static str; 5] {
    match platform {
        ShopPlatform::Shopify => SHOPIFY_CODE_HEADERS,
        ShopPlatform::WooCommerce => WOOCOMMERCE_CODE_HEADERS,
    }
}

/// The data rows (without header) for importing `codes` into a `platform` shop, all
/// under the discount / description `title` (e.g. the campaign name).
pub fn code_csv_rows(platform: ShopPlatform, title: &str, codes: &[DiscountCode]) -> Vec<[String; 5]> {
    codes
        .iter()
        .map(|c| match platform {
            ShopPlatform::Shopify => [
                title.to_owned(),
                "MERGE".to_owned(),
                c.code.clone(),
                "Percentage".to_owned(),
                format!("-{}", c.percent_off.min(100)),
            ],
            ShopPlatform::WooCommerce => [
                c.code.clone(),
                title.to_owned(),
                "publish".to_owned(),
                "percent".to_owned(),
                c.percent_off.min(100).to_string(),
            ],
        })
        .collect()
}

/// The complete CSV file (header and rows, `\n` line ends, RFC 4180 quoting, and cells
/// that a spreadsheet would run as a formula neutralised with a leading `'`).
pub fn code_csv(platform: ShopPlatform, title: &str, codes: &[DiscountCode]) -> String {
    let mut out = String::new();
    write_row(&mut out, code_csv_headers(platform).iter().copied());
    for row in code_csv_rows(platform, title, codes) {
        write_row(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, cell);
    }
    out.push('\n');
}

fn write_cell(out: &mut String, cell: &str) {
    let negative_number =
        cell.strip_prefix('-').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let formula = cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && !negative_number);
    let quote = formula || cell.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}
