//! Several server instances on one database (issue 15): what one instance
//! changes of the extractor's inputs (topics, the actor dictionary), or what an
//! admin changes by hand in SQL, every other instance reads new articles with.

mod common;

use std::future::Future;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use common::{call, TestApp};
use readout::store;
use serde_json::{json, Value};
use sqlx::postgres::PgListener;

const ARCTIC_STORY: &str = "MOSCOW, June 3 (TASS) -- Russian Foreign Minister Sergey Lavrov met with \
visiting Norwegian Foreign Minister Espen Barth Eide here on Monday.\n\n\
Russia supports closer research cooperation in the Arctic, Lavrov said.\n";

/// A readout that names a prime minister without a state: only the dictionary can give one.
const FICTIONAL_STORY: &str = "GENEVA, May 4 (Agency) -- Prime Minister Oskar Vintergren met \
business leaders on Monday to discuss trade.\n";

/// Far longer than a notification takes; only a change that never arrives waits this long.
const DEADLINE: Duration = Duration::from_secs(10);

/// Waits until `check` holds, and says how long that took; fails after `DEADLINE`.
async fn eventually<F, Fut>(what: &str, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < DEADLINE, "{what}: not within {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

async fn extract(app: &TestApp, text: &str) -> Value {
    let answer = app.post_json("/v1/extract", &json!({"text": text, "published_at": "2021-05-04"})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

async fn reads_topic(app: &TestApp, slug: &str) -> bool {
    extract(app, ARCTIC_STORY).await["positions"].as_array().unwrap().iter().any(|p| p["topic"] == slug)
}

async fn country_of_vintergren(app: &TestApp) -> Value {
    let extraction = extract(app, FICTIONAL_STORY).await;
    let officials = extraction["officials"].as_array().unwrap();
    officials.iter().find(|o| o["name"] == "Oskar Vintergren").unwrap_or_else(|| panic!("{extraction}"))["country"].clone()
}

#[tokio::test]
async fn topics_changed_through_one_instance_are_read_by_the_other() {
    let one = TestApp::new().await;
    let other = one.another_instance(|state| drop(state.follow_extractor_inputs())).await;
    assert!(!reads_topic(&other, "arctic").await);

    let created = one.post_json("/v1/topics", &json!({"slug": "arctic", "label": "Arctic", "patterns": ["polar"]})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    // "polar" is not in the story: the topic exists but reads nothing yet.
    let changed = call(&one, Method::PATCH, "/v1/topics/arctic", Some(json!({"patterns": ["Arctic"]})), &[]).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let took = eventually("the other instance reads the changed topic", || reads_topic(&other, "arctic")).await;
    println!("a topic change reached the other instance in {took:?}");

    assert_eq!(one.delete("/v1/topics/arctic").await.status, StatusCode::NO_CONTENT);
    eventually("the other instance stops reading the deleted topic", || async { !reads_topic(&other, "arctic").await }).await;
}

#[tokio::test]
async fn dictionary_entries_changed_through_one_instance_or_by_hand_are_read_by_the_other() {
    let one = TestApp::new().await;
    let other = one.another_instance(|state| drop(state.follow_extractor_inputs())).await;
    assert_ne!(country_of_vintergren(&other).await, "SE", "unknown before");

    let entry = json!({"actor": "SE", "office": "head_of_government", "title": "Prime Minister",
                       "name": "Oskar Vintergren", "from": "2019-01", "to": null});
    let created = one.post_json("/v1/actors", &entry).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    eventually("the other instance reads the new entry", || async { country_of_vintergren(&other).await == "SE" }).await;

    // An admin's correction in SQL, through no instance at all.
    sqlx::query("UPDATE actors SET actor = 'NO' WHERE id = $1")
        .bind(created.body["id"].as_i64().unwrap())
        .execute(&one.db.pool)
        .await
        .unwrap();
    eventually("the other instance reads the correction made in SQL", || async { country_of_vintergren(&other).await == "NO" }).await;
}

#[tokio::test]
async fn only_a_change_notifies_not_a_seed_that_changes_nothing() {
    let app = TestApp::new().await;
    let mut listener = PgListener::connect_with(&app.db.pool).await.unwrap();
    listener.listen(store::notify::EXTRACTOR_INPUTS).await.unwrap();

    // Every server start seeds topics and actors; with nothing new, no instance rebuilds.
    store::migrate(&app.db.pool).await.unwrap();
    let woken = tokio::time::timeout(Duration::from_millis(500), listener.recv()).await;
    assert!(woken.is_err(), "a seed that changed nothing notified: {woken:?}");

    sqlx::query("UPDATE topics SET description = 'changed' WHERE slug = 'one_china'").execute(&app.db.pool).await.unwrap();
    let notification = tokio::time::timeout(DEADLINE, listener.recv()).await.expect("a change notifies").unwrap();
    assert_eq!(notification.payload(), "topics");
}
