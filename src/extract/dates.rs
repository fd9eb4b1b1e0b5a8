//! Date grammar: explicit dates ("on Sept. 13", "13 March 2020", "Oct 9, 2018"),
//! weekdays (the most recent such day on or before the anchor), "today",
//! "yesterday", "earlier this week". Regexes compiled once.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::text::{Tok, TokKind};
use crate::domain::{DateRule, ResolvedDate};

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let md = format!(r"{MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d{{2}}))?");
    // "26-27 May": a span of days happened from its first day.
    let dm = format!(r"(?:(?P<d0>\d{{1,2}})(?:-|–))?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{}(?:,?\s+(?P<y2>(?:19|20)\d{{2}}))?", MONTH.replace("mon", "mon2"));
    // "16/8/2024", "16.08.2024": numbers with a four-digit year.
    let num = r"(?P<n1>\d{1,2})[/.\-](?P<n2>\d{1,2})[/.\-](?P<y3>(?:19|20)\d{2})";
    let wd = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    let rel = r"(?P<rel>yesterday|today|tonight|this\s+week|earlier\s+this\s+week|earlier\s+today|this\s+(?:morning|afternoon|evening)|last\s+night|the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier)";
    Regex::new(&format!(r"(?i-u)\b(?:{md}|{dm}|{num}|{wd}|{rel})\b")).unwrap()
});

/// Whether a sentence of these tokens may hold a date expression, before the
/// regex runs: every one holds a number or a word ending in "day", "tonight" or
/// "week", and a time of day dates only after "this"/"last" ("this morning",
/// "last night"). Words are told apart by their last byte first, as this runs
/// over every token of every sentence.
pub fn may_hold_date(toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(k, t)| {
        let w = t.low.as_bytes();
        if t.kind == TokKind::Num || w.first().is_some_and(u8::is_ascii_digit) {
            return true;
        }
        let after_this_or_last = || k > 0 && matches!(toks[k - 1].low.as_bytes(), b"this" | b"last");
        match w.last() {
            Some(b'y') => w.ends_with(b"day"),
            Some(b'k') => w == b"week",
            Some(b't') => w == b"tonight" || (w == b"night" && after_this_or_last()),
            Some(b'g') => matches!(w, b"morning" | b"evening") && after_this_or_last(),
            Some(b'n') => w == b"afternoon" && after_this_or_last(),
            _ => false,
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// Month, day, year if written; weekday if written next to it.
    Explicit { month: u32, day: u32, year: Option<i32>, weekday: Option<Weekday> },
    Weekday(Weekday),
    Today,
    Yesterday,
    ThisWeek,
}

fn month_num(m: &str) -> u32 {
    let m = m.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|p| m.starts_with(p))
        .map(|i| i as u32 + 1)
        .unwrap_or(1)
}

fn weekday(w: &str) -> Weekday {
    match &w.to_ascii_lowercase()[..3] {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Date expressions in `s`, with byte ranges relative to `s`. A weekday written
/// right before an explicit date ("Monday August 1", "Saturday (May 27)") is folded into it.
pub fn find(s: &str) -> Vec<(usize, usize, DateExpr)> {
    let mut out: Vec<(usize, usize, DateExpr)> = Vec::new();
    // Cheap gate: every expression has a digit or one of these letter runs.
    let lower_has = |w: &str| s.as_bytes().windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes()));
    if !s.bytes().any(|b| b.is_ascii_digit()) && !["day", "tonight", "week", "morning", "afternoon", "evening", "night"].iter().any(|w| lower_has(w)) {
        return out;
    }
    for c in DATE_RE.captures_iter(s) {
        let m = c.get(0).unwrap();
        let expr = if let Some(mon) = c.name("mon") {
            let day: u32 = c["d1"].parse().unwrap_or(1);
            // "May" the modal verb never has a day number, so it cannot get here.
            DateExpr::Explicit { month: month_num(mon.as_str()), day, year: c.name("y1").and_then(|y| y.as_str().parse().ok()), weekday: None }
        } else if let Some(mon) = c.name("mon2") {
            let last: u32 = c["d2"].parse().unwrap_or(1);
            let first: Option<u32> = c.name("d0").and_then(|d| d.as_str().parse().ok());
            let day = first.filter(|&f| f < last).unwrap_or(last);
            DateExpr::Explicit { month: month_num(mon.as_str()), day, year: c.name("y2").and_then(|y| y.as_str().parse().ok()), weekday: None }
        } else if let Some(first) = c.name("n1") {
            // Day first in most of the world's copy, month first in American: only a number
            // past 12 tells which, so "5/8/2024" is left undated rather than guessed.
            let (a, b): (u32, u32) = (first.as_str().parse().unwrap_or(0), c["n2"].parse().unwrap_or(0));
            let (day, month) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => continue,
            };
            if day == 0 || month == 0 {
                continue;
            }
            DateExpr::Explicit { month, day, year: c["y3"].parse().ok(), weekday: None }
        } else if let Some(w) = c.name("wd") {
            DateExpr::Weekday(weekday(w.as_str()))
        } else {
            let r = c["rel"].to_ascii_lowercase();
            // "the day before the summit" counts from an event, not from the article's day.
            let next = s[m.end()..].split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            let from_event = matches!(next.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "yesterday");
            if r.starts_with("the") && from_event {
                continue;
            }
            if r.starts_with("yesterday") || r.starts_with("last") || r.starts_with("the") || r.starts_with("a ") {
                DateExpr::Yesterday
            } else if r.contains("week") {
                DateExpr::ThisWeek
            } else {
                DateExpr::Today
            }
        };
        // "on Friday and Saturday, he met A, B and C": a span of days is dated from its first,
        // as "26-27 May" is.
        if let (DateExpr::Weekday(_), Some(&(_, pe, DateExpr::Weekday(_)))) = (expr, out.last()) {
            if matches!(s[pe..m.start()].trim(), "and" | "to" | "through" | "-" | "–") {
                continue;
            }
        }
        if let (DateExpr::Explicit { month, day, year, .. }, Some(&(ps, pe, DateExpr::Weekday(w)))) = (expr, out.last()) {
            let gap = &s[pe..m.start()];
            if gap.chars().all(|ch| ch.is_whitespace() || matches!(ch, ',' | '(')) && gap.len() <= 3 {
                out.pop();
                out.push((ps, m.end(), DateExpr::Explicit { month, day, year, weekday: Some(w) }));
                continue;
            }
        }
        out.push((m.start(), m.end(), expr));
    }
    out
}

