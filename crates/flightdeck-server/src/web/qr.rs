//! QR codes as inline SVG: one `<path>` of unit squares, a quiet zone of four modules,
//! scaled by the browser (`shape-rendering: crispEdges`).

use qrcode::{Color, EcLevel, QrCode};

/// The SVG of a QR code for `text`, labelled for screen readers with `label`; `None`
/// when the text is too long for a QR code. `label` is escaped here; nothing else
/// in the markup comes from outside.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let size = width + 8;
    let mut path = String::with_capacity(width * width * 4);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>",
        label = escape(label)
    ))
}

/// Escapes text for an HTML or SVG attribute.
fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_modules_and_escapes_the_label() {
        let s = svg("https://example.nl/r/abc", "QR \"<x>\"").unwrap_or_default();
        assert!(s.starts_with("<svg class=\"qr\""));
        assert!(s.contains("h1v1h-1z"));
        assert!(s.contains("QR &quot;&lt;x&gt;&quot;"));
        assert!(svg(&"x".repeat(5000), "too long").is_none());
    }
}
