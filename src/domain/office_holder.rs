//! The actor dictionary: who held which office of which state or organisation, and when.
//! The extractor consults it only where an article leaves a person's state unclear; the
//! API serves it and lets an admin correct it. The default dictionary is embedded from
//! `data/actors/*.tsv` (one file per region, see `data/actors/README.md`).

use std::fmt;

use chrono::NaiveDate;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::{name_key, CountryCode, DomainError};

/// Whose office it is: a state (ISO code) or an international organisation ("UN", "EU").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Holder {
    State(CountryCode),
    Org(String),
}

impl Holder {
    /// A known state's code is the state; anything else must be an organisation code of
    /// 2 to 20 letters, digits, spaces or `-` starting with a capital ("UN", "World Bank").
    /// `AU` is Australia: the African Union is `African Union`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        if let Some(code) = raw.bytes().all(|b| b.is_ascii_uppercase()).then(|| CountryCode::parse(raw).ok()).flatten() {
            return Ok(Holder::State(code));
        }
        let ok = (2..=20).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_uppercase())
            && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if ok {
            Ok(Holder::Org(raw.to_string()))
        } else {
            Err(DomainError(format!(
                "`{raw}` is neither a country code (\"CN\") nor an organisation code (\"UN\", \"World Bank\")"
            )))
        }
    }

    pub fn code(&self) -> &str {
        match self {
            Holder::State(c) => c.as_str(),
            Holder::Org(o) => o,
        }
    }

    pub fn country(&self) -> Option<CountryCode> {
        match self {
            Holder::State(c) => Some(*c),
            Holder::Org(_) => None,
        }
    }
}

/// Which office: a lowercase slug ("head_of_state", "foreign_minister", "secretary_general").
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Office(String);

impl Office {
    /// Offices several people hold at once (a ministry's spokespersons, a collective
    /// presidency), whose terms may overlap.
    pub const SHARED: &'static [&'static str] = &["foreign_ministry_spokesperson", "co_head_of_state"];

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let ok = (2..=64).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && raw.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(Office(raw.to_string()))
        } else {
            Err(DomainError(format!(
                "`{raw}` is not an office: use 2-64 lowercase letters, digits or `_` (\"foreign_minister\")"
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_shared(&self) -> bool {
        Self::SHARED.contains(&self.0.as_str())
    }
}

impl fmt::Debug for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Office({})", self.0)
    }
}

impl fmt::Display for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The days an office was held: `from` to `to` inclusive, `to` absent while it still is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl Term {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Self, DomainError> {
        match to {
            Some(to) if to < from => Err(DomainError(format!("a term cannot end ({to}) before it starts ({from})"))),
            _ => Ok(Term { from, to }),
        }
    }

    /// Reads dates as the data files write them: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where
    /// only the month or year is known (a start then counts from the period's first day,
    /// an end to its last).
    pub fn parse(from: &str, to: &str) -> Result<Self, DomainError> {
        let from = parse_partial(from.trim(), false)?;
        let to = match to.trim() {
            "" => None,
            raw => Some(parse_partial(raw, true)?),
        };
        Term::new(from, to)
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> Option<NaiveDate> {
        self.to
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }

    /// Days between `day` and the term (0 inside it).
    pub fn distance(&self, day: NaiveDate) -> i64 {
        if day < self.from {
            (self.from - day).num_days()
        } else {
            self.to.map_or(0, |to| (day - to).num_days().max(0))
        }
    }

    /// Whether two terms share more than a handover day.
    pub fn overlaps(&self, other: &Term) -> bool {
        let ends_before = |a: &Term, b: &Term| a.to.is_some_and(|to| to <= b.from);
        !(ends_before(self, other) || ends_before(other, self))
    }
}

fn parse_partial(raw: &str, end: bool) -> Result<NaiveDate, DomainError> {
    let bad = || DomainError(format!("`{raw}` is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"));
    let parts: Vec<&str> = raw.split('-').collect();
    let num = |s: &str, len: usize| if s.len() == len { s.parse::<u32>().ok() } else { None };
    let date = match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4).ok_or_else(bad)? as i32, num(m, 2).ok_or_else(bad)?, num(d, 2).ok_or_else(bad)?),
        [y, m] => {
            let (y, m) = (num(y, 4).ok_or_else(bad)? as i32, num(m, 2).ok_or_else(bad)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1);
            if end {
                first.and_then(|d| d.checked_add_months(chrono::Months::new(1))).and_then(|d| d.pred_opt())
            } else {
                first
            }
        }
        [y] => {
            let y = num(y, 4).ok_or_else(bad)? as i32;
            if end { NaiveDate::from_ymd_opt(y, 12, 31) } else { NaiveDate::from_ymd_opt(y, 1, 1) }
        }
        _ => None,
    };
    date.ok_or_else(bad)
}

