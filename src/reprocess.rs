//! The reprocessing use case: read stored articles again with the current
//! extractor and replace what was extracted from them, as a background job
//! whose progress is stored in `jobs`.
//!
//! Articles go in chunks: one chunk is read on every core, then its articles'
//! rows are replaced in one transaction, so a reader sees an article's old
//! rows or its new ones, never a mix. Jobs run in the process that accepted
//! them, one at a time (each already uses every core); while a job is queued
//! or running its process beats a heartbeat, and a job whose heartbeat stops
//! (the process died) is marked failed by [`fail_abandoned`] on any instance.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::Semaphore;

use crate::extract::Extractor;
use crate::ingest::{extract_texts, read_with, reported_on, ToRead};
use crate::store::{self, articles::Reread, articles::Selection, articles::StoredText, extraction::ArticleExtraction};

/// Articles read and replaced per transaction.
pub const CHUNK: i64 = 64;
/// How often the process working on a job says so.
pub const HEARTBEAT: Duration = Duration::from_secs(10);
/// A queued or running job whose process has been silent this long is abandoned.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(60);

/// Which articles a job reads again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Article(i64),
    All,
    /// Those read by another extractor version or with other topics, or not known to be current.
    Stale,
}

/// Runs reprocessing jobs in this process.
#[derive(Clone)]
pub struct Runner {
    pool: PgPool,
    /// The extractor as it is now: topics may change while a job runs, and
    /// each chunk is read with the current one.
    current: Arc<dyn Fn() -> Arc<Extractor> + Send + Sync>,
    one_at_a_time: Arc<Semaphore>,
}

impl Runner {
    pub fn new(pool: PgPool, current: impl Fn() -> Arc<Extractor> + Send + Sync + 'static) -> Self {
        Runner { pool, current: Arc::new(current), one_at_a_time: Arc::new(Semaphore::new(1)) }
    }

    /// Stores the job as queued and starts it in the background; answers it as stored.
    pub async fn submit(&self, scope: Scope) -> sqlx::Result<store::jobs::JobRow> {
        let (article_id, all) = match scope {
            Scope::Article(id) => (Some(id), false),
            Scope::All => (None, true),
            Scope::Stale => (None, false),
        };
        let job = store::jobs::create_reprocess(&mut *self.pool.acquire().await?, article_id, all).await?;
        let runner = self.clone();
        let id = job.id;
        tokio::spawn(async move { runner.run(id, scope).await });
        Ok(job)
    }

    /// Works on the job, beating its heartbeat meanwhile, and records how it ended.
    async fn run(self, id: i64, scope: Scope) {
        let work = self.work(id, scope);
        tokio::pin!(work);
        let mut beat = tokio::time::interval(HEARTBEAT);
        let outcome = loop {
            tokio::select! {
                outcome = &mut work => break outcome,
                _ = beat.tick() => {
                    if let Err(error) = self.heartbeat(id).await {
                        tracing::warn!(job = id, %error, "cannot record the job's heartbeat");
                    }
                }
            }
        };
        let error = outcome.err().map(|error| {
            tracing::error!(job = id, %error, "reprocessing job failed");
            error.to_string()
        });
        let finished = async { store::jobs::finish(&mut *self.pool.acquire().await?, id, error.as_deref()).await };
        match finished.await {
            Ok(()) => tracing::info!(job = id, "reprocessing job finished"),
            Err(error) => tracing::error!(job = id, %error, "cannot record the end of the job"),
        }
    }

    async fn heartbeat(&self, id: i64) -> sqlx::Result<()> {
        store::jobs::heartbeat(&mut *self.pool.acquire().await?, id).await
    }

    async fn work(&self, id: i64, scope: Scope) -> sqlx::Result<()> {
        let _turn = self.one_at_a_time.acquire().await.expect("the job semaphore is never closed");
        let at_start = (self.current)();
        let selection = match scope {
            Scope::Article(id) => Selection::One(id),
            Scope::All => Selection::All,
            Scope::Stale => Selection::StaleFor(read_with(&at_start)),
        };
        // The articles selected now; those stored later are read by the new extractor anyway.
        let (total, last) = store::articles::count_selected(&mut *self.pool.acquire().await?, selection).await?;
        store::jobs::start(&mut *self.pool.acquire().await?, id, total).await?;
        let Some(last) = last else { return Ok(()) };
        let (mut after, mut tally) = (0, Tally::default());
        loop {
            let chunk =
                store::articles::next_selected(&mut *self.pool.acquire().await?, selection, after, last, CHUNK).await?;
            let Some(end) = chunk.last() else { return Ok(()) };
            after = end.id;
            tally += reread(&self.pool, (self.current)(), chunk).await;
            store::jobs::progress(&mut *self.pool.acquire().await?, id, tally.done, tally.failed).await?;
        }
    }
}

/// Marks failed the jobs whose process stopped beating their heartbeat.
pub async fn fail_abandoned(pool: &PgPool) -> sqlx::Result<Vec<i64>> {
    store::jobs::fail_abandoned(&mut *pool.acquire().await?, ABANDONED_AFTER).await
}

/// Articles read again and stored, and those that could not be.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub done: i64,
    pub failed: i64,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.done += other.done;
        self.failed += other.failed;
    }
}

/// Reads the articles again and replaces their rows, all in one transaction;
/// should that fail, each article on its own, so one bad article never sinks
/// the others. Articles deleted meanwhile are neither done nor failed.
pub async fn reread(pool: &PgPool, extractor: Arc<Extractor>, articles: Vec<StoredText>) -> Tally {
    match reread_together(pool, extractor.clone(), &articles).await {
        Ok(done) => Tally { done, failed: 0 },
        Err(error) => {
            tracing::warn!(%error, "reprocessing a chunk failed; reprocessing its articles one by one");
            let mut tally = Tally::default();
            for article in &articles {
                match reread_together(pool, extractor.clone(), std::slice::from_ref(article)).await {
                    Ok(done) => tally.done += done,
                    Err(error) => {
                        tracing::warn!(article = article.id, %error, "article not reprocessed");
                        tally.failed += 1;
                    }
                }
            }
            tally
        }
    }
}

async fn reread_together(pool: &PgPool, extractor: Arc<Extractor>, articles: &[StoredText]) -> sqlx::Result<i64> {
    let inputs = articles
        .iter()
        .map(|a| ToRead { text: a.text.clone(), day: a.published_on, source: a.source.clone(), url: a.url.clone() })
        .collect();
    let extractions = extract_texts(extractor.clone(), inputs).await;
    let rows: Vec<Reread> = articles
        .iter()
        .zip(&extractions)
        .map(|(article, extraction)| Reread {
            id: article.id,
            dateline: extraction.dateline.as_ref(),
            reported_on: reported_on(extraction, article.published_on, article.ingested_at.date_naive()),
            publisher: extraction.publisher,
        })
        .collect();
    let mut tx = store::begin(pool).await?;
    let still_stored: HashSet<i64> =
        store::articles::record_reread(&mut tx, &rows, read_with(&extractor)).await?.into_iter().collect();
    let items: Vec<ArticleExtraction> = rows
        .iter()
        .zip(&extractions)
        .filter(|(row, _)| still_stored.contains(&row.id))
        .map(|(row, extraction)| ArticleExtraction { article_id: row.id, extraction, day: row.reported_on })
        .collect();
    store::extraction::replace_many(&mut tx, &items).await?;
    tx.commit().await?;
    Ok(items.len() as i64)
}
