//! `flightdeck compliance check [FILE|-]`: checks posts against the disclosure and influencer
//! rules (NL, BE, US, UK) of the compliance engine.
//!
//! The input is one JSON post (it may span lines), a JSON array of posts, or a JSON-lines file.
//! Every line is read before anything is printed: a malformed line is an error naming the file
//! and the line, and nothing is printed.

use std::io::Read;

use flightdeck_core::compliance::{check, parse_post, post_from_value, CheckResult, PostInput};

use super::Ctx;
use crate::error::user;
use crate::output::{write_stdout, OutputFormat, Table};

/// Compliance subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// Check posts (one JSON post or a JSON-lines file) for disclosure, placement, language,
    /// age-restricted products and the Dutch register duty.
    Check(CheckOpts),
}

/// Options of `compliance check`.
#[derive(Debug, clap::Args)]
pub struct CheckOpts {
    /// A JSON post, a JSON array of posts, or a JSON-lines file; `-` (the default) reads stdin.
    #[arg(default_value = "-")]
    pub file: String,
}

/// Runs a compliance subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts {
        Opts::Check(check_opts) => check_file(&check_opts.file, ctx.format),
    }
}

fn check_file(file: &str, format: OutputFormat) -> anyhow::Result<()> {
    let (name, content) = read_input(file)?;
    let posts = parse_posts(&name, &content)?;
    let results: Vec<CheckResult> = posts.iter().map(check).collect();
    match format {
        OutputFormat::Json => {
            let mut out = String::new();
            for result in &results {
                out.push_str(&serde_json::to_string(result)?);
                out.push('\n');
            }
            write_stdout(&out)
        }
        OutputFormat::Table | OutputFormat::Csv => table(&results).print(format),
    }
}

/// The file's display name and its text.
fn read_input(file: &str) -> anyhow::Result<(String, String)> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| user(format!("stdin: cannot read the posts: {e} (expected UTF-8 JSON)")))?;
        return Ok(("stdin".into(), text));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| user(format!("{file}: cannot read the posts: {e} (expected a UTF-8 JSON or JSON-lines file)")))?;
    Ok((file.to_string(), text))
}

/// One post, an array of posts, or JSON lines; all-or-nothing.
fn parse_posts(name: &str, content: &str) -> anyhow::Result<Vec<PostInput>> {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        return Err(user(format!("{name}: no posts: expected a JSON post or one JSON post per line")));
    }
    let whole = serde_json::from_str::<serde_json::Value>(trimmed);
    if let Ok(value) = whole {
        return match value {
            serde_json::Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    post_from_value(item).map_err(|e| user(format!("{name}: post {} of the array: {e}", i + 1)))
                })
                .collect(),
            value => Ok(vec![post_from_value(value).map_err(|e| user(format!("{name}: {e}")))?]),
        };
    }
    let first_line = content.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    if let (Err(e), "{" | "[") = (whole, first_line) {
        // A pretty-printed document with a mistake: serde's own line and column are the best pointer.
        return Err(user(format!(
            "{name}: line {}, column {}: not valid JSON ({e}); expected a JSON post or one JSON post per line",
            e.line(),
            e.column()
        )));
    }
    let mut posts = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let post = parse_post(line).map_err(|e| user(format!("{name}, line {}: {e}", i + 1)))?;
        posts.push(post);
    }
    Ok(posts)
}

/// One row per finding; a post without findings gets one `ok` row.
fn table(results: &[CheckResult]) -> Table {
    let mut table = Table::new(["post", "verdict", "rule", "severity", "message", "fix"]).numeric(&[0]);
    for (i, result) in results.iter().enumerate() {
        let post = (i + 1).to_string();
        let verdict = result.verdict.to_string();
        if result.findings.is_empty() {
            table.row([post.as_str(), verdict.as_str(), "", "", "no findings", ""]);
        }
        for f in &result.findings {
            let severity = f.severity.to_string();
            table.row([post.as_str(), verdict.as_str(), f.rule.as_str(), severity.as_str(), &f.message, &f.fix]);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_objects_arrays_and_lines() {
        assert_eq!(parse_posts("f", "{\n  \"caption\": \"#ad\"\n}\n").unwrap().len(), 1);
        assert_eq!(parse_posts("f", "[{\"caption\": \"a\"}, {\"caption\": \"b\"}]").unwrap().len(), 2);
        assert_eq!(parse_posts("f", "{\"caption\": \"a\"}\n\n{\"caption\": \"b\"}\n").unwrap().len(), 2);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let err = parse_posts("posts.jsonl", "{\"caption\": \"a\"}\n{\"caption\": \n").unwrap_err().to_string();
        assert!(err.starts_with("posts.jsonl, line 2:"), "{err}");
        let err =
            parse_posts("posts.jsonl", "{\"caption\": \"a\"}\n{\"creator_age\": \"old\"}\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("creator_age"), "{err}");
        let err = parse_posts("p.json", "{\n \"caption\": \"a\",\n oops\n}").unwrap_err().to_string();
        assert!(err.starts_with("p.json: line 3"), "{err}");
        assert!(parse_posts("p.json", "  \n").is_err());
    }
}
