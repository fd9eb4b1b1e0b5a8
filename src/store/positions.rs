//! Positions are stored as the guideline counts them, one per (article, actor,
//! topic, stance), with every stating statement as evidence. The domain keeps
//! one position per evidence; this module groups on the way in and ungroups
//! on the way out.

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::extraction::index_of;
use super::officials::OfficialIds;
use crate::domain::{Actor, CountryCode, Position, Span, Stance, TopicSlug};

/// Groups the article's positions; answers, index for index with `positions`,
/// the id of the stored position each one is evidence of.
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
    let groups = group(positions);
    let firsts: Vec<&Position> = groups.iter().map(|members| &positions[members[0]]).collect();
    let ords: Vec<i32> = (0..firsts.len() as i32).collect();
    let actors: Vec<&str> = firsts.iter().map(|p| p.actor.code()).collect();
    let actor_kinds: Vec<&str> = firsts.iter().map(|p| actor_kind(&p.actor)).collect();
    let topics: Vec<&str> = firsts.iter().map(|p| p.topic.as_str()).collect();
    let stances: Vec<&str> = firsts.iter().map(|p| p.stance.as_str()).collect();
    let speakers: Vec<Option<i64>> = firsts.iter().map(|p| p.speaker.map(|s| officials.article_ids[s])).collect();
    let persons: Vec<Option<i64>> = firsts.iter().map(|p| p.speaker.map(|s| officials.person_ids[s])).collect();
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO positions (article_id, stated_on, ord, actor, actor_kind, topic, stance, speaker_id, official_id)
         SELECT $1, $2, * FROM UNNEST($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                                      $9::bigint[])
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(stated_on)
    .bind(&ords)
    .bind(&actors)
    .bind(&actor_kinds)
    .bind(&topics)
    .bind(&stances)
    .bind(&speakers)
    .bind(&persons)
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    let group_ids: Vec<i64> = rows.into_iter().map(|(id, _)| id).collect();

    let mut position_of = vec![0; positions.len()];
    for (members, &id) in groups.iter().zip(&group_ids) {
        for &member in members {
            position_of[member] = id;
        }
    }
    insert_evidence(conn, positions, &position_of, officials, statement_ids).await?;
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
    positions: &[Position],
    position_of: &[i64],
    officials: &OfficialIds,
    statement_ids: &[i64],
) -> sqlx::Result<()> {
    let ords: Vec<i32> = (0..positions.len() as i32).collect();
    let statements: Vec<i64> = positions.iter().map(|p| statement_ids[p.statement]).collect();
    let speakers: Vec<Option<i64>> = positions.iter().map(|p| p.speaker.map(|s| officials.article_ids[s])).collect();
    let starts: Vec<i32> = positions.iter().map(|p| p.span.start as i32).collect();
    let ends: Vec<i32> = positions.iter().map(|p| p.span.end as i32).collect();
    sqlx::query(
        "INSERT INTO position_evidence (position_id, statement_id, ord, speaker_id, span_start, span_end)
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::int[], $6::int[])",
    )
    .bind(position_of)
    .bind(&statements)
    .bind(&ords)
    .bind(&speakers)
    .bind(&starts)
    .bind(&ends)
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

type EvidenceRow = (i64, i64, String, String, String, String, Option<i64>, i32, i32);

/// The article's positions, one per evidence as the domain has them, with the
/// id of the stored position each is evidence of.
pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
    statement_ids: &[i64],
) -> sqlx::Result<(Vec<Position>, Vec<i64>)> {
    let rows: Vec<EvidenceRow> = sqlx::query_as(
        "SELECT p.id, e.statement_id, p.actor, p.actor_kind, p.topic, p.stance, e.speaker_id, e.span_start, e.span_end
         FROM positions p JOIN position_evidence e ON e.position_id = p.id
         WHERE p.article_id = $1 ORDER BY e.ord",
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
