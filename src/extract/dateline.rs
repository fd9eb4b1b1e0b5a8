//! Dateline: "BISHKEK, Sept. 14 (Xinhua) --", "Kingston, 23 January 2024 (TDI):",
//! "NUR-SULTAN. KAZINFORM –", "BEIJING —". The place maps to a state through
//! capitals, cities and the gazetteer; a missing year comes from `published`.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use super::dates;
use super::gazetteer::{Entry, PlaceKind, Target, GAZ};
use super::text::tokenize;
use crate::domain::CountryCode;

static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<place>[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+){0,2})
        \s*[,.]?\s*
        (?P<date>(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)|(?:\d{1,2}\s+[A-Za-z]{3,9}\.?(?:,?\s*\d{4})?))?
        \s*,?\s*
        (?:\((?P<agency_dated>[^)]{1,60}?\s[-–]\s\d{1,2}(?:st|nd|rd|th)?\s[A-Za-z]{3,9},?\s\d{4})\)|\((?P<agency>[^)]{1,40})\)|(?P<agency2>[A-Z][A-Z]{2,}))?
        \s*
        (?P<dash>--|–|—|-|:)?
        \s*
        (?P<tail>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}:\s)?",
    )
    .unwrap()
});

#[derive(Debug, Clone)]
pub struct Found {
    pub place: String,
    pub country: Option<CountryCode>,
    pub date: Option<NaiveDate>,
    pub agency: Option<String>,
    /// Byte range of the dateline inside the paragraph (relative to its start).
    pub len: usize,
}

const NOT_PLACES: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on", "in", "the"];

/// "Lahore, Pakistan —": a city and its state, then a dash or colon.
static CITY_COUNTRY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+){0,2}),\s*(?P<ctry>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s*(?:--|–|—|:)\s*").unwrap()
});

/// Whether the first words of `para` hold what both dateline patterns need:
/// a dash, colon, opening bracket or agency in capitals, which each finds
/// after at most three words of place and three of date (or of country).
/// Non-ASCII bytes count as possible dashes. A cheap test before the regexes.
fn may_hold_dateline(para: &str) -> bool {
    const WORDS: usize = 8;
    let mut words = 0;
    let mut caps = 0;
    let mut in_word = false;
    for &b in para.as_bytes() {
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        if space && in_word {
            words += 1;
            if words > WORDS {
                return false;
            }
        }
        in_word = !space;
        match b {
            b'(' | b'-' | b':' | 0x80..=0xff => return true,
            b'A'..=b'Z' => {
                caps += 1;
                if caps >= 3 {
                    return true;
                }
                continue;
            }
            _ => {}
        }
        caps = 0;
    }
    false
}

/// Parses a dateline at the start of a paragraph.
pub fn parse(para: &str, published: Option<NaiveDate>) -> Option<Found> {
    if !may_hold_dateline(para) {
        return None;
    }
    if let Some(c) = CITY_COUNTRY_RE.captures(para) {
        if let Some(country) = place_country(&c["ctry"]) {
            let place = super::text::capitalise_words(&c["place"]);
            return Some(Found { place, country: Some(country), date: None, agency: None, len: c.get(0)?.end() });
        }
    }
    let c = DATELINE_RE.captures(para)?;
    let place = c.name("place")?.as_str();
    // "Jeddah (UrduPoint / Pakistan Point News - 16th December, 2021)": the date inside the
    // agency's brackets, after a dash.
    let bracket_date = c.name("agency_dated").and_then(|m| m.as_str().rsplit_once(" - ").or_else(|| m.as_str().rsplit_once(" – ")));
    let date_text = c.name("date").map(|d| d.as_str()).or(bracket_date.map(|(_, d)| d));
    let has_date = date_text.is_some();
    let agency = c.name("agency").or(c.name("agency2")).map(|m| m.as_str().to_string()).or(bracket_date.map(|(a, _)| a.trim().to_string()));
    let dash = c.name("dash").is_some();
    if !(dash || agency.is_some()) || NOT_PLACES.contains(&place.to_lowercase().as_str()) {
        return None;
    }
    let all_caps = place.chars().all(|ch| !ch.is_lowercase());
    let entry = whole_place(place);
    let country = entry.and_then(state_of);
    // A Titlecase word is a dateline only if it is a known place and the line has a date or
    // agency, or it is a city before a long dash ("Abuja — The minister ...": allAfrica's and
    // many newspapers' style); a hyphen or colon after a capitalised word opens prose as often.
    let city_dash = c.name("dash").is_some_and(|d| matches!(d.as_str(), "—" | "–" | "--")) && entry.is_some_and(|e| matches!(e.kind, PlaceKind::City | PlaceKind::Capital));
    if !all_caps && (country.is_none() || !(has_date || agency.is_some() || city_dash)) {
        return None;
    }
    if !has_date && agency.is_none() && !dash {
        return None;
    }
    // "BEIJING: ..." is a dateline, "SECRETARY POWELL: ..." a transcript's speaker label:
    // capitals and a colon alone need a known place.
    let colon_only = c.name("dash").is_some_and(|d| d.as_str() == ":") && !has_date && agency.is_none();
    if colon_only && country.is_none() {
        return None;
    }
    let date = date_text.and_then(|d| {
        let found = dates::find(d);
        let (_, _, expr) = *found.first()?;
        let anchor = published.map(|p| p + Duration::days(1));
        let today = chrono::Utc::now().date_naive();
        let r = dates::resolve(expr, anchor, today)?;
        // Datelines never lie far after publication; if the year was guessed from it, keep it close.
        Some(r.date).filter(|d| published.is_none_or(|p| (*d - p).num_days().abs() < 370 || d.year() != p.year()))
    });
    Some(Found { place: super::text::capitalise_words(place), country, date, agency, len: c.get(0)?.end() })
}

