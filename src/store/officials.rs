use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::extraction::{index_of, span_columns};
use crate::domain::{name_key, CountryCode, Mention, MentionKind, Official, Span, TitleMention};

/// Ids of one article's officials, index for index with its extraction.
pub struct OfficialIds {
    /// `article_officials.id`: what the article's other rows reference.
    pub article_ids: Vec<i64>,
    /// `officials.id`: the person across articles.
    pub person_ids: Vec<i64>,
}

pub struct LoadedOfficials {
    pub officials: Vec<Official>,
    pub article_ids: Vec<i64>,
    pub person_ids: Vec<i64>,
}

type Identity = (String, Option<String>, Option<String>);

fn identity(official: &Official) -> Identity {
    (name_key(&official.name), official.country.map(|c| c.to_string()), official.org.clone())
}

pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    officials: &[Official],
    seen_on: NaiveDate,
) -> sqlx::Result<OfficialIds> {
    if officials.is_empty() {
        return Ok(OfficialIds { article_ids: vec![], person_ids: vec![] });
    }
    let persons = upsert_persons(conn, officials).await?;
    let person_ids: Vec<i64> = officials.iter().map(|o| persons[&identity(o)]).collect();
    let mentions: Vec<String> = officials.iter().map(|o| mentions_json(&o.mentions)).collect();
    let names: Vec<&str> = officials.iter().map(|o| o.name.as_str()).collect();
    let ords: Vec<i32> = (0..officials.len() as i32).collect();
    let mut rows: Vec<(i64, i32)> = sqlx::query_as(
        "INSERT INTO article_officials (article_id, official_id, ord, name, mentions)
         SELECT $1, official_id, ord, name, mentions::jsonb
         FROM UNNEST($2::bigint[], $3::int[], $4::text[], $5::text[]) AS t(official_id, ord, name, mentions)
         RETURNING id, ord",
    )
    .bind(article_id)
    .bind(&person_ids)
    .bind(&ords)
    .bind(&names)
    .bind(&mentions)
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|&(_, ord)| ord);
    let article_ids: Vec<i64> = rows.into_iter().map(|(id, _)| id).collect();
    insert_titles(conn, article_id, officials, &article_ids, &person_ids, seen_on).await?;
    Ok(OfficialIds { article_ids, person_ids })
}

/// Finds or creates the person behind each official.
async fn upsert_persons(
    conn: &mut PgConnection,
    officials: &[Official],
) -> sqlx::Result<HashMap<Identity, i64>> {
    // One row per identity: ON CONFLICT may not touch a row twice in one statement.
    let mut unique: HashMap<Identity, &str> = HashMap::new();
    for official in officials {
        unique.entry(identity(official)).or_insert(&official.name);
    }
    let (mut keys, mut countries, mut orgs, mut names) = (vec![], vec![], vec![], vec![]);
    for ((key, country, org), name) in &unique {
        keys.push(key.as_str());
        countries.push(country.as_deref());
        orgs.push(org.as_deref());
        names.push(*name);
    }
    // DO UPDATE (a no-op) rather than DO NOTHING so existing rows are returned too.
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "INSERT INTO officials (name_key, country, org, name)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT ON CONSTRAINT officials_identity DO UPDATE SET name_key = EXCLUDED.name_key
         RETURNING id, name_key, country::text, org",
    )
    .bind(&keys)
    .bind(&countries)
    .bind(&orgs)
    .bind(&names)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id, key, country, org)| ((key, country, org), id)).collect())
}

async fn insert_titles(
    conn: &mut PgConnection,
    article_id: i64,
    officials: &[Official],
    article_ids: &[i64],
    person_ids: &[i64],
    seen_on: NaiveDate,
) -> sqlx::Result<()> {
    let (mut owners, mut persons, mut ords, mut titles, mut spans) = (vec![], vec![], vec![], vec![], vec![]);
    for (i, official) in officials.iter().enumerate() {
        for (ord, title) in official.titles.iter().enumerate() {
            owners.push(article_ids[i]);
            persons.push(person_ids[i]);
            ords.push(ord as i32);
            titles.push(title.title.as_str());
            spans.push(title.span);
        }
    }
    if titles.is_empty() {
        return Ok(());
    }
    let (starts, ends) = span_columns(spans.into_iter());
    sqlx::query(
        "INSERT INTO official_titles (article_id, seen_on, article_official_id, official_id, ord, title, span_start, span_end)
         SELECT $1, $2, * FROM UNNEST($3::bigint[], $4::bigint[], $5::int[], $6::text[], $7::int[], $8::int[])",
    )
    .bind(article_id)
    .bind(seen_on)
    .bind(&owners)
    .bind(&persons)
    .bind(&ords)
    .bind(&titles)
    .bind(&starts)
    .bind(&ends)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(serde::Serialize, serde::Deserialize)]
struct MentionJson {
    start: usize,
    end: usize,
    kind: String,
}

fn mentions_json(mentions: &[Mention]) -> String {
    let rows: Vec<MentionJson> = mentions
        .iter()
        .map(|m| MentionJson { start: m.span.start, end: m.span.end, kind: m.kind.as_str().into() })
        .collect();
    serde_json::to_string(&rows).expect("mentions serialise")
}

fn mentions_from_json(value: serde_json::Value) -> Vec<Mention> {
    let rows: Vec<MentionJson> = serde_json::from_value(value).unwrap_or_default();
    rows.into_iter()
        .filter_map(|m| {
            Some(Mention { span: Span::new(m.start, m.end), kind: MentionKind::parse(&m.kind)? })
        })
        .collect()
}

pub async fn load(conn: &mut PgConnection, article_id: i64) -> sqlx::Result<LoadedOfficials> {
    let rows: Vec<(i64, i64, String, Option<String>, Option<String>, serde_json::Value)> = sqlx::query_as(
        "SELECT ao.id, ao.official_id, ao.name, o.country::text, o.org, ao.mentions
         FROM article_officials ao JOIN officials o ON o.id = ao.official_id
         WHERE ao.article_id = $1 ORDER BY ao.ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let titles: Vec<(i64, String, i32, i32)> = sqlx::query_as(
        "SELECT article_official_id, title, span_start, span_end FROM official_titles
         WHERE article_id = $1 ORDER BY article_official_id, ord",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut loaded = LoadedOfficials { officials: vec![], article_ids: vec![], person_ids: vec![] };
    for (id, person_id, name, country, org, mentions) in rows {
        loaded.article_ids.push(id);
        loaded.person_ids.push(person_id);
        loaded.officials.push(Official {
            name,
            country: country.as_deref().and_then(|c| CountryCode::parse(c).ok()),
            org,
            titles: vec![],
            mentions: mentions_from_json(mentions),
        });
    }
    for (owner, title, start, end) in titles {
        let i = index_of(&loaded.article_ids, owner);
        loaded.officials[i]
            .titles
            .push(TitleMention { title, span: Span::new(start as usize, end as usize) });
    }
    Ok(loaded)
}

/// Deletes the people among `ids` that no article mentions any more.
pub async fn forget_unreferenced(conn: &mut PgConnection, ids: &[i64]) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM officials o WHERE o.id = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM article_officials x WHERE x.official_id = o.id)",
    )
    .bind(ids)
    .execute(conn)
    .await?;
    Ok(())
}
