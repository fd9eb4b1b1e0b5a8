//! `/v1/countries`: the states of the gazetteer and where each stands.

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::Stance;
use super::extractors::{ApiPath, ApiQuery};
use super::filters::CountryParam;
use super::listing::{page_schema, Format, Listed, PageParams};
use super::problem::ApiError;
use super::responses::{BadRequest, NotFound};
use super::AppState;
use crate::domain;
use crate::store::{self, countries::CountryRow, countries::TopicStand};

page_schema!(CountryPage, Country);
page_schema!(TopicStandPage, TopicStandView);

/// A state, with the names the press gives it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "code": "KG", "name": "Kyrgyzstan", "aliases": ["Kyrgyz Republic"],
    "adjectives": ["Kyrgyz", "Kyrgyzstani"], "demonyms": ["Kyrgyz", "Kyrgyzstani"], "capital": "Bishkek"
}))]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
}

/// A state with how much Readout holds about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryDetail {
    #[serde(flatten)]
    pub country: Country,
    /// Officials serving the state.
    pub officials: i64,
    /// Statements made for the state, by its officials or by the state as a whole.
    pub statements: i64,
    /// Positions the state stated (one per article, topic and stance).
    pub positions: i64,
    /// Meetings its officials took part in or that took place there.
    pub meetings: i64,
}

/// Where a state stands on one topic, across all articles.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicStandView {
    #[schema(example = "one_china")]
    pub topic: String,
    /// The stance of its latest position on the topic.
    pub current_stance: Stance,
    /// Positions in support, one per article.
    pub support: i64,
    /// Positions against, one per article.
    pub oppose: i64,
    /// Statements stating a position on the topic.
    pub statements: i64,
    #[schema(value_type = String, format = Date, example = "2020-09-13")]
    pub first_stated: NaiveDate,
    #[schema(value_type = String, format = Date, example = "2024-03-04")]
    pub last_stated: NaiveDate,
    pub latest_evidence: LatestEvidence,
    /// For a graded topic (GET /v1/topics lists the steps): the strongest step the state's
    /// wording reached, and the day it first did.
    pub strongest_grade: Option<GradeStep>,
    /// The step of its latest graded position, and that day.
    pub latest_grade: Option<GradeStep>,
}

/// A step of a topic's grades on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct GradeStep {
    #[schema(example = "abides_by_principle")]
    pub slug: String,
    /// 1 for the topic's weakest grade.
    #[schema(example = 2)]
    pub rank: i32,
    #[schema(value_type = String, format = Date, example = "2020-09-13")]
    pub stated_on: NaiveDate,
}

impl GradeStep {
    fn of(slug: Option<String>, rank: Option<i16>, on: Option<NaiveDate>) -> Option<GradeStep> {
        Some(GradeStep { slug: slug?, rank: i32::from(rank?), stated_on: on? })
    }
}

/// The statement behind the latest position.
#[derive(Debug, Serialize, ToSchema)]
pub struct LatestEvidence {
    pub position_id: i64,
    pub article_id: i64,
    pub statement_id: i64,
    #[schema(example = "Kyrgyzstan firmly pursues the One-China policy.")]
    pub text: String,
}

impl From<CountryRow> for Country {
    fn from(r: CountryRow) -> Self {
        Country { code: r.code, name: r.name, aliases: r.aliases, adjectives: r.adjectives, demonyms: r.demonyms, capital: r.capital }
    }
}

impl From<TopicStand> for TopicStandView {
    fn from(s: TopicStand) -> Self {
        let stance = domain::Stance::parse(&s.current_stance).expect("the stance column is checked");
        TopicStandView {
            strongest_grade: GradeStep::of(s.strongest_grade, s.strongest_grade_rank, s.strongest_grade_on),
            latest_grade: GradeStep::of(s.latest_grade, s.latest_grade_rank, s.latest_grade_on),
            topic: s.topic,
            current_stance: stance.into(),
            support: s.support,
            oppose: s.oppose,
            statements: s.statements,
            first_stated: s.first_stated,
            last_stated: s.last_stated,
            latest_evidence: LatestEvidence {
                position_id: s.latest_position_id,
                article_id: s.latest_article_id,
                statement_id: s.latest_statement_id,
                text: s.latest_statement_text,
            },
        }
    }
}

