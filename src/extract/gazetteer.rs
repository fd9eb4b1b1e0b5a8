//! Place and organisation look-ups built once from the embedded gazetteer
//! (`data/countries.tsv`, `data/cities.tsv`): names, aliases, adjectives,
//! demonyms, capitals and major cities → state; organisation names → org code.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::{CountryCode, COUNTRIES};

use super::lexicon::{FxBuild, WordMap, F_GAZ, F_GAZ_CHECKED};
use super::text::{tokenize, Tok};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Name,
    Adjective,
    Capital,
    City,
    Org,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    State(CountryCode),
    Org(&'static str),
}

#[derive(Debug)]
pub struct Entry {
    words: Vec<String>,
    /// All-caps short forms ("US", "WHO") only match in that exact case.
    exact: Option<String>,
    pub target: Target,
    pub kind: PlaceKind,
}

/// A gazetteer phrase found in a token sequence.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'g> {
    pub end: usize,
    pub entry: &'g Entry,
    pub possessive: bool,
}

const REGION_WORDS: &[&str] = &["latin", "south", "north", "central", "east", "west", "southern", "northern", "eastern", "western", "new", "greater", "upper", "lower"];

/// The code the extractor writes for an organisation the actor dictionary names in full
/// ("African Union" is `AU` here, though the dictionary cannot use the code Australia has).
pub fn org_code(name: &str) -> Option<&'static str> {
    ORGS.iter().find(|(full, _)| full.eq_ignore_ascii_case(name)).map(|(_, code)| *code)
}

pub struct Gazetteer {
    by_first: WordMap<Vec<Entry>>,
}

