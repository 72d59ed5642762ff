//! `flightdeck attribute --flight ID --model M`: workspace mode, on the workspace's
//! own clicks, discount codes and orders (the engine is
//! `flightdeck_core::attribution::flight`, loaded by `flightdeck_server::attribution`).

use flightdeck_core::attribution::flight::{
    parse_code_policy, parse_position_shares, FlightAttribution, FlightModel, FlightSettings, ModelResult,
};
use flightdeck_core::domain::FlightId;
use flightdeck_server::attribution::{flight_attribution, FlightAttributionError};

use crate::command::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// The options of workspace mode.
#[derive(Debug, Default, clap::Args)]
pub struct FlightOpts {
    /// Days a click (or visit) counts before an order: 7 (default) or 28 for long purchases.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub click_window: Option<u32>,
    /// Days a view-through exposure counts before an order (default 1).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub view_window: Option<u32>,
    /// Who is last when an order's code and its last click disagree: code-wins (default), link-wins, code-only.
    #[arg(long, value_name = "POLICY")]
    pub code_policy: Option<String>,
    /// Time decay's half-life in days (default 7).
    #[arg(long, value_name = "DAYS")]
    pub half_life: Option<f64>,
    /// Position-based shares in percent: first,middle,last (default 40,20,40).
    #[arg(long, value_name = "F,M,L")]
    pub position: Option<String>,
}

impl FlightOpts {
    /// The first workspace-mode option given, for refusing it with --paths.
    pub fn given(&self) -> Option<&'static str> {
        [
            (self.click_window.is_some(), "--click-window"),
            (self.view_window.is_some(), "--view-window"),
            (self.code_policy.is_some(), "--code-policy"),
            (self.half_life.is_some(), "--half-life"),
            (self.position.is_some(), "--position"),
        ]
        .into_iter()
        .find_map(|(set, name)| set.then_some(name))
    }

    fn settings(&self, order: usize) -> anyhow::Result<FlightSettings> {
        let mut s = FlightSettings { markov_order: order, ..FlightSettings::default() };
        if let Some(days) = self.click_window {
            s.click_window_days = days;
        }
        if let Some(days) = self.view_window {
            s.view_window_days = days;
        }
        if let Some(raw) = &self.code_policy {
            s.code_policy = parse_code_policy(raw).map_err(|e| user(format!("--code-policy: {e}")))?;
        }
        if let Some(days) = self.half_life {
            s.half_life_days = days;
        }
        if let Some(raw) = &self.position {
            s.position_based = parse_position_shares(raw).map_err(|e| user(format!("--position: {e}")))?;
        }
        s.validate().map_err(|e| user(e.to_string()))?;
        Ok(s)
    }
}

