//! `/v1/topics`: the taxonomy positions are classified by.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extractors::{ApiJson, ApiPath, ApiQuery};
use super::listing::{page_schema, Format, Listed, PageParams};
use super::problem::ApiError;
use super::responses::{BadRequest, BodyErrors, Conflict, NotFound};
use super::AppState;
use crate::domain::{self, TopicPattern, TopicSlug};
use crate::store::{self, topics::Deleted, topics::TopicRow};

page_schema!(TopicPage, Topic);

const CURSOR_KIND: &str = "topic";

/// A topic of the taxonomy.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "slug": "one_china", "label": "One-China policy",
    "description": "One-China policy or principle, the Taiwan question, reunification",
    "patterns": ["One-China", "Taiwan"],
    "grades": [
        {"slug": "pursues_policy", "label": "Pursues the one-China policy", "patterns": ["One-China policy"]},
        {"slug": "abides_by_principle", "label": "Abides by the one-China principle", "patterns": ["One-China principle"]}
    ],
    "is_default": true
}))]
pub struct Topic {
    pub slug: String,
    pub label: String,
    pub description: String,
    /// Phrases that signal the topic: words match case-insensitively, `word*` matches any ending.
    pub patterns: Vec<String>,
    /// Steps of support, weakest first: a supporting statement's wording sets its position's grade.
    pub grades: Vec<TopicGrade>,
    /// Part of the default taxonomy (shared/eval/GUIDELINES.md) rather than added by a user.
    pub is_default: bool,
}

/// One step of a topic's grades. Its rank is its place in the list, 1 for the weakest.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"slug": "abides_by_principle", "label": "Abides by the one-China principle", "patterns": ["One-China principle"]}))]
pub struct TopicGrade {
    /// Named like a topic slug; distinct within the topic.
    pub slug: String,
    pub label: String,
    /// The wording that sets the grade, matched like topic patterns, near the topic's phrase.
    pub patterns: Vec<String>,
}

/// A topic with how often parties took it up.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicDetail {
    #[serde(flatten)]
    pub topic: Topic,
    /// Positions in support of the topic, across all articles.
    pub support: i64,
    /// Positions against it.
    pub oppose: i64,
    /// States and organisations that stated a position on it.
    pub actors: i64,
}

impl From<TopicRow> for Topic {
    fn from(row: TopicRow) -> Self {
        let grades = row.grades.0.into_iter().map(|g| TopicGrade { slug: g.slug, label: g.label, patterns: g.patterns }).collect();
        Topic { slug: row.slug, label: row.label, description: row.description, patterns: row.patterns, grades, is_default: row.is_default }
    }
}

/// List topics
///
/// The topics positions are classified by, in slug order.
#[utoipa::path(
    get,
    path = "/topics",
    tag = "topics",
    operation_id = "list_topics",
    params(PageParams),
    responses(
        (status = 200, description = "One page of topics", content(
            (TopicPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_topics(
    State(app): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
    format: Format,
) -> Result<Listed<Topic>, ApiError> {
    let request = params.parse::<String>(CURSOR_KIND)?;
    let mut conn = app.pool.acquire().await?;
    let rows = store::topics::page(&mut conn, request.after.as_deref(), request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| r.slug.clone(), Topic::from), format })
}

/// Get a topic
///
/// One topic with how many positions support or oppose it, and how many actors took it up.
#[utoipa::path(
    get,
    path = "/topics/{slug}",
    tag = "topics",
    operation_id = "get_topic",
    params(("slug" = String, Path, description = "Topic slug", example = "one_china")),
    responses(
        (status = 200, description = "The topic", body = TopicDetail),
        NotFound,
    )
)]
pub async fn get_topic(
    State(app): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<TopicDetail>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let row = store::topics::get(&mut conn, &slug).await?.ok_or_else(|| no_topic(&slug))?;
    let tally = store::topics::tally(&mut conn, &slug).await?;
    Ok(Json(TopicDetail { topic: row.into(), support: tally.support, oppose: tally.oppose, actors: tally.actors }))
}

/// A topic to add to the taxonomy.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "slug": "arctic", "label": "Arctic cooperation",
    "description": "Polar research, the Northern Sea Route, Arctic governance",
    "patterns": ["Arctic", "polar", "Northern Sea Route"]
}))]
pub struct CreateTopicRequest {
    /// 2-64 lowercase letters, digits or `_`, starting with a letter.
    pub slug: String,
    pub label: String,
    pub description: Option<String>,
    /// 1 to 200 phrases: words match case-insensitively on word boundaries; `word*` matches any ending.
    pub patterns: Vec<String>,
    /// Optional steps of support, weakest first (at most 10).
    #[serde(default)]
    pub grades: Vec<TopicGrade>,
}

/// Fields of a topic to change; those left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"patterns": ["Arctic", "polar", "Northern Sea Route", "icebreaker*"]}))]
pub struct UpdateTopicRequest {
    pub label: Option<String>,
    pub description: Option<String>,
    pub patterns: Option<Vec<String>>,
    /// The whole list of grades, weakest first; `[]` removes them.
    pub grades: Option<Vec<TopicGrade>>,
}

fn label(raw: &str) -> Result<String, ApiError> {
    let label = raw.trim();
    if label.is_empty() || label.chars().count() > 100 {
        return Err(ApiError::Unprocessable("`label` must be 1 to 100 characters".into()));
    }
    Ok(label.to_string())
}