/// International organisations whose officials are listed with `org` and no country.
const ORGS: &[(&str, &str)] = &[
    ("UN", "UN"), ("U.N.", "UN"), ("United Nations", "UN"), ("SCO", "SCO"),
    ("Shanghai Cooperation Organization", "SCO"), ("Shanghai Cooperation Organisation", "SCO"),
    ("EU", "EU"), ("European Union", "EU"), ("European Commission", "EU"), ("European Council", "EU"),
    ("ASEAN", "ASEAN"), ("WHO", "WHO"), ("World Health Organization", "WHO"), ("World Health Organisation", "WHO"),
    ("NATO", "NATO"), ("African Union", "AU"), ("AU", "AU"), ("IMF", "IMF"), ("International Monetary Fund", "IMF"),
    ("WTO", "WTO"), ("World Trade Organization", "WTO"), ("OSCE", "OSCE"), ("CICA", "CICA"), ("BRICS", "BRICS"),
    ("Arab League", "Arab League"), ("League of Arab States", "Arab League"), ("GCC", "GCC"),
    ("Gulf Cooperation Council", "GCC"), ("World Bank", "World Bank"), ("UNESCO", "UNESCO"), ("UNICEF", "UNICEF"),
    ("OPEC", "OPEC"), ("CSTO", "CSTO"), ("Eurasian Economic Union", "EAEU"), ("EAEU", "EAEU"),
    ("CARICOM", "CARICOM"), ("ECOWAS", "ECOWAS"), ("IAEA", "IAEA"), ("UNHCR", "UNHCR"), ("UNDP", "UNDP"),
    ("FAO", "FAO"), ("OIC", "OIC"), ("Organisation of Islamic Cooperation", "OIC"), ("CIS", "CIS"),
    ("Commonwealth of Independent States", "CIS"), ("Interpol", "Interpol"), ("OECD", "OECD"), ("G20", "G20"),
    ("OAS", "OAS"), ("Organization of American States", "OAS"), ("Organisation of American States", "OAS"),
    // Bodies that Middle Eastern and African outlets name in full.
    ("Organization for Economic Cooperation and Development", "OECD"), ("Organisation for Economic Co-operation and Development", "OECD"),
    ("Organization of Islamic Cooperation", "OIC"), ("IGAD", "IGAD"), ("Intergovernmental Authority on Development", "IGAD"),
    ("SADC", "SADC"), ("Southern African Development Community", "SADC"), ("AfDB", "AfDB"), ("African Development Bank", "AfDB"),
    ("European Parliament", "EU"), ("East African Community", "EAC"), ("Pacific Islands Forum", "PIF"),
    // The Commonwealth of Nations ("Secretary General of the Commonwealth, Baroness A"); its
    // longer namesakes (the CIS, "the Commonwealth of Australia") match first or are states.
    ("Commonwealth", "Commonwealth"), ("Commonwealth of Nations", "Commonwealth"), ("Commonwealth Secretariat", "Commonwealth"),
    // Full names that agencies spell out before the acronym ("... of the North Atlantic Treaty
    // Organization (NATO) Jens Stoltenberg").
    ("North Atlantic Treaty Organization", "NATO"), ("North Atlantic Treaty Organisation", "NATO"),
    ("Association of Southeast Asian Nations", "ASEAN"), ("Association of South East Asian Nations", "ASEAN"),
    ("Collective Security Treaty Organization", "CSTO"), ("Collective Security Treaty Organisation", "CSTO"),
    ("Organization for Security and Cooperation in Europe", "OSCE"), ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("Organisation for Security and Co-operation in Europe", "OSCE"), ("International Atomic Energy Agency", "IAEA"),
    ("Economic Community of West African States", "ECOWAS"), ("Caribbean Community", "CARICOM"),
    ("Food and Agriculture Organization", "FAO"), ("United Nations Development Programme", "UNDP"),
    ("United Nations Children's Fund", "UNICEF"), ("Office of the United Nations High Commissioner for Refugees", "UNHCR"),
    // Regional and specialised bodies whose heads call on ministers ("X, Executive Director of
    // the Conference on Interaction and Confidence-building Measures in Asia (CICA)").
    ("Conference on Interaction and Confidence-building Measures in Asia", "CICA"),
    ("Conference on Interaction and Confidence Building Measures in Asia", "CICA"),
    ("Organization of Turkic States", "OTS"), ("Organisation of Turkic States", "OTS"), ("Turkic Council", "OTS"),
    ("Economic Cooperation Organization", "ECO"), ("Economic Cooperation Organisation", "ECO"),
    ("SAARC", "SAARC"), ("South Asian Association for Regional Cooperation", "SAARC"), ("BIMSTEC", "BIMSTEC"),
    ("Indian Ocean Rim Association", "IORA"), ("IORA", "IORA"), ("APEC", "APEC"), ("Asia-Pacific Economic Cooperation", "APEC"),
    ("Asian Development Bank", "ADB"), ("Asian Infrastructure Investment Bank", "AIIB"), ("AIIB", "AIIB"),
    ("New Development Bank", "NDB"), ("World Food Programme", "WFP"), ("World Food Program", "WFP"), ("WFP", "WFP"),
    ("International Organization for Migration", "IOM"), ("IOM", "IOM"), ("International Committee of the Red Cross", "ICRC"),
    ("ICRC", "ICRC"), ("International Labour Organization", "ILO"), ("International Labor Organization", "ILO"), ("ILO", "ILO"),
    ("UNCTAD", "UNCTAD"), ("UNIDO", "UNIDO"), ("UNFPA", "UNFPA"), ("UNEP", "UNEP"), ("UNRWA", "UNRWA"),
    ("UN Women", "UN Women"), ("OPCW", "OPCW"), ("Organisation for the Prohibition of Chemical Weapons", "OPCW"),
    ("Organization for the Prohibition of Chemical Weapons", "OPCW"), ("Council of Europe", "Council of Europe"),
    ("Andean Community", "CAN"), ("Central American Integration System", "SICA"), ("SICA", "SICA"), ("COMESA", "COMESA"),
    ("Economic Community of Central African States", "ECCAS"), ("ECCAS", "ECCAS"), ("Mercosur", "Mercosur"), ("MERCOSUR", "Mercosur"),
    // The UN's specialised agencies and other bodies whose heads tour capitals ("President X has
    // received Secretary General of the International Telecommunication Union Y").
    ("International Telecommunication Union", "ITU"), ("ITU", "ITU"), ("Universal Postal Union", "UPU"), ("UPU", "UPU"),
    ("World Intellectual Property Organization", "WIPO"), ("WIPO", "WIPO"), ("World Meteorological Organization", "WMO"),
    ("WMO", "WMO"), ("International Civil Aviation Organization", "ICAO"), ("ICAO", "ICAO"),
    ("International Maritime Organization", "IMO"), ("World Tourism Organization", "UNWTO"), ("UNWTO", "UNWTO"),
    ("UN Tourism", "UNWTO"), ("International Fund for Agricultural Development", "IFAD"), ("IFAD", "IFAD"),
    ("United Nations Industrial Development Organization", "UNIDO"), ("United Nations Environment Programme", "UNEP"),
    ("United Nations Conference on Trade and Development", "UNCTAD"), ("United Nations Population Fund", "UNFPA"),
    ("Inter-Parliamentary Union", "IPU"), ("IPU", "IPU"), ("International Energy Agency", "IEA"),
    ("International Renewable Energy Agency", "IRENA"), ("IRENA", "IRENA"), ("World Customs Organization", "WCO"),
];

