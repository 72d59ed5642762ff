//! The disclosure decision of §2: one caption finding per post (first match wins), the story
//! rule that replaces it, and the in-media rule for other videos.

use super::context::{Ctx, Judged, Status};
use super::input::{Jurisdiction, Relationship};
use super::output::{Findings, Severity};

/// Runs the caption (or story) and media rules for a commercial post.
pub(crate) fn check(ctx: &Ctx<'_>, labels: &[Judged], out: &mut Findings) {
    if ctx.story {
        story(ctx, labels, out);
    } else {
        caption(ctx, labels, out);
        if ctx.video && ctx.j != Jurisdiction::Uk {
            media(ctx, out);
        }
    }
}

/// Quotes the first label with this status, for messages.
fn first_with(labels: &[Judged], pred: impl Fn(&Judged) -> bool) -> String {
    labels.iter().find(|l| pred(l)).map(|l| format!("`{}`", l.hit.def.text)).unwrap_or_else(|| "the label".into())
}

/// The §2 caption steps (1)–(7).
fn caption(ctx: &Ctx<'_>, labels: &[Judged], out: &mut Findings) {
    let good = ctx.good_label();
    if labels.iter().any(Judged::ok) {
        return;
    }
    if ctx.post.paid_partnership_label == Some(true) {
        if ctx.j != Jurisdiction::Nl || ctx.video {
            platform_label_only(ctx, out);
        }
        return;
    }
    if labels.iter().any(|l| l.status == Status::Accepted) {
        placement(ctx, labels, out);
        return;
    }
    if ctx.j == Jurisdiction::Be && labels.iter().any(|l| l.status == Status::WrongLanguage) {
        let label = first_with(labels, |l| l.status == Status::WrongLanguage);
        out.add(
            "BE-WER-LANGUAGE",
            Severity::Violation,
            format!("The disclosure {label} is not in the language of the audience; Belgian law wants it in the post's language."),
            format!("Put {good} at the start of the caption instead."),
        );
        return;
    }
    if labels.iter().any(|l| l.status == Status::Vague) {
        let label = first_with(labels, |l| l.status == Status::Vague);
        out.add(
            ctx.rule("VAGUE-LABEL"),
            Severity::Violation,
            format!("{label} is a vague label: followers cannot tell from it that this post is advertising."),
            format!("Replace {label} by {good} at the start of the caption."),
        );
        return;
    }
    if ctx.rel == Relationship::OwnProduct && labels.iter().any(|l| l.status == Status::Own && l.visible) {
        let label = first_with(labels, |l| l.status == Status::Own);
        match ctx.j {
            Jurisdiction::Nl | Jurisdiction::Uk => {
                out.add(
                    ctx.rule("OWN-PRODUCT-WORDING"),
                    Severity::Warning,
                    format!("Only own-brand wording ({label}) shows this is the creator's own product; that may not read as advertising."),
                    format!("Add {good} at the start of the caption as well."),
                );
                return;
            }
            Jurisdiction::Us => return,
            Jurisdiction::Be => {}
        }
    }
    missing(ctx, out);
}

fn platform_label_only(ctx: &Ctx<'_>, out: &mut Findings) {
    let good = ctx.good_label();
    let also_video = if ctx.video { " and say or show it in the video" } else { "" };
    out.add(
        ctx.rule("PLATFORM-LABEL-ONLY"),
        Severity::Warning,
        "Only the platform's paid-partnership label discloses this post; the caption carries no clear label.",
        format!("Keep the paid-partnership label, also put {good} at the start of the caption{also_video}."),
    );
}

fn placement(ctx: &Ctx<'_>, labels: &[Judged], out: &mut Findings) {
    let accepted = |l: &Judged| l.status == Status::Accepted;
    if labels.iter().any(|l| accepted(l) && l.visible) {
        let label = first_with(labels, |l| accepted(l) && l.visible);
        out.add(
            ctx.rule("HASHTAG-BURIED"),
            Severity::Violation,
            format!("{label} is hidden in the middle of a block of hashtags, where followers do not see it."),
            format!("Put {label} first in the caption, before the other text and hashtags."),
        );
    } else {
        let label = first_with(labels, accepted);
        out.add(
            ctx.rule("PLACEMENT"),
            Severity::Violation,
            format!(
                "{label} only appears after \"more\": the caption is cut after {}, so followers do not see it.",
                ctx.fold_words()
            ),
            format!("Move {label} to the first line of the caption, before \"more\"."),
        );
    }
}

fn missing(ctx: &Ctx<'_>, out: &mut Findings) {
    let good = ctx.good_label();
    match ctx.post.paid_partnership_label {
        Some(false) => out.add(
            ctx.rule("DISCLOSURE-MISSING"),
            Severity::Violation,
            "This is a commercial post, but neither the caption nor the platform label discloses it.",
            format!("Put {good} at the start of the caption."),
        ),
        _ => out.add(
            ctx.rule("DISCLOSURE-UNVERIFIED"),
            Severity::Warning,
            "This is a commercial post without a label in the caption; whether the platform's paid-partnership label is on is unknown.",
            format!("Put {good} at the start of the caption, or confirm that the paid-partnership label is switched on."),
        ),
    }
}

/// Stories: the sticker text or the media must disclose, on every frame.
fn story(ctx: &Ctx<'_>, labels: &[Judged], out: &mut Findings) {
    if labels.iter().any(Judged::ok) || ctx.post.disclosure_in_media == Some(true) {
        return;
    }
    let good = ctx.good_label();
    if ctx.post.paid_partnership_label == Some(true) {
        out.add(
            ctx.rule("PLATFORM-LABEL-ONLY"),
            Severity::Warning,
            "Only the platform's paid-partnership label discloses this story; the frames themselves carry no label.",
            format!("Keep the paid-partnership label and also put {good} as text on every story frame (at least the first and last)."),
        );
        return;
    }
    media_finding(ctx, out, "story", "on every story frame (at least the first and the last)");
}

/// Other videos: the video itself must say or show the label.
fn media(ctx: &Ctx<'_>, out: &mut Findings) {
    if ctx.post.disclosure_in_media == Some(true) {
        return;
    }
    media_finding(ctx, out, "video", "in the video itself: say it or show it at the start or at the plug");
}

fn media_finding(ctx: &Ctx<'_>, out: &mut Findings, what: &str, where_: &str) {
    let good = ctx.good_label();
    let word = good.split_whitespace().next().unwrap_or(good).trim_start_matches('#');
    match ctx.post.disclosure_in_media {
        Some(false) => out.add(
            ctx.rule("MEDIA-DISCLOSURE"),
            Severity::Violation,
            format!("The {what} itself does not disclose the advertising; a label in the text alone is not enough."),
            format!("Show or say \"{word}\" {where_}."),
        ),
        _ => out.add(
            ctx.rule("MEDIA-UNVERIFIED"),
            Severity::Warning,
            format!(
                "Whether the {what} itself discloses the advertising is unknown (disclosure_in_media not recorded)."
            ),
            format!("Check that \"{word}\" is shown or said {where_}, and record it."),
        ),
    }
}
