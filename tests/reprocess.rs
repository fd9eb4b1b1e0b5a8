//! Reprocessing: stored articles read again with the current extractor, as
//! background jobs, their rows replaced without duplicates or orphans.

mod common;

use std::time::Duration;

use axum::http::{header, StatusCode};
use common::{TestApp, TestDb, WIRE_STORY};
use readout::store;
use serde_json::{json, Value};

/// Wang Yi's visit to Astana as the Chinese side reported it: the same meeting as `WIRE_STORY`'s.
const CHINESE_READOUT: &str = "BEIJING, March 3 (Xinhua) -- Chinese Foreign Minister Wang Yi met with \
Kazakh President Kassym-Jomart Tokayev in Astana on Monday.\n\n\
Wang said China supports the Belt and Road cooperation with Kazakhstan.\n";

const MOSCOW_STORY: &str = "MOSCOW, June 3 (TASS) -- Russian Foreign Minister Sergey Lavrov met with \
visiting Norwegian Foreign Minister Espen Barth Eide here on Monday.\n\n\
Russia supports closer research cooperation in the Arctic, Lavrov said.\n";

async fn ingest(app: &TestApp, text: &str) -> i64 {
    let created = app.post_json("/v1/articles", &json!({"text": text, "published_at": "2024-03-04"})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_i64().unwrap()
}

async fn add_arctic_topic(app: &TestApp) {
    let created = app.post_json("/v1/topics", &json!({"slug": "arctic", "label": "Arctic", "patterns": ["Arctic"]})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
}

/// Posts a reprocessing request, checks the 202 and its `Location`, and waits for the job to end.
async fn reprocess(app: &TestApp, uri: &str, body: Option<Value>) -> Value {
    let accepted = match body {
        Some(body) => app.post_json(uri, &body).await,
        None => app.post_raw(uri, "application/json", vec![]).await,
    };
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let location = accepted.headers[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(location, format!("/v1/jobs/{}", accepted.body["id"]));
    assert_eq!(accepted.body["kind"], "reprocess");
    wait_for(app, &location).await
}

async fn wait_for(app: &TestApp, location: &str) -> Value {
    // A hang guard only: these jobs take milliseconds.
    for _ in 0..600 {
        let job = app.get(location).await;
        assert_eq!(job.status, StatusCode::OK, "{}", job.body);
        if matches!(job.body["status"].as_str(), Some("succeeded" | "failed")) {
            return job.body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {location} did not finish");
}

fn assert_succeeded(job: &Value, total: i64, done: i64) {
    assert_eq!(job["status"], "succeeded", "{job}");
    assert_eq!((job["total"].as_i64(), job["done"].as_i64(), job["failed"].as_i64()), (Some(total), Some(done), Some(0)), "{job}");
    assert!(job["started_at"].is_string() && job["finished_at"].is_string(), "{job}");
    assert!(job["error"].is_null(), "{job}");
}

async fn topics_of(app: &TestApp, id: i64) -> Vec<String> {
    let extraction = app.get(&format!("/v1/articles/{id}/extraction")).await.body;
    extraction["positions"].as_array().unwrap().iter().map(|p| p["topic"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn reprocessing_after_a_topic_is_added_finds_it_in_old_articles() {
    let app = TestApp::new().await;
    let id = ingest(&app, MOSCOW_STORY).await;
    add_arctic_topic(&app).await;
    assert!(!topics_of(&app, id).await.contains(&"arctic".into()), "stored articles keep their reading");

    let job = reprocess(&app, "/v1/reprocess", None).await;
    assert_succeeded(&job, 1, 1);
    assert_eq!(job["all"], false);
    assert!(topics_of(&app, id).await.contains(&"arctic".into()));
    let positions = app.get("/v1/positions?topic=arctic").await;
    assert_eq!(positions.body["items"][0]["actor"], "RU", "{}", positions.body);
    let stats = app.get("/v1/stats/positions?group_by=topic&topic=arctic").await;
    assert_eq!(stats.body["items"][0]["support"], 1, "rollups follow: {}", stats.body);

    let article = app.get(&format!("/v1/articles/{id}")).await.body;
    assert_eq!(article["text"], MOSCOW_STORY, "the article itself stays");
}

#[tokio::test]
async fn one_article_is_reprocessed_by_id() {
    let app = TestApp::new().await;
    let first = ingest(&app, MOSCOW_STORY).await;
    let second = ingest(&app, &MOSCOW_STORY.replace("June 3", "June 10")).await;
    add_arctic_topic(&app).await;

    let job = reprocess(&app, &format!("/v1/articles/{second}:reprocess"), None).await;
    assert_succeeded(&job, 1, 1);
    assert_eq!(job["article_id"], second);
    assert!(topics_of(&app, second).await.contains(&"arctic".into()));
    assert!(!topics_of(&app, first).await.contains(&"arctic".into()), "only the one asked for");
}

#[tokio::test]
async fn unknown_articles_jobs_and_actions_are_problems() {
    let app = TestApp::new().await;
    let id = ingest(&app, WIRE_STORY).await;
    app.post_json("/v1/articles/999999:reprocess", &json!({})).await.assert_problem(StatusCode::NOT_FOUND, "999999");
    app.post_json(&format!("/v1/articles/{id}:explode"), &json!({})).await.assert_problem(StatusCode::NOT_FOUND, "reprocess");
    app.post_json("/v1/articles/abc:reprocess", &json!({})).await.assert_problem(StatusCode::BAD_REQUEST, "abc");
    app.post_json(&format!("/v1/articles/{id}"), &json!({})).await.assert_problem(StatusCode::METHOD_NOT_ALLOWED, ":reprocess");
    app.get("/v1/jobs/424242").await.assert_problem(StatusCode::NOT_FOUND, "424242");
    app.get("/v1/jobs/abc").await.assert_problem(StatusCode::BAD_REQUEST, "abc");
    app.post_json("/v1/reprocess", &json!({"all": "yes"})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "all");
    app.post_raw("/v1/reprocess", "application/json", b"{".to_vec()).await.assert_problem(StatusCode::BAD_REQUEST, "json");
    app.post_raw("/v1/reprocess", "text/plain", b"all".to_vec()).await.assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "json");
    assert_eq!(app.get(&format!("/v1/articles/{id}")).await.status, StatusCode::OK, "GET and DELETE still route");
}

/// Row counts of every table an article's extraction touches, and the tallies kept from them.
async fn snapshot(db: &TestDb) -> Vec<(String, i64)> {
    let mut counts = vec![];
    for table in [
        "statements", "positions", "position_evidence", "meetings", "meeting_reports", "meeting_participants",
        "officials", "article_officials", "official_titles", "official_title_spans",
    ] {
        counts.push((table.to_string(), db.count(table).await));
    }
    for (name, sql) in [
        ("official ids and tallies", "SELECT coalesce(sum(id * 1000 + articles), 0)::bigint FROM officials"),
        ("meeting sources", "SELECT coalesce(sum(sources), 0)::bigint FROM meetings"),
        ("position totals", "SELECT coalesce(sum(n), 0)::bigint FROM position_totals"),
        ("position counts", "SELECT coalesce(sum(n), 0)::bigint FROM position_counts"),
        ("statement totals", "SELECT coalesce(sum(n), 0)::bigint FROM statement_totals"),
    ] {
        counts.push((name.to_string(), sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()));
    }
    counts
}

#[tokio::test]
async fn reprocessing_when_nothing_changed_changes_nothing() {
    let app = TestApp::new().await;
    for text in [WIRE_STORY, CHINESE_READOUT, MOSCOW_STORY] {
        ingest(&app, text).await;
    }
    let before = snapshot(&app.db).await;
    assert!(before.iter().all(|(_, n)| *n > 0), "every table has rows to lose: {before:?}");
    for _ in 0..2 {
        assert_succeeded(&reprocess(&app, "/v1/reprocess", Some(json!({"all": true}))).await, 3, 3);
        pretty_assertions::assert_eq!(snapshot(&app.db).await, before);
        app.db.assert_references_hold().await;
    }
}

#[tokio::test]
async fn a_meeting_two_articles_report_keeps_both_sources_when_one_is_reprocessed() {
    let app = TestApp::new().await;
    let ours = ingest(&app, WIRE_STORY).await;
    ingest(&app, CHINESE_READOUT).await;
    let meetings = app.get("/v1/meetings").await.body;
    assert_eq!(meetings["items"].as_array().unwrap().len(), 1, "{meetings}");
    let meeting = meetings["items"][0]["id"].clone();
    assert_eq!(meetings["items"][0]["source_count"], 2, "{meetings}");

    assert_succeeded(&reprocess(&app, &format!("/v1/articles/{ours}:reprocess"), None).await, 1, 1);
    let after = app.get("/v1/meetings").await.body;
    assert_eq!(after["items"].as_array().unwrap().len(), 1, "{after}");
    assert_eq!(after["items"][0]["id"], meeting, "the article joined the same meeting again");
    assert_eq!(after["items"][0]["source_count"], 2, "{after}");
    app.db.assert_references_hold().await;
}

async fn extracted_with(db: &TestDb, version: &str, digest: Option<&str>, id: i64) {
    sqlx::query("UPDATE articles SET extractor_version = $1, topics_digest = $2 WHERE id = $3")
        .bind(version)
        .bind(digest)
        .bind(id)
        .execute(&db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn by_default_only_stale_articles_are_reprocessed() {
    let app = TestApp::new().await;
    let ids = [ingest(&app, WIRE_STORY).await, ingest(&app, CHINESE_READOUT).await, ingest(&app, MOSCOW_STORY).await];
    let topics = store::topics::list(&mut app.db.pool.acquire().await.unwrap()).await.unwrap();
    let digest = readout::extract::data_digest(&topics, &readout::domain::default_office_holders());
    let recorded: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT extractor_version, topics_digest FROM articles ORDER BY id").fetch_all(&app.db.pool).await.unwrap();
    assert!(recorded.iter().all(|r| *r == (readout::extract::EXTRACTOR_VERSION.to_string(), Some(digest.clone()))), "{recorded:?}");

    assert_succeeded(&reprocess(&app, "/v1/reprocess", None).await, 0, 0);
    extracted_with(&app.db, "0.0.1", Some(&digest), ids[0]).await;
    extracted_with(&app.db, readout::extract::EXTRACTOR_VERSION, None, ids[2]).await;
    assert_succeeded(&reprocess(&app, "/v1/reprocess", Some(json!({}))).await, 2, 2);
    let versions: Vec<String> =
        sqlx::query_scalar("SELECT extractor_version FROM articles ORDER BY id").fetch_all(&app.db.pool).await.unwrap();
    assert!(versions.iter().all(|v| v == readout::extract::EXTRACTOR_VERSION), "{versions:?}");

    add_arctic_topic(&app).await;
    assert_succeeded(&reprocess(&app, "/v1/reprocess", None).await, 3, 3);
    let listed = app.get("/v1/jobs?limit=2").await.body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2, "{listed}");
    assert_eq!(listed["items"][0]["total"], 3, "newest first: {listed}");
    let rest = app.get(&format!("/v1/jobs?cursor={}", listed["next_cursor"].as_str().unwrap())).await.body;
    assert_eq!(rest["items"].as_array().unwrap().len(), 1, "{rest}");
}

#[tokio::test]
async fn a_topic_can_be_deleted_once_its_articles_are_reprocessed() {
    let app = TestApp::new().await;
    add_arctic_topic(&app).await;
    ingest(&app, MOSCOW_STORY).await;
    app.delete("/v1/topics/arctic").await.assert_problem(StatusCode::CONFLICT, "reprocess");
    let changed = app
        .send(
            axum::http::Request::patch("/v1/topics/arctic")
                .header(header::CONTENT_TYPE, "application/json")
                .body(axum::body::Body::from(json!({"patterns": ["Antarctic"]}).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_succeeded(&reprocess(&app, "/v1/reprocess", None).await, 1, 1);
    assert_eq!(app.delete("/v1/topics/arctic").await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn jobs_whose_process_died_are_marked_failed() {
    let db = TestDb::new().await;
    let insert = "INSERT INTO jobs (kind, status, heartbeat_at) VALUES ('reprocess', $1, now() - make_interval(secs => $2)) RETURNING id";
    let mut ids = vec![];
    for (status, silent) in [("running", 600.0), ("queued", 600.0), ("running", 1.0)] {
        let id: i64 = sqlx::query_scalar(insert).bind(status).bind(silent).fetch_one(&db.pool).await.unwrap();
        ids.push(id);
    }
    let failed = readout::reprocess::fail_abandoned(&db.pool).await.unwrap();
    assert_eq!(failed, ids[..2].to_vec(), "a job beating recently is alive");
    let job = store::jobs::get(&mut db.pool.acquire().await.unwrap(), ids[0]).await.unwrap().unwrap();
    assert_eq!(job.status, "failed");
    assert!(job.error.unwrap().contains("start it again") && job.finished_at.is_some());
}

/// Reads while a reprocess replaces an article's rows see one extraction whole: the article
/// and its rows are read in one snapshot. (Read statement by statement, a read could meet
/// the new officials and the old statements, and the server failed on it.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_read_while_it_is_reprocessed_is_read_whole() {
    let app = TestApp::new().await;
    let id = ingest(&app, MOSCOW_STORY).await;
    let uri = format!("/v1/articles/{id}:reprocess");
    let writes = async {
        for _ in 0..25 {
            assert_succeeded(&reprocess(&app, &uri, None).await, 1, 1);
        }
    };
    let reads = async {
        for _ in 0..250 {
            for path in [format!("/v1/articles/{id}/extraction"), format!("/v1/articles/{id}")] {
                let read = app.get(&path).await;
                assert_eq!(read.status, StatusCode::OK, "{path}: {}", read.body);
            }
        }
    };
    tokio::join!(writes, reads);
}

#[tokio::test]
async fn articles_stored_before_sides_were_kept_get_theirs_when_stale_ones_are_reprocessed() {
    let app = TestApp::new().await;
    let id = ingest(&app, CHINESE_READOUT).await;
    assert_eq!(app.get(&format!("/v1/articles/{id}")).await.body["publisher_country"], "CN");
    // What migration 17 leaves on a row the previous extractor version read.
    sqlx::query("UPDATE articles SET publisher_country = NULL, extractor_version = '0.4.0'").execute(&app.db.pool).await.unwrap();
    assert!(app.get(&format!("/v1/articles/{id}")).await.body["publisher_country"].is_null());
    assert_succeeded(&reprocess(&app, "/v1/reprocess", None).await, 1, 1);
    assert_eq!(app.get(&format!("/v1/articles/{id}")).await.body["publisher_country"], "CN", "the Xinhua dateline names its side");
}