/// Seats of government that stand for their state ("the Kremlin said"); treated
/// like capitals: a state speaker as subject, a venue as a place.
const SEATS: &[(&str, &str)] = &[
    ("Kremlin", "RU"), ("White House", "US"), ("Downing Street", "GB"), ("Elysee", "FR"), ("Élysée", "FR"),
    ("Elysee Palace", "FR"), ("Zhongnanhai", "CN"), ("Blue House", "KR"), ("Kantei", "JP"),
    ("Casa Rosada", "AR"), ("Palacio San Martín", "AR"), ("Palacio San Martin", "AR"), ("Planalto", "BR"),
    ("Planalto Palace", "BR"), ("Los Pinos", "MX"), ("La Moneda", "CL"), ("Casa de Nariño", "CO"), ("Torre Tagle", "PE"),
    ("Miraflores Palace", "VE"), ("Carondelet", "EC"), ("Malacañang", "PH"), ("Malacanang", "PH"), ("Aso Rock", "NG"),
    ("Union Buildings", "ZA"), ("Farnesina", "IT"), ("Palazzo Chigi", "IT"), ("Moncloa", "ES"), ("Akorda", "KZ"),
    ("Ak Orda", "KZ"), ("Bankova", "UA"), ("Cheong Wa Dae", "KR"),
    // Kenya's presidential press unit, quoted as the presidency's voice ("..., the PSCU announced").
    ("PSCU", "KE"), ("Presidential Strategic Communications Unit", "KE"),
];

/// Adjectives the gazetteer lacks but the press uses ("Sino-Pak").
const EXTRA_ADJECTIVES: &[(&str, &str)] = &[("Sino", "CN"), ("Pak", "PK")];

/// Whether `low` is one of the press's short forms above, which are also family names
/// ("Pak Ui-chun", Foreign Minister of North Korea).
pub fn is_short_form(low: &str) -> bool {
    EXTRA_ADJECTIVES.iter().any(|(adj, _)| adj.eq_ignore_ascii_case(low))
}

static CITIES_TSV: &str = include_str!("../../data/cities.tsv");

pub static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

impl Gazetteer {
    fn build() -> Self {
        let mut g = Builder { by_first: HashMap::default() };
        for c in COUNTRIES.iter() {
            let st = Target::State(c.code);
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                g.add(name, st.clone(), PlaceKind::Name);
                if let Some(spaced) = hyphen_spaced(name) {
                    g.add(&spaced, st.clone(), PlaceKind::Name);
                }
            }
            for a in c.adjectives.iter().chain(&c.demonyms) {
                g.add(a, st.clone(), PlaceKind::Adjective);
            }
            if let Some(cap) = &c.capital {
                g.add(cap, st.clone(), PlaceKind::Capital);
            }
        }
        for line in CITIES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(city), Some(cc)) = (cols.next(), cols.next()) else { continue };
            if let Ok(code) = CountryCode::parse(cc) {
                g.add(city.trim(), Target::State(code), PlaceKind::City);
            }
        }
        for (name, code) in ORGS {
            g.add(name, Target::Org(code), PlaceKind::Org);
        }
        for (seat, cc) in SEATS {
            if let Ok(code) = CountryCode::parse(cc) {
                g.add(seat, Target::State(code), PlaceKind::Capital);
            }
        }
        for (adj, cc) in EXTRA_ADJECTIVES {
            if let Ok(code) = CountryCode::parse(cc) {
                g.add(adj, Target::State(code), PlaceKind::Adjective);
            }
        }
        Gazetteer { by_first: WordMap::new(g.by_first) }
    }
}

