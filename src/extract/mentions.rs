//! Mentions, pass 2: every reference to an official, state or group inside one
//! sentence — full names, surnames, descriptions ("the Kyrgyz president"),
//! pronouns, "the Chinese side", "the two sides". Runs while attribution walks
//! the article, so descriptions resolve against who was mentioned or spoke last.

use crate::domain::CountryCode;

use super::gazetteer::{PlaceKind, Target};
use super::officials::Registry;
use super::sentences::Sent;
use super::text::{lowercase_is, name_word, Tok};
use super::titles::*;

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
    /// Introduced as someone's "counterpart": holds the same office as the subject.
    pub peer: bool,
}

impl Hit {
    /// The state of an office holder the article never names ("The Prime Minister" in a
    /// government's own readout, "the Chinese Foreign Minister"), if this hit is one.
    pub fn unnamed_office_holder(&self, text: &str, sent: &Sent) -> Option<CountryCode> {
        match self.who {
            Who::State(c) if sent.title_phrase(text, self.ts).is_some() => Some(c),
            _ => None,
        }
    }
}

/// What pass 2 needs to know about the text read so far.
#[derive(Debug, Default)]
pub struct Ctx {
    pub last_speaker: Option<usize>,
    /// The first official named (not as a possessive) in the last sentence naming one.
    pub last_subject: Option<usize>,
    /// The state of the last institution named with its state ("Seoul's Foreign Ministry"),
    /// which a later bare "the ministry" means.
    pub last_institution: Option<CountryCode>,
    pub last_seen: Vec<usize>,
    pub sent_no: usize,
}

/// How many state words are joined by "and" or commas from token `k` ("Kazakh and Uzbek"),
/// and the token after the last of them.
fn coordinated_state_words(text: &str, toks: &[Tok], sent: &Sent, k: usize) -> (usize, usize) {
    let (mut states, mut end, mut j) = (0, k, k);
    while let Some(h) = sent.tpc.place(text, toks, j).filter(|h| matches!(h.entry.target, Target::State(_))) {
        states += 1;
        end = h.end;
        if !matches!(low(toks, end), "and" | ",") {
            break;
        }
        j = end + 1;
    }
    (states, end)
}

/// Wire copy's "the two men", "the two diplomats" name the parties together as well.
const GROUP_NOUNS: &[&str] = &[
    "sides", "parties", "leaders", "ministers", "presidents", "delegations", "countries", "heads", "men", "women", "diplomats", "envoys",
    "counterparts", "premiers", "chancellors", "secretaries", "dignitaries", "interlocutors", "statesmen", "nations", "chiefs",
];

/// Group nouns that name the parties even bare, opening a sentence ("Delegations considered
/// ...", "Leaders agreed ..."); other bare plurals there ("Countries", "Men") are general.
const BARE_GROUP_NOUNS: &[&str] = &["delegations", "leaders", "ministers", "sides", "parties"];

/// Nouns that name the parties together only when counted ("the two officials", "both
/// authorities"): uncounted, "the officials" or "the authorities" are often one side's.
const COUNTED_GROUP_NOUNS: &[&str] = &["officials", "authorities", "states", "governments"];

/// Words that may qualify a group noun ("the two prime ministers", "both top diplomats").
const GROUP_MODIFIERS: &[&str] = &["prime", "foreign", "defence", "defense", "top", "vice", "deputy"];

const SIDE_NOUNS: &[&str] = &["side", "government", "delegation", "leadership", "authorities"];

/// Institutions that speak for their state, as token sequences: "the Foreign Ministry",
/// "the Ministry of External Affairs", "the embassy", "a U.S. official". GUIDELINES: an
/// unnamed official's words are their state's statement.
const INSTITUTIONS: &[&[&str]] = &[
    &["ministry", "of", "foreign", "affairs"], &["ministry", "of", "external", "affairs"],
    &["department", "of", "foreign", "affairs"], &["foreign", "ministry"], &["foreign", "office"],
    &["state", "department"], &["ministry"], &["embassy"], &["consulate"], &["presidency"],
    &["official"], &["officials"], &["diplomat"], &["diplomats"], &["spokesperson"], &["spokesman"], &["spokeswoman"],
    // A foreign ministry by its initials: "MOFA", "the MFA", "the DFA", Pakistan's "the FO".
    &["mofa"], &["mfa"], &["dfa"], &["fo"],
];

/// Buildings and short names that stand for one state's government wherever they occur.
const SEATS: &[(&[&str], &str)] = &[
    (&["white", "house"], "US"), (&["state", "department"], "US"), (&["pentagon"], "US"), (&["kremlin"], "RU"),
    (&["downing", "street"], "GB"), (&["number", "10"], "GB"), (&["no", "10"], "GB"), (&["no.", "10"], "GB"),
    (&["elysee"], "FR"), (&["élysée"], "FR"), (&["quai", "d'orsay"], "FR"), (&["blue", "house"], "KR"),
    (&["itamaraty"], "BR"), (&["wisma", "putra"], "MY"), (&["south", "block"], "IN"),
    (&["ministry", "of", "external", "affairs"], "IN"), (&["mea"], "IN"), (&["dfat"], "AU"), (&["fcdo"], "GB"),
    // Foreign ministries whose names carry no state.
    (&["foreign", ",", "commonwealth", "&", "development", "office"], "GB"),
    (&["foreign", ",", "commonwealth", "and", "development", "office"], "GB"),
    (&["foreign", "and", "commonwealth", "office"], "GB"), (&["foreign", "&", "commonwealth", "office"], "GB"),
    (&["department", "of", "foreign", "affairs", "and", "trade"], "AU"), (&["global", "affairs", "canada"], "CA"),
    (&["federal", "foreign", "office"], "DE"),
    // Presidential palaces and foreign ministries the press names by their building, in
    // Latin American, Asian, African and European copy ("a Palacio San Martín statement",
    // "Malacañang said", "the Farnesina said").
    (&["casa", "rosada"], "AR"), (&["palacio", "san", "martín"], "AR"), (&["palacio", "san", "martin"], "AR"),
    (&["planalto"], "BR"), (&["los", "pinos"], "MX"), (&["la", "moneda"], "CL"), (&["casa", "de", "nariño"], "CO"),
    (&["casa", "de", "narino"], "CO"), (&["torre", "tagle"], "PE"), (&["miraflores", "palace"], "VE"),
    (&["palacio", "de", "miraflores"], "VE"), (&["carondelet"], "EC"), (&["malacañang"], "PH"), (&["malacanang"], "PH"),
    (&["aso", "rock"], "NG"), (&["union", "buildings"], "ZA"), (&["farnesina"], "IT"), (&["palazzo", "chigi"], "IT"),
    (&["moncloa"], "ES"), (&["akorda"], "KZ"), (&["ak", "orda"], "KZ"), (&["bankova"], "UA"), (&["foggy", "bottom"], "US"),
    (&["cheong", "wa", "dae"], "KR"), (&["kantei"], "JP"), (&["zhongnanhai"], "CN"),
];

