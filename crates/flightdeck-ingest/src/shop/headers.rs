//! Case-insensitive access to request headers.

/// Request headers as the webhook parsers read them: looked up by name, ASCII
/// case-insensitively (HTTP/2 lower-cases every name; Shopify's docs write
/// `X-Shopify-Hmac-Sha256`).
///
/// Implemented for slices and vectors of `(name, value)` pairs; the server wraps its
/// own header map in a small newtype that implements it.
pub trait Headers {
    /// The value of the first header called `name`, trimmed; `None` when absent.
    fn header(&self, name: &str) -> Option<&str>;
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref().trim())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

/// A header that must be present and non-empty.
pub(crate) fn non_empty<'h, H: Headers + ?Sized>(headers: &'h H, name: &str) -> Option<&'h str> {
    headers.header(name).filter(|v| !v.is_empty())
}
