//! `flightdeck vet ID [--persona NAME]`: the explained vetting score of one creator
//! (INTERFACES.md "Vetting output"), and `vet --rescore` / `--weights` for the
//! workspace's stored scores.

use flightdeck_core::domain::{CreatorId, Currency, Money, Persona, Workspace};
use flightdeck_core::vetting::{Confidence, QuotedFee, VettingReport, Weights};
use flightdeck_store::scoring::{self, Explain};
use flightdeck_store::Store;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// Options of `vet`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The creator's id (`cr_…`); may be left out with --rescore or --weights.
    #[arg(required_unless_present_any = ["rescore", "weights", "reset_weights"])]
    pub id: Option<String>,
    /// The buyer persona to vet for (by name); the brand alone when absent.
    #[arg(long)]
    pub persona: Option<String>,
    /// A fee the creator quoted per post (a decimal amount, e.g. 750 or 1250.50), to
    /// check its implied CPM and CPE against the tier's range.
    #[arg(long)]
    pub fee: Option<String>,
    /// The currency of --fee (ISO 4217).
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// US dollars per unit of --currency, to compare with the USD ranges (nominal
    /// comparison when absent).
    #[arg(long)]
    pub usd_rate: Option<f64>,
    /// Recompute and store the scores of every creator for every persona.
    #[arg(long)]
    pub rescore: bool,
    /// Set the workspace's composite weights (e.g. `engagement=0.3,fit=0.2`; the
    /// others keep their values), then rescore.
    #[arg(long, value_name = "NAME=W,…")]
    pub weights: Option<String>,
    /// Back to the default weights, then rescore.
    #[arg(long, conflicts_with = "weights")]
    pub reset_weights: bool,
}

/// Runs `vet`.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let changed_weights = set_weights(&opts, store.as_ref(), &workspace).await?;
    let fresh = store.scoring_run(&workspace.id).await?.is_none();
    if opts.rescore || changed_weights || (fresh && opts.id.is_some()) {
        rescore(store.as_ref(), &workspace).await?;
    }
    let Some(id) = &opts.id else { return Ok(()) };
    let id = CreatorId::parse(id).map_err(|e| user(format!("{e}: creator ids look like cr_…")))?;
    let personas = store.personas(&workspace.id).await?;
    let persona = match &opts.persona {
        Some(name) => Some(persona_named(&personas, name)?),
        None => None,
    };
    let explain = Explain { quoted_fee: quoted_fee(&opts)? };
    let report = scoring::explain_with(store.as_ref(), &workspace, &id, persona, &explain)
        .await?
        .ok_or_else(|| user(format!("no creator `{id}` in workspace `{}`", workspace.name)))?;
    match ctx.format {
        OutputFormat::Json => print_json(&report),
        OutputFormat::Csv => components_table(&report).print(OutputFormat::Csv),
        OutputFormat::Table => {
            let name = store.creator(&workspace.id, &id).await?.map(|c| c.name.to_string()).unwrap_or_default();
            print_report(&report, &name)
        }
    }
}

/// Rescores the workspace with a progress bar and says what it did on stderr.
pub async fn rescore(store: &dyn Store, workspace: &Workspace) -> anyhow::Result<()> {
    let progress = crate::progress::Phases::new();
    let done = scoring::rescore_workspace(store, workspace, &progress).await?;
    eprintln!(
        "scored {} creator(s) for the brand and {} persona(s) as of {} in {:.1}s: {} scorable, {} suspicious",
        done.creators,
        done.personas,
        done.as_of,
        done.took.as_secs_f64(),
        done.scorable,
        done.suspicious
    );
    Ok(())
}

fn persona_named<'a>(personas: &'a [Persona], name: &str) -> anyhow::Result<&'a Persona> {
    scoring::find_persona(personas, name).ok_or_else(|| {
        let names: Vec<&str> = personas.iter().map(|p| p.name.as_str()).collect();
        let known = if names.is_empty() { "none".to_owned() } else { names.join(", ") };
        user(format!("--persona: no persona `{name}` in this workspace; known: {known}"))
    })
}

fn quoted_fee(opts: &Opts) -> anyhow::Result<Option<QuotedFee>> {
    let Some(raw) = &opts.fee else { return Ok(None) };
    let currency = Currency::parse(&opts.currency).map_err(|e| user(format!("--currency: {}", e.reason)))?;
    let amount = Money::parse_decimal(raw, currency).map_err(|e| user(format!("--fee: {}", e.reason)))?;
    if amount.minor <= 0 {
        return Err(user(format!("--fee: expected an amount above 0, got `{raw}`")));
    }
    if let Some(rate) = opts.usd_rate.filter(|r| !(r.is_finite() && *r > 0.0)) {
        return Err(user(format!("--usd-rate: expected a positive number, got `{rate}`")));
    }
    Ok(Some(QuotedFee { amount, usd_per_unit: opts.usd_rate }))
}

