//! Webhook delivery, beside serving: each instance queues new events for the
//! hooks that want them and sends what is due, signed the Standard Webhooks
//! way, retrying with backoff for about a day. Hooks and deliveries live in
//! PostgreSQL and are claimed with `SKIP LOCKED`, so several instances share
//! the work and none sends a delivery another is sending.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;
use sqlx::PgPool;

use crate::api::events::EventView;
use crate::domain::event::{EventFilter, EventKind};
use crate::domain::webhook::{host_of, AllowList, RetrySchedule, Secret};
use crate::domain::CountryCode;
use crate::store::{self, webhooks::{DueDelivery, NewDelivery, Outcome, WebhookRow}};

/// Log entries (articles) read for one hook at a time.
const ENTRIES_PER_ROUND: i64 = 200;
/// Deliveries sent at once by one instance.
const SENT_AT_ONCE: i64 = 16;
/// The part of a receiver's answer kept in the delivery log; the rest is not read.
const RESPONSE_KEPT: usize = 1024;
/// A receiver's answer is read up to this size, then the connection is dropped.
const RESPONSE_LIMIT: usize = 64 * 1024;

/// How deliveries go out.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Hosts deliveries may go to (`--webhook-allow-hosts`).
    pub allow: AllowList,
    pub retries: RetrySchedule,
    /// How long one attempt may take, connecting included.
    pub timeout: Duration,
    /// How often to look for new events and due deliveries.
    pub every: Duration,
}

impl Policy {
    pub fn new(allow: AllowList, timeout: Duration) -> Self {
        Policy { allow, retries: RetrySchedule::standard(), timeout, every: Duration::from_secs(1) }
    }
}

/// Starts queueing and sending for the life of the process.
pub fn spawn(pool: PgPool, policy: Policy) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(policy.every);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(error) = queue_new_events(&pool).await {
                tracing::warn!(%error, "cannot queue webhook deliveries");
            }
            if let Err(error) = send_due(&pool, &policy).await {
                tracing::warn!(%error, "cannot send webhook deliveries");
            }
        }
    });
}

/// The body of a delivery: the event, in the envelope Standard Webhooks suggests.
pub fn body(event: EventView) -> String {
    json!({ "type": event.kind, "timestamp": event.logged_at, "data": event }).to_string()
}

/// For each enabled hook, one transaction: the events after its cursor that
/// pass its filter become pending deliveries, and the cursor moves on.
pub async fn queue_new_events(pool: &PgPool) -> sqlx::Result<()> {
    let mut done = 0;
    loop {
        let mut tx = store::begin(pool).await?;
        let Some(hook) = store::webhooks::lock_next_enabled(&mut tx, done).await? else {
            return Ok(());
        };
        done = hook.id;
        let page = store::events::read_after(&mut tx, hook.cursor(), ENTRIES_PER_ROUND).await?;
        if page.read_through.is_some() {
            let filter = filter_of(&hook);
            let deliveries: Vec<NewDelivery> = page
                .events
                .iter()
                .filter(|e| filter.matches(e))
                .map(|e| NewDelivery { event_id: e.id.to_string(), kind: e.kind().as_str().into(), body: body(e.clone().into()) })
                .collect();
            store::webhooks::enqueue(&mut tx, hook.id, &deliveries, page.next(hook.cursor())).await?;
        }
        tx.commit().await?;
    }
}

/// A stored hook's filter; what was stored was checked when it was written.
pub fn filter_of(hook: &WebhookRow) -> EventFilter {
    EventFilter {
        kinds: hook.kinds.iter().filter_map(|k| EventKind::parse(k).ok()).collect(),
        country: hook.country.as_deref().and_then(|c| CountryCode::parse(c).ok()),
        topic: hook.topic.clone(),
    }
}

