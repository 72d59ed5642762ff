//! Reading a post from JSON with errors that name the field, for the CLI and the HTTP API.

use serde_json::{Map, Value};
use thiserror::Error;

use super::input::PostInput;

/// Why a JSON document is not a post.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// The text is not JSON at all.
    #[error("not valid JSON: {0}")]
    Syntax(String),
    /// Valid JSON, but not an object.
    #[error("expected a JSON object with post fields (caption, country, relationship, …), got {0}")]
    NotAnObject(&'static str),
    /// One field has a value of the wrong kind.
    #[error("field `{field}`: {reason}")]
    Field {
        /// The field's name.
        field: String,
        /// What was wrong and what was expected.
        reason: String,
    },
}

/// Parses one post from JSON text (unknown fields are ignored).
pub fn parse_post(json: &str) -> Result<PostInput, InputError> {
    let value: Value = serde_json::from_str(json).map_err(|e| InputError::Syntax(e.to_string()))?;
    post_from_value(value)
}

/// Reads one post from a parsed JSON value, naming the first field that is wrong.
pub fn post_from_value(value: Value) -> Result<PostInput, InputError> {
    let Value::Object(map) = value else { return Err(InputError::NotAnObject(kind(&value))) };
    serde_json::from_value::<PostInput>(Value::Object(map.clone())).map_err(|e| blame(&map, &e))
}

fn blame(map: &Map<String, Value>, whole: &serde_json::Error) -> InputError {
    for (field, value) in map {
        let single: Map<String, Value> = std::iter::once((field.clone(), value.clone())).collect();
        if let Err(e) = serde_json::from_value::<PostInput>(Value::Object(single)) {
            return InputError::Field { field: field.clone(), reason: e.to_string() };
        }
    }
    InputError::Syntax(whole.to_string())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field() {
        let err = parse_post(r#"{"caption": "x", "creator_age": "old"}"#).unwrap_err();
        assert!(matches!(&err, InputError::Field { field, .. } if field == "creator_age"), "{err}");
        assert!(err.to_string().contains("expected a number"), "{err}");
        assert_eq!(parse_post("[1]").unwrap_err(), InputError::NotAnObject("an array"));
        assert!(matches!(parse_post("{oops").unwrap_err(), InputError::Syntax(_)));
    }

    #[test]
    fn loose_values_are_read() {
        let post =
            parse_post(r##"{"paid_partnership_label": "yes", "creator_age": "31", "hashtags": "#ad #zomer", "x": 1}"##)
                .unwrap();
        assert_eq!(post.paid_partnership_label, Some(true));
        assert_eq!(post.creator_age, Some(31.0));
        assert_eq!(post.hashtags, Some(vec!["#ad".to_string(), "#zomer".to_string()]));
        assert_eq!(parse_post(r#"{"audience_under_18_share": "12%"}"#).unwrap().audience_under_18_share, Some(0.12));
    }
}
