//! Tracking engine: link destinations (open-redirect defence, parameters, UTMs), short
//! codes, click ids, discount codes and their CSV, User-Agent classes, privacy hashes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::net::IpAddr;

use chrono::{NaiveDate, TimeZone, Utc};
use flightdeck_core::domain::{AgentClass, CampaignId, CodeId, DiscountCode, Domain, LinkId, Platform};
use flightdeck_core::tracking::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn allowed() -> Vec<Domain> {
    ["shop.example.nl", "example.be"].iter().map(|d| Domain::parse(d).unwrap()).collect()
}

/// An expected failure, checked by pattern.
type Check = fn(&LinkError) -> bool;

fn utm() -> Utm {
    Utm::new("instagram", UtmMedium::Social, "zomer-2025")
}

#[test]
fn open_redirect_attempts_are_refused() {
    let cases: &[(&str, Check)] = &[
        ("javascript:alert(1)", |e| matches!(e, LinkError::Scheme { .. })),
        ("JavaScript:alert(1)//shop.example.nl", |e| matches!(e, LinkError::Scheme { .. })),
        ("data:text/html,<script>alert(1)</script>", |e| matches!(e, LinkError::Scheme { .. })),
        ("ftp://shop.example.nl/file", |e| matches!(e, LinkError::Scheme { .. })),
        ("https://user:pass@shop.example.nl/", |e| matches!(e, LinkError::Credentials)),
        ("https://shop.example.nl@evil.com/", |e| matches!(e, LinkError::Credentials)),
        ("https://@shop.example.nl/", |e| matches!(e, LinkError::Credentials)),
        ("https://shop.example.nl.evil.com/", |e| matches!(e, LinkError::HostNotAllowed { .. })),
        ("https://evilshop.example.nl/", |e| matches!(e, LinkError::HostNotAllowed { .. })),
        ("https://evil.com/?next=https://shop.example.nl", |e| matches!(e, LinkError::HostNotAllowed { .. })),
        ("https://evil.com/shop.example.nl", |e| matches!(e, LinkError::HostNotAllowed { .. })),
        ("https://shop.example.nl./", |e| matches!(e, LinkError::TrailingDot { .. })),
        ("https://127.0.0.1/", |e| matches!(e, LinkError::IpHost { .. })),
        ("https://0x7f000001/", |e| matches!(e, LinkError::IpHost { .. })),
        ("https://[::1]/", |e| matches!(e, LinkError::IpHost { .. })),
        ("https://shop.example.nl\\@evil.com/", |e| matches!(e, LinkError::ForbiddenCharacter { .. })),
        ("https://evil.com\\.shop.example.nl/", |e| matches!(e, LinkError::ForbiddenCharacter { .. })),
        ("https://shop.example.nl/a b", |e| matches!(e, LinkError::ForbiddenCharacter { .. })),
        ("https://shop.example.nl/\tx", |e| matches!(e, LinkError::ForbiddenCharacter { .. })),
        ("https://shop.exam\nple.nl/", |e| matches!(e, LinkError::ForbiddenCharacter { .. })),
        // A Cyrillic "о" in "shоp": punycode, not the brand's domain.
        ("https://sh\u{043e}p.example.nl/", |e| matches!(e, LinkError::HostNotAllowed { .. })),
        ("//evil.com/", |e| matches!(e, LinkError::Unparsable { .. })),
        ("shop.example.nl/products", |e| matches!(e, LinkError::Unparsable { .. })),
        ("", |e| matches!(e, LinkError::Unparsable { .. })),
    ];
    for (raw, expected) in cases {
        match build_destination(raw, &allowed(), &utm()) {
            Ok(url) => panic!("{raw:?} was accepted as {url}"),
            Err(e) => assert!(expected(&e), "{raw:?} failed with an unexpected error: {e:?}"),
        }
    }
    let long = format!("https://shop.example.nl/?q={}", "a".repeat(MAX_URL_LEN));
    assert!(matches!(build_destination(&long, &allowed(), &utm()), Err(LinkError::TooLong { .. })));
    assert!(matches!(build_destination("https://shop.example.nl/", &[], &utm()), Err(LinkError::NoAllowedDomains)));
}

