//! The `metrics` import file: one row per account per day.
//!
//! Required `platform,handle,date,followers`; optional
//! `following,posts,reach,impressions,views,likes,comments,saves,shares`.

use std::io::Read;

use flightdeck_core::domain::{parse_count, parse_date, DailyMetrics, Handle, Platform};

use crate::csv_rows::{parse_cell, NamedCsv, RowError};

/// One valid row of a metrics file.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsCsvRow {
    /// The line it came from.
    pub line: u64,
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: Handle,
    /// The day's numbers.
    pub metrics: DailyMetrics,
}

/// The required columns of a metrics file.
pub const METRIC_COLUMNS: [&str; 4] = ["platform", "handle", "date", "followers"];

/// Reads a metrics file row by row; a bad header fails at once.
pub fn read_metrics<R: Read>(input: R) -> Result<MetricsRows<R>, RowError> {
    Ok(MetricsRows { csv: NamedCsv::new(input, &METRIC_COLUMNS)? })
}

/// The rows of a metrics file, each valid or rejected with its reason.
pub struct MetricsRows<R: Read> {
    csv: NamedCsv<R>,
}

impl<R: Read> Iterator for MetricsRows<R> {
    type Item = Result<MetricsCsvRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.csv.next_parsed(parse_row)
    }
}

fn optional_count<R: Read>(csv: &NamedCsv<R>, line: u64, column: &'static str) -> Result<Option<u64>, RowError> {
    csv.get(column).map(|v| parse_cell(line, column, v, |v| parse_count(column, v))).transpose()
}

fn parse_row<R: Read>(csv: &NamedCsv<R>, line: u64) -> Result<MetricsCsvRow, RowError> {
    let platform = parse_cell(line, "platform", csv.require(line, "platform")?, Platform::parse)?;
    let handle = parse_cell(line, "handle", csv.require(line, "handle")?, Handle::parse)?;
    let date = parse_cell(line, "date", csv.require(line, "date")?, |v| parse_date("date", v))?;
    let followers = parse_cell(line, "followers", csv.require(line, "followers")?, |v| parse_count("followers", v))?;
    let metrics = DailyMetrics {
        date,
        followers,
        following: optional_count(csv, line, "following")?,
        posts: optional_count(csv, line, "posts")?,
        reach: optional_count(csv, line, "reach")?,
        impressions: optional_count(csv, line, "impressions")?,
        views: optional_count(csv, line, "views")?,
        likes: optional_count(csv, line, "likes")?,
        comments: optional_count(csv, line, "comments")?,
        saves: optional_count(csv, line, "saves")?,
        shares: optional_count(csv, line, "shares")?,
    };
    Ok(MetricsCsvRow { line, platform, handle, metrics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_with_optional_counts() {
        let file = "platform,handle,date,followers,likes,reach\ninstagram,jane,2026-01-02,1200,,300\n";
        let rows: Vec<_> = read_metrics(file.as_bytes()).map(|r| r.collect()).unwrap_or_default();
        let row = rows[0].clone().ok();
        assert_eq!(row.as_ref().map(|r| r.metrics.reach), Some(Some(300)));
        assert_eq!(row.map(|r| r.metrics.likes), Some(None));
    }

    #[test]
    fn bad_dates_name_the_column() {
        let file = "platform,handle,date,followers\ninstagram,jane,02-01-2026,1200\n";
        let rows: Vec<_> = read_metrics(file.as_bytes()).map(|r| r.collect()).unwrap_or_default();
        let err = rows[0].clone().err();
        assert_eq!(err.as_ref().and_then(|e| e.column.clone()), Some("date".to_owned()));
        assert_eq!(err.map(|e| e.line), Some(2));
    }
}
