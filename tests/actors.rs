//! The actor dictionary: seeded from the data files, listed and filtered, corrected by
//! admins, and read by the extractor as it now is.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use axum::http::{header, Method, StatusCode};
use common::{bearer, call, key, TestApp};
use readout::domain::{default_office_holders, Scope};
use readout::store;
use serde_json::{json, Value};

/// A readout that names a prime minister without a state: only the dictionary can give one.
const FICTIONAL_STORY: &str = "GENEVA, May 4 (Agency) -- Prime Minister Oskar Vintergren met \
business leaders on Monday to discuss trade.\n";

fn vintergren() -> Value {
    json!({"actor": "SE", "office": "head_of_government", "title": "Prime Minister", "name": "Oskar Vintergren",
           "variants": ["O. Vintergren"], "from": "2019-01", "to": null})
}

async fn create(app: &TestApp, body: Value) -> Value {
    let created = app.post_json("/v1/actors", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.headers[header::LOCATION], format!("/v1/actors/{}", created.body["id"]));
    created.body
}

async fn patch(app: &TestApp, uri: &str, body: Value) -> common::TestResponse {
    call(app, Method::PATCH, uri, Some(body), &[]).await
}

fn items(page: &Value) -> Vec<Value> {
    page["items"].as_array().unwrap_or_else(|| panic!("no items: {page}")).clone()
}

fn names(page: &Value) -> Vec<String> {
    items(page).iter().map(|i| i["name"].as_str().unwrap().to_string()).collect()
}

/// Every page of a list, following `next_cursor`.
async fn all_pages(app: &TestApp, uri: &str) -> Vec<Value> {
    let mut found = vec![];
    let mut next = uri.to_string();
    loop {
        let page = app.get(&next).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        found.extend(items(&page.body));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => next = format!("{uri}&cursor={cursor}"),
            None => return found,
        }
    }
}

fn country_of(extraction: &Value, name: &str) -> Value {
    let officials = extraction["officials"].as_array().unwrap_or_else(|| panic!("{extraction}"));
    officials.iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("no {name} in {extraction}"))["country"].clone()
}

