//! Officials, pass 1: registers every official the article names — titled
//! names ("Chinese State Councilor and Foreign Minister Wang Yi"), appositions
//! ("Liu Haixing, senior minister of ..."), plural titles ("two former Prime
//! Ministers, A and B"), "Name of Country", untitled subjects of encounters —
//! then merges partial names and assigns each a state from the nearest
//! evidence (title, description, sentence, article-wide counts).

use std::collections::HashMap;

use crate::domain::{CountryCode, Holder};

use super::gazetteer::{PlaceKind, Target, GAZ};
use super::lexicon::*;
use super::sentences::Sent;
use super::text::{lowercase_is, name_word, Tok};
use super::titles::*;

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
    /// Byte offset of that first reading in the text (captions included).
    pub pos: usize,
    /// The offices the actor dictionary says this person held on the article's day.
    pub offices: Vec<String>,
    /// The state came only from a list's first title ("US President A and Prime Minister B").
    pub lent: bool,
}

impl OffBuild {
    /// The name as GUIDELINES writes it. Gulf copy puts the Arab style before a ruler's
    /// given name alone ("Sheikh Tamim"): the key keeps the style, which finds the full
    /// name ("Sheikh Tamim bin Hamad Al Thani") when the text gives it, but the name is
    /// the given name; "Sheikh Hasina" bears the style as her own name.
    pub fn display_name(&self) -> &str {
        match self.key.as_slice() {
            [style, given] if ARAB_STYLES.contains(&style.as_str()) && !STYLE_BEARERS.contains(&given.as_str()) => {
                self.name.split_once(' ').map_or(&self.name, |(_, rest)| rest)
            }
            _ => &self.name,
        }
    }
}

#[derive(Debug, Default)]
pub struct Registry {
    pub offs: Vec<OffBuild>,
    /// Name token → official; `None` when two officials share it.
    keys: HashMap<String, Option<usize>, super::lexicon::FxBuild>,
    /// First name token → officials (in order) whose name has two or more tokens.
    full_names: HashMap<String, Vec<usize>, super::lexicon::FxBuild>,
    /// Every name token, particles too → officials (in order, each once) bearing it.
    bearers: HashMap<String, Vec<usize>, super::lexicon::FxBuild>,
    /// Title phrases without a name ("the visiting Chinese Foreign Minister"): hints for countries.
    descs: Vec<TitlePhrase>,
    /// The dateline's state, a prior for officials the text gives no state.
    pub home: Option<CountryCode>,
    /// The state whose agency or government published the article: the next
    /// prior after the dateline's ("President X spoke with ..." on whitehouse.gov).
    pub publisher: Option<CountryCode>,
    /// The last plural office without names ("foreign ministers") and its sentence.
    plural_office: Option<(usize, (String, usize, usize))>,
    /// Two- and three-word runs of capitalised words after a title in heading lines, as
    /// (key, name): where a headline's Title Case leaves a name's end unclear ("Minister Igor
    /// Ivanov Following Their Meeting"), the body's "Ivanov" tells which run is the name.
    heading_names: Vec<(Vec<String>, String)>,
    /// The official a heading names as the author of the text below it ("Remarks by
    /// High Representative A B following ...", "Statement by Mr A B, Minister for X").
    pub author: Option<usize>,
    /// Short names the text gives in brackets after a full one ("Joko Widodo (Jokowi)"),
    /// with the full name's key.
    aliases: Vec<(String, Vec<String>)>,
}

impl Registry {
    fn register(&mut self, text: &str, sent: usize, toks: &[Tok], (a, b): (usize, usize), tp: Option<&TitlePhrase>) -> usize {
        let key = name_key(toks, a, b);
        // "Sheikh Abdullah" after "Sheikh Abdullah bin Zayed Al Nahyan": a style and a given
        // name are the short form of a longer name with that first word.
        let styled_short = key.len() == 2 && NAME_STYLES.contains(&key[0].as_str());
        let idx = match self.offs.iter().position(|o| o.key == key || (styled_short && o.key.len() >= 3 && o.key[0] == key[1])) {
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
                    pos: toks[a].s,
                    offices: Vec::new(),
                    lent: false,
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
                o.lent = tp.lent;
                match &tp.target {
                    Some(Target::State(c)) => o.country = Some(*c),
                    Some(Target::Org(g)) => o.org = Some(g.to_string()),
                    None => {}
                }
            }
        }
        idx
    }

    /// Registers people the actor dictionary knows wherever the text names them in
    /// full, titled or not ("... hosted Xi Jinping for talks"): `name_at` gives the end of
    /// a known name starting at a token. Titled readings registered earlier keep theirs.
    /// "Obama said ..." in wire copy that never gives his full name: a one-word speaker the
    /// actor dictionary knows (`known`: one holder in office on the day bears that surname).
    pub fn register_known_speakers(&mut self, text: &str, sents: &[Sent], known: impl Fn(&str) -> bool) {
        for (si, k, _) in lone_speakers(text, sents, self) {
            let toks = &sents[si].toks;
            if known(&text[toks[k].s..toks[k].e]) {
                self.register(text, si, toks, (k, k + 1), None);
            }
        }
    }

    pub fn register_known(&mut self, text: &str, sents: &[Sent], name_at: impl Fn(&[Tok], usize) -> Option<usize>) {
        for (si, sent) in sents.iter().enumerate() {
            let toks = &sent.toks;
            let mut i = 0;
            while i < toks.len() {
                // Only capitalised words open a name: the rest need no look-up.
                if !toks[i].is_cap(text) {
                    i += 1;
                    continue;
                }
                // "the Queen Elizabeth Aircraft Carrier" is a ship named after the person.
                let ship = |end: usize| toks.get(end).is_some_and(|t| super::lexicon::VESSEL_NOUNS.contains(&t.low.as_str()));
                match name_at(toks, i).filter(|&end| !ship(end)) {
                    Some(end) => {
                        // "Sultan Ibrahim", "Sultan Hassanal Bolkiah": a dictionary name led by
                        // a rank is the person's name after it; the rank is a title.
                        let mut a = (i..end).find(|&k| !toks[k].has(F_HEAD | F_MOD) || super::titles::rank_as_given_name(text, toks, k)).unwrap_or(end);
                        // "Sheikh Tamim bin Hamad Al Thani" as the dictionary spells it: the style is no name.
                        while let Some(n) = courtesy_style_len(text, toks, a).filter(|n| a + n < end) {
                            a += n;
                        }
                        // "Sheikh Hamdan bin Mohamed bin Zayed Al Nahyan": after "bin" a known name is
                        // the father's, inside the son's name (a patronym).
                        let patronym = i > 0 && matches!(low(toks, i - 1), "bin" | "ibn" | "bint" | "binti");
                        if a < end && !mourned(toks, i) && !patronym {
                            self.register(text, si, toks, (a, end), None);
                        }
                        i = end;
                    }
                    None => i += 1,
                }
            }
        }
    }

    /// The state "State House" serves: the seat of the presidency in Kenya, Uganda, Nigeria
    /// and other Commonwealth states, so that of the president here who serves one of them
    /// (the first named, when several do).
    pub fn state_house_state(&self) -> Option<CountryCode> {
        const STATE_HOUSE_STATES: &[&str] = &["KE", "UG", "TZ", "ZM", "MW", "NG", "SL", "GM", "ZW", "NA", "SC", "BW", "MU", "FJ", "GY", "SS"];
        self.offs
            .iter()
            .filter(|o| o.titles.iter().any(|t| t.0 == "President") && o.country.is_some_and(|c| STATE_HOUSE_STATES.contains(&c.as_str())))
            .min_by_key(|o| o.first)
            .and_then(|o| o.country)
    }

    /// The state of the first official named here with a foreign-affairs office ("Foreign
    /// Affairs Secretary X reaffirmed ..."): in home-press copy with no dateline and no known
    /// publisher, "the Department of Foreign Affairs (DFA) said" is that minister's.
    pub fn foreign_office_state(&self) -> Option<CountryCode> {
        self.offs
            .iter()
            .filter(|o| o.country.is_some() && o.titles.iter().any(|t| t.0.contains("Foreign") || t.0.contains("External Affairs")))
            .min_by_key(|o| o.first)
            .and_then(|o| o.country)
    }

    pub fn key_lookup(&self, w: &str) -> Option<usize> {
        self.keys.get(w).copied().flatten()
    }

    /// Officials, in order, with `w` among their name tokens (as of `finalize`).
    pub fn bearers_of(&self, w: &str) -> &[usize] {
        self.bearers.get(w).map_or(&[], |v| v.as_slice())
    }

    /// Officials, in order, whose names have two or more tokens and start with `w`.
    pub fn full_names_from(&self, w: &str) -> &[usize] {
        self.full_names.get(w).map_or(&[], |v| v.as_slice())
    }
}

/// Pass 1: registers every official the article names.
pub fn discover(text: &str, sents: &[Sent]) -> Registry {
    let mut reg = Registry::default();
    for (si, sent) in sents.iter().enumerate() {
        discover_in(text, si, sent, &mut reg);
    }
    speakers_named_elsewhere(text, sents, &mut reg);
    reg
}

impl Registry {
    /// Officials that photo captions or heading lines name ("Prime Minister A and Governor
    /// General B during the welcome. Photo / C"): the article names them too. Such lines are
    /// numbered from `first_index`, after the body's sentences, so the body's spelling of a
    /// name comes first.
    pub fn discover_aside(&mut self, text: &str, lines: &[Sent], first_index: usize) {
        for (k, sent) in lines.iter().enumerate() {
            discover_in(text, first_index + k, sent, self);
        }
    }

    /// A heading line that is only a titled name ("Secretary Colin L. Powell" over the
    /// transcript of his remarks) names its speaker. Other headings are passed over: a
    /// headline's Title Case runs names into the words after them ("Wang Yi Speaks ...").
    pub fn discover_bylines(&mut self, text: &str, headings: &[Sent], first_index: usize) {
        for (k, sent) in headings.iter().enumerate() {
            let toks = &sent.toks;
            self.note_heading_names(text, sent);
            if self.author.is_none() {
                self.author = self.heading_author(text, first_index + k, sent);
            }
            // "António Guterres, Secretary-General": a byline or signature line, the name first.
            // "Readouts | Ban Ki-moon, Former Secretary-General": after a site's breadcrumb.
            let start = toks.iter().rposition(|t| t.low == "|").map_or(0, |p| p + 1);
            let signed = parse_name(text, toks, start).is_some_and(|(_, b, _)| low(toks, b) == "," && sent.title_phrase(text, b + 1).is_some_and(|tp| tp.end == toks.len()));
            if signed {
                discover_in(text, first_index + k, sent, self);
                continue;
            }
            let Some(tp) = sent.title_phrase(text, 0) else {
                self.discover_closed_names_in_title_case(text, first_index + k, sent);
                continue;
            };
            let whole = parse_name(text, toks, tp.end).is_some_and(|(a, b, _)| a == tp.end && b == toks.len());
            if whole {
                discover_in(text, first_index + k, sent, self);
            } else if sentence_case(text, toks) {
                self.discover_in_headline(text, first_index + k, sent);
            } else {
                self.discover_closed_names_in_title_case(text, first_index + k, sent);
            }
        }
    }

    /// "Statement by Mr A B Minister for X - ...", "Remarks by High Representative A B
    /// following her meeting with ...", "Speech by A B, Prime Minister, at ...": a
    /// government's or an EU release headed by the one whose words follow. Registers the
    /// author, one official alone ("Remarks by A and B" is a press conference's transcript).
    fn heading_author(&mut self, text: &str, si: usize, sent: &Sent) -> Option<usize> {
        let toks = &sent.toks;
        let by = (1..toks.len().min(4)).find(|&k| low(toks, k) == "by")?;
        if !AUTHORED_TEXTS.contains(&low(toks, by - 1)) || !toks[..by].iter().all(|t| t.is_cap(text)) {
            return None;
        }
        let (tp, (a, b)) = match sent.title_phrase(text, by + 1) {
            Some(tp) => (tp.clone(), parse_name(text, toks, tp.end).filter(|n| n.0 == tp.end).map(|n| (n.0, n.1))?),
            None => {
                let (a, b, _) = parse_name(text, toks, by + 1)?;
                let after = if low(toks, b) == "," { b + 1 } else { b };
                (sent.title_phrase(text, after).cloned().unwrap_or_default(), (a, b))
            }
        };
        if matches!(low(toks, b), "and" | "&") || matches!(low(toks, tp.end), "and" | "&") {
            return None;
        }
        Some(self.register(text, si, toks, (a, b), Some(&tp)))
    }

    /// Officials of a headline written as a sentence that the body does not name: a
    /// headline shortens names ("Abdullah bin Zayed receives ..." over "Sheikh Abdullah bin
    /// Zayed Al Nahyan ..."), so one sharing a name word with a body official is that official.
    fn discover_in_headline(&mut self, text: &str, si: usize, sent: &Sent) {
        let mut scratch = Registry::default();
        discover_in(text, si, sent, &mut scratch);
        self.add_unless_named(scratch);
    }

    /// Adds a headline's officials but those sharing a name word with one the body names
    /// (a headline shortens names).
    fn add_unless_named(&mut self, headline: Registry) {
        for o in headline.offs {
            let shares_word = |x: &OffBuild| x.key.iter().any(|w| !NAME_PARTICLES.contains(&w.as_str()) && o.key.contains(w));
            if !self.offs.iter().any(shares_word) {
                self.offs.push(o);
            }
        }
    }

    /// "Readout of Secretary Kerry's Call with Foreign Minister Lavrov": in a Title Case
    /// headline a titled name is read where something closes it (a possessive, the line's
    /// end, a bracket or a comma). A government's readout may name its principal only
    /// there and call him "The Secretary" below.
    fn discover_closed_names_in_title_case(&mut self, text: &str, si: usize, sent: &Sent) {
        let toks = &sent.toks;
        let mut found = Registry::default();
        let mut i = 0;
        while i < toks.len() {
            let Some(tp) = sent.title_phrase(text, i).filter(|tp| !tp.titles.is_empty() && !tp.plural) else {
                i += 1;
                continue;
            };
            let closed = |(a, b, possessive): (usize, usize, bool)| a == tp.end && (possessive || b == toks.len() || matches!(low(toks, b), "(" | "," | ":" | "|" | "-" | "–" | "—"));
            match parse_name(text, toks, tp.end).filter(|&n| closed(n)) {
                Some((a, b, _)) => {
                    found.register(text, si, toks, (a, b), Some(tp));
                    i = b;
                }
                None => i = tp.end.max(i + 1),
            }
        }
        self.add_unless_named(found);
    }

    /// Collects `heading_names`: the runs of two and three capitalised words after each title.
    fn note_heading_names(&mut self, text: &str, sent: &Sent) {
        let toks = &sent.toks;
        let name_like = |t: &Tok| t.is_cap(text) && t.is_word() && !is_title_word(t) && !t.has(F_STOP);
        for i in 0..toks.len() {
            let Some(tp) = sent.title_phrase(text, i) else { continue };
            let a = tp.end;
            for b in a + 2..=(a + 3).min(toks.len()) {
                if toks[a..b].iter().all(name_like) {
                    self.heading_names.push((name_key(toks, a, b), name_string(text, toks, a, b)));
                }
            }
        }
    }
}

/// What a heading says one person wrote or spoke ("Statement by", "Remarks by").
const AUTHORED_TEXTS: &[&str] = &["statement", "remarks", "speech", "address", "message", "op-ed", "article", "declaration"];

/// A heading written as a sentence ("Prime Minister Ana Vera speaks with the President of
/// Chile, Tomas Soto"): a lowercase word of four letters or more shows where names end, so
/// its officials are read as in the body. A government's readout may name its principal
/// only there ("The Prime Minister spoke today with ..."). Title Case leaves names' ends
/// unclear ("... Ana Vera Speaks With ...") and is read for bylines only.
fn sentence_case(text: &str, toks: &[Tok]) -> bool {
    // Words Title Case leaves in lowercase.
    const MINOR: &[&str] = &["with", "from", "into", "onto", "over", "upon", "amid", "near", "than", "that", "about", "after", "before", "during", "against", "between", "under", "without", "within", "along", "across", "toward", "towards", "through", "among", "amongst", "beside", "despite", "until", "since", "while"];
    toks.iter().any(|t| t.is_word() && !t.is_cap(text) && t.e - t.s > 3 && t.low.chars().all(char::is_alphabetic) && !MINOR.contains(&t.low.as_str()))
}

