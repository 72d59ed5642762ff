//! Line charts drawn on the server as SVG coordinates (no JavaScript).

use chrono::NaiveDate;

/// Width and height of the drawing area, in SVG units.
pub const W: f64 = 640.0;
/// Height of the drawing area.
pub const H: f64 = 200.0;

/// A chart ready for the template: only numbers and formatted labels.
#[derive(Debug, Clone, Default)]
pub struct LineChart {
    /// The polyline's `points` attribute.
    pub points: String,
    /// Marked points (x, y) with their label.
    pub marks: Vec<(String, String, String)>,
    /// The highest value, formatted.
    pub max_label: String,
    /// The lowest value, formatted.
    pub min_label: String,
    /// The first and last dates.
    pub first: String,
    /// The last date.
    pub last: String,
    /// Whether there is anything to draw.
    pub empty: bool,
}

/// Draws `series` (date order) scaled into the chart area, marking `marked` dates.
pub fn line(series: &[(NaiveDate, f64)], marked: &[NaiveDate]) -> LineChart {
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return LineChart { empty: true, ..LineChart::default() };
    };
    let lo = series.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = series.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = series.len().saturating_sub(1).max(1) as f64;
    let xy = |i: usize, v: f64| (i as f64 / n * W, H - (v - lo) / span * (H - 10.0) - 5.0);
    let mut points = String::with_capacity(series.len() * 14);
    let mut marks = Vec::new();
    for (i, (date, v)) in series.iter().enumerate() {
        let (x, y) = xy(i, *v);
        points.push_str(&format!("{x:.1},{y:.1} "));
        if marked.contains(date) {
            marks.push((format!("{x:.1}"), format!("{y:.1}"), date.to_string()));
        }
    }
    LineChart {
        points,
        marks,
        max_label: format_count(hi),
        min_label: format_count(lo),
        first: first.0.to_string(),
        last: last.0.to_string(),
        empty: false,
    }
}

/// A count with thousands separators (`12,345`).
pub fn format_count(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_into_the_area_and_marks_dates() {
        let d = |i| NaiveDate::from_ymd_opt(2025, 1, i).unwrap();
        let c = line(&[(d(1), 100.0), (d(2), 200.0), (d(3), 150.0)], &[d(2)]);
        assert_eq!(c.points.trim(), "0.0,195.0 320.0,5.0 640.0,100.0");
        assert_eq!(c.marks, vec![("320.0".into(), "5.0".into(), "2025-01-02".into())]);
        assert!(line(&[], &[]).empty);
        assert_eq!(format_count(1234567.0), "1,234,567");
    }
}
