//! The `creators` import file: one row per channel account.
//!
//! Required columns `creator,platform,handle,followers`; optional
//! `country,language,niche,email,url`. Rows with the same `creator` are one person.

use std::io::Read;

use flightdeck_core::domain::{parse_count, Country, Handle, Language, Name, Platform};

use crate::csv_rows::{parse_cell, NamedCsv, RowError};

/// One valid row of a creators file.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatorCsvRow {
    /// The line it came from.
    pub line: u64,
    /// The creator's name.
    pub creator: Name,
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: Handle,
    /// Followers.
    pub followers: u64,
    /// Audience country.
    pub country: Option<Country>,
    /// Language.
    pub language: Option<Language>,
    /// Niche.
    pub niche: Option<String>,
    /// E-mail address (to be hashed by the importer, never stored).
    pub email: Option<String>,
    /// Public URL.
    pub url: Option<String>,
}

/// The required columns of a creators file.
pub const CREATOR_COLUMNS: [&str; 4] = ["creator", "platform", "handle", "followers"];

/// Reads a creators file row by row; a bad header fails at once.
pub fn read_creators<R: Read>(input: R) -> Result<CreatorRows<R>, RowError> {
    Ok(CreatorRows { csv: NamedCsv::new(input, &CREATOR_COLUMNS)? })
}

/// The rows of a creators file, each valid or rejected with its reason.
pub struct CreatorRows<R: Read> {
    csv: NamedCsv<R>,
}

impl<R: Read> Iterator for CreatorRows<R> {
    type Item = Result<CreatorCsvRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.csv.next_parsed(parse_row)
    }
}

fn parse_row<R: Read>(csv: &NamedCsv<R>, line: u64) -> Result<CreatorCsvRow, RowError> {
    let creator = parse_cell(line, "creator", csv.require(line, "creator")?, |v| Name::parse_field("creator", v))?;
    let platform = parse_cell(line, "platform", csv.require(line, "platform")?, Platform::parse)?;
    let handle = parse_cell(line, "handle", csv.require(line, "handle")?, Handle::parse)?;
    let followers = parse_cell(line, "followers", csv.require(line, "followers")?, |v| parse_count("followers", v))?;
    let country = csv.get("country").map(|v| parse_cell(line, "country", v, Country::parse)).transpose()?;
    let language = csv.get("language").map(|v| parse_cell(line, "language", v, Language::parse)).transpose()?;
    let email = csv.get("email").map(|v| check_email(line, v)).transpose()?;
    let url = csv.get("url").map(|v| check_url(line, v)).transpose()?;
    Ok(CreatorCsvRow {
        line,
        creator,
        platform,
        handle,
        followers,
        country,
        language,
        niche: csv.get("niche").map(|n| n.to_lowercase()),
        email,
        url,
    })
}

fn check_email(line: u64, raw: &str) -> Result<String, RowError> {
    let ok = raw.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if ok && !raw.contains(char::is_whitespace) {
        Ok(raw.trim().to_lowercase())
    } else {
        Err(RowError {
            line,
            column: Some("email".to_owned()),
            reason: "expected an e-mail address such as name@example.nl".to_owned(),
        })
    }
}

fn check_url(line: u64, raw: &str) -> Result<String, RowError> {
    let lower = raw.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !raw.contains(char::is_whitespace) {
        Ok(raw.to_owned())
    } else {
        Err(RowError { line, column: Some("url".to_owned()), reason: format!("expected an http(s) URL, got `{raw}`") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_follower_count_names_line_and_column() {
        let file = "creator,platform,handle,followers\nJane,instagram,jane,1200\nPiet,tiktok,piet,abc\n";
        let rows: Vec<_> = read_creators(file.as_bytes()).map(|r| r.collect()).unwrap_or_default();
        assert!(rows[0].is_ok());
        let err = rows[1].clone().err();
        assert_eq!(err.as_ref().map(|e| e.line), Some(3));
        assert_eq!(err.as_ref().and_then(|e| e.column.clone()), Some("followers".to_owned()));
        assert!(err.map(|e| e.to_string()).unwrap_or_default().starts_with("line 3, column `followers`"));
    }

    #[test]
    fn missing_columns_fail_on_the_header() {
        let err = read_creators("creator,handle\n".as_bytes()).err();
        assert_eq!(err.map(|e| e.line), Some(1));
    }

    #[test]
    fn optional_columns_blank_lines_and_quotes() {
        let file = "\u{feff}Creator,Platform,Handle,Followers,Country,Email\n\"Doe, Jane\",YouTube,@JaneDoe,\"5000\",be,Jane@Example.NL\n\n";
        let rows: Vec<_> = read_creators(file.as_bytes()).map(|r| r.collect()).unwrap_or_default();
        assert_eq!(rows.len(), 1);
        let row = rows[0].clone().ok();
        assert_eq!(row.as_ref().map(|r| r.creator.as_str().to_owned()), Some("Doe, Jane".to_owned()));
        assert_eq!(row.as_ref().map(|r| r.line), Some(2));
        assert_eq!(row.as_ref().and_then(|r| r.email.clone()), Some("jane@example.nl".to_owned()));
        assert_eq!(row.map(|r| r.handle.as_str().to_owned()), Some("JaneDoe".to_owned()));
    }
}
