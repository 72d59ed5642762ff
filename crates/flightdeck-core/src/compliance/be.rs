//! Belgian rules beyond the disclosure itself: the gambling advertising ban (Royal Decree of
//! 27 February 2023) and the alcohol convention (in force 1 January 2025).

use super::context::Ctx;
use super::input::Category;
use super::nl::minors_share;
use super::output::{Findings, Severity};
use super::text::Text;

/// Runs the Belgian category rules for a commercial post.
pub(crate) fn check(ctx: &Ctx<'_>, text: &Text, out: &mut Findings) {
    match ctx.category {
        Category::Gambling => out.add(
            "BE-KANSSPEL-AD-BAN",
            Severity::Violation,
            "Belgium bans gambling advertising on social media since 1 July 2023.",
            "Drop the post: gambling advertising by creators is not allowed in Belgium.",
        ),
        Category::Alcohol => alcohol(ctx, text, out),
        Category::Other => {}
    }
}

fn alcohol(ctx: &Ctx<'_>, text: &Text, out: &mut Findings) {
    let post = ctx.post;
    let share = minors_share(ctx);
    if post.creator_age.is_some_and(|a| a < 25.0) {
        out.add(
            "BE-ALCOHOL-CREATOR-AGE",
            Severity::Violation,
            "Creators promoting alcohol in Belgium must be at least 25 and look it; this creator is younger.",
            "Use a creator aged 25 or older.",
        );
    }
    if let Some(s) = share.filter(|s| *s >= 0.30) {
        out.add(
            "BE-ALCOHOL-MINORS-AUDIENCE",
            Severity::Violation,
            format!(
                "{:.0}% of the audience is under 18; the Belgian alcohol convention needs at least 70% adults.",
                s * 100.0
            ),
            "Pick another creator, and use the platform's age filter.",
        );
    }
    if matches!(ctx.platform.as_str(), "tiktok" | "snapchat") {
        out.add(
            "BE-ALCOHOL-PLATFORM",
            Severity::Violation,
            "The Belgian alcohol convention allows no alcohol advertising on TikTok or Snapchat.",
            "Do not advertise alcohol on TikTok or Snapchat.",
        );
    }
    if !has_health_message(text) {
        out.add(
            "BE-ALCOHOL-HEALTH-MESSAGE",
            Severity::Warning,
            "The mandatory health message is missing from the post.",
            "Add \"Alcoholmisbruik schaadt de gezondheid\" (Dutch) or \"L'abus d'alcool nuit à la santé\" (French).",
        );
    }
    if post.creator_age.is_none() || share.is_none() {
        out.add(
            "BE-ALCOHOL-AGE-UNVERIFIED",
            Severity::Warning,
            "The creator's age or the audience's share of minors is unknown, so the alcohol age rules could not be checked.",
            "Record the creator's age and the audience's under-18 share.",
        );
    }
}

fn has_health_message(text: &Text) -> bool {
    text.has_words(&["alcoholmisbruik", "schaadt", "de", "gezondheid"])
        || text.has_words(&["alcoholmisbruik", "schaadt", "je", "gezondheid"])
        || text.has_words(&["abus", "d", "alcool", "nuit", "a", "la", "sante"])
}
