//! Deterministic synthetic diplomatic news articles, for benchmarks and load tests.
//!
//! Every article is invented: the people are built from syllable lists, the
//! states, adjectives and capitals come from the gazetteer ([`COUNTRIES`]) and
//! the topic phrases from the wording of `data/topics.json`. The copy imitates
//! wire stories and foreign-ministry readouts (see `shared/eval/GUIDELINES.md`):
//! several dateline styles, meetings of every kind, statements with the
//! reporting verb before, after or around the quote, pronoun follow-ups,
//! opposition and negation, weekday and relative dates, and now and then page
//! furniture ("Share", "Print", "Enditem"). Articles are 2-5 KB of UTF-8.
//!
//! The output depends only on the seed and the article's index:
//! `articles(seed, 10)` is always the first ten items of `articles(seed, 1000)`,
//! and [`article`] rebuilds any single one. Nothing here is ground truth; the
//! articles exercise the pipeline, they do not score it.
//!
//! ```
//! let corpus = readout::synth::articles(42, 3);
//! assert_eq!(corpus.len(), 3);
//! assert_eq!(corpus[1], readout::synth::article(42, 1));
//! assert!(corpus.iter().all(|a| a.text.len() > 1_500));
//! ```

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;
use std::sync::LazyLock;

use crate::domain::{Country, COUNTRIES};

/// One generated article, shaped like an ingestion request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticArticle {
    /// Headline, also repeated as the first line of some texts (as scraped pages do).
    pub title: String,
    /// The article body as it would be ingested, 2-5 KB.
    pub text: String,
    /// The agency or ministry that published it ("Xinhua", "Ministry of Foreign Affairs of Kyrgyzstan").
    pub source: String,
    /// Publication day; the dateline date, when there is one, is this day or the day before.
    pub published: NaiveDate,
}

/// The first `count` articles of the corpus for `seed`.
pub fn articles(seed: u64, count: usize) -> Vec<SyntheticArticle> {
    iter(seed).take(count).collect()
}

/// How long the bodies run. Real wire copy (the evaluation's dev set: 1.8 KB
/// and 6.6 statements an article) is shorter than the default corpus, which
/// is written to load the extractor (2–5 KB, about 22 statements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Length {
    /// 2–5 KB articles: the extraction benchmark's corpus.
    #[default]
    Long,
    /// About 1–2.5 KB, closer to wire copy: for ingestion benchmarks.
    Wire,
    /// Wire length with the paragraph mix of real copy: more narrative,
    /// background and reported meetings, fewer statements. The extractor reads
    /// the dev set as 6.9 statements, 4.1 positions, 3.4 officials and 1.6
    /// meetings an article; `Wire` bodies carry 9.8, 9.4, 2.8 and 1.0, and
    /// positions are the costliest rows to store. For ingestion benchmarks
    /// that should weigh like the archives users load.
    Typical,
}

impl Length {
    /// Which body paragraph each roll of a twelve-sided die writes (see
    /// `Writer::article`): `Typical` rolls statements half as often.
    fn paragraph(self, roll: u8) -> u8 {
        const TYPICAL: [u8; 12] = [0, 1, 4, 5, 7, 7, 7, 8, 9, 10, 11, 11];
        match self {
            Length::Typical => TYPICAL[usize::from(roll)],
            Length::Long | Length::Wire => roll,
        }
    }

    /// How many statements follow a paragraph's first.
    fn follow_ups(self) -> std::ops::RangeInclusive<usize> {
        match self {
            Length::Typical => 0..=1,
            Length::Long | Length::Wire => 1..=3,
        }
    }

    /// The share of reported clauses that name no topic: most of them in real
    /// copy (0.6 positions a statement).
    fn plain_clauses(self) -> f64 {
        match self {
            Length::Typical => 0.55,
            Length::Long | Length::Wire => 0.0,
        }
    }
}

/// The endless corpus for `seed`, from index 0.
pub fn iter(seed: u64) -> Articles {
    iter_of(seed, Length::Long)
}

/// The endless corpus for `seed` with bodies of the given length.
pub fn iter_of(seed: u64, length: Length) -> Articles {
    Articles { seed, length, next: 0 }
}

/// Article number `index` of the corpus for `seed`, built on its own.
pub fn article(seed: u64, index: u64) -> SyntheticArticle {
    Writer::new(mix(seed, index), Length::Long).article()
}

/// Iterator over the corpus of one seed; see [`iter`]. It never ends.
#[derive(Debug, Clone)]
pub struct Articles {
    seed: u64,
    length: Length,
    next: u64,
}

impl Iterator for Articles {
    type Item = SyntheticArticle;