/// The tokens an institution phrase at `k` spans, with a spokesperson or statement of
/// it ("the Foreign Ministry spokesperson", "a ministry statement").
fn institution_len(toks: &[Tok], k: usize) -> Option<usize> {
    // Checked at many tokens: one match on the first word before any phrase is compared.
    if !opens_institution(low(toks, k)) {
        return None;
    }
    let n = INSTITUTIONS.iter().find(|words| words.iter().enumerate().all(|(j, w)| low(toks, k + j) == *w))?.len();
    let tail = matches!(low(toks, k + n), "spokesperson" | "spokesman" | "spokeswoman" | "statement");
    Some(n + if tail { 1 } else { press_service(toks, k + n) })
}

/// "the Kremlin press service", "the ministry's press office": the tokens of a press
/// service after an institution at `j` (0 when none).
fn press_service(toks: &[Tok], j: usize) -> usize {
    // "the Presidential Press Unit" (Uganda), "the press secretariat".
    if low(toks, j) == "press" && matches!(low(toks, j + 1), "service" | "office" | "department" | "unit" | "secretariat") {
        2
    } else {
        0
    }
}

/// The first words of `INSTITUTIONS` (a test keeps the two in step).
fn opens_institution(w: &str) -> bool {
    matches!(
        w,
        "ministry" | "department" | "foreign" | "state" | "embassy" | "consulate" | "presidency" | "official" | "officials"
            | "diplomat" | "diplomats" | "spokesperson" | "spokesman" | "spokeswoman" | "mofa" | "mfa" | "dfa" | "fo"
    )
}

/// The office of a head of state or government at `k`, which speaks for the state as a
/// ministry does: "the presidential office" (Seoul's, Kyiv's), "the presidential press
/// service", "the PMO", "the Office of the President". With the office it serves.
fn principal_office(toks: &[Tok], k: usize) -> Option<(usize, &'static str)> {
    match low(toks, k) {
        "presidential" => {
            let n = match low(toks, k + 1) {
                "office" | "palace" | "administration" | "secretariat" | "spokesperson" | "spokesman" | "spokeswoman" => 1,
                _ => press_service(toks, k + 1),
            };
            (n > 0).then_some((1 + n, "president"))
        }
        "pmo" => Some((1, "prime minister")),
        // "the president's office", "the Prime Minister's Media Office".
        "president's" => owned_office(toks, k + 1).map(|n| (1 + n, "president")),
        "prime" if low(toks, k + 1) == "minister's" => owned_office(toks, k + 2).map(|n| (2 + n, "prime minister")),
        "office" if low(toks, k + 1) == "of" && low(toks, k + 2) == "the" => match (low(toks, k + 3), low(toks, k + 4)) {
            ("president", _) => Some((4, "president")),
            ("prime", "minister") => Some((5, "prime minister")),
            _ => None,
        },
        _ => None,
    }
}

/// "office", "press office", "media division" after a principal's possessive: its length.
fn owned_office(toks: &[Tok], j: usize) -> Option<usize> {
    let lead = usize::from(matches!(low(toks, j), "press" | "media"));
    (matches!(low(toks, j + lead), "office" | "secretariat" | "division") || (lead == 1 && low(toks, j + 1) == "service")).then_some(lead + 1)
}

/// The one state whose officials here hold the office `head` names ("president", "prime
/// minister"); none when no one or officials of several states do.
fn principal_state(reg: &Registry, head: &str) -> Option<CountryCode> {
    let mut states = reg.offs.iter().filter(|o| o.titles.iter().any(|t| t.0.eq_ignore_ascii_case(head))).filter_map(|o| o.country);
    let first = states.next()?;
    states.all(|c| c == first).then_some(first)
}

/// The first words of `SEATS` (a test keeps the two in step).
fn opens_seat(w: &str) -> bool {
    matches!(
        w,
        "white" | "state" | "pentagon" | "kremlin" | "downing" | "number" | "no" | "no." | "elysee" | "élysée" | "quai"
            | "blue" | "itamaraty" | "wisma" | "south" | "ministry" | "mea" | "dfat" | "fcdo" | "foreign" | "department"
            | "global" | "federal" | "casa" | "palacio" | "planalto" | "los" | "la" | "torre" | "miraflores" | "carondelet"
            | "malacañang" | "malacanang" | "aso" | "union" | "farnesina" | "palazzo" | "moncloa" | "akorda" | "ak" | "bankova"
            | "foggy" | "cheong" | "kantei" | "zhongnanhai"
    )
}

/// A seat of government at `k` ("the Kremlin", "Downing Street") and its state.
fn seat(text: &str, toks: &[Tok], k: usize) -> Option<(usize, CountryCode)> {
    let first = toks.get(k)?;
    if !first.is_cap(text) || !opens_seat(first.stem()) {
        return None;
    }
    SEATS.iter().find_map(|(words, code)| {
        let hit = words.iter().enumerate().all(|(j, w)| toks.get(k + j).is_some_and(|t| t.stem() == *w));
        hit.then(|| (words.len(), CountryCode::parse(code).expect("seat codes are states")))
    })
}

/// "a press statement issued by X", "a tweet shared by X", "a statement from X": where the
/// issuer's name starts, after the document that opens at `j` with its article.
pub(super) fn document_issuer(toks: &[Tok], j: usize) -> Option<usize> {
    if !matches!(low(toks, j), "a" | "the") {
        return None;
    }
    let mut k = j + 1;
    if matches!(low(toks, k), "joint" | "written" | "brief" | "short" | "press" | "official") {
        k += 1;
    }
    if !matches!(low(toks, k), "statement" | "readout" | "release" | "communique" | "communiqué" | "post" | "tweet" | "document") {
        return None;
    }
    k += 1;
    if matches!(low(toks, k), "issued" | "released" | "published" | "posted" | "shared") {
        k += 1;
    }
    matches!(low(toks, k), "by" | "from" | "of").then_some(k + 1)
}

/// The saying verb at `k`, past a day and an adverb before it ("... on Monday also said").
fn verb_past_adjuncts(toks: &[Tok], mut k: usize) -> Option<usize> {
    if low(toks, k) == "on" && super::lexicon::WEEKDAYS.contains(&low(toks, k + 1)) {
        k += 2;
    }
    if matches!(low(toks, k), "today" | "yesterday" | "earlier" | "also") {
        k += 1;
    }
    if low(toks, k) == "also" {
        k += 1;
    }
    matches!(low(toks, k), "said" | "says" | "added" | "adds" | "stated" | "noted" | "read" | "reads").then_some(k)
}

