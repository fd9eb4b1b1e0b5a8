//! Prometheus metrics at `/metrics` (text exposition format, outside `/v1`
//! and the OpenAPI document: it is for scrapers, not API clients).
//!
//! Code records through the `metrics` facade wherever the event happens
//! (extraction time is recorded in `ingest`); one recorder per process
//! (`crate::telemetry`, with the metrics' names) collects it, and `/metrics`
//! renders it. Requests are labelled by the route they matched
//! (`/v1/articles/{id}`), never the raw path, so the number of series stays
//! bounded whatever clients send.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::AppState;
use crate::telemetry::{handle, ARTICLES_INGESTED, DB_POOL_CONNECTIONS, DB_POOL_IDLE, HTTP_REQUESTS, HTTP_SECONDS};

const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

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
