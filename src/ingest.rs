//! The ingestion use case: read an article and store it with everything
//! extracted from it, whole or not at all. Shared by the API and the CLI.

use chrono::Utc;
use sqlx::PgPool;

use crate::extract::{Extractor, Origin, EXTRACTOR_VERSION};
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
/// is stored already: the batch path with a batch of one.
pub async fn ingest(
    pool: &PgPool,
    extractor: std::sync::Arc<Extractor>,
    article: &NewArticle,
) -> sqlx::Result<Ingested> {
    let mut outcomes = ingest_together(pool, extractor, std::slice::from_ref(article)).await?;
    Ok(outcomes.pop().expect("one article in, one outcome out"))
}

/// How a bulk load went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub duplicate: usize,
    pub failed: usize,
}

/// Ingests many articles in batches of `batch` (each stored set-based, as
/// `POST /v1/articles:batch` does), two batches at a time so extraction of
/// one overlaps the writes of the other; `progress` hears the running tally.
pub async fn ingest_all(
    pool: &PgPool,
    extractor: std::sync::Arc<Extractor>,
    articles: impl Iterator<Item = NewArticle>,
    batch: usize,
    mut progress: impl FnMut(Tally),
) -> Tally {
    let mut tally = Tally::default();
    let mut running = tokio::task::JoinSet::new();
    type Done = (usize, sqlx::Result<Vec<Result<Ingested, sqlx::Error>>>);
    let mut count = |(size, outcomes): Done, tally: &mut Tally| {
        match outcomes {
            Ok(outcomes) => {
                for outcome in outcomes {
                    match outcome {
                        Ok(Ingested::Created(_)) => tally.created += 1,
                        Ok(Ingested::Duplicate(_)) => tally.duplicate += 1,
                        Err(error) => {
                            tracing::warn!(%error, "article not stored");
                            tally.failed += 1;
                        }
                    }
                }
            }
            Err(error) => {
                tracing::warn!(%error, articles = size, "batch not stored: the database is unavailable");
                tally.failed += size;
            }
        }
        progress(*tally);
    };
    let mut articles = articles.peekable();
    while articles.peek().is_some() {
        let chunk: Vec<NewArticle> = articles.by_ref().take(batch.max(1)).collect();
        if running.len() >= 2 {
            count(running.join_next().await.expect("a batch is running").expect("batch task"), &mut tally);
        }
        let (pool, extractor) = (pool.clone(), extractor.clone());
        running.spawn(async move { (chunk.len(), ingest_batch(&pool, extractor, &chunk).await) });
    }
    while let Some(done) = running.join_next().await {
        count(done.expect("batch task"), &mut tally);
    }
    tally
}

/// What this extractor reads with, as stored with each article it reads.
pub fn read_with(extractor: &Extractor) -> store::articles::ReadWith<'_> {
    store::articles::ReadWith { version: EXTRACTOR_VERSION, topics_digest: extractor.data_digest() }
}

/// Reads many articles on every core.
pub async fn extract_all(
    extractor: std::sync::Arc<Extractor>,
    articles: &[&NewArticle],
) -> Vec<crate::domain::Extraction> {
    let inputs = articles
        .iter()
        .map(|a| ToRead {
            text: a.text.as_str().to_string(),
            day: a.published.map(|p| p.day()),
            source: a.source.clone(),
            url: a.url.clone(),
        })
        .collect();
    extract_texts(extractor, inputs).await
}

