//! The process's metrics: their names and the one recorder that collects
//! them. At the crate root so that use cases (extraction time in `ingest`)
//! record without reaching into the HTTP layer, which renders them at
//! `/metrics` (`api::metrics`).

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const HTTP_REQUESTS: &str = "readout_http_requests_total";
pub const HTTP_SECONDS: &str = "readout_http_request_duration_seconds";
pub const ARTICLES_INGESTED: &str = "readout_articles_ingested_total";
pub const EXTRACTION_SECONDS: &str = "readout_extraction_seconds";
pub const DB_POOL_CONNECTIONS: &str = "readout_db_pool_connections";
pub const DB_POOL_IDLE: &str = "readout_db_pool_idle_connections";
pub const TABLES_ANALYZED: &str = "readout_tables_analyzed_total";

const REQUEST_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
/// An article reads in well under a millisecond; adversarial ones take longer.
const EXTRACTION_BUCKETS: [f64; 11] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2.0];

/// The process's recorder, installed on first use. A process has one global
/// recorder, so every router built in it (tests build many) shares it.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(HTTP_SECONDS.into()), &REQUEST_BUCKETS)
            .and_then(|b| b.set_buckets_for_metric(Matcher::Full(EXTRACTION_SECONDS.into()), &EXTRACTION_BUCKETS))
            .expect("the buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics shows only what reaches this one");
        }
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!(HTTP_REQUESTS, "HTTP requests answered, by method, matched route and status");
    metrics::describe_histogram!(HTTP_SECONDS, metrics::Unit::Seconds, "Time to answer, by method, matched route and status");
    metrics::describe_counter!(ARTICLES_INGESTED, "Articles posted, by outcome: created, duplicate, rejected, failed");
    metrics::describe_histogram!(EXTRACTION_SECONDS, metrics::Unit::Seconds, "Time to read one article");
    metrics::describe_gauge!(DB_POOL_CONNECTIONS, "Connections the database pool holds, busy or idle");
    metrics::describe_gauge!(DB_POOL_IDLE, "Idle connections in the database pool");
    metrics::describe_counter!(TABLES_ANALYZED, "Tables the server analyzed because their rows changed much since the last analyze, by table");
}
