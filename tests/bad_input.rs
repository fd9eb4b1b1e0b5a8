//! Hostile and broken input: each gets a clear 4xx problem (or a correct
//! answer) in bounded time, nothing is half-written, and the server stays
//! healthy. Durations are printed (`--nocapture`) rather than asserted; the
//! timeout is only a guard against a hang.

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{TestApp, TestResponse};
use readout::domain::MAX_TEXT_CHARS;
use serde_json::json;

const GUARD: Duration = Duration::from_secs(10);

async fn timed(label: &str, request: impl std::future::Future<Output = TestResponse>) -> TestResponse {
    let started = Instant::now();
    let response = tokio::time::timeout(GUARD, request).await.unwrap_or_else(|_| panic!("{label}: no answer within {GUARD:?}"));
    eprintln!("{label:<48} {:>4} in {:>7.1} ms", response.status.as_u16(), started.elapsed().as_secs_f64() * 1e3);
    response
}

/// A 4xx problem+json whose detail says something.
fn assert_client_problem(label: &str, response: &TestResponse) {
    assert!(response.status.is_client_error(), "{label}: {} {}", response.status, response.body);
    assert_eq!(response.content_type(), "application/problem+json", "{label}");
    assert_eq!(response.body["status"], response.status.as_u16(), "{label}");
    assert!(!response.body["detail"].as_str().unwrap_or("").is_empty(), "{label}: a detail");
}

/// Still serving, and holding exactly the articles it should.
async fn assert_healthy(app: &TestApp, articles: i64) {
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    assert_eq!(app.get("/v1/articles").await.status, StatusCode::OK);
    assert_eq!(app.db.count("articles").await, articles, "no article was half-written");
    // Every derived row belongs to a stored article.
    let orphans: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM statements s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id))
              + (SELECT count(*) FROM article_officials o WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id))",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(orphans, 0);
}

const WRITES: [&str; 3] = ["/v1/articles", "/v1/extract", "/v1/articles:batch"];

#[tokio::test]
async fn malformed_bodies_are_refused_with_a_problem() {
    let app = TestApp::new().await;
    let mut binary = vec![0u8; 64 * 1024];
    let mut state = 0x2545F491u32;
    for byte in &mut binary {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *byte = state as u8;
    }
    let nested = "[".repeat(100_000);
    let nested_object = "{\"text\":".repeat(50_000);
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("invalid UTF-8 in a JSON string", "application/json", b"{\"text\": \"caf\xc3\x28 \xff\xfe\"}".to_vec()),
        ("invalid UTF-8 as text/plain", "text/plain; charset=utf-8", b"caf\xc3\x28 \xff\xfe".to_vec()),
        ("binary data as JSON", "application/json", binary.clone()),
        ("binary data as octet-stream", "application/octet-stream", binary.clone()),
        ("100,000 nested arrays", "application/json", nested.clone().into_bytes()),
        ("50,000 nested objects", "application/json", nested_object.into_bytes()),
        ("a NUL byte in JSON", "application/json", b"{\"text\": \"a\0b\"}".to_vec()),
    ];
    for path in WRITES {
        for (what, content_type, body) in &cases {
            let label = format!("{path} {what}");
            let response = timed(&label, app.post_raw(path, content_type, body.clone())).await;
            assert_client_problem(&label, &response);
        }
    }
    for (what, body) in [("invalid UTF-8", b"{\"text\": \"ok\"}\n\xff\xfe\n".to_vec()), ("binary", binary), ("nesting", nested.into_bytes())] {
        let label = format!("batch NDJSON {what}");
        let response = timed(&label, app.post_raw("/v1/articles:batch", "application/x-ndjson", body)).await;
        match response.status {
            // A body that is not UTF-8 is refused whole; lines that are not JSON only themselves.
            StatusCode::OK => assert_eq!(response.body["created"], 0, "{label}: {}", response.body),
            _ => assert_client_problem(&label, &response),
        }
    }
    assert_healthy(&app, 0).await;
}

#[tokio::test]
async fn a_10_mb_body_is_too_large_except_for_a_batch_which_reads_it() {
    let app = TestApp::new().await;
    let text = "Wang said China is ready. ".repeat(10 * 1024 * 1024 / 26);
    let body = json!({ "text": text }).to_string().into_bytes();
    for path in ["/v1/articles", "/v1/extract"] {
        let response = timed(&format!("{path} 10 MB"), app.post_raw(path, "application/json", body.clone())).await;
        response.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "larger than");
    }
    // Within the batch limit (50 MiB) the body is read, and the item judged on its own.
    let batch = format!("[{}]", String::from_utf8(body).unwrap()).into_bytes();
    let response = timed("batch of one 10 MB article", app.post_raw("/v1/articles:batch", "application/json", batch)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body["items"][0]["status"], "rejected");
    assert!(response.body["items"][0]["problem"]["detail"].as_str().unwrap().contains("at most 200000"));
    assert_healthy(&app, 0).await;
}

