//! Mentions: finds the officials of an article and every place it refers to them.
//!
//! Pass 1 (`discover`) registers officials from titled names ("Chinese State
//! Councilor and Foreign Minister Wang Yi"), appositions ("Liu Haixing, senior
//! minister of ..."), plural titles ("two former Prime Ministers, A and B") and
//! "Name of Country". Pass 2 (`find`) runs per sentence while attribution walks
//! the article, so descriptions ("the Kyrgyz president") and pronouns can be
//! resolved against who was mentioned or spoke last.

use std::collections::HashMap;

use crate::domain::CountryCode;

use super::gazetteer::{PlaceKind, Target, GAZ};
use super::lexicon::*;
use super::text::Tok;

/// One sentence with its tokens (byte offsets into the original text).
#[derive(Debug, Clone)]
pub struct Sent {
    pub s: usize,
    pub e: usize,
    pub para: usize,
    pub toks: Vec<Tok>,
}

/// A run of titles before or after a name, with the state or organisation it names.
#[derive(Debug, Clone, Default)]
pub struct TitlePhrase {
    pub start: usize,
    pub end: usize,
    /// Canonical titles with their byte ranges; empty for "leader"/"counterpart".
    pub titles: Vec<(String, usize, usize)>,
    pub heads: Vec<&'static str>,
    pub target: Option<Target>,
    pub plural: bool,
    pub has_det: bool,
}

#[derive(Debug, Clone)]
pub struct OffBuild {
    pub name: String,
    pub key: Vec<String>,
    pub country: Option<CountryCode>,
    pub org: Option<String>,
    pub titles: Vec<(String, usize, usize)>,
    pub heads: Vec<&'static str>,
    pub mentions: Vec<(usize, usize, crate::domain::MentionKind)>,
    /// Where pass 1 first met the name: (sentence, first token, end token).
    pub first: (usize, usize, usize),
}

#[derive(Debug, Default)]
pub struct Registry {
    pub offs: Vec<OffBuild>,
    /// Name token → official; `None` when two officials share it.
    keys: HashMap<String, Option<usize>>,
    /// Title phrases without a name ("the visiting Chinese Foreign Minister"): hints for countries.
    descs: Vec<TitlePhrase>,
    /// The last plural office without names ("foreign ministers") and its sentence.
    plural_office: Option<(usize, (String, usize, usize))>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Off(usize),
    Pronoun,
    /// A state as such ("China", "the Kyrgyz side", "Beijing").
    State(CountryCode),
    /// "the two sides", "the ministers".
    Group,
    /// "they".
    They,
}

#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Token range inside the sentence (titles included: "Kyrgyz President X").
    pub ts: usize,
    /// Where the reference itself starts (the name after its titles).
    pub ms: usize,
    pub te: usize,
    pub who: Who,
    pub kind: crate::domain::MentionKind,
    pub possessive: bool,
}

/// What pass 2 needs to know about the text read so far.
#[derive(Debug, Default)]
pub struct Ctx {
    pub last_speaker: Option<usize>,
    pub last_seen: Vec<usize>,
    pub sent_no: usize,
}

fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
}

const GROUP_NOUNS: &[&str] = &["sides", "parties", "leaders", "ministers", "presidents", "delegations", "countries", "heads"];

