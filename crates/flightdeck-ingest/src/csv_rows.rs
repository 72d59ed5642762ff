//! A CSV reader by header names that reports every bad value with its line and
//! column, for the `creators`, `metrics` and `exposures` import files.

use std::collections::HashMap;
use std::io::Read;

use flightdeck_core::DomainError;

/// One rejected row (or a bad header): where, which column, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {reason}", column.as_ref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
pub struct RowError {
    /// The 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column, when one value is at fault.
    pub column: Option<String>,
    /// What was wrong and what was expected.
    pub reason: String,
}

impl RowError {
    /// An error of a whole line.
    pub fn line(line: u64, reason: impl Into<String>) -> Self {
        Self { line, column: None, reason: reason.into() }
    }

    /// An error of one value, from a domain validation failure.
    pub fn value(line: u64, e: DomainError) -> Self {
        Self { line, column: Some(e.field.to_owned()), reason: e.reason }
    }
}

/// A CSV file whose columns are found by header name.
pub struct NamedCsv<R: Read> {
    reader: csv::Reader<R>,
    columns: HashMap<String, usize>,
    record: csv::StringRecord,
}

impl<R: Read> NamedCsv<R> {
    /// Reads the header and checks that every `required` column is there.
    pub fn new(input: R, required: &[&str]) -> Result<Self, RowError> {
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).has_headers(true).from_reader(input);
        let headers = reader.headers().map_err(|e| RowError::line(1, format!("cannot read the header row: {e}")))?;
        let columns: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase(), i))
            .collect();
        let missing: Vec<&str> = required.iter().copied().filter(|c| !columns.contains_key(*c)).collect();
        if !missing.is_empty() {
            return Err(RowError::line(
                1,
                format!(
                    "the header row lacks the column(s) {}; required are {}",
                    missing.join(", "),
                    required.join(", ")
                ),
            ));
        }
        Ok(Self { reader, columns, record: csv::StringRecord::new() })
    }

    /// Whether the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// Advances to the next row; returns its line, or `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<u64, RowError>> {
        let line_hint = self.reader.position().line();
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => Some(Ok(self.record.position().map(|p| p.line()).unwrap_or(line_hint))),
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(line_hint);
                Some(Err(RowError::line(line, format!("not valid CSV: {e}"))))
            }
        }
    }

    /// The next non-blank row parsed by `parse` (given this reader and the row's line),
    /// or the read error; `None` at the end. Every typed CSV iterator is this loop.
    pub fn next_parsed<T>(&mut self, parse: impl Fn(&Self, u64) -> Result<T, RowError>) -> Option<Result<T, RowError>> {
        loop {
            let line = match self.next_row()? {
                Ok(line) => line,
                Err(e) => return Some(Err(e)),
            };
            if !self.is_blank() {
                return Some(parse(self, line));
            }
        }
    }

    /// Whether the current row is empty (a blank line).
    pub fn is_blank(&self) -> bool {
        self.record.iter().all(str::is_empty)
    }

    /// The current row's value of `column`, `None` when absent or empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let index = *self.columns.get(column)?;
        self.record.get(index).filter(|v| !v.is_empty())
    }

    /// The current row's value of a required `column`.
    pub fn require(&self, line: u64, column: &'static str) -> Result<&str, RowError> {
        self.get(column).ok_or_else(|| RowError {
            line,
            column: Some(column.to_owned()),
            reason: "a value is required here, the cell is empty".to_owned(),
        })
    }
}

/// Parses a required cell with `parse`, attributing failures to `column`.
pub fn parse_cell<T>(
    line: u64,
    column: &'static str,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, DomainError>,
) -> Result<T, RowError> {
    parse(raw).map_err(|e| RowError { line, column: Some(column.to_owned()), reason: e.reason })
}
