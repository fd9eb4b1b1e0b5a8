//! `GET /v1/events`: the live feed as Server-Sent Events, and the event as
//! both the feed and webhooks deliver it.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{self, KeepAlive, Sse};
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{mirror_enum, Stance};
use super::extractors::ApiQuery;
use super::filters::{known_topic, CountryParam};
use super::problem::ApiError;
use super::responses::BadRequest;
use super::AppState;
use crate::domain::event::{self, EventFilter, EventId, EventKind, Subject};
use crate::events::Next;

/// Comments sent on a quiet stream, so proxies keep it open and clients notice a dead one.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What an event reports.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EventKindName {
    Article,
    Meeting,
    Position,
    PositionChange,
}

mirror_enum!(EventKind => EventKindName { Article, Meeting, Position, PositionChange });

/// Something ingestion stored. Of `article`, `meeting` and `position`, the one
/// matching `kind` is set and the others are null (a `position_change` carries `position`).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "1042.3",
    "kind": "position_change",
    "logged_at": "2024-09-14T08:30:00Z",
    "article_id": 4711,
    "countries": ["KG"],
    "topics": ["one_china"],
    "position": {
        "position_id": 88120, "actor": "KG", "topic": "one_china", "stance": "support",
        "grade": "abides_by_principle", "stated_on": "2024-09-14",
        "change": "grade_raised", "previous_stance": null, "previous_grade": "pursues_policy"
    }
}))]
pub struct EventView {
    /// Where the event stands in the feed ("LOG.ORD"); send it back as `Last-Event-ID` to resume after it.
    pub id: String,
    pub kind: EventKindName,
    /// When the article was stored.
    pub logged_at: DateTime<Utc>,
    /// The stored article the event comes from (GET /v1/articles/{id}).
    pub article_id: i64,
    /// States the event concerns (what `country` filters on).
    pub countries: Vec<String>,
    /// Topics the event concerns (what `topic` filters on).
    pub topics: Vec<String>,
    pub article: Option<ArticleEvent>,
    pub meeting: Option<MeetingEvent>,
    pub position: Option<PositionEvent>,
}

/// The stored article.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleEvent {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The day the article reports on.
    pub reported_on: NaiveDate,
    /// The state the publisher speaks for, if any.
    pub publisher_country: Option<String>,
}

/// A meeting the article reports (GET /v1/meetings/{meeting_id} has every source).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingEvent {
    pub meeting_id: i64,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub location: Option<String>,
    /// Participants as this article names them.
    pub participants: Vec<String>,
    /// True when no earlier article reported the meeting.
    pub first_report: bool,
}

/// A position the article states, with what it changed for a `position_change`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PositionEvent {
    pub position_id: i64,
    /// A state's ISO code or an organisation's code.
    pub actor: String,
    pub topic: String,
    pub stance: Stance,
    /// The grade its wording sets, if the topic has grades.
    pub grade: Option<String>,
    pub stated_on: NaiveDate,
    /// `first_stated`, `reversal`, `grade_raised` or `grade_lowered`; null when it changed nothing.
    pub change: Option<String>,
    pub previous_stance: Option<Stance>,
    pub previous_grade: Option<String>,
}

impl From<event::Event> for EventView {
    fn from(event: event::Event) -> Self {
        let kind = event.kind().into();
        let mut view = EventView {
            id: event.id.to_string(),
            kind,
            logged_at: event.logged_at,
            article_id: event.article_id,
            countries: event.countries.iter().map(|c| c.as_str().to_string()).collect(),
            topics: event.topics,
            article: None,
            meeting: None,
            position: None,
        };
        match event.subject {
            Subject::Article(a) => {
                view.article = Some(ArticleEvent {
                    title: a.title,
                    source: a.source,
                    url: a.url,
                    reported_on: a.reported_on,
                    publisher_country: a.publisher_country.map(|c| c.as_str().to_string()),
                })
            }
            Subject::Meeting(m) => {
                view.meeting = Some(MeetingEvent {
                    meeting_id: m.meeting_id,
                    kind: m.kind,
                    date: m.date,
                    location: m.location,
                    participants: m.participants,
                    first_report: m.first_report,
                })
            }
            Subject::Position(p) | Subject::PositionChange(p) => {
                view.position = Some(PositionEvent {
                    position_id: p.position_id,
                    actor: p.actor,
                    topic: p.topic,
                    stance: p.stance.into(),
                    grade: p.grade,
                    stated_on: p.stated_on,
                    change: p.change,
                    previous_stance: p.previous_stance.map(Into::into),
                    previous_grade: p.previous_grade,
                })
            }
        }
        view
    }
}

