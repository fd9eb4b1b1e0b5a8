//! Titles and names: the grammar of offices ("Chinese State Councilor and
//! Foreign Minister", "Minister of Foreign Affairs of the People's Republic of
//! China", "two former Prime Ministers") and of personal names (particles,
//! initials, honorifics, generational suffixes). Shared by both passes over officials.

use std::cell::OnceCell;

use super::gazetteer::{Hit, PlaceKind, Target, GAZ};
use super::lexicon::*;
use super::text::{name_word, Tok};

/// A run of titles before or after a name, with the state or organisation it names.
#[derive(Debug, Clone, Default)]
pub struct TitlePhrase {
    /// Token just after the phrase.
    pub end: usize,
    /// Canonical titles with their byte ranges; empty for "leader"/"counterpart".
    pub titles: Vec<(String, usize, usize)>,
    pub heads: Vec<&'static str>,
    pub target: Option<Target>,
    /// The target is only lent by the title of the name before in a list ("US President A
    /// and Prime Minister B"): a guess, where the name's own title would have said it.
    pub lent: bool,
    /// The target is a state named before the title ("Malaysia's Prime Minister", "Chinese
    /// President"), which a comma list after it lends its other items.
    pub state_first: bool,
    pub plural: bool,
    pub has_det: bool,
}

pub(super) fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
}

/// `GAZ.at`, answering from the token's `F_GAZ` mark without a call when
/// `Gazetteer::mark` has ruled a phrase out there (most tokens).
#[inline]
pub(super) fn gaz_at(text: &str, toks: &[Tok], i: usize) -> Option<Hit<'static>> {
    let t = toks.get(i)?;
    if t.flags & F_GAZ_CHECKED != 0 && t.flags & F_GAZ == 0 {
        return None;
    }
    GAZ.at(text, toks, i)
}

/// `canonical_title`, memoised per thread: articles name the same few offices
/// over and over, and building the canonical form costs far more than a look-up.
fn canonical_title_cached(words: &[&str]) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static MEMO: RefCell<(HashMap<String, String, FxBuild>, String)> = RefCell::new(Default::default());
    }
    MEMO.with(|m| {
        let (m, key) = &mut *m.borrow_mut();
        // The key is built in a buffer kept for the next call: a hit allocates only its answer.
        key.clear();
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        if let Some(t) = m.get(key.as_str()) {
            return t.clone();
        }
        let t = canonical_title(words);
        // Bounded: a stream of unusual titles must not grow it without end.
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(key.clone(), t.clone());
        t
    })
}

/// `[the] [visiting] [Country adj | Country's | Org] title (and title)* [of Country]`.
pub fn parse_title_phrase(text: &str, toks: &[Tok], i: usize) -> Option<TitlePhrase> {
    parse_title_phrase_in(text, toks, i, Gz::NONE)
}

fn parse_title_phrase_in(text: &str, toks: &[Tok], i: usize, gz: Gz) -> Option<TitlePhrase> {
    if !may_open_title_phrase(toks.get(i)?) {
        return None;
    }
    let mut tp = TitlePhrase::default();
    let mut j = i;
    if low(toks, j) == "the" {
        tp.has_det = true;
        j += 1;
    }
    // "former U.S. Secretary of State": "former" may come before the country.
    let mut former = false;
    loop {
        // "new Foreign Minister", but not the "New" of "New Zealand's Foreign Minister".
        if tf(toks, j) & F_PRE_SKIP != 0 && !(toks[j].is_cap(text) && gz.at(text, toks, j).is_some()) {
            j += 1;
            continue;
        }
        // "ex-President" (the tokenizer splits "ex-"): "ex" is "former" before any title.
        if matches!(low(toks, j), "former" | "ex") && (gz.at(text, toks, j + 1).is_some() || (low(toks, j) == "ex" && is_title_start(toks, j + 1))) {
            former = true;
            j += 1;
            continue;
        }
        if let Some(h) = gz.at(text, toks, j) {
            // "Chinese", "Nepal", "China's", "UN": a state or org before the title.
            // "Pristina's PM", "Washington's ambassador": a capital owning an office stands
            // for its state, as wires write.
            let ok = matches!(h.entry.kind, PlaceKind::Adjective | PlaceKind::Org)
                || (h.entry.kind == PlaceKind::Name && (h.possessive || is_title_start(toks, h.end)))
                || (h.entry.kind == PlaceKind::Capital && h.possessive);
            // "The African Union Commission (AUC) Chairperson": an organ of the org first.
            // Not where the organ opens the title itself ("EU Commission President").
            let organ = h.entry.kind == PlaceKind::Org
                && toks.get(h.end).is_some_and(|t| t.is_cap(text) && ORGAN_WORDS.contains(&t.low.as_str()))
                && parse_single_title(text, toks, h.end, gz).is_none();
            let end = if organ {
                skip_acronym(text, toks, h.end + 1)
            } else if h.entry.kind == PlaceKind::Org && low(toks, h.end) == "group" && toks[h.end].is_cap(text) {
                // "World Bank Group President", "African Development Bank Group President".
                h.end + 1
            } else if h.entry.kind == PlaceKind::Org {
                // "Andean Community (CAN) General Secretary X": the org's acronym before the office.
                skip_acronym(text, toks, h.end)
            } else {
                h.end
            };
            if ok && tp.target.is_none() && is_title_start(toks, end) {
                // "Qatar's foreign minister" is definite, as "the foreign minister of Qatar" is.
                tp.has_det |= h.possessive;
                tp.target = Some(h.entry.target.clone());
                tp.state_first = h.entry.kind != PlaceKind::Org;
                j = end;
                continue;
            }
        }
        break;
    }
    // "Australian High Commission's Chargé d'Affaires X": the mission owning the office is
    // where it sits, no part of it.
    if let Some(k) = (j..(j + 3).min(toks.len())).take_while(|&k| toks[k].is_word()).find(|&k| toks[k].is_possessive() && matches!(toks[k].stem(), "embassy" | "commission" | "mission" | "consulate")) {
        if is_title_start(toks, k + 1) {
            j = k + 1;
        }
    }
    let mut any = false;
    // "White House Homeland Security Advisor": a seat of government opening the title
    // stays in it and names the state the office serves.
    let seat = gz.at(text, toks, j).filter(|h| h.entry.kind == PlaceKind::Capital).map(|h| h.entry.target.clone());
    // "The Secretary and Prime Minister Modi discussed": a readout's principal called by a
    // bare office right after "the" is one person, whoever's titles follow "and".
    let bare_principal_at = (tp.has_det && j == i + 1).then_some(j);
    while let Some((end, words, head, plural, target)) = parse_single_title(text, toks, j, gz) {
        any = true;
        tp.plural |= plural;
        tp.heads.push(head);
        // "Supreme Leader" is an office; a bare "leader" only describes.
        if !NO_TITLE_HEADS.contains(&head) || words.first() == Some(&"supreme") {
            tp.titles.push((canonical_title_cached(&words), toks[j].s, toks[end - 1].e));
        }
        // "the Chairperson of the African Union and President of Chile": the state a head of
        // state or government serves wins over the organisation they chair.
        let heads_state = matches!(head, "president" | "minister") && matches!(target, Some(Target::State(_))) && matches!(tp.target, Some(Target::Org(_)));
        if tp.target.is_none() || heads_state {
            tp.target = target;
        }
        j = end;
        // "State Councilor and Foreign Minister", "State Councilor/Foreign Minister": another title joined by "and" or a slash.
        // Not two top offices ("The President and Prime Minister Brown had a call"): a state's
        // head and its head of government are two people.
        if let Some(next) = matches!(low(toks, j), "and" | "/").then(|| parse_single_title(text, toks, j + 1, gz)).flatten() {
            let bare_principal = bare_principal_at == Some(end - 1) && words.len() == 1;
            if !same_rank_offices(&words, &next.1) && !bare_principal {
                j += 1;
                continue;
            }
        }
        // "Foreign Minister Prince Faisal", "..., H.H. Prince Faisal": a royal title follows directly.
        let mut k = j;
        if low(toks, k) == "," {
            k += 1;
        }
        while toks.get(k).is_some_and(|t| t.has(F_HONORIFIC)) {
            k += 1;
        }
        // But no minister is also a sovereign: "Foreign Minister Amir Khan Muttaqi", "Minister
        // of Industry Sultan Al Jaber" bear those words as given names.
        if (k > j || is_royal(low(toks, k))) && is_royal(low(toks, k)) && !(k == j && rank_as_given_name(text, toks, k)) && parse_single_title(text, toks, k, gz).is_some() {
            j = k;
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    if tp.target.is_none() {
        tp.target = seat.or_else(|| legislature_state(toks, i, j));
    }
    // "Minister of State for International Cooperation at the Ministry of Foreign Affairs X",
    // "Permanent Secretary at the Ministry of Finance X": the ministry the office sits in
    // stands between the office and its holder.
    j = past_seat_ministry(text, toks, j);
    // "Foreign Minister Thailand Don Pramudwinai", "Minister of Foreign Affairs Indonesia Retno
    // Marsudi": Southeast Asian and some African releases put the state's bare name between the
    // office and its holder.
    if tp.target.is_none() {
        if let Some(h) = state_before_holder(text, toks, j, gz) {
            tp.target = Some(h.entry.target.clone());
            j = h.end;
        }
    }
    if former {
        if let Some(t) = tp.titles.first_mut() {
            if !t.0.starts_with("Former") {
                t.0 = format!("Former {}", t.0);
            }
        }
    }
    tp.end = j;
    Some(tp)
}

/// Past "at the Ministry of Foreign Affairs" (capitalised, its portfolio words only) after an
/// office at `j`; `j` itself when no such phrase follows.
fn past_seat_ministry(text: &str, toks: &[Tok], j: usize) -> usize {
    let ministry = toks.get(j + 2).is_some_and(|t| t.is_cap(text) && matches!(t.low.as_str(), "ministry" | "department" | "office"));
    if !(low(toks, j) == "at" && low(toks, j + 1) == "the" && ministry) {
        return j;
    }
    let mut k = j + 3;
    if low(toks, k) == "of" {
        k += 1;
        while toks.get(k).is_some_and(|t| t.has(F_COMPL) && (t.is_cap(text) || matches!(t.low.as_str(), "and" | "of" | "the"))) {
            k += 1;
        }
    }
    k
}

/// Fast rejection: a title phrase starts with "the", a skippable word,
/// "former"/"ex", a gazetteer phrase or a title word; `parse_title_phrase`
/// fails on anything else.
#[inline]
fn may_open_title_phrase(t: &Tok) -> bool {
    t.flags & (F_PRE_SKIP | F_MOD | F_HEAD | F_PLURAL_HEAD | F_COMPL) != 0
        || t.flags & F_GAZ_CHECKED == 0
        || t.flags & F_GAZ != 0
        // `matches!(t.low, "the" | "former" | "ex")`: the flags are of the stem.
        || (t.flags & F_TITLE_OPENER != 0 && t.is_own_stem())
}

/// Per-sentence memo of `parse_title_phrase` and of gazetteer look-ups at each
/// token: officials discovery, country counts and the mention pass ask for the
/// same phrases and places over the same tokens.
#[derive(Default, Clone)]
pub struct TpCache {
    phrases: OnceCell<Box<[OnceCell<Option<TitlePhrase>>]>>,
    places: OnceCell<Box<[OnceCell<Option<Hit<'static>>>]>>,
}

impl std::fmt::Debug for TpCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TpCache")
    }
}

fn cells<T>(n: usize) -> Box<[OnceCell<T>]> {
    (0..n).map(|_| OnceCell::new()).collect()
}

impl TpCache {
    /// `parse_title_phrase(text, toks, i)`, computed once per token; `toks` must
    /// be the same tokens (and `text` the same text) at every call.
    #[inline]
    pub fn get<'a>(&'a self, text: &str, toks: &[Tok], i: usize) -> Option<&'a TitlePhrase> {
        if !may_open_title_phrase(toks.get(i)?) {
            return None;
        }
        self.get_slow(text, toks, i)
    }

    #[inline(never)]
    fn get_slow<'a>(&'a self, text: &str, toks: &[Tok], i: usize) -> Option<&'a TitlePhrase> {
        let cells = self.phrases.get_or_init(|| cells(toks.len()));
        cells[i].get_or_init(|| parse_title_phrase_in(text, toks, i, Gz(Some(self)))).as_ref()
    }

    /// `GAZ.at(text, toks, i)`, computed once per token (same contract as `get`).
    #[inline]
    pub fn place(&self, text: &str, toks: &[Tok], i: usize) -> Option<Hit<'static>> {
        let t = toks.get(i)?;
        if t.flags & F_GAZ_CHECKED != 0 && t.flags & F_GAZ == 0 {
            return None;
        }
        self.place_slow(text, toks, i)
    }

    #[inline(never)]
    fn place_slow(&self, text: &str, toks: &[Tok], i: usize) -> Option<Hit<'static>> {
        let cells = self.places.get_or_init(|| cells(toks.len()));
        *cells[i].get_or_init(|| GAZ.at(text, toks, i))
    }
}

