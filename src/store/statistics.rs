//! Planner statistics kept fresh without autovacuum. Some servers run with it off
//! (managed and benchmark setups; this project's CI machine too), and a freshly loaded
//! archive without statistics is planned as if empty: a hundred times slower. The
//! server asks PostgreSQL's own counters which tables changed much since their last
//! analyze and analyzes those, vacuuming those that took many rows since their last
//! vacuum (index-only scans need it). Autovacuum's other read-side chore, flushing
//! GIN indexes' pending lists, is done here too.

use sqlx::PgConnection;

/// A table is stale once more rows changed since its last analyze than this floor
/// plus `STALE_SHARE` of its rows: autovacuum's own default rule
/// (`autovacuum_analyze_threshold`, `autovacuum_analyze_scale_factor`).
const STALE_ROWS: i64 = 50;
const STALE_SHARE: f64 = 0.1;

/// Tables of the current schema whose changes since their last analyze (by this
/// server or by autovacuum) pass the stale rule, by name.
pub async fn stale_tables(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    Ok(tables_due(conn).await?.into_iter().filter(|t| t.stale).map(|t| t.name).collect())
}

/// A table is due a vacuum once more rows were inserted since its last one than
/// this floor plus `UNVACUUMED_SHARE` of its rows: autovacuum's insert rule
/// (`autovacuum_vacuum_insert_threshold`, `autovacuum_vacuum_insert_scale_factor`).
/// Vacuum marks pages all-visible, so index-only scans skip the heap: at 1,000,000
/// articles, counting one state's officials read 15,000 heap pages (100 ms) before
/// a vacuum and none (4 ms) after, and `GET /v1/countries/KG` had a p99 of 570 ms.
const UNVACUUMED_ROWS: i64 = 1000;
const UNVACUUMED_SHARE: f64 = 0.2;

/// A table past the stale rule, the insert rule, or both.
#[derive(sqlx::FromRow)]
struct TableDue {
    name: String,
    stale: bool,
    vacuum: bool,
}

/// The tables of the current schema due an analyze or a vacuum, by name.
async fn tables_due(conn: &mut PgConnection) -> sqlx::Result<Vec<TableDue>> {
    sqlx::query_as(
        "SELECT name, stale, vacuum FROM (
             SELECT relname::text AS name,
                    n_mod_since_analyze > $1 + $2 * greatest(n_live_tup, 0) AS stale,
                    n_ins_since_vacuum > $3 + $4 * greatest(n_live_tup, 0) AS vacuum
             FROM pg_stat_user_tables WHERE schemaname = current_schema()) t
         WHERE stale OR vacuum
         ORDER BY name",
    )
    .bind(STALE_ROWS)
    .bind(STALE_SHARE)
    .bind(UNVACUUMED_ROWS)
    .bind(UNVACUUMED_SHARE)
    .fetch_all(conn)
    .await
}

/// Analyzes every table due, vacuuming those past the insert rule, and returns
/// their names. The counters it reads are flushed by each backend about once a
/// second, so a change may be seen a little late.
pub async fn analyze_stale(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    let due = tables_due(&mut *conn).await?;
    for table in &due {
        let command = if table.vacuum { "VACUUM (ANALYZE)" } else { "ANALYZE" };
        // A bare string goes by the simple protocol: VACUUM may not run inside the
        // implicit block of a prepared statement.
        let sql = format!("{command} {}", quote_ident(&table.name));
        sqlx::Executor::execute(&mut *conn, sql.as_str()).await?;
    }
    Ok(due.into_iter().map(|t| t.name).collect())
}

/// Analyzes the whole database: after a bulk load, when every table changed.
pub async fn analyze_all(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("ANALYZE").execute(conn).await.map(drop)
}

/// Moves the entries waiting in the pending lists of this schema's GIN indexes
/// (full text, topic tags, name trigrams) into the indexes, and returns the names
/// of those that held any. A GIN index takes new rows into a pending list that
/// every search through it reads whole, until a vacuum or a full list (4 MB)
/// moves them; without autovacuum the list stays long: at 100,000 articles a
/// state-and-topic statement filter read 27,000 pending topic entries a request
/// (5.5 ms; 2.3 ms flushed). Only indexes this role may clean, and never on a
/// standby, where it cannot write.
pub async fn flush_gin_pending_lists(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    let flushed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.relname::text, gin_clean_pending_list(c.oid)
         FROM pg_class c
         JOIN pg_am am ON am.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE am.amname = 'gin' AND n.nspname = current_schema()
           AND pg_has_role(c.relowner, 'USAGE') AND NOT pg_is_in_recovery()
         ORDER BY c.relname",
    )
    .fetch_all(conn)
    .await?;
    Ok(flushed.into_iter().filter(|(_, pages)| *pages > 0).map(|(name, _)| name).collect())
}

/// `name` as a quoted SQL identifier (the names come from the catalog, but a table
/// may be named anything).
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::quote_ident;

    #[test]
    fn identifiers_are_quoted_with_their_quotes_doubled() {
        assert_eq!(quote_ident("statements"), "\"statements\"");
        assert_eq!(quote_ident("odd\"name"), "\"odd\"\"name\"");
    }
}
