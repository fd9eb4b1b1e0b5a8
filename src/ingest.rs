//! The ingestion use case: read an article and store it with everything
//! extracted from it, whole or not at all. Shared by the API and the CLI.

use chrono::Utc;
use sqlx::PgPool;

use crate::extract::{Extractor, EXTRACTOR_VERSION};
use crate::store::{self, articles::NewArticle};

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    Created(i64),
    /// The same text was stored already, under this id; nothing was written.
    Duplicate(i64),
}

impl Ingested {
    pub fn id(self) -> i64 {
        match self {
            Ingested::Created(id) | Ingested::Duplicate(id) => id,
        }
    }
}

/// Stores the article and its extraction in one transaction, unless its text
/// is stored already.
pub async fn ingest(pool: &PgPool, extractor: &Extractor, article: &NewArticle) -> sqlx::Result<Ingested> {
    let mut tx = pool.begin().await?;
    // Looking first spares the extraction for texts seen before.
    if let Some(id) = store::articles::find_by_text(&mut tx, &article.text).await? {
        return Ok(Ingested::Duplicate(id));
    }
    let published = article.published.map(|p| p.day());
    let extraction = extractor.extract(article.text.as_str(), published);
    let dateline = extraction.dateline.as_ref();
    let reported_on = dateline
        .and_then(|d| d.date)
        .or(published)
        .unwrap_or_else(|| Utc::now().date_naive());
    match store::articles::insert(&mut tx, article, dateline, reported_on, EXTRACTOR_VERSION).await? {
        Some(id) => {
            store::extraction::insert(&mut tx, id, &extraction, reported_on).await?;
            tx.commit().await?;
            Ok(Ingested::Created(id))
        }
        // Another request stored the same text between our look-up and insert.
        None => {
            tx.rollback().await?;
            let id = store::articles::find_by_text(&mut *pool.acquire().await?, &article.text).await?;
            Ok(Ingested::Duplicate(id.ok_or(sqlx::Error::RowNotFound)?))
        }
    }
}

/// How a bulk load went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub duplicate: usize,
}

/// Ingests many articles, `concurrency` at a time, each in its own
/// transaction; `progress` hears the running tally after every article.
pub async fn ingest_all(
    pool: &PgPool,
    extractor: std::sync::Arc<Extractor>,
    articles: impl Iterator<Item = NewArticle>,
    concurrency: usize,
    mut progress: impl FnMut(Tally),
) -> sqlx::Result<Tally> {
    let mut tally = Tally::default();
    let mut running = tokio::task::JoinSet::new();
    let mut count = |outcome: Ingested, tally: &mut Tally| {
        match outcome {
            Ingested::Created(_) => tally.created += 1,
            Ingested::Duplicate(_) => tally.duplicate += 1,
        }
        progress(*tally);
    };
    for article in articles {
        if running.len() >= concurrency.max(1) {
            let outcome = running.join_next().await.expect("a task is running").expect("ingest task")?;
            count(outcome, &mut tally);
        }
        let (pool, extractor) = (pool.clone(), extractor.clone());
        running.spawn(async move { ingest(&pool, &extractor, &article).await });
    }
    while let Some(done) = running.join_next().await {
        count(done.expect("ingest task")?, &mut tally);
    }
    Ok(tally)
}
