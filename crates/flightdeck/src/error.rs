//! Errors of the binary's edge and their exit codes.

/// A mistake of the user (bad input, unknown id): exit code 1, message on stderr.
///
/// The message must say what was wrong and what to do: name the file, the line,
/// the field and what was expected.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

impl UserError {
    /// A user error with the given message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// Shorthand: an `anyhow::Error` carrying a [`UserError`].
pub fn user(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UserError::new(message))
}