/// The officials sentence `si` names.
fn discover_in(text: &str, si: usize, sent: &Sent, reg: &mut Registry) {
    let toks = &sent.toks;
    let mut i = 0;
    // End token of the last titled name and its target, for "A and President-elect B".
    // Where the last titled name ended, its target, and whether a state word opened its title.
    let mut last_end: Option<(usize, Option<Target>, bool)> = None;
    // Offices listed before the title phrase next to a name, and where that phrase starts.
    let mut listed_before: Option<(usize, Vec<(String, usize, usize)>, Option<Target>)> = None;
    while i < toks.len() {
        if let Some(tp0) = sent.title_phrase(text, i) {
            let mut j = tp0.end;
            // "the head of Turkey's National Intelligence Organization (MIT) Hakan Fidan": the
            // body's acronym in brackets stands between the office and its holder.
            j = super::titles::skip_acronym(text, toks, j);
            let comma = low(toks, j) == "," && !super::titles::fronted_participle_object(toks, i) && !apposed_to_untitled_name(text, toks, i);
            if comma {
                j += 1;
            }
            // The cached phrase is shared with the mention pass: copy it only
            // when "A and President-elect B" gives it A's target, as a comma list does
            // ("Malaysia's Prime Minister A, Foreign Minister B, ... and Minister C").
            let follows_item = |e: usize, state_first: bool| match low(toks, e) {
                "and" => e + 1 == i,
                "," => state_first && (e + 1 == i || (low(toks, e + 1) == "and" && e + 2 == i)),
                _ => false,
            };
            let inherited = match &last_end {
                Some((e, t, state_first)) if tp0.target.is_none() && follows_item(*e, *state_first) => Some((t.clone(), *state_first)),
                _ => None,
            };
            let list_state_first = inherited.as_ref().is_some_and(|x| x.1);
            let inherited = inherited.map(|x| x.0);
            let lent = inherited.is_some();
            let owned;
            let tp: &TitlePhrase = match inherited {
                Some(t) => {
                    let mut c = tp0.clone();
                    c.lent = t.is_some();
                    c.target = t;
                    owned = c;
                    &owned
                }
                None => tp0,
            };
            // "the Minister [Ana Vera] said": a transcript's editor names the one a title stands for.
            let bracketed = !comma && low(toks, j) == "[";
            if bracketed {
                j += 1;
            }
            let mut names = parse_name_list(text, toks, j, tp.plural, Gz(Some(&sent.tpc)));
            if comma && names.first().is_some_and(|&(_, b, _)| opens_main_clause(toks, i, b)) {
                names.clear();
            }
            // "A, U.S. Ambassador to Kenya, B, Ambassador of Qatar to Kenya": in a list of names
            // each followed by its office, the office after A's comma is A's, and B has their own.
            // Not in a list of offices each followed by its holder ("A, Spain's Foreign Minister,
            // B, Foreign Minister of Somalia, C"): there the office after B's comma opens C.
            let own_office_after = |b: usize| sent.title_phrase(text, b + 1).filter(|next| !(low(toks, next.end) == "," && parse_name(text, toks, next.end + 1).is_some()));
            if comma && i >= 2 && low(toks, i - 1) == "," && toks[i - 2].is_cap(text) && names.len() == 1 && low(toks, names[0].1) == "," && own_office_after(names[0].1).is_some() {
                i = tp.end;
                continue;
            }
            if bracketed {
                names.truncate(1);
                names.retain(|&(_, b, _)| low(toks, b) == "]");
            }
            // "his counterparts from Argentina and Brazil, A and B": the states, then the names.
            let mut list_end = tp.end;
            if names.is_empty() && tp.plural && !comma {
                if let Some(k) = states_after(text, sent, tp.end).filter(|&k| low(toks, k) == ",") {
                    names = parse_name_list(text, toks, k + 1, true, Gz(Some(&sent.tpc)));
                    list_end = k;
                }
            }
            // "Sultan bin Ahmed Al Jaber": a rank before a particle is the name's first word.
            if names.is_empty() && is_given_name_rank(toks, i, tp, tp.end) && matches!(low(toks, tp.end), "bin" | "ibn") {
                names = parse_name_list(text, toks, i, false, Gz(Some(&sent.tpc)));
            }
            if names.is_empty() {
                if tp.target.is_some() && !tp.titles.is_empty() {
                    reg.descs.push(tp.clone());
                }
                // "several African foreign ministers": names listed next take this office;
                // not the members named in a body's or event's name ("Meeting of Coordinators").
                let in_a_name = i >= 2 && low(toks, i - 1) == "of" && toks[i - 2].is_cap(text);
                if tp.plural && tp.titles.len() == 1 && !in_a_name {
                    reg.plural_office = Some((si, tp.titles[0].clone()));
                }
                // "Vice President, Prime Minister and Ruler of Dubai A": offices listed before the name's.
                // Not an apposition after a name ("A, General-Secretary of X, Kenyan Foreign Minister B").
                let opens = i == 0 || low(toks, i - 1) != "," || listed_before.as_ref().is_some_and(|x| x.0 == i);
                // "The Acting Foreign Minister, Ambassador A, received ...": a description, then
                // its holder styled as an envoy (Sudanese, Kenyan and Gulf releases).
                let styled_next = low(toks, tp.end) == "," && low(toks, tp.end + 1) == "ambassador";
                if opens && !tp.plural && (!tp.has_det || styled_next) && !tp.titles.is_empty() && matches!(low(toks, tp.end), "," | "–" | "—") {
                    let (mut titles, target) = listed_before.take().filter(|x| x.0 == i).map(|x| (x.1, x.2)).unwrap_or_default();
                    titles.extend(tp.titles.iter().cloned());
                    listed_before = Some((tp.end + 1, titles, target.or(tp.target.clone())));
                }
                // Apposition after a name handled below; titles alone are descriptions.
                i = tp.end.max(i + 1);
                continue;
            }
            let same_state = |t: &Option<Target>| t.is_none() || tp.target.is_none() || *t == tp.target;
            let before = listed_before.take().filter(|x| x.0 == i && !tp.plural && same_state(&x.2)).map(|x| x.1).unwrap_or_default();
            // The envoy's style after an office told first is no office of its own.
            let styled = !before.is_empty() && tp.target.is_none() && tp.heads == ["ambassador"];
            let mut end = j;
            let listed = if tp.plural { listed_states(text, sent, i, list_end) } else { Vec::new() };
            for (n, (a, b, _)) in names.iter().enumerate() {
                let mut tp2 = tp.clone();
                if styled {
                    tp2.titles.clear();
                }
                tp2.titles.splice(0..0, before.iter().cloned());
                // "foreign ministers of Germany and Austria, A and B": each name in the place of its state.
                if listed.len() == names.len() {
                    tp2.target = Some(Target::State(listed[n]));
                }
                // "Foreign Minister Carlos Castaneda of El Salvador"; in a plural list
                // ("Arab foreign ministers A of Egypt, B of Jordan") each name's own state wins,
                // and over the state a list lends ("Ghana's President A and Emperor B of Ethiopia").
                if tp2.target.is_none() || tp.plural || lent {
                    // "Governor X of Lagos": a city's office, serving the city's state.
                    let local = !tp.heads.is_empty() && tp.heads.iter().all(|h| matches!(*h, "governor" | "mayor"));
                    if let Some(t) = post_name_country(text, toks, *b, local) {
                        tp2.target = Some(t);
                        tp2.lent = false;
                        // "President X of the European Parliament": the organ ends the office.
                        if let (Some(organ), [(title, _, _)]) = (super::titles::organ_after_name(text, toks, *b), tp2.titles.as_mut_slice()) {
                            let mut words: Vec<String> = title.to_lowercase().split(' ').map(str::to_string).collect();
                            words.extend(organ);
                            *title = super::lexicon::canonical_title(&words.iter().map(String::as_str).collect::<Vec<_>>());
                        }
                    }
                }
                // "Sultan Ibrahim as the 17th King of Malaysia": the office the name is installed in.
                if let Some(tp3) = as_office(text, toks, *b) {
                    tp2.titles.extend(tp3.titles);
                    tp2.target = tp2.target.or(tp3.target);
                }
                // "the Ambassador of X, A, High Commissioner of Y, B, ...": an office set off
                // before its name makes a list of such items.
                let set_off = *a > 0 && low(toks, *a - 1) == ",";
                let further = if tp.plural { None } else { further_titles(text, toks, *b, set_off) };
                // "Dr. Sultan bin Ahmed Al Jaber, Minister of Industry": a royal rank that is
                // also a given name is the name's first word when a particle follows it (the
                // name was read from the rank) or the apposition gives the person another office.
                let given = *a == i || (is_given_name_rank(toks, i, tp, *a) && further.is_some());
                let a = if given {
                    tp2.titles.clear();
                    tp2.target = None;
                    tp2.lent = false;
                    i
                } else {
                    *a
                };
                tp2.titles.extend(further.unwrap_or_default());
                reg.register(text, si, toks, (a, *b), Some(&tp2));
                end = *b;
            }
            last_end = Some((end, tp.target.clone(), tp.state_first || list_state_first));
            i = end;
            continue;
        }
        // The three readings below each start with a name at `i`.
        if !may_open_name(text, &toks[i]) {
            i += 1;
            continue;
        }
        let mut name = NameAt { text, toks, i, gz: Gz(Some(&sent.tpc)), got: None };
        if let Some(n) = untitled_subject(text, si, toks, i, &mut name, reg) {
            i = n;
            continue;
        }
        if let Some(n) = apposition(text, si, toks, i, &mut name, reg) {
            i = n;
            continue;
        }
        if let Some(n) = name_of_country(text, si, toks, i, &mut name, reg) {
            i = n;
            continue;
        }
        if let Some(n) = styled_partner(text, si, toks, i, &mut name, reg) {
            i = n;
            continue;
        }
        i += 1;
    }
}

/// `parse_name` at one token, computed at most once for the rules of
/// `discover` that each start by asking for it.
struct NameAt<'a> {
    text: &'a str,
    toks: &'a [Tok],
    i: usize,
    gz: Gz<'a>,
    got: Option<Option<(usize, usize, bool)>>,
}

impl NameAt<'_> {
    fn get(&mut self) -> Option<(usize, usize, bool)> {
        let (text, toks, i, gz) = (self.text, self.toks, self.i, self.gz);
        *self.got.get_or_insert_with(|| toks.get(i).filter(|t| may_open_name(text, t)).and_then(|_| parse_name_in(text, toks, i, gz)))
    }
}

/// "the late Sheikh Khalifa", "condolences on the passing of X": a person named at `i` (a
/// courtesy style included) who has died holds no office.
fn mourned(toks: &[Tok], i: usize) -> bool {
    let p = (0..i).rev().find(|&k| !toks[k].has(F_HONORIFIC) && !NAME_STYLES.contains(&toks[k].low.as_str()) && toks[k].low != ".").map_or(0, |k| k + 1);
    let before = |n: usize| if p >= n { low(toks, p - n) } else { "" };
    before(1) == "late" || (before(1) == "of" && matches!(before(2), "passing" | "death" | "demise" | "funeral" | "loss"))
}

/// The states a plural title phrase at tokens `a..b` names, in order ("Polish and
/// Gabonese foreign ministers", "foreign ministers of Malta and Libya").
fn listed_states(text: &str, sent: &Sent, a: usize, b: usize) -> Vec<CountryCode> {
    let mut out = Vec::new();
    // "Russian and Brazilian Foreign Ministers": states listed before the phrase's own.
    let adjective_at = |k: usize| sent.tpc.place(text, &sent.toks, k).is_some_and(|h| h.end == k + 1 && matches!(h.entry.kind, PlaceKind::Adjective));
    let mut a = a;
    while a >= 2 && matches!(low(&sent.toks, a - 1), "and" | ",") && adjective_at(a - 2) {
        a -= 2;
    }
    let mut k = a;
    while k < b {
        match sent.tpc.place(text, &sent.toks, k) {
            Some(h) => {
                if let (Target::State(c), PlaceKind::Name | PlaceKind::Adjective) = (&h.entry.target, h.entry.kind) {
                    out.push(*c);
                }
                k = h.end.max(k + 1);
            }
            None => k += 1,
        }
    }
    out
}

/// "a delegation (of MPs), including / comprising A, B": the members listed are one side's.
fn lists_delegation(toks: &[Tok], j: usize) -> bool {
    toks[j].low == "delegation" && toks[j + 1..].iter().take(6).any(|x| matches!(x.low.as_str(), "including" | "comprising" | "consisting" | "included"))
}

/// Past "from / of <State> [and <State> ...]" at `k` (after a plural office), if it is there.
fn states_after(text: &str, sent: &Sent, k: usize) -> Option<usize> {
    let toks = &sent.toks;
    if !matches!(low(toks, k), "from" | "of") {
        return None;
    }
    let state_at = |k: usize| sent.tpc.place(text, toks, k).filter(|h| matches!(h.entry.target, Target::State(_)) && h.entry.kind == PlaceKind::Name);
    let mut end = state_at(k + 1)?.end;
    while matches!(low(toks, end), "and" | ",") {
        match state_at(end + 1) {
            Some(h) => end = h.end,
            None => break,
        }
    }
    Some(end)
}

/// "as [the] [new | 17th] <title>" after a name: the office it is given or installed in.
fn as_office(text: &str, toks: &[Tok], b: usize) -> Option<TitlePhrase> {
    if low(toks, b) != "as" {
        return None;
    }
    let mut k = b + 1;
    if low(toks, k) == "the" {
        k += 1;
    }
    let ordinal = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|x| w.ends_with(x));
    if low(toks, k) == "new" || ordinal(low(toks, k)) {
        k += 1;
    }
    parse_title_phrase(text, toks, k).filter(|tp| !tp.titles.is_empty() && !tp.plural)
}

fn post_name_country(text: &str, toks: &[Tok], b: usize, city_office: bool) -> Option<Target> {
    if low(toks, b) != "of" {
        return None;
    }
    let k = if low(toks, b + 1) == "the" { b + 2 } else { b + 1 };
    // "President X of the European Parliament": an organisation serves as well as a state.
    // "assured President X of the EU's commitment": a possessive state owns the noun after
    // it, the object of "assured ... of", not the official.
    gaz_at(text, toks, k)
        .filter(|h| (matches!(h.entry.kind, PlaceKind::Name | PlaceKind::Org) || (city_office && matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital))) && !toks[h.end - 1].is_possessive())
        .map(|h| h.entry.target.clone())
}

/// "Liu Haixing, senior minister of the Chinese Communist Party, ..." and
/// "Zhou Qiang, Chinese President Xi Jinping's special envoy, ...".
fn apposition(text: &str, si: usize, toks: &[Tok], i: usize, name: &mut NameAt, reg: &mut Registry) -> Option<usize> {
    // The name opens a noun phrase: after punctuation, a preposition, or a verb of
    // meeting or reporting ("received A, Minister of ...", "said A, ...").
    // A courtesy style before the name ("The Honourable A, Minister of ...") leaves it opening.
    let styles = toks[..i].iter().rev().take_while(|t| t.has(F_HONORIFIC)).count();
    let opener = i - styles;
    let after_det = styles > 0 && opener > 0 && low(toks, opener - 1) == "the" && (opener == 1 || toks[opener - 2].kind == super::text::TokKind::Punct);
    let p = if after_det { opener - 1 } else { opener };
    // "Attending the meeting were A, Minister of State, ...": a list after "were" too;
    // "received a phone call from A, Amir of Qatar", "the visit of A, ...", "a banquet for A, ...",
    // "paid a courtesy call on A, Minister of Commerce".
    // "It came after A, Crown Prince of Abu Dhabi, headed ...", "said that A, ...": a
    // subordinate clause opens with its subject.
    let subordinator = matches!(low(toks, p.wrapping_sub(1)), "after" | "before" | "that" | "when" | "while" | "since" | "until" | "where");
    if p > 0 && !(toks[p - 1].kind == super::text::TokKind::Punct || subordinator || matches!(low(toks, p - 1), "with" | "and" | "by" | "to" | "were" | "included" | "from" | "of" | "for" | "on" | "upon") || toks[p - 1].has(F_MEET | F_VERB)) {
        return None;
    }
    let (a, b, poss) = name.get()?;
    if poss || b - a < 2 || !matches!(low(toks, b), "," | "—") {
        return None;
    }
    let Some(tp) = parse_title_phrase(text, toks, past_fillers(toks, b + 1)) else {
        return apposition_list(text, si, toks, (a, b), reg);
    };
    if let Some((_, pb, true)) = parse_name(text, toks, tp.end) {
        // "<Country> <Title> <Person>'s <title>": the owner's country is the possessor's.
        let own = parse_title_phrase(text, toks, pb)?;
        let mut t2 = own.clone();
        if t2.target.is_none() {
            t2.target = tp.target.clone();
        }
        reg.register(text, si, toks, (a, b), Some(&t2));
        return Some(b);
    }
    let mut tp = closes_apposition(text, toks, tp)?;
    if a > 0 && toks[a - 1].has(F_HEAD) && names_the_next_item(text, toks, b, &tp, false) {
        return None;
    }
    // "A, Vice President, Prime Minister and Ruler of Dubai, ...": the items that follow
    // are further offices while they are titles.
    if low(toks, tp.end) == "," && !tp.plural {
        if let Some(more) = title_items(text, toks, tp.end + 1, 0).filter(|m| !m.plural && (m.target.is_none() || tp.target.is_none() || m.target == tp.target)) {
            tp.titles.extend(more.titles);
            tp.target = tp.target.or(more.target);
        }
    }
    reg.register(text, si, toks, (a, b), Some(&tp));
    Some(b)
}

/// "Transport Minister A, the Chairman of the Committee, B, and ...": in a list of titled
/// names, a "the <office>" after a name (ending at `b`) that has its office already,
/// followed by a bare name, is the next item's office, not an apposition to the name before.
fn names_the_next_item(text: &str, toks: &[Tok], b: usize, tp: &TitlePhrase, set_off: bool) -> bool {
    let determined = set_off || low(toks, b + 1) == "the";
    let named_after = low(toks, tp.end) == ","
        && parse_name(text, toks, tp.end + 1).is_some_and(|(_, nb, poss)| !poss && matches!(low(toks, nb), "," | "and" | "." | "" | ")"));
    determined && named_after
}

/// Past "also", "who is", "a", "now", "the newly appointed" opening an apposition at `k`.
/// "Sheikh A, Deputy Prime Minister, Sheikh B, ...": in a list that opens with a name, an
/// office right after an untitled name and its comma is that name's apposition, not the
/// office of the name after it (Gulf agencies' lists of those attending). A list that opens
/// with an office ("the Ambassador of X, A, High Commissioner of Y, B") sets each before
/// its holder.
fn apposed_to_untitled_name(text: &str, toks: &[Tok], i: usize) -> bool {
    if i < 2 || low(toks, i - 1) != "," || !untitled_name_ends_at(text, toks, i - 1) {
        return false;
    }
    // The list's first item ends at the sentence's first comma.
    let first_end = toks[..i].iter().position(|t| t.low == ",").unwrap_or(i - 1);
    untitled_name_ends_at(text, toks, first_end)
}