/// Filters of `GET /v1/events`; every one given must hold.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Event kinds, comma-separated: `article`, `meeting`, `position`, `position_change`. All by default.
    #[param(example = "position,position_change")]
    pub kind: Option<String>,
    /// Only events concerning this state (ISO 3166-1 alpha-2).
    #[param(value_type = Option<String>, example = "KG")]
    pub country: Option<CountryParam>,
    /// Only events concerning this topic (a slug from GET /v1/topics).
    #[param(example = "one_china")]
    pub topic: Option<String>,
}

/// The header (`Last-Event-ID`) a reconnecting client sends, as EventSource does.
const LAST_EVENT_ID: &str = "last-event-id";

/// Follow what is stored, live
///
/// Server-Sent Events (`text/event-stream`) of new articles, the meetings
/// they report, the positions they state and the changes those make (first
/// stated, reversal, grade raised or lowered), as they are stored. Each
/// message has `id`, `event` (the kind) and `data` (the event as JSON).
/// Send `Last-Event-ID` to resume after an event, across reconnections and
/// server instances, within the retention window (7 days by default); past
/// it, the stream opens with a `gap` message and goes on from the oldest
/// event kept. Without it the stream starts with what is stored from now on.
/// A comment is sent every 15 s when nothing else is; a client that falls
/// far behind is disconnected and resumes with `Last-Event-ID`.
#[utoipa::path(
    get,
    path = "/events",
    tag = "events",
    operation_id = "stream_events",
    params(
        EventsQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "The `id` of the last event received: the stream resumes after it", example = "1042.3"),
    ),
    responses(
        (status = 200, description = "A stream of events; each message's `data` is one event", content_type = "text/event-stream", body = EventView),
        BadRequest,
    )
)]
pub async fn stream_events(
    State(app): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<sse::Event, Infallible>>>, ApiError> {
    let resume = last_event_id(&headers)?;
    let mut conn = app.pool.acquire().await?;
    let filter = EventFilter {
        kinds: query.kind.as_deref().map(EventFilter::parse_kinds).transpose().map_err(|e| ApiError::BadRequest(format!("`kind`: {e}")))?.unwrap_or_default(),
        country: query.country.map(|c| c.0),
        topic: known_topic(&mut conn, query.topic.as_deref()).await?,
    };
    let pruned = crate::store::events::pruned_through(&mut conn).await?;
    let now = EventId::after_entry(crate::store::events::latest(&mut conn).await?);
    drop(conn);
    // Resuming from before the retention window: say so, and go on from the oldest event kept.
    let gap = resume.filter(|r| r.log < pruned).map(|r| gap_message(r, pruned));
    let from = resume.map_or(now, |r| r.max(EventId::after_entry(pruned)));
    let subscription = app.events.subscribe(filter, from, now);
    let events = futures_util::stream::unfold(subscription, |mut subscription| async move {
        match subscription.next().await {
            Next::Event(event) => Some((Ok(message(event)), subscription)),
            Next::End => None,
        }
    });
    let stream = futures_util::StreamExt::chain(futures_util::stream::iter(gap.map(Ok)), events);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive")))
}

fn last_event_id(headers: &HeaderMap) -> Result<Option<EventId>, ApiError> {
    let Some(raw) = headers.get(LAST_EVENT_ID) else { return Ok(None) };
    let raw = raw.to_str().map_err(|_| ApiError::BadRequest("`Last-Event-ID` must be ASCII".into()))?;
    if raw.trim().is_empty() {
        return Ok(None);
    }
    EventId::parse(raw).map(Some).map_err(|e| ApiError::BadRequest(format!("`Last-Event-ID`: {e}")))
}

fn message(event: event::Event) -> sse::Event {
    let kind = event.kind().as_str();
    let id = event.id.to_string();
    let view = EventView::from(event);
    sse::Event::default().id(id).event(kind).json_data(view).expect("an event serialises")
}

fn gap_message(resume: EventId, pruned: i64) -> sse::Event {
    let detail = format!(
        "events after {resume} up to log entry {pruned} are past the retention window and were pruned; \
         the stream goes on from the oldest event kept: read the lists (GET /v1/articles, /v1/positions/changes) to fill the gap"
    );
    sse::Event::default().event("gap").json_data(serde_json::json!({ "detail": detail })).expect("a gap message serialises")
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(stream_events))
}
