//! Items grouped into request bodies for `POST /v1/articles:batch`: pure, no HTTP.

use sha2::{Digest, Sha256};

use super::files::{Item, Origin, Payload};
use super::summary::Outcome;

/// One article to send: where it came from and its JSON, serialised once.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub origin: Origin,
    pub json: Vec<u8>,
}

/// What one batch holds: articles to send, and items already decided without
/// sending (not JSON, unreadable), which ride along so every item is
/// accounted for in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Batch {
    pub entries: Vec<Entry>,
    pub decided: Vec<(Origin, Outcome)>,
    /// File bytes the batch's items stand for, for progress.
    pub size: u64,
}

/// An NDJSON body: one article per line.
pub fn ndjson<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<u8> {
    let mut body = Vec::new();
    for entry in entries {
        body.extend_from_slice(&entry.json);
        body.push(b'\n');
    }
    body
}

/// The `Idempotency-Key` of a request body in one run: the same body sent
/// again in the same run (a retry whose first answer was lost) replays the
/// server's first answer instead of reporting duplicates. The run's id keeps
/// a later run of the same files from replaying this run's answers: it asks
/// afresh and learns what is stored by then.
pub fn idempotency_key(run: &str, body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("readout-ingest-{run}-{hex}")
}

/// How large a batch may grow.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub items: usize,
    pub bytes: usize,
}

/// Groups items into batches of at most `limits.items` articles and
/// `limits.bytes` of body (an article larger than that goes alone, for the
/// server to judge).
pub struct Batches<I: Iterator> {
    items: std::iter::Peekable<I>,
    limits: Limits,
}

impl<I: Iterator<Item = Item>> Batches<I> {
    pub fn new(items: I, limits: Limits) -> Self {
        Batches { items: items.peekable(), limits }
    }
}

impl<I: Iterator<Item = Item>> Iterator for Batches<I> {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        self.items.peek()?;
        let mut batch = Batch::default();
        let mut bytes = 0;
        while let Some(item) = self.items.peek() {
            if let Payload::Article(value) = &item.payload {
                let json = serde_json::to_vec(value).expect("a JSON value serialises");
                let full = batch.entries.len() >= self.limits.items.max(1)
                    || (!batch.entries.is_empty() && bytes + json.len() + 1 > self.limits.bytes);
                if full {
                    break;
                }
                bytes += json.len() + 1;
                let item = self.items.next().expect("peeked");
                batch.size += item.size;
                batch.entries.push(Entry { origin: item.origin, json });
                continue;
            }
            let item = self.items.next().expect("peeked");
            batch.size += item.size;
            let outcome = match item.payload {
                Payload::Invalid(reason) => Outcome::Rejected(reason),
                Payload::Unreadable(reason) => Outcome::Failed(format!("cannot read the file: {reason}")),
                Payload::Article(_) => unreachable!("articles are batched above"),
            };
            batch.decided.push((item.origin, outcome));
        }
        Some(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::files::Place;
    use serde_json::json;
    use std::path::PathBuf;

    fn item(line: usize, payload: Payload) -> Item {
        Item { origin: Origin { file: PathBuf::from("a.ndjson"), place: Place::Line(line) }, payload, size: 10 }
    }

    fn article(line: usize, text: &str) -> Item {
        item(line, Payload::Article(json!({ "text": text })))
    }

    fn lines(batch: &Batch) -> Vec<usize> {
        batch.entries.iter().map(|e| match e.origin.place {
            Place::Line(n) => n,
            _ => unreachable!(),
        }).collect()
    }

    #[test]
    fn batches_hold_at_most_the_item_limit() {
        let items = (1..=5).map(|n| article(n, "x"));
        let batches: Vec<Batch> = Batches::new(items, Limits { items: 2, bytes: 1 << 20 }).collect();
        assert_eq!(batches.iter().map(lines).collect::<Vec<_>>(), vec![vec![1, 2], vec![3, 4], vec![5]]);
        assert_eq!(batches[0].size, 20);
    }

    #[test]
    fn batches_stay_under_the_byte_limit_and_an_oversized_article_goes_alone() {
        // {"text":"aaaa"} is 15 bytes and a newline.
        let items = vec![article(1, "aaaa"), article(2, "aaaa"), article(3, &"b".repeat(100)), article(4, "aaaa")];
        let batches: Vec<Batch> = Batches::new(items.into_iter(), Limits { items: 100, bytes: 40 }).collect();
        assert_eq!(batches.iter().map(lines).collect::<Vec<_>>(), vec![vec![1, 2], vec![3], vec![4]]);
        assert!(ndjson(&batches[0].entries).len() <= 40);
    }

    #[test]
    fn items_that_are_not_articles_are_decided_without_sending_and_keep_their_place() {
        let items = vec![
            article(1, "a"),
            item(2, Payload::Invalid("this line is not JSON".into())),
            item(3, Payload::Unreadable("denied".into())),
            article(4, "b"),
        ];
        let batches: Vec<Batch> = Batches::new(items.into_iter(), Limits { items: 2, bytes: 1 << 20 }).collect();
        assert_eq!(batches.len(), 1);
        assert_eq!(lines(&batches[0]), vec![1, 4]);
        assert_eq!(batches[0].decided[0].1, Outcome::Rejected("this line is not JSON".into()));
        assert!(matches!(&batches[0].decided[1].1, Outcome::Failed(reason) if reason.contains("denied")));
        assert_eq!(batches[0].size, 40);
    }

    #[test]
    fn the_body_is_ndjson_and_its_key_depends_on_the_run_and_the_content() {
        let batch = Batches::new(vec![article(1, "a"), article(2, "b")].into_iter(), Limits { items: 10, bytes: 1 << 20 })
            .next()
            .unwrap();
        let body = ndjson(&batch.entries);
        assert_eq!(body, b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        let key = idempotency_key("run1", &body);
        assert_eq!(key, idempotency_key("run1", &body), "a retry sends the same key");
        assert_ne!(key, idempotency_key("run2", &body));
        assert_ne!(key, idempotency_key("run1", b"{\"text\":\"a\"}\n"));
        assert!(key.len() <= 255 && key.is_ascii());
    }
}
