//! `/v1/positions`: who stood where on which topic, and what changed.

use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{ActorKind, GradeView, OfficialRef, Stance};
use super::extractors::ApiQuery;
use super::filters::{date_range, known_topic, DateParam};
use super::listing::{page_schema, Format, Listed, PageParams, PageRequest};
use super::problem::ApiError;
use super::responses::{BadRequest};
use super::statements::ArticleRef;
use super::AppState;
use crate::domain;
use crate::store::{self, positions::ChangeRow, positions::EvidenceRow, positions::PositionFilter, positions::PositionRow};

page_schema!(PositionPage, PositionItem);
page_schema!(PositionChangePage, PositionChange);

const CURSOR_KIND: &str = "position";
const CHANGES_CURSOR_KIND: &str = "change";

/// A position one article reports: an actor's stance on a topic, with the statements stating it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionItem {
    pub id: i64,
    /// ISO code of the state, or code of the organisation, whose position it is.
    #[schema(example = "KG")]
    pub actor: String,
    pub actor_kind: ActorKind,
    #[schema(example = "one_china")]
    pub topic: String,
    pub stance: Stance,
    /// Who stated it first in the article; null when the state spoke as a whole.
    pub speaker: Option<OfficialRef>,
    #[schema(value_type = String, format = Date, example = "2020-09-13")]
    pub stated_on: NaiveDate,
    pub article: ArticleRef,
    /// The strongest step of the topic's grades its evidence states (GET /v1/topics lists
    /// the steps); null when the topic has no grades or no wording names one.
    pub grade: Option<GradeView>,
    pub evidence: Vec<Evidence>,
}

/// A statement stating the position, and the phrase in it that names the topic.
#[derive(Debug, Serialize, ToSchema)]
pub struct Evidence {
    pub statement_id: i64,
    #[schema(example = "Kyrgyzstan firmly pursues the One-China policy.")]
    pub text: String,
    /// Offsets of the topic phrase in the article's text.
    pub start: i32,
    pub end: i32,
    /// The step of the topic's grades this statement's wording sets.
    pub grade: Option<GradeView>,
}

impl From<PositionRow> for PositionItem {
    fn from(r: PositionRow) -> Self {
        let evidence: Vec<Evidence> = r.evidence.0.into_iter().map(Evidence::from).collect();
        PositionItem {
            grade: GradeView::strongest(evidence.iter().filter_map(|e| e.grade.as_ref())),
            evidence,
            id: r.id,
            actor_kind: if r.actor_kind == "state" { ActorKind::State } else { ActorKind::Org },
            speaker: r.official_id.zip(r.speaker_name).map(|(id, name)| OfficialRef {
                id,
                name,
                country: (r.actor_kind == "state").then(|| r.actor.clone()),
            }),
            actor: r.actor,
            topic: r.topic,
            stance: domain::Stance::parse(&r.stance).expect("the stance column is checked").into(),
            stated_on: r.stated_on,
            article: ArticleRef::new(r.article_id, r.article_title, r.article_opening, r.article_source, r.article_url),
        }
    }
}

impl From<EvidenceRow> for Evidence {
    fn from(e: EvidenceRow) -> Self {
        let grade = match (e.grade, e.grade_rank, e.grade_start, e.grade_end) {
            (Some(slug), Some(rank), Some(start), Some(end)) => {
                Some(GradeView { slug, rank, wording: e.wording.unwrap_or_default(), start, end })
            }
            _ => None,
        };
        Evidence { statement_id: e.statement_id, text: e.text, start: e.start, end: e.end, grade }
    }
}

/// Filters of `GET /v1/positions`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PositionQuery {
    /// A state's ISO code or an organisation's code.
    #[param(example = "KG")]
    pub actor: Option<String>,
    /// A topic slug (GET /v1/topics).
    #[param(example = "one_china")]
    pub topic: Option<String>,
    pub stance: Option<Stance>,
    /// A grade's slug (GET /v1/topics lists each topic's grades): positions whose
    /// strongest wording sets that step.
    #[param(example = "abides_by_principle", pattern = "^[a-z][a-z0-9_]{1,63}$")]
    pub grade: Option<String>,
    /// Stated on or after this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// Stated on or before this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// An actor is a known state (any case) or an organisation code (2-16 capitals).
fn actor(raw: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    let upper = raw.trim().to_ascii_uppercase();
    if let Ok(code) = domain::CountryCode::parse(&upper) {
        return Ok(Some(code.to_string()));
    }
    let is_org = upper.len() > 2 && upper.len() <= 16 && upper.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if is_org {
        Ok(Some(upper))
    } else {
        Err(ApiError::BadRequest(format!(
            "`{raw}` is not an actor: use a state's ISO 3166-1 alpha-2 code (GET /v1/countries) or an organisation's code such as UN, SCO, EU, ASEAN"
        )))
    }
}

