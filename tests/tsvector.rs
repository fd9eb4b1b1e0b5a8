//! store::tsvector against PostgreSQL itself: for every text it vouches for,
//! its vector must be exactly `to_tsvector('english', text)`.

mod common;

use readout::extract::Extractor;
use readout::store::tsvector;
use readout::synth;
use sqlx::{Connection, PgConnection};

/// Texts and PostgreSQL's own vectors where ours differ: (text, ours, theirs).
async fn disagreements(texts: &[String]) -> (usize, Vec<(String, String, String)>) {
    let mut conn = PgConnection::connect(&common::admin_url()).await.expect("connect to PostgreSQL");
    let ours: Vec<Option<String>> = texts.iter().map(|t| tsvector::english(t)).collect();
    let vouched = ours.iter().filter(|o| o.is_some()).count();
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT text, ours::tsvector::text, to_tsvector('english', text)::text
         FROM UNNEST($1::text[], $2::text[]) AS t(text, ours)
         WHERE ours IS NOT NULL AND ours::tsvector::text <> to_tsvector('english', text)::text",
    )
    .bind(texts)
    .bind(&ours)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    (vouched, rows)
}

fn assert_agree(label: &str, vouched: usize, rows: &[(String, String, String)]) {
    let shown: Vec<_> = rows.iter().take(10).collect();
    assert!(rows.is_empty(), "{label}: {} of {vouched} vectors differ from PostgreSQL's, e.g. {shown:#?}", rows.len());
}

/// Every sentence of a synthetic corpus (statements and narration) and every
/// statement the extractor finds in it.
fn corpus_texts() -> Vec<String> {
    let extractor = Extractor::new(&readout::domain::default_topics(), &readout::domain::default_office_holders());
    let mut texts = vec![];
    for article in synth::articles(77, 300) {
        texts.extend(article.text.split("\n").filter(|l| !l.trim().is_empty()).map(str::to_string));
        let extraction = extractor.extract(&article.text, Some(article.published));
        texts.extend(extraction.statements.into_iter().map(|s| s.text));
    }
    texts
}

#[tokio::test]
async fn synthetic_articles_get_postgres_own_vectors_and_most_skip_its_parser() {
    let texts = corpus_texts();
    let (vouched, rows) = disagreements(&texts).await;
    assert_agree("synthetic corpus", vouched, &rows);
    // The point of the module: most statements must not need PostgreSQL's parser.
    assert!(vouched * 10 >= texts.len() * 8, "only {vouched} of {} texts vouched for", texts.len());
}

/// English prose and proper names with a wide vocabulary: this project's own
/// documentation and reference data, line by line.
#[tokio::test]
async fn documentation_and_gazetteer_lines_get_postgres_own_vectors() {
    let sources = [
        include_str!("../README.md"),
        include_str!("../bench/README.md"),
        include_str!("../data/countries.tsv"),
        include_str!("../data/cities.tsv"),
        include_str!("../data/publishers.tsv"),
        include_str!("../data/topics.json"),
    ];
    let texts: Vec<String> = sources.iter().flat_map(|s| s.lines()).map(|l| l.replace('\t', " ")).collect();
    let (vouched, rows) = disagreements(&texts).await;
    assert!(vouched > 500, "only {vouched} of {} lines vouched for", texts.len());
    assert_agree("documentation", vouched, &rows);
}

/// The Snowball rules, suffix by suffix, on made-up and real stems.
#[tokio::test]
async fn every_suffix_rule_stems_as_postgres_does() {
    let stems = [
        "nation", "cooper", "rel", "agree", "hope", "sign", "trade", "stabil", "general", "sensit", "fly", "cry",
        "happy", "run", "hop", "fil", "feed", "succeed", "procee", "generous", "formal", "critic", "argu", "dy",
        "ly", "sky", "news", "gas", "bus", "ski", "tie", "lie", "canning", "herring", "earring", "inning", "outing",
        "communi", "univers", "arsen", "past", "gener", "commun", "organ", "visit", "develop", "sustain", "peace",
    ];
    let suffixes = [
        "", "s", "es", "ies", "ied", "ing", "ed", "edly", "ingly", "ly", "ness", "ational", "tional", "enci", "anci",
        "izer", "ization", "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness",
        "iviti", "biliti", "bli", "fulli", "lessli", "logi", "icate", "ative", "alize", "iciti", "ical", "ful",
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion", "e", "ll", "eed", "eedly", "ings", "ably", "ously", "ization's", "y", "Y", "yed", "ying",
    ];
    let mut texts = vec![];
    for stem in stems {
        texts.push(suffixes.iter().map(|s| format!("{stem}{s}")).collect::<Vec<_>>().join(" "));
        texts.push(suffixes.iter().map(|s| format!("{}{s}", stem.to_uppercase())).collect::<Vec<_>>().join(", "));
    }
    let (vouched, rows) = disagreements(&texts).await;
    assert_eq!(vouched, texts.len(), "plain words are all vouched for");
    assert_agree("suffixes", vouched, &rows);
}

/// Each construct the grammar admits, and its neighbours that it must refuse.
#[tokio::test]
async fn the_constructs_of_the_grammar_match_postgres_and_the_rest_is_refused() {
    let admitted = [
        "China's stance", "China’s stance", "the sides' views", "don't, won't, o'clock", "Belt-and-Road, win-win",
        "a well-known, long-term, people-to-people exchange", "12 deals worth 10,000 or 2,500,000", "in 2023.",
        "(Xinhua) -- BEIJING", "“Peace,” he said — firmly… “Yes!”", "Q: and A: then", "x - y", "non\u{a0}stop",
        "", "   ", "the the the", "end. Next; then: (more) [less]?", "SCO  ASEAN  BRICS  UN", "a-b-c-d-e-f",
    ];
    let texts: Vec<String> = admitted.iter().map(|s| s.to_string()).collect();
    let (vouched, rows) = disagreements(&texts).await;
    let refused: Vec<_> = texts.iter().filter(|t| tsvector::english(t).is_none()).collect();
    assert!(refused.is_empty(), "admitted constructs refused: {refused:?}");
    assert_agree("admitted constructs", vouched, &rows);
    for refused in ["U.S. officials", "G20", "5th", "1.5%", "COVID-19", "-5", "2023-2024", "e.g.", "a.m", "Pérez",
                    "http://x", "a@b", "R&D", "<b>", "anti- war", "x_y", "#1", "$5", "+7", "3/4"] {
        assert_eq!(tsvector::english(refused), None, "{refused} is left to PostgreSQL");
    }
}
