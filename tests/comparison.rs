//! Two governments' readouts of one meeting, compared by side (issue 17): each
//! source's side is the state its publisher speaks for; the comparison shows
//! per party and topic whose readout says what, and the divergence stats count
//! the claims one side makes for a party that the party's own readouts omit.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::{json, Value};

const CHINESE_MFA: &str = "Ministry of Foreign Affairs of the People's Republic of China";

/// China's readout of a Beijing meeting: the Kyrgyz minister backs one China and Belt and Road.
const CHINA_READOUT: &str = "Wang Yi Meets with Kyrgyz Foreign Minister Ruslan Kazakbaev\n\n\
On September 14, 2020, State Councilor and Foreign Minister Wang Yi met with Kyrgyz Foreign Minister \
Ruslan Kazakbaev in Beijing.\n\n\
Kazakbaev said that Kyrgyzstan firmly adheres to the one-China principle and supports the Belt and Road Initiative.\n\n\
Wang Yi said China is ready to deepen cooperation with Kyrgyzstan.\n";

/// Kyrgyzstan's readout of the same meeting, dated a day later and naming no place: Belt
/// and Road only, no word of one China.
const KYRGYZ_READOUT: &str = "Minister Ruslan Kazakbaev held talks with Chinese Foreign Minister Wang Yi\n\n\
On September 15, 2020, Minister of Foreign Affairs of the Kyrgyz Republic Ruslan Kazakbaev held talks with \
State Councilor and Foreign Minister of the People's Republic of China Wang Yi.\n\n\
Kazakbaev said that Kyrgyzstan supports the Belt and Road Initiative.\n";

/// A private wire repeating China's account.
const WIRE: &str = "BEIJING, Sept 15 (Reuters) - Chinese Foreign Minister Wang Yi met Kyrgyz Foreign Minister \
Ruslan Kazakbaev in Beijing on Monday, the two governments said.\n\n\
Kazakbaev told Wang that Kyrgyzstan adheres to the one-China principle, according to a Chinese statement.\n";

/// The same two ministers a week later, in Bishkek: another meeting.
const LATER_MEETING: &str = "Wang Yi Meets with Kyrgyz Foreign Minister Ruslan Kazakbaev in Bishkek\n\n\
On September 21, 2020, State Councilor and Foreign Minister Wang Yi met with Kyrgyz Foreign Minister \
Ruslan Kazakbaev in Bishkek.\n\n\
Kazakbaev said Kyrgyzstan firmly adheres to the one-China principle.\n";

const LATER_KYRGYZ_READOUT: &str = "Minister Ruslan Kazakbaev met with Chinese Foreign Minister Wang Yi\n\n\
On September 21, 2020, Minister of Foreign Affairs of the Kyrgyz Republic Ruslan Kazakbaev met with \
Foreign Minister of the People's Republic of China Wang Yi in Bishkek.\n\n\
Kazakbaev said Kyrgyzstan adheres to the one-China principle.\n";

