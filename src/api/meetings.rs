//! `/v1/meetings`: meetings across articles, each with every source's readout.

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{DateResolution, MeetingKind, OfficialRef, Stance};
use super::extractors::{ApiPath, ApiQuery};
use super::filters::{date_range, CountryParam, DateParam};
use super::listing::{page_schema, Format, Listed, PageParams, PageRequest};
use super::positions::PositionItem;
use super::problem::ApiError;
use super::responses::{BadRequest, NotFound};
use super::statements::{ArticleRef, StatementItem};
use super::AppState;
use crate::domain::{self, comparison, comparison::compare, comparison::Attributed, comparison::Role, comparison::Source};
use crate::store::meetings::{MeetingFilter, MeetingRow, ParticipantRow, SourceRow};
use crate::store::{self, positions::PositionFilter, statements::StatementFilter};

page_schema!(MeetingPage, MeetingItem);

pub const CURSOR_KIND: &str = "meeting";

/// A meeting, however many articles report it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingItem {
    pub id: i64,
    pub kind: MeetingKind,
    /// The day it happened, when a source lets one tell.
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-13")]
    pub date: Option<NaiveDate>,
    /// The day it is listed under: `date`, or the day of the first article reporting it.
    #[schema(value_type = String, format = Date, example = "2020-09-13")]
    pub day: NaiveDate,
    #[schema(example = "Bishkek")]
    pub location: Option<String>,
    #[schema(example = "KG")]
    pub location_country: Option<String>,
    /// States involved: the participants' and the location's.
    #[schema(example = json!(["CN", "KG"]))]
    pub countries: Vec<String>,
    pub participants: Vec<OfficialRef>,
    /// How many articles report it.
    pub source_count: i32,
    /// True when neither its sources nor their publication or dateline give a day:
    /// `day` is then the day the first source was ingested, which says nothing of
    /// when the meeting happened.
    pub day_unknown: bool,
}

fn official_ref(p: ParticipantRow) -> OfficialRef {
    OfficialRef { id: p.id, name: p.name, country: p.country }
}

fn kind(raw: &str) -> MeetingKind {
    domain::MeetingKind::parse(raw).expect("the kind column is checked").into()
}

impl From<MeetingRow> for MeetingItem {
    fn from(r: MeetingRow) -> Self {
        MeetingItem {
            id: r.id,
            kind: kind(&r.kind),
            date: r.date,
            day: r.sort_on,
            location: r.location,
            location_country: r.location_country,
            countries: r.countries.iter().map(|c| c.trim().to_string()).collect(),
            participants: r.participants.0.into_iter().map(official_ref).collect(),
            source_count: r.sources,
            day_unknown: r.day_unknown,
        }
    }
}

/// One article's readout of a meeting, with what that article reports being said.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingSource {
    pub article: ArticleRef,
    /// The state the article's publisher speaks for; null for private wires and newspapers.
    #[schema(example = "CN")]
    pub side: Option<String>,
    pub kind: MeetingKind,
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-13")]
    pub date: Option<NaiveDate>,
    pub date_resolution: Option<DateResolution>,
    pub location: Option<String>,
    pub location_country: Option<String>,
    /// Participants as this article names them.
    pub participants: Vec<OfficialRef>,
    pub host: Option<OfficialRef>,
    /// Offsets of the sentence reporting the meeting in the article's text.
    pub start: i32,
    pub end: i32,
    /// Statements the article reports (up to 500).
    pub statements: Vec<StatementItem>,
    /// Positions the article reports (up to 500).
    pub positions: Vec<PositionItem>,
}

/// A meeting with every source's readout side by side.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingItem,
    pub sources: Vec<MeetingSource>,
}

/// A source of a meeting and its side: the state its publisher speaks for.
#[derive(Debug, Serialize, ToSchema)]
pub struct SidedSource {
    pub article: ArticleRef,
    /// Null for private wires and newspapers.
    #[schema(example = "CN")]
    pub side: Option<String>,
}

/// One party's stance on one topic, as each kind of source attributes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicComparison {
    #[schema(example = "one_china")]
    pub topic: String,
    pub stance: Stance,
    /// Stated by the party's own government or state media.
    pub own_side: Vec<PositionItem>,
    /// Attributed to the party by another party's government or state media.
    pub other_side: Vec<PositionItem>,
    /// Attributed by the publishers of states that took no part.
    pub third_states: Vec<PositionItem>,
    /// Attributed by private wires and newspapers.
    pub unsided: Vec<PositionItem>,
    /// Claimed for the party by another party's source and by none of its own. Null
    /// when no source of the party's own side reports the meeting: its silence says
    /// nothing then.
    #[schema(example = true)]
    pub claimed_only_by_other_side: Option<bool>,
    /// Stated by the party's own source and by no other party's source. Null when no
    /// other party's source reports the meeting.
    #[schema(example = false)]
    pub stated_only_by_own_side: Option<bool>,
}

