use chrono::NaiveDate;
use sqlx::PgConnection;

use super::extraction::{index_of, span_columns};
use super::officials::OfficialIds;
use crate::domain::{Actor, CountryCode, Position, Span, Stance, TopicSlug};

pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    positions: &[Position],
    officials: &OfficialIds,
    statement_ids: &[i64],
    stated_on: NaiveDate,
) -> sqlx::Result<Vec<i64>> {
    if positions.is_empty() {
        return Ok(vec![]);
    }
    let ords: Vec<i32> = (0..positions.len() as i32).collect();
    let statements: Vec<i64> = positions.iter().map(|p| statement_ids[p.statement]).collect();
    let actors: Vec<&str> = positions.iter().map(|p| p.actor.code()).collect();
    let actor_kinds: Vec<&str> = positions.iter().map(|p| actor_kind(&p.actor)).collect();
    let topics: Vec<&str> = positions.iter().map(|p| p.topic.as_str()).collect();
    let stances: Vec<&str> = positions.iter().map(|p| p.stance.as_str()).collect();
    let speakers: Vec<Option<i64>> = positions.iter().map(|p| p.speaker.map(|s| officials.article_ids[s])).collect();
    let persons: Vec<Option<i64>> = positions.iter().map(|p| p.speaker.map(|s| officials.person_ids[s])).collect();
    let (starts, ends) = span_columns(positions.iter().map(|p| p.span));
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO positions (article_id, stated_on, ord, statement_id, actor, actor_kind, topic, stance,
             speaker_id, official_id, span_start, span_end)
         SELECT $1, $2, * FROM UNNEST($3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                                      $9::bigint[], $10::bigint[], $11::int[], $12::int[])
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(stated_on)
    .bind(&ords)
    .bind(&statements)
    .bind(&actors)
    .bind(&actor_kinds)
    .bind(&topics)
    .bind(&stances)
    .bind(&speakers)
    .bind(&persons)
    .bind(&starts)
    .bind(&ends)
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

fn actor_kind(actor: &Actor) -> &'static str {
    match actor {
        Actor::State(_) => "state",
        Actor::Org(_) => "org",
    }
}

type PositionRow = (i64, i64, String, String, String, String, Option<i64>, i32, i32);

pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
    statement_ids: &[i64],
) -> sqlx::Result<(Vec<Position>, Vec<i64>)> {
    let rows: Vec<PositionRow> = sqlx::query_as(
        "SELECT id, statement_id, actor, actor_kind, topic, stance, speaker_id, span_start, span_end
         FROM positions WHERE article_id = $1 ORDER BY ord",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut positions = Vec::with_capacity(rows.len());
    for (id, statement, actor, kind, topic, stance, speaker, start, end) in rows {
        let actor = match kind.as_str() {
            "state" => Actor::State(CountryCode::parse(&actor).expect("stored actor codes are valid")),
            _ => Actor::Org(actor),
        };
        ids.push(id);
        positions.push(Position {
            actor,
            topic: TopicSlug::parse(&topic).expect("the topics table checks slugs"),
            stance: Stance::parse(&stance).expect("the stance column is checked"),
            speaker: speaker.map(|s| index_of(official_ids, s)),
            statement: index_of(statement_ids, statement),
            span: Span::new(start as usize, end as usize),
        });
    }
    Ok((positions, ids))
}
