//! Which destinations a tracking link may redirect to (open-redirect defence).

use url::{Host, Url};

use super::error::LinkError;
use super::utm::MAX_URL_LEN;
use crate::domain::Domain;

/// Checks that `raw` is a plain `http(s)://` URL on one of the brand's `allowed` domains
/// (the domain itself or a sub-domain of it) and returns it parsed.
///
/// Refused: other schemes (`javascript:`, `data:`, …), credentials (`user:pass@`),
/// IP-address hosts, hosts with a trailing dot, backslashes, whitespace and control
/// characters (browsers and servers disagree about those), and URLs longer than
/// [`MAX_URL_LEN`]. International domain names are compared in their punycode form,
/// so a look-alike (`shоp.nl` with a Cyrillic `о`) never matches `shop.nl`.
pub fn validate_destination(raw: &str, allowed: &[Domain]) -> Result<Url, LinkError> {
    let text = raw.trim();
    if text.len() > MAX_URL_LEN {
        return Err(LinkError::TooLong { len: text.len(), max: MAX_URL_LEN });
    }
    check_characters(text)?;
    let url = Url::parse(text).map_err(|e| LinkError::Unparsable { url: shorten(text), reason: e.to_string() })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(LinkError::Scheme { scheme: url.scheme().to_owned() });
    }
    if !url.username().is_empty() || url.password().is_some() || raw_authority(text).contains('@') {
        return Err(LinkError::Credentials);
    }
    let host = match url.host() {
        Some(Host::Domain(host)) => host,
        Some(Host::Ipv4(ip)) => return Err(LinkError::IpHost { host: ip.to_string() }),
        Some(Host::Ipv6(ip)) => return Err(LinkError::IpHost { host: ip.to_string() }),
        None => return Err(LinkError::Unparsable { url: shorten(text), reason: "no host".to_owned() }),
    };
    if host.ends_with('.') {
        return Err(LinkError::TrailingDot { host: host.to_owned() });
    }
    if allowed.is_empty() {
        return Err(LinkError::NoAllowedDomains);
    }
    if !allowed.iter().any(|d| d.allows_host(host)) {
        let allowed = allowed.iter().map(Domain::as_str).collect::<Vec<_>>().join(", ");
        return Err(LinkError::HostNotAllowed { host: host.to_owned(), allowed });
    }
    Ok(url)
}

fn check_characters(text: &str) -> Result<(), LinkError> {
    if text.contains('\\') {
        return Err(LinkError::ForbiddenCharacter { what: "a backslash" });
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::ForbiddenCharacter { what: "whitespace or a control character" });
    }
    Ok(())
}

/// The authority part of an absolute URL as typed (between `//` and the path).
fn raw_authority(text: &str) -> &str {
    let Some((_, rest)) = text.split_once("//") else { return "" };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}