/// Whether a name of two words or more, no place, with no office or capitalised word before
/// it (past its courtesy styles), ends right before token `end`.
fn untitled_name_ends_at(text: &str, toks: &[Tok], end: usize) -> bool {
    let name_word = |t: &Tok| t.is_word() && (t.is_cap(text) || t.has(F_PARTICLE)) && !t.has(F_HEAD | F_MOD | F_STOP);
    let run = toks[..end].iter().rev().take_while(|t| name_word(t)).count();
    let start = end - run;
    let before = start - toks[..start].iter().rev().take_while(|t| t.has(F_HONORIFIC) || NAME_STYLES.contains(&t.low.as_str())).count();
    let place = GAZ.at(text, toks, start).is_some_and(|h| h.end >= end);
    run >= 2 && !place && (before == 0 || (!toks[before - 1].has(F_HEAD | F_MOD) && !toks[before - 1].is_cap(text)))
}

fn past_fillers(toks: &[Tok], mut k: usize) -> usize {
    let newly = |k: usize| matches!(low(toks, k), "newly" | "new" | "appointed" | "incoming");
    while matches!(low(toks, k), "also" | "who" | "is" | "was" | "a" | "now" | "currently") || newly(k) || (low(toks, k) == "the" && newly(k + 1)) {
        k += 1;
    }
    k
}

/// A one-word title phrase at `i` right before the name at `a` that is a royal rank
/// also borne as a given name in the Gulf ("Sultan").
fn is_given_name_rank(toks: &[Tok], i: usize, tp: &TitlePhrase, a: usize) -> bool {
    tp.end == i + 1 && a == tp.end && low(toks, i) == "sultan"
}

/// "Ahead of the talks with his Chinese counterpart, Jaishankar had said ...": a title
/// phrase (at `i`) closing a fronted prepositional phrase is followed by the main clause's
/// subject (ending at `b`), not by an apposition naming its bearer -- which would close
/// with a comma of its own ("During talks with his counterpart, Wang Yi, the minister ...").
fn opens_main_clause(toks: &[Tok], i: usize, b: usize) -> bool {
    let fronted = matches!(low(toks, 0), "ahead" | "after" | "before" | "during" | "following" | "prior" | "upon" | "on" | "at" | "in" | "amid" | "despite" | "unlike" | "like");
    fronted && !toks[..i].iter().any(|t| t.low == ",") && !matches!(low(toks, b), "," | "." | "" | "and" | "\"")
}

/// A title phrase that makes up a whole apposition: titles, no name after it, and the
/// apposition's end next — after an "of/for the <common noun>" that only says whose office
/// it is ("Secretary General of the party", "chairman of the board", "spokesperson for the ministry").
/// Bodies an office may sit in, named after it with "at the".
const BODY_HEADS: &[&str] = &["ministry", "office", "department", "embassy", "court", "secretariat", "directorate", "presidency", "council"];

fn closes_apposition(text: &str, toks: &[Tok], mut tp: TitlePhrase) -> Option<TitlePhrase> {
    if parse_name(text, toks, tp.end).is_some() || tp.titles.is_empty() {
        return None;
    }
    let mut end = tp.end;
    // "..., the head of the X Department of the Central Committee of the Chinese Party.":
    // the party organ is no part of the office, but its state is the holder's.
    if low(toks, end) == "of" && party_body(toks, end + 1) {
        let close = (end..toks.len()).take(12).find(|&k| matches!(low(toks, k), "," | "." | "—" | ";" | ")")).unwrap_or(end);
        if tp.target.is_none() {
            tp.target = (end..close).find_map(|k| gaz_at(text, toks, k)).map(|h| h.entry.target.clone());
        }
        end = close;
    }
    if matches!(low(toks, end), "of" | "for") && low(toks, end + 1) == "the" {
        let nouns = toks[end + 2..].iter().take_while(|t| t.is_word() && !t.is_cap(text) && !t.has(F_VERB)).count();
        if (1..=2).contains(&nouns) {
            end += 2 + nouns;
        }
    }
    // "Advisor for Special Affairs at the Ministry of Presidential Affairs": the body the
    // office sits in, capitalised words up to the apposition's end.
    if low(toks, end) == "at" && low(toks, end + 1) == "the" && toks.get(end + 2).is_some_and(|t| BODY_HEADS.contains(&t.low.as_str())) {
        let body = toks[end + 2..].iter().take(8).take_while(|t| t.is_cap(text) || matches!(t.low.as_str(), "of" | "for" | "and" | "the")).count();
        end += 2 + body;
    }
    // "Consul-General of Jordan in Jeddah", "Ambassador of Peru in Beijing": the city of the post.
    if low(toks, end) == "in" {
        if let Some(h) = GAZ.at(text, toks, end + 1).filter(|h| matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital)) {
            end = h.end;
        }
    }
    // "..., Executive Director of the Conference on ... in Asia (CICA)": the body's acronym.
    end = super::titles::skip_acronym(text, toks, end);
    // "A, a special envoy of (DRC) President, Félix Tshisekedi, met ...": the principal an
    // envoy speaks for, titled and named, stands inside the apposition and lends it a state.
    if tp.heads.iter().any(|h| matches!(*h, "envoy" | "representative")) {
        let at = end + usize::from(low(toks, end) == "of");
        if let Some(p) = parse_title_phrase(text, toks, at).filter(|p| !p.titles.is_empty()) {
            let named_at = p.end + usize::from(low(toks, p.end) == ",");
            if let Some((_, nb, false)) = parse_name(text, toks, named_at) {
                end = nb;
                tp.target = tp.target.or(p.target);
            }
        }
    }
    // An apposition left unclosed before its sentence's verb ("A, Assistant Secretary for
    // African Affairs held a meeting", "... (CICA) also called on") ends there too.
    if matches!(low(toks, end), "also" | "then" | "later" | "today" | "yesterday") {
        end += 1;
    }
    let verb_next = toks.get(end).is_some_and(|t| !t.is_cap(text) && (t.has(F_VERB | F_MEET) || matches!(t.low.as_str(), "held" | "holds" | "chaired" | "led" | "signed" | "made" | "makes")));
    // "... spoke with A, Prime Minister of Canada to thank him": a purpose clause ends it.
    let purpose_next = low(toks, end) == "to" && toks.get(end + 1).is_some_and(|t| t.is_word() && !t.is_cap(text) && !matches!(t.low.as_str(), "the" | "a" | "an"));
    // "... met A, Special Envoy for Horn of Africa on January 11": the day ends it.
    let time_next = low(toks, end) == "on"
        && toks.get(end + 1).is_some_and(|t| WEEKDAYS.contains(&t.low.as_str()) || MONTH_NAMES.contains(&t.low.as_str()) || t.low.starts_with(|c: char| c.is_ascii_digit()));
    // "Penny Wong, Minister for Foreign Affairs: I want ...": a transcript's label.
    let label = low(toks, end) == ":" && toks[..end].iter().all(|t| is_label_word(text, t));
    // "..., France's Minister for Europe and Foreign Affairs (November 5 2021).": an aside in
    // brackets (past an acronym, skipped above) follows the apposition's end.
    (label || verb_next || purpose_next || time_next || matches!(low(toks, end), "," | ";" | "." | "—" | "" | "(" | ")" | "and" | "\"")).then_some(tp)
}

/// "The Vice-Minister, Ana Vera, National Coordinator of CELAC, met ...": the titles of
/// a further apposition after a titled name (its organisation is where the office sits,
/// not whom the person serves).
fn further_titles(text: &str, toks: &[Tok], b: usize, set_off: bool) -> Option<Vec<(String, usize, usize)>> {
    if low(toks, b) != "," {
        return None;
    }
    let tp = parse_title_phrase(text, toks, past_fillers(toks, b + 1))?;
    closes_apposition(text, toks, tp).filter(|tp| !names_the_next_item(text, toks, b, tp, set_off)).map(|tp| tp.titles)
}

/// "Mahinda said ..." where the article named "Mahinda Rajapaksa" earlier without
/// an office: a one-word speaker whose full name the article gives is an official
/// too. (Experts come with an apposition — ", a professor at ..." — and are left out.)
fn speakers_named_elsewhere(text: &str, sents: &[Sent], reg: &mut Registry) {
    for (_, _, w) in lone_speakers(text, sents, reg) {
        if let Some((si, a, b)) = full_name_with(text, sents, &w) {
            reg.register(text, si, &sents[si].toks, (a, b), Some(&TitlePhrase::default()));
        }
    }
}

/// One-word subjects of a reporting verb opening a clause ("Obama said ...") that name no
/// official registered yet: (sentence, token, name word).
fn lone_speakers(text: &str, sents: &[Sent], reg: &Registry) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (si, sent) in sents.iter().enumerate() {
        let toks = &sent.toks;
        for k in 0..toks.len().saturating_sub(1) {
            let t = &toks[k];
            let starts_clause = k == 0 || low(toks, k - 1) == ",";
            if !starts_clause || !t.is_cap(text) || t.has(F_STOP | F_HEAD | F_MOD) || !toks[k + 1].has(F_VERB) || sent.tpc.place(text, toks, k).is_some() {
                continue;
            }
            let w = name_word(t).into_owned();
            if !seen.contains(&w) && !reg.offs.iter().any(|o| o.key.contains(&w)) {
                seen.insert(w.clone());
                found.push((si, k, w));
            }
        }
    }
    found
}

/// The first two-or-three-word name in the article containing `w`, unless an
/// apposition presents its bearer as something other than an office holder.
fn full_name_with(text: &str, sents: &[Sent], w: &str) -> Option<(usize, usize, usize)> {
    for (si, s) in sents.iter().enumerate() {
        let toks = &s.toks;
        for k in 0..toks.len() {
            if name_word(&toks[k]) != w {
                continue;
            }
            for start in [k.saturating_sub(2), k.saturating_sub(1), k] {
                let Some((a, b, _)) = parse_name(text, toks, start) else { continue };
                if (a..b).contains(&k) && (2..=3).contains(&(b - a)) && gaz_at(text, toks, a).is_none() && !is_title_word(&toks[a]) {
                    let expert = low(toks, b) == "," && matches!(low(toks, b + 1), "a" | "an") && !has(low(toks, b + 2), F_HEAD | F_MOD);
                    return (!expert).then_some((si, a, b));
                }
            }
        }
    }
    None
}

/// Verbs whose sentence-initial subject is taken to be an official even without
/// a title ("Vladimir Putin had a telephone conversation with ...").
const ENCOUNTER_VERBS: &[&str] = &["met", "meets", "held", "holds", "had", "has", "received", "receives", "hosted", "hosts", "spoke", "talked", "visited", "attended"];

/// A two-to-four word name opening the sentence (or its main clause after an
/// introductory phrase) as the subject of a meeting or reporting verb.
fn untitled_subject(text: &str, si: usize, toks: &[Tok], i: usize, name: &mut NameAt, reg: &mut Registry) -> Option<usize> {
    if !(i == 0 || (low(toks, i - 1) == "," && i <= 8)) {
        return None;
    }
    // "The paper's presidential correspondent, X reports from ...": the press, nobody we report.
    if i >= 2 && PRESS_ROLES.contains(&low(toks, i - 2)) {
        return None;
    }
    let (a, b, poss) = name.get()?;
    // "N.Enkhtaivan said": an initial glued to the name is one token and a second word.
    let words = b - a + usize::from(glued_initial(&text[toks[a].s..toks[a].e]));
    if poss || words < 2 || words > 4 || toks[a..b].iter().any(|t| INSTITUTION_WORDS.contains(&t.low.as_str())) {
        return None;
    }
    let next = toks.get(b)?;
    // "Vladimir Putin and President X held talks": a joint subject of an encounter verb.
    let joint_subject = next.low == "and" && toks[b..].iter().any(|t| matches!(t.low.as_str(), "met" | "held" | "had" | "signed" | "attended"));
    if !(ENCOUNTER_VERBS.contains(&next.low.as_str()) || next.has(F_VERB) || joint_subject) || next.is_cap(text) {
        return None;
    }
    // "had"/"held" must lead to an encounter noun, not "had been".
    if matches!(next.low.as_str(), "had" | "has" | "held" | "holds" | "and") {
        let enc = toks[b + 1..].iter().any(|t| matches!(t.low.as_str(), "talks" | "meeting" | "meetings" | "conversation" | "call" | "phone" | "telephone" | "consultations" | "discussions"));
        if !enc {
            return None;
        }
    }
    reg.register(text, si, toks, (a, b), Some(&TitlePhrase::default()));
    Some(b)
}

/// "met Dr. Amir Abdullahian", "received H.E. Ana Vera", "held talks with Mr Tom Reed": a
/// name of two to four words styled as a person's, the partner of an encounter, is an
/// official even untitled (Gulf, South Asian and African releases style guests so).
fn styled_partner(text: &str, si: usize, toks: &[Tok], i: usize, name: &mut NameAt, reg: &mut Registry) -> Option<usize> {
    // "Dr", "H.E." and the styles also borne as names ("Sheikh" before two words or more).
    if i == 0 || courtesy_style_len(text, toks, i).is_none() {
        return None;
    }
    let before = low(toks, i - 1);
    let partner = matches!(before, "met" | "meets" | "received" | "receives" | "hosted" | "hosts" | "welcomed" | "welcomes" | "greeted")
        || matches!(before, "with" | "by") && toks[i.saturating_sub(5)..i - 1].iter().any(|t| t.has(F_MEET))
        // "The meeting was attended by Sheikh A, ..., Sheikh B, ...": a styled name in a list
        // of those present took part too.
        || matches!(before, "," | "by" | "were" | "and") && super::meetings::presence_list(toks);
    if !partner {
        return None;
    }
    let (a, b, poss) = name.get()?;
    let office_word = |k: usize| toks[k].has(F_HEAD) && !super::titles::rank_as_given_name(text, toks, k);
    let words = toks[a..b].iter().filter(|t| !t.has(F_PARTICLE)).count();
    if poss || b - a < 2 || words > 4 || (a..b).any(|k| INSTITUTION_WORDS.contains(&low(toks, k)) || office_word(k)) {
        return None;
    }
    reg.register(text, si, toks, (a, b), Some(&TitlePhrase::default()));
    Some(b)
}

/// "Wang Yi — member of the ... Bureau, Director of the ... Office, and Minister
/// of Foreign Affairs of ... —": the titles among the comma-separated items of
/// an apposition; items that are not titles (party ranks) are passed over.
fn apposition_list(text: &str, si: usize, toks: &[Tok], (a, b): (usize, usize), reg: &mut Registry) -> Option<usize> {
    let tp = title_items(text, toks, b + 1, 2)?;
    reg.register(text, si, toks, (a, b), Some(&tp));
    Some(b)
}

/// The titles among the comma-separated items from `k` on, passing over up to
/// `skips` items that are not titles.
fn title_items(text: &str, toks: &[Tok], mut k: usize, skips: usize) -> Option<TitlePhrase> {
    let mut found: Option<TitlePhrase> = None;
    let mut skipped = 0;
    while k < toks.len() && skipped <= skips {
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
            // "Sheikh A, Sheikh B, Advisor ...": an item that is a name opens the next person's.
            None if parse_name(text, toks, k).is_some_and(|(_, e, _)| e == item_end) => break,
            None => skipped += 1,
        }
        if item_end >= toks.len() || low(toks, item_end) != "," {
            break;
        }
        k = item_end + 1;
    }
    found
}

/// Occupations of the press, whose holders report and are not reported on.
const PRESS_ROLES: &[&str] = &["correspondent", "reporter", "journalist", "editor", "columnist", "anchor", "writer"];

/// Words that show a capitalised "X of Country" is an institution, not a person.
const INSTITUTION_WORDS: &[&str] = &[
    "republic", "kingdom", "state", "states", "ministry", "government", "university", "bank", "port", "embassy",
    "president", "people", "city", "capital", "federation", "union", "emirates", "islands", "province", "gulf",
    "sea", "coast", "central", "national", "democratic", "federal", "islamic", "sultanate", "commonwealth",
];

