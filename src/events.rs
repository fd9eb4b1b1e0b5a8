//! The live feed: each server instance follows the event log (PostgreSQL
//! LISTEN/NOTIFY, with a poll as a backstop for lost notifications) and fans
//! new events out to its subscribers. The log in the database is the truth:
//! any instance serves any client, and a client resuming with `Last-Event-ID`
//! reads what it missed from the log, whichever instance it was on before.

use std::collections::VecDeque;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::{broadcast, watch, Notify};

use crate::domain::event::{Event, EventFilter, EventId};
use crate::store;

/// How often the log is read when no notification came: notifications are
/// lost while the listening connection reconnects.
const POLL: Duration = Duration::from_secs(2);
/// Log entries (articles) read at once.
const ENTRIES_PER_READ: i64 = 100;
/// Batches of events a subscriber may fall behind before it is dropped; it
/// then reconnects with `Last-Event-ID` and catches up from the log.
const BACKLOG: usize = 256;

/// One instance's fan-out of the log. Cheap to clone; started by the first subscriber.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    pool: PgPool,
    live: broadcast::Sender<Arc<Vec<Event>>>,
    closed: watch::Sender<bool>,
    started: OnceLock<()>,
}

impl Hub {
    pub fn new(pool: PgPool) -> Self {
        Self::with_backlog(pool, BACKLOG)
    }

    /// A hub whose subscribers may fall `backlog` batches behind before they are dropped.
    pub fn with_backlog(pool: PgPool, backlog: usize) -> Self {
        let (live, _) = broadcast::channel(backlog);
        let (closed, _) = watch::channel(false);
        Hub { inner: Arc::new(Inner { pool, live, closed, started: OnceLock::new() }) }
    }

    /// Events after `from` that pass `filter`: those in the log, then live
    /// ones. `now` is the log's end read before this call (the follower
    /// starts there when this is the first subscriber, so nothing committed
    /// since falls between).
    pub fn subscribe(&self, filter: EventFilter, from: EventId, now: EventId) -> Subscription {
        let live = self.inner.live.subscribe();
        self.inner.started.get_or_init(|| {
            tokio::spawn(follow_log(self.inner.clone(), now));
        });
        Subscription {
            pool: self.inner.pool.clone(),
            filter,
            cursor: from,
            catching_up: true,
            live,
            closed: self.inner.closed.subscribe(),
            ready: VecDeque::new(),
        }
    }

    /// Ends every subscription and stops following the log: on shutdown,
    /// so open streams do not hold the server up.
    pub fn close(&self) {
        self.inner.closed.send_replace(true);
    }
}

/// What a subscriber gets next.
#[derive(Debug)]
pub enum Next {
    Event(Event),
    /// The subscription is over: the server is shutting down, the subscriber
    /// fell too far behind, or the log could not be read.
    End,
}

pub struct Subscription {
    pool: PgPool,
    filter: EventFilter,
    /// The last event seen (delivered or filtered out).
    cursor: EventId,
    catching_up: bool,
    live: broadcast::Receiver<Arc<Vec<Event>>>,
    closed: watch::Receiver<bool>,
    ready: VecDeque<Event>,
}

impl Subscription {
    pub async fn next(&mut self) -> Next {
        loop {
            if *self.closed.borrow() {
                return Next::End;
            }
            if let Some(event) = self.ready.pop_front() {
                return Next::Event(event);
            }
            let more = if self.catching_up { self.read_log().await } else { self.read_live().await };
            if !more {
                return Next::End;
            }
        }
    }

    /// Reads the next page of the log, or switches to live events when the
    /// log has nothing more. The live channel was subscribed before the first
    /// read, so nothing committed meanwhile is missed; what both carry is
    /// told apart by id.
    async fn read_log(&mut self) -> bool {
        let page = async { store::events::read_after(&mut *self.pool.acquire().await?, self.cursor, ENTRIES_PER_READ).await };
        match page.await {
            Ok(page) if page.read_through.is_none() => self.catching_up = false,
            Ok(page) => {
                self.cursor = page.next(self.cursor);
                self.ready.extend(page.events.into_iter().filter(|e| self.filter.matches(e)));
            }
            Err(error) => {
                tracing::warn!(%error, "cannot read the event log for a subscriber; ending its stream");
                return false;
            }
        }
        true
    }

    async fn read_live(&mut self) -> bool {
        let batch = tokio::select! {
            _ = self.closed.changed() => return false,
            batch = self.live.recv() => batch,
        };
        match batch {
            Ok(batch) => {
                for event in batch.iter() {
                    if event.id <= self.cursor {
                        continue;
                    }
                    self.cursor = event.id;
                    if self.filter.matches(event) {
                        self.ready.push_back(event.clone());
                    }
                }
                true
            }
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                tracing::info!(missed, "dropping an event subscriber that fell behind; it can resume with Last-Event-ID");
                false
            }
            Err(broadcast::error::RecvError::Closed) => false,
        }
    }
}

/// Reads the log on every notification (and every `POLL`) and sends what is
/// new to this instance's subscribers, starting after `from`. With none, it
/// only keeps its place.
async fn follow_log(inner: Arc<Inner>, from: EventId) {
    let notified = Arc::new(Notify::new());
    tokio::spawn(listen(inner.pool.clone(), notified.clone(), inner.closed.subscribe()));
    let mut closed = inner.closed.subscribe();
    let mut cursor = from;
    loop {
        if let Err(error) = publish_new(&inner, &mut cursor).await {
            tracing::warn!(%error, "cannot read the event log; trying again shortly");
        }
        tokio::select! {
            _ = closed.changed() => return,
            _ = notified.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

async fn publish_new(inner: &Inner, cursor: &mut EventId) -> sqlx::Result<()> {
    let conn = &mut *inner.pool.acquire().await?;
    // The end is read before subscribers are counted: one who subscribes in
    // between read the log's end after this, and reads up to it from the log.
    let end = store::events::latest(conn).await?;
    if inner.live.receiver_count() == 0 {
        *cursor = (*cursor).max(EventId::after_entry(end));
        return Ok(());
    }
    loop {
        let page = store::events::read_after(conn, *cursor, ENTRIES_PER_READ).await?;
        if page.read_through.is_none() {
            return Ok(());
        }
        *cursor = page.next(*cursor);
        if !page.events.is_empty() {
            // No receiver left is not an error: the next round keeps its place.
            let _ = inner.live.send(Arc::new(page.events));
        }
    }
}

/// Wakes the follower on each notification of the log's channel (and on each
/// reconnection, when the poll would otherwise be the first to look).
async fn listen(pool: PgPool, notified: Arc<Notify>, mut closed: watch::Receiver<bool>) {
    let follow = store::notify::follow(pool, store::events::CHANNEL, POLL, || notified.notify_one());
    tokio::select! {
        _ = closed.changed() => {}
        _ = follow => {}
    }
}
