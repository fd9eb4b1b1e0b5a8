//! Topics and stance. Topic phrase patterns are data (`Topic.patterns`),
//! compiled once into word-unit sequences indexed by their first word, so
//! matching a statement is one hash look-up per word (no regex: a 200-way
//! case-insensitive Unicode alternation thrashes the lazy DFA).
//!
//! Matching follows `TopicPattern`'s contract: words compare case-insensitively
//! on word boundaries, a trailing `*` is a prefix; hyphens and spaces both
//! separate words and a comma may sit between them ("One Belt, One Road").
//! At each position the longest phrase wins; it counts for every topic that has it.
//!
//! Stance: phrases naming something harmful ("interference", "unilateralism",
//! "terrorism", "the epidemic") state support for the topic whatever the verb;
//! other phrases are opposed only under an opposing word before them in the
//! same clause ("rejects the railway plan"), unless what is opposed is a harm
//! named in between ("opposes forces interfering in its internal affairs").
//! A phrase that is only discussed ("the leaders discussed trade", "exchanged
//! views on climate") states no stance at all, unless a word of furthering
//! stands between ("discussed ways to boost trade", "the importance of X").

use std::collections::HashMap;

use super::lexicon::{FxBuild, WordFilter, WordMap};
use super::text::{Low, Tok, TokKind};
use crate::domain::{Stance, Topic, TopicSlug};

/// A pattern word as units match it: whole, or a prefix (a trailing `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum W {
    Exact(String),
    Prefix(String),
}

/// A pattern's words as units: lowercase, hyphenated words split, a trailing `*`
/// on the last part of its word.
pub(super) fn pattern_words(p: &crate::domain::TopicPattern) -> Vec<W> {
    let mut words = Vec::new();
    for w in p.words() {
        let (stem, star) = match w.strip_suffix('*') {
            Some(s) => (s, true),
            None => (w, false),
        };
        let parts: Vec<String> = units(stem).into_iter().filter(|u| !u.barrier && !u.comma).map(|u| u.low.to_string()).collect();
        let n = parts.len();
        for (k, part) in parts.into_iter().enumerate() {
            words.push(if star && k + 1 == n { W::Prefix(part) } else { W::Exact(part) });
        }
    }
    words
}

