//! OpenAPI schemas of the inputs the handlers take as text and parse themselves (so
//! that a bad value gets the API's own error): the enumerations and patterns they
//! accept, for `#[param(schema_with = …)]` and `#[schema(schema_with = …)]`.

use flightdeck_core::attribution::flight::FlightModel;
use flightdeck_core::domain::{Platform, Tier};
use flightdeck_store::Role;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::RefOr;

fn one_of<'a>(values: impl IntoIterator<Item = &'a str>, description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.into_iter().map(str::to_owned)))
        .description(Some(description))
        .build()
}

/// A platform (`instagram`, …).
pub fn platform() -> Object {
    one_of(Platform::ALL.iter().map(|p| p.as_str()), "Only creators with an account on this platform.")
}

/// A tier (`emerging` … `mega`).
pub fn tier() -> Object {
    one_of(Tier::ALL.iter().map(|t| t.as_str()), "Tier of the largest account.")
}

/// A role (`admin`, `marketer`, `viewer`, `creator`).
pub fn role() -> Object {
    one_of(Role::ALL.iter().map(|r| r.as_str()), "admin, marketer, viewer or creator.")
}

/// An event type (`page_view`, `add_to_cart`, `lead`, `purchase`).
pub fn event_kind() -> Object {
    let mut kind =
        one_of(["page_view", "add_to_cart", "lead", "purchase"], "page_view, add_to_cart, lead or purchase.");
    kind.examples = vec![serde_json::json!("purchase")];
    kind
}

/// The creator list's order.
pub fn creator_sort() -> Object {
    one_of(
        ["name", "followers", "score", "tier"],
        "name (default), followers (most first), score (highest first) or tier (largest first).",
    )
}

/// An attribution code policy.
pub fn code_policy() -> Object {
    one_of(
        ["code-wins", "link-wins", "code-only"],
        "When an order's code and its last click disagree: code-wins (default), link-wins, code-only.",
    )
}

/// `all`, or flight models joined by `,`.
pub fn models() -> Object {
    let names: Vec<&str> = FlightModel::ALL.iter().map(|m| m.as_str()).collect();
    let one = format!("({})", names.join("|"));
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^(all|{one}(,{one})*)$")))
        .description(Some(format!("`all` (default), one model, or several joined by `,`: {}.", names.join(", "))))
        .build()
}

/// An ISO 3166-1 alpha-2 country code.
pub fn country() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[A-Za-z]{2}$"))
        .description(Some("Only creators with an account for this audience country (ISO 3166-1 alpha-2: NL, BE, …)."))
        .build()
}

/// Position-based shares, `first,middle,last` percentages summing to 100.
pub fn position() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[0-9]{1,3}(\\.[0-9]+)?,[0-9]{1,3}(\\.[0-9]+)?,[0-9]{1,3}(\\.[0-9]+)?$"))
        .description(Some("Position-based shares in percent, first,middle,last, summing to 100 (default 40,20,40)."))
        .build()
}

/// An object, or an array of objects: `description` says what each one is.
fn one_or_many(description: &str) -> RefOr<Schema> {
    let object = || ObjectBuilder::new().schema_type(Type::Object);
    OneOfBuilder::new().item(object()).item(ArrayBuilder::new().items(object())).description(Some(description)).into()
}

/// The body of a compliance check: one post (an object) or several (an array).
pub struct PostOrPosts;

impl utoipa::PartialSchema for PostOrPosts {
    fn schema() -> RefOr<Schema> {
        one_or_many("A post: platform, format, country, language, caption, hashtags, paid_partnership_label, disclosure_in_media, relationship, product_category, audience_under_18_share, creator_age, creator_followers; or an array of them")
    }
}

impl utoipa::ToSchema for PostOrPosts {}

/// The answer of a compliance check: one result, or one per post of an array.
pub struct CheckResults;

impl utoipa::PartialSchema for CheckResults {
    fn schema() -> RefOr<Schema> {
        one_or_many(
            "`{\"verdict\": \"violation|warning|ok\", \"findings\": [...]}`, or an array of them (one per post)",
        )
    }
}

impl utoipa::ToSchema for CheckResults {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_pattern_names_every_model() {
        let pattern = models().pattern.unwrap_or_default();
        for model in FlightModel::ALL {
            assert!(pattern.contains(model.as_str()), "{pattern}");
        }
    }
}
