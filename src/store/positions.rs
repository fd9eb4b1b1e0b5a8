//! Positions are stored as the guideline counts them, one per (article, actor,
//! topic, stance), with every stating statement as evidence. The domain keeps
//! one position per evidence; this module groups on the way in and ungroups
//! on the way out.

use chrono::NaiveDate;
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::extraction::{ids_by_position, ids_of, index_of, ArticleExtraction};
use super::officials::OfficialIds;
use super::statements::push_day_range;
use crate::domain::{strongest_grade, Actor, CountryCode, Position, PositionGrade, Span, Stance, TopicSlug};

/// Stores the positions of several articles, grouped per article; answers,
/// per article and index for index with its positions, the id of the stored
/// position each one is evidence of.
pub async fn insert_many(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    officials: &[OfficialIds],
    statements: &[Vec<i64>],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let groups: Vec<Vec<Vec<usize>>> = items.iter().map(|item| group(&item.extraction.positions)).collect();
    let (mut articles, mut days, mut ords, mut actors, mut actor_kinds) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut topics, mut stances, mut speakers, mut persons, mut evidence) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut grades, mut grade_ranks) = (vec![], vec![]);
    for ((item, ids), groups) in items.iter().zip(officials).zip(&groups) {
        for (ord, members) in groups.iter().enumerate() {
            let first = &item.extraction.positions[members[0]];
            let grade = strongest_grade(members.iter().filter_map(|&m| item.extraction.positions[m].grade.as_ref()), |g| i32::from(g.rank));
            grades.push(grade.map(|g| g.slug.as_str()));
            grade_ranks.push(grade.map(|g| i16::from(g.rank)));
            articles.push(item.article_id);
            days.push(item.day);
            ords.push(ord as i32);
            actors.push(first.actor.code());
            actor_kinds.push(actor_kind(&first.actor));
            topics.push(first.topic.as_str());
            stances.push(first.stance.as_str());
            speakers.push(first.speaker.map(|s| ids.article_ids[s]));
            persons.push(first.speaker.map(|s| ids.person_ids[s]));
            evidence.push(members.len() as i32);
        }
    }
    let rows: Vec<(i64, i64, i32)> = sqlx::query_as(
        "INSERT INTO positions (article_id, stated_on, ord, actor, actor_kind, topic, stance, speaker_id, official_id,
             evidence, grade, grade_rank)
         SELECT * FROM UNNEST($1::bigint[], $2::date[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::bigint[], $9::bigint[], $10::int[], $11::text[], $12::smallint[])
         RETURNING id, article_id, ord",
    )
    .bind(&articles)
    .bind(&days)
    .bind(&ords)
    .bind(&actors)
    .bind(&actor_kinds)
    .bind(&topics)
    .bind(&stances)
    .bind(&speakers)
    .bind(&persons)
    .bind(&evidence)
    .bind(&grades)
    .bind(&grade_ranks)
    .fetch_all(&mut *conn)
    .await?;
    let by_position = ids_by_position(rows);
    let position_of: Vec<Vec<i64>> = items
        .iter()
        .zip(&groups)
        .map(|(item, groups)| {
            let group_ids = ids_of(&by_position, item.article_id, groups.len());
            let mut of = vec![0; item.extraction.positions.len()];
            for (members, &id) in groups.iter().zip(&group_ids) {
                for &member in members {
                    of[member] = id;
                }
            }
            of
        })
        .collect();
    insert_evidence(conn, items, &position_of, officials, statements).await?;
    Ok(position_of)
}

