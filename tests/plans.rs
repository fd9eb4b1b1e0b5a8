//! Query plans that hold as the archive grows (issue 14: migration 0008 dropped
//! the index on `position_evidence (statement_id)`, and every statement list
//! turned into one scan of the evidence per statement, unnoticed).
//!
//! Every GET of the OpenAPI document but the probes is called through the real
//! router on a few thousand synthetic articles: with no filter, with each of
//! its parameters, and with a cursor. The server's connections run
//! `auto_explain` (plans sent to the client as notices) with
//! `plan_cache_mode = force_generic_plan`, so each statement a handler runs is
//! captured with the generic plan a prepared statement gets after a few
//! executions. A plan fails when it reads a table that grows with the archive
//! from end to end (Seq Scan), or runs a subplan once per row that reads any
//! table without an index. An endpoint added later is covered by the same walk,
//! and a parameter the walk cannot give a value fails the test until it can.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use common::{TestDb, TestResponse};
use readout::api::{self, AppState};
use readout::domain::event::EventId;
use readout::store::{self, webhooks::WebhookFields};
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use tower::ServiceExt;

/// Enough rows that PostgreSQL prefers an index wherever one fits (its costs
/// favour a scan on tables of a few pages), few enough for a debug build.
const ARTICLES: usize = 3_000;

/// Tables whose size does not follow the archive's: read whole, they stay cheap.
/// Every other table of the schema (a new one too) must not be scanned.
const BOUNDED: &[(&str, &str)] = &[
    ("_sqlx_migrations", "one row per migration"),
    ("countries", "the gazetteer: about 250 states"),
    ("topics", "the taxonomy: tens of topics"),
    ("actors", "the office-holder dictionary: a few thousand entries kept by admins"),
    ("actor_tombstones", "default entries admins deleted"),
    ("api_keys", "a handful of keys"),
    ("jobs", "one row per reprocessing request"),
    ("idempotency_keys", "answers kept for a day"),
    ("webhooks", "a handful of hooks admins register"),
    ("event_log_pruned", "one row: how far the event log was pruned"),
    // Rollups kept by triggers: one row per group of states, topics, kinds and
    // months, so they grow with the calendar, not with the number of articles
    // (though not small: position_counts held 207k rows at 100k synthetic
    // articles). Stats read them whole when they answer every group, where a
    // scan is the right plan; the ones by state or topic have indexes.
    ("statement_totals", "rollup per state"),
    ("position_counts", "rollup per actor, topic, stance and month"),
    ("position_totals", "rollup per actor, topic and stance"),
    ("position_topic_months", "rollup per topic, stance and month"),
    ("position_actor_months", "rollup per actor, stance and month"),
    ("meeting_counts", "rollup per state, month and kind"),
    ("meeting_country_totals", "rollup per state and kind"),
    ("meeting_country_months", "rollup per state and month"),
    ("meeting_month_counts", "rollup per month and kind"),
];

/// Integer query parameters hold ids of a list's items: which list.
const ID_PARAMETERS: &[(&str, &str)] = &[("speaker", "/v1/officials"), ("official", "/v1/officials")];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_read_endpoint_plans_without_scanning_what_grows() {
    let plans = capture_plans();
    let db = TestDb::new().await;
    load_archive(&db).await;
    let growing = growing_tables(&db).await;
    let (app, pool) = explaining_router(&db).await;
    let document: Value = serde_json::to_value(api::openapi()).unwrap();

    // What is wrong → the URIs whose statements have it.
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut explained = 0;
    for (path, operation) in read_operations(&document) {
        let mut path_plans = 0;
        for uri in requests_for(&app, &document, &path, &operation).await {
            plans.lock().unwrap().clear();
            let response = send(&app, &uri).await;
            assert!(response.status.is_success(), "GET {uri} answered {}: {}", response.status, response.body);
            for plan in plans.lock().unwrap().drain(..) {
                path_plans += 1;
                let query = plan["Query Text"].as_str().unwrap_or("?").split_whitespace().collect::<Vec<_>>().join(" ");
                for problem in problems(&plan["Plan"], &growing, false) {
                    failures.entry(format!("{problem}\n    in: {query:.240}")).or_default().push(format!("GET {uri}"));
                }
            }
        }
        assert!(path_plans > 0, "GET {path} ran no SQL that auto_explain saw: is the capture broken?");
        explained += path_plans;
    }
    // Event streams never end, so the walk cannot read them: their reads of
    // the log are explained here, a page from its start and one from its middle.
    for after in [EventId::after_entry(0), EventId { log: ARTICLES as i64 / 2, ord: 1 }] {
        plans.lock().unwrap().clear();
        let page = store::events::read_after(&mut *pool.acquire().await.unwrap(), after, 100).await.unwrap();
        assert!(!page.events.is_empty());
        for plan in plans.lock().unwrap().drain(..) {
            explained += 1;
            let query = plan["Query Text"].as_str().unwrap_or("?").split_whitespace().collect::<Vec<_>>().join(" ");
            for problem in problems(&plan["Plan"], &growing, false) {
                failures.entry(format!("{problem}\n    in: {query:.240}")).or_default().push(format!("event log after {after}"));
            }
        }
    }
    let report: Vec<String> = failures
        .into_iter()
        .map(|(problem, mut uris)| {
            uris.dedup(); // a filtered list runs its probe and its full query
            format!("{problem}\n    from: {}", uris.join(", "))
        })
        .collect();
    assert!(report.is_empty(), "{} plans scale with the archive:\n{}", report.len(), report.join("\n"));
    assert!(explained > 50, "only {explained} plans checked");
}

