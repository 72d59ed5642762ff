//! QR codes of short links, as SVG (`qrcode`, no image libraries).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Why no QR code could be drawn.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw a QR code: {0}")]
pub struct QrError(String);

/// An SVG QR code of `url` (error correction M: survives a 15 % damaged print),
/// with the quiet zone, black on white, at least 256 px wide.
pub fn qr_svg(url: &str) -> Result<String, QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|e| QrError(e.to_string()))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_url_makes_an_svg() {
        let svg = qr_svg("https://go.example.nl/r/Ab3dE5gH9").unwrap_or_default();
        assert!(svg.starts_with("<?xml"), "{svg}");
        assert!(svg.contains("<svg"));
    }
}
