//! Webhooks (issue 17): events POSTed to a receiver on 127.0.0.1, signed the
//! Standard Webhooks way, retried, logged per delivery, the hook disabled
//! after persistent failure, and only to hosts the operator allows.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use common::{TestApp, TestServer};
use readout::domain::webhook::{AllowList, RetrySchedule, Secret};
use readout::webhooks::Policy;
use serde_json::{json, Value};

const ASTANA: &str = "ASTANA, March 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met with visiting \
Chinese Foreign Minister Wang Yi here on Monday.\n\n\
Kazakhstan firmly adheres to the one-China policy, Tokayev said.\n";

/// What a receiver got: the signature headers and the body.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: i64,
    signature: String,
    body: String,
}

/// A receiver on 127.0.0.1 that answers the statuses it is given in turn, then 204.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<StatusCode>>>,
    always: Option<StatusCode>,
}

impl Receiver {
    async fn start(self) -> (TestServer, Self) {
        let app = Router::new().route("/hook", post(receive)).with_state(self.clone());
        (TestServer::start(app).await, self)
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    receiver.got.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp").parse().unwrap_or(0),
        signature: header("webhook-signature"),
        body,
    });
    let next = receiver.answers.lock().unwrap().pop_front();
    next.or(receiver.always).unwrap_or(StatusCode::NO_CONTENT)
}

/// The API allowing `hosts`, with deliveries running beside it on a quick schedule.
async fn app_delivering_to(hosts: &[&str], retries: &[u64]) -> TestApp {
    let allow = AllowList::new(hosts.iter().map(|h| h.to_string()));
    let app = TestApp::configured(|state| state.with_webhook_hosts(allow.clone())).await;
    let policy = Policy {
        allow,
        retries: RetrySchedule::new(retries.iter().map(|&ms| Duration::from_millis(ms)).collect()),
        timeout: Duration::from_secs(2),
        every: Duration::from_millis(50),
    };
    readout::webhooks::spawn(app.db.pool.clone(), policy);
    app
}

async fn create_hook(app: &TestApp, body: Value) -> Value {
    let created = app.post_json("/v1/webhooks", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.headers["location"], format!("/v1/webhooks/{}", created.body["id"]));
    created.body
}

/// Polls `check` on the API until it holds (or 15 s pass).
async fn eventually(app: &TestApp, uri: &str, check: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..150 {
        let body = app.get(uri).await.body;
        if check(&body) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{uri} never satisfied the check: {}", app.get(uri).await.body);
}

#[tokio::test]
async fn deliveries_are_signed_retried_until_taken_and_logged() {
    let receiver = Receiver { answers: Arc::new(Mutex::new(VecDeque::from([StatusCode::SERVICE_UNAVAILABLE]))), ..Default::default() };
    let (server, receiver) = receiver.start().await;
    let app = app_delivering_to(&["127.0.0.1"], &[100, 100]).await;
    let hook = create_hook(&app, json!({ "url": format!("{}/hook", server.base), "kinds": ["position_change"], "topic": "one_china" })).await;
    let secret = Secret::parse(hook["secret"].as_str().unwrap()).unwrap();
    assert!(app.get("/v1/webhooks").await.body[0].get("secret").is_none(), "the secret is shown once");

    app.post_json("/v1/articles", &json!({ "text": ASTANA, "published_at": "2024-03-04" })).await;
    let deliveries = format!("/v1/webhooks/{}/deliveries", hook["id"]);
    let log = eventually(&app, &deliveries, |b| b["items"][0]["status"] == "delivered").await;
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "one one-China change: {log}");
    let statuses: Vec<&Value> = items[0]["attempts"].as_array().unwrap().iter().map(|a| &a["status"]).collect();
    assert_eq!(statuses, [&json!(503), &json!(204)], "{log}");

    let got = receiver.got();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body, "a retry sends the same body");
    assert_eq!(got[0].id, got[1].id, "and the same message id");
    for received in &got {
        assert_eq!(received.signature, secret.sign(&received.id, received.timestamp, &received.body));
        assert!((chrono::Utc::now().timestamp() - received.timestamp).abs() < 60);
    }
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(body["type"], "position_change");
    assert_eq!(body["data"]["id"], items[0]["event_id"]);
    assert_eq!((body["data"]["position"]["actor"].as_str(), body["data"]["position"]["topic"].as_str()), (Some("KZ"), Some("one_china")));
}

#[tokio::test]
async fn a_receiver_that_keeps_failing_gets_its_hook_disabled_until_an_admin_enables_it() {
    let receiver = Receiver { always: Some(StatusCode::INTERNAL_SERVER_ERROR), ..Default::default() };
    let (server, receiver) = receiver.start().await;
    let app = app_delivering_to(&["127.0.0.1"], &[50, 50]).await;
    let hook = create_hook(&app, json!({ "url": format!("{}/hook", server.base), "kinds": ["article"] })).await;
    let uri = format!("/v1/webhooks/{}", hook["id"]);

    app.post_json("/v1/articles", &json!({ "text": ASTANA, "published_at": "2024-03-04" })).await;
    let disabled = eventually(&app, &uri, |b| b["enabled"] == false).await;
    assert!(disabled["disabled_reason"].as_str().unwrap().contains("failed on every attempt"), "{disabled}");
    let log = app.get(&format!("{uri}/deliveries?status=failed")).await.body;
    assert_eq!(log["items"][0]["attempts"].as_array().unwrap().len(), 3, "the first attempt and two retries: {log}");
    assert_eq!(receiver.got().len(), 3);

    // Disabled, it is sent nothing; enabled again, new events go out.
    let enabled = app.send(patch_request(&uri, json!({ "enabled": true }))).await;
    assert_eq!((enabled.status, &enabled.body["disabled_reason"]), (StatusCode::OK, &Value::Null));
    *receiver.answers.lock().unwrap() = VecDeque::from([StatusCode::OK]);
    app.post_json("/v1/articles", &json!({ "text": ASTANA.replace("Monday", "Tuesday"), "published_at": "2024-03-05" })).await;
    eventually(&app, &format!("{uri}/deliveries?status=delivered"), |b| b["items"].as_array().is_some_and(|i| i.len() == 1)).await;
}

