use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::extraction::{ids_by_position, ids_of, index_of, span_columns, ArticleExtraction};
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

/// Stores the officials of several articles; answers their ids per article.
pub async fn insert_many(conn: &mut PgConnection, items: &[ArticleExtraction<'_>]) -> sqlx::Result<Vec<OfficialIds>> {
    let persons = upsert_persons(conn, items).await?;
    let (mut owners, mut person_ids, mut ords, mut names, mut mentions) = (vec![], vec![], vec![], vec![], vec![]);
    for item in items {
        for (ord, official) in item.extraction.officials.iter().enumerate() {
            owners.push(item.article_id);
            person_ids.push(persons[&identity(official)]);
            ords.push(ord as i32);
            names.push(official.name.as_str());
            mentions.push(mentions_json(&official.mentions));
        }
    }
    let rows: Vec<(i64, i64, i32)> = sqlx::query_as(
        "INSERT INTO article_officials (article_id, official_id, ord, name, mentions)
         SELECT article_id, official_id, ord, name, mentions::jsonb
         FROM UNNEST($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[])
              AS t(article_id, official_id, ord, name, mentions)
         RETURNING id, article_id, ord",
    )
    .bind(&owners)
    .bind(&person_ids)
    .bind(&ords)
    .bind(&names)
    .bind(&mentions)
    .fetch_all(&mut *conn)
    .await?;
    let by_position = ids_by_position(rows);
    let ids: Vec<OfficialIds> = items
        .iter()
        .map(|item| {
            let officials = &item.extraction.officials;
            OfficialIds {
                article_ids: ids_of(&by_position, item.article_id, officials.len()),
                person_ids: officials.iter().map(|o| persons[&identity(o)]).collect(),
            }
        })
        .collect();
    insert_titles(conn, items, &ids).await?;
    Ok(ids)
}

/// Finds or creates the person behind each official, counting each article
/// once in their tallies.
async fn upsert_persons(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
) -> sqlx::Result<HashMap<Identity, i64>> {
    // One row per identity: ON CONFLICT may not touch a row twice in one statement.
    struct Seen<'a> {
        name: &'a str,
        articles: HashSet<i64>,
        first: NaiveDate,
        last: NaiveDate,
    }
    let mut unique: HashMap<Identity, Seen> = HashMap::new();
    for item in items {
        for official in &item.extraction.officials {
            let seen = unique.entry(identity(official)).or_insert(Seen {
                name: &official.name,
                articles: HashSet::new(),
                first: item.day,
                last: item.day,
            });
            seen.articles.insert(item.article_id);
            seen.first = seen.first.min(item.day);
            seen.last = seen.last.max(item.day);
        }
    }
    if unique.is_empty() {
        return Ok(HashMap::new());
    }
    // Rows are locked in key order, so concurrent batches cannot deadlock on them.
    let mut unique: Vec<(Identity, Seen)> = unique.into_iter().collect();
    unique.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut keys, mut countries, mut orgs, mut names) = (vec![], vec![], vec![], vec![]);
    let (mut articles, mut firsts, mut lasts) = (vec![], vec![], vec![]);
    for ((key, country, org), seen) in &unique {
        keys.push(key.as_str());
        countries.push(country.as_deref());
        orgs.push(org.as_deref());
        names.push(seen.name);
        articles.push(seen.articles.len() as i32);
        firsts.push(seen.first);
        lasts.push(seen.last);
    }
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "INSERT INTO officials (name_key, country, org, name, articles, first_seen, last_seen)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::date[], $7::date[])
         ON CONFLICT ON CONSTRAINT officials_identity DO UPDATE SET
             articles = officials.articles + EXCLUDED.articles,
             first_seen = least(officials.first_seen, EXCLUDED.first_seen),
             last_seen = greatest(officials.last_seen, EXCLUDED.last_seen)
         RETURNING id, name_key, country::text, org",
    )
    .bind(&keys)
    .bind(&countries)
    .bind(&orgs)
    .bind(&names)
    .bind(&articles)
    .bind(&firsts)
    .bind(&lasts)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id, key, country, org)| ((key, country, org), id)).collect())
}

