//! User-defined topics: validated, and applied to new articles at once.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::TestApp;
use serde_json::{json, Value};

const ARCTIC_STORY: &str = "MOSCOW, June 3 (TASS) -- Russian Foreign Minister Sergey Lavrov met with \
visiting Norwegian Foreign Minister Espen Barth Eide here on Monday.\n\n\
Russia supports closer research cooperation in the Arctic, Lavrov said.\n";

async fn patch(app: &TestApp, uri: &str, body: Value) -> common::TestResponse {
    let request = Request::builder()
        .method(Method::PATCH)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    app.send(request).await
}

fn topics_of(extraction: &Value) -> Vec<String> {
    extraction["positions"].as_array().unwrap().iter().map(|p| p["topic"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_new_topic_is_read_in_new_articles_at_once() {
    let app = TestApp::new().await;
    let before = app.post_json("/v1/extract", &json!({"text": ARCTIC_STORY})).await;
    assert!(!topics_of(&before.body).contains(&"arctic".to_string()));

    let created = app
        .post_json("/v1/topics", &json!({"slug": "arctic", "label": "Arctic", "patterns": ["Arctic", "polar"]}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.headers[header::LOCATION], "/v1/topics/arctic");
    assert_eq!(created.body["is_default"], false);

    let after = app.post_json("/v1/extract", &json!({"text": ARCTIC_STORY})).await;
    assert!(topics_of(&after.body).contains(&"arctic".to_string()), "{}", after.body["positions"]);
    let stored = app.post_json("/v1/articles", &json!({"text": ARCTIC_STORY})).await;
    assert!(topics_of(&stored.body["extraction"]).contains(&"arctic".to_string()));

    app.delete("/v1/topics/arctic").await.assert_problem(StatusCode::CONFLICT, "reprocess");
    app.delete(&format!("/v1/articles/{}", stored.body["id"])).await;
    assert_eq!(app.delete("/v1/topics/arctic").await.status, StatusCode::NO_CONTENT);
    app.get("/v1/topics/arctic").await.assert_problem(StatusCode::NOT_FOUND, "arctic");
    let gone = app.post_json("/v1/extract", &json!({"text": ARCTIC_STORY})).await;
    assert!(!topics_of(&gone.body).contains(&"arctic".to_string()), "a deleted topic is no longer read");
}

#[tokio::test]
async fn topics_change_in_place() {
    let app = TestApp::new().await;
    app.post_json("/v1/topics", &json!({"slug": "arctic", "label": "Arctic", "patterns": ["polar"]})).await;
    assert!(!topics_of(&app.post_json("/v1/extract", &json!({"text": ARCTIC_STORY})).await.body).contains(&"arctic".to_string()));
    let changed = patch(&app, "/v1/topics/arctic", json!({"patterns": ["Arctic"], "description": "The far north"})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["label"], "Arctic", "fields left out stay");
    assert_eq!(changed.body["description"], "The far north");
    assert!(topics_of(&app.post_json("/v1/extract", &json!({"text": ARCTIC_STORY})).await.body).contains(&"arctic".to_string()));
    patch(&app, "/v1/topics/nothing", json!({"label": "x"})).await.assert_problem(StatusCode::NOT_FOUND, "nothing");
}

#[tokio::test]
async fn invalid_topics_are_refused_with_the_reason() {
    let app = TestApp::new().await;
    let cases = [
        (json!({"slug": "Arctic!", "label": "Arctic", "patterns": ["Arctic"]}), "slug"),
        (json!({"slug": "arctic", "label": "  ", "patterns": ["Arctic"]}), "label"),
        (json!({"slug": "arctic", "label": "Arctic", "patterns": []}), "patterns"),
        (json!({"slug": "arctic", "label": "Arctic", "patterns": ["a(b|c)"]}), "pattern"),
        (json!({"slug": "arctic", "label": "Arctic"}), "patterns"),
    ];
    for (body, hint) in cases {
        app.post_json("/v1/topics", &body).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, hint);
    }
    app.post_json("/v1/topics", &json!({"slug": "one_china", "label": "Again", "patterns": ["x"]}))
        .await
        .assert_problem(StatusCode::CONFLICT, "one_china");
    patch(&app, "/v1/topics/one_china", json!({"patterns": ["*"]})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "pattern");
}