/// `[the] [visiting] [Country adj | Country's | Org] title (and title)* [of Country]`.
pub fn parse_title_phrase(text: &str, toks: &[Tok], i: usize) -> Option<TitlePhrase> {
    let mut tp = TitlePhrase { start: i, ..Default::default() };
    let mut j = i;
    if low(toks, j) == "the" {
        tp.has_det = true;
        j += 1;
    }
    loop {
        if has(low(toks, j), F_PRE_SKIP) {
            j += 1;
            continue;
        }
        if let Some(h) = GAZ.at(text, toks, j) {
            // "Chinese", "Nepal", "China's", "UN": a state or org before the title.
            let ok = matches!(h.entry.kind, PlaceKind::Adjective | PlaceKind::Org)
                || (h.entry.kind == PlaceKind::Name && (h.possessive || is_title_start(toks, h.end)));
            if ok && tp.target.is_none() && is_title_start(toks, h.end) {
                tp.target = Some(h.entry.target.clone());
                j = h.end;
                continue;
            }
        }
        break;
    }
    let mut any = false;
    while let Some((end, words, head, plural, target)) = parse_single_title(text, toks, j) {
        any = true;
        tp.plural |= plural;
        tp.heads.push(head);
        if !NO_TITLE_HEADS.contains(&head) {
            let ws: Vec<&str> = words.iter().map(String::as_str).collect();
            tp.titles.push((canonical_title(&ws), toks[j].s, toks[end - 1].e));
        }
        if tp.target.is_none() {
            tp.target = target;
        }
        j = end;
        // "State Councilor and Foreign Minister": another title joined by "and".
        if low(toks, j) == "and" && parse_single_title(text, toks, j + 1).is_some() {
            j += 1;
            continue;
        }
        // "Foreign Minister Prince Faisal", "..., H.H. Prince Faisal": a royal title follows directly.
        let mut k = j;
        if low(toks, k) == "," {
            k += 1;
        }
        while toks.get(k).is_some_and(|t| t.has(F_HONORIFIC)) {
            k += 1;
        }
        if (k > j || is_royal(low(toks, k))) && is_royal(low(toks, k)) && parse_single_title(text, toks, k).is_some() {
            j = k;
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    tp.end = j;
    Some(tp)
}

fn is_royal(w: &str) -> bool {
    matches!(w, "prince" | "princess" | "king" | "queen" | "emir" | "amir" | "sultan" | "crown")
}

fn is_title_start(toks: &[Tok], j: usize) -> bool {
    toks.get(j).is_some_and(|t| t.has(F_HEAD | F_MOD | F_PLURAL_HEAD | F_PRE_SKIP))
}

fn tf(toks: &[Tok], j: usize) -> u32 {
    toks.get(j).map(|t| t.flags).unwrap_or(0)
}

/// One title: modifiers, a head, an optional "of/for" complement.
/// Returns (end, title words, head, plural, state named in the complement).
#[allow(clippy::type_complexity)]
fn parse_single_title(text: &str, toks: &[Tok], i: usize) -> Option<(usize, Vec<String>, &'static str, bool, Option<Target>)> {
    let mut j = i;
    let mut words: Vec<String> = Vec::new();
    while j < toks.len() && toks[j].has(F_MOD) && !toks[j].has(F_HEAD) {
        words.push(toks[j].low.clone());
        j += 1;
    }
    // "Secretary General", "Prime Minister": the head may follow modifiers.
    let w = low(toks, j);
    let f = tf(toks, j);
    if f & (F_HEAD | F_PLURAL_HEAD) == 0 {
        return None;
    }
    let (head, plural) = if let Some(h) = TITLE_HEADS.iter().find(|h| **h == w) {
        (*h, false)
    } else if let Some(h) = singular_head(w) {
        (h, true)
    } else if !words.is_empty() && matches!(words.last().map(String::as_str), Some("general")) {
        // "Attorney General" style: last modifier acts as head. Not supported.
        return None;
    } else {
        return None;
    };
    if toks[j].is_possessive() {
        return None;
    }
    words.push(head.to_string());
    j += 1;
    if low(toks, j) == "general" && matches!(head, "secretary" | "consul" | "director") {
        words.push("general".into());
        j += 1;
    }
    let mut target = None;
    // Complements: "of Foreign Affairs", "of Kyrgyzstan", "of the People's Republic of China".
    loop {
        let prep = low(toks, j);
        if prep != "of" && prep != "for" {
            break;
        }
        let mut k = j + 1;
        if low(toks, k) == "the" {
            k += 1;
        }
        if let Some(h) = GAZ.at(text, toks, k) {
            if h.entry.kind != PlaceKind::City && h.entry.kind != PlaceKind::Capital && h.entry.kind != PlaceKind::Adjective {
                if target.is_none() {
                    target = Some(h.entry.target.clone());
                }
                j = h.end;
                continue;
            }
        }
        if let Some(c) = toks.get(k).and_then(|t| GAZ.word_state(&t.low).filter(|_| t.is_cap(text))) {
            // "Kazakhstan-Elbasy": a hyphenated word led by a state name.
            if !has(&toks[k].low, F_COMPL) && toks[k].low.contains('-') {
                target.get_or_insert(Target::State(c));
                j = k + 1;
                continue;
            }
        }
        // Title complement words, capitalised, possibly joined by and/of/the.
        let mut m = k;
        let mut comp: Vec<String> = Vec::new();
        while m < toks.len() {
            let t = &toks[m];
            let lw = t.low.as_str();
            let joiner = matches!(lw, "and" | "of" | "the");
            if joiner {
                // A joiner must be followed by another complement word, and "and" must not start a new title.
                let next = low(toks, m + 1);
                if lw == "and" && (is_head(next) || (is_modifier(next) && !has(next, F_COMPL))) {
                    break;
                }
                if !(has(next, F_COMPL) || GAZ.word_state(next).is_some()) {
                    break;
                }
                if lw == "of" && GAZ.at(text, toks, m + 1).is_some_and(|h| h.entry.kind == PlaceKind::Name)
                    || (lw == "of" && next == "the" && GAZ.at(text, toks, m + 2).is_some_and(|h| h.entry.kind == PlaceKind::Name))
                {
                    break;
                }
                if next == "cpc" {
                    break;
                }
                comp.push(lw.to_string());
                m += 1;
                continue;
            }
            let is_adj = t.is_cap(text) && GAZ.at(text, toks, m).is_some_and(|h| h.entry.kind == PlaceKind::Adjective);
            if t.is_cap(text) && (has(lw, F_COMPL) || is_adj) && !t.is_possessive() {
                if is_adj && target.is_none() {
                    target = GAZ.at(text, toks, m).map(|h| h.entry.target.clone());
                }
                comp.push(lw.to_string());
                m += 1;
                continue;
            }
            break;
        }
        while comp.last().is_some_and(|w| matches!(w.as_str(), "and" | "of" | "the")) {
            comp.pop();
            m -= 1;
        }
        if comp.is_empty() {
            break;
        }
        words.push(prep.to_string());
        if low(toks, j + 1) == "the" {
            words.push("the".into());
        }
        words.extend(comp);
        j = m;
    }
    Some((j, words, head, plural, target))
}

fn is_all_caps(text: &str, t: &Tok) -> bool {
    text[t.s..t.e].chars().all(|c| !c.is_lowercase())
}

/// A person's name at `i`: capitalised words with particles, honorifics skipped.
/// Returns (first name token, end, possessive).
pub fn parse_name(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize, bool)> {
    let mut j = i;
    loop {
        // "His Excellency", "H.H.", "Dr.", "Her Royal Highness".
        if matches!(low(toks, j), "his" | "her") && toks.get(j).is_some_and(|t| t.is_cap(text)) && matches!(low(toks, j + 1), "excellency" | "majesty" | "highness" | "royal") {
            j += 1;
            continue;
        }
        if low(toks, j) == "royal" && low(toks, j + 1) == "highness" {
            j += 1;
            continue;
        }
        if j < toks.len() && toks[j].has(F_HONORIFIC) {
            j += 1;
            if low(toks, j) == "." {
                j += 1;
            }
            continue;
        }
        break;
    }
    let first = j;
    let mut k = j;
    let mut possessive = false;
    while k < toks.len() && k - first < 5 {
        let t = &toks[k];
        let lw = t.low.as_str();
        // An initial: "R." in "Joseph R. Biden", "S." in "S. Jaishankar".
        if t.is_cap(text) && lw.len() == 1 && low(toks, k + 1) == "." && toks.get(k + 2).is_some_and(|n| n.is_cap(text)) {
            k += 2;
            continue;
        }
        // The surname He ("Vice Premier He Lifeng") is also the pronoun: only as a first name word before another.
        let he_surname = k == first && lw == "he" && toks.get(k + 1).is_some_and(|n| n.is_cap(text) && !n.has(F_STOP | F_HEAD | F_VERB));
        let cap_word = t.is_word()
            && (t.is_cap(text) || lw.starts_with("al-") || lw.starts_with("el-"))
            && (!t.has(F_STOP | F_HEAD | F_PLURAL_HEAD) || he_surname)
            // All-caps words are agencies or acronyms ("XINHUA"), except a family name
            // written in capitals beside a normal one ("HAYASHI Yoshimasa").
            && !(t.low.len() >= 5 && is_all_caps(text, t) && !toks.get(k + 1).is_some_and(|n| n.is_cap(text) && !is_all_caps(text, n) && !n.has(F_STOP | F_HEAD)))
            && GAZ.at(text, toks, k).is_none();
        if cap_word {
            k += 1;
            if t.is_possessive() {
                possessive = true;
                break;
            }
            continue;
        }
        if k > first && t.has(F_PARTICLE) && toks.get(k + 1).is_some_and(|n| n.is_cap(text) || n.has(F_PARTICLE)) {
            k += 1;
            continue;
        }
        break;
    }
    while k > first && toks[k - 1].has(F_PARTICLE) {
        k -= 1;
    }
    // A lone initial is not a name.
    if k > first && toks[k - 1].low == "." && k - first <= 2 {
        return None;
    }
    (k > first).then_some((first, k, possessive))
}

fn name_string(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let s = &text[toks[a].s..toks[b - 1].e];
    let s = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name_key(toks: &[Tok], a: usize, b: usize) -> Vec<String> {
    toks[a..b].iter().map(|t| t.stem().to_string()).collect()
}

impl Registry {
    fn register(&mut self, text: &str, sent: usize, toks: &[Tok], (a, b): (usize, usize), tp: Option<&TitlePhrase>) -> usize {
        let key = name_key(toks, a, b);
        let idx = match self.offs.iter().position(|o| o.key == key) {
            Some(i) => i,
            None => {
                self.offs.push(OffBuild {
                    name: name_string(text, toks, a, b),
                    key,
                    country: None,
                    org: None,
                    titles: Vec::new(),
                    heads: Vec::new(),
                    mentions: Vec::new(),
                    first: (sent, a, b),
                });
                self.offs.len() - 1
            }
        };
        if let Some(tp) = tp {
            let o = &mut self.offs[idx];
            for t in &tp.titles {
                if !o.titles.iter().any(|x| x.0 == t.0) {
                    o.titles.push(t.clone());
                }
            }
            for h in &tp.heads {
                if !o.heads.contains(h) {
                    o.heads.push(h);
                }
            }
            if o.country.is_none() && o.org.is_none() {
                match &tp.target {
                    Some(Target::State(c)) => o.country = Some(*c),
                    Some(Target::Org(g)) => o.org = Some(g.to_string()),
                    None => {}
                }
            }
        }
        idx
    }

    pub fn key_lookup(&self, w: &str) -> Option<usize> {
        self.keys.get(w).copied().flatten()
    }
}

/// Pass 1: registers every official the article names.
pub fn discover(text: &str, sents: &[Sent]) -> Registry {
    let mut reg = Registry::default();
    for (si, sent) in sents.iter().enumerate() {
        let toks = &sent.toks;
        let mut i = 0;
        // End token of the last titled name and its target, for "A and President-elect B".
        let mut last_end: Option<(usize, Option<Target>)> = None;
        while i < toks.len() {
            if let Some(mut tp) = parse_title_phrase(text, toks, i) {
                let mut j = tp.end;
                let comma = low(toks, j) == ",";
                if comma {
                    j += 1;
                }
                if tp.target.is_none() {
                    if let Some((e, t)) = &last_end {
                        if *e + 1 == i && low(toks, *e) == "and" {
                            tp.target = t.clone();
                        }
                    }
                }
                let names = parse_name_list(text, toks, j, tp.plural);
                if names.is_empty() {
                    if tp.target.is_some() && !tp.titles.is_empty() {
                        reg.descs.push(tp.clone());
                    }
                    // "several African foreign ministers": names listed next take this office.
                    if tp.plural && tp.titles.len() == 1 {
                        reg.plural_office = Some((si, tp.titles[0].clone()));
                    }
                    // Apposition after a name handled below; titles alone are descriptions.
                    i = tp.end.max(i + 1);
                    continue;
                }
                if comma && !tp.plural && !tp.has_det && tp.heads.iter().all(|h| !NO_TITLE_HEADS.contains(h)) && toks[tp.start].is_cap(text) {
                    // "President, Donald Trump" is fine; keep.
                }
                let mut end = j;
                for (a, b, _) in &names {
                    let mut tp2 = tp.clone();
                    // "Foreign Minister Carlos Castaneda of El Salvador".
                    if tp2.target.is_none() {
                        tp2.target = post_name_country(text, toks, *b);
                    }
                    reg.register(text, si, toks, (*a, *b), Some(&tp2));
                    end = *b;
                }
                last_end = Some((end, tp.target.clone()));
                i = end;
                continue;
            }
            if let Some(n) = untitled_subject(text, si, toks, i, &mut reg) {
                i = n;
                continue;
            }
            if let Some(n) = apposition(text, si, toks, i, &mut reg) {
                i = n;
                continue;
            }
            if let Some(n) = name_of_country(text, si, toks, i, &mut reg) {
                i = n;
                continue;
            }
            i += 1;
        }
    }
    reg
}

/// "A", "A and B", "A, B and C" after a plural title; a single name otherwise.
fn parse_name_list(text: &str, toks: &[Tok], j: usize, plural: bool) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let Some(n) = parse_name(text, toks, j) else { return out };
    out.push(n);
    if !plural {
        return out;
    }
    let mut k = n.1;
    loop {
        let sep = low(toks, k);
        let next = if sep == "," && low(toks, k + 1) == "and" { k + 2 } else if sep == "," || sep == "and" { k + 1 } else { break };
        match parse_name(text, toks, next) {
            Some(m) => {
                out.push(m);
                k = m.1;
            }
            None => break,
        }
    }
    out
}

fn post_name_country(text: &str, toks: &[Tok], b: usize) -> Option<Target> {
    if low(toks, b) != "of" {
        return None;
    }
    let k = if low(toks, b + 1) == "the" { b + 2 } else { b + 1 };
    GAZ.at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Name).map(|h| h.entry.target.clone())
}

/// "Liu Haixing, senior minister of the Chinese Communist Party, ..." and
/// "Zhou Qiang, Chinese President Xi Jinping's special envoy, ...".
fn apposition(text: &str, si: usize, toks: &[Tok], i: usize, reg: &mut Registry) -> Option<usize> {
    if i > 0 && !(toks[i - 1].kind == super::text::TokKind::Punct || matches!(low(toks, i - 1), "with" | "and" | "by" | "to" | "met")) {
        return None;
    }
    let (a, b, poss) = parse_name(text, toks, i)?;
    if poss || b - a < 2 || !matches!(low(toks, b), "," | "—") {
        return None;
    }
    let mut k = b + 1;
    while matches!(low(toks, k), "also" | "who" | "is" | "was" | "a" | "now" | "currently") {
        k += 1;
    }
    let Some(tp) = parse_title_phrase(text, toks, k) else {
        return apposition_list(text, si, toks, (a, b), reg);
    };
    if let Some((pa, pb, true)) = parse_name(text, toks, tp.end) {
        // "<Country> <Title> <Person>'s <title>": the owner's country is the possessor's.
        let _ = (pa, pb);
        let own = parse_title_phrase(text, toks, pb)?;
        let mut t2 = own.clone();
        if t2.target.is_none() {
            t2.target = tp.target.clone();
        }
        reg.register(text, si, toks, (a, b), Some(&t2));
        return Some(b);
    }
    if parse_name(text, toks, tp.end).is_some() || tp.titles.is_empty() {
        return None;
    }
    if !matches!(low(toks, tp.end), "," | "." | "—" | "" | ")" | "and" | "\"") {
        return None;
    }
    reg.register(text, si, toks, (a, b), Some(&tp));
    Some(b)
}

/// Verbs whose sentence-initial subject is taken to be an official even without
/// a title ("Vladimir Putin had a telephone conversation with ...").
const ENCOUNTER_VERBS: &[&str] = &["met", "meets", "held", "holds", "had", "has", "received", "receives", "hosted", "hosts", "spoke", "talked", "visited", "attended"];

/// A two-to-four word name opening the sentence (or its main clause after an
/// introductory phrase) as the subject of a meeting or reporting verb.
fn untitled_subject(text: &str, si: usize, toks: &[Tok], i: usize, reg: &mut Registry) -> Option<usize> {
    if !(i == 0 || (low(toks, i - 1) == "," && i <= 8)) {
        return None;
    }
    let (a, b, poss) = parse_name(text, toks, i)?;
    if poss || b - a < 2 || b - a > 4 || toks[a..b].iter().any(|t| INSTITUTION_WORDS.contains(&t.low.as_str())) {
        return None;
    }
    let next = toks.get(b)?;
    if !(ENCOUNTER_VERBS.contains(&next.low.as_str()) || next.has(F_VERB)) || next.is_cap(text) {
        return None;
    }
    // "had"/"held" must lead to an encounter noun, not "had been".
    if matches!(next.low.as_str(), "had" | "has" | "held" | "holds") {
        let enc = toks[b + 1..].iter().take(5).any(|t| matches!(t.low.as_str(), "talks" | "meeting" | "meetings" | "conversation" | "call" | "phone" | "telephone" | "consultations" | "discussions"));
        if !enc {
            return None;
        }
    }
    reg.register(text, si, toks, (a, b), Some(&TitlePhrase::default()));
    Some(b)
}

/// "Wang Yi — member of the ... Bureau, Director of the ... Office, and Minister
/// of Foreign Affairs of ... —": the titles among the comma-separated items of
/// an apposition; items that are not titles (party ranks) are passed over.
fn apposition_list(text: &str, si: usize, toks: &[Tok], (a, b): (usize, usize), reg: &mut Registry) -> Option<usize> {
    let mut k = b + 1;
    let mut found: Option<TitlePhrase> = None;
    let mut skipped = 0;
    while k < toks.len() && skipped <= 2 {
        while matches!(low(toks, k), "and" | "also" | "the" | "a") {
            k += 1;
        }
        let item_end = (k..toks.len()).find(|&j| matches!(low(toks, j), "," | "—" | "." | ";")).unwrap_or(toks.len());
        if toks[k..item_end].iter().any(|t| t.has(F_VERB)) {
            break;
        }
        match parse_title_phrase(text, toks, k).filter(|tp| (tp.end == item_end || low(toks, tp.end) == "of") && !tp.titles.is_empty()) {
            Some(tp) => match &mut found {
                None => found = Some(tp),
                Some(f) => {
                    f.titles.extend(tp.titles);
                    f.heads.extend(tp.heads);
                    if f.target.is_none() {
                        f.target = tp.target;
                    }
                }
            },
            None => skipped += 1,
        }
        if item_end >= toks.len() || low(toks, item_end) != "," {
            break;
        }
        k = item_end + 1;
    }
    let tp = found?;
    reg.register(text, si, toks, (a, b), Some(&tp));
    Some(b)
}

/// Words that show a capitalised "X of Country" is an institution, not a person.
const INSTITUTION_WORDS: &[&str] = &[
    "republic", "kingdom", "state", "states", "ministry", "government", "university", "bank", "port", "embassy",
    "president", "people", "city", "capital", "federation", "union", "emirates", "islands", "province", "gulf",
    "sea", "coast", "central", "national", "democratic", "federal", "islamic", "sultanate", "commonwealth",
];

/// "Musalia Mudavadi of Kenya": a two-to-four word name followed by "of <Country>".
fn name_of_country(text: &str, si: usize, toks: &[Tok], i: usize, reg: &mut Registry) -> Option<usize> {
    if i > 0 && toks[i - 1].is_cap(text) {
        return None;
    }
    let (a, b, poss) = parse_name(text, toks, i)?;
    if poss || b - a < 2 || toks[a..b].iter().any(|t| INSTITUTION_WORDS.contains(&t.low.as_str())) {
        return None;
    }
    let target = post_name_country(text, toks, b)?;
    let mut tp = TitlePhrase { target: Some(target), ..Default::default() };
    // "... met several foreign ministers. Among them were A of X, B of Y": they hold that office.
    if let Some((ps, t)) = &reg.plural_office {
        if si <= ps + 1 {
            tp.titles.push(t.clone());
        }
    }
    reg.register(text, si, toks, (a, b), Some(&tp));
    Some(b)
}

impl Registry {
    /// Merges one-word names into the full name they belong to, builds the
    /// surname index, assigns missing countries and drops titles implied by others.
    pub fn finalize(&mut self, text: &str, sents: &[Sent], country_counts: &HashMap<CountryCode, (usize, usize)>) {
        self.complete_short_names(text, sents);
        // Merge a name into the one longer name containing it ("Faisal",
        // "Faisal bin Farhan" → "Faisal bin Farhan Al Saud").
        let mut i = 0;
        while i < self.offs.len() {
            {
                let key = self.offs[i].key.clone();
                let hosts: Vec<usize> = (0..self.offs.len())
                    .filter(|&j| j != i && self.offs[j].key.len() > key.len() && self.offs[j].key.windows(key.len()).any(|w| w == key.as_slice()))
                    .collect();
                let hosts: Vec<usize> = if hosts.len() > 1 {
                    // Several hosts nested in one another: the longest holds them all.
                    let longest = *hosts.iter().max_by_key(|&&j| self.offs[j].key.len()).unwrap();
                    let lk = self.offs[longest].key.clone();
                    if hosts.iter().all(|&j| lk.windows(self.offs[j].key.len()).any(|w| w == self.offs[j].key.as_slice())) { vec![longest] } else { hosts }
                } else {
                    hosts
                };
                if hosts.len() == 1 {
                    let src = self.offs.remove(i);
                    let h = if hosts[0] > i { hosts[0] - 1 } else { hosts[0] };
                    let dst = &mut self.offs[h];
                    for t in src.titles {
                        if !dst.titles.iter().any(|x| x.0 == t.0) {
                            dst.titles.push(t);
                        }
                    }
                    for hd in src.heads {
                        if !dst.heads.contains(&hd) {
                            dst.heads.push(hd);
                        }
                    }
                    if dst.country.is_none() && dst.org.is_none() {
                        dst.country = src.country;
                        dst.org = src.org;
                    }
                    continue;
                }
            }
            i += 1;
        }
        self.keys.clear();
        for (idx, o) in self.offs.iter().enumerate() {
            for w in &o.key {
                // Particles and stop-words ("He" of He Lifeng) never stand alone for the person.
                if has(w, F_PARTICLE | F_STOP) || w == "." {
                    continue;
                }
                self.keys.entry(w.clone()).and_modify(|e| if *e != Some(idx) { *e = None }).or_insert(Some(idx));
            }
        }
        self.assign_countries(text, sents, country_counts);
        self.tidy_titles();
    }

    /// Drops titles implied by longer ones ("Minister" beside "Foreign Minister").
    pub fn tidy_titles(&mut self) {
        for o in &mut self.offs {
            drop_implied_titles(&mut o.titles);
        }
    }

    /// Adds offices the text gives an official later ("the Chinese Minister,
    /// who is also the State Councillor"; "the visiting Chinese State Councilor
    /// and Foreign Minister" resolved to a Foreign Minister).
    pub fn add_titles(&mut self, o: usize, titles: &[(String, usize, usize)]) {
        let off = &mut self.offs[o];
        for t in titles {
            if !off.titles.iter().any(|x| x.0.eq_ignore_ascii_case(&t.0)) {
                off.titles.push(t.clone());
            }
        }
    }

    /// "President Xi" registered alone while the text also writes "Xi Jinping"
    /// untitled: the official takes the longer name.
    fn complete_short_names(&mut self, text: &str, sents: &[Sent]) {
        for i in 0..self.offs.len() {
            if self.offs[i].key.len() != 1 {
                continue;
            }
            let w = self.offs[i].key[0].clone();
            if self.offs.iter().any(|o| o.key.len() > 1 && o.key.contains(&w)) {
                continue;
            }
            let mut best: Option<(String, Vec<String>)> = None;
            'outer: for s in sents {
                for k in 0..s.toks.len() {
                    if s.toks[k].stem() != w || !s.toks[k].is_cap(text) {
                        continue;
                    }
                    // The name may start here or a word or two earlier ("Shinzo Abe").
                    for start in [k.saturating_sub(2), k.saturating_sub(1), k] {
                        if let Some((a, b, _)) = parse_name(text, &s.toks, start) {
                            if b - a >= 2 && b - a <= 3 && (a..b).contains(&k) {
                                best = Some((name_string(text, &s.toks, a, b), name_key(&s.toks, a, b)));
                                break 'outer;
                            }
                        }
                    }
                }
            }
            if let Some((name, key)) = best {
                if !self.offs.iter().any(|o| o.key == key) {
                    self.offs[i].name = name;
                    self.offs[i].key = key;
                }
            }
        }
    }

    fn assign_countries(&mut self, text: &str, sents: &[Sent], counts: &HashMap<CountryCode, (usize, usize)>) {
        // Local evidence first for everyone, then article-wide counts for the rest,
        // so the counts see every state already served by someone.
        self.assign_countries_pass(text, sents, counts, false);
        self.assign_countries_pass(text, sents, counts, true);
    }

    fn assign_countries_pass(&mut self, text: &str, sents: &[Sent], counts: &HashMap<CountryCode, (usize, usize)>, use_counts: bool) {
        let cn = CountryCode::parse("CN").ok();
        for i in 0..self.offs.len() {
            if self.offs[i].country.is_some() || self.offs[i].org.is_some() {
                continue;
            }
            // A China-specific office.
            if self.offs[i].titles.iter().any(|t| t.0.contains("State Council")) {
                self.offs[i].country = cn;
                continue;
            }
            // A nameless description with the same titles carries a country,
            // unless another official of that country holds those titles.
            let titles: Vec<String> = self.offs[i].titles.iter().map(|t| t.0.clone()).collect();
            let held = |c: CountryCode, d: &TitlePhrase| {
                self.offs.iter().any(|o| o.country == Some(c) && o.titles.iter().any(|t| d.titles.iter().any(|x| x.0 == t.0)))
            };
            if let Some(c) = self.descs.iter().find_map(|d| match &d.target {
                Some(Target::State(c)) if !titles.is_empty() && d.titles.iter().any(|t| titles.contains(&t.0)) && !held(*c, d) => Some(*c),
                _ => None,
            }) {
                self.offs[i].country = Some(c);
                continue;
            }
            // The state named nearest to the name in its sentence ("President X ... the Nigerian people").
            let (fs, _, _) = self.offs[i].first;
            let others: Vec<CountryCode> = self
                .offs
                .iter()
                .enumerate()
                .filter(|(j, o)| {
                    *j != i
                        && o.country.is_some()
                        && sents.get(fs).is_some_and(|s| s.toks.iter().any(|t| o.key.iter().any(|k| k.len() >= 3 && !has(k, F_PARTICLE) && *k == t.stem())))
                })
                .filter_map(|(_, o)| o.country)
                .collect();
            if let Some(c) = nearest_state(text, sents, self.offs[i].first, &others) {
                self.offs[i].country = Some(c);
                continue;
            }
            if !use_counts {
                continue;
            }
            // Otherwise the most-mentioned state, never one whose official here
            // holds the same office, and at half weight one any other official serves.
            let mine: Vec<String> = self.offs[i].titles.iter().map(|t| t.0.clone()).collect();
            let same_office = |c: &CountryCode| self.offs.iter().any(|o| o.country == Some(*c) && o.titles.iter().any(|t| mine.contains(&t.0)));
            let served = |c: &CountryCode| self.offs.iter().any(|o| o.country == Some(*c));
            // Ties go to the state named first.
            // States of the other officials named beside this one are theirs, not this one's
            // ("Secretary of State X and Chinese Vice Minister Y").
            let free = counts.keys().any(|c| !same_office(c) && !others.contains(c));
            let best = counts
                .iter()
                .filter(|(c, _)| !same_office(c) && (!free || !others.contains(c)))
                .map(|(c, (n, first))| (*c, if served(c) { *n } else { 2 * *n + 1 }, *first))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
            self.offs[i].country = best.map(|(c, _, _)| c);
        }
    }
}

