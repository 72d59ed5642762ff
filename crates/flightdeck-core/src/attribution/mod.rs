//! Attribution: how a conversion's credit is split over the channels that touched it.
//!
//! Two entry points:
//! - **Path level** ([`PathSet`], [`attribute`]): aggregated paths in the
//!   ChannelAttribution convention, credited by first touch, last touch, linear,
//!   position-based, Markov removal effect of order k (exact linear solve) or the exact
//!   Shapley value. The definitions are those of `refdata/attribution/README.md`.
//! - **Journey level** ([`journey`], [`rules`], [`summary`]): touch events (clicks,
//!   discount codes, view-through exposures, UTM channels) and conversions become
//!   per-customer journeys within lookback windows, which are credited per creator and
//!   channel, with click, view-through and assisted conversions counted apart.
//!
//! Everything here is a pure function over plain data.

mod error;
pub mod flight;
mod fxhash;
pub mod heuristic;
pub mod journey;
pub mod markov;
mod model;
mod pathset;
pub mod rules;
pub mod shapley;
pub mod summary;

pub use error::AttributionError;
pub use model::{attribute, Attribution, ChannelCredit, Model};
pub use pathset::{split_path, ChannelIdx, PathRow, PathSet, PathSetBuilder, MAX_CHANNELS};