/// Indices of `positions` grouped by (actor, topic, stance), groups in order of first appearance.
fn group(positions: &[Position]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, p) in positions.iter().enumerate() {
        let same = |g: &&mut Vec<usize>| {
            let first = &positions[g[0]];
            first.actor == p.actor && first.topic == p.topic && first.stance == p.stance
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

async fn insert_evidence(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    position_of: &[Vec<i64>],
    officials: &[OfficialIds],
    statements: &[Vec<i64>],
) -> sqlx::Result<()> {
    let (mut owners, mut statement_ids, mut ords, mut speakers, mut starts, mut ends) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut grades, mut ranks, mut grade_starts, mut grade_ends) = (vec![], vec![], vec![], vec![]);
    for (i, item) in items.iter().enumerate() {
        for (ord, p) in item.extraction.positions.iter().enumerate() {
            owners.push(position_of[i][ord]);
            statement_ids.push(statements[i][p.statement]);
            ords.push(ord as i32);
            speakers.push(p.speaker.map(|s| officials[i].article_ids[s]));
            starts.push(p.span.start as i32);
            ends.push(p.span.end as i32);
            grades.push(p.grade.as_ref().map(|g| g.slug.as_str()));
            ranks.push(p.grade.as_ref().map(|g| i16::from(g.rank)));
            grade_starts.push(p.grade.as_ref().map(|g| g.span.start as i32));
            grade_ends.push(p.grade.as_ref().map(|g| g.span.end as i32));
        }
    }
    sqlx::query(
        "INSERT INTO position_evidence (position_id, statement_id, ord, speaker_id, span_start, span_end,
             grade, grade_rank, grade_start, grade_end)
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::int[], $6::int[],
                              $7::text[], $8::smallint[], $9::int[], $10::int[])",
    )
    .bind(&owners)
    .bind(&statement_ids)
    .bind(&ords)
    .bind(&speakers)
    .bind(&starts)
    .bind(&ends)
    .bind(&grades)
    .bind(&ranks)
    .bind(&grade_starts)
    .bind(&grade_ends)
    .execute(conn)
    .await?;
    Ok(())
}

fn actor_kind(actor: &Actor) -> &'static str {
    match actor {
        Actor::State(_) => "state",
        Actor::Org(_) => "org",
    }
}

#[derive(sqlx::FromRow)]
struct ExtractedRow {
    id: i64,
    statement_id: i64,
    actor: String,
    actor_kind: String,
    topic: String,
    stance: String,
    speaker_id: Option<i64>,
    span_start: i32,
    span_end: i32,
    grade: Option<String>,
    grade_rank: Option<i16>,
    grade_start: Option<i32>,
    grade_end: Option<i32>,
}

/// The article's positions, one per evidence as the domain has them, with the
/// id of the stored position each is evidence of.
pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
    statement_ids: &[i64],
) -> sqlx::Result<(Vec<Position>, Vec<i64>)> {
    let rows: Vec<ExtractedRow> = sqlx::query_as(
        "SELECT p.id, e.statement_id, p.actor, p.actor_kind, p.topic, p.stance, e.speaker_id, e.span_start, e.span_end,
                e.grade, e.grade_rank, e.grade_start, e.grade_end
         FROM positions p JOIN position_evidence e ON e.position_id = p.id
         WHERE p.article_id = $1 ORDER BY e.ord",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut positions = Vec::with_capacity(rows.len());
    for row in rows {
        let actor = match row.actor_kind.as_str() {
            "state" => Actor::State(CountryCode::parse(&row.actor).expect("stored actor codes are valid")),
            _ => Actor::Org(row.actor),
        };
        let grade = match (row.grade, row.grade_rank, row.grade_start, row.grade_end) {
            (Some(slug), Some(rank), Some(start), Some(end)) => Some(PositionGrade {
                rank: rank as u8,
                slug: TopicSlug::parse(&slug).expect("grades are stored as the topic named them"),
                span: Span::new(start as usize, end as usize),
            }),
            _ => None,
        };
        ids.push(row.id);
        positions.push(Position {
            actor,
            topic: TopicSlug::parse(&row.topic).expect("the topics table checks slugs"),
            stance: Stance::parse(&row.stance).expect("the stance column is checked"),
            speaker: row.speaker_id.map(|s| index_of(official_ids, s)),
            statement: index_of(statement_ids, row.statement_id),
            span: Span::new(row.span_start as usize, row.span_end as usize),
            grade,
        });
    }
    Ok((positions, ids))
}

/// Which positions to list; every field narrows the list.
#[derive(Debug, Default)]
pub struct PositionFilter {
    /// A state's code or an organisation's.
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub stance: Option<Stance>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub speaker: Option<i64>,
    pub article: Option<i64>,
    /// A grade's slug (of any topic that has it).
    pub grade: Option<String>,
}

/// A statement that states a position.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct EvidenceRow {
    pub statement_id: i64,
    pub text: String,
    pub start: i32,
    pub end: i32,
    pub grade: Option<String>,
    pub grade_rank: Option<i32>,
    pub grade_start: Option<i32>,
    pub grade_end: Option<i32>,
    pub wording: Option<String>,
}

