//! The event log (migration 20): one entry per stored article, read back as the
//! feed's events from the article's own rows.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use crate::domain::event::{ArticleStored, Event, EventId, MeetingReported, PositionStored, Subject};
use crate::domain::{CountryCode, Stance};

/// The channel a committed entry is announced on, with the highest id as payload.
pub const CHANNEL: &str = "readout_events";

/// Logs stored articles. Call it in the ingesting transaction after
/// `store::lock_shared_rows`, which is what makes ids commit in order (see the
/// migration); the notification goes out when the transaction commits.
pub async fn log_stored(conn: &mut PgConnection, article_ids: &[i64]) -> sqlx::Result<()> {
    if article_ids.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "WITH logged AS (INSERT INTO event_log (article_id) SELECT unnest($1::bigint[]) RETURNING id) \
         SELECT pg_notify($2, max(id)::text) FROM logged",
    )
    .bind(article_ids)
    .bind(CHANNEL)
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest entry's id, 0 when the log is empty.
pub async fn latest(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM event_log").fetch_one(conn).await
}

/// The highest id pruned: resuming from below it misses events.
pub async fn pruned_through(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT through FROM event_log_pruned").fetch_one(conn).await
}

/// Forgets entries logged before `before`; answers how many went.
pub async fn prune(conn: &mut PgConnection, before: DateTime<Utc>) -> sqlx::Result<u64> {
    sqlx::query_scalar(
        "WITH gone AS (DELETE FROM event_log WHERE logged_at < $1 RETURNING id), \
              marked AS (UPDATE event_log_pruned SET through = greatest(through, (SELECT max(id) FROM gone))) \
         SELECT count(*) FROM gone",
    )
    .bind(before)
    .fetch_one(conn)
    .await
    .map(|n: i64| n as u64)
}

/// Events after `after`, read from at most `entries` log entries.
#[derive(Debug, Default)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// The last entry read, whether or not it yielded events (a deleted
    /// article's yields none): the next page starts after it. None when no
    /// entry follows `after`.
    pub read_through: Option<i64>,
}

impl EventPage {
    /// Where to read on from.
    pub fn next(&self, after: EventId) -> EventId {
        self.read_through.map_or(after, EventId::after_entry)
    }
}

/// The events after `after`, in feed order.
pub async fn read_after(conn: &mut PgConnection, after: EventId, entries: i64) -> sqlx::Result<EventPage> {
    // The entry of `after` itself only when some of its events may follow.
    let first = if after == EventId::after_entry(after.log) { after.log.saturating_add(1) } else { after.log };
    let log: Vec<(i64, i64, DateTime<Utc>)> =
        sqlx::query_as("SELECT id, article_id, logged_at FROM event_log WHERE id >= $1 ORDER BY id LIMIT $2")
            .bind(first)
            .bind(entries)
            .fetch_all(&mut *conn)
            .await?;
    let Some(&(read_through, _, _)) = log.last() else {
        return Ok(EventPage::default());
    };
    let article_ids: Vec<i64> = log.iter().map(|&(_, article, _)| article).collect();
    let mut parts = ArticleParts::load(conn, &article_ids).await?;
    let events = log
        .into_iter()
        .flat_map(|(log, article_id, logged_at)| parts.events(log, article_id, logged_at))
        .filter(|event| event.id > after)
        .collect();
    Ok(EventPage { events, read_through: Some(read_through) })
}

/// The rows of a few articles that their events are made of.
struct ArticleParts {
    articles: HashMap<i64, ArticleRow>,
    meetings: HashMap<i64, Vec<MeetingRow>>,
    positions: HashMap<i64, Vec<PositionRow>>,
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    reported_on: NaiveDate,
    publisher_country: Option<String>,
    dateline_country: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    article_id: i64,
    meeting_id: i64,
    kind: String,
    date: Option<NaiveDate>,
    location: Option<String>,
    countries: Vec<String>,
    participants: Vec<String>,
    first_report: bool,
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    article_id: i64,
    id: i64,
    actor: String,
    actor_kind: String,
    topic: String,
    stance: String,
    grade: Option<String>,
    stated_on: NaiveDate,
    change: Option<String>,
    previous_stance: Option<String>,
    previous_grade: Option<String>,
}

