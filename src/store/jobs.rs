//! Background jobs and their progress, so any instance can answer for a job
//! and a job left behind by a dead process is seen as failed.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A job as stored. `status` is `queued`, `running`, `succeeded` or `failed`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub article_id: Option<i64>,
    pub all_articles: bool,
    pub total: i32,
    pub done: i32,
    pub failed: i32,
    pub skipped: i32,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, kind, status, article_id, all_articles, total, done, failed, skipped, error,
    created_at, started_at, finished_at";

/// A queued reprocessing job: of one article, of all, or (neither) of the stale ones.
pub async fn create_reprocess(conn: &mut PgConnection, article_id: Option<i64>, all: bool) -> sqlx::Result<JobRow> {
    sqlx::query_as(&format!(
        "INSERT INTO jobs (kind, article_id, all_articles) VALUES ('reprocess', $1, $2) RETURNING {COLUMNS}"
    ))
    .bind(article_id)
    .bind(all)
    .fetch_one(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM jobs WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Newest first; `before` is the id the previous page ended at.
pub async fn list(conn: &mut PgConnection, before: Option<i64>, limit: i64) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE $1::bigint IS NULL OR id < $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(before)
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn start(conn: &mut PgConnection, id: i64, total: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET status = 'running', total = $2, started_at = now(), heartbeat_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(total as i32)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records progress; also the job's heartbeat.
pub async fn progress(conn: &mut PgConnection, id: i64, done: i64, failed: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE jobs SET done = $2, failed = $3, heartbeat_at = now() WHERE id = $1")
        .bind(id)
        .bind(done as i32)
        .bind(failed as i32)
        .execute(conn)
        .await?;
    Ok(())
}

/// Tells that the job's process is still at work while nothing else moves (queued, or a slow chunk).
pub async fn heartbeat(conn: &mut PgConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE jobs SET heartbeat_at = now() WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Ends the job: succeeded, with the articles it did not need to touch
/// counted as skipped; or failed with `error`.
pub async fn finish(conn: &mut PgConnection, id: i64, error: Option<&str>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET status = CASE WHEN $2::text IS NULL THEN 'succeeded' ELSE 'failed' END, error = $2,
                skipped = CASE WHEN $2::text IS NULL THEN greatest(total - done - failed, 0) ELSE skipped END,
                finished_at = now(), heartbeat_at = now()
         WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks failed the queued or running jobs whose process has not been heard
/// of for `silent_for`: it died (or lost the database) before finishing them.
/// Answers their ids.
pub async fn fail_abandoned(conn: &mut PgConnection, silent_for: std::time::Duration) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "UPDATE jobs SET status = 'failed', finished_at = now(),
                error = 'abandoned: the server working on it stopped before it finished; start it again'
         WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $1)
         RETURNING id",
    )
    .bind(silent_for.as_secs_f64())
    .fetch_all(conn)
    .await
}
