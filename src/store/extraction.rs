//! An article's extraction as one unit: written all at once, read back whole.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::{meetings, officials, positions, statements};
use crate::domain::Extraction;

/// The database ids of an extraction's parts, index for index. Officials carry
/// the id of the person across articles, the rest their own row ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractionIds {
    pub officials: Vec<i64>,
    pub meetings: Vec<i64>,
    pub statements: Vec<i64>,
    pub positions: Vec<i64>,
}

impl ExtractionIds {
    /// Ids for an extraction that is stored nowhere: 1-based positions in its lists.
    pub fn ordinal(extraction: &Extraction) -> Self {
        let seq = |n: usize| (1..=n as i64).collect();
        ExtractionIds {
            officials: seq(extraction.officials.len()),
            meetings: seq(extraction.meetings.len()),
            statements: seq(extraction.statements.len()),
            positions: seq(extraction.positions.len()),
        }
    }
}

/// One article's extraction, ready to store: `day` is the article's
/// `reported_on`, when its titles were current and its statements made.
#[derive(Debug, Clone, Copy)]
pub struct ArticleExtraction<'a> {
    pub article_id: i64,
    pub extraction: &'a Extraction,
    pub day: NaiveDate,
}

/// Writes every derived row of one article. Run it inside the transaction that
/// wrote (or replaces) the article, so an article is never half-stored.
pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    extraction: &Extraction,
    day: NaiveDate,
) -> sqlx::Result<ExtractionIds> {
    let mut ids = insert_many(conn, &[ArticleExtraction { article_id, extraction, day }]).await?;
    Ok(ids.pop().expect("one article in, one out"))
}

/// Writes the derived rows of several articles with one statement per table
/// (UNNEST of arrays), whatever the number of articles: how batches are fast.
pub async fn insert_many(conn: &mut PgConnection, items: &[ArticleExtraction<'_>]) -> sqlx::Result<Vec<ExtractionIds>> {
    let people = officials::find_or_create_people(conn, items.iter().flat_map(|item| &item.extraction.officials)).await?;
    insert_many_with_people(conn, items, &people).await
}

/// `insert_many` with the people behind the officials found already, by
/// `officials::find_or_create_people` (batch ingestion does it before its
/// transaction, committed). Should one of those people be removed meanwhile
/// (by a delete or a reprocess that left them with no articles), the
/// officials' foreign key fails this insert rather than store a dangling id.
pub async fn insert_many_with_people(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    people: &HashMap<officials::Identity, i64>,
) -> sqlx::Result<Vec<ExtractionIds>> {
    probe_by_key(conn).await?;
    // The articles' own rows first: concurrent batches write these side by side.
    let officials = officials::insert_many(conn, items, people).await?;
    let statements = statements::insert_many(conn, items, &officials).await?;
    let positions = positions::insert_many(conn, items, &officials, &statements).await?;
    // Then, one transaction at a time, the rows articles share.
    super::lock_shared_rows(conn).await?;
    let meetings = meetings::insert_many(conn, items, &officials).await?;
    let article_ids: Vec<i64> = items.iter().map(|item| item.article_id).collect();
    sqlx::query("SELECT count_new_articles($1)").bind(&article_ids).execute(&mut *conn).await?;
    officials::tally_people(conn, items, &officials).await?;
    let mut ids = Vec::with_capacity(items.len());
    for (((officials, statements), meetings), positions) in officials.into_iter().zip(statements).zip(meetings).zip(positions) {
        ids.push(ExtractionIds { officials: officials.person_ids, meetings, statements, positions });
    }
    Ok(ids)
}

/// Every join on the write path looks up a batch's own keys: a few thousand
/// index probes. Estimates for UNNEST inputs and for tables a bulk load just
/// grew are poor, and with them the planner hashed or merged whole tables
/// (all positions, all officials) on every batch, a cost that grew with the
/// archive. For the rest of the transaction joins are nested loops by index.
async fn probe_by_key(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)")
        .execute(conn)
        .await?;
    Ok(())
}

