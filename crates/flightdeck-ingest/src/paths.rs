//! Attribution path files (ChannelAttribution CSV convention).
