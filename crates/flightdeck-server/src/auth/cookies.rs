//! Cookies without a cookie crate: reading one by name, and writing them with the
//! attributes a session needs (HttpOnly, SameSite=Lax, Secure behind https).

use axum::http::HeaderMap;

/// The value of the cookie `name` in the request, if any.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether the request reached us over https (directly configured, or a proxy says so).
pub fn is_secure(headers: &HeaderMap, always: bool) -> bool {
    always
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value: `HttpOnly` when `http_only`, `SameSite=Lax`, `Path=/`,
/// `Secure` when `secure`, expiring after `max_age` seconds (0 deletes it).
pub fn set(name: &str, value: &str, max_age: i64, http_only: bool, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax");
    if http_only {
        c.push_str("; HttpOnly");
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_named_cookie() {
        let mut h = HeaderMap::new();
        h.insert(axum::http::header::COOKIE, "a=1; fd_session=xyz; b=2".parse().unwrap());
        assert_eq!(get(&h, "fd_session").as_deref(), Some("xyz"));
        assert_eq!(get(&h, "fd"), None);
        assert!(set("s", "v", 60, true, true).contains("HttpOnly; Secure"));
    }
}