/// Applies --weights or --reset-weights; whether the weights changed.
async fn set_weights(opts: &Opts, store: &dyn Store, workspace: &Workspace) -> anyhow::Result<bool> {
    if opts.reset_weights {
        store.set_vetting_weights(&workspace.id, None).await?;
        return Ok(true);
    }
    let Some(raw) = &opts.weights else { return Ok(false) };
    let mut w = store.vetting_weights(&workspace.id).await?;
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) =
            part.split_once('=').ok_or_else(|| user(format!("--weights: expected NAME=WEIGHT, got `{part}`")))?;
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && (0.0..=10.0).contains(v))
            .ok_or_else(|| user(format!("--weights: `{part}`: the weight must be a number from 0 to 10")))?;
        let slot = match name.trim() {
            "engagement" => &mut w.engagement,
            "reach" => &mut w.reach,
            "authenticity" => &mut w.authenticity,
            "audience" => &mut w.audience,
            "fit" => &mut w.fit,
            "safety" => &mut w.safety,
            other => {
                return Err(user(format!(
                    "--weights: unknown component `{other}`; use engagement, reach, authenticity, audience, fit, safety"
                )))
            }
        };
        *slot = value;
    }
    if [w.engagement, w.reach, w.authenticity, w.audience, w.fit, w.safety].iter().sum::<f64>() <= 0.0 {
        return Err(user("--weights: at least one weight must be above 0"));
    }
    store.set_vetting_weights(&workspace.id, Some(&w)).await?;
    eprintln!("weights: {}", weights_words(&w));
    Ok(true)
}

fn weights_words(w: &Weights) -> String {
    format!(
        "engagement={}, reach={}, authenticity={}, audience={}, fit={}, safety={}",
        w.engagement, w.reach, w.authenticity, w.audience, w.fit, w.safety
    )
}

fn components_table(r: &VettingReport) -> Table {
    let mut t = Table::new(["component", "value", "weight", "reason"]).numeric(&[1, 2]);
    for c in &r.components {
        t.row([c.name.clone(), format!("{:.2}", c.value), format!("{:.2}", c.weight), c.reason.clone()]);
    }
    t
}

fn confidence(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn print_report(r: &VettingReport, name: &str) -> anyhow::Result<()> {
    let mut out = String::new();
    let persona = r.persona.as_deref().map_or_else(|| "the brand alone".to_owned(), |p| format!("persona {p}"));
    out.push_str(&format!("{name} ({}) — {} tier — for {persona}\n", r.creator, r.tier));
    match (r.scorable, r.score) {
        (true, Some(s)) => out.push_str(&format!("score {s:.1} / 100, confidence {}\n", confidence(r.confidence))),
        _ => out.push_str(&format!(
            "NOT SCORABLE: {}\n",
            r.not_scorable_reason.as_deref().unwrap_or("no component could be assessed")
        )),
    }
    let a = &r.authenticity;
    out.push_str(&format!(
        "authenticity: {}, estimated fake share {}–{}\n",
        if a.suspicious { "SUSPICIOUS" } else { "no red flags" },
        pct(a.fake_share[0]),
        pct(a.fake_share[1])
    ));
    for reason in &a.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    out.push_str(&format!("effective audience: {} real followers in the target\n\n", r.effective_audience));
    out.push_str(&components_table(r).render_text());
    out.push('\n');
    let mut accounts = Table::new(["platform", "handle", "followers", "tier", "days", "ER", "pctile", "reach", "fake"])
        .numeric(&[2, 4, 5, 6, 7]);
    for acc in &r.accounts {
        accounts.row([
            acc.platform.to_string(),
            format!("@{}", acc.handle),
            acc.followers.to_string(),
            acc.tier.to_string(),
            acc.days.to_string(),
            acc.engagement_rate.map(pct).unwrap_or_default(),
            acc.engagement_percentile.map(|p| format!("{p:.0}")).unwrap_or_default(),
            acc.reach_rate.map(pct).unwrap_or_default(),
            format!("{}–{}", pct(acc.fake_share[0]), pct(acc.fake_share[1])),
        ]);
    }
    out.push_str(&accounts.render_text());
    if let Some(fee) = &r.fee {
        out.push_str(&format!("\nfee: {}\n", fee.reason));
    }
    write_stdout(&out)
}
