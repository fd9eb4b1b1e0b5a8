//! What happened to every item of a run, and the summary printed at its end.

use std::fmt;

use super::files::Origin;

/// What became of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// The same text is stored already.
    Duplicate,
    /// Not a valid article; sending it again will not help.
    Rejected(String),
    /// Not stored, for a reason on the server's side or on the way there.
    Failed(String),
}

/// How many reasons the summary shows of each kind.
const SHOWN: usize = 5;

/// Running totals, with the first few reasons for rejections and failures.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created: usize,
    pub duplicate: usize,
    pub rejected: usize,
    pub failed: usize,
    /// The first rejections, as "origin: reason".
    pub rejections: Vec<String>,
    /// The first failures, as "origin: reason".
    pub failures: Vec<String>,
}

impl Summary {
    pub fn record(&mut self, origin: &Origin, outcome: &Outcome) {
        let note = |notes: &mut Vec<String>, reason: &str| {
            if notes.len() < SHOWN {
                notes.push(format!("{origin}: {reason}"));
            }
        };
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Rejected(reason) => {
                self.rejected += 1;
                note(&mut self.rejections, reason);
            }
            Outcome::Failed(reason) => {
                self.failed += 1;
                note(&mut self.failures, reason);
            }
        }
    }

    pub fn items(&self) -> usize {
        self.created + self.duplicate + self.rejected + self.failed
    }

    /// A run succeeds when nothing failed: rejected items are the input's
    /// fault and retrying would not store them.
    pub fn succeeded(&self) -> bool {
        self.failed == 0
    }

    /// The one-line tally shown beside the progress bar and first in the summary.
    pub fn tally(&self) -> String {
        format!(
            "created {}, duplicate {}, rejected {}, failed {}",
            self.created, self.duplicate, self.rejected, self.failed
        )
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} items: {}", self.items(), self.tally())?;
        for (label, count, notes) in [("rejected", self.rejected, &self.rejections), ("failed", self.failed, &self.failures)] {
            if notes.is_empty() {
                continue;
            }
            let more = if count > notes.len() { format!(" (first {} of {count})", notes.len()) } else { String::new() };
            writeln!(f, "{label}{more}:")?;
            for note in notes {
                writeln!(f, "  {note}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::files::Place;
    use std::path::PathBuf;

    fn at(n: usize) -> Origin {
        Origin { file: PathBuf::from("in.ndjson"), place: Place::Line(n) }
    }

    #[test]
    fn counts_every_outcome_and_keeps_the_first_reasons() {
        let mut summary = Summary::default();
        summary.record(&at(1), &Outcome::Created);
        summary.record(&at(2), &Outcome::Duplicate);
        for n in 3..10 {
            summary.record(&at(n), &Outcome::Rejected(format!("bad {n}")));
        }
        assert!(summary.succeeded());
        summary.record(&at(10), &Outcome::Failed("HTTP 503".into()));
        assert!(!summary.succeeded());
        assert_eq!((summary.created, summary.duplicate, summary.rejected, summary.failed), (1, 1, 7, 1));
        assert_eq!(summary.items(), 10);
        assert_eq!(summary.rejections.len(), 5);
        let text = summary.to_string();
        assert!(text.starts_with("10 items: created 1, duplicate 1, rejected 7, failed 1\n"), "{text}");
        assert!(text.contains("rejected (first 5 of 7):\n  in.ndjson:3: bad 3\n"), "{text}");
        assert!(text.contains("failed:\n  in.ndjson:10: HTTP 503\n"), "{text}");
        assert!(!text.contains("bad 8"));
    }
}
