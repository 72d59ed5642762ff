//! flightdeck-store (being built).
