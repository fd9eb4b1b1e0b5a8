//! The live feed (issue 17): `GET /v1/events` streams what ingestion stores as
//! Server-Sent Events, filtered, resumable with `Last-Event-ID` on any
//! instance, and ends streams rather than let a slow client hold anything up.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::{TestApp, TestServer};
use readout::api::{self, AppState};
use readout::domain::event::{EventFilter, EventId};
use readout::events::{Hub, Next};
use serde_json::{json, Value};

/// Kazakhstan and China meet; Kazakhstan states the one-China policy.
const ASTANA: &str = "ASTANA, March 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met with visiting \
Chinese Foreign Minister Wang Yi here on Monday.\n\n\
Kazakhstan firmly adheres to the one-China policy, Tokayev said.\n";
/// Mongolia and China talk by phone; Mongolia supports Belt and Road.
const ULAANBAATAR: &str = "ULAANBAATAR, April 9 (Xinhua) -- Mongolian Foreign Minister Batmunkh Battsetseg held \
phone talks with Chinese Foreign Minister Wang Yi on Tuesday.\n\n\
Mongolia supports the Belt and Road Initiative, Battsetseg said.\n";
/// Uzbekistan and China meet; Uzbekistan abides by the one-China principle.
const TASHKENT: &str = "TASHKENT, May 14 (Xinhua) -- Uzbek President Shavkat Mirziyoyev met with visiting \
Chinese Foreign Minister Wang Yi here on Tuesday.\n\n\
Uzbekistan firmly abides by the one-China principle, Mirziyoyev said.\n";

/// One message of an event stream.
#[derive(Debug, Clone)]
struct Message {
    id: Option<String>,
    event: String,
    data: Value,
}

/// A client of `GET /v1/events` reading messages as they come.
struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

impl EventStream {
    async fn open(base: &str, query: &str, last_event_id: Option<&str>) -> Self {
        let mut request = reqwest::Client::new().get(format!("{base}/v1/events{query}"));
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        EventStream { response, buffer: String::new() }
    }

    /// The next message that is not a comment, or None when nothing comes within `wait`.
    async fn next_within(&mut self, wait: Duration) -> Option<Message> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(message) = parse(&block) {
                    return Some(message);
                }
                continue;
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(std::str::from_utf8(&chunk).unwrap()),
                Ok(Ok(None)) | Ok(Err(_)) | Err(_) => return None,
            }
        }
    }

    async fn next(&mut self) -> Message {
        self.next_within(Duration::from_secs(15)).await.expect("an event within 15 s")
    }

    /// Every message of one article, the article's own first: they come until the next article's.
    async fn article(&mut self, article_id: i64) -> Vec<Message> {
        let mut messages = vec![];
        while messages.last().is_none_or(|m: &Message| m.data["article_id"] == article_id) {
            let Some(message) = self.next_within(Duration::from_secs(3)).await else { break };
            if message.data["article_id"] != article_id {
                break;
            }
            messages.push(message);
        }
        messages
    }
}

fn parse(block: &str) -> Option<Message> {
    let (mut id, mut event, mut data) = (None, String::from("message"), String::new());
    for line in block.lines() {
        if let Some(value) = line.strip_prefix("id:") {
            id = Some(value.trim().to_string());
        } else if let Some(value) = line.strip_prefix("event:") {
            event = value.trim().to_string();
        } else if let Some(value) = line.strip_prefix("data:") {
            data.push_str(value.trim_start());
        }
    }
    (!data.is_empty()).then(|| Message { id, event, data: serde_json::from_str(&data).unwrap() })
}

async fn post(app: &TestApp, text: &str, day: &str) -> i64 {
    let created = app.post_json("/v1/articles", &json!({ "text": text, "published_at": day, "source": "Xinhua" })).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_i64().unwrap()
}

fn kinds(messages: &[Message]) -> Vec<&str> {
    messages.iter().map(|m| m.event.as_str()).collect()
}