/// Where the grammar looks up places: the sentence's memo when it parses a
/// sentence's own tokens, the gazetteer itself otherwise.
#[derive(Clone, Copy)]
pub(super) struct Gz<'a>(pub(super) Option<&'a TpCache>);

impl Gz<'_> {
    pub(super) const NONE: Gz<'static> = Gz(None);

    #[inline]
    fn at(self, text: &str, toks: &[Tok], i: usize) -> Option<Hit<'static>> {
        match self.0 {
            Some(c) => c.place(text, toks, i),
            None => gaz_at(text, toks, i),
        }
    }
}

/// Words of royal ranks, lowercase.
pub(super) const ROYAL_WORDS: &[&str] = &["prince", "princess", "king", "queen", "emir", "amir", "sultan", "crown"];

/// "Foreign Minister Amir Khan Muttaqi", "Minister of Industry Sultan Al Jaber": a
/// sovereign's rank straight after a minister's office is the minister's given name (no
/// minister is also a sovereign; "Foreign Minister Prince Faisal" is a prince).
pub(super) fn rank_as_given_name(text: &str, toks: &[Tok], k: usize) -> bool {
    if !matches!(low(toks, k), "amir" | "emir" | "sultan") || k == 0 {
        return false;
    }
    let prev = &toks[k - 1];
    // The office's last word, or its complement's state ("Minister of Afghanistan Amir");
    // not "Qatar Amir Sheikh Tamim", where the state opens the ruler's title, nor "Sultan of
    // Brunei Sultan Hassanal Bolkiah", a ruler's office.
    let of_state = k > 2 && low(toks, k - 2) == "of" && toks[k - 3].has(F_HEAD | F_COMPL) && !is_royal(low(toks, k - 3));
    let after_office = prev.has(F_HEAD | F_MOD | F_COMPL) || of_state;
    let after_personal_style = after_personal_style(toks, k);
    prev.is_cap(text) | after_personal_style
        && (after_office || after_personal_style)
        && !is_royal(&prev.low)
        && toks.get(k + 1).is_some_and(|n| n.is_cap(text) && n.is_word() && !n.has(F_HEAD | F_HONORIFIC))
        && courtesy_style_len(text, toks, k + 1).is_none()
}

/// "Dr. Amir Abdullahian", "Mr Amir X": a personal style, never a ruler's, before `k`.
fn after_personal_style(toks: &[Tok], k: usize) -> bool {
    let style = match k {
        0 => return false,
        _ if toks[k - 1].low == "." && k > 1 => low(toks, k - 2),
        _ => low(toks, k - 1),
    };
    matches!(style, "dr" | "mr" | "mrs" | "ms" | "prof" | "professor" | "engr" | "eng" | "mister")
}

/// "Greeting the Russian Foreign Minister, Tokayev highlighted ...": an office at `i` right
/// after a participle opening the sentence is its object; the name after the comma is the
/// sentence's subject, not the office's holder.
pub(super) fn fronted_participle_object(toks: &[Tok], i: usize) -> bool {
    let w = toks.first().map_or("", |t| t.low.as_str());
    // "Visiting Foreign Minister, X, said": participles that qualify the office itself.
    // "According to China's Assistant Foreign Minister, X": prepositions that end in "-ing".
    let qualifies = matches!(w, "visiting" | "outgoing" | "incoming" | "acting" | "ruling" | "sitting" | "serving" | "presiding" | "leading" | "founding" | "governing")
        || matches!(w, "according" | "during" | "following" | "regarding" | "concerning" | "including" | "excluding" | "notwithstanding");
    (1..=2).contains(&i) && w.len() > 4 && w.ends_with("ing") && !qualifies && toks[..i].iter().all(|t| t.is_word())
}

/// Offices held over a city, a province or an emirate rather than a state; `words`
/// ends with the head.
fn local_office(head: &str, words: &[&str]) -> bool {
    matches!(head, "governor" | "mayor") || words.ends_with(&["crown", "prince"])
}

pub(super) fn is_royal(w: &str) -> bool {
    ROYAL_WORDS.contains(&w)
}

pub(super) fn is_title_start(toks: &[Tok], j: usize) -> bool {
    toks.get(j).is_some_and(|t| t.has(F_HEAD | F_MOD | F_PLURAL_HEAD | F_PRE_SKIP))
}

pub(super) fn tf(toks: &[Tok], j: usize) -> u32 {
    toks.get(j).map(|t| t.flags).unwrap_or(0)
}

/// A head of state's or government's office by itself ("President", "Prime Minister",
/// "King"), or an international organisation's head: one person seldom holds two at once.
fn is_top_office(words: &[&str]) -> bool {
    matches!(
        words,
        ["president"] | ["prime", "minister"] | ["king"] | ["queen"] | ["emperor"] | ["chancellor"] | ["premier"] | ["emir"] | ["sultan"]
            | ["secretary-general"] | ["secretary", "general"]
    )
}

/// A state's top diplomat: "Foreign Minister", "Foreign Secretary", "Minister of Foreign
/// Affairs", and the State Department's own "the Secretary" or "Secretary of State".
fn is_top_diplomat(words: &[&str]) -> bool {
    matches!(words, ["secretary"] | ["secretary", "of", "state"] | ["foreign", "minister" | "secretary"] | ["minister", "of" | "for", "foreign", "affairs"])
}

/// Two offices one person seldom holds together: two heads of state or government, or
/// two top diplomats ("The Secretary and Foreign Minister Lavrov spoke today").
fn same_rank_offices(a: &[&str], b: &[&str]) -> bool {
    (is_top_office(a) && is_top_office(b)) || (is_top_diplomat(a) && is_top_diplomat(b))
}