/// The state named closest to tokens `a..b` of sentence `si`, ignoring states
/// that belong to someone's title ("China's Foreign Minister", "of the PRC").
fn nearest_state(text: &str, sents: &[Sent], (si, a, b): (usize, usize, usize), others: &[CountryCode]) -> Option<CountryCode> {
    let toks = &sents.get(si)?.toks;
    let mut best: Option<(usize, CountryCode)> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some(h) = GAZ.at(text, toks, i) else {
            i += 1;
            continue;
        };
        // "of China" right after an office ("Foreign Minister of China") belongs to that office.
        let of_at = if low(toks, i.wrapping_sub(1)) == "of" { Some(i.wrapping_sub(1)) } else if low(toks, i.wrapping_sub(1)) == "the" && low(toks, i.wrapping_sub(2)) == "of" { Some(i.wrapping_sub(2)) } else { None };
        let of_title = of_at.is_some_and(|o| o >= 1 && toks[o - 1].has(F_HEAD | F_MOD | F_COMPL));
        let titled = is_title_start(toks, h.end) || of_title;
        if let (Target::State(c), false) = (&h.entry.target, titled || is_locative(text, toks, i)) {
            if !matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) && !others.contains(c) {
                // Ties go to the state named after the person ("X in leading the Nigerian people").
                let d = if h.end <= a { a - h.end + 1 } else { i.saturating_sub(b) };
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, *c));
                }
            }
        }
        i = h.end;
    }
    best.filter(|(d, _)| *d <= 12).map(|(_, c)| c)
}

