//! The store writes an extraction whole and reads back exactly what it wrote.

mod common;

use chrono::NaiveDate;
use common::{TestDb, TEST_READ};
use readout::domain::*;
use readout::store::{self, articles::NewArticle};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code(c: &str) -> CountryCode {
    CountryCode::parse(c).unwrap()
}

fn official(name: &str, country: &str, titles: &[&str]) -> Official {
    Official {
        name: name.into(),
        country: Some(code(country)),
        org: None,
        titles: titles
            .iter()
            .enumerate()
            .map(|(i, t)| TitleMention { title: t.to_string(), span: Span::new(i * 10, i * 10 + 5) })
            .collect(),
        mentions: vec![
            Mention { span: Span::new(40, 48), kind: MentionKind::FullName },
            Mention { span: Span::new(90, 92), kind: MentionKind::Pronoun },
        ],
    }
}

/// Every kind of row, every kind of speaker, two positions on one topic.
fn sample_extraction() -> Extraction {
    Extraction {
        dateline: Some(Dateline {
            place: "Astana".into(),
            country: Some(code("KZ")),
            date: Some(day("2024-03-04")),
            agency: Some("Xinhua".into()),
            span: Span::new(0, 30),
        }),
        // `articles::insert` leaves the publisher's state unknown; ingestion writes it.
        publisher: None,
        officials: vec![
            official("Kassym-Jomart Tokayev", "KZ", &["President"]),
            official("Wang Yi", "CN", &["State Councilor", "Foreign Minister"]),
            Official { name: "Antonio Guterres".into(), country: None, org: Some("UN".into()), titles: vec![], mentions: vec![] },
        ],
        meetings: vec![Meeting {
            kind: MeetingKind::Talks,
            date: Some(ResolvedDate { date: day("2024-03-03"), anchor: Some(day("2024-03-04")), rule: DateRule::Weekday }),
            location: Some("Astana".into()),
            location_country: Some(code("KZ")),
            participants: vec![0, 1],
            host: Some(0),
            span: Span::new(31, 120),
        }],
        statements: vec![
            Statement { speaker: Speaker::Official(0), text: "One".into(), span: Span::new(121, 124), mode: StatementMode::Reported, verb: Some("say".into()) },
            Statement { speaker: Speaker::State(code("CN")), text: "Two".into(), span: Span::new(125, 128), mode: StatementMode::Direct, verb: None },
            Statement { speaker: Speaker::Joint(vec![code("CN"), code("KZ")]), text: "Three".into(), span: Span::new(129, 134), mode: StatementMode::Reported, verb: Some("agree".into()) },
        ],
        positions: vec![
            Position {
                actor: Actor::State(code("KZ")),
                topic: TopicSlug::parse("one_china").unwrap(),
                stance: Stance::Support,
                speaker: Some(0),
                statement: 0,
                span: Span::new(121, 123),
                grade: Some(PositionGrade { rank: 2, slug: TopicSlug::parse("abides_by_principle").unwrap(), span: Span::new(121, 124) }),
            },
            Position { actor: Actor::State(code("CN")), topic: TopicSlug::parse("non_interference").unwrap(), stance: Stance::Oppose, speaker: None, statement: 1, span: Span::new(125, 127), grade: None },
            Position { actor: Actor::Org("UN".into()), topic: TopicSlug::parse("multilateralism").unwrap(), stance: Stance::Support, speaker: Some(2), statement: 2, span: Span::new(129, 131), grade: None },
        ],
    }
}

fn new_article(text: &str) -> NewArticle {
    NewArticle {
        text: ArticleText::parse(text.into()).unwrap(),
        title: None,
        url: None,
        source: None,
        published: Some(Published::parse("2024-03-04").unwrap()),
    }
}

#[tokio::test]
async fn an_extraction_reads_back_exactly_as_written() {
    let db = TestDb::new().await;
    let extraction = sample_extraction();
    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("text"), extraction.dateline.as_ref(), day("2024-03-04"), TEST_READ)
        .await
        .unwrap()
        .unwrap();
    let written = store::extraction::insert(&mut tx, id, &extraction, day("2024-03-04")).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.pool.acquire().await.unwrap();
    let (mut loaded, ids) = store::extraction::load(&mut conn, id).await.unwrap();
    loaded.dateline = store::articles::get(&mut conn, id).await.unwrap().unwrap().dateline();
    assert_eq!(loaded, extraction);
    assert_eq!(ids, written);
    let seen: Vec<(String, NaiveDate)> =
        sqlx::query_as("SELECT title, seen_on FROM official_titles ORDER BY id").fetch_all(&db.pool).await.unwrap();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|(_, on)| *on == day("2024-03-04")));
}

