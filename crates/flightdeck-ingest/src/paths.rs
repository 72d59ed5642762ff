//! Attribution path files (the ChannelAttribution CSV convention).
//!
//! A header `path,total_conversions,total_conversion_value,total_null` (columns found by
//! name, in any order; the value and null columns may be left out and then count 0),
//! then one row per path: channel names joined by `" > "`, and the row's counts. The
//! file is read in blocks of whole records that are parsed on every core and summed
//! into one [`PathSet`] in file order ([`blocks`]), so a million rows need only the
//! memory of their distinct paths and a few blocks.

mod blocks;

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
///
/// The blocks after the first are parsed in parallel (one thread per core, at most 4);
/// the result is the same as reading row by row, channels and paths in order of first
/// appearance, and an error names the first bad line of the file.
pub fn read_path_set<R: Read>(reader: R, file: &str) -> Result<PathSet, PathFileError> {
    let mut blocks = blocks::Blocks::new(reader, blocks::BLOCK);
    let io = |e: std::io::Error| error(file, 0, None, None, format!("cannot read: {e}"));
    let first = blocks.next_block().map_err(io)?;
    let mut builder = PathSetBuilder::new();
    let mut columns = None;
    if let Some(first) = &first {
        let mut csv = csv_reader(&first.bytes[..]);
        let mut record = csv::ByteRecord::new();
        if read_record(&mut csv, &mut record, file, first.first_line)? {
            let line = first.first_line + line_of(&record) - 1;
            let found = header(&record).map_err(|m| error(file, line, None, None, m))?;
            columns = Some(found);
            rows(&mut csv, found, file, first.first_line, |row| {
                builder.add_path(row.path, row.conversions, row.value, row.nulls)
            })?;
        }
    }
    let Some(columns) = columns else {
        return Err(error(
            file,
            1,
            None,
            None,
            format!("the file is empty: expected the header `{PATH},{CONVERSIONS},{VALUE},{NULLS}`"),
        ));
    };
    let parse = |block: &blocks::Block| -> Result<PathSet, PathFileError> {
        let mut local = PathSetBuilder::unsummed();
        let mut csv = csv_reader(&block.bytes[..]);
        rows(&mut csv, columns, file, block.first_line, |row| {
            local.add_path(row.path, row.conversions, row.value, row.nulls)
        })?;
        Ok(local.build())
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4);
    blocks::parse_parallel(&mut blocks, &mut builder, workers, file, &parse)?;
    Ok(builder.build())
}

/// Streams the data rows of a path file to `sink`, which may refuse a row with an
/// [`AttributionError`]; that error is reported at the row's line and the column at fault.
pub fn for_each_row<R: Read>(
    reader: R,
    file: &str,
    sink: impl FnMut(PathRecord<'_>) -> Result<(), AttributionError>,
) -> Result<(), PathFileError> {
    let mut csv = csv_reader(reader);
    let mut record = csv::ByteRecord::new();
    if !read_record(&mut csv, &mut record, file, 1)? {
        return Err(error(
            file,
            1,
            None,
            None,
            format!("the file is empty: expected the header `{PATH},{CONVERSIONS},{VALUE},{NULLS}`"),
        ));
    }
    let columns = header(&record).map_err(|message| error(file, line_of(&record), None, None, message))?;
    rows(&mut csv, columns, file, 1, sink)
}

fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader)
}

fn error(file: &str, line: u64, column: Option<usize>, field: Option<&str>, message: String) -> PathFileError {
    PathFileError {
        file: file.to_owned(),
        line,
        column: column.map(|c| c + 1),
        field: field.map(str::to_owned),
        message,
    }
}

/// Reads one record; `first_line` is the file line the reader started on.
fn read_record<R: Read>(
    csv: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    file: &str,
    first_line: u64,
) -> Result<bool, PathFileError> {
    csv.read_byte_record(record).map_err(|e| {
        let line = e.position().map_or(0, |p| first_line + p.line() - 1);
        error(file, line, None, None, format!("not valid CSV: {e}"))
    })
}

