//! The extraction view (the shape of shared/eval/README.md) and `POST /v1/extract`.

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extractors::ApiJson;
use super::problem::ApiError;
use super::responses::{BodyErrors};
use super::AppState;
use crate::domain::{
    self, Actor, ArticleText, Dateline, Extraction, Published, Speaker,
};
use crate::extract::{Extractor, Origin, EXTRACTOR_VERSION};
use crate::store::ExtractionIds;

/// Everything read out of one article, with character offsets into its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExtractionView {
    /// Version of the pipeline that produced this extraction.
    #[schema(example = "0.1.0")]
    pub extractor_version: String,
    pub dateline: Option<DatelineView>,
    /// The state the publisher speaks for, read from the source, the URL and the
    /// dateline's agency; null for private wires and newspapers.
    #[schema(example = "CN")]
    pub publisher_country: Option<String>,
    pub officials: Vec<OfficialView>,
    pub meetings: Vec<MeetingView>,
    /// Sentences attributed to one speaker: an official, or a state as a whole.
    pub statements: Vec<StatementView>,
    /// Sentences whose subject is the parties together ("the two sides agreed ..."). They
    /// are no one speaker's statement (shared/eval/GUIDELINES.md, "Joint sentences") but
    /// the evidence of each named party's positions; `statement_id`s of evidence point
    /// into `statements` or here.
    pub joint_statements: Vec<StatementView>,
    /// One per (actor, topic, stance), with every statement that states it.
    pub positions: Vec<PositionView>,
}

