//! Meetings: each article's report of one, and the meeting across articles
//! that reports of the same participants within a day of each other share.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::extraction::{ids_by_position, ids_of, index_of, span_columns, ArticleExtraction};
use super::officials::OfficialIds;
use super::statements::push_day_range;
use crate::domain::comparison::{Attributed, MeetingSources, Source};
use crate::domain::{CountryCode, DateRule, Meeting, MeetingKind, ResolvedDate, Span, Stance};

/// Stores the reports of several articles, each joined to the meeting it
/// reports; answers the meeting ids per article, index for index. Matching,
/// creating and writing are set-based over the whole batch; reports within
/// the batch of one meeting (both sides' readouts) join the same meeting.
pub async fn insert_many(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    officials: &[OfficialIds],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let reports: Vec<Report> = items
        .iter()
        .zip(officials)
        .enumerate()
        .flat_map(|(article, (item, ids))| {
            item.extraction.meetings.iter().map(move |meeting| Report {
                article,
                meeting,
                persons: dedup(&meeting.participants.iter().map(|&p| ids.person_ids[p]).collect::<Vec<_>>()),
            })
        })
        .collect();
    if reports.is_empty() {
        return Ok(vec![vec![]; items.len()]);
    }
    lock_days(conn, &reports).await?;
    let existing = match_stored(conn, &reports).await?;
    let (meeting_ids, created) = assign_meetings(conn, &reports, &existing).await?;

    let mut answer: Vec<Vec<i64>> = vec![vec![]; items.len()];
    for (report, &id) in reports.iter().zip(&meeting_ids) {
        answer[report.article].push(id);
    }
    // Reports first (their meeting key is checked at commit), then each new
    // meeting written once from them, and the stored ones brought up to date.
    let report_ids = insert_reports(conn, items, &answer, officials).await?;
    insert_participants(conn, items, &report_ids, &answer, officials).await?;
    insert_summarised(conn, &created).await?;
    let mut stored: Vec<i64> = existing.into_values().collect();
    stored.sort_unstable();
    stored.dedup();
    refresh(conn, &stored).await?;
    Ok(answer)
}

/// One meeting as one article of the batch reports it.
struct Report<'a> {
    /// Index of the article in the batch.
    article: usize,
    meeting: &'a Meeting,
    /// The participants' person ids, sorted, no repeats.
    persons: Vec<i64>,
}

impl Report<'_> {
    /// The rule stored meetings are matched by, for two reports of one batch.
    fn same_meeting_as(&self, other: &Report) -> bool {
        let (Some(a), Some(b)) = (self.meeting.date, other.meeting.date) else { return false };
        let shared = self.persons.iter().filter(|p| other.persons.contains(p)).count();
        (a.date - b.date).num_days().abs() <= 1
            && compatible_kinds(self.meeting.kind).contains(&other.meeting.kind.as_str())
            && shared > 0
            && 2 * shared >= self.persons.len().max(other.persons.len())
    }
}

/// For each report, the stored meeting it reports, if any: one with a report
/// of a shared participant within a day, of a compatible kind, participants
/// overlapping in at least half of the larger set (the rule `same_meeting_as`
/// applies within a batch).
async fn match_stored(conn: &mut PgConnection, reports: &[Report<'_>]) -> sqlx::Result<HashMap<usize, i64>> {
    let (mut idx, mut days, mut kinds, mut sizes, mut people) = (vec![], vec![], vec![], vec![], vec![]);
    for (i, report) in reports.iter().enumerate() {
        let Some(date) = report.meeting.date else { continue };
        if report.persons.is_empty() {
            continue;
        }
        idx.push(i as i32);
        days.push(date.date);
        kinds.push(compatible_kinds(report.meeting.kind).join(","));
        sizes.push(report.persons.len() as i64);
        people.push(report.persons.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    }
    if idx.is_empty() {
        return Ok(HashMap::new());
    }
    // Candidates come from the people: a stored meeting can only match through
    // a shared participant, and (person, day) finds that person's reports
    // within a day, a handful of rows however many meetings a day the archive
    // holds. Each candidate's participants are then counted by its own index
    // probe (LATERAL), never by a join over all participants.
    let rows: Vec<(i32, i64)> = sqlx::query_as(
        "WITH wanted AS (
             SELECT idx, day, kinds, size, string_to_array(people, ',')::bigint[] AS people
             FROM UNNEST($1::int[], $2::date[], $3::text[], $4::bigint[], $5::text[]) AS w(idx, day, kinds, size, people)
         )
         SELECT DISTINCT ON (w.idx) w.idx, m.id
         FROM wanted w
         CROSS JOIN LATERAL (
             SELECT DISTINCT p.meeting_id FROM meeting_participants p
             WHERE p.official_id = ANY (w.people) AND p.day BETWEEN w.day - 1 AND w.day + 1
         ) c
         JOIN meetings m ON m.id = c.meeting_id AND m.kind = ANY(string_to_array(w.kinds, ','))
         CROSS JOIN LATERAL (
             SELECT count(DISTINCT p.official_id) FILTER (WHERE p.official_id = ANY (w.people)) AS shared,
                    count(DISTINCT p.official_id) AS total
             FROM meeting_participants p WHERE p.meeting_id = m.id
         ) o
         WHERE 2 * o.shared >= greatest(o.total, w.size)
         ORDER BY w.idx, o.shared DESC, abs(m.date - w.day), m.id",
    )
    .bind(&idx)
    .bind(&days)
    .bind(&kinds)
    .bind(&sizes)
    .bind(&people)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(i, id)| (i as usize, id)).collect())
}

