//! API keys, scopes, rate limits and the request timeout, through the router.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use common::{bearer, call, key, post_story, secret_of, TestApp, TestResponse, WIRE_STORY};
use readout::domain::{ApiKey, Scope, KEY_ENTROPY};
use readout::store;
use serde_json::json;
use sha2::{Digest, Sha256};

const LONG: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_server_without_keys_lets_everything_through() {
    let app = TestApp::new().await;
    let created = post_story(&app, &[]).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let deleted = app.delete(&format!("/v1/articles/{}", created.body["id"])).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    for sent in ["Bearer ro_not_a_key", "Basic dXNlcjpwYXNz"] {
        let read = app.get_with("/v1/topics", &[("authorization", sent)]).await;
        assert_eq!(read.status, StatusCode::OK, "an open server ignores what is sent: {sent}");
    }
}

#[tokio::test]
async fn a_write_without_a_usable_key_is_401_with_a_bearer_challenge() {
    let app = TestApp::new().await;
    let _active = key(&app, Scope::Admin).await;
    let revoked = key(&app, Scope::Write).await;
    let prefix = ApiKey::parse(&revoked).unwrap().prefix().to_string();
    store::keys::revoke(&mut app.db.pool.acquire().await.unwrap(), &prefix).await.unwrap().unwrap();
    let unknown = ApiKey::from_random(&[9; KEY_ENTROPY]).reveal().to_string();

    let missing = post_story(&app, &[]).await;
    missing.assert_problem(StatusCode::UNAUTHORIZED, "`write` scope");
    assert_eq!(missing.headers[header::WWW_AUTHENTICATE], "Bearer realm=\"readout\"");
    for sent in [bearer(&unknown), bearer(&revoked), bearer("ro_not_a_key"), "Basic dXNlcjpwYXNz".into()] {
        let refused = post_story(&app, &[("authorization", &sent)]).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{sent}: {}", refused.body);
        assert!(refused.headers.contains_key(header::WWW_AUTHENTICATE));
    }
    assert_eq!(app.db.count("articles").await, 0);
}

#[tokio::test]
async fn a_key_below_the_needed_scope_is_403_naming_the_scope() {
    let app = TestApp::new().await;
    let (read, write, admin) = (key(&app, Scope::Read).await, key(&app, Scope::Write).await, key(&app, Scope::Admin).await);

    post_story(&app, &[("authorization", &bearer(&read))]).await.assert_problem(StatusCode::FORBIDDEN, "`write` scope");
    let created = post_story(&app, &[("x-api-key", &write)]).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let article = format!("/v1/articles/{}", created.body["id"]);

    let as_writer = call(&app, Method::DELETE, &article, None, &[("authorization", &bearer(&write))]).await;
    as_writer.assert_problem(StatusCode::FORBIDDEN, "`admin` scope");
    let topic = json!({"slug": "arctic", "label": "Arctic", "patterns": ["Arctic"]});
    let topic_as_writer = call(&app, Method::POST, "/v1/topics", Some(topic.clone()), &[("x-api-key", &write)]).await;
    topic_as_writer.assert_problem(StatusCode::FORBIDDEN, "`admin` scope");

    let as_admin = call(&app, Method::DELETE, &article, None, &[("authorization", &bearer(&admin))]).await;
    assert_eq!(as_admin.status, StatusCode::NO_CONTENT, "{}", as_admin.body);
    let topic_as_admin = call(&app, Method::POST, "/v1/topics", Some(topic), &[("x-api-key", &admin)]).await;
    assert_eq!(topic_as_admin.status, StatusCode::CREATED, "{}", topic_as_admin.body);
}

