//! Graded wording (issue 17): topics list steps of support, weakest first; each
//! position carries the step its wording sets, lists filter by it, a state's
//! stand per topic shows its strongest and latest step, and reprocessing
//! re-derives steps after the topic's grades change.

mod common;

use std::time::Duration;

use axum::http::{header, StatusCode};
use common::TestApp;
use serde_json::{json, Value};

/// Kyrgyzstan's one-China wording steps up from the principle (2020) to opposing
/// independence (2021), then back to the principle (2022); Belt and Road is welcomed.
const STORIES: &[(&str, &str)] = &[
    ("BISHKEK, Sept. 14 (Xinhua) -- Kyrgyz President Sooronbai Jeenbekov met visiting Chinese Foreign Minister Wang Yi here on Monday.\n\n\
      Kyrgyzstan firmly adheres to the one-China principle and welcomes the Belt and Road Initiative, Jeenbekov said.", "2020-09-14"),
    ("BISHKEK, May 10 (Xinhua) -- Kyrgyz President Sadyr Japarov met visiting Chinese Foreign Minister Wang Yi here on Monday.\n\n\
      Kyrgyzstan opposes Taiwan independence in any form, Japarov said.", "2021-05-10"),
    ("BISHKEK, June 6 (Xinhua) -- Kyrgyz President Sadyr Japarov met visiting Chinese Foreign Minister Wang Yi here on Monday.\n\n\
      Kyrgyzstan adheres to the one-China principle, Japarov said.", "2022-06-06"),
];

async fn seeded() -> (TestApp, Vec<i64>) {
    let app = TestApp::new().await;
    let mut ids = vec![];
    for (text, day) in STORIES {
        let created = app.post_json("/v1/articles", &json!({"text": text, "published_at": day})).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        ids.push(created.body["id"].as_i64().unwrap());
    }
    (app, ids)
}

fn position<'a>(positions: &'a Value, topic: &str) -> &'a Value {
    positions.as_array().unwrap().iter().find(|p| p["topic"] == topic).unwrap_or_else(|| panic!("no {topic} in {positions}"))
}

#[tokio::test]
async fn default_topics_list_their_grades_weakest_first() {
    let app = TestApp::new().await;
    let one_china = app.get("/v1/topics/one_china").await.body;
    let slugs: Vec<&str> = one_china["grades"].as_array().unwrap().iter().map(|g| g["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["pursues_policy", "abides_by_principle", "opposes_independence", "supports_reunification"]);
    assert_eq!(app.get("/v1/topics/energy").await.body["grades"], json!([]));
}

#[tokio::test]
async fn each_position_carries_the_step_its_wording_sets() {
    let (app, ids) = seeded().await;
    let extraction = app.get(&format!("/v1/articles/{}/extraction", ids[0])).await.body;
    let one_china = position(&extraction["positions"], "one_china");
    assert_eq!((one_china["grade"]["slug"].as_str(), one_china["grade"]["rank"].as_i64()), (Some("abides_by_principle"), Some(2)), "{one_china}");
    assert_eq!(one_china["grade"]["wording"], "one-China principle");
    assert_eq!(one_china["evidence"][0]["grade"]["slug"], "abides_by_principle");
    let text = app.get(&format!("/v1/articles/{}", ids[0])).await.body["text"].as_str().unwrap().to_string();
    let (start, end) = (one_china["grade"]["start"].as_u64().unwrap() as usize, one_china["grade"]["end"].as_u64().unwrap() as usize);
    assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), "one-China principle", "offsets in characters of the text");
    assert_eq!(position(&extraction["positions"], "belt_and_road")["grade"]["slug"], "welcomes");

    let listed = app.get("/v1/positions?actor=KG&topic=one_china").await.body;
    let grades: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|p| p["grade"]["slug"].as_str().unwrap()).collect();
    assert_eq!(grades, ["abides_by_principle", "opposes_independence", "abides_by_principle"], "newest first");
    assert_eq!(listed["items"][1]["grade"]["wording"], "Taiwan independence");
}

#[tokio::test]
async fn lists_filter_by_grade() {
    let (app, ids) = seeded().await;
    let opposing = app.get("/v1/positions?grade=opposes_independence").await.body;
    let articles: Vec<i64> = opposing["items"].as_array().unwrap().iter().map(|p| p["article"]["id"].as_i64().unwrap()).collect();
    assert_eq!(articles, [ids[1]]);
    assert_eq!(app.get("/v1/positions?grade=supports_reunification").await.body["items"], json!([]));
    app.get("/v1/positions?grade=Not-A-Slug").await.assert_problem(StatusCode::BAD_REQUEST, "grade");
}

