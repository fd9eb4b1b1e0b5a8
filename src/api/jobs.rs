//! Reprocessing (`POST /v1/articles/{id}:reprocess`, `POST /v1/reprocess`)
//! and the background jobs it runs as (`/v1/jobs`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::routing::post;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extractors::ApiPath;
use super::listing::{page_schema, Format, Listed, PageParams};
use super::problem::ApiError;
use super::responses::{BadRequest, BodyErrors, NotFound};
use super::AppState;
use crate::reprocess::Scope;
use crate::store::{self, jobs::JobRow};

page_schema!(JobPage, Job);

const CURSOR_KIND: &str = "job";

#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Accepted; waits for the job before it to finish.
    Queued,
    Running,
    /// Every selected article was read again (`failed` counts those that could not be).
    Succeeded,
    /// The job stopped early; `error` says why.
    Failed,
}

impl JobStatus {
    fn of(stored: &str) -> Self {
        match stored {
            "queued" => JobStatus::Queued,
            "running" => JobStatus::Running,
            "succeeded" => JobStatus::Succeeded,
            _ => JobStatus::Failed,
        }
    }
}

/// A background job and how far it got.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "kind": "reprocess", "status": "running", "article_id": null, "all": false,
    "total": 1200, "done": 640, "failed": 0, "skipped": 0, "error": null,
    "created_at": "2026-11-28T10:00:00Z", "started_at": "2026-11-28T10:00:01Z", "finished_at": null
}))]
pub struct Job {
    #[schema(example = 7)]
    pub id: i64,
    /// What the job does; `reprocess` reads stored articles again with the current extractor.
    #[schema(example = "reprocess")]
    pub kind: String,
    pub status: JobStatus,
    /// The one article to reprocess, or null for many.
    pub article_id: Option<i64>,
    /// Every article (true), or only those read by an older extractor or other topics (false).
    pub all: bool,
    /// Articles selected when the job started.
    pub total: i32,
    /// Articles read again and stored.
    pub done: i32,
    /// Articles that could not be stored; the others were not held up by them.
    pub failed: i32,
    /// Articles selected but gone (deleted) or current by the time the job reached them.
    pub skipped: i32,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<JobRow> for Job {
    fn from(row: JobRow) -> Self {
        Job {
            status: JobStatus::of(&row.status),
            id: row.id,
            kind: row.kind,
            article_id: row.article_id,
            all: row.all_articles,
            total: row.total,
            done: row.done,
            failed: row.failed,
            skipped: row.skipped,
            error: row.error,
            created_at: row.created_at,
            started_at: row.started_at,
            finished_at: row.finished_at,
        }
    }
}

/// Which articles `POST /v1/reprocess` reads again. The body may be left out.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"all": true}))]
pub struct ReprocessRequest {
    /// Every article, not only those read by an older extractor version or
    /// before the topics last changed. Defaults to false.
    #[serde(default)]
    pub all: bool,
}

type Accepted = (StatusCode, HeaderMap, Json<Job>);

/// Reprocess an article
///
/// Reads one stored article again with the current extractor and topics, as
/// a background job, and replaces everything extracted from it in one
/// transaction. The article keeps its id, text and ingestion time.
#[utoipa::path(
    post,
    path = "/v1/articles/{id}:reprocess",
    tag = "jobs",
    operation_id = "reprocess_article",
    params(("id" = i64, Path, description = "Article id", example = 42)),
    responses(
        (status = 202, description = "Accepted; `Location` names the job to follow", body = Job,
            headers(("Location" = String, description = "URL of the job"))),
        BadRequest, NotFound,
    )
)]
pub async fn reprocess_article(
    State(app): State<AppState>,
    ApiPath(id_action): ApiPath<String>,
) -> Result<Accepted, ApiError> {
    let id = article_action(&id_action)?;
    if store::articles::get(&mut *app.pool.acquire().await?, id).await?.is_none() {
        return Err(ApiError::NotFound(format!("no article has id {id}")));
    }
    accept(&app, Scope::Article(id)).await
}

/// `42:reprocess` → 42. axum (matchit) cannot route a literal after a path
/// parameter, so `/articles/{id}` takes POSTs and the action is read here.
fn article_action(segment: &str) -> Result<i64, ApiError> {
    let Some((id, action)) = segment.split_once(':') else {
        return Err(ApiError::Rejected {
            status: StatusCode::METHOD_NOT_ALLOWED,
            detail: format!("`/v1/articles/{segment}` does not take POST; to read it again, POST /v1/articles/{segment}:reprocess"),
        });
    };
    if action != "reprocess" {
        return Err(ApiError::NotFound(format!("articles have no action `{action}`; the one there is is `reprocess`")));
    }
    id.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::BadRequest(format!("`{id}` is not a valid `id`: ids are positive integers")))
}