#[test]
fn allowed_hosts_and_subdomains_pass_with_their_path_port_and_fragment() {
    for (raw, prefix) in [
        ("https://shop.example.nl/products/x", "https://shop.example.nl/products/x?"),
        ("HTTPS://SHOP.Example.NL/products/x", "https://shop.example.nl/products/x?"),
        ("http://www.example.be", "http://www.example.be/?"),
        ("https://example.be:8443/p", "https://example.be:8443/p?"),
        ("  https://shop.example.nl/p  ", "https://shop.example.nl/p?"),
    ] {
        let url = build_destination(raw, &allowed(), &utm()).unwrap();
        assert!(url.starts_with(prefix), "{raw} → {url}");
    }
    let url = build_destination("https://shop.example.nl/p#reviews", &allowed(), &utm()).unwrap();
    assert_eq!(url, "https://shop.example.nl/p?utm_source=instagram&utm_medium=social&utm_campaign=zomer-2025#reviews");
}

#[test]
fn existing_parameters_are_kept_and_our_utms_replace_theirs() {
    let url = build_destination(
        "https://shop.example.nl/c?color=blue&size=m&color=red&utm_source=Newsletter&UTM_Medium=email&utm_term=keep&fd_cid=ck_old&q=a%20b+c",
        &allowed(),
        &utm(),
    )
    .unwrap();
    assert_eq!(
        url,
        "https://shop.example.nl/c?color=blue&size=m&color=red&utm_term=keep&q=a%20b+c\
         &utm_source=instagram&utm_medium=social&utm_campaign=zomer-2025"
    );
}

#[test]
fn utm_values_are_lower_case_and_percent_encoded() {
    let utm = Utm::for_platform(Platform::Tiktok, UtmMedium::PaidSocial, " Zomer Sale & Co ")
        .id("ca_8k2m")
        .content("JaneDoe")
        .term("Linnen Overshirt")
        .source_platform("Flightdeck")
        .creative_format("Video")
        .marketing_tactic("Prospecting")
        .content("Zoë/Reel#1");
    let url = build_destination("https://shop.example.nl/", &allowed(), &utm).unwrap();
    assert_eq!(
        url,
        "https://shop.example.nl/?utm_source=tiktok&utm_medium=paid_social&utm_campaign=zomer%20sale%20%26%20co\
         &utm_id=ca_8k2m&utm_content=zo%C3%AB%2Freel%231&utm_term=linnen%20overshirt&utm_source_platform=flightdeck\
         &utm_creative_format=video&utm_marketing_tactic=prospecting"
    );
    let empty = Utm::new("instagram", UtmMedium::Affiliate, "  ");
    assert!(matches!(
        build_destination("https://shop.example.nl/", &allowed(), &empty),
        Err(LinkError::InvalidUtm { field: "utm_campaign", .. })
    ));
    let long = utm.clone().term("x".repeat(MAX_UTM_VALUE_LEN + 1));
    assert!(matches!(long.pairs(), Err(LinkError::InvalidUtm { field: "utm_term", .. })));
    assert_eq!(UtmMedium::parse("Paid_Social"), Ok(UtmMedium::PaidSocial));
    assert!(UtmMedium::parse("influencer").is_err());
}

#[test]
fn errors_say_what_to_do() {
    let e = build_destination("https://evil.com/", &allowed(), &utm()).unwrap_err().to_string();
    assert!(e.contains("evil.com") && e.contains("shop.example.nl, example.be"), "{e}");
    let e = build_destination("javascript:alert(1)", &allowed(), &utm()).unwrap_err().to_string();
    assert!(e.contains("only http:// and https://"), "{e}");
}

#[test]
fn short_codes_are_base62_unique_and_long_enough() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let codes: Vec<String> = (0..20_000).map(|_| generate_short_code(&mut rng)).collect();
    assert!(codes.iter().all(|c| c.len() == SHORT_CODE_LEN && c.bytes().all(|b| b.is_ascii_alphanumeric())));
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len());
    // 62^len must carry at least 48 bits of randomness.
    assert!((SHORT_CODE_LEN as f64) * 62_f64.log2() >= 48.0);
    // Every base62 character shows up: no character is unreachable.
    let seen: HashSet<u8> = codes.iter().flat_map(|c| c.bytes()).collect();
    assert_eq!(seen.len(), 62);
    assert!(codes.iter().all(|c| is_valid_short_code(c)));
    for bad in ["", "abc/def", "a.b", "../x", "ä", &"a".repeat(MAX_SHORT_CODE_LEN + 1)] {
        assert!(!is_valid_short_code(bad), "{bad}");
    }
}

