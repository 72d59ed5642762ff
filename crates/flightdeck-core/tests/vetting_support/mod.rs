//! Shared test and bench support for the vetting engine: a synthetic generator of
//! creators with known truth.

#![allow(dead_code)]

pub mod synth;
