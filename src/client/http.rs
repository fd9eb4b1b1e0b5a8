//! The one request the client makes: post a batch, and read what the answer means.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use serde::Deserialize;

use super::retry::{self, Verdict};
use super::summary::Outcome;

/// The server's answer to one batch, as far as the client is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// One outcome per article sent, in order.
    Items(Vec<Outcome>),
    /// Try again, after `after` when the server said how long.
    Retry { after: Option<Duration>, reason: String },
    /// Refused whole; sending it again would not help.
    Refused(String),
}

/// A Readout server's batch endpoint.
pub struct Server {
    http: reqwest::Client,
    batch_url: String,
    api_key: Option<String>,
}

impl Server {
    pub fn new(base: &str, api_key: Option<String>) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            // A batch of 1,000 long articles takes seconds; minutes means a stuck server.
            .timeout(Duration::from_secs(120))
            .build()?;
        let batch_url = format!("{}/v1/articles:batch", base.trim_end_matches('/'));
        reqwest::Url::parse(&batch_url).map_err(|e| anyhow::anyhow!("`{base}` is not a server URL: {e}"))?;
        Ok(Server { http, batch_url, api_key })
    }

    /// Posts an NDJSON body of `count` articles under an idempotency key.
    pub async fn post(&self, body: Vec<u8>, key: &str, count: usize) -> Reply {
        let mut request = self
            .http
            .post(&self.batch_url)
            .header(CONTENT_TYPE, "application/x-ndjson")
            .header("idempotency-key", key)
            .body(body);
        if let Some(api_key) = &self.api_key {
            request = request.header(AUTHORIZATION, format!("Bearer {api_key}"));
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return Reply::Retry { after: None, reason: error_chain(&error) },
        };
        let status = response.status().as_u16();
        let after = response.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(retry::retry_after);
        // A body cut off on the way is as good as no answer: the key replays it.
        let text = match response.text().await {
            Ok(text) => text,
            Err(error) => return Reply::Retry { after, reason: error_chain(&error) },
        };
        interpret(status, after, &text, count)
    }
}

/// What a status and body mean for a batch of `count` articles.
pub fn interpret(status: u16, after: Option<Duration>, body: &str, count: usize) -> Reply {
    match retry::verdict(status) {
        Verdict::Answered => match outcomes(body, count) {
            Ok(outcomes) => Reply::Items(outcomes),
            Err(reason) => Reply::Retry { after: None, reason },
        },
        Verdict::Retry => Reply::Retry { after, reason: format!("HTTP {status}: {}", detail(body)) },
        Verdict::Refused => Reply::Refused(format!("HTTP {status}: {}", detail(body))),
    }
}

#[derive(Deserialize)]
struct BatchAnswer {
    items: Vec<ItemAnswer>,
}

#[derive(Deserialize)]
struct ItemAnswer {
    index: usize,
    status: String,
    problem: Option<ProblemAnswer>,
}

#[derive(Deserialize)]
struct ProblemAnswer {
    detail: String,
}

/// The batch result's items as outcomes, index for index; an answer that
/// does not account for every article is no answer.
fn outcomes(body: &str, count: usize) -> Result<Vec<Outcome>, String> {
    let answer: BatchAnswer = serde_json::from_str(body).map_err(|e| format!("unreadable batch answer: {e}"))?;
    let mut outcomes: Vec<Option<Outcome>> = vec![None; count];
    for item in answer.items {
        let reason = || item.problem.as_ref().map_or_else(|| "no reason given".to_string(), |p| p.detail.clone());
        let outcome = match item.status.as_str() {
            "created" => Outcome::Created,
            "duplicate" => Outcome::Duplicate,
            "rejected" => Outcome::Rejected(reason()),
            "failed" => Outcome::Failed(reason()),
            other => return Err(format!("unknown item status `{other}`")),
        };
        *outcomes.get_mut(item.index).ok_or_else(|| format!("item index {} out of range", item.index))? = Some(outcome);
    }
    outcomes.into_iter().collect::<Option<Vec<_>>>().ok_or_else(|| "the answer leaves items out".to_string())
}

/// The problem's `detail`, or the start of whatever else the body is.
fn detail(body: &str) -> String {
    #[derive(Deserialize)]
    struct Detail {
        detail: String,
    }
    serde_json::from_str::<Detail>(body)
        .map(|p| p.detail)
        .unwrap_or_else(|_| body.chars().take(200).collect::<String>().trim().to_string())
}

/// An error with its causes: reqwest's own message alone rarely says what broke.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_result_becomes_outcomes_in_index_order() {
        let body = r#"{"items": [
            {"index": 1, "status": "rejected", "id": null, "problem": {"detail": "`text` must not be empty or blank"}},
            {"index": 0, "status": "created", "id": 4, "problem": null},
            {"index": 2, "status": "duplicate", "id": 4, "problem": null},
            {"index": 3, "status": "failed", "id": null, "problem": {"detail": "the database is unavailable"}}
        ], "created": 1}"#;
        assert_eq!(
            interpret(200, None, body, 4),
            Reply::Items(vec![
                Outcome::Created,
                Outcome::Rejected("`text` must not be empty or blank".into()),
                Outcome::Duplicate,
                Outcome::Failed("the database is unavailable".into()),
            ])
        );
    }

    #[test]
    fn an_answer_that_misses_items_or_cannot_be_read_is_retried() {
        let partial = r#"{"items": [{"index": 0, "status": "created", "problem": null}]}"#;
        assert!(matches!(interpret(200, None, partial, 2), Reply::Retry { .. }));
        assert!(matches!(interpret(200, None, "{\"items\": [", 1), Reply::Retry { .. }));
        let outside = r#"{"items": [{"index": 5, "status": "created", "problem": null}]}"#;
        assert!(matches!(interpret(200, None, outside, 1), Reply::Retry { .. }));
    }

    #[test]
    fn throttling_and_server_faults_are_retried_with_their_detail_and_wait() {
        let problem = r#"{"type": "about:blank", "status": 503, "detail": "the database is unavailable; try again shortly"}"#;
        assert_eq!(
            interpret(503, Some(Duration::from_secs(2)), problem, 3),
            Reply::Retry {
                after: Some(Duration::from_secs(2)),
                reason: "HTTP 503: the database is unavailable; try again shortly".into()
            }
        );
        assert!(matches!(interpret(429, None, "slow down", 3), Reply::Retry { reason, .. } if reason == "HTTP 429: slow down"));
    }

    #[test]
    fn other_client_errors_refuse_the_batch() {
        let problem = r#"{"status": 401, "detail": "send an API key"}"#;
        assert_eq!(interpret(401, None, problem, 3), Reply::Refused("HTTP 401: send an API key".into()));
    }
}
