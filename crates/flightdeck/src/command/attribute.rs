//! `flightdeck attribute`: attribution models on a path file, or on a flight of the
//! workspace.
//!
//! `--paths FILE.csv --model M [--order N]` reads a ChannelAttribution path file and
//! prints every channel's credited conversions and value under one model, or under all
//! of them side by side (`--model all`). `--flight ID --model M` does the same on the
//! workspace's own clicks, codes and orders ([`flight`]). Every model is exact; nothing
//! is simulated.

mod flight;

use std::path::PathBuf;

use flightdeck_core::attribution::{attribute, Attribution, Model, PathSet};
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// Which model(s) to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelChoice {
    /// One model.
    One(Model),
    /// Several models (`all`, or names joined by `,`), side by side.
    Many(Vec<Model>),
}

fn parse_model(raw: &str) -> Result<ModelChoice, String> {
    if raw.trim().eq_ignore_ascii_case("all") {
        return Ok(ModelChoice::Many(Model::ALL.to_vec()));
    }
    let mut models: Vec<Model> = Vec::new();
    for piece in raw.split(',').filter(|p| !p.trim().is_empty()) {
        let model = Model::parse(piece).map_err(|e| e.to_string())?;
        if !models.contains(&model) {
            models.push(model);
        }
    }
    match models.as_slice() {
        [] => Model::parse(raw).map(ModelChoice::One).map_err(|e| e.to_string()),
        [one] if !raw.contains(',') => Ok(ModelChoice::One(*one)),
        _ => Ok(ModelChoice::Many(models)),
    }
}

/// Any model name of either mode (a usage error otherwise); each mode checks its own.
fn model_arg(raw: &str) -> Result<String, String> {
    match flightdeck_core::attribution::flight::FlightModel::parse_list(raw) {
        Ok(_) => Ok(raw.to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Options of `flightdeck attribute`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// A path file: CSV with header `path,total_conversions,total_conversion_value,total_null`,
    /// paths as channels joined by " > ".
    #[arg(long, value_name = "FILE.csv", required_unless_present = "flight", conflicts_with = "flight")]
    pub paths: Option<PathBuf>,
    /// A flight of the workspace (`fl_…`): attribution on its own clicks, codes and orders.
    #[arg(long, value_name = "ID")]
    pub flight: Option<String>,
    /// first-touch, last-touch, linear, position-based, markov, shapley, or all; with
    /// --flight also last-non-direct and time-decay (and several joined by `,`).
    #[arg(long, value_name = "M", value_parser = model_arg)]
    pub model: String,
    /// The Markov chain's order (states are runs of N channels).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub order: u16,
    /// With --flight: the options of workspace mode.
    #[command(flatten)]
    pub workspace: flight::FlightOpts,
}

/// Runs `flightdeck attribute`.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let Some(file) = opts.paths else {
        let id = opts.flight.unwrap_or_default();
        return flight::run(&id, &opts.model, usize::from(opts.order), &opts.workspace, ctx).await;
    };
    if let Some(option) = opts.workspace.given() {
        return Err(user(format!("{option} works with --flight only, not with --paths")));
    }
    let order = usize::from(opts.order);
    let choice = parse_model(&opts.model)
        .map_err(|e| user(format!("--model: {e} (last-non-direct and time-decay work with --flight only)")))?;
    let one = matches!(choice, ModelChoice::One(_));
    let results = tokio::task::spawn_blocking(move || compute(&file, choice, order)).await??;
    render(&results, one, ctx.format)
}

fn compute(file: &std::path::Path, choice: ModelChoice, order: usize) -> anyhow::Result<Vec<Attribution>> {
    let paths: PathSet = flightdeck_ingest::paths::read_path_file(file).map_err(|e| user(e.to_string()))?;
    let models = match choice {
        ModelChoice::One(model) => vec![model],
        ModelChoice::Many(models) => models,
    };
    models
        .into_iter()
        .map(|model| attribute(&paths, model, order).map_err(|e| user(format!("{}: {e}", file.display()))))
        .collect()
}

/// Several models in JSON: every result, in the order asked (`all`: that of [`Model::ALL`]).
#[derive(Debug, Serialize)]
struct AllModels<'a> {
    models: &'a [Attribution],
}

fn render(results: &[Attribution], one: bool, format: OutputFormat) -> anyhow::Result<()> {
    match (format, one, results) {
        (OutputFormat::Json, true, [one]) => print_json(one),
        (OutputFormat::Json, _, _) => print_json(&AllModels { models: results }),
        (OutputFormat::Csv, true, [one]) => write_stdout(&one_table(one, true).render_csv()?),
        (OutputFormat::Csv, _, _) => write_stdout(&side_by_side(results, true).render_csv()?),
        (OutputFormat::Table, true, [one]) => {
            let mut table = one_table(one, false);
            let markov = one.model == Model::Markov;
            let mut total = vec!["total".to_owned(), fixed(one.total_conversions, 3), fixed(one.total_value, 2)];
            if markov {
                total.extend([String::new(), String::new()]);
            }
            table.row(total);
            write_stdout(&format!("{}\n{}", heading(one), table.render_text()))
        }
        (OutputFormat::Table, _, _) => write_stdout(&side_by_side(results, false).render_text()),
    }
}

fn heading(result: &Attribution) -> String {
    match result.order {
        Some(order) => format!("model: {} (order {order}, exact)", result.model),
        None => format!("model: {} (exact)", result.model),
    }
}

/// Full precision for CSV, fixed decimals for people.
fn number(value: f64, csv: bool, decimals: usize) -> String {
    if csv {
        value.to_string()
    } else {
        fixed(value, decimals)
    }
}

fn fixed(value: f64, decimals: usize) -> String {
    // Avoid printing "-0.000" for a credit that is zero up to rounding.
    let text = format!("{value:.decimals$}");
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

fn one_table(result: &Attribution, csv: bool) -> Table {
    let markov = result.model == Model::Markov;
    let mut headers = vec!["channel", "conversions", "value"];
    if markov {
        headers.extend(["removal_effect", "removal_effect_value"]);
    }
    let numeric: Vec<usize> = (1..headers.len()).collect();
    let mut table = Table::new(headers).numeric(&numeric);
    for c in &result.channels {
        let mut row = vec![c.channel.clone(), number(c.conversions, csv, 3), number(c.value, csv, 2)];
        if markov {
            row.push(number(c.removal_effect.unwrap_or(0.0), csv, 4));
            row.push(number(c.removal_effect_value.unwrap_or(0.0), csv, 4));
        }
        table.row(row);
    }
    table
}

/// Every model side by side: `channel`, then `<model>_conversions` and `<model>_value`
/// per model (the ChannelAttribution column names, with `_` for `-`).
fn side_by_side(results: &[Attribution], csv: bool) -> Table {
    let mut headers = vec!["channel".to_owned()];
    for r in results {
        let name = r.model.as_str().replace('-', "_");
        headers.push(format!("{name}_conversions"));
        headers.push(format!("{name}_value"));
    }
    let numeric: Vec<usize> = (1..headers.len()).collect();
    let mut table = Table::new(headers).numeric(&numeric);
    let Some(first) = results.first() else { return table };
    for (i, channel) in first.channels.iter().enumerate() {
        let mut row = vec![channel.channel.clone()];
        for r in results {
            let credit = &r.channels[i];
            row.push(number(credit.conversions, csv, 3));
            row.push(number(credit.value, csv, 2));
        }
        table.row(row);
    }
    table
}
