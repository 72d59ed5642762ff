//! Output of data to stdout as an aligned table, JSON or CSV.

use std::io::Write;

use serde::Serialize;

/// How a command prints data (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum OutputFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// Stable JSON for scripts.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Rows of text cells with a header, printed as an aligned table or as CSV.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    right_aligned: Vec<bool>,
}

impl Table {
    /// A table with these column headers.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(headers: I) -> Self {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let right_aligned = vec![false; headers.len()];
        Self { headers, rows: Vec::new(), right_aligned }
    }

    /// Right-aligns the numeric columns with these indices.
    pub fn numeric(mut self, columns: &[usize]) -> Self {
        for &c in columns {
            if let Some(slot) = self.right_aligned.get_mut(c) {
                *slot = true;
            }
        }
        self
    }

    /// Adds one row (missing cells print empty).
    pub fn row<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, cells: I) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Renders aligned columns (widths in characters), one line per row.
    pub fn render_text(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.chars().count());
                }
            }
        }
        let mut out = String::new();
        self.render_line(&mut out, &self.headers, &widths);
        for row in &self.rows {
            self.render_line(&mut out, row, &widths);
        }
        out
    }

    fn render_line(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        let mut line = String::new();
        for (i, width) in widths.iter().enumerate() {
            let cell = cells.get(i).map(String::as_str).unwrap_or("");
            let pad = width.saturating_sub(cell.chars().count());
            if i > 0 {
                line.push_str("  ");
            }
            if self.right_aligned.get(i).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }

    /// Renders CSV with a header row.
    pub fn render_csv(&self) -> anyhow::Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&self.headers)?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        Ok(String::from_utf8(writer.into_inner()?)?)
    }

    /// Prints the table in `format` (JSON is not a table format: use [`print_json`]).
    pub fn print(&self, format: OutputFormat) -> anyhow::Result<()> {
        let text = match format {
            OutputFormat::Csv => self.render_csv()?,
            _ => self.render_text(),
        };
        write_stdout(&text)
    }
}

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_stdout(&text)
}

/// Writes text to stdout, treating a closed pipe (`| head`) as success.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(text.as_bytes()).and_then(|()| lock.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_right_align_numbers() {
        let mut t = Table::new(["name", "followers"]).numeric(&[1]);
        t.row(["Jane", "12"]);
        t.row(["Özil Ödegaard", "1200"]);
        let text = t.render_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "name           followers");
        assert_eq!(lines[1], "Jane                  12");
        assert_eq!(lines[2], "Özil Ödegaard       1200");
    }

    #[test]
    fn csv_quotes_commas() {
        let mut t = Table::new(["a"]);
        t.row(["x, y"]);
        assert_eq!(t.render_csv().ok(), Some("a\n\"x, y\"\n".to_owned()));
    }
}
