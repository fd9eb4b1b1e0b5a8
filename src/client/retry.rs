//! When to try a request again, and how long to wait first: pure decisions.

use std::time::Duration;

/// Exponential backoff with jitter: the n-th wait (from 0) is drawn between
/// half and all of `base · 2ⁿ`, capped. Jitter spreads the retries of
/// concurrent batches so they do not hit a recovering server at one instant.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { base: Duration::from_millis(250), cap: Duration::from_secs(8) }
    }
}

impl Backoff {
    /// The wait before retry `attempt` (from 0). `hint` is the server's
    /// `Retry-After`, which wins when it is given; `unit` is a random number in [0, 1).
    pub fn delay(&self, attempt: u32, hint: Option<Duration>, unit: f64) -> Duration {
        if let Some(hint) = hint {
            return hint;
        }
        let ceiling = self.base.saturating_mul(2u32.saturating_pow(attempt.min(16))).min(self.cap);
        ceiling.mul_f64(0.5 + 0.5 * unit.clamp(0.0, 1.0))
    }
}

/// What an HTTP status says about trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The answer is the batch result.
    Answered,
    /// Worth another try: the server is overloaded or failing, perhaps briefly.
    Retry,
    /// The request itself is refused; sending it again would get the same answer.
    Refused,
}

pub fn verdict(status: u16) -> Verdict {
    match status {
        200..=299 => Verdict::Answered,
        // 408 Request Timeout and 429 Too Many Requests invite a retry.
        408 | 429 | 500..=599 => Verdict::Retry,
        _ => Verdict::Refused,
    }
}

/// A `Retry-After` header in seconds (the HTTP-date form falls back to backoff),
/// bounded so a confused server cannot park the client for hours.
pub fn retry_after(value: &str) -> Option<Duration> {
    let seconds: u64 = value.trim().parse().ok()?;
    Some(Duration::from_secs(seconds.min(300)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_within_their_jitter_up_to_the_cap() {
        let backoff = Backoff { base: Duration::from_millis(100), cap: Duration::from_secs(1) };
        assert_eq!(backoff.delay(0, None, 0.0), Duration::from_millis(50));
        assert_eq!(backoff.delay(0, None, 1.0), Duration::from_millis(100));
        assert_eq!(backoff.delay(2, None, 1.0), Duration::from_millis(400));
        assert_eq!(backoff.delay(3, None, 0.5), Duration::from_millis(600));
        assert_eq!(backoff.delay(10, None, 1.0), Duration::from_secs(1));
        assert_eq!(backoff.delay(u32::MAX, None, 1.0), Duration::from_secs(1), "no overflow");
    }

    #[test]
    fn retry_after_wins_over_backoff() {
        let backoff = Backoff::default();
        assert_eq!(backoff.delay(0, Some(Duration::from_secs(7)), 0.3), Duration::from_secs(7));
        assert_eq!(retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(retry_after("86400"), Some(Duration::from_secs(300)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn server_faults_and_throttling_are_retried_other_client_errors_are_not() {
        assert_eq!(verdict(200), Verdict::Answered);
        for status in [408, 429, 500, 502, 503, 504] {
            assert_eq!(verdict(status), Verdict::Retry, "{status}");
        }
        for status in [400, 401, 403, 404, 413, 415, 422] {
            assert_eq!(verdict(status), Verdict::Refused, "{status}");
        }
    }
}
