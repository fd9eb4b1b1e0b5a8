//! `POST /v1/articles:batch`: each item answered on its own, none sinking the others.

mod common;

use axum::http::StatusCode;
use common::{TestApp, WIRE_STORY};
use serde_json::{json, Value};

fn statuses(body: &Value) -> Vec<&str> {
    body["items"].as_array().unwrap().iter().map(|i| i["status"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_json_batch_answers_each_item_and_stores_the_good_ones_whole() {
    let app = TestApp::new().await;
    app.post_json("/v1/articles", &json!({"text": "Stored before."})).await;
    let batch = json!([
        {"text": WIRE_STORY, "published_at": "2024-03-04"},
        {"text": "   "},
        {"text": "Stored before."},
        {"text": WIRE_STORY},
        {"title": "no text"},
        {"text": "Another note.", "published_at": "yesterday"},
        {"text": "A second note.", "source": "Test Agency"},
    ]);
    let response = app.post_json("/v1/articles:batch", &batch).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(statuses(&response.body), vec!["created", "rejected", "duplicate", "duplicate", "rejected", "rejected", "created"]);
    let items = response.body["items"].as_array().unwrap();
    assert_eq!(items[3]["id"], items[0]["id"], "a text repeated in the batch is a duplicate of its first");
    assert_eq!(items[1]["problem"]["status"], 422);
    assert!(items[5]["problem"]["detail"].as_str().unwrap().contains("published_at"));
    assert_eq!(items[0]["location"], format!("/v1/articles/{}", items[0]["id"]));
    assert_eq!((response.body["created"].as_u64(), response.body["duplicate"].as_u64(), response.body["rejected"].as_u64()), (Some(2), Some(2), Some(3)));
    assert_eq!(app.db.count("articles").await, 3);

    // What a batch stored reads back exactly as a single post would have.
    let id = items[0]["id"].as_i64().unwrap();
    let via_batch = app.get(&format!("/v1/articles/{id}/extraction")).await.body;
    let single = TestApp::new().await;
    let created = single.post_json("/v1/articles", &json!({"text": WIRE_STORY, "published_at": "2024-03-04"})).await;
    let mut expected = created.body["extraction"].clone();
    let mut got = via_batch.clone();
    for value in [&mut expected, &mut got] {
        strip_ids(value);
    }
    assert_eq!(got, expected);
}

fn strip_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("id"));
            map.values_mut().for_each(strip_ids);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

#[tokio::test]
async fn ndjson_lines_are_items_and_a_malformed_line_is_only_its_own_problem() {
    let app = TestApp::new().await;
    let body = format!(
        "{}\n{{\"text\": broken\n\n{}\n",
        json!({"text": "First note."}),
        json!({"text": "Second note."})
    );
    let response = app.post_raw("/v1/articles:batch", "application/x-ndjson", body.into_bytes()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(statuses(&response.body), vec!["created", "rejected", "created"]);
    assert_eq!(response.body["items"][1]["problem"]["status"], 400);
    assert_eq!(app.db.count("articles").await, 2);
}

#[tokio::test]
async fn batches_that_cannot_be_read_are_refused_whole() {
    let app = TestApp::new().await;
    app.post_raw("/v1/articles:batch", "application/json", b"{\"text\": \"x\"}".to_vec()).await.assert_problem(StatusCode::BAD_REQUEST, "array");
    app.post_raw("/v1/articles:batch", "text/plain", b"x".to_vec()).await.assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "ndjson");
    let many: Vec<Value> = (0..1001).map(|n| json!({"text": format!("note {n}")})).collect();
    app.post_json("/v1/articles:batch", &Value::Array(many)).await.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "1000");
    let huge = vec![b' '; 50 * 1024 * 1024 + 1];
    app.post_raw("/v1/articles:batch", "application/json", huge).await.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "bytes");
    let empty = app.post_json("/v1/articles:batch", &json!([])).await;
    assert_eq!(empty.body["created"], 0);
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn a_batch_the_database_cannot_take_is_a_503_to_retry_not_a_list_of_failures() {
    let app = TestApp::new().await;
    app.db.pool.close().await;
    let response = app.post_json("/v1/articles:batch", &json!([{"text": "First note."}, {"text": "   "}])).await;
    response.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "try again");
    assert_eq!(response.headers["retry-after"], "1");
}
