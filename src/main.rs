//! The `readout` command line: serve the API, migrate, extract a file, manage the private PostgreSQL.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use readout::api::{self, AppState, ExtractionView};
use readout::domain::webhook::AllowList;
use readout::domain::{default_office_holders, default_topics, ArticleText, Published, Scope};
use readout::extract::{Extractor, Origin};
use readout::ingest::{ingest_all, Tally};
use readout::pgcluster;
use readout::store::{self, articles::NewArticle};

#[derive(Parser)]
#[command(name = "readout", version, about = "Turns diplomatic news into structured, queryable data")]
struct Cli {
    /// Log lines as text for people or JSON for collectors.
    #[arg(long, global = true, env = "READOUT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// The private PostgreSQL cluster's folder (or READOUT_DATA_DIR; default
    /// ~/.local/share/readout/postgres under $XDG_DATA_HOME's rules, /var/lib/readout/postgres for root).
    #[arg(long, global = true)]
    data_dir: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Which PostgreSQL a command works on.
#[derive(clap::Args)]
struct DatabaseArgs {
    /// PostgreSQL URL. Without one: the server at READOUT_DEFAULT_DATABASE_URL
    /// (postgres://postgres@127.0.0.1:5432/readout) if it lets Readout in, else the
    /// private cluster in --data-dir, made and started as needed.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database if needed, migrate it, and serve the HTTP API.
    Serve {
        #[arg(long, env = "READOUT_ADDR", default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        database: DatabaseArgs,
        /// Origins browsers may call the API from, comma-separated (`*` for any).
        #[arg(long, env = "READOUT_CORS_ORIGINS", value_delimiter = ',')]
        cors_origins: Vec<String>,
        #[command(flatten)]
        protection: Protection,
        #[command(flatten)]
        feed: Feed,
    },
    /// Create, list and revoke API keys (the database is created and migrated if needed).
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Create the database if needed and apply migrations and reference data.
    Migrate {
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Print the extraction of a text file (`-` for standard input) as JSON; needs no database.
    Extract {
        file: String,
        /// Publication day (ISO date or RFC 3339) to anchor relative dates.
        #[arg(long)]
        published_at: Option<String>,
        /// The outlet or publisher ("Xinhua", "whitehouse.gov"), as stored with articles.
        #[arg(long)]
        source: Option<String>,
        /// The article's address.
        #[arg(long)]
        url: Option<String>,
    },
    /// Print the OpenAPI document (committed as openapi/openapi.json).
    Openapi,
    /// Post files or folders of articles (.txt, .json, .ndjson) to a server's batch endpoint.
    Ingest {
        /// Files, or folders searched recursively for .txt, .json and .ndjson files.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// The Readout server to post to.
        #[arg(long, env = "READOUT_SERVER", default_value = "http://127.0.0.1:8080")]
        server: String,
        /// Batches in flight at once.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        /// Articles per batch (at most 1,000).
        #[arg(long, default_value_t = 250)]
        batch: usize,
        /// Sent as `Authorization: Bearer KEY`.
        #[arg(long, env = "READOUT_API_KEY", hide_env_values = true)]
        api_key: Option<String>,
        /// Further tries of a batch on 5xx, 429 or a connection error, with exponential backoff.
        #[arg(long, default_value_t = 8)]
        retries: u32,
    },
    /// Generate synthetic articles and ingest them straight into the database (for benchmarks).
    BenchData {
        /// How many articles.
        #[arg(long)]
        articles: usize,
        /// The same seed gives the same articles.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Articles stored per batch.
        #[arg(long, default_value_t = 250)]
        batch: usize,
        /// Which corpus: `long` (2–5 KB, the extraction benchmark's), `wire`
        /// (1–2.5 KB) or `typical` (wire length with the rows per article of real copy).
        #[arg(long, value_enum, default_value_t = Corpus::Long)]
        corpus: Corpus,
        /// Write the articles to this file as NDJSON (the body of POST /v1/articles:batch) instead of ingesting them.
        #[arg(long)]
        ndjson: Option<std::path::PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Manage the private PostgreSQL cluster, used when no --database-url is given and
    /// nothing at the default address lets Readout in.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Make the cluster if needed, start it, create the `readout` database; prints its URL.
    Start,
    /// Stop the cluster (fast: open sessions are ended).
    Stop,
    /// Whether the cluster exists and runs, where, and how to connect.
    Status,
    /// Run psql on the `readout` database; further arguments go to psql.
    Psql {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// Who may call the server, and how much.
#[derive(clap::Args)]
struct Protection {
    /// Reads need a key with the `read` scope too (they are public by default).
    #[arg(long, env = "READOUT_REQUIRE_AUTH_FOR_READS")]
    require_auth_for_reads: bool,
    /// Requests per second per client IP, with bursts of 4 s worth; 0 for no limit.
    #[arg(long, env = "READOUT_RATE_LIMIT_PER_IP", default_value_t = 20)]
    rate_limit_per_ip: u32,
    /// Requests per second per API key, with bursts of 4 s worth; 0 for no limit.
    #[arg(long, env = "READOUT_RATE_LIMIT_PER_KEY", default_value_t = 100)]
    rate_limit_per_key: u32,
    /// Seconds a request may take before it is abandoned with a 503.
    #[arg(long, env = "READOUT_REQUEST_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    request_timeout: u64,
}

/// The live feed and webhooks.
#[derive(clap::Args)]
struct Feed {
    /// Hosts webhooks may be delivered to, comma-separated: names (`hooks.example.org`),
    /// subdomains (`*.example.org`), addresses, or `*` for any public host. Private and
    /// loopback addresses only when listed exactly. None by default: no webhooks.
    #[arg(long, env = "READOUT_WEBHOOK_ALLOW_HOSTS", value_delimiter = ',')]
    webhook_allow_hosts: Vec<String>,
    /// Seconds a webhook delivery attempt may take.
    #[arg(long, env = "READOUT_WEBHOOK_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=60))]
    webhook_timeout: u64,
    /// Days events are kept: `GET /v1/events` resumes with `Last-Event-ID` within them.
    #[arg(long, env = "READOUT_EVENT_RETENTION_DAYS", default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..))]
    event_retention_days: u64,
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a key and print it once; only its hash is stored.
    Create {
        /// What the key may do: read, write (also ingest) or admin (also delete, topics, reprocess).
        #[arg(long)]
        scope: Scope,
        /// Who or what the key is for, shown in `keys list`.
        #[arg(long)]
        name: String,
    },
    /// List keys (never the keys themselves, which are not stored).
    List,
    /// Revoke a key by its id or prefix; requests with it get 401 from then on.
    Revoke { id_or_prefix: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "readout=info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().with_current_span(true).init(),
    }
    match run(cli.command, cli.data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("readout: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, data_dir: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    match command {
        Command::Serve { addr, database, cors_origins, protection, feed } => runtime()?.block_on(with_database(
            database,
            data_dir,
            |url| async move { serve(&addr, &url, cors_origins, protection, feed).await },
        )),
        Command::Keys { command, database } => {
            runtime()?.block_on(with_database(database, data_dir, |url| async move { keys(command, &url).await }))
        }
        Command::Migrate { database } => runtime()?.block_on(with_database(database, data_dir, |url| async move {
            store::prepare(&url).await?;
            eprintln!("readout: database at {url} is up to date");
            Ok(())
        })),
        Command::Extract { file, published_at, source, url } => {
            extract(&file, published_at.as_deref(), Origin { source: source.as_deref(), url: url.as_deref() })
        }
        Command::BenchData { articles, seed, corpus, ndjson: Some(path), .. } => {
            write_ndjson(synth_corpus(seed, corpus).take(articles), &path)
        }
        Command::BenchData { articles, seed, batch, corpus, database, ndjson: None } => {
            runtime()?.block_on(with_database(database, data_dir, |url| async move {
                bench_data(synth_corpus(seed, corpus).take(articles), articles, batch, &url).await
            }))
        }
        Command::Ingest { paths, server, concurrency, batch, api_key, retries } => {
            let options = readout::client::Options {
                server,
                api_key,
                concurrency,
                batch,
                retries,
                backoff: Default::default(),
                progress: true,
            };
            runtime()?.block_on(ingest(&paths, &options))
        }
        Command::Openapi => {
            println!("{}", api::openapi().to_pretty_json()?);
            Ok(())
        }
        Command::Db { command } => db(command, data_dir),
    }
}

/// Runs `work` on the database given, or else found (see `pgcluster::Database::locate`);
/// a private cluster started for it is stopped afterwards, whatever `work` returned.
async fn with_database<Work, Done>(database: DatabaseArgs, data_dir: Option<std::path::PathBuf>, work: Work) -> anyhow::Result<()>
where
    Work: FnOnce(String) -> Done,
    Done: std::future::Future<Output = anyhow::Result<()>>,
{
    let database = pgcluster::Database::locate(database.database_url, "readout", data_dir).await?;
    let worked = work(database.url.clone()).await;
    match (worked, database.finish().await) {
        (Err(error), Err(stopping)) => {
            tracing::error!("{stopping:#}");
            Err(error)
        }
        (worked, stopped) => worked.and(stopped),
    }
}

fn db(command: DbCommand, data_dir: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let cluster = pgcluster::Cluster::open(pgcluster::data_dir(data_dir)?)?;
    let dir = cluster.dir().display();
    let url = cluster.url("readout");
    match command {
        DbCommand::Start => {
            let started = cluster.start()?;
            runtime()?.block_on(store::create_if_missing(&url))?;
            let what = if started == pgcluster::Started::AlreadyRunning { "was running" } else { "started" };
            eprintln!("readout: the PostgreSQL cluster in {dir} {what}; `readout db psql` opens psql on it");
            // The URL alone on standard output, so `DATABASE_URL=$(readout db start)` works.
            println!("{url}");
        }
        DbCommand::Stop => match cluster.stop()? {
            true => eprintln!("readout: stopped the PostgreSQL cluster in {dir}"),
            false => eprintln!("readout: the PostgreSQL cluster in {dir} was not running"),
        },
        DbCommand::Status => println!("{}", status_of(&cluster)?),
        DbCommand::Psql { args } => {
            anyhow::ensure!(
                cluster.status()? == pgcluster::Status::Running,
                "the PostgreSQL cluster in {dir} is not running; `readout db start` starts it"
            );
            runtime()?.block_on(store::create_if_missing(&url))?;
            return Err(cluster.psql("readout").args(args).exec()).context("running psql");
        }
    }
    Ok(())
}

/// `readout db status`: the state first, as one word scripts can match.
fn status_of(cluster: &pgcluster::Cluster) -> anyhow::Result<String> {
    let dir = cluster.dir().display();
    let version = cluster.version().unwrap_or_default();
    Ok(match cluster.status()? {
        pgcluster::Status::Running => {
            format!("running: PostgreSQL {version} in {dir}, Unix socket only\nconnect: psql '{}'", cluster.url("readout"))
        }
        pgcluster::Status::Stopped => format!("stopped: PostgreSQL {version} in {dir}; `readout db start` starts it"),
        pgcluster::Status::Uninitialized => format!("none: no cluster in {dir} yet; `readout db start` or `readout serve` makes one"),
    })
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

async fn serve(addr: &str, database_url: &str, cors_origins: Vec<String>, protection: Protection, feed: Feed) -> anyhow::Result<()> {
    let pool = store::prepare(database_url).await?;
    let extractor = store::extractor(&mut *pool.acquire().await?).await?;
    readout::upkeep::spawn(&pool, std::time::Duration::from_secs(feed.event_retention_days * 86_400));
    let webhook_hosts = AllowList::new(feed.webhook_allow_hosts);
    let webhook_timeout = std::time::Duration::from_secs(feed.webhook_timeout);
    readout::webhooks::spawn(pool.clone(), readout::webhooks::Policy::new(webhook_hosts.clone(), webhook_timeout));
    if !store::keys::any_active(&mut *pool.acquire().await?).await? {
        tracing::warn!(
            "no API keys: anyone can write and delete; create one with `readout keys create --scope admin --name NAME`"
        );
    }
    let state = AppState::new(pool.clone(), extractor)
        .with_cors_origins(cors_origins)
        .with_webhook_hosts(webhook_hosts)
        .with_auth_for_reads(protection.require_auth_for_reads)
        .with_limits(
            protection.rate_limit_per_ip,
            protection.rate_limit_per_key,
            std::time::Duration::from_secs(protection.request_timeout),
        );
    // Topics and actors changed through another instance reach this one too.
    state.follow_extractor_inputs();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(addr = %listener.local_addr()?, "serving; API docs at /docs");
    api::serve(listener, state).await?;
    // End our sessions ourselves, before a private cluster we started is stopped.
    pool.close().await;
    Ok(())
}

async fn keys(command: KeysCommand, database_url: &str) -> anyhow::Result<()> {
    let pool = store::prepare(database_url).await?;
    let conn = &mut *pool.acquire().await?;
    match command {
        KeysCommand::Create { scope, name } => {
            anyhow::ensure!(!name.trim().is_empty(), "--name must not be blank");
            let (key, record) = store::keys::create(conn, &name, scope).await?;
            // The key alone on standard output, so `KEY=$(readout keys create ...)` works.
            println!("{}", key.reveal());
            eprintln!(
                "readout: created key {} `{}` with the `{scope}` scope; it is shown only now, so keep it",
                record.id, record.name
            );
        }
        KeysCommand::List => print_keys(&store::keys::list(conn).await?),
        KeysCommand::Revoke { id_or_prefix } => {
            let record = store::keys::revoke(conn, &id_or_prefix)
                .await?
                .with_context(|| format!("no key has the id or prefix `{id_or_prefix}`; see `readout keys list`"))?;
            eprintln!("readout: key {} `{}` ({}) is revoked", record.id, record.name, record.prefix);
        }
    }
    Ok(())
}

fn print_keys(keys: &[store::keys::KeyRecord]) {
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M").to_string();
    let rows: Vec<[String; 6]> = keys
        .iter()
        .map(|k| {
            let revoked = k.revoked_at.map(day).unwrap_or_else(|| "-".into());
            [k.id.to_string(), k.name.clone(), k.scope.to_string(), k.prefix.clone(), day(k.created_at), revoked]
        })
        .collect();
    let header = ["id", "name", "scope", "prefix", "created", "revoked"].map(String::from);
    let widths: Vec<usize> =
        (0..6).map(|i| std::iter::once(&header).chain(&rows).map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, width)| format!("{cell:width$}")).collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

fn extract(file: &str, published_at: Option<&str>, origin: Origin<'_>) -> anyhow::Result<()> {
    let mut raw = String::new();
    if file == "-" {
        std::io::stdin().read_to_string(&mut raw).context("reading standard input")?;
    } else {
        raw = std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?;
    }
    let text = ArticleText::parse(raw)?;
    let published = published_at.map(Published::parse).transpose()?;
    let view = ExtractionView::unstored(&Extractor::new(&default_topics(), &default_office_holders()), &text, published, origin);
    println!("{}", serde_json::to_string_pretty(&view)?);
    Ok(())
}

async fn ingest(paths: &[std::path::PathBuf], options: &readout::client::Options) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let summary = readout::client::ingest(paths, options).await?;
    let seconds = started.elapsed().as_secs_f64();
    eprint!("{summary}");
    eprintln!("in {seconds:.1}s ({:.0} items/s)", summary.items() as f64 / seconds.max(1e-9));
    anyhow::ensure!(summary.succeeded(), "{} articles were not stored", summary.failed);
    Ok(())
}

/// The synthetic corpora `bench-data` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Corpus {
    Long,
    Wire,
    Typical,
}

fn synth_corpus(seed: u64, corpus: Corpus) -> readout::synth::Articles {
    use readout::synth::Length;
    let length = match corpus {
        Corpus::Long => Length::Long,
        Corpus::Wire => Length::Wire,
        Corpus::Typical => Length::Typical,
    };
    readout::synth::iter_of(seed, length)
}

async fn bench_data(
    corpus: impl Iterator<Item = readout::synth::SyntheticArticle>,
    count: usize,
    batch: usize,
    database_url: &str,
) -> anyhow::Result<()> {
    let pool = store::prepare(database_url).await?;
    let extractor = std::sync::Arc::new(store::extractor(&mut *pool.acquire().await?).await?);
    let articles = corpus.map(|a| NewArticle {
        text: ArticleText::parse(a.text).expect("synthetic articles have text"),
        title: Some(a.title),
        url: None,
        source: Some(a.source),
        published: Some(Published::Day(a.published)),
    });
    let started = std::time::Instant::now();
    let mut reported = 0;
    let report = |tally: Tally| {
        let done = tally.created + tally.duplicate + tally.failed;
        if done - reported >= 5000 || done == count {
            reported = done;
            let rate = done as f64 / started.elapsed().as_secs_f64();
            eprintln!("readout: {done}/{count} articles ({} new), {rate:.0}/s", tally.created);
        }
    };
    readout::upkeep::spawn_statistics(&pool);
    let tally = ingest_all(&pool, extractor, articles, batch, report).await;
    eprintln!(
        "readout: ingested {} new and {} already stored articles in {:.1}s; {} failed",
        tally.created,
        tally.duplicate,
        started.elapsed().as_secs_f64(),
        tally.failed
    );
    anyhow::ensure!(tally.failed == 0, "{} articles were not stored", tally.failed);
    // A bulk load changed every table: the planner needs statistics before the first
    // read, and the searches indexes without a backlog of pending entries.
    let mut conn = pool.acquire().await?;
    store::statistics::analyze_all(&mut conn).await?;
    store::statistics::flush_gin_pending_lists(&mut conn).await?;
    eprintln!("readout: analyzed the database and flushed its search indexes' pending entries");
    Ok(())
}

fn write_ndjson(corpus: impl Iterator<Item = readout::synth::SyntheticArticle>, path: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
    for article in corpus {
        let line = serde_json::json!({
            "text": article.text,
            "title": article.title,
            "source": article.source,
            "published_at": article.published.to_string(),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