/// "Guinea Bissau", "Timor Leste": a name of capitalised parts joined by a hyphen
/// as copy often spells it, with a space ("Co-operative Republic" keeps its hyphen).
fn hyphen_spaced(name: &str) -> Option<String> {
    let joins_capitals = |(_, rest): (&str, &str)| rest.starts_with(|c: char| c.is_uppercase());
    name.split_once('-').filter(|&parts| joins_capitals(parts)).map(|_| name.replace('-', " "))
}

/// The gazetteer while it is being built.
struct Builder {
    by_first: HashMap<String, Vec<Entry>, FxBuild>,
}

impl Builder {
    fn add(&mut self, phrase: &str, target: Target, kind: PlaceKind) {
        let mut toks = Vec::new();
        tokenize(phrase, 0, phrase.len(), &mut toks);
        if toks.is_empty() {
            return;
        }
        let words: Vec<String> = toks.iter().map(|t| t.low.to_string()).collect();
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let exact = (letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())).then(|| phrase.to_string());
        let e = Entry { words, exact, target, kind };
        let list = self.by_first.entry(e.words[0].clone()).or_default();
        // Longest phrases first so the first hit is the longest.
        list.push(e);
        list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
}

impl Gazetteer {

    /// Marks each token with whether a gazetteer phrase can start there, so the
    /// many later look-ups at other tokens cost a bit test instead of a hash.
    pub fn mark(&self, text: &str, toks: &mut [Tok]) {
        for t in toks.iter_mut() {
            let starts = t.is_cap(text) && self.starts_with(t);
            t.flags |= F_GAZ_CHECKED | if starts { F_GAZ } else { 0 };
        }
    }

    /// Whether some phrase starts with the token's word or its stem.
    fn starts_with(&self, t: &Tok) -> bool {
        let stem = t.stem();
        self.by_first.contains_key(t.low.as_str()) || (stem.len() != t.low.len() && self.by_first.contains_key(stem))
    }

