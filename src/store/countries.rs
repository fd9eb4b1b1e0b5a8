use sqlx::PgConnection;

use chrono::NaiveDate;

use crate::domain::{CountryCode, COUNTRIES};

/// Makes the countries table match the gazetteer compiled into this binary.
pub async fn upsert_gazetteer(conn: &mut PgConnection) -> sqlx::Result<()> {
    let join = |list: &[String]| list.join("\u{1f}");
    let (mut codes, mut names, mut aliases, mut adjectives, mut demonyms, mut capitals) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for c in COUNTRIES.iter() {
        codes.push(c.code.to_string());
        names.push(c.name.clone());
        aliases.push(join(&c.aliases));
        adjectives.push(join(&c.adjectives));
        demonyms.push(join(&c.demonyms));
        capitals.push(c.capital.clone());
    }
    // Lists travel as unit-separator-joined strings because PostgreSQL cannot
    // UNNEST a ragged two-dimensional array.
    sqlx::query(
        "INSERT INTO countries (code, name, aliases, adjectives, demonyms, capital)
         SELECT code, name,
                array_remove(string_to_array(aliases, E'\\x1f'), ''),
                array_remove(string_to_array(adjectives, E'\\x1f'), ''),
                array_remove(string_to_array(demonyms, E'\\x1f'), ''),
                capital
         FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS t(code, name, aliases, adjectives, demonyms, capital)
         ON CONFLICT (code) DO UPDATE SET
             name = EXCLUDED.name, aliases = EXCLUDED.aliases, adjectives = EXCLUDED.adjectives,
             demonyms = EXCLUDED.demonyms, capital = EXCLUDED.capital",
    )
    .bind(codes)
    .bind(names)
    .bind(aliases)
    .bind(adjectives)
    .bind(demonyms)
    .bind(capitals)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct CountryRow {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
}

const COLUMNS: &str = "code::text AS code, name, aliases, adjectives, demonyms, capital";

/// Countries by code, after the code `after`.
pub async fn page(conn: &mut PgConnection, after: Option<&str>, limit: i64) -> sqlx::Result<Vec<CountryRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM countries WHERE $1::text IS NULL OR code > $1 ORDER BY code LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, code: CountryCode) -> sqlx::Result<Option<CountryRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM countries WHERE code = $1::bpchar"))
        .bind(code.as_str())
        .fetch_optional(conn)
        .await
}

/// What Readout holds about one state.
#[derive(Debug, sqlx::FromRow)]
pub struct CountryTally {
    pub officials: i64,
    pub statements: i64,
    pub positions: i64,
    pub meetings: i64,
}

/// Counts from the rollups kept at write time (meetings: one per state
/// involved, as `count_meetings` keeps them), so none grows with the archive.
pub async fn tally(conn: &mut PgConnection, code: CountryCode) -> sqlx::Result<CountryTally> {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM officials WHERE country = $1::bpchar) AS officials,
                (SELECT coalesce(sum(n), 0) FROM statement_totals WHERE country = $1::bpchar)::bigint AS statements,
                (SELECT coalesce(sum(n), 0) FROM position_totals WHERE actor = $1)::bigint AS positions,
                (SELECT coalesce(sum(n), 0) FROM meeting_country_totals WHERE country = $1::bpchar)::bigint AS meetings",
    )
    .bind(code.as_str())
    .fetch_one(conn)
    .await
}

/// Where one actor stands on one topic, across all articles.
#[derive(Debug, sqlx::FromRow)]
pub struct TopicStand {
    pub topic: String,
    pub support: i64,
    pub oppose: i64,
    /// Statements stating it (a position may rest on several).
    pub statements: i64,
    pub first_stated: NaiveDate,
    pub last_stated: NaiveDate,
    /// The stance of the latest position.
    pub current_stance: String,
    pub latest_position_id: i64,
    pub latest_article_id: i64,
    pub latest_statement_id: i64,
    pub latest_statement_text: String,
    /// The strongest grade stated (of a graded topic) and the day it was first stated.
    pub strongest_grade: Option<String>,
    pub strongest_grade_rank: Option<i16>,
    pub strongest_grade_on: Option<NaiveDate>,
    /// The grade of the latest graded position and its day.
    pub latest_grade: Option<String>,
    pub latest_grade_rank: Option<i16>,
    pub latest_grade_on: Option<NaiveDate>,
}

/// Per topic the actor took up: its current stance and how it got there.
/// `actor` is a state's code or an organisation's. Counts come from the
/// rollup; first, last and latest are index probes at either end of
/// (actor, topic, stated_on), so the cost does not grow with the actor's history;
/// grades the same on the partial indexes of graded positions.
pub async fn stands(conn: &mut PgConnection, actor: &str) -> sqlx::Result<Vec<TopicStand>> {
    sqlx::query_as(
        "SELECT t.topic, t.support, t.oppose, t.statements,
                (SELECT stated_on FROM positions WHERE actor = $1 AND topic = t.topic
                 ORDER BY stated_on, id LIMIT 1) AS first_stated,
                latest.stated_on AS last_stated,
                latest.stance AS current_stance, latest.id AS latest_position_id,
                latest.article_id AS latest_article_id, ev.statement_id AS latest_statement_id,
                s.text AS latest_statement_text,
                strongest.grade AS strongest_grade, strongest.grade_rank AS strongest_grade_rank,
                strongest.stated_on AS strongest_grade_on,
                latest_graded.grade AS latest_grade, latest_graded.grade_rank AS latest_grade_rank,
                latest_graded.stated_on AS latest_grade_on
         FROM (SELECT topic,
                      coalesce(sum(n) FILTER (WHERE stance = 'support'), 0)::bigint AS support,
                      coalesce(sum(n) FILTER (WHERE stance = 'oppose'), 0)::bigint AS oppose,
                      sum(evidence)::bigint AS statements
               FROM position_totals WHERE actor = $1 GROUP BY topic) t
         CROSS JOIN LATERAL (
             SELECT id, stance, article_id, stated_on FROM positions
             WHERE actor = $1 AND topic = t.topic ORDER BY stated_on DESC, id DESC LIMIT 1) latest
         CROSS JOIN LATERAL (
             SELECT statement_id FROM position_evidence WHERE position_id = latest.id ORDER BY ord LIMIT 1) ev
         JOIN statements s ON s.id = ev.statement_id
         LEFT JOIN LATERAL (
             SELECT grade, grade_rank, stated_on FROM positions
             WHERE actor = $1 AND topic = t.topic AND grade IS NOT NULL
             ORDER BY grade_rank DESC, stated_on, id LIMIT 1) strongest ON true
         LEFT JOIN LATERAL (
             SELECT grade, grade_rank, stated_on FROM positions
             WHERE actor = $1 AND topic = t.topic AND grade IS NOT NULL
             ORDER BY stated_on DESC, id DESC LIMIT 1) latest_graded ON true
         ORDER BY t.topic",
    )
    .bind(actor)
    .fetch_all(conn)
    .await
}