fn patterns(raw: &[String]) -> Result<Vec<TopicPattern>, ApiError> {
    if raw.is_empty() || raw.len() > 200 {
        return Err(ApiError::Unprocessable("`patterns` must hold 1 to 200 phrases".into()));
    }
    Ok(raw.iter().map(|p| TopicPattern::parse(p)).collect::<Result<_, _>>()?)
}

fn grades(raw: &[TopicGrade]) -> Result<Vec<domain::Grade>, ApiError> {
    let grades = raw
        .iter()
        .map(|g| {
            let slug = TopicSlug::parse(g.slug.trim()).map_err(|e| ApiError::Unprocessable(format!("grade: {e}")))?;
            let patterns = patterns(&g.patterns).map_err(|_| ApiError::Unprocessable(format!("grade `{slug}`: `patterns` must hold 1 to 200 phrases")))?;
            Ok(domain::Grade { slug, label: label(&g.label)?, patterns })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    domain::Grade::check_all(&grades).map_err(|e| ApiError::Unprocessable(e.0))?;
    Ok(grades)
}

/// Add a topic
///
/// Adds a topic to the taxonomy. New articles are read with it at once;
/// articles stored before are read with it when they are reprocessed.
#[utoipa::path(
    post,
    path = "/topics",
    tag = "topics",
    operation_id = "create_topic",
    request_body = CreateTopicRequest,
    responses(
        (status = 201, description = "Added; `Location` names it", body = Topic,
            headers(("Location" = String, description = "URL of the topic"))),
        BodyErrors, Conflict,
    )
)]
pub async fn create_topic(
    State(app): State<AppState>,
    ApiJson(request): ApiJson<CreateTopicRequest>,
) -> Result<(StatusCode, HeaderMap, Json<Topic>), ApiError> {
    let topic = domain::Topic {
        slug: TopicSlug::parse(request.slug.trim())?,
        label: label(&request.label)?,
        description: request.description.unwrap_or_default().trim().to_string(),
        patterns: patterns(&request.patterns)?,
        grades: grades(&request.grades)?,
    };
    let row = store::topics::insert(&mut *app.pool.acquire().await?, &topic)
        .await?
        .ok_or_else(|| ApiError::Conflict(format!("a topic has slug `{}` already", topic.slug)))?;
    app.reload_extractor().await?;
    let mut headers = HeaderMap::new();
    let location = format!("/v1/topics/{}", row.slug);
    headers.insert(header::LOCATION, HeaderValue::from_str(&location).expect("slugs are ASCII"));
    Ok((StatusCode::CREATED, headers, Json(row.into())))
}

/// Change a topic
///
/// Changes a topic's label, description, patterns or grades. New articles are read
/// with the change at once; stored ones when they are reprocessed.
#[utoipa::path(
    patch,
    path = "/topics/{slug}",
    tag = "topics",
    operation_id = "update_topic",
    params(("slug" = String, Path, description = "Topic slug", example = "arctic")),
    request_body = UpdateTopicRequest,
    responses(
        (status = 200, description = "The topic as it now is", body = Topic),
        NotFound, BodyErrors,
    )
)]
pub async fn update_topic(
    State(app): State<AppState>,
    ApiPath(slug): ApiPath<String>,
    ApiJson(request): ApiJson<UpdateTopicRequest>,
) -> Result<Json<Topic>, ApiError> {
    let label = request.label.as_deref().map(label).transpose()?;
    let patterns = request.patterns.as_deref().map(patterns).transpose()?;
    let grades = request.grades.as_deref().map(grades).transpose()?;
    let description = request.description.as_deref().map(str::trim);
    let row = store::topics::update(&mut *app.pool.acquire().await?, &slug, label.as_deref(), description, patterns.as_deref(), grades.as_deref())
        .await?
        .ok_or_else(|| no_topic(&slug))?;
    app.reload_extractor().await?;
    Ok(Json(row.into()))
}

/// Delete a topic
///
/// Deletes a topic no position names any more (delete or reprocess the
/// articles that state it first).
#[utoipa::path(
    delete,
    path = "/topics/{slug}",
    tag = "topics",
    operation_id = "delete_topic",
    params(("slug" = String, Path, description = "Topic slug", example = "arctic")),
    responses(
        (status = 204, description = "Deleted"),
        NotFound, Conflict,
    )
)]
pub async fn delete_topic(State(app): State<AppState>, ApiPath(slug): ApiPath<String>) -> Result<StatusCode, ApiError> {
    match store::topics::delete(&mut *app.pool.acquire().await?, &slug).await? {
        Deleted::Deleted => {
            app.reload_extractor().await?;
            Ok(StatusCode::NO_CONTENT)
        }
        Deleted::Missing => Err(no_topic(&slug)),
        Deleted::InUse => Err(ApiError::Conflict(format!(
            "positions still name `{slug}`; delete or reprocess the articles that state it first"
        ))),
    }
}

fn no_topic(slug: &str) -> ApiError {
    ApiError::NotFound(format!("no topic has slug `{slug}`; GET /v1/topics lists them"))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_topics, create_topic))
        .routes(routes!(get_topic, update_topic, delete_topic))
}
