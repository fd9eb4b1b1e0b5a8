//! `/v1/articles`: ingest, list, read and delete articles.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{readable_text, DatelineView, ExtractionView};
use super::extractors::{ApiJson, ApiPath, ApiQuery};
use super::listing::{page_schema, Format, Listed, PageParams};
use super::metrics;
use super::problem::ApiError;
use super::responses::{BadRequest, BodyErrors, NotFound};
use super::AppState;
use crate::domain::{CountryCode, Published};
use crate::ingest::{ingest, Ingested};
use crate::store::{self, articles::ArticleRecord, articles::NewArticle, articles::ReadAs};

page_schema!(ArticlePage, ArticleSummary);

const CURSOR_KIND: &str = "article";

/// An article to ingest.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "text": "BISHKEK, Sept. 14 (Xinhua) -- Kyrgyz President Sooronbai Jeenbekov met visiting Chinese State Councilor and Foreign Minister Wang Yi here on Sunday. Kyrgyzstan firmly pursues the One-China policy, Jeenbekov said.",
    "title": "Kyrgyzstan, China agree to boost bilateral cooperation",
    "url": "https://example.org/2020-09/14/kyrgyzstan-china",
    "source": "Xinhua",
    "published_at": "2020-09-14"
}))]
pub struct CreateArticleRequest {
    /// The article text as published; page furniture may stay in, it is ignored.
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The outlet or agency.
    pub source: Option<String>,
    /// ISO date (`2020-09-14`) or RFC 3339 timestamp; anchors relative dates.
    pub published_at: Option<String>,
}

impl CreateArticleRequest {
    pub fn parse(self) -> Result<NewArticle, ApiError> {
        Ok(NewArticle {
            text: readable_text(self.text)?,
            title: optional_field("title", self.title)?,
            url: optional_field("url", self.url)?,
            source: optional_field("source", self.source)?,
            published: self.published_at.as_deref().map(Published::parse).transpose()?,
        })
    }
}

/// A blank optional field is an absent one; one holding U+0000 cannot be stored.
fn optional_field(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let value = value.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if value.as_deref().is_some_and(|s| s.contains('\0')) {
        return Err(ApiError::Unprocessable(format!("`{name}` contains the NUL character (U+0000), which cannot be stored")));
    }
    Ok(value)
}

/// An article as listed: what it is and how much was read from it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSummary {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(example = "Kyrgyzstan, China agree to boost bilateral cooperation")]
    pub title: Option<String>,
    /// What to list it as: the title, or for an untitled article its text's first line (shortened at a word).
    #[schema(example = "Kyrgyzstan, China agree to boost bilateral cooperation")]
    pub headline: String,
    pub url: Option<String>,
    #[schema(example = "Xinhua")]
    pub source: Option<String>,
    /// As given at ingestion: an ISO date, or an RFC 3339 timestamp in UTC.
    #[schema(example = "2020-09-14")]
    pub published_at: Option<String>,
    pub dateline: Option<DatelineView>,
    /// The state the publisher speaks for (a state agency, a government site or a
    /// ministry): the article's side when readouts of one meeting are compared. Null
    /// for private wires and newspapers.
    #[schema(example = "CN")]
    pub publisher_country: Option<String>,
    #[schema(example = "0.1.0")]
    pub extractor_version: String,
    pub ingested_at: DateTime<Utc>,
    /// SHA-256 of the text, hex: the same text is the same article.
    pub content_sha256: String,
    /// Length of the text in characters (the unit of every offset).
    pub text_length: i32,
    pub counts: ExtractionCounts,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExtractionCounts {
    pub officials: i64,
    pub meetings: i64,
    pub statements: i64,
    /// Positions, one per (actor, topic, stance).
    pub positions: i64,
}

/// An article with its text and its extraction.
#[derive(Debug, Serialize, ToSchema)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub text: String,
    pub extraction: ExtractionView,
}

impl From<ArticleRecord> for ArticleSummary {
    fn from(r: ArticleRecord) -> Self {
        let published_at = match (r.published_at, r.published_on) {
            (Some(instant), _) => Some(instant.to_rfc3339()),
            (None, Some(day)) => Some(day.to_string()),
            (None, None) => None,
        };
        ArticleSummary {
            dateline: r.dateline().as_ref().map(DatelineView::from),
            id: r.id,
            headline: crate::domain::headline(r.title.as_deref(), r.article_opening.as_deref().unwrap_or_default()),
            title: r.title,
            url: r.url,
            source: r.source,
            published_at,
            publisher_country: r.read_as.publisher_country,
            extractor_version: r.read_as.extractor_version,
            ingested_at: r.ingested_at,
            content_sha256: r.content_hash.iter().map(|b| format!("{b:02x}")).collect(),
            text_length: r.text_chars,
            counts: ExtractionCounts {
                officials: r.officials,
                meetings: r.meetings,
                statements: r.statements,
                positions: r.positions,
            },
        }
    }
}

