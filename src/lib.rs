//! Readout: turns diplomatic news into structured, queryable data.

pub mod domain;
pub mod extract;
pub mod ingest;
pub mod reprocess;
pub mod store;
pub mod api;
pub mod client;
pub mod synth;