fn patch_request(uri: &str, body: Value) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::patch(uri)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn only_hosts_the_operator_allows_are_called() {
    let none = TestApp::new().await;
    none.post_json("/v1/webhooks", &json!({ "url": "https://hooks.example.org/in" }))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "--webhook-allow-hosts");

    let listed = app_delivering_to(&["hooks.example.org"], &[]).await;
    listed.post_json("/v1/webhooks", &json!({ "url": "https://evil.example.org/in" }))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "not among the hosts");
    listed.post_json("/v1/webhooks", &json!({ "url": "https://hooks.example.org/in", "kinds": ["meetings"] }))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "kinds");
    listed.post_json("/v1/webhooks", &json!({ "url": "https://hooks.example.org/in", "topic": "taiwan" }))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "is not a topic");

    // `*` is any public host: a loopback address is refused when registered, and
    // a name that resolves to one is refused when delivered to.
    let receiver = Receiver::default();
    let (server, receiver) = receiver.start().await;
    let any = app_delivering_to(&["*"], &[]).await;
    any.post_json("/v1/webhooks", &json!({ "url": format!("{}/hook", server.base) }))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "private or loopback");
    let port = server.base.rsplit(':').next().unwrap();
    let hook = create_hook(&any, json!({ "url": format!("http://localhost:{port}/hook"), "kinds": ["article"] })).await;
    any.post_json("/v1/articles", &json!({ "text": ASTANA, "published_at": "2024-03-04" })).await;
    let log = eventually(&any, &format!("/v1/webhooks/{}/deliveries", hook["id"]), |b| b["items"][0]["status"] == "failed").await;
    let error = log["items"][0]["attempts"][0]["error"].as_str().unwrap();
    assert!(error.contains("private or loopback"), "{error}");
    assert!(receiver.got().is_empty(), "nothing reached the receiver");
}

#[tokio::test]
async fn hooks_are_listed_changed_and_deleted() {
    let app = app_delivering_to(&["hooks.example.org"], &[]).await;
    let hook = create_hook(&app, json!({ "url": "https://hooks.example.org/in", "description": "Asia desk", "country": "kg" })).await;
    assert_eq!((hook["country"].as_str(), hook["kinds"].as_array().map(Vec::len)), (Some("KG"), Some(0)));
    let uri = format!("/v1/webhooks/{}", hook["id"]);
    let changed = app.send(patch_request(&uri, json!({ "country": null, "kinds": ["position", "article", "position"] }))).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!((changed.body["country"].clone(), changed.body["kinds"].clone()), (Value::Null, json!(["article", "position"])));
    assert_eq!(changed.body["description"], "Asia desk", "what the change leaves out stays");
    app.send(patch_request(&uri, json!({}))).await.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "at least one field");
    assert_eq!(app.get("/v1/webhooks").await.body.as_array().unwrap().len(), 1);
    assert_eq!(app.delete(&uri).await.status, StatusCode::NO_CONTENT);
    app.get(&uri).await.assert_problem(StatusCode::NOT_FOUND, "no webhook has id");
    app.get(&format!("{uri}/deliveries")).await.assert_problem(StatusCode::NOT_FOUND, "no webhook has id");
}

/// A receiver that answers slowly, or at length.
async fn slow_or_long(State(mode): State<&'static str>) -> (StatusCode, String) {
    if mode == "slow" {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    (StatusCode::OK, "x".repeat(200 * 1024))
}

#[tokio::test]
async fn an_attempt_is_cut_at_the_timeout_and_an_answer_read_only_so_far() {
    let slow = TestServer::start(Router::new().route("/hook", post(slow_or_long)).with_state("slow")).await;
    let long = TestServer::start(Router::new().route("/hook", post(slow_or_long)).with_state("long")).await;
    let allow = AllowList::new(["127.0.0.1".to_string()]);
    let app = TestApp::configured(|state| state.with_webhook_hosts(allow.clone())).await;
    let policy = Policy { allow, retries: RetrySchedule::new(vec![]), timeout: Duration::from_millis(500), every: Duration::from_millis(50) };
    readout::webhooks::spawn(app.db.pool.clone(), policy);
    let slow_hook = create_hook(&app, json!({ "url": format!("{}/hook", slow.base), "kinds": ["article"] })).await;
    let long_hook = create_hook(&app, json!({ "url": format!("{}/hook", long.base), "kinds": ["article"] })).await;
    app.post_json("/v1/articles", &json!({ "text": ASTANA, "published_at": "2024-03-04" })).await;

    let log = eventually(&app, &format!("/v1/webhooks/{}/deliveries", slow_hook["id"]), |b| b["items"][0]["status"] == "failed").await;
    let attempt = &log["items"][0]["attempts"][0];
    assert!(attempt["error"].as_str().unwrap().contains("timed out"), "{attempt}");
    assert!(attempt["took_ms"].as_u64().unwrap() < 3_000, "cut at the timeout: {attempt}");

    let log = eventually(&app, &format!("/v1/webhooks/{}/deliveries", long_hook["id"]), |b| b["items"][0]["status"] == "delivered").await;
    let response = log["items"][0]["attempts"][0]["response"].as_str().unwrap();
    assert_eq!(response.len(), 1024, "the first kilobyte of a 200 KiB answer is kept");
}
