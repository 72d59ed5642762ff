//! Deterministic demo workspace generator.
