//! 32 clients at once over real TCP, to one server or two on one database, posting overlapping sets of articles
//! through the single and the batch endpoint: each article is stored exactly
//! once, every answer is created or duplicate, and no derived row is doubled.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{TestApp, TestServer};
use serde_json::{json, Value};

const CLIENTS: usize = 32;
const ARTICLES: usize = 40;
const EACH: usize = 15;

/// Tables whose rows one article's ingestion writes, and the rollups kept from them.
const DERIVED: [&str; 8] = [
    "article_officials",
    "officials",
    "statements",
    "positions",
    "position_evidence",
    "meeting_reports",
    "meeting_participants",
    "meetings",
];

fn article_json(index: usize) -> Value {
    let a = readout::synth::article(77, index as u64);
    json!({"text": a.text, "title": a.title, "source": a.source, "published_at": a.published.to_string()})
}

/// What one client saw: per article index, created or duplicate.
type Answers = Vec<(usize, &'static str)>;

async fn post_single(http: &reqwest::Client, base: &str, index: usize) -> (usize, &'static str) {
    let response = http.post(format!("{base}/v1/articles")).json(&article_json(index)).send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    match status {
        201 => (index, "created"),
        200 => (index, "duplicate"),
        _ => panic!("article {index}: {status} {body}"),
    }
}

async fn post_batch(http: &reqwest::Client, base: &str, indices: &[usize]) -> Answers {
    let body: Vec<Value> = indices.iter().map(|&i| article_json(i)).collect();
    let response = http.post(format!("{base}/v1/articles:batch")).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{answer}");
    indices
        .iter()
        .zip(answer["items"].as_array().unwrap())
        .map(|(&i, item)| match item["status"].as_str().unwrap() {
            "created" => (i, "created"),
            "duplicate" => (i, "duplicate"),
            other => panic!("article {i}: {other} {item}"),
        })
        .collect()
}

/// Client `c`: a random subset of the articles in random order; even clients
/// post them one by one, odd ones in batches of up to five.
async fn client(c: usize, base: String) -> Answers {
    let mut rng = fastrand::Rng::with_seed(c as u64);
    let mut all: Vec<usize> = (0..ARTICLES).collect();
    rng.shuffle(&mut all);
    let mine = &all[..EACH];
    let http = reqwest::Client::new();
    let mut answers = Vec::new();
    if c % 2 == 0 {
        for &i in mine {
            answers.push(post_single(&http, &base, i).await);
        }
    } else {
        for chunk in mine.chunks(rng.usize(1..=5)) {
            answers.extend(post_batch(&http, &base, chunk).await);
        }
    }
    answers
}

async fn counts(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in DERIVED {
        out.push((table, app.db.count(table).await));
    }
    let rollups: [(&str, &str); 2] = [
        ("statement_totals", "SELECT coalesce(sum(n), 0)::bigint FROM statement_totals"),
        ("position_totals", "SELECT coalesce(sum(n), 0)::bigint FROM position_totals"),
    ];
    for (name, sql) in rollups {
        out.push((name, sqlx::query_scalar(sql).fetch_one(&app.db.pool).await.unwrap()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_two_clients_posting_overlapping_articles_store_each_once() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    posting_overlapping_articles_stores_each_once(&app, &[server.base.clone()]).await;
}

/// Two server instances on one database (issue 15), each with its own pool, the
/// clients split between them: the shared-rows lock and the article key keep
/// every article stored once and every rollup as one server writes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_ingesting_at_once_store_each_article_once() {
    let app = TestApp::new().await;
    let other = app.another_instance(|_| ()).await;
    let (one, two) = (TestServer::start(app.router()).await, TestServer::start(other.router()).await);
    posting_overlapping_articles_stores_each_once(&app, &[one.base.clone(), two.base.clone()]).await;
}

/// `CLIENTS` clients, spread over the servers at `bases`, post overlapping sets of
/// articles; then the same articles are ingested one at a time on a database of their own.
async fn posting_overlapping_articles_stores_each_once(app: &TestApp, bases: &[String]) {
    let started = std::time::Instant::now();
    let clients: Vec<_> = (0..CLIENTS).map(|c| tokio::spawn(client(c, bases[c % bases.len()].clone()))).collect();
    let mut answers: Answers = Vec::new();
    for handle in clients {
        let done = tokio::time::timeout(Duration::from_secs(120), handle).await.expect("clients finish").expect("no client panicked");
        answers.extend(done);
    }
    eprintln!("{} posts by {CLIENTS} clients to {} servers in {:.2}s", answers.len(), bases.len(), started.elapsed().as_secs_f64());

    let posted: BTreeSet<usize> = answers.iter().map(|(i, _)| *i).collect();
    let created: Vec<usize> = answers.iter().filter(|(_, s)| *s == "created").map(|(i, _)| *i).collect();
    let created_once: BTreeSet<usize> = created.iter().copied().collect();
    assert_eq!(created.len(), created_once.len(), "no article was created twice");
    assert_eq!(created_once, posted, "every article posted was created by exactly one answer");
    let (stored, distinct): (i64, i64) = sqlx::query_as("SELECT count(*), count(DISTINCT content_hash) FROM articles")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!((stored, distinct), (posted.len() as i64, posted.len() as i64));

    // The same articles ingested one at a time, in order, write the same rows.
    let serial = TestApp::new().await;
    for &i in &posted {
        let response = serial.post_json("/v1/articles", &article_json(i)).await;
        assert_eq!(response.status.as_u16(), 201);
    }
    assert_eq!(counts(app).await, counts(&serial).await);
    assert_eq!(meetings_by_country_and_month(app).await, meetings_by_country_and_month(&serial).await);
    app.db.assert_references_hold().await;
}

/// The stats endpoint's rollup of meetings, as a dashboard reads it.
async fn meetings_by_country_and_month(app: &TestApp) -> Value {
    let answer = app.get("/v1/stats/meetings?group_by=country,month&limit=500").await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.body);
    let items = answer.body["items"].clone();
    assert!(items.as_array().is_some_and(|a| !a.is_empty()), "{}", answer.body);
    items
}
