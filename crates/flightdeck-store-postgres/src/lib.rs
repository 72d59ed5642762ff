//! flightdeck-store-postgres (being built).
