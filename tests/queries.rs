//! The read side across articles: identity, merged meetings, filters, feeds and stats.

mod common;

use axum::http::StatusCode;
use common::story::Story;
use common::TestApp;
use readout::domain::{MeetingKind, Stance};
use serde_json::Value;

/// Four stories: two readouts of one Beijing meeting (China's and
/// Kyrgyzstan's), a phone call with Russia, and a later Kyrgyz reversal on
/// Belt and Road.
async fn seeded() -> (TestApp, Vec<i64>) {
    let app = TestApp::new().await;
    let mut ids = vec![];

    let mut cn = Story::new("China's readout of the Beijing talks.", "2024-03-04");
    let wang = cn.official("Wang Yi", "CN", &["State Councilor", "Foreign Minister"]);
    let zhaparov = cn.official("Kulubaev Zhaparov", "KG", &["Foreign Minister"]);
    cn.meeting(MeetingKind::Talks, "2024-03-03", Some(("Beijing", "CN")), &[wang, zhaparov]);
    let s = cn.says(wang, "China supports Kyrgyzstan in safeguarding its sovereignty and independence.");
    cn.position(s, "CN", "sovereignty", Stance::Support);
    let s = cn.says(zhaparov, "Kyrgyzstan firmly adheres to the one-China principle.");
    cn.position(s, "KG", "one_china", Stance::Support);
    ids.push(cn.store(&app.db.pool).await);

    let mut kg = Story::new("Kyrgyzstan's readout of the Beijing meeting.", "2024-03-05");
    let zhaparov = kg.official("Kulubaev Zhaparov", "KG", &["Minister of Foreign Affairs"]);
    let wang = kg.official("Wang Yi", "CN", &["Foreign Minister"]);
    kg.meeting(MeetingKind::Meeting, "2024-03-04", Some(("Beijing", "CN")), &[zhaparov, wang]);
    let s = kg.says(zhaparov, "The sides discussed railway projects under the Belt and Road Initiative.");
    kg.position(s, "KG", "belt_and_road", Stance::Support);
    ids.push(kg.store(&app.db.pool).await);

    let mut ru = Story::new("Wang Yi spoke with Sergey Lavrov by phone.", "2024-05-10");
    let wang = ru.official("Wang Yi", "CN", &["Foreign Minister"]);
    let lavrov = ru.official("Sergey Lavrov", "RU", &["Foreign Minister"]);
    ru.meeting(MeetingKind::PhoneCall, "2024-05-09", None, &[wang, lavrov]);
    let s = ru.says(wang, "China opposes unilateral sanctions and protectionism.");
    ru.position(s, "CN", "multilateralism", Stance::Support);
    ru.says(lavrov, "Russia values the strategic partnership.");
    ids.push(ru.store(&app.db.pool).await);

    let mut reversal = Story::new("Kyrgyzstan reviews a transit plan.", "2024-06-01");
    let s = reversal.state_says("KG", "Kyrgyzstan does not support the proposed Belt and Road route.");
    reversal.position(s, "KG", "belt_and_road", Stance::Oppose);
    ids.push(reversal.store(&app.db.pool).await);

    (app, ids)
}

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().expect("a list answers items")
}

fn field<'a>(body: &'a Value, key: &str) -> Vec<&'a Value> {
    items(body).iter().map(|i| &i[key]).collect()
}