/// An institution named without its state ("The Ministry of Foreign Affairs said",
/// "a ministry spokesperson"): the state an "of <State>" after it names, else that of
/// the institution named last with its state (`last`), else the article's own (its
/// publisher's, else its dateline's). Capitalised, or "the ministry" / "a spokesperson"
/// right after an article, so common nouns in passing ("officials from several
/// countries") are not read as a speaker.
fn bare_institution(text: &str, toks: &[Tok], i: usize, sent: &Sent, reg: &Registry, last: Option<CountryCode>) -> Option<(usize, usize, CountryCode)> {
    let k = if matches!(low(toks, i), "the" | "a" | "an") { i + 1 } else { i };
    // Checked at every token: a capitalised word or one after an article, else nothing to compare.
    // "according to ministry officials": a source named as such, lowercase or not.
    let sourced = || i >= 2 && low(toks, i - 1) == "to" && low(toks, i - 2) == "according";
    if k == i && !toks[k].is_cap(text) && !sourced() {
        return None;
    }
    if let Some((n, c)) = seat(text, toks, k) {
        // "a Downing Street spokesperson", "a Kremlin statement", "White House officials".
        let tail = matches!(low(toks, k + n), "spokesperson" | "spokesman" | "spokeswoman" | "statement" | "official" | "officials");
        return Some((i, k + n + if tail { 1 } else { press_service(toks, k + n) }, c));
    }
    // '“...,” the statement added', "According to the statement, ...": the document of the
    // institution that spoke last.
    let document = matches!(low(toks, k), "statement" | "readout" | "communique" | "release" | "document");
    // "the document also mentioned": an adverb may stand before the verb.
    let v = if matches!(low(toks, k + 1), "also" | "further") { k + 2 } else { k + 1 };
    if k == i + 1 && document && (matches!(low(toks, v), "added" | "said" | "noted" | "read" | "stated" | "continued" | "adds" | "says" | "mentioned") || (sourced() && low(toks, k + 1) == ",")) {
        return last.map(|c| (i, k + 1, c));
    }
    // '“...,” a statement from State House said', "A press statement issued by the Ministry
    // of Foreign Affairs said", "A press release by the White House on Monday also said": the
    // document and its issuer, one voice.
    if let Some(at) = document_issuer(toks, i) {
        let j = if low(toks, at) == "the" { at + 1 } else { at };
        // "... from the Kenyan Foreign Ministry": a state's institution.
        let of_state = || {
            let h = sent.tpc.place(text, toks, j)?;
            let Target::State(c) = h.entry.target else { return None };
            institution_len(toks, h.end).map(|n| (j, h.end + n, c))
        };
        // Only as the subject of its verb: "according to a statement from X" and "said a
        // statement of X" name the source after the document, where it is read on its own.
        return bare_institution(text, toks, at, sent, reg, last).or_else(of_state).and_then(|(_, te, c)| verb_past_adjuncts(toks, te).map(|v| (i, v, c)));
    }
    // "the Kazakh leader's press service", "the Peruvian president's office": the state named.
    if let Some(h) = sent.tpc.place(text, toks, k).filter(|h| h.entry.kind == PlaceKind::Adjective) {
        if let Target::State(c) = h.entry.target {
            let j = h.end;
            let n = match low(toks, j) {
                "leader's" | "premier's" => owned_office(toks, j + 1).map(|n| n + 1),
                // The principal's own possessive forms, read as principal_office reads them.
                "president's" | "prime" => principal_office(toks, j).map(|(n, _)| n),
                _ => None,
            };
            if let Some(n) = n {
                return Some((i, j + n, c));
            }
        }
    }
    // "a statement from State House said": the presidency of Kenya, Uganda, Nigeria and
    // others, whose president the story names first.
    if low(toks, k) == "state" && low(toks, k + 1) == "house" && toks[k].is_cap(text) && toks[k + 1].is_cap(text) {
        let c = reg.state_house_state().or(reg.home)?;
        return Some((i, k + 2 + press_service(toks, k + 2), c));
    }
    if let Some((n, head)) = principal_office(toks, k) {
        let c = principal_state(reg, head).or(last).or(reg.publisher).or(reg.home)?;
        return Some((i, k + n, c));
    }
    let n = institution_len(toks, k)?;
    let plain_noun = matches!(low(toks, k), "official" | "officials" | "diplomat" | "diplomats");
    // "the Ministry of Foreign Affairs (MOFA)": the initials in brackets only spell out
    // the institution just named.
    if k > 0 && low(toks, k - 1) == "(" {
        return None;
    }
    // "..., a senior Chinese official said. ..., the official added": the one told of last.
    if plain_noun && low(toks, i) == "the" {
        return last.map(|c| (i, k + n, c));
    }
    if plain_noun || (k == i && !toks[k].is_cap(text) && !sourced()) {
        return None;
    }
    let of_state = (low(toks, k + n) == "of")
        .then(|| sent.tpc.place(text, toks, k + n + 1))
        .flatten()
        .and_then(|h| match h.entry.target {
            Target::State(c) => Some((h.end, c)),
            _ => None,
        });
    match of_state {
        Some((end, c)) => Some((i, end, c)),
        None => {
            let foreign_ministry = toks[k..k + n].iter().any(|t| matches!(t.low.as_str(), "foreign" | "external" | "mofa" | "mfa" | "dfa" | "fo"));
            // "NEW YORK: ... According to the Foreign Office statement": a correspondent's
            // dateline abroad names no ministry's state unless one of the officials serves it.
            let home = reg.home.filter(|h| !foreign_ministry || reg.offs.iter().any(|o| o.country == Some(*h)));
            last.or(reg.publisher).or(home).or_else(|| reg.foreign_office_state().filter(|_| foreign_ministry)).map(|c| (i, k + n, c))
        }
    }
}

