//! Readout: turns diplomatic news into structured, queryable data.

pub mod domain;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod reprocess;
pub mod store;
pub mod api;
pub mod client;
pub mod synth;
pub mod telemetry;
pub mod upkeep;
pub mod webhooks;
pub mod pgcluster;

/// The extractor and the JSON layer allocate many small, short-lived strings;
/// with glibc's allocator, malloc and free took about a sixth of extraction
/// and of a small GET (perf). mimalloc serves such loads faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
