//! Test harness: each test gets a fresh PostgreSQL database, migrated and
//! seeded like production, dropped again when the test ends (even on panic).

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use readout::api::{self, AppState};
use readout::store;
use serde_json::Value;
use sqlx::{Connection, PgConnection, PgPool};
use tower::ServiceExt;

/// Where tests create their databases: `READOUT_TEST_DATABASE_URL`, else the
/// default server's `postgres` database when it lets us in, else the private
/// cluster's, started as `readout serve` would (and left running for the next
/// test binary). Any role allowed to create databases will do.
pub fn admin_url() -> String {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let found = || {
        // Resolved on a thread of its own: callers may be inside a runtime or not.
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let database = runtime.block_on(readout::pgcluster::Database::locate(None, "postgres", None));
            database.unwrap_or_else(|e| panic!("no PostgreSQL for the tests: {e:#}")).url
        })
        .join()
        .unwrap()
    };
    URL.get_or_init(|| std::env::var("READOUT_TEST_DATABASE_URL").unwrap_or_else(|_| found())).clone()
}

fn database_url(name: &str) -> String {
    readout::pgcluster::with_database(&admin_url(), name)
}

pub struct TestDb {
    pub name: String,
    pub pool: PgPool,
}

impl TestDb {
    pub async fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "readout_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros()
        );
        let pool = store::prepare(&database_url(&name)).await.expect("prepare test database");
        TestDb { name, pool }
    }

    /// The URL to hand to the `readout` binary.
    pub fn url(&self) -> String {
        database_url(&self.name)
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Fails when a reference between derived rows that no foreign key guards
    /// (migration 0008's `broken_references`) points at a wrong or missing row.
    pub async fn assert_references_hold(&self) {
        let broken: Vec<(String, i64)> =
            sqlx::query_as("SELECT reference, broken FROM broken_references WHERE broken > 0")
                .fetch_all(&self.pool)
                .await
                .unwrap();
        assert!(broken.is_empty(), "broken references: {broken:?}");
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop has no async; a short-lived runtime on its own thread does the clean-up.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(mut conn) = PgConnection::connect(&admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The application on its own database, driven in-process with `oneshot`.
pub struct TestApp {
    /// Shared by the instances made with `another_instance`; dropped with the last.
    pub db: std::sync::Arc<TestDb>,
    router: Router,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

impl TestResponse {
    pub fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts an RFC 9457 problem with this status and a detail mentioning `needle`.
    pub fn assert_problem(&self, status: StatusCode, needle: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.content_type(), "application/problem+json");
        assert_eq!(self.body["status"], status.as_u16());
        assert_eq!(self.body["title"], status.canonical_reason().unwrap());
        let detail = self.body["detail"].as_str().expect("detail");
        assert!(
            detail.to_lowercase().contains(&needle.to_lowercase()),
            "detail {detail:?} should mention {needle:?}"
        );
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_cors(vec![]).await
    }

    /// The same router, for tests that drive it themselves (concurrently, or behind a layer).
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    pub async fn with_cors(origins: Vec<String>) -> Self {
        Self::configured(|state| state.with_cors_origins(origins)).await
    }

    /// The application with its state adjusted, e.g. `|s| s.with_auth_for_reads(true)`.
    pub async fn configured(configure: impl FnOnce(AppState) -> AppState) -> Self {
        let db = TestDb::new().await;
        let extractor = store::extractor(&mut db.pool.acquire().await.unwrap()).await.unwrap();
        let state = configure(AppState::new(db.pool.clone(), extractor));
        TestApp { db: std::sync::Arc::new(db), router: api::router(state) }
    }

    /// A second server instance on the same database: its own connection pool,
    /// state and router, as another process would have. `configure` may start
    /// its background work (`AppState::follow_extractor_inputs`).
    pub async fn another_instance(&self, configure: impl FnOnce(&AppState)) -> TestApp {
        let pool = store::prepare(&self.db.url()).await.expect("connect a second instance");
        let extractor = store::extractor(&mut pool.acquire().await.unwrap()).await.unwrap();
        let state = AppState::new(pool, extractor);
        configure(&state);
        TestApp { db: self.db.clone(), router: api::router(state) }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let raw = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        TestResponse { status, headers, body, raw }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn delete(&self, uri: &str) -> TestResponse {
        self.send(Request::delete(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, uri: &str, body: &Value) -> TestResponse {
        self.post_raw(uri, "application/json", body.to_string().into_bytes()).await
    }

    pub async fn post_raw(&self, uri: &str, content_type: &str, body: Vec<u8>) -> TestResponse {
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

/// What hand-made test articles claim to be read with: nothing a real extractor is.
pub const TEST_READ: readout::store::articles::ReadWith<'static> =
    readout::store::articles::ReadWith { version: "test", topics_digest: "test" };
/// A router served over real TCP on a free local port, for clients that speak
/// HTTP (the ingest client, concurrent connections). Stops when dropped.
pub struct TestServer {
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start(router: Router) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        TestServer { base, task }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A short wire story written for these tests.
pub const WIRE_STORY: &str = "ASTANA, March 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met with visiting \
Chinese Foreign Minister Wang Yi here on Monday.\n\n\
Kazakhstan firmly adheres to the one-China policy, Tokayev said.\n\n\
Wang said China is ready to deepen Belt and Road cooperation with Kazakhstan.\n";

/// A hand-made extraction, stored through the store as ingestion would, so
/// tests of the read side do not depend on what the extractor reads.
pub mod story {
    use chrono::NaiveDate;
    use readout::domain::*;
    use readout::store::{self, articles::NewArticle};
    use sqlx::PgPool;

    pub struct Story {
        pub text: String,
        pub day: NaiveDate,
        pub extraction: Extraction,
    }

    pub fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn code(c: &str) -> CountryCode {
        CountryCode::parse(c).unwrap()
    }

    fn span() -> Span {
        Span::new(0, 4)
    }

    impl Story {
        pub fn new(text: &str, on: &str) -> Self {
            Story { text: text.into(), day: day(on), extraction: Extraction::default() }
        }

        /// Adds an official; returns their index.
        pub fn official(&mut self, name: &str, country: &str, titles: &[&str]) -> usize {
            self.extraction.officials.push(Official {
                name: name.into(),
                country: Some(code(country)),
                org: None,
                titles: titles.iter().map(|t| TitleMention { title: t.to_string(), span: span() }).collect(),
                mentions: vec![Mention { span: span(), kind: MentionKind::FullName }],
            });
            self.extraction.officials.len() - 1
        }

        pub fn meeting(&mut self, kind: MeetingKind, on: &str, location: Option<(&str, &str)>, participants: &[usize]) {
            self.extraction.meetings.push(Meeting {
                kind,
                date: Some(ResolvedDate { date: day(on), anchor: Some(self.day), rule: DateRule::Explicit }),
                location: location.map(|(city, _)| city.to_string()),
                location_country: location.map(|(_, c)| code(c)),
                participants: participants.to_vec(),
                host: None,
                span: span(),
            });
        }

        /// Adds a statement by an official; returns its index.
        pub fn says(&mut self, speaker: usize, text: &str) -> usize {
            self.push_statement(Speaker::Official(speaker), text)
        }

        pub fn state_says(&mut self, country: &str, text: &str) -> usize {
            self.push_statement(Speaker::State(code(country)), text)
        }

        fn push_statement(&mut self, speaker: Speaker, text: &str) -> usize {
            self.extraction.statements.push(Statement {
                speaker,
                text: text.into(),
                span: span(),
                mode: StatementMode::Reported,
                verb: Some("say".into()),
            });
            self.extraction.statements.len() - 1
        }

        /// The statement's speaker states a position for `actor`.
        pub fn position(&mut self, statement: usize, actor: &str, topic: &str, stance: Stance) {
            let speaker = match self.extraction.statements[statement].speaker {
                Speaker::Official(i) => Some(i),
                _ => None,
            };
            self.extraction.positions.push(Position {
                actor: Actor::State(code(actor)),
                topic: TopicSlug::parse(topic).unwrap(),
                stance,
                speaker,
                statement,
                span: span(),
                grade: None,
            });
        }

        /// Stores the story as ingestion would; returns the article id.
        pub async fn store(&self, pool: &PgPool) -> i64 {
            let mut tx = pool.begin().await.unwrap();
            let article = NewArticle {
                text: ArticleText::parse(self.text.clone()).unwrap(),
                title: Some(format!("Story of {}", self.day)),
                url: None,
                source: Some("Test Agency".into()),
                published: Some(Published::Day(self.day)),
            };
            let id = store::articles::insert(&mut tx, &article, None, self.day, super::TEST_READ).await.unwrap().unwrap();
            store::extraction::insert(&mut tx, id, &self.extraction, self.day).await.unwrap();
            tx.commit().await.unwrap();
            id
        }
    }
}

// API keys and requests that carry them (tests/auth.rs, tests/auth_logs.rs).

/// Creates a key as `readout keys create` does; returns it as a client would send it.
/// `count` synthetic typical articles (seed 2020) through the ingestion path; fails
/// unless every one is stored.
pub async fn ingest_synthetic(db: &TestDb, count: usize) {
    let extractor = std::sync::Arc::new(store::extractor(&mut db.pool.acquire().await.unwrap()).await.unwrap());
    let articles = readout::synth::iter_of(2020, readout::synth::Length::Typical).take(count).map(|a| {
        readout::store::articles::NewArticle {
            text: readout::domain::ArticleText::parse(a.text).unwrap(),
            title: Some(a.title),
            url: None,
            source: Some(a.source),
            published: Some(readout::domain::Published::Day(a.published)),
        }
    });
    let tally = readout::ingest::ingest_all(&db.pool, extractor, articles, 250, |_| {}).await;
    assert_eq!(tally.created, count, "{tally:?}");
}

/// The secret part of a key `ro_<prefix>_<secret>`, whole: base64url secrets may hold
/// `_` themselves, so the key is split at its second `_`, not its last.
pub fn secret_of(key: &str) -> &str {
    key.splitn(3, '_').nth(2).expect("a key shaped ro_<prefix>_<secret>")
}

pub async fn key(app: &TestApp, scope: readout::domain::Scope) -> String {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let (key, _) = readout::store::keys::create(&mut conn, &format!("{scope} key"), scope).await.unwrap();
    key.reveal().to_string()
}

/// A request with optional JSON body and extra headers.
pub async fn call(app: &TestApp, method: Method, uri: &str, body: Option<Value>, headers: &[(&str, &str)]) -> TestResponse {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match body {
        Some(body) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    app.send(request.unwrap()).await
}

pub fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

pub async fn post_story(app: &TestApp, headers: &[(&str, &str)]) -> TestResponse {
    call(app, Method::POST, "/v1/articles", Some(serde_json::json!({"text": WIRE_STORY})), headers).await
}