/// A place named as where something happens ("in Tokyo, Japan", "to Russia"),
/// which says nothing about anyone's nationality.
fn is_locative(text: &str, toks: &[Tok], i: usize) -> bool {
    let prev = low(toks, i.wrapping_sub(1));
    if matches!(prev, "in" | "at" | "to" | "from" | "into" | "across" | "visit" | "visited" | "visiting") {
        return true;
    }
    // "Tokyo, Japan": a country after a city and a comma.
    prev == "," && i >= 3 && toks[i - 2].is_cap(text) && matches!(low(toks, i - 3), "in" | "at" | "to" | "from")
}

/// "Minister" next to "Foreign Minister", "President" next to "First President":
/// the bare title adds nothing.
fn drop_implied_titles(titles: &mut Vec<(String, usize, usize)>) {
    let all: Vec<String> = titles.iter().map(|t| t.0.to_lowercase()).collect();
    titles.retain(|t| {
        let me = t.0.to_lowercase();
        let words: Vec<&str> = me.split(' ').collect();
        !all.iter().any(|o| *o != me && o.split(' ').count() > words.len() && words.iter().all(|w| o.split(' ').any(|x| x == *w)))
    });
}

const SIDE_NOUNS: &[&str] = &["side", "government", "delegation", "leadership", "authorities"];