/// Two different officials whose names the capitalised hyphenated word `t` joins
/// ("Kishida-Biden", "Putin-Trump").
fn joined_pair(text: &str, t: &Tok, reg: &Registry) -> Option<(usize, usize)> {
    if !t.is_cap(text) || !t.low.contains('-') {
        return None;
    }
    let (x, y) = t.stem().split_once('-')?;
    let (a, b) = (reg.key_lookup(x)?, reg.key_lookup(y)?);
    (a != b).then_some((a, b))
}

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
pub fn find(text: &str, sent: &Sent, reg: &Registry, ctx: &mut Ctx) -> (Vec<Hit>, Vec<NewTitles>) {
    use crate::domain::MentionKind as K;
    let toks = &sent.toks;
    let mut out: Vec<Hit> = Vec::new();
    let mut new_titles = Vec::new();
    let mut i = 0;
    // The end of an office phrase that named no one: the words inside it are not an
    // office of their own ("the foreign minister" is no "minister" for a Prime Minister).
    let mut inside_unresolved = 0;
    while i < toks.len() {
        if let Some(tp) = sent.title_phrase(text, i).filter(|_| i >= inside_unresolved) {
            let mut j = tp.end;
            if low(toks, j) == "," && !super::titles::fronted_participle_object(toks, i) && parse_name(text, toks, j + 1).is_some_and(|(a, _, _)| match_name(toks, a, reg, ctx).is_some()) {
                j += 1;
            }
            let names = parse_name_list(text, toks, j, tp.plural, Gz(Some(&sent.tpc)));
            let mut matched = false;
            for (a, b, poss) in &names {
                if let Some((idx, e, kind)) = match_name(toks, *a, reg, ctx) {
                    let ts = if matched { *a } else { i };
                    // "her Saudi counterpart His Highness Prince Faisal": the prince is the peer.
                    let peer = tp.heads.iter().all(|h| matches!(*h, "prince" | "princess")) && styled_after_counterpart(toks, i);
                    out.push(Hit { ts, ms: *a, te: e.max(*b), who: Who::Off(idx), kind, possessive: *poss, peer });
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
                // A description points back: an office holder not yet named yields to
                // an untitled official already named (see `resolve_to_untitled`).
                let untitled = resolve_to_untitled(tp, reg, ctx, &out);
                // "He ... told the President": a pronoun opening the sentence stands for the
                // last speaker (else the last subject), so the description after it is
                // someone else where it can be.
                let pronoun_subject = out.iter().any(|h| h.who == Who::Pronoun && h.ts <= 2);
                // "His Highness the Amir thanked Qatar's Amir Sheikh Tamim": one named later in
                // the sentence is someone else than the description, where another fits it.
                let named_later = |o: usize| toks[tp.end..].iter().any(|t| t.is_cap(text) && reg.key_lookup(t.stem()) == Some(o));
                let described = resolve_description(tp, reg, ctx, pronoun_subject, &named_later).filter(|&o| untitled.is_none() || ctx.last_seen[o] > 0 || out.iter().any(|h| h.who == Who::Off(o)));
                if let Some(idx) = described {
                    let poss = toks[tp.end - 1].is_possessive();
                    let peer = tp.heads.contains(&"counterpart");
                    out.push(Hit { ts: i, ms: i, te: tp.end, who: Who::Off(idx), kind: K::Description, possessive: poss, peer });
                    let o = &reg.offs[idx];
                    let same_state = matches!(tp.target, Some(Target::State(c)) if o.country == Some(c));
                    let shares = tp.titles.iter().any(|t| o.titles.iter().any(|x| x.0 == t.0));
                    if same_state && shares && tp.titles.len() > 1 {
                        new_titles.push((idx, tp.titles.clone()));
                    }
                    // Known to hold the office but titled otherwise ("Senator Wong" ... "the
                    // foreign minister"): the text has now given that office too.
                    if !shares && holds_described_office(o, tp) {
                        new_titles.push((idx, tp.titles.clone()));
                    }
                    // ", who is also the State Councillor,"
                    if let Some(extra) = who_is_also(text, toks, tp.end) {
                        new_titles.push((idx, extra));
                    }
                    i = tp.end;
                    continue;
                }
                // "Vladimir Putin had a call ... the President of Russia briefed ...": the
                // office no one named holds is the untitled official's, who takes it.
                if let Some(idx) = untitled {
                    let poss = toks[tp.end - 1].is_possessive();
                    out.push(Hit { ts: i, ms: i, te: tp.end, who: Who::Off(idx), kind: K::Description, possessive: poss, peer: false });
                    new_titles.push((idx, tp.titles.clone()));
                    i = tp.end;
                    continue;
                }
                // An office holder the article never names speaks for their state
                // (GUIDELINES, "Unnamed officials"): "the Chinese Foreign Minister", and in a
                // government's own readout "The President".
                if let Some(c) = unnamed_holders_state(tp, reg) {
                    let poss = toks[tp.end - 1].is_possessive();
                    out.push(Hit { ts: i, ms: i, te: tp.end, who: Who::State(c), kind: K::Description, possessive: poss, peer: false });
                    i = tp.end;
                    continue;
                }
                if !tp.titles.is_empty() {
                    inside_unresolved = tp.end;
                }
            }
        }
        let t = &toks[i];
        // "the Kishida-Biden talks": two officials' family names joined name both.
        if let Some((a, b)) = joined_pair(text, t, reg) {
            for o in [a, b] {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Off(o), kind: K::Surname, possessive: t.is_possessive(), peer: false });
            }
            i += 1;
            continue;
        }
        if let Some((idx, e, kind)) = if t.is_cap(text) { match_name(toks, i, reg, ctx) } else { None } {
            out.push(Hit { ts: i, ms: i, te: e, who: Who::Off(idx), kind, possessive: toks[e - 1].is_possessive(), peer: false });
            i = e;
            continue;
        }
        match t.low.as_str() {
            "he" | "she" if !t.has(super::lexicon::F_HONORIFIC) => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Pronoun, kind: K::Pronoun, possessive: false, peer: false });
                i += 1;
                continue;
            }
            // "His Highness added ...", "Her Excellency noted ...": a style standing alone
            // refers back like a pronoun (Gulf and royal-court style); before a name it is
            // only a courtesy ("His Highness Sheikh X").
            "his" | "her" if matches!(low(toks, i + 1), "highness" | "majesty" | "excellency") && !toks.get(i + 2).is_some_and(|n| n.is_cap(text) && n.is_word()) => {
                // "His Highness the Amir prayed ...": before an office the style is a courtesy
                // too, and the office says who is meant.
                if low(toks, i + 2) == "the" && sent.title_phrase(text, i + 2).is_some() {
                    i += 2;
                    continue;
                }
                out.push(Hit { ts: i, ms: i, te: i + 2, who: Who::Pronoun, kind: K::Pronoun, possessive: false, peer: false });
                i += 2;
                continue;
            }
            // "..., it added": an institution quoted before ("the Ministry of Foreign
            // Affairs said") speaks again.
            "it" if toks.get(i + 1).is_some_and(|n| n.has(super::lexicon::F_VERB)) && ctx.last_institution.is_some() => {
                let c = ctx.last_institution.expect("checked");
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::State(c), kind: K::Pronoun, possessive: false, peer: false });
                i += 1;
                continue;
            }
            // "In his words, ...", "In her view, ...": the speaker's own account follows.
            "his" | "her" if i == 1 && low(toks, 0) == "in" && super::attribution::in_own_words(toks, 0) => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Pronoun, kind: K::Pronoun, possessive: false, peer: false });
                i += 1;
                continue;
            }
            // "According to him, ...": the object pronoun of the attribution.
            "him" | "her" if i >= 2 && low(toks, i - 1) == "to" && low(toks, i - 2) == "according" => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Pronoun, kind: K::Pronoun, possessive: false, peer: false });
                i += 1;
                continue;
            }
            "they" => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::They, kind: K::Pronoun, possessive: false, peer: false });
                i += 1;
                continue;
            }
            w if i == 0 && BARE_GROUP_NOUNS.contains(&w) => {
                out.push(Hit { ts: i, ms: i, te: i + 1, who: Who::Group, kind: K::Description, possessive: false, peer: false });
                i += 1;
                continue;
            }
            "the" | "both" => {
                if let Some((end, o)) = (t.low == "the").then(|| org_official(text, sent, i, reg)).flatten() {
                    out.push(Hit { ts: i, ms: i, te: end, who: Who::Off(o), kind: K::Description, possessive: toks[end - 1].is_possessive(), peer: false });
                    i = end;
                    continue;
                }
                let mut k = i + 1;
                let counted = t.low == "both" || matches!(low(toks, k), "two" | "three" | "both");
                if matches!(low(toks, k), "two" | "three" | "both") {
                    k += 1;
                }
                let group_noun = |w: &str| GROUP_NOUNS.contains(&w) || (counted && COUNTED_GROUP_NOUNS.contains(&w));
                // "the Kazakh and Uzbek foreign ministers": the parties' states before the noun.
                let (states, after) = coordinated_state_words(text, toks, sent, k);
                if states >= 2 && (group_noun(low(toks, after)) || (GROUP_MODIFIERS.contains(&low(toks, after)) && group_noun(low(toks, after + 1)))) {
                    k = after;
                }
                if GROUP_MODIFIERS.contains(&low(toks, k)) && group_noun(low(toks, k + 1)) {
                    k += 1;
                }
                if group_noun(low(toks, k)) && !toks[k].is_possessive() {
                    let e = if low(toks, k) == "heads" && low(toks, k + 1) == "of" { k + 3 } else { k + 1 };
                    out.push(Hit { ts: i, ms: i, te: e.min(toks.len()), who: Who::Group, kind: K::Description, possessive: false, peer: false });
                    i = e;
                    continue;
                }
            }
            _ => {}
        }
        if let Some((ts, te, c)) = bare_institution(text, toks, i, sent, reg, ctx.last_institution) {
            ctx.last_institution = Some(c);
            // "the Ministry of Foreign Affairs (MFA) said": its initials belong to it.
            let te = super::titles::skip_acronym(text, toks, te);
            out.push(Hit { ts, ms: ts, te, who: Who::State(c), kind: K::Description, possessive: toks[te - 1].is_possessive(), peer: false });
            i = te;
            continue;
        }
        if let Some(h) = sent.tpc.place(text, toks, i) {
            if let Target::State(c) = h.entry.target {
                // "China's Foreign Ministry", "the Indian embassy", "a U.S. official".
                if let Some(n) = institution_len(toks, h.end) {
                    ctx.last_institution = Some(c);
                    // "a senior Chinese official": the phrase opens at its article.
                    let mut ts = i;
                    while ts > 0 && matches!(low(toks, ts - 1), "senior" | "top" | "high-ranking" | "high-level" | "unnamed" | "anonymous") {
                        ts -= 1;
                    }
                    let ts = if ts > 0 && matches!(low(toks, ts - 1), "the" | "a" | "an") { ts - 1 } else { ts };
                    let te = super::titles::skip_acronym(text, toks, h.end + n);
                    out.push(Hit { ts, ms: ts, te, who: Who::State(c), kind: K::Description, possessive: toks[te - 1].is_possessive(), peer: false });
                    i = te;
                    continue;
                }
                let side = SIDE_NOUNS.contains(&low(toks, h.end)) && !h.possessive;
                let named = matches!(h.entry.kind, PlaceKind::Name | PlaceKind::Capital);
                if side || (named && !is_title_start(toks, h.end)) {
                    let ts = if i > 0 && low(toks, i - 1) == "the" { i - 1 } else { i };
                    let te = if side { h.end + 1 } else { h.end };
                    let poss = if side { toks[h.end].is_possessive() } else { h.possessive };
                    out.push(Hit { ts, ms: ts, te, who: Who::State(c), kind: K::Description, possessive: poss, peer: false });
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
fn match_name(toks: &[Tok], i: usize, reg: &Registry, ctx: &Ctx) -> Option<(usize, usize, crate::domain::MentionKind)> {
    use crate::domain::MentionKind as K;
    let mut best: Option<(usize, usize)> = None;
    let t = toks.get(i)?;
    let st0 = &*name_word(t);
    // Most capitalised words are in no official's name: one look-up settles them.
    if reg.bearers_of(st0).is_empty() {
        return None;
    }
    // Registry::finalize indexes the longer names by their first token.
    for &idx in reg.full_names_from(st0) {
        let o = &reg.offs[idx];
        let n = o.key.len();
        if i + n <= toks.len()
            && toks[i + 1..i + n].iter().zip(&o.key[1..]).all(|(t, k)| name_word(t) == k.as_str())
            && best.is_none_or(|(_, e)| i + n > e)
        {
            best = Some((idx, i + n));
        }
    }
    if let Some((idx, e)) = best {
        return Some((idx, e, K::FullName));
    }
    // A particle opening the surname ("Al Bashir", "de Klerk") stands for no one alone:
    // the word after it names the official, and the particle belongs to that name.
    let idx = match reg.key_lookup(st0).or_else(|| shared_name_word(st0, reg, ctx)) {
        Some(idx) => idx,
        None => {
            let next = name_word(toks.get(i + 1)?);
            let idx = reg.key_lookup(&next).or_else(|| shared_name_word(&next, reg, ctx))?;
            if !reg.offs[idx].key.iter().any(|k| k == st0) {
                return None;
            }
            idx
        }
    };
    // Extend over further words of the same name ("Sosa Lunda", "De la Fuente").
    let mut e = i + 1;
    while e < toks.len() && {
        let st = name_word(&toks[e]);
        reg.offs[idx].key.iter().any(|k| *k == st)
    } {
        e += 1;
    }
    let kind = if reg.offs[idx].key.len() == 1 { K::FullName } else { K::Surname };
    Some((idx, e, kind))
}

/// "Wang said" where "Wang Yi" and "Wang Jairui" both bear the word: of those the text
/// has introduced by this sentence, the one named last (none on a tie).
fn shared_name_word(w: &str, reg: &Registry, ctx: &Ctx) -> Option<usize> {
    // An initial or a function word ("A statement said ..." beside "A. K. Abdul Momen") names no one.
    if w.len() <= 1 || super::lexicon::has(w, super::lexicon::F_STOP | super::lexicon::F_PARTICLE) {
        return None;
    }
    let introduced = reg.bearers_of(w).iter().copied().filter(|&o| reg.offs[o].first.0 < ctx.sent_no);
    let seen = |o: usize| ctx.last_seen.get(o).copied().unwrap_or(0);
    let best = introduced.clone().max_by_key(|&o| seen(o))?;
    (introduced.clone().count() == 1 || introduced.filter(|&o| seen(o) == seen(best)).count() == 1).then_some(best)
}

/// "The Prime Minister held a call with Italian Prime Minister X": a description before
/// the first naming of X in its own sentence is someone else.
fn named_after(o: &super::officials::OffBuild, tp: &TitlePhrase, ctx: &Ctx) -> bool {
    o.first.0 + 1 == ctx.sent_no && o.first.1 >= tp.end
}

/// Whether `title` is a state's head of state (`state`) or head of government: "President",
/// "King", "Emir" / "Prime Minister", "Premier", "Chancellor" — not "Vice President" nor
/// "President of the Senate".
pub(super) fn is_top_office_of(title: &str, state: bool) -> bool {
    let heads: &[&str] = if state { &["President", "State President", "King", "Queen", "Emir", "Amir", "Sultan", "Emperor"] } else { &["Prime Minister", "Premier", "Chancellor", "Federal Chancellor"] };
    heads.contains(&title) || heads.iter().any(|h| title.strip_prefix(h).is_some_and(|rest| rest.starts_with(" of ") && !rest.contains(" the ")))
}

/// "the Cabinet Secretary" for "Cabinet Secretary for Foreign and Diaspora Affairs": the
/// office without its complement (`short` is lowercase).
fn shortens_title(full: &str, short: &str) -> bool {
    full.len() > short.len()
        && full.is_char_boundary(short.len())
        && lowercase_is(&full[..short.len()], short)
        && [" of ", " for ", " to "].iter().any(|c| full[short.len()..].starts_with(c))
}

/// "the Vice Minister" for the "Vice Foreign Minister", "the Deputy Minister" for the
/// "Deputy Trade Minister": a rank and its head with the portfolio left out.
fn elides_portfolio(full: &str, short: &str) -> bool {
    let (Some((rank, head)), mut words) = (short.split_once(' '), full.split(' ')) else { return false };
    let ranked = matches!(rank, "vice" | "deputy" | "assistant" | "first" | "senior" | "under");
    ranked && !head.contains(' ') && words.next().is_some_and(|w| lowercase_is(w, rank)) && words.clone().count() >= 2 && words.next_back().is_some_and(|w| lowercase_is(w, head))
}

/// "The ASEAN official congratulated Vietnam": an organisation's official, when the article
/// names one official of it; the end of the description and that official.
fn org_official(text: &str, sent: &Sent, i: usize, reg: &Registry) -> Option<(usize, usize)> {
    let toks = &sent.toks;
    let h = sent.tpc.place(text, toks, i + 1)?;
    let Target::Org(g) = &h.entry.target else { return None };
    if !matches!(toks.get(h.end).map(|t| t.stem()), Some("official" | "chief")) {
        return None;
    }
    let mut of_org = (0..reg.offs.len()).filter(|&o| reg.offs[o].org.as_deref() == Some(*g));
    let (Some(o), None) = (of_org.next(), of_org.next()) else { return None };
    Some((h.end + 1, o))
}

/// Offices whose holder is their state's top diplomat.
const TOP_DIPLOMATS: &[&str] = &["Foreign Minister", "Foreign Secretary", "Secretary of State", "Foreign Affairs Minister"];

/// A canonical title some state gives its foreign minister.
pub(super) fn is_top_diplomat(title: &str) -> bool {
    TOP_DIPLOMATS.contains(&title) || title == "External Affairs Minister"
}

/// "the Kyrgyz president" → the Kyrgyz official holding a presidency; ties go
/// to the last speaker, then to whoever was mentioned most recently.
fn resolve_description(tp: &TitlePhrase, reg: &Registry, ctx: &Ctx, after_pronoun_subject: bool, named_later: &dyn Fn(usize) -> bool) -> Option<usize> {
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
            // Cheapest test first: most officials serve another state.
            if !country_ok {
                return false;
            }
            if named_after(o, tp, ctx) {
                return false;
            }
            let head_ok = tp.heads.iter().any(|h| {
                // "his Cuban counterpart": whoever serves that state, office unknown yet.
                if *h == "counterpart" {
                    tp.target.is_some()
                } else if *h == "diplomat" {
                    // "the head of Cuban diplomacy", "the top diplomat": the foreign minister.
                    o.heads.contains(h) || o.titles.iter().any(|t| TOP_DIPLOMATS.contains(&t.0.as_str()))
                } else if *h == "state-head" || *h == "government-head" {
                    // Or one introduced by the description itself ("Head of State X").
                    o.heads.contains(h) || o.titles.iter().any(|t| is_top_office_of(&t.0, *h == "state-head"))
                } else if *h == "leader" {
                    o.heads.iter().any(|x| LEADER_HEADS.contains(x)) || o.heads.contains(&"leader")
                } else {
                    // Offices given later ("the President of Russia" for an untitled Putin) add no heads.
                    o.heads.contains(h) || o.titles.iter().any(|t| t.0.split(' ').any(|w| lowercase_is(w, h)))
                }
            });
            // Known from the dictionary to hold the office, or titled so in the text.
            holds_described_office(o, tp)
                || (head_ok
                    && (titles.is_empty()
                        || titles.iter().any(|t| o.titles.iter().any(|x| lowercase_is(&x.0, t) || shortens_title(&x.0, t) || elides_portfolio(&x.0, t)))
                        || titles.iter().all(|t| t.split(' ').count() == 1)))
        })
        .collect();
    // "the Cuban diplomat" for an ambassador, "the Guatemalan representative" for a
    // foreign minister: a generic word for whoever represents that state, when no holder of
    // a top diplomat's office or of that title is named.
    let cands = if cands.is_empty() && tp.heads.iter().any(|h| matches!(*h, "diplomat" | "representative")) {
        match &tp.target {
            Some(Target::State(c)) => (0..reg.offs.len()).filter(|&i| reg.offs[i].country == Some(*c) && !reg.offs[i].titles.is_empty() && !named_after(&reg.offs[i], tp, ctx)).collect(),
            _ => cands,
        }
    } else {
        cands
    };
    if cands.is_empty() {
        return None;
    }
    // "the president": a President before a "President of the Senate".
    let exact: Vec<usize> = cands.iter().copied().filter(|&i| titles.iter().any(|t| reg.offs[i].titles.iter().any(|x| lowercase_is(&x.0, t)))).collect();
    let cands = if exact.is_empty() { cands } else { exact };
    // "the Head of State": the one introduced by that very description ("Head of State X")
    // before a President of another state.
    let described: Vec<usize> = cands.iter().copied().filter(|&i| tp.heads.iter().any(|h| matches!(*h, "state-head" | "government-head") && reg.offs[i].heads.contains(h))).collect();
    let cands = if described.is_empty() { cands } else { described };
    // Only a choice between several needs the rest of the sentence read.
    let unnamed_here: Vec<usize> = if cands.len() > 1 { cands.iter().copied().filter(|&i| !named_later(i)).collect() } else { Vec::new() };
    let cands = if unnamed_here.is_empty() { cands } else { unnamed_here };
    let others: Vec<usize> = cands.iter().copied().filter(|&i| Some(i) != ctx.last_speaker.or(ctx.last_subject)).collect();
    let cands = if after_pronoun_subject && !others.is_empty() { others } else { cands };
    if let Some(s) = ctx.last_speaker.filter(|s| cands.contains(s)) {
        return Some(s);
    }
    cands.iter().copied().max_by_key(|&i| (ctx.last_seen.get(i).copied().unwrap_or(0), usize::MAX - i))
}

/// Whether the actor dictionary says `o` held, on the article's day, the office the
/// description names.
fn holds_described_office(o: &super::officials::OffBuild, tp: &TitlePhrase) -> bool {
    !o.offices.is_empty() && described_office(tp).is_some_and(|f| o.offices.iter().any(|x| x == f))
}

/// The dictionary's office a description names: "the foreign minister", "the top
/// diplomat" → `foreign_minister`; "the president" → `head_of_state`.
fn described_office(tp: &TitlePhrase) -> Option<&'static str> {
    if tp.heads.contains(&"diplomat") {
        return Some("foreign_minister");
    }
    let [title] = tp.titles.as_slice() else { return None };
    // Titles come canonical: "Minister of Foreign Affairs" reads "Foreign Minister".
    if is_top_diplomat(&title.0) {
        return Some("foreign_minister");
    }
    match title.0.to_lowercase().as_str() {
        "president" => Some("head_of_state"),
        "prime minister" | "premier" | "chancellor" => Some("head_of_government"),
        "defence minister" | "defense minister" | "defence secretary" | "defense secretary" | "minister of defence" | "minister of defense" => Some("defence_minister"),
        _ => None,
    }
}