#[tokio::test]
async fn the_same_person_in_two_articles_is_one_official() {
    let db = TestDb::new().await;
    let mut tx = db.pool.begin().await.unwrap();
    let mut ids = vec![];
    for text in ["first", "second"] {
        let id = store::articles::insert(&mut tx, &new_article(text), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        ids.push(store::extraction::insert(&mut tx, id, &sample_extraction(), day("2024-03-05")).await.unwrap());
    }
    tx.commit().await.unwrap();
    assert_eq!(ids[0].officials, ids[1].officials);
    assert_eq!(db.count("officials").await, 3);
    assert_eq!(db.count("article_officials").await, 6);
}

#[tokio::test]
async fn references_no_key_guards_hold_and_a_broken_one_is_reported() {
    let db = TestDb::new().await;
    let mut tx = db.pool.begin().await.unwrap();
    let mut articles = vec![];
    for text in ["first", "second", "third"] {
        let id = store::articles::insert(&mut tx, &new_article(text), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        store::extraction::insert(&mut tx, id, &sample_extraction(), day("2024-03-05")).await.unwrap();
        articles.push(id);
    }
    tx.commit().await.unwrap();
    db.assert_references_hold().await;
    let mut conn = db.pool.acquire().await.unwrap();
    assert!(store::articles::delete(&mut conn, articles[0]).await.unwrap());
    db.assert_references_hold().await;

    // A speaker taken from another article is exactly what the view exists to catch.
    sqlx::query(
        "UPDATE statements SET speaker_id = (SELECT min(id) FROM article_officials WHERE article_id = $2)
         WHERE article_id = $1 AND speaker_id IS NOT NULL",
    )
    .bind(articles[1])
    .bind(articles[2])
    .execute(&db.pool)
    .await
    .unwrap();
    let broken: Vec<String> = sqlx::query_scalar("SELECT reference FROM broken_references WHERE broken > 0")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(broken, ["statements.speaker_id"]);
}

#[tokio::test]
async fn a_failed_write_leaves_no_half_article() {
    let db = TestDb::new().await;
    let mut broken = sample_extraction();
    broken.positions[0].topic = TopicSlug::parse("no_such_topic").unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("text"), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
    assert!(store::extraction::insert(&mut tx, id, &broken, day("2024-03-05")).await.is_err());
    drop(tx);
    for table in ["articles", "officials", "statements", "meetings", "positions"] {
        assert_eq!(db.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_person_removed_after_the_lookup_fails_the_insert_rather_than_dangle() {
    // Batch ingestion finds people before its transaction; a concurrent delete
    // may remove one of them (left with no articles) before the insert.
    let db = TestDb::new().await;
    let extraction = sample_extraction();
    let mut conn = db.pool.acquire().await.unwrap();
    let people = store::officials::find_or_create_people(&mut conn, extraction.officials.iter()).await.unwrap();
    sqlx::query("DELETE FROM officials WHERE name = 'Wang Yi'").execute(&mut *conn).await.unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("text"), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
    let items = [store::extraction::ArticleExtraction { article_id: id, extraction: &extraction, day: day("2024-03-05") }];
    let refused = store::extraction::insert_many_with_people(&mut tx, &items, &people).await.unwrap_err();
    assert!(refused.to_string().contains("article_officials_official_id_fkey"), "{refused}");
}

#[tokio::test]
async fn reference_data_is_seeded_and_reseeding_keeps_user_topics() {
    let db = TestDb::new().await;
    assert_eq!(db.count("countries").await, COUNTRIES.len() as i64);
    assert_eq!(db.count("topics").await, default_topics().len() as i64);
    sqlx::query("INSERT INTO topics (slug, label, patterns) VALUES ('arctic', 'Arctic', '{Arctic}')")
        .execute(&db.pool)
        .await
        .unwrap();
    store::migrate(&db.pool).await.unwrap();
    assert_eq!(db.count("topics").await, default_topics().len() as i64 + 1);
}

#[tokio::test]
async fn reports_of_one_meeting_share_it_until_the_last_is_deleted() {
    let db = TestDb::new().await;
    let mut tx = db.pool.begin().await.unwrap();
    let mut articles = vec![];
    let mut next_day = sample_extraction();
    next_day.meetings[0].date.as_mut().unwrap().date = day("2024-03-04");
    next_day.meetings[0].kind = MeetingKind::Meeting;
    for (text, extraction) in [("first", sample_extraction()), ("second", next_day)] {
        let id = store::articles::insert(&mut tx, &new_article(text), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        let ids = store::extraction::insert(&mut tx, id, &extraction, day("2024-03-05")).await.unwrap();
        articles.push((id, ids));
    }
    tx.commit().await.unwrap();
    assert_eq!(articles[0].1.meetings, articles[1].1.meetings, "talks a day apart, same people: one meeting");
    assert_eq!(db.count("meetings").await, 1);
    assert_eq!(db.count("meeting_reports").await, 2);

    let mut conn = db.pool.acquire().await.unwrap();
    assert!(store::articles::delete(&mut conn, articles[0].0).await.unwrap());
    assert_eq!(db.count("meetings").await, 1, "the other report keeps the meeting");
    let kind: String = sqlx::query_scalar("SELECT kind FROM meetings").fetch_one(&db.pool).await.unwrap();
    assert_eq!(kind, "meeting", "the meeting is recomputed from the report that is left");
    assert!(store::articles::delete(&mut conn, articles[1].0).await.unwrap());
    for table in ["meetings", "officials", "meeting_participants"] {
        assert_eq!(db.count(table).await, 0, "{table}");
    }
}

/// A delete that arrives while a reprocess holds the article (schemathesis found
/// it as a 500: the two took the article's row and the shared rows in opposite
/// orders, and PostgreSQL broke the deadlock by failing the delete).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_during_a_reprocess_of_its_article_waits_for_it() {
    let db = TestDb::new().await;
    let extraction = sample_extraction();
    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("first"), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
    store::extraction::insert(&mut tx, id, &extraction, day("2024-03-05")).await.unwrap();
    tx.commit().await.unwrap();

    // The reprocess's transaction, as reprocess::reread_together runs it: the article first...
    let mut reprocess = db.pool.begin().await.unwrap();
    let reread = store::articles::Reread { id, dateline: extraction.dateline.as_ref(), reported_on: day("2024-03-05"), publisher: None };
    store::articles::record_reread(&mut reprocess, &[reread], TEST_READ).await.unwrap();
    let pool = db.pool.clone();
    let delete = tokio::spawn(async move {
        let mut tx = pool.begin().await?;
        let deleted = store::articles::delete(&mut tx, id).await?;
        tx.commit().await?;
        Ok::<bool, sqlx::Error>(deleted)
    });
    wait_until_a_lock_is_awaited(&db).await;
    // ...then the shared rows, while the delete waits.
    let item = store::extraction::ArticleExtraction { article_id: id, extraction: &extraction, day: day("2024-03-05") };
    store::extraction::replace_many(&mut reprocess, &[item]).await.expect("the reprocess is not failed");
    reprocess.commit().await.unwrap();

    assert!(delete.await.unwrap().expect("the delete is not failed"), "the delete finds the article");
    for table in ["articles", "officials", "meetings", "positions"] {
        assert_eq!(db.count(table).await, 0, "{table}");
    }
}

async fn wait_until_a_lock_is_awaited(db: &TestDb) {
    for _ in 0..500 {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
            .fetch_one(&db.pool)
            .await
            .unwrap();
        if waiting > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the delete never waited for the reprocess");
}

#[tokio::test]
async fn different_people_or_days_are_different_meetings() {
    let db = TestDb::new().await;
    let mut tx = db.pool.begin().await.unwrap();
    let mut later = sample_extraction();
    later.meetings[0].date.as_mut().unwrap().date = day("2024-03-06");
    let mut call = sample_extraction();
    call.meetings[0].kind = MeetingKind::PhoneCall;
    for (text, extraction) in [("a", sample_extraction()), ("b", later), ("c", call)] {
        let id = store::articles::insert(&mut tx, &new_article(text), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        store::extraction::insert(&mut tx, id, &extraction, day("2024-03-05")).await.unwrap();
    }
    tx.commit().await.unwrap();
    assert_eq!(db.count("meetings").await, 3);
}

/// The sample's meeting, on `on`, between two people named after `who`.
fn meeting_of(who: &str, on: &str) -> Extraction {
    let mut extraction = sample_extraction();
    extraction.officials[0].name = format!("{who} Host");
    extraction.officials[1].name = format!("{who} Guest");
    extraction.meetings[0].date.as_mut().unwrap().date = day(on);
    extraction
}

#[tokio::test]
async fn reports_a_day_apart_chain_into_one_meeting_stored_or_batched() {
    // A three-day visit reported day by day: each report is within a day of
    // the one before, whether they arrive one at a time or in one batch.
    let visit = ["2024-03-03", "2024-03-04", "2024-03-05"].map(|on| meeting_of("Visit", on));
    let db = TestDb::new().await;
    let mut meetings = vec![];
    for (n, extraction) in visit.iter().enumerate() {
        let mut tx = db.pool.begin().await.unwrap();
        let id = store::articles::insert(&mut tx, &new_article(&format!("alone {n}")), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        meetings.push(store::extraction::insert(&mut tx, id, extraction, day("2024-03-05")).await.unwrap().meetings);
        tx.commit().await.unwrap();
    }
    assert!(meetings.iter().all(|m| *m == meetings[0]), "{meetings:?}");

    let batched = TestDb::new().await;
    let mut tx = batched.pool.begin().await.unwrap();
    let mut items = vec![];
    for (n, extraction) in visit.iter().enumerate() {
        let id = store::articles::insert(&mut tx, &new_article(&format!("together {n}")), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        items.push(store::extraction::ArticleExtraction { article_id: id, extraction, day: day("2024-03-05") });
    }
    store::extraction::insert_many(&mut tx, &items).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(batched.count("meetings").await, 1);
}

#[tokio::test]
async fn a_report_finds_its_meeting_among_many_that_day() {
    let db = TestDb::new().await;
    let mut tx = db.pool.begin().await.unwrap();
    // Other people's meetings the same day, and the same people's two days before.
    let mut others: Vec<Extraction> = (0..40).map(|n| meeting_of(&format!("Other{n}"), "2024-03-04")).collect();
    others.push(meeting_of("Pair", "2024-03-02"));
    others.push(meeting_of("Pair", "2024-03-04"));
    let mut stored = vec![];
    for (n, extraction) in others.iter().enumerate() {
        let id = store::articles::insert(&mut tx, &new_article(&format!("other {n}")), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        stored.push(store::extraction::insert(&mut tx, id, extraction, day("2024-03-05")).await.unwrap().meetings[0]);
    }
    tx.commit().await.unwrap();
    assert_eq!(db.count("meetings").await, 42);

    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("pair again"), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
    let ids = store::extraction::insert(&mut tx, id, &meeting_of("Pair", "2024-03-05"), day("2024-03-05")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids.meetings, vec![stored[41]], "the pair's meeting a day before, not another pair's that day");
    assert_eq!(db.count("meetings").await, 42);
}

#[tokio::test]
async fn an_organisation_and_a_state_may_share_a_code() {
    // "AU" is the African Union and Australia.
    let db = TestDb::new().await;
    let mut extraction = sample_extraction();
    let mut union = extraction.positions[0].clone();
    union.actor = Actor::Org("AU".into());
    let mut australia = extraction.positions[0].clone();
    australia.actor = Actor::State(code("AU"));
    extraction.positions = vec![union, australia];
    let mut tx = db.pool.begin().await.unwrap();
    let id = store::articles::insert(&mut tx, &new_article("text"), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
    store::extraction::insert(&mut tx, id, &extraction, day("2024-03-05")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(db.count("positions").await, 2);
}

#[tokio::test]
async fn a_batch_stores_many_articles_at_once_and_still_merges_their_meetings() {
    let db = TestDb::new().await;
    let extraction = sample_extraction();
    let mut tx = db.pool.begin().await.unwrap();
    let mut items = vec![];
    for text in ["one", "two", "three"] {
        let id = store::articles::insert(&mut tx, &new_article(text), None, day("2024-03-05"), TEST_READ).await.unwrap().unwrap();
        items.push(store::extraction::ArticleExtraction { article_id: id, extraction: &extraction, day: day("2024-03-05") });
    }
    let ids = store::extraction::insert_many(&mut tx, &items).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids.len(), 3);
    assert!(ids.iter().all(|i| i.meetings == ids[0].meetings), "three reports of one meeting");
    assert_eq!(db.count("meetings").await, 1);
    assert_eq!(db.count("meeting_reports").await, 3);
    let articles: i32 = sqlx::query_scalar("SELECT articles FROM officials WHERE name = 'Wang Yi'").fetch_one(&db.pool).await.unwrap();
    assert_eq!(articles, 3);
    let spans: i32 = sqlx::query_scalar("SELECT articles FROM official_title_spans WHERE title = 'State Councilor'").fetch_one(&db.pool).await.unwrap();
    assert_eq!(spans, 3);
    let mut conn = db.pool.acquire().await.unwrap();
    for item in &items {
        let (loaded, _) = store::extraction::load(&mut conn, item.article_id).await.unwrap();
        assert_eq!(loaded.statements, extraction.statements);
        assert_eq!(loaded.positions, extraction.positions);
    }
}

/// Each position's change verdict, oldest first, for one actor and topic.
async fn verdicts(db: &TestDb, actor: &str, topic: &str) -> Vec<(String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT stance, change, previous_stance FROM positions
         WHERE actor = $1 AND topic = $2 ORDER BY stated_on, id",
    )
    .bind(actor)
    .bind(topic)
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

fn stance_story(on: &str, stance: Stance) -> common::story::Story {
    let mut story = common::story::Story::new(&format!("Kazakhstan spoke on {on}."), on);
    let s = story.state_says("KZ", "Kazakhstan spoke on the Belt and Road.");
    story.position(s, "KZ", "belt_and_road", stance);
    story
}

#[tokio::test]
async fn change_verdicts_follow_out_of_order_writes_and_deletes() {
    let db = TestDb::new().await;
    let v = |stance: &str, change: Option<&str>, previous: Option<&str>| {
        (stance.to_string(), change.map(str::to_string), previous.map(str::to_string))
    };
    let march = stance_story("2024-03-01", Stance::Support).store(&db.pool).await;
    stance_story("2024-06-01", Stance::Oppose).store(&db.pool).await;
    assert_eq!(
        verdicts(&db, "KZ", "belt_and_road").await,
        vec![v("support", Some("first_stated"), None), v("oppose", Some("reversal"), Some("support"))]
    );

    // An older article arrives late: it is now the first, and the one after it
    // merely repeats its stance.
    stance_story("2024-01-01", Stance::Oppose).store(&db.pool).await;
    assert_eq!(
        verdicts(&db, "KZ", "belt_and_road").await,
        vec![
            v("oppose", Some("first_stated"), None),
            v("support", Some("reversal"), Some("oppose")),
            v("oppose", Some("reversal"), Some("support")),
        ]
    );

    // A middle article goes: its successor is measured against the one before.
    let mut tx = db.pool.begin().await.unwrap();
    store::articles::delete(&mut tx, march).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        verdicts(&db, "KZ", "belt_and_road").await,
        vec![v("oppose", Some("first_stated"), None), v("oppose", None, None)]
    );
}

#[tokio::test]
async fn meeting_rollups_and_state_index_follow_merges_and_deletes() {
    let db = TestDb::new().await;
    let story = |text: &str| {
        let mut story = common::story::Story::new(text, "2024-05-02");
        let a = story.official("Asel Bekova", "KG", &["Foreign Minister"]);
        let b = story.official("Li Ming", "CN", &["Foreign Minister"]);
        story.meeting(MeetingKind::Talks, "2024-05-01", Some(("Bishkek", "KG")), &[a, b]);
        story
    };
    let first = story("Bishkek talks, first report.").store(&db.pool).await;
    let second = story("Bishkek talks, second report.").store(&db.pool).await;
    let counts = || async {
        sqlx::query_as::<_, (String, i64)>(
            "SELECT country::text, sum(n)::bigint FROM meeting_counts GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap()
    };
    assert_eq!(counts().await, vec![("CN".to_string(), 1), ("KG".to_string(), 1)], "two reports, one meeting");
    assert_eq!(db.count("meeting_countries").await, 2);
    let totals = || async {
        sqlx::query_as::<_, (Option<i64>, Option<i64>)>(
            "SELECT (SELECT sum(n)::bigint FROM meeting_country_totals), (SELECT sum(n)::bigint FROM meeting_country_months)",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap()
    };
    assert_eq!(totals().await, (Some(2), Some(2)), "one meeting, counted for each of its two states");

    for id in [first, second] {
        let mut tx = db.pool.begin().await.unwrap();
        store::articles::delete(&mut tx, id).await.unwrap();
        tx.commit().await.unwrap();
    }
    assert!(counts().await.is_empty());
    assert_eq!(db.count("meeting_countries").await, 0);
    assert_eq!(totals().await, (Some(0), Some(0)));
}

/// A request cancelled while its transaction begins (client gone, request timeout)
/// must not hand its connection back to the pool inside that transaction: under
/// load, later requests on it failed with "current transaction is aborted".
#[tokio::test]
async fn a_transaction_cancelled_while_it_begins_leaves_no_connection_inside_it() {
    let db = TestDb::new().await;
    // One connection, so every round meets the one a cancelled begin used.
    let pool = store::pool_options().max_connections(1).connect(&db.url()).await.unwrap();
    for round in 0..300u64 {
        let cancel_after = std::time::Duration::from_micros(round % 150);
        let _ = tokio::time::timeout(cancel_after, store::snapshot(&pool)).await;
        let read_only: String = sqlx::query_scalar("SHOW transaction_read_only").fetch_one(&pool).await.unwrap();
        assert_eq!(read_only, "off", "round {round}: the connection was left inside a read-only transaction");
    }
}