/// Offices a sentence adds to an official: (official, [(title, byte start, byte end)]).
pub type NewTitles = (usize, Vec<(String, usize, usize)>);

/// ", who is also the State Councillor," after a mention: more titles.
fn who_is_also(text: &str, toks: &[Tok], j: usize) -> Option<Vec<(String, usize, usize)>> {
    if low(toks, j) != "," || low(toks, j + 1) != "who" || !matches!(low(toks, j + 2), "is" | "was") {
        return None;
    }
    let mut k = j + 3;
    while matches!(low(toks, k), "also" | "the" | "a" | "an" | "concurrently") {
        k += 1;
    }
    let tp = parse_title_phrase(text, toks, k)?;
    (!tp.titles.is_empty() && matches!(low(toks, tp.end), "," | "." | "—" | "")).then_some(tp.titles)
}

/// Pass 2: every reference to an official, state or group inside one sentence,
/// and offices the sentence adds to officials already known.
pub fn find(text: &str, sent: &Sent, reg: &Registry, ctx: &Ctx) -> (Vec<Hit>, Vec<NewTitles>) {
    use crate::domain::MentionKind as K;
    let toks = &sent.toks;
    let mut out: Vec<Hit> = Vec::new();
    let mut new_titles = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(tp) = parse_title_phrase(text, toks, i) {
            let mut j = tp.end;
            if low(toks, j) == "," && parse_name(text, toks, j + 1).is_some_and(|(a, _, _)| match_name(toks, a, reg).is_some()) {
                j += 1;
            }
            let names = parse_name_list(text, toks, j, tp.plural);
            let mut matched = false;
            for (a, b, poss) in &names {
                if let Some((idx, e, kind)) = match_name(toks, *a, reg) {
                    let ts = if matched { *a } else { i };
                    out.push(Hit { ts, ms: *a, te: e.max(*b), who: Who::Off(idx), kind, possessive: *poss });
                    if let Some(extra) = who_is_also(text, toks, e.max(*b)) {
                        new_titles.push((idx, extra));
                    }
                    matched = true;
                }
            }
            if matched {
                i = out.last().map(|h| h.te).unwrap_or(i + 1);
                continue;
            }
            if names.is_empty() && !tp.plural {
                if let Some(idx) = resolve_description(&tp, reg, ctx) {
                    let poss = toks[tp.end - 1].is_possessive();
                    out.push(Hit { ts: i, ms: i, te: tp.end, who: Who::Off(idx), kind: K::Description, possessive: poss });
                    let o = &reg.offs[idx];
                    let same_state = matches!(tp.target, Some(Target::State(c)) if o.country == Some(c));
                    let shares = tp.titles.iter().any(|t| o.titles.iter().any(|x| x.0 == t.0));
                    if same_state && shares && tp.titles.len() > 1 {
                        new_titles.push((idx, tp.titles.clone()));
                    }
                    // ", who is also the State Councillor,"
                    if let Some(extra) = who_is_also(text, toks, tp.end) {
                        new_titles.push((idx, extra));
                    }
                    i = tp.end;
                    continue;
                }
            }
        }
        let t = &toks[i];
        if let Some((idx, e, kind)) = match_name(toks, i, reg).filter(|_| t.is_cap(text)) {
            out.push(Hit { ts: i, ms: i, te: e, who: Who::Off(idx), kind, possessive: toks[e - 1].is_possessive() });
            i = e;
            continue;
        }
        match t.low.as_str() {
            "he" | "she" => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Pronoun, kind: K::Pronoun, possessive: false });
                i += 1;
                continue;
            }
            "they" => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::They, kind: K::Pronoun, possessive: false });
                i += 1;
                continue;
            }
            "the" | "both" => {
                let mut k = i + 1;
                if matches!(low(toks, k), "two" | "three" | "both") {
                    k += 1;
                }
                if GROUP_NOUNS.contains(&low(toks, k)) && !toks[k].is_possessive() {
                    let e = if low(toks, k) == "heads" && low(toks, k + 1) == "of" { k + 3 } else { k + 1 };
                    out.push(Hit { ts: i, ms: i, te: e.min(toks.len()), who: Who::Group, kind: K::Description, possessive: false });
                    i = e;
                    continue;
                }
            }
            _ => {}
        }
        if let Some(h) = GAZ.at(text, toks, i) {
            if let Target::State(c) = h.entry.target {
                let side = SIDE_NOUNS.contains(&low(toks, h.end)) && !h.possessive;
                let named = matches!(h.entry.kind, PlaceKind::Name | PlaceKind::Capital);
                if side || (named && !is_title_start(toks, h.end)) {
                    let ts = if i > 0 && low(toks, i - 1) == "the" { i - 1 } else { i };
                    let te = if side { h.end + 1 } else { h.end };
                    let poss = if side { toks[h.end].is_possessive() } else { h.possessive };
                    out.push(Hit { ts, ms: ts, te, who: Who::State(c), kind: K::Description, possessive: poss });
                    i = te;
                    continue;
                }
            }
            i = h.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    (out, new_titles)
}

