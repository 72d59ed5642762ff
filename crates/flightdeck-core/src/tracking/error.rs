//! Why a tracking link or a discount code could not be made.
//!
//! Every message names what was wrong and what to do about it, because it ends up in
//! front of a marketer (CLI, dashboard) unchanged.

use thiserror::Error;

/// Why a destination URL was refused for a tracking link.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    /// The URL is longer than browsers, shops and analytics tools reliably accept.
    #[error("the destination is {len} characters long, more than the {max} allowed; shorten it or drop query parameters that are not needed")]
    TooLong {
        /// Length of the URL in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The text is not an absolute URL.
    #[error("`{url}` is not a valid absolute URL ({reason}); give the full address, e.g. https://shop.example.nl/products/x")]
    Unparsable {
        /// The input (shortened).
        url: String,
        /// What the URL parser said.
        reason: String,
    },
    /// The URL contains a character that browsers and servers interpret differently.
    #[error("the destination contains {what}; remove it (tracking links may only contain a plain https:// address)")]
    ForbiddenCharacter {
        /// Which character, in words.
        what: &'static str,
    },
    /// The scheme is not http or https (`javascript:`, `data:`, `ftp:`, …).
    #[error("the destination uses the `{scheme}:` scheme; only http:// and https:// addresses can be tracking-link destinations")]
    Scheme {
        /// The scheme found.
        scheme: String,
    },
    /// The URL carries a user name or password (`https://user:pass@host/`).
    #[error(
        "the destination contains credentials (`user:password@`); remove everything before the `@` in the host part"
    )]
    Credentials,
    /// The host is an IP address instead of a domain name.
    #[error("the destination host `{host}` is an IP address; use the shop's domain name instead")]
    IpHost {
        /// The host found.
        host: String,
    },
    /// The host ends with a dot (`shop.example.nl.`).
    #[error("the destination host `{host}` ends with a dot; remove the trailing dot")]
    TrailingDot {
        /// The host found.
        host: String,
    },
    /// The workspace has no allowed domains yet.
    #[error(
        "no link domains are allowed for this brand yet; add the shop's domain to the brand's allowed domains first"
    )]
    NoAllowedDomains,
    /// The host is neither an allowed domain nor a sub-domain of one.
    #[error("the destination host `{host}` is not one of the brand's allowed domains ({allowed}); use one of those or add the domain to the brand")]
    HostNotAllowed {
        /// The host found (punycode for international names).
        host: String,
        /// The allowed domains, comma-separated.
        allowed: String,
    },
    /// A UTM value is empty or too long.
    #[error("`{field}` {reason}")]
    InvalidUtm {
        /// The UTM parameter (`utm_campaign`, …).
        field: &'static str,
        /// What was wrong and what is expected.
        reason: String,
    },
}

/// Why discount codes could not be generated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    /// The campaign prefix has no usable characters or is too long.
    #[error("the code prefix `{prefix}` {reason}")]
    InvalidPrefix {
        /// The prefix as given.
        prefix: String,
        /// What was wrong and what is expected.
        reason: String,
    },
    /// The suffix length asked for is outside the supported range.
    #[error("a random suffix of {len} characters is not supported; use {min} to {max}")]
    SuffixLength {
        /// The length asked for.
        len: usize,
        /// The smallest supported length.
        min: usize,
        /// The largest supported length.
        max: usize,
    },
    /// No free code could be found (only possible with absurdly many codes per creator).
    #[error("could not find an unused code for `{creator}` after {attempts} attempts; use a longer suffix or another prefix")]
    Exhausted {
        /// The creator part that collided.
        creator: String,
        /// How many attempts were made.
        attempts: usize,
    },
}
