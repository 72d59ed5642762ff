//! flightdeck-server (being built).
