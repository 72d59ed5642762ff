//! vetting engine (under construction).