/// A position with its article, speaker and evidence, for lists across articles.
#[derive(Debug, sqlx::FromRow)]
pub struct PositionRow {
    pub id: i64,
    pub article_id: i64,
    pub article_title: Option<String>,
    pub article_opening: Option<String>,
    pub article_source: Option<String>,
    pub article_url: Option<String>,
    pub actor: String,
    pub actor_kind: String,
    pub topic: String,
    pub stance: String,
    pub official_id: Option<i64>,
    pub speaker_name: Option<String>,
    pub stated_on: NaiveDate,
    pub evidence: sqlx::types::Json<Vec<EvidenceRow>>,
}

/// The speaker's name is a subquery, as in a statement page: read for the
/// page's rows only, never by hashing all officials.
const POSITION_COLUMNS: &str = concat!("p.id, p.article_id, a.title AS article_title,
    ", article_opening!(), ", a.source AS article_source,
    a.url AS article_url, p.actor, p.actor_kind, p.topic, p.stance, p.official_id,
    (SELECT o.name FROM officials o WHERE o.id = p.official_id) AS speaker_name, p.stated_on,
    (SELECT json_agg(json_build_object('statement_id', e.statement_id, 'text', s.text,
                                       'start', e.span_start, 'end', e.span_end,
                                       'grade', e.grade, 'grade_rank', e.grade_rank,
                                       'grade_start', e.grade_start, 'grade_end', e.grade_end,
                                       'wording', substr(s.text, e.grade_start - s.span_start + 1, e.grade_end - e.grade_start))
                      ORDER BY e.ord)
     FROM position_evidence e JOIN statements s ON s.id = e.statement_id WHERE e.position_id = p.id) AS evidence");

/// Newest first, after the (day, id) `after`.
pub async fn page(
    conn: &mut PgConnection,
    filter: &PositionFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<PositionRow>> {
    let mut sql = QueryBuilder::<Postgres>::new(format!(
        "SELECT {POSITION_COLUMNS} FROM positions p JOIN articles a ON a.id = p.article_id WHERE true"
    ));
    push_filter_and_page(&mut sql, filter, after, limit);
    sql.build_query_as().fetch_all(conn).await
}

/// The filter's conditions, then newest first after the (day, id) `after`.
fn push_filter_and_page(
    sql: &mut QueryBuilder<'_, Postgres>,
    filter: &PositionFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) {
    if let Some(actor) = &filter.actor {
        sql.push(" AND p.actor = ").push_bind(actor.clone());
    }
    if let Some(topic) = &filter.topic {
        sql.push(" AND p.topic = ").push_bind(topic.clone());
    }
    if let Some(stance) = filter.stance {
        sql.push(" AND p.stance = ").push_bind(stance.as_str());
    }
    if let Some(grade) = &filter.grade {
        sql.push(" AND p.grade = ").push_bind(grade.clone());
    }
    if let Some(speaker) = filter.speaker {
        sql.push(" AND p.official_id = ").push_bind(speaker);
    }
    if let Some(article) = filter.article {
        sql.push(" AND p.article_id = ").push_bind(article);
    }
    push_day_range(sql, "p.stated_on", filter.from, filter.to);
    if let Some((day, id)) = after {
        sql.push(" AND (p.stated_on, p.id) < (").push_bind(day).push(", ").push_bind(id).push(")");
    }
    sql.push(" ORDER BY p.stated_on DESC, p.id DESC LIMIT ").push_bind(limit);
}

/// A position that changed what was known of its actor: the first on its
/// topic, or a stance unlike the one before it.
#[derive(Debug, sqlx::FromRow)]
pub struct ChangeRow {
    #[sqlx(flatten)]
    pub position: PositionRow,
    /// `first_stated`, `reversal`, `grade_raised` or `grade_lowered`.
    pub change: String,
    pub previous_stance: Option<String>,
    pub previous_grade: Option<String>,
}

/// Changes stated on or after `since`, newest first, after the (day, id) `after`.
/// Each position's verdict is kept at write time (`count_new_articles` and a
/// delete trigger, migration 7), so this walks the partial index of changes.
pub async fn changes(
    conn: &mut PgConnection,
    since: NaiveDate,
    filter: &PositionFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<ChangeRow>> {
    let mut sql = QueryBuilder::<Postgres>::new(format!(
        "SELECT {POSITION_COLUMNS}, p.change, p.previous_stance, p.previous_grade
         FROM positions p JOIN articles a ON a.id = p.article_id
         WHERE p.change IS NOT NULL AND p.stated_on >= "
    ));
    sql.push_bind(since);
    push_filter_and_page(&mut sql, filter, after, limit);
    sql.build_query_as().fetch_all(conn).await
}