impl W {
    pub(super) fn matches(&self, u: &str) -> bool {
        match self {
            W::Exact(w) => w == u,
            W::Prefix(p) => u.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug, Clone)]
struct Pat {
    words: Vec<W>,
    topic: usize,
    /// Counts only in a topical context (`TopicPattern::is_bound`).
    bound: bool,
}

#[derive(Debug, Clone)]
pub struct Compiled {
    slugs: Vec<TopicSlug>,
    pats: Vec<Pat>,
    /// Exact first word → patterns starting with it.
    by_first: WordMap<Vec<usize>>,
    /// Patterns whose first word is a prefix, by the prefix's first three characters.
    star_first: WordMap<Vec<usize>>,
    /// Prefix patterns shorter than three characters (scanned at every word).
    star_short: Vec<usize>,
    /// Every key of `by_first`, for skipping the look-up of most words.
    exact_filter: WordFilter,
    /// The first three characters of every key of `star_first`, the same way.
    star_filter: WordFilter,
    /// Domain words that name a topic before "cooperation" ("security cooperation" →
    /// "security"): after "cooperation in/on" they name it alone ("cooperation on security").
    coop_domain: HashMap<String, usize, FxBuild>,
}

thread_local! {
    static UNITS: std::cell::RefCell<Vec<Unit>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The first three characters of a word (the key of prefix patterns).
#[inline]
fn head3(w: &str) -> &str {
    match w.as_bytes() {
        [a, b, c, ..] if (a | b | c) < 0x80 => &w[..3],
        _ => head(w, 3),
    }
}

/// The first `n` characters of a word (the key of prefix patterns).
fn head(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// A word unit of the text: lowercase, apostrophes folded, hyphen parts split.
#[derive(Debug, Clone)]
pub struct Unit {
    pub s: usize,
    pub e: usize,
    pub low: super::text::Low,
    /// A clause barrier (punctuation other than a comma) that no phrase crosses.
    pub barrier: bool,
    pub comma: bool,
}

/// Splits `s` into word units with byte offsets relative to `s`.
pub fn units(s: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(s.len() / 4 + 4);
    units_into(s, &mut out);
    out
}

/// `units` into a reused buffer (cleared first). Byte by byte: ASCII decides
/// from a byte, other characters are decoded.
fn units_into(s: &str, out: &mut Vec<Unit>) {
    out.clear();
    let b = s.as_bytes();
    let mut cur: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (c, len) = if x < 0x80 { (x as char, 1) } else {
            let c = s[i..].chars().next().unwrap();
            (c, c.len_utf8())
        };
        let word_char = if x < 0x80 {
            x.is_ascii_alphanumeric() || (matches!(x, b'\'' | b'.') && cur.is_some() && starts_alnum(s, i + 1))
        } else {
            c.is_alphanumeric() || (c == '’' && cur.is_some() && starts_alnum(s, i + len))
        };
        if word_char {
            cur.get_or_insert(i);
            i += len;
            continue;
        }
        let ended = cur.take();
        if let Some(a) = ended {
            out.push(word_unit(s, a, i));
        }
        // The dot closing an abbreviation or an initial ("U.S.-India", "Antony J. Blinken")
        // ends no clause: a topic after it may still be only discussed.
        if x == b'.' && ended.is_some_and(|a| s[a..i].contains('.') || (i - a == 1 && b[a].is_ascii_uppercase())) {
            i += 1;
            continue;
        }
        if c == ',' {
            out.push(Unit { s: i, e: i + 1, low: super::text::Low::from_str(","), barrier: false, comma: true });
        } else if !c.is_whitespace() && !matches!(c, '-' | '‐' | '–' | '"' | '“' | '”' | '\'' | '’' | '‘' | '/' | '«' | '»' | '„') {
            out.push(Unit { s: i, e: i + len, low: super::text::Low::from_str(c.encode_utf8(&mut [0u8; 4])), barrier: true, comma: false });
        }
        i += len;
    }
    if let Some(a) = cur {
        out.push(word_unit(s, a, s.len()));
    }
}

#[inline]
fn word_unit(s: &str, a: usize, b: usize) -> Unit {
    Unit { s: a, e: b, low: super::text::Low::lower(&s[a..b]), barrier: false, comma: false }
}

/// Whether `s[i..]` starts with a letter or digit.
#[inline]
fn starts_alnum(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&x) if x < 0x80 => x.is_ascii_alphanumeric(),
        Some(_) => s[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// The units of the sentence `text[s..e]` whose tokens are `toks`: read off the
/// tokens where they can be, which is cheaper than splitting the text again.
pub fn sentence_units_into(text: &str, s: usize, e: usize, toks: &[Tok], out: &mut Vec<Unit>) {
    if !units_from_toks(text, s, e, toks, out) {
        units_into(&text[s..e], out);
    }
}

/// `units_into(&text[s..e])` read off the tokens of `text[s..e]`: a word token
/// is a unit, or several split at its hyphens; a punctuation token is a comma,
/// a barrier or nothing, as there. False where a dot joins what the tokens keep
/// apart or splits what they join ("U.S.", "3.5", "p.m."): `out` is then to be
/// filled by `units_into`.
fn units_from_toks(text: &str, s: usize, e: usize, toks: &[Tok], out: &mut Vec<Unit>) -> bool {
    out.clear();
    let sent = &text[..e];
    for t in toks {
        // Most words are plain ASCII without a dot or hyphen: the tokenizer says so.
        if t.is_plain() {
            out.push(Unit { s: t.s - s, e: t.e - s, low: t.low.clone(), barrier: false, comma: false });
            continue;
        }
        let w = &text[t.s..t.e];
        if t.kind == TokKind::Punct {
            let Some(c) = w.chars().next() else { continue };
            if c == '.' && starts_alnum(sent, t.e) {
                return false;
            }
            if c == ',' {
                out.push(Unit { s: t.s - s, e: t.e - s, low: Low::from_str(","), barrier: false, comma: true });
            } else if !c.is_whitespace() && !matches!(c, '-' | '‐' | '–' | '"' | '“' | '”' | '\'' | '’' | '‘' | '/' | '«' | '»' | '„') {
                out.push(Unit { s: t.s - s, e: t.e - s, low: Low::from_str(w), barrier: true, comma: false });
            }
            continue;
        }
        let wb = w.as_bytes();
        if wb.contains(&b'.') {
            return false;
        }
        if !wb.contains(&b'-') && !w.contains('‐') {
            out.push(Unit { s: t.s - s, e: t.e - s, low: t.low.clone(), barrier: false, comma: false });
            continue;
        }
        // Hyphens separate units; an ASCII word's parts are slices of its lowercase.
        let ascii = w.is_ascii();
        let part = |a: usize, b: usize| {
            let low = if ascii { Low::from_str(&t.low[a - t.s..b - t.s]) } else { Low::lower(&text[a..b]) };
            Unit { s: a - s, e: b - s, low, barrier: false, comma: false }
        };
        let mut a = t.s;
        for (k, c) in w.char_indices() {
            if c == '-' || c == '‐' {
                out.push(part(a, t.s + k));
                a = t.s + k + c.len_utf8();
            }
        }
        out.push(part(a, t.e));
    }
    true
}

/// Stems of words naming harms: opposing them supports the topic.
const NEGATIVE_STEMS: &[&str] = &[
    "interfer", "meddl", "unilateral", "protectionis", "hegemon", "bully", "separatis", "terror", "extremis",
    "decoupl", "sanction", "blockade", "epidemic", "pandemic", "covid", "virus", "coronavirus", "outbreak",
    "disease", "pollution", "poverty", "crime", "trafficking", "politiciz", "politicis", "weaponiz", "weaponis",
    "abus", "restriction", "barrier", "discriminat", "suppress", "containment", "coercion", "smear", "militariz",
    "militaris", "smuggl", "tariff", "interven", "invasion", "invad", "annex", "aggress", "narcotic", "isis", "isil",
    "daesh", "qaeda", "shabaab", "boko",
];
const NEGATIVE_PAIRS: &[(&str, &str)] = &[
    ("evil", "forces"), ("power", "politics"), ("cold", "war"), ("zero", "sum"), ("climate", "change"),
    ("taiwan", "independence"), ("tibet", "independence"), ("xinjiang", "independence"), ("status", "quo"),
    ("by", "force"), ("arms", "sales"), ("arms", "sale"),
    // A state's weapons programme is a harm: "concerns about the missile launches" is for
    // security cooperation, not against it.
    ("missile", "launch"), ("missile", "launches"), ("missile", "test"), ("missile", "tests"),
    ("nuclear", "test"), ("nuclear", "tests"), ("chemical", "weapons"), ("mass", "destruction"),
];
/// Stems of opposing words, with the demand to undo a measure ("urged it to
/// repeal the law in X"; not "withdraw", whose troops leave a place).
const OPPOSE_STEMS: &[&str] = &[
    "oppos", "against", "reject", "resist", "condemn", "criticiz", "criticis", "denounc", "repeal", "revok",
    "rescind", "scrap",
];
/// Stems of words saying a topic is furthered or committed to: after them a
/// discussed topic is supported ("discussed ways to expand trade"). Reporting
/// verbs are here too: they open a clause of their own.
const FURTHER_STEMS: &[&str] = &[
    "way", "how", "importance", "need", "necess", "measures", "steps", "opportunit", "possibilit", "avenue", "strengthen", "boost", "expand",
    "deepen", "enhanc", "promot", "increas", "improv", "advanc", "bolster", "expedit", "facilitat", "intensif",
    "broaden", "upgrad", "consolidat", "agree", "pledg", "vow", "commit", "stress", "emphasi", "underline",
    "underscor", "reaffirm", "affirm", "welcom", "support", "urg", "call", "resolv", "decid", "oppos", "condemn",
    "reject", "reiterat", "said", "says", "told", "noted", "express", "hope",
];
/// Prepositions after which a bound name is the subject matter ("China's
/// position on Taiwan"), not a place or an actor.
const TOPICAL_PREPS: &[&str] = &["on", "over", "regarding", "concerning"];

/// Modifiers of "cooperation" that say where, not in what.
const SCOPE_WORDS: &[&str] = &["regional", "subregional", "sub-regional", "bilateral", "international", "global", "trilateral", "multilateral"];

/// Words that may stand between "cooperation in" and the list of its domains: "in the
/// fields of", "in such areas as", "on a broad range of areas, including".
const DOMAIN_LEAD: &[&str] = &[
    "the", "a", "fields", "field", "areas", "area", "spheres", "sphere", "sectors", "sector", "domains", "domain", "of", "such", "as",
    "including", "range", "broad", "wide", "variety", "number", "like", "particularly", "especially", "spanning", "all",
];

/// Whether the word `us[i]` is a whole item of a list ("security" in "on security and
/// foreign policy issues", not "economic" in "special economic zones").
fn is_list_item(us: &[Unit], i: usize) -> bool {
    let sep = |u: Option<&Unit>| u.is_none_or(|u| u.barrier || u.comma || u.low == "and" || u.low == "or");
    let lead = i > 0 && (sep(us.get(i - 1)) || matches!(us[i - 1].low.as_str(), "in" | "on" | "across") || DOMAIN_LEAD.contains(&us[i - 1].low.as_str()));
    // "in climate, trade, and health as well as people-to-people ties": "as well as" adds an item.
    let as_well_as = us.get(i + 1).is_some_and(|u| u.low == "as") && us.get(i + 2).is_some_and(|u| u.low == "well");
    let tail = as_well_as || sep(us.get(i + 1)) || us.get(i + 1).is_some_and(|u| matches!(u.low.as_str(), "issues" | "matters" | "affairs" | "fields" | "areas" | "spheres" | "sectors" | "domains"));
    lead && tail
}

/// "cooperation", "partnership", "ties", "relations" ...: a word whose domains a list after
/// "in" / "on" names ("ties in politics, the economy and culture").
fn is_cooperation_head(us: &[Unit], h: usize) -> bool {
    matches!(us[h].low.as_str(), "cooperation" | "collaboration" | "partnership" | "ties" | "relations" | "interaction") || (us[h].low == "operation" && h > 0 && us[h - 1].low == "co")
}

/// Whether `us[i]` is an item of the list after "cooperation in" / "co-operation on" /
/// "collaboration across" (the list's other items and lead words between, no clause break).
fn after_cooperation_in(us: &[Unit], i: usize) -> bool {
    let mut run = 0;
    for p in (i.saturating_sub(16)..i).rev() {
        let u = &us[p];
        if u.barrier {
            return false;
        }
        let w = u.low.as_str();
        // "cooperation in order to ensure the security ... of the region": a purpose, no domain.
        if w == "in" && us.get(p + 1).is_some_and(|u| u.low == "order") {
            return false;
        }
        if matches!(w, "in" | "on" | "across") && p > 0 {
            let head = us[p - 1].low.as_str();
            // "the promotion of Russian-French ties in politics, the economy and culture":
            // ties and relations name their domains the way cooperation does.
            if is_cooperation_head(us, p - 1) {
                return true;
            }
            // "a road map for the partnership that centers on economics, security and the
            // environment", "cooperation focused on trade": the domains a partnership is said
            // to center or focus on.
            let focus = matches!(head, "centers" | "centres" | "centered" | "centred" | "focuses" | "focused" | "focusing" | "concentrates" | "concentrated" | "concentrating");
            if focus && (p.saturating_sub(5)..p - 1).any(|h| is_cooperation_head(us, h) || us[h].low == "map") {
                return true;
            }
        }
        if u.comma || w == "and" || DOMAIN_LEAD.contains(&w) {
            run = 0;
            continue;
        }
        // An item of up to three words ("foreign policy issues").
        run += 1;
        if run > 3 {
            return false;
        }
    }
    false
}
const NEGATORS: &[&str] = &["not", "never", "no", "cannot"];
const OPPOSE_AFTER_NEGATOR: &[&str] = &["support", "accept", "allow", "tolerate", "recognize", "recognise", "endorse"];

/// `w.starts_with(stem)` for any stem, comparing first bytes before calling memcmp.
fn starts_with_any(w: &str, stems: &[&str]) -> bool {
    let first = w.as_bytes().first();
    stems.iter().any(|n| n.as_bytes().first() == first && w.starts_with(n))
}

/// `NEGATIVE_STEMS` by first byte.
static NEGATIVE_BY_FIRST: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
    let mut v = vec![Vec::new(); 256];
    for n in NEGATIVE_STEMS {
        v[n.as_bytes()[0] as usize].push(*n);
    }
    v
});

fn is_negative_word(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) => NEGATIVE_BY_FIRST[b as usize].iter().any(|n| w.starts_with(n)),
        None => false,
    }
}

/// "Defense Secretary X", "the Trade Minister", "Minister of Health", "the Energy
/// Ministry", "the International Telecommunication Union": a topic's word inside the name
/// of an office, a ministry or another body says nothing of the topic.
fn names_an_office(us: &[Unit], a: usize, b: usize) -> bool {
    let office_word = |w: &str| {
        let w = w.strip_suffix("'s").unwrap_or(w);
        // Plural heads too: "alongside their defence ministers".
        super::lexicon::title_head(w).is_some()
            || super::lexicon::singular_head(w).is_some()
            || matches!(w, "ministry" | "ministries" | "department" | "departments" | "secretariat")
    };
    // "the International Telecommunication Union", "the World Health Organization", "a
    // trade union": the word names a body.
    let body_word = |w: &str| matches!(w, "union" | "organization" | "organisation" | "agency" | "bank" | "institute");
    let after = us.get(b).filter(|_| !us[b - 1].barrier && !us[b - 1].comma).is_some_and(|u| office_word(&u.low) || body_word(&u.low));
    let of_office = a >= 2 && matches!(us[a - 1].low.as_str(), "of" | "for") && office_word(&us[a - 2].low);
    after || of_office
}

