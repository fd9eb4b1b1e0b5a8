//! Meetings: each article's report of one, and the meeting across articles
//! that reports of the same participants within a day of each other share.

use chrono::{Datelike, NaiveDate};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::extraction::{index_of, span_columns, ArticleExtraction};
use super::officials::OfficialIds;
use super::statements::push_day_range;
use crate::domain::{CountryCode, DateRule, Meeting, MeetingKind, ResolvedDate, Span};

/// Stores the reports of several articles, each joined to the meeting it
/// reports; answers the meeting ids per article, index for index. Articles
/// go one after the other, so a batch holding both sides' readouts of one
/// meeting merges them too.
pub async fn insert_many(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    officials: &[OfficialIds],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let all: Vec<&Meeting> = items.iter().flat_map(|item| &item.extraction.meetings).collect();
    if all.is_empty() {
        return Ok(vec![vec![]; items.len()]);
    }
    lock_days(conn, &all).await?;
    let mut answer = Vec::with_capacity(items.len());
    let mut touched = Vec::new();
    for (item, ids) in items.iter().zip(officials) {
        let meetings = &item.extraction.meetings;
        let mut meeting_ids = Vec::with_capacity(meetings.len());
        for meeting in meetings {
            let persons: Vec<i64> = meeting.participants.iter().map(|&p| ids.person_ids[p]).collect();
            let id = match find_same_meeting(conn, meeting, &persons).await? {
                Some(id) => id,
                None => create_meeting(conn, meeting).await?,
            };
            meeting_ids.push(id);
        }
        if !meetings.is_empty() {
            let report_ids = insert_reports(conn, item.article_id, meetings, &meeting_ids, ids).await?;
            insert_participants(conn, meetings, &report_ids, &meeting_ids, ids).await?;
        }
        touched.extend_from_slice(&meeting_ids);
        answer.push(meeting_ids);
    }
    touched.sort_unstable();
    touched.dedup();
    refresh(conn, &touched).await?;
    Ok(answer)
}

/// Kinds that can describe the same encounter: two readouts may call one
/// meeting "talks" and the other "met", but a phone call is not a visit.
fn compatible_kinds(kind: MeetingKind) -> &'static [&'static str] {
    match kind {
        MeetingKind::PhoneCall | MeetingKind::VideoCall => &["phone_call", "video_call"],
        MeetingKind::Message => &["message"],
        _ => &["meeting", "talks", "visit", "conference"],
    }
}

/// Serialises merging per day, so two articles about one meeting ingested at
/// once still find each other. Keys are taken in ascending order: no deadlocks.
async fn lock_days(conn: &mut PgConnection, meetings: &[&Meeting]) -> sqlx::Result<()> {
    let mut days: Vec<i64> = meetings
        .iter()
        .filter_map(|m| m.date)
        .flat_map(|d| {
            let day = i64::from(d.date.num_days_from_ce());
            [day - 1, day, day + 1]
        })
        .collect();
    days.sort_unstable();
    days.dedup();
    // A fixed high namespace keeps these keys apart from any other advisory lock.
    const NAMESPACE: i64 = 0x5245_4144 << 32;
    sqlx::query("SELECT pg_advisory_xact_lock($1 + d) FROM UNNEST($2::bigint[]) AS d ORDER BY d")
        .bind(NAMESPACE)
        .bind(&days)
        .execute(conn)
        .await?;
    Ok(())
}

