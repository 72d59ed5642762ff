//! Strict percent-encoding for values Flightdeck puts into URLs.

/// Appends `value` to `out`, keeping only RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) and percent-encoding every other byte (a space becomes
/// `%20`, never `+`, so no reader can mistake it).
pub fn encode_component(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_pass() {
        let mut out = String::new();
        encode_component(&mut out, "linnen overshirt&x=1/ü~");
        assert_eq!(out, "linnen%20overshirt%26x%3D1%2F%C3%BC~");
    }
}