/// The official whose name starts at token `i`: full name first, then one known name word.
fn match_name(toks: &[Tok], i: usize, reg: &Registry) -> Option<(usize, usize, crate::domain::MentionKind)> {
    use crate::domain::MentionKind as K;
    let mut best: Option<(usize, usize)> = None;
    for (idx, o) in reg.offs.iter().enumerate() {
        let n = o.key.len();
        if n >= 2 && i + n <= toks.len() && toks[i..i + n].iter().zip(&o.key).all(|(t, k)| t.stem() == k) && best.is_none_or(|(_, e)| i + n > e) {
            best = Some((idx, i + n));
        }
    }
    if let Some((idx, e)) = best {
        return Some((idx, e, K::FullName));
    }
    let t = toks.get(i)?;
    let idx = reg.key_lookup(t.stem())?;
    // Extend over further words of the same name ("Sosa Lunda", "De la Fuente").
    let mut e = i + 1;
    while e < toks.len() && reg.offs[idx].key.iter().any(|k| *k == toks[e].stem()) {
        e += 1;
    }
    let kind = if reg.offs[idx].key.len() == 1 { K::FullName } else { K::Surname };
    Some((idx, e, kind))
}

/// "the Kyrgyz president" → the Kyrgyz official holding a presidency; ties go
/// to the last speaker, then to whoever was mentioned most recently.
fn resolve_description(tp: &TitlePhrase, reg: &Registry, ctx: &Ctx) -> Option<usize> {
    const LEADER_HEADS: &[&str] = &["president", "premier", "minister", "chancellor", "king", "queen", "emir", "amir", "sultan", "prince"];
    let titles: Vec<String> = tp.titles.iter().map(|t| t.0.to_lowercase()).collect();
    let cands: Vec<usize> = (0..reg.offs.len())
        .filter(|&i| {
            let o = &reg.offs[i];
            let country_ok = match &tp.target {
                Some(Target::State(c)) => o.country == Some(*c),
                Some(Target::Org(g)) => o.org.as_deref() == Some(*g),
                None => true,
            };
            let head_ok = tp.heads.iter().any(|h| {
                if *h == "leader" {
                    o.heads.iter().any(|x| LEADER_HEADS.contains(x)) || o.heads.contains(&"leader")
                } else {
                    o.heads.contains(h)
                }
            });
            let title_ok = titles.is_empty()
                || titles.iter().any(|t| o.titles.iter().any(|x| x.0.to_lowercase() == *t))
                || titles.iter().all(|t| t.split(' ').count() == 1);
            country_ok && head_ok && title_ok
        })
        .collect();
    if cands.is_empty() {
        return None;
    }
    if let Some(s) = ctx.last_speaker.filter(|s| cands.contains(s)) {
        return Some(s);
    }
    cands.iter().copied().max_by_key(|&i| (ctx.last_seen.get(i).copied().unwrap_or(0), usize::MAX - i))
}