/// Whether unit `k` opens a discussion ("discussed", "exchanged views on",
/// "talked about", "touched upon"): what follows it is only a subject of talk.
fn is_discussion(us: &[Unit], k: usize) -> bool {
    // Every word below starts with one of these letters: most words leave at one byte.
    if !matches!(us[k].low.as_bytes().first(), Some(b'd' | b'e' | b's' | b't' | b'r' | b'c' | b'a' | b'b')) {
        return false;
    }
    let next = us.get(k + 1).map_or("", |u| u.low.as_str());
    let prev = |n: usize| k.checked_sub(n).map_or("", |j| us[j].low.as_str());
    match us[k].low.as_str() {
        "discussed" | "discuss" | "discusses" | "discussing" => true,
        // Translated releases (Russian "обсудили") also say "debated" or "deliberated".
        "debated" | "debate" | "debating" | "deliberated" | "deliberate" | "deliberating" => true,
        "discussion" | "discussions" => matches!(next, "on" | "about" | "of"),
        "exchanged" | "exchange" | "exchanging" => matches!(next, "views" | "opinions" | "ideas" | "thoughts" | "about"),
        "talked" | "talk" | "talking" | "spoke" | "speak" | "speaking" => next == "about",
        // "held talks on matters of mutual interest, especially trade": what talks were
        // held on is their agenda ("agreed to open talks on a trade deal" is not held).
        "talks" => next == "on" && (1..=3).any(|n| matches!(prev(n), "held" | "hold" | "holds" | "holding")),
        "touched" | "touch" | "touching" => matches!(next, "on" | "upon"),
        // "where he was briefed on the centre's contribution to maritime security": the one
        // briefed is given information and takes no stance ("A briefed B on the construction of
        // a road" may well be A's own stance on the road).
        "briefed" => matches!(prev(1), "was" | "were" | "been" | "being") && matches!(next, "on" | "about"),
        // "reviewed bilateral relations and ways to develop them": a review is talk too.
        "reviewed" | "review" | "reviews" | "reviewing" => true,
        // "The talks covered a range of areas, including trade": an agenda, like "discussed".
        "covered" | "covering" => next != "by",
        // "the difference with the UK on the Falklands and sovereignty is very big",
        // "disagreements over trade": what the parties differ on, no stance.
        "difference" | "differences" | "disagreement" | "disagreements" => matches!(next, "on" | "over" | "about" | "with" | "regarding"),
        // "bilateral relations were the talks' main agenda, with regional issues such as
        // terrorism", "on the agenda were trade and energy": the agenda is what was talked of.
        "agenda" => matches!(prev(1), "main" | "top" | "primary") || (prev(1) == "the" && prev(2) == "on"),
        _ => false,
    }
}

fn is_negative(units: &[Unit]) -> bool {
    units.iter().any(|u| is_negative_word(&u.low))
        || units.windows(2).any(|w| NEGATIVE_PAIRS.iter().any(|(a, b)| w[0].low == *a && w[1].low == *b))
}

/// Whether the phrase at `a` is the object of a discussion verb earlier in its
/// clause (commas do not end it: "discussed ties, including trade") with no
/// word of furthering or commitment after the verb. Wire copy lists a long
/// agenda after one verb, so the look-back runs to the clause's start.
fn only_discussed(us: &[Unit], a: usize) -> bool {
    // The discussion verb first (most clauses have none), then the furthering words
    // between it and the phrase: the stem comparisons run only where a verb was found.
    let mut k = a;
    let verb = loop {
        if k == 0 {
            return false;
        }
        k -= 1;
        // "exchanged views on its priority goals including: Peace and Security, ...": a
        // colon that opens the list the discussion names goes on with its clause.
        let list_colon = us[k].low == ":" && k > 0 && matches!(us[k - 1].low.as_str(), "including" | "namely" | "include" | "includes" | "as");
        if us[k].barrier && !list_colon {
            return false;
        }
        if is_discussion(us, k) {
            break k;
        }
    };
    !us[verb + 1..a].iter().any(|u| starts_with_any(&u.low, FURTHER_STEMS))
}

/// Whether the phrase `us[a..b]` is a subject of talk told in the passive after it ("Trade,
/// climate change and agriculture came under discussion", "... were also discussed"), with
/// no furthering word in its own list item ("enhancing trade ... came under discussion"
/// supports trade).
fn discussed_in_passive(us: &[Unit], a: usize, b: usize) -> bool {
    let verb = us[b..].iter().take_while(|u| !u.barrier).position(|u| matches!(u.low.as_str(), "discussed" | "discussion" | "reviewed"));
    let Some(v) = verb.map(|v| b + v) else { return false };
    let passive = matches!(us[v - 1].low.as_str(), "was" | "were" | "been" | "being" | "is" | "are" | "also" | "under") && (us[v].low != "discussion" || us[v - 1].low == "under");
    if !passive {
        return false;
    }
    let item = us[..a].iter().rposition(|u| u.comma || u.barrier || matches!(u.low.as_str(), "including" | "and" | "as")).map_or(0, |k| k + 1);
    !us[item..a].iter().any(|u| starts_with_any(&u.low, FURTHER_STEMS))
}

/// Whether the phrase `us[a..b]` only qualifies an event or a point in time
/// ("since independence", "the early days of independence", "the 30th
/// anniversary of independence", "Independence Day", "the war of
/// independence / aggression"), which is no stance on it.
fn names_a_date(us: &[Unit], a: usize, b: usize) -> bool {
    let before = |k: usize| a.checked_sub(k).map_or("", |x| us[x].low.as_str());
    let after_of = before(1) == "of" && matches!(before(2), "days" | "anniversary" | "eve" | "war" | "years" | "decades");
    before(1) == "since" || after_of || us.get(b).is_some_and(|u| u.low == "day")
}

/// Nouns of hostile acts, after which "against" names their target ("attacks against the
/// sovereignty of X", "aggression against", "provocations against").
fn is_hostile_act(w: &str) -> bool {
    matches!(
        w,
        "action" | "actions" | "aggression" | "attack" | "attacks" | "provocation" | "provocations" | "strike" | "strikes" | "crimes"
            | "threats" | "violations" | "encroachment" | "encroachments" | "war" | "campaign" | "measures" | "sanctions"
    )
}

/// Whether the words between an opposing word and the phrase make the phrase the target
/// of a hostile act ("condemned the attacks on commercial shipping", "rejected threats
/// against the railway"): what is condemned is the act, and the speaker defends its target.
fn targeted_by_hostile_act(us: &[Unit]) -> bool {
    us.windows(2).any(|w| is_hostile_act(&w[0].low) && matches!(w[1].low.as_str(), "on" | "against" | "targeting" | "upon"))
}

/// Whether the phrase `us[a..b]` is a route for relief or escape ("open safe corridors to
/// allow delivery of aid", "a humanitarian corridor"), no transport link between states.
fn names_a_relief_route(us: &[Unit], a: usize, b: usize) -> bool {
    b == a + 1 && us[a].low.starts_with("corridor") && a > 0 && matches!(us[a - 1].low.as_str(), "humanitarian" | "safe" | "evacuation" | "aid" | "relief")
}

/// Whether the phrase `us[a..b]` is one's own defending ("stepped up in their defense", "its
/// own defence"): a people or state defending itself is no cooperation on defence.
fn names_self_defence(us: &[Unit], a: usize, b: usize) -> bool {
    b == a + 1
        && matches!(us[a].low.as_str(), "defence" | "defense")
        && a > 0
        && matches!(us[a - 1].low.as_str(), "his" | "her" | "its" | "their" | "our" | "your" | "my" | "own" | "self")
}

/// Whether the harm `us[a..b]` only qualifies an incident ("the 9/11 terror attacks", "a
/// terrorist attack in the capital"): telling of an attack is no stance on fighting its kind,
/// condemning it is ("condemned the terrorist attack").
fn names_an_incident(us: &[Unit], a: usize, b: usize) -> bool {
    let incident = us.get(b).is_some_and(|u| {
        matches!(u.low.as_str(), "attack" | "attacks" | "bombing" | "bombings" | "blast" | "blasts" | "incident" | "incidents" | "assault" | "assaults")
    });
    if !incident || !is_negative(&us[a..b]) {
        return false;
    }
    let clause = us[..a].iter().rev().take(12).take_while(|u| !u.barrier);
    !clause.into_iter().any(|u| starts_with_any(&u.low, OPPOSE_STEMS) || starts_with_any(&u.low, &["fight", "combat", "counter", "prevent", "tackl"]))
}

/// Whether the phrase at `a` names the circumstances of what is said ("closed because of
/// economic considerations brought about by the Covid-19 pandemic", "the ceasefire amid the
/// global fight against COVID-19", "during the pandemic"): no stance on the topic itself.
fn names_a_circumstance(us: &[Unit], a: usize) -> bool {
    // Words that may stand between the preposition and the phrase.
    const FILLERS: &[&str] = &["the", "a", "an", "global", "ongoing", "current", "recent", "continuing", "worldwide", "fight", "against", "spread", "outbreak", "of"];
    let lo = a.saturating_sub(6);
    let mut k = a;
    while k > lo {
        k -= 1;
        let w = us[k].low.as_str();
        let two = |first: &str| k > 0 && us[k - 1].low == first;
        let circumstance = matches!(w, "amid" | "amidst" | "during")
            || (w == "to" && (two("due") || two("owing")))
            || (w == "of" && (two("because") || two("wake")))
            || (w == "by" && (two("caused") || two("about") || two("hit") || two("affected")));
        if circumstance {
            return true;
        }
        // "the Covid-19 pandemic", "the Ebola outbreak": a disease's name before the phrase.
        let disease = matches!(w, "covid" | "coronavirus" | "ebola" | "sars" | "mers" | "h1n1" | "mpox" | "zika" | "-") || w.bytes().all(|c| c.is_ascii_digit());
        if us[k].barrier || us[k].comma || !(FILLERS.contains(&w) || disease) {
            return false;
        }
    }
    false
}