/// What is wrong with a plan node and the nodes under it. `per_row`: inside a
/// subplan run once per outer row, where a read without an index is a scan per row.
fn problems(node: &Value, growing: &BTreeSet<String>, per_row: bool) -> Vec<String> {
    let mut found = vec![];
    let per_row = per_row
        || (node["Parent Relationship"] == "SubPlan"
            && !node["Subplan Name"].as_str().is_some_and(|name| name.starts_with("hashed")));
    if node["Node Type"] == "Seq Scan" {
        let table = node["Relation Name"].as_str().unwrap_or("?");
        if per_row {
            found.push(format!("Seq Scan on {table} in a subplan run per row"));
        } else if growing.contains(table) {
            found.push(format!("Seq Scan on {table}, which grows with the archive"));
        }
    }
    for child in node["Plans"].as_array().into_iter().flatten() {
        found.extend(problems(child, growing, per_row));
    }
    found
}

/// The rules themselves, on plans shaped as `auto_explain` writes them: a
/// check that flags nothing would let every plan through.
#[test]
fn scans_of_growing_tables_and_per_row_scans_are_flagged() {
    let growing = BTreeSet::from(["statements".to_string()]);
    let scan = |table: &str| serde_json::json!({"Node Type": "Seq Scan", "Relation Name": table});
    let under = |node: Value, relationship: &str, name: &str| {
        let mut child = node;
        child["Parent Relationship"] = relationship.into();
        child["Subplan Name"] = name.into();
        serde_json::json!({"Node Type": "Limit", "Plans": [child]})
    };
    assert_eq!(problems(&scan("statements"), &growing, false), ["Seq Scan on statements, which grows with the archive"]);
    assert!(problems(&scan("topics"), &growing, false).is_empty(), "small tables may be read whole");
    let per_row = under(serde_json::json!({"Node Type": "Sort", "Plans": [scan("topics")]}), "SubPlan", "SubPlan 1");
    assert_eq!(problems(&per_row, &growing, false), ["Seq Scan on topics in a subplan run per row"]);
    assert!(problems(&under(scan("topics"), "SubPlan", "hashed SubPlan 1"), &growing, false).is_empty(), "hashed: run once");
    assert!(problems(&under(scan("topics"), "InitPlan", "InitPlan 1"), &growing, false).is_empty(), "run once");
    let indexed = serde_json::json!({"Node Type": "Index Scan", "Relation Name": "statements"});
    assert!(problems(&under(indexed, "SubPlan", "SubPlan 1"), &growing, false).is_empty());
}

/// Plans `auto_explain` sends as notices, which sqlx logs as tracing events.
fn capture_plans() -> Arc<Mutex<Vec<Value>>> {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let plans = Arc::new(Mutex::new(vec![]));
    let layer = NoticeLayer(plans.clone()).with_filter(Targets::new().with_target("sqlx::postgres::notice", tracing::Level::INFO));
    tracing_subscriber::registry().with(layer).try_init().expect("the only subscriber of this test binary");
    plans
}

struct NoticeLayer(Arc<Mutex<Vec<Value>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for NoticeLayer {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        // "duration: 0.123 ms  plan:\n{...}"
        if let Some((_, json)) = message.0.split_once("plan:\n") {
            self.0.lock().unwrap().push(serde_json::from_str(json).expect("auto_explain writes JSON"));
        }
    }
}