/// A stored meeting within a day of this one whose participants overlap in at
/// least half of the larger set.
async fn find_same_meeting(
    conn: &mut PgConnection,
    meeting: &Meeting,
    persons: &[i64],
) -> sqlx::Result<Option<i64>> {
    let Some(date) = meeting.date.map(|d| d.date) else { return Ok(None) };
    if persons.is_empty() {
        return Ok(None);
    }
    // Meetings within a day are few, however often these people meet: start from them.
    sqlx::query_scalar(
        "WITH nearby AS (
             SELECT id, date FROM meetings
             WHERE date BETWEEN $1::date - 1 AND $1::date + 1 AND kind = ANY($3)
         ), overlap AS (
             SELECT p.meeting_id,
                    count(DISTINCT p.official_id) FILTER (WHERE p.official_id = ANY($2)) AS shared,
                    count(DISTINCT p.official_id) AS total
             FROM meeting_participants p JOIN nearby n ON n.id = p.meeting_id
             GROUP BY p.meeting_id
         )
         SELECT o.meeting_id FROM overlap o JOIN nearby n ON n.id = o.meeting_id
         WHERE o.shared > 0 AND 2 * o.shared >= greatest(o.total, cardinality($2))
         ORDER BY o.shared DESC, abs(n.date - $1::date), o.meeting_id
         LIMIT 1",
    )
    .bind(date)
    .bind(dedup(persons))
    .bind(compatible_kinds(meeting.kind))
    .fetch_optional(conn)
    .await
}

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A new meeting, dated so that later reports find it; `refresh` fills in
/// the rest once its reports are stored.
async fn create_meeting(conn: &mut PgConnection, meeting: &Meeting) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO meetings (kind, date, sort_on) VALUES ($1, $2, coalesce($2, CURRENT_DATE)) RETURNING id",
    )
    .bind(meeting.kind.as_str())
    .bind(meeting.date.map(|d| d.date))
    .fetch_one(conn)
    .await
}

async fn insert_reports(
    conn: &mut PgConnection,
    article_id: i64,
    meetings: &[Meeting],
    meeting_ids: &[i64],
    officials: &OfficialIds,
) -> sqlx::Result<Vec<i64>> {
    let ords: Vec<i32> = (0..meetings.len() as i32).collect();
    let kinds: Vec<&str> = meetings.iter().map(|m| m.kind.as_str()).collect();
    let dates: Vec<_> = meetings.iter().map(|m| m.date.map(|d| d.date)).collect();
    let anchors: Vec<_> = meetings.iter().map(|m| m.date.and_then(|d| d.anchor)).collect();
    let rules: Vec<_> = meetings.iter().map(|m| m.date.map(|d| d.rule.as_str())).collect();
    let locations: Vec<_> = meetings.iter().map(|m| m.location.as_deref()).collect();
    let countries: Vec<_> = meetings.iter().map(|m| m.location_country.map(|c| c.to_string())).collect();
    let hosts: Vec<_> = meetings.iter().map(|m| m.host.map(|h| officials.article_ids[h])).collect();
    let (starts, ends) = span_columns(meetings.iter().map(|m| m.span));
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO meeting_reports (article_id, ord, meeting_id, kind, date, date_anchor, date_rule, location,
             location_country, host_id, span_start, span_end)
         SELECT $1, * FROM UNNEST($2::int[], $3::bigint[], $4::text[], $5::date[], $6::date[], $7::text[],
                                  $8::text[], $9::text[], $10::bigint[], $11::int[], $12::int[])
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(&ords)
    .bind(meeting_ids)
    .bind(&kinds)
    .bind(&dates)
    .bind(&anchors)
    .bind(&rules)
    .bind(&locations)
    .bind(&countries)
    .bind(&hosts)
    .bind(&starts)
    .bind(&ends)
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

async fn insert_participants(
    conn: &mut PgConnection,
    meetings: &[Meeting],
    report_ids: &[i64],
    meeting_ids: &[i64],
    officials: &OfficialIds,
) -> sqlx::Result<()> {
    let (mut reports, mut owners, mut article_officials, mut persons, mut ords) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (i, meeting) in meetings.iter().enumerate() {
        for (ord, &participant) in meeting.participants.iter().enumerate() {
            reports.push(report_ids[i]);
            owners.push(meeting_ids[i]);
            article_officials.push(officials.article_ids[participant]);
            persons.push(officials.person_ids[participant]);
            ords.push(ord as i32);
        }
    }
    sqlx::query(
        "INSERT INTO meeting_participants (report_id, meeting_id, article_official_id, official_id, ord)
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::int[])
         ON CONFLICT DO NOTHING",
    )
    .bind(&reports)
    .bind(&owners)
    .bind(&article_officials)
    .bind(&persons)
    .bind(&ords)
    .execute(conn)
    .await?;
    Ok(())
}

