//! `/v1/articles` end to end on a real database.

mod common;

use axum::http::{header, StatusCode};
use common::{TestApp, WIRE_STORY};
use serde_json::{json, Value};

fn article(text: &str) -> Value {
    json!({"text": text, "title": "Test story", "source": "Test Agency", "published_at": "2024-03-04"})
}

#[tokio::test]
async fn ingesting_an_article_stores_it_and_answers_its_location() {
    let app = TestApp::new().await;
    let created = app.post_json("/v1/articles", &article(WIRE_STORY)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_i64().expect("id");
    let location = created.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(location, format!("/v1/articles/{id}"));
    assert_eq!(created.body["title"], "Test story");
    assert_eq!(created.body["published_at"], "2024-03-04");
    assert_eq!(created.body["text"], WIRE_STORY);
    assert_eq!(created.body["text_length"], WIRE_STORY.chars().count());
    assert!(created.body["extraction"]["officials"].is_array());

    let fetched = app.get(location).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body, created.body);
    let extraction = app.get(&format!("{location}/extraction")).await;
    assert_eq!(extraction.status, StatusCode::OK);
    assert_eq!(extraction.body, created.body["extraction"]);
}

/// The extraction endpoint reads its dateline and version from the article
/// row without the article's text: both must still be the stored ones.
#[tokio::test]
async fn an_articles_extraction_answers_its_stored_dateline_and_version() {
    let app = TestApp::new().await;
    let wire = app.post_json("/v1/articles", &article(WIRE_STORY)).await;
    let id = wire.body["id"].as_i64().unwrap();
    let extraction = app.get(&format!("/v1/articles/{id}/extraction")).await;
    assert_eq!(extraction.status, StatusCode::OK, "{}", extraction.body);
    assert_eq!(extraction.body["dateline"]["place"], "Astana");
    assert_eq!(extraction.body["dateline"]["country"], "KZ");
    assert_eq!(extraction.body["dateline"]["agency"], "Xinhua");
    assert_eq!(extraction.body["dateline"], wire.body["dateline"], "the summary and the extraction agree");
    assert_eq!(extraction.body["extractor_version"], wire.body["extractor_version"]);
    assert!(!extraction.body["officials"].as_array().unwrap().is_empty());

    let plain = app.post_json("/v1/articles", &article("A plain note.")).await;
    let plain = app.get(&format!("/v1/articles/{}/extraction", plain.body["id"])).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.body["dateline"].is_null(), "{}", plain.body);

    assert_eq!(app.delete(&format!("/v1/articles/{id}")).await.status, StatusCode::NO_CONTENT);
    app.get(&format!("/v1/articles/{id}/extraction")).await.assert_problem(StatusCode::NOT_FOUND, "no article has id");
}

#[tokio::test]
async fn the_same_text_again_answers_the_stored_article_and_writes_nothing() {
    let app = TestApp::new().await;
    let first = app.post_json("/v1/articles", &article(WIRE_STORY)).await;
    let rows_before = app.db.count("statements").await + app.db.count("article_officials").await;
    let again = app.post_json("/v1/articles", &json!({"text": WIRE_STORY, "title": "Other title"})).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.body["title"], "Test story", "the stored article is answered unchanged");
    assert!(again.headers.contains_key(header::LOCATION));
    assert_eq!(app.db.count("articles").await, 1);
    assert_eq!(app.db.count("statements").await + app.db.count("article_officials").await, rows_before);
}

#[tokio::test]
async fn published_at_takes_a_timestamp_too() {
    let app = TestApp::new().await;
    let body = json!({"text": "A plain note.", "published_at": "2024-03-04T23:30:00-05:00"});
    let created = app.post_json("/v1/articles", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["published_at"], "2024-03-05T04:30:00+00:00");
}

#[tokio::test]
async fn articles_list_newest_first_a_page_at_a_time() {
    let app = TestApp::new().await;
    let mut ids = vec![];
    for n in 0..3 {
        let created = app.post_json("/v1/articles", &article(&format!("Story number {n}."))).await;
        ids.push(created.body["id"].as_i64().unwrap());
    }
    let first = app.get("/v1/articles?limit=2").await;
    assert_eq!(first.status, StatusCode::OK);
    let page_ids: Vec<i64> = first.body["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(page_ids, vec![ids[2], ids[1]]);
    assert!(first.body["items"][0].get("text").is_none(), "listings leave the text out");
    let cursor = first.body["next_cursor"].as_str().expect("a next page");

    let second = app.get(&format!("/v1/articles?limit=2&cursor={cursor}")).await;
    let page_ids: Vec<i64> = second.body["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(page_ids, vec![ids[0]]);
    assert!(second.body["next_cursor"].is_null());

    let all = app.get("/v1/articles").await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn deleting_an_article_removes_everything_extracted_from_it() {
    let app = TestApp::new().await;
    let created = app.post_json("/v1/articles", &article(WIRE_STORY)).await;
    let location = created.headers[header::LOCATION].to_str().unwrap().to_string();
    let deleted = app.delete(&location).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(deleted.raw.is_empty());
    app.get(&location).await.assert_problem(StatusCode::NOT_FOUND, "no article");
    app.delete(&location).await.assert_problem(StatusCode::NOT_FOUND, "no article");
    for table in ["articles", "article_officials", "officials", "official_titles", "statements", "meetings", "positions"] {
        assert_eq!(app.db.count(table).await, 0, "{table} keeps rows of a deleted article");
    }
}

#[tokio::test]
async fn extract_reads_a_text_and_stores_nothing() {
    let app = TestApp::new().await;
    let response = app.post_json("/v1/extract", &json!({"text": WIRE_STORY, "published_at": "2024-03-04"})).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    for unit in ["officials", "meetings", "statements", "positions"] {
        assert!(response.body[unit].is_array(), "{unit}");
    }
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn probes_answer() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await.body, json!({"status": "ok"}));
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    let document = app.get("/openapi.json").await;
    assert_eq!(document.body["info"]["title"], "Readout API");
    let docs = app.get("/docs/").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&docs.raw).contains("swagger"), "the docs page is served");
}