/// Whether the phrase at `a` is a hospital someone was taken to or left ("after he was
/// admitted to hospital this week", "was discharged from the hospital"): a person's own
/// treatment, which reports of a leader's health give, is no stance on health cooperation.
fn names_a_patients_stay(us: &[Unit], a: usize) -> bool {
    if !us[a].low.starts_with("hospital") {
        return false;
    }
    let mut k = a;
    while k > 0 && matches!(us[k - 1].low.as_str(), "the" | "a") {
        k -= 1;
    }
    let word = |n: usize| k.checked_sub(n).map_or("", |j| us[j].low.as_str());
    match word(1) {
        "to" => matches!(word(2), "admitted" | "taken" | "rushed" | "flown" | "returned"),
        "from" => matches!(word(2), "discharged" | "released" | "left"),
        "in" => matches!(word(2), "remains" | "remained" | "stayed" | "treated" | "recovering" | "died"),
        _ => false,
    }
}

/// Modifiers after which "environment" means circumstances, not nature.
const SETTING_MODIFIERS: &[&str] = &[
    "security", "business", "investment", "strategic", "geopolitical", "geostrategic", "economic", "macroeconomic", "political",
    "operating", "enabling", "regulatory", "trade", "trading", "international", "competitive", "financial", "conducive",
    "favourable", "favorable",
];

/// Whether the phrase `us[a..b]` is "environment" in the sense of circumstances ("the regional
/// security environment", "a favourable business environment"): nothing on nature.
fn names_a_setting(us: &[Unit], a: usize, b: usize) -> bool {
    b == a + 1 && us[a].low.starts_with("environment") && a > 0 && SETTING_MODIFIERS.contains(&us[a - 1].low.as_str())
}

/// Whether the phrase `us[a..b]` only says whose price is meant ("soaring energy prices",
/// "energy and food prices"): a price moving is no stance on the trade in the good.
fn names_a_price(us: &[Unit], b: usize) -> bool {
    let price = |k: usize| us.get(k).is_some_and(|u| matches!(u.low.as_str(), "price" | "prices"));
    price(b) || (us.get(b).is_some_and(|u| u.low == "and") && price(b + 2))
}

/// Whether the phrase at `a` is the place someone arrives at or is welcomed at ("arrived at
/// Al Bateen Executive Airport", "was received at the railway station"): a place of the
/// visit, no stance on transport.
fn names_an_arrival_place(us: &[Unit], a: usize) -> bool {
    const ARRIVING: &[&str] = &["arriv", "land", "welcom", "receiv", "greet", "depart", "reach", "flew", "flown", "seen"];
    let lo = a.saturating_sub(7);
    let clause = |from: usize, to: usize| (from..to).rev().take_while(|&k| !us[k].barrier && !us[k].comma);
    clause(lo, a).any(|k| {
        let right_after = k > 0 && matches!(us[k].low.as_str(), "at" | "in" | "to" | "from") && starts_with_any(&us[k - 1].low, ARRIVING);
        // "Ms. Vera received Secretary Soto at the airport": the one welcomed stands between.
        let after_the_guest = us[k].low == "at" && clause(k.saturating_sub(5), k).any(|v| starts_with_any(&us[v].low, ARRIVING));
        right_after || after_the_guest
    })
}

/// Whether the phrase at `a` tells the agenda of a gathering still to come ("highlighted the
/// summit to be held in March, with a focus on climate change and food security"): what an
/// event will address is no stance of those who mention it.
fn on_an_upcoming_events_agenda(us: &[Unit], a: usize) -> bool {
    let lo = a.saturating_sub(40);
    // The phrase's clause, up to it.
    let start = us[lo..a].iter().rposition(|u| u.barrier).map_or(lo, |b| lo + b + 1);
    let clause = &us[start..a];
    let low = |m: usize| clause[m].low.as_str();
    (0..clause.len()).any(|m| {
        let held = low(m) == "held" && m >= 2 && low(m - 1) == "be" && matches!(low(m - 2), "to" | "will");
        let scheduled = matches!(low(m), "scheduled" | "slated" | "upcoming" | "forthcoming");
        // The gathering near the marker: seven words before it to three after.
        let gathering = || clause[m.saturating_sub(7)..(m + 4).min(clause.len())].iter().any(|e| GATHERINGS.contains(&e.low.as_str()));
        // "At the upcoming summit, we will advance ...": a furthering word after the event
        // makes the phrase its own clause's stance.
        (held || scheduled) && gathering() && !clause[m + 1..].iter().any(|w| starts_with_any(&w.low, FURTHER_STEMS))
    })
}

/// Nouns of a gathering.
const GATHERINGS: &[&str] = &["summit", "summits", "meeting", "meetings", "ministerial", "session", "conference", "forum", "congress", "assembly", "dialogue"];

/// Whether the phrase `us[a..b]` only names the gathering where something
/// happens ("at the 15th BRICS Summit", "on the sidelines of the SCO
/// meeting", "attending the ASEAN ministerial"), which is no stance on it.
fn names_a_venue(us: &[Unit], a: usize, b: usize) -> bool {
    // "the NATO Foreign Ministers’ Meeting", "the SCO Council of Heads of State meeting": the
    // gathering's noun may close a longer name.
    let gathering = us[b..].iter().take(6).take_while(|u| !u.barrier && !u.comma).any(|u| {
        matches!(u.low.as_str(), "summit" | "summits" | "meeting" | "meetings" | "ministerial" | "session" | "conference" | "secretariat" | "forum")
    });
    // "at the forthcoming G-20 Summit", "at the 15th annual ASEAN summit": words placing the
    // gathering in time stand between the opener and its name.
    // "to attend a meeting of the foreign ministers of the SCO", "before entering a session of
    // the ASEAN Regional Forum": the gathering and who meets at it may stand between too.
    let placing = |w: &str| {
        matches!(w, "the" | "of" | "a" | "an" | "upcoming" | "forthcoming" | "next" | "coming" | "annual" | "this" | "year's" | "recent" | "latest" | "extraordinary" | "crucial" | "regular" | "informal")
            || GATHERINGS.contains(&w)
            || matches!(w, "foreign" | "defence" | "defense" | "ministers" | "heads" | "leaders" | "state" | "government" | "council")
    };
    let opener = us[a.saturating_sub(10)..a].iter().rev().find(|u| !placing(&u.low) && !u.low.bytes().any(|c| c.is_ascii_digit()));
    let opener_word = |u: &&Unit| matches!(u.low.as_str(), "sidelines" | "margins" | "during") || u.low.starts_with("attend") || u.low.starts_with("enter");
    // "during the G-20 in Mexico": after a word of time or attendance a forum's name alone
    // is the gathering ("cooperation at the SCO" is not).
    let name_alone = us.get(b).is_none_or(|u| u.barrier || u.comma || matches!(u.low.as_str(), "in" | "on" | "last" | "this" | "earlier"));
    // "Blinken and Cavusoglu met at NATO in Brussels": a body named as where they met.
    let met_at = name_alone && a >= 2 && us[a - 1].low == "at" && matches!(us[a - 2].low.as_str(), "met" | "meet" | "meeting" | "talks" | "spoke" | "gathered");
    (gathering && opener.is_some_and(|u| u.low == "at" || opener_word(&u))) || (name_alone && opener.is_some_and(|u| opener_word(&u))) || met_at
}

/// British and Commonwealth copy hyphenates "co-operation" and "co-ordination",
/// which split into two units: the pattern's words with the first such word
/// split the same way, if it has one.
fn co_hyphenated(words: &[W]) -> Option<Vec<W>> {
    let k = words.iter().position(|w| match w {
        W::Exact(x) | W::Prefix(x) => x.len() > 4 && (x.starts_with("coop") || x.starts_with("coord")),
    })?;
    let (rest, star) = match &words[k] {
        W::Exact(x) => (x[2..].to_string(), false),
        W::Prefix(x) => (x[2..].to_string(), true),
    };
    let mut out = words[..k].to_vec();
    out.push(W::Exact("co".into()));
    out.push(if star { W::Prefix(rest) } else { W::Exact(rest) });
    out.extend_from_slice(&words[k + 1..]);
    Some(out)
}

impl Compiled {
    pub fn new(topics: &[Topic]) -> Self {
        let mut by_first: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        let mut star_first: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        let mut c = Compiled {
            slugs: Vec::new(),
            pats: Vec::new(),
            by_first: WordMap::new(Vec::<(String, _)>::new()),
            star_first: WordMap::new(Vec::<(String, _)>::new()),
            star_short: Vec::new(),
            exact_filter: WordFilter::of_words(),
            star_filter: WordFilter::of_heads(),
            coop_domain: HashMap::default(),
        };
        for (ti, t) in topics.iter().enumerate() {
            c.slugs.push(t.slug.clone());
            for p in &t.patterns {
                let words = pattern_words(p);
                if words.is_empty() {
                    continue;
                }
                let bound = p.is_bound();
                if let [W::Exact(domain), W::Exact(head)] = words.as_slice() {
                    // "regional cooperation" is a scope, not a domain: "cooperation on regional issues".
                    if head == "cooperation" && !bound && !SCOPE_WORDS.contains(&domain.as_str()) {
                        c.coop_domain.entry(domain.clone()).or_insert(ti);
                    }
                }
                if let Some(split) = co_hyphenated(&words) {
                    c.push(Pat { words: split, topic: ti, bound }, &mut by_first, &mut star_first);
                }
                c.push(Pat { words, topic: ti, bound }, &mut by_first, &mut star_first);
            }
        }
        for k in by_first.keys() {
            c.exact_filter.insert(k);
        }
        for k in star_first.keys() {
            c.star_filter.insert(k);
        }
        c.by_first = WordMap::new(by_first);
        c.star_first = WordMap::new(star_first);
        c
    }