/// A text to read, with the day anchoring its relative dates and where it
/// was published (which may tell the state of officials it leaves unqualified).
#[derive(Debug, Clone)]
pub struct ToRead {
    pub text: String,
    pub day: Option<chrono::NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// Reads many texts on every core: extraction is pure CPU work, kept off the
/// async workers. Each reading's time goes to the `readout_extraction_seconds`
/// histogram.
pub async fn extract_texts(extractor: std::sync::Arc<Extractor>, inputs: Vec<ToRead>) -> Vec<crate::domain::Extraction> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = inputs.len().div_ceil(cores).max(1);
    let mut tasks = Vec::new();
    for part in inputs.chunks(chunk) {
        let (extractor, part) = (extractor.clone(), part.to_vec());
        tasks.push(tokio::task::spawn_blocking(move || {
            part.iter().map(|input| timed_extract(&extractor, input)).collect::<Vec<_>>()
        }));
    }
    let mut all = Vec::with_capacity(inputs.len());
    for task in tasks {
        // A panic in the extractor is a bug: it goes on to the caller (the
        // API's panic layer answers 500, a job stops and is marked failed),
        // with its own message rather than a JoinError's.
        match task.await {
            Ok(extractions) => all.extend(extractions),
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    all
}

/// Ingests a batch: texts seen before (stored, or earlier in the batch) are
/// duplicates; the rest are stored together in one transaction with one
/// statement per table. Should that transaction fail, each article is tried
/// on its own, so one bad article never sinks the others. Answers, index for
/// index, what happened to each article (`Err` when storing it failed), or
/// `Err` as a whole when the database cannot be reached: then trying each
/// article alone would only wait out the pool's timeout once per article,
/// and the whole batch is better retried later.
pub async fn ingest_batch(
    pool: &PgPool,
    extractor: std::sync::Arc<Extractor>,
    articles: &[NewArticle],
) -> sqlx::Result<Vec<Result<Ingested, sqlx::Error>>> {
    match ingest_together(pool, extractor.clone(), articles).await {
        Ok(outcomes) => Ok(outcomes.into_iter().map(Ok).collect()),
        Err(error) if store::is_unavailable(&error) => Err(error),
        Err(error) => {
            tracing::warn!(%error, "batch insert failed; storing its articles one by one");
            let mut outcomes = Vec::with_capacity(articles.len());
            for article in articles {
                match ingest(pool, extractor.clone(), article).await {
                    Err(error) if store::is_unavailable(&error) => return Err(error),
                    outcome => outcomes.push(outcome),
                }
            }
            Ok(outcomes)
        }
    }
}

fn timed_extract(extractor: &Extractor, input: &ToRead) -> crate::domain::Extraction {
    let started = std::time::Instant::now();
    let origin = Origin { source: input.source.as_deref(), url: input.url.as_deref() };
    let extraction = extractor.extract_from(&input.text, input.day, origin);
    metrics::histogram!(crate::telemetry::EXTRACTION_SECONDS).record(started.elapsed().as_secs_f64());
    extraction
}

async fn ingest_together(
    pool: &PgPool,
    extractor: std::sync::Arc<Extractor>,
    articles: &[NewArticle],
) -> sqlx::Result<Vec<Ingested>> {
    use std::collections::HashMap;
    let hashes: Vec<Vec<u8>> = articles.iter().map(|a| a.text.content_hash().to_vec()).collect();
    let mut known: HashMap<Vec<u8>, i64> =
        store::articles::find_by_hashes(&mut *pool.acquire().await?, &hashes).await?.into_iter().map(|(id, h)| (h, id)).collect();
    // The first of each new text in the batch is stored; the others are its duplicates.
    let mut first_of: HashMap<&[u8], usize> = HashMap::new();
    let fresh: Vec<usize> = (0..articles.len())
        .filter(|&i| !known.contains_key(&hashes[i]) && *first_of.entry(&hashes[i]).or_insert(i) == i)
        .collect();
    let to_read: Vec<&NewArticle> = fresh.iter().map(|&i| &articles[i]).collect();
    let extractions = extract_all(extractor.clone(), &to_read).await;

    // People first, committed on their own, so that concurrent batches naming
    // the same new people do not wait for each other's commit.
    let people = store::officials::find_or_create_people(
        &mut *pool.acquire().await?,
        extractions.iter().flat_map(|e| &e.officials),
    )
    .await?;
    let mut tx = store::begin(pool).await?;
    let rows: Vec<store::articles::ArticleRow> = fresh
        .iter()
        .zip(&extractions)
        .map(|(&i, extraction)| store::articles::ArticleRow {
            article: &articles[i],
            dateline: extraction.dateline.as_ref(),
            reported_on: reported_on(extraction, articles[i].published.map(|p| p.day()), Utc::now().date_naive()),
            publisher: extraction.publisher,
        })
        .collect();
    let inserted: HashMap<Vec<u8>, i64> =
        store::articles::insert_many(&mut tx, &rows, read_with(&extractor)).await?.into_iter().map(|(id, h)| (h, id)).collect();
    let items: Vec<store::extraction::ArticleExtraction> = fresh
        .iter()
        .zip(&extractions)
        .zip(&rows)
        .filter_map(|((&i, extraction), row)| {
            let article_id = *inserted.get(&hashes[i])?;
            Some(store::extraction::ArticleExtraction { article_id, extraction, day: row.reported_on })
        })
        .collect();
    store::extraction::insert_many_with_people(&mut tx, &items, &people).await?;
    // Still under the shared-rows lock the insert took: the log's ids commit in order.
    let stored: Vec<i64> = items.iter().map(|item| item.article_id).collect();
    store::events::log_stored(&mut tx, &stored).await?;
    tx.commit().await?;

    // Texts another request stored meanwhile are duplicates too.
    let missing: Vec<Vec<u8>> = fresh.iter().map(|&i| hashes[i].clone()).filter(|h| !inserted.contains_key(h)).collect();
    if !missing.is_empty() {
        known.extend(store::articles::find_by_hashes(&mut *pool.acquire().await?, &missing).await?.into_iter().map(|(id, h)| (h, id)));
    }
    Ok((0..articles.len())
        .map(|i| match inserted.get(&hashes[i]) {
            Some(&id) if first_of.get(hashes[i].as_slice()) == Some(&i) => Ingested::Created(id),
            Some(&id) => Ingested::Duplicate(id),
            None => Ingested::Duplicate(known[&hashes[i]]),
        })
        .collect())
}

/// The day an article reports on: its dateline's, else its publication day,
/// else `otherwise` (the day it was ingested).
pub fn reported_on(
    extraction: &crate::domain::Extraction,
    published: Option<chrono::NaiveDate>,
    otherwise: chrono::NaiveDate,
) -> chrono::NaiveDate {
    extraction.dateline.as_ref().and_then(|d| d.date).or(published).unwrap_or(otherwise)
}
