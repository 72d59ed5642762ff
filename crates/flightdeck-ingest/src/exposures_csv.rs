//! The `exposures` import file: one row per view-through exposure, as an ad platform
//! reports the people a whitelisted post was shown to.
//!
//! Required `seen_at,creator,campaign` and one of `customer_email` (hashed at import
//! with the workspace's customer key, never stored) or `click_id`; optional
//! `deliverable,source`. `seen_at` is RFC 3339 (any offset, stored as UTC) or a bare
//! `YYYY-MM-DD` (midnight UTC). The creator, campaign and deliverable are looked up
//! in the workspace by the importer; this module checks the syntax only.

use std::io::Read;

use chrono::{DateTime, NaiveDate, Utc};
use flightdeck_core::domain::{ClickId, DeliverableId};

use crate::csv_rows::{NamedCsv, RowError};

/// The required columns of an exposures file (and one of [`CUSTOMER_COLUMNS`]).
pub const EXPOSURE_COLUMNS: [&str; 3] = ["seen_at", "creator", "campaign"];
/// The columns that say who saw the post: at least one must be in the header.
pub const CUSTOMER_COLUMNS: [&str; 2] = ["customer_email", "click_id"];

/// Who saw the post, as the report names them.
#[derive(Clone, PartialEq, Eq)]
pub enum Viewer {
    /// The shopper's e-mail address (to be hashed; `Debug` does not show it).
    Email(String),
    /// The click id the ad platform joined the view to.
    Click(ClickId),
}

impl std::fmt::Debug for Viewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Viewer::Email(_) => f.write_str("Email(***)"),
            Viewer::Click(id) => write!(f, "Click({id})"),
        }
    }
}

/// One valid row of an exposures file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExposureCsvRow {
    /// The line it came from.
    pub line: u64,
    /// When the post was seen (UTC).
    pub seen_at: DateTime<Utc>,
    /// The creator, by id or name (resolved by the importer).
    pub creator: String,
    /// The campaign, by id, slug or name (resolved by the importer).
    pub campaign: String,
    /// Who saw it.
    pub viewer: Viewer,
    /// The deliverable (post) seen, when the report names it.
    pub deliverable: Option<DeliverableId>,
    /// The report's label, when given.
    pub source: Option<String>,
}

/// Reads an exposures file row by row; a bad header fails at once.
pub fn read_exposures<R: Read>(input: R) -> Result<ExposureRows<R>, RowError> {
    let csv = NamedCsv::new(input, &EXPOSURE_COLUMNS)?;
    if !CUSTOMER_COLUMNS.iter().any(|c| csv.has(c)) {
        return Err(RowError::line(
            1,
            "the header row lacks a column saying who saw the post: add `customer_email` or `click_id`",
        ));
    }
    Ok(ExposureRows { csv })
}

/// The rows of an exposures file, each valid or rejected with its reason.
pub struct ExposureRows<R: Read> {
    csv: NamedCsv<R>,
}

impl<R: Read> Iterator for ExposureRows<R> {
    type Item = Result<ExposureCsvRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.csv.next_parsed(parse_row)
    }
}

fn cell_error(line: u64, column: &str, reason: String) -> RowError {
    RowError { line, column: Some(column.to_owned()), reason }
}

/// `seen_at`: RFC 3339 (converted to UTC) or `YYYY-MM-DD` (midnight UTC).
pub fn parse_seen_at(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.to_utc());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc())
}

fn viewer<R: Read>(csv: &NamedCsv<R>, line: u64) -> Result<Viewer, RowError> {
    match (csv.get("customer_email"), csv.get("click_id")) {
        (Some(_), Some(_)) => {
            Err(RowError::line(line, "both `customer_email` and `click_id` are filled: give one of them per row"))
        }
        (None, None) => Err(cell_error(
            line,
            if csv.has("customer_email") { "customer_email" } else { "click_id" },
            "a value is required here: the shopper's e-mail address or a click id (`ck_…`)".to_owned(),
        )),
        (Some(email), None) => match email.split_once('@') {
            Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@') => {
                Ok(Viewer::Email(email.to_owned()))
            }
            _ => Err(cell_error(
                line,
                "customer_email",
                "expected an e-mail address (name@domain); the value is not repeated here".to_owned(),
            )),
        },
        (None, Some(click)) => ClickId::parse(click).map(Viewer::Click).map_err(|_| {
            cell_error(line, "click_id", format!("expected a Flightdeck click id (`ck_…`), got `{click}`"))
        }),
    }
}

fn parse_row<R: Read>(csv: &NamedCsv<R>, line: u64) -> Result<ExposureCsvRow, RowError> {
    let raw = csv.require(line, "seen_at")?;
    let seen_at = parse_seen_at(raw).ok_or_else(|| {
        cell_error(
            line,
            "seen_at",
            format!("expected a time as RFC 3339 (2025-03-04T10:15:00Z) or YYYY-MM-DD, got `{raw}`"),
        )
    })?;
    let creator = csv.require(line, "creator")?.to_owned();
    let campaign = csv.require(line, "campaign")?.to_owned();
    let viewer = viewer(csv, line)?;
    let deliverable = csv
        .get("deliverable")
        .map(|d| {
            DeliverableId::parse(d)
                .map_err(|_| cell_error(line, "deliverable", format!("expected a deliverable id (`de_…`), got `{d}`")))
        })
        .transpose()?;
    let source = csv.get("source").map(str::to_owned);
    Ok(ExposureCsvRow { line, seen_at, creator, campaign, viewer, deliverable, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(file: &str) -> Vec<Result<ExposureCsvRow, RowError>> {
        read_exposures(file.as_bytes()).map(|r| r.collect()).unwrap_or_default()
    }

    #[test]
    fn times_are_rfc3339_or_days_in_utc() {
        let file = "seen_at,creator,campaign,customer_email,click_id\n\
                    2025-03-04T11:15:00+01:00,Jane,zomer,a@b.nl,\n2025-03-05,Jane,zomer,,ck_abc\n";
        let got = rows(file);
        let first = got[0].clone().ok();
        assert_eq!(first.as_ref().map(|r| r.seen_at.to_rfc3339()), Some("2025-03-04T10:15:00+00:00".to_owned()));
        assert_eq!(first.map(|r| r.viewer), Some(Viewer::Email("a@b.nl".to_owned())));
        let second = got[1].clone().ok();
        assert_eq!(second.as_ref().map(|r| r.seen_at.to_rfc3339()), Some("2025-03-05T00:00:00+00:00".to_owned()));
        assert!(matches!(second.map(|r| r.viewer), Some(Viewer::Click(_))));
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        let file = "seen_at,creator,campaign,customer_email\nyesterday,Jane,zomer,a@b.nl\n\
                    2025-03-05,Jane,zomer,not-an-address\n2025-03-05,,zomer,a@b.nl\n";
        let got: Vec<(u64, Option<String>)> =
            rows(file).into_iter().filter_map(Result::err).map(|e| (e.line, e.column)).collect();
        let col = |c: &str| Some(c.to_owned());
        assert_eq!(got, vec![(2, col("seen_at")), (3, col("customer_email")), (4, col("creator"))]);
    }

    #[test]
    fn a_header_without_a_customer_column_is_refused() {
        let err = read_exposures("seen_at,creator,campaign\n".as_bytes()).err();
        assert_eq!(err.map(|e| e.line), Some(1));
    }
}