async fn extract_story(app: &TestApp) -> Value {
    let answer = app.post_json("/v1/extract", &json!({"text": FICTIONAL_STORY, "published_at": "2021-05-04"})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

#[tokio::test]
async fn the_seeded_dictionary_holds_the_data_files() {
    let app = TestApp::new().await;
    let defaults = default_office_holders();
    assert_eq!(app.db.count("actors").await, defaults.len() as i64);
    let stored = store::actors::all(&mut app.db.pool.acquire().await.unwrap()).await.unwrap();
    let topics = store::topics::list(&mut app.db.pool.acquire().await.unwrap()).await.unwrap();
    assert_eq!(
        readout::extract::data_digest(&topics, &stored),
        readout::extract::data_digest(&topics, &defaults),
        "the table reads as the data files do"
    );
    let listed = all_pages(&app, "/v1/actors?limit=500").await;
    assert_eq!(listed.len(), defaults.len());
    assert!(listed.iter().all(|e| e["is_default"] == true && e["edited"] == false));

    // Migrating again changes nothing.
    store::migrate(&app.db.pool).await.unwrap();
    assert_eq!(app.db.count("actors").await, defaults.len() as i64);
}

#[tokio::test]
async fn the_seed_follows_the_data_files_but_keeps_what_an_admin_did() {
    let app = TestApp::new().await;
    let us = all_pages(&app, "/v1/actors?country=US&limit=500").await;
    assert!(us.len() >= 3, "the data files list US office holders");
    let (untouched, edited, deleted) = (&us[0], &us[1], &us[2]);

    // An unedited default row drifted from its line (as after an older release), a
    // default whose line is gone, an admin's edit and an admin's deletion.
    sqlx::query("UPDATE actors SET title = 'Drifted' WHERE id = $1").bind(untouched["id"].as_i64()).execute(&app.db.pool).await.unwrap();
    sqlx::query(
        "INSERT INTO actors (actor, office, title, name, term_from, search_key, default_key)
         VALUES ('US', 'head_of_state', 'President', 'Gone Person', '1990-01-01', 'gone person', 'US|head_of_state|Gone Person|1990-01-01')",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let changed = patch(&app, &format!("/v1/actors/{}", edited["id"]), json!({"title": "Commander in Chief"})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["edited"], true);
    assert_eq!(app.delete(&format!("/v1/actors/{}", deleted["id"])).await.status, StatusCode::NO_CONTENT);
    let mine = create(&app, vintergren()).await;

    store::migrate(&app.db.pool).await.unwrap();
    let after = app.get(&format!("/v1/actors/{}", untouched["id"])).await.body;
    assert_eq!(after["title"], untouched["title"], "an unedited row follows its line");
    assert!(all_pages(&app, "/v1/actors?q=gone%20person&limit=500").await.is_empty(), "a row whose line is gone goes");
    assert_eq!(app.get(&format!("/v1/actors/{}", edited["id"])).await.body["title"], "Commander in Chief");
    app.get(&format!("/v1/actors/{}", deleted["id"])).await.assert_problem(StatusCode::NOT_FOUND, "no actor entry");
    let names: Vec<Value> = all_pages(&app, "/v1/actors?country=US&limit=500").await.iter().map(|e| e["id"].clone()).collect();
    assert_eq!(names.len(), us.len() - 1, "the deleted default stays deleted");
    assert_eq!(app.get(&format!("/v1/actors/{}", mine["id"])).await.status, StatusCode::OK);
}

#[tokio::test]
async fn lists_filter_by_country_office_day_and_name() {
    let app = TestApp::new().await;
    let pm = create(&app, vintergren()).await;
    assert_eq!(pm["is_default"], false);
    assert_eq!(pm["from"], "2019-01-01", "a month counts from its first day");
    assert_eq!(pm["to"], Value::Null);
    create(&app, json!({"actor": "SE", "office": "foreign_minister", "title": "Foreign Minister", "name": "Åsa Lindqvist-Öberg",
                        "variants": ["Asa Lindqvist"], "from": "2015-02-01", "to": "2018-12-31"}))
    .await;
    create(&app, json!({"actor": "Nordic Council", "office": "president", "title": "President", "name": "Tomás Núñez Oyelaran",
                        "variants": ["Tom Oyelaran"], "from": "2020-06-01", "to": "2024"}))
    .await;

    let se = app.get("/v1/actors?country=se").await.body;
    assert!(items(&se).iter().all(|e| e["actor"] == "SE"), "{se}");
    assert!(names(&se).contains(&"Oskar Vintergren".to_string()) && names(&se).contains(&"Åsa Lindqvist-Öberg".to_string()));
    let bank = app.get("/v1/actors?country=Nordic%20Council").await.body;
    assert_eq!(names(&bank), ["Tomás Núñez Oyelaran"]);
    assert_eq!(items(&bank)[0]["to"], "2024-12-31", "a year ends on its last day");

    let ministers = app.get("/v1/actors?country=SE&office=foreign_minister").await.body;
    assert!(items(&ministers).iter().all(|e| e["office"] == "foreign_minister"));
    assert!(names(&ministers).contains(&"Åsa Lindqvist-Öberg".to_string()));
    assert!(!names(&ministers).contains(&"Oskar Vintergren".to_string()));

    let in_2017 = names(&app.get("/v1/actors?country=SE&on=2017-06-01").await.body);
    assert!(in_2017.contains(&"Åsa Lindqvist-Öberg".to_string()) && !in_2017.contains(&"Oskar Vintergren".to_string()));
    let last_day = names(&app.get("/v1/actors?country=SE&on=2018-12-31").await.body);
    assert!(last_day.contains(&"Åsa Lindqvist-Öberg".to_string()), "the last day is in the term");
    let in_2026 = names(&app.get("/v1/actors?country=SE&on=2026-01-01").await.body);
    assert!(in_2026.contains(&"Oskar Vintergren".to_string()) && !in_2026.contains(&"Åsa Lindqvist-Öberg".to_string()));

    // Name or variant, in any case, with or without diacritics.
    for q in ["vintergren", "O.%20VINTERGREN", "asa%20lindqvist", "%C3%85SA%20LINDQ", "lindqvist%20oberg", "tomas%20nunez", "tom%20oyelaran", "N%C3%BA%C3%B1ez"] {
        let found = names(&app.get(&format!("/v1/actors?q={q}")).await.body);
        assert_eq!(found.len(), 1, "{q}: {found:?}");
    }
    let variant_only = names(&app.get("/v1/actors?q=tom%20oyel").await.body);
    assert_eq!(variant_only, ["Tomás Núñez Oyelaran"], "a variant finds its entry");
    assert!(items(&app.get("/v1/actors?q=vintergren&country=US").await.body).is_empty(), "filters combine");

    // A US president from the data files, on a day of his term.
    let expected: Vec<String> = default_office_holders()
        .iter()
        .filter(|h| h.holder.code() == "US" && h.office.as_str() == "head_of_state")
        .filter(|h| h.term.contains("2015-06-01".parse().unwrap()))
        .map(|h| h.name.clone())
        .collect();
    assert_eq!(names(&app.get("/v1/actors?country=US&office=head_of_state&on=2015-06-01").await.body), expected);
}

#[tokio::test]
async fn pages_walk_the_whole_list_and_csv_answers_the_same_rows() {
    let app = TestApp::new().await;
    let expected = default_office_holders().iter().filter(|h| h.holder.code() == "US").count();
    let walked = all_pages(&app, "/v1/actors?country=US&limit=7").await;
    assert_eq!(walked.len(), expected);
    let ids: HashSet<i64> = walked.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), expected, "no entry twice");
    let keys: Vec<(String, String, String)> = walked
        .iter()
        .map(|e| (e["actor"].as_str().unwrap().into(), e["office"].as_str().unwrap().into(), e["from"].as_str().unwrap().into()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "by actor, office and first day");

    let csv = app.get_with("/v1/actors?country=US&limit=2", &[("accept", "text/csv")]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = String::from_utf8(csv.raw.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,actor,office,title,name,variants,from,to,is_default,edited,created_at,updated_at"
    );
    assert_eq!(lines.count(), 2);
    assert!(csv.headers.contains_key("x-next-cursor"));

    let json = app.get("/v1/actors?country=US&limit=2").await.body;
    let cursor = json["next_cursor"].as_str().unwrap();
    app.get(&format!("/v1/officials?cursor={cursor}")).await.assert_problem(StatusCode::BAD_REQUEST, "cursor");
}

#[tokio::test]
async fn an_entry_is_got_changed_and_deleted() {
    let app = TestApp::new().await;
    let pm = create(&app, vintergren()).await;
    let uri = format!("/v1/actors/{}", pm["id"]);
    let got = app.get(&uri).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["name"], "Oskar Vintergren");
    assert_eq!(got.body["variants"], json!(["O. Vintergren"]));

    tokio::time::sleep(Duration::from_millis(5)).await;
    let changed = patch(&app, &uri, json!({"to": "2024-09-30", "variants": []})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["to"], "2024-09-30");
    assert_eq!(changed.body["variants"], json!([]));
    assert_eq!(changed.body["name"], "Oskar Vintergren", "fields left out stay");
    assert_eq!(changed.body["from"], "2019-01-01");
    assert!(changed.body["updated_at"].as_str().unwrap() > pm["updated_at"].as_str().unwrap(), "{}", changed.body);
    let reopened = patch(&app, &uri, json!({"to": null})).await;
    assert_eq!(reopened.body["to"], Value::Null, "null: still in office");

    assert_eq!(app.delete(&uri).await.status, StatusCode::NO_CONTENT);
    app.get(&uri).await.assert_problem(StatusCode::NOT_FOUND, &pm["id"].to_string());
    app.delete(&uri).await.assert_problem(StatusCode::NOT_FOUND, "no actor entry");
}

#[tokio::test]
async fn writes_need_an_admin_key() {
    let app = TestApp::new().await;
    let (admin, writer) = (bearer(&key(&app, Scope::Admin).await), bearer(&key(&app, Scope::Write).await));
    let (admin_h, writer_h) = ([("authorization", admin.as_str())], [("authorization", writer.as_str())]);

    assert_eq!(app.get("/v1/actors").await.status, StatusCode::OK, "reads are public");
    call(&app, Method::POST, "/v1/actors", Some(vintergren()), &[]).await.assert_problem(StatusCode::UNAUTHORIZED, "admin");
    call(&app, Method::POST, "/v1/actors", Some(vintergren()), &writer_h).await.assert_problem(StatusCode::FORBIDDEN, "admin");
    let created = call(&app, Method::POST, "/v1/actors", Some(vintergren()), &admin_h).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let uri = format!("/v1/actors/{}", created.body["id"]);

    let change = json!({"title": "Premier"});
    call(&app, Method::PATCH, &uri, Some(change.clone()), &[]).await.assert_problem(StatusCode::UNAUTHORIZED, "admin");
    call(&app, Method::PATCH, &uri, Some(change.clone()), &writer_h).await.assert_problem(StatusCode::FORBIDDEN, "admin");
    assert_eq!(call(&app, Method::PATCH, &uri, Some(change), &admin_h).await.body["title"], "Premier");

    call(&app, Method::DELETE, &uri, None, &[]).await.assert_problem(StatusCode::UNAUTHORIZED, "admin");
    call(&app, Method::DELETE, &uri, None, &writer_h).await.assert_problem(StatusCode::FORBIDDEN, "admin");
    assert_eq!(call(&app, Method::DELETE, &uri, None, &admin_h).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn bad_input_is_refused_with_the_reason() {
    let app = TestApp::new().await;
    for (query, hint) in [
        ("country=U", "country"),
        ("country=cn!", "country"),
        ("office=Head%20of%20State", "office"),
        ("on=2020-13-01", "ISO date"),
        ("on=yesterday", "ISO date"),
        ("q=---", "letter or digit"),
        ("limit=0", "limit"),
        ("cursor=nonsense", "cursor"),
    ] {
        app.get(&format!("/v1/actors?{query}")).await.assert_problem(StatusCode::BAD_REQUEST, hint);
    }
    app.get("/v1/actors/abc").await.assert_problem(StatusCode::BAD_REQUEST, "abc");
    app.get("/v1/actors/999999").await.assert_problem(StatusCode::NOT_FOUND, "999999");

    let with = |field: &str, value: Value| {
        let mut body = vintergren();
        body[field] = value;
        body
    };
    for (body, hint) in [
        (with("actor", json!("se")), "country code"),
        (with("actor", json!("X")), "organisation code"),
        (with("office", json!("Prime Minister")), "office"),
        (with("title", json!("  ")), "title"),
        (with("name", json!("")), "name"),
        (with("name", json!("A|B")), "|"),
        (with("variants", json!(["ok", " "])), "variant"),
        (with("from", json!("2020-02-30")), "not a date"),
        (with("from", json!("May 2020")), "YYYY-MM-DD"),
        (with("to", json!("2018")), "before it starts"),
        (json!({"actor": "SE", "office": "head_of_government", "title": "Prime Minister", "from": "2019"}), "name"),
    ] {
        app.post_json("/v1/actors", &body).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, hint);
    }
    assert_eq!(app.post_raw("/v1/actors", "application/json", b"{".to_vec()).await.status, StatusCode::BAD_REQUEST);

    let pm = create(&app, vintergren()).await;
    let uri = format!("/v1/actors/{}", pm["id"]);
    patch(&app, &uri, json!({})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "at least one field");
    patch(&app, &uri, json!({"to": "2018-12-31"})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "before it starts");
    patch(&app, &uri, json!({"office": "PM"})).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "office");
    patch(&app, "/v1/actors/999999", json!({"title": "x"})).await.assert_problem(StatusCode::NOT_FOUND, "999999");
    assert_eq!(app.get(&uri).await.body["to"], Value::Null, "a refused change changes nothing");
}

#[tokio::test]
async fn an_admins_entry_reaches_extraction_at_once() {
    let app = TestApp::new().await;
    assert_ne!(country_of(&extract_story(&app).await, "Oskar Vintergren"), "SE", "unknown before");

    let pm = create(&app, vintergren()).await;
    assert_eq!(country_of(&extract_story(&app).await, "Oskar Vintergren"), "SE");

    let uri = format!("/v1/actors/{}", pm["id"]);
    assert_eq!(patch(&app, &uri, json!({"actor": "NO"})).await.status, StatusCode::OK);
    assert_eq!(country_of(&extract_story(&app).await, "Oskar Vintergren"), "NO", "a correction is read at once");

    assert_eq!(app.delete(&uri).await.status, StatusCode::NO_CONTENT);
    assert_ne!(country_of(&extract_story(&app).await, "Oskar Vintergren"), "NO", "a deleted entry is read no more");
}

async fn digest_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT topics_digest FROM articles WHERE id = $1").bind(id).fetch_one(&app.db.pool).await.unwrap()
}

async fn reprocess_stale(app: &TestApp) -> Value {
    let accepted = app.post_raw("/v1/reprocess", "application/json", vec![]).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let location = accepted.headers[header::LOCATION].to_str().unwrap().to_string();
    for _ in 0..600 {
        let job = app.get(&location).await.body;
        if matches!(job["status"].as_str(), Some("succeeded" | "failed")) {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {location} did not finish");
}

#[tokio::test]
async fn changing_an_entry_makes_stored_articles_stale_for_reprocessing() {
    let app = TestApp::new().await;
    let stored = app.post_json("/v1/articles", &json!({"text": FICTIONAL_STORY, "published_at": "2021-05-04"})).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    let id = stored.body["id"].as_i64().unwrap();
    assert_ne!(country_of(&stored.body["extraction"], "Oskar Vintergren"), "SE");
    let before = digest_of(&app, id).await;
    let job = reprocess_stale(&app).await;
    assert_eq!((job["status"].as_str(), job["total"].as_i64()), (Some("succeeded"), Some(0)), "nothing stale yet: {job}");

    let pm = create(&app, vintergren()).await;
    let current = store::extractor(&mut app.db.pool.acquire().await.unwrap()).await.unwrap();
    assert_ne!(before, current.data_digest(), "the dictionary's digest changed");
    assert_eq!(digest_of(&app, id).await, before, "the article still says what it was read with");

    let job = reprocess_stale(&app).await;
    assert_eq!((job["status"].as_str(), job["total"].as_i64(), job["done"].as_i64()), (Some("succeeded"), Some(1), Some(1)), "{job}");
    assert_eq!(digest_of(&app, id).await, current.data_digest());
    let extraction = app.get(&format!("/v1/articles/{id}/extraction")).await.body;
    assert_eq!(country_of(&extraction, "Oskar Vintergren"), "SE");

    // A correction makes it stale again.
    assert_eq!(patch(&app, &format!("/v1/actors/{}", pm["id"]), json!({"variants": ["Oskar V."]})).await.status, StatusCode::OK);
    assert_eq!(reprocess_stale(&app).await["total"], 1);
}
