//! Dutch rules beyond the disclosure itself: child creators and young audiences (RSM, KJC),
//! alcohol (STIVA RvA 2024), gambling (Ksa role-model ban) and the Mediawet register duty (CvdM).

use super::context::{Ctx, Judged};
use super::input::Category;
use super::labels::{Class, NL};
use super::output::{Findings, Severity};
use super::text::Text;

/// Runs the Dutch rules for a commercial post.
pub(crate) fn check(ctx: &Ctx<'_>, labels: &[Judged], text: &Text, out: &mut Findings) {
    let post = ctx.post;
    if post.creator_age.is_some_and(|a| a <= 12.0) {
        out.add(
            "NL-RSM-CHILD-CREATOR",
            Severity::Violation,
            "The creator is 12 or younger; the RSM forbids prompting children of that age to make advertising.",
            "Do not advertise through creators aged 12 or younger.",
        );
    }
    young_audience(ctx, labels, out);
    match ctx.category {
        Category::Alcohol => alcohol(ctx, text, out),
        Category::Gambling => out.add(
            "NL-KANSSPEL-ROLE-MODEL",
            Severity::Violation,
            "Influencers are role models, and role models may not appear in advertising for risky games of chance (Ksa, since 1 July 2022).",
            "Drop the post: no influencers in gambling advertising.",
        ),
        Category::Other => {}
    }
    mediawet(ctx, out);
}

/// Share of the audience under 18, accepting percentages (12 → 0.12).
pub(crate) fn minors_share(ctx: &Ctx<'_>) -> Option<f64> {
    ctx.post.audience_under_18_share.filter(|s| s.is_finite()).map(|s| if s > 1.0 { s / 100.0 } else { s })
}

fn young_audience(ctx: &Ctx<'_>, labels: &[Judged], out: &mut Findings) {
    if !minors_share(ctx).is_some_and(|s| s >= 0.5) {
        return;
    }
    let ok: Vec<&Judged> = labels.iter().filter(|l| l.ok()).collect();
    let dutch_word = ok.iter().any(|l| l.hit.def.class != Class::Abbr && l.hit.def.langs & NL != 0);
    if !ok.is_empty() && !dutch_word {
        out.add(
            "NL-KJC-YOUNG-AUDIENCE-LABEL",
            Severity::Warning,
            "Half or more of the audience is under 18, and the post is disclosed only by an abbreviation or English label that young followers may not understand.",
            "Use the Dutch word: put \"reclame\" or #advertentie at the start of the caption.",
        );
    }
}

fn alcohol(ctx: &Ctx<'_>, text: &Text, out: &mut Findings) {
    let post = ctx.post;
    let share = minors_share(ctx);
    if post.creator_age.is_some_and(|a| a < 25.0) {
        out.add(
            "NL-ALCOHOL-CREATOR-AGE",
            Severity::Violation,
            "Alcohol influencers must be at least 25 and not look younger (STIVA); this creator is younger.",
            "Use a creator aged 25 or older who also looks it.",
        );
    }
    match share {
        Some(s) if s > 0.25 => out.add(
            "NL-ALCOHOL-MINORS-AUDIENCE",
            Severity::Violation,
            format!("{:.0}% of this creator's audience is under 18; alcohol advertising may not reach an audience with more than 25% minors.", s * 100.0),
            "Pick another creator whose audience is almost entirely adult.",
        ),
        Some(s) if s > 0.0 => out.add(
            "NL-ALCOHOL-AGE-GATE",
            Severity::Warning,
            format!("{:.0}% of the audience is under 18; sponsored alcohol posts must not reach minors.", s * 100.0),
            "Restrict the post to 18+ with the platform's age setting.",
        ),
        _ => {}
    }
    if post.creator_age.is_none() || share.is_none() {
        out.add(
            "NL-ALCOHOL-AGE-UNVERIFIED",
            Severity::Warning,
            "The creator's age or the audience's share of minors is unknown, so the alcohol age rules could not be checked.",
            "Record the creator's age and the audience's under-18 share.",
        );
    }
    if !has_nix18(text) {
        out.add(
            "NL-ALCOHOL-NIX18",
            Severity::Warning,
            "The post does not mention NIX18; alcohol influencers must show the NIX18 logo.",
            "Show the NIX18 logo in the image and add #NIX18 to the caption.",
        );
    }
    if ctx.platform == "tiktok" {
        out.add(
            "NL-ALCOHOL-TIKTOK",
            Severity::Violation,
            "TikTok has no age filter, so the Dutch alcohol code allows no alcohol advertising there.",
            "Do not advertise alcohol on TikTok; move the post to a platform with an 18+ setting.",
        );
    }
}

fn has_nix18(text: &Text) -> bool {
    text.has_tag("nix18") || text.has_words(&["nix18"]) || text.has_words(&["nix", "18"])
}

fn mediawet(ctx: &Ctx<'_>, out: &mut Findings) {
    let big = ctx.post.creator_followers.is_some_and(|f| f >= 100_000.0);
    if big && matches!(ctx.platform.as_str(), "youtube" | "instagram" | "tiktok") {
        out.add(
            "NL-MEDIAWET-REGISTER",
            Severity::Info,
            "A creator this size who earns from videos may have to register with the Commissariaat voor de Media (24+ videos a year, KvK-registered).",
            "Check the creator's CvdM registration, SRC membership and NICAM age ratings.",
        );
    }
}