/// The opening "BISHKEK, Sept. 14 (Xinhua) --" line.
#[derive(Debug, Serialize, ToSchema)]
pub struct DatelineView {
    #[schema(example = "Bishkek")]
    pub place: String,
    #[schema(example = "KG")]
    pub country: Option<String>,
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-14")]
    pub date: Option<NaiveDate>,
    #[schema(example = "Xinhua")]
    pub agency: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A named official as this article presents them.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialView {
    /// The person's id across articles (1-based position when nothing was stored).
    #[schema(example = 12)]
    pub id: i64,
    #[schema(example = "Wang Yi")]
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the state they serve.
    #[schema(example = "CN")]
    pub country: Option<String>,
    /// The international organisation they serve, when not a state.
    #[schema(example = json!(null))]
    pub org: Option<String>,
    #[schema(example = json!(["State Councilor", "Foreign Minister"]))]
    pub titles: Vec<String>,
    /// Where each title stands in the text.
    pub title_mentions: Vec<TitleMentionView>,
    /// Every reference to them: full name, surname, description, pronoun.
    pub mentions: Vec<MentionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TitleMentionView {
    #[schema(example = "Foreign Minister")]
    pub title: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MentionView {
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    FullName,
    Surname,
    Description,
    Pronoun,
}

/// A short reference to an official: enough to show and to link.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfficialRef {
    #[schema(example = 12)]
    pub id: i64,
    #[schema(example = "Wang Yi")]
    pub name: String,
    /// The state they serve.
    #[schema(example = "CN")]
    pub country: Option<String>,
}

/// A diplomatic encounter the article reports.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    pub kind: MeetingKind,
    /// The day it happened, when the article lets one tell.
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-13")]
    pub date: Option<NaiveDate>,
    /// How `date` was resolved.
    pub date_resolution: Option<DateResolution>,
    #[schema(example = "Bishkek")]
    pub location: Option<String>,
    #[schema(example = "KG")]
    pub location_country: Option<String>,
    pub participants: Vec<OfficialRef>,
    /// The receiving side, where the text says so.
    pub host: Option<OfficialRef>,
    /// The sentence that reports the meeting.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Meeting,
    Talks,
    PhoneCall,
    VideoCall,
    Message,
    Visit,
    Conference,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DateResolution {
    pub rule: DateRule,
    /// The day relative words were resolved against.
    #[schema(value_type = Option<String>, format = Date, example = "2020-09-14")]
    pub anchor: Option<NaiveDate>,
}

/// `explicit` (a calendar date in the text), `weekday` (latest such day on or
/// before the anchor), `today`, `yesterday`, `this_week`, or `anchor` (no date
/// in the text; the dateline or publication day).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    Explicit,
    Weekday,
    Today,
    Yesterday,
    ThisWeek,
    Anchor,
}

/// The statements whose speaker is (`joint`) or is not the parties together, in text order.
fn statement_views(extraction: &Extraction, ids: &ExtractionIds, joint: bool) -> Vec<StatementView> {
    extraction
        .statements
        .iter()
        .zip(&ids.statements)
        .filter(|(s, _)| matches!(s.speaker, Speaker::Joint(_)) == joint)
        .map(|(s, &id)| StatementView {
            id,
            speaker: SpeakerView::new(&s.speaker, extraction, ids),
            text: s.text.clone(),
            start: s.span.start,
            end: s.span.end,
            mode: s.mode.into(),
            verb: s.verb.clone(),
        })
        .collect()
}

/// A sentence or run of sentences attributed to a speaker.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    pub id: i64,
    pub speaker: SpeakerView,
    #[schema(example = "We live in an interconnected world.")]
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub mode: StatementMode,
    /// The reporting verb's lemma.
    #[schema(example = "say")]
    pub verb: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StatementMode {
    Direct,
    Reported,
}

/// Who speaks: an official (`id`, `name`), a state as a whole (`country`),
/// or the parties together (`countries`).
#[derive(Debug, Serialize, ToSchema)]
pub struct SpeakerView {
    pub kind: SpeakerKind,
    #[schema(example = 12)]
    pub id: Option<i64>,
    #[schema(example = "Wang Yi")]
    pub name: Option<String>,
    #[schema(example = "CN")]
    pub country: Option<String>,
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Official,
    State,
    Joint,
}

/// A stance a party states on a topic in this article.
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionView {
    pub id: i64,
    /// ISO code of the state (or code of the organisation) whose position it is.
    #[schema(example = "KG")]
    pub actor: String,
    pub actor_kind: ActorKind,
    #[schema(example = "one_china")]
    pub topic: String,
    pub stance: Stance,
    /// The official who stated it first; null when the state speaks as a whole.
    pub speaker: Option<OfficialRef>,
    /// The strongest step of the topic's grades its evidence states; null when the topic
    /// has no grades, the stance is opposition, or no wording names a step.
    pub grade: Option<GradeView>,
    pub evidence: Vec<EvidenceView>,
}

/// A step of a topic's grades (GET /v1/topics lists them) and the wording that set it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GradeView {
    #[schema(example = "abides_by_principle")]
    pub slug: String,
    /// 1 for the topic's weakest grade.
    #[schema(example = 2)]
    pub rank: i32,
    #[schema(example = "one-China principle")]
    pub wording: String,
    /// Offsets of the wording in the article's text.
    pub start: i32,
    pub end: i32,
}

impl GradeView {
    /// The strongest of some grades, the first of equals.
    pub fn strongest<'a>(grades: impl Iterator<Item = &'a GradeView>) -> Option<GradeView> {
        domain::strongest_grade(grades, |g| g.rank).cloned()
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Org,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Support,
    Oppose,
}

/// A statement that states the position, and the phrase in it that names the topic.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceView {
    pub statement_id: i64,
    pub start: usize,
    pub end: usize,
    /// The step of the topic's grades this statement's wording sets.
    pub grade: Option<GradeView>,
}

impl ExtractionView {
    /// The extraction of a text that is stored nowhere (`POST /v1/extract`, `readout extract`).
    pub fn unstored(extractor: &Extractor, text: &ArticleText, published: Option<Published>, origin: Origin<'_>) -> Self {
        let extraction = extractor.extract_from(text.as_str(), published.map(|p| p.day()), origin);
        let ids = ExtractionIds::ordinal(&extraction);
        ExtractionView::new(&extraction, &ids, EXTRACTOR_VERSION)
    }