/// One title: modifiers, a head, an optional "of/for" complement.
/// Returns (end, title words, head, plural, state named in the complement).
#[allow(clippy::type_complexity)]
pub(super) fn parse_single_title<'t>(text: &str, toks: &'t [Tok], i: usize, gz: Gz) -> Option<(usize, Vec<&'t str>, &'static str, bool, Option<Target>)> {
    let mut j = i;
    let mut words: Vec<&'t str> = Vec::new();
    // "Science and Technology Minister": a portfolio of fields joined by "and".
    if let Some(k) = joined_portfolio(text, toks, i) {
        words.extend(toks[i..k].iter().map(|t| t.low.as_str()));
        j = k;
    }
    // "Chief Cabinet Secretary", "Chief Minister": a word that may head a title
    // ("Chief") modifies the next one when the title goes on.
    while j < toks.len() && toks[j].has(F_MOD) && (!toks[j].has(F_HEAD) || tf(toks, j + 1) & (F_HEAD | F_MOD) != 0 && !toks[j].is_possessive()) {
        words.push(toks[j].low.as_str());
        j += 1;
    }
    // The run ended on no head ("Chief Justice X"): its last head word is the head.
    if tf(toks, j) & (F_HEAD | F_PLURAL_HEAD) == 0 {
        if let Some(back) = (i..j).rev().find(|&k| toks[k].has(F_HEAD)) {
            words.truncate(back - i);
            j = back;
        }
    }
    // "Secretary General", "Prime Minister": the head may follow modifiers.
    let w = low(toks, j);
    let f = tf(toks, j);
    if f & (F_HEAD | F_PLURAL_HEAD) == 0 || (j > i || after_personal_style(toks, j)) && rank_as_given_name(text, toks, j) {
        return None;
    }
    let (head, plural) = if let Some(h) = title_head(w) {
        (h, false)
    } else if let Some(h) = singular_head(w) {
        (h, true)
    } else {
        return None;
    };
    if toks[j].is_possessive() {
        return None;
    }
    // "Attorney General X" is a law officer; "attorney X" is a lawyer.
    if matches!(head, "attorney" | "solicitor" | "prosecutor" | "procurator") && low(toks, j + 1) != "general" {
        return None;
    }
    // "PM", "FM": abbreviations are heads only in capitals ("5 pm" is a time).
    if let Some(full) = abbreviated_head(head) {
        // "04:19 PM EDT": after a time of day it is the afternoon.
        let after_time = j > 0 && toks[j - 1].low.bytes().last().is_some_and(|b| b.is_ascii_digit());
        if !is_all_caps(text, &toks[j]) || after_time {
            return None;
        }
        words.extend_from_slice(full);
        let role = full[full.len() - 1];
        return Some((j + 1, words, role, plural, None));
    }
    words.push(head);
    j += 1;
    // "the head of Cuban diplomacy": the state's top diplomat, a description, no title.
    if head == "head" {
        if let Some((end, target)) = head_of_diplomacy(text, toks, j, gz) {
            return Some((end, vec!["diplomat"], "diplomat", false, Some(target)));
        }
        // "the head of the Foreign Ministry": its minister, as a description.
        if let Some((end, target)) = head_of_foreign_ministry(text, toks, j, gz) {
            return Some((end, vec!["diplomat"], "diplomat", false, target));
        }
        // "the head of state said", "the Kazakh Head of State": the president or monarch,
        // a description, no title (GUIDELINES: "head of state" gives no title).
        if low(toks, j) == "of" && matches!(low(toks, j + 1), "state" | "government") {
            let (end, role) = if low(toks, j + 1) == "state" { (j + 2, "state-head") } else { (j + 2, "government-head") };
            return Some((end, vec![role], role, plural, None));
        }
    }
    if low(toks, j) == "general" && matches!(head, "secretary" | "consul" | "director" | "governor" | "attorney" | "solicitor" | "prosecutor" | "procurator") {
        words.push("general");
        j += 1;
    }
    // "Chargé d'Affaires (a.i.)": the envoy heading a mission without an ambassador.
    if head == "chargé" && matches!(low(toks, j), "d'affaires" | "d’affaires") {
        words.push("d'affaires");
        j += 1;
    }
    // "Minister Delegate for Foreign Affairs" (a ministre délégué of French-speaking states).
    if head == "minister" && low(toks, j) == "delegate" && toks[j].is_cap(text) {
        words.push("delegate");
        j += 1;
    }
    // A Commonwealth state's envoy to another is its "High Commissioner".
    let envoy = ENVOY_HEADS.contains(&head) || (head == "commissioner" && words.contains(&"high"));
    // "Ambassador Extraordinary and Plenipotentiary of X": the rank adds nothing to the office.
    if envoy || head == "chargé" {
        j = skip_envoy_rank(toks, j);
        // "Chargé d'Affaires of the Embassy of Eritrea": the mission the envoy heads is no
        // part of the office; the state it belongs to is the envoy's.
        if low(toks, j) == "of" && low(toks, j + 1) == "the" && matches!(low(toks, j + 2), "embassy" | "mission") && low(toks, j + 3) == "of" {
            j += 3;
        }
    }
    let mut target = None;
    // Complements: "of Foreign Affairs", "of Kyrgyzstan", "of the People's Republic of China".
    loop {
        let prep = low(toks, j);
        // "Special Assistant on Media and Communications Strategy", "Special Envoy on Climate
        // Change": an aide's or envoy's brief after "on".
        let brief = prep == "on" && BRIEF_HEADS.contains(&head) && toks.get(j + 1).is_some_and(|t| t.is_cap(text) && t.has(F_COMPL));
        // "his counterpart from Kosovo, X": the state a counterpart comes from is theirs.
        let from_state = prep == "from" && head == "counterpart" && gz.at(text, toks, j + 1 + usize::from(low(toks, j + 1) == "the")).is_some_and(|h| h.entry.kind == PlaceKind::Name);
        if prep != "of" && prep != "for" && !brief && !from_state || party_body(toks, j + 1) {
            break;
        }
        let mut k = j + 1;
        if low(toks, k) == "the" {
            k += 1;
        }
        // "Head of Turkey's National Intelligence Organization": a state's possessive before
        // one of its bodies names the state, and the office is that of "the" body.
        let state_of_body = gz.at(text, toks, k).filter(|h| {
            h.possessive && matches!(h.entry.target, Target::State(_)) && toks.get(h.end).is_some_and(|t| t.is_cap(text) && (t.has(F_COMPL) || names_a_body(text, toks, h.end)))
        });
        if let Some(h) = &state_of_body {
            target.get_or_insert(h.entry.target.clone());
            k = h.end;
        } else if let Some(h) = gz.at(text, toks, k) {
            // "Ruler of Dubai": the emirate a ruler holds is part of the office.
            if head == "ruler" && matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) {
                words.push(prep);
                words.extend(toks[k..h.end].iter().map(|t| t.low.as_str()));
                j = h.end;
                continue;
            }
            // "Crown Prince of Abu Dhabi", "Governor of Mombasa", "Mayor of Lima": an office of
            // a city or emirate, titled short (GUIDELINES), serving the city's state.
            if matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) && local_office(head, &words) && prep == "of" {
                target.get_or_insert(h.entry.target.clone());
                j = h.end;
                continue;
            }
            if h.entry.kind != PlaceKind::City && h.entry.kind != PlaceKind::Capital && h.entry.kind != PlaceKind::Adjective {
                if target.is_none() {
                    target = Some(h.entry.target.clone());
                }
                // "Chairperson of the African Union Commission": an organ named after its
                // organisation is part of it.
                // "the African Union (AU) Commission": the organisation's acronym may stand between.
                let organ_at = skip_acronym(text, toks, h.end);
                let organ_word = |k: usize| toks.get(k).is_some_and(|t| t.is_cap(text) && ORGAN_WORDS.contains(&t.low.as_str()));
                // "the OSCE Parliamentary Assembly", "the UN Security Council": one capitalised
                // word may name which organ.
                let qualified = !organ_word(organ_at) && toks.get(organ_at).is_some_and(|t| t.is_cap(text) && t.is_word() && !t.has(F_HEAD)) && organ_word(organ_at + 1);
                let organ_last = organ_at + usize::from(qualified);
                let organ_after = matches!(h.entry.target, Target::Org(_)) && organ_word(organ_last);
                // "President of the World Bank Group": the group is the organisation.
                let group = matches!(h.entry.target, Target::Org(_)) && low(toks, h.end) == "group" && toks[h.end].is_cap(text);
                let end = if organ_after { organ_last + 1 } else { h.end + usize::from(group) };
                // "President of the European Commission": an organ of the organisation stays in the title,
                // and so does the organisation a chair presides ("Chair of the Pacific Islands Forum").
                let chaired = matches!(head, "chair" | "chairperson" | "chairman" | "chairwoman") && matches!(h.entry.target, Target::Org(_));
                if organ_after || chaired || is_organ_of(toks, k, h.end, &h.entry.target) {
                    words.push(prep);
                    let named = if organ_after { h.end } else { end };
                    words.extend(toks[j + 1..named].iter().map(|t| t.low.as_str()));
                    if organ_after {
                        words.extend(toks[organ_at..=organ_last].iter().map(|t| t.low.as_str()));
                    }
                }
                j = skip_acronym(text, toks, end);
                // "foreign ministers of Malta and Libya, A and B": a plural office of several states.
                if plural {
                    j = past_coordinated_states(text, toks, j, gz);
                }
                continue;
            }
        }
        // "of the Republic of Argentina": a state's formal style the gazetteer lacks.
        if let Some(h) = styled_state(text, toks, k, gz) {
            target.get_or_insert(h.entry.target.clone());
            j = h.end;
            continue;
        }
        if let Some(c) = toks.get(k).and_then(|t| GAZ.word_state(&t.low).filter(|_| t.is_cap(text))) {
            // "Kazakhstan-Elbasy": a hyphenated word led by a state name.
            if !toks[k].has(F_COMPL) && toks[k].low.contains('-') {
                target.get_or_insert(Target::State(c));
                j = k + 1;
                continue;
            }
        }
        // Title complement words, capitalised, possibly joined by and/of/the.
        let mut m = k;
        let mut comp: Vec<&'t str> = Vec::new();
        while m < toks.len() {
            let t = &toks[m];
            let lw = t.low.as_str();
            // "Minister of Foreign Affairs, Emigration and Egyptian Expatriates": a list of portfolios.
            if lw == "," && !comp.is_empty() && portfolio_list_follows(text, toks, m + 1, gz) {
                comp.push(",");
                m += 1;
                continue;
            }
            // "the State Duma (lower house) International Affairs Committee": past a gloss for
            // foreign readers inside the name, which is no part of it.
            if lw == "(" && !comp.is_empty() && toks.get(m + 1).is_some_and(|t| !t.is_cap(text)) {
                let past = skip_acronym(text, toks, m);
                if past > m && toks[past].has(F_COMPL) {
                    m = past;
                    continue;
                }
            }
            // "in the German Bundestag": the legislature a committee sits in names its state
            // but, like a ministry an office sits in, no part of the office.
            if !comp.is_empty() && in_a_legislature(text, toks, m, gz) {
                m += 1 + usize::from(low(toks, m + 1) == "the");
                if let Some(h) = gz.at(text, toks, m).filter(|h| h.entry.kind == PlaceKind::Adjective) {
                    target.get_or_insert(h.entry.target.clone());
                    m = h.end;
                }
                if target.is_none() {
                    target = legislature_state(toks, m, m + 1);
                }
                m += 1;
                break;
            }
            // "High Council for National Reconciliation": "for" joins words of a body's name too.
            let joiner = matches!(lw, "and" | "of" | "the") || (lw == "for" && !comp.is_empty());
            if joiner {
                // A joiner must be followed by another complement word, and "and" must not start a new title.
                let next = low(toks, m + 1);
                let nf = tf(toks, m + 1);
                // "Minister of Foreign Affairs and State Counsellor": a modifier and a head
                // after "and" open the next office even where the modifier is a field too.
                let head_after = |k: usize| tf(toks, k) & F_HEAD != 0 && !rank_as_given_name(text, toks, k);
                if lw == "and" && (nf & F_HEAD != 0 || (nf & F_MOD != 0 && (nf & F_COMPL == 0 || head_after(m + 2)))) {
                    break;
                }
                if !(nf & F_COMPL != 0 || GAZ.word_state(next).is_some() || toks.get(m + 1).is_some_and(plural_people) || names_a_body(text, toks, m + 1)) {
                    break;
                }
                if lw == "of" && gz.at(text, toks, m + 1).is_some_and(|h| h.entry.kind == PlaceKind::Name)
                    || (lw == "of" && next == "the" && gz.at(text, toks, m + 2).is_some_and(|h| h.entry.kind == PlaceKind::Name))
                {
                    break;
                }
                if next == "cpc" || (lw == "of" && party_body(toks, m + 1)) {
                    break;
                }
                comp.push(lw);
                m += 1;
                continue;
            }
            let is_adj = t.is_cap(text) && gz.at(text, toks, m).is_some_and(|h| h.entry.kind == PlaceKind::Adjective);
            // "for International Organisations' Affairs", "of Women's Affairs": a possessive
            // inside a portfolio, before the field's last word.
            let possessive_field = t.is_possessive() && t.has(F_COMPL) && toks.get(m + 1).is_some_and(|n| n.is_cap(text) && n.has(F_COMPL) && !n.has(F_HEAD));
            if t.is_cap(text) && (t.has(F_COMPL) || is_adj || plural_people(t) || names_a_body(text, toks, m)) && (!t.is_possessive() || possessive_field) {
                if is_adj && target.is_none() {
                    target = gz.at(text, toks, m).map(|h| h.entry.target.clone());
                }
                comp.push(lw);
                m += 1;
                continue;
            }
            break;
        }
        // "National Coordinator of CELAC": a body the text names by its acronym alone
        // (not the "CPC" of "the CPC Central Committee").
        let alone = !toks.get(k + 1).is_some_and(|t| t.is_cap(text));
        if m == k && alone && toks.get(k).is_some_and(|t| t.is_word() && t.low.len() >= 3 && is_all_caps(text, t) && !t.has(F_STOP)) {
            comp.push(toks[k].low.as_str());
            m += 1;
        }
        while comp.last().is_some_and(|w| matches!(*w, "and" | "of" | "the" | "for" | ",")) {
            comp.pop();
            m -= 1;
        }
        if comp.is_empty() {
            break;
        }
        // "Vice-President of the Commission of the African Union": the organisation an organ
        // belongs to, named inside the complement, is whom the office serves.
        if target.is_none() {
            target = (k..m).find_map(|x| gz.at(text, toks, x).filter(|h| h.entry.kind == PlaceKind::Org)).map(|h| h.entry.target.clone());
        }
        // "State Secretary of the Ministry of Foreign Affairs": the ministry is where
        // the office sits, not part of its name.
        // "Spokesperson for DIRCO", "Spokesman of the Ministry of Foreign Affairs": a
        // spokesperson's body is whom they speak for, not part of the office.
        if (comp[0] == "ministry" && head != "minister") || SPOKES_HEADS.contains(&head) {
            j = m;
            continue;
        }
        words.push(prep);
        if low(toks, j + 1) == "the" || state_of_body.is_some() {
            words.push("the");
        }
        words.extend(comp);
        j = m;
    }
    // "Ambassador to Mongolia", "Permanent Representative to the United Nations": the
    // state or organisation an envoy is sent to is part of the office.
    if envoy && low(toks, j) == "to" {
        let k = if low(toks, j + 1) == "the" { j + 2 } else { j + 1 };
        let sent_to = |h: &Hit| (h.entry.kind == PlaceKind::Name && matches!(h.entry.target, Target::State(_))) || h.entry.kind == PlaceKind::Org;
        if let Some(h) = gz.at(text, toks, k).filter(sent_to) {
            words.extend(toks[j..h.end].iter().map(|t| t.low.as_str()));
            j = h.end;
        }
    }
    // "French Ambassador in Kyiv Ana Vera": the capital an envoy serves in names the post,
    // not the person; the office is the envoy's alone.
    if envoy && low(toks, j) == "in" {
        if let Some(h) = gz.at(text, toks, j + 1).filter(|h| matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital)) {
            j = h.end;
        }
    }
    // "Chief of Staff to the President, A", "Special Adviser to the Prime Minister": the
    // unnamed principal an aide serves is no part of the office, nor the aide's name.
    // "Diplomatic Adviser to UAE President": the principal's state may stand for "the".
    if !envoy && low(toks, j) == "to" {
        let the = low(toks, j + 1) == "the";
        let k = if the { j + 2 } else { j + 1 };
        let principal = parse_title_phrase_in(text, toks, k, gz).filter(|p| !p.titles.is_empty() && (the || p.target.is_some()) && !toks.get(p.end).is_some_and(|t| t.is_cap(text)));
        if let Some(p) = principal {
            // "Assistant to the President and National Security Advisor": the principal holds
            // one office; another joined after it is the aide's own.
            j = p.titles.first().and_then(|t| (k..p.end).find(|&x| toks[x].e == t.2)).map_or(p.end, |x| x + 1);
            target = target.or(p.target);
        }
    }
    // "head of state", "head of the delegation": "head" is an office only with a named body.
    if head == "head" && !words.contains(&"of") && !words.contains(&"for") {
        return None;
    }
    Some((j, words, head, plural, target))
}