/// Turns an expression into a day. `anchor` is the dateline or publication day;
/// `today` bounds the year guess when there is no anchor.
pub fn resolve(expr: DateExpr, anchor: Option<NaiveDate>, today: NaiveDate) -> Option<ResolvedDate> {
    let mk = |date, rule| Some(ResolvedDate { date, anchor, rule });
    match expr {
        DateExpr::Explicit { month, day, year, weekday } => {
            let year = match (year, anchor) {
                (Some(y), _) => y,
                (None, Some(a)) => {
                    // A date more than a month after the anchor belongs to the previous year.
                    let d = NaiveDate::from_ymd_opt(a.year(), month, day)?;
                    if d > a + Duration::days(31) { a.year() - 1 } else { a.year() }
                }
                (None, None) => {
                    // Without an anchor a written weekday pins the year: the latest year up to today.
                    let w = weekday?;
                    (1990..=today.year())
                        .rev()
                        .find(|y| NaiveDate::from_ymd_opt(*y, month, day).is_some_and(|d| d.weekday() == w && d <= today))?
                }
            };
            mk(NaiveDate::from_ymd_opt(year, month, day)?, DateRule::Explicit)
        }
        DateExpr::Weekday(w) => {
            let a = anchor?;
            let back = (a.weekday().num_days_from_monday() + 7 - w.num_days_from_monday()) % 7;
            mk(a - Duration::days(back as i64), DateRule::Weekday)
        }
        DateExpr::Today => mk(anchor?, DateRule::Today),
        DateExpr::Yesterday => mk(anchor? - Duration::days(1), DateRule::Yesterday),
        DateExpr::ThisWeek => mk(anchor?, DateRule::ThisWeek),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn may_hold(s: &str) -> bool {
        let mut toks = Vec::new();
        crate::extract::text::tokenize(s, 0, s.len(), &mut toks);
        may_hold_date(&toks)
    }

    #[test]
    fn sentences_without_a_number_or_day_word_skip_the_date_grammar() {
        for s in ["They met on Tuesday.", "It ended 3 March.", "He left Tonight.", "Talks this week.", "Talks last night.", "Talks this Afternoon."] {
            assert!(may_hold(s), "{s}");
        }
        for s in ["They met in the morning.", "A night of talks.", "The ministers met.", "Weekly talks."] {
            assert!(!may_hold(s), "{s}");
        }
    }

    fn one(s: &str, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
        let f = find(s);
        resolve(f.first()?.2, anchor, d(2026, 1, 1)).map(|r| r.date)
    }

    #[test]
    fn weekday_is_most_recent_on_or_before_anchor() {
        // 2021-06-02 is a Wednesday.
        assert_eq!(one("they met on Wednesday", Some(d(2021, 6, 2))), Some(d(2021, 6, 2)));
        assert_eq!(one("they met on Thursday", Some(d(2021, 6, 2))), Some(d(2021, 5, 27)));
    }

    #[test]
    fn explicit_dates_take_the_anchor_year_or_the_previous_one() {
        assert_eq!(one("on Sept. 3", Some(d(2019, 9, 5))), Some(d(2019, 9, 3)));
        assert_eq!(one("on 28 December", Some(d(2019, 1, 2))), Some(d(2018, 12, 28)));
        assert_eq!(one("on the afternoon of March 6, 2011", None), Some(d(2011, 3, 6)));
        assert_eq!(one("May be on Oct 2", Some(d(2015, 10, 9))), Some(d(2015, 10, 2)));
    }

    #[test]
    fn a_span_of_weekdays_is_dated_from_its_first() {
        // 2023-12-16 was a Saturday.
        let f = find("In Suva on Friday and Saturday, he met A and B.");
        assert_eq!(f.len(), 1);
        assert_eq!(resolve(f[0].2, Some(d(2023, 12, 16)), d(2026, 1, 1)).map(|r| r.date), Some(d(2023, 12, 15)));
        assert_eq!(find("He met A on Friday and B on Saturday.").len(), 2, "two days, two encounters");
    }

    #[test]
    fn numeric_dates_with_a_year_are_read_when_a_day_past_12_shows_the_order() {
        // Middle Eastern and African releases: "received a phone call on Friday 16/8/2024".
        assert_eq!(one("a phone call on Friday 16/8/2024 from", Some(d(2024, 9, 16))), Some(d(2024, 8, 16)));
        assert_eq!(one("on 16.08.2024", None), Some(d(2024, 8, 16)));
        assert_eq!(one("on 8/16/2024", None), Some(d(2024, 8, 16)));
        assert_eq!(one("on 5/8/2024", None), None, "day or month first: not guessed");
        assert_eq!(one("on 31/2/2024", None), None, "no such day");
    }

    #[test]
    fn weekday_with_date_pins_year_without_anchor() {
        // 2024-06-01 was a Saturday.
        assert_eq!(one("On Saturday (June 1), they met", None), Some(d(2024, 6, 1)));
    }

    #[test]
    fn yesterday_and_today() {
        assert_eq!(one("he said yesterday", Some(d(2020, 3, 1))), Some(d(2020, 2, 29)));
        assert_eq!(one("talks today", Some(d(2020, 3, 1))), Some(d(2020, 3, 1)));
        assert_eq!(one("they met this afternoon", Some(d(2020, 3, 1))), Some(d(2020, 3, 1)));
        assert_eq!(one("they dined last night", Some(d(2020, 3, 1))), Some(d(2020, 2, 29)));
        assert_eq!(one("The day before, she met him", Some(d(2020, 3, 1))), Some(d(2020, 2, 29)));
        assert_eq!(one("he had arrived the previous day", Some(d(2020, 3, 1))), Some(d(2020, 2, 29)));
        assert_eq!(one("the day before the summit opened", Some(d(2020, 3, 1))), None);
    }

    #[test]
    fn a_span_of_days_starts_on_its_first() {
        assert_eq!(one("the forum on 26-27 May 2016", None), Some(d(2016, 5, 26)));
        assert_eq!(one("held on 9–10 April", Some(d(2015, 6, 1))), Some(d(2015, 4, 9)));
        // A time of day before a date is no span.
        assert_eq!(one("Published 8:19 - 29 January 2014", None), Some(d(2014, 1, 29)));
        assert_eq!(one("on 27 May 2016", None), Some(d(2016, 5, 27)));
    }
}