    fn next(&mut self) -> Option<SyntheticArticle> {
        let a = Writer::new(mix(self.seed, self.next), self.length).article();
        self.next += 1;
        Some(a)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

/// SplitMix64 finaliser over (seed, index): independent streams per article.
fn mix(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ---------------------------------------------------------------- word lists

const GIVEN_SYL: &[&str] = &[
    "a", "ka", "ri", "mo", "sa", "len", "dor", "ul", "ta", "mir", "zan", "ve", "lo", "an", "har",
    "te", "no", "ru", "el", "vi", "os", "ma", "da", "gul", "sho", "ni", "ar", "be", "li", "tan",
    "jo", "se", "ba", "ke", "ra", "mu", "din", "fa", "na", "ye", "ol", "im", "ai", "su",
];
const FAMILY_SYL: &[&str] = &[
    "bek", "naz", "mar", "tol", "kas", "dan", "ver", "sol", "ran", "mak", "tu", "lin", "gor",
    "vas", "bar", "tem", "zar", "hal", "pe", "ro", "ka", "shi", "mo", "del", "fer", "ny", "ab",
];
const FAMILY_END: &[&str] = &[
    "ov", "ova", "bekov", "enko", "ian", "son", "escu", "ez", "ani", "i", "a", "o", "ić", "é",
    "in", "ski", "uly", "qizi", "aev", "ard", "ell", "ou", "ah", "ur", "ane", "dóttir",
];
const HAN_FAMILY: &[&str] = &[
    "Zhao", "Lin", "Guo", "Tang", "Song", "Feng", "Xu", "He", "Luo", "Gao", "Pan", "Du", "Wei",
];
const HAN_GIVEN: &[&str] = &[
    "Haojun", "Minrui", "Jianbo", "Xiaolan", "Qingyu", "Zhenhai", "Yuting", "Weiguo", "Lihua",
    "Dongsheng", "Ruofei", "Kaiwen", "Shuyi", "Pengfei",
];

const AGENCIES: &[&str] = &[
    "Xinhua", "Kazinform", "AKIpress", "TASS", "Anadolu", "Bernama", "Antara", "Trend", "UzA",
    "Kabar", "Khovar", "Prensa Latina", "Central Asia Wire", "Eurasia Daily Desk",
];

/// Topic noun phrases, each containing a pattern of its topic in `data/topics.json`.
const TOPIC_NP: &[(&str, &[&str])] = &[
    ("one_china", &["the one-China principle", "the Taiwan question", "the cause of national reunification"]),
    ("core_interests", &["issues concerning its core interests", "Hong Kong affairs", "issues related to Xinjiang", "Tibet-related issues"]),
    ("belt_and_road", &["the Belt and Road Initiative", "high-quality Belt and Road cooperation", "the Silk Road Economic Belt", "BRI projects"]),
    ("vaccine_cooperation", &["vaccine research and production", "the supply of vaccines", "joint vaccine trials"]),
    ("health_cooperation", &["the fight against the pandemic", "public health", "medical supplies", "traditional medicine", "the COVID-19 response"]),
    ("shared_future", &["a community with a shared future for mankind", "a closer community with a shared future"]),
    ("non_interference", &["non-interference in internal affairs", "each country's right to choose its own development path"]),
    ("sovereignty", &["sovereignty and territorial integrity", "national independence", "national dignity"]),
    ("multilateralism", &["true multilateralism", "the multilateral trading system with the WTO at its core", "the multilateral system"]),
    ("trade_investment", &["trade and investment", "economic cooperation", "financial cooperation", "bilateral trade"]),
    ("connectivity", &["transport connectivity", "cross-border railways and roads", "port and logistics cooperation", "regional interconnection"]),
    ("energy", &["energy cooperation", "oil and gas", "renewable energy", "nuclear power"]),
    ("agriculture", &["agriculture", "food security", "fisheries"]),
    ("digital_economy", &["the digital economy", "e-commerce", "artificial intelligence", "5G networks", "new technologies"]),
    ("security_cooperation", &["counter-terrorism", "the fight against the three evil forces", "law enforcement cooperation", "border security", "defense cooperation"]),
    ("people_to_people", &["people-to-people exchanges", "culture and tourism", "education and youth exchanges", "media cooperation"]),
    ("global_initiatives", &["the Global Development Initiative", "the Global Security Initiative", "the Global Civilization Initiative", "the Global Governance Initiative"]),
    ("climate_environment", &["climate change", "green development", "environmental protection"]),
    ("regional_cooperation", &["the Shanghai Cooperation Organization", "the SCO", "ASEAN", "the China-Central Asia mechanism", "BRICS", "FOCAC", "CELAC", "China-Arab States cooperation"]),
];

/// Topics that are principles rather than fields of cooperation.
const STANCE_TOPICS: &[&str] = &[
    "one_china", "core_interests", "shared_future", "non_interference", "sovereignty",
    "multilateralism", "global_initiatives",
];

/// International organisations: (short code, full name, summit word).
const ORGS: &[(&str, &str, &str)] = &[
    ("UN", "United Nations", "General Assembly"),
    ("SCO", "Shanghai Cooperation Organization", "summit"),
    ("ASEAN", "Association of Southeast Asian Nations", "summit"),
    ("CICA", "Conference on Interaction and Confidence Building Measures in Asia", "summit"),
    ("CIS", "Commonwealth of Independent States", "summit"),
    ("OIC", "Organisation of Islamic Cooperation", "foreign ministers' council"),
    ("AU", "African Union", "summit"),
];

const FURNITURE: &[&str] = &[
    "Share", "Print", "Share this article", "Font size: A A A", "Follow us on social media",
    "[Photo/Xinhua]", "Related stories", "Most viewed",
];

const REPORT_VERBS: &[&str] = &[
    "said", "noted", "stressed", "pointed out", "emphasized", "added", "stated", "underlined",
    "remarked",
];
const THAT_VERBS: &[&str] = &[
    "said that", "noted that", "stressed that", "pointed out that", "expressed the hope that",
    "made it clear that", "reiterated that", "believes that", "underscored that",
];

static CITIES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    include_str!("../data/cities.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(city, code)| (city.trim(), code.trim()))
        .collect()
});

// ---------------------------------------------------------------- the cast

#[derive(Debug, Clone)]
struct Person {
    full: String,
    surname: String,
    female: bool,
    /// As written before the name ("Foreign Minister", "Minister of Foreign Affairs").
    title: String,
    /// Lower-case office for descriptions ("foreign minister").
    office: &'static str,
    country: Option<&'static Country>,
    org: Option<(&'static str, &'static str)>,
}

impl Person {
    fn he(&self) -> &'static str {
        if self.female { "She" } else { "He" }
    }
    fn his(&self) -> &'static str {
        if self.female { "her" } else { "his" }
    }
    fn adj(&self) -> &str {
        self.country.map(adj).unwrap_or("")
    }
    /// "the Kyrgyz president", "the SCO secretary-general".
    fn description(&self) -> String {
        match (self.country, self.org) {
            (Some(c), _) => format!("the {} {}", adj(c), self.office),
            (None, Some((code, _))) => format!("the {code} {}", self.office),
            _ => format!("the {}", self.office),
        }
    }
}

