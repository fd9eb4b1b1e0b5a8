//! `/v1/stats`: counts for heatmaps and timelines.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extraction::{MeetingKind, Stance};
use super::extractors::ApiQuery;
use super::filters::{date_range, known_topic, CountryParam, DateParam};
use super::listing::{page_schema, Format, Listed, PageParams, PageRequest};
use super::problem::ApiError;
use super::responses::BadRequest;
use super::AppState;
use crate::domain::{comparison, comparison::divergence};
use crate::store::stats::{GroupPage, MeetingDim, MeetingStatsFilter, PositionDim, PositionStatsFilter};
use crate::store;

page_schema!(PositionStatsPage, PositionStats);
page_schema!(MeetingStatsPage, MeetingStats);

/// Parses `group_by`: one or two distinct dimensions, comma-separated.
fn dimensions<D: Copy + PartialEq>(raw: &str, known: &[(&str, D)]) -> Result<Vec<D>, ApiError> {
    let names: Vec<&str> = known.iter().map(|(name, _)| *name).collect();
    let invalid = |why: String| ApiError::BadRequest(format!("`group_by` {why}; use one or two of: {}", names.join(", ")));
    let mut dims = Vec::new();
    for part in raw.split(',').map(str::trim) {
        let dim = known
            .iter()
            .find(|(name, _)| *name == part)
            .map(|(_, dim)| *dim)
            .ok_or_else(|| invalid(format!("has an unknown dimension `{part}`")))?;
        if dims.contains(&dim) {
            return Err(invalid(format!("names `{part}` twice")));
        }
        dims.push(dim);
    }
    if dims.len() > 2 {
        return Err(invalid("has more than two dimensions".into()));
    }
    Ok(dims)
}

/// The page of groups asked for. A cursor names the last group served by its values;
/// it is tagged with the grouping, so a cursor of one grouping is refused by another.
fn group_page(limit: Option<i64>, cursor: Option<String>, list: &str, dims: &[&str]) -> Result<(String, PageRequest<Vec<String>>), ApiError> {
    let kind = format!("{list}:{}", dims.join(","));
    let request: PageRequest<Vec<String>> = PageParams { limit, cursor }.parse(&kind)?;
    if request.after.as_ref().is_some_and(|after| after.len() != dims.len()) {
        return Err(ApiError::BadRequest("`cursor` does not name a group of this grouping: pass back a `next_cursor` it answered".into()));
    }
    Ok((kind, request))
}

/// The names of the dimensions grouped by, in `group_by` order.
fn names_of<'a, D: PartialEq>(dims: &[D], known: &[(&'a str, D)]) -> Vec<&'a str> {
    dims.iter().filter_map(|d| known.iter().find(|(_, k)| k == d).map(|(name, _)| *name)).collect()
}

fn month(day: Option<chrono::NaiveDate>) -> Option<String> {
    day.map(|d| d.format("%Y-%m").to_string())
}

/// Positions in one group.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"actor": "KG", "topic": "one_china", "support": 12, "oppose": 0, "total": 12}))]
pub struct PositionStats {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    pub support: i64,
    pub oppose: i64,
    pub total: i64,
}

/// Filters of `GET /v1/stats/positions`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PositionStatsQuery {
    /// One or two of `actor`, `topic`, `month`, comma-separated (`actor,topic` for a heatmap).
    #[param(example = "actor,topic", pattern = "^(actor|topic|month)(,(actor|topic|month))?$")]
    pub group_by: String,
    /// A state's ISO code or an organisation's code.
    #[param(example = "KG")]
    pub actor: Option<String>,
    /// A topic slug (GET /v1/topics).
    #[param(example = "one_china")]
    pub topic: Option<String>,
    pub stance: Option<Stance>,
    /// From this day's month on.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// Up to this day's month.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
    /// How many groups to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Count positions