/// Ingest an article
///
/// Reads the article and stores it with everything extracted from it, in one
/// transaction. Posting a text that is stored already answers 200 with the
/// stored article and writes nothing.
#[utoipa::path(
    post,
    path = "/articles",
    tag = "articles",
    operation_id = "create_article",
    request_body = CreateArticleRequest,
    responses(
        (status = 201, description = "Stored; `Location` names the new article", body = Article,
            headers(("Location" = String, description = "URL of the article"))),
        (status = 200, description = "The same text was stored already; this is that article", body = Article,
            headers(("Location" = String, description = "URL of the article"))),
        BodyErrors,
    )
)]
pub async fn create_article(
    State(app): State<AppState>,
    ApiJson(request): ApiJson<CreateArticleRequest>,
) -> Result<(StatusCode, HeaderMap, Json<Article>), ApiError> {
    let article = request.parse().inspect_err(|_| metrics::count_ingested("rejected", 1))?;
    let outcome = ingest(&app.pool, app.extractor(), &article).await.inspect_err(|_| metrics::count_ingested("failed", 1))?;
    let (status, counted) = match outcome {
        Ingested::Created(_) => (StatusCode::CREATED, "created"),
        Ingested::Duplicate(_) => (StatusCode::OK, "duplicate"),
    };
    metrics::count_ingested(counted, 1);
    let id = outcome.id();
    let stored = read_article(&mut *app.pool.acquire().await?, id).await?;
    let mut headers = HeaderMap::new();
    let location = format!("/v1/articles/{id}");
    headers.insert(header::LOCATION, HeaderValue::from_str(&location).expect("ASCII path"));
    Ok((status, headers, Json(stored)))
}

/// List articles
///
/// All articles, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/articles",
    tag = "articles",
    operation_id = "list_articles",
    params(PageParams),
    responses(
        (status = 200, description = "One page of articles, newest first", content(
            (ArticlePage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_articles(
    State(app): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
    format: Format,
) -> Result<Listed<ArticleSummary>, ApiError> {
    let request = params.parse(CURSOR_KIND)?;
    let mut conn = app.pool.acquire().await?;
    let rows = store::articles::list(&mut conn, request.after, request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| r.id, ArticleSummary::from), format })
}

/// Get an article
///
/// One article with its text and its extraction.
#[utoipa::path(
    get,
    path = "/articles/{id}",
    tag = "articles",
    operation_id = "get_article",
    params(("id" = i64, Path, description = "Article id", example = 42)),
    responses(
        (status = 200, description = "The article", body = Article),
        BadRequest, NotFound,
    )
)]
pub async fn get_article(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Article>, ApiError> {
    let mut tx = store::snapshot(&app.pool).await?;
    let article = read_article(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Json(article))
}

/// Delete an article
///
/// Deletes the article and everything extracted from it.
#[utoipa::path(
    delete,
    path = "/articles/{id}",
    tag = "articles",
    operation_id = "delete_article",
    params(("id" = i64, Path, description = "Article id", example = 42)),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, NotFound,
    )
)]
pub async fn delete_article(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let mut tx = store::begin(&app.pool).await?;
    if !store::articles::delete(&mut tx, id).await? {
        return Err(not_found(id));
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Get an article's extraction
///
/// The officials, meetings, statements and positions read from one article,
/// each with its id and character offsets into the article's text.
#[utoipa::path(
    get,
    path = "/articles/{id}/extraction",
    tag = "articles",
    operation_id = "get_article_extraction",
    params(("id" = i64, Path, description = "Article id", example = 42)),
    responses(
        (status = 200, description = "The article's extraction", body = ExtractionView),
        BadRequest, NotFound,
    )
)]
pub async fn get_article_extraction(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ExtractionView>, ApiError> {
    let mut tx = store::snapshot(&app.pool).await?;
    let read_as = store::articles::read_as(&mut tx, id).await?.ok_or_else(|| not_found(id))?;
    let extraction = read_extraction(&mut tx, id, &read_as).await?;
    tx.commit().await?;
    Ok(Json(extraction))
}

fn not_found(id: i64) -> ApiError {
    ApiError::NotFound(format!("no article has id {id}"))
}

/// The article with its extraction, as stored.
async fn read_article(conn: &mut PgConnection, id: i64) -> Result<Article, ApiError> {
    let record = store::articles::get(conn, id).await?.ok_or_else(|| not_found(id))?;
    let extraction = read_extraction(conn, id, &record.read_as).await?;
    let text = record.text.clone().unwrap_or_default();
    Ok(Article { summary: record.into(), text, extraction })
}

/// An article's extraction as stored; its dateline and publisher's state live
/// on the article row, which the caller has read.
async fn read_extraction(conn: &mut PgConnection, id: i64, read_as: &ReadAs) -> Result<ExtractionView, ApiError> {
    let (mut extraction, ids) = store::extraction::load(conn, id).await?;
    extraction.dateline = read_as.dateline_columns.dateline();
    extraction.publisher = read_as.publisher_country.as_deref().and_then(|c| CountryCode::parse(c).ok());
    Ok(ExtractionView::new(&extraction, &ids, &read_as.extractor_version))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_article, list_articles))
        .routes(routes!(get_article, delete_article))
        .routes(routes!(get_article_extraction))
}