#[test]
fn the_click_id_is_appended_before_the_fragment() {
    for (dest, expected) in [
        ("https://shop.example.nl/p", "https://shop.example.nl/p?fd_cid=ck_abc"),
        ("https://shop.example.nl/p?a=1", "https://shop.example.nl/p?a=1&fd_cid=ck_abc"),
        ("https://shop.example.nl/p?a=1#top", "https://shop.example.nl/p?a=1&fd_cid=ck_abc#top"),
        ("https://shop.example.nl/p#top", "https://shop.example.nl/p?fd_cid=ck_abc#top"),
        ("https://shop.example.nl/p?", "https://shop.example.nl/p?fd_cid=ck_abc"),
    ] {
        assert_eq!(destination_with_click_id(dest, "ck_abc"), expected);
    }
    assert_eq!(destination_with_click_id("https://x.nl/", "a&b=c"), "https://x.nl/?fd_cid=a%26b%3Dc");
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let cid = generate_click_id(&mut rng);
    assert!(cid.as_str().starts_with("ck_"));
}

#[test]
fn discount_codes_are_readable_prefixed_and_unique() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let generator = CodeGenerator::new("Zomer").unwrap();
    let creators = ["@jane.doe", "Zoë de Vries", "jane.doe", "🌊🌊", "Jane Doe"];
    let existing = ["zomer-janedoe222", "ZOMER-JANEDOE223"];
    let codes = generator.generate_batch(&creators, existing, &mut rng).unwrap();
    assert_eq!(codes.len(), creators.len());
    assert!(codes[0].starts_with("ZOMER-JANEDOE"), "{}", codes[0]);
    assert!(codes[1].starts_with("ZOMER-ZOEDEVRIES"), "{}", codes[1]);
    let normalised: HashSet<String> = codes.iter().map(|c| normalize_code(c)).collect();
    assert_eq!(normalised.len(), codes.len(), "codes collide: {codes:?}");
    for code in &codes {
        assert!(!existing.iter().any(|e| normalize_code(e) == normalize_code(code)));
        let rest = code.strip_prefix("ZOMER-").unwrap();
        let suffix = &rest[rest.len() - DEFAULT_SUFFIX_LEN..];
        assert!(suffix.bytes().all(|b| SUFFIX_ALPHABET.contains(&b)), "{code}");
        assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'), "{code}");
    }
    // The emoji-only creator gets unambiguous random letters.
    let emoji = codes[3].strip_prefix("ZOMER-").unwrap();
    assert!(emoji.bytes().all(|b| READABLE_ALPHABET.contains(&b)), "{emoji}");
    assert!(!emoji.contains(['0', 'O', '1', 'I', 'L']));
}

#[test]
fn a_full_suffix_space_grows_the_suffix_instead_of_failing() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let generator = CodeGenerator::new("").unwrap().with_suffix_len(MIN_SUFFIX_LEN).unwrap();
    let creators = vec!["jane"; 80]; // 8^2 = 64 two-digit suffixes: some must grow to three
    let codes = generator.generate_batch(&creators, Vec::<String>::new(), &mut rng).unwrap();
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 80);
    assert!(codes.iter().any(|c| c.len() == "JANE".len() + 3));
    assert!(codes.iter().all(|c| c.starts_with("JANE")));
}

#[test]
fn code_prefixes_and_suffix_lengths_are_validated() {
    assert!(matches!(CodeGenerator::new("!!!"), Err(CodeError::InvalidPrefix { .. })));
    assert!(matches!(CodeGenerator::new("zomeruitverkoop2025"), Err(CodeError::InvalidPrefix { .. })));
    assert_eq!(CodeGenerator::new("Été-25").unwrap().prefix(), "ETE25");
    assert!(matches!(CodeGenerator::new("x").unwrap().with_suffix_len(1), Err(CodeError::SuffixLength { .. })));
    assert!(matches!(CodeGenerator::new("x").unwrap().with_suffix_len(9), Err(CodeError::SuffixLength { .. })));
}

