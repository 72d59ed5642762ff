//! The vetting engine: tier, engagement, authenticity, audience quality, brand fit,
//! brand safety and one explained composite score per creator × persona.
//!
//! Pure functions over plain data. The flow for a workspace:
//! 1. [`analyze`] each creator once (persona-independent: rates, growth anomalies,
//!    comment quality) — its [`AccountSummary`]s can be stored;
//! 2. [`PeerIndex::build`] from every account summary of the workspace;
//! 3. [`vet_analysis`] (or [`vet`], which does 1 and 3) per creator × persona.
//!
//! See `docs/vetting.md` for the method, thresholds and how to read the output.

pub mod analysis;
pub mod audience;
pub mod authenticity;
pub mod comments;
pub mod engagement;
pub mod fee;
pub mod fit;
pub mod growth;
pub mod input;
pub mod peers;
pub mod priors;
pub mod report;
pub mod safety;
pub mod score;
pub mod series;
pub mod snapshot;
pub mod stats;
pub mod summary;
mod text;
mod vet;
mod workspace;

pub use analysis::{analyze, analyze_with, Analysis};
pub use audience::{AudienceQuality, Targets};
pub use authenticity::{Authenticity, Flag};
pub use engagement::{RateBasis, Rates};
pub use fee::{FeeCheck, PriceVerdict};
pub use fit::{Fit, FitPart};
pub use input::{AccountInput, DisclosureStats, Exclusivity, QuotedFee, VettingInput};
pub use peers::{Metric, PeerIndex, Placement, Reference};
pub use report::{AccountReport, VettingReport};
pub use safety::Safety;
pub use score::{Component, Confidence, Weights};
pub use snapshot::{PeerSnapshot, SnapshotVersionError};
pub use summary::AccountSummary;
pub use vet::{vet, vet_analysis, Verdicts, FAKE_SHARE_GATE};
pub use workspace::{analyze_workspace, summarize_page, vet_page, vet_workspace};