/// "Musalia Mudavadi of Kenya": a two-to-four word name followed by "of <Country>".
fn name_of_country(text: &str, si: usize, toks: &[Tok], i: usize, name: &mut NameAt, reg: &mut Registry) -> Option<usize> {
    if i > 0 && toks[i - 1].is_cap(text) {
        return None;
    }
    let (a, b, poss) = name.get()?;
    if poss || b - a < 2 || toks[a..b].iter().any(|t| INSTITUTION_WORDS.contains(&t.low.as_str())) {
        return None;
    }
    let target = post_name_country(text, toks, b, false)?;
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
    /// Merges official `i` into `host`, which takes the earlier full name (GUIDELINES:
    /// the full name as the article first gives it, "Bruno Rodriguez" before "Bruno
    /// Rodríguez Parrilla"; a lone surname is no full name) and the titles it lacks.
    fn merge_into(&mut self, i: usize, host: usize, styled: bool, body_sents: usize) {
        let src = self.offs.remove(i);
        let h = if host > i { host - 1 } else { host };
        // "Andriy Sibiga" in a headline merged into "Andriy Sybiga": the other spelling of a
        // name word still names the person alone later ("Sibiga thanked ...").
        for w in src.key.iter().filter(|w| w.chars().count() >= 4 && !has(w, F_PARTICLE | F_STOP) && !self.offs[h].key.contains(w)) {
            self.aliases.push((w.clone(), self.offs[h].key.clone()));
        }
        let dst = &mut self.offs[h];
        if src.key.len() >= 2 && !styled && src.pos < dst.pos {
            dst.name = src.name;
            dst.pos = src.pos;
            // A caption's reading has no body sentence to find a state near.
            if src.first.0 < body_sents {
                dst.first = src.first;
            }
        }
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
    }

    /// "Yusuf M. Tuggar" beside "Yusuf Maitama Tuggar": one person, a middle name written
    /// as its initial. The spelling with initials is merged into the other.
    fn merge_initial_variants(&mut self, body_sents: usize) {
        let mut i = 0;
        while i < self.offs.len() {
            let same_side = |j: usize| {
                let (a, b) = (&self.offs[i], &self.offs[j]);
                a.country.is_none() || b.country.is_none() || a.country == b.country
            };
            // "Bruno Rodrigues Parrilla" in a caption, "Bruno Rodriguez Parrilla" in the text.
            let host = (0..self.offs.len()).find(|&j| j != i && (initials_of(&self.offs[i].key, &self.offs[j].key) || (j < i && same_side(j) && one_letter_apart(&self.offs[i].key, &self.offs[j].key))));
            // "N.Enkhtaivan" and "Enkhtaivan Nyamtseren": one person, named as the text first
            // names them.
            // Looked for only when no other variant is: most officials have none.
            // "S Jaishankar" and "Subrahmanyam Jaishankar" of one state: a given name and its initial.
            // "Mike Pompeo" and "Michael R. Pompeo" of one state: a given name and its familiar form.
            let glued = || {
                (0..self.offs.len()).find(|&j| {
                    j != i && same_side(j) && (glued_initial_of(&self.offs[i].name, &self.offs[j].key) || initial_given_name(&self.offs[i].key, &self.offs[j].key) || familiar_form_of(&self.offs[i].key, &self.offs[j].key) || particle_variant_of(&self.offs[i].key, &self.offs[j].key) || given_name_with_suffix(&self.offs[i].key, &self.offs[j].key))
                })
            };
            match host.map(Ok).or_else(|| glued().map(Err)) {
                Some(Ok(h)) => self.merge_into(i, h, false, body_sents),
                Some(Err(j)) if self.offs[j].pos < self.offs[i].pos => self.merge_into(i, j, false, body_sents),
                Some(Err(j)) => self.merge_into(j, i, false, body_sents),
                None => i += 1,
            }
        }
    }

    /// Merges one-word names into the full name they belong to, builds the
    /// surname index, assigns missing countries and drops titles implied by others.
    /// `known` answers, from the actor dictionary, whom a full name served when the
    /// text does not say: consulted after the text's own evidence, before any guess.
    pub fn finalize(&mut self, text: &str, sents: &[Sent], country_counts: &HashMap<CountryCode, (usize, usize)>, known: &dyn Fn(&str) -> Option<Holder>) {
        self.complete_short_names(text, sents);
        self.merge_aliases(text, sents);
        self.merge_initial_variants(sents.len());
        // Merge a name into the one longer name containing it ("Faisal",
        // "Faisal bin Farhan" → "Faisal bin Farhan Al Saud").
        let mut i = 0;
        while i < self.offs.len() {
            {
                let key = self.offs[i].key.clone();
                let regnal = is_regnal(&self.offs[i]);
                // "Sheikh Mohamed", met before "Sheikh Mohamed bin Zayed Al Nahyan" is read in
                // full: a style and a given name are the short form of the longer name.
                let styled = key.len() == 2 && NAME_STYLES.contains(&key[0].as_str());
                let core = if styled { &key[1..] } else { &key[..] };
                let hosts: Vec<usize> = (0..self.offs.len())
                    .filter(|&j| j != i && self.offs[j].key.len() > core.len() && self.offs[j].key != key && name_within(core, &self.offs[j].key))
                    // "Sultan Ibrahim" is not the Prime Minister "Anwar Ibrahim" (but may be an untitled "Ibrahim Iskandar").
                    .filter(|&j| !regnal || self.offs[j].titles.is_empty() || self.offs[j].titles.iter().any(|t| is_royal_title(&t.0)))
                    .collect();
                // "Minister Wang" beside "Wang Yi" (a minister) and "Wang Jairui": the host of the same office.
                let same_office: Vec<usize> = hosts.iter().copied().filter(|&j| self.offs[i].heads.iter().any(|h| self.offs[j].heads.contains(h))).collect();
                let hosts = if hosts.len() > 1 && key.len() == 1 && same_office.len() == 1 { same_office } else { hosts };
                let hosts: Vec<usize> = if hosts.len() > 1 {
                    // Several hosts nested in one another: the longest holds them all.
                    let longest = *hosts.iter().max_by_key(|&&j| self.offs[j].key.len()).unwrap();
                    let lk = self.offs[longest].key.clone();
                    if hosts.iter().all(|&j| j == longest || name_within(&self.offs[j].key, &lk)) { vec![longest] } else { hosts }
                } else {
                    hosts
                };
                if hosts.len() == 1 {
                    self.merge_into(i, hosts[0], styled, sents.len());
                    continue;
                }
            }
            i += 1;
        }
        self.keys.clear();
        self.full_names.clear();
        self.bearers.clear();
        for (idx, o) in self.offs.iter().enumerate() {
            if o.key.len() >= 2 {
                push_index(&mut self.full_names, &o.key[0], idx);
            }
            for w in &o.key {
                push_index(&mut self.bearers, w, idx);
                // Particles and stop-words ("He" of He Lifeng) never stand alone for the person.
                if has(w, F_PARTICLE | F_STOP) || w == "." {
                    continue;
                }
                self.keys.entry(w.clone()).and_modify(|e| if *e != Some(idx) { *e = None }).or_insert(Some(idx));
                // "Haider al-Abadi" is "Dr. Abadi" later, "el-Sisi" is "Sisi": the Arabic
                // article may be left off.
                if let Some(bare) = ["al-", "el-"].iter().find_map(|a| w.strip_prefix(a)).filter(|b| b.len() >= 3) {
                    self.keys.entry(bare.to_string()).or_insert(Some(idx));
                    push_index(&mut self.bearers, bare, idx);
                }
            }
        }
        for (word, key) in &self.aliases {
            if let Some(idx) = self.offs.iter().position(|o| &o.key == key) {
                self.keys.entry(word.clone()).or_insert(Some(idx));
                push_index(&mut self.bearers, word, idx);
            }
        }
        self.assign_countries(text, sents, country_counts, known);
        self.tidy_titles();
    }

    /// Drops titles implied by longer ones ("Minister" beside "Foreign Minister").
    pub fn tidy_titles(&mut self) {
        for o in &mut self.offs {
            premier_as_prime_minister(o);
            drop_implied_titles(&mut o.titles);
            // "Amir Abdollahian said" of Hossein Amir Abdollahian: a one-word rank that is a
            // word of the official's own name was the name, not an office.
            let key = &o.key;
            o.titles.retain(|t| t.0.contains(' ') || !key.iter().any(|k| k.eq_ignore_ascii_case(&t.0)));
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

    /// "President Joko Widodo (Jokowi)": the word in brackets is the short name the
    /// press calls the person by (Indonesian and other Asian outlets); an official
    /// registered under it alone ("President Jokowi noted ...") is the same person.
    fn merge_aliases(&mut self, text: &str, sents: &[Sent]) {
        for s in sents {
            let toks = &s.toks;
            for k in 2..toks.len().saturating_sub(2) {
                let alias = &toks[k + 1];
                // Mixed case only: "(FSM)", "(MFA)" are acronyms of bodies.
                if toks[k].low != "(" || toks[k + 2].low != ")" || !alias.is_word() || !alias.is_cap(text) || is_all_caps(text, alias) {
                    continue;
                }
                let named_before = |key: &[String]| key.len() >= 2 && k >= key.len() && toks[k - key.len()..k].iter().zip(key).all(|(t, w)| name_word(t) == w.as_str());
                let full = self.offs.iter().position(|o| named_before(&o.key));
                let Some(full) = full else { continue };
                let word = name_word(alias).into_owned();
                if self.offs[full].key.contains(&word) {
                    continue;
                }
                self.aliases.push((word.clone(), self.offs[full].key.clone()));
                if let Some(i) = self.offs.iter().position(|o| o.key == [word.clone()]) {
                    self.merge_into(i, full, false, sents.len());
                }
            }
        }
    }

    /// "President Xi" registered alone while the text also writes "Xi Jinping"
    /// untitled: the official takes the longer name.
    fn complete_short_names(&mut self, text: &str, sents: &[Sent]) {
        for i in 0..self.offs.len() {
            // "U.Khurelsukh", "O.Enkhtsetseg": a patronym's initial glued to the given name is
            // the whole name already (a word before it is the office's "of Mongolia").
            if self.offs[i].key.len() != 1 || glued_initial(&self.offs[i].name) {
                continue;
            }
            let w = self.offs[i].key[0].clone();
            if self.offs.iter().any(|o| o.key.len() > 1 && o.key.contains(&w)) {
                continue;
            }
            let mut best: Option<(String, Vec<String>)> = None;
            'outer: for s in sents {
                for k in 0..s.toks.len() {
                    if name_word(&s.toks[k]) != w.as_str() || !s.toks[k].is_cap(text) {
                        continue;
                    }
                    // The name may start here or a word or two earlier ("Shinzo Abe").
                    for start in [k.saturating_sub(2), k.saturating_sub(1), k] {
                        if let Some((a, b, _)) = parse_name(text, &s.toks, start) {
                            // Not "Affairs O.Enkhtsetseg" after "Minister of Foreign Affairs".
                            if b - a >= 2 && b - a <= 3 && (a..b).contains(&k) && !is_title_word(&s.toks[a]) {
                                best = Some((name_string(text, &s.toks, a, b), name_key(&s.toks, a, b)));
                                break 'outer;
                            }
                        }
                    }
                }
            }
            // Else a heading's run of words ending in this one ("Igor Ivanov" in "... Minister
            // Igor Ivanov Following Their Meeting"), when only one run does.
            let from_headings = || {
                let mut runs = self.heading_names.iter().filter(|(key, _)| key.last() == Some(&w));
                let (key, name) = runs.next()?;
                runs.all(|(k, _)| k == key).then(|| (name.clone(), key.clone()))
            };
            if let Some((name, key)) = best.or_else(from_headings) {
                if !self.offs.iter().any(|o| o.key == key) {
                    self.offs[i].name = name;
                    self.offs[i].key = key;
                }
            }
        }
    }

    fn assign_countries(&mut self, text: &str, sents: &[Sent], counts: &HashMap<CountryCode, (usize, usize)>, known: &dyn Fn(&str) -> Option<Holder>) {
        for (si, sent) in sents.iter().enumerate() {
            self.assign_respectively(text, si, sent);
        }
        // "President X, who is also the Chairperson of the African Union": a head of state
        // or government holding an organisation's rotating chair serves their state.
        for o in self.offs.iter_mut().filter(|o| o.org.is_some() && o.country.is_none()) {
            let chairs = o.titles.iter().any(|t| t.0.starts_with("Chair"));
            let heads_a_state = o.titles.iter().any(|t| super::mentions::is_top_office_of(&t.0, true) || super::mentions::is_top_office_of(&t.0, false));
            if chairs && heads_a_state {
                o.org = None;
            }
        }
        // "US President A and Prime Minister B": a state lent by the list's first title is a
        // guess, and the dictionary knows better when it files B under another state.
        for o in self.offs.iter_mut().filter(|o| o.lent) {
            if let Some(Holder::State(c)) = known(&o.name) {
                o.country = Some(c);
            }
        }
        // A person the dictionary knows needs no guess from nearby words.
        for o in self.offs.iter_mut().filter(|o| o.country.is_none() && o.org.is_none()) {
            match known(&o.name) {
                Some(Holder::State(c)) => o.country = Some(c),
                Some(Holder::Org(org)) => o.org = Some(super::gazetteer::org_code(&org).map_or(org, str::to_string)),
                None => {}
            }
        }
        // Local evidence first for everyone, then article-wide counts for the rest,
        // so the counts see every state already served by someone.
        self.assign_countries_pass(text, sents, counts, false);
        self.assign_countries_pass(text, sents, counts, true);
    }

    /// "Putin's spokesman Dmitry Peskov", "the president's national security adviser, Tom
    /// Donilon": an aide named after their principal's possessive serves the principal's state.
    fn principals_state(&self, text: &str, sents: &[Sent], i: usize) -> Option<CountryCode> {
        let (fs, a, _) = self.offs[i].first;
        let toks = &sents.get(fs)?.toks;
        let name_start = if a > 0 && low(toks, a - 1) == "," { a - 1 } else { a };
        let p = (name_start.saturating_sub(6)..name_start).rev().find(|&p| toks[p].is_possessive())?;
        parse_title_phrase(text, toks, p + 1).filter(|tp| tp.end == name_start && tp.target.is_none())?;
        let owner = name_word(&toks[p]);
        let principal = self.offs.iter().enumerate().find(|(j, o)| *j != i && o.key.iter().any(|k| *k == owner));
        principal.and_then(|(_, o)| o.country)
    }

    /// "met the Polish, Gabonese and Cameroonian foreign ministers, A, B and C,
    /// respectively": the listed states go to the names listed after them, in order. The
    /// text says it outright, so it wins over what the title phrase gave the first name.
    fn assign_respectively(&mut self, text: &str, si: usize, sent: &Sent) {
        let toks = &sent.toks;
        if !toks.iter().any(|t| t.low == "respectively") {
            return;
        }
        let states = coordinated_states(text, sent);
        if states.len() < 2 {
            return;
        }
        let after = states.last().map_or(0, |s| s.1);
        let mut named: Vec<(usize, usize)> = (0..self.offs.len())
            .filter(|&o| self.offs[o].first.0 == si && self.offs[o].first.1 >= after)
            .map(|o| (self.offs[o].first.1, o))
            .collect();
        named.sort_unstable();
        if named.len() == states.len() {
            for ((_, o), (c, _)) in named.into_iter().zip(states) {
                self.offs[o].country = Some(c);
                self.offs[o].org = None;
            }
        }
    }

    /// "A, B, Indian High Commissioner C and Indian Deputy High Commissioner D were present",
    /// with neither dateline nor publisher to name the host: the list names the guests'
    /// state, so its unmarked names are the one other side's, when the article's officials
    /// serve just two states.
    fn side_the_list_leaves_unnamed(&self, text: &str, sent: &Sent) -> Option<CountryCode> {
        let toks = &sent.toks;
        let named: Vec<CountryCode> = (0..toks.len())
            .filter_map(|j| sent.tpc.place(text, toks, j))
            .filter_map(|h| match h.entry.target {
                Target::State(c) if h.entry.kind == PlaceKind::Adjective => Some(c),
                _ => None,
            })
            .collect();
        let mut served: Vec<CountryCode> = self.offs.iter().filter_map(|o| o.country).collect();
        served.sort();
        served.dedup();
        let [a, b] = served[..] else { return None };
        match (named.contains(&a), named.contains(&b)) {
            (true, false) => Some(b),
            (false, true) => Some(a),
            _ => None,
        }
    }

    /// The state of the official whose delegation official `i` belongs to: in a sentence
    /// with "accompanying" / "accompanied by", the nearest other official there with a state.
    fn accompanied_state(&self, text: &str, sents: &[Sent], i: usize) -> Option<CountryCode> {
        let (si, a, _) = self.offs[i].first;
        let toks = &sents.get(si)?.toks;
        // "The talks were attended by A, B and C", "Also present were ...": one side's delegation too.
        let k = toks
            .iter()
            .enumerate()
            .position(|(j, t)| t.low.starts_with("accompan") || (t.low == "attended" && low(toks, j + 1) == "by") || t.low == "present" || lists_delegation(toks, j))?;
        // Named first here, or again by a family name ("Minister Balakrishnan is part of the
        // delegation accompanying Deputy Prime Minister B").
        let at = |o: &OffBuild| {
            if o.first.0 == si {
                return Some(o.first.1);
            }
            toks.iter().position(|t| o.key.iter().any(|w| distinctive_name_word(w) && *w == name_word(t)))
        };
        self.offs
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != i && o.country.is_some())
            .filter_map(|(_, o)| at(o).filter(|&p| p != a).map(|p| (p, o.country)))
            .min_by_key(|(p, _)| p.abs_diff(k))
            .and_then(|(_, c)| c)
            .or_else(|| {
                // The one accompanied is named before ("Accompanying Wang ..." after a sentence on Wang).
                let name_after = toks.get(k + 1)?.stem();
                let idx = self.key_lookup(name_after)?;
                (idx != i).then(|| self.offs[idx].country).flatten()
            })
            .or_else(|| self.described_subject_state(text, sents.get(si)?, i, k))
            .or_else(|| {
                // "Peters was leading a delegation of MPs, including A, B and C": the
                // subject named earlier leads them.
                let idx = self.key_lookup(toks.first()?.stem())?;
                (idx != i && k > 0).then(|| self.offs[idx].country).flatten()
            })
    }

    /// "The Prime Minister was accompanied by A and B": the state of the one official who
    /// holds the office the subject names.
    fn described_subject_state(&self, text: &str, sent: &Sent, i: usize, k: usize) -> Option<CountryCode> {
        let toks = &sent.toks;
        if low(toks, 0) != "the" || k < 3 || !matches!(low(toks, k - 1), "was" | "were" | "is") {
            return None;
        }
        // "The Turkish president was accompanied by A and B": the description names the state.
        if let Some(Target::State(c)) = sent.tpc.place(text, toks, 1).filter(|h| h.end < k - 1).map(|h| h.entry.target.clone()) {
            return Some(c);
        }
        let office: Vec<&str> = toks[1..k - 1].iter().map(|t| t.low.as_str()).collect();
        let office = office.join(" ");
        let mut holders = self.offs.iter().enumerate().filter(|(j, o)| *j != i && o.titles.iter().any(|t| t.0.to_lowercase() == office));
        let (_, o) = holders.next()?;
        holders.next().is_none().then_some(o.country).flatten()
    }

    /// "X held talks with her Salvadoran counterpart Y": the states of the counterparts named
    /// after official `i` in their sentence, which are not `i`'s own. Also unnamed or named
    /// under another office ("A and B spoke with their Indian counterparts, C and NSA D").
    fn counterparts_states<'a>(&'a self, text: &'a str, sents: &'a [Sent], i: usize) -> impl Iterator<Item = CountryCode> + 'a {
        let own_key = &self.offs[i].key;
        let named = self.offs.iter().filter(move |o| {
            o.heads.contains(&"counterpart") && sents.get(o.first.0).is_some_and(|s| s.toks[..o.first.1.min(s.toks.len())].iter().any(|t| own_key.iter().any(|k| k.len() >= 3 && *k == name_word(t))))
        }).filter_map(|o| o.country);
        let (si, _, b) = self.offs[i].first;
        named.chain(sents.get(si).map(|s| peers_named_after(text, s, b)).unwrap_or_default())
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
            // "State House spokesperson X": the presidency's aide.
            if self.offs[i].titles.iter().any(|t| t.0.starts_with("State House")) {
                if let Some(c) = self.state_house_state() {
                    self.offs[i].country = Some(c);
                    continue;
                }
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
            // Family: an untitled "Mahinda Rajapaksa" beside President "Gotabaya Rajapaksa"
            // shares one name word; a titled official needs two, a given and a family name
            // ("President Ferdinand E. Marcos Sr." beside "President Ferdinand R. Marcos Jr."):
            // one shared word is not enough there, "Lee", "Kim", "Wang" are many families'.
            let needed = if self.offs[i].titles.is_empty() { 1 } else { 2 };
            let key = &self.offs[i].key;
            let kin = self.offs.iter().enumerate().find_map(|(j, o)| {
                let shared = o.key.iter().filter(|k| distinctive_name_word(k) && key.contains(k)).count();
                (j != i && shared >= needed).then_some(o.country).flatten()
            });
            if let Some(c) = kin {
                self.offs[i].country = Some(c);
                continue;
            }
            if let Some(c) = self.principals_state(text, sents, i) {
                self.offs[i].country = Some(c);
                continue;
            }
            // "A, B and C from the Japan side, and D and E from the U.S.": the side closing a list.
            if let Some(c) = side_closing_list(text, sents, self.offs[i].first) {
                self.offs[i].country = Some(c);
                continue;
            }
            // "The Uruguayan delegation included A and B", "On the Cuban side were A, B":
            // the side opening a list.
            if let Some(c) = side_opening_list(text, sents, self.offs[i].first) {
                self.offs[i].country = Some(c);
                continue;
            }
            // "Attending the meeting were A, Minister of State, B, ... and C, Saudi Ambassador":
            // a host's release lists its own side without a state, the guests' with theirs. The
            // host is the dateline's state (else the publisher's), when one of the principals
            // serves it.
            let in_presence_list = sents.get(self.offs[i].first.0).is_some_and(|s| super::meetings::presence_list(&s.toks));
            let home_served = self.home.or(self.publisher).filter(|h| self.offs.iter().any(|o| o.country == Some(*h)));
            let home_served = home_served.or_else(|| in_presence_list.then(|| self.side_the_list_leaves_unnamed(text, &sents[self.offs[i].first.0])).flatten());
            if let Some(h) = home_served.filter(|_| in_presence_list) {
                self.offs[i].country = Some(h);
                continue;
            }
            // A delegation: "Accompanying Wang on his trip are A, B and C", "X, accompanied
            // by A": the members serve the state of the one they accompany.
            if let Some(c) = self.accompanied_state(text, sents, i) {
                self.offs[i].country = Some(c);
                continue;
            }
            // The state named nearest to the name in its sentence ("President X ... the Nigerian people").
            let (fs, _, _) = self.offs[i].first;
            let own_key = &self.offs[i].key;
            let peers: Vec<CountryCode> = self.counterparts_states(text, sents, i).collect();
            let others: Vec<CountryCode> = self
                .offs
                .iter()
                .enumerate()
                .filter(|(j, o)| {
                    // A "counterpart" is someone's peer: their state says nothing about neighbours in the list.
                    *j != i
                        && o.country.is_some()
                        && !o.heads.contains(&"counterpart")
                        // A family name both bear ("al-Thani") names this one, not the other.
                        && sents.get(fs).is_some_and(|s| s.toks.iter().any(|t| o.key.iter().any(|k| distinctive_name_word(k) && !own_key.contains(k) && *k == name_word(t))))
                })
                .filter_map(|(_, o)| o.country)
                .chain(peers.iter().copied())
                .collect();
            if let Some(c) = nearest_state(text, sents, self.offs[i].first, &others) {
                self.offs[i].country = Some(c);
                continue;
            }
            if !use_counts {
                continue;
            }
            let mine: Vec<String> = self.offs[i].titles.iter().map(|t| t.0.clone()).collect();
            let same_office = |c: &CountryCode| peers.contains(c) || self.offs.iter().any(|o| o.country == Some(*c) && o.titles.iter().any(|t| mine.contains(&t.0)));
            // The dateline's state (a wire story from Kathmandu about "Prime Minister X"),
            // then the publisher's (a White House readout's "President X"), unless
            // another official named beside this one serves it or holds the same office there.
            // A story datelined abroad speaks for its publisher's state only where it names
            // that state: an agency's report from Dakar is about Senegal and its guests.
            let publisher = self.publisher.filter(|p| self.home.is_none_or(|h| h == *p) || counts.contains_key(p));
            if let Some(h) = [self.home, publisher].into_iter().flatten().find(|h| !others.contains(h) && !same_office(h)) {
                self.offs[i].country = Some(h);
                continue;
            }
            // Otherwise the most-mentioned state, never one whose official here
            // holds the same office, and at half weight one any other official serves.
            let served = |c: &CountryCode| self.offs.iter().any(|o| o.country == Some(*c));
            // Ties go to the state named first.
            // States of the other officials named beside this one are theirs, not this one's
            // ("Secretary of State X and Chinese Vice Minister Y").
            let free = counts.keys().any(|c| !same_office(c) && !others.contains(c));
            let best = counts
                .iter()
                .filter(|(c, _)| !same_office(c) && (!free || !others.contains(c)))
                .map(|(c, (n, first))| (*c, if served(c) { *n } else { 2 * *n + 1 }, *first))
                // Two states named by one token ("Russia-Ukraine") tie on both: the code decides,
                // so the answer never rests on the map's iteration order.
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)));
            self.offs[i].country = best.map(|(c, _, _)| c);
        }
    }
}