///
/// Positions (one per article, actor, topic and stance) counted by actor,
/// topic or month, or two of them: `actor,topic` for a heatmap,
/// `topic,month` for a timeline. Day filters apply by whole months.
#[utoipa::path(
    get,
    path = "/stats/positions",
    tag = "stats",
    operation_id = "get_position_stats",
    params(PositionStatsQuery),
    responses(
        (status = 200, description = "One item per group, in group order, a page at a time", content(
            (PositionStatsPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn get_position_stats(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<PositionStatsQuery>,
    format: Format,
) -> Result<Listed<PositionStats>, ApiError> {
    let known = [("actor", PositionDim::Actor), ("topic", PositionDim::Topic), ("month", PositionDim::Month)];
    let dims = dimensions(&query.group_by, &known)?;
    let (kind, request) = group_page(query.limit, query.cursor, "position_stats", &names_of(&dims, &known))?;
    let (from, to) = date_range(query.from, query.to)?;
    let mut conn = app.pool.acquire().await?;
    let filter = PositionStatsFilter {
        actor: query.actor.map(|a| a.trim().to_ascii_uppercase()),
        topic: known_topic(&mut conn, query.topic.as_deref()).await?,
        stance: query.stance.map(Into::into),
        from,
        to,
    };
    let page = GroupPage { after: request.after.as_deref(), limit: request.fetch_limit() };
    let rows = store::stats::positions(&mut conn, &dims, &filter, &page).await?;
    let key = |r: &store::stats::PositionStatsRow| {
        let day = r.month.map(|m| m.to_string());
        let values = |dim| match dim {
            PositionDim::Actor => r.actor.clone(),
            PositionDim::Topic => r.topic.clone(),
            PositionDim::Month => day.clone(),
        };
        dims.iter().map(|&d| values(d).unwrap_or_default()).collect::<Vec<String>>()
    };
    let view = |r: store::stats::PositionStatsRow| PositionStats {
        actor: r.actor,
        topic: r.topic,
        month: month(r.month),
        support: r.support,
        oppose: r.oppose,
        total: r.support + r.oppose,
    };
    Ok(Listed { page: request.page(&kind, rows, key, view), format })
}

/// Meetings in one group.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"country": "KG", "month": "2020-09", "meetings": 3}))]
pub struct MeetingStats {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<MeetingKind>,
    pub meetings: i64,
}

/// Filters of `GET /v1/stats/meetings`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingStatsQuery {
    /// One or two of `country`, `month`, `kind`, comma-separated.
    #[param(example = "country,month", pattern = "^(country|month|kind)(,(country|month|kind))?$")]
    pub group_by: String,
    #[param(value_type = Option<String>, example = "KG", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<CountryParam>,
    pub kind: Option<MeetingKind>,
    /// From this day's month.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// Up to this day's month.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
    /// How many groups to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Count meetings
///
/// Meetings counted by country involved, month or kind, or two of them. A
/// meeting counts once for each state involved when grouped by country.
/// Day filters apply by whole months.
#[utoipa::path(
    get,
    path = "/stats/meetings",
    tag = "stats",
    operation_id = "get_meeting_stats",
    params(MeetingStatsQuery),
    responses(
        (status = 200, description = "One item per group, in group order, a page at a time", content(
            (MeetingStatsPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn get_meeting_stats(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<MeetingStatsQuery>,
    format: Format,
) -> Result<Listed<MeetingStats>, ApiError> {
    let known = [("country", MeetingDim::Country), ("month", MeetingDim::Month), ("kind", MeetingDim::Kind)];
    let dims = dimensions(&query.group_by, &known)?;
    let (list, request) = group_page(query.limit, query.cursor, "meeting_stats", &names_of(&dims, &known))?;
    let (from, to) = date_range(query.from, query.to)?;
    let filter = MeetingStatsFilter { country: query.country.map(|c| c.0), kind: query.kind.map(Into::into), from, to };
    let page = GroupPage { after: request.after.as_deref(), limit: request.fetch_limit() };
    let rows = store::stats::meetings(&mut *app.pool.acquire().await?, &dims, &filter, &page).await?;
    let key = |r: &store::stats::MeetingStatsRow| {
        let day = r.month.map(|m| m.to_string());
        let values = |dim| match dim {
            MeetingDim::Country => r.country.clone(),
            MeetingDim::Month => day.clone(),
            MeetingDim::Kind => r.kind.clone(),
        };
        dims.iter().map(|&d| values(d).unwrap_or_default()).collect::<Vec<String>>()
    };
    let view = |r: store::stats::MeetingStatsRow| MeetingStats {
        country: r.country,
        month: month(r.month),
        kind: r.kind.as_deref().and_then(crate::domain::MeetingKind::parse).map(Into::into),
        meetings: r.meetings,
    };
    Ok(Listed { page: request.page(&list, rows, key, view), format })
}

/// Filters of `GET /v1/stats/divergence`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DivergenceQuery {
    /// The side whose readouts make the claims: the state their publisher speaks for.
    #[param(value_type = String, example = "CN", pattern = "^[A-Za-z]{2}$")]
    pub publisher_country: CountryParam,
    /// The state the claims are about, whose own readouts are checked for them.
    #[param(value_type = String, example = "KG", pattern = "^[A-Za-z]{2}$")]
    pub party: CountryParam,
    /// Meetings on or after this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-01-01")]
    pub from: Option<DateParam>,
    /// Meetings on or before this day.
    #[param(value_type = Option<String>, format = Date, example = "2020-12-31")]
    pub to: Option<DateParam>,
}

/// How often one side's readouts attribute a stance to the party that the party's own
/// readouts of the same meetings omit.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "publisher_country": "CN", "party": "KG", "from": "2020-01-01", "to": "2020-12-31",
    "meetings_compared": 4, "compared_meetings": [7, 9, 12, 15],
    "topics": [{"topic": "one_china", "stance": "support", "claimed": 3, "confirmed": 1, "omitted": 2,
                "omitted_share": 0.667, "claimed_meetings": [7, 9, 15], "confirmed_meetings": [9],
                "omitted_meetings": [7, 15]}]
}))]
pub struct DivergenceReport {
    pub publisher_country: String,
    pub party: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub from: Option<chrono::NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub to: Option<chrono::NaiveDate>,
    /// Meetings of the party that sources of both sides report: only there can an
    /// omission be told.
    pub meetings_compared: i64,
    pub compared_meetings: Vec<i64>,
    /// One per topic and stance the claimant's readouts attribute to the party.
    pub topics: Vec<TopicDivergence>,
}

/// One topic and stance across the compared meetings.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicDivergence {
    pub topic: String,
    pub stance: Stance,
    /// Meetings whose claimant-side readouts attribute the stance to the party.
    pub claimed: i64,
    /// Of those, meetings whose own readouts state it too.
    pub confirmed: i64,
    /// Of those, meetings whose own readouts omit it.
    pub omitted: i64,
    /// `omitted / claimed`, to three decimals.
    pub omitted_share: f64,
    pub claimed_meetings: Vec<i64>,
    pub confirmed_meetings: Vec<i64>,
    pub omitted_meetings: Vec<i64>,
}

/// Compare two sides' readouts across meetings
///
/// Across the meetings of `party` that both `publisher_country`'s sources and the
/// party's own sources report, counts per topic and stance how often the first
/// side's readouts attribute that stance to the party and how often the party's
/// own readouts of the same meeting omit it, with the meetings behind each count.
#[utoipa::path(
    get,
    path = "/stats/divergence",
    tag = "stats",
    operation_id = "get_divergence_stats",
    params(DivergenceQuery),
    responses(
        (status = 200, description = "Claims per topic and stance, and how many the party's own readouts omit", body = DivergenceReport),
        BadRequest,
    )
)]
pub async fn get_divergence_stats(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<DivergenceQuery>,
) -> Result<axum::Json<DivergenceReport>, ApiError> {
    let (claimant, party) = (query.publisher_country.0, query.party.0);
    if claimant == party {
        return Err(ApiError::BadRequest(format!(
            "`publisher_country` and `party` are both {party}: a side's readouts are compared with another side's"
        )));
    }
    let (from, to) = date_range(query.from, query.to)?;
    let meetings = store::meetings::sided_reports(&mut *app.pool.acquire().await?, party, claimant, from, to).await?;
    let report = divergence(party, claimant, meetings);
    Ok(axum::Json(DivergenceReport {
        publisher_country: claimant.to_string(),
        party: party.to_string(),
        from,
        to,
        meetings_compared: report.meetings_compared.len() as i64,
        compared_meetings: report.meetings_compared,
        topics: report.topics.into_iter().map(TopicDivergence::from).collect(),
    }))
}

impl From<comparison::TopicDivergence> for TopicDivergence {
    fn from(t: comparison::TopicDivergence) -> Self {
        let (claimed, confirmed, omitted) = (t.claimed_in.len() as i64, t.confirmed_in.len() as i64, t.omitted_in.len() as i64);
        TopicDivergence {
            topic: t.topic,
            stance: t.stance.into(),
            claimed,
            confirmed,
            omitted,
            omitted_share: (1000.0 * omitted as f64 / claimed.max(1) as f64).round() / 1000.0,
            claimed_meetings: t.claimed_in,
            confirmed_meetings: t.confirmed_in,
            omitted_meetings: t.omitted_in,
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_position_stats)).routes(routes!(get_meeting_stats)).routes(routes!(get_divergence_stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_by_takes_one_or_two_known_dimensions() {
        let known = [("actor", 1), ("topic", 2), ("month", 3)];
        assert_eq!(dimensions("actor", &known).unwrap(), vec![1]);
        assert_eq!(dimensions("topic, month", &known).unwrap(), vec![2, 3]);
        for bad in ["", "actor,actor", "actor,topic,month", "speaker"] {
            assert!(dimensions(bad, &known).is_err(), "{bad}");
        }
    }
}
