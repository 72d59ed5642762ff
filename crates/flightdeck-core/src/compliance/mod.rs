//! compliance engine (under construction).
