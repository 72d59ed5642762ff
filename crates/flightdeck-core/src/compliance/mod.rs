//! The compliance engine: checks one post against the disclosure and influencer rules of the
//! Netherlands, Belgium, the US and the UK, as the rule catalog in
//! `refdata/compliance/README.md` defines them, and says per finding how to fix it.
//!
//! ```
//! use flightdeck_core::compliance::{check, PostInput, Severity};
//! let post: PostInput = serde_json::from_str(
//!     r#"{"platform": "instagram", "country": "NL", "relationship": "paid",
//!         "caption": "Zomerlook! #fashion #spon", "paid_partnership_label": false}"#,
//! ).unwrap();
//! let result = check(&post);
//! assert_eq!(result.verdict, Severity::Violation);
//! assert_eq!(result.findings[0].rule, "NL-RSM-VAGUE-LABEL");
//! ```
//!
//! The work per post is one pass that folds and tokenizes the caption, one table lookup per
//! token against [`labels`](self) (the one place where labels live), and a handful of rules.

mod be;
mod context;
mod detect;
mod disclosure;
mod input;
mod labels;
mod nl;
mod output;
mod parse;
mod planned;
mod text;

pub use input::PostInput;
pub use output::{CheckResult, Finding, Severity};
pub use parse::{parse_post, post_from_value, InputError};
pub use planned::{deliverable_input, relationship_of};

use context::{judge, Ctx, Status};
use input::{Jurisdiction, Relationship};
use output::Findings;
use text::Text;

/// Checks one post and returns its verdict and findings (never panics, whatever the input).
pub fn check(post: &PostInput) -> CheckResult {
    let mut out = Findings::default();
    run(post, &mut out);
    CheckResult::from_findings(out.0)
}

fn run(post: &PostInput, out: &mut Findings) {
    let Some(country) = post.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
        out.add(
            "GEN-COUNTRY-UNKNOWN",
            Severity::Warning,
            "The post has no target country, so no disclosure rules could be checked.",
            "Set the country of the audience the post targets (NL, BE, US, GB).",
        );
        return;
    };
    let Some(j) = Jurisdiction::parse(country) else {
        out.add(
            "GEN-COUNTRY-UNSUPPORTED",
            Severity::Info,
            format!("Flightdeck has no rule set for the market `{country}`; nothing was checked."),
            "Check the local advertising rules yourself (rule sets exist for NL, BE, US and GB).",
        );
        return;
    };
    let ctx = Ctx::new(post, j);
    if ctx.rel == Relationship::None {
        return;
    }
    let text = Text::analyse(post.caption.as_deref().unwrap_or(""), post.hashtags.as_deref().unwrap_or(&[]));
    let labels = judge(&ctx, &detect::scan(&text));
    let labelled = labels.iter().any(|l| l.status != Status::Own);
    if ctx.rel == Relationship::Unknown && !labelled && post.paid_partnership_label != Some(true) {
        out.add(
            ctx.rule("RELATIONSHIP-UNKNOWN"),
            Severity::Warning,
            "The relationship with the brand is not recorded and the post carries no label, so it is unknown whether it must be disclosed.",
            format!(
                "Record the relationship (paid, gifted, affiliate, own_product, ambassador or none); if the creator got any benefit, put {} at the start of the caption.",
                ctx.good_label()
            ),
        );
        return;
    }
    disclosure::check(&ctx, &labels, out);
    match j {
        Jurisdiction::Nl => nl::check(&ctx, &labels, &text, out),
        Jurisdiction::Be => be::check(&ctx, &text, out),
        Jurisdiction::Us | Jurisdiction::Uk => {}
    }
}