/// Recomputes meetings from their reports (kind of the first report, earliest
/// date, first location given, states involved, number of sources) and
/// deletes those no report is left of.
pub async fn refresh(conn: &mut PgConnection, ids: &[i64]) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query(
        // Set-based over all the meetings at once: a subquery per meeting
        // lets the planner pick a scan per meeting when statistics lag a bulk load.
        "UPDATE meetings m SET kind = s.kind, date = s.date, location = s.location,
                location_country = s.location_country, sort_on = coalesce(s.date, s.reported_on),
                sources = s.sources, countries = coalesce(c.countries, '{}')
         FROM (SELECT r.meeting_id,
                      (array_agg(r.kind ORDER BY r.id))[1] AS kind,
                      min(r.date) AS date,
                      min(a.reported_on) AS reported_on,
                      count(DISTINCT r.article_id) AS sources,
                      (array_agg(r.location ORDER BY r.id) FILTER (WHERE r.location IS NOT NULL))[1] AS location,
                      (array_agg(r.location_country ORDER BY r.id) FILTER (WHERE r.location IS NOT NULL))[1]
                          AS location_country
               FROM meeting_reports r JOIN articles a ON a.id = r.article_id
               WHERE r.meeting_id = ANY($1) GROUP BY r.meeting_id) s
         LEFT JOIN (
             SELECT meeting_id, array_agg(DISTINCT country ORDER BY country) AS countries FROM (
                 SELECT p.meeting_id, o.country FROM meeting_participants p JOIN officials o ON o.id = p.official_id
                 WHERE p.meeting_id = ANY($1)
                 UNION ALL
                 SELECT r.meeting_id, r.location_country FROM meeting_reports r WHERE r.meeting_id = ANY($1)
             ) x WHERE country IS NOT NULL GROUP BY meeting_id
         ) c ON c.meeting_id = s.meeting_id
         WHERE m.id = s.meeting_id",
    )
    .bind(ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM meetings m WHERE m.id = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM meeting_reports r WHERE r.meeting_id = m.id)",
    )
    .bind(ids)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    meeting_id: i64,
    id: i64,
    kind: String,
    date: Option<NaiveDate>,
    date_anchor: Option<NaiveDate>,
    date_rule: Option<String>,
    location: Option<String>,
    location_country: Option<String>,
    host_id: Option<i64>,
    span_start: i32,
    span_end: i32,
}