struct Message(String);

impl tracing::field::Visit for Message {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "message" {
            self.0 = value.to_string();
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// Synthetic typical articles through the ingestion path, two queued jobs (so
/// the jobs list has a second page), then fresh statistics.
async fn load_archive(db: &TestDb) {
    // A webhook for every article, registered first, so its delivery log fills.
    let hook = WebhookFields { url: Some("https://hooks.example.org/in".into()), kinds: Some(vec!["article".into()]), ..Default::default() };
    store::webhooks::create(&mut *db.pool.acquire().await.unwrap(), hook, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").await.unwrap();
    common::ingest_synthetic(db, ARTICLES).await;
    readout::webhooks::queue_new_events(&db.pool).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    for _ in 0..2 {
        store::jobs::create_reprocess(&mut conn, None, false).await.unwrap();
    }
    store::statistics::analyze_all(&mut conn).await.unwrap();
}

/// The schema's tables but the bounded ones; fails on a bounded table the schema lacks.
async fn growing_tables(db: &TestDb) -> BTreeSet<String> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'").fetch_all(&db.pool).await.unwrap();
    for (table, _) in BOUNDED {
        assert!(tables.iter().any(|t| t == table), "BOUNDED names {table}, which the schema no longer has");
    }
    tables.into_iter().filter(|t| !BOUNDED.iter().any(|(b, _)| b == t)).collect()
}

/// The application on a pool whose sessions explain every statement they run, and the pool.
async fn explaining_router(db: &TestDb) -> (axum::Router, sqlx::PgPool) {
    let options = store::session_settings(PgConnectOptions::from_str(&db.url()).unwrap()).options([
        ("session_preload_libraries", "auto_explain"),
        ("auto_explain.log_min_duration", "0"),
        ("auto_explain.log_level", "notice"),
        ("auto_explain.log_format", "json"),
        ("auto_explain.log_nested_statements", "on"),
        ("plan_cache_mode", "force_generic_plan"),
    ]);
    let pool = store::pool_options().connect_with(options).await.unwrap();
    let extractor = store::extractor(&mut pool.acquire().await.unwrap()).await.unwrap();
    (api::router(AppState::new(pool.clone(), extractor)), pool)
}

async fn send(app: &axum::Router, uri: &str) -> TestResponse {
    use http_body_util::BodyExt;
    let request = axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let raw = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    TestResponse { status, headers, body, raw }
}

/// Every GET of the document but the health probes and event streams: (path, operation).
fn read_operations(document: &Value) -> Vec<(String, Value)> {
    let paths = document["paths"].as_object().unwrap();
    paths
        .iter()
        .filter(|(path, _)| path.starts_with("/v1/"))
        .filter_map(|(path, item)| item.get("get").map(|op| (path.clone(), op.clone())))
        .filter(|(_, op)| op["responses"]["200"]["content"].get("text/event-stream").is_none())
        .collect()
}

/// The URIs that exercise an operation: its required parameters alone (each
/// value of them in turn), each of those with each optional parameter, then
/// a second page. Lists ask for their largest page, so topic and text filters read
/// past their probe of the newest rows.
async fn requests_for(app: &axum::Router, document: &Value, path: &str, operation: &Value) -> Vec<String> {
    let (mut required, mut optional) = (vec![], vec![]);
    let (mut in_path, mut limit, mut has_cursor) = (None, None, false);
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        let name = parameter["name"].as_str().unwrap();
        match (parameter["in"].as_str(), name) {
            (Some("path"), _) => {
                assert!(in_path.replace(name).is_none(), "GET {path}: teach this test paths of two parameters");
            }
            (_, "limit") => limit = parameter["schema"]["maximum"].as_i64(),
            (_, "cursor") => has_cursor = true,
            _ => {
                let values = query_values(app, document, path, parameter).await;
                let target = if parameter["required"] == true { &mut required } else { &mut optional };
                target.push((name.to_string(), values));
            }
        }
    }
    let base: BTreeMap<String, String> = required
        .iter()
        .map(|(n, v)| (n.clone(), v[0].clone()))
        .chain(limit.map(|l| ("limit".to_string(), l.to_string())))
        .collect();
    // Each value of a required parameter (a stats grouping picks its rollup),
    // alone and with each optional one.
    let with = |query: &BTreeMap<String, String>, name: &str, value: &str| {
        let mut query = query.clone();
        query.insert(name.to_string(), value.to_string());
        query
    };
    let mut bases = vec![base.clone()];
    for (name, values) in &required {
        bases.extend(values[1..].iter().map(|value| with(&base, name, value)));
    }
    let mut queries = bases.clone();
    for base in &bases {
        for (name, values) in &optional {
            queries.extend(values.iter().map(|value| with(base, name, value)));
        }
    }
    // The item the path names: the busiest with a second page (of the first
    // of these queries that has one), so the cursor's query runs too.
    for resolved in resolutions(app, path, in_path).await {
        if !has_cursor {
            return queries.iter().map(|q| uri(&resolved, q)).collect();
        }
        if let Some(second) = second_page(app, &resolved, &queries).await {
            queries.push(second);
            return queries.iter().map(|q| uri(&resolved, q)).collect();
        }
    }
    panic!("GET {path}: no second page to test the cursor on")
}

/// The first of the queries whose list has a second page, with the cursor to it.
async fn second_page(app: &axum::Router, path: &str, queries: &[BTreeMap<String, String>]) -> Option<BTreeMap<String, String>> {
    for query in queries {
        let mut first = query.clone();
        first.insert("limit".into(), "1".into());
        if let Some(cursor) = send(app, &uri(path, &first)).await.body["next_cursor"].as_str() {
            let mut second = query.clone();
            second.insert("cursor".into(), cursor.to_string());
            return Some(second);
        }
    }
    None
}

fn uri(path: &str, query: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", v.replace(' ', "%20").replace(',', "%2C"))).collect();
    if pairs.is_empty() { path.to_string() } else { format!("{path}?{}", pairs.join("&")) }
}

/// The path with its parameter filled in by candidates, busiest first.
async fn resolutions(app: &axum::Router, path: &str, parameter: Option<&str>) -> Vec<String> {
    match parameter {
        None => vec![path.to_string()],
        Some(name) => {
            let values = candidates(app, path, name).await;
            values.iter().take(20).map(|v| path.replace(&format!("{{{name}}}"), v)).collect()
        }
    }
}

/// Values for a path parameter: that field of the items of the list the path
/// continues (`/v1/officials/{id}/meetings`: `id`s from `/v1/officials`), those
/// in most articles first when items say.
async fn candidates(app: &axum::Router, path: &str, name: &str) -> Vec<String> {
    let list = &path[..path.find(&format!("/{{{name}}}")).unwrap()];
    let page = send(app, &format!("{list}?limit=500")).await;
    // A page's items, or a short list answered whole.
    let mut items = page.body["items"].as_array().or(page.body.as_array()).cloned().unwrap_or_default();
    items.sort_by_key(|item| -item["articles"].as_i64().unwrap_or(0));
    let values: Vec<String> = items
        .iter()
        .filter_map(|item| match &item[name] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    assert!(!values.is_empty(), "GET {path}: no `{name}` in the items of {list} to fill the path with: {}", page.body);
    values
}

/// Values to try for a query parameter: an id from its list, every grouping a
/// comma-list pattern allows, an enum's first value, else the documented example.
async fn query_values(app: &axum::Router, document: &Value, path: &str, parameter: &Value) -> Vec<String> {
    let name = parameter["name"].as_str().unwrap();
    let schema = &parameter["schema"];
    if let Some((_, list)) = ID_PARAMETERS.iter().find(|(n, _)| *n == name) {
        return candidates(app, &format!("{list}/{{id}}"), "id").await.into_iter().take(1).collect();
    }
    if let Some(pattern) = schema["pattern"].as_str().filter(|p| p.contains(",(")) {
        return groupings(pattern);
    }
    let schema = match schema["$ref"].as_str() {
        Some(reference) => &document["components"]["schemas"][reference.rsplit('/').next().unwrap()],
        None => schema,
    };
    if let Some(first) = schema["enum"][0].as_str() {
        return vec![first.to_string()];
    }
    match &parameter["example"] {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        _ => panic!("GET {path}: no value to try for `{name}`; give it an example, or add it to ID_PARAMETERS"),
    }
}

/// `^(a|b)(,(a|b))?$` → a, b, "a,b", "b,a".
fn groupings(pattern: &str) -> Vec<String> {
    let inner = pattern.trim_start_matches("^(").split(')').next().unwrap();
    let keys: Vec<&str> = inner.split('|').collect();
    let mut values: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    for a in &keys {
        values.extend(keys.iter().filter(|b| b != &a).map(|b| format!("{a},{b}")));
    }
    values
}
