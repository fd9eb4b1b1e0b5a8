use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::PgArguments;
use sqlx::query::QueryAs;
use sqlx::{PgConnection, Postgres};

use crate::domain::{ArticleText, CountryCode, Dateline, Published, Span};

/// What a client sent, parsed.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub text: ArticleText,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<Published>,
}

/// An article's row with how much was extracted from it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRecord {
    pub id: i64,
    pub content_hash: Vec<u8>,
    /// Left out by listings, which never need it.
    pub text: Option<String>,
    pub text_chars: i32,
    /// An untitled article's first 400 characters, whose first line it is listed as
    /// (only read when there is no title: lists stay as lean as before).
    pub article_opening: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub published_at: Option<DateTime<Utc>>,
    /// The dateline, the publisher's state and the extractor version.
    #[sqlx(flatten)]
    pub read_as: ReadAs,
    pub reported_on: NaiveDate,
    pub ingested_at: DateTime<Utc>,
    pub officials: i64,
    pub meetings: i64,
    pub statements: i64,
    pub positions: i64,
}

impl ArticleRecord {
    /// The article's dateline, if it has one.
    pub fn dateline(&self) -> Option<Dateline> {
        self.read_as.dateline_columns.dateline()
    }
}

/// The columns an article's dateline is stored in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DatelineColumns {
    pub dateline_place: Option<String>,
    pub dateline_country: Option<String>,
    pub dateline_date: Option<NaiveDate>,
    pub dateline_agency: Option<String>,
    pub dateline_start: Option<i32>,
    pub dateline_end: Option<i32>,
}

impl DatelineColumns {
    /// The dateline as the domain knows it, rebuilt from its columns.
    pub fn dateline(&self) -> Option<Dateline> {
        let place = self.dateline_place.clone()?;
        Some(Dateline {
            place,
            country: self.dateline_country.as_deref().and_then(|c| CountryCode::parse(c).ok()),
            date: self.dateline_date,
            agency: self.dateline_agency.clone(),
            span: Span::new(
                self.dateline_start.unwrap_or(0) as usize,
                self.dateline_end.unwrap_or(0) as usize,
            ),
        })
    }
}

/// A macro, not a const, so that `concat!` can build the queries' column lists from it.
macro_rules! dateline_columns {
    () => {
        "a.dateline_place, a.dateline_country::text AS dateline_country, a.dateline_date, a.dateline_agency,
    a.dateline_start, a.dateline_end"
    };
}

const RECORD_COLUMNS: &str = concat!(
    "a.id, a.content_hash, a.title, a.url, a.source, a.published_on, a.published_at,
    length(a.text) AS text_chars, ",
    article_opening!(),
    ", ",
    dateline_columns!(),
    ", a.publisher_country::text AS publisher_country, a.reported_on, a.extractor_version, a.ingested_at,
    (SELECT count(*) FROM article_officials x WHERE x.article_id = a.id) AS officials,
    (SELECT count(*) FROM meeting_reports x WHERE x.article_id = a.id) AS meetings,
    (SELECT count(*) FROM statements x WHERE x.article_id = a.id) AS statements,
    (SELECT count(*) FROM positions x WHERE x.article_id = a.id) AS positions"
);

/// What an article's extraction is answered with besides its own rows: the
/// dateline and the publisher's state (stored on the article) and the version
/// that read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReadAs {
    pub extractor_version: String,
    pub publisher_country: Option<String>,
    #[sqlx(flatten)]
    pub dateline_columns: DatelineColumns,
}

/// What an article was read with: the extractor's version and the digest of
/// its topics. Either differing from the current extractor's makes it stale.
#[derive(Debug, Clone, Copy)]
pub struct ReadWith<'a> {
    pub version: &'a str,
    pub topics_digest: &'a str,
}

/// Inserts the article row unless the same text is stored already; `None` then.
/// Its publisher's state is left unknown (ingestion writes it with `insert_many`).
pub async fn insert(
    conn: &mut PgConnection,
    article: &NewArticle,
    dateline: Option<&Dateline>,
    reported_on: NaiveDate,
    read_with: ReadWith<'_>,
) -> sqlx::Result<Option<i64>> {
    let row = ArticleRow { article, dateline, reported_on, publisher: None };
    let inserted = insert_many(conn, &[row], read_with).await?;
    Ok(inserted.first().map(|(id, _)| *id))
}

pub async fn find_by_text(conn: &mut PgConnection, text: &ArticleText) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM articles WHERE content_hash = $1")
        .bind(text.content_hash().as_slice())
        .fetch_optional(conn)
        .await
}