/// The meeting of every report: the stored one it matches, else the meeting of
/// an earlier report of the batch it matches, else a new meeting, whose id is
/// drawn here. Answers the meeting of each report and the new meetings' ids.
async fn assign_meetings(
    conn: &mut PgConnection,
    reports: &[Report<'_>],
    existing: &HashMap<usize, i64>,
) -> sqlx::Result<(Vec<i64>, Vec<i64>)> {
    enum Slot {
        Stored(i64),
        New(usize),
    }
    let mut slots: Vec<Slot> = Vec::with_capacity(reports.len());
    let mut new_meetings = 0;
    for (i, report) in reports.iter().enumerate() {
        let slot = match existing.get(&i) {
            Some(&id) => Slot::Stored(id),
            None => match reports[..i].iter().position(|earlier| earlier.same_meeting_as(report)) {
                Some(j) => match slots[j] {
                    Slot::Stored(id) => Slot::Stored(id),
                    Slot::New(k) => Slot::New(k),
                },
                None => {
                    new_meetings += 1;
                    Slot::New(new_meetings - 1)
                }
            },
        };
        slots.push(slot);
    }
    let created = draw_meeting_ids(conn, new_meetings).await?;
    let ids = slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Stored(id) => id,
            Slot::New(k) => created[k],
        })
        .collect();
    Ok((ids, created))
}

/// Ids for new meetings, drawn before the rows exist so reports can name them.
async fn draw_meeting_ids(conn: &mut PgConnection, count: usize) -> sqlx::Result<Vec<i64>> {
    if count == 0 {
        return Ok(vec![]);
    }
    sqlx::query_scalar("SELECT nextval(pg_get_serial_sequence('meetings', 'id')) FROM generate_series(1, $1)")
        .bind(count as i64)
        .fetch_all(conn)
        .await
}

