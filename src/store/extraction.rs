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
/// `day` is the article's `reported_on`: when its titles were current and its
/// statements were made.
pub async fn insert(
    conn: &mut PgConnection,
    article_id: i64,
    extraction: &Extraction,
    day: NaiveDate,
) -> sqlx::Result<ExtractionIds> {
    let officials = officials::insert(conn, article_id, &extraction.officials, day).await?;
    let statements = statements::insert(conn, article_id, &extraction.statements, &extraction.officials, &officials, day).await?;
    let meetings = meetings::insert(conn, article_id, &extraction.meetings, &officials).await?;
    let positions =
        positions::insert(conn, article_id, &extraction.positions, &officials, &statements, day).await?;
    Ok(ExtractionIds { officials: officials.person_ids, meetings, statements, positions })
}

/// Rows an article shares with other articles: the people it names and the
/// meetings it reports. After its own rows go, these must be brought up to date.
pub struct SharedRows {
    officials: Vec<i64>,
    meetings: Vec<i64>,
}

impl SharedRows {
    pub async fn of_article(conn: &mut PgConnection, article_id: i64) -> sqlx::Result<Self> {
        let officials = sqlx::query_scalar(
            "SELECT DISTINCT official_id FROM article_officials WHERE article_id = $1",
        )
        .bind(article_id)
        .fetch_all(&mut *conn)
        .await?;
        let meetings = sqlx::query_scalar(
            "SELECT DISTINCT meeting_id FROM meeting_reports WHERE article_id = $1",
        )
        .bind(article_id)
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
