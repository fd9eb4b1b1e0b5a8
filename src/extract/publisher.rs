//! Publisher hint: the state an article's publisher speaks for. A state news
//! agency ("(Xinhua)" in the dateline, source "TASS"), a government domain
//! ("whitehouse.gov", "mfa.gov.cn") or a government body named as the source
//! ("Ministry of Foreign Affairs of Peru", "Chinese MFA") publishes its own
//! state's copy, which often names that state's officials without the state
//! ("President X spoke with ..."). Private wires and newspapers give no hint.
//!
//! The outlet gazetteer is data (`data/publishers.tsv`); generic government
//! domains and government-body names are rules here.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::domain::CountryCode;

use super::gazetteer::{PlaceKind, Target, GAZ};
use super::lexicon::FxBuild;
use super::text::{tokenize, Tok};

static PUBLISHERS_TSV: &str = include_str!("../../data/publishers.tsv");

static PUBLISHERS: LazyLock<Publishers> = LazyLock::new(|| Publishers::parse(PUBLISHERS_TSV));

/// What the article says about where it comes from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    /// The outlet or publisher as stored with the article ("Xinhua", "whitehouse.gov").
    pub source: Option<&'a str>,
    /// The article's address; its host may be a government domain.
    pub url: Option<&'a str>,
}

struct Publishers {
    /// Lowercase outlet name → state; short all-caps names keep their case to match.
    names: Vec<(String, bool, CountryCode)>,
    /// The one-word names among them, lowercase, for `is_outlet_word`.
    words: HashSet<String, FxBuild>,
    domains: HashMap<String, CountryCode, FxBuild>,
}

impl Publishers {
    fn parse(tsv: &str) -> Self {
        let mut p = Publishers { names: Vec::new(), words: HashSet::default(), domains: HashMap::default() };
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let (Some(kind), Some(key), Some(cc)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let Ok(code) = CountryCode::parse(cc) else { continue };
            match kind {
                "name" => {
                    // "RT", "SPA", "MAP": acronyms that are words too match in capitals only.
                    let exact = key.len() <= 5 && key.chars().all(|c| c.is_ascii_uppercase());
                    p.names.push((if exact { key.to_string() } else { key.to_lowercase() }, exact, code));
                }
                "domain" => {
                    p.domains.insert(key.to_ascii_lowercase(), code);
                }
                _ => {}
            }
        }
        p.words = p.names.iter().filter(|(n, exact, _)| !exact && !n.contains(' ')).map(|(n, _, _)| n.clone()).collect();
        // Longest names first: "Xinhua News Agency" before "Xinhua".
        p.names.sort_by_key(|(n, _, _)| std::cmp::Reverse(n.len()));
        p
    }

    /// The state of an outlet named by `s` alone or by its leading words
    /// ("Xinhua (People's Daily Online)", "TASS via ...").
    fn by_name(&self, s: &str) -> Option<CountryCode> {
        let s = s.trim().trim_start_matches("Source:").trim();
        let low = s.to_lowercase();
        self.names.iter().find_map(|(name, exact, code)| {
            let hay = if *exact { s } else { low.as_str() };
            let rest = hay.strip_prefix(name.as_str())?;
            rest.chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != '\'').then_some(*code)
        })
    }

    /// The state of a host name: a listed domain or one of its parents, else a
    /// generic government domain.
    fn by_host(&self, host: &str) -> Option<CountryCode> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut d = host.as_str();
        loop {
            if let Some(c) = self.domains.get(d) {
                return Some(*c);
            }
            d = d.split_once('.')?.1;
            if !d.contains('.') {
                return government_domain(&host);
            }
        }
    }
}

/// ".gov.cn", ".gob.mx", ".gouv.fr", ".go.jp", ".gov": domains only governments register.
fn government_domain(host: &str) -> Option<CountryCode> {
    let labels: Vec<&str> = host.split('.').collect();
    let (last, second) = (*labels.last()?, labels.len().checked_sub(2).map(|i| labels[i]));
    if matches!(last, "gov" | "mil") {
        return CountryCode::parse("US").ok();
    }
    if last.len() == 2 && matches!(second, Some("gov" | "gob" | "gouv" | "go" | "govt" | "gv" | "gub" | "mil")) {
        // The one country-code domain that is not its ISO code.
        let iso = if last == "uk" { "gb" } else { last };
        return CountryCode::parse(iso).ok();
    }
    None
}

/// The words in a source's first brackets, past a word that says whose copy it is
/// ("carrying", "via", "citing", "from").
fn bracketed(s: &str) -> Option<&str> {
    let inner = s.split_once('(')?.1.split_once(')')?.0.trim();
    let lead = ["carrying ", "via ", "citing ", "from ", "by "].iter().find_map(|w| inner.strip_prefix(w));
    Some(lead.unwrap_or(inner).trim())
}

/// Whether `word` (lowercase) is by itself the name of a listed outlet ("Kazinform",
/// "Xinhua"): such a word in a name's place ("received the ambassadors, Kazinform
/// reports") is the agency, not a person.
pub fn is_outlet_word(word: &str) -> bool {
    PUBLISHERS.words.contains(word)
}