/// One article with its text.
pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<ArticleRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS}, a.text FROM articles a WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// What an extraction is answered with from the article row. Not the text,
/// which can be long, nor its length and row counts (which read it or count
/// rows): an extraction answers none of them.
pub async fn read_as(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<ReadAs>> {
    sqlx::query_as(concat!("SELECT a.extractor_version, a.publisher_country::text AS publisher_country, ", dateline_columns!(), " FROM articles a WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Newest first; `before` is the id the previous page ended at.
pub async fn list(
    conn: &mut PgConnection,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<ArticleRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS}, NULL::text AS text FROM articles a
         WHERE $1::bigint IS NULL OR a.id < $1
         ORDER BY a.id DESC
         LIMIT $2"
    ))
    .bind(before)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Deletes the article and, by cascade, everything extracted from it; then
/// brings the resources it shared with other articles (people, meetings) up
/// to date. `false` when there was no such article.
pub async fn delete(conn: &mut PgConnection, id: i64) -> sqlx::Result<bool> {
    // The article's row before the shared rows, in the order every writer takes
    // them (a reprocess locks its articles, then the shared rows): the other
    // order deadlocks against a reprocess of this article.
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM articles WHERE id = $1 FOR UPDATE").bind(id).fetch_optional(&mut *conn).await?;
    if found.is_none() {
        return Ok(false);
    }
    // Cascading deletes update shared rows (rollups, verdicts) through triggers.
    super::lock_shared_rows(conn).await?;
    let shared = super::extraction::SharedRows::of_articles(conn, &[id]).await?;
    sqlx::query("DELETE FROM articles WHERE id = $1").bind(id).execute(&mut *conn).await?;
    shared.refresh(conn).await?;
    Ok(true)
}

/// An article to insert with what its extraction says of its dateline and day.
pub struct ArticleRow<'a> {
    pub article: &'a NewArticle,
    pub dateline: Option<&'a Dateline>,
    pub reported_on: NaiveDate,
    pub publisher: Option<CountryCode>,
}

/// Inserts many articles with one statement; answers the ids of those
/// inserted with their content hash. Texts stored already are skipped.
pub async fn insert_many(
    conn: &mut PgConnection,
    rows: &[ArticleRow<'_>],
    read_with: ReadWith<'_>,
) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    let hashes: Vec<Vec<u8>> = rows.iter().map(|r| r.article.text.content_hash().to_vec()).collect();
    let texts: Vec<&str> = rows.iter().map(|r| r.article.text.as_str()).collect();
    let titles: Vec<Option<&str>> = rows.iter().map(|r| r.article.title.as_deref()).collect();
    let urls: Vec<Option<&str>> = rows.iter().map(|r| r.article.url.as_deref()).collect();
    let sources: Vec<Option<&str>> = rows.iter().map(|r| r.article.source.as_deref()).collect();
    let days: Vec<Option<NaiveDate>> = rows.iter().map(|r| r.article.published.map(|p| p.day())).collect();
    let instants: Vec<Option<DateTime<Utc>>> =
        rows.iter().map(|r| r.article.published.and_then(|p| p.instant()).map(|i| i.with_timezone(&Utc))).collect();
    let read = ReadColumns::of(rows.iter().map(|r| (r.dateline, r.reported_on, r.publisher)));
    let query = sqlx::query_as(
        "INSERT INTO articles (content_hash, text, title, url, source, published_on, published_at,
             dateline_place, dateline_country, dateline_date, dateline_agency, dateline_start, dateline_end,
             reported_on, publisher_country, extractor_version, topics_digest)
         SELECT *, $16, $17 FROM UNNEST($1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                                   $7::timestamptz[], $8::text[], $9::text[], $10::date[], $11::text[], $12::int[],
                                   $13::int[], $14::date[], $15::text[])
         ON CONFLICT (content_hash) DO NOTHING
         RETURNING id, content_hash",
    )
    .bind(&hashes)
    .bind(&texts)
    .bind(&titles)
    .bind(&urls)
    .bind(&sources)
    .bind(&days)
    .bind(&instants);
    read.bind(query).bind(read_with.version).bind(read_with.topics_digest).fetch_all(conn).await
}

/// The ids of stored articles among these content hashes.
pub async fn find_by_hashes(conn: &mut PgConnection, hashes: &[Vec<u8>]) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    sqlx::query_as("SELECT id, content_hash FROM articles WHERE content_hash = ANY($1)")
        .bind(hashes)
        .fetch_all(conn)
        .await
}

/// The columns of an article row that its extraction decides, as arrays for UNNEST.
struct ReadColumns<'a> {
    places: Vec<Option<&'a str>>,
    countries: Vec<Option<String>>,
    dates: Vec<Option<NaiveDate>>,
    agencies: Vec<Option<&'a str>>,
    starts: Vec<Option<i32>>,
    ends: Vec<Option<i32>>,
    reported: Vec<NaiveDate>,
    publishers: Vec<Option<String>>,
}

impl<'a> ReadColumns<'a> {
    /// Binds the columns in their table order, after what `query` bound already.
    fn bind<'q, O>(&'q self, query: QueryAs<'q, Postgres, O, PgArguments>) -> QueryAs<'q, Postgres, O, PgArguments> {
        query
            .bind(&self.places)
            .bind(&self.countries)
            .bind(&self.dates)
            .bind(&self.agencies)
            .bind(&self.starts)
            .bind(&self.ends)
            .bind(&self.reported)
            .bind(&self.publishers)
    }

