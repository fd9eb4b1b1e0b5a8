//! Planner statistics without autovacuum: after a bulk load the server finds the
//! tables whose rows changed much since their last analyze, and analyzes them.

mod common;

use common::TestDb;
use readout::store::statistics::{analyze_stale, flush_gin_pending_lists, stale_tables};

/// Tables every article writes to.
const LOADED: &[&str] = &["articles", "statements", "positions", "article_officials"];

#[tokio::test]
async fn tables_a_bulk_load_changed_are_found_stale_and_analyzed() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    // Whatever the server's setting, autovacuum must not analyze this database's tables.
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()").fetch_all(&mut *conn).await.unwrap();
    for table in &tables {
        sqlx::query(&format!("ALTER TABLE \"{table}\" SET (autovacuum_enabled = false)")).execute(&mut *conn).await.unwrap();
    }
    // The seeded gazetteer, topics and actors may show as stale once their counters are
    // flushed (CI saw it; a second after the migration they are): only the tables an
    // article writes to are known empty here.
    let before: Vec<String> = stale_tables(&mut conn).await.unwrap().into_iter().filter(|t| LOADED.contains(&t.as_str())).collect();
    assert!(before.is_empty(), "no article yet, yet stale: {before:?}");

    common::ingest_synthetic(&db, 2_000).await;
    // Each backend flushes its counters about once a second (an idle one within ten):
    // wait, within a bound, until the load shows.
    // Stale shows before every row is counted (a release build saw 1,250 of the 2,000
    // articles counted when all tables were already stale): wait for the whole load.
    let mut stale = Vec::new();
    for _ in 0..60 {
        stale = stale_tables(&mut conn).await.unwrap();
        let counted: i64 = sqlx::query_scalar("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'articles'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        if counted >= 2_000 && LOADED.iter().all(|t| stale.iter().any(|s| s == t)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    for table in LOADED {
        assert!(stale.iter().any(|s| s == table), "{table} is not seen stale after the load: {stale:?}");
    }

    let analyzed = analyze_stale(&mut conn).await.unwrap();
    for table in LOADED {
        assert!(analyzed.iter().any(|s| s == table), "{table} was not analyzed: {analyzed:?}");
    }
    let unanalyzed = loaded_tables_never(&mut conn, "analyze").await;
    assert!(unanalyzed.is_empty(), "never analyzed: {unanalyzed:?}");
    // 2,000 articles inserted are past the insert rule: vacuumed too, so index-only scans skip the heap.
    let unvacuumed = loaded_tables_never(&mut conn, "vacuum").await;
    assert!(unvacuumed.is_empty(), "never vacuumed: {unvacuumed:?}");
    let still: Vec<String> = stale_tables(&mut conn).await.unwrap().into_iter().filter(|t| LOADED.contains(&t.as_str())).collect();
    assert!(still.is_empty(), "still stale right after the analyze: {still:?}");
}

/// The loaded tables that neither this server nor autovacuum ever ran `chore` ("analyze" or "vacuum") on.
async fn loaded_tables_never(conn: &mut sqlx::PgConnection, chore: &str) -> Vec<String> {
    let sql = format!(
        "SELECT relname::text FROM pg_stat_user_tables WHERE relname = ANY($1) AND last_{chore} IS NULL AND last_auto{chore} IS NULL"
    );
    sqlx::query_scalar(&sql).bind(LOADED).fetch_all(conn).await.unwrap()
}

#[tokio::test]
async fn search_indexes_pending_entries_are_flushed_once() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    common::ingest_synthetic(&db, 500).await;
    let flushed = flush_gin_pending_lists(&mut conn).await.unwrap();
    for index in ["statements_tsv", "statements_topics"] {
        assert!(flushed.iter().any(|i| i == index), "{index} held no pending entries after a load: {flushed:?}");
    }
    sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.unwrap();
    let found: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM statements WHERE tsv @@ to_tsquery('english', 'cooperation')",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert!(found > 0, "the flushed index still finds the loaded statements");
    assert!(flush_gin_pending_lists(&mut conn).await.unwrap().is_empty(), "nothing is left to flush");
}