/// The host of a URL ("https://www.mfa.gov.cn/eng/...") or of a bare domain
/// given as a source ("whitehouse.gov"); `None` for anything with spaces.
fn host_of(s: &str) -> Option<&str> {
    let s = s.trim();
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (host.contains('.') && !host.contains(char::is_whitespace) && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-')))
        .then_some(host)
}

/// Words that make a source a government body ("Ministry of Foreign Affairs of
/// Peru", "Embassy of Chile", "Chinese MFA", "Office of the President of X").
const GOVERNMENT_BODIES: &[&str] = &[
    "ministry", "mfa", "embassy", "consulate", "government", "presidency", "cabinet", "chancellery", "department",
    "office", "mission",
];

/// Words that may stand between a state and the body it names ("Chinese Foreign Ministry").
const BODY_MODIFIERS: &[&str] = &["foreign", "federal", "state", "national", "royal", "general", "permanent", "presidential"];

/// The state of a government body named as the source: the state named right
/// before the body word ("Chinese MFA", "Peru's Foreign Ministry") or in the
/// first "of (the) <State>" after it ("Consulate General of Chile in Lima").
fn by_government_body(s: &str) -> Option<CountryCode> {
    let mut toks: Vec<Tok> = Vec::new();
    tokenize(s, 0, s.len(), &mut toks);
    GAZ.mark(s, &mut toks);
    let body = toks.iter().position(|t| GOVERNMENT_BODIES.contains(&t.stem()))?;
    // A state phrase starting at token `i`, with its end.
    let state = |i: usize, kinds: &[PlaceKind]| match GAZ.at(s, &toks, i) {
        Some(h) if kinds.contains(&h.entry.kind) => match h.entry.target {
            Target::State(c) => Some((c, h.end)),
            Target::Org(_) => None,
        },
        _ => None,
    };
    // Before: the state phrase ending where the modifiers start ("Chinese Foreign Ministry").
    let mut k = body;
    while k > 0 && BODY_MODIFIERS.contains(&toks[k - 1].stem()) {
        k -= 1;
    }
    let before = (k.saturating_sub(4)..k).find_map(|i| state(i, &[PlaceKind::Adjective, PlaceKind::Name]).filter(|(_, e)| *e == k));
    let after = || {
        (body + 1..toks.len()).take(12).find_map(|i| {
            let after_of = toks[i - 1].low == "of" || (toks[i - 1].low == "the" && i >= 2 && toks[i - 2].low == "of");
            after_of.then(|| state(i, &[PlaceKind::Name])).flatten()
        })
    };
    before.or_else(after).map(|(c, _)| c)
}

/// The state whose publisher put out the article: from its source (an outlet,
/// a domain, a government body), its URL's host, or the agency in its dateline.
pub fn publishing_state(origin: Origin<'_>, dateline_agency: Option<&str>) -> Option<CountryCode> {
    let p = &*PUBLISHERS;
    let from_source = origin.source.and_then(|s| {
        p.by_name(s)
            .or_else(|| host_of(s).and_then(|h| p.by_host(h)))
            .or_else(|| by_government_body(s))
            // "Gulf Times / QNA": a newspaper crediting the agency whose copy it runs.
            .or_else(|| s.split(" / ").skip(1).find_map(|part| p.by_name(part.trim())))
            // "Datarabia (Saudi Press Agency)", "Emirates 24|7 (carrying WAM)": a portal naming
            // in brackets the agency whose copy it runs.
            .or_else(|| bracketed(s).and_then(|b| p.by_name(b)))
    });
    from_source
        .or_else(|| origin.url.and_then(host_of).and_then(|h| p.by_host(h)))
        .or_else(|| dateline_agency.and_then(|a| p.by_name(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(source: Option<&str>, url: Option<&str>, agency: Option<&str>) -> Option<String> {
        publishing_state(Origin { source, url }, agency).map(|c| c.to_string())
    }

    #[test]
    fn state_agencies_by_source_or_dateline() {
        assert_eq!(state(Some("TASS"), None, None).as_deref(), Some("RU"));
        assert_eq!(state(Some("Bernama (via The Star)"), None, None).as_deref(), Some("MY"));
        assert_eq!(state(None, None, Some("KUNA")).as_deref(), Some("KW"));
        assert_eq!(state(Some("Anadolu Agency"), None, None).as_deref(), Some("TR"));
        assert_eq!(state(Some("Gulf Times / QNA (via a portal)"), None, None).as_deref(), Some("QA"));
        assert_eq!(state(Some("Datarabia (Saudi Press Agency)"), None, None).as_deref(), Some("SA"));
        assert_eq!(state(Some("Lima Portal (carrying WAM)"), None, None).as_deref(), Some("AE"));
    }

    #[test]
    fn private_wires_and_newspapers_give_no_state() {
        for s in ["Reuters", "AP (via a local station)", "PTI", "The Lima Post", "Spartan Weekly", "Rtl News"] {
            assert_eq!(state(Some(s), None, Some("AFP")), None, "{s}");
        }
    }

    #[test]
    fn government_domains_listed_and_generic() {
        assert_eq!(state(Some("whitehouse.gov"), None, None).as_deref(), Some("US"));
        assert_eq!(state(None, Some("https://www.mid.ru/en/foreign_policy/news/1"), None).as_deref(), Some("RU"));
        assert_eq!(state(None, Some("https://www.minrel.gob.cl/news"), None).as_deref(), Some("CL"));
        assert_eq!(state(None, Some("http://www.fco.gov.uk/en"), None).as_deref(), Some("GB"));
        assert_eq!(state(None, Some("https://news.example.com/gov/story"), None), None);
    }

    #[test]
    fn government_bodies_named_as_source() {
        assert_eq!(state(Some("Ministry of Foreign Affairs of Peru"), None, None).as_deref(), Some("PE"));
        assert_eq!(state(Some("Ministry of Foreign Affairs of the Russian Federation"), None, None).as_deref(), Some("RU"));
        assert_eq!(state(Some("Chilean Foreign Ministry"), None, None).as_deref(), Some("CL"));
        assert_eq!(state(Some("Embassy of Norway in Lima"), None, None).as_deref(), Some("NO"));
        // A newspaper named after a nationality is not a government body.
        assert_eq!(state(Some("The Chilean Times"), None, None), None);
    }
}