#[tokio::test]
async fn reads_are_public_unless_the_server_requires_keys_for_them() {
    let open = TestApp::new().await;
    key(&open, Scope::Admin).await;
    assert_eq!(open.get("/v1/meetings").await.status, StatusCode::OK);
    let dry_run = call(&open, Method::POST, "/v1/extract", Some(json!({"text": WIRE_STORY})), &[]).await;
    assert_eq!(dry_run.status, StatusCode::OK, "extraction stores nothing, so it is a read");

    let closed = TestApp::configured(|state| state.with_auth_for_reads(true)).await;
    let reader = key(&closed, Scope::Read).await;
    closed.get("/v1/meetings").await.assert_problem(StatusCode::UNAUTHORIZED, "`read` scope");
    assert_eq!(closed.get_with("/v1/meetings", &[("authorization", &bearer(&reader))]).await.status, StatusCode::OK);
    for public in ["/healthz", "/openapi.json", "/"] {
        assert_eq!(closed.get(public).await.status, StatusCode::OK, "{public}");
    }
}

#[tokio::test]
async fn a_key_past_its_burst_gets_429_with_retry_after_and_other_keys_do_not() {
    let app = TestApp::configured(|state| state.with_limits(0, 1, LONG)).await;
    let (busy, other) = (key(&app, Scope::Read).await, key(&app, Scope::Read).await);
    let busy = bearer(&busy);
    let headers = [("authorization", busy.as_str())];
    let limited = first_refusal(|| app.get_with("/v1/topics", &headers)).await;
    limited.assert_problem(StatusCode::TOO_MANY_REQUESTS, "retry after");
    assert_eq!(app.get_with("/v1/topics", &[("authorization", &bearer(&other))]).await.status, StatusCode::OK);
    assert_eq!(app.get("/v1/topics").await.status, StatusCode::OK, "anonymous reads are not charged to a key");
}

#[tokio::test]
async fn a_client_ip_past_its_burst_gets_429_but_probes_do_not() {
    let app = TestApp::configured(|state| state.with_limits(1, 0, LONG)).await;
    let from = |ip: &str, uri: &str| {
        let mut request = Request::get(uri).body(Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40000)));
        app.send(request)
    };
    let limited = first_refusal(|| from("10.0.0.1", "/v1/topics")).await;
    limited.assert_problem(StatusCode::TOO_MANY_REQUESTS, "retry after");
    assert_eq!(from("10.0.0.1", "/healthz").await.status, StatusCode::OK);
    assert_eq!(from("10.0.0.2", "/v1/topics").await.status, StatusCode::OK);
}

/// Sends until the first refusal: the burst (`BURST_SECONDS` at 1/s) passes,
/// and a refusal follows as long as requests take under a second on average
/// (the bucket refills by one a second; the cap is a hang guard for a loaded machine).
async fn first_refusal<F: std::future::Future<Output = TestResponse>>(send: impl Fn() -> F) -> TestResponse {
    let burst = readout::api::limits::BURST_SECONDS as usize;
    let cap = 50;
    for sent in 0..cap {
        let response = send().await;
        if response.status != StatusCode::OK {
            assert!(sent >= burst, "refused after only {sent} requests: {}", response.body);
            let retry_after: u64 = response.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
            assert!((1..=burst as u64).contains(&retry_after), "Retry-After {retry_after}");
            return response;
        }
    }
    panic!("no 429 after {cap} requests");
}

#[tokio::test]
async fn a_request_past_the_timeout_gets_a_503_problem() {
    let app = TestApp::configured(|state| state.with_limits(0, 0, Duration::from_secs(1))).await;
    // Holding a lock on the table keeps the listing waiting past its deadline.
    let mut blocker = app.db.pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE").execute(&mut *blocker).await.unwrap();
    let waited = tokio::time::timeout(LONG, app.get("/v1/articles")).await.expect("the deadline answered");
    waited.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "longer than 1 s");
    blocker.rollback().await.unwrap();
}

#[tokio::test]
async fn only_the_hash_of_a_key_is_stored() {
    let app = TestApp::new().await;
    let key = key(&app, Scope::Write).await;
    let rows: Vec<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT row_to_json(k)::text, prefix, key_hash FROM api_keys k").fetch_all(&app.db.pool).await.unwrap();
    assert_eq!(rows.len(), 1);
    let (row, prefix, hash) = &rows[0];
    let secret = secret_of(&key);
    assert!(!row.contains(secret), "the secret is stored: {row}");
    assert!(key.starts_with(&format!("ro_{prefix}_")));
    assert_eq!(hash.as_slice(), Sha256::digest(key.as_bytes()).as_slice());
}