/// Inserts new meetings whole, summarised from their reports, already stored.
async fn insert_summarised(conn: &mut PgConnection, ids: &[i64]) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO meetings (id, kind, date, location, location_country, sort_on, sources, countries)
         OVERRIDING SYSTEM VALUE
         SELECT * FROM meeting_summaries($1)",
    )
    .bind(ids)
    .execute(conn)
    .await?;
    Ok(())
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
async fn lock_days(conn: &mut PgConnection, reports: &[Report<'_>]) -> sqlx::Result<()> {
    let mut days: Vec<i64> = reports
        .iter()
        .filter_map(|r| r.meeting.date)
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

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// All the batch's reports in one statement; answers their ids per article.
async fn insert_reports(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    meeting_ids: &[Vec<i64>],
    officials: &[OfficialIds],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let (mut articles, mut ords, mut owners, mut kinds, mut dates, mut anchors) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut rules, mut locations, mut countries, mut hosts, mut spans) = (vec![], vec![], vec![], vec![], vec![]);
    for ((item, ids), meeting_ids) in items.iter().zip(officials).zip(meeting_ids) {
        for (ord, (m, &meeting_id)) in item.extraction.meetings.iter().zip(meeting_ids).enumerate() {
            articles.push(item.article_id);
            ords.push(ord as i32);
            owners.push(meeting_id);
            kinds.push(m.kind.as_str());
            dates.push(m.date.map(|d| d.date));
            anchors.push(m.date.and_then(|d| d.anchor));
            rules.push(m.date.map(|d| d.rule.as_str()));
            locations.push(m.location.as_deref());
            countries.push(m.location_country.map(|c| c.to_string()));
            hosts.push(m.host.map(|h| ids.article_ids[h]));
            spans.push(m.span);
        }
    }
    let (starts, ends) = span_columns(spans.into_iter());
    let rows: Vec<(i64, i64, i32)> = sqlx::query_as(
        "INSERT INTO meeting_reports (article_id, ord, meeting_id, kind, date, date_anchor, date_rule, location,
             location_country, host_id, span_start, span_end)
         SELECT * FROM UNNEST($1::bigint[], $2::int[], $3::bigint[], $4::text[], $5::date[], $6::date[], $7::text[],
                              $8::text[], $9::text[], $10::bigint[], $11::int[], $12::int[])
         RETURNING id, article_id, ord",
    )
    .bind(&articles)
    .bind(&ords)
    .bind(&owners)
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
    let by_position = ids_by_position(rows);
    Ok(items.iter().map(|item| ids_of(&by_position, item.article_id, item.extraction.meetings.len())).collect())
}

async fn insert_participants(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    report_ids: &[Vec<i64>],
    meeting_ids: &[Vec<i64>],
    officials: &[OfficialIds],
) -> sqlx::Result<()> {
    let (mut reports, mut owners, mut article_officials, mut persons, mut ords, mut days) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (a, (item, ids)) in items.iter().zip(officials).enumerate() {
        for (i, meeting) in item.extraction.meetings.iter().enumerate() {
            for (ord, &participant) in meeting.participants.iter().enumerate() {
                days.push(meeting.date.map(|d| d.date));
                reports.push(report_ids[a][i]);
                owners.push(meeting_ids[a][i]);
                article_officials.push(ids.article_ids[participant]);
                persons.push(ids.person_ids[participant]);
                ords.push(ord as i32);
            }
        }
    }
    sqlx::query(
        "INSERT INTO meeting_participants (report_id, meeting_id, article_official_id, official_id, ord, day)
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::int[], $6::date[])
         ON CONFLICT DO NOTHING",
    )
    .bind(&reports)
    .bind(&owners)
    .bind(&article_officials)
    .bind(&persons)
    .bind(&ords)
    .bind(&days)
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
        "UPDATE meetings m SET kind = s.kind, date = s.date, location = s.location,
                location_country = s.location_country, sort_on = s.sort_on, sources = s.sources,
                countries = s.countries
         FROM meeting_summaries($1) s
         WHERE m.id = s.id",
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
    pub day_unknown: bool,
}

const MEETING_COLUMNS: &str = "m.id, m.kind, m.date, m.sort_on, m.location, m.location_country::text AS location_country,
    m.countries::text[] AS countries, m.sources,
    coalesce((SELECT json_agg(x ORDER BY x.name) FROM (
        SELECT DISTINCT o.id, o.name, o.country FROM meeting_participants p JOIN officials o ON o.id = p.official_id
        WHERE p.meeting_id = m.id) x), '[]') AS participants,
    m.date IS NULL AND coalesce((
        -- An aggregate, not NOT EXISTS: the planner hashed that over every report of every meeting.
        SELECT bool_and(a.published_on IS NULL AND a.dateline_date IS NULL)
        FROM meeting_reports r JOIN articles a ON a.id = r.article_id WHERE r.meeting_id = m.id), false) AS day_unknown";

