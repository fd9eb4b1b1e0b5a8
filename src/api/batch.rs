//! `POST /v1/articles:batch`: many articles in one request, each answered on its own.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::articles::CreateArticleRequest;
use super::metrics;
use super::idempotency::Unsettled;
use super::problem::{ApiError, Problem};
use super::responses::{BadRequest, PayloadTooLarge, UnsupportedMediaType};
use super::AppState;
use crate::ingest::{ingest_batch, Ingested};
use crate::store::articles::NewArticle;

/// The most articles one batch may hold.
pub const MAX_ITEMS: usize = 1000;
/// The largest batch body.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
pub const NDJSON: &str = "application/x-ndjson";

#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BatchStatus {
    /// Stored now.
    Created,
    /// The same text was stored already (or earlier in this batch); `id` is that article.
    Duplicate,
    /// The item is not a valid article; `problem` says why. Nothing was stored for it.
    Rejected,
    /// Storing it failed on the server; retrying may help. Nothing was stored for it.
    Failed,
}

/// What happened to one item of the batch.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchItem {
    /// Position of the item in the batch, from 0.
    pub index: usize,
    pub status: BatchStatus,
    pub id: Option<i64>,
    /// `/v1/articles/{id}` of a created or duplicate article.
    pub location: Option<String>,
    pub problem: Option<Problem>,
}

/// The answer to a batch: one item per article sent, in order, and the totals.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "items": [
        {"index": 0, "status": "created", "id": 41, "location": "/v1/articles/41", "problem": null},
        {"index": 1, "status": "rejected", "id": null, "location": null,
         "problem": {"type": "about:blank", "title": "Unprocessable Entity", "status": 422, "detail": "`text` must not be empty or blank"}}
    ],
    "created": 1, "duplicate": 0, "rejected": 1, "failed": 0
}))]
pub struct BatchResult {
    pub items: Vec<BatchItem>,
    pub created: usize,
    pub duplicate: usize,
    pub rejected: usize,
    pub failed: usize,
}

/// Ingest many articles
///
/// Up to 1,000 articles (or 50 MiB) as a JSON array of article objects, or as
/// NDJSON (`Content-Type: application/x-ndjson`, one article object per line).
/// Each article is stored whole or not at all, and answered on its own:
/// created, duplicate, or rejected with its problem. A bad item never sinks
/// the others.
#[utoipa::path(
    post,
    path = "/articles:batch",
    tag = "articles",
    operation_id = "create_articles_batch",
    request_body(
        content = Vec<CreateArticleRequest>,
        description = "A JSON array of articles; or send NDJSON, one article per line, with `Content-Type: application/x-ndjson`"
    ),
    responses(
        (status = 200, description = "One result per item, in order", body = BatchResult),
        BadRequest, PayloadTooLarge, UnsupportedMediaType,
    )
)]
pub async fn create_articles_batch(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Option<Extension<Unsettled>>, Json<BatchResult>), ApiError> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(format!("the body is larger than {MAX_BYTES} bytes")),
        status => ApiError::Rejected { status, detail: rejection.body_text() },
    })?;
    let raw_items = split_items(&headers, &body)?;
    if raw_items.len() > MAX_ITEMS {
        return Err(too_large(format!("{} articles; a batch holds at most {MAX_ITEMS}", raw_items.len())));
    }
    let parsed: Vec<Result<NewArticle, ApiError>> = raw_items
        .into_iter()
        .map(|raw| {
            let request: CreateArticleRequest = raw?;
            request.parse()
        })
        .collect();
    let valid: Vec<NewArticle> = parsed.iter().filter_map(|p| p.as_ref().ok().cloned()).collect();
    let mut stored = ingest_batch(&app.pool, app.extractor(), &valid).await?.into_iter();
    let items: Vec<BatchItem> = parsed
        .into_iter()
        .enumerate()
        .map(|(index, parsed)| match parsed {
            Err(error) => item(index, BatchStatus::Rejected, None, Some(error)),
            Ok(_) => match stored.next().expect("one outcome per valid article") {
                Ok(Ingested::Created(id)) => item(index, BatchStatus::Created, Some(id), None),
                Ok(Ingested::Duplicate(id)) => item(index, BatchStatus::Duplicate, Some(id), None),
                Err(error) => item(index, BatchStatus::Failed, None, Some(ApiError::from(error))),
            },
        })
        .collect();
    let count = |status| items.iter().filter(|i| i.status == status).count();
    let result = BatchResult {
        created: count(BatchStatus::Created),
        duplicate: count(BatchStatus::Duplicate),
        rejected: count(BatchStatus::Rejected),
        failed: count(BatchStatus::Failed),
        items,
    };
    metrics::count_ingested("created", result.created);
    metrics::count_ingested("duplicate", result.duplicate);
    metrics::count_ingested("rejected", result.rejected);
    metrics::count_ingested("failed", result.failed);
    let unsettled = (result.failed > 0).then_some(Extension(Unsettled));
    Ok((unsettled, Json(result)))
}

fn item(index: usize, status: BatchStatus, id: Option<i64>, error: Option<ApiError>) -> BatchItem {
    BatchItem {
        index,
        status,
        id,
        location: id.map(|id| format!("/v1/articles/{id}")),
        problem: error.map(|e| e.problem()),
    }
}

fn too_large(detail: String) -> ApiError {
    ApiError::Rejected { status: StatusCode::PAYLOAD_TOO_LARGE, detail }
}

type RawItem = Result<CreateArticleRequest, ApiError>;

/// The body's items, each parsed on its own so one malformed item is only that item's problem.
fn split_items(headers: &HeaderMap, body: &[u8]) -> Result<Vec<RawItem>, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let item = |value: serde_json::Value| -> RawItem {
        serde_json::from_value(value).map_err(|e| ApiError::Unprocessable(format!("not an article: {e}")))
    };
    if content_type.starts_with(NDJSON) {
        let text = std::str::from_utf8(body).map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
        return Ok(text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                serde_json::from_str(line)
                    .map_err(|e| ApiError::BadRequest(format!("this line is not JSON: {e}")))
                    .and_then(item)
            })
            .collect());
    }
    if !content_type.starts_with("application/json") {
        return Err(ApiError::Rejected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: format!("send a JSON array (`Content-Type: application/json`) or NDJSON (`{NDJSON}`)"),
        });
    }
    let values: Vec<serde_json::Value> = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not a JSON array of articles: {e}")))?;
    Ok(values.into_iter().map(item).collect())
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_articles_batch))
        // Batches may be far larger than single articles.
        .layer(DefaultBodyLimit::max(MAX_BYTES))
}
