//! Prometheus metrics of the HTTP server.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Labels of one request series.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    path: String,
    status: u16,
}

/// Labels of the duration histogram.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    path: String,
}

/// Request counts and latencies by matched route (never by raw URL, so a scan
/// of random paths cannot blow up the series count).
pub struct HttpMetrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram>,
    info: Family<Vec<(String, String)>, Gauge>,
}

impl HttpMetrics {
    /// Fresh metrics with their registry.
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.000_05, 2.0, 18))
        });
        let info = Family::<Vec<(String, String)>, Gauge>::default();
        registry.register("flightdeck_http_requests", "HTTP requests by route and status", requests.clone());
        registry.register(
            "flightdeck_http_request_duration_seconds",
            "HTTP request latency by route",
            durations.clone(),
        );
        registry.register("flightdeck_build_info", "Flightdeck version and store backend", info.clone());
        Self { registry, requests, durations, info }
    }

    /// Records one finished request.
    pub fn observe(&self, method: &str, path: &str, status: u16, elapsed: Duration) {
        let labels = RequestLabels { method: method.to_owned(), path: path.to_owned(), status };
        self.requests.get_or_create(&labels).inc();
        let route = RouteLabels { method: method.to_owned(), path: path.to_owned() };
        self.durations.get_or_create(&route).observe(elapsed.as_secs_f64());
    }

    /// The Prometheus text exposition.
    pub fn render(&self, backend: &str) -> Result<String, std::fmt::Error> {
        let labels = vec![
            ("version".to_owned(), env!("CARGO_PKG_VERSION").to_owned()),
            ("backend".to_owned(), backend.to_owned()),
        ];
        self.info.get_or_create(&labels).set(1);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }
}

impl Default for HttpMetrics {
    fn default() -> Self {
        Self::new()
    }
}