/// Newest first, after the (day, id) `after`.
pub async fn page(
    conn: &mut PgConnection,
    filter: &MeetingFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<MeetingRow>> {
    // A state's meetings are read from their own index, already in list order.
    let (from, sort_on, id) = match filter.country {
        Some(_) => ("meeting_countries mc JOIN meetings m ON m.id = mc.meeting_id", "mc.sort_on", "mc.meeting_id"),
        None => ("meetings m", "m.sort_on", "m.id"),
    };
    let mut sql = QueryBuilder::<Postgres>::new(format!("SELECT {MEETING_COLUMNS} FROM {from} WHERE true"));
    if let Some(country) = filter.country {
        sql.push(" AND mc.country = ").push_bind(country.to_string()).push("::bpchar");
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
    push_day_range(&mut sql, sort_on, filter.from, filter.to);
    if let Some((day, after_id)) = after {
        sql.push(format!(" AND ({sort_on}, {id}) < (")).push_bind(day).push(", ").push_bind(after_id).push(")");
    }
    sql.push(format!(" ORDER BY {sort_on} DESC, {id} DESC LIMIT ")).push_bind(limit);
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
    pub article_opening: Option<String>,
    pub article_source: Option<String>,
    pub article_url: Option<String>,
    /// The state the article's publisher speaks for: the source's side.
    pub publisher_country: Option<String>,
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
    sqlx::query_as(&format!(
        "SELECT r.id AS report_id, r.article_id, a.title AS article_title, {}, a.source AS article_source,
                a.url AS article_url, a.publisher_country::text AS publisher_country, a.reported_on, r.kind, r.date, r.date_anchor, r.date_rule, r.location,
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
        article_opening!()
    ))
    .bind(meeting_id)
    .fetch_all(conn)
    .await
}

/// One source of a compared meeting with one stance it attributes to the party
/// (none: the source attributes it nothing).
#[derive(Debug, sqlx::FromRow)]
struct SidedReportRow {
    pub meeting_id: i64,
    pub article_id: i64,
    pub publisher_country: Option<String>,
    pub topic: Option<String>,
    pub stance: Option<String>,
}

/// The meetings of `party` (a participant serves it, or it took place there)
/// in the day range that sources of both `party`'s side and `claimant`'s side
/// report: every source of them, with each stance it attributes to `party`.
/// Ordered by meeting id.
pub async fn sided_reports(
    conn: &mut PgConnection,
    party: CountryCode,
    claimant: CountryCode,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> sqlx::Result<Vec<MeetingSources>> {
    // The party's meetings come from their own index; both sides' sources are
    // then checked per meeting by index (reports by meeting, articles by id).
    let side_reports = |n: u8| {
        format!(
            "EXISTS (SELECT 1 FROM meeting_reports r JOIN articles a ON a.id = r.article_id
                     WHERE r.meeting_id = mc.meeting_id AND a.publisher_country = ${n}::bpchar)"
        )
    };
    sqlx::query_as(&format!(
        "WITH compared AS (
             SELECT mc.meeting_id FROM meeting_countries mc
             WHERE mc.country = $1::bpchar
               AND ($3::date IS NULL OR mc.sort_on >= $3) AND ($4::date IS NULL OR mc.sort_on <= $4)
               AND {} AND {}
         )
         SELECT DISTINCT r.meeting_id, r.article_id, a.publisher_country::text AS publisher_country, p.topic, p.stance
         FROM compared c
         JOIN meeting_reports r ON r.meeting_id = c.meeting_id
         JOIN articles a ON a.id = r.article_id
         LEFT JOIN positions p ON p.article_id = r.article_id AND p.actor_kind = 'state' AND p.actor = $1
         ORDER BY r.meeting_id, r.article_id",
        side_reports(1),
        side_reports(2)
    ))
    .bind(party.to_string())
    .bind(claimant.to_string())
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map(|rows| meetings_of(party, rows))
}

/// Rows ordered by meeting, then article, grouped per meeting; their stances are the party's.
fn meetings_of(party: CountryCode, rows: Vec<SidedReportRow>) -> Vec<MeetingSources> {
    let mut meetings: Vec<MeetingSources> = vec![];
    for row in rows {
        if meetings.last().is_none_or(|m| m.meeting_id != row.meeting_id) {
            meetings.push(MeetingSources { meeting_id: row.meeting_id, sources: vec![], attributed: vec![] });
        }
        let meeting = meetings.last_mut().expect("pushed above");
        if meeting.sources.last().is_none_or(|s| s.article_id != row.article_id) {
            let side = row.publisher_country.as_deref().and_then(|c| CountryCode::parse(c).ok());
            meeting.sources.push(Source { article_id: row.article_id, side });
        }
        if let (Some(topic), Some(stance)) = (row.topic, row.stance.as_deref().and_then(Stance::parse)) {
            meeting.attributed.push(Attributed { article_id: row.article_id, actor: party, topic, stance, item: () });
        }
    }
    meetings
}
