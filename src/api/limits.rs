//! Limits that keep one client from taking the server: requests per second per
//! client IP and per API key (429 with `Retry-After`), and a deadline per request.

use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::problem::ApiError;
use super::AppState;

/// A client may send this many seconds' worth of its rate at once: a dashboard
/// page fires its dozen requests together, well inside the default bursts.
pub const BURST_SECONDS: u32 = 4;

/// Probes and scrapes come from the infrastructure at a steady pace; they are never limited.
const UNLIMITED_PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// Forgotten buckets are swept every this many checks, so a stream of new IPs
/// cannot grow the limiter's map without bound.
const SWEEP_EVERY: u64 = 4096;

/// A keyed token bucket: `per_second` requests a second per key, bursts of
/// `BURST_SECONDS` times that.
pub struct Limiter<K: Hash + Eq + Clone> {
    buckets: DefaultKeyedRateLimiter<K>,
    checks: AtomicU64,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// `None` for 0: no limit.
    pub fn per_second(rate: u32) -> Option<Self> {
        let rate = NonZeroU32::new(rate)?;
        let burst = rate.saturating_mul(NonZeroU32::new(BURST_SECONDS).expect("a positive constant"));
        let quota = Quota::per_second(rate).allow_burst(burst);
        Some(Limiter { buckets: RateLimiter::keyed(quota), checks: AtomicU64::new(0) })
    }

    /// Takes one request from `key`'s bucket, or says how long to wait.
    pub fn check(&self, key: &K) -> Result<(), ApiError> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.buckets.retain_recent();
            self.buckets.shrink_to_fit();
        }
        self.buckets.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.buckets.clock().now());
            // Whole seconds, rounded up: a client that waits that long is let through.
            let retry_after = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            ApiError::RateLimited { retry_after: retry_after.max(1) }
        })
    }
}

/// The limits a server enforces; all off unless configured.
pub struct Limits {
    per_ip: Option<Limiter<IpAddr>>,
    per_key: Option<Limiter<i64>>,
    pub timeout: Duration,
}

/// What `--request-timeout` defaults to.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl Default for Limits {
    fn default() -> Self {
        Limits { per_ip: None, per_key: None, timeout: DEFAULT_TIMEOUT }
    }
}

impl Limits {
    pub fn new(per_ip: u32, per_key: u32, timeout: Duration) -> Self {
        Limits { per_ip: Limiter::per_second(per_ip), per_key: Limiter::per_second(per_key), timeout }
    }

    /// Charges a request made with the API key `key_id` to that key.
    pub fn check_key(&self, key_id: i64) -> Result<(), ApiError> {
        self.per_key.as_ref().map_or(Ok(()), |limiter| limiter.check(&key_id))
    }
}

/// Charges every request to its client's IP address, before anything else is
/// done for it (authentication included, so guessing keys is slowed too).
///
/// The address is the TCP peer's: behind a reverse proxy every client shares
/// the proxy's budget, so let the proxy limit instead (`--rate-limit-per-ip 0`);
/// `X-Forwarded-For` is not trusted because any client can write it. Requests
/// that carry no peer address (in-process tests driving the router directly)
/// are not limited by IP.
pub async fn per_ip(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    if let (Some(limiter), Some(ip)) = (&app.limits.per_ip, peer) {
        if !UNLIMITED_PATHS.contains(&request.uri().path()) {
            if let Err(error) = limiter.check(&ip) {
                return error.into_response();
            }
        }
    }
    next.run(request).await
}

/// Abandons a request that has not produced its answer within the timeout, with
/// a 503 problem. Dropping the handler rolls back any open transaction.
pub async fn deadline(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let timeout = app.limits.timeout;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(timeout_s = timeout.as_secs(), "request timed out");
            ApiError::TimedOut(timeout).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_lets_a_burst_through_then_says_when_to_retry() {
        let limiter = Limiter::per_second(2).unwrap();
        for _ in 0..2 * BURST_SECONDS {
            limiter.check(&"a").unwrap();
        }
        match limiter.check(&"a") {
            Err(ApiError::RateLimited { retry_after }) => assert_eq!(retry_after, 1),
            other => panic!("expected a 429, got {other:?}"),
        }
        // Another client has its own bucket.
        limiter.check(&"b").unwrap();
    }

    #[test]
    fn zero_means_no_limit() {
        assert!(Limiter::<IpAddr>::per_second(0).is_none());
    }
}