    /// The longest gazetteer phrase starting at token `i` (capitalised in the text).
    #[inline]
    pub fn at<'g>(&'g self, text: &str, toks: &[Tok], i: usize) -> Option<Hit<'g>> {
        let first = toks.get(i)?;
        // Most tokens were marked as starting nothing: a bit test, no call.
        if first.flags & F_GAZ_CHECKED != 0 && first.flags & F_GAZ == 0 {
            return None;
        }
        self.at_marked(text, toks, i)
    }

    fn at_marked<'g>(&'g self, text: &str, toks: &[Tok], i: usize) -> Option<Hit<'g>> {
        let first = &toks[i];
        if !first.is_cap(text) {
            return None;
        }
        // "Latin America", "Central Asia": a region word makes it another place.
        if i > 0 && toks[i - 1].is_cap(text) && REGION_WORDS.contains(&toks[i - 1].low.as_str()) {
            return None;
        }
        let stem = first.stem();
        // The stem is the word itself unless it is possessive: then one look-up does.
        let keys = if stem.len() == first.low.len() { &[stem][..] } else { &[first.low.as_str(), stem][..] };
        for key in keys {
            let Some(list) = self.by_first.get(key) else { continue };
            for e in list {
                if let Some(h) = self.try_entry(text, toks, i, e) {
                    return Some(h);
                }
            }
        }
        None
    }

    fn try_entry<'g>(&'g self, text: &str, toks: &[Tok], i: usize, e: &'g Entry) -> Option<Hit<'g>> {
        let n = e.words.len();
        if i + n > toks.len() {
            return None;
        }
        let mut possessive = false;
        for (k, w) in e.words.iter().enumerate() {
            let t = &toks[i + k];
            let last = k + 1 == n;
            if t.low == *w {
                continue;
            }
            if last && t.is_possessive() && t.stem() == w {
                possessive = true;
                continue;
            }
            return None;
        }
        if let Some(ex) = &e.exact {
            let got = &text[toks[i].s..toks[i + n - 1].e];
            if !got.starts_with(ex.as_str()) {
                return None;
            }
        }
        // ("United States' envoy": the tokenizer gives a name in s its bare apostrophe.)
        Some(Hit { end: i + n, entry: e, possessive })
    }

    /// One part of a hyphenated compound ("u.s." in "U.S.-Australia"): a name,
    /// alias or adjective of exactly one word, short forms included.
    pub fn part_state(&self, part_low: &str) -> Option<CountryCode> {
        self.by_first.get(part_low).and_then(|l| {
            l.iter().find(|e| e.words.len() == 1 && e.kind == PlaceKind::Name).and_then(|e| match e.target {
                Target::State(c) => Some(c),
                _ => None,
            })
        })
    }

    /// A single word (or the first part of a hyphenated word: "Kazakhstan-Elbasy",
    /// "Sino-Pak") naming a state.
    pub fn word_state(&self, word_low: &str) -> Option<CountryCode> {
        let stem = word_low.strip_suffix("'s").unwrap_or(word_low);
        let look = |w: &str| {
            self.by_first.get(w).and_then(|l| {
                l.iter().find(|e| e.words.len() == 1 && e.exact.is_none() && e.kind != PlaceKind::Org).and_then(
                    |e| match e.target {
                        Target::State(c) => Some(c),
                        _ => None,
                    },
                )
            })
        };
        look(stem).or_else(|| stem.split('-').next().filter(|p| p.len() < stem.len()).and_then(look))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<Tok> {
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        v
    }

    #[test]
    fn a_bare_apostrophe_after_a_name_in_s_is_possessive() {
        let t = "the United States' envoy and the Philippines’ minister";
        let ts = toks(t);
        let h = GAZ.at(t, &ts, 1).expect("United States'");
        assert!(h.possessive);
        assert_eq!(ts[h.end].low, "envoy");
        let h = GAZ.at(t, &ts, 6).expect("Philippines’");
        assert!(h.possessive);
        assert_eq!(ts[h.end].low, "minister");
        // A quotation closed after the name is no possessive.
        let t = "'We met the United States'.";
        let ts = toks(t);
        let h = GAZ.at(t, &ts, 4).expect("United States");
        assert!(!h.possessive);
    }

    #[test]
    fn finds_longest_phrase_and_possessive() {
        let t = "the People’s Republic of China's envoy";
        let ts = toks(t);
        let h = GAZ.at(t, &ts, 1).expect("alias");
        assert_eq!(h.end, 5);
        assert!(h.possessive);
        assert_eq!(h.entry.target, Target::State(CountryCode::parse("CN").unwrap()));
    }

    #[test]
    fn region_words_make_another_place() {
        let t = "Latin American and American";
        let ts = toks(t);
        assert!(GAZ.at(t, &ts, 1).is_none());
        assert!(GAZ.at(t, &ts, 3).is_some());
    }

    #[test]
    fn all_caps_short_forms_need_exact_case() {
        let t = "Us and US";
        let ts = toks(t);
        assert!(GAZ.at(t, &ts, 0).is_none());
        assert!(GAZ.at(t, &ts, 2).is_some());
    }

    #[test]
    fn a_hyphenated_name_spelled_with_a_space_is_the_same_state() {
        for (text, code) in [("Guinea Bissau", "GW"), ("Timor Leste", "TL"), ("Guinea-Bissau", "GW"), ("Guinea", "GN")] {
            let ts = toks(text);
            let hit = GAZ.at(text, &ts, 0).unwrap();
            assert_eq!((hit.entry.target.clone(), hit.end), (Target::State(CountryCode::parse(code).unwrap()), ts.len()), "{text}");
        }
        assert_eq!(hyphen_spaced("Co-operative Republic of Guyana"), None);
    }

    #[test]
    fn hyphenated_first_part_names_a_state() {
        assert_eq!(GAZ.word_state("kazakh-chinese").map(|c| c.to_string()), Some("KZ".into()));
        assert_eq!(GAZ.word_state("sino-pak").map(|c| c.to_string()), Some("CN".into()));
    }
}
