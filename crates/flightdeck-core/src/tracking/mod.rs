//! tracking engine (under construction).