/// What the sources of a meeting attribute to one of its parties.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartyComparison {
    /// A state one of the participants serves.
    #[schema(example = "KG")]
    pub country: String,
    /// Ids of the articles of the party's own side that report the meeting.
    #[schema(example = json!([43]))]
    pub own_sources: Vec<i64>,
    /// One per topic and stance any source attributes to the party.
    pub topics: Vec<TopicComparison>,
}

/// A meeting's readouts compared side by side: per party and topic, whose sources
/// say the party took which stance, and where one side's readout claims what the
/// other side's omits.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingComparison {
    pub meeting: MeetingItem,
    /// Sources whose publisher speaks for a state, in the order they were ingested.
    pub sources: Vec<SidedSource>,
    /// Private wires and newspapers, listed apart.
    pub unsided_sources: Vec<SidedSource>,
    /// One per state of the participants, by code.
    pub parties: Vec<PartyComparison>,
}

/// Filters of `GET /v1/meetings`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingQuery {
    /// A state involved: a participant serves it, or the meeting took place there.
    #[param(value_type = Option<String>, example = "KG", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<CountryParam>,
    /// A participant (an official id).
    #[param(example = 12)]
    pub official: Option<i64>,
    pub kind: Option<MeetingKind>,
    /// On or after this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// On or before this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
    /// City or venue, in any case.
    #[param(example = "Bishkek")]
    pub location: Option<String>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl MeetingQuery {
    pub fn parse(self) -> Result<(MeetingFilter, PageRequest<(NaiveDate, i64)>), ApiError> {
        let request = PageParams { limit: self.limit, cursor: self.cursor }.parse(CURSOR_KIND)?;
        let (from, to) = date_range(self.from, self.to)?;
        let filter = MeetingFilter {
            country: self.country.map(|c| c.0),
            official: self.official,
            kind: self.kind.map(Into::into),
            from,
            to,
            location: self.location.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
        };
        Ok((filter, request))
    }
}

/// Answers one page of meetings matching `filter`.
pub async fn page_of(
    app: &AppState,
    filter: &MeetingFilter,
    request: &PageRequest<(NaiveDate, i64)>,
    format: Format,
) -> Result<Listed<MeetingItem>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let rows = store::meetings::page(&mut conn, filter, request.after, request.fetch_limit()).await?;
    Ok(Listed { page: request.page(CURSOR_KIND, rows, |r| (r.sort_on, r.id), MeetingItem::from), format })
}