#[test]
fn codes_match_orders_case_insensitively() {
    assert_eq!(normalize_code(" janedoe15 "), "JANEDOE15");
    assert_eq!(normalize_code("JaneDoe15"), normalize_code("janedoe15"));
    assert_eq!(normalize_code("ZOMER\u{2013}JANE47"), "ZOMER-JANE47");
    assert_eq!(normalize_code("ＺＯＭＥＲ-jane47"), "ZOMER-JANE47");
    assert_ne!(normalize_code("ZOMER-JANE47"), normalize_code("ZOMER-JANE48"));
}

fn code(code: &str, percent_off: u8) -> DiscountCode {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    DiscountCode {
        id: CodeId::generate(&mut rng),
        code: code.to_owned(),
        campaign_id: CampaignId::generate(&mut rng),
        creator_id: None,
        percent_off,
    }
}

#[test]
fn csv_exports_have_the_shops_import_columns() {
    let codes = [code("ZOMER-JANE47", 15), code("ZOMER-ZOE283", 20)];
    assert_eq!(
        code_csv(ShopPlatform::Shopify, "Zomer 2025, creators", &codes),
        "Title,Command,Code,Type,Value\n\
         \"Zomer 2025, creators\",MERGE,ZOMER-JANE47,Percentage,-15\n\
         \"Zomer 2025, creators\",MERGE,ZOMER-ZOE283,Percentage,-20\n"
    );
    assert_eq!(
        code_csv(ShopPlatform::WooCommerce, "Zomer \"2025\"", &codes),
        "post_title,post_excerpt,post_status,discount_type,coupon_amount\n\
         ZOMER-JANE47,\"Zomer \"\"2025\"\"\",publish,percent,15\n\
         ZOMER-ZOE283,\"Zomer \"\"2025\"\"\",publish,percent,20\n"
    );
    // A title that a spreadsheet would execute is neutralised.
    let csv = code_csv(ShopPlatform::WooCommerce, "=HYPERLINK(\"x\")", &codes[..1]);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
}

#[test]
fn user_agents_are_classified() {
    let table: &[(&str, AgentClass)] = &[
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", AgentClass::Preview),
        ("facebookexternalhit/1.1 Facebot Twitterbot/1.0", AgentClass::Preview), // iMessage
        ("Facebot", AgentClass::Preview),
        ("WhatsApp/2.23.20.0 A", AgentClass::Preview),
        ("Twitterbot/1.0", AgentClass::Preview),
        ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", AgentClass::Preview),
        ("Slackbot 1.0 (+https://api.slack.com/robots)", AgentClass::Preview),
        ("TelegramBot (like TwitterBot)", AgentClass::Preview),
        ("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", AgentClass::Preview),
        ("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", AgentClass::Preview),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5", AgentClass::Preview),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", AgentClass::Bot),
        (
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            AgentClass::Bot,
        ),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", AgentClass::Bot),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) \
             Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
            AgentClass::Bot,
        ),
        ("Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)", AgentClass::Bot),
        ("curl/8.5.0", AgentClass::Bot),
        ("Wget/1.21.4", AgentClass::Bot),
        ("python-requests/2.31.0", AgentClass::Bot),
        ("Go-http-client/2.0", AgentClass::Bot),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 \
             Safari/537.36",
            AgentClass::Bot,
        ),
        ("", AgentClass::Bot),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
             Mobile/15E148 Instagram 326.0.0.31.101 (iPhone15,2; iOS 17_4; nl_NL; nl; scale=3.00; 1179x2556)",
            AgentClass::Mobile,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/124.0.0.0 Mobile Safari/537.36",
            AgentClass::Mobile,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
             Mobile/21E219 [FBAN/FBIOS;FBAV/458.0.0.39.111;FBBV/590000000;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS]",
            AgentClass::Mobile,
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 \
             Safari/537.36 Edg/124.0.0.0",
            AgentClass::Desktop,
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) \
             Version/17.4 Safari/605.1.15",
            AgentClass::Desktop,
        ),
        ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", AgentClass::Desktop),
        ("SomethingNew/1.0", AgentClass::Unknown),
    ];
    for (ua, expected) in table {
        assert_eq!(classify_user_agent(ua), *expected, "{ua}");
        assert_eq!(classify_user_agent(&ua.to_uppercase()), *expected, "upper case: {ua}");
    }
    assert!(counts_as_human(AgentClass::Mobile) && !counts_as_human(AgentClass::Preview));
    assert!(!counts_as_human(AgentClass::Bot));
    // A huge header is scanned only up to the limit and does not hang.
    let huge = format!("{}curl/8", "x".repeat(1 << 20));
    assert_eq!(classify_user_agent(&huge), AgentClass::Unknown);
}