#[tokio::test]
async fn texts_past_the_bounds_are_refused_with_the_bound_in_the_detail() {
    let app = TestApp::new().await;
    let too_long = "Yes. ".repeat(100_000);
    let too_many = "Yes. ".repeat(MAX_TEXT_CHARS / 5);
    for path in ["/v1/articles", "/v1/extract"] {
        let response = timed(&format!("{path} 100,000 sentences"), app.post_json(path, &json!({ "text": too_long }))).await;
        response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "at most 200000");
        let response = timed(&format!("{path} 40,000 sentences"), app.post_json(path, &json!({ "text": too_many }))).await;
        response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "more than 5000 sentences");
    }
    let batch = json!([{ "text": too_long }, { "text": too_many }, { "text": "Yes. No. Maybe so." }]);
    let response = timed("batch with both", app.post_json("/v1/articles:batch", &batch)).await;
    let statuses: Vec<&str> = response.body["items"].as_array().unwrap().iter().map(|i| i["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["rejected", "rejected", "created"]);
    assert!(response.body["items"][1]["problem"]["detail"].as_str().unwrap().contains("5000 sentences"));
    assert_healthy(&app, 1).await;
}

/// Texts at the bounds built to make pattern matching work hard: each is read
/// (200) in bounded time, or refused for its sentences (422).
#[tokio::test]
async fn texts_built_to_make_patterns_backtrack_are_read_in_bounded_time() {
    let app = TestApp::new().await;
    let n = MAX_TEXT_CHARS;
    let cases: Vec<(&str, String)> = vec![
        ("a run of `a`", "a".repeat(n)),
        ("`a,` repeated", "a,".repeat(n / 2)),
        ("`a, ` repeated", "a, ".repeat(n / 3)),
        ("President President ...", "President ".repeat(n / 10)),
        ("Foreign Minister of ...", "Foreign Minister of ".repeat(n / 20)),
        ("50,000 capitalised words, no verb", "Li ".repeat(50_000)),
        ("capitalised names, no verb", "Zhang Wei Wang Yi ".repeat(n / 18)),
        ("names and commas in one sentence", format!("{}said.", "Wang Yi, ".repeat(n / 9 - 1))),
        ("`said` chains", "Wang said Li said ".repeat(n / 18)),
        ("an opening quote never closed", format!("\"{}", "We agree and ".repeat(n / 13 - 1))),
        ("quotes only", "\"".repeat(n)),
        ("alternating quotes and words", "\" said \u{201c}".repeat(n / 9)),
        ("one long line of dots", ".".repeat(n)),
        ("dotted initials", "A.".repeat(n / 2)),
        ("parentheses never closed", "(Xinhua ".repeat(n / 8)),
        ("a dateline repeated", "BEIJING, Sept. 14 (Xinhua) -- ".repeat(n / 31)),
        ("meeting verbs", "Wang Yi met Li Wei, ".repeat(n / 20)),
        ("topic phrases", "One-China Belt and Road ".repeat(n / 24)),
        ("digits", "2020-09-14 ".repeat(n / 11)),
        ("4-byte characters", "𝕏".repeat(n)),
    ];
    for (what, text) in &cases {
        let response = timed(what, app.post_json("/v1/extract", &json!({ "text": text }))).await;
        match response.status {
            StatusCode::OK => assert!(response.body["statements"].is_array(), "{what}"),
            StatusCode::UNPROCESSABLE_ENTITY => response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "sentences"),
            other => panic!("{what}: {other} {}", response.body),
        }
    }
    // Stored too, those that give the most rows to write: officials, statements, meetings.
    let mut created = 0;
    for (what, text) in cases.iter().filter(|(what, _)| STORED.contains(what)) {
        let response = timed(&format!("stored: {what}"), app.post_json("/v1/articles", &json!({ "text": text }))).await;
        assert!(matches!(response.status, StatusCode::CREATED | StatusCode::UNPROCESSABLE_ENTITY), "{what}: {}", response.body);
        created += i64::from(response.status == StatusCode::CREATED);
    }
    assert!(created > 0);
    assert_healthy(&app, created).await;
}

const STORED: [&str; 4] = ["President President ...", "capitalised names, no verb", "`said` chains", "meeting verbs"];

