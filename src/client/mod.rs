//! `readout ingest`: a client that posts files and folders of articles to a
//! Readout server's `POST /v1/articles:batch`, several batches in flight,
//! retrying what the server could not take, and sums up what became of each.
//!
//! Reading and batching are pure (`files`, `batch`, `summary`, `retry`); only
//! `http` talks to the server.

pub mod batch;
pub mod files;
pub mod http;
pub mod retry;
pub mod summary;

use std::path::PathBuf;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};

use batch::{idempotency_key, ndjson, Batch, Batches, Entry, Limits};
use files::Origin;
use http::{Reply, Server};
use retry::Backoff;
pub use summary::{Outcome, Summary};

/// How a run talks to the server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base URL of the server, e.g. `http://127.0.0.1:8080`.
    pub server: String,
    /// Sent as `Authorization: Bearer KEY`.
    pub api_key: Option<String>,
    /// Batches in flight at once.
    pub concurrency: usize,
    /// Articles per batch (at most the server's 1,000).
    pub batch: usize,
    /// Further tries of a batch after the first.
    pub retries: u32,
    pub backoff: Backoff,
    /// Draw a progress bar (on standard error, when it is a terminal).
    pub progress: bool,
}

/// The server's own bounds on one batch (see `POST /v1/articles:batch`).
const MAX_ITEMS: usize = crate::api::BATCH_MAX_ITEMS;
const MAX_BYTES: usize = crate::api::BATCH_MAX_BYTES;

/// Sends every article in `paths` (files, or folders walked recursively) and
/// answers what became of each. Fails only when the paths cannot be listed
/// or the server URL is malformed; everything else is in the summary.
pub async fn ingest(paths: &[PathBuf], options: &Options) -> anyhow::Result<Summary> {
    let files = files::discover(paths)?;
    let server = Arc::new(Server::new(&options.server, options.api_key.clone())?);
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let bar = progress_bar(options.progress, total);
    let run = format!("{:016x}", fastrand::u64(..));
    let items = files.into_iter().flat_map(|file| files::read(&file));
    let mut batches = Batches::new(items, Limits { items: options.batch.clamp(1, MAX_ITEMS), bytes: MAX_BYTES });

    let mut summary = Summary::default();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < options.concurrency.max(1) {
            let Some(batch) = batches.next() else { break };
            let job = Delivery { server: server.clone(), run: run.clone(), options: options.clone(), bar: bar.clone() };
            running.spawn(job.deliver(batch));
        }
        let Some(done) = running.join_next().await else { break };
        let (size, outcomes) = done?;
        for (origin, outcome) in &outcomes {
            summary.record(origin, outcome);
        }
        bar.inc(size);
        bar.set_message(summary.tally());
    }
    bar.finish_and_clear();
    Ok(summary)
}

fn progress_bar(visible: bool, total: u64) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {msg}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar
}

/// One batch on its way, with what it needs to retry.
struct Delivery {
    server: Arc<Server>,
    run: String,
    options: Options,
    bar: ProgressBar,
}

impl Delivery {
    /// Posts the batch until every article in it is stored, a duplicate or
    /// rejected, or the retries run out; answers its size and outcomes.
    /// Articles the server answered `failed` are sent again on their own.
    async fn deliver(self, batch: Batch) -> (u64, Vec<(Origin, Outcome)>) {
        let mut done = batch.decided;
        let mut pending: Vec<Entry> = batch.entries;
        let mut attempt = 0;
        while !pending.is_empty() {
            let body = ndjson(&pending);
            let key = idempotency_key(&self.run, &body);
            let (after, reason) = match self.server.post(body, &key, pending.len()).await {
                Reply::Items(outcomes) => {
                    let mut failed = None;
                    let mut again = Vec::new();
                    for (entry, outcome) in pending.into_iter().zip(outcomes) {
                        match outcome {
                            Outcome::Failed(reason) => {
                                failed = Some(reason);
                                again.push(entry);
                            }
                            outcome => done.push((entry.origin, outcome)),
                        }
                    }
                    pending = again;
                    match failed {
                        Some(reason) => (None, reason),
                        None => break,
                    }
                }
                Reply::Retry { after, reason } => (after, reason),
                Reply::Refused(reason) => {
                    done.extend(pending.drain(..).map(|e| (e.origin, Outcome::Failed(reason.clone()))));
                    break;
                }
            };
            if attempt >= self.options.retries {
                let reason = format!("{reason} (gave up after {} tries)", attempt + 1);
                done.extend(pending.drain(..).map(|e| (e.origin, Outcome::Failed(reason.clone()))));
                break;
            }
            let wait = self.options.backoff.delay(attempt, after, fastrand::f64());
            self.bar.suspend(|| {
                tracing::warn!(articles = pending.len(), %reason, wait_ms = wait.as_millis() as u64, "batch not taken; retrying")
            });
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
        (batch.size, done)
    }
}