/// The state named closest to tokens `a..b` of sentence `si`, ignoring states
/// that belong to someone's title ("China's Foreign Minister", "of the PRC").
/// The first run of two or more states joined by commas and "and" ("Polish, Gabonese and
/// Cameroonian", "of Malaysia, Somalia and Tajikistan"), each with the token after it.
fn coordinated_states(text: &str, sent: &Sent) -> Vec<(CountryCode, usize)> {
    let toks = &sent.toks;
    let mut run: Vec<(CountryCode, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(h) = sent.tpc.place(text, toks, i) else {
            let joiner = matches!(toks[i].low.as_str(), "," | "and");
            if !joiner && !run.is_empty() {
                if run.len() >= 2 {
                    return run;
                }
                run.clear();
            }
            i += 1;
            continue;
        };
        match h.entry.target {
            Target::State(c) if !matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) => run.push((c, h.end)),
            _ => run.clear(),
        }
        i = h.end.max(i + 1);
    }
    if run.len() >= 2 { run } else { Vec::new() }
}

/// A name word that can stand for its bearer: not a particle ("al", "bin") nor a word too
/// short to tell one family from another.
fn distinctive_name_word(w: &str) -> bool {
    w.len() >= 3 && !has(w, F_PARTICLE)
}

/// States of the adjectives right before "counterpart(s)" after token `b` ("their Indian counterparts").
fn peers_named_after(text: &str, sent: &Sent, b: usize) -> Vec<CountryCode> {
    let toks = &sent.toks;
    let mut out = Vec::new();
    let mut i = b;
    while i < toks.len() {
        match sent.tpc.place(text, toks, i) {
            Some(h) => {
                if let (Target::State(c), true) = (&h.entry.target, matches!(low(toks, h.end), "counterpart" | "counterparts")) {
                    out.push(*c);
                }
                i = h.end;
            }
            None => i += 1,
        }
    }
    out
}