#[tokio::test]
async fn a_states_stand_shows_its_strongest_and_latest_step_with_dates() {
    let (app, _) = seeded().await;
    let stands = app.get("/v1/countries/KG/positions").await.body;
    let one_china = position(&stands["items"], "one_china");
    assert_eq!(one_china["strongest_grade"], json!({"slug": "opposes_independence", "rank": 3, "stated_on": "2021-05-10"}), "{one_china}");
    assert_eq!(one_china["latest_grade"], json!({"slug": "abides_by_principle", "rank": 2, "stated_on": "2022-06-06"}));
    assert!(position(&stands["items"], "belt_and_road")["latest_grade"]["slug"] == "welcomes");
}

#[tokio::test]
async fn topics_take_grades_and_refuse_bad_ones() {
    let app = TestApp::new().await;
    let created = app
        .post_json("/v1/topics", &json!({"slug": "arctic", "label": "Arctic", "patterns": ["Arctic"],
            "grades": [{"slug": "observes", "label": "Observes", "patterns": ["observ*"]},
                       {"slug": "joins_council", "label": "Joins the council", "patterns": ["join", "joins", "member*"]}]}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["grades"][1]["slug"], "joins_council");
    let patched = app.send(patch("/v1/topics/arctic", json!({"grades": []}))).await;
    assert_eq!(patched.body["grades"], json!([]), "{}", patched.body);

    let bad = |grades: Value| json!({"slug": "polar", "label": "Polar", "patterns": ["polar"], "grades": grades});
    app.post_json("/v1/topics", &bad(json!([{"slug": "a1", "label": "A", "patterns": []}]))).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "a1");
    app.post_json("/v1/topics", &bad(json!([{"slug": "a1", "label": "A", "patterns": ["x"]}, {"slug": "a1", "label": "B", "patterns": ["y"]}])))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "twice");
    app.post_json("/v1/topics", &bad(json!([{"slug": "Bad Slug", "label": "A", "patterns": ["x"]}]))).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "grade");
    app.post_json("/v1/topics", &bad(json!([{"slug": "a1", "label": " ", "patterns": ["x"]}]))).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "label");
}

#[tokio::test]
async fn reprocessing_re_derives_grades_after_they_change() {
    let (app, ids) = seeded().await;
    // Belt and Road's steps rewritten: welcoming is now its top step.
    let grades = json!({"grades": [{"slug": "mentions", "label": "Mentions", "patterns": ["initiative"]},
                                   {"slug": "embraces", "label": "Embraces", "patterns": ["welcome*"]}]});
    assert_eq!(app.send(patch("/v1/topics/belt_and_road", grades)).await.status, StatusCode::OK);
    let stale = position(&app.get(&format!("/v1/articles/{}/extraction", ids[0])).await.body["positions"], "belt_and_road").clone();
    assert_eq!(stale["grade"]["slug"], "welcomes", "stored grades stay until reprocessed");

    let accepted = app.post_raw("/v1/reprocess", "application/json", vec![]).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let location = accepted.headers[header::LOCATION].to_str().unwrap().to_string();
    for _ in 0..600 {
        if app.get(&location).await.body["status"] == "succeeded" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let fresh = position(&app.get(&format!("/v1/articles/{}/extraction", ids[0])).await.body["positions"], "belt_and_road").clone();
    assert_eq!((fresh["grade"]["slug"].as_str(), fresh["grade"]["rank"].as_i64()), (Some("embraces"), Some(2)), "{fresh}");
}

fn patch(uri: &str, body: Value) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::patch(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn the_changes_feed_reports_a_step_up_and_a_step_down() {
    let (app, ids) = seeded().await;
    let feed = app.get("/v1/positions/changes?since=2020-01-01&actor=KG&topic=one_china").await.body;
    let changes: Vec<(String, Value, i64)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["change"].as_str().unwrap().to_string(), c["previous_grade"].clone(), c["position"]["article"]["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [
            ("grade_lowered".to_string(), json!("opposes_independence"), ids[2]),
            ("grade_raised".to_string(), json!("abides_by_principle"), ids[1]),
            ("first_stated".to_string(), Value::Null, ids[0]),
        ],
        "{feed}"
    );
    // Deleting the middle article leaves the principle stated twice: no change between them.
    assert_eq!(app.delete(&format!("/v1/articles/{}", ids[1])).await.status, StatusCode::NO_CONTENT);
    let feed = app.get("/v1/positions/changes?since=2020-01-01&actor=KG&topic=one_china").await.body;
    let kinds: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|c| c["change"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["first_stated"], "{feed}");
}