/// The state "the <office>" serves when no one named holds it: the one the title names,
/// else, in a release of a government's own (publisher known), that government's.
/// ("A Chinese Foreign Ministry spokesperson" is the ministry's, read as an institution.)
fn unnamed_holders_state(tp: &TitlePhrase, reg: &Registry) -> Option<CountryCode> {
    if tp.titles.is_empty() || tp.plural || !tp.has_det {
        return None;
    }
    match &tp.target {
        Some(Target::State(c)) => Some(*c),
        Some(Target::Org(_)) => None,
        None => reg.publisher,
    }
}

/// "the president said", "the President of Russia", "the prime minister's" where no
/// official holds that office: the untitled official of that state (if it names one)
/// named earlier in the sentence, else the last speaker or the one named in the last
/// two sentences. Only "the" descriptions: "a minister" is someone else.
fn resolve_to_untitled(tp: &TitlePhrase, reg: &Registry, ctx: &Ctx, so_far: &[Hit]) -> Option<usize> {
    if !tp.has_det || tp.titles.is_empty() || tp.plural {
        return None;
    }
    let fits = |i: usize| {
        let o = &reg.offs[i];
        let country_ok = match &tp.target {
            Some(Target::State(c)) => o.country == Some(*c),
            Some(Target::Org(g)) => o.org.as_deref() == Some(*g),
            None => true,
        };
        o.titles.is_empty() && o.heads.is_empty() && country_ok
    };
    let in_sentence = so_far.iter().rev().find_map(|h| match h.who {
        Who::Off(o) if fits(o) => Some(o),
        _ => None,
    });
    let recent = |i: usize| ctx.last_seen.get(i).is_some_and(|&s| s > 0 && s + 2 >= ctx.sent_no);
    in_sentence
        .or(ctx.last_speaker.filter(|&s| fits(s) && recent(s)))
        .or_else(|| (0..reg.offs.len()).filter(|&i| fits(i) && recent(i)).max_by_key(|&i| ctx.last_seen[i]))
}