#[tokio::test]
async fn concurrent_posts_of_one_text_store_it_once() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let app = app.clone();
        posts.spawn(async move { app.post_json("/v1/articles", &article(WIRE_STORY)).await.status });
    }
    let mut statuses = vec![];
    while let Some(status) = posts.join_next().await {
        statuses.push(status.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK));
    assert_eq!(app.db.count("articles").await, 1);
}

#[tokio::test]
async fn the_cli_prints_the_same_extraction_as_the_endpoint() {
    let app = TestApp::new().await;
    let path = std::env::temp_dir().join(format!("readout-story-{}.txt", std::process::id()));
    std::fs::write(&path, WIRE_STORY).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("extract")
        .arg(&path)
        .args(["--published-at", "2024-03-04"])
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(output.status.success());
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let answered = app.post_json("/v1/extract", &json!({"text": WIRE_STORY, "published_at": "2024-03-04"})).await;
    assert_eq!(printed, answered.body);
    assert!(!printed["officials"].as_array().unwrap().is_empty(), "the story names officials");
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let app = TestApp::new().await;
    let minted = app.get("/healthz").await;
    let id = minted.headers["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let echoed = app.get_with("/v1/articles/0", &[("x-request-id", "client-7")]).await;
    assert_eq!(echoed.status, StatusCode::NOT_FOUND);
    assert_eq!(echoed.headers["x-request-id"], "client-7");
}

async fn post_keyed(app: &TestApp, uri: &str, key: &str, body: &Value) -> common::TestResponse {
    let request = axum::http::Request::post(uri)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn a_repeated_idempotency_key_replays_the_first_answer() {
    let app = TestApp::new().await;
    let first = post_keyed(&app, "/v1/articles", "key-1", &article(WIRE_STORY)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = post_keyed(&app, "/v1/articles", "key-1", &article(WIRE_STORY)).await;
    assert_eq!(again.status, StatusCode::CREATED, "the first answer, not 200 for a duplicate");
    assert_eq!(again.raw, first.raw);
    assert_eq!(again.headers[header::LOCATION], first.headers[header::LOCATION]);
    assert_eq!(again.headers["idempotency-replayed"], "true");
    post_keyed(&app, "/v1/articles", "key-1", &article("Another text."))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "different request");
    let batch = json!([{"text": "Batch note one."}]);
    let first_batch = post_keyed(&app, "/v1/articles:batch", "key-2", &batch).await;
    let replayed = post_keyed(&app, "/v1/articles:batch", "key-2", &batch).await;
    assert_eq!(replayed.body, first_batch.body);
    assert_eq!(replayed.body["created"], 1);
    assert_eq!(app.db.count("articles").await, 2);
}

#[tokio::test]
async fn an_untitled_article_is_listed_by_its_first_line_and_an_undated_meeting_by_no_day() {
    let app = TestApp::new().await;
    let text = "Mongolian Foreign Minister Batmunkh Battsetseg met with Chinese Foreign Minister Wang Yi in Ulaanbaatar.\n\n\
                Mongolia supports the Belt and Road Initiative, Battsetseg said.";
    let created = app.post_json("/v1/articles", &json!({ "text": text, "source": "montsame.mn" })).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let titled = app.post_json("/v1/articles", &json!({ "text": common::WIRE_STORY, "title": "Tokayev meets Wang", "published_at": "2024-03-04" })).await;
    let listed = app.get("/v1/articles").await.body;
    let headlines: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|a| a["headline"].as_str().unwrap()).collect();
    assert_eq!(headlines, ["Tokayev meets Wang", "Mongolian Foreign Minister Batmunkh Battsetseg met with Chinese Foreign Minister Wang Yi in Ulaanbaatar."]);
    assert_eq!(created.body["headline"], headlines[1]);

    // No date in the text, no publication day: the meeting is listed under the day it was
    // ingested, and says that day is no day of the meeting's.
    let meetings = app.get("/v1/meetings").await.body;
    let by_article = |name: &str| meetings["items"].as_array().unwrap().iter().find(|m| m["participants"].to_string().contains(name)).cloned().unwrap();
    let undated = by_article("Battsetseg");
    assert_eq!((undated["date"].clone(), undated["day_unknown"].clone()), (Value::Null, json!(true)), "{undated}");
    assert_eq!(undated["day"], chrono::Utc::now().date_naive().to_string());
    assert_eq!(by_article("Tokayev")["day_unknown"], false);
    // Wherever the article is cited, it is called by its first line too.
    let first_line = headlines[1];
    let detail = app.get(&format!("/v1/meetings/{}", undated["id"])).await.body;
    assert_eq!(detail["sources"][0]["article"]["headline"], first_line, "{detail}");
    let positions = app.get("/v1/positions?actor=MN").await.body;
    assert_eq!(positions["items"][0]["article"]["headline"], first_line, "{positions}");
    let statements = app.get("/v1/statements?country=MN").await.body;
    assert_eq!(statements["items"][0]["article"]["headline"], first_line, "{statements}");
    assert_eq!(titled.status, StatusCode::CREATED);
}
