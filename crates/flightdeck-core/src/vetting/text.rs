//! Number formatting for reasons a marketer reads.

use crate::domain::Platform;

/// A count with thousands separators: `12400.0` → `"12,400"`.
pub fn count(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fraction as a percentage with sensible precision: `0.041` → `"4.1%"`.
pub fn pct(x: f64) -> String {
    let p = 100.0 * x;
    if p.abs() >= 10.0 {
        format!("{p:.0}%")
    } else if p.abs() >= 0.1 {
        format!("{p:.1}%")
    } else {
        format!("{p:.2}%")
    }
}

/// An ordinal: 1 → "1st", 78 → "78th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The platform's proper name: "Instagram", "TikTok", "YouTube".
pub fn platform_name(p: Platform) -> &'static str {
    match p {
        Platform::Instagram => "Instagram",
        Platform::Tiktok => "TikTok",
        Platform::Youtube => "YouTube",
        Platform::Twitch => "Twitch",
        Platform::Podcast => "podcast",
        Platform::Blog => "blog",
        Platform::Linkedin => "LinkedIn",
        Platform::Newsletter => "newsletter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(12_400.2), "12,400");
        assert_eq!(count(-1_000_000.0), "-1,000,000");
        assert_eq!(count(999.0), "999");
        assert_eq!(pct(0.041), "4.1%");
        assert_eq!(pct(0.25), "25%");
        assert_eq!(pct(0.0004), "0.04%");
        assert_eq!(ordinal(78), "78th");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }
}