async fn insert_titles(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    ids: &[OfficialIds],
) -> sqlx::Result<()> {
    let (mut articles, mut days, mut owners, mut persons, mut ords, mut titles, mut spans) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    // The timeline counts an article once per (person, title).
    let mut timeline: HashMap<(i64, &str), (HashSet<i64>, NaiveDate, NaiveDate)> = HashMap::new();
    for (item, ids) in items.iter().zip(ids) {
        for (i, official) in item.extraction.officials.iter().enumerate() {
            for (ord, title) in official.titles.iter().enumerate() {
                articles.push(item.article_id);
                days.push(item.day);
                owners.push(ids.article_ids[i]);
                persons.push(ids.person_ids[i]);
                ords.push(ord as i32);
                titles.push(title.title.as_str());
                spans.push(title.span);
                let seen = timeline
                    .entry((ids.person_ids[i], title.title.as_str()))
                    .or_insert((HashSet::new(), item.day, item.day));
                seen.0.insert(item.article_id);
                seen.1 = seen.1.min(item.day);
                seen.2 = seen.2.max(item.day);
            }
        }
    }
    if titles.is_empty() {
        return Ok(());
    }
    let (starts, ends) = span_columns(spans.into_iter());
    sqlx::query(
        "INSERT INTO official_titles (article_id, seen_on, article_official_id, official_id, ord, title, span_start, span_end)
         SELECT * FROM UNNEST($1::bigint[], $2::date[], $3::bigint[], $4::bigint[], $5::int[], $6::text[], $7::int[], $8::int[])",
    )
    .bind(&articles)
    .bind(&days)
    .bind(&owners)
    .bind(&persons)
    .bind(&ords)
    .bind(&titles)
    .bind(&starts)
    .bind(&ends)
    .execute(&mut *conn)
    .await?;
    // Key order again: no deadlocks between concurrent batches.
    let mut timeline: Vec<_> = timeline.into_iter().collect();
    timeline.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut span_persons, mut span_titles, mut counts, mut firsts, mut lasts) = (vec![], vec![], vec![], vec![], vec![]);
    for ((person, title), (seen_in, first, last)) in &timeline {
        span_persons.push(*person);
        span_titles.push(*title);
        counts.push(seen_in.len() as i32);
        firsts.push(*first);
        lasts.push(*last);
    }
    sqlx::query(
        "INSERT INTO official_title_spans (official_id, title, articles, first_seen, last_seen)
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::int[], $4::date[], $5::date[])
         ON CONFLICT (official_id, title) DO UPDATE SET
             articles = official_title_spans.articles + EXCLUDED.articles,
             first_seen = least(official_title_spans.first_seen, EXCLUDED.first_seen),
             last_seen = greatest(official_title_spans.last_seen, EXCLUDED.last_seen)",
    )
    .bind(&span_persons)
    .bind(&span_titles)
    .bind(&counts)
    .bind(&firsts)
    .bind(&lasts)
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

/// (article official id, person id, name, country, org, mentions)
type LoadedRow = (i64, i64, String, Option<String>, Option<String>, serde_json::Value);

pub async fn load(conn: &mut PgConnection, article_id: i64) -> sqlx::Result<LoadedOfficials> {
    let rows: Vec<LoadedRow> = sqlx::query_as(
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

/// Recounts the tallies and titles timelines of the people among `ids` after
/// an article of theirs went, and deletes those no article mentions any more.
pub async fn refresh(conn: &mut PgConnection, ids: &[i64]) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "UPDATE officials o SET articles = s.articles, first_seen = s.first_seen, last_seen = s.last_seen
         FROM (SELECT x.official_id, count(*) AS articles, min(a.reported_on) AS first_seen,
                      max(a.reported_on) AS last_seen
               FROM article_officials x JOIN articles a ON a.id = x.article_id
               WHERE x.official_id = ANY($1) GROUP BY x.official_id) s
         WHERE o.id = s.official_id",
    )
    .bind(ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM official_title_spans WHERE official_id = ANY($1)")
        .bind(ids)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO official_title_spans (official_id, title, first_seen, last_seen, articles)
         SELECT official_id, title, min(seen_on), max(seen_on), count(DISTINCT article_id)
         FROM official_titles WHERE official_id = ANY($1) GROUP BY official_id, title",
    )
    .bind(ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM officials o WHERE o.id = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM article_officials x WHERE x.official_id = o.id)",
    )
    .bind(ids)
    .execute(conn)
    .await?;
    Ok(())
}