impl ArticleParts {
    async fn load(conn: &mut PgConnection, article_ids: &[i64]) -> sqlx::Result<Self> {
        let articles: Vec<ArticleRow> = sqlx::query_as(
            "SELECT id, title, source, url, reported_on, publisher_country::text, dateline_country::text \
             FROM articles WHERE id = ANY($1)",
        )
        .bind(article_ids)
        .fetch_all(&mut *conn)
        .await?;
        // One row per meeting an article reports (two reports of one meeting in
        // one article are one event); "first" when no article before it reports it.
        let meetings: Vec<MeetingRow> = sqlx::query_as(
            "SELECT DISTINCT ON (r.article_id, r.meeting_id) r.article_id, r.meeting_id, m.kind, m.date, m.location, \
                    m.countries::text[] AS countries, \
                    ARRAY(SELECT ao.name FROM meeting_participants p JOIN article_officials ao ON ao.id = p.article_official_id \
                          WHERE p.report_id = r.id ORDER BY p.ord) AS participants, \
                    NOT EXISTS (SELECT 1 FROM meeting_reports o WHERE o.meeting_id = r.meeting_id AND o.article_id < r.article_id) \
                        AS first_report \
             FROM meeting_reports r JOIN meetings m ON m.id = r.meeting_id \
             WHERE r.article_id = ANY($1) ORDER BY r.article_id, r.meeting_id, r.ord",
        )
        .bind(article_ids)
        .fetch_all(&mut *conn)
        .await?;
        let positions: Vec<PositionRow> = sqlx::query_as(
            "SELECT article_id, id, actor, actor_kind, topic, stance, grade, stated_on, change, previous_stance, previous_grade \
             FROM positions WHERE article_id = ANY($1) ORDER BY article_id, ord",
        )
        .bind(article_ids)
        .fetch_all(&mut *conn)
        .await?;
        Ok(ArticleParts {
            articles: articles.into_iter().map(|a| (a.id, a)).collect(),
            meetings: group_by_article(meetings, |m| m.article_id),
            positions: group_by_article(positions, |p| p.article_id),
        })
    }

    /// One article's events: the article, its meetings, its positions, then
    /// the changes among them. None when the article is gone.
    fn events(&mut self, log: i64, article_id: i64, logged_at: DateTime<Utc>) -> Vec<Event> {
        let Some(article) = self.articles.remove(&article_id) else {
            return Vec::new();
        };
        let meetings = self.meetings.remove(&article_id).unwrap_or_default();
        let positions = self.positions.remove(&article_id).unwrap_or_default();
        let mut subjects = Vec::with_capacity(1 + meetings.len() + positions.len());
        subjects.push(article_subject(&article, &meetings, &positions));
        subjects.extend(meetings.into_iter().map(meeting_subject));
        let stored: Vec<(PositionStored, Option<CountryCode>)> = positions.into_iter().map(position_stored).collect();
        let described = |(p, state): &(PositionStored, Option<CountryCode>), subject| {
            (subject, state.iter().copied().collect(), vec![p.topic.clone()])
        };
        subjects.extend(stored.iter().map(|s| described(s, Subject::Position(s.0.clone()))));
        let changes = stored.iter().filter(|(p, _)| p.change.is_some());
        subjects.extend(changes.map(|s| described(s, Subject::PositionChange(s.0.clone()))));
        subjects
            .into_iter()
            .enumerate()
            .map(|(ord, (subject, countries, topics))| Event {
                id: EventId { log, ord: ord as i32 },
                logged_at,
                article_id,
                countries,
                topics,
                subject,
            })
            .collect()
    }
}

type Described = (Subject, Vec<CountryCode>, Vec<String>);

/// An article concerns the states of its publisher, its dateline, its meetings
/// and its positions, and the topics of its positions.
fn article_subject(article: &ArticleRow, meetings: &[MeetingRow], positions: &[PositionRow]) -> Described {
    let countries: BTreeSet<CountryCode> = [&article.publisher_country, &article.dateline_country]
        .into_iter()
        .flatten()
        .chain(meetings.iter().flat_map(|m| &m.countries))
        .chain(positions.iter().filter(|p| p.actor_kind == "state").map(|p| &p.actor))
        .filter_map(|code| CountryCode::parse(code).ok())
        .collect();
    let topics: BTreeSet<String> = positions.iter().map(|p| p.topic.clone()).collect();
    let subject = Subject::Article(ArticleStored {
        title: article.title.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        reported_on: article.reported_on,
        publisher_country: article.publisher_country.as_deref().and_then(|c| CountryCode::parse(c).ok()),
    });
    (subject, countries.into_iter().collect(), topics.into_iter().collect())
}

fn meeting_subject(row: MeetingRow) -> Described {
    let countries = row.countries.iter().filter_map(|c| CountryCode::parse(c).ok()).collect();
    let subject = Subject::Meeting(MeetingReported {
        meeting_id: row.meeting_id,
        kind: row.kind,
        date: row.date,
        location: row.location,
        participants: row.participants,
        first_report: row.first_report,
    });
    (subject, countries, Vec::new())
}

fn position_stored(row: PositionRow) -> (PositionStored, Option<CountryCode>) {
    let state = (row.actor_kind == "state").then(|| CountryCode::parse(&row.actor).ok()).flatten();
    let stance = |raw: &str| Stance::parse(raw).unwrap_or_else(|| panic!("stored stance `{raw}` is checked by the schema"));
    let stored = PositionStored {
        position_id: row.id,
        stance: stance(&row.stance),
        previous_stance: row.previous_stance.as_deref().map(stance),
        actor: row.actor,
        topic: row.topic,
        grade: row.grade,
        stated_on: row.stated_on,
        change: row.change,
        previous_grade: row.previous_grade,
    };
    (stored, state)
}

fn group_by_article<T>(rows: Vec<T>, article: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        grouped.entry(article(&row)).or_default().push(row);
    }
    grouped
}