/// The state a legislature named inside tokens `i..j` of a title sits in ("Bundestag
/// President", "Speaker of the Knesset").
fn legislature_state(toks: &[Tok], i: usize, j: usize) -> Option<Target> {
    toks[i..j.min(toks.len())].iter().find_map(|t| {
        let (_, cc) = super::lexicon::LEGISLATURES.iter().find(|(name, _)| *name == t.low.as_str())?;
        crate::domain::CountryCode::parse(cc).ok().map(Target::State)
    })
}

/// "Chairman of the Foreign Affairs Committee in the German Bundestag": "in" joins the
/// legislature a committee sits in (optionally after "the" and a state adjective) to its name.
fn in_a_legislature(text: &str, toks: &[Tok], m: usize, gz: Gz) -> bool {
    let mut k = m + 1;
    if low(toks, k) == "the" {
        k += 1;
    }
    if let Some(h) = gz.at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Adjective) {
        k = h.end;
    }
    let legislature = |w: &str| super::lexicon::LEGISLATURES.iter().any(|(n, _)| *n == w) || matches!(w, "parliament" | "congress" | "senate" | "assembly");
    low(toks, m) == "in" && toks.get(k).is_some_and(|t| t.is_cap(text) && legislature(&t.low))
}

/// A people in the plural, which names a portfolio ("Moroccans Abroad", "Nigerians in the
/// Diaspora").
fn plural_people(t: &Tok) -> bool {
    t.low.strip_suffix('s').is_some_and(|w| GAZ.word_state(w).is_some())
}

/// Whether capitalised portfolio words ending in "and <portfolio>" start at `k`
/// (", Emigration and Egyptian Expatriates"), which continue a title's complement
/// after a comma; an apposition's next item ("..., Ana Vera") does not.
fn portfolio_list_follows(text: &str, toks: &[Tok], k: usize, gz: Gz) -> bool {
    let word = |m: usize| {
        toks.get(m).is_some_and(|t| t.is_cap(text) && !t.is_possessive() && (t.has(F_COMPL) || plural_people(t) || gz.at(text, toks, m).is_some_and(|h| h.entry.kind == PlaceKind::Adjective)))
    };
    // "Foreign Affairs, Foreign Employment, and Tourism": a serial comma before the last.
    if low(toks, k) == "and" {
        return word(k + 1);
    }
    let mut m = k;
    let mut joined = false;
    while word(m) || (matches!(low(toks, m), "and" | ",") && word(m + 1)) || (low(toks, m) == "," && low(toks, m + 1) == "and" && word(m + 2)) {
        joined |= low(toks, m) == "and";
        m += 1;
    }
    word(k) && joined
}

/// Past ", <State>" and "and <State>" after a state at `j - 1` ("of Malaysia, Somali
/// and Tajikistan": a state may be named by its adjective too).
fn past_coordinated_states(text: &str, toks: &[Tok], mut j: usize, gz: Gz) -> usize {
    while matches!(low(toks, j), "," | "and") {
        let k = if low(toks, j) == "," && low(toks, j + 1) == "and" { j + 2 } else { j + 1 };
        match gz.at(text, toks, k).filter(|h| matches!(h.entry.kind, PlaceKind::Name | PlaceKind::Adjective) && matches!(h.entry.target, Target::State(_))) {
            Some(h) => j = h.end,
            None => break,
        }
    }
    j
}

/// The words an abbreviated head stands for.
fn abbreviated_head(head: &str) -> Option<&'static [&'static str]> {
    match head {
        "pm" => Some(&["prime", "minister"]),
        "fm" => Some(&["foreign", "minister"]),
        "hrvp" => Some(&["high", "representative"]),
        "eam" => Some(&["external", "affairs", "minister"]),
        "cs" => Some(&["cabinet", "secretary"]),
        "nsa" => Some(&["national", "security", "adviser"]),
        _ => None,
    }
}

/// "Science and Technology Minister", "International Relations and Cooperation
/// Minister", "Planning and International Cooperation Minister": capitalised
/// portfolio words with an "and" between them, right before a head. Returns where the
/// head's own modifiers start (after the last portfolio word), or `None` when the words
/// are no such portfolio (no "and", or no head after them).
fn joined_portfolio(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let field = |k: usize| toks.get(k).is_some_and(|t| t.is_cap(text) && t.has(F_MOD | F_COMPL) && !t.has(F_HEAD) && !matches!(t.low.as_str(), "and" | "of" | "the" | "for"));
    if !field(i) {
        return None;
    }
    let mut k = i + 1;
    let mut joined = false;
    loop {
        if low(toks, k) == "and" && field(k + 1) {
            joined = true;
            k += 2;
        } else if field(k) {
            k += 1;
        } else {
            break;
        }
    }
    let head = toks.get(k).is_some_and(|t| t.is_cap(text) && t.has(F_HEAD) && !t.is_possessive());
    (joined && head).then_some(k)
}

/// Whether capitalised words from `m` run (with "and", "of", "&") to a noun that names an
/// institution: "... of the National Emergency Crisis and Disasters Management Authority" is
/// one body, whatever words its name holds, and no name starts inside it.
fn names_a_body(text: &str, toks: &[Tok], m: usize) -> bool {
    const INSTITUTION_NOUNS: &[&str] = &["authority", "agency", "union", "bank", "programme", "association", "alliance", "council", "committee", "commission", "office", "bureau", "centre", "center", "institute", "fund", "corporation", "board", "foundation", "service", "directorate", "organization", "organisation", "administration"];
    for t in toks[m..].iter().take(10) {
        if INSTITUTION_NOUNS.contains(&t.low.as_str()) && t.is_cap(text) {
            return true;
        }
        if !(t.is_cap(text) && t.is_word() || matches!(t.low.as_str(), "and" | "of" | "&")) {
            return false;
        }
    }
    false
}

/// "of the [<State adjective>] Foreign Ministry / Ministry of Foreign Affairs" at `j`: its end
/// and the state, if named.
fn head_of_foreign_ministry(text: &str, toks: &[Tok], j: usize, gz: Gz) -> Option<(usize, Option<Target>)> {
    if low(toks, j) != "of" {
        return None;
    }
    let mut k = if low(toks, j + 1) == "the" { j + 2 } else { j + 1 };
    let adjective = gz.at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Adjective);
    let target = adjective.as_ref().map(|h| h.entry.target.clone());
    if let Some(h) = adjective {
        k = h.end;
    }
    let end = match (low(toks, k), low(toks, k + 1), low(toks, k + 2), low(toks, k + 3)) {
        ("foreign", "ministry", _, _) | ("foreign", "office", _, _) => k + 2,
        ("ministry", "of", "foreign", "affairs") => k + 4,
        ("mfa" | "mofa", _, _, _) => k + 1,
        _ => return None,
    };
    Some((end, target))
}

/// "of [the] <State adjective> diplomacy" at `j`: its end and the state.
fn head_of_diplomacy(text: &str, toks: &[Tok], j: usize, gz: Gz) -> Option<(usize, Target)> {
    let k = if low(toks, j + 1) == "the" { j + 2 } else { j + 1 };
    let h = gz.at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Adjective)?;
    (low(toks, j) == "of" && low(toks, h.end) == "diplomacy").then(|| (h.end + 1, h.entry.target.clone()))
}

/// "[the] [CPC] Central Committee [of the ... Party]" at `k`: the party organ above the
/// body an office sits in, which is not part of the office's name ("Head of the
/// International Department of the Central Committee of the ... Party").
pub(super) fn party_body(toks: &[Tok], k: usize) -> bool {
    let k = if low(toks, k) == "the" { k + 1 } else { k };
    (k..(k + 3).min(toks.len())).any(|m| low(toks, m) == "central" && low(toks, m + 1) == "committee")
}

/// Past "(OAS)" after "the Organization of American States": the acronym the text gives it;
/// or past a gloss in lowercase words that wires put inside a body's name for foreign readers
/// ("Chairman of the State Duma (lower house) International Affairs Committee").
pub(super) fn skip_acronym(text: &str, toks: &[Tok], j: usize) -> usize {
    if low(toks, j) != "(" {
        return j;
    }
    let acronym = toks.get(j + 1).is_some_and(|t| t.is_word() && is_all_caps(text, t));
    if acronym && low(toks, j + 2) == ")" {
        return j + 3;
    }
    let gloss = toks[j + 1..].iter().take(4).take_while(|t| t.is_word() && !t.is_cap(text)).count();
    let closes = (1..=3).contains(&gloss) && low(toks, j + 1 + gloss) == ")";
    // Only inside a name that goes on after it in capitals.
    if closes && toks.get(j + 2 + gloss).is_some_and(|t| t.is_cap(text)) {
        j + 2 + gloss
    } else {
        j
    }
}

/// Words of a state's formal style before "of <State>" ("Republic", "Plurinational
/// State", "Federal Democratic Republic", "Kingdom").
const STATE_STYLE_WORDS: &[&str] = &[
    "republic", "kingdom", "state", "federation", "sultanate", "principality", "commonwealth", "federal",
    "democratic", "islamic", "socialist", "people's", "plurinational", "bolivarian", "united", "arab", "grand", "duchy",
];

/// "Republic of Argentina" at `k`: up to four capitalised style words, "of" and a state
/// the gazetteer names; the hit spans the whole style.
fn styled_state(text: &str, toks: &[Tok], k: usize, gz: Gz) -> Option<Hit<'static>> {
    let n = toks[k.min(toks.len())..].iter().take(4).take_while(|t| t.is_cap(text) && STATE_STYLE_WORDS.contains(&t.low.as_str())).count();
    if n == 0 || low(toks, k + n) != "of" {
        return None;
    }
    // "Secretary of State of the United States", "Minister of State of X": without "the", a
    // lone "State" is the office's complement, not the style of "the State of Qatar".
    if n == 1 && low(toks, k) == "state" && (k == 0 || low(toks, k - 1) != "the") {
        return None;
    }
    let s = if low(toks, k + n + 1) == "the" { k + n + 2 } else { k + n + 1 };
    gz.at(text, toks, s).filter(|h| h.entry.kind == PlaceKind::Name && matches!(h.entry.target, Target::State(_)))
}

/// Heads of the offices that speak for a body.
const SPOKES_HEADS: &[&str] = &["spokesperson", "spokesman", "spokeswoman"];

/// Heads of offices held in another state's capital or at an organisation.
const ENVOY_HEADS: &[&str] = &["ambassador", "envoy", "representative"];

/// Offices whose brief may follow "on" ("Special Adviser on National Security").
const BRIEF_HEADS: &[&str] = &["adviser", "advisor", "assistant", "envoy", "representative", "coordinator", "rapporteur"];

/// Past "Extraordinary and Plenipotentiary" (in either order, or one alone) after an envoy head.
fn skip_envoy_rank(toks: &[Tok], mut j: usize) -> usize {
    let rank = |w: &str| matches!(w, "extraordinary" | "plenipotentiary");
    while rank(low(toks, j)) {
        j += 1;
        if low(toks, j) == "and" && rank(low(toks, j + 1)) {
            j += 1;
        }
    }
    j
}

/// Last words of the name of an organisation's organ ("European Commission").
const ORGAN_WORDS: &[&str] = &["commission", "council", "parliament", "court", "assembly", "secretariat"];