fn nearest_state(text: &str, sents: &[Sent], (si, a, b): (usize, usize, usize), others: &[CountryCode]) -> Option<CountryCode> {
    let sent = sents.get(si)?;
    let toks = &sent.toks;
    if let Some(c) = state_of_its(text, sent, a) {
        return Some(c);
    }
    let mut best: Option<(usize, CountryCode)> = None;
    let mut i = 0;
    // States named inside a quotation are what someone says, not who they serve.
    let mut quoted = false;
    while i < toks.len() {
        if toks[i].low == "\"" {
            quoted = !quoted;
        }
        let Some(h) = sent.tpc.place(text, toks, i).filter(|_| !quoted) else {
            i += 1;
            continue;
        };
        // "of China" right after an office ("Foreign Minister of China") belongs to that office.
        let of_at = if low(toks, i.wrapping_sub(1)) == "of" { Some(i.wrapping_sub(1)) } else if low(toks, i.wrapping_sub(1)) == "the" && low(toks, i.wrapping_sub(2)) == "of" { Some(i.wrapping_sub(2)) } else { None };
        let of_title = of_at.is_some_and(|o| o >= 1 && toks[o - 1].has(F_HEAD | F_MOD | F_COMPL));
        let titled = is_title_start(toks, h.end) || of_title;
        // A state told of in the predicate ("X met the U.S. envoy for North Korea", "X
        // discussed ties with Japan") is what the person acts on, not whom they serve.
        let predicate = i > b && toks[b..i].iter().any(|t| t.has(F_VERB | F_MEET));
        if let (Target::State(c), false) = (&h.entry.target, titled || predicate || is_locative(text, toks, i)) {
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
    best.filter(|(d, _)| *d <= 8).map(|(_, c)| c)
}

/// "President Tan was in New Zealand, reciprocating the state visit by its Governor-General
/// X": "its" before an office is the state named last before it in the sentence, even one
/// named as a place.
fn state_of_its(text: &str, sent: &Sent, a: usize) -> Option<CountryCode> {
    let toks = &sent.toks;
    let its = (a.saturating_sub(6)..a).rev().find(|&k| toks[k].low == "its")?;
    // Only the office's words between "its" and the name.
    if !toks[its + 1..a].iter().all(|t| t.is_cap(text)) {
        return None;
    }
    let mut last = None;
    let mut i = 0;
    while i < its {
        match sent.tpc.place(text, toks, i) {
            Some(h) => {
                if let (Target::State(c), false) = (&h.entry.target, matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital)) {
                    last = Some(*c);
                }
                i = h.end;
            }
            None => i += 1,
        }
    }
    last
}

/// The state of "from [the] <State> [side]" closing the list of titled names that runs on
/// from tokens `a..b` ("Also present were Deputy Minister A, Adviser B, and C from the Japan side").
fn side_closing_list(text: &str, sents: &[Sent], (si, _, b): (usize, usize, usize)) -> Option<CountryCode> {
    let sent = sents.get(si)?;
    let toks = &sent.toks;
    let mut k = b;
    while k < toks.len() {
        let t = &toks[k];
        if matches!(t.low.as_str(), "from" | "on") {
            let at = if low(toks, k + 1) == "the" { k + 2 } else { k + 1 };
            let h = sent.tpc.place(text, toks, at)?;
            let side = h.end >= toks.len() || SIDE_WORDS.contains(&low(toks, h.end)) || matches!(low(toks, h.end), "," | "." | ";");
            return match h.entry.target {
                Target::State(c) if side => Some(c),
                _ => None,
            };
        }
        if !list_word(text, t) {
            return None;
        }
        k += 1;
    }
    None
}

const SIDE_WORDS: &[&str] = &["side", "delegation", "government"];

/// A word of a list of titled names: a name or title word, a comma, "and".
fn list_word(text: &str, t: &Tok) -> bool {
    t.is_cap(text) || matches!(t.low.as_str(), "," | "and" | ".") || is_title_word(t)
}

/// The state of "<State> side / delegation" before a verb listing its members ("the
/// Uruguayan delegation included", "On the Cuban side were", "the Argentine side had")
/// with the name at `a` among them: the nearest such opening before the name, with
/// only names, titles and list words between.
fn side_opening_list(text: &str, sents: &[Sent], (si, a, _): (usize, usize, usize)) -> Option<CountryCode> {
    let sent = sents.get(si)?;
    let toks = &sent.toks;
    let mut k = a;
    while k > 0 {
        k -= 1;
        let w = low(toks, k);
        if matches!(w, "included" | "includes" | "comprised" | "were" | "was" | "had" | "has") {
            // "<State> side/delegation" right before the verb, or "On the <State> side were".
            let side_at = (k.saturating_sub(2)..k).find(|&j| SIDE_WORDS.contains(&low(toks, j)))?;
            let h = (side_at.saturating_sub(3)..side_at).find_map(|j| sent.tpc.place(text, toks, j).filter(|h| h.end == side_at))?;
            return match h.entry.target {
                Target::State(c) if matches!(h.entry.kind, PlaceKind::Adjective | PlaceKind::Name) => Some(c),
                _ => None,
            };
        }
        let t = &toks[k];
        if !(list_word(text, t) || t.low == "-") {
            return None;
        }
    }
    None
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

/// States where "Premier" is an office of its own: the head of government of China's
/// State Council, Taiwan's Executive Yuan, North Korea's Cabinet; the head of a state or
/// province in Australia and Canada, whose national office is "Prime Minister".
const PREMIER_STATES: &[&str] = &["CN", "TW", "KP", "AU", "CA"];

/// "Premier Abiy": for other states the press writes "Premier" for the office of
/// Prime Minister, which is the title.
fn premier_as_prime_minister(o: &mut OffBuild) {
    if o.country.is_none_or(|c| PREMIER_STATES.contains(&c.as_str())) {
        return;
    }
    for t in &mut o.titles {
        if let Some(pre) = t.0.strip_suffix("Premier").filter(|p| p.is_empty() || *p == "Former ") {
            t.0 = format!("{pre}Prime Minister");
        }
    }
    // The first of each title stays.
    let mut i = 1;
    while i < o.titles.len() {
        if o.titles[..i].iter().any(|x| x.0 == o.titles[i].0) {
            o.titles.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Adds official `idx` under word `w` once, cloning the word only when it is new.
fn push_index(index: &mut HashMap<String, Vec<usize>, super::lexicon::FxBuild>, w: &str, idx: usize) {
    match index.get_mut(w) {
        Some(officials) if officials.last() == Some(&idx) => {}
        Some(officials) => officials.push(idx),
        None => {
            index.insert(w.to_string(), vec![idx]);
        }
    }
}

/// A royal rank that is an office in itself ("King", "Sultan", "Crown Prince").
fn is_royal_title(t: &str) -> bool {
    t.split(' ').all(|w| ROYAL_WORDS.iter().any(|r| lowercase_is(w, r)))
}

/// Whether the name `short` is part of the longer `long`: a run of its words ("Faisal bin
/// Farhan" in "Faisal bin Farhan Al Saud"), or its first and last words with middle
/// names left out ("Eduardo Reina" of "Eduardo Enrique Reina").
/// Whether the name `short` writes as initials ("Yusuf M. Tuggar") one or more middle
/// words the name `long` spells out ("Yusuf Maitama Tuggar"), its other words the same.
/// Two names of two words or more, equal but for one letter in one word of five letters or
/// more ("Rodrigues" / "Rodriguez", "Abdollahian" / "Abdolahian"): one person spelt twice.
fn one_letter_apart(a: &[String], b: &[String]) -> bool {
    if a.len() < 2 || a.len() != b.len() {
        return false;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
    let Some((x, y)) = differing.next() else { return false };
    differing.next().is_none() && x.chars().count() >= 5 && edit_distance_one(x, y)
}

/// Whether `x` becomes `y` by one substitution, insertion or deletion.
fn edit_distance_one(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (short, long) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long.iter()).take_while(|(p, q)| p == q).count();
    if short.len() == long.len() {
        short[head + 1..] == long[head + 1..]
    } else {
        short[head..] == long[head + 1..]
    }
}

fn initials_of(short: &[String], long: &[String]) -> bool {
    fn words(k: &[String]) -> impl Iterator<Item = &String> {
        k.iter().filter(|w| *w != ".")
    }
    let initial = |i: &String, w: &String| i.chars().count() == 1 && w.chars().count() > 1 && w.starts_with(i.as_str());
    let n = words(short).count();
    if n < 3 || n != words(long).count() || short.first() != long.first() || short.last() != long.last() {
        return false;
    }
    words(short).zip(words(long)).any(|(a, b)| initial(a, b)) && words(short).zip(words(long)).all(|(a, b)| a == b || initial(a, b))
}

/// "S Jaishankar" beside "Subrahmanyam Jaishankar", "A. Al-Hemaidi" beside "Ahmad Amer
/// Mohamed Al-Hemaidi": a name written as its first given name's initial and its surname.
fn initial_given_name(short: &[String], long: &[String]) -> bool {
    let words = |k: &[String]| k.iter().filter(|w| *w != ".").cloned().collect::<Vec<_>>();
    match (words(short).as_slice(), words(long).as_slice()) {
        ([i, surname @ ..], [g, rest @ ..]) => {
            !surname.is_empty() && rest.ends_with(surname) && i.chars().count() == 1 && g.chars().count() > 1 && g.starts_with(i.as_str())
        }
        _ => false,
    }
}

/// "Tamim Hamad Al-Thani" beside "Tamim bin Hamad Al Thani": Arabic names written with and
/// without the particle "bin" ("son of") or the hyphen of "Al-": one person.
fn particle_variant_of(a: &[String], b: &[String]) -> bool {
    let bare = |k: &[String]| -> Vec<String> { k.iter().flat_map(|w| w.split('-')).filter(|w| !matches!(*w, "bin" | "bint" | "ibn" | "")).map(str::to_string).collect() };
    a != b && a.len() >= 2 && bare(a) == bare(b)
}

/// "Mike Pompeo" beside "Michael R. Pompeo", "Tony Blinken" beside "Antony J. Blinken": one
/// surname, given names that are a familiar form and its full one, middle initials aside.
fn familiar_form_of(a: &[String], b: &[String]) -> bool {
    let words = |k: &[String]| k.iter().filter(|w| !matches!(w.as_str(), "." | "," | "jr" | "sr")).cloned().collect::<Vec<_>>();
    let (a, b) = (words(a), words(b));
    let (Some((ga, ra)), Some((gb, rb))) = (a.split_first(), b.split_first()) else { return false };
    let (Some(sa), Some(sb)) = (ra.last(), rb.last()) else { return false };
    let initials_only = |r: &[String]| r[..r.len() - 1].iter().all(|w| w.chars().count() == 1);
    sa == sb && ga != gb && initials_only(ra) && initials_only(rb) && super::lexicon::familiar_pair(ga, gb)
}

/// "Sadyr Zhaparov" beside "Sadyrbek Zhaparov": Central Asian and Turkic given names written
/// with and without a suffix of a few letters ("-bek", "-jon", "-ali"), the rest alike.
fn given_name_with_suffix(a: &[String], b: &[String]) -> bool {
    let (Some((ga, ra)), Some((gb, rb))) = (a.split_first(), b.split_first()) else { return false };
    let (short, long) = if ga.len() <= gb.len() { (ga, gb) } else { (gb, ga) };
    let grown = long.chars().count() - short.chars().count();
    !ra.is_empty() && ra == rb && short.chars().count() >= 5 && (2..=3).contains(&grown) && long.starts_with(short.as_str())
}

fn name_within(short: &[String], long: &[String]) -> bool {
    // "Salman bin Abdulaziz" in "Mohammed bin Salman bin Abdulaziz": after "bin" it is the
    // father's name (a patronym), another person.
    // A lone word after "bin" too ("King Salman" is not "Mohammed bin Salman"); after "Ben"
    // it may be a family name ("Ben Ali"), so only a longer run is a patronym there.
    let patronym = |at: usize| at > 0 && (matches!(long[at - 1].as_str(), "bin" | "ibn" | "bint" | "binti") || (short.len() >= 2 && long[at - 1] == "ben"));
    if (0..=long.len().saturating_sub(short.len())).any(|at| long[at..].starts_with(short) && !patronym(at)) {
        return true;
    }
    let mut rest = long.iter();
    short.len() >= 2 && short.first() == long.first() && short.last() == long.last() && short.iter().all(|w| rest.any(|x| x == w))
}

/// A one-word name under a royal rank ("Sultan Ibrahim"): a regnal name, the
/// whole name of its bearer, not the surname of someone else named in full.
/// "U.Khurelsukh": one capital letter and a full stop glued to a capitalised word.
fn glued_initial(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 3 && b[0].is_ascii_uppercase() && b[1] == b'.' && b[2].is_ascii_uppercase()
}

/// "N.Enkhtaivan" for "Enkhtaivan Nyamtseren" or "Nyamtseren Enkhtaivan": the initial of
/// one word of a two-word name glued to the other.
fn glued_initial_of(name: &str, other: &[String]) -> bool {
    let Some((initial, word)) = name.split_once('.').filter(|_| glued_initial(name)) else { return false };
    let (initial, word) = (initial.to_lowercase(), word.to_lowercase());
    match other {
        [a, b] => (*a == word && b.starts_with(&initial)) || (*b == word && a.starts_with(&initial)),
        _ => false,
    }
}

fn is_regnal(o: &OffBuild) -> bool {
    o.key.len() == 1 && !o.titles.is_empty() && o.titles.iter().all(|t| is_royal_title(&t.0))
}

/// "Minister" next to "Foreign Minister", "President" next to "First President":
/// the bare title adds nothing. "Prince" beside another office is a courtesy
/// style, not the office ("Foreign Minister Prince Faisal").
fn drop_implied_titles(titles: &mut Vec<(String, usize, usize)>) {
    if titles.iter().any(|t| !is_royal_title(&t.0)) {
        titles.retain(|t| !matches!(t.0.as_str(), "Prince" | "Princess"));
    }
    // "Foreign Affairs Minister, Ambassador Yusuf Tuggar": a career diplomat keeps the
    // style "Ambassador" in office; beside another office it is a style, not a post.
    if titles.iter().any(|t| !t.0.contains("Ambassador") && !t.0.contains("Envoy")) {
        titles.retain(|t| t.0 != "Ambassador");
    }
    // One title implies no other (the common case): nothing to compare.
    if titles.len() < 2 {
        return;
    }
    let all: Vec<String> = titles.iter().map(|t| t.0.to_lowercase()).collect();
    titles.retain(|t| {
        let me = t.0.to_lowercase();
        let words: Vec<&str> = me.split(' ').collect();
        !all.iter().any(|o| *o != me && o.split(' ').count() > words.len() && words.iter().all(|w| o.split(' ').any(|x| x == *w)))
    });
}

/// How often each state is named in the text (names, capitals, adjectives).
const OBJECT_PREPS: &[&str] = &[
    "of", "on", "in", "at", "to", "from", "into", "against", "about", "with", "for", "by", "over", "toward", "towards",
    "across", "between", "among", "including", "like",
];

/// How often each state is named as a party (names, adjectives; not places
/// where something happens), with the position of its first mention.
pub fn country_counts(text: &str, sents: &[Sent]) -> HashMap<CountryCode, (usize, usize)> {
    let mut m: HashMap<CountryCode, (usize, usize)> = HashMap::new();
    let mut pos = 0;
    for s in sents {
        let mut i = 0;
        while i < s.toks.len() {
            pos += 1;
            if let Some(h) = s.tpc.place(text, &s.toks, i) {
                if let Target::State(c) = h.entry.target {
                    // Objects of prepositions ("the borders of Ukraine", "ties with Japan")
                    // say little about whose article it is; parties are named as subjects.
                    let object = i > 0 && OBJECT_PREPS.contains(&low(&s.toks, if low(&s.toks, i - 1) == "the" && i > 1 { i - 2 } else { i - 1 }));
                    if !matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) && !is_locative(text, &s.toks, i) && !object {
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
        Sent { s: 0, e: t.len(), para: 0, toks, tpc: Default::default() }
    }

    #[test]
    fn a_known_name_mourned_is_no_official() {
        let t = "Blinken offered condolences on the passing of Sheikh Tomas Soto, and praised the late Ana Vera.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.register_known(t, std::slice::from_ref(&s), |toks, i| match low(toks, i) {
            "tomas" | "ana" => Some(i + 2),
            _ => None,
        });
        assert!(reg.offs.is_empty(), "{:?}", reg.offs.iter().map(|o| &o.name).collect::<Vec<_>>());
        reg.register_known("President Ana Vera met him.", std::slice::from_ref(&sent("President Ana Vera met him.")), |toks, i| (low(toks, i) == "ana").then_some(i + 2));
        assert_eq!(reg.offs.len(), 1);
    }

    #[test]
    fn in_a_list_of_offices_set_off_before_names_the_next_office_is_the_next_names() {
        let got = officials("They include the Ambassador of Guinea to Ghana, Tomas Soto, High Commissioner of Canada to Ghana, Ana Vera, and others.");
        assert!(lists_official(&got, "Tomas Soto", Some("GN"), &["Ambassador to Ghana"]), "{got:?}");
        assert!(lists_official(&got, "Ana Vera", Some("CA"), &["High Commissioner to Ghana"]), "{got:?}");
    }

    #[test]
    fn a_bracketed_aside_after_an_apposition_closes_it() {
        let got = officials("Ana Vera spoke with Tomas Soto, France's Minister for Europe and Foreign Affairs (November 5 2021).");
        assert!(lists_official(&got, "Tomas Soto", Some("FR"), &["Minister for Europe and Foreign Affairs"]), "{got:?}");
    }

    #[test]
    fn a_possessive_state_after_of_owns_the_next_noun_not_the_official() {
        let got = officials("Ana Vera assured President Tomas Soto of the EU's commitment to peace, and President Luis Pardo of Ghana thanked her.");
        assert!(lists_official(&got, "Tomas Soto", None, &["President"]), "{got:?}");
        assert!(lists_official(&got, "Luis Pardo", Some("GH"), &["President"]), "{got:?}");
    }

    #[test]
    fn a_state_house_aide_serves_the_presidency_of_the_state_house_state_named() {
        let got = officials("Senegalese President Tomas Soto met Kenyan President Ana Vera in Somalia, and State House spokesperson Luis Pardo said Somalia was discussed.");
        assert_eq!(got[2].1.as_deref(), Some("KE"), "{got:?}");
    }

    /// Whether `got` (from `officials`) lists the official with this state or organisation and these titles.
    fn lists_official(got: &[(String, Option<String>, Vec<String>)], name: &str, country: Option<&str>, titles: &[&str]) -> bool {
        got.iter().any(|(n, c, t)| n == name && c.as_deref() == country && t.iter().map(String::as_str).eq(titles.iter().copied()))
    }

    fn officials(t: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        reg.offs
            .iter()
            .map(|o| (o.name.clone(), o.country.map(|c| c.to_string()).or(o.org.clone()), o.titles.iter().map(|t| t.0.clone()).collect()))
            .collect()
    }

    /// The registry of `t` split into sentences at the given byte ranges, with no article-wide
    /// counts: only the evidence a test writes decides a state.
    fn registry_of(t: &str, ranges: &[(usize, usize)]) -> Registry {
        let sents: Vec<Sent> = ranges
            .iter()
            .map(|&(s, e)| {
                let mut toks = Vec::new();
                crate::extract::text::tokenize(t, s, e, &mut toks);
                crate::extract::gazetteer::GAZ.mark(t, &mut toks);
                Sent { s, e, para: 0, toks, tpc: Default::default() }
            })
            .collect();
        let mut reg = discover(t, &sents);
        reg.finalize(t, &sents, &HashMap::new(), &|_| None);
        reg
    }

    #[test]
    fn respectively_gives_each_listed_name_its_listed_state() {
        let t = "Vera met the Chilean, Swedish and Norwegian foreign ministers, Tomas Soto, Lena Holm, and Kari Berg, respectively.";
        let reg = registry_of(t, &[(0, t.len())]);
        let got: Vec<(String, Option<String>)> = reg.offs.iter().map(|o| (o.name.clone(), o.country.map(|c| c.to_string()))).collect();
        for (name, code) in [("Tomas Soto", "CL"), ("Lena Holm", "SE"), ("Kari Berg", "NO")] {
            assert!(got.contains(&(name.to_string(), Some(code.to_string()))), "{got:?}");
        }
    }

    #[test]
    fn a_state_lent_by_a_list_yields_to_the_names_own() {
        let got = officials("The ties go back to Peru's President Ana Vera and Emperor Tomas Soto of Chile.");
        assert!(lists_official(&got, "Ana Vera", Some("PE"), &["President"]), "{got:?}");
        assert!(lists_official(&got, "Tomas Soto", Some("CL"), &["Emperor"]), "{got:?}");
        let got = officials("The ties go back to Peru's President Ana Vera and Prime Minister Tomas Soto.");
        assert!(lists_official(&got, "Tomas Soto", Some("PE"), &["Prime Minister"]), "{got:?}");
    }

    #[test]
    fn a_bodys_acronym_in_brackets_stands_between_office_and_holder() {
        let got = officials("Peruvian President Ana Vera met the Director of the National Fisheries Office (NFO) Tomas Soto on Monday.");
        assert!(lists_official(&got, "Tomas Soto", Some("PE"), &["Director of the National Fisheries Office"]), "{got:?}");
    }

    #[test]
    fn a_delegation_serves_the_state_its_described_principal_names() {
        let t = "Bolivia and Bolivia and Bolivia argued. The Peruvian president was accompanied by the head of the National Fisheries Office Ana Lind, Trade Minister Tomas Soto and Energy Minister Lena Holm.";
        let reg = registry_of(t, &[(0, 39), (40, t.len())]);
        for name in ["Tomas Soto", "Lena Holm"] {
            let o = reg.offs.iter().find(|o| o.name == name).expect(name);
            assert_eq!(o.country.map(|c| c.to_string()).as_deref(), Some("PE"), "{name}");
        }
    }

    #[test]
    fn the_one_a_delegation_accompanies_serves_its_members_state() {
        // A ministry's own release: its minister, named again by family name, is one of the
        // delegation; the host state named as the trip's end is not the principal's.
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Kari Berg of Chile in Santiago. Minister Vera is part of the delegation accompanying Vice President Tomas Soto on a working visit to Chile, Chile and Chile.";
        let reg = registry_of(t, &[(0, 86), (87, t.len())]);
        let soto = reg.offs.iter().find(|o| o.name == "Tomas Soto").expect("the principal");
        assert_eq!(soto.country.map(|c| c.to_string()).as_deref(), Some("PE"));
    }

    #[test]
    fn a_delegation_serves_the_state_of_the_one_it_accompanies() {
        let t = "Peruvian President Ana Vera arrived in Oslo. Accompanying Vera are Trade Minister Tomas Soto and Energy Minister Lena Holm, the Norwegian hosts said.";
        let reg = registry_of(t, &[(0, 41), (42, t.len())]);
        for o in &reg.offs {
            assert_eq!(o.country.map(|c| c.to_string()).as_deref(), Some("PE"), "{}", o.name);
        }
    }

    #[test]
    fn a_state_named_in_a_quotation_is_not_the_speakers() {
        let t = "Spokesperson Ana Vera said, \"The Chilean government is wrong.\"";
        let reg = registry_of(t, &[(0, t.len())]);
        assert_eq!(reg.offs[0].name, "Ana Vera");
        assert_eq!(reg.offs[0].country, None);
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
    fn states_listed_before_a_plural_office_go_to_its_names_in_order() {
        let got = officials("Peruvian and Chilean Foreign Ministers, Ana Vera and Tomas Soto, held talks.");
        assert_eq!(got.iter().map(|o| o.1.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["PE", "CL"]);
    }

    #[test]
    fn sultan_is_a_given_name_before_a_particle_or_another_office() {
        let got = officials("The talks were attended by Dr. Sultan bin Ali Al Marri, Minister of Industry and Advanced Technology.");
        assert_eq!(got, vec![("Sultan bin Ali Al Marri".to_string(), None, vec!["Minister of Industry and Advanced Technology".to_string()])]);
        let got = officials("The talks were attended by Sultan Al Marri, Minister of the Presidential Court.");
        assert_eq!(got, vec![("Sultan Al Marri".to_string(), None, vec!["Minister of the Presidential Court".to_string()])]);
        // The ruler's rank stays a title.
        let got = officials("Omani Sultan Haitham bin Tarik received the minister.");
        assert_eq!(got, vec![("Haitham bin Tarik".to_string(), Some("OM".to_string()), vec!["Sultan".to_string()])]);
    }

    #[test]
    fn a_fronted_phrase_s_description_is_not_the_main_subject_s_title() {
        let got = officials("Ahead of the talks with his Chilean counterpart, Ana Vera had said trade matters.");
        assert!(got.iter().all(|o| o.1.as_deref() != Some("CL")), "{got:?}");
        // An apposition closed by its own comma still names the description's bearer.
        let got = officials("During talks with his Chilean counterpart, Tomas Soto, the minister said trade matters.");
        assert_eq!(got[0].1.as_deref(), Some("CL"));
    }

    #[test]
    fn apposition_list_skips_party_ranks() {
        let got = officials("Li Ming — member of the Standing Committee, Director of the Office of the Security Commission of the CPC Central Committee, and Minister of Foreign Affairs of Peru — spoke.");
        assert_eq!(got, vec![("Li Ming".into(), Some("PE".into()), vec!["Director of the Office of the Security Commission".into(), "Foreign Minister".into()])]);
    }

    #[test]
    fn royal_title_after_office_is_a_courtesy_style() {
        let got = officials("Foreign Minister of Peru, H.H. Prince Ana Vera bin Soto, spoke.");
        assert_eq!(got, vec![("Ana Vera bin Soto".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn capitalised_family_name_and_minister_for_affairs() {
        let got = officials("On May 2, Mr. VERA Ana, Minister for Foreign Affairs of Peru, met XINHUA reporters.");
        assert_eq!(got, vec![("VERA Ana".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn former_before_country_and_diplomat_without_title() {
        let got = officials("Peru's top diplomat Ana Vera met former Chilean Foreign Minister Tomas Soto.");
        assert_eq!(got, vec![
            ("Ana Vera".into(), Some("PE".into()), vec![]),
            ("Tomas Soto".into(), Some("CL".into()), vec!["Former Foreign Minister".into()]),
        ]);
    }

    #[test]
    fn a_regnal_name_is_not_the_surname_of_another_official() {
        let got = officials("Prime Minister Ana Ibrahim met Sultan Ibrahim of Peru.");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, vec!["Ana Ibrahim", "Ibrahim"]);
        assert_eq!(got[0].2, vec!["Prime Minister".to_string()]);
        let got = officials("Ana Ibrahim held talks with Tomas Soto. King Ibrahim said so.");
        assert!(got.iter().all(|o| o.0 != "Ibrahim"), "{got:?}");
    }

    #[test]
    fn an_organ_named_after_the_name_ends_the_office() {
        let got = officials("On the same day, Minister Ana Vera met with President Tomas Soto of the European Parliament.");
        assert!(lists_official(&got, "Tomas Soto", Some("EU"), &["President of the European Parliament"]), "{got:?}");
    }

    #[test]
    fn in_a_list_of_names_each_with_its_office_each_keeps_its_own() {
        let got = officials("She met Ana Vera, U.S. Ambassador to Kenya, Tomas Soto, Ambassador of Qatar to Kenya, and Luis Pardo, Ambassador of Peru.");
        assert_eq!(got[1], ("Tomas Soto".into(), Some("QA".into()), vec!["Ambassador to Kenya".into()]));
        // In a list of offices each before its holder, each office opens its holder.
        let got = officials("She met Foreign Minister of Peru, Ana Vera, Chile's Foreign Minister, Tomas Soto, Foreign Minister of Bolivia, Luis Pardo and others.");
        assert_eq!(got[1], ("Tomas Soto".into(), Some("CL".into()), vec!["Foreign Minister".into()]));
        // An office then its holder after a comma still names that holder.
        let got = officials("The Foreign Minister of Peru, Ana Vera, met reporters.");
        assert_eq!(got, vec![("Ana Vera".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn a_given_name_and_its_initial_are_one_official_named_as_first_given() {
        let got = officials("Foreign Minister S Karthik of India met reporters. Later, Indian Foreign Minister Subramanian Karthik said so.");
        assert_eq!(got, vec![("S Karthik".into(), Some("IN".into()), vec!["Foreign Minister".into()])]);
        let got = officials("Foreign Minister Subramanian Karthik of India met reporters. Later, Indian Foreign Minister S. Karthik said so.");
        assert_eq!(got, vec![("Subramanian Karthik".into(), Some("IN".into()), vec!["Foreign Minister".into()])]);
        // Of two states, two people.
        assert_eq!(officials("Foreign Minister S Karthik of India met Foreign Minister Sunil Karthik of Nepal.").len(), 2);
    }

    #[test]
    fn portfolios_of_communities_abroad_population_and_the_near_east_stay_in_the_title() {
        let got = officials("Peru's Minister of Foreign Affairs and National Community Abroad Ana Vera met Minister of Health and Population of Chile Tomas Soto.");
        assert!(lists_official(&got, "Ana Vera", Some("PE"), &["Minister of Foreign Affairs and National Community Abroad"]), "{got:?}");
        assert!(lists_official(&got, "Tomas Soto", Some("CL"), &["Minister of Health and Population"]), "{got:?}");
        let got = officials("She met US Assistant Secretary of State for Near Eastern Affairs Rosa Diaz.");
        assert!(lists_official(&got, "Rosa Diaz", Some("US"), &["Assistant Secretary of State for Near Eastern Affairs"]), "{got:?}");
    }

    #[test]
    fn a_legislature_names_its_state_and_a_list_item_keeps_its_own_office() {
        let got = officials("He met the former Bundestag President Ana Vera, Transport Minister Luis Pardo, the Chairman of the Foreign Affairs Committee in the German Bundestag, Tomas Soto, and others.");
        assert!(lists_official(&got, "Ana Vera", Some("DE"), &["Former Bundestag President"]), "{got:?}");
        assert!(lists_official(&got, "Luis Pardo", None, &["Transport Minister"]), "{got:?}");
        assert!(lists_official(&got, "Tomas Soto", Some("DE"), &["Chairman of the Foreign Affairs Committee"]), "{got:?}");
        // An apposition closed by a verb is the name's own.
        let got = officials("Transport Minister Luis Pardo, the Chairman of the Foreign Affairs Committee, said so.");
        assert_eq!(got[0].2, ["Transport Minister", "Chairman of the Foreign Affairs Committee"], "{got:?}");
        let got = officials("Knesset Speaker Ana Vera met them.");
        assert_eq!(got[0].1.as_deref(), Some("IL"), "{got:?}");
    }

    #[test]
    fn the_ministry_an_office_sits_in_may_stand_before_its_holder() {
        let got = officials("Peru's Minister of State for International Cooperation at the Ministry of Foreign Affairs Ana Vera met President Tomas Soto of Chile.");
        assert!(lists_official(&got, "Ana Vera", Some("PE"), &["Minister of State for International Cooperation"]), "{got:?}");
    }

    #[test]
    fn an_armed_forces_rank_written_out_styles_the_full_name_after_it() {
        let got = officials("Foreign Minister Ana Vera received Brigadier General Tomas A. Soto, Senior Director for Gulf Affairs, in Lima.");
        assert!(lists_official(&got, "Tomas A. Soto", None, &["Senior Director for Gulf Affairs"]), "{got:?}");
        let got = officials("The talks were attended by Chief of Staff of the Armed Forces, Lieutenant General Luis Pardo Rojas.");
        assert!(lists_official(&got, "Luis Pardo Rojas", None, &["Chief of Staff of the Armed Forces"]), "{got:?}");
        // A rank inside an office, or before a body, styles no one.
        let got = officials("Attorney General Eric Vera addressed the General Assembly Hall.");
        assert_eq!(got.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(), ["Eric Vera"], "{got:?}");
    }

    #[test]
    fn a_gulf_list_of_those_attending_gives_each_name_its_own_office_or_none() {
        let got = officials("The meeting was attended by Sheikh Tomas bin Lim Al Vera, Deputy Prime Minister and Minister of Presidential Affairs, Sheikh Luis bin Ana Al Vera, Sheikh Juan bin Eva Al Soto, Advisor for Special Affairs at the Ministry of Presidential Affairs, and Ivan bin Pablo Al Rojas, Minister of State for Defence Affairs.");
        let names: Vec<(&str, Vec<&str>)> = got.iter().map(|o| (o.0.as_str(), o.2.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            names,
            [
                ("Tomas bin Lim Al Vera", vec!["Deputy Prime Minister", "Presidential Minister"]),
                ("Luis bin Ana Al Vera", vec![]),
                ("Juan bin Eva Al Soto", vec!["Advisor for Special Affairs"]),
                ("Ivan bin Pablo Al Rojas", vec!["Minister of State for Defence Affairs"]),
            ]
        );
        // An office before the name keeps the apposition after it the next name's.
        let got = officials("Transport Minister Tomas Lim, the Chairman of the Committee, Ana Vera, and others attended.");
        assert!(lists_official(&got, "Ana Vera", None, &["Chairman of the Committee"]), "{got:?}");
    }

    #[test]
    fn a_city_governor_a_subordinate_clauses_subject_and_a_counterpart_from_a_state() {
        let got = officials("Governor Ana Vera of Lagos met President Tomas Soto of Chile.");
        assert!(lists_official(&got, "Ana Vera", Some("NG"), &["Governor"]), "{got:?}");
        // A president is no office of the city after the name.
        let got = officials("President Ana Vera of Lagos arrived.");
        assert!(!lists_official(&got, "Ana Vera", Some("NG"), &["President"]), "{got:?}");
        let got = officials("It came after Sheikh Tomas bin Lim, Crown Prince of Dubai, headed the delegation.");
        assert!(lists_official(&got, "Tomas bin Lim", Some("AE"), &["Crown Prince"]), "{got:?}");
        let got = officials("Foreign Minister Ana Vera met his counterpart from Kosovo, Tomas Lim, and the Chairwoman of the African Union Commission, Eva Rojas.");
        assert!(lists_official(&got, "Tomas Lim", Some("XK"), &[]), "{got:?}");
        assert!(lists_official(&got, "Eva Rojas", Some("AU"), &["Chairwoman of the African Union Commission"]), "{got:?}");
    }

    #[test]
    fn a_given_name_with_and_without_its_suffix_is_one_official() {
        let got = officials("President Tomas Lim met his Kyrgyz counterpart Almazbek Vera. Tomas Lim and Almaz Vera walked along the carpet.");
        assert_eq!(got.iter().filter(|o| o.0.ends_with("Vera")).map(|o| o.0.as_str()).collect::<Vec<_>>(), ["Almazbek Vera"], "{got:?}");
        // Under five letters the shorter given name may be another one: no merge.
        let got = officials("Minister Ivan Vera met Minister Ivanov Vera.");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_familiar_given_name_and_its_full_form_are_one_official() {
        let got = officials("U.S. Secretary of State Mike Vera arrived. Minister Ana Soto held talks with U.S. Secretary of State Michael R. Vera.");
        assert_eq!(got.iter().filter(|o| o.0.ends_with("Vera")).map(|o| o.0.as_str()).collect::<Vec<_>>(), ["Mike Vera"]);
        // Another given name is another person.
        let got = officials("Minister Mike Vera met Minister Daniel Vera.");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn two_spellings_of_one_name_are_one_official_named_as_first_given() {
        let got = officials("Foreign Minister Ana Vera of Peru met reporters, and Ána Vera Soto, Minister of Foreign Affairs, said so.");
        assert_eq!(got, vec![("Ana Vera".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn an_apposition_may_say_whose_office_and_add_a_further_one() {
        let got = officials("A delegation of Peru, headed by Mr. Ana Vera, Secretary General of the party, arrived.");
        assert_eq!(got[0].2, vec!["Secretary General".to_string()]);
        let got = officials("The Vice-Minister of Foreign Affairs of Peru, Ana Vera, National Coordinator of PALC, met him.");
        assert_eq!(got, vec![("Ana Vera".into(), Some("PE".into()), vec!["Vice Foreign Minister".into(), "National Coordinator of Palc".into()])]);
    }

    #[test]
    fn a_surname_two_officials_share_goes_to_the_one_of_its_office() {
        let got = officials("President Wang Li of Peru met Wang Tao, Minister of Trade, and President Wang said so.");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Wang Li", "Wang Tao"]);
    }

    #[test]
    fn an_office_then_an_envoys_style_before_the_name_is_that_office() {
        let got = officials("The Acting Foreign Minister, Ambassador Ana Vera, received Ambassador Tomas Soto, the new ambassador of Chile, and Ambassador Eva Rojas, the new ambassador of Peru.");
        assert_eq!(got, vec![
            ("Ana Vera".into(), None, vec!["Acting Foreign Minister".into()]),
            ("Tomas Soto".into(), Some("CL".into()), vec!["Ambassador".into()]),
            ("Eva Rojas".into(), Some("PE".into()), vec!["Ambassador".into()]),
        ]);
    }

    #[test]
    fn a_glued_initial_and_name_is_whole_after_an_office_of_a_state() {
        let found = officials("Prime Minister of Mongolia U.Khurelsukh received Wang Yi.");
        assert_eq!(found[0].0, "U.Khurelsukh");
        assert_eq!(found[0].1.as_deref(), Some("MN"));
        let found = officials("Foreign Minister of Mongolia Enkhtaivan Nyamtseren and Minister of Foreign Affairs N.Enkhtaivan met Chinese Foreign Minister Wang Yi.");
        let names: Vec<&str> = found.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Enkhtaivan Nyamtseren", "Wang Yi"]);
    }

    #[test]
    fn an_initial_and_a_surname_are_the_full_name_met_before() {
        let got = officials("Qatari Minister of Environment Ahmad Amer Mohamed Al-Hemaidi met Foreign Minister Ana Vera. Later Minister A. Al-Hemaidi said so.");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Ahmad Amer Mohamed Al-Hemaidi", "Ana Vera"]);
        // Another given name's initial is another person.
        let got = officials("Qatari Minister of Environment Ahmad Amer Mohamed Al-Hemaidi met Foreign Minister Ana Vera. Later Minister K. Al-Hemaidi said so.");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_glued_initial_and_name_opening_a_sentence_is_its_subject() {
        let got = officials("N.Enkhtaivan said the meeting was useful.");
        assert_eq!(got, vec![("N.Enkhtaivan".to_string(), None, vec![])]);
    }

    #[test]
    fn a_name_spelt_with_one_letter_changed_is_the_same_official() {
        let got = officials("Foreign Minister Tomas Rodrigues Vera of Chile met President Ana Soto of Peru. Later Tomas Rodriguez Vera said so.");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Tomas Rodrigues Vera", "Ana Soto"]);
        // Different people: two words differ.
        let got = officials("President Ana Soto of Peru met President Ina Sota of Chile.");
        assert_eq!(got.len(), 2);
        assert!(edit_distance_one("rodrigues", "rodriguez") && edit_distance_one("abdollahian", "abdolahian") && !edit_distance_one("soto", "vera"));
    }

    #[test]
    fn a_name_without_its_middle_name_is_the_same_official() {
        let got = officials("Foreign Minister Ana Maria Vera of Peru met reporters, and Ana Vera, Minister of Foreign Affairs, said so.");
        assert_eq!(got, vec![("Ana Maria Vera".into(), Some("PE".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn a_caption_names_officials_and_may_give_a_name_first() {
        let t = "Foreign Minister Ana Vera meets reporters. (Agency/Jo Doe)\nForeign Minister Ana Maria Vera of Peru met Chilean President Tomas Lim.";
        let line = |s: usize, e: usize| {
            let mut toks = Vec::new();
            tokenize(t, s, e, &mut toks);
            Sent { s, e, para: 0, toks, tpc: Default::default() }
        };
        let cut = t.find('\n').unwrap();
        let (caption, body) = (line(0, cut), line(cut + 1, t.len()));
        let mut reg = discover(t, std::slice::from_ref(&body));
        reg.discover_aside(t, std::slice::from_ref(&caption), 1);
        reg.finalize(t, std::slice::from_ref(&body), &country_counts(t, std::slice::from_ref(&body)), &|_| None);
        let got: Vec<(&str, Option<String>)> = reg.offs.iter().map(|o| (o.name.as_str(), o.country.map(|c| c.to_string()))).collect();
        assert_eq!(got, [("Ana Vera", Some("PE".to_string())), ("Tomas Lim", Some("CL".to_string()))]);
    }

    #[test]
    fn a_name_installed_as_an_office_holds_it() {
        let got = officials("Ana Vera attended the installation of Sultan Tomas as the 17th King of Peru.");
        assert!(lists_official(&got, "Tomas", Some("PE"), &["Sultan", "King"]), "{got:?}");
    }

    #[test]
    fn a_head_of_state_in_an_organisations_rotating_chair_serves_the_state() {
        let got = officials("Ana Vera met Chilean President Tomas Soto, who is also the Chairperson of the African Union.");
        let soto = got.iter().find(|o| o.0 == "Tomas Soto").unwrap();
        assert_eq!(soto.1.as_deref(), Some("CL"), "{got:?}");
        // The chair keeps the organisation in its title; the state's office gives the state.
        let got = officials("Ana Vera met Tomas Soto, the Chairperson of the African Union and President of Chile.");
        let soto = got.iter().find(|o| o.0 == "Tomas Soto").unwrap();
        assert_eq!((soto.1.as_deref(), soto.2.clone()), (Some("CL"), vec!["Chairperson of the African Union".to_string(), "President".to_string()]), "{got:?}");
        // The organisation's own officer stays its official.
        let got = officials("Ana Vera met the Chairperson of the African Union Commission, Tomas Soto.");
        assert_eq!(got.iter().find(|o| o.0 == "Tomas Soto").unwrap().1.as_deref(), Some("AU"), "{got:?}");
    }

    #[test]
    fn a_sovereigns_rank_after_a_ministers_office_is_a_given_name() {
        let got = officials("Peru's Foreign Minister Ana Vera met Chile's Interim Foreign Minister Amir Khan Soto in Lima.");
        assert!(lists_official(&got, "Amir Khan Soto", Some("CL"), &["Interim Foreign Minister"]), "{got:?}");
        let got = officials("Peru's Minister of Industry and Trade Sultan Al Vera met Tomas Soto.");
        assert_eq!(got[0].0, "Sultan Al Vera", "{got:?}");
        let got = officials("Acting Foreign Minister of Chile Amir Khan Soto met Ana Vera.");
        assert_eq!(got[0].0, "Amir Khan Soto", "{got:?}");
        // A state before the rank opens a ruler's title.
        let got = officials("Peru Amir Sheikh Tomas bin Lim received Ana Vera.");
        assert_eq!((got[0].0.as_str(), got[0].2[0].as_str()), ("Tomas bin Lim", "Amir"), "{got:?}");
        let got = officials("Ana Vera called on the Sultan of Peru Sultan Tomas Lim.");
        assert!(got.iter().any(|o| o.0 == "Tomas Lim"), "{got:?}");
        // A sovereign keeps the rank as a title, as a prince minister does.
        let got = officials("Peru's Sultan Tomas bin Lim met Chile's Foreign Minister Prince Ana Vera.");
        assert_eq!(got.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(), ["Tomas bin Lim", "Ana Vera"], "{got:?}");
    }

    #[test]
    fn a_name_after_a_courtesy_call_on_takes_its_apposition() {
        let got = officials("CS Ana Vera paid a courtesy call on H.E. Dr Tomas bin Lim, Minister of Commerce and Investment of Peru.");
        assert!(lists_official(&got, "Tomas bin Lim", Some("PE"), &["Minister of Commerce and Investment"]), "{got:?}");
        let got = officials("Ana Vera, Vice Minister of Human Resource and Social Development of Peru, met him.");
        assert!(lists_official(&got, "Ana Vera", Some("PE"), &["Vice Minister of Human Resource and Social Development"]), "{got:?}");
    }

    #[test]
    fn an_office_of_a_city_or_emirate_is_titled_short_and_serves_its_state() {
        let got = officials("Sheikh Tomas bin Lim, Crown Prince of Dubai, received Peru's Foreign Minister Ana Vera.");
        assert!(lists_official(&got, "Tomas bin Lim", Some("AE"), &["Crown Prince"]), "{got:?}");
        let got = officials("Ana Vera, Governor of Mombasa, and Mayor of Lima Tomas Soto met.");
        assert!(lists_official(&got, "Ana Vera", Some("KE"), &["Governor"]), "{got:?}");
        assert!(lists_official(&got, "Tomas Soto", Some("PE"), &["Mayor"]), "{got:?}");
        // A prince alone is a style, not an office of the city.
        assert!(officials("Ana Vera, Prince of Lima, arrived.").is_empty());
    }

    #[test]
    fn a_rank_before_a_dictionary_name_is_not_part_of_it() {
        let t = "Prime Minister Ana Vera met Sultan Tomas Lim of Peru.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.register_known(t, std::slice::from_ref(&s), |toks, i| (low(toks, i) == "sultan" && low(toks, i + 1) == "tomas").then_some(i + 3));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        let names: Vec<&str> = reg.offs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Ana Vera", "Tomas Lim"]);
        let t = "Prime Minister Ana Vera met His Highness Sheikh Tomas bin Lim.";
        let s = sent(t);
        let mut reg = discover(t, std::slice::from_ref(&s));
        reg.register_known(t, std::slice::from_ref(&s), |toks, i| (low(toks, i) == "sheikh" && low(toks, i + 1) == "tomas").then_some(i + 4));
        reg.finalize(t, std::slice::from_ref(&s), &country_counts(t, std::slice::from_ref(&s)), &|_| None);
        let names: Vec<&str> = reg.offs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Ana Vera", "Tomas bin Lim"], "a courtesy style is no name");
    }

    #[test]
    fn a_short_name_is_not_completed_with_a_title_word() {
        let got = officials("Acting State Secretary of the Ministry of Foreign Affairs O.Vera met him.");
        assert_eq!(got[0].0, "O.Vera");
    }

    #[test]
    fn each_name_of_a_plural_list_takes_its_own_state() {
        let got = officials("ASEAN Foreign Ministers Ana Vera of Peru and Tomas Soto of Bolivia met.");
        let got: Vec<(String, Option<String>)> = got.into_iter().map(|o| (o.0, o.1)).collect();
        assert_eq!(got, vec![("Ana Vera".into(), Some("PE".into())), ("Tomas Soto".into(), Some("BO".into()))]);
    }

    #[test]
    fn a_plural_office_of_several_states_lists_their_officials() {
        let o = officials("Vera met with former foreign ministers of Chile and Peru, Tomas Soto and Lena Holm.");
        let soto = o.iter().find(|x| x.0 == "Tomas Soto").unwrap();
        let holm = o.iter().find(|x| x.0 == "Lena Holm").unwrap();
        assert_eq!((soto.1.as_deref(), soto.2.clone()), (Some("CL"), vec!["Former Foreign Minister".to_string()]));
        assert_eq!((holm.1.as_deref(), holm.2.clone()), (Some("PE"), vec!["Former Foreign Minister".to_string()]));
    }

    #[test]
    fn a_body_of_state_named_with_for_is_part_of_the_office() {
        let o = officials("Vera met Chairman of the High Council for National Reconciliation Tomas Soto.");
        let soto = o.iter().find(|x| x.0 == "Tomas Soto").unwrap();
        assert_eq!(soto.2, vec!["Chairman of the High Council for National Reconciliation"]);
    }

    #[test]
    fn an_apposition_may_say_whom_the_office_serves_with_for() {
        let o = officials("He met Kari Berg, spokesperson for the ministry, in Oslo.");
        assert_eq!(o.iter().find(|x| x.0 == "Kari Berg").map(|x| x.2.clone()), Some(vec!["Spokesperson".to_string()]));
    }

    #[test]
    fn a_father_named_in_a_patronym_is_another_person() {
        let o = officials("King Tomas bin Vera Al Lind received Ana Soto. Crown Prince Karim bin Tomas bin Vera Al Lind attended.");
        let names: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"Tomas bin Vera Al Lind") && names.contains(&"Karim bin Tomas bin Vera Al Lind"), "{names:?}");
        // The father's given name alone, and his name without the family's, are his.
        let o = officials("King Tomas bin Vera Al Lind called. King Tomas thanked Ana Soto and King Tomas bin Vera wished her well. Crown Prince Karim bin Tomas bin Vera Al Lind called too.");
        let karim = o.iter().find(|x| x.0 == "Karim bin Tomas bin Vera Al Lind").expect("the son");
        assert_eq!(karim.2, vec!["Crown Prince".to_string()]);
    }

    #[test]
    fn an_apposition_after_a_verb_of_meeting() {
        let o = officials("Tomas Soto received Ana Vera, Minister of State for Foreign Affairs of Peru.");
        let vera = o.iter().find(|x| x.0 == "Ana Vera").unwrap();
        assert_eq!((vera.1.as_deref(), vera.2.clone()), (Some("PE"), vec!["Minister of State for Foreign Affairs".to_string()]));
    }

    #[test]
    fn an_apposition_may_list_several_offices() {
        let o = officials("Tomas Soto, Vice President, Prime Minister and Ruler of Dubai, received Ana Vera.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Vice President".to_string(), "Prime Minister".to_string(), "Ruler of Dubai".to_string()]));
        let o = officials("He met Tomas Soto, Foreign Minister, and Ana Vera, Trade Minister, in Lima.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Foreign Minister".to_string()]));
    }

    #[test]
    fn a_peerage_is_a_style_and_the_commonwealth_an_organisation() {
        let o = officials("The Secretary General of the Commonwealth, Baroness Ana Vera, met the Minister of Ocean Economy, Marine Resources, Fisheries and Shipping, Tomas Soto.");
        assert_eq!(o[0].0, "Ana Vera");
        assert_eq!(o[0].1.as_deref(), Some("Commonwealth"));
        assert_eq!(o[1].0, "Tomas Soto");
        assert_eq!(o[1].2, ["Minister of Ocean Economy, Marine Resources, Fisheries and Shipping"]);
    }

    #[test]
    fn the_chancellor_of_the_exchequer_is_an_office() {
        let o = officials("He met British Chancellor of the Exchequer Tomas Soto.");
        assert_eq!(o[0].0, "Tomas Soto");
        assert_eq!(o[0].2, ["Chancellor of the Exchequer"]);
    }

    #[test]
    fn a_father_and_son_sharing_two_names_serve_one_state() {
        let o = officials("Peruvian President Tomas Vera Soto Jr. praised the 1975 visit to Chile of President Tomas Vera Soto Sr.");
        let states: Vec<(String, Option<String>)> = o.into_iter().map(|x| (x.0, x.1)).collect();
        assert_eq!(states, [("Tomas Vera Soto Jr".to_string(), Some("PE".to_string())), ("Tomas Vera Soto Sr".to_string(), Some("PE".to_string()))]);
    }

    #[test]
    fn a_portfolio_list_with_a_serial_comma_is_one_office() {
        let o = officials("Minister of Transport, Highways, Ports, and Civil Aviation, Tomas Soto, and Minister of Foreign Affairs, Foreign Employment, and Tourism, Ana Vera, were present.");
        let got: Vec<(String, Vec<String>)> = o.into_iter().map(|x| (x.0, x.2)).collect();
        assert_eq!(
            got,
            [
                ("Tomas Soto".to_string(), vec!["Minister of Transport, Highways, Ports, and Civil Aviation".to_string()]),
                ("Ana Vera".to_string(), vec!["Minister of Foreign Affairs, Foreign Employment, and Tourism".to_string()]),
            ]
        );
    }

    #[test]
    fn offices_listed_before_a_titled_name_are_its_own() {
        let o = officials("Vice President, Prime Minister and Ruler of Dubai Tomas Soto received Ana Vera.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Vice President".to_string(), "Prime Minister".to_string(), "Ruler of Dubai".to_string()]));
        let o = officials("He met Kari Berg, Secretary-General of the UN, Chilean Foreign Minister Tomas Soto, and others.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Foreign Minister".to_string()]));
        let o = officials("The minister, Foreign Minister Tomas Soto, spoke.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Foreign Minister".to_string()]));
        // Offices joined by a dash ("Deputy Prime Minister – Minister of Foreign Affairs").
        let o = officials("Deputy Prime Minister – Minister of Foreign Affairs of Peru Tomas Soto received Ana Vera.");
        assert_eq!(o.iter().find(|x| x.0 == "Tomas Soto").map(|x| x.2.clone()), Some(vec!["Deputy Prime Minister".to_string(), "Foreign Minister".to_string()]));
    }

    #[test]
    fn premier_is_prime_minister_outside_states_whose_office_it_is() {
        let o = officials("Peruvian Premier Ana Vera met Chinese Premier Tomas Soto.");
        assert_eq!(o[0].2, vec!["Prime Minister"]);
        assert_eq!(o[1].2, vec!["Premier"]);
    }

    #[test]
    fn generational_suffix_is_part_of_the_name() {
        let got = officials("Peruvian President Tomas R. Soto, Jr. spoke with reporters.");
        assert_eq!(got[0].0, "Tomas R. Soto, Jr.");
    }

    #[test]
    fn org_officials_have_no_country() {
        let got = officials("UN Secretary-General Maria Soto spoke.");
        assert_eq!(got, vec![("Maria Soto".into(), Some("UN".into()), vec!["Secretary-General".into()])]);
    }

    #[test]
    fn an_aide_named_after_the_principals_possessive_serves_the_principals_state() {
        let got = officials("Russian President Ivan Petrov met U.S. President John Smith.\nPetrov's spokesman Oleg Sokolov said the talks went well, as did Smith's national security adviser, Tom Brown.");
        let state = |n: &str| got.iter().find(|o| o.0 == n).and_then(|o| o.1.clone());
        assert_eq!(state("Oleg Sokolov").as_deref(), Some("RU"), "{got:?}");
        assert_eq!(state("Tom Brown").as_deref(), Some("US"), "{got:?}");
    }

    #[test]
    fn an_arabic_name_with_and_without_bin_is_one_person() {
        let got = officials("Prime Minister Ana Vera received a call from the Emir of Qatar Sheikh Tomas Hamad Al-Soto.\nVera thanked Emir Tomas bin Hamad Al Soto for his support.");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Ana Vera", "Tomas Hamad Al-Soto"], "{got:?}");
    }

    #[test]
    fn a_style_and_a_given_name_are_the_short_form_of_a_longer_name() {
        let got = officials("Sheikh Tomas bin Soto Al Vera, Minister of Foreign Affairs of Qatar, met reporters, and Sheikh Tomas said so.");
        assert_eq!(got, vec![("Tomas bin Soto Al Vera".into(), Some("QA".into()), vec!["Foreign Minister".into()])]);
    }

    #[test]
    fn an_apposition_may_follow_were() {
        let got = officials("Attending the meeting were Tomas bin Soto Al Vera, Minister of State, and others.");
        assert_eq!(got, vec![("Tomas bin Soto Al Vera".into(), None, vec!["Minister of State".into()])]);
    }

    #[test]
    fn the_delegation_of_an_official_named_by_office_serves_that_officials_state() {
        let t = "Peruvian Prime Minister Ana Vera arrived in Santiago. Chilean President Tomas Soto welcomed her. The Prime Minister was accompanied by State Minister Luis Pardo.";
        let (a, b) = (t.find("Chilean").unwrap(), t.find("The Prime").unwrap());
        let reg = registry_of(t, &[(0, a - 1), (a, b - 1), (b, t.len())]);
        let pardo = reg.offs.iter().find(|o| o.name == "Luis Pardo").expect("Pardo found");
        assert_eq!(pardo.country.map(|c| c.to_string()).as_deref(), Some("PE"));
    }

    #[test]
    fn an_organisation_after_the_name_is_the_holders() {
        let got = officials("Minister Ana Vera met with President Tomas Soto of the European Parliament.");
        assert!(got.iter().any(|o| o.0 == "Tomas Soto" && o.1.as_deref() == Some("EU")), "{got:?}");
    }

    #[test]
    fn an_apposition_left_open_before_the_verb_still_ends_there() {
        let got = officials("Kenyan Cabinet Secretary Ana Vera and Tomas Soto, U.S Assistant Secretary for African Affairs held a virtual meeting.");
        assert!(lists_official(&got, "Tomas Soto", Some("US"), &["Assistant Secretary for African Affairs"]), "{got:?}");
        let got = officials("Tomas bin Soto, Crown Prince and Prime Minister made a phone call today to President Ana Vera of Peru.");
        assert!(got.iter().any(|o| o.0 == "Tomas bin Soto" && o.2 == ["Crown Prince", "Prime Minister"]), "{got:?}");
        let got = officials("Tomas Soto, Executive Director of the Conference on Interaction and Confidence-building Measures in Asia (CICA) also called on Minister Ana Vera.");
        assert!(lists_official(&got, "Tomas Soto", Some("CICA"), &["Executive Director"]), "{got:?}");
        let got = officials("President Ana Vera spoke today with Tomas Soto, Prime Minister of Canada to thank him for the gift.");
        assert!(lists_official(&got, "Tomas Soto", Some("CA"), &["Prime Minister"]), "{got:?}");
    }

    #[test]
    fn an_apposition_may_name_the_city_of_the_post() {
        let got = officials("Ana Vera received Mr. Tomas Soto, Consul-General of Chile in Lima, today.");
        assert!(lists_official(&got, "Tomas Soto", Some("CL"), &["Consul-General"]), "{got:?}");
    }

    #[test]
    fn a_themed_year_is_no_person() {
        let got = officials("The sides will hold events within the framework of the Cross Year of Peru and Chile.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_quoted_nickname_is_no_part_of_the_name() {
        for t in ["Peruvian President Ana “Anita” Vera met Tomas Soto.", "Peruvian President Ana \"Anita\" Vera met Tomas Soto."] {
            let got = officials(t);
            assert_eq!((got[0].0.as_str(), got[0].1.as_deref()), ("Ana Vera", Some("PE")), "{got:?}");
        }
    }

    #[test]
    fn an_apposition_ends_at_the_day_after_it() {
        for t in ["Ana Vera met H.E. Tomas Soto, Chile's Special Envoy for Horn of Africa on January 11, 2023.", "Ana Vera met Tomas Soto, Chile's Special Envoy for Horn of Africa on Monday."] {
            let got = officials(t);
            assert!(lists_official(&got, "Tomas Soto", Some("CL"), &["Special Envoy for Horn of Africa"]), "{t}: {got:?}");
        }
    }

    #[test]
    fn apposition_with_possessive_owner() {
        let got = officials("Li Ming, Peruvian President Ana Vera's special envoy, attended.");
        assert!(lists_official(&got, "Li Ming", Some("PE"), &["Special Envoy"]), "{got:?}");
    }

    #[test]
    fn a_side_opening_a_list_gives_its_members_their_state() {
        let got = officials("Peruvian President Ana Vera met Chilean President Luis Pardo. The Peruvian delegation included Foreign Minister Eva Rojas and Economy Minister Tomas Soto, while the Chilean side had Foreign Minister Juan Perez.");
        assert!(lists_official(&got, "Tomas Soto", Some("PE"), &["Economy Minister"]), "{got:?}");
        assert!(lists_official(&got, "Juan Perez", Some("CL"), &["Foreign Minister"]), "{got:?}");
    }

    #[test]
    fn regional_portfolios_and_a_styled_name_before_an_apposition() {
        let got = officials("The Honourable Ana Vera, Minister of Foreign Affairs of Peru, met Luis Pardo, Chile's Minister for Europe and Foreign Affairs.");
        assert!(lists_official(&got, "Ana Vera", Some("PE"), &["Foreign Minister"]), "{got:?}");
        assert!(lists_official(&got, "Luis Pardo", Some("CL"), &["Minister for Europe and Foreign Affairs"]), "{got:?}");
        let got = officials("Peruvian Minister of Foreign and European Affairs Eva Rojas spoke.");
        assert_eq!(got, vec![("Eva Rojas".into(), Some("PE".into()), vec!["Minister of Foreign and European Affairs".into()])]);
        let got = officials("The African Union Commission (AUC) Chairperson, Dr. Ana Vera, spoke.");
        assert_eq!(got, vec![("Ana Vera".into(), Some("AU".into()), vec!["Chairperson".into()])]);
        let got = officials("Peruvian Minister of Energy Eng. Eva Rojas spoke.");
        assert_eq!(got, vec![("Eva Rojas".into(), Some("PE".into()), vec!["Minister of Energy".into()])]);
    }

    #[test]
    fn a_title_case_headlines_verb_ends_the_name_before_it() {
        for headline in ["Bulgarian President Radev Meets Merkel", "Fijian Prime Minister Rabuka Welcomes Marape", "Peruvian Minister Vera Receives Envoy"] {
            let got = officials(headline);
            assert!(got.iter().all(|(name, ..)| name.split(' ').count() == 1), "{headline}: {got:?}");
        }
    }

    #[test]
    fn a_rulers_title_after_a_personal_style_is_a_given_name() {
        let got = officials("Foreign Minister Ana Vera met Dr. Amir Tabrizi on Tuesday.");
        assert!(lists_official(&got, "Amir Tabrizi", None, &[]), "{got:?}");
        let got = officials("Qatar Amir Sheikh Tamim bin Hamad Al Thani received the minister.");
        assert!(lists_official(&got, "Tamim bin Hamad Al Thani", Some("QA"), &["Amir"]), "{got:?}");
    }

    #[test]
    fn a_state_opening_a_comma_list_of_officials_serves_every_item() {
        let t = "Vera will travel to Chile and Peru. She will meet Chile's President Tom Soto, Foreign Minister Ana Ruiz, Defence Minister Eva Rojas and Minister of Science, Technology and Innovation Luis Pardo.";
        let got = officials(t);
        for name in ["Tom Soto", "Ana Ruiz", "Eva Rojas", "Luis Pardo"] {
            assert!(got.iter().any(|(n, c, _)| n == name && c.as_deref() == Some("CL")), "{name}: {got:?}");
        }
    }

    #[test]
    fn a_styled_untitled_partner_of_an_encounter_is_an_official() {
        let got = officials("Foreign Minister Ana Vera held talks with Mr. Tom Tabrizi on Tuesday.");
        assert!(lists_official(&got, "Tom Tabrizi", None, &[]), "{got:?}");
        let got = officials("Foreign Minister Ana Vera received H.E. Tom Tabrizi, Ambassador of Iran, on Tuesday.");
        assert!(lists_official(&got, "Tom Tabrizi", Some("IR"), &["Ambassador"]), "{got:?}");
        let got = officials("Foreign Minister Ana Vera agreed with Mr. Tom Tabrizi on Tuesday.");
        assert!(!got.iter().any(|(name, ..)| name == "Tom Tabrizi"), "no encounter: {got:?}");
    }

    #[test]
    fn a_gathering_named_by_its_format_is_no_person() {
        assert_eq!(officials("He will also attend the Forum Special Leaders Retreat in Nadi on Friday."), vec![]);
        assert_eq!(officials("The Prime Minister hosted the Leaders Symposium in Suva."), vec![]);
    }

    #[test]
    fn portfolios_named_by_a_regions_adjective_stay_in_the_title() {
        let got = officials("Foreign Minister Ana Vera met US Assistant Secretary of State for European and Eurasian Affairs Tom O'Reilly.");
        assert!(lists_official(&got, "Tom O'Reilly", Some("US"), &["Assistant Secretary of State for European and Eurasian Affairs"]), "{got:?}");
        let got = officials("Finnish Minister for Nordic Cooperation Eva Rojas spoke.");
        assert_eq!(got, vec![("Eva Rojas".into(), Some("FI".into()), vec!["Minister for Nordic Cooperation".into()])]);
    }
}