    /// Adds a pattern, indexed by its first word.
    fn push(&mut self, p: Pat, by_first: &mut HashMap<String, Vec<usize>, FxBuild>, star_first: &mut HashMap<String, Vec<usize>, FxBuild>) {
        let idx = self.pats.len();
        match &p.words[0] {
            W::Exact(w) => by_first.entry(w.clone()).or_default().push(idx),
            W::Prefix(x) if x.chars().count() >= 3 => star_first.entry(head(x, 3).to_string()).or_default().push(idx),
            W::Prefix(_) => self.star_short.push(idx),
        }
        self.pats.push(p);
    }

    /// Length in units of pattern `p` matched at `i`, commas allowed between
    /// words, and whether its words share their head with a second modifier ("the
    /// power and transport sectors" holds "power sectors").
    fn match_at(&self, us: &[Unit], i: usize, p: &Pat) -> Option<(usize, bool)> {
        let mut j = i;
        let mut shared = false;
        for (k, w) in p.words.iter().enumerate() {
            if k > 0 && us.get(j).is_some_and(|u| u.comma) {
                j += 1;
            }
            if k == 1 {
                let n = Self::shared_head(us, j, w);
                shared = n > 0;
                j += n;
            }
            let u = us.get(j)?;
            if u.barrier || u.comma || !w.matches(&u.low) {
                return None;
            }
            j += 1;
        }
        Some((j - i, shared))
    }

    /// How many units of "and <modifier>" `us[j..]` holds before a unit that `w`
    /// matches, `w` being the pattern's second word (and not "and" itself: "Belt and
    /// Road"); 0 when none. The second modifier may be a compound of up to three words
    /// ("economic and people to people ties" holds "economic ties").
    /// A list may run on with commas: "security, economic and cultural cooperation" holds
    /// "security cooperation" (its first comma already passed, `j` at "economic").
    fn shared_head(us: &[Unit], j: usize, w: &W) -> usize {
        let word = |u: &Unit| !u.barrier && !u.comma && u.low != "and";
        let listed = j > 0 && us[j - 1].comma;
        if matches!(w, W::Exact(x) if x == "and") || (us.get(j).is_none_or(|u| u.low != "and") && !listed) {
            return 0;
        }
        // Items of one to three words, separated by commas, the last after "and", then the head.
        let mut k = j;
        for _ in 0..4 {
            if us.get(k).is_some_and(|u| u.comma) {
                k += 1;
            }
            if us.get(k).is_some_and(|u| u.low == "and") {
                let k = k + 1;
                return (1..=3)
                    .find(|&n| us[k.min(us.len())..].iter().take(n).filter(|u| word(u)).count() == n && us.get(k + n).is_some_and(|u| word(u) && w.matches(&u.low)))
                    .map_or(0, |n| k + n - j);
            }
            let n = us[k.min(us.len())..].iter().take(3).take_while(|u| word(u)).count();
            k += n;
            if n == 0 || !us.get(k).is_some_and(|u| u.comma || u.low == "and") {
                return 0;
            }
        }
        0
    }

    /// `find(&text[s..e])` for a sentence whose tokens are `toks`: the units
    /// come from the tokens, already lowercased, where they can.
    pub fn find_in_sentence(&self, text: &str, s: usize, e: usize, toks: &[Tok]) -> Vec<(usize, usize, TopicSlug, Stance)> {
        self.find_with(|us| sentence_units_into(text, s, e, toks, us))
    }

    /// Topic phrases in `s`: (start, end, topic, stance), byte offsets relative to `s`.
    #[cfg(test)]
    pub fn find(&self, s: &str) -> Vec<(usize, usize, TopicSlug, Stance)> {
        self.find_with(|us| units_into(s, us))
    }

    /// Matches the units `fill` writes, in this thread's reused buffer (a
    /// fresh one if it is already borrowed).
    fn find_with(&self, fill: impl Fn(&mut Vec<Unit>)) -> Vec<(usize, usize, TopicSlug, Stance)> {
        UNITS.with(|b| match b.try_borrow_mut() {
            Ok(mut us) => {
                fill(&mut us);
                self.find_in(&us)
            }
            Err(_) => {
                let mut us = Vec::new();
                fill(&mut us);
                self.find_in(&us)
            }
        })
    }

    fn find_in(&self, us: &[Unit]) -> Vec<(usize, usize, TopicSlug, Stance)> {
        let mut out = Vec::new();
        let mut prev: Option<(usize, Option<Stance>)> = None;
        // Topics of the longest phrase at a position; one buffer for all positions.
        let mut topics: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < us.len() {
            if us[i].barrier || us[i].comma {
                i += 1;
                continue;
            }
            let w = us[i].low.as_str();
            let exact = self.exact_filter.may_hold(w);
            let star = self.star_filter.may_hold(w);
            const NONE: &[usize] = &[];
            let by_word = if exact { self.by_first.get(w).map_or(NONE, Vec::as_slice) } else { NONE };
            let by_head = if star { self.star_first.get(head3(w)).map_or(NONE, Vec::as_slice) } else { NONE };
            // Most words start no pattern: nothing to match, as when none matches.
            if by_word.is_empty() && by_head.is_empty() && self.star_short.is_empty() {
                i += 1;
                continue;
            }
            let cands = by_word.iter().chain(by_head).chain(&self.star_short);
            // "concerns about X, Y, and Z": list members share the stance of the
            // first, and so does an abbreviation in brackets after a phrase ("X (XC)").
            let listed = prev.filter(|(pe, _)| *pe < i && (us[*pe..i].iter().all(|u| u.comma || matches!(u.low.as_str(), "and" | "or")) || (*pe + 1 == i && us[*pe].low == "(")));
            // "on Ruritania", "over the Taiwan Strait": the name is the subject matter.
            let prep_before = |k: usize| TOPICAL_PREPS.contains(&us[k].low.as_str());
            let topical = listed.is_some() || (i > 0 && prep_before(i - 1)) || (i > 1 && us[i - 1].low == "the" && prep_before(i - 2));
            let mut best = 0;
            let mut best_shared = false;
            topics.clear();
            for &pi in cands {
                let p = &self.pats[pi];
                if p.bound && !topical {
                    continue;
                }
                if let Some((n, shared)) = self.match_at(&us, i, p) {
                    if n > best {
                        best = n;
                        best_shared = shared;
                        topics.clear();
                    }
                    if n == best && !topics.contains(&p.topic) {
                        topics.push(p.topic);
                    }
                }
            }
            if best == 0 {
                // "cooperation on security and foreign policy", "cooperation in the fields of
                // health, trade and culture": a domain word after its head.
                // "the economy" is the domain "economic cooperation" names.
                let domain = if matches!(w, "economy" | "economics") { "economic" } else { w };
                if let Some(&t) = self.coop_domain.get(domain).filter(|_| is_list_item(us, i) && after_cooperation_in(us, i)) {
                    let stance = listed.map_or_else(|| Self::stance(us, i, i + 1), |(_, st)| st);
                    if let Some(stance) = stance {
                        out.push((us[i].s, us[i].e, self.slugs[t].clone(), stance));
                    }
                    prev = Some((i + 1, stance));
                }
                i += 1;
                continue;
            }
            if names_an_office(&us, i, i + best) {
                i += best;
                continue;
            }
            let stance = match listed {
                // "expanding the railway, vaccines and climate change were discussed": a
                // member of its own after the furthered one is only talked about.
                Some((_, st)) => st.filter(|_| !discussed_in_passive(us, i, i + best)),
                None => Self::stance(us, i, i + best),
            };
            prev = Some((i + best, stance));
            // "economic and people to people ties": the second modifier may start a phrase of its own.
            let next = if best_shared { i + 1 } else { i + best };
            let Some(stance) = stance else {
                i = next;
                continue;
            };
            topics.sort_unstable();
            for &t in &topics {
                out.push((us[i].s, us[i + best - 1].e, self.slugs[t].clone(), stance));
            }
            i = next;
        }
        out
    }

    /// The stance toward the phrase `us[a..b]`, or none when it is only
    /// discussed or names a date.
    fn stance(us: &[Unit], a: usize, b: usize) -> Option<Stance> {
        if only_discussed(us, a) || discussed_in_passive(us, a, b) || names_a_date(us, a, b) || names_a_venue(us, a, b) || names_an_incident(us, a, b) || names_self_defence(us, a, b) || names_a_relief_route(us, a, b) || names_an_arrival_place(us, a)
            || on_an_upcoming_events_agenda(us, a)
            || names_a_setting(us, a, b)
            || names_a_price(us, b)
            || names_a_circumstance(us, a)
            || names_a_patients_stay(us, a)
        {
            return None;
        }
        // "the need for all interventions in the Region to be under the ECOWAS framework",
        // "interventions in Eastern DRC through the EAC-led process": a plain intervention is a
        // peace effort as often as meddling; it is meddling only where the clause opposes it
        // (the foreign, military and armed kinds are patterns of their own).
        if us[a].low.starts_with("interven") {
            return (Self::support_or_oppose(us, a) == Stance::Oppose).then_some(Stance::Support);
        }
        if is_negative(&us[a..b]) {
            return Some(Stance::Support);
        }
        Some(Self::support_or_oppose(us, a))
    }

