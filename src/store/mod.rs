//! PostgreSQL access. Functions take `&mut PgConnection` so a use case can run
//! several of them in one transaction; the API layer opens the transactions.

/// The start of an untitled article's text (`a` in the query), from which its
/// headline is made; null for a titled one, whose text is then never read.
/// A macro, not a const, so that `concat!` can build column lists from it.
macro_rules! article_opening {
    () => {
        "CASE WHEN coalesce(btrim(a.title), '') = '' THEN substr(a.text, 1, 400) END AS article_opening"
    };
}

pub mod actors;
pub mod articles;
pub mod countries;
pub mod events;
pub mod extraction;
pub mod idempotency;
pub mod jobs;
pub mod keys;
pub mod meetings;
pub mod notify;
pub mod officials;
pub mod positions;
pub mod statements;
pub mod statistics;
pub mod stats;
pub mod topics;
pub mod tsvector;
pub mod webhooks;

use anyhow::Context;
use sqlx::migrate::MigrateDatabase;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;

pub use extraction::ExtractionIds;

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Why the database could not be made ready; each variant says what to do.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error(
        "cannot reach PostgreSQL at {target} ({cause}). Start one with `docker compose up -d db` \
         (or your system's PostgreSQL service), point --database-url / DATABASE_URL elsewhere, \
         or leave both unset for a private cluster"
    )]
    Unreachable { target: String, cause: sqlx::Error },
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Waits for this transaction's turn to write rows that many articles share
/// (rollups, merged meetings, people's tallies, change verdicts), held until
/// commit. One writer at a time keeps those counts exact and makes deadlocks
/// between writers impossible; take it after the article's own rows, so
/// concurrent batches still write those in parallel.
pub async fn lock_shared_rows(conn: &mut sqlx::PgConnection) -> sqlx::Result<()> {
    // An arbitrary key ("READOUT" in the high bytes), apart from meetings' day locks.
    const SHARED_ROWS: i64 = 0x5245_414F_5554_0001;
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(SHARED_ROWS).execute(conn).await?;
    Ok(())
}

/// Creates the database if missing, applies migrations and reference data,
/// and returns a pool. Safe to run on every start.
pub async fn prepare(database_url: &str) -> Result<PgPool, PrepareError> {
    let options = session_settings(parse_url(database_url)?);
    create_if_missing(database_url).await?;
    let pool = pool_options()
        .connect_with(options.clone())
        .await
        .map_err(|cause| unreachable(&options, cause))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Creates the database `database_url` names unless it exists.
pub async fn create_if_missing(database_url: &str) -> Result<(), PrepareError> {
    let options = parse_url(database_url)?;
    if !Postgres::database_exists(database_url).await.map_err(|cause| unreachable(&options, cause))? {
        Postgres::create_database(database_url).await.map_err(|cause| unreachable(&options, cause))?;
        tracing::info!(database = %describe(&options), "created database");
    }
    Ok(())
}

fn parse_url(database_url: &str) -> Result<PgConnectOptions, PrepareError> {
    Ok(PgConnectOptions::from_str(database_url).with_context(|| format!("`{database_url}` is not a PostgreSQL URL"))?)
}

fn unreachable(options: &PgConnectOptions, cause: sqlx::Error) -> PrepareError {
    PrepareError::Unreachable { target: describe(options), cause }
}

/// Where a database is, for messages: `host:port/name`, or the socket's path and the name.
fn describe(options: &PgConnectOptions) -> String {
    let database = options.get_database().unwrap_or("postgres");
    match options.get_socket() {
        Some(dir) => format!("{}/.s.PGSQL.{} ({database})", dir.display(), options.get_port()),
        None => format!("{}:{}/{database}", options.get_host(), options.get_port()),
    }
}

/// Settings for every session the service opens. JIT off: our queries are
/// short, but a batch's misestimated plans (arrays of ids, tables that grew
/// since their statistics) cross `jit_above_cost`, and compiling them cost up
/// to 0.7 s per 500-article batch, more than running them. No parallel workers: a
/// generic plan that expects many rows starts workers for a query that finds few (a
/// state's topic at 1,000,000 articles: 22 ms of worker start-up for 0.5 ms of
/// work), and under concurrent requests the cores are already busy.
pub fn session_settings(options: PgConnectOptions) -> PgConnectOptions {
    options.options([("jit", "off"), ("max_parallel_workers_per_gather", "0")])
}

/// How the server's pool is set up. Connections are checked before use and
/// a connection that fails is dropped, so after an outage the pool mends
/// itself with new connections: no restart needed.
pub fn pool_options() -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .test_before_acquire(true)
}

/// True when the error says the database cannot be reached (down, restarting,
/// connections cut) rather than that this request is at fault: worth retrying
/// later, and a 503 rather than a 500.
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => true,
        // Class 08: connection exception; class 57: operator intervention
        // (shutdown, crash of another backend, "the database system is starting up").
        sqlx::Error::Database(e) => e.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    }
}

/// An extractor for the topics and the actor dictionary as the database holds them now.
pub async fn extractor(conn: &mut sqlx::PgConnection) -> anyhow::Result<crate::extract::Extractor> {
    let topics = topics::list(&mut *conn).await?;
    let actors = actors::all(conn).await?;
    Ok(crate::extract::Extractor::new(&topics, &actors))
}

/// Applies pending migrations, then brings reference data up to date.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.context("applying migrations")?;
    let mut tx = begin(pool).await?;
    countries::upsert_gazetteer(&mut tx).await?;
    topics::seed_defaults(&mut tx).await?;
    actors::seed_defaults(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// A read-only transaction over one snapshot: an article and its extracted rows, read in
/// several statements, stay consistent while a reprocess job replaces them (read one by
/// one, a statement could meet officials of the new extraction and panic on a missing row).
pub async fn snapshot(pool: &PgPool) -> sqlx::Result<sqlx::Transaction<'static, Postgres>> {
    // One statement opens it with its mode: no round trip of its own for the isolation level.
    begin_with(pool, Some("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")).await
}

/// A read-write transaction; use this, not `PgPool::begin`.
pub async fn begin(pool: &PgPool) -> sqlx::Result<sqlx::Transaction<'static, Postgres>> {
    begin_with(pool, None).await
}

/// Opens a transaction out of reach of the caller's cancellation. sqlx 0.8 counts
/// a transaction only once BEGIN's answer is read, so a request dropped in
/// between (its client gone, the request timeout) handed the connection back
/// to the pool inside a transaction nothing would end: later requests on it ran
/// read-only or failed with 25P02 "current transaction is aborted" (500s under
/// load; upstream transact-rs/sqlx#4393). Spawned, BEGIN always completes, and a
/// transaction its caller no longer awaits is dropped, which rolls it back.
async fn begin_with(pool: &PgPool, statement: Option<&'static str>) -> sqlx::Result<sqlx::Transaction<'static, Postgres>> {
    let pool = pool.clone();
    let begun = tokio::spawn(async move {
        match statement {
            Some(statement) => pool.begin_with(statement).await,
            None => pool.begin().await,
        }
    });
    // A join error means the runtime is shutting down: no transaction to give.
    begun.await.unwrap_or(Err(sqlx::Error::PoolClosed))
}