#[tokio::test]
async fn injection_looking_filters_are_validated_or_matched_literally() {
    let app = TestApp::new().await;
    let stored = app.post_json("/v1/articles", &json!({ "text": common::WIRE_STORY })).await;
    assert_eq!(stored.status, StatusCode::CREATED);
    let statements = app.db.count("statements").await;
    for uri in [
        "/v1/meetings?country=CN%27%20OR%201%3D1--",
        "/v1/officials?country=CN%27%20OR%201%3D1--",
        "/v1/positions?topic=%27",
        "/v1/statements?topic=one_china%27%3B--",
        "/v1/positions?actor=KZ%27%20OR%20%271%27%3D%271",
        "/v1/meetings?from=2020-01-01%27%20OR%201%3D1--",
        "/v1/articles?limit=1%3BDROP%20TABLE%20articles",
        "/v1/articles?cursor=%27%20OR%201%3D1--",
        "/v1/stats/positions?group_by=actor%3BDROP%20TABLE%20positions",
        "/v1/officials/1%20OR%201=1",
    ] {
        let response = timed(uri, app.get(uri)).await;
        assert_client_problem(uri, &response);
    }
    for uri in [
        "/v1/statements?q=%27%3B%20DROP%20TABLE%20statements%3B--",
        "/v1/statements?q=%27%20OR%20%271%27%3D%271",
        "/v1/officials?q=%27%20OR%201%3D1--",
        "/v1/statements?q=%25%27%20AND%201%3D1--",
        "/v1/officials?q=%25%27%20OR%201%3D1--",
    ] {
        let response = timed(uri, app.get(uri)).await;
        assert_eq!(response.status, StatusCode::OK, "{uri}: {}", response.body);
        assert_eq!(response.body["items"], json!([]), "{uri}: matched as text, so nothing matches");
    }
    // Names are searched by their letters and digits: `%`, `_` and quotes are no wildcards.
    let everyone = app.get("/v1/officials").await.body["items"].clone();
    assert_eq!(everyone.as_array().unwrap().len(), 2);
    for uri in ["/v1/officials?q=%25", "/v1/officials?q=_", "/v1/officials?q=%5C%27%25_"] {
        assert_eq!(timed(uri, app.get(uri)).await.body["items"], everyone, "{uri}: no letters, no filter");
    }
    assert_eq!(app.db.count("statements").await, statements, "the table is still there, whole");
    assert_healthy(&app, 1).await;
}

#[tokio::test]
async fn odd_requests_around_the_body_are_problems_too() {
    let app = TestApp::new().await;
    let no_type = Request::post("/v1/articles").body(Body::from("{\"text\": \"x\"}")).unwrap();
    assert_client_problem("no content type", &timed("no content type", app.send(no_type)).await);
    let huge_key = Request::post("/v1/articles")
        .header("content-type", "application/json")
        .header("idempotency-key", "k".repeat(10_000))
        .body(Body::from("{\"text\": \"x\"}"))
        .unwrap();
    assert_client_problem("a 10,000-character idempotency key", &timed("huge idempotency key", app.send(huge_key)).await);
    assert_healthy(&app, 0).await;
}

#[tokio::test]
async fn the_nul_character_is_refused_wherever_a_client_sends_it() {
    let app = TestApp::new().await;
    // Escaped in JSON, U+0000 is valid JSON but no PostgreSQL text can hold it.
    for (label, body) in [
        ("NUL in text", json!({"text": "BEIJING -- Wang\u{0} said."})),
        ("NUL in title", json!({"text": "BEIJING -- Wang Yi said.", "title": "a\u{0}b"})),
        ("NUL in source", json!({"text": "BEIJING -- Wang Yi said.", "source": "\u{0}"})),
    ] {
        let response = timed(label, app.post_json("/v1/articles", &body)).await;
        assert_client_problem(label, &response);
        assert!(response.body["detail"].as_str().unwrap().contains("U+0000"), "{label}: {}", response.body);
    }
    let batch = app.post_json("/v1/articles:batch", &json!([{"text": "a\u{0}"}, {"text": "BEIJING -- Wang Yi said."}])).await;
    assert_eq!(batch.status, StatusCode::OK, "{}", batch.body);
    assert_eq!((batch.body["created"].as_i64(), batch.body["rejected"].as_i64()), (Some(1), Some(1)), "{}", batch.body);
    for filter in ["/v1/statements?q=a%00b", "/v1/officials?q=%00", "/v1/meetings?location=%00"] {
        let response = timed(filter, app.get(filter)).await;
        assert!(response.status.is_success() || response.status.is_client_error(), "{filter}: {}", response.status);
    }
    assert_healthy(&app, 1).await;
}
