//! Webhooks and their deliveries (migration 20).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::domain::event::EventId;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookRow {
    pub id: i64,
    pub url: String,
    pub description: Option<String>,
    pub kinds: Vec<String>,
    pub country: Option<String>,
    pub topic: Option<String>,
    pub secret: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub cursor_log: i64,
    pub cursor_ord: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl WebhookRow {
    /// The last event queued for this hook.
    pub fn cursor(&self) -> EventId {
        EventId { log: self.cursor_log, ord: self.cursor_ord }
    }
}

/// What a new hook is, or what changes in one (None: unchanged).
#[derive(Debug, Default)]
pub struct WebhookFields {
    pub url: Option<String>,
    pub description: Option<Option<String>>,
    pub kinds: Option<Vec<String>>,
    pub country: Option<Option<String>>,
    pub topic: Option<Option<String>>,
    pub enabled: Option<bool>,
}

const COLUMNS: &str = "id, url, description, kinds, country::text, topic, secret, enabled, disabled_reason, \
                       cursor_log, cursor_ord, created_at, updated_at";

/// Stores a hook that receives events stored from now on.
pub async fn create(conn: &mut PgConnection, fields: WebhookFields, secret: &str) -> sqlx::Result<WebhookRow> {
    let now = super::events::latest(conn).await?;
    let start = EventId::after_entry(now);
    sqlx::query_as(&format!(
        "INSERT INTO webhooks (url, description, kinds, country, topic, secret, cursor_log, cursor_ord) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(fields.url.expect("a new hook has a URL"))
    .bind(fields.description.flatten())
    .bind(fields.kinds.unwrap_or_default())
    .bind(fields.country.flatten())
    .bind(fields.topic.flatten())
    .bind(secret)
    .bind(start.log)
    .bind(start.ord)
    .fetch_one(conn)
    .await
}

pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<WebhookRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM webhooks ORDER BY id")).fetch_all(conn).await
}

pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<WebhookRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM webhooks WHERE id = $1")).bind(id).fetch_optional(conn).await
}

/// Changes what is given. Enabling a disabled hook clears its reason; its
/// pending deliveries go out again.
pub async fn update(conn: &mut PgConnection, id: i64, fields: WebhookFields) -> sqlx::Result<Option<WebhookRow>> {
    sqlx::query_as(&format!(
        "UPDATE webhooks SET url = coalesce($2, url), \
             description = CASE WHEN $3 THEN $4 ELSE description END, \
             kinds = coalesce($5, kinds), \
             country = CASE WHEN $6 THEN $7 ELSE country END, \
             topic = CASE WHEN $8 THEN $9 ELSE topic END, \
             enabled = coalesce($10, enabled), \
             disabled_reason = CASE WHEN coalesce($10, enabled) THEN NULL ELSE disabled_reason END, \
             updated_at = now() \
         WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(fields.url)
    .bind(fields.description.is_some())
    .bind(fields.description.flatten())
    .bind(fields.kinds)
    .bind(fields.country.is_some())
    .bind(fields.country.flatten())
    .bind(fields.topic.is_some())
    .bind(fields.topic.flatten())
    .bind(fields.enabled)
    .fetch_optional(conn)
    .await
}

pub async fn delete(conn: &mut PgConnection, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM webhooks WHERE id = $1").bind(id).execute(conn).await?.rows_affected() > 0)
}

/// The next enabled hook no other instance is queueing for, locked for this
/// transaction. `after` skips hooks already done this round.
pub async fn lock_next_enabled(conn: &mut PgConnection, after: i64) -> sqlx::Result<Option<WebhookRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM webhooks WHERE enabled AND id > $1 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
    ))
    .bind(after)
    .fetch_optional(conn)
    .await
}

/// A delivery to queue: the event's id and kind, and the body to send.
pub struct NewDelivery {
    pub event_id: String,
    pub kind: String,
    pub body: String,
}