fn adj(c: &Country) -> &str {
    c.adjectives.first().map(String::as_str).unwrap_or(c.name.as_str())
}

fn capital(c: &Country) -> &str {
    c.capital.as_deref().unwrap_or(c.name.as_str())
}

/// The name as it runs in a sentence: "the United States", "Kyrgyzstan".
fn the_name(c: &Country) -> String {
    let n = c.name.as_str();
    let needs_the = ["United ", "Central ", "Czech ", "Dominican ", "Marshall ", "Solomon "]
        .iter()
        .any(|p| n.starts_with(p))
        || ["Bahamas", "Gambia", "Maldives", "Netherlands", "Philippines", "Comoros"].contains(&n);
    if needs_the { format!("the {n}") } else { n.to_string() }
}

/// "China's", "the Netherlands'".
fn possessive(name: &str) -> String {
    if name.ends_with('s') { format!("{name}'") } else { format!("{name}'s") }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- the writer

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Meeting,
    Talks,
    PhoneCall,
    VideoCall,
    Message,
    Visit,
    Conference,
    Briefing,
}

struct Writer {
    rng: Rng,
    /// The corpus of the article being written.
    length: Length,
}

impl Writer {
    fn new(seed: u64, length: Length) -> Self {
        Writer { rng: Rng::with_seed(seed), length }
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.rng.usize(..xs.len())]
    }

    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.rng.usize(..xs.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    fn country(&mut self) -> &'static Country {
        // About a third of the corpus involves China, as the genre does.
        if self.chance(0.3) {
            if let Some(cn) = COUNTRIES.iter().find(|c| c.code.as_str() == "CN") {
                return cn;
            }
        }
        &COUNTRIES[self.rng.usize(..COUNTRIES.len())]
    }

    fn other_country(&mut self, not: &[&Country]) -> &'static Country {
        loop {
            let c = self.country();
            if !not.iter().any(|n| n.code == c.code) {
                return c;
            }
        }
    }

    fn name(&mut self, han: bool) -> (String, String, bool) {
        let female = self.chance(0.3);
        if han {
            let fam = *self.pick(HAN_FAMILY);
            let given = *self.pick(HAN_GIVEN);
            return (format!("{fam} {given}"), fam.to_string(), female);
        }
        let mut given = String::new();
        for _ in 0..self.rng.usize(2..=3) {
            given.push_str(self.word(GIVEN_SYL));
        }
        if female && !given.ends_with('a') {
            given.push('a');
        }
        let mut family = String::new();
        for _ in 0..self.rng.usize(1..=2) {
            family.push_str(self.word(FAMILY_SYL));
        }
        family.push_str(self.word(FAMILY_END));
        let (given, family) = (cap(&given), cap(&family));
        let full = if self.chance(0.12) {
            // a middle initial or a double family name now and then
            if self.chance(0.5) {
                let initial = self.pick(GIVEN_SYL).chars().next().unwrap().to_ascii_uppercase();
                format!("{given} {initial}. {family}")
            } else {
                let second = cap(&format!("{}{}", self.pick(FAMILY_SYL), self.pick(FAMILY_END)));
                return (format!("{given} {family}-{second}"), format!("{family}-{second}"), female);
            }
        } else {
            format!("{given} {family}")
        };
        (full, family, female)
    }

    fn official(&mut self, c: &'static Country, offices: &[(&'static str, &'static str)]) -> Person {
        let han = c.code.as_str() == "CN";
        let (full, surname, female) = self.name(han);
        let (title, office) = *self.pick(offices);
        Person { full, surname, female, title: title.to_string(), office, country: Some(c), org: None }
    }

    fn leader(&mut self, c: &'static Country) -> Person {
        if c.code.as_str() == "CN" {
            return self.official(c, &[("President", "president"), ("Premier", "premier"), ("Vice President", "vice president")]);
        }
        self.official(c, &[
            ("President", "president"),
            ("President", "president"),
            ("Prime Minister", "prime minister"),
            ("Vice President", "vice president"),
            ("Speaker of Parliament", "speaker"),
        ])
    }

    fn envoy(&mut self, c: &'static Country) -> Person {
        if c.code.as_str() == "CN" && self.chance(0.5) {
            return self.official(c, &[
                ("State Councilor and Foreign Minister", "foreign minister"),
                ("Vice Premier", "vice premier"),
                ("State Councilor", "state councilor"),
                ("Special Envoy", "special envoy"),
            ]);
        }
        self.official(c, &[
            ("Foreign Minister", "foreign minister"),
            ("Minister of Foreign Affairs", "foreign minister"),
            ("Foreign Minister", "foreign minister"),
            ("Deputy Foreign Minister", "deputy foreign minister"),
            ("Special Envoy", "special envoy"),
            ("Defense Minister", "defense minister"),
            ("Minister of Economy and Trade", "economy minister"),
            ("Prime Minister", "prime minister"),
        ])
    }

    fn org_chief(&mut self) -> Person {
        let (code, long, _) = *self.pick(ORGS);
        let (full, surname, female) = self.name(false);
        Person {
            full,
            surname,
            female,
            title: "Secretary-General".into(),
            office: "secretary-general",
            country: None,
            org: Some((code, long)),
        }
    }

    /// First mention, in one of the ways wire copy introduces an official.
    fn introduce(&mut self, p: &Person) -> String {
        if let Some((code, long)) = p.org {
            return match self.rng.u8(..3) {
                0 => format!("{code} {} {}", p.title, p.full),
                1 => format!("{} of the {long} {}", p.title, p.full),
                _ => format!("{}, {} of the {long},", p.full, p.title),
            };
        }
        let c = p.country.expect("state official");
        match self.rng.u8(..10) {
            0..=5 => format!("{} {} {}", adj(c), p.title, p.full),
            6 | 7 => format!("{} of {} {}", p.title, the_name(c), p.full),
            8 => format!("{}, {},", p.full, p.description()),
            _ => format!("{} {}", p.title, p.full),
        }
    }

    /// Later mention as a subject: surname, description or pronoun.
    fn refer(&mut self, p: &Person) -> String {
        match self.rng.u8(..5) {
            0 | 1 => p.surname.clone(),
            2 => cap(&p.description()),
            _ => p.he().to_string(),
        }
    }

    /// A field of cooperation ("renewable energy", "people-to-people exchanges").
    fn topic_np(&mut self) -> String {
        loop {
            let (slug, nps) = *self.pick(TOPIC_NP);
            if !STANCE_TOPICS.contains(&slug) {
                return self.pick(nps).to_string();
            }
        }
    }

    /// A principle one holds a position on ("the one-China principle", "national dignity").
    fn stance_np(&mut self) -> String {
        let slug = *self.pick(STANCE_TOPICS);
        self.topic_np_of(slug)
    }

    fn topic_np_of(&mut self, slug: &str) -> String {
        let nps = TOPIC_NP.iter().find(|(s, _)| *s == slug).map(|(_, n)| *n).unwrap_or(&["trade"]);
        self.pick(nps).to_string()
    }

    /// How a state appears as a subject: "Kyrgyzstan", "the Kyrgyz side".
    fn side(&mut self, c: &Country) -> String {
        match self.rng.u8(..4) {
            0 | 1 => the_name(c),
            2 => format!("the {} side", adj(c)),
            _ => format!("the {} government", adj(c)),
        }
    }

    /// Reported content: a clause that can follow "said that". Starts lower case
    /// unless it starts with a name.
    fn clause(&mut self, a: &Country, b: &Country) -> String {
        let plain = self.length.plain_clauses();
        if plain > 0.0 && self.chance(plain) {
            return self.plain_clause(a, b);
        }
        let sa = self.side(a);
        let sb = the_name(b);
        let (n1, n2) = (self.topic_np(), self.topic_np());
        match self.rng.u8(..22) {
            0 => format!("{sa} is ready to work with {sb} to deepen cooperation in {n1} and {n2}"),
            1 => format!("{sa} firmly supports {sb} in safeguarding its sovereignty, independence and territorial integrity"),
            2 => {
                let oc = self.topic_np_of("one_china");
                format!("{sa} firmly adheres to {oc} and will not change this position")
            }
            3 => format!("{sa} appreciates {} firm support on issues concerning {} core interests", possessive(&sb), possessive(&the_name(a))),
            4 => format!("the two sides should work together to build {}", self.topic_np_of("shared_future")),
            5 => {
                let gi = self.topic_np_of("global_initiatives");
                format!("{sa} welcomes and supports {gi}, which is of great significance for the region")
            }
            6 => format!("{sa} stands ready to expand {n1} with {sb} and to explore new areas such as {n2}"),
            7 => format!("both countries are committed to upholding {}", self.topic_np_of("multilateralism")),
            8 => {
                let rc = self.topic_np_of("regional_cooperation");
                format!("{sa} hopes to strengthen coordination with {sb} within the framework of {rc}")
            }
            9 => format!("relations between {} and {sb} have maintained sound momentum despite {}", the_name(a), self.pick(&["the pandemic", "a complex international situation", "external challenges", "global uncertainty"])),
            10 => format!("{sa} opposes any external interference in {} internal affairs under the pretext of {}", possessive(&sb), self.pick(&["human rights", "democracy", "religion", "so-called values"])),
            11 => format!("{sa} firmly rejects unilateralism, protectionism and bullying practices"),
            12 => format!("{sa} will never allow any force to use its territory to engage in activities against {sb}"),
            13 => format!("{sa} does not support and will not take part in any bloc confrontation, and opposes attempts to politicize {n1} or to undermine {}", self.stance_np()),
            14 => format!("no country should use {} as a pretext to interfere in the internal affairs of others", self.pick(&["human rights", "democracy", "security concerns", "trade"])),
            15 => format!("{sa} condemns all forms of terrorism and is willing to step up {}", self.topic_np_of("security_cooperation")),
            16 => format!("{sa} respects the development path chosen by the people of {sb} in light of their national conditions"),
            17 => format!("the sides agreed to speed up work on {n1} and to hold the next round of consultations in {}", capital(b)),
            18 => format!("{sa} is not satisfied with the pace of {n1} and expects concrete results by the end of the year"),
            19 => format!("cooperation on {n1} has yielded fruitful results, and {sa} hopes to see more projects on {n2}"),
            20 => format!("{sa} is willing to share its experience in {n1} and to offer scholarships for {}", self.pick(&["young diplomats", "students", "engineers", "medical workers"])),
            _ => format!("{sa} never seeks to interfere in others' internal affairs and hopes {sb} will also respect {}", self.topic_np_of("sovereignty")),
        }
    }

    /// Reported content that takes no position: courtesies and assessments.
    fn plain_clause(&mut self, a: &Country, b: &Country) -> String {
        let sa = self.side(a);
        let sb = the_name(b);
        match self.rng.u8(..6) {
            0 => format!("{sa} attaches great importance to its relations with {sb}"),
            1 => format!("the visit was a complete success and exceeded {} expectations", possessive(&sa)),
            2 => format!("relations between {} and {sb} have developed steadily in recent years", the_name(a)),
            3 => format!("the talks with {sb} were held in a warm and friendly atmosphere"),
            4 => format!("{sa} values the traditional friendship between the two peoples"),
            _ => format!("{sa} looks forward to welcoming a delegation from {sb} {}", self.pick(&["next year", "in the autumn", "soon"])),
        }
    }

    /// A direct quotation, first person, one or two sentences, without quote marks.
    fn quote(&mut self, a: &Country, b: &Country) -> String {
        let n1 = self.topic_np();
        let an = the_name(a);
        let bn = the_name(b);
        let s = match self.rng.u8(..10) {
            0 => format!("We live in an interconnected world. No country can cope with {} alone", self.pick(&["climate change", "the pandemic", "terrorism", "energy shortages", "food security risks"])),
            1 => format!("{} will always be a reliable friend and partner of {bn}", cap(&an)),
            2 => format!("We are ready to work with our {} friends on {n1}", adj(b)),
            3 => format!("Our position on {} is consistent and clear, and it will not change", self.stance_np()),
            4 => format!("This visit opens a new chapter in relations between {an} and {bn}"),
            5 => "We firmly oppose any attempt to interfere in our internal affairs".to_string(),
            6 => "There is no alternative to dialogue. We do not accept pressure or sanctions".to_string(),
            7 => format!("The door of {an} will only open wider, and {n1} will be a priority"),
            8 => format!("We have agreed on a road map for {n1} for the next five years"),
            _ => format!("Nobody should doubt our commitment to {n1}"),
        };
        if self.chance(0.3) {
            format!("{s}. {}", cap(&self.clause(a, b)))
        } else {
            s
        }
    }

    /// One statement sentence in a random attribution order.
    fn statement(&mut self, who: &Person, first: bool, a: &Country, b: &Country) -> String {
        let subj = if first { self.introduce(who) } else { self.refer(who) };
        let subj_end = if first { who.full.clone() } else { who.description() };
        let verb = *self.pick(REPORT_VERBS);
        let that = *self.pick(THAT_VERBS);
        let (q1, q2) = if self.chance(0.3) { ("“", "”") } else { ("\"", "\"") };
        match self.rng.u8(..9) {
            0 | 1 => format!("{} {that} {}.", cap(&subj), self.clause(a, b)),
            2 => format!("{}, {subj_end} {verb}.", cap(&self.clause(a, b))),
            3 => format!("{}, said {subj_end}.", cap(&self.clause(a, b))),
            4 => format!("According to {subj_end}, {}.", self.clause(a, b)),
            5 => format!("{q1}{},{q2} {subj_end} said.", self.quote(a, b)),
            6 => format!("{q1}{},{q2} said {subj_end}.", self.quote(a, b)),
            7 => format!("{} told reporters: {q1}{}.{q2}", cap(&subj), self.quote(a, b)),
            _ => format!("{}, {subj_end} {verb}, adding that {}.", cap(&self.clause(a, b)), self.clause(a, b)),
        }
    }

    /// Two to four statements by one speaker (one or two in `Length::Typical`),
    /// the later ones by pronoun or surname.
    fn statement_paragraph(&mut self, who: &Person, introduced: bool, a: &Country, b: &Country) -> String {
        let mut p = self.statement(who, !introduced, a, b);
        for _ in 0..self.rng.usize(self.length.follow_ups()) {
            p.push(' ');
            let s = match self.rng.u8(..4) {
                0 => format!("{} also {} {}.", who.he(), self.pick(THAT_VERBS), self.clause(a, b)),
                1 => format!("In {} remarks, {} called for closer cooperation on {}.", who.his(), who.surname, self.topic_np()),
                _ => self.statement(who, false, a, b),
            };
            p.push_str(&s);
        }
        p
    }

    fn background(&mut self, a: &Country, b: &Country, year: i32) -> String {
        let (an, bn) = (the_name(a), the_name(b));
        match self.rng.u8(..8) {
            0 => format!("{} and {bn} established diplomatic relations in {}.", cap(&an), 1950 + self.rng.i32(0..60)),
            1 => format!(
                "Bilateral trade reached {}.{} billion U.S. dollars in {}, up {} percent year on year, according to official data.",
                self.rng.u32(1..90), self.rng.u32(0..10), year - 1, self.rng.u32(2..40)
            ),
            2 => format!("The two countries signed a joint statement on {} during a state visit in {}.", self.topic_np(), year - self.rng.i32(1..6)),
            3 => format!("{} is one of the largest investors in {bn}, with projects ranging from {} to {}.", cap(&an), self.topic_np(), self.topic_np()),
            4 => format!("Several documents on {} and {} were signed after the talks.", self.topic_np(), self.topic_np()),
            5 => format!("Earlier this year, the {} parliament ratified an agreement on {}.", adj(b), self.topic_np()),
            6 => "The meeting was also attended by senior officials of the ministries of foreign affairs, economy and transport of both countries.".to_string(),
            _ => format!("{} and {bn} are both members of {}.", cap(&an), self.topic_np_of("regional_cooperation")),
        }
    }

    fn date_phrase(&mut self, event: NaiveDate, anchor: NaiveDate) -> String {
        let back = (anchor - event).num_days();
        let weekday = event.format("%A").to_string();
        match self.rng.u8(..8) {
            0 if back == 0 => "today".into(),
            0 if back == 1 => "yesterday".into(),
            1 if back <= 5 && event.iso_week() == anchor.iso_week() && back >= 2 => "earlier this week".into(),
            2 => format!("on {} {}", ap_month(event), event.day()),
            3 => format!("on {} {}", event.day(), event.format("%B")),
            4 => format!("on the {} of {} {}", self.pick(&["afternoon", "evening", "morning"]), event.format("%B"), event.day()),
            _ => format!("on {weekday}"),
        }
    }

    fn article(&mut self) -> SyntheticArticle {
        let length = self.length;
        let year = 2019 + self.rng.i32(0..7);
        let published = NaiveDate::from_yo_opt(year, 1 + self.rng.u32(..365)).expect("valid day");
        let dateline_day = published - Duration::days(self.rng.i64(0..=1));
        let event = dateline_day - Duration::days(self.rng.i64(0..=5).min(self.rng.i64(0..=5)));

        let host_c = self.country();
        let guest_c = self.other_country(&[host_c]);
        let kind = *self.pick(&[
            Kind::Meeting, Kind::Meeting, Kind::Talks, Kind::PhoneCall, Kind::VideoCall,
            Kind::Message, Kind::Visit, Kind::Conference, Kind::Briefing,
        ]);
        let host = self.leader(host_c);
        let guest = match kind {
            Kind::Briefing => self.official(guest_c, &[("Foreign Ministry Spokesperson", "spokesperson"), ("Spokesperson", "spokesperson")]),
            _ if self.chance(0.25) => self.leader(guest_c),
            _ => self.envoy(guest_c),
        };
        let city = if self.chance(0.8) {
            capital(host_c).to_string()
        } else {
            let local: Vec<&str> = CITIES.iter().filter(|(_, c)| *c == host_c.code.as_str()).map(|(n, _)| *n).collect();
            if local.is_empty() { capital(host_c).to_string() } else { self.pick(&local).to_string() }
        };
        let remote = matches!(kind, Kind::PhoneCall | Kind::VideoCall | Kind::Message);

        // --- dateline and source
        let agency = *self.pick(AGENCIES);
        let style = self.rng.u8(..7);
        let dl_city = if remote { capital(host_c).to_string() } else { city.clone() };
        let (source, dateline) = match style {
            0 | 1 => (agency.to_string(), format!("{}, {} {} ({agency}) -- ", dl_city.to_uppercase(), ap_month(dateline_day), dateline_day.day())),
            2 => (agency.to_string(), format!("{}, {} ({agency}) - ", dl_city.to_uppercase(), dateline_day.format("%-d %B %Y"))),
            3 => (agency.to_string(), format!("{} -- ", dl_city.to_uppercase())),
            4 => (agency.to_string(), format!("{}, {} {} /{agency}/. ", dl_city.to_uppercase(), dateline_day.format("%B"), dateline_day.day())),
            5 => (agency.to_string(), format!("{} ({agency}) — ", dl_city)),
            _ => (format!("Ministry of Foreign Affairs of {}", the_name(host_c)), String::new()),
        };
        let readout = dateline.is_empty();

        // --- headline
        let title = self.headline(kind, &host, &guest);

        let mut t = String::with_capacity(5_000);
        if self.chance(0.35) {
            t.push_str(&title);
            t.push_str("\n\n");
            if self.chance(0.5) {
                t.push_str(&format!("Source: {source} | {}\n\n", published.format("%Y-%m-%d")));
            }
        }
        if !readout && self.chance(0.15) {
            t.push_str(&format!(
                "{} (R) meets with {} in {city}, {}, {} {}, {}. ({agency}/{})\n\n",
                host.full, guest.full, host_c.name, ap_month(event), event.day(), event.year(), self.name(false).0
            ));
        }

        // --- lede
        let when = if readout {
            format!("On {} {}", event.format("%B"), event.day())
        } else {
            cap(&self.date_phrase(event, dateline_day))
        };
        let h = self.introduce(&host);
        let g = self.introduce(&guest);
        let here = if !readout && style != 3 && self.chance(0.4) { "here".to_string() } else { format!("in {city}") };
        let lede = match kind {
            Kind::Meeting => match self.rng.u8(..3) {
                0 => format!("{h} {} met with visiting {g} {here}.", self.date_phrase(event, dateline_day)),
                1 => format!("{when}, {h} received {g} {here}."),
                _ => format!("{h} met {g} {here} {}, on the sidelines of the {}.", self.date_phrase(event, dateline_day), self.forum()),
            },
            Kind::Talks => format!("{h} held talks with {g} {here} {}.", self.date_phrase(event, dateline_day)),
            Kind::PhoneCall => match self.rng.u8(..3) {
                0 => format!("{when}, {h} had a phone call with {g}."),
                1 => format!("{h} held a telephone conversation with {g} {}.", self.date_phrase(event, dateline_day)),
                _ => format!("{h} spoke by phone with {g} {}, {}'s office said.", self.date_phrase(event, dateline_day), host.surname),
            },
            Kind::VideoCall => format!("{when}, {h} and {g} held a meeting via video link."),
            Kind::Message => format!("{when}, {h} sent a congratulatory message to {g} on the {} anniversary of diplomatic relations between the two countries.", ordinal(10 + 5 * self.rng.u32(..10))),
            Kind::Visit => format!("{g} arrived in {city} {} for a {}-day official visit to {} at the invitation of {h}.", self.date_phrase(event, dateline_day), self.rng.u32(2..5), the_name(host_c)),
            Kind::Conference => {
                let (code, long, word) = *self.pick(ORGS);
                format!("{h}, {g} and leaders of {} other member states attended the {} {long} ({code}) {word} in {city} {}.", self.rng.u32(3..12), ordinal(2 + self.rng.u32(..30)), self.date_phrase(event, dateline_day))
            }
            Kind::Briefing => format!("{g} said at a regular press briefing {} that {}.", self.date_phrase(event, dateline_day), self.clause(guest_c, host_c)),
        };
        t.push_str(&dateline);
        t.push_str(&lede);
        t.push_str("\n\n");

        // --- body: statements by both sides, background, extra officials, until long enough
        let target = match length {
            Length::Long => 1_900 + self.rng.usize(..3_000),
            Length::Wire => 700 + self.rng.usize(..1_500),
            Length::Typical => 900 + self.rng.usize(..1_500),
        };
        let mut host_intro = kind != Kind::Briefing;
        let mut guest_intro = true;
        let mut paragraphs = 0;
        let least = if length == Length::Long { 3 } else { 2 };
        while t.len() < target || paragraphs < least {
            let p = match length.paragraph(self.rng.u8(..12)) {
                0..=3 => {
                    let s = self.statement_paragraph(&host, host_intro, host_c, guest_c);
                    host_intro = true;
                    s
                }
                4..=6 => {
                    let s = self.statement_paragraph(&guest, guest_intro, guest_c, host_c);
                    guest_intro = true;
                    s
                }
                7 => self.background(host_c, guest_c, year),
                8 => {
                    // a spokesperson or ambassador of either side
                    let c = if self.chance(0.5) { host_c } else { guest_c };
                    let other = if c.code == host_c.code { guest_c } else { host_c };
                    let mut p = self.official(c, &[
                        ("Foreign Ministry Spokesperson", "spokesperson"),
                        ("Ambassador", "ambassador"),
                        ("Deputy Prime Minister", "deputy prime minister"),
                    ]);
                    if p.office == "ambassador" {
                        p.title = format!("Ambassador to {}", the_name(other));
                    }
                    self.statement_paragraph(&p, false, c, other)
                }
                9 => {
                    let chief = self.org_chief();
                    format!(
                        "{} also took part {}. {}",
                        cap(&self.introduce(&chief)),
                        self.pick(&["in the event", "in the discussion", "via video link", "as an observer"]),
                        self.statement(&chief, false, host_c, guest_c)
                    )
                }
                10 => {
                    let both = format!("{} and {}", host.surname, guest.surname);
                    format!(
                        "{both} {} {}. The two sides also exchanged views on {} and agreed to {}.",
                        self.pick(&["agreed that", "noted that", "expressed satisfaction that"]),
                        self.clause(host_c, guest_c),
                        self.topic_np(),
                        self.pick(&["maintain close communication", "step up coordination at the UN", "meet again next year", "set up a working group"])
                    )
                }
                _ => {
                    // a meeting or call reported later in the text, with a relative date
                    let d = self.date_phrase(event, dateline_day);
                    let other = self.official(guest_c, &[("Prime Minister", "prime minister"), ("Speaker of Parliament", "speaker"), ("Vice President", "vice president")]);
                    format!(
                        "{} {d}, {} also {} {}, {} {}.",
                        self.pick(&["Earlier", "Separately", "Also"]),
                        guest.surname,
                        self.pick(&["met with", "held talks with", "had a video call with", "paid a courtesy call on"]),
                        self.introduce(&other).trim_end_matches(','),
                        self.pick(&["and the two discussed", "focusing on", "with talks centred on"]),
                        self.topic_np()
                    )
                }
            };
            if t.len() + p.len() > 5_400 && paragraphs >= 3 {
                break;
            }
            t.push_str(&p);
            t.push_str("\n\n");
            paragraphs += 1;
        }

        // --- closing and furniture
        if self.chance(0.5) {
            t.push_str(&format!("{}\n\n", self.background(host_c, guest_c, year)));
        }
        if !readout && agency == "Xinhua" || self.chance(0.2) {
            t.push_str("Enditem\n");
        }
        if self.chance(0.3) {
            t.push_str(&format!("Editor: {}\n", self.name(false).0));
        }
        for _ in 0..self.rng.usize(..3) {
            t.push_str(self.word(FURNITURE));
            t.push('\n');
        }
        SyntheticArticle { title, text: t.trim_end().to_string() + "\n", source, published }
    }

    fn forum(&mut self) -> String {
        let (code, _, word) = *self.pick(ORGS);
        format!("{code} {word}")
    }

    fn headline(&mut self, kind: Kind, host: &Person, guest: &Person) -> String {
        let ha = cap(host.adj());
        let ga = cap(guest.adj());
        let (ho, go) = (host.office, guest.office);
        match kind {
            Kind::Meeting => format!("{ha} {ho} meets {ga} {go}"),
            Kind::Talks => format!("{ha}, {ga} officials hold talks on {}", self.topic_np()),
            Kind::PhoneCall => format!("{ha} {ho} holds phone talks with {ga} {go}"),
            Kind::VideoCall => format!("{ha}, {ga} leaders meet via video link"),
            Kind::Message => format!("{ha} {ho} congratulates {ga} counterpart"),
            Kind::Visit => format!("{ga} {go} starts visit to {}", host.country.map(the_name).unwrap_or_default()),
            Kind::Conference => format!("Leaders gather in {} for regional summit", host.country.map(capital).unwrap_or("the capital")),
            Kind::Briefing => format!("{ga} foreign ministry comments on {}", self.topic_np()),
        }
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// AP style month: "Jan.", "March", "Sept.".
fn ap_month(d: NaiveDate) -> &'static str {
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
        [d.month0() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn same_seed_same_corpus_and_prefix_stable() {
        let a = articles(7, 40);
        assert_eq!(a, articles(7, 40));
        assert_eq!(&a[..10], &articles(7, 10)[..]);
        assert_eq!(a[25], article(7, 25));
        assert_ne!(a, articles(8, 40));
    }

    #[test]
    fn sizes_are_two_to_five_kilobytes() {
        let corpus = articles(1, 500);
        let lens: Vec<usize> = corpus.iter().map(|a| a.text.len()).collect();
        let min = *lens.iter().min().unwrap();
        let max = *lens.iter().max().unwrap();
        let mean = lens.iter().sum::<usize>() as f64 / lens.len() as f64;
        assert!(min >= 1_500, "shortest article {min} bytes");
        assert!(max <= 6_000, "longest article {max} bytes");
        assert!((2_000.0..=5_000.0).contains(&mean), "mean {mean} bytes");
        let in_band = lens.iter().filter(|&&l| (2_000..=5_000).contains(&l)).count();
        assert!(in_band * 10 >= lens.len() * 9, "only {in_band}/500 within 2-5 KB");
    }

    #[test]
    fn typical_articles_weigh_like_real_copy_and_less_than_wire() {
        let extractor = crate::extract::Extractor::new(&crate::domain::default_topics(), &crate::domain::default_office_holders());
        let per_article = |length: Length| {
            let corpus: Vec<SyntheticArticle> = iter_of(5, length).take(200).collect();
            let (mut bytes, mut statements, mut positions) = (0, 0, 0);
            for a in &corpus {
                let x = extractor.extract(&a.text, Some(a.published));
                bytes += a.text.len();
                statements += x.statements.len();
                positions += x.positions.len();
            }
            let n = corpus.len() as f64;
            (bytes as f64 / n, statements as f64 / n, positions as f64 / n)
        };
        let (wire_bytes, wire_statements, wire_positions) = per_article(Length::Wire);
        let (bytes, statements, positions) = per_article(Length::Typical);
        // The dev set as the extractor reads it: 1.8 KB, 6.9 statements, 4.1 positions.
        assert!((1_500.0..=2_200.0).contains(&bytes), "{bytes} bytes an article");
        assert!((6.0..=8.5).contains(&statements), "{statements} statements an article");
        assert!((3.5..=6.0).contains(&positions), "{positions} positions an article");
        assert!(statements < wire_statements && positions * 1.5 < wire_positions && bytes > wire_bytes);
    }

    #[test]
    fn corpus_is_varied() {
        let corpus = articles(3, 300);
        let openings: HashSet<String> = corpus
            .iter()
            .map(|a| a.text.split(['-', '—', '/']).next().unwrap_or("").chars().take(40).collect())
            .collect();
        assert!(openings.len() > 200, "{} distinct openings", openings.len());
        let countries: HashSet<&str> = COUNTRIES
            .iter()
            .filter(|c| corpus.iter().any(|a| a.text.contains(adj(c))))
            .map(|c| c.code.as_str())
            .collect();
        assert!(countries.len() > 80, "{} countries", countries.len());
        let has = |needle: &str| corpus.iter().filter(|a| a.text.contains(needle)).count();
        for style in ["(Xinhua) --", ") - ", "/. ", ") — ", "Enditem", "Share", "met with", "phone",
            "video link", "received", "visit", "said.", "said that", "According to", "told reporters",
            "opposes", "never", "Secretary-General", "Ambassador to", "Spokesperson"]
        {
            assert!(has(style) > 0, "no article has {style:?}");
        }
        let readouts = corpus.iter().filter(|a| a.source.starts_with("Ministry of Foreign Affairs")).count();
        assert!(readouts > 10, "{readouts} ministry readouts");
        let titles: HashSet<&str> = corpus.iter().map(|a| a.title.as_str()).collect();
        assert!(titles.len() > 150, "{} distinct titles", titles.len());
    }

    #[test]
    fn topic_phrases_carry_their_topic_patterns() {
        let topics = crate::domain::default_topics();
        for (slug, nps) in TOPIC_NP {
            let topic = topics.iter().find(|t| t.slug.as_str() == *slug).unwrap_or_else(|| panic!("{slug}"));
            for np in *nps {
                let np_l = np.to_lowercase();
                let hit = topic.patterns.iter().any(|p| {
                    np_l.contains(&p.as_str().trim_end_matches('*').to_lowercase())
                });
                assert!(hit, "{np:?} matches no pattern of {slug}");
            }
        }
    }

    #[test]
    fn dates_are_consistent() {
        for a in articles(11, 100) {
            assert!((2019..=2025).contains(&a.published.year()));
            assert!(!a.text.contains("{}"), "unfilled template in {}", a.text);
            assert!(!a.text.contains("  "), "double space in {}", a.text);
        }
    }
}