/// One entry of the dictionary: a person holding an office over a term.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeHolder {
    pub holder: Holder,
    pub office: Office,
    /// The title as the press writes it ("President", "Foreign Minister").
    pub title: String,
    /// The usual full name ("Sergey Lavrov").
    pub name: String,
    /// Other spellings of the same person: transliterations, family-name-first order,
    /// forms without diacritics, common short forms ("Sergei Lavrov", "Lula").
    pub variants: Vec<String>,
    pub term: Term,
}

impl OfficeHolder {
    /// Every way the text may write the person: the name first, then its variants.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// An entry whose texts are checked: title and name 1 to 200 characters, at most 50
    /// variants of 1 to 200 characters each, no control characters or `|` anywhere (the
    /// data files separate variants with it). Texts are trimmed.
    pub fn new(holder: Holder, office: Office, title: &str, name: &str, variants: &[String], term: Term) -> Result<Self, DomainError> {
        let text = |v: &str, what: &str| {
            let v = v.trim();
            if v.is_empty() || v.chars().count() > 200 {
                Err(DomainError(format!("{what} must be 1 to 200 characters")))
            } else if v.chars().any(|c| c.is_control() || c == '|') {
                Err(DomainError(format!("{what} must not hold control characters or `|`")))
            } else {
                Ok(v.to_string())
            }
        };
        if variants.len() > 50 {
            return Err(DomainError(format!("at most 50 variants, not {}", variants.len())));
        }
        Ok(OfficeHolder {
            holder,
            office,
            title: text(title, "the title")?,
            name: text(name, "the name")?,
            variants: variants.iter().map(|v| text(v, "a variant")).collect::<Result<_, _>>()?,
            term,
        })
    }

    /// The name and its variants folded for matching and search (see [`folded_key`]),
    /// `|`-separated, so a substring of one never runs into the next.
    pub fn search_key(&self) -> String {
        let keys: Vec<String> = self.names().map(folded_key).collect();
        keys.join("|")
    }

    /// Parses one data-file line: actor, office, title, name, variants (`|`-separated), from, to.
    pub fn parse_line(line: &str) -> Result<Self, DomainError> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            return Err(DomainError(format!("expected 7 tab-separated columns, found {}", cols.len())));
        }
        let variants: Vec<String> = cols[4].split('|').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
        OfficeHolder::new(
            Holder::parse(cols[0])?,
            Office::parse(cols[1].trim())?,
            cols[2],
            cols[3],
            &variants,
            Term::parse(cols[5], cols[6])?,
        )
    }
}

/// A name's key (see [`name_key`]) with diacritics folded too, so "Tomás" finds "Tomas"
/// and back: the press drops accents as often as it keeps them.
pub fn folded_key(name: &str) -> String {
    name_key(&fold_diacritics(name))
}

/// `s` with its letters' diacritics dropped ("Rodríguez" → "Rodriguez", "Łukasz" → "Lukasz").
pub fn fold_diacritics(name: &str) -> String {
    // Most names are ASCII already: no decomposition to run.
    if name.is_ascii() {
        return name.to_string();
    }
    let mut plain = String::with_capacity(name.len());
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        // Letters with no decomposition of their own.
        match c {
            'ø' | 'Ø' => plain.push('o'),
            'ł' | 'Ł' => plain.push('l'),
            'đ' | 'Đ' => plain.push('d'),
            'ı' => plain.push('i'),
            'ß' => plain.push_str("ss"),
            'æ' | 'Æ' => plain.push_str("ae"),
            _ => plain.push(c),
        }
    }
    plain
}