/// List countries
///
/// Every state Readout knows, by ISO code.
#[utoipa::path(
    get,
    path = "/countries",
    tag = "countries",
    operation_id = "list_countries",
    params(PageParams),
    responses(
        (status = 200, description = "One page of countries", content(
            (CountryPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_countries(
    State(app): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
    format: Format,
) -> Result<Listed<Country>, ApiError> {
    let request = params.parse::<String>("country")?;
    let mut conn = app.pool.acquire().await?;
    let rows = store::countries::page(&mut conn, request.after.as_deref(), request.fetch_limit()).await?;
    Ok(Listed { page: request.page("country", rows, |r| r.code.clone(), Country::from), format })
}

async fn country(app: &AppState, code: &str) -> Result<(CountryParam, CountryRow), ApiError> {
    let code = CountryParam::try_from(code.to_string()).map_err(ApiError::NotFound)?;
    let mut conn = app.pool.acquire().await?;
    let row = store::countries::get(&mut conn, code.0).await?.ok_or_else(|| {
        ApiError::NotFound(format!("no country has code `{}`", code.0))
    })?;
    Ok((code, row))
}

/// Get a country
///
/// One state with counts of its officials, statements, positions and meetings.
#[utoipa::path(
    get,
    path = "/countries/{code}",
    tag = "countries",
    operation_id = "get_country",
    params(("code" = String, Path, description = "ISO 3166-1 alpha-2 code, either case", example = "KG")),
    responses(
        (status = 200, description = "The country", body = CountryDetail),
        NotFound,
    )
)]
pub async fn get_country(
    State(app): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<CountryDetail>, ApiError> {
    let (code, row) = country(&app, &code).await?;
    let tally = store::countries::tally(&mut *app.pool.acquire().await?, code.0).await?;
    Ok(Json(CountryDetail {
        country: row.into(),
        officials: tally.officials,
        statements: tally.statements,
        positions: tally.positions,
        meetings: tally.meetings,
    }))
}

/// List a country's positions by topic
///
/// For each topic the state took up: its current stance, how many positions
/// and statements, when it first and last stated one, and the latest evidence.
#[utoipa::path(
    get,
    path = "/countries/{code}/positions",
    tag = "countries",
    operation_id = "list_country_positions",
    params(("code" = String, Path, description = "ISO 3166-1 alpha-2 code, either case", example = "KG"), PageParams),
    responses(
        (status = 200, description = "The state's stand per topic, by topic slug", content(
            (TopicStandPage = "application/json"),
            (String = "text/csv"))),
        BadRequest, NotFound,
    )
)]
pub async fn list_country_positions(
    State(app): State<AppState>,
    ApiPath(code): ApiPath<String>,
    ApiQuery(params): ApiQuery<PageParams>,
    format: Format,
) -> Result<Listed<TopicStandView>, ApiError> {
    let request = params.parse::<String>("stand")?;
    let (code, _) = country(&app, &code).await?;
    let mut stands = store::countries::stands(&mut *app.pool.acquire().await?, code.0.as_str()).await?;
    // At most one row per topic: the page is cut from the whole list.
    stands.retain(|s| request.after.as_ref().is_none_or(|after| &s.topic > after));
    stands.truncate(request.fetch_limit() as usize);
    Ok(Listed { page: request.page("stand", stands, |s| s.topic.clone(), TopicStandView::from), format })
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_countries))
        .routes(routes!(get_country))
        .routes(routes!(list_country_positions))
}