/// Replaces the derived rows of stored articles with new extractions. Run it
/// in one transaction with the articles' rows locked (`articles::record_reread`),
/// so readers see each article's old rows or its new ones, never a mix.
///
/// The people and meetings the articles shared with others are kept while the
/// new rows go in (the same person keeps their id; a meeting other articles
/// still report is joined again), then recomputed: tallies, titles, sources,
/// and those no article names any more are removed.
pub async fn replace_many(conn: &mut PgConnection, items: &[ArticleExtraction<'_>]) -> sqlx::Result<Vec<ExtractionIds>> {
    let article_ids: Vec<i64> = items.iter().map(|i| i.article_id).collect();
    // Deleting derived rows updates shared rows (rollups, verdicts) by trigger.
    super::lock_shared_rows(conn).await?;
    let shared = SharedRows::of_articles(conn, &article_ids).await?;
    delete_derived(conn, &article_ids).await?;
    let ids = insert_many(conn, items).await?;
    shared.refresh(conn).await?;
    Ok(ids)
}

/// Deletes every row extracted from these articles; evidence and meeting
/// participants go by cascade from their positions and reports, and the
/// rollups follow by trigger. References inside one article carry no cascade
/// (migration 0008), so each table with an `article_id` is named here.
async fn delete_derived(conn: &mut PgConnection, article_ids: &[i64]) -> sqlx::Result<()> {
    for table in ["positions", "statements", "meeting_reports", "official_titles", "article_officials"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE article_id = ANY($1)"))
            .bind(article_ids)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Maps rows a multi-article insert returned as (id, article, ord) by their position.
pub(super) fn ids_by_position(rows: Vec<(i64, i64, i32)>) -> HashMap<(i64, i32), i64> {
    rows.into_iter().map(|(id, article, ord)| ((article, ord), id)).collect()
}

/// The ids of one article's rows, in `ord` order.
pub(super) fn ids_of(by_position: &HashMap<(i64, i32), i64>, article_id: i64, count: usize) -> Vec<i64> {
    (0..count as i32).map(|ord| by_position[&(article_id, ord)]).collect()
}

/// Rows an article shares with other articles: the people it names and the
/// meetings it reports. After its own rows go, these must be brought up to date.
pub struct SharedRows {
    officials: Vec<i64>,
    meetings: Vec<i64>,
}

impl SharedRows {
    pub async fn of_articles(conn: &mut PgConnection, article_ids: &[i64]) -> sqlx::Result<Self> {
        let officials = sqlx::query_scalar(
            "SELECT DISTINCT official_id FROM article_officials WHERE article_id = ANY($1) ORDER BY 1",
        )
        .bind(article_ids)
        .fetch_all(&mut *conn)
        .await?;
        let meetings = sqlx::query_scalar(
            "SELECT DISTINCT meeting_id FROM meeting_reports WHERE article_id = ANY($1) ORDER BY 1",
        )
        .bind(article_ids)
        .fetch_all(&mut *conn)
        .await?;
        Ok(SharedRows { officials, meetings })
    }

    /// Forgets meetings and people no article reports any more, and recomputes
    /// the meetings other articles still report.
    pub async fn refresh(&self, conn: &mut PgConnection) -> sqlx::Result<()> {
        meetings::refresh(conn, &self.meetings).await?;
        officials::refresh(conn, &self.officials).await
    }
}

/// Reads back what `insert` wrote (the dateline and the publisher's state live
/// on the article row).
pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
) -> sqlx::Result<(Extraction, ExtractionIds)> {
    let officials = officials::load(conn, article_id).await?;
    let (statements, statement_ids) =
        statements::load(conn, article_id, &officials.article_ids).await?;
    let (meetings, meeting_ids) = meetings::load(conn, article_id, &officials.article_ids).await?;
    let (positions, position_ids) =
        positions::load(conn, article_id, &officials.article_ids, &statement_ids).await?;
    let extraction = Extraction {
        dateline: None,
        publisher: None,
        officials: officials.officials,
        meetings,
        statements,
        positions,
    };
    let ids = ExtractionIds {
        officials: officials.person_ids,
        meetings: meeting_ids,
        statements: statement_ids,
        positions: position_ids,
    };
    Ok((extraction, ids))
}

/// Position of `id` in `ids`: how rows that reference each other by id become
/// the indices the domain uses. Rows of one article only reference rows of the
/// same article, so a miss means a broken invariant.
pub(super) fn index_of(ids: &[i64], id: i64) -> usize {
    ids.iter()
        .position(|&x| x == id)
        .unwrap_or_else(|| panic!("row {id} references a row outside its article"))
}

/// Spans are stored as two integer columns.
pub(super) fn span_columns(spans: impl Iterator<Item = crate::domain::Span>) -> (Vec<i32>, Vec<i32>) {
    spans.map(|s| (s.start as i32, s.end as i32)).unzip()
}