/// The embedded data files, one per region.
const DATA_FILES: &[(&str, &str)] = &[
    ("africa.tsv", include_str!("../../data/actors/africa.tsv")),
    ("americas.tsv", include_str!("../../data/actors/americas.tsv")),
    ("asia.tsv", include_str!("../../data/actors/asia.tsv")),
    ("europe.tsv", include_str!("../../data/actors/europe.tsv")),
    ("middle_east.tsv", include_str!("../../data/actors/middle_east.tsv")),
    ("oceania.tsv", include_str!("../../data/actors/oceania.tsv")),
    ("organisations.tsv", include_str!("../../data/actors/organisations.tsv")),
];

/// The default dictionary, parsed from the embedded data files. The database is seeded
/// from it; admins correct it through the API afterwards.
pub fn default_office_holders() -> Vec<OfficeHolder> {
    DATA_FILES
        .iter()
        .flat_map(|(file, tsv)| {
            data_lines(tsv).map(move |(n, line)| {
                OfficeHolder::parse_line(line).unwrap_or_else(|e| panic!("data/actors/{file}:{n}: {e}"))
            })
        })
        .collect()
}

fn data_lines(tsv: &str) -> impl Iterator<Item = (usize, &str)> {
    tsv.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashSet};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn partial_dates_cover_their_whole_period() {
        let t = Term::parse("2013-03", "2023").unwrap();
        assert_eq!(t.from(), day("2013-03-01"));
        assert_eq!(t.to(), Some(day("2023-12-31")));
        let t = Term::parse("2012-11-15", "").unwrap();
        assert!(t.contains(day("2026-01-01")));
        assert_eq!(Term::parse("2020-02", "2020-02").unwrap().to(), Some(day("2020-02-29")));
        for (from, to) in [("2013-3-1", ""), ("13", ""), ("2020-01-01", "2019-12-31"), ("", "")] {
            assert!(Term::parse(from, to).is_err(), "{from}..{to}");
        }
    }

    #[test]
    fn terms_meeting_on_a_handover_day_do_not_overlap() {
        let a = Term::parse("2009-01-20", "2017-01-20").unwrap();
        let b = Term::parse("2017-01-20", "2021-01-20").unwrap();
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        let c = Term::parse("2016-12-01", "").unwrap();
        assert!(a.overlaps(&c) && c.overlaps(&b));
        assert_eq!(a.distance(day("2017-01-25")), 5);
        assert_eq!(b.distance(day("2017-01-25")), 0);
    }

    #[test]
    fn holders_are_states_or_organisations() {
        assert_eq!(Holder::parse("CN").unwrap(), Holder::State(CountryCode::parse("CN").unwrap()));
        assert_eq!(Holder::parse("World Bank").unwrap(), Holder::Org("World Bank".into()));
        assert_eq!(Holder::parse("UN").unwrap(), Holder::Org("UN".into()));
        assert!(matches!(Holder::parse("AU").unwrap(), Holder::State(_)));
        for bad in ["", "cn", "X", "UN;drop"] {
            assert!(Holder::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_line_has_seven_columns() {
        let e = OfficeHolder::parse_line("US\thead_of_state\tPresident\tBarack Obama\tObama|Barack H. Obama\t2009-01-20\t2017-01-20").unwrap();
        assert_eq!(e.names().collect::<Vec<_>>(), ["Barack Obama", "Obama", "Barack H. Obama"]);
        assert!(OfficeHolder::parse_line("US\thead_of_state\tPresident\tBarack Obama").is_err());
        assert!(OfficeHolder::parse_line("US\tHead of State\tPresident\tX\t\t2009\t").is_err());
    }

    /// The shape the issue asks of the default dictionary: every UN member state's heads
    /// of state (or government) and foreign ministers, 2000 to today, with no two holders of
    /// one office at once.
    #[test]
    fn the_default_dictionary_covers_every_state_without_overlapping_terms() {
        let entries = default_office_holders();
        let mut by_office: BTreeMap<(&Holder, &Office), Vec<&OfficeHolder>> = BTreeMap::new();
        for e in &entries {
            by_office.entry((&e.holder, &e.office)).or_default().push(e);
        }
        let mut clashes = Vec::new();
        for ((holder, office), list) in &by_office {
            if office.is_shared() {
                continue;
            }
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    if a.term.overlaps(&b.term) {
                        clashes.push(format!("{} {office}: {} and {}", holder.code(), a.name, b.name));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "overlapping terms:\n{}", clashes.join("\n"));

        let covered: HashSet<&str> = entries
            .iter()
            .filter(|e| matches!(e.office.as_str(), "head_of_state" | "head_of_government" | "co_head_of_state"))
            .filter_map(|e| e.holder.country().map(|_| e.holder.code()))
            .collect();
        let ministers: HashSet<&str> =
            entries.iter().filter(|e| e.office.as_str() == "foreign_minister").map(|e| e.holder.code()).collect();
        let missing: Vec<&str> = crate::domain::COUNTRIES
            .iter()
            .map(|c| c.code.as_str())
            .filter(|c| UN_MEMBERS.contains(c))
            .filter(|c| !covered.contains(c) || !ministers.contains(c))
            .collect();
        assert!(missing.is_empty(), "states without a head or foreign minister: {missing:?}");
        let unknown: Vec<&str> = UN_MEMBERS
            .iter()
            .copied()
            .filter(|c| !crate::domain::COUNTRIES.iter().any(|k| k.code.as_str() == *c))
            .collect();
        assert!(unknown.is_empty(), "UN members missing from the gazetteer: {unknown:?}");
        for org in ["UN", "EU", "NATO", "ASEAN", "African Union", "SCO", "WHO", "IMF", "World Bank"] {
            assert!(entries.iter().any(|e| e.holder.code() == org), "{org} has no entries");
        }
    }

    /// The 193 member states of the United Nations.
    const UN_MEMBERS: &[&str] = &[
        "AF", "AL", "DZ", "AD", "AO", "AG", "AR", "AM", "AU", "AT", "AZ", "BS", "BH", "BD", "BB", "BY", "BE", "BZ",
        "BJ", "BT", "BO", "BA", "BW", "BR", "BN", "BG", "BF", "BI", "CV", "KH", "CM", "CA", "CF", "TD", "CL", "CN",
        "CO", "KM", "CG", "CD", "CR", "CI", "HR", "CU", "CY", "CZ", "DK", "DJ", "DM", "DO", "EC", "EG", "SV", "GQ",
        "ER", "EE", "SZ", "ET", "FJ", "FI", "FR", "GA", "GM", "GE", "DE", "GH", "GR", "GD", "GT", "GN", "GW", "GY",
        "HT", "HN", "HU", "IS", "IN", "ID", "IR", "IQ", "IE", "IL", "IT", "JM", "JP", "JO", "KZ", "KE", "KI", "KP",
        "KR", "KW", "KG", "LA", "LV", "LB", "LS", "LR", "LY", "LI", "LT", "LU", "MG", "MW", "MY", "MV", "ML", "MT",
        "MH", "MR", "MU", "MX", "FM", "MD", "MC", "MN", "ME", "MA", "MZ", "MM", "NA", "NR", "NP", "NL", "NZ", "NI",
        "NE", "NG", "MK", "NO", "OM", "PK", "PW", "PA", "PG", "PY", "PE", "PH", "PL", "PT", "QA", "RO", "RU", "RW",
        "KN", "LC", "VC", "WS", "SM", "ST", "SA", "SN", "RS", "SC", "SL", "SG", "SK", "SI", "SB", "SO", "ZA", "SS",
        "ES", "LK", "SD", "SR", "SE", "CH", "SY", "TJ", "TZ", "TH", "TL", "TG", "TO", "TT", "TN", "TR", "TM", "TV",
        "UG", "UA", "AE", "GB", "US", "UY", "UZ", "VU", "VE", "VN", "YE", "ZM", "ZW",
    ];
}
