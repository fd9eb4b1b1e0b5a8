//! The `readout` command line: serve the API, migrate, extract a file.

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use readout::api::{self, AppState, ExtractionView};
use readout::domain::{default_topics, ArticleText, Published};
use readout::extract::{Extractor, Origin};
use readout::ingest::{ingest_all, Tally};
use readout::store::{self, articles::NewArticle};

const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/readout";

#[derive(Parser)]
#[command(name = "readout", version, about = "Turns diplomatic news into structured, queryable data")]
struct Cli {
    /// Log lines as text for people or JSON for collectors.
    #[arg(long, global = true, env = "READOUT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
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
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
        /// Origins browsers may call the API from, comma-separated (`*` for any).
        #[arg(long, env = "READOUT_CORS_ORIGINS", value_delimiter = ',')]
        cors_origins: Vec<String>,
    },
    /// Create the database if needed and apply migrations and reference data.
    Migrate {
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
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
        /// Write the articles to this file as NDJSON (the body of POST /v1/articles:batch) instead of ingesting them.
        #[arg(long)]
        ndjson: Option<std::path::PathBuf>,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
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
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("readout: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { addr, database_url, cors_origins } => {
            runtime()?.block_on(serve(&addr, &database_url, cors_origins))
        }
        Command::Migrate { database_url } => runtime()?.block_on(async {
            store::prepare(&database_url).await?;
            eprintln!("readout: database at {database_url} is up to date");
            Ok(())
        }),
        Command::Extract { file, published_at, source, url } => {
            extract(&file, published_at.as_deref(), Origin { source: source.as_deref(), url: url.as_deref() })
        }
        Command::BenchData { articles, seed, ndjson: Some(path), .. } => write_ndjson(articles, seed, &path),
        Command::BenchData { articles, seed, batch, database_url, ndjson: None } => {
            runtime()?.block_on(bench_data(articles, seed, batch, &database_url))
        }
        Command::Openapi => {
            println!("{}", api::openapi().to_pretty_json()?);
            Ok(())
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

async fn serve(addr: &str, database_url: &str, cors_origins: Vec<String>) -> anyhow::Result<()> {
    let pool = store::prepare(database_url).await?;
    let topics = store::topics::list(&mut *pool.acquire().await?).await?;
    let state = AppState::new(pool, Extractor::new(&topics)).with_cors_origins(cors_origins);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(addr = %listener.local_addr()?, "serving; API docs at /docs");
    api::serve(listener, state).await?;
    Ok(())
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
    let view = ExtractionView::unstored(&Extractor::new(&default_topics()), &text, published, origin);
    println!("{}", serde_json::to_string_pretty(&view)?);
    Ok(())
}

async fn bench_data(count: usize, seed: u64, batch: usize, database_url: &str) -> anyhow::Result<()> {
    let pool = store::prepare(database_url).await?;
    let topics = store::topics::list(&mut *pool.acquire().await?).await?;
    let extractor = std::sync::Arc::new(Extractor::new(&topics));
    let articles = readout::synth::iter(seed).take(count).map(|a| NewArticle {
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
    let tally = ingest_all(&pool, extractor, articles, batch, report).await;
    eprintln!(
        "readout: ingested {} new and {} already stored articles in {:.1}s; {} failed",
        tally.created,
        tally.duplicate,
        started.elapsed().as_secs_f64(),
        tally.failed
    );
    anyhow::ensure!(tally.failed == 0, "{} articles were not stored", tally.failed);
    Ok(())
}

fn write_ndjson(count: usize, seed: u64, path: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
    for article in readout::synth::iter(seed).take(count) {
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
