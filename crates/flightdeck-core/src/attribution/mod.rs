//! attribution engine (under construction).
