//! Following a PostgreSQL notification channel (LISTEN/NOTIFY), for what every
//! instance must hear of: new event log entries, changed extractor inputs.

use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::PgPool;

/// The channel the topics and actors tables' triggers notify (migration 21).
pub const EXTRACTOR_INPUTS: &str = "readout_extractor";

/// Calls `wake` on every notification on `channel`, and each time the
/// listening connection is made, the first time included: what was notified
/// while nobody listened is lost, so the owner must look for itself then.
/// After a lost connection it tries again every `retry`. Never returns; drop
/// or abort it to stop.
pub async fn follow(pool: PgPool, channel: &'static str, retry: Duration, mut wake: impl FnMut()) {
    loop {
        let listening = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.listen(channel).await?;
            wake();
            loop {
                listener.recv().await?;
                wake();
            }
        };
        let failed: sqlx::Result<()> = listening.await;
        if let Err(error) = failed {
            tracing::warn!(%error, channel, "lost a notification channel; trying again shortly");
        }
        tokio::time::sleep(retry).await;
    }
}