#[tokio::test]
async fn a_stored_article_streams_as_its_article_meetings_positions_and_changes() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    let mut stream = EventStream::open(&server.base, "", None).await;
    let article = post(&app, ASTANA, "2024-03-04").await;

    let first = stream.next().await;
    assert_eq!(first.event, "article");
    assert_eq!(first.data["article_id"], article);
    assert_eq!(first.data["article"]["publisher_country"], "CN");
    assert_eq!(first.id.as_deref(), first.data["id"].as_str(), "the SSE id is the event's id");
    let mut messages = vec![first];
    messages.extend(stream.article(article).await);
    assert_eq!(kinds(&messages), ["article", "meeting", "position", "position_change"], "{messages:#?}");
    let meeting = &messages[1].data;
    assert_eq!(meeting["countries"], json!(["CN", "KZ"]));
    assert_eq!(meeting["meeting"]["first_report"], true);
    assert_eq!(meeting["meeting"]["participants"], json!(["Kassym-Jomart Tokayev", "Wang Yi"]));
    let change = &messages[3].data["position"];
    assert_eq!((change["actor"].as_str(), change["topic"].as_str()), (Some("KZ"), Some("one_china")));
    assert_eq!((change["change"].as_str(), change["grade"].as_str()), (Some("first_stated"), Some("pursues_policy")));
    let ids: Vec<EventId> = messages.iter().map(|m| EventId::parse(m.id.as_deref().unwrap()).unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids rise: {ids:?}");

    // A second report of the meeting is not its first.
    let again = post(&app, &ASTANA.replace("firmly adheres", "adheres"), "2024-03-04").await;
    let messages = stream.article(again).await;
    let meeting = messages.iter().find(|m| m.event == "meeting").expect("the meeting again");
    assert_eq!(meeting.data["meeting"]["first_report"], false);
}

#[tokio::test]
async fn filters_keep_only_the_events_asked_for() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    let mut changes = EventStream::open(&server.base, "?kind=position_change&topic=one_china", None).await;
    let mut mongolia = EventStream::open(&server.base, "?country=mn&kind=article,position", None).await;
    let astana = post(&app, ASTANA, "2024-03-04").await;
    let ulaanbaatar = post(&app, ULAANBAATAR, "2024-04-09").await;
    let tashkent = post(&app, TASHKENT, "2024-05-14").await;

    // Kazakhstan's and Uzbekistan's one-China changes; nothing of Mongolia's article.
    let first = changes.next().await;
    assert_eq!((first.event.as_str(), first.data["article_id"].as_i64()), ("position_change", Some(astana)));
    let second = changes.next().await;
    assert_eq!(second.data["article_id"], tashkent, "{second:#?}");
    assert_eq!(second.data["position"]["grade"], "abides_by_principle");

    let article = mongolia.next().await;
    assert_eq!((article.event.as_str(), article.data["article_id"].as_i64()), ("article", Some(ulaanbaatar)));
    let position = mongolia.next().await;
    assert_eq!(position.data["position"]["actor"], "MN");
    assert_eq!(position.data["position"]["topic"], "belt_and_road");
    assert!(mongolia.next_within(Duration::from_secs(3)).await.is_none(), "nothing of Kazakhstan or Uzbekistan");
}

#[tokio::test]
async fn a_client_resumes_after_its_last_event_on_another_instance() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    let mut stream = EventStream::open(&server.base, "", None).await;
    let astana = post(&app, ASTANA, "2024-03-04").await;
    let mut seen = vec![stream.next().await];
    seen.extend(stream.article(astana).await);
    drop(stream);

    // Disconnected after the second event; meanwhile another article is stored.
    let ulaanbaatar = post(&app, ULAANBAATAR, "2024-04-09").await;
    // A second instance: its own state and hub, the same database.
    let extractor = readout::store::extractor(&mut app.db.pool.acquire().await.unwrap()).await.unwrap();
    let other = TestServer::start(api::router(AppState::new(app.db.pool.clone(), extractor))).await;
    let resumed_from = seen[1].id.clone().unwrap();
    let mut resumed = EventStream::open(&other.base, "", Some(&resumed_from)).await;
    let mut after = vec![];
    for _ in 2..seen.len() {
        after.push(resumed.next().await);
    }
    let ids = |ms: &[Message]| ms.iter().map(|m| m.id.clone().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(&after), ids(&seen[2..]), "the rest of the first article, once each");
    let next = resumed.next().await;
    assert_eq!((next.event.as_str(), next.data["article_id"].as_i64()), ("article", Some(ulaanbaatar)));
    resumed.article(ulaanbaatar).await;

    // Then live, on the new instance, for an article stored through the first.
    let tashkent = post(&app, TASHKENT, "2024-05-14").await;
    assert_eq!(resumed.next().await.data["article_id"], tashkent);
}