/// "President X of the European Parliament": the organ named after a name, as the words
/// its office ends with ("of the european parliament"), when `k` (after "of") names one.
pub(super) fn organ_after_name(text: &str, toks: &[Tok], b: usize) -> Option<Vec<String>> {
    if low(toks, b) != "of" {
        return None;
    }
    let k = if low(toks, b + 1) == "the" { b + 2 } else { b + 1 };
    let h = gaz_at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Org)?;
    is_organ_of(toks, k, h.end, &h.entry.target).then(|| toks[b..h.end].iter().map(|t| t.low.to_string()).collect())
}

/// Whether tokens `a..b`, an organisation's phrase in the gazetteer, name one
/// of its organs ("European Commission" of the EU) rather than the organisation
/// itself ("United Nations" of the UN, "Gulf Cooperation Council" of the GCC,
/// whose initials are its code).
fn is_organ_of(toks: &[Tok], a: usize, b: usize, target: &Target) -> bool {
    let Target::Org(code) = target else { return false };
    if b <= a + 1 || !ORGAN_WORDS.contains(&low(toks, b - 1)) {
        return false;
    }
    let initials: String = toks[a..b].iter().filter(|t| !matches!(t.low.as_str(), "of" | "the" | "and")).filter_map(|t| t.low.chars().next()).collect();
    !initials.eq_ignore_ascii_case(code)
}

/// A word of a transcript's speaker label ("SECRETARY POWELL:", "Penny Wong, Minister for
/// Foreign Affairs:"): capitalised, or punctuation and the small words of an office's name.
pub(super) fn is_label_word(text: &str, t: &Tok) -> bool {
    t.is_cap(text) || matches!(t.low.as_str(), "," | "." | "for" | "of" | "and" | "the" | "&")
}

pub(super) fn is_all_caps(text: &str, t: &Tok) -> bool {
    text[t.s..t.e].chars().all(|c| !c.is_lowercase())
}

/// Fast rejection: a name (or the honorific before it) starts with a
/// capitalised word, "al-"/"el-", an honorific or "royal"; `parse_name` takes
/// no name word after any other first token.
#[inline]
pub(super) fn may_open_name(text: &str, t: &Tok) -> bool {
    (t.is_cap(text) && !FRONTED_PARTICIPLES.contains(&t.low.as_str())) || t.has(F_HONORIFIC) || t.low.starts_with("al-") || t.low.starts_with("el-") || t.low == "royal"
}

/// Participles that open a sentence before the name they govern ("Accompanying Palmieri
/// were ...", "Welcoming Vera, the President said ..."), capitalised there but no name.
const FRONTED_PARTICIPLES: &[&str] = &[
    "accompanying", "welcoming", "receiving", "addressing", "hosting", "meeting", "congratulating", "thanking", "joining",
    "greeting", "briefing", "representing", "following", "assisting", "escorting", "flanking",
];

/// Words naming a government body or its short form, never a person by themselves.
const BODY_WORDS: &[&str] = &[
    "mofa", "mfa", "mea", "mofaic", "diwan", "commission", "ministry", "secretariat", "presidency", "government", "council", "cabinet",
];

/// Verbs a Title Case headline puts after "To" ("President To Attend Summit"), where "To"
/// is no family name.
const HEADLINE_VERBS: &[&str] = &[
    "attend", "visit", "meet", "hold", "host", "sign", "travel", "discuss", "address", "lead", "open", "make", "pay", "launch", "begin",
    "tour", "receive", "join", "chair", "speak", "boost", "seek", "push", "step", "take", "be", "do", "go", "get",
];

/// Verbs of Title Case headlines, as they follow their subject ("President Radev Meets
/// Merkel", "PM Rabuka Welcomes Marape"): capitalised, they end a name. No name word is
/// spelt like one.
const HEADLINE_VERB_FORMS: &[&str] = &[
    "meets", "receives", "hosts", "welcomes", "visits", "calls", "holds", "greets", "says", "urges", "thanks",
    "congratulates", "discusses", "signs", "attends", "pays", "arrives", "stresses", "reaffirms", "hails", "vows",
    "pledges", "speaks", "lauds", "praises", "seeks", "backs", "invites", "confers", "reiterates", "underscores",
    "emphasises", "emphasizes", "highlights", "condemns", "rejects", "supports", "briefs", "bids",
];

/// English function words that are also common East Asian family names.
const SURNAME_FUNCTION_WORDS: &[&str] = &["he", "to", "do", "an"];

/// A person's name at `i`: capitalised words with particles, honorifics skipped.
/// Returns (first name token, end, possessive).
pub fn parse_name(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize, bool)> {
    parse_name_in(text, toks, i, Gz::NONE)
}

pub(super) fn parse_name_in(text: &str, toks: &[Tok], i: usize, gz: Gz) -> Option<(usize, usize, bool)> {
    if !may_open_name(text, toks.get(i)?) {
        return None;
    }
    let mut j = i;
    while let Some(n) = courtesy_style_len(text, toks, j) {
        j += n;
    }
    let first = j;
    let mut k = j;
    let mut possessive = false;
    // Five name words at most; particles and the full stops of initials do not count
    // ("Mohammed bin Salman bin Abdulaziz Al Saud", "A. K. Abdul Momen").
    let words = |k: usize| toks[first..k].iter().filter(|t| t.is_word() && !t.has(F_PARTICLE)).count();
    while k < toks.len() && words(k) < 5 {
        let t = &toks[k];
        let lw = t.low.as_str();
        // "Minister for Pacific Peoples Dr Shane Reti": a courtesy style inside the run
        // shows where the name starts; the words before it ended an office.
        if k > first && t.has(F_HONORIFIC) {
            if let Some(n) = courtesy_style_len(text, toks, k) {
                if toks.get(k + n).is_some_and(|x| x.is_cap(text) && x.is_word()) {
                    return parse_name_in(text, toks, k, gz);
                }
            }
        }
        // A nickname in quotation marks inside the name ("Joko “Jokowi” Widodo"): passed
        // over here, and left out of the name's key and text.
        if k > first && lw == "\"" && toks.get(k + 1).is_some_and(|n| n.is_cap(text) && n.is_word()) && low(toks, k + 2) == "\"" && toks.get(k + 3).is_some_and(|n| n.is_cap(text) && n.is_word() && !n.has(F_STOP | F_HEAD)) {
            k += 3;
            continue;
        }
        if k > first && t.is_cap(text) && lw.ends_with('s') && HEADLINE_VERB_FORMS.contains(&lw) {
            break;
        }
        // An initial: "R." in "Joseph R. Biden", "S." in "S. Jaishankar".
        if t.is_cap(text) && lw.len() == 1 && low(toks, k + 1) == "." && toks.get(k + 2).is_some_and(|n| n.is_cap(text)) {
            k += 2;
            continue;
        }
        // Surnames that are also English function words (He Lifeng, Tô Lâm written "To Lam",
        // Đỗ as "Do", An): capitalised, only as a first name word before another.
        let he_surname = k == first
            && SURNAME_FUNCTION_WORDS.contains(&lw)
            && t.is_cap(text)
            && toks.get(k + 1).is_some_and(|n| n.is_cap(text) && n.is_word() && !n.has(F_STOP | F_HEAD | F_VERB | F_MEET) && !HEADLINE_VERBS.contains(&n.low.as_str()));
        // The given name Sultan before a particle ("Sultan bin Ahmed Al Jaber"); the ruler
        // is "Sultan Haitham bin Tarik".
        let given_sultan = k == first && (lw == "sultan" && matches!(low(toks, k + 1), "bin" | "ibn") || rank_as_given_name(text, toks, k));
        let cap_word = t.is_word()
            && (t.is_cap(text) || lw.starts_with("al-") || lw.starts_with("el-"))
            && (!t.has(F_STOP | F_HEAD | F_PLURAL_HEAD) || he_surname || given_sultan)
            && !is_acronym_word(text, toks, first, k)
            && (gz.at(text, toks, k).is_none() || surname_not_short_form(text, toks, k) || place_as_given_name(text, toks, first, k, gz) || city_inside_name(text, toks, first, k, gz));
        if cap_word {
            k += 1;
            if t.is_possessive() {
                possessive = true;
                break;
            }
            continue;
        }
        if k > first && t.has(F_PARTICLE) && toks.get(k + 1).is_some_and(|n| n.is_cap(text) || n.has(F_PARTICLE) || n.low.starts_with("al-") || n.low.starts_with("el-")) {
            k += 1;
            continue;
        }
        break;
    }
    while k > first && toks[k - 1].has(F_PARTICLE) {
        k -= 1;
    }
    // "Lord Ahmad of Wimbledon", "Baroness Anelay of St Johns": a peer's territorial
    // designation belongs to the name the peerage style opened.
    let peer = (i..first).any(|s| matches!(toks[s].low.as_str(), "lord" | "baroness" | "baron" | "lady"));
    if peer && !possessive && k > first && low(toks, k) == "of" {
        let place = (k + 1..(k + 4).min(toks.len())).take_while(|&p| toks[p].is_cap(text) && toks[p].is_word() && !toks[p].has(F_STOP | F_HEAD)).count();
        if place > 0 && gz.at(text, toks, k + 1).is_none_or(|h| h.entry.kind == PlaceKind::City) {
            k += 1 + place;
            possessive = toks[k - 1].is_possessive();
        }
    }
    // "Ana Vera MP": honours and seats written after the name.
    while k > first + 1 && is_all_caps(text, &toks[k - 1]) && POST_NOMINALS.contains(&toks[k - 1].low.as_str()) {
        k -= 1;
    }
    // "his Indian counterpart, Defence Minister B": portfolio words before an office's head
    // open that office, not a name.
    if k > first && toks.get(k).is_some_and(|t| t.has(F_HEAD)) && toks[first..k].iter().all(|t| t.has(F_MOD)) {
        return None;
    }
    // "UN Verification Mission", "Golden Jubilee": the capitalised words name an event or body.
    if toks.get(k).is_some_and(|t| t.is_cap(text) && EVENT_NOUNS.contains(&t.stem())) {
        return None;
    }
    // "Middle Eastern Affairs Directorate", "National Security Council": capitalised words
    // ending in an institution's noun name a body, not a person.
    if k > first + 1 && matches!(toks[k - 1].stem(), "directorate" | "council" | "committee" | "commission" | "agency" | "bureau" | "ministry" | "department" | "secretariat" | "administration") {
        return None;
    }
    // "Advisor ... at the Ministry of Presidential Affairs", "Special Adviser, Special Duties,
    // ...": a portfolio's words after its office, no person's name.
    if k > first && matches!(toks[k - 1].low.as_str(), "affairs" | "duties") {
        return None;
    }
    // "Queen Elizabeth Aircraft Carrier": a ship.
    if toks[first..k].iter().any(|t| super::lexicon::VESSEL_NOUNS.contains(&t.low.as_str())) {
        return None;
    }
    // A news agency or a government body standing alone where a name could be
    // ("Spokesperson MoFA", "an Amiri Diwan statement"), its possessive too ("Chairperson
    // of the African Union Commission's visit").
    if k == first + 1 && (super::publisher::is_outlet_word(toks[first].stem()) || BODY_WORDS.contains(&toks[first].stem())) {
        return None;
    }
    // A lone initial is not a name.
    if k > first && toks[k - 1].low == "." && k - first <= 2 {
        return None;
    }
    // A generational suffix belongs to the name: "Joseph R. Biden, Jr."
    if k > first && !possessive && low(toks, k) == "," && matches!(low(toks, k + 1), "jr" | "sr" | "jr." | "sr." | "ii" | "iii" | "iv") {
        k += 2;
        if low(toks, k) == "." {
            k += 1;
        }
    }
    (k > first).then_some((first, k, possessive))
}