/// The gazetteer's entry that `place` names whole, in any case.
fn whole_place(place: &str) -> Option<&'static Entry> {
    let t = super::text::capitalise_words(place);
    let mut toks = Vec::new();
    tokenize(&t, 0, t.len(), &mut toks);
    GAZ.at(&t, &toks, 0).filter(|h| h.end == toks.len()).map(|h| h.entry)
}

fn state_of(entry: &Entry) -> Option<CountryCode> {
    match entry.target {
        Target::State(c) => Some(c),
        _ => None,
    }
}

/// The state a city or country name belongs to.
pub fn place_country(place: &str) -> Option<CountryCode> {
    whole_place(place).and_then(state_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn wire_dateline_with_agency_and_inferred_year() {
        let f = parse("OSLO, Oct. 2 (Reuters) -- The minister said.", Some(d(2019, 10, 3))).unwrap();
        assert_eq!(f.place, "Oslo");
        assert_eq!(f.country.unwrap().to_string(), "NO");
        assert_eq!(f.date, Some(d(2019, 10, 2)));
        assert_eq!(&"OSLO, Oct. 2 (Reuters) -- The minister said."[f.len..], "The minister said.");
    }

    #[test]
    fn an_aggregators_bracket_carries_agency_and_date() {
        let f = parse("Lima (NewsPoint / Andes Point News - 16th December, 2021) The minister met ...", Some(d(2021, 12, 16))).unwrap();
        assert_eq!((f.place.as_str(), f.country.map(|c| c.to_string())), ("Lima", Some("PE".into())));
        assert_eq!((f.date, f.agency.as_deref()), (Some(d(2021, 12, 16)), Some("NewsPoint / Andes Point News")));
        assert!(parse("Lima (a city of ten million people) grew fast.", None).is_none_or(|f| f.date.is_none()));
        // A short bracket too.
        let f = parse("Lima (Andes - 02nd May, 2021) The minister met ...", Some(d(2021, 5, 2))).unwrap();
        assert_eq!((f.date, f.agency.as_deref()), (Some(d(2021, 5, 2)), Some("Andes")));
    }

    #[test]
    fn a_titlecase_city_before_a_long_dash_is_a_dateline() {
        let f = parse("Abuja — The minister received his guest.", Some(d(2024, 1, 23))).unwrap();
        assert_eq!((f.place.as_str(), f.country.map(|c| c.to_string())), ("Abuja", Some("NG".into())));
        assert_eq!(&"Abuja — The minister received his guest."[f.len..], "The minister received his guest.");
        // A state's name, or a hyphen, opens prose as often.
        assert!(parse("Nigeria — the most populous state — voted.", None).is_none());
        assert!(parse("Abuja - The minister received his guest.", None).is_none());
    }

    #[test]
    fn a_speaker_label_in_capitals_is_no_dateline() {
        assert!(parse("SECRETARY SOTO: Well, good afternoon.", None).is_none());
        assert_eq!(parse("BEIJING: The talks went well.", None).map(|f| f.place).as_deref(), Some("Beijing"));
    }

    #[test]
    fn an_agency_after_a_comma_closes_the_dateline() {
        let f = parse("Baku, March 12, AZERTAC", Some(d(2018, 3, 12))).unwrap();
        assert_eq!((f.place.as_str(), f.agency.as_deref(), f.date), ("Baku", Some("AZERTAC"), Some(d(2018, 3, 12))));
    }

    #[test]
    fn day_month_year_and_colon() {
        let f = parse("Lima, 5 May 2021 (ABC): Talks began.", None).unwrap();
        assert_eq!(f.date, Some(d(2021, 5, 5)));
        assert_eq!(f.country.unwrap().to_string(), "PE");
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert!(parse("On Monday, the minister met.", None).is_none());
        assert!(parse("Wednesday, October 18, 2023 – leaders met.", None).is_none());
        assert!(parse("Peace, he said - is near.", None).is_none());
    }

    #[test]
    fn city_with_country() {
        let f = parse("Lahore, Pakistan — The minister said.", None).unwrap();
        assert_eq!(f.place, "Lahore");
        assert_eq!(f.country.unwrap().to_string(), "PK");
        assert!(parse("Peace, Prosperity — the plan.", None).is_none());
    }

    #[test]
    fn bare_capital_with_dash() {
        let f = parse("CAIRO — The president said.", None).unwrap();
        assert_eq!(f.country.unwrap().to_string(), "EG");
        assert_eq!(f.date, None);
    }
}
