//! Fuzzes the compliance check: any bytes become a caption (lossy UTF-8) for every market and
//! format, and are also tried as a JSON post. Nothing may panic.
#![no_main]

use flightdeck_core::compliance::{check, PostInput};
use libfuzzer_sys::fuzz_target;

const COUNTRIES: [&str; 5] = ["NL", "BE", "US", "GB", "DE"];
const FORMATS: [&str; 4] = ["post", "reel", "story", "video"];
const PLATFORMS: [&str; 4] = ["instagram", "tiktok", "youtube", "blog"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let pick = data.first().copied().unwrap_or(0) as usize;
    let post = PostInput {
        country: Some(COUNTRIES[pick % COUNTRIES.len()].into()),
        format: Some(FORMATS[(pick / 5) % FORMATS.len()].into()),
        platform: Some(PLATFORMS[(pick / 20) % PLATFORMS.len()].into()),
        relationship: if pick % 3 == 0 { None } else { Some("paid".into()) },
        language: if pick % 2 == 0 { Some("fr".into()) } else { None },
        audience_under_18_share: Some(0.6),
        product_category: Some(if pick % 7 == 0 { "alcohol" } else { "gambling" }.into()),
        hashtags: Some(text.split_whitespace().take(8).map(String::from).collect()),
        caption: Some(text),
        ..PostInput::default()
    };
    let result = check(&post);
    let worst = result.findings.iter().map(|f| f.severity).max();
    assert!(worst.is_none() || result.verdict <= worst.unwrap_or(result.verdict));
    if let Ok(post) = serde_json::from_slice::<PostInput>(data) {
        let _ = check(&post);
    }
});