#[test]
fn unique_clicks_are_one_per_link_visitor_and_hour() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let (a, b) = (LinkId::generate(&mut rng), LinkId::generate(&mut rng));
    let t = |h, m| Utc.with_ymd_and_hms(2025, 4, 12, h, m, 0).unwrap();
    assert_eq!(unique_click_key(&a, "v1", t(20, 0)), unique_click_key(&a, "v1", t(20, 59)));
    assert_ne!(unique_click_key(&a, "v1", t(20, 59)), unique_click_key(&a, "v1", t(21, 0)));
    assert_ne!(unique_click_key(&a, "v1", t(20, 0)), unique_click_key(&b, "v1", t(20, 0)));
    assert_ne!(unique_click_key(&a, "v1", t(20, 0)), unique_click_key(&a, "v2", t(20, 0)));
    let before_epoch = Utc.with_ymd_and_hms(1969, 12, 31, 23, 30, 0).unwrap();
    assert_eq!(hour_bucket(before_epoch), -1);
    let key = unique_click_key(&a, "v1", t(20, 0)).to_string();
    assert!(key.starts_with("ln_") && key.ends_with(&format!(":v1:{}", hour_bucket(t(20, 0)))));
}

#[test]
fn ip_hashes_rotate_daily_and_never_contain_the_address() {
    let secret = b"server-secret";
    let day1 = daily_salt(secret, NaiveDate::from_ymd_opt(2025, 4, 12).unwrap());
    let day2 = daily_salt(secret, NaiveDate::from_ymd_opt(2025, 4, 13).unwrap());
    let ip: IpAddr = "203.0.113.7".parse().unwrap();
    let h1 = ip_hash(ip, &day1);
    assert_eq!(h1.len(), IP_HASH_HEX_LEN);
    assert!(h1.bytes().all(|b| b.is_ascii_hexdigit()) && !h1.contains("203"));
    assert_eq!(h1, ip_hash(ip, &day1));
    assert_ne!(h1, ip_hash(ip, &day2));
    assert_ne!(h1, ip_hash("203.0.113.8".parse().unwrap(), &day1));
    assert_eq!(h1, ip_hash("::ffff:203.0.113.7".parse().unwrap(), &day1));
    let v6a = ip_hash("2001:db8:1:2:aaaa::1".parse().unwrap(), &day1);
    assert_eq!(v6a, ip_hash("2001:db8:1:2:bbbb::9".parse().unwrap(), &day1), "same /64");
    assert_ne!(v6a, ip_hash("2001:db8:1:3::1".parse().unwrap(), &day1));
    assert_ne!(day1, daily_salt(b"other-secret", NaiveDate::from_ymd_opt(2025, 4, 12).unwrap()));
}

#[test]
fn customer_hashes_are_keyed_and_normalised() {
    let key = b"workspace-key";
    let h = customer_hash("  Jane.Doe@Example.NL ", key).unwrap();
    assert_eq!(h.len(), 64);
    assert_eq!(Some(h.clone()), customer_hash("jane.doe@example.nl", key));
    assert_ne!(Some(h.clone()), customer_hash("jane.doe@example.nl", b"another-key"));
    assert_ne!(Some(h), customer_hash("john@example.nl", key));
    assert_eq!(customer_hash("", key), None);
    assert_eq!(customer_hash("   ", key), None);
    assert_eq!(normalize_email(" A@B.NL "), Some("a@b.nl".to_owned()));
}
