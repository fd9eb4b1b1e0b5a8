//! Every client mistake answers RFC 9457 problem+json with the right 4xx.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400() {
    let app = TestApp::new().await;
    for uri in ["/v1/articles", "/v1/extract"] {
        let response = app.post_raw(uri, "application/json", b"{\"text\": ".to_vec()).await;
        response.assert_problem(StatusCode::BAD_REQUEST, "json");
    }
}

#[tokio::test]
async fn missing_or_blank_text_is_422() {
    let app = TestApp::new().await;
    for uri in ["/v1/articles", "/v1/extract"] {
        app.post_json(uri, &json!({"title": "no text"})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "text");
        app.post_json(uri, &json!({"text": "  \n "})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "blank");
        app.post_json(uri, &json!({"text": 42})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "text");
    }
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn malformed_published_at_is_422() {
    let app = TestApp::new().await;
    let response = app.post_json("/v1/articles", &json!({"text": "Some news.", "published_at": "14/09/2020"})).await;
    response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "published_at");
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let app = TestApp::new().await;
    let text = "word ".repeat(220_000);
    let response = app.post_json("/v1/articles", &json!({ "text": text })).await;
    response.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "limit");
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn a_body_not_declared_as_json_is_415() {
    let app = TestApp::new().await;
    let response = app.post_raw("/v1/articles", "text/plain", b"{\"text\": \"x\"}".to_vec()).await;
    response.assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "application/json");
}

#[tokio::test]
async fn unknown_ids_are_404_and_malformed_ids_400() {
    let app = TestApp::new().await;
    for uri in ["/v1/articles/999999", "/v1/articles/999999/extraction"] {
        app.get(uri).await.assert_problem(StatusCode::NOT_FOUND, "999999");
    }
    app.delete("/v1/articles/999999").await.assert_problem(StatusCode::NOT_FOUND, "999999");
    for uri in ["/v1/articles/abc", "/v1/articles/1.5/extraction", "/v1/articles/99999999999999999999"] {
        app.get(uri).await.assert_problem(StatusCode::BAD_REQUEST, "not a valid");
    }
    app.delete("/v1/articles/abc").await.assert_problem(StatusCode::BAD_REQUEST, "abc");
}

#[tokio::test]
async fn bad_paging_parameters_are_400() {
    let app = TestApp::new().await;
    for uri in ["/v1/articles?limit=0", "/v1/articles?limit=501", "/v1/articles?limit=-3"] {
        app.get(uri).await.assert_problem(StatusCode::BAD_REQUEST, "limit");
    }
    app.get("/v1/articles?limit=ten").await.assert_problem(StatusCode::BAD_REQUEST, "limit");
    app.get("/v1/articles?cursor=garbage!").await.assert_problem(StatusCode::BAD_REQUEST, "cursor");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems_too() {
    let app = TestApp::new().await;
    app.get("/v1/nothing-here").await.assert_problem(StatusCode::NOT_FOUND, "/v1/nothing-here");
    app.delete("/v1/articles").await.assert_problem(StatusCode::METHOD_NOT_ALLOWED, "/v1/articles");
}