async fn ingest(app: &TestApp, text: &str, published_at: &str, source: Option<&str>, url: Option<&str>) -> i64 {
    let created = app.post_json("/v1/articles", &json!({"text": text, "published_at": published_at, "source": source, "url": url})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_i64().unwrap()
}

/// Both governments' readouts, the wire, and the next week's meeting with its two readouts.
async fn seeded() -> (TestApp, [i64; 5]) {
    let app = TestApp::new().await;
    let ids = [
        ingest(&app, CHINA_READOUT, "2020-09-14", Some(CHINESE_MFA), None).await,
        ingest(&app, KYRGYZ_READOUT, "2020-09-15", None, Some("https://mfa.gov.kg/en/news/4521")).await,
        ingest(&app, WIRE, "2020-09-15", Some("Reuters"), None).await,
        ingest(&app, LATER_MEETING, "2020-09-21", Some(CHINESE_MFA), None).await,
        ingest(&app, LATER_KYRGYZ_READOUT, "2020-09-21", None, Some("https://mfa.gov.kg/en/news/4533")).await,
    ];
    (app, ids)
}

fn ids_of(items: &Value) -> Vec<i64> {
    items.as_array().unwrap().iter().map(|i| i["article"]["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn each_article_carries_the_side_of_its_publisher() {
    let (app, [cn, kg, wire, ..]) = seeded().await;
    for (id, side) in [(cn, json!("CN")), (kg, json!("KG")), (wire, Value::Null)] {
        let article = app.get(&format!("/v1/articles/{id}")).await.body;
        assert_eq!(article["publisher_country"], side, "{article}");
        assert_eq!(article["extraction"]["publisher_country"], side);
    }
}

#[tokio::test]
async fn two_governments_readouts_a_day_apart_are_one_meeting_and_a_week_later_is_another() {
    let (app, [cn, kg, wire, later, later_kg]) = seeded().await;
    let meetings = app.get("/v1/meetings?country=KG").await.body;
    let items = meetings["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{meetings}");
    let newest = app.get(&format!("/v1/meetings/{}", items[0]["id"])).await.body;
    let oldest = app.get(&format!("/v1/meetings/{}", items[1]["id"])).await.body;
    assert_eq!(ids_of(&newest["sources"]), [later, later_kg], "{newest}");
    assert_eq!(ids_of(&oldest["sources"]), [cn, kg, wire], "{oldest}");
    let sides: Vec<&Value> = oldest["sources"].as_array().unwrap().iter().map(|s| &s["side"]).collect();
    assert_eq!(sides, [&json!("CN"), &json!("KG"), &Value::Null], "each source's side");
    assert_eq!(oldest["location"], "Beijing");
}

#[tokio::test]
async fn the_comparison_flags_what_only_the_other_sides_readout_claims() {
    let (app, [cn, kg, wire, ..]) = seeded().await;
    let meetings = app.get("/v1/meetings?country=KG&to=2020-09-16").await.body;
    let id = meetings["items"][0]["id"].as_i64().unwrap();
    let answer = app.get(&format!("/v1/meetings/{id}/comparison")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = answer.body;
    assert_eq!(body["meeting"]["id"], id);
    assert_eq!(ids_of(&body["sources"]), [cn, kg]);
    assert_eq!(body["sources"][0]["side"], "CN");
    assert_eq!(ids_of(&body["unsided_sources"]), [wire]);

    let parties = body["parties"].as_array().unwrap();
    assert_eq!(parties.iter().map(|p| p["country"].as_str().unwrap()).collect::<Vec<_>>(), ["CN", "KG"]);
    let kg_party = &parties[1];
    assert_eq!(kg_party["own_sources"], json!([kg]));
    let topic = |slug: &str| kg_party["topics"].as_array().unwrap().iter().find(|t| t["topic"] == slug).cloned().unwrap_or_else(|| panic!("{slug}: {kg_party}"));

    let one_china = topic("one_china");
    assert_eq!(one_china["stance"], "support");
    assert_eq!(one_china["claimed_only_by_other_side"], true, "{one_china}");
    assert_eq!(one_china["stated_only_by_own_side"], false);
    assert_eq!(one_china["own_side"], json!([]));
    assert_eq!(one_china["other_side"].as_array().unwrap().iter().map(|p| p["article"]["id"].as_i64().unwrap()).collect::<Vec<_>>(), [cn]);
    assert_eq!(one_china["unsided"].as_array().unwrap().iter().map(|p| p["article"]["id"].as_i64().unwrap()).collect::<Vec<_>>(), [wire]);
    let wording = one_china["other_side"][0]["evidence"][0]["text"].as_str().unwrap();
    assert!(wording.contains("one-China principle"), "the wording that states it: {wording}");

    let bri = topic("belt_and_road");
    assert_eq!((bri["claimed_only_by_other_side"].clone(), bri["stated_only_by_own_side"].clone()), (json!(false), json!(false)), "{bri}");
    assert_eq!(bri["own_side"].as_array().unwrap().len(), 1);
    assert_eq!(bri["other_side"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_missing_meeting_is_a_404_problem() {
    let app = TestApp::new().await;
    app.get("/v1/meetings/999999/comparison").await.assert_problem(StatusCode::NOT_FOUND, "999999");
    app.get("/v1/meetings/seven/comparison").await.assert_problem(StatusCode::BAD_REQUEST, "seven");
}

#[tokio::test]
async fn divergence_counts_claims_the_partys_own_readouts_omit() {
    let (app, _) = seeded().await;
    let answer = app.get("/v1/stats/divergence?publisher_country=cn&party=KG&from=2020-09-01&to=2020-09-30").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = answer.body;
    assert_eq!((body["publisher_country"].as_str(), body["party"].as_str()), (Some("CN"), Some("KG")));
    assert_eq!(body["meetings_compared"], 2, "{body}");
    let compared = body["compared_meetings"].as_array().unwrap().clone();
    let topics = body["topics"].as_array().unwrap();
    let one_china = topics.iter().find(|t| t["topic"] == "one_china").expect("one_china claimed");
    assert_eq!((one_china["claimed"].as_i64(), one_china["confirmed"].as_i64(), one_china["omitted"].as_i64()), (Some(2), Some(1), Some(1)), "{body}");
    assert_eq!(one_china["omitted_share"], 0.5);
    assert!(compared.contains(&one_china["omitted_meetings"][0]));
    let bri = topics.iter().find(|t| t["topic"] == "belt_and_road").expect("belt_and_road claimed");
    assert_eq!((bri["claimed"].as_i64(), bri["omitted"].as_i64()), (Some(1), Some(0)), "{body}");

    // A window holding only the later meeting: nothing omitted there.
    let later = app.get("/v1/stats/divergence?publisher_country=CN&party=KG&from=2020-09-20").await.body;
    assert_eq!(later["meetings_compared"], 1, "{later}");
    assert_eq!(later["topics"][0]["omitted"], 0, "{later}");
}

#[tokio::test]
async fn divergence_says_what_is_wrong_with_its_parameters() {
    let app = TestApp::new().await;
    app.get("/v1/stats/divergence?party=KG").await.assert_problem(StatusCode::BAD_REQUEST, "publisher_country");
    app.get("/v1/stats/divergence?publisher_country=CN&party=XX").await.assert_problem(StatusCode::BAD_REQUEST, "XX");
    app.get("/v1/stats/divergence?publisher_country=KG&party=kg").await.assert_problem(StatusCode::BAD_REQUEST, "both KG");
    app.get("/v1/stats/divergence?publisher_country=CN&party=KG&from=2021-01-01&to=2020-01-01").await.assert_problem(StatusCode::BAD_REQUEST, "after");
}