/// Every data row of `csv` to `sink`; `first_line` is the file line the reader started on.
fn rows<R: Read>(
    csv: &mut csv::Reader<R>,
    columns: Columns,
    file: &str,
    first_line: u64,
    mut sink: impl FnMut(PathRecord<'_>) -> Result<(), AttributionError>,
) -> Result<(), PathFileError> {
    let mut record = csv::ByteRecord::new();
    while read_record(csv, &mut record, file, first_line)? {
        let line = first_line + line_of(&record) - 1;
        if record.len() == 1 && record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let row = data_row(&record, columns, line).map_err(|(c, f, m)| error(file, line, Some(c), Some(f), m))?;
        sink(row).map_err(|e| {
            let (c, f) = column_of(&e, columns);
            error(file, line, Some(c), Some(f), e.to_string())
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
        fast_number(text.as_bytes())
            .or_else(|| text.parse::<f64>().ok())
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

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `123`, `-4`, `12.34`: digits with at most one `.`, no exponent, at most 15 digits.
/// The digits make an integer below 2^53 and the divisor a power of ten that is exact,
/// so the one division is correctly rounded and equals `str::parse` (Clinger's fast
/// path). Anything else is `None`, for the full parser.
fn fast_number(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let (mut mantissa, mut scale, mut seen_dot, mut count) = (0u64, 0usize, false, 0usize);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
                scale += usize::from(seen_dot);
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    let value = mantissa as f64 / POW10[scale];
    Some(if negative { -value } else { value })
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
    fn the_fast_number_path_agrees_with_the_full_parser() {
        for text in [
            "0",
            "7",
            "-3",
            "+2",
            "12.34",
            "0.1",
            "100.00",
            "3.",
            ".5",
            "123456789012345",
            "900719925474.991",
            "99999999999.9999",
        ] {
            assert_eq!(fast_number(text.as_bytes()), text.parse::<f64>().ok(), "{text}");
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let text = format!("{}.{:0width$}", x % 1_000_000_000, (x >> 40) % 10_000, width = (x % 5) as usize);
            assert_eq!(fast_number(text.as_bytes()), text.parse::<f64>().ok(), "{text}");
        }
        for text in ["", "-", ".", "1e5", "1.2.3", "1234567890123456", "nan", "inf", "1,5", " 1"] {
            assert_eq!(fast_number(text.as_bytes()), None, "{text}");
        }
    }

    /// A file of several blocks: `n` rows over 30 channels, one path quoted with a newline.
    fn big_file(n: usize) -> String {
        let mut text = String::from("path,total_conversions,total_conversion_value,total_null\n");
        for i in 0..n {
            let path = format!("c{} > c{} > c{}", i % 30, (i / 30) % 30, (i * 7) % 29);
            if i == n / 2 {
                text.push_str("\"c1 >\nc2\",1,2.5,0\n");
            }
            text.push_str(&format!("{path},{},{}.{:02},{}\n", i % 3, i % 100, i % 97, i % 5));
        }
        text
    }

    #[test]
    fn blocks_read_in_parallel_give_what_reading_row_by_row_gives() {
        let text = big_file(200_000);
        assert!(text.len() > 3 * blocks::BLOCK, "the file spans several blocks");
        let parallel = parse(&text).unwrap();
        let mut builder = PathSetBuilder::new();
        for_each_row(text.as_bytes(), "t.csv", |r| builder.add_path(r.path, r.conversions, r.value, r.nulls)).unwrap();
        let sequential = builder.build();
        assert_eq!(parallel.channels(), sequential.channels(), "channels in order of first appearance");
        assert_eq!(parallel.len(), sequential.len());
        for (a, b) in parallel.rows().zip(sequential.rows()) {
            assert_eq!(a.touches, b.touches);
            assert!((a.conversions - b.conversions).abs() < 1e-9 && (a.value - b.value).abs() < 1e-6);
            assert!((a.nulls - b.nulls).abs() < 1e-9 && (a.converting_value - b.converting_value).abs() < 1e-6);
        }
    }

    #[test]
    fn an_error_deep_in_a_big_file_names_its_line() {
        let mut text = big_file(100_000);
        let mut lines: Vec<&str> = text.lines().collect();
        // Line 90,001 (after the quoted two-line record, which counts as two lines).
        lines[90_000] = "c1 > c2,many,0,0";
        lines[95_000] = "c1 > c2,2,x,0";
        text = lines.join("\n") + "\n";
        let e = parse(&text).unwrap_err();
        assert_eq!((e.line, e.column, e.field.as_deref()), (90_001, Some(2), Some("total_conversions")), "{e}");
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
