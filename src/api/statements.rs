//! `/v1/statements`: who said what, across all articles.

use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{SpeakerKind, SpeakerView, Stance, StatementMode};
use super::extractors::ApiQuery;
use super::filters::{date_range, known_topic, CountryParam, DateParam};
use super::listing::{page_schema, Format, Listed, PageParams, PageRequest};
use super::problem::ApiError;
use super::responses::{BadRequest};
use super::AppState;
use crate::domain;
use crate::store::{self, statements::StatementFilter, statements::StatementRow};

page_schema!(StatementPage, StatementItem);

pub const CURSOR_KIND: &str = "statement";

/// The article a fact comes from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleRef {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(example = "Kyrgyzstan, China agree to boost bilateral cooperation")]
    pub title: Option<String>,
    /// What to list it as: the title, or for an untitled article its text's first line.
    #[schema(example = "Kyrgyzstan, China agree to boost bilateral cooperation")]
    pub headline: String,
    #[schema(example = "Xinhua")]
    pub source: Option<String>,
    pub url: Option<String>,
}

impl ArticleRef {
    /// `opening` is the start of an untitled article's text (null for a titled one).
    pub fn new(id: i64, title: Option<String>, opening: Option<String>, source: Option<String>, url: Option<String>) -> Self {
        let headline = crate::domain::headline(title.as_deref(), opening.as_deref().unwrap_or_default());
        ArticleRef { id, title, headline, source, url }
    }
}

/// A position a statement states.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicStance {
    #[schema(example = "one_china")]
    pub topic: String,
    pub stance: Stance,
}

/// A statement with its speaker, day and article.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementItem {
    pub id: i64,
    pub speaker: SpeakerView,
    #[schema(example = "Kyrgyzstan firmly pursues the One-China policy.")]
    pub text: String,
    /// Offsets into the article's text.
    pub start: i32,
    pub end: i32,
    pub mode: StatementMode,
    #[schema(example = "say")]
    pub verb: Option<String>,
    /// The day it was made: the article's dateline day, else its publication day.
    #[schema(value_type = String, format = Date, example = "2020-09-13")]
    pub stated_on: NaiveDate,
    pub article: ArticleRef,
    /// Positions it states.
    pub positions: Vec<TopicStance>,
    /// With `q`: the matching fragments, matches in `<mark>`.
    #[schema(example = "firmly pursues the <mark>One-China</mark> policy")]
    pub snippet: Option<String>,
}

impl From<StatementRow> for StatementItem {
    fn from(r: StatementRow) -> Self {
        let kind = match r.speaker_kind.as_str() {
            "official" => SpeakerKind::Official,
            "state" => SpeakerKind::State,
            _ => SpeakerKind::Joint,
        };
        StatementItem {
            id: r.id,
            speaker: SpeakerView {
                kind,
                id: r.official_id,
                name: r.speaker_name,
                country: r.country,
                countries: r.joint_countries.iter().map(|c| c.trim().to_string()).collect(),
            },
            text: r.text,
            start: r.span_start,
            end: r.span_end,
            mode: domain::StatementMode::parse(&r.mode).unwrap_or(domain::StatementMode::Reported).into(),
            verb: r.verb,
            stated_on: r.stated_on,
            article: ArticleRef::new(r.article_id, r.article_title, r.article_opening, r.article_source, r.article_url),
            positions: r
                .positions
                .iter()
                .filter_map(|p| {
                    let (topic, stance) = p.split_once(':')?;
                    Some(TopicStance { topic: topic.to_string(), stance: domain::Stance::parse(stance)?.into() })
                })
                .collect(),
            snippet: r.snippet,
        }
    }
}

/// Filters of `GET /v1/statements`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatementQuery {
    /// The official speaking (an official id).
    #[param(example = 12)]
    pub speaker: Option<i64>,
    /// The state spoken for (ISO code).
    #[param(value_type = Option<String>, example = "KG", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<CountryParam>,
    /// Statements stating a position on this topic.
    #[param(example = "one_china")]
    pub topic: Option<String>,
    /// With or without `topic`: statements stating a position with this stance.
    pub stance: Option<Stance>,
    /// Made on or after this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// Made on or before this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
    /// Full-text search (web-search syntax: words, "quoted phrases", -excluded).
    #[param(example = "belt and road")]
    pub q: Option<String>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl StatementQuery {
    pub async fn parse(
        self,
        conn: &mut sqlx::PgConnection,
    ) -> Result<(StatementFilter, PageRequest<(NaiveDate, i64)>), ApiError> {
        let request = PageParams { limit: self.limit, cursor: self.cursor }.parse(CURSOR_KIND)?;
        let (from, to) = date_range(self.from, self.to)?;
        let filter = StatementFilter {
            speaker: self.speaker,
            country: self.country.map(|c| c.0),
            topic: known_topic(conn, self.topic.as_deref()).await?,
            stance: self.stance.map(Into::into),
            from,
            to,
            text: self.q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
            article: None,
        };
        Ok((filter, request))
    }
}

/// Answers one page of statements matching `filter`.
pub async fn page_of(
    app: &AppState,
    filter: &StatementFilter,
    request: &PageRequest<(NaiveDate, i64)>,
    format: Format,
) -> Result<Listed<StatementItem>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let rows = store::statements::page(&mut conn, filter, request.after, request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| (r.stated_on, r.id), StatementItem::from), format })
}

/// List statements
///
/// Statements across all articles, newest first. Filter by speaker, the
/// state spoken for, topic and stance of the positions they state, days, and
/// full text (`q`, with highlighted snippets).
#[utoipa::path(
    get,
    path = "/statements",
    tag = "statements",
    operation_id = "list_statements",
    params(StatementQuery),
    responses(
        (status = 200, description = "One page of statements, newest first", content(
            (StatementPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_statements(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<StatementQuery>,
    format: Format,
) -> Result<Listed<StatementItem>, ApiError> {
    let (filter, request) = query.parse(&mut *app.pool.acquire().await?).await?;
    page_of(&app, &filter, &request, format).await
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_statements))
}
