//! Attribution path files (the ChannelAttribution CSV convention).
//!
//! A header `path,total_conversions,total_conversion_value,total_null` (columns found by
//! name, in any order; the value and null columns may be left out and then count 0),
//! then one row per path: channel names joined by `" > "`, and the row's counts. The
//! file is read as a stream of byte records and summed into a [`PathSet`] as it goes, so
//! a million rows need only the memory of their distinct paths.

use std::io::Read;
use std::path::Path;

use flightdeck_core::attribution::{AttributionError, PathSet, PathSetBuilder};
use thiserror::Error;

/// What was wrong with a path file, and where.
#[derive(Debug, Error)]
#[error("{file}: {}{message}", location(*.line, .column, .field))]
pub struct PathFileError {
    /// The file's name as given by the caller.
    pub file: String,
    /// The 1-based line (0 when the file could not be read at all).
    pub line: u64,
    /// The 1-based column, when one field is at fault.
    pub column: Option<usize>,
    /// The column's name, when known.
    pub field: Option<String>,
    /// What was wrong and what was expected.
    pub message: String,
}

fn location(line: u64, column: &Option<usize>, field: &Option<String>) -> String {
    match (line, column, field) {
        (0, _, _) => String::new(),
        (l, Some(c), Some(f)) => format!("line {l}, column {c} ({f}): "),
        (l, Some(c), None) => format!("line {l}, column {c}: "),
        (l, None, _) => format!("line {l}: "),
    }
}

/// One data row, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathRecord<'a> {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// The path as written (channels joined by `>`).
    pub path: &'a str,
    /// `total_conversions`.
    pub conversions: f64,
    /// `total_conversion_value` (0 when the column is absent).
    pub value: f64,
    /// `total_null` (0 when the column is absent).
    pub nulls: f64,
}

const PATH: &str = "path";
const CONVERSIONS: &str = "total_conversions";
const VALUE: &str = "total_conversion_value";
const NULLS: &str = "total_null";

/// Where each known column is (0-based), and how many fields a row has.
#[derive(Debug, Clone, Copy)]
struct Columns {
    path: usize,
    conversions: usize,
    value: Option<usize>,
    nulls: Option<usize>,
    width: usize,
}

/// Reads the path file at `path` into a [`PathSet`]; errors name the file.
pub fn read_path_file(path: &Path) -> Result<PathSet, PathFileError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| PathFileError {
        file: name.clone(),
        line: 0,
        column: None,
        field: None,
        message: e.to_string(),
    })?;
    read_path_set(std::io::BufReader::with_capacity(1 << 20, file), &name)
}

/// Reads a path file from `reader` into a [`PathSet`]; `file` names it in errors.
pub fn read_path_set<R: Read>(reader: R, file: &str) -> Result<PathSet, PathFileError> {
    let mut builder = PathSetBuilder::new();
    for_each_row(reader, file, |row| builder.add_path(row.path, row.conversions, row.value, row.nulls))?;
    Ok(builder.build())
}

/// Streams the data rows of a path file to `sink`, which may refuse a row with an
/// [`AttributionError`]; that error is reported at the row's line and the column at fault.
pub fn for_each_row<R: Read>(
    reader: R,
    file: &str,
    mut sink: impl FnMut(PathRecord<'_>) -> Result<(), AttributionError>,
) -> Result<(), PathFileError> {
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let err = |line: u64, column: Option<usize>, field: Option<&str>, message: String| PathFileError {
        file: file.to_owned(),
        line,
        column: column.map(|c| c + 1),
        field: field.map(str::to_owned),
        message,
    };
    let read = |csv: &mut csv::Reader<R>, record: &mut csv::ByteRecord| {
        csv.read_byte_record(record).map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            err(line, None, None, format!("not valid CSV: {e}"))
        })
    };
    if !read(&mut csv, &mut record)? {
        return Err(err(
            1,
            None,
            None,
            format!("the file is empty: expected the header `{PATH},{CONVERSIONS},{VALUE},{NULLS}`"),
        ));
    }
    let columns = header(&record).map_err(|message| err(line_of(&record), None, None, message))?;
    while read(&mut csv, &mut record)? {
        let line = line_of(&record);
        if record.len() == 1 && record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let row = data_row(&record, columns, line).map_err(|(c, f, m)| err(line, Some(c), Some(f), m))?;
        sink(row).map_err(|e| {
            let (c, f) = column_of(&e, columns);
            err(line, Some(c), Some(f), e.to_string())
        })?;
    }
    Ok(())
}

