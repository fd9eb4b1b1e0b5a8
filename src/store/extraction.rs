//! An article's extraction as one unit: written all at once, read back whole.

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

/// Writes every derived row of one article. Run it inside the transaction that
/// wrote (or replaces) the article, so an article is never half-stored.
/// `seen_on` is the day the article's titles were current.
pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    extraction: &Extraction,
    seen_on: Option<NaiveDate>,
) -> sqlx::Result<ExtractionIds> {
    let officials = officials::insert(conn, article_id, &extraction.officials, seen_on).await?;
    let statements =
        statements::insert(conn, article_id, &extraction.statements, &officials.article_ids).await?;
    let meetings =
        meetings::insert(conn, article_id, &extraction.meetings, &officials.article_ids).await?;
    let positions = positions::insert(
        conn,
        article_id,
        &extraction.positions,
        &officials.article_ids,
        &statements,
    )
    .await?;
    Ok(ExtractionIds { officials: officials.person_ids, meetings, statements, positions })
}

/// Reads back what `insert` wrote (the dateline lives on the article row).
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