/// How often each state is named in the text (names, capitals, adjectives).
/// How often each state is named as a party (names, adjectives; not places
/// where something happens), with the position of its first mention.
pub fn country_counts(text: &str, sents: &[Sent]) -> HashMap<CountryCode, (usize, usize)> {
    let mut m: HashMap<CountryCode, (usize, usize)> = HashMap::new();
    let mut pos = 0;
    for s in sents {
        let mut i = 0;
        while i < s.toks.len() {
            pos += 1;
            if let Some(h) = GAZ.at(text, &s.toks, i) {
                if let Target::State(c) = h.entry.target {
                    if !matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) && !is_locative(text, &s.toks, i) {
                        m.entry(c).or_insert((0, pos)).0 += 1;
                    }
                }
                i = h.end;
            } else {
                // "U.S.-Australia", "Sino-Pak": each part of a hyphenated compound.
                let t = &s.toks[i];
                if t.is_cap(text) && t.low.contains('-') {
                    for part in t.low.split('-') {
                        if let Some(c) = GAZ.part_state(part) {
                            m.entry(c).or_insert((0, pos)).0 += 1;
                        }
                    }
                }
                i += 1;
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn sent(t: &str) -> Sent {
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        Sent { s: 0, e: t.len(), para: 0, toks }
    }

    fn officials(t: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)));
        reg.offs
            .iter()
            .map(|o| (o.name.clone(), o.country.map(|c| c.to_string()).or(o.org.clone()), o.titles.iter().map(|t| t.0.clone()).collect()))
            .collect()
    }

    #[test]
    fn titles_split_by_and_with_country_adjective() {
        let got = officials("Peruvian Deputy Prime Minister and Minister of Foreign Affairs Ana María de la Cruz arrived.");
        assert_eq!(got, vec![("Ana María de la Cruz".into(), Some("PE".into()), vec!["Deputy Prime Minister".into(), "Foreign Minister".into()])]);
    }

    #[test]
    fn plural_titles_and_of_country_complements() {
        let got = officials("He met two former Presidents, Lars Holm and Eva Lind, and President of Chile Tomas Vera.");
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].2, vec!["Former President".to_string()]);
        assert_eq!(got[2], ("Tomas Vera".into(), Some("CL".into()), vec!["President".into()]));
    }

    #[test]
    fn initials_and_country_from_the_sentence() {
        let got = officials("Chile firmly backs President Ana R. Vera in leading the Peruvian people.");
        assert_eq!(got, vec![("Ana R. Vera".into(), Some("PE".into()), vec!["President".into()])]);
    }

    #[test]
    fn apposition_list_skips_party_ranks() {
        let got = officials("Li Ming — member of the Standing Committee, Director of the Office of the Security Commission of the CPC Central Committee, and Minister of Foreign Affairs of Peru — spoke.");
        assert_eq!(got, vec![("Li Ming".into(), Some("PE".into()), vec!["Director of the Office of the Security Commission".into(), "Foreign Minister".into()])]);
    }

    #[test]
    fn royal_title_after_office_and_honorific() {
        let got = officials("Foreign Minister of Peru, H.H. Prince Ana Vera bin Soto, spoke.");
        assert_eq!(got, vec![("Ana Vera bin Soto".into(), Some("PE".into()), vec!["Foreign Minister".into(), "Prince".into()])]);
    }

    #[test]
    fn surname_he_is_a_name_after_a_title_but_he_stays_a_pronoun() {
        let t = "Peruvian Vice Premier He Lin met Ana Vera. He said talks went well.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)));
        assert_eq!(reg.offs[0].name, "He Lin");
        let (hits, _) = find(t, &s, &reg, &Ctx::default());
        assert_eq!(hits.last().unwrap().who, Who::Pronoun);
    }

    #[test]
    fn capitalised_family_name_and_minister_for_affairs() {
        let got = officials("On May 2, Mr. VERA Ana, Minister for Foreign Affairs of Peru, met XINHUA reporters.");
        assert_eq!(got, vec![("VERA Ana".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn org_officials_have_no_country() {
        let got = officials("UN Secretary-General Maria Soto spoke.");
        assert_eq!(got, vec![("Maria Soto".into(), Some("UN".into()), vec!["Secretary-General".into()])]);
    }

    #[test]
    fn apposition_with_possessive_owner() {
        let got = officials("Li Ming, Peruvian President Ana Vera's special envoy, attended.");
        assert!(got.contains(&("Li Ming".into(), Some("PE".into()), vec!["Special Envoy".into()])), "{got:?}");
    }
}