/// Sends the deliveries that are due, a few at a time, and records each attempt.
pub async fn send_due(pool: &PgPool, policy: &Policy) -> sqlx::Result<()> {
    loop {
        let lease = policy.timeout + Duration::from_secs(30);
        let due = store::webhooks::claim_due(&mut *pool.acquire().await?, SENT_AT_ONCE, lease).await?;
        if due.is_empty() {
            return Ok(());
        }
        let attempts = due.iter().map(|delivery| attempt(policy, delivery));
        let results = futures_util::future::join_all(attempts).await;
        let conn = &mut *pool.acquire().await?;
        for (delivery, result) in due.iter().zip(results) {
            let made = delivery.attempts as usize + 1;
            let outcome = match result.ok {
                true => Outcome::Delivered,
                false => match policy.retries.wait_after(made) {
                    Some(wait) => Outcome::RetryAt(Utc::now() + wait),
                    None => Outcome::Failed,
                },
            };
            if outcome == Outcome::Failed {
                tracing::warn!(delivery = delivery.id, hook = delivery.webhook_id, "webhook delivery failed on every attempt");
            }
            store::webhooks::record_attempt(conn, delivery.id, &result.log, outcome).await?;
        }
    }
}

/// One attempt: whether the receiver took it, and the entry for the delivery log.
struct Attempt {
    ok: bool,
    log: serde_json::Value,
}

async fn attempt(policy: &Policy, delivery: &DueDelivery) -> Attempt {
    let started = Instant::now();
    let at = Utc::now();
    let sent = post(policy, delivery).await;
    let took_ms = started.elapsed().as_millis() as u64;
    match sent {
        Ok((status, response)) => Attempt {
            ok: (200..300).contains(&status),
            log: json!({ "at": at, "status": status, "response": response, "took_ms": took_ms }),
        },
        Err(error) => Attempt { ok: false, log: json!({ "at": at, "error": error, "took_ms": took_ms }) },
    }
}

/// POSTs the body to the hook's URL, pinned to addresses the allow list
/// permits (a name is resolved here and only those addresses are used, so it
/// cannot resolve elsewhere in between); no redirects are followed.
async fn post(policy: &Policy, delivery: &DueDelivery) -> Result<(u16, String), String> {
    let url = url::Url::parse(&delivery.url).map_err(|e| format!("bad URL: {e}"))?;
    let host = host_of(&url).ok_or("the URL has no host")?;
    if !policy.allow.allows_host(&host) {
        return Err(format!("`{host}` is no longer among the allowed hosts"));
    }
    let port = url.port_or_known_default().ok_or("the URL has no port")?;
    let addresses: Vec<SocketAddr> = tokio::time::timeout(policy.timeout, tokio::net::lookup_host((host.as_str(), port)))
        .await
        .map_err(|_| format!("resolving `{host}` timed out"))?
        .map_err(|e| format!("cannot resolve `{host}`: {e}"))?
        .collect();
    for address in &addresses {
        policy.allow.permits_address(&host, address.ip()).map_err(|e| e.0)?;
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(policy.timeout)
        .resolve_to_addrs(&host, &addresses)
        .user_agent(concat!("Readout-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    let secret = Secret::parse(&delivery.secret).map_err(|e| e.0)?;
    let message_id = format!("msg_{}", delivery.id);
    let timestamp = Utc::now().timestamp();
    let mut response = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("webhook-id", &message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", secret.sign(&message_id, timestamp, &delivery.body))
        .body(delivery.body.clone())
        .send()
        .await
        .map_err(|e| failure(&e, policy.timeout))?;
    let status = response.status().as_u16();
    let mut kept = Vec::new();
    let mut read = 0;
    while let Ok(Some(chunk)) = response.chunk().await {
        read += chunk.len();
        kept.extend_from_slice(&chunk[..chunk.len().min(RESPONSE_KEPT.saturating_sub(kept.len()))]);
        if read >= RESPONSE_LIMIT {
            break;
        }
    }
    Ok((status, String::from_utf8_lossy(&kept).into_owned()))
}

/// Why an attempt got no answer, in words for the delivery log: reqwest's own
/// message names only the URL, the cause is further down its chain.
fn failure(error: &reqwest::Error, timeout: Duration) -> String {
    if error.is_timeout() {
        return format!("timed out: no answer within {} ms", timeout.as_millis());
    }
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