/// The article's reports as domain meetings, with the ids of the meetings they report.
pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
) -> sqlx::Result<(Vec<Meeting>, Vec<i64>)> {
    let rows: Vec<ReportRow> = sqlx::query_as(
        "SELECT meeting_id, id, kind, date, date_anchor, date_rule, location,
                location_country::text AS location_country, host_id, span_start, span_end
         FROM meeting_reports WHERE article_id = $1 ORDER BY ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let participants: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT p.report_id, p.article_official_id FROM meeting_participants p
         JOIN meeting_reports r ON r.id = p.report_id
         WHERE r.article_id = $1 ORDER BY p.report_id, p.ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let report_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let meeting_ids: Vec<i64> = rows.iter().map(|r| r.meeting_id).collect();
    let mut meetings: Vec<Meeting> = rows.into_iter().map(|r| meeting_from_row(r, official_ids)).collect();
    for (report_id, official) in participants {
        meetings[index_of(&report_ids, report_id)].participants.push(index_of(official_ids, official));
    }
    Ok((meetings, meeting_ids))
}

fn meeting_from_row(row: ReportRow, official_ids: &[i64]) -> Meeting {
    let date = match (row.date, row.date_rule.as_deref().and_then(DateRule::parse)) {
        (Some(date), Some(rule)) => Some(ResolvedDate { date, anchor: row.date_anchor, rule }),
        _ => None,
    };
    Meeting {
        kind: MeetingKind::parse(&row.kind).expect("the kind column is checked"),
        date,
        location: row.location,
        location_country: row.location_country.as_deref().and_then(|c| CountryCode::parse(c).ok()),
        participants: vec![],
        host: row.host_id.map(|h| index_of(official_ids, h)),
        span: Span::new(row.span_start as usize, row.span_end as usize),
    }
}

/// Which meetings to list; every field narrows the list.
#[derive(Debug, Default)]
pub struct MeetingFilter {
    /// A state involved: a participant serves it or the meeting took place there.
    pub country: Option<CountryCode>,
    /// A participant (`officials.id`).
    pub official: Option<i64>,
    pub kind: Option<MeetingKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// City or venue, in any case.
    pub location: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct ParticipantRow {
    pub id: i64,
    pub name: String,
    pub country: Option<String>,
}

/// A meeting across articles.
#[derive(Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub sort_on: NaiveDate,
    pub location: Option<String>,
    pub location_country: Option<String>,
    pub countries: Vec<String>,
    pub sources: i32,
    pub participants: sqlx::types::Json<Vec<ParticipantRow>>,
}

const MEETING_COLUMNS: &str = "m.id, m.kind, m.date, m.sort_on, m.location, m.location_country::text AS location_country,
    m.countries::text[] AS countries, m.sources,
    coalesce((SELECT json_agg(x ORDER BY x.name) FROM (
        SELECT DISTINCT o.id, o.name, o.country FROM meeting_participants p JOIN officials o ON o.id = p.official_id
        WHERE p.meeting_id = m.id) x), '[]') AS participants";

/// Newest first, after the (day, id) `after`.
pub async fn page(
    conn: &mut PgConnection,
    filter: &MeetingFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<MeetingRow>> {
    let mut sql = QueryBuilder::<Postgres>::new(format!("SELECT {MEETING_COLUMNS} FROM meetings m WHERE true"));
    if let Some(country) = filter.country {
        sql.push(" AND m.countries @> ARRAY[").push_bind(country.to_string()).push("]::bpchar[]");
    }
    if let Some(official) = filter.official {
        sql.push(" AND m.id IN (SELECT meeting_id FROM meeting_participants WHERE official_id = ")
            .push_bind(official)
            .push(")");
    }
    if let Some(kind) = filter.kind {
        sql.push(" AND m.kind = ").push_bind(kind.as_str());
    }
    if let Some(location) = &filter.location {
        sql.push(" AND lower(m.location) = lower(").push_bind(location.clone()).push(")");
    }
    push_day_range(&mut sql, "m.sort_on", filter.from, filter.to);
    if let Some((day, id)) = after {
        sql.push(" AND (m.sort_on, m.id) < (").push_bind(day).push(", ").push_bind(id).push(")");
    }
    sql.push(" ORDER BY m.sort_on DESC, m.id DESC LIMIT ").push_bind(limit);
    sql.build_query_as().fetch_all(conn).await
}

pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as(&format!("SELECT {MEETING_COLUMNS} FROM meetings m WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// One article's report of a meeting.
#[derive(Debug, sqlx::FromRow)]
pub struct SourceRow {
    pub report_id: i64,
    pub article_id: i64,
    pub article_title: Option<String>,
    pub article_source: Option<String>,
    pub article_url: Option<String>,
    pub reported_on: NaiveDate,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub date_anchor: Option<NaiveDate>,
    pub date_rule: Option<String>,
    pub location: Option<String>,
    pub location_country: Option<String>,
    pub host_id: Option<i64>,
    pub host_name: Option<String>,
    pub span_start: i32,
    pub span_end: i32,
    pub participants: sqlx::types::Json<Vec<ParticipantRow>>,
}

/// The reports of a meeting, in the order they were ingested.
pub async fn sources(conn: &mut PgConnection, meeting_id: i64) -> sqlx::Result<Vec<SourceRow>> {
    sqlx::query_as(
        "SELECT r.id AS report_id, r.article_id, a.title AS article_title, a.source AS article_source,
                a.url AS article_url, a.reported_on, r.kind, r.date, r.date_anchor, r.date_rule, r.location,
                r.location_country::text AS location_country, host.official_id AS host_id, host_person.name AS host_name,
                r.span_start, r.span_end,
                coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'country', o.country)
                                          ORDER BY p.ord)
                          FROM meeting_participants p JOIN officials o ON o.id = p.official_id
                          WHERE p.report_id = r.id), '[]') AS participants
         FROM meeting_reports r
         JOIN articles a ON a.id = r.article_id
         LEFT JOIN article_officials host ON host.id = r.host_id
         LEFT JOIN officials host_person ON host_person.id = host.official_id
         WHERE r.meeting_id = $1
         ORDER BY r.id",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await
}