/// Reprocess articles
///
/// Reads stored articles again with the current extractor and topics, as a
/// background job: by default those read by an older extractor version or
/// before the topics last changed; with `{"all": true}` every one. Each
/// article's rows are replaced atomically; reads stay consistent meanwhile.
#[utoipa::path(
    post,
    path = "/reprocess",
    tag = "jobs",
    operation_id = "reprocess_articles",
    request_body(content = Option<ReprocessRequest>, description = "Optional; `{\"all\": true}` takes every article"),
    responses(
        (status = 202, description = "Accepted; `Location` names the job to follow", body = Job,
            headers(("Location" = String, description = "URL of the job"))),
        BodyErrors,
    )
)]
pub async fn reprocess_articles(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Accepted, ApiError> {
    let request = optional_json(&headers, &body.map_err(|r| ApiError::Rejected { status: r.status(), detail: r.body_text() })?)?;
    accept(&app, if request.all { Scope::All } else { Scope::Stale }).await
}

/// The request, or its defaults when no body (or `null`) was sent.
fn optional_json(headers: &HeaderMap, body: &[u8]) -> Result<ReprocessRequest, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(ReprocessRequest::default());
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.starts_with("application/json") {
        return Err(ApiError::Rejected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: "send the body as JSON with `Content-Type: application/json`, or send none".into(),
        });
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("the body is not JSON: {e}")))?;
    if value.is_null() {
        return Ok(ReprocessRequest::default());
    }
    serde_json::from_value(value).map_err(|e| ApiError::Unprocessable(format!("send `{{\"all\": true}}`, `{{\"all\": false}}` or no body: {e}")))
}

async fn accept(app: &AppState, scope: Scope) -> Result<Accepted, ApiError> {
    let job = app.jobs.submit(scope).await?;
    let mut headers = HeaderMap::new();
    let location = format!("/v1/jobs/{}", job.id);
    headers.insert(header::LOCATION, HeaderValue::from_str(&location).expect("ASCII path"));
    Ok((StatusCode::ACCEPTED, headers, Json(job.into())))
}

/// Get a job
///
/// A background job with its progress: status, how many articles it selected,
/// did, failed and skipped, and when it was created, started and finished.
#[utoipa::path(
    get,
    path = "/jobs/{id}",
    tag = "jobs",
    operation_id = "get_job",
    params(("id" = i64, Path, description = "Job id", example = 7)),
    responses(
        (status = 200, description = "The job", body = Job),
        BadRequest, NotFound,
    )
)]
pub async fn get_job(State(app): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<Job>, ApiError> {
    let job = store::jobs::get(&mut *app.pool.acquire().await?, id).await?;
    job.map(|row| Json(row.into())).ok_or_else(|| ApiError::NotFound(format!("no job has id {id}")))
}

/// List jobs
///
/// Background jobs, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/jobs",
    tag = "jobs",
    operation_id = "list_jobs",
    params(PageParams),
    responses(
        (status = 200, description = "One page of jobs, newest first", content(
            (JobPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_jobs(
    State(app): State<AppState>,
    super::extractors::ApiQuery(params): super::extractors::ApiQuery<PageParams>,
    format: Format,
) -> Result<Listed<Job>, ApiError> {
    let request = params.parse(CURSOR_KIND)?;
    let rows = store::jobs::list(&mut *app.pool.acquire().await?, request.after, request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| r.id, Job::from), format })
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reprocess_articles))
        .routes(routes!(list_jobs))
        .routes(routes!(get_job))
        // Documented as `/v1/articles/{id}:reprocess` in `ApiDoc`.
        .route("/articles/{id}", post(reprocess_article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_actions_are_read_from_the_segment() {
        assert_eq!(article_action("42:reprocess").unwrap(), 42);
        assert_eq!(article_action("42:explode").unwrap_err().status(), StatusCode::NOT_FOUND);
        assert_eq!(article_action("x:reprocess").unwrap_err().status(), StatusCode::BAD_REQUEST);
        assert_eq!(article_action("0:reprocess").unwrap_err().status(), StatusCode::BAD_REQUEST);
        assert_eq!(article_action("42").unwrap_err().status(), StatusCode::METHOD_NOT_ALLOWED);
    }
}