#[tokio::test]
async fn resuming_from_before_the_retention_window_opens_with_a_gap() {
    let app = TestApp::new().await;
    let server = TestServer::start(app.router()).await;
    post(&app, ASTANA, "2024-03-04").await;
    let mut conn = app.db.pool.acquire().await.unwrap();
    let pruned = readout::store::events::prune(&mut conn, chrono::Utc::now() + chrono::Duration::seconds(1)).await.unwrap();
    assert_eq!(pruned, 1);
    assert_eq!(readout::store::events::pruned_through(&mut conn).await.unwrap(), 1);

    let mut stream = EventStream::open(&server.base, "", Some("0.3")).await;
    let gap = stream.next().await;
    assert_eq!((gap.event.as_str(), gap.id.as_deref()), ("gap", None));
    assert!(gap.data["detail"].as_str().unwrap().contains("retention"), "{gap:?}");
    let tashkent = post(&app, TASHKENT, "2024-05-14").await;
    assert_eq!(stream.next().await.data["article_id"], tashkent, "then the events kept, and live ones");
}

#[tokio::test]
async fn bad_filters_and_event_ids_are_refused_with_what_is_wrong() {
    let app = TestApp::new().await;
    app.get("/v1/events?kind=article,meetings").await.assert_problem(StatusCode::BAD_REQUEST, "`meetings`");
    app.get("/v1/events?country=ZZ").await.assert_problem(StatusCode::BAD_REQUEST, "/v1/countries");
    app.get("/v1/events?topic=taiwan").await.assert_problem(StatusCode::BAD_REQUEST, "is not a topic");
    app.get_with("/v1/events", &[("last-event-id", "yesterday")]).await.assert_problem(StatusCode::BAD_REQUEST, "1042.3");
}

#[tokio::test]
async fn a_subscriber_that_falls_behind_is_dropped_and_ingestion_never_waits() {
    let app = TestApp::new().await;
    let hub = Hub::with_backlog(app.db.pool.clone(), 1);
    let now = EventId::after_entry(0);
    let mut idle = hub.subscribe(EventFilter::default(), now, now);
    // Stored one by one, each its own batch on the live channel (the hub
    // reads the log on each notification and at least every 2 s), while the
    // subscriber reads nothing.
    for (text, day) in [(ASTANA, "2024-03-04"), (ULAANBAATAR, "2024-04-09"), (TASHKENT, "2024-05-14")] {
        post(&app, text, day).await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
    }
    // It catches up from the log, then finds the live channel overrun, and ends.
    let mut articles = 0;
    loop {
        match tokio::time::timeout(Duration::from_secs(10), idle.next()).await.expect("no wait") {
            Next::Event(event) => articles += usize::from(event.kind().as_str() == "article"),
            Next::End => break,
        }
    }
    assert_eq!(articles, 3);

    // Closing the hub (on shutdown) ends the streams at once.
    let mut live = hub.subscribe(EventFilter::default(), EventId::after_entry(3), EventId::after_entry(3));
    hub.close();
    assert!(matches!(tokio::time::timeout(Duration::from_secs(2), live.next()).await, Ok(Next::End)));
}

#[tokio::test]
async fn the_log_reads_page_by_page_once_each_and_ends() {
    let app = TestApp::new().await;
    for (text, day) in [(ASTANA, "2024-03-04"), (ULAANBAATAR, "2024-04-09"), (TASHKENT, "2024-05-14")] {
        post(&app, text, day).await;
    }
    let conn = &mut *app.db.pool.acquire().await.unwrap();
    let (mut after, mut seen, mut pages) = (EventId::after_entry(0), vec![], 0);
    loop {
        let page = readout::store::events::read_after(conn, after, 2).await.unwrap();
        if page.read_through.is_none() {
            break;
        }
        pages += 1;
        assert!(pages <= 2, "two entries a page, three entries: two pages");
        seen.extend(page.events.iter().map(|e| e.id));
        after = page.next(after);
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert_eq!(seen.iter().filter(|id| id.ord == 0).count(), 3, "each article once");
    // From inside an entry: the rest of it, then the next.
    let page = readout::store::events::read_after(conn, EventId { log: 2, ord: 1 }, 2).await.unwrap();
    let ids: Vec<EventId> = page.events.iter().map(|e| e.id).collect();
    assert_eq!(ids.first(), Some(&EventId { log: 2, ord: 2 }));
    assert!(ids.contains(&EventId { log: 3, ord: 0 }));
}
