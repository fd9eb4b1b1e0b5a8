//! Stored answers to POSTs sent with an `Idempotency-Key`.

use sqlx::PgConnection;

/// An answer as it was first given.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredAnswer {
    pub request_hash: Vec<u8>,
    pub status: i16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// How long a key is remembered.
const KEPT: &str = "24 hours";

pub async fn find(conn: &mut PgConnection, key: &str) -> sqlx::Result<Option<StoredAnswer>> {
    sqlx::query_as(&format!(
        "SELECT request_hash, status, content_type, location, body FROM idempotency_keys
         WHERE key = $1 AND created_at > now() - interval '{KEPT}'"
    ))
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Remembers the first answer for a key (a concurrent first answer wins) and
/// forgets keys past their time.
pub async fn remember(conn: &mut PgConnection, key: &str, answer: &StoredAnswer) -> sqlx::Result<()> {
    sqlx::query(&format!("DELETE FROM idempotency_keys WHERE created_at < now() - interval '{KEPT}'"))
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, status, content_type, location, body)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(&answer.request_hash)
    .bind(answer.status)
    .bind(&answer.content_type)
    .bind(&answer.location)
    .bind(&answer.body)
    .execute(conn)
    .await?;
    Ok(())
}
