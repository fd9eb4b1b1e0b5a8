//! `/v1/officials`: people across articles, with their titles and encounters.

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::OfficialRef;
use super::extractors::{ApiPath, ApiQuery};
use super::filters::CountryParam;
use super::listing::{page_schema, Format, Listed, PageParams};
use super::meetings::{self, MeetingItem, MeetingPage, MeetingQuery};
use super::problem::ApiError;
use super::responses::{BadRequest, NotFound};
use super::statements::{self, StatementItem, StatementPage, StatementQuery};
use super::AppState;
use crate::store::{self, officials::PersonFilter, officials::PersonRow};

page_schema!(OfficialPage, OfficialItem);

const CURSOR_KIND: &str = "official";
/// How many counterparts a detail lists.
const COUNTERPARTS: i64 = 20;

/// An official across all articles that name them.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialItem {
    #[schema(example = 12)]
    pub id: i64,
    #[schema(example = "Wang Yi")]
    pub name: String,
    #[schema(example = "CN")]
    pub country: Option<String>,
    /// The organisation they serve, for officials of international organisations.
    pub org: Option<String>,
    /// Every title seen, the most recently seen first.
    #[schema(example = json!(["State Councilor", "Foreign Minister"]))]
    pub titles: Vec<String>,
    /// Articles naming them.
    pub articles: i32,
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-13")]
    pub first_seen: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date, example = "2024-03-04")]
    pub last_seen: Option<NaiveDate>,
}

impl From<PersonRow> for OfficialItem {
    fn from(r: PersonRow) -> Self {
        OfficialItem {
            id: r.id,
            name: r.name,
            country: r.country,
            org: r.org,
            titles: r.titles,
            articles: r.articles,
            first_seen: r.first_seen,
            last_seen: r.last_seen,
        }
    }
}

/// When a title was held, as far as the articles tell.
#[derive(Debug, Serialize, ToSchema)]
pub struct TitleSpan {
    #[schema(example = "Foreign Minister")]
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub first_seen: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub last_seen: NaiveDate,
    /// Articles giving the title.
    pub articles: i32,
}

/// Someone the official met, and how often.
#[derive(Debug, Serialize, ToSchema)]
pub struct Counterpart {
    pub official: OfficialRef,
    pub meetings: i64,
    #[schema(value_type = String, format = Date)]
    pub last_met: NaiveDate,
}

/// An official with their titles timeline, counterparts and counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialDetail {
    #[serde(flatten)]
    pub official: OfficialItem,
    /// Titles in the order they were first seen.
    pub titles_timeline: Vec<TitleSpan>,
    /// The people they met most (up to 20).
    pub counterparts: Vec<Counterpart>,
    pub statements: i64,
    pub meetings: i64,
    pub positions: i64,
}

/// Filters of `GET /v1/officials`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfficialQuery {
    /// The state they serve (ISO code).
    #[param(value_type = Option<String>, example = "CN", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<CountryParam>,
    /// Part of the name, in any case.
    #[param(example = "wang")]
    pub q: Option<String>,
    /// A title they held, in any case.
    #[param(example = "Foreign Minister")]
    pub title: Option<String>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List officials
///
/// Officials across all articles, by name. The same name serving the same
/// state is one official, however many articles name them.
#[utoipa::path(
    get,
    path = "/officials",
    tag = "officials",
    operation_id = "list_officials",
    params(OfficialQuery),
    responses(
        (status = 200, description = "One page of officials, by name", content(
            (OfficialPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_officials(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<OfficialQuery>,
    format: Format,
) -> Result<Listed<OfficialItem>, ApiError> {
    let request = PageParams { limit: query.limit, cursor: query.cursor }.parse::<(String, i64)>(CURSOR_KIND)?;
    let non_blank = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let filter = PersonFilter { country: query.country.map(|c| c.0), name: non_blank(query.q), title: non_blank(query.title) };
    let mut conn = app.pool.acquire().await?;
    let rows = store::officials::page(&mut conn, &filter, request.after.as_ref(), request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| (r.name_key.clone(), r.id), OfficialItem::from), format })
}

async fn person(conn: &mut sqlx::PgConnection, id: i64) -> Result<PersonRow, ApiError> {
    store::officials::get(conn, id).await?.ok_or_else(|| ApiError::NotFound(format!("no official has id {id}")))
}

/// Get an official
///
/// One official with their titles timeline (first and last seen per title),
/// the people they met most, and how many statements, meetings and positions
/// the articles give them.
#[utoipa::path(
    get,
    path = "/officials/{id}",
    tag = "officials",
    operation_id = "get_official",
    params(("id" = i64, Path, description = "Official id", example = 12)),
    responses(
        (status = 200, description = "The official", body = OfficialDetail),
        BadRequest, NotFound,
    )
)]
pub async fn get_official(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OfficialDetail>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let official = person(&mut conn, id).await?;
    let timeline = store::officials::timeline(&mut conn, id).await?;
    let counterparts = store::officials::counterparts(&mut conn, id, COUNTERPARTS).await?;
    let tally = store::officials::tally(&mut conn, id).await?;
    Ok(Json(OfficialDetail {
        official: official.into(),
        titles_timeline: timeline
            .into_iter()
            .map(|t| TitleSpan { title: t.title, first_seen: t.first_seen, last_seen: t.last_seen, articles: t.articles })
            .collect(),
        counterparts: counterparts
            .into_iter()
            .map(|c| Counterpart {
                official: OfficialRef { id: c.id, name: c.name, country: c.country },
                meetings: c.meetings,
                last_met: c.last_met,
            })
            .collect(),
        statements: tally.statements,
        meetings: tally.meetings,
        positions: tally.positions,
    }))
}

/// List an official's statements
///
/// What the official said, newest first; takes the filters of `GET /v1/statements`.
#[utoipa::path(
    get,
    path = "/officials/{id}/statements",
    tag = "officials",
    operation_id = "list_official_statements",
    params(("id" = i64, Path, description = "Official id", example = 12), StatementQuery),
    responses(
        (status = 200, description = "One page of statements, newest first", content(
            (StatementPage = "application/json"),
            (String = "text/csv"))),
        BadRequest, NotFound,
    )
)]
pub async fn list_official_statements(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<StatementQuery>,
    format: Format,
) -> Result<Listed<StatementItem>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    person(&mut conn, id).await?;
    let (mut filter, request) = query.parse(&mut conn).await?;
    filter.speaker = Some(id);
    drop(conn);
    statements::page_of(&app, &filter, &request, format).await
}

/// List an official's meetings
///
/// The meetings the official took part in, newest first; takes the filters of `GET /v1/meetings`.
#[utoipa::path(
    get,
    path = "/officials/{id}/meetings",
    tag = "officials",
    operation_id = "list_official_meetings",
    params(("id" = i64, Path, description = "Official id", example = 12), MeetingQuery),
    responses(
        (status = 200, description = "One page of meetings, newest first", content(
            (MeetingPage = "application/json"),
            (String = "text/csv"))),
        BadRequest, NotFound,
    )
)]
pub async fn list_official_meetings(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<MeetingQuery>,
    format: Format,
) -> Result<Listed<MeetingItem>, ApiError> {
    person(&mut *app.pool.acquire().await?, id).await?;
    let (mut filter, request) = query.parse()?;
    filter.official = Some(id);
    meetings::page_of(&app, &filter, &request, format).await
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_officials))
        .routes(routes!(get_official))
        .routes(routes!(list_official_statements))
        .routes(routes!(list_official_meetings))
}
