use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::{PgConnection, Postgres, QueryBuilder};

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

/// A person across articles: name key, state, organisation.
pub type Identity = (String, Option<String>, Option<String>);

fn identity(official: &Official) -> Identity {
    (name_key(&official.name), official.country.map(|c| c.to_string()), official.org.clone())
}

/// Stores the officials of several articles, each tied to its person in
/// `persons` (from `find_or_create_people`); answers their ids per article.
pub async fn insert_many(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    persons: &HashMap<Identity, i64>,
) -> sqlx::Result<Vec<OfficialIds>> {
    // Each official's person, per article: its identity (a normalised name) computed once.
    let people: Vec<Vec<i64>> = items
        .iter()
        .map(|item| item.extraction.officials.iter().map(|o| persons[&identity(o)]).collect())
        .collect();
    let (mut owners, mut person_ids, mut ords, mut names, mut mentions) = (vec![], vec![], vec![], vec![], vec![]);
    for (item, people) in items.iter().zip(&people) {
        for ((ord, official), &person) in item.extraction.officials.iter().enumerate().zip(people) {
            owners.push(item.article_id);
            person_ids.push(person);
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
        .zip(people)
        .map(|(item, person_ids)| OfficialIds {
            article_ids: ids_of(&by_position, item.article_id, item.extraction.officials.len()),
            person_ids,
        })
        .collect();
    insert_titles(conn, items, &ids).await?;
    Ok(ids)
}

/// Finds or creates the person behind each official. Existing people are not
/// written here: their tallies move in `tally_people`, in the transaction's
/// shared-rows turn. Batch ingestion calls this on its own, committed, before
/// its transaction, so that concurrent batches naming the same new people do
/// not wait for each other's commit; a person whose article then fails to be
/// stored stays with no articles, and lists leave such people out.
pub async fn find_or_create_people<'a>(
    conn: &mut PgConnection,
    officials: impl Iterator<Item = &'a Official>,
) -> sqlx::Result<HashMap<Identity, i64>> {
    let mut names: HashMap<Identity, &str> = HashMap::new();
    for official in officials {
        names.entry(identity(official)).or_insert(&official.name);
    }
    // New rows are inserted in key order, so concurrent batches cannot deadlock on them.
    let mut unique: Vec<(Identity, &str)> = names.into_iter().collect();
    unique.sort_unstable();
    let mut found = HashMap::with_capacity(unique.len());
    insert_or_find_persons(&mut *conn, &unique, &mut found).await?;
    // A person another transaction created after this statement's snapshot
    // conflicts but is not visible to it; a second statement sees it.
    let missing: Vec<(Identity, &str)> = unique.into_iter().filter(|(key, _)| !found.contains_key(key)).collect();
    if !missing.is_empty() {
        insert_or_find_persons(conn, &missing, &mut found).await?;
    }
    Ok(found)
}

async fn insert_or_find_persons(
    conn: &mut PgConnection,
    people: &[(Identity, &str)],
    found: &mut HashMap<Identity, i64>,
) -> sqlx::Result<()> {
    let keys: Vec<&str> = people.iter().map(|((key, _, _), _)| key.as_str()).collect();
    let countries: Vec<Option<&str>> = people.iter().map(|((_, country, _), _)| country.as_deref()).collect();
    let orgs: Vec<Option<&str>> = people.iter().map(|((_, _, org), _)| org.as_deref()).collect();
    let names: Vec<&str> = people.iter().map(|(_, name)| *name).collect();
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "WITH wanted AS (
             SELECT * FROM UNNEST($1::text[], $2::bpchar[], $3::text[], $4::text[]) AS t(name_key, country, org, name)
         ),
         created AS (
             INSERT INTO officials (name_key, country, org, name)
             SELECT name_key, country, org, name FROM wanted
             ON CONFLICT ON CONSTRAINT officials_identity DO NOTHING
             RETURNING id, name_key, country, org
         )
         SELECT id, name_key, country::text, org FROM created
         UNION ALL
         SELECT o.id, o.name_key, o.country::text, o.org FROM wanted w
         -- One index probe per person: as a plain join the planner merged
         -- against every official, a cost that grew with the table.
         CROSS JOIN LATERAL (
             SELECT o.id, o.name_key, o.country, o.org FROM officials o
             WHERE o.name_key = w.name_key AND o.country IS NOT DISTINCT FROM w.country
               AND o.org IS NOT DISTINCT FROM w.org
             LIMIT 1
         ) o",
    )
    .bind(&keys)
    .bind(&countries)
    .bind(&orgs)
    .bind(&names)
    .fetch_all(conn)
    .await?;
    found.extend(rows.into_iter().map(|(id, key, country, org)| ((key, country, org), id)));
    Ok(())
}