    pub fn new(extraction: &Extraction, ids: &ExtractionIds, extractor_version: &str) -> Self {
        let official_ref = |i: usize| OfficialRef {
            id: ids.officials[i],
            name: extraction.officials[i].name.clone(),
            country: extraction.officials[i].country.map(|c| c.to_string()),
        };
        ExtractionView {
            extractor_version: extractor_version.to_string(),
            dateline: extraction.dateline.as_ref().map(DatelineView::from),
            publisher_country: extraction.publisher.map(|c| c.to_string()),
            officials: extraction
                .officials
                .iter()
                .zip(&ids.officials)
                .map(|(o, &id)| OfficialView::new(o, id))
                .collect(),
            meetings: extraction
                .meetings
                .iter()
                .zip(&ids.meetings)
                .map(|(m, &id)| MeetingView {
                    id,
                    kind: m.kind.into(),
                    date: m.date.map(|d| d.date),
                    date_resolution: m
                        .date
                        .map(|d| DateResolution { rule: d.rule.into(), anchor: d.anchor }),
                    location: m.location.clone(),
                    location_country: m.location_country.map(|c| c.to_string()),
                    participants: m.participants.iter().map(|&p| official_ref(p)).collect(),
                    host: m.host.map(official_ref),
                    start: m.span.start,
                    end: m.span.end,
                })
                .collect(),
            statements: statement_views(extraction, ids, false),
            joint_statements: statement_views(extraction, ids, true),
            positions: group_positions(extraction, ids, official_ref),
        }
    }
}

/// One view per (actor, topic, stance), in order of first statement; its
/// speaker is whoever stated it first.
fn group_positions(
    extraction: &Extraction,
    ids: &ExtractionIds,
    official_ref: impl Fn(usize) -> OfficialRef,
) -> Vec<PositionView> {
    let mut views: Vec<PositionView> = Vec::new();
    for (p, &id) in extraction.positions.iter().zip(&ids.positions) {
        let evidence = EvidenceView {
            statement_id: ids.statements[p.statement],
            start: p.span.start,
            end: p.span.end,
            grade: p.grade.as_ref().map(|g| grade_view(g, &extraction.statements[p.statement])),
        };
        let actor_kind = match p.actor {
            Actor::State(_) => ActorKind::State,
            Actor::Org(_) => ActorKind::Org,
        };
        let stance: Stance = p.stance.into();
        match views
            .iter_mut()
            .find(|v| v.actor == p.actor.code() && v.topic == p.topic.as_str() && v.stance == stance)
        {
            Some(view) => view.evidence.push(evidence),
            None => views.push(PositionView {
                id,
                actor: p.actor.code().to_string(),
                actor_kind,
                topic: p.topic.to_string(),
                stance,
                speaker: p.speaker.map(&official_ref),
                grade: None,
                evidence: vec![evidence],
            }),
        }
    }
    for view in &mut views {
        view.grade = GradeView::strongest(view.evidence.iter().filter_map(|e| e.grade.as_ref()));
    }
    views
}

/// A grade with its wording, read from the statement it lies in (offsets are the article's).
fn grade_view(g: &domain::PositionGrade, statement: &domain::Statement) -> GradeView {
    let skip = g.span.start.saturating_sub(statement.span.start);
    GradeView {
        slug: g.slug.to_string(),
        rank: i32::from(g.rank),
        wording: statement.text.chars().skip(skip).take(g.span.end - g.span.start).collect(),
        start: g.span.start as i32,
        end: g.span.end as i32,
    }
}

impl OfficialView {
    fn new(official: &domain::Official, id: i64) -> Self {
        OfficialView {
            id,
            name: official.name.clone(),
            country: official.country.map(|c| c.to_string()),
            org: official.org.clone(),
            titles: official.titles.iter().map(|t| t.title.clone()).collect(),
            title_mentions: official
                .titles
                .iter()
                .map(|t| TitleMentionView { title: t.title.clone(), start: t.span.start, end: t.span.end })
                .collect(),
            mentions: official
                .mentions
                .iter()
                .map(|m| MentionView { kind: m.kind.into(), start: m.span.start, end: m.span.end })
                .collect(),
        }
    }
}