#[allow(clippy::too_many_arguments)]
async fn filter(
    conn: &mut sqlx::PgConnection,
    actor_raw: Option<String>,
    topic: Option<String>,
    stance: Option<Stance>,
    grade: Option<String>,
    from: Option<DateParam>,
    to: Option<DateParam>,
) -> Result<PositionFilter, ApiError> {
    let (from, to) = date_range(from, to)?;
    let grade = grade
        .map(|g| domain::TopicSlug::parse(g.trim()).map(|g| g.to_string()).map_err(|e| ApiError::BadRequest(format!("`grade`: {e}; GET /v1/topics lists each topic's grades"))))
        .transpose()?;
    Ok(PositionFilter {
        grade,
        actor: actor(actor_raw)?,
        topic: known_topic(conn, topic.as_deref()).await?,
        stance: stance.map(Into::into),
        from,
        to,
        speaker: None,
        article: None,
    })
}

/// Answers one page of positions matching `filter`.
pub async fn page_of(
    app: &AppState,
    filter: &PositionFilter,
    request: &PageRequest<(NaiveDate, i64)>,
    format: Format,
) -> Result<Listed<PositionItem>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let rows = store::positions::page(&mut conn, filter, request.after, request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| (r.stated_on, r.id), PositionItem::from), format })
}

/// List positions
///
/// Positions across all articles, newest first: one per article, actor,
/// topic and stance, each with the statements that state it.
#[utoipa::path(
    get,
    path = "/positions",
    tag = "positions",
    operation_id = "list_positions",
    params(PositionQuery),
    responses(
        (status = 200, description = "One page of positions, newest first", content(
            (PositionPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_positions(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<PositionQuery>,
    format: Format,
) -> Result<Listed<PositionItem>, ApiError> {
    let request = PageParams { limit: query.limit, cursor: query.cursor }.parse(CURSOR_KIND)?;
    let mut conn = app.pool.acquire().await?;
    let filter = filter(&mut conn, query.actor, query.topic, query.stance, query.grade, query.from, query.to).await?;
    drop(conn);
    page_of(&app, &filter, &request, format).await
}

/// What a change in the feed is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The actor's first position on the topic.
    FirstStated,
    /// A stance unlike the actor's previous one on the topic.
    Reversal,
    /// The same support, worded at a higher step of the topic's grades than the
    /// position before it (both graded).
    GradeRaised,
    /// The same support, worded at a lower step.
    GradeLowered,
}

/// A position that changed what was known of its actor.
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionChange {
    pub change: ChangeKind,
    /// The stance before a reversal.
    pub previous_stance: Option<Stance>,
    /// The grade before a grade change (its slug; the position carries the new one).
    #[schema(example = "pursues_policy")]
    pub previous_grade: Option<String>,
    pub position: PositionItem,
}

impl From<ChangeRow> for PositionChange {
    fn from(r: ChangeRow) -> Self {
        PositionChange {
            change: match r.change.as_str() {
                "first_stated" => ChangeKind::FirstStated,
                "grade_raised" => ChangeKind::GradeRaised,
                "grade_lowered" => ChangeKind::GradeLowered,
                _ => ChangeKind::Reversal,
            },
            previous_stance: r.previous_stance.as_deref().and_then(domain::Stance::parse).map(Into::into),
            previous_grade: r.previous_grade,
            position: r.position.into(),
        }
    }
}

/// Filters of `GET /v1/positions/changes`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// Changes stated on or after this day; defaults to 30 days ago.
    #[param(value_type = Option<String>, format = Date, example = "2024-01-01")]
    pub since: Option<DateParam>,
    /// A state's ISO code or an organisation's code.
    #[param(example = "CN")]
    pub actor: Option<String>,
    /// A topic slug (GET /v1/topics).
    #[param(example = "one_china")]
    pub topic: Option<String>,
    /// The stance after the change.
    pub stance: Option<Stance>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Watch position changes
///
/// A feed, newest first, of positions an actor stated on a topic for the
/// first time, of stance reversals (a stance unlike the actor's previous
/// one on that topic), and of grade changes (the same support worded a step
/// higher or lower than the position before it): what a newsroom watches.
#[utoipa::path(
    get,
    path = "/positions/changes",
    tag = "positions",
    operation_id = "list_position_changes",
    params(ChangesQuery),
    responses(
        (status = 200, description = "One page of changes, newest first", content(
            (PositionChangePage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_position_changes(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<ChangesQuery>,
    format: Format,
) -> Result<Listed<PositionChange>, ApiError> {
    let request = PageParams { limit: query.limit, cursor: query.cursor }.parse(CHANGES_CURSOR_KIND)?;
    let since = query
        .since
        .map(|d| d.0)
        .unwrap_or_else(|| chrono::Utc::now().date_naive() - chrono::Days::new(30));
    let mut conn = app.pool.acquire().await?;
    let filter = filter(&mut conn, query.actor, query.topic, query.stance, None, None, None).await?;
    let rows = store::positions::changes(&mut conn, since, &filter, request.after, request.fetch_limit()).await?;
    let page = request.page(CHANGES_CURSOR_KIND, rows, |r| (r.position.stated_on, r.position.id), PositionChange::from);
    Ok(Listed { page, format })
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_positions)).routes(routes!(list_position_changes))
}
