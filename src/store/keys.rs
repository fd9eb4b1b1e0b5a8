//! API keys: created with a hash in place of the secret, listed, revoked,
//! and found by their public prefix when a request presents one.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::domain::{ApiKey, Scope, KEY_ENTROPY};

/// A key as listed: everything but the secret, which is never stored.
#[derive(Debug, Clone)]
pub struct KeyRecord {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    scope: String,
    prefix: String,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
}

impl TryFrom<Row> for KeyRecord {
    type Error = sqlx::Error;

    fn try_from(row: Row) -> Result<Self, Self::Error> {
        Ok(KeyRecord {
            id: row.id,
            name: row.name,
            scope: Scope::parse(&row.scope).map_err(|e| sqlx::Error::Decode(e.into()))?,
            prefix: row.prefix,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
            last_used_at: row.last_used_at,
        })
    }
}

const COLUMNS: &str = "id, name, scope, prefix, created_at, revoked_at, last_used_at";

/// Creates a key from the operating system's CSPRNG and stores its hash.
/// Returns the key, to be shown once, and its record.
pub async fn create(conn: &mut PgConnection, name: &str, scope: Scope) -> anyhow::Result<(ApiKey, KeyRecord)> {
    // Two keys sharing a random 32-bit prefix is unlikely but possible; draw again.
    for _ in 0..4 {
        let mut random = [0u8; KEY_ENTROPY];
        getrandom::getrandom(&mut random)?;
        let key = ApiKey::from_random(&random);
        let row: Option<Row> = sqlx::query_as(&format!(
            "INSERT INTO api_keys (name, scope, prefix, key_hash) VALUES ($1, $2, $3, $4)
             ON CONFLICT (prefix) DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(name.trim())
        .bind(scope.as_str())
        .bind(key.prefix())
        .bind(key.hash().as_slice())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(row) = row {
            return Ok((key, row.try_into()?));
        }
    }
    anyhow::bail!("could not draw an unused key prefix; try again")
}

/// Every key, active or revoked, oldest first.
pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<KeyRecord>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM api_keys ORDER BY id")).fetch_all(conn).await?;
    rows.into_iter().map(KeyRecord::try_from).collect()
}

/// Revokes the key with this id or prefix (prefixes are 8 characters, ids
/// shorter); `None` when there is none. Revoking a revoked key keeps its
/// first revocation time.
pub async fn revoke(conn: &mut PgConnection, id_or_prefix: &str) -> sqlx::Result<Option<KeyRecord>> {
    let given = id_or_prefix.trim();
    let given = given.strip_prefix("ro_").unwrap_or(given);
    let (id, prefix): (Option<i64>, Option<&str>) =
        if given.len() == 8 { (None, Some(given)) } else { (given.parse().ok(), None) };
    let row: Option<Row> = sqlx::query_as(&format!(
        "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
         WHERE id = $1 OR prefix = $2 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(prefix)
    .fetch_optional(conn)
    .await?;
    row.map(KeyRecord::try_from).transpose()
}

/// Whether any key is active: with none, the server runs open.
pub async fn any_active(conn: &mut PgConnection) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)").fetch_one(conn).await
}

/// The active key a request presented, if the key is known and its secret matches.
pub async fn verify(conn: &mut PgConnection, key: &ApiKey) -> sqlx::Result<Option<(i64, Scope)>> {
    let row: Option<(i64, String, Vec<u8>)> =
        sqlx::query_as("SELECT id, scope, key_hash FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL")
            .bind(key.prefix())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((id, scope, _)) = row.filter(|(_, _, hash)| key.matches(hash)) else { return Ok(None) };
    // Written at most once a minute per key, so busy clients do not turn reads into writes.
    sqlx::query(
        "UPDATE api_keys SET last_used_at = now()
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
    )
    .bind(id)
    .execute(conn)
    .await?;
    let scope = Scope::parse(&scope).map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(Some((id, scope)))
}