fn line_of(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

fn header(record: &csv::ByteRecord) -> Result<Columns, String> {
    let names: Vec<String> = record
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let f = if i == 0 { f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f) } else { f };
            String::from_utf8_lossy(f).trim().to_ascii_lowercase()
        })
        .collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let missing = |name: &str| {
        format!(
            "the header has no `{name}` column: expected `{PATH},{CONVERSIONS},{VALUE},{NULLS}`, got `{}`",
            names.join(",")
        )
    };
    Ok(Columns {
        path: find(PATH).ok_or_else(|| missing(PATH))?,
        conversions: find(CONVERSIONS).ok_or_else(|| missing(CONVERSIONS))?,
        value: find(VALUE),
        nulls: find(NULLS),
        width: names.len(),
    })
}

type FieldError = (usize, &'static str, String);

fn data_row(record: &csv::ByteRecord, columns: Columns, line: u64) -> Result<PathRecord<'_>, FieldError> {
    if record.len() != columns.width {
        let column = record.len().min(columns.width);
        let message = format!("expected {} fields as in the header, found {}", columns.width, record.len());
        return Err((column, "row", message));
    }
    let path = record.get(columns.path).unwrap_or_default();
    let path =
        std::str::from_utf8(path).map_err(|_| (columns.path, PATH, "expected UTF-8 text, got invalid bytes".into()))?;
    let number = |at: Option<usize>, name: &'static str| -> Result<f64, FieldError> {
        let Some(at) = at else { return Ok(0.0) };
        let raw = record.get(at).unwrap_or_default();
        let text = std::str::from_utf8(raw).unwrap_or("").trim();
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| (at, name, format!("expected a number, got `{}`", String::from_utf8_lossy(raw))))
    };
    Ok(PathRecord {
        line,
        path,
        conversions: number(Some(columns.conversions), CONVERSIONS)?,
        value: number(columns.value, VALUE)?,
        nulls: number(columns.nulls, NULLS)?,
    })
}

fn column_of(error: &AttributionError, columns: Columns) -> (usize, &'static str) {
    match error {
        AttributionError::BadNumber { field, .. } if *field == VALUE => (columns.value.unwrap_or(0), VALUE),
        AttributionError::BadNumber { field, .. } if *field == NULLS => (columns.nulls.unwrap_or(0), NULLS),
        AttributionError::BadNumber { .. } => (columns.conversions, CONVERSIONS),
        _ => (columns.path, PATH),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PathSet, PathFileError> {
        read_path_set(text.as_bytes(), "t.csv")
    }

    #[test]
    fn reads_rows_in_any_column_order_and_sums_repeated_paths() {
        let set =
            parse("total_null,path,total_conversions,total_conversion_value\n1,a > b,2,10.5\n0,\"a>b\",1,1\n3,c,0,0\n")
                .unwrap();
        assert_eq!(set.channels(), ["a", "b", "c"]);
        assert_eq!(set.rows().len(), 2);
        assert_eq!((set.total_conversions(), set.total_value(), set.total_nulls()), (3.0, 11.5, 4.0));
    }

    #[test]
    fn optional_columns_default_to_zero_and_a_bom_is_skipped() {
        let set = parse("\u{feff}path,total_conversions\na,4\n").unwrap();
        assert_eq!((set.total_conversions(), set.total_value(), set.total_nulls()), (4.0, 0.0, 0.0));
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let e = parse("path,total_conversions,total_conversion_value,total_null\na,1,2,0\nb,x,2,0\n").unwrap_err();
        assert_eq!((e.line, e.column, e.field.as_deref()), (3, Some(2), Some("total_conversions")));
        assert!(e.to_string().starts_with("t.csv: line 3, column 2 (total_conversions): expected a number"), "{e}");
        let e = parse("path,total_conversions,total_conversion_value,total_null\na,1,2,-1\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(4)));
        let e = parse("path,total_conversions,total_conversion_value,total_null\n > ,1,2,0\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(1)));
        let e = parse("path,total_conversions,total_conversion_value,total_null\na,1,2\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(4)));
        let e = parse("channels,conversions\na,1\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("no `path` column"), "{e}");
        assert!(parse("").is_err());
    }
}
