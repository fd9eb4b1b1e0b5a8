use chrono::NaiveDate;
use sqlx::PgConnection;

use super::extraction::{index_of, span_columns};
use super::officials::OfficialIds;
use crate::domain::{CountryCode, Official, Span, Speaker, Statement, StatementMode};

pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    statements: &[Statement],
    speakers: &[Official],
    officials: &OfficialIds,
    stated_on: NaiveDate,
) -> sqlx::Result<Vec<i64>> {
    if statements.is_empty() {
        return Ok(vec![]);
    }
    let (mut kinds, mut speaker_ids, mut persons, mut countries, mut joints) = (vec![], vec![], vec![], vec![], vec![]);
    for statement in statements {
        let (kind, official, country, joint) = speaker_columns(&statement.speaker, speakers);
        kinds.push(kind);
        speaker_ids.push(official.map(|i| officials.article_ids[i]));
        persons.push(official.map(|i| officials.person_ids[i]));
        countries.push(country);
        joints.push(joint);
    }
    let ords: Vec<i32> = (0..statements.len() as i32).collect();
    let texts: Vec<&str> = statements.iter().map(|s| s.text.as_str()).collect();
    let modes: Vec<&str> = statements.iter().map(|s| s.mode.as_str()).collect();
    let verbs: Vec<Option<&str>> = statements.iter().map(|s| s.verb.as_deref()).collect();
    let (starts, ends) = span_columns(statements.iter().map(|s| s.span));
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO statements (article_id, stated_on, ord, speaker_kind, speaker_id, official_id, country,
             joint_countries, text, span_start, span_end, mode, verb)
         SELECT $1, $2, ord, kind, speaker_id, official_id, country, string_to_array(joint, ','), text, span_start,
                span_end, mode, verb
         FROM UNNEST($3::int[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                     $10::int[], $11::int[], $12::text[], $13::text[])
              AS t(ord, kind, speaker_id, official_id, country, joint, text, span_start, span_end, mode, verb)
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(stated_on)
    .bind(&ords)
    .bind(&kinds)
    .bind(&speaker_ids)
    .bind(&persons)
    .bind(&countries)
    .bind(&joints)
    .bind(&texts)
    .bind(&starts)
    .bind(&ends)
    .bind(&modes)
    .bind(&verbs)
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

/// (kind, official index, state spoken for, comma-joined joint parties): how a speaker fits the columns.
fn speaker_columns(speaker: &Speaker, officials: &[Official]) -> (&'static str, Option<usize>, Option<String>, String) {
    match speaker {
        Speaker::Official(i) => ("official", Some(*i), officials[*i].country.map(|c| c.to_string()), String::new()),
        Speaker::State(code) => ("state", None, Some(code.to_string()), String::new()),
        Speaker::Joint(codes) => {
            let joined = codes.iter().map(CountryCode::to_string).collect::<Vec<_>>().join(",");
            ("joint", None, None, joined)
        }
    }
}

type StatementRow = (i64, String, Option<i64>, Option<String>, Vec<String>, String, i32, i32, String, Option<String>);

pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
) -> sqlx::Result<(Vec<Statement>, Vec<i64>)> {
    let rows: Vec<StatementRow> = sqlx::query_as(
        "SELECT id, speaker_kind, speaker_id, country::text, joint_countries::text[], text,
                span_start, span_end, mode, verb
         FROM statements WHERE article_id = $1 ORDER BY ord",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut statements = Vec::with_capacity(rows.len());
    for (id, kind, speaker_id, country, joint, text, start, end, mode, verb) in rows {
        let code = |c: &str| CountryCode::parse(c).expect("stored country codes are valid");
        let speaker = match (kind.as_str(), speaker_id, country) {
            ("official", Some(official), _) => Speaker::Official(index_of(official_ids, official)),
            ("state", _, Some(country)) => Speaker::State(code(&country)),
            _ => Speaker::Joint(joint.iter().map(|c| code(c)).collect()),
        };
        ids.push(id);
        statements.push(Statement {
            speaker,
            text,
            span: Span::new(start as usize, end as usize),
            mode: StatementMode::parse(&mode).unwrap_or(StatementMode::Reported),
            verb,
        });
    }
    Ok((statements, ids))
}
