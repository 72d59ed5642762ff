//! What a click records of its request: the referrer's host, the country a trusted
//! proxy says, an opt-out signal, and the client address (only ever hashed).

use std::net::{IpAddr, SocketAddr};

use axum::http::{HeaderMap, HeaderName};

/// The host of a `Referer` URL, lower case, without user info or port; `None` when
/// there is none or it does not look like a host name.
pub fn referrer_host(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let (_, rest) = raw.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        &host_port[..host_port.find(']').map_or(host_port.len(), |i| i + 1)]
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let ok = !host.is_empty()
        && host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'[' | b']' | b':'));
    ok.then_some(host)
}

/// The visitor's country from the configured proxy header (`CF-IPCountry`, …): two
/// letters, upper case; `XX` (unknown) and anything else is `None`.
pub fn country(headers: &HeaderMap, header: Option<&HeaderName>) -> Option<String> {
    let raw = headers.get(header?)?.to_str().ok()?.trim();
    let ok = raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()) && !raw.eq_ignore_ascii_case("xx");
    ok.then(|| raw.to_ascii_uppercase())
}

/// Whether the browser says "do not track me" (`Sec-GPC: 1` or `DNT: 1`).
pub fn opted_out(headers: &HeaderMap) -> bool {
    ["sec-gpc", "dnt"].iter().any(|h| headers.get(*h).is_some_and(|v| v.as_bytes().trim_ascii() == b"1"))
}

/// The client's address: from the configured proxy header when there is one (for
/// `X-Forwarded-For` the last address, the one the trusted proxy added), else the
/// peer of the connection.
pub fn client_ip(headers: &HeaderMap, header: Option<&HeaderName>, peer: Option<SocketAddr>) -> Option<IpAddr> {
    if let Some(name) = header {
        let from_proxy = headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        if from_proxy.is_some() {
            return from_proxy;
        }
    }
    peer.map(|p| p.ip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn referrer_hosts() {
        assert_eq!(referrer_host(&with("referer", "https://L.Instagram.com/?u=x")).as_deref(), Some("l.instagram.com"));
        assert_eq!(referrer_host(&with("referer", "https://u:p@t.co:443/abc")).as_deref(), Some("t.co"));
        assert_eq!(referrer_host(&with("referer", "android-app://com.google")).as_deref(), Some("com.google"));
        assert_eq!(referrer_host(&with("referer", "not a url")), None);
        assert_eq!(referrer_host(&HeaderMap::new()), None);
    }

    #[test]
    fn countries_only_from_the_configured_header() {
        let name = HeaderName::from_static("cf-ipcountry");
        assert_eq!(country(&with("cf-ipcountry", "nl"), Some(&name)).as_deref(), Some("NL"));
        assert_eq!(country(&with("cf-ipcountry", "XX"), Some(&name)), None);
        assert_eq!(country(&with("cf-ipcountry", "T1"), Some(&name)), None);
        assert_eq!(country(&with("cf-ipcountry", "NL"), None), None);
    }

    #[test]
    fn forwarded_addresses_take_the_last_hop() {
        let name = HeaderName::from_static("x-forwarded-for");
        let h = with("x-forwarded-for", "203.0.113.9, 198.51.100.7");
        assert_eq!(client_ip(&h, Some(&name), None), "198.51.100.7".parse().ok());
        let peer: SocketAddr = "127.0.0.1:9".parse().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 9)));
        assert_eq!(client_ip(&h, None, Some(peer)), Some(peer.ip()));
        assert!(opted_out(&with("sec-gpc", "1")));
        assert!(!opted_out(&with("dnt", "0")));
    }
}
