//! flightdeck-store-sqlite (being built).