/// Counts each article once in its people's tallies (articles, first and
/// last seen) and titles timelines. These rows are shared by every article
/// naming the person: run it in the transaction's shared-rows turn
/// (`store::lock_shared_rows`), late, as they stay locked until commit.
pub async fn tally_people(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    ids: &[OfficialIds],
) -> sqlx::Result<()> {
    let mut people: HashMap<i64, Seen> = HashMap::new();
    // Keyed by person and title; the person's name key goes with them.
    let mut titles: HashMap<(i64, &str), (String, Seen)> = HashMap::new();
    for (item, ids) in items.iter().zip(ids) {
        for (official, &person) in item.extraction.officials.iter().zip(&ids.person_ids) {
            people.entry(person).or_insert_with(|| Seen::new(item.day)).add(item);
            for title in &official.titles {
                titles
                    .entry((person, title.title.as_str()))
                    .or_insert_with(|| (name_key(&official.name), Seen::new(item.day)))
                    .1
                    .add(item);
            }
        }
    }
    let (persons, seen): (Vec<i64>, Vec<Seen>) = people.into_iter().unzip();
    let (articles, firsts, lasts) = Seen::columns(&seen);
    sqlx::query(
        "UPDATE officials o SET articles = o.articles + t.articles,
                first_seen = least(o.first_seen, t.first_seen),
                last_seen = greatest(o.last_seen, t.last_seen)
         FROM UNNEST($1::bigint[], $2::int[], $3::date[], $4::date[]) AS t(id, articles, first_seen, last_seen)
         WHERE o.id = t.id",
    )
    .bind(&persons)
    .bind(&articles)
    .bind(&firsts)
    .bind(&lasts)
    .execute(&mut *conn)
    .await?;
    let (keys, seen): (Vec<(i64, &str)>, Vec<(String, Seen)>) = titles.into_iter().unzip();
    let (persons, titles): (Vec<i64>, Vec<&str>) = keys.into_iter().unzip();
    let (name_keys, seen): (Vec<String>, Vec<Seen>) = seen.into_iter().unzip();
    let (articles, firsts, lasts) = Seen::columns(&seen);
    sqlx::query(
        "INSERT INTO official_title_spans (official_id, title, articles, first_seen, last_seen, name_key)
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::int[], $4::date[], $5::date[], $6::text[])
         ON CONFLICT (official_id, title) DO UPDATE SET
             articles = official_title_spans.articles + EXCLUDED.articles,
             first_seen = least(official_title_spans.first_seen, EXCLUDED.first_seen),
             last_seen = greatest(official_title_spans.last_seen, EXCLUDED.last_seen)",
    )
    .bind(&persons)
    .bind(&titles)
    .bind(&articles)
    .bind(&firsts)
    .bind(&lasts)
    .bind(&name_keys)
    .execute(conn)
    .await?;
    Ok(())
}

/// The articles a person (or one of their titles) was seen in, and when.
struct Seen {
    articles: HashSet<i64>,
    first: NaiveDate,
    last: NaiveDate,
}

impl Seen {
    fn new(day: NaiveDate) -> Self {
        Seen { articles: HashSet::new(), first: day, last: day }
    }

    fn add(&mut self, item: &ArticleExtraction<'_>) {
        self.articles.insert(item.article_id);
        self.first = self.first.min(item.day);
        self.last = self.last.max(item.day);
    }

    /// Article counts, first and last days, as UNNEST columns.
    fn columns(seen: &[Seen]) -> (Vec<i32>, Vec<NaiveDate>, Vec<NaiveDate>) {
        (
            seen.iter().map(|s| s.articles.len() as i32).collect(),
            seen.iter().map(|s| s.first).collect(),
            seen.iter().map(|s| s.last).collect(),
        )
    }
}

async fn insert_titles(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    ids: &[OfficialIds],
) -> sqlx::Result<()> {
    let (mut articles, mut days, mut owners, mut persons, mut ords, mut titles, mut spans) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
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

/// People in name order, after the (name key, id) `after`. Only the filters
/// given are written into the statement: a prepared statement is planned once
/// for every value of its parameters, and `$1 IS NULL OR o.country = $1` left
/// that plan no index to walk but a scan of every person.
pub async fn page(
    conn: &mut PgConnection,
    filter: &PersonFilter,
    after: Option<&(String, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<PersonRow>> {
    let mut sql = QueryBuilder::<Postgres>::new(format!("SELECT {PERSON_COLUMNS} FROM "));
    // Holders of a title are walked in name order on their title spans'
    // index; everyone else on the officials' own.
    let (order_key, order_id) = match &filter.title {
        Some(title) => {
            sql.push("official_title_spans t JOIN officials o ON o.id = t.official_id WHERE lower(t.title) = lower(")
                .push_bind(title.clone())
                .push(")");
            ("t.name_key", "t.official_id")
        }
        None => {
            sql.push("officials o WHERE true");
            ("o.name_key", "o.id")
        }
    };
    sql.push(" AND o.articles > 0");
    if let Some(country) = filter.country {
        sql.push(" AND o.country = ").push_bind(country.to_string()).push("::bpchar");
    }
    if let Some(name) = &filter.name {
        sql.push(" AND o.name_key LIKE '%' || ").push_bind(name_key(name)).push(" || '%'");
    }
    if let Some((key, id)) = after {
        sql.push(format!(" AND ({order_key}, {order_id}) > (")).push_bind(key.clone()).push(", ").push_bind(*id).push(")");
    }
    sql.push(format!(" ORDER BY {order_key}, {order_id} LIMIT ")).push_bind(limit);
    sql.build_query_as().fetch_all(conn).await
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