impl SpeakerView {
    fn new(speaker: &Speaker, extraction: &Extraction, ids: &ExtractionIds) -> Self {
        let empty = SpeakerView { kind: SpeakerKind::Official, id: None, name: None, country: None, countries: vec![] };
        match speaker {
            Speaker::Official(i) => {
                let official = &extraction.officials[*i];
                SpeakerView {
                    id: Some(ids.officials[*i]),
                    name: Some(official.name.clone()),
                    country: official.country.map(|c| c.to_string()),
                    ..empty
                }
            }
            Speaker::State(code) => {
                SpeakerView { kind: SpeakerKind::State, country: Some(code.to_string()), ..empty }
            }
            Speaker::Joint(codes) => SpeakerView {
                kind: SpeakerKind::Joint,
                countries: codes.iter().map(|c| c.to_string()).collect(),
                ..empty
            },
        }
    }
}

impl From<&Dateline> for DatelineView {
    fn from(d: &Dateline) -> Self {
        DatelineView {
            place: d.place.clone(),
            country: d.country.map(|c| c.to_string()),
            date: d.date,
            agency: d.agency.clone(),
            start: d.span.start,
            end: d.span.end,
        }
    }
}

/// The API's enums mirror the domain's so the domain stays free of schema concerns.
macro_rules! mirror_enum {
    ($domain:ty => $view:ident { $($variant:ident),+ $(,)? }) => {
        impl From<$domain> for $view {
            fn from(value: $domain) -> Self {
                match value { $(<$domain>::$variant => $view::$variant),+ }
            }
        }

        impl From<$view> for $domain {
            fn from(value: $view) -> Self {
                match value { $($view::$variant => <$domain>::$variant),+ }
            }
        }
    };
}
pub(super) use mirror_enum;
mirror_enum!(domain::MeetingKind => MeetingKind { Meeting, Talks, PhoneCall, VideoCall, Message, Visit, Conference });
mirror_enum!(domain::DateRule => DateRule { Explicit, Weekday, Today, Yesterday, ThisWeek, Anchor });
mirror_enum!(domain::MentionKind => MentionKind { FullName, Surname, Description, Pronoun });
mirror_enum!(domain::Stance => Stance { Support, Oppose });
mirror_enum!(domain::StatementMode => StatementMode { Direct, Reported });

/// Text to read without storing it.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "text": "BISHKEK, Sept. 14 (Xinhua) -- Kyrgyz President Sooronbai Jeenbekov met visiting Chinese Foreign Minister Wang Yi here on Sunday.",
    "published_at": "2020-09-14"
}))]
pub struct ExtractRequest {
    /// The article text.
    pub text: String,
    /// ISO date or RFC 3339 timestamp; anchors relative dates when the text has no dated dateline.
    pub published_at: Option<String>,
    /// The outlet or publisher, as stored with articles ("Xinhua", "whitehouse.gov"); a state
    /// publisher gives its state to officials the text names without one.
    pub source: Option<String>,
    /// The article's address; a government domain counts like a state publisher.
    pub url: Option<String>,
}

/// Extract without storing
///
/// Runs the extraction pipeline on a posted text and answers what it reads,
/// stored nowhere. Ids in the answer are 1-based positions in their lists.
#[utoipa::path(
    post,
    path = "/extract",
    tag = "extraction",
    operation_id = "extract_text",
    request_body = ExtractRequest,
    responses(
        (status = 200, description = "The extraction of the posted text", body = ExtractionView),
        BodyErrors,
    )
)]
pub async fn extract_text(
    State(app): State<AppState>,
    ApiJson(request): ApiJson<ExtractRequest>,
) -> Result<Json<ExtractionView>, ApiError> {
    let text = readable_text(request.text)?;
    let published = request.published_at.as_deref().map(Published::parse).transpose()?;
    let extractor = app.extractor();
    // Extraction is CPU work: off the async workers, so a long text never stalls other requests.
    let view = tokio::task::spawn_blocking(move || {
        let origin = Origin { source: request.source.as_deref(), url: request.url.as_deref() };
        ExtractionView::unstored(&extractor, &text, published, origin)
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(Json(view))
}

/// A posted text the extractor may read: not blank, and within the bounds on
/// characters and sentences that keep extraction time bounded whatever the text.
pub(super) fn readable_text(raw: String) -> Result<ArticleText, ApiError> {
    let text = ArticleText::parse(raw)?;
    crate::extract::check_sentence_count(text.as_str()).map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    Ok(text)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(extract_text))
}
