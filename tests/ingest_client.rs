//! `readout ingest`'s client against the real router served over TCP: files
//! and folders in, a summary out, every article stored once, retries that
//! replay a lost answer instead of repeating the work.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use common::{TestApp, TestServer, WIRE_STORY};
use readout::client::{self, retry::Backoff, Options, Summary};
use serde_json::json;

const MOSCOW: &str = "MOSCOW, May 5 (Xinhua) -- Russian Foreign Minister Sergei Lavrov held talks with \
visiting Indian External Affairs Minister Subrahmanyam Jaishankar here on Tuesday.\\n\\nLavrov said Russia \
supports a multipolar world.";
const HANOI: &str = "HANOI, June 2 (Xinhua) -- Vietnamese Prime Minister Pham Minh Chinh met visiting \
Chinese Vice Premier Liu He here on Friday.";
const PHONE: &str = "BEIJING, July 8 (Xinhua) -- Chinese President Xi Jinping held a phone call with \
French President Emmanuel Macron on Wednesday.";

/// A folder of its own, removed when the test ends.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("readout-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn write(&self, name: &str, content: &str) {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// .txt, .json (object and array) and .ndjson files in nested folders, with
/// one duplicate, one item the server rejects and one line that is not JSON.
fn sample_folder(name: &str) -> Folder {
    let folder = Folder::new(name);
    folder.write("a.txt", WIRE_STORY);
    folder.write("sub/b.json", &json!([{"text": MOSCOW.replace("\\n", "\n"), "source": "Xinhua"}, {"text": "   "}]).to_string());
    folder.write(
        "sub/deeper/c.ndjson",
        &format!("{}\n{{\"text\": broken\n\n{}\n", json!({"text": HANOI}), json!({"text": WIRE_STORY})),
    );
    folder.write("d.json", &json!({"text": PHONE, "published_at": "2024-07-08"}).to_string());
    folder.write("notes.md", "not an article");
    folder
}

fn options(server: &str) -> Options {
    Options {
        server: server.to_string(),
        api_key: None,
        concurrency: 2,
        batch: 2,
        retries: 4,
        backoff: Backoff { base: Duration::from_millis(10), cap: Duration::from_millis(100) },
        progress: false,
    }
}

async fn run(paths: &[&Path], options: &Options) -> Summary {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    tokio::time::timeout(Duration::from_secs(60), client::ingest(&paths, options))
        .await
        .expect("the client finishes")
        .expect("the paths can be read")
}

#[tokio::test]
async fn a_folder_is_ingested_and_summed_up_with_its_duplicates_and_rejections() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    let folder = sample_folder("folder");

    let summary = run(&[&folder.0], &options(&server.base)).await;
    eprintln!("{summary}");
    assert_eq!((summary.created, summary.duplicate, summary.rejected, summary.failed), (4, 1, 2, 0));
    assert!(summary.succeeded());
    let rejections = summary.rejections.join("\n");
    assert!(rejections.contains("b.json[1]: `text` must not be empty or blank"), "{rejections}");
    assert!(rejections.contains("c.ndjson:2: this line is not JSON"), "{rejections}");
    assert_eq!(app.db.count("articles").await, 4);
    let stored: Vec<String> = sqlx::query_scalar("SELECT text FROM articles ORDER BY id").fetch_all(&app.db.pool).await.unwrap();
    assert!(stored.iter().any(|t| t == WIRE_STORY), "a .txt file is stored as it is");
    assert!(stored.iter().any(|t| t.contains("multipolar world") && t.contains("\n\n")));

    // Again: everything is stored already, and a single file can be named.
    let again = run(&[&folder.0.join("a.txt"), &folder.0.join("sub")], &options(&server.base)).await;
    assert_eq!((again.created, again.duplicate, again.rejected, again.failed), (0, 4, 2, 0));
    assert_eq!(app.db.count("articles").await, 4);
}

/// Answers the first request 429 without passing it on, lets the second
/// through but loses its answer (a 503 instead), and passes the rest,
/// noting whether each answer was a replay.
#[derive(Clone, Default)]
struct Flaky {
    seen: Arc<AtomicUsize>,
    replayed: Arc<Mutex<Vec<bool>>>,
}

async fn flaky(axum::extract::State(flaky): axum::extract::State<Flaky>, request: Request, next: Next) -> Response {
    match flaky.seen.fetch_add(1, Ordering::SeqCst) {
        0 => (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], "slow down").into_response(),
        1 => {
            let _lost = next.run(request).await;
            (StatusCode::BAD_GATEWAY, Body::from("the answer was lost")).into_response()
        }
        _ => {
            let response = next.run(request).await;
            flaky.replayed.lock().unwrap().push(response.headers().contains_key("idempotency-replayed"));
            response
        }
    }
}

#[tokio::test]
async fn a_batch_whose_answer_was_lost_is_retried_under_its_key_and_replayed() {
    let app = TestApp::new().await;
    let state = Flaky::default();
    let router = app.router().layer(middleware::from_fn_with_state(state.clone(), flaky));
    let server = TestServer::start(router).await;
    let folder = sample_folder("flaky");
    let options = Options { concurrency: 1, batch: 100, ..options(&server.base) };

    let started = std::time::Instant::now();
    let summary = run(&[&folder.0], &options).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After was honoured");
    assert_eq!(state.seen.load(Ordering::SeqCst), 3, "429, lost answer, replay");
    assert_eq!(*state.replayed.lock().unwrap(), vec![true], "the retry got the first answer back");
    // The replayed answer reports what the lost request did: created, not duplicate.
    assert_eq!((summary.created, summary.duplicate, summary.rejected, summary.failed), (4, 1, 2, 0));
    assert_eq!(app.db.count("articles").await, 4);
}

#[tokio::test]
async fn refused_batches_fail_without_retries_and_an_unreachable_server_fails_after_them() {
    let folder = sample_folder("refused");
    let app = TestApp::new().await;
    let refuse = |request: Request, next: Next| async move {
        if request.headers().get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer good") {
            return next.run(request).await;
        }
        readout::api::problem::problem_response(StatusCode::UNAUTHORIZED, "send a valid API key".into())
    };
    let server = TestServer::start(app.router().layer(middleware::from_fn(refuse))).await;
    let summary = run(&[&folder.0], &options(&server.base)).await;
    assert_eq!((summary.created, summary.rejected, summary.failed), (0, 1, 6));
    assert!(summary.failures[0].ends_with("HTTP 401: send a valid API key"), "{:?}", summary.failures);
    let keyed = Options { api_key: Some("good".into()), ..options(&server.base) };
    assert_eq!(run(&[&folder.0], &keyed).await.created, 4);

    // Nothing listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let options = Options { retries: 2, ..options(&format!("http://127.0.0.1:{port}")) };
    let summary = run(&[&folder.0], &options).await;
    assert_eq!((summary.failed, summary.rejected), (6, 1));
    assert!(!summary.succeeded());
    assert!(summary.failures[0].contains("gave up after 3 tries"), "{:?}", summary.failures);
}