/// All-caps words are agencies or acronyms ("XINHUA"), except a family name written in
/// capitals beside a normal one ("HAYASHI Yoshimasa", and after a given name or an
/// initial, "Kandhi A. ELIEISAR": Japan's foreign ministry style). `first` is where the
/// name being read starts, `k` the word.
fn is_acronym_word(text: &str, toks: &[Tok], first: usize, k: usize) -> bool {
    let t = &toks[k];
    if t.low.len() < 5 || !is_all_caps(text, t) {
        return false;
    }
    let normal = |n: &Tok| n.is_cap(text) && !is_all_caps(text, n);
    let before_normal = toks.get(k + 1).is_some_and(|n| normal(n) && !n.has(F_STOP | F_HEAD));
    let after_normal = toks[first..k].iter().any(|p| p.is_word() && normal(p));
    !before_normal && !after_normal
}

/// Tokens of the courtesy style at `j` ("His Excellency", "H.H.", "Dr.", "Her
/// Royal Highness", "Datuk Seri", "Dato' Sri", "Tan Sri", "Sheikh" before a
/// full name), or `None` when none starts there.
pub(super) fn courtesy_style_len(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    let w = low(toks, j);
    let next = low(toks, j + 1);
    let cap = toks.get(j).is_some_and(|t| t.is_cap(text));
    if matches!(w, "his" | "her") && cap && matches!(next, "excellency" | "majesty" | "highness" | "royal") {
        return Some(1);
    }
    if w == "royal" && next == "highness" {
        return Some(1);
    }
    if cap && HONORIFIC_PAIRS.contains(&(w, next)) {
        return Some(2);
    }
    // "Lt. Gen. Rocky Meade", "Gen. Prayut": an armed forces rank written short styles the
    // name after it. Only with its full stop: "Gen Nakatani" is a given name.
    if cap && super::lexicon::RANK_ABBREVIATIONS.contains(&w) && next == "." {
        return Some(2);
    }
    // "Brigadier General Miguel Correa", "Lieutenant General A B", "Admiral A B": an armed
    // forces rank written out styles a full name after it (two capitalised name words).
    if cap && j > 0 && !toks[j - 1].has(F_HEAD | F_MOD) && !toks[j - 1].is_cap(text) {
        let rank = military_rank_len(toks, j);
        let name_word = |k: usize| toks.get(k).is_some_and(|t| t.is_cap(text) && t.is_word() && !t.has(F_STOP | F_HEAD | F_MOD | F_COMPL));
        if rank > 0 && name_word(j + rank) && (name_word(j + rank + 1) || (low(toks, j + rank + 2) == "." && name_word(j + rank + 3))) {
            return Some(rank);
        }
    }
    if cap && toks[j].has(F_HONORIFIC) {
        // "Dr." and "Dato'": the mark after the abbreviation goes with it.
        let mut n = 1 + usize::from(matches!(next, "." | "'"));
        while HONORIFIC_SEQUELS.contains(&low(toks, j + n)) && toks[j + n].is_cap(text) {
            n += 1;
        }
        return Some(n);
    }
    // "Sheikh Tamim bin Hamad": a style before a full name; "Sheikh Hasina" is her name.
    if cap && NAME_STYLES.contains(&w) && toks.get(j + 2).is_some_and(|t| t.is_cap(text) || t.has(F_PARTICLE)) && toks[j + 1].is_cap(text) && !toks[j + 1].has(F_STOP | F_HEAD) {
        return Some(1);
    }
    None
}

/// The words of an armed forces rank written out at `j` ("Lieutenant General", "Rear
/// Admiral"), or 0.
fn military_rank_len(toks: &[Tok], j: usize) -> usize {
    match (low(toks, j), low(toks, j + 1), low(toks, j + 2)) {
        ("air", "chief", "marshal") => 3,
        ("brigadier" | "major" | "lieutenant", "general", _) | ("vice" | "rear", "admiral", _) | ("air" | "field", "marshal", _) | ("lieutenant", "colonel", _) => 2,
        ("general" | "admiral" | "colonel" | "brigadier", _, _) => 1,
        _ => 0,
    }
}

/// "Foreign Minister Santiago Cafiero", "President Santiago Peña", "Minister Israel Katz": a
/// place's name right after an office, before a capitalised word that is no place and no
/// office, is a given name.
fn place_as_given_name(text: &str, toks: &[Tok], first: usize, k: usize, gz: Gz) -> bool {
    k == first
        && k > 0
        // One word: "Director General United Nations Office" names a body, not a person.
        && gz.at(text, toks, k).is_some_and(|h| h.end == k + 1)
        && toks[k - 1].has(F_HEAD | F_COMPL)
        && plain_name_word_next(text, toks, k, gz)
}

/// Whether the word after `k` is a capitalised word that is no place, office or event: the
/// name goes on past a place's name at `k`.
fn plain_name_word_next(text: &str, toks: &[Tok], k: usize, gz: Gz) -> bool {
    toks.get(k + 1).is_some_and(|n| n.is_cap(text) && n.is_word() && !n.has(F_STOP | F_HEAD | F_MOD | F_COMPL | F_PARTICLE) && gz.at(text, toks, k + 1).is_none() && !EVENT_NOUNS.contains(&n.stem()))
}

/// "Ambassador Maria Victoria Romero Caballero": a one-word city's name inside a name, before
/// a capitalised word that is no place and no office, is one of its given names.
fn city_inside_name(text: &str, toks: &[Tok], first: usize, k: usize, gz: Gz) -> bool {
    k > first
        && gz.at(text, toks, k).is_some_and(|h| h.end == k + 1 && matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital))
        && plain_name_word_next(text, toks, k, gz)
}

/// A state's bare name at `k`, right after an office, before a holder of two name words or
/// more. One name word leaves the place a given name ("Minister Israel Katz").
fn state_before_holder(text: &str, toks: &[Tok], k: usize, gz: Gz) -> Option<Hit<'static>> {
    let h = gz.at(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Name && matches!(h.entry.target, Target::State(_)) && !h.possessive)?;
    let (a, b, _) = parse_name_in(text, toks, h.end, gz)?;
    let words = toks[a..b].iter().filter(|t| t.is_word() && t.low.len() > 1).count();
    (a - h.end <= 3 && words >= 2 && gz.at(text, toks, a).is_none()).then_some(h)
}

/// "Pak Ui-chun": a press short form for a state ("Pak" for Pakistan) followed by a
/// capitalised word that is no office is a family name.
fn surname_not_short_form(text: &str, toks: &[Tok], k: usize) -> bool {
    super::gazetteer::is_short_form(&toks[k].low) && toks.get(k + 1).is_some_and(|n| n.is_cap(text) && n.is_word() && !n.has(F_STOP | F_HEAD | F_MOD | F_COMPL))
}

pub(super) fn name_string(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let s = &text[toks[a].s..toks[b - 1].e];
    let s = without_nickname(super::text::without_possessive(s));
    let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A name in capitals (a transcript's speaker label, a headline) is given as prose writes it.
    if name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase) {
        return super::text::capitalise_words(&name);
    }
    name
}

pub(super) fn name_key(toks: &[Tok], a: usize, b: usize) -> Vec<String> {
    let mut quoted = false;
    toks[a..b]
        .iter()
        .filter(|t| {
            if t.low == "\"" {
                quoted = !quoted;
                return false;
            }
            !quoted
        })
        .map(|t| name_word(t).into_owned())
        .collect()
}

/// "Joko “Jokowi” Widodo" → "Joko  Widodo": a quoted nickname inside a name dropped.
fn without_nickname(s: &str) -> std::borrow::Cow<'_, str> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let Some(open) = s.find(is_quote) else { return s.into() };
    let after = open + s[open..].chars().next().map_or(1, char::len_utf8);
    match s[after..].find(is_quote) {
        Some(close) => {
            let end = after + close + s[after + close..].chars().next().map_or(1, char::len_utf8);
            format!("{}{}", &s[..open], &s[end..]).into()
        }
        None => s.into(),
    }
}


/// Past "of [the] <State>" at `k` ("Presidents A of Chile and B of Peru"), or `k`.
fn skip_of_state(text: &str, toks: &[Tok], k: usize, gz: Gz) -> usize {
    if low(toks, k) != "of" {
        return k;
    }
    let s = if low(toks, k + 1) == "the" { k + 2 } else { k + 1 };
    gz.at(text, toks, s).filter(|h| h.entry.kind == PlaceKind::Name).map_or(k, |h| h.end)
}

/// A word of an office's grammar ("Affairs", "Minister"), which starts no name.
pub(super) fn is_title_word(t: &Tok) -> bool {
    t.has(F_HEAD | F_MOD | F_COMPL | F_PLURAL_HEAD)
}