/// Queues deliveries, due at once, and moves the hook's cursor past them.
pub async fn enqueue(conn: &mut PgConnection, hook: i64, deliveries: &[NewDelivery], cursor: EventId) -> sqlx::Result<()> {
    if !deliveries.is_empty() {
        let event_ids: Vec<&str> = deliveries.iter().map(|d| d.event_id.as_str()).collect();
        let kinds: Vec<&str> = deliveries.iter().map(|d| d.kind.as_str()).collect();
        let bodies: Vec<&str> = deliveries.iter().map(|d| d.body.as_str()).collect();
        sqlx::query(
            "INSERT INTO webhook_deliveries (webhook_id, event_id, kind, body, next_attempt_at) \
             SELECT $1, e, k, b, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS u(e, k, b) \
             ON CONFLICT (webhook_id, event_id) DO NOTHING",
        )
        .bind(hook)
        .bind(&event_ids)
        .bind(&kinds)
        .bind(&bodies)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE webhooks SET cursor_log = $2, cursor_ord = $3 WHERE id = $1")
        .bind(hook)
        .bind(cursor.log)
        .bind(cursor.ord)
        .execute(conn)
        .await?;
    Ok(())
}

/// A delivery to attempt now, with where and how to send it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueDelivery {
    pub id: i64,
    pub webhook_id: i64,
    pub body: String,
    /// Attempts made before this one.
    pub attempts: i32,
    pub url: String,
    pub secret: String,
}

/// Claims up to `limit` due deliveries of enabled hooks for `lease` (longer
/// than an attempt takes), so no other instance sends them meanwhile.
pub async fn claim_due(conn: &mut PgConnection, limit: i64, lease: std::time::Duration) -> sqlx::Result<Vec<DueDelivery>> {
    sqlx::query_as(
        "WITH due AS ( \
             SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
             WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND w.enabled \
             ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED) \
         UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $2) \
         FROM due, webhooks w WHERE d.id = due.id AND w.id = d.webhook_id \
         RETURNING d.id, d.webhook_id, d.body, jsonb_array_length(d.attempts) AS attempts, w.url, w.secret",
    )
    .bind(limit)
    .bind(lease.as_secs_f64())
    .fetch_all(conn)
    .await
}

/// What became of a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Delivered,
    RetryAt(DateTime<Utc>),
    /// No retry left. The hook is disabled too unless another of its
    /// deliveries succeeded since this one was queued: then the receiver
    /// works and only this event fails.
    Failed,
}

/// Records an attempt (a JSON object for the delivery log) and its outcome.
pub async fn record_attempt(conn: &mut PgConnection, id: i64, attempt: &serde_json::Value, outcome: Outcome) -> sqlx::Result<()> {
    let (status, next) = match outcome {
        Outcome::Delivered => ("delivered", None),
        Outcome::RetryAt(at) => ("pending", Some(at)),
        Outcome::Failed => ("failed", None),
    };
    sqlx::query(
        "UPDATE webhook_deliveries SET attempts = attempts || jsonb_build_array($2::jsonb), status = $3, \
             next_attempt_at = $4, delivered_at = CASE WHEN $3 = 'delivered' THEN now() END \
         WHERE id = $1",
    )
    .bind(id)
    .bind(attempt)
    .bind(status)
    .bind(next)
    .execute(&mut *conn)
    .await?;
    if outcome == Outcome::Failed {
        sqlx::query(
            "UPDATE webhooks w SET enabled = false, updated_at = now(), \
                 disabled_reason = format('delivery %s failed on every attempt for about a day', d.id) \
             FROM webhook_deliveries d \
             WHERE d.id = $1 AND w.id = d.webhook_id AND w.enabled AND NOT EXISTS ( \
                 SELECT 1 FROM webhook_deliveries ok \
                 WHERE ok.webhook_id = d.webhook_id AND ok.status = 'delivered' AND ok.delivered_at > d.created_at)",
        )
        .bind(id)
        .execute(conn)
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub event_id: String,
    pub kind: String,
    pub status: String,
    pub attempts: sqlx::types::Json<serde_json::Value>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// A hook's deliveries, newest first, after the cursor `before` (an id).
pub async fn deliveries(
    conn: &mut PgConnection,
    hook: i64,
    status: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<DeliveryRow>> {
    sqlx::query_as(
        "SELECT id, event_id, kind, status, attempts, next_attempt_at, created_at, delivered_at \
         FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) \
           AND ($3::bigint IS NULL OR id < $3) \
         ORDER BY id DESC LIMIT $4",
    )
    .bind(hook)
    .bind(status)
    .bind(before)
    .bind(limit)
    .fetch_all(conn)
    .await
}
