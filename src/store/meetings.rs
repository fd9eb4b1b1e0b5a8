use sqlx::PgConnection;

use super::extraction::{index_of, span_columns};
use crate::domain::{CountryCode, DateRule, Meeting, MeetingKind, ResolvedDate, Span};

pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    meetings: &[Meeting],
    official_ids: &[i64],
) -> sqlx::Result<Vec<i64>> {
    if meetings.is_empty() {
        return Ok(vec![]);
    }
    let ords: Vec<i32> = (0..meetings.len() as i32).collect();
    let kinds: Vec<&str> = meetings.iter().map(|m| m.kind.as_str()).collect();
    let dates: Vec<_> = meetings.iter().map(|m| m.date.map(|d| d.date)).collect();
    let anchors: Vec<_> = meetings.iter().map(|m| m.date.and_then(|d| d.anchor)).collect();
    let rules: Vec<_> = meetings.iter().map(|m| m.date.map(|d| d.rule.as_str())).collect();
    let locations: Vec<_> = meetings.iter().map(|m| m.location.as_deref()).collect();
    let countries: Vec<_> = meetings.iter().map(|m| m.location_country.map(|c| c.to_string())).collect();
    let hosts: Vec<_> = meetings.iter().map(|m| m.host.map(|h| official_ids[h])).collect();
    let (starts, ends) = span_columns(meetings.iter().map(|m| m.span));
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO meetings (article_id, ord, kind, date, date_anchor, date_rule, location, location_country,
             host_id, span_start, span_end)
         SELECT $1, * FROM UNNEST($2::int[], $3::text[], $4::date[], $5::date[], $6::text[], $7::text[],
                                  $8::text[], $9::bigint[], $10::int[], $11::int[])
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(&ords)
    .bind(&kinds)
    .bind(&dates)
    .bind(&anchors)
    .bind(&rules)
    .bind(&locations)
    .bind(&countries)
    .bind(&hosts)
    .bind(&starts)
    .bind(&ends)
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    let ids: Vec<i64> = rows.into_iter().map(|(id, _)| id).collect();
    insert_participants(conn, meetings, &ids, official_ids).await?;
    Ok(ids)
}

async fn insert_participants(
    conn: &mut PgConnection,
    meetings: &[Meeting],
    meeting_ids: &[i64],
    official_ids: &[i64],
) -> sqlx::Result<()> {
    let (mut owners, mut officials, mut ords) = (vec![], vec![], vec![]);
    for (meeting, &meeting_id) in meetings.iter().zip(meeting_ids) {
        for (ord, &participant) in meeting.participants.iter().enumerate() {
            owners.push(meeting_id);
            officials.push(official_ids[participant]);
            ords.push(ord as i32);
        }
    }
    sqlx::query(
        "INSERT INTO meeting_participants (meeting_id, article_official_id, ord)
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::int[])
         ON CONFLICT DO NOTHING",
    )
    .bind(&owners)
    .bind(&officials)
    .bind(&ords)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    kind: String,
    date: Option<chrono::NaiveDate>,
    date_anchor: Option<chrono::NaiveDate>,
    date_rule: Option<String>,
    location: Option<String>,
    location_country: Option<String>,
    host_id: Option<i64>,
    span_start: i32,
    span_end: i32,
}

pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
) -> sqlx::Result<(Vec<Meeting>, Vec<i64>)> {
    let rows: Vec<MeetingRow> = sqlx::query_as(
        "SELECT id, kind, date, date_anchor, date_rule, location, location_country::text AS location_country,
                host_id, span_start, span_end
         FROM meetings WHERE article_id = $1 ORDER BY ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let participants: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT p.meeting_id, p.article_official_id FROM meeting_participants p
         JOIN meetings m ON m.id = p.meeting_id
         WHERE m.article_id = $1 ORDER BY p.meeting_id, p.ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut meetings: Vec<Meeting> = rows.into_iter().map(|r| meeting_from_row(r, official_ids)).collect();
    for (meeting_id, official) in participants {
        meetings[index_of(&ids, meeting_id)].participants.push(index_of(official_ids, official));
    }
    Ok((meetings, ids))
}

fn meeting_from_row(row: MeetingRow, official_ids: &[i64]) -> Meeting {
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