#[tokio::test]
async fn one_official_across_articles_with_a_titles_timeline_and_counterparts() {
    let (app, _) = seeded().await;
    let found = app.get("/v1/officials?q=WANG").await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(items(&found.body).len(), 1);
    let wang = &items(&found.body)[0];
    assert_eq!(wang["articles"], 3);
    assert_eq!(wang["first_seen"], "2024-03-04");
    assert_eq!(wang["last_seen"], "2024-05-10");

    let detail = app.get(&format!("/v1/officials/{}", wang["id"])).await;
    let timeline = detail.body["titles_timeline"].as_array().unwrap();
    let minister = timeline.iter().find(|t| t["title"] == "Foreign Minister").unwrap();
    assert_eq!((minister["first_seen"].as_str(), minister["last_seen"].as_str()), (Some("2024-03-04"), Some("2024-05-10")));
    assert_eq!(minister["articles"], 3);
    let mut counterparts: Vec<(&str, i64)> = detail.body["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["official"]["name"].as_str().unwrap(), c["meetings"].as_i64().unwrap()))
        .collect();
    counterparts.sort();
    assert_eq!(counterparts, vec![("Kulubaev Zhaparov", 1), ("Sergey Lavrov", 1)], "the merged meeting counts once");
    assert_eq!(detail.body["statements"], 2);
    assert_eq!(detail.body["meetings"], 2);

    let by_title = app.get("/v1/officials?title=minister%20of%20foreign%20affairs").await;
    assert_eq!(field(&by_title.body, "name"), vec!["Kulubaev Zhaparov"]);
    let by_country = app.get("/v1/officials?country=ru").await;
    assert_eq!(field(&by_country.body, "name"), vec!["Sergey Lavrov"]);

    let said = app.get(&format!("/v1/officials/{}/statements", wang["id"])).await;
    assert_eq!(items(&said.body).len(), 2);
    let met = app.get(&format!("/v1/officials/{}/meetings?kind=phone_call", wang["id"])).await;
    assert_eq!(field(&met.body, "kind"), vec!["phone_call"]);
    app.get("/v1/officials/999999/statements").await.assert_problem(StatusCode::NOT_FOUND, "999999");
}

#[tokio::test]
async fn two_readouts_of_one_meeting_are_one_meeting_with_both_sources() {
    let (app, articles) = seeded().await;
    let listed = app.get("/v1/meetings?location=beijing").await;
    assert_eq!(items(&listed.body).len(), 1);
    let meeting = &items(&listed.body)[0];
    assert_eq!(meeting["source_count"], 2);
    assert_eq!(meeting["date"], "2024-03-03", "the earliest date a source gives");
    assert_eq!(meeting["countries"], serde_json::json!(["CN", "KG"]));

    let detail = app.get(&format!("/v1/meetings/{}", meeting["id"])).await;
    assert_eq!(detail.status, StatusCode::OK);
    let sources = detail.body["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0]["article"]["id"], articles[0]);
    assert_eq!(sources[0]["statements"].as_array().unwrap().len(), 2);
    assert_eq!(sources[1]["positions"][0]["topic"], "belt_and_road", "each source keeps its own positions");

    let kyrgyz = app.get("/v1/meetings?country=KG").await;
    assert_eq!(items(&kyrgyz.body).len(), 1);
    let calls = app.get("/v1/meetings?kind=phone_call&from=2024-05-01&to=2024-05-31").await;
    assert_eq!(field(&calls.body, "kind"), vec!["phone_call"]);
    assert_eq!(items(&app.get("/v1/meetings?to=2024-02-01").await.body).len(), 0);
    app.get("/v1/meetings/424242").await.assert_problem(StatusCode::NOT_FOUND, "424242");

    // Deleting one source leaves the meeting to the other.
    app.delete(&format!("/v1/articles/{}", articles[0])).await;
    let after = app.get(&format!("/v1/meetings/{}", meeting["id"])).await;
    assert_eq!(after.body["sources"].as_array().unwrap().len(), 1);
    assert_eq!(after.body["date"], "2024-03-04");
}

#[tokio::test]
async fn statements_filter_by_speaker_country_topic_and_text() {
    let (app, _) = seeded().await;
    let all = app.get("/v1/statements").await;
    assert_eq!(items(&all.body).len(), 6);
    assert_eq!(items(&all.body)[0]["stated_on"], "2024-06-01", "newest first");

    let kyrgyz = app.get("/v1/statements?country=KG").await;
    assert_eq!(items(&kyrgyz.body).len(), 3);
    let opposed = app.get("/v1/statements?topic=belt_and_road&stance=oppose").await;
    assert_eq!(items(&opposed.body).len(), 1);
    assert_eq!(items(&opposed.body)[0]["speaker"]["kind"], "state");

    let searched = app.get("/v1/statements?q=railway%20projects").await;
    assert_eq!(items(&searched.body).len(), 1);
    assert_eq!(items(&searched.body)[0]["speaker"]["name"], "Kulubaev Zhaparov", "a searched page names its speakers");
    assert_eq!(items(&all.body)[0]["speaker"]["name"], Value::Null, "a state speaks without a name");
    let snippet = items(&searched.body)[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>railway</mark>"), "{snippet}");
    assert_eq!(items(&app.get("/v1/statements?q=-sovereignty%20china").await.body).len(), 2, "one-China and sanctions, not sovereignty");

    // A state's topic or stance is found through its own tag: exactly the topic's
    // statements that speak for that state.
    for (country, filter) in [("KG", "topic=belt_and_road"), ("KG", "stance=oppose"), ("KG", "topic=belt_and_road&stance=support"), ("KG", "topic=one_china")] {
        let ids = |body: &serde_json::Value, of: Option<&str>| -> Vec<i64> {
            items(body).iter().filter(|s| of.is_none_or(|c| s["speaker"]["country"] == c)).map(|s| s["id"].as_i64().unwrap()).collect()
        };
        let of_state = app.get(&format!("/v1/statements?country={country}&{filter}")).await;
        let of_topic = app.get(&format!("/v1/statements?{filter}")).await;
        assert_eq!(ids(&of_state.body, None), ids(&of_topic.body, Some(country)), "{country} {filter}");
        assert!(!ids(&of_state.body, None).is_empty(), "{country} {filter} matches a seeded statement");
    }
}

#[tokio::test]
async fn positions_and_the_feed_of_first_statements_and_reversals() {
    let (app, _) = seeded().await;
    let kyrgyz = app.get("/v1/positions?actor=kg&topic=belt_and_road").await;
    assert_eq!(field(&kyrgyz.body, "stance"), vec!["oppose", "support"]);
    assert_eq!(items(&kyrgyz.body)[1]["evidence"][0]["text"], "The sides discussed railway projects under the Belt and Road Initiative.");
    assert_eq!(items(&kyrgyz.body)[1]["speaker"]["name"], "Kulubaev Zhaparov");
    assert_eq!(items(&kyrgyz.body)[0]["speaker"], Value::Null, "a state's own position has no official");

    let feed = app.get("/v1/positions/changes?since=2024-01-01").await;
    let changes: Vec<(String, String, String)> = items(&feed.body)
        .iter()
        .map(|c| {
            let p = &c["position"];
            (c["change"].as_str().unwrap().into(), p["actor"].as_str().unwrap().into(), p["topic"].as_str().unwrap().into())
        })
        .collect();
    assert_eq!(changes[0], ("reversal".into(), "KG".into(), "belt_and_road".into()));
    assert_eq!(items(&feed.body)[0]["previous_stance"], "support");
    assert_eq!(items(&feed.body)[1]["position"]["speaker"]["name"], "Wang Yi");
    assert_eq!(changes.len(), 5, "four firsts and one reversal: {changes:?}");

    // A window after the first statements still sees the reversal against what came before.
    let later = app.get("/v1/positions/changes?since=2024-05-15").await;
    assert_eq!(items(&later.body).len(), 1);
    assert_eq!(items(&later.body)[0]["change"], "reversal");
}

#[tokio::test]
async fn a_country_stands_per_topic_and_stats_count_positions_and_meetings() {
    let (app, articles) = seeded().await;
    let stands = app.get("/v1/countries/KG/positions").await;
    let belt = items(&stands.body).iter().find(|s| s["topic"] == "belt_and_road").unwrap();
    assert_eq!(belt["current_stance"], "oppose");
    assert_eq!((belt["support"].as_i64(), belt["oppose"].as_i64()), (Some(1), Some(1)));
    assert_eq!(belt["first_stated"], "2024-03-05");
    assert_eq!(belt["last_stated"], "2024-06-01");

    let country = app.get("/v1/countries/kg").await;
    assert_eq!(country.body["name"], "Kyrgyzstan");
    assert_eq!(country.body["positions"], 3);
    assert_eq!(country.body["meetings"], 1);
    app.get("/v1/countries/zz").await.assert_problem(StatusCode::NOT_FOUND, "zz");

    let heatmap = app.get("/v1/stats/positions?group_by=actor,topic").await;
    let kg_belt = items(&heatmap.body).iter().find(|r| r["actor"] == "KG" && r["topic"] == "belt_and_road").unwrap();
    assert_eq!((kg_belt["support"].as_i64(), kg_belt["oppose"].as_i64(), kg_belt["total"].as_i64()), (Some(1), Some(1), Some(2)));
    let timeline = app.get("/v1/stats/positions?group_by=month&topic=belt_and_road").await;
    assert_eq!(field(&timeline.body, "month"), vec!["2024-03", "2024-06"]);
    let meetings = app.get("/v1/stats/meetings?group_by=kind").await;
    assert_eq!(items(&meetings.body).len(), 2);
    // Each grouping reads its own rollup; they agree on the Kyrgyz meeting.
    for group_by in ["country", "country,month", "country,kind", "country,month,kind"] {
        let by_state = app.get(&format!("/v1/stats/meetings?group_by={group_by}&country=KG")).await;
        if group_by.split(',').count() > 2 {
            assert_eq!(by_state.status, StatusCode::BAD_REQUEST, "at most two dimensions");
            continue;
        }
        let total: i64 = items(&by_state.body).iter().map(|r| r["meetings"].as_i64().unwrap()).sum();
        assert_eq!(total, 1, "{group_by}: {}", by_state.body);
    }

    // The rollup follows deletions, cascades included.
    app.delete(&format!("/v1/articles/{}", articles[3])).await;
    let after = app.get("/v1/stats/positions?group_by=actor&stance=oppose").await;
    assert!(items(&after.body).is_empty(), "{}", after.body);
}

/// Every group of a stats answer, fetched a page of `limit` at a time.
async fn all_groups(app: &TestApp, query: &str, limit: usize) -> Vec<Value> {
    let mut groups = vec![];
    let mut uri = format!("{query}&limit={limit}");
    loop {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
        assert!(items(&page.body).len() <= limit);
        groups.extend(items(&page.body).iter().cloned());
        match page.body["next_cursor"].as_str() {
            Some(cursor) => uri = format!("{query}&limit={limit}&cursor={cursor}"),
            None => return groups,
        }
    }
}

#[tokio::test]
async fn stats_answer_their_groups_a_page_at_a_time() {
    let (app, _) = seeded().await;
    for query in [
        "/v1/stats/positions?group_by=actor,topic",
        "/v1/stats/positions?group_by=topic,month",
        "/v1/stats/positions?group_by=month",
        "/v1/stats/meetings?group_by=country,month",
        "/v1/stats/meetings?group_by=kind,country",
    ] {
        let whole = all_groups(&app, query, 500).await;
        assert!(whole.len() >= 2, "{query}: the fixture makes several groups");
        assert_eq!(all_groups(&app, query, 1).await, whole, "{query}: pages of one add up to the whole");
    }
    // A cursor names a group of one grouping; another grouping refuses it.
    let first = app.get("/v1/stats/positions?group_by=actor,topic&limit=1").await;
    let cursor = first.body["next_cursor"].as_str().expect("more than one group");
    for other in ["/v1/stats/positions?group_by=actor", "/v1/stats/meetings?group_by=country,month"] {
        app.get(&format!("{other}&cursor={cursor}")).await.assert_problem(StatusCode::BAD_REQUEST, "cursor");
    }
}

#[tokio::test]
async fn topics_list_and_count() {
    let (app, _) = seeded().await;
    let topics = app.get("/v1/topics?limit=100").await;
    assert!(items(&topics.body).len() >= 19);
    let belt = app.get("/v1/topics/belt_and_road").await;
    assert_eq!((belt.body["support"].as_i64(), belt.body["oppose"].as_i64(), belt.body["actors"].as_i64()), (Some(1), Some(1), Some(1)));
    app.get("/v1/topics/no_such").await.assert_problem(StatusCode::NOT_FOUND, "no_such");
}

#[tokio::test]
async fn invalid_filters_are_400_and_say_what_is_valid() {
    let app = TestApp::new().await;
    let cases = [
        ("/v1/positions?topic=taiwan", "one_china"),
        ("/v1/statements?topic=x", "belt_and_road"),
        ("/v1/statements?country=XX", "iso 3166"),
        ("/v1/positions?stance=maybe", "support"),
        ("/v1/meetings?kind=dinner", "phone_call"),
        ("/v1/meetings?from=2024-13-01", "iso date"),
        ("/v1/meetings?from=2024-03-02&to=2024-03-01", "after"),
        ("/v1/positions?actor=not%20a%20code", "organisation"),
        ("/v1/stats/positions?group_by=speaker", "actor, topic, month"),
        ("/v1/stats/positions", "group_by"),
        ("/v1/officials?limit=9999", "limit"),
        ("/v1/meetings?cursor=WyJvZmZpY2lhbCIsWyJ4IiwxXV0", "cursor"),
        ("/v1/statements?speaker=1%27%20OR%201=1", "speaker"),
    ];
    for (uri, hint) in cases {
        app.get(uri).await.assert_problem(StatusCode::BAD_REQUEST, hint);
    }
}

#[tokio::test]
async fn lists_page_stably_and_answer_csv() {
    let (app, _) = seeded().await;
    let mut seen = vec![];
    let mut uri = "/v1/statements?limit=2".to_string();
    loop {
        let page = app.get(&uri).await;
        seen.extend(items(&page.body).iter().map(|s| s["id"].as_i64().unwrap()));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/v1/statements?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(seen.len(), 6);
    assert_eq!(unique, seen);

    let csv = app.get_with("/v1/statements?limit=2", &[("accept", "text/csv")]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = String::from_utf8(csv.raw.clone()).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("id,speaker.kind,speaker.id,speaker.name"));
    assert_eq!(lines.count(), 2);
    assert!(csv.headers.contains_key("x-next-cursor"));
    for list in ["/v1/articles", "/v1/officials", "/v1/meetings", "/v1/positions", "/v1/countries", "/v1/topics", "/v1/countries/KG/positions", "/v1/positions/changes?since=2024-01-01", "/v1/stats/meetings?group_by=month"] {
        let answer = app.get_with(list, &[("accept", "text/csv")]).await;
        assert!(answer.content_type().starts_with("text/csv"), "{list}");
    }
}

#[tokio::test]
async fn gets_carry_validators_and_answer_304() {
    let (app, _) = seeded().await;
    let first = app.get("/v1/meetings").await;
    let etag = first.headers["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with("W/\""));
    assert_eq!(first.headers["cache-control"], "no-cache");
    let again = app.get_with("/v1/meetings", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.raw.is_empty());
    let other = app.get_with("/v1/meetings?kind=talks", &[("if-none-match", &etag)]).await;
    assert_eq!(other.status, StatusCode::OK);

    let zipped = app.get_with("/v1/statements", &[("accept-encoding", "gzip")]).await;
    assert_eq!(zipped.headers["content-encoding"], "gzip");
}

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let app = TestApp::with_cors(vec!["https://dash.example".into()]).await;
    let allowed = app.get_with("/v1/topics", &[("origin", "https://dash.example")]).await;
    assert_eq!(allowed.headers["access-control-allow-origin"], "https://dash.example");
    let other = app.get_with("/v1/topics", &[("origin", "https://elsewhere.example")]).await;
    assert!(!other.headers.contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn topic_and_text_filters_page_the_same_whether_a_page_fills_from_the_newest_rows_or_not() {
    let (app, _) = seeded().await;
    for filter in ["topic=belt_and_road", "stance=support", "q=railway"] {
        let whole = app.get(&format!("/v1/statements?{filter}")).await;
        let expected: Vec<Value> = items(&whole.body).iter().map(|s| s["id"].clone()).collect();
        assert!(!expected.is_empty(), "{filter}");
        // One row per page: each page fills from the newest rows after the cursor.
        let mut paged = vec![];
        let mut uri = format!("/v1/statements?{filter}&limit=1");
        loop {
            let page = app.get(&uri).await;
            paged.extend(items(&page.body).iter().map(|s| s["id"].clone()));
            match page.body["next_cursor"].as_str() {
                Some(cursor) => uri = format!("/v1/statements?{filter}&limit=1&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(paged, expected, "{filter}");
    }
}
