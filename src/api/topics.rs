//! `/v1/topics`: the taxonomy positions are classified by.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extractors::{ApiPath, ApiQuery};
use super::listing::{page_schema, Format, Listed, PageParams};
use super::problem::{ApiError, Problem};
use super::AppState;
use crate::store::{self, topics::TopicRow};

page_schema!(TopicPage, Topic);

const CURSOR_KIND: &str = "topic";

/// A topic of the taxonomy.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "slug": "one_china", "label": "One-China policy",
    "description": "One-China policy or principle, the Taiwan question, reunification",
    "patterns": ["One-China", "Taiwan"], "is_default": true
}))]
pub struct Topic {
    pub slug: String,
    pub label: String,
    pub description: String,
    /// Phrases that signal the topic: words match case-insensitively, `word*` matches any ending.
    pub patterns: Vec<String>,
    /// Part of the default taxonomy (shared/eval/GUIDELINES.md) rather than added by a user.
    pub is_default: bool,
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
        Topic { slug: row.slug, label: row.label, description: row.description, patterns: row.patterns, is_default: row.is_default }
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
        (status = 400, description = "`limit` or `cursor` is invalid", body = Problem, content_type = "application/problem+json"),
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
        (status = 404, description = "No topic has this slug", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_topic(
    State(app): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<TopicDetail>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let row = store::topics::get(&mut conn, &slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no topic has slug `{slug}`; GET /v1/topics lists them")))?;
    let tally = store::topics::tally(&mut conn, &slug).await?;
    Ok(Json(TopicDetail { topic: row.into(), support: tally.support, oppose: tally.oppose, actors: tally.actors }))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_topics)).routes(routes!(get_topic))
}
