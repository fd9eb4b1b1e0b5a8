//! The actor dictionary compiled for look-ups by name: which state (or organisation) a
//! person served, and under which title, on a given day. The extractor asks it only when
//! the text leaves a state unclear; what the text says always wins.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{folded_key, Holder, OfficeHolder, Term};

/// How far from a term an article may be dated and still take the term's state: a report
/// of a past visit, a date read a little off, a dictionary term a few days out.
const NEAR_DAYS: i64 = 400;

#[derive(Debug, Clone)]
struct Entry {
    holder: Holder,
    title: String,
    term: Term,
}

/// Dictionary entries keyed by every name form they carry (see `name_key`).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    by_name: HashMap<String, Vec<Entry>>,
}

/// What the dictionary tells of a person on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Known<'d> {
    pub holder: &'d Holder,
    pub title: &'d str,
}

impl Dictionary {
    pub fn new(holders: &[OfficeHolder]) -> Self {
        let mut by_name: HashMap<String, Vec<Entry>> = HashMap::new();
        for h in holders {
            let entry = Entry { holder: h.holder.clone(), title: h.title.clone(), term: h.term };
            let mut keys: Vec<String> = h.names().map(folded_key).filter(|k| !k.is_empty()).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                by_name.entry(key).or_default().push(entry.clone());
            }
        }
        Dictionary { by_name }
    }

    /// The office a person of this full name held on `day`, or nearest to it. With no day,
    /// or several holders for the name, only an answer every candidate agrees on.
    pub fn lookup(&self, name: &str, day: Option<NaiveDate>) -> Option<Known<'_>> {
        let entries = self.by_name.get(&folded_key(name))?;
        let chosen: Vec<&Entry> = match day {
            Some(day) => {
                let nearest = entries.iter().map(|e| e.term.distance(day)).min()?;
                if nearest > NEAR_DAYS {
                    return None;
                }
                entries.iter().filter(|e| e.term.distance(day) == nearest).collect()
            }
            None => entries.iter().collect(),
        };
        let first = chosen.first()?;
        chosen
            .iter()
            .all(|e| e.holder == first.holder)
            .then(|| Known { holder: &first.holder, title: first.title.as_str() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(line: &str) -> OfficeHolder {
        OfficeHolder::parse_line(line).unwrap()
    }

    fn day(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn dict() -> Dictionary {
        Dictionary::new(&[
            holder("PE\thead_of_state\tPresident\tAna María Vera\tAna Maria Vera|Vera Ana\t2016-07-28\t2021-07-28"),
            holder("CL\tforeign_minister\tForeign Minister\tTomás Soto\tTomas Soto\t2010\t2014-03"),
            holder("AR\tforeign_minister\tForeign Minister\tTomás Soto\t\t2020-01-01\t"),
        ])
    }

    #[test]
    fn a_name_in_any_listed_form_finds_its_state() {
        let d = dict();
        for name in ["Ana María Vera", "ana maria vera", "Vera Ana"] {
            let k = d.lookup(name, day("2019-05-01")).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(k.holder.code(), "PE");
            assert_eq!(k.title, "President");
        }
        assert!(d.lookup("Ana Vera", day("2019-05-01")).is_none(), "a shorter name is another person");
    }

    #[test]
    fn the_day_picks_between_namesakes_and_far_days_find_nothing() {
        let d = dict();
        assert_eq!(d.lookup("Tomas Soto", day("2012-06-01")).unwrap().holder.code(), "CL");
        assert_eq!(d.lookup("Tomas Soto", day("2024-06-01")).unwrap().holder.code(), "AR");
        assert!(d.lookup("Tomas Soto", None).is_none(), "undated, the namesakes disagree");
        assert!(d.lookup("Ana Maria Vera", day("2030-01-01")).is_none());
        assert_eq!(d.lookup("Ana Maria Vera", day("2022-01-01")).unwrap().holder.code(), "PE", "months after the term");
        assert_eq!(d.lookup("Ana Maria Vera", None).unwrap().holder.code(), "PE");
    }
}
