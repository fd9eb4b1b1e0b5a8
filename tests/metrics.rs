//! `/metrics`: Prometheus text with requests per matched route and status,
//! ingested articles, extraction time and the database pool.
//!
//! The recorder is one per process, so this binary's tests read differences.

mod common;

use axum::http::{header, StatusCode};
use common::{TestApp, WIRE_STORY};
use serde_json::json;

/// The value of the sample whose line starts with `series` (name and labels, exactly).
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |value| value.trim().parse().unwrap())
}

async fn scrape(app: &TestApp) -> String {
    let response = app.get("/metrics").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("text/plain; version=0.0.4"), "{}", response.content_type());
    assert_eq!(response.headers[header::CACHE_CONTROL], "no-store");
    String::from_utf8(response.raw).unwrap()
}

const ARTICLE_404: &str =
    r#"readout_http_requests_total{method="GET",route="/v1/articles/{id}/extraction",status="404"}"#;
const ARTICLE_200: &str =
    r#"readout_http_requests_total{method="GET",route="/v1/articles/{id}/extraction",status="200"}"#;

#[tokio::test]
async fn requests_are_counted_per_matched_route_and_status() {
    let app = TestApp::new().await;
    let before = scrape(&app).await;
    let created = app.post_json("/v1/articles", &json!({"text": WIRE_STORY})).await;
    let id = created.body["id"].as_i64().unwrap();
    for _ in 0..3 {
        assert_eq!(app.get(&format!("/v1/articles/{id}/extraction")).await.status, StatusCode::OK);
    }
    for missing in [777_001, 777_002] {
        assert_eq!(app.get(&format!("/v1/articles/{missing}/extraction")).await.status, StatusCode::NOT_FOUND);
    }
    app.get("/no/such/page/12345").await;
    let after = scrape(&app).await;

    assert_eq!(sample(&after, ARTICLE_200) - sample(&before, ARTICLE_200), 3.0, "{after}");
    assert_eq!(sample(&after, ARTICLE_404) - sample(&before, ARTICLE_404), 2.0);
    let latency = r#"readout_http_request_duration_seconds_count{method="GET",route="/v1/articles/{id}/extraction",status="200"}"#;
    assert_eq!(sample(&after, latency) - sample(&before, latency), 3.0);
    assert!(after.contains(r#"readout_http_request_duration_seconds_bucket{method="GET",route="/v1/articles/{id}/extraction",status="200",le="0.005"}"#));
    assert!(after.contains(r#"route="unmatched""#), "unrouted paths share one label");
    assert!(!after.contains("777001") && !after.contains("12345"), "raw paths never become labels");

    let created_series = r#"readout_articles_ingested_total{outcome="created"}"#;
    assert!(sample(&after, created_series) - sample(&before, created_series) >= 1.0);
    assert!(sample(&after, "readout_extraction_seconds_count") >= 1.0, "{after}");
    assert!(after.contains("# TYPE readout_extraction_seconds histogram"));
    assert!(sample(&after, "readout_db_pool_connections") >= 1.0);
    assert!(after.contains("readout_db_pool_idle_connections"));
}

#[tokio::test]
async fn batch_outcomes_are_counted() {
    let app = TestApp::new().await;
    let rejected = r#"readout_articles_ingested_total{outcome="rejected"}"#;
    let before = sample(&scrape(&app).await, rejected);
    let batch = json!([{"text": "  "}, {"text": ""}, {"text": WIRE_STORY}]);
    assert_eq!(app.post_json("/v1/articles:batch", &batch).await.body["rejected"], 2);
    // Other tests of this binary may reject articles too, never take any away.
    assert!(sample(&scrape(&app).await, rejected) - before >= 2.0);
}
