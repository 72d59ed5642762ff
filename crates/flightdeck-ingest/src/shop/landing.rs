//! Campaign parameters and the click id from a landing URL.
//!
//! Shopify's `landing_site` is usually a relative path with a query
//! (`/products/x?utm_source=instagram&utm_term=linnen+overshirt`), sometimes absolute,
//! sometimes `null`; WooCommerce keeps the full landing URL in
//! `_wc_order_attribution_session_entry`. `+` and `%20` both decode to a space, the
//! first of repeated parameters wins, values are lower-cased.

use url::form_urlencoded;

use super::model::LandingUtm;
use super::values::click_id;

/// Longest parameter value kept, in characters (longer ones are cut).
const MAX_VALUE_CHARS: usize = 200;

/// What a landing URL says about where the visitor came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Landing {
    /// Its `utm_*` parameters.
    pub utm: LandingUtm,
    /// Its `fd_cid` parameter, when it is a well-formed click id.
    pub click_id: Option<String>,
}

/// Reads the `utm_*` parameters and `fd_cid` of a landing URL, relative or absolute.
pub fn parse_landing(url: &str) -> Landing {
    let mut out = Landing::default();
    let Some((_, after)) = url.split_once('?') else { return out };
    let query = after.split_once('#').map_or(after, |(q, _)| q);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "utm_source" => &mut out.utm.source,
            "utm_medium" => &mut out.utm.medium,
            "utm_campaign" => &mut out.utm.campaign,
            "utm_content" => &mut out.utm.content,
            "utm_term" => &mut out.utm.term,
            "utm_id" => &mut out.utm.id,
            "fd_cid" => {
                if out.click_id.is_none() {
                    out.click_id = click_id(&value);
                }
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = utm_value(&value);
        }
    }
    out
}

/// A campaign value as stored: trimmed, lower case, at most 200 characters; `None` for
/// empty values and for WooCommerce's `(none)`.
pub(crate) fn utm_value(raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() || t == "(none)" {
        return None;
    }
    Some(t.chars().take(MAX_VALUE_CHARS).collect::<String>().to_lowercase())
}
