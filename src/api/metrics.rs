//! Prometheus metrics at `/metrics` (text exposition format, outside `/v1`
//! and the OpenAPI document: it is for scrapers, not API clients).
//!
//! Code records through the `metrics` facade wherever the event happens
//! (extraction time is recorded in `ingest`); one recorder per process
//! collects it, and `/metrics` renders it. Requests are labelled by the route
//! they matched (`/v1/articles/{id}`), never the raw path, so the number of
//! series stays bounded whatever clients send.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::AppState;

pub const HTTP_REQUESTS: &str = "readout_http_requests_total";
pub const HTTP_SECONDS: &str = "readout_http_request_duration_seconds";
pub const ARTICLES_INGESTED: &str = "readout_articles_ingested_total";
pub const EXTRACTION_SECONDS: &str = "readout_extraction_seconds";
pub const DB_POOL_CONNECTIONS: &str = "readout_db_pool_connections";
pub const DB_POOL_IDLE: &str = "readout_db_pool_idle_connections";

const REQUEST_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
/// An article reads in well under a millisecond; adversarial ones take longer.
const EXTRACTION_BUCKETS: [f64; 11] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2.0];

const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

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
}

/// Counts and times every request under the route it matched.
pub async fn track(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    handle();
    let route = matched.map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let labels = [("method", method.to_string()), ("route", route), ("status", response.status().as_u16().to_string())];
    metrics::counter!(HTTP_REQUESTS, &labels).increment(1);
    metrics::histogram!(HTTP_SECONDS, &labels).record(started.elapsed().as_secs_f64());
    response
}

/// Methods nobody routes are one label, so they cannot grow the series either.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Counts what happened to posted articles.
pub fn count_ingested(outcome: &'static str, n: usize) {
    if n > 0 {
        metrics::counter!(ARTICLES_INGESTED, "outcome" => outcome).increment(n as u64);
    }
}

async fn render(State(app): State<AppState>) -> Response {
    metrics::gauge!(DB_POOL_CONNECTIONS).set(f64::from(app.pool.size()));
    metrics::gauge!(DB_POOL_IDLE).set(app.pool.num_idle() as f64);
    let handle = handle();
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, EXPOSITION), (header::CACHE_CONTROL, "no-store")], handle.render()).into_response()
}

pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(render))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusual_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "other");
    }
}