    fn of(rows: impl Iterator<Item = (Option<&'a Dateline>, NaiveDate, Option<CountryCode>)>) -> Self {
        let rows: Vec<_> = rows.collect();
        ReadColumns {
            places: rows.iter().map(|(d, _, _)| d.map(|d| d.place.as_str())).collect(),
            countries: rows.iter().map(|(d, _, _)| d.and_then(|d| d.country).map(|c| c.to_string())).collect(),
            dates: rows.iter().map(|(d, _, _)| d.and_then(|d| d.date)).collect(),
            agencies: rows.iter().map(|(d, _, _)| d.and_then(|d| d.agency.as_deref())).collect(),
            starts: rows.iter().map(|(d, _, _)| d.map(|d| d.span.start as i32)).collect(),
            ends: rows.iter().map(|(d, _, _)| d.map(|d| d.span.end as i32)).collect(),
            reported: rows.iter().map(|(_, day, _)| *day).collect(),
            publishers: rows.iter().map(|(_, _, p)| p.map(|c| c.to_string())).collect(),
        }
    }
}

/// A stored article as reprocessing needs it: what to read and what anchors it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredText {
    pub id: i64,
    pub text: String,
    pub published_on: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub ingested_at: DateTime<Utc>,
}

/// Which stored articles a reprocessing takes.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    One(i64),
    All,
    /// Those read by another extractor version or with other topics (or unknown ones).
    StaleFor(ReadWith<'a>),
}

const SELECTED: &str = "($1::bigint IS NULL OR id = $1)
    AND ($2::text IS NULL OR extractor_version <> $2 OR topics_digest IS DISTINCT FROM $3)";

fn selection_binds(selection: Selection<'_>) -> (Option<i64>, Option<&str>, Option<&str>) {
    match selection {
        Selection::One(id) => (Some(id), None, None),
        Selection::All => (None, None, None),
        Selection::StaleFor(read) => (None, Some(read.version), Some(read.topics_digest)),
    }
}

/// How many articles the selection holds, and the highest id among them: a
/// job takes the articles there are when it starts, not those stored after.
pub async fn count_selected(conn: &mut PgConnection, selection: Selection<'_>) -> sqlx::Result<(i64, Option<i64>)> {
    let (id, version, digest) = selection_binds(selection);
    sqlx::query_as(&format!("SELECT count(*), max(id) FROM articles WHERE {SELECTED}"))
        .bind(id)
        .bind(version)
        .bind(digest)
        .fetch_one(conn)
        .await
}

/// The next `limit` selected articles after id `after`, up to id `last`, in id order.
pub async fn next_selected(
    conn: &mut PgConnection,
    selection: Selection<'_>,
    after: i64,
    last: i64,
    limit: i64,
) -> sqlx::Result<Vec<StoredText>> {
    let (id, version, digest) = selection_binds(selection);
    sqlx::query_as(&format!(
        "SELECT id, text, published_on, source, url, ingested_at FROM articles
         WHERE {SELECTED} AND id > $4 AND id <= $5 ORDER BY id LIMIT $6"
    ))
    .bind(id)
    .bind(version)
    .bind(digest)
    .bind(after)
    .bind(last)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// A stored article's new reading: what its extraction says of its dateline and day.
pub struct Reread<'a> {
    pub id: i64,
    pub dateline: Option<&'a Dateline>,
    pub reported_on: NaiveDate,
    pub publisher: Option<CountryCode>,
}

/// Records a new reading of stored articles (dateline, day, what read them),
/// locking their rows until the transaction ends; answers the ids of those
/// still stored (others were deleted meanwhile).
pub async fn record_reread(
    conn: &mut PgConnection,
    rows: &[Reread<'_>],
    read_with: ReadWith<'_>,
) -> sqlx::Result<Vec<i64>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // Locked in id order first, so concurrent jobs over the same articles cannot deadlock.
    sqlx::query("SELECT id FROM articles WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .bind(&ids)
        .execute(&mut *conn)
        .await?;
    let read = ReadColumns::of(rows.iter().map(|r| (r.dateline, r.reported_on, r.publisher)));
    let query = sqlx::query_as(
        "UPDATE articles a SET dateline_place = t.place, dateline_country = t.country, dateline_date = t.date,
                dateline_agency = t.agency, dateline_start = t.start_at, dateline_end = t.end_at,
                reported_on = t.reported_on, publisher_country = t.publisher, extractor_version = $10, topics_digest = $11
         FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::date[], $5::text[], $6::int[], $7::int[], $8::date[],
                     $9::text[])
              AS t(id, place, country, date, agency, start_at, end_at, reported_on, publisher)
         WHERE a.id = t.id
         RETURNING a.id",
    )
    .bind(&ids);
    let updated: Vec<(i64,)> =
        read.bind(query).bind(read_with.version).bind(read_with.topics_digest).fetch_all(conn).await?;
    Ok(updated.into_iter().map(|(id,)| id).collect())
}