    fn support_or_oppose(us: &[Unit], a: usize) -> Stance {
        // Look back through the clause for an opposing word.
        let mut k = a;
        let lo = a.saturating_sub(12);
        while k > lo {
            k -= 1;
            let u = &us[k];
            if u.barrier || u.comma {
                break;
            }
            // "concerns about/over X" objects to X; "issues concerning X" does not.
            let concern = matches!(u.low.as_str(), "concern" | "concerns") && us.get(k + 1).is_some_and(|n| matches!(n.low.as_str(), "about" | "over" | "regarding" | "at"));
            // "the so-called (Ruritania-Freedonia) X" distances the speaker from X.
            let so_called = u.low == "called" && k > 0 && us[k - 1].low == "so" && a - k <= 4;
            let oppose = concern
                || so_called
                || starts_with_any(&u.low, OPPOSE_STEMS)
                || (starts_with_any(&u.low, OPPOSE_AFTER_NEGATOR) && k > 0 && NEGATORS.contains(&us[k - 1].low.as_str()));
            // "Azerbaijan's provocative actions against the sovereign territory of Armenia":
            // "against" after a hostile act names what is harmed, which the speaker defends.
            let harmed = u.low == "against" && k > 0 && is_hostile_act(&us[k - 1].low);
            if oppose {
                return if harmed || is_negative(&us[k + 1..a]) || targeted_by_hostile_act(&us[k + 1..a]) { Stance::Support } else { Stance::Oppose };
            }
        }
        Stance::Support
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TopicPattern;

    fn topic(slug: &str, pats: &[&str]) -> Topic {
        Topic {
            slug: TopicSlug::parse(slug).unwrap(),
            label: slug.into(),
            description: String::new(),
            patterns: pats.iter().map(|p| TopicPattern::parse(p).unwrap()).collect(),
            grades: vec![],
        }
    }

    fn run(s: &str) -> Vec<(String, &'static str)> {
        let c = Compiled::new(&[
            topic("non_interference", &["interference", "internal affairs"]),
            topic("belt_and_road", &["Belt and Road", "One Belt One Road"]),
            topic("connectivity", &["road*", "rail*"]),
            topic("vaccines", &["vaccin*"]),
            topic("one_china", &["one China", "Taiwan independence"]),
        ]);
        c.find(s).into_iter().map(|(_, _, t, st)| (t.to_string(), st.as_str())).collect()
    }

    #[test]
    fn what_was_on_the_agenda_is_only_discussed() {
        assert_eq!(run("Relations were the talks' main agenda, with regional issues such as railways."), vec![]);
        assert_eq!(run("On the agenda were railways and roads."), vec![]);
        assert_eq!(run("They agreed to advance the agenda of new railways."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn the_agenda_of_a_gathering_to_come_is_no_stance() {
        assert_eq!(run("They highlighted the summit to be held in March, with a focus on roads and rail."), vec![]);
        assert_eq!(run("They also highlighted the Ruritanian Summit to be held on March 24 and 25 in the Kingdom of Ruritania, with a focus on environment and climate, human rights, transport, and railways."), vec![]);
        assert_eq!(run("They welcomed the upcoming forum on railways."), vec![]);
        assert_eq!(run("At the upcoming summit next year, we will jointly advance the building of new railways."), vec![("connectivity".into(), "support")]);
        // A stance on the same words beside the event is theirs.
        assert_eq!(run("They backed new railways before the summit to be held in March."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn condemning_an_attack_on_something_defends_it() {
        assert_eq!(run("They condemned the attacks on rail lines in the north."), vec![("connectivity".into(), "support")]);
        assert_eq!(run("They rejected threats against the Belt and Road."), vec![("belt_and_road".into(), "support")]);
        assert_eq!(run("They condemned the rail plan."), vec![("connectivity".into(), "oppose")]);
    }

    #[test]
    fn opposing_a_harm_supports_the_topic() {
        assert_eq!(run("It firmly opposes foreign interference."), vec![("non_interference".into(), "support")]);
        assert_eq!(run("It rejects Taiwan independence."), vec![("one_china".into(), "support")]);
    }

    #[test]
    fn opposition_aimed_at_a_harm_before_the_phrase_is_support() {
        assert_eq!(run("It opposes outside interference in its internal affairs."), vec![
            ("non_interference".into(), "support"),
            ("non_interference".into(), "support")
        ]);
    }

    #[test]
    fn opposing_the_abuse_of_a_good_supports_it() {
        assert_eq!(run("It opposes the politicization of the railway plan."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn opposing_a_good_is_oppose() {
        assert_eq!(run("The party rejects the new railway plan."), vec![("connectivity".into(), "oppose")]);
        assert_eq!(run("It will not support the railway plan, but backs roads."), vec![
            ("connectivity".into(), "oppose"),
            ("connectivity".into(), "support")
        ]);
    }

    #[test]
    fn list_members_share_the_stance_and_concerning_is_not_concern() {
        assert_eq!(run("It raised concerns about the railway, roads and vaccines."), vec![
            ("connectivity".into(), "oppose"),
            ("connectivity".into(), "oppose"),
            ("vaccines".into(), "oppose"),
        ]);
        assert_eq!(run("on issues concerning the railway"), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn longest_phrase_wins_hyphens_commas_and_case_fold() {
        assert_eq!(run("joint Belt-and-Road projects, the One Belt, One Road plan and VACCINATION drives for the one-China policy"), vec![
            ("belt_and_road".into(), "support"),
            ("belt_and_road".into(), "support"),
            ("vaccines".into(), "support"),
            ("one_china".into(), "support"),
        ]);
    }

    #[test]
    fn a_second_modifier_of_several_words_shares_the_head() {
        let c = Compiled::new(&[topic("trade_investment", &["economic ties"])]);
        assert_eq!(c.find("to deepen economic and people to people ties").len(), 1);
        assert_eq!(c.find("to deepen economic and cultural ties").len(), 1);
        assert!(c.find("economic growth and more ties").is_empty());
        let c = Compiled::new(&[topic("trade_investment", &["economic ties"]), topic("people_to_people", &["people to people"])]);
        let found: Vec<String> = c.find("to deepen economic and people to people ties").into_iter().map(|x| x.2.to_string()).collect();
        assert_eq!(found, vec!["trade_investment", "people_to_people"]);
    }

    #[test]
    fn credit_loans_and_financial_help_are_trade_and_investment_in_the_default_taxonomy() {
        let c = Compiled::new(&crate::domain::default_topics());
        for s in ["Ruritania pledged $5m in credit for its central bank.", "It is ready to assist Freedonia in the financial crisis.", "The bank extended loans to the port."] {
            assert!(c.find(s).iter().any(|x| x.2.as_str() == "trade_investment" && x.3.as_str() == "support"), "{s}");
        }
    }

    #[test]
    fn an_alliance_or_a_security_commitment_is_security_cooperation_in_the_default_taxonomy() {
        let c = Compiled::new(&crate::domain::default_topics());
        for s in ["They reaffirmed the importance of a strong bilateral alliance.", "He affirmed the steadfast security commitment to its ally.", "She praised the Korea-US alliance."] {
            assert!(c.find(s).iter().any(|x| x.2.as_str() == "security_cooperation" && x.3.as_str() == "support"), "{s}");
        }
        assert!(!c.find("It joined the International Solar Alliance.").iter().any(|x| x.2.as_str() == "security_cooperation"));
    }

    #[test]
    fn a_topic_only_discussed_states_no_stance() {
        assert!(run("The ministers discussed the railway plan and vaccines.").is_empty());
        assert!(run("They exchanged views on roads, rail and Taiwan independence.").is_empty());
        assert!(run("Both sides talked about a wide range of issues, including the railway.").is_empty());
        assert!(run("The talks covered a range of areas including the railway and vaccines.").is_empty());
        assert!(run("They exchanged views on the agenda and its priority goals including: Railways, Vaccines and Roads.").is_empty());
        assert_eq!(run("They discussed trade. Railways: they back them."), vec![("connectivity".into(), "support")]);
        assert!(run("The minister arrived at Al Bateen Railway Station, where he was welcomed by his host.").is_empty());
        assert!(run("She was received at the railway station by the mayor.").is_empty());
        assert_eq!(run("After constructive discussions, she said Taiwan independence is no option."), vec![("one_china".into(), "support")]);
    }

    #[test]
    fn a_harm_naming_an_incident_is_no_stance_unless_condemned_or_fought() {
        let run = |s: &str| -> Vec<&'static str> {
            let c = Compiled::new(&[topic("security", &["terror*", "extremism"])]);
            c.find(s).into_iter().map(|(_, _, _, st)| st.as_str()).collect()
        };
        assert!(run("Troops will leave by the anniversary of the 9/11 terror attacks.").is_empty());
        assert!(run("Israel may defend itself from unceasing terror attacks.").is_empty());
        assert_eq!(run("She condemned the terrorist attack in the capital."), vec!["support"]);
        assert_eq!(run("They vowed to prevent terrorist attacks."), vec!["support"]);
        assert_eq!(run("They agreed to fight terrorism."), vec!["support"]);
    }

    #[test]
    fn a_slash_between_names_does_not_end_the_discussed_list() {
        let run = |s: &str| -> Vec<&'static str> {
            let c = Compiled::new(&[topic("security", &["terror*"])]);
            c.find(s).into_iter().map(|(_, _, _, st)| st.as_str()).collect()
        };
        assert!(run("They discussed relations and groups including YPG/PKK and the Terrorist Organization.").is_empty());
    }

    #[test]
    fn an_abbreviations_dot_does_not_end_the_discussed_clause() {
        assert!(run("They discussed the U.S.-India partnership, including cooperation on emerging technologies.").is_empty());
        assert!(run("Antony J. Blinken discussed ties with S. Jaishankar, including trade.").is_empty());
    }

    #[test]
    fn topics_discussed_in_the_passive_state_no_stance_unless_furthered() {
        assert!(run("The railway plan and vaccines came under discussion.").is_empty());
        assert!(run("Vaccines were also discussed.").is_empty());
        assert_eq!(run("Issues including expanding the railway, vaccines and climate change were discussed."), vec![("connectivity".into(), "support")]);
        // Not a passive discussion: the topic is the object of support.
        assert_eq!(run("Both sides supported vaccines, the discussion showed."), vec![("vaccines".into(), "support")]);
    }

    #[test]
    fn discussing_how_to_further_a_topic_supports_it() {
        assert_eq!(run("They discussed ways to expand the railway."), vec![("connectivity".into(), "support")]);
        assert!(run("They reviewed the railway plan.").is_empty());
        assert!(run("They exchanged about the railway plan.").is_empty());
        assert_eq!(run("They reviewed relations and ways to develop them in the railway and vaccine fields."), vec![("connectivity".into(), "support"), ("vaccines".into(), "support")]);
        assert_eq!(run("They discussed the importance of vaccines."), vec![("vaccines".into(), "support")]);
        assert_eq!(run("They discussed opportunities to align their efforts on railway needs."), vec![("connectivity".into(), "support")]);
        assert_eq!(run("They discussed the region and agreed to build roads."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn co_operation_matches_cooperation_patterns() {
        let c = Compiled::new(&[topic("security_cooperation", &["security cooperation", "coordinat*"])]);
        let got: Vec<String> = c.find("security co-operation and closer co-ordination").into_iter().map(|(_, _, t, _)| t.to_string()).collect();
        assert_eq!(got, vec!["security_cooperation", "security_cooperation"]);
    }

    #[test]
    fn tariffs_invasion_and_changing_the_status_quo_by_force_are_harms() {
        let c = Compiled::new(&[
            topic("trade_investment", &["tariff*"]),
            topic("sovereignty", &["invasion", "change the status quo"]),
        ]);
        let got: Vec<(String, &str)> = c
            .find("It condemned the new tariffs and the invasion, and opposes any attempt to change the status quo.")
            .into_iter()
            .map(|(_, _, t, st)| (t.to_string(), st.as_str()))
            .collect();
        assert_eq!(got, vec![
            ("trade_investment".into(), "support"),
            ("sovereignty".into(), "support"),
            ("sovereignty".into(), "support")
        ]);
    }

    /// Topics of the default taxonomy found in `s`, with their stances.
    fn default_run(s: &str) -> Vec<(String, &'static str)> {
        let c = Compiled::new(&crate::domain::default_topics());
        c.find(s).into_iter().map(|(_, _, t, st)| (t.to_string(), st.as_str())).collect()
    }

    #[test]
    fn circumstances_prices_and_welcome_places_are_no_stance() {
        // "environment" after a word of circumstance is no word on nature.
        assert_eq!(default_run("We will respond to the increasingly severe regional security environment."), vec![]);
        assert_eq!(default_run("They will create a favourable business environment."), vec![]);
        assert_eq!(default_run("They pledged to protect the environment."), vec![("climate_environment".into(), "support")]);
        // A price names the good only to say what costs more.
        assert_eq!(default_run("The war has hit the economy, including soaring energy and food prices."), vec![]);
        assert_eq!(default_run("They agreed to expand energy trade."), vec![("energy".into(), "support"), ("trade_investment".into(), "support")]);
        // The guest may stand between the welcoming verb and the place.
        assert_eq!(default_run("The minister received Secretary Vera at the airport in the capital."), vec![]);
        assert_eq!(default_run("They agreed to modernise the airport."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn a_topic_named_as_the_circumstances_is_no_stance() {
        assert_eq!(default_run("The mission closed for economic reasons brought about by the Covid-19 pandemic."), vec![]);
        assert_eq!(default_run("They stressed the ceasefire amid the global fight against COVID-19."), vec![]);
        assert_eq!(default_run("The talks were held by video during the pandemic."), vec![]);
        assert_eq!(default_run("They agreed to fight the pandemic together."), vec![("health_cooperation".into(), "support")]);
    }

    #[test]
    fn an_alliance_named_as_one_is_security_cooperation() {
        assert_eq!(default_run("They agreed to strengthen their bilateral alliance."), vec![("security_cooperation".into(), "support")]);
        assert_eq!(default_run("He praised the Alliance of Civilizations."), vec![]);
    }

    #[test]
    fn held_talks_on_is_an_agenda_and_as_well_as_adds_an_item() {
        assert_eq!(default_run("They held talks on matters of mutual interest, especially trade and agriculture."), vec![]);
        assert_eq!(default_run("They held talks on boosting trade."), vec![("trade_investment".into(), "support")]);
        let got: Vec<String> = default_run("They agreed on expanding partnership in climate, trade, and health as well as people-to-people ties.").into_iter().map(|(t, _)| t).collect();
        assert!(got.contains(&"health_cooperation".to_string()), "{got:?}");
    }

    #[test]
    fn the_rules_based_system_is_multilateralism_as_the_order_is() {
        assert_eq!(default_run("He underlined the importance of the rules-based international system."), vec![("multilateralism".into(), "support")]);
    }

    #[test]
    fn a_leaders_stay_in_hospital_is_no_stance_on_health() {
        assert_eq!(default_run("The king underwent an operation after he was admitted to hospital this week."), vec![]);
        assert_eq!(default_run("The president was discharged from the hospital on Monday."), vec![]);
        assert_eq!(default_run("They agreed to build a hospital in the capital."), vec![("health_cooperation".into(), "support")]);
    }

    #[test]
    fn the_one_briefed_takes_no_stance() {
        assert_eq!(default_run("At the naval base he was briefed on the centre's contribution to maritime security."), vec![]);
        assert_eq!(default_run("The delegation were briefed about the security situation."), vec![]);
        assert_eq!(default_run("The minister briefed him on the construction of the new railway."), vec![("connectivity".into(), "support")]);
    }

    #[test]
    fn an_intervention_is_meddling_only_where_it_is_foreign_or_in_a_place() {
        assert_eq!(default_run("Securing the country requires sustained intervention on the economic front."), vec![]);
        assert_eq!(default_run("He condemned the military intervention in the neighbouring state."), vec![("non_interference".into(), "support")]);
        assert_eq!(default_run("They reject foreign interventions."), vec![("non_interference".into(), "support")]);
        assert_eq!(default_run("They rejected any intervention in Ruritania."), vec![("non_interference".into(), "support")]);
        // A peace or development effort in a place, told with no opposition, is no meddling.
        assert_eq!(default_run("He stressed the need for all interventions in the region to be under the regional framework."), vec![]);
        assert_eq!(default_run("He praised the regional bloc's interventions in the east through the Lima Process."), vec![]);
    }

    #[test]
    fn a_difference_on_a_topic_is_no_stance() {
        assert!(default_run("He admitted the difference with Chile on sovereignty is big.").is_empty());
        assert!(default_run("They aired their disagreements over trade.").is_empty());
        assert_eq!(default_run("They aired their disagreements but agreed to expand trade."), vec![("trade_investment".into(), "support")]);
    }

    #[test]
    fn a_domain_named_after_cooperation_in_or_in_a_comma_list_is_its_topic() {
        let got = |s: &str| {
            let mut t: Vec<String> = default_run(s).into_iter().filter(|(_, st)| *st == "support").map(|(t, _)| t).collect();
            t.sort();
            t
        };
        assert_eq!(got("They committed to deepening cooperation on security and foreign policy issues."), ["security_cooperation"]);
        assert_eq!(got("They agreed to expand co-operation in the fields of health, energy and culture."), ["energy", "health_cooperation", "people_to_people"]);
        assert_eq!(got("They agreed to boost security, economic and cultural cooperation."), ["people_to_people", "security_cooperation", "trade_investment"]);
        assert_eq!(
            got("They agreed to enhance cooperation on a broad range of areas, spanning the political, security, economic and cultural spheres."),
            ["people_to_people", "security_cooperation", "trade_investment"]
        );
        // Ties and relations name their domains too, and "the economy" is the economic one.
        assert_eq!(got("They agreed to promote ties in politics, the economy and security."), ["security_cooperation", "trade_investment"]);
        // The domains a partnership or its road map centers or focuses on.
        assert_eq!(
            got("They agreed on a road map for the partnership that centers on economics, security and the environment."),
            ["climate_environment", "security_cooperation", "trade_investment"]
        );
        assert!(got("They agreed on a road map that the press focused on.").is_empty());
        // A modifier inside an item, a scope, or a discussion: no domain stance.
        assert!(got("They agreed to boost cooperation on special economic zones.").is_empty());
        assert!(got("They said the economy grew.").is_empty());
        assert!(got("They agreed to boost cooperation on regional issues.").is_empty());
        assert!(default_run("They discussed cooperation on security.").is_empty());
        assert!(got("They seek cooperation in order to ensure the security and prosperity of the region.").is_empty(), "a purpose clause names no domain");
    }

    #[test]
    fn default_vocabulary_reads_western_and_wire_phrasing() {
        let has = |s: &str, topic: &str| default_run(s).iter().any(|(t, st)| t == topic && *st == "support");
        assert!(has("Both leaders praised their counterterrorism partnership.", "security_cooperation"));
        assert!(has("They will deepen defence co-operation.", "security_cooperation"));
        assert!(has("They vowed to defeat Daesh.", "security_cooperation"));
        assert!(has("They will step up cooperation on counter terrorism.", "security_cooperation"));
        // The UN Charter by its full name.
        assert!(has("They condemned the attack, a flagrant violation of international law and the Charter of the United Nations.", "multilateralism"));
        // Cooperation against a state's missile and nuclear programmes is security cooperation.
        assert!(has("Close cooperation is crucial in responding to the missile launches.", "security_cooperation"));
        // A hostile act "against" something harms it: condemning the act defends it.
        assert!(has("He stressed that the provocative actions against the sovereign territory of Ruritania undermine peace.", "sovereignty"));
        // Concern about a weapons programme is for security cooperation, not against it.
        assert!(has("The ministers expressed concerns about the recent missile launches.", "security_cooperation"));
        assert!(has("They agreed to continue cooperation on nuclear and other North Korean issues.", "security_cooperation"));
        assert!(has("They will strengthen their health partnership.", "health_cooperation"));
        assert!(has("They agreed on the scope of business opportunities.", "trade_investment"));
        assert!(has("They discussed ways to improve port and rail services.", "connectivity"));
        assert!(has("NATO is essential to transatlantic security.", "security_cooperation"));
        assert!(has("Australia would join China's visa waiver programme.", "people_to_people"));
        assert!(has("She hailed the growing commercial relationship.", "trade_investment"));
        assert!(has("He wants resilient supply chains and market access.", "trade_investment"));
        assert!(has("Canada is a reliable partner on food and energy security.", "agriculture"));
        assert!(has("Canada is a reliable partner on food and energy security.", "energy"));
        assert!(has("The minister condemned the military intervention in Ruritania.", "non_interference"));
        assert!(has("Japan opposes unilateral changes to the status quo by force.", "sovereignty"));
        assert!(has("They welcomed closer ties within the African Union and APEC.", "regional_cooperation"));
        assert!(has("Both back the rules-based international order.", "multilateralism"));
        assert!(has("It opposes arms sales to Taiwan.", "one_china"));
        assert!(has("Both condemned the new tariffs.", "multilateralism"));
        assert!(has("China grants zero-tariff treatment to its goods.", "trade_investment"));
        assert!(has("She backed his initiative for global development.", "global_initiatives"));
        assert!(has("They will expedite projects in the power and transport sectors.", "energy"));
        assert!(has("It supports China on its core interests, including Tibet, Taiwan and Xinjiang.", "one_china"));
        assert!(has("He condemned the coercive and unilateral measures against Ruritania.", "multilateralism"));
        assert!(has("He noted the unilateral sanctions imposed on Ruritania.", "multilateralism"));
        assert!(has("They reviewed ways to grow ties in the economic, commercial and cultural fields.", "trade_investment"));
        assert!(has("Both value the strong security relationship.", "security_cooperation"));
        assert!(has("They will cooperate in rice production and aquaculture.", "agriculture"));
        assert!(has("He wants more cooperation in pharmaceutical chemistry.", "health_cooperation"));
        assert!(has("They welcomed the handover of the Pacific Alliance presidency and the work of the Arctic Council.", "regional_cooperation"));
        assert!(has("They agreed to enhance regional cooperation in the Horn of Africa.", "regional_cooperation"));
        // Central Asian leaders' own format, and integration named by its region.
        assert!(has("They stressed the importance of the next Consultative Meeting of the Heads of State of Central Asia.", "regional_cooperation"));
        assert!(has("She called for Latin American integration.", "regional_cooperation"));
    }

    #[test]
    fn default_vocabulary_skips_words_of_other_fields() {
        let topics = |s: &str| default_run(s).into_iter().map(|(t, _)| t).collect::<Vec<_>>();
        assert!(topics("She warned about nuclear weapons drills.").is_empty());
        assert!(topics("He told the media after the talks.").is_empty());
        assert!(topics("The Secretary-General of the United Nations arrived.").is_empty());
        // Hospitality is no hospital; a corridor for relief is no transport link.
        assert!(topics("We appreciate your hospitality.").is_empty());
        assert!(topics("He urged them to open safe corridors and a humanitarian corridor for aid.").is_empty());
        // Offices in the plural, and a people's own defending.
        assert!(topics("They will talk again alongside their defence ministers.").is_empty());
        // A field in a body's name: the head of the ITU, a trade union.
        assert!(topics("He praised the International Telecommunication Union and the trade union.").is_empty());
        assert!(topics("The head of the International Telecommunication Union welcomed the delegation.").is_empty());
        assert!(topics("The people have stepped up in their defense and in its own defence.").is_empty());
        assert!(topics("Taiwan has sent aid since the speaker's trip to Taiwan.").is_empty());
        // A vaccine "jab", not the names and places that begin with the word.
        assert!(topics("Sultan Al Jaber flew over Jabal Ali.").is_empty());
        // The strait as a place is no stance on the Taiwan question; its status is.
        assert!(topics("Ships crossed the Taiwan Strait after recent developments in the Taiwan Strait.").is_empty());
        assert_eq!(topics("It backs China's stance on the Taiwan Strait."), vec!["one_china"]);
        assert_eq!(topics("They gave a million jabs."), vec!["vaccine_cooperation"]);
        assert_eq!(topics("It upholds the authority of the United Nations."), vec!["multilateralism"]);
        assert_eq!(topics("They will expand agricultural technology cooperation."), vec!["agriculture"]);
        assert_eq!(topics("It asked for more exports of agricultural products."), vec!["trade_investment", "trade_investment"]);
    }

    #[test]
    fn a_bound_name_counts_only_on_topic_or_in_a_list_of_topics() {
        let c = Compiled::new(&[
            topic("core_interests", &["core interests", "Hong Kong"]),
            topic("one_china", &["~Ruritania", "Ruritania question"]),
        ]);
        let topics = |s: &str| c.find(s).into_iter().map(|(_, _, t, _)| t.to_string()).collect::<Vec<_>>();
        assert_eq!(topics("It backs the stance on Ruritania."), vec!["one_china"]);
        assert_eq!(topics("It backs core interests, including Hong Kong, Ruritania and more."), vec!["core_interests", "core_interests", "one_china"]);
        assert_eq!(topics("The Ruritania question matters."), vec!["one_china"]);
        assert!(topics("After the trip to Ruritania, Ruritania offered aid.").is_empty());
    }

    #[test]
    fn a_so_called_phrase_is_opposed_and_its_bracketed_abbreviation_too() {
        let c = Compiled::new(&[topic("belt_and_road", &["Ruritanian Corridor", "RC"]), topic("one_china", &["Taiwan independence"])]);
        let got = |s: &str| c.find(s).into_iter().map(|(_, _, t, st)| (t.to_string(), st.as_str())).collect::<Vec<_>>();
        assert_eq!(got("Projects in the so-called Ruritania-Freedonia Ruritanian Corridor (RC) breach its rights."), vec![
            ("belt_and_road".into(), "oppose"),
            ("belt_and_road".into(), "oppose")
        ]);
        assert_eq!(got("It rejects the so-called Taiwan independence."), vec![("one_china".into(), "support")]);
    }

    #[test]
    fn a_long_agenda_after_discussed_states_no_stance() {
        let s = "The ministers discussed a number of current issues on the bilateral and international agendas, including preparations for the summit of the permanent members, regional developments in various parts of the world, integration processes in Eurasia and in the wider neighbourhood of both states, and railway plans.";
        assert!(units(s).len() > 50);
        assert!(run(s).is_empty());
    }

    #[test]
    fn undoing_a_measure_opposes_it_and_undoing_a_harm_supports() {
        assert_eq!(run("It urged them to repeal the railway law."), vec![("connectivity".into(), "oppose")]);
        assert_eq!(run("It urged them to scrap interference."), vec![("non_interference".into(), "support")]);
    }

    #[test]
    fn a_modifier_coordinated_before_the_head_shares_it() {
        let c = Compiled::new(&[topic("energy", &["power sector*"]), topic("belt_and_road", &["Belt and Road"])]);
        let topics = |s: &str| c.find(s).into_iter().map(|(_, _, t, _)| t.to_string()).collect::<Vec<_>>();
        assert_eq!(topics("projects in the power and water sectors"), vec!["energy"]);
        assert_eq!(topics("the Belt and Road"), vec!["belt_and_road"]);
        assert!(topics("power and water").is_empty());
    }

    #[test]
    fn a_topic_named_as_a_point_in_time_states_no_stance() {
        let c = Compiled::new(&[topic("sovereignty", &["independence"])]);
        for s in ["since independence", "from the early days of independence", "the 30th anniversary of independence", "on Independence Day"] {
            assert!(c.find(s).is_empty(), "{s}");
        }
        assert_eq!(c.find("It backs their independence.").len(), 1);
    }

    #[test]
    fn a_gathering_named_as_a_venue_states_no_stance() {
        let c = Compiled::new(&[topic("regional_cooperation", &["SCO", "BRICS"])]);
        for s in ["They met at the 15th BRICS Summit.", "on the sidelines of the SCO meeting", "He is here to attend a meeting of the foreign ministers of the SCO.", "Before entering a session of the BRICS forum, he spoke.", "while attending the BRICS summit", "They agreed to meet at the forthcoming SCO Summit in Astana.", "at the upcoming annual BRICS summit", "on the margins of the SCO Foreign Ministers’ Meeting", "They met at SCO in Beijing."] {
            assert!(c.find(s).is_empty(), "{s}");
        }
        assert!(c.find("They agreed to increase trade during the SCO in Astana.").is_empty());
        assert_eq!(c.find("They praised the SCO summit.").len(), 1);
        assert_eq!(c.find("They back cooperation at the SCO.").len(), 1);
    }

    #[test]
    fn word_boundaries_hold() {
        assert!(run("a broad approach").is_empty());
    }
}
