//! Progress bars for long work, shown only on a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar of `len` steps labelled `what`; hidden when stderr is not a
/// terminal (scripts and tests see clean output).
pub fn bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_owned());
    bar
}

/// Progress of a rescore: one bar per phase, on a terminal only.
#[derive(Debug, Default)]
pub struct Phases {
    bar: std::sync::Mutex<Option<ProgressBar>>,
}

impl Phases {
    /// No bar yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut guard) = self.bar.lock() {
            f(&mut guard);
        }
    }
}

impl flightdeck_store::scoring::Progress for Phases {
    fn start(&self, phase: flightdeck_store::scoring::Phase, total: u64) {
        self.with(|slot| {
            if let Some(old) = slot.take() {
                old.finish_and_clear();
            }
            *slot = Some(bar(total, phase.label()));
        });
    }

    fn advance(&self, n: u64) {
        self.with(|slot| {
            if let Some(b) = slot.as_ref() {
                b.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with(|slot| {
            if let Some(old) = slot.take() {
                old.finish_and_clear();
            }
        });
    }
}