/// A person across articles, with their tallies and current titles.
#[derive(Debug, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub name_key: String,
    pub country: Option<String>,
    pub org: Option<String>,
    pub articles: i32,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Every title seen, the most recently seen first.
    pub titles: Vec<String>,
}

#[derive(Debug, Default)]
pub struct PersonFilter {
    pub country: Option<CountryCode>,
    /// Part of the name, in any case.
    pub name: Option<String>,
    /// A title they held, in any case.
    pub title: Option<String>,
}

const PERSON_COLUMNS: &str = "o.id, o.name, o.name_key, o.country::text AS country, o.org, o.articles,
    o.first_seen, o.last_seen,
    ARRAY(SELECT t.title FROM official_title_spans t WHERE t.official_id = o.id
          ORDER BY t.last_seen DESC, t.title) AS titles";

/// People in name order, after the (name key, id) `after`.
pub async fn page(
    conn: &mut PgConnection,
    filter: &PersonFilter,
    after: Option<&(String, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<PersonRow>> {
    // Holders of a title are walked in name order on their title spans'
    // index; everyone else on the officials' own.
    let (from, by_title, order_key, order_id) = match filter.title {
        Some(_) => (
            "official_title_spans t JOIN officials o ON o.id = t.official_id",
            "lower(t.title) = lower($3)",
            "t.name_key",
            "t.official_id",
        ),
        None => ("officials o", "$3::text IS NULL", "o.name_key", "o.id"),
    };
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM {from}
         WHERE ($1::text IS NULL OR o.country = $1::bpchar)
           AND ($2::text IS NULL OR o.name_key LIKE '%' || $2 || '%')
           AND {by_title}
           AND ($4::text IS NULL OR ({order_key}, {order_id}) > ($4, $5))
         ORDER BY {order_key}, {order_id}
         LIMIT $6"
    ))
    .bind(filter.country.map(|c| c.to_string()))
    .bind(filter.name.as_deref().map(name_key))
    .bind(filter.title.as_deref())
    .bind(after.map(|a| a.0.as_str()))
    .bind(after.map(|a| a.1))
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<PersonRow>> {
    sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM officials o WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct TitleSpanRow {
    pub title: String,
    pub first_seen: NaiveDate,
    pub last_seen: NaiveDate,
    pub articles: i32,
}

/// The person's titles, in the order they were first seen.
pub async fn timeline(conn: &mut PgConnection, id: i64) -> sqlx::Result<Vec<TitleSpanRow>> {
    sqlx::query_as(
        "SELECT title, first_seen, last_seen, articles FROM official_title_spans
         WHERE official_id = $1 ORDER BY first_seen, title",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct CounterpartRow {
    pub id: i64,
    pub name: String,
    pub country: Option<String>,
    pub meetings: i64,
    pub last_met: NaiveDate,
}

/// The people they met most, with how often and when last.
pub async fn counterparts(conn: &mut PgConnection, id: i64, limit: i64) -> sqlx::Result<Vec<CounterpartRow>> {
    sqlx::query_as(
        "SELECT o.id, o.name, o.country::text AS country, count(DISTINCT m.id) AS meetings, max(m.sort_on) AS last_met
         FROM meeting_participants mine
         JOIN meeting_participants theirs ON theirs.meeting_id = mine.meeting_id AND theirs.official_id <> mine.official_id
         JOIN meetings m ON m.id = mine.meeting_id
         JOIN officials o ON o.id = theirs.official_id
         WHERE mine.official_id = $1
         GROUP BY o.id
         ORDER BY meetings DESC, last_met DESC, o.id
         LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct PersonTally {
    pub statements: i64,
    pub meetings: i64,
    pub positions: i64,
}

pub async fn tally(conn: &mut PgConnection, id: i64) -> sqlx::Result<PersonTally> {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM statements WHERE official_id = $1) AS statements,
                (SELECT count(DISTINCT meeting_id) FROM meeting_participants WHERE official_id = $1) AS meetings,
                (SELECT count(*) FROM positions WHERE official_id = $1) AS positions",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}