/// Runs workspace mode for the flight `id`.
pub async fn run(id: &str, model: &str, order: usize, opts: &FlightOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let models = FlightModel::parse_list(model).map_err(|e| user(format!("--model: {e}")))?;
    let settings = opts.settings(order)?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let not_found =
        || user(format!("no flight `{id}` in workspace `{}`: see `flightdeck flights list`", workspace.name));
    let flight = FlightId::parse(id.trim()).map_err(|_| not_found())?;
    let result = match flight_attribution(store.as_ref(), &workspace.id, &flight, settings, models).await {
        Ok(r) => r,
        Err(FlightAttributionError::NotFound(_)) => return Err(not_found()),
        Err(FlightAttributionError::Attribution(e)) => return Err(user(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    match ctx.format {
        OutputFormat::Json => print_json(&result),
        OutputFormat::Csv => write_stdout(&channels_side_by_side(&result).render_csv()?),
        OutputFormat::Table => write_stdout(&text(&result)),
    }
}

/// Fixed decimals, without a "-0.00" for a credit that is zero up to rounding.
fn number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

/// Minor units as major units with two decimals (the table shows currency, not cents).
fn money(minor: f64) -> String {
    number(minor / 100.0, 2)
}

fn label(info: &flightdeck_core::attribution::flight::ChannelInfo) -> String {
    match &info.name {
        Some(name) => format!("{name} ({})", info.creator.as_ref().map_or("", |c| c.as_str())),
        None => info.channel.clone(),
    }
}

/// Channels as rows, `<model>_conversions` and `<model>_value_minor` per model (CSV).
fn channels_side_by_side(r: &FlightAttribution) -> Table {
    let mut headers = vec!["channel".to_owned(), "name".to_owned()];
    for m in &r.models {
        let name = m.model.as_str().replace('-', "_");
        headers.push(format!("{name}_conversions"));
        headers.push(format!("{name}_value_minor"));
    }
    let mut table = Table::new(headers);
    let Some(first) = r.models.first() else { return table };
    for c in &first.channels {
        let mut row = vec![c.info.channel.clone(), c.info.name.clone().unwrap_or_default()];
        for m in &r.models {
            let credit = m.channels.iter().find(|x| x.info.channel == c.info.channel);
            row.push(credit.map_or(0.0, |x| x.conversions).to_string());
            row.push(credit.map_or(0.0, |x| x.value_minor).to_string());
        }
        table.row(row);
    }
    table
}

/// Channels as rows, one column per model: conversions, or value in major units.
fn per_model(r: &FlightAttribution, value: bool) -> Table {
    let mut headers = vec!["channel".to_owned()];
    headers.extend(r.models.iter().map(|m| m.model.as_str().to_owned()));
    let numeric: Vec<usize> = (1..headers.len()).collect();
    let mut table = Table::new(headers).numeric(&numeric);
    let Some(first) = r.models.first() else { return table };
    for c in &first.channels {
        let mut row = vec![label(&c.info)];
        for m in &r.models {
            let credit = m.channels.iter().find(|x| x.info.channel == c.info.channel);
            row.push(if value {
                money(credit.map_or(0.0, |x| x.value_minor))
            } else {
                number(credit.map_or(0.0, |x| x.conversions), 2)
            });
        }
        table.row(row);
    }
    table
}

fn heading(r: &FlightAttribution) -> String {
    let s = &r.settings;
    let [first, middle, last] = s.position_based.map(|x| x * 100.0);
    format!(
        "flight {} – {} ({}, {} to {})\n\
         journeys: {} ({} converting, {} not), {} orders, value {} {}\n\
         settings: click window {} d, view window {} d, code policy {}, half-life {} d, position {first}/{middle}/{last}, markov order {}\n\
         left out: {} bot clicks, {} clicks without consent, {} orders in another currency, {} orders from a campaign link without a joinable click id\n",
        r.flight,
        r.flight_name,
        r.campaign_name,
        r.starts_on,
        r.ends_on,
        r.journeys.total,
        r.journeys.converting,
        r.journeys.non_converting,
        r.total_conversions,
        money(r.total_value_minor as f64),
        r.currency,
        s.click_window_days,
        s.view_window_days,
        serde_json::to_value(s.code_policy).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        s.half_life_days,
        s.markov_order,
        r.input.clicks_bots,
        r.input.clicks_without_consent,
        r.input.orders_other_currency,
        r.input.orders_unjoined_campaign_landing,
    )
}

fn counts_table(r: &FlightAttribution) -> Table {
    let mut t = Table::new(["channel", "click", "code", "view-through", "assisted", "assisted_value"])
        .numeric(&[1, 2, 3, 4, 5]);
    for c in &r.conversions {
        t.row([
            label(&c.info),
            c.click_conversions.to_string(),
            c.code_conversions.to_string(),
            c.view_through_conversions.to_string(),
            c.assisted_conversions.to_string(),
            money(c.assisted_value_minor as f64),
        ]);
    }
    t
}

fn posts_table(m: &ModelResult) -> Table {
    let mut t =
        Table::new(["post", "creator", "format", "platform", "flight", "conversions", "value"]).numeric(&[5, 6]);
    for p in &m.posts {
        let id = p.post.clone().or(p.link.clone()).or(p.code.clone()).unwrap_or_else(|| p.kind.clone());
        t.row([
            id,
            p.name.clone().unwrap_or_else(|| p.creator.to_string()),
            p.format.clone(),
            p.platform.map_or_else(String::new, |x| x.as_str().to_owned()),
            if p.in_flight { "yes" } else { "no" }.to_owned(),
            number(p.conversions, 2),
            money(p.value_minor),
        ]);
    }
    t
}

fn formats_table(m: &ModelResult) -> Table {
    let mut t = Table::new(["format", "conversions", "value"]).numeric(&[1, 2]);
    for f in &m.formats {
        t.row([f.format.clone(), number(f.conversions, 2), money(f.value_minor)]);
    }
    t
}

fn text(r: &FlightAttribution) -> String {
    let mut out = heading(r);
    out += "\nconversions credited per channel:\n";
    out += &per_model(r, false).render_text();
    out += &format!("\nvalue credited per channel ({}):\n", r.currency);
    out += &per_model(r, true).render_text();
    out += "\nconversions counted apart (decisive touch; assisted = in the journey, not decisive):\n";
    out += &counts_table(r).render_text();
    if let [one] = r.models.as_slice() {
        out += &format!("\n{} per post:\n", one.model);
        out += &posts_table(one).render_text();
        out += &format!("\n{} per format:\n", one.model);
        out += &formats_table(one).render_text();
    } else {
        out += "\nper post and per format: run one model (--model M), or --format json for all\n";
    }
    out
}