/// List meetings
///
/// Meetings across all articles, newest first; reports of the same
/// participants within a day of each other are one meeting.
#[utoipa::path(
    get,
    path = "/meetings",
    tag = "meetings",
    operation_id = "list_meetings",
    params(MeetingQuery),
    responses(
        (status = 200, description = "One page of meetings, newest first", content(
            (MeetingPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_meetings(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<MeetingQuery>,
    format: Format,
) -> Result<Listed<MeetingItem>, ApiError> {
    let (filter, request) = query.parse()?;
    page_of(&app, &filter, &request, format).await
}

/// Get a meeting
///
/// One meeting with each source's readout: how that article reports the
/// meeting, and the statements and positions it reports, so the two sides'
/// accounts can be read side by side.
#[utoipa::path(
    get,
    path = "/meetings/{id}",
    tag = "meetings",
    operation_id = "get_meeting",
    params(("id" = i64, Path, description = "Meeting id", example = 7)),
    responses(
        (status = 200, description = "The meeting and its sources", body = MeetingDetail),
        BadRequest, NotFound,
    )
)]
pub async fn get_meeting(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MeetingDetail>, ApiError> {
    let mut conn = app.pool.acquire().await?;
    let meeting = store::meetings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no meeting has id {id}")))?;
    let mut sources = Vec::new();
    for source in store::meetings::sources(&mut conn, id).await? {
        sources.push(meeting_source(&mut conn, source).await?);
    }
    Ok(Json(MeetingDetail { meeting: meeting.into(), sources }))
}

/// Compare a meeting's readouts
///
/// Each source of the meeting has a side: the state its publisher speaks for (a
/// state agency, a government site or a ministry), or none for private wires and
/// newspapers. Per party and topic, answers which sources attribute which stance to
/// that party, with the wording that states it, and flags the stances claimed for a
/// party only by the other side's readout, and those only the party's own readout
/// states.
#[utoipa::path(
    get,
    path = "/meetings/{id}/comparison",
    tag = "meetings",
    operation_id = "get_meeting_comparison",
    params(("id" = i64, Path, description = "Meeting id", example = 7)),
    responses(
        (status = 200, description = "The meeting's sources compared by side", body = MeetingComparison),
        BadRequest, NotFound,
    )
)]
pub async fn get_meeting_comparison(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MeetingComparison>, ApiError> {
    let mut tx = store::snapshot(&app.pool).await?;
    let meeting: MeetingItem = store::meetings::get(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no meeting has id {id}")))?
        .into();
    let rows = store::meetings::sources(&mut tx, id).await?;
    let mut attributed = Vec::new();
    for row in &rows {
        let positions = PositionFilter { article: Some(row.article_id), ..Default::default() };
        for position in store::positions::page(&mut tx, &positions, None, 500).await?.into_iter().rev() {
            let Ok(actor) = domain::CountryCode::parse(&position.actor) else { continue };
            if position.actor_kind != "state" {
                continue;
            }
            let item = PositionItem::from(position);
            attributed.push(Attributed { article_id: item.article.id, actor, topic: item.topic.clone(), stance: item.stance.into(), item });
        }
    }
    tx.commit().await?;
    let parties: Vec<domain::CountryCode> =
        meeting.participants.iter().filter_map(|p| p.country.as_deref()).filter_map(|c| domain::CountryCode::parse(c).ok()).collect();
    let (sides, sources): (Vec<Source>, Vec<SidedSource>) = rows
        .into_iter()
        .map(|r| {
            let side = r.publisher_country.as_deref().and_then(|c| domain::CountryCode::parse(c).ok());
            let article = ArticleRef::new(r.article_id, r.article_title, r.article_opening, r.article_source, r.article_url);
            (Source { article_id: r.article_id, side }, SidedSource { article, side: r.publisher_country })
        })
        .unzip();
    let parties = compare(&parties, &sides, attributed).into_iter().map(PartyComparison::from).collect();
    let (sources, unsided_sources) = sources.into_iter().partition(|s| s.side.is_some());
    Ok(Json(MeetingComparison { meeting, sources, unsided_sources, parties }))
}

impl From<comparison::PartyComparison<PositionItem>> for PartyComparison {
    fn from(p: comparison::PartyComparison<PositionItem>) -> Self {
        PartyComparison { country: p.party.to_string(), own_sources: p.own_sources, topics: p.topics.into_iter().map(TopicComparison::from).collect() }
    }
}

impl From<comparison::TopicComparison<PositionItem>> for TopicComparison {
    fn from(mut t: comparison::TopicComparison<PositionItem>) -> Self {
        let mut take = |role: Role| t.by_role.remove(&role).unwrap_or_default();
        TopicComparison {
            own_side: take(Role::Own),
            other_side: take(Role::OtherParty),
            third_states: take(Role::ThirdState),
            unsided: take(Role::Unsided),
            topic: t.topic,
            stance: t.stance.into(),
            claimed_only_by_other_side: t.claimed_only_by_other_side,
            stated_only_by_own_side: t.stated_only_by_own_side,
        }
    }
}

async fn meeting_source(conn: &mut sqlx::PgConnection, s: SourceRow) -> Result<MeetingSource, ApiError> {
    const MOST: i64 = 500;
    let statements = StatementFilter { article: Some(s.article_id), ..Default::default() };
    let positions = PositionFilter { article: Some(s.article_id), ..Default::default() };
    let statements = store::statements::page(conn, &statements, None, MOST).await?;
    let positions = store::positions::page(conn, &positions, None, MOST).await?;
    let rule = s.date_rule.as_deref().and_then(domain::DateRule::parse);
    Ok(MeetingSource {
        article: ArticleRef::new(s.article_id, s.article_title, s.article_opening, s.article_source, s.article_url),
        side: s.publisher_country,
        kind: kind(&s.kind),
        date: s.date,
        date_resolution: rule.map(|rule| DateResolution { rule: rule.into(), anchor: s.date_anchor }),
        location: s.location,
        location_country: s.location_country,
        participants: s.participants.0.into_iter().map(official_ref).collect(),
        host: s.host_id.zip(s.host_name).map(|(id, name)| OfficialRef { id, name, country: None }),
        start: s.span_start,
        end: s.span_end,
        statements: statements.into_iter().rev().map(StatementItem::from).collect(),
        positions: positions.into_iter().rev().map(PositionItem::from).collect(),
    })
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_meetings)).routes(routes!(get_meeting)).routes(routes!(get_meeting_comparison))
}