/// Whether "counterpart" stands right before token `i`, past courtesy styles ("counterpart
/// His Highness Prince ...", "counterpart H.E. Prince ...").
fn styled_after_counterpart(toks: &[Tok], i: usize) -> bool {
    let mut j = i;
    while j > 0 && (toks[j - 1].has(super::lexicon::F_HONORIFIC) || matches!(low(toks, j - 1), "his" | "her" | "highness" | "royal")) {
        j -= 1;
    }
    j < i && j > 0 && low(toks, j - 1) == "counterpart"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::officials::{country_counts, discover};
    use crate::extract::text::tokenize;

    fn sent(t: &str) -> Sent {
        let mut toks = Vec::new();
        tokenize(t, 0, t.len(), &mut toks);
        Sent { s: 0, e: t.len(), para: 0, toks, tpc: Default::default() }
    }

    fn states_speaking(t: &str, publisher: Option<&str>) -> Vec<(String, String)> {
        let mut s = sent(t);
        crate::extract::gazetteer::GAZ.mark(t, &mut s.toks);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.publisher = publisher.map(|p| CountryCode::parse(p).unwrap());
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        let (hits, _) = find(t, &s, &reg, &mut Ctx::default());
        hits.iter()
            .filter_map(|h| match h.who {
                Who::State(c) => Some((t[s.toks[h.ts].s..s.toks[h.te - 1].e].to_string(), c.to_string())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_first_word_gates_know_every_institution_and_seat() {
        assert!(INSTITUTIONS.iter().all(|words| opens_institution(words[0])));
        assert!(SEATS.iter().all(|(words, _)| opens_seat(words[0])));
    }

    #[test]
    fn the_office_of_a_head_of_state_or_government_speaks_for_the_holders_state() {
        let two = "President Ana Vera of Peru and Prime Minister Luis Rojas of Chile met, ";
        for (said, state) in [
            ("the presidential office said.", "PE"),
            ("the prime minister's office said.", "CL"),
            ("the PMO said.", "CL"),
            ("the Office of the President said.", "PE"),
            ("the Presidential press service said.", "PE"),
        ] {
            let got = states_speaking(&format!("{two}{said}"), Some("JP"));
            assert_eq!(got.last().map(|(_, c)| c.as_str()), Some(state), "{said}: {got:?}");
        }
        // Two presidents: the office is the publisher's, as a bare ministry is.
        let got = states_speaking("President Ana Vera of Peru and President Luis Rojas of Chile met, the presidential office said.", Some("CL"));
        assert_eq!(got.last().map(|(_, c)| c.as_str()), Some("CL"));
        assert!(states_speaking("The presidential election was held.", Some("CL")).is_empty());
    }

    #[test]
    fn institutions_and_seats_of_government_speak_for_their_state() {
        assert_eq!(states_speaking("A Downing Street spokesperson said so.", None), [("A Downing Street spokesperson".to_string(), "GB".to_string())]);
        let got = states_speaking("The Kremlin and the Peruvian Foreign Ministry spokesperson said a Chilean official met the Ministry of Foreign Affairs of Norway.", None);
        let want = [("The Kremlin", "RU"), ("the Peruvian Foreign Ministry spokesperson", "PE"), ("a Chilean official", "CL"), ("the Ministry of Foreign Affairs of Norway", "NO")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
        // Unqualified, the ministry is the publisher's; lowercase nouns in passing are nobody.
        assert_eq!(states_speaking("The ministry said officials were ready.", Some("JP")), [("The ministry".to_string(), "JP".to_string())]);
        assert!(states_speaking("The ministry said so.", None).is_empty(), "no state to give it");
        assert_eq!(states_speaking("In response, MOFA said so.", Some("TW")), [("MOFA".to_string(), "TW".to_string())]);
        assert_eq!(states_speaking("The FO statement said so.", Some("PK")), [("The FO statement".to_string(), "PK".to_string())]);
        let got = states_speaking("Peru's Foreign Ministry said talks went well, the ministry added.", Some("JP"));
        assert_eq!(got.last().unwrap().1, "PE", "the ministry named before: {got:?}");
        assert_eq!(states_speaking("They met, according to ministry officials.", Some("JP")), [("ministry".to_string(), "JP".to_string())]);
        assert_eq!(states_speaking("They met, the Kremlin press service said.", None), [("the Kremlin press service".to_string(), "RU".to_string())]);
        // "the statement" is the document of the institution named last, if any.
        let got = states_speaking("Peru's Foreign Ministry spoke, and “we are ready,” the statement added.", None);
        assert_eq!(got.last().unwrap(), &("the statement".to_string(), "PE".to_string()));
        assert!(states_speaking("“We are ready,” the statement added.", None).is_empty());
    }

    #[test]
    fn a_surname_with_its_particle_is_one_mention() {
        let t = "Sudanese President Omar Hassan Al Bashir arrived. Abiy and Al Bashir talked.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        let (hits, _) = find(t, &s, &reg, &mut Ctx::default());
        let last = hits.last().unwrap();
        assert_eq!(&t[s.toks[last.ts].s..s.toks[last.te - 1].e], "Al Bashir");
    }

    #[test]
    fn an_office_no_one_holds_is_the_untitled_officials_who_takes_it() {
        let t = "Chilean President Tomas Soto and Ana Vera of Peru met, and the President of Peru said so.";
        let mut s = sent(t);
        crate::extract::gazetteer::GAZ.mark(t, &mut s.toks);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        let mut ctx = Ctx { last_seen: vec![0; reg.offs.len()], sent_no: 1, ..Default::default() };
        let (hits, titles) = find(t, &s, &reg, &mut ctx);
        let vera = reg.offs.iter().position(|o| o.name == "Ana Vera").unwrap();
        assert_eq!(hits.last().unwrap().who, Who::Off(vera));
        assert_eq!(titles, vec![(vera, vec![("President".to_string(), 63, 80)])]);
    }

    /// The sentences of `lines`, one a line, with the registry over all of them.
    fn article(t: &str) -> (Vec<Sent>, Registry) {
        let mut sents = Vec::new();
        let mut s = 0;
        for line in t.split_inclusive('\n') {
            let e = s + line.trim_end().len();
            let mut toks = Vec::new();
            tokenize(t, s, e, &mut toks);
            crate::extract::gazetteer::GAZ.mark(t, &mut toks);
            sents.push(Sent { s, e, para: sents.len(), toks, tpc: Default::default() });
            s += line.len();
        }
        let mut reg = discover(t, &sents);
        reg.finalize(t, &sents, &country_counts(t, &sents), &|_| None);
        (sents, reg)
    }

    #[test]
    fn the_head_of_a_states_diplomacy_is_its_foreign_minister() {
        let t = "Foreign Minister Ana Vera of Peru met reporters.\nThe head of Peruvian diplomacy said so.";
        let (sents, reg) = article(t);
        let mut ctx = Ctx { last_seen: vec![1; reg.offs.len()], sent_no: 2, ..Default::default() };
        let (hits, _) = find(t, &sents[1], &reg, &mut ctx);
        assert_eq!(hits[0].who, Who::Off(0));
    }

    #[test]
    fn the_president_is_a_president_before_a_president_of_a_body_and_may_be_titled_late() {
        let t = "President Ana Vera of Peru met Tomas Soto, President of the Senate of Peru.\nLuis Lim of Chile met reporters.\nThe president said so.";
        let (sents, mut reg) = article(t);
        let (vera, soto) = (reg.offs.iter().position(|o| o.name == "Ana Vera").unwrap(), reg.offs.iter().position(|o| o.name == "Tomas Soto").unwrap());
        let mut ctx = Ctx { last_seen: vec![0; reg.offs.len()], sent_no: 3, ..Default::default() };
        ctx.last_seen[vera] = 1;
        ctx.last_seen[soto] = 2;
        let (hits, _) = find(t, &sents[2], &reg, &mut ctx);
        assert_eq!(hits[0].who, Who::Off(vera));
        // An office the text gave later ("the Chilean President" for the untitled Lim) counts too.
        let lim = reg.offs.iter().position(|o| o.name == "Luis Lim").unwrap();
        reg.add_titles(lim, &[("President".to_string(), 0, 0)]);
        ctx.last_seen[lim] = 2;
        ctx.last_seen[soto] = 0;
        ctx.last_seen[vera] = 0;
        let (hits, _) = find(t, &sents[2], &reg, &mut ctx);
        assert_eq!(hits[0].who, Who::Off(lim));
    }

    #[test]
    fn a_shared_surname_is_whoever_of_its_bearers_the_text_has_introduced() {
        let t = "Foreign Minister Wang Li of Peru met reporters.\nWang said so.\nOn Monday, Wang Tao, Minister of Trade, arrived.";
        let (sents, reg) = article(t);
        let li = reg.offs.iter().position(|o| o.name == "Wang Li").unwrap();
        assert!(reg.offs.iter().any(|o| o.name == "Wang Tao"));
        let mut ctx = Ctx { last_seen: vec![0; reg.offs.len()], sent_no: 2, ..Default::default() };
        ctx.last_seen[li] = 1;
        let (hits, _) = find(t, &sents[1], &reg, &mut ctx);
        assert_eq!(hits[0].who, Who::Off(li));
    }

    #[test]
    fn a_style_before_an_office_is_a_courtesy() {
        let t = "The Amir of Peru, Sheikh Ana Vera, met Lena Holm.\nHis Highness the Amir wished them well.";
        let (sents, reg) = article(t);
        let vera = reg.offs.iter().position(|o| o.name == "Ana Vera").expect("the Amir");
        let mut ctx = Ctx { last_seen: vec![0; reg.offs.len()], sent_no: 2, ..Default::default() };
        ctx.last_seen[vera] = 1;
        let (hits, _) = find(t, &sents[1], &reg, &mut ctx);
        assert_eq!(hits.first().map(|h| h.who), Some(Who::Off(vera)), "{hits:?}");
    }

    #[test]
    fn surname_he_is_a_name_after_a_title_but_he_stays_a_pronoun() {
        let t = "Peruvian Vice Premier He Lin met Ana Vera. He said talks went well.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        assert_eq!(reg.offs[0].name, "He Lin");
        let (hits, _) = find(t, &s, &reg, &mut Ctx::default());
        assert_eq!(hits.last().unwrap().who, Who::Pronoun);
    }

}