/// "A", "A and B", "A, B and C" after a plural title; a single name otherwise.
pub(super) fn parse_name_list(text: &str, toks: &[Tok], j: usize, plural: bool, gz: Gz) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let Some(n) = parse_name_in(text, toks, j, gz) else { return out };
    out.push(n);
    if !plural {
        return out;
    }
    let mut k = skip_of_state(text, toks, n.1, gz);
    // "Presidents A of Chile, B of Peru": once the first name has its state, each does.
    let with_state = k != n.1;
    loop {
        let sep = low(toks, k);
        let next = if sep == "," && low(toks, k + 1) == "and" { k + 2 } else if sep == "," || sep == "and" { k + 1 } else { break };
        match parse_name_in(text, toks, next, gz) {
            Some(m) => {
                let after = skip_of_state(text, toks, m.1, gz);
                if with_state && after == m.1 {
                    break;
                }
                out.push(m);
                k = after;
            }
            None => break,
        }
    }
    out
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    /// The name `parse_name` reads at the start of `t`.
    fn name(t: &str) -> Option<String> {
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        parse_name(t, &toks, 0).map(|(a, b, _)| name_string(t, &toks, a, b))
    }

    /// The title phrase at the start of `t`.
    fn phrase(t: &str) -> TitlePhrase {
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        parse_title_phrase(t, &toks, 0).unwrap()
    }

    /// The titles of the phrase at the start of `t` and the name after it.
    fn titled(t: &str) -> (Vec<String>, Option<String>) {
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        let name = parse_name(t, &toks, tp.end).map(|(a, b, _)| name_string(t, &toks, a, b));
        (tp.titles.into_iter().map(|x| x.0).collect(), name)
    }

    #[test]
    fn a_fronted_participle_is_no_name_and_a_law_officer_needs_general() {
        assert_eq!(name("Accompanying Vera were two ministers"), None);
        assert_eq!(titled("Attorney General Ana Vera").0, vec!["Attorney General"]);
        let t = "attorney Ana Vera";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        assert!(parse_title_phrase(t, &toks, 0).is_none());
    }

    #[test]
    fn a_states_possessive_before_its_body_names_the_state_not_the_office() {
        let (titles, name) = titled("Head of Peru's National Fisheries Office Ana Vera");
        assert_eq!((titles, name.as_deref()), (vec!["Head of the National Fisheries Office".to_string()], Some("Ana Vera")));
        let t = "Director of Peru's National Fisheries Office Ana Vera";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert!(matches!(tp.target, Some(Target::State(c)) if c.to_string() == "PE"));
    }

    #[test]
    fn a_capitals_possessive_before_an_office_names_its_state() {
        let tp = phrase("Pristina's PM Tomas Soto");
        assert!(matches!(tp.target, Some(Target::State(c)) if c.to_string() == "XK"));
        assert_eq!(titled("Accra's envoy Ana Vera said"), (vec!["Envoy".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn pm_after_a_time_of_day_is_no_office() {
        let mut toks = Vec::new();
        let t = "11/03/2021 04:19 PM EDT";
        tokenize(t, 0, t.len(), &mut toks);
        let pm = toks.iter().position(|x| x.low == "pm").unwrap();
        assert!(parse_title_phrase(t, &toks, pm).is_none());
        assert_eq!(titled("PM Ana Vera said").0, vec!["Prime Minister".to_string()]);
    }

    #[test]
    fn a_minister_delegate_is_one_office() {
        assert_eq!(titled("Minister Delegate for Foreign Affairs, Ana Vera, said").0, vec!["Minister Delegate for Foreign Affairs".to_string()]);
        assert_eq!(titled("Minister Delegate Ana Vera said"), (vec!["Minister Delegate".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn a_seasons_greeting_after_an_office_is_no_name() {
        assert_eq!(titled("Deputy Secretary Happy Christmas and New Year").1, None);
        assert_eq!(titled("Deputy Secretary Merry Christmas").1, None);
    }

    #[test]
    fn a_body_named_after_an_office_is_no_name() {
        assert_eq!(titled("Director General United Nations Office in Nairobi").1, None);
    }

    #[test]
    fn an_aides_brief_after_on_is_part_of_the_office() {
        let (titles, name) = titled("Special Assistant on Media and Communications Strategy to the Minister of Foreign Affairs, Tomas Soto, said");
        assert_eq!(titles, vec!["Special Assistant on Media and Communications Strategy".to_string()]);
        assert_eq!(name, None);
        assert_eq!(titled("Special Envoy on Climate Change Ana Vera said"), (vec!["Special Envoy on Climate Change".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn a_charge_d_affaires_is_one_office() {
        assert_eq!(titled("Chargé d'Affaires Ana Vera said"), (vec!["Chargé d'Affaires".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Chargé d’Affaires of Eritrea, Ana Vera, said").0, vec!["Chargé d'Affaires".to_string()]);
        assert_eq!(titled("Australian High Commission’s Chargé d’Affaires Ana Vera said").0, vec!["Chargé d'Affaires".to_string()]);
        let tp = phrase("Chargé d’Affaires of the Embassy of the State of Eritrea, Ana Vera, said");
        assert_eq!(tp.titles.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["Chargé d'Affaires"]);
        assert!(matches!(tp.target, Some(Target::State(c)) if c.to_string() == "ER"));
    }

    #[test]
    fn a_high_commissioner_is_posted_to_a_state_as_an_ambassador_is() {
        assert_eq!(titled("High Commissioner of Canada to Ghana, Ana Vera, said"), (vec!["High Commissioner to Ghana".to_string()], None));
        assert_eq!(titled("High Commissioner to Ghana Ana Vera said"), (vec!["High Commissioner to Ghana".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn the_capital_an_envoy_serves_in_is_neither_office_nor_name() {
        assert_eq!(titled("French Ambassador in Kyiv Tomas Soto said"), (vec!["Ambassador".to_string()], Some("Tomas Soto".to_string())));
    }

    #[test]
    fn a_given_name_that_is_a_place_after_an_office() {
        assert_eq!(titled("Foreign Minister Santiago Cafiero said").1.as_deref(), Some("Santiago Cafiero"));
        assert_eq!(titled("Foreign Minister Israel Katz said").1.as_deref(), Some("Israel Katz"));
        assert_eq!(titled("Minister of Foreign Affairs Santiago Cafiero said").1.as_deref(), Some("Santiago Cafiero"));
        assert_eq!(name("Santiago Cafiero said"), None, "no office before it: a place");
        assert_eq!(titled("Ambassador Maria Victoria Romero Caballero said").1.as_deref(), Some("Maria Victoria Romero Caballero"));
        assert_eq!(titled("Ambassador Maria Romero in Victoria said").1.as_deref(), Some("Maria Romero"));
        assert_eq!(titled("Ambassador to Chile Ana Vera said").1.as_deref(), Some("Ana Vera"));
    }

    #[test]
    fn a_profession_opening_a_sentence_is_not_the_names_first_word() {
        assert_eq!(name("Economist Ana Vera, who has been named minister, said"), Some("Ana Vera".into()));
        assert_eq!(name("Businessman Tomas Soto said"), Some("Tomas Soto".into()));
    }

    #[test]
    fn a_possessive_inside_a_portfolio_stays_in_it() {
        let (titles, name) = titled("Assistant Minister for International Organisations' Affairs Ana Vera said");
        assert!(titles.len() == 1 && titles[0].contains("International Organisations'"), "{titles:?}");
        assert_eq!(name.as_deref(), Some("Ana Vera"));
        assert_eq!(titled("Minister of Women's Affairs Ana Vera said").1.as_deref(), Some("Ana Vera"));
    }

    #[test]
    fn a_legislature_by_its_own_name_ends_the_office() {
        let (titles, name) = titled("Chairman of the Foreign Affairs Committee of the Polish Sejm Ana Vera said");
        assert_eq!(titles, ["Chairman of the Foreign Affairs Committee of the Polish Sejm"]);
        assert_eq!(name.as_deref(), Some("Ana Vera"));
        assert_eq!(titled("Speaker of the Knesset Ana Vera said").1.as_deref(), Some("Ana Vera"));
    }

    #[test]
    fn a_states_bare_name_between_an_office_and_its_holder() {
        let mut toks = Vec::new();
        let t = "Foreign Minister Thailand Ana Maria Vera said";
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert_eq!(tp.target, Some(Target::State(crate::domain::CountryCode::parse("TH").unwrap())));
        assert_eq!(titled(t).1.as_deref(), Some("Ana Maria Vera"));
        assert_eq!(titled("Minister of Foreign Affairs Indonesia Dr. Ana Vera said").1.as_deref(), Some("Ana Vera"));
        // One name word after the place: the place is the given name.
        assert_eq!(titled("Foreign Minister Israel Katz said").1.as_deref(), Some("Israel Katz"));
    }

    #[test]
    fn an_organisation_spelt_out_with_its_acronym_ends_the_title() {
        let (titles, name) = titled("Secretary-General of the North Atlantic Treaty Organization (NATO) Jens Stoltenberg said");
        assert_eq!(titles, ["Secretary-General"]);
        assert_eq!(name.as_deref(), Some("Jens Stoltenberg"));
    }

    #[test]
    fn a_second_office_after_and_is_not_the_first_ones_complement() {
        assert_eq!(titled("Minister of Foreign Affairs and State Counsellor Wang Yi said").0, ["Foreign Minister", "State Counsellor"]);
        // A field joined by "and" stays in the portfolio.
        assert_eq!(titled("Minister of Industry and Trade Ana Vera said").0, ["Minister of Industry and Trade"]);
    }

    #[test]
    fn a_principal_called_by_a_bare_office_is_not_the_next_persons_title() {
        assert_eq!(titled("The Secretary and Prime Minister Ana Vera discussed trade").0, vec!["Secretary"]);
        assert_eq!(titled("The Secretary and Defense Minister Ana Vera discussed trade").0, vec!["Secretary"]);
        // Not after "the": one person's two offices.
        assert_eq!(titled("State Councilor and Foreign Minister Wang Yi said").0, vec!["State Councilor", "Foreign Minister"]);
    }

    #[test]
    fn an_agency_or_a_body_alone_is_no_name() {
        assert_eq!(name("Kazinform reports"), None);
        assert_eq!(name("MoFA said"), None);
        assert_eq!(name("Diwan statement"), None);
        assert_eq!(name("Commission's visit"), None);
        // A peer's territorial designation is part of the name.
        assert_eq!(name("Lord Ahmad of Wimbledon said").as_deref(), Some("Ahmad of Wimbledon"));
        assert_eq!(name("Ana Diwan said").as_deref(), Some("Ana Diwan"));
        // A sentence's opening adverb without its comma is no given name.
        assert_eq!(name("Later Vera received him").as_deref(), None);
        assert_eq!(name("Separately Vera said").as_deref(), None);
        assert_eq!(name("Then Vera said").as_deref(), None);
        // A family name that is also a function word, before another name word only.
        assert_eq!(titled("President To Lam said").1.as_deref(), Some("To Lam"));
        assert_eq!(titled("President To Visit Lima").1, None);
    }

    #[test]
    fn a_body_named_in_full_is_the_complement() {
        assert_eq!(titled("Chairman of the National Emergency Crisis and Disasters Management Authority; Ana Vera").0, vec!["Chairman of the National Emergency Crisis and Disasters Management Authority"]);
        assert_eq!(titled("Minister of Foreign Affairs Ana Vera").0, vec!["Foreign Minister"]);
        // Unions, banks and programmes are bodies too: the name after them is the holder's.
        assert_eq!(titled("Chairman of the Ruritanian Postal Union Ana Vera"), (vec!["Chairman of the Ruritanian Postal Union".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("President of the Andean Shipping Bank Ana Vera").1.as_deref(), Some("Ana Vera"));
        assert_eq!(titled("Chief Executive Officer Dr Ana Vera"), (vec!["Chief Executive Officer".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Diplomatic Adviser to UAE President; Ana Vera").0, vec!["Diplomatic Adviser"]);
        assert_eq!(titled("the Assistant to the President and National Security Advisor, Ambassador Ana Vera").0, vec!["Assistant", "National Security Advisor"]);
        assert_eq!(titled("Climate Change Minister Ana Vera"), (vec!["Climate Change Minister".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("National Assembly Speaker Ana Vera"), (vec!["National Assembly Speaker".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Minister of Foreign Affairs and Worship Ana Vera").0, vec!["Minister of Foreign Affairs and Worship"]);
    }

    #[test]
    fn a_banks_group_is_the_bank() {
        let tp = phrase("African Development Bank Group President Ana Vera");
        assert_eq!((tp.titles[0].0.as_str(), format!("{:?}", tp.target).contains("AfDB")), ("President", true));
        assert_eq!(titled("President of the African Development Bank Group Ana Vera"), (vec!["President".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn of_state_without_the_is_the_office_and_the_state_of_x_is_a_style() {
        assert_eq!(titled("Secretary of State of the United States Ana Vera").0, vec!["Secretary of State"]);
        assert_eq!(titled("Emir of the State of Qatar Tamim Vera").0, vec!["Emir"]);
    }

    #[test]
    fn a_possessive_apostrophe_after_s_is_no_part_of_the_name() {
        for t in ["Defense Secretary James Mattis’ visit", "Defense Secretary James Mattis' visit", "Defense Secretary James Mattis’s visit"] {
            assert_eq!(titled(t).1.as_deref(), Some("James Mattis"), "{t}");
        }
    }

    #[test]
    fn a_name_in_capitals_is_given_as_prose_writes_it() {
        let t = "JULIE BISHOP-SMITH: Thanks.";
        let mut toks = Vec::new();
        crate::extract::text::tokenize(t, 0, t.len(), &mut toks);
        let colon = toks.iter().position(|x| x.low == ":").unwrap();
        assert_eq!(name_string(t, &toks, 0, colon), "Julie Bishop-Smith");
    }

    #[test]
    fn qualified_titles_are_kept_whole() {
        assert_eq!(titled("then-Chief Cabinet Secretary Tomas Soto said").0, vec!["Chief Cabinet Secretary"]);
        assert_eq!(titled("Chief Minister Tomas Soto said").0, vec!["Chief Minister"]);
        assert_eq!(titled("ex-President Tomas Soto said").0, vec!["Former President"]);
        assert_eq!(titled("Governor General Dame Ana Vera said"), (vec!["Governor General".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Federal Chancellor of Peru Ana Vera said").0, vec!["Federal Chancellor"]);
        assert_eq!(titled("White House economic adviser Ana Vera said").0, vec!["White House Economic Adviser"]);
        assert_eq!(titled("press secretary Ana Vera said").0, vec!["Press Secretary"]);
        let t = "White House Homeland Security Advisor Ana Vera said";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let target = parse_title_phrase(t, &toks, 0).unwrap().target;
        assert_eq!(format!("{target:?}"), "Some(State(CountryCode(US)))");
        assert_eq!(titled("Commission President Ana Vera said").0, vec!["Commission President"]);
        assert_eq!(titled("The Vice-Minister of Foreign Affairs, Ana Vera, said").0, vec!["Vice Foreign Minister"]);
        assert_eq!(titled("President of the Chamber of Deputies Ana Vera said").0, vec!["President of the Chamber of Deputies"]);
    }

    #[test]
    fn an_organ_of_an_organisation_stays_in_the_title_but_the_organisation_does_not() {
        assert_eq!(titled("President of the European Commission Ana Vera said").0, vec!["President of the European Commission"]);
        assert_eq!(titled("EU Commission President Ana Vera said").0, vec!["Commission President"]);
        assert_eq!(titled("Chairperson of the African Union Commission Ana Vera said"), (vec!["Chairperson of the African Union Commission".to_string()], Some("Ana Vera".to_string())));
        // A capitalised word may say which organ.
        assert_eq!(titled("President of the OSCE Parliamentary Assembly Ana Vera said"), (vec!["President of the OSCE Parliamentary Assembly".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Secretary-General of the United Nations Ana Vera said").0, vec!["Secretary-General"]);
        assert_eq!(titled("Secretary General of the Gulf Cooperation Council Ana Vera said").0, vec!["Secretary General"]);
        let (t, n) = titled("General-Secretary of the Organization for Economic Cooperation and Development (OECD) Ana Vera said");
        assert_eq!((t, n.as_deref()), (vec!["General-Secretary".to_string()], Some("Ana Vera")));
    }

    #[test]
    fn words_ending_in_an_institutions_noun_are_no_name() {
        assert_eq!(name("Middle Eastern Affairs Directorate said"), None);
        assert_eq!(name("National Security Council officials said"), None);
    }

    #[test]
    fn an_organ_named_before_its_organisation_serves_the_organisation() {
        let tp = phrase("Vice-President of the Commission of the African Union Ana Vera said");
        assert_eq!(tp.titles[0].0, "Vice-President of the Commission of the African Union");
        assert_eq!(format!("{:?}", tp.target), "Some(Org(\"AU\"))");
    }

    #[test]
    fn an_envoy_keeps_the_state_he_is_sent_to_and_drops_his_rank() {
        let (t, n) = titled("Ambassador Extraordinary and Plenipotentiary of Canada to Peru Ana Vera met him");
        assert_eq!((t, n.as_deref()), (vec!["Ambassador to Peru".to_string()], Some("Ana Vera")));
        assert_eq!(titled("Chilean Ambassador to the United States Ana Vera met him").0, vec!["Ambassador to the United States"]);
    }

    #[test]
    fn capitalised_words_before_an_event_noun_are_no_name() {
        assert_eq!(name("Golden Jubilee of Peru"), None);
        assert_eq!(name("Verification Mission in Peru"), None);
        assert_eq!(name("Ana Vera met him"), Some("Ana Vera".into()));
        // Family names in capitals after a given name or an initial (Japan's foreign ministry).
        assert_eq!(name("Kandhi A. ELIEISAR, Secretary"), Some("Kandhi A. ELIEISAR".into()));
        assert_eq!(name("Antony BLINKEN said"), Some("Antony BLINKEN".into()));
        assert_eq!(name("XINHUA reported"), None);
        assert_eq!(name("Africa and the Sudans"), None);
        assert_eq!(name("Peoples Dr Shane Reti said"), Some("Shane Reti".into()));
    }

    #[test]
    fn the_ministry_an_office_sits_in_is_not_part_of_its_title() {
        assert_eq!(titled("Acting State Secretary of the Ministry of Foreign Affairs Ana Vera met him").0, vec!["Acting State Secretary"]);
        assert_eq!(titled("Director of the Office of the Foreign Affairs Commission Ana Vera met him").0, vec!["Director of the Office of the Foreign Affairs Commission"]);
    }

    #[test]
    fn formal_styles_acronyms_and_bodies_named_by_acronym() {
        let phrase = |t: &str| {
            let mut toks = Vec::new();
            tokenize(t, 0, t.len(), &mut toks);
            let tp = parse_title_phrase(t, &toks, 0).unwrap();
            (tp.titles.into_iter().map(|x| x.0).collect::<Vec<_>>(), tp.target.map(|x| format!("{x:?}")), low(&toks, tp.end).to_string())
        };
        let (t, target, next) = phrase("Minister of Foreign Affairs of the Republic of Peru, Ana Vera, said");
        assert_eq!((t, next.as_str()), (vec!["Foreign Minister".to_string()], ","));
        assert!(target.unwrap().contains("PE"));
        let (t, target, next) = phrase("the chief of the Organization of American States (OAS), Ana Vera, said");
        assert_eq!((t, target.as_deref(), next.as_str()), (vec!["Chief".to_string()], Some("Org(\"OAS\")"), ","));
        assert_eq!(phrase("National Coordinator of PALC, Ana Vera, said").0, vec!["National Coordinator of Palc"]);
        assert_eq!(phrase("Spokesperson for PALC, Ana Vera, said").0, vec!["Spokesperson"]);
        assert_eq!(phrase("Spokesman of the Ministry of Foreign Affairs Ana Vera said").0, vec!["Spokesman"]);
        assert_eq!(phrase("Director of the Office of the PALC Central Committee").0, vec!["Director of the Office"]);
    }

    #[test]
    fn union_ministers_supreme_leaders_and_representatives_to_organisations() {
        assert_eq!(titled("Union Home Minister Ana Vera said").0, vec!["Union Home Minister"]);
        assert_eq!(titled("Minister of Foreign Affairs, Emigration and Peruvian Expatriates Ana Vera said"), (vec!["Minister of Foreign Affairs, Emigration and Peruvian Expatriates".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Minister of Foreign and Expatriates Affairs Ana Vera said").0, vec!["Minister of Foreign and Expatriates Affairs"]);
        assert_eq!(titled("Royal Hashemite Court Chief Ana Vera said").0, vec!["Royal Hashemite Court Chief"]);
        assert_eq!(titled("Amiri Diwan Chief Ana Vera said").0, vec!["Amiri Diwan Chief"]);
        assert_eq!(titled("Prime Minister and Ruler of Dubai Ana Vera said"), (vec!["Prime Minister".to_string(), "Ruler of Dubai".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("Supreme Leader Ana Vera said").0, vec!["Supreme Leader"]);
        assert!(titled("leader Ana Vera said").0.is_empty());
        assert_eq!(titled("Permanent Representative of Peru to the United Nations Ana Vera said"), (vec!["Permanent Representative to the United Nations".to_string()], Some("Ana Vera".to_string())));
    }

    #[test]
    fn styles_that_are_also_names_are_styles_only_before_a_full_name() {
        assert_eq!(name("U Tomas Vera spoke").as_deref(), Some("Tomas Vera"));
        assert_eq!(name("Daw Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Tun Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("U Vera spoke").as_deref(), Some("U Vera"));
    }

    #[test]
    fn head_is_an_office_only_of_a_named_body() {
        assert_eq!(titled("Head of the International Department of the Central Committee of the Peruvian Party").0, vec!["Head of the International Department"]);
        // "head of state" describes without a title.
        let t = "head of state Ana Vera";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert_eq!((tp.titles.len(), tp.heads), (0, vec!["state-head"]));
        let t = "the head of Peruvian diplomacy said";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert_eq!((tp.titles.len(), tp.heads, low(&toks, tp.end)), (0, vec!["diplomat"], "said"));
        assert!(format!("{:?}", tp.target).contains("PE"));
    }

    #[test]
    fn a_portfolio_of_fields_joined_by_and_is_one_title() {
        assert_eq!(titled("Science and Technology Minister Ana Vera said"), (vec!["Science and Technology Minister".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("International Relations and Cooperation Minister Ana Vera said").0, vec!["International Relations and Cooperation Minister"]);
        assert_eq!(titled("State Councilor and Foreign Minister Ana Vera said").0, vec!["State Councilor", "Foreign Minister"]);
    }

    #[test]
    fn capitalised_abbreviations_are_heads() {
        assert_eq!(titled("Peruvian PM Ana Vera said"), (vec!["Prime Minister".to_string()], Some("Ana Vera".to_string())));
        assert_eq!(titled("FM Ana Vera said").0, vec!["Foreign Minister"]);
        let t = "pm Ana Vera said";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        assert!(parse_title_phrase(t, &toks, 0).is_none(), "a lowercase pm is a time");
    }

    #[test]
    fn titles_joined_by_a_slash() {
        assert_eq!(titled("State Councilor/Minister of Foreign Affairs of Peru, Ana Vera, said").0, vec!["State Councilor", "Foreign Minister"]);
    }

    #[test]
    fn a_plural_title_lists_names_each_with_its_state() {
        let t = "Presidents Ana Vera of Chile, Tomas Soto of Peru and Eva Lind of Bolivia met";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        let names: Vec<String> = parse_name_list(t, &toks, tp.end, tp.plural, Gz::NONE).into_iter().map(|(a, b, _)| name_string(t, &toks, a, b)).collect();
        assert_eq!(names, vec!["Ana Vera", "Tomas Soto", "Eva Lind"]);
        let t = "Presidents Ana Vera of Chile and Tomas Soto, Minister of Peru, met";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert_eq!(parse_name_list(t, &toks, tp.end, tp.plural, Gz::NONE).len(), 1, "a name without its state is not in the list");
    }

    #[test]
    fn courtesy_styles_are_not_part_of_the_name() {
        assert_eq!(name("Datuk Seri Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Dato' Sri Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Tan Sri Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Samdech Techo Tomas Soto spoke").as_deref(), Some("Tomas Soto"));
        assert_eq!(name("Hon. Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("HH Sheikh Tomas bin Soto spoke").as_deref(), Some("Tomas bin Soto"));
        assert_eq!(name("Sir Tomas Soto spoke").as_deref(), Some("Tomas Soto"));
        assert_eq!(name("Madam Ana Vera spoke").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Dr A. K. Abdul Vera spoke").as_deref(), Some("A. K. Abdul Vera"));
        assert_eq!(name("Mr A. K. M. Abdul Vera spoke").as_deref(), Some("A. K. M. Abdul Vera"));
        assert_eq!(name("Alhaji Tomas Soto spoke").as_deref(), Some("Tomas Soto"));
        assert_eq!(name("Sheikh Tomas bin Soto spoke").as_deref(), Some("Tomas bin Soto"));
        assert_eq!(name("Tomas bin Soto bin Vera Al Lind met").as_deref(), Some("Tomas bin Soto bin Vera Al Lind"));
        // A surname that is also the first word of a style, and a style borne as a name.
        assert_eq!(name("Tan Wei Ming spoke").as_deref(), Some("Tan Wei Ming"));
        assert_eq!(name("Sheikh Vera spoke").as_deref(), Some("Sheikh Vera"));
        assert_eq!(name("Sri Vera Soto spoke").as_deref(), Some("Sri Vera Soto"));
        // Armed forces ranks written short, with their full stops; "Gen" alone is a given name.
        assert_eq!(name("Lt. Gen. Tomas Soto spoke").as_deref(), Some("Tomas Soto"));
        assert_eq!(name("Gen. Tomas Soto spoke").as_deref(), Some("Tomas Soto"));
        assert_eq!(name("Gen Soto spoke").as_deref(), Some("Gen Soto"));
    }

    #[test]
    fn the_principal_an_aide_serves_is_no_part_of_the_office() {
        let t = "the Chief of Staff to the President, Ana Vera";
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        let tp = parse_title_phrase(t, &toks, 0).unwrap();
        assert_eq!(tp.titles.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["Chief of Staff"]);
        assert_eq!(low(&toks, tp.end), ",");
    }

    #[test]
    fn a_ship_is_no_name() {
        assert_eq!(name("Elizabeth Aircraft Carrier, to the alliance").as_deref(), None);
        assert_eq!(name("Elizabeth Vera said").as_deref(), Some("Elizabeth Vera"));
    }

    #[test]
    fn post_nominal_letters_are_not_part_of_the_name() {
        assert_eq!(name("Dr Ana Vera MP met him").as_deref(), Some("Ana Vera"));
        assert_eq!(name("Ana Mp Vera met him").as_deref(), Some("Ana Mp Vera"));
    }
}
