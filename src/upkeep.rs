//! Upkeep the server runs beside serving, every half minute for the life of the
//! process: failing the jobs of instances that died, and, where autovacuum is off,
//! keeping the planner's statistics fresh and the GIN indexes' pending lists short
//! (see `store::statistics`), and pruning the event log past its retention.

use std::future::Future;
use std::time::Duration;

use sqlx::PgPool;

const EVERY: Duration = Duration::from_secs(30);

/// Starts the tasks; each runs at once, then every half minute. Events are
/// kept for `event_retention`: clients can resume the feed within it.
pub fn spawn(pool: &PgPool, event_retention: Duration) {
    repeat({
        let pool = pool.clone();
        move || sweep_abandoned_jobs(pool.clone())
    });
    repeat({
        let pool = pool.clone();
        move || prune_events(pool.clone(), event_retention)
    });
    spawn_statistics(pool);
}

/// Starts only the statistics tasks: for a bulk load outside the server
/// (`bench-data`). Loading a million articles into a database that had never
/// been analyzed, the write path's plans turned bad past half a million and
/// ingestion fell from 1,100 to some 30 articles a second until an ANALYZE.
pub fn spawn_statistics(pool: &PgPool) {
    repeat({
        let pool = pool.clone();
        move || refresh_statistics(pool.clone())
    });
    repeat({
        let pool = pool.clone();
        move || flush_search_indexes(pool.clone())
    });
}

fn repeat<F, Fut>(mut task: F)
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            task().await;
        }
    });
}

/// Jobs left queued or running by a process that died are marked failed (with
/// several instances, one that died is noticed by the others); their articles can
/// be reprocessed again.
async fn sweep_abandoned_jobs(pool: PgPool) {
    match crate::reprocess::fail_abandoned(&pool).await {
        Ok(ids) if !ids.is_empty() => tracing::warn!(?ids, "marked abandoned jobs failed"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot look for abandoned jobs"),
    }
}

/// Analyzes the tables whose rows changed much since their last analyze: batches,
/// reprocess jobs and deletions leave the statistics stale where autovacuum is off.
async fn refresh_statistics(pool: PgPool) {
    let analyzed = async { crate::store::statistics::analyze_stale(&mut *pool.acquire().await?).await };
    match analyzed.await {
        Ok(tables) if !tables.is_empty() => {
            for table in &tables {
                metrics::counter!(crate::telemetry::TABLES_ANALYZED, "table" => table.clone()).increment(1);
            }
            tracing::info!(?tables, "analyzed tables whose statistics were stale");
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot refresh planner statistics"),
    }
}

/// Moves the GIN indexes' pending entries into the indexes: searches read the
/// pending list whole, and without autovacuum it only empties when full.
async fn flush_search_indexes(pool: PgPool) {
    let flushed = async { crate::store::statistics::flush_gin_pending_lists(&mut *pool.acquire().await?).await };
    match flushed.await {
        Ok(indexes) if !indexes.is_empty() => tracing::info!(?indexes, "flushed pending entries of search indexes"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot flush the search indexes' pending entries"),
    }
}

/// Forgets event log entries older than the retention window.
async fn prune_events(pool: PgPool, retention: Duration) {
    let Ok(retention) = chrono::Duration::from_std(retention) else { return };
    let pruned = async { crate::store::events::prune(&mut *pool.acquire().await?, chrono::Utc::now() - retention).await };
    match pruned.await {
        Ok(0) => {}
        Ok(n) => tracing::info!(entries = n, "pruned the event log past its retention"),
        Err(error) => tracing::warn!(%error, "cannot prune the event log"),
    }
}
