//! Attribution: decides, sentence by sentence, who a sentence is attributed to.
//!
//! A reporting verb with a subject next to it ("X said", "..., said the
//! president", "According to X, ..."), a state as subject ("China reiterates"),
//! a joint subject ("the two sides agreed", "A and B considered"), and runs of
//! reported speech that continue the last speaker until narration or a new speaker.

use crate::domain::CountryCode;

use super::lexicon::{verb_lemma, JOINT_VERBS, STATE_VERBS};
use super::mentions::{self, Ctx, Hit, Who};
use super::officials::Registry;
use super::sentences::Sent;
use super::text::Tok;

#[derive(Debug, Clone, PartialEq)]
pub enum Spk {
    Off(usize),
    State(CountryCode),
    /// Joint subject: the officials named (if any) and their states.
    Joint(Vec<usize>, Vec<CountryCode>),
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub sent: usize,
    pub speaker: Spk,
    pub verb: Option<&'static str>,
    pub direct: bool,
}

/// Result of the walk: statements and, per sentence, the mentions found
/// (pronouns already resolved to officials where possible).
pub struct Walk {
    pub stmts: Vec<Stmt>,
    pub hits: Vec<Vec<Hit>>,
    /// Officials of the last joint subject, for "they" in later sentences.
    pub joints: Vec<Option<Vec<usize>>>,
}



fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
}

/// Where words are posted or given: "on a social site", "in a tweet", "on Telegram".
const MEDIA_NOUNS: &[&str] = &[
    "site", "website", "media", "network", "networks", "account", "platform", "post", "tweet", "twitter", "facebook", "instagram",
    "telegram", "interview", "video", "broadcast",
];

fn gap_ok(toks: &[Tok], a: usize, b: usize) -> bool {
    if a >= b {
        return true;
    }
    // A short bracket after a name: the name in its own script, an abbreviation, a party
    // ("Spokesperson X (歐江安) said", "the Ministry of Foreign Affairs (MOFA) expressed").
    if toks[a].low == "(" {
        if let Some(close) = toks[a + 1..b.min(a + 6)].iter().position(|t| t.low == ")") {
            return gap_ok(toks, a + close + 2, b);
        }
    }
    // "X on a social site said", "X in a post on Telegram said": the medium of the words.
    if matches!(toks[a].low.as_str(), "on" | "in" | "via") {
        let medium = toks[a + 1..b.min(a + 5)].iter().position(|t| MEDIA_NOUNS.contains(&t.low.as_str()));
        if let Some(m) = medium {
            return gap_ok(toks, a + 1 + m + 1, b);
        }
    }
    let all_skip = toks[a..b].iter().all(|t| {
        t.has(super::lexicon::F_GAP) || t.low.ends_with("ly") || t.kind == super::text::TokKind::Num || t.low == "."
    });
    if all_skip && b - a <= 6 {
        return true;
    }
    // An apposition between commas or dashes: ", also a member of ..., said".
    let open = matches!(toks[a].low.as_str(), "," | "—" | "(");
    let close = matches!(toks[b - 1].low.as_str(), "," | "—" | ")");
    // The inserted phrase must read like an apposition, not a clause of the sentence.
    let first = low(toks, a + 1);
    let appositive = matches!(first, "also" | "who" | "a" | "an" | "the" | "member" | "currently" | "now" | "then" | "in" | "for" | "on" | "r" | "l" | "left" | "right" | "which" | "whose" | "speaking" | "addressing" | "according")
        || super::lexicon::is_head(first)
        || super::lexicon::is_modifier(first)
        || toks.get(a + 1).is_some_and(|t| t.kind == super::text::TokKind::Word && t.low.chars().next().is_some_and(|c| c.is_alphabetic()) && super::gazetteer::GAZ.word_state(&t.low).is_some());
    // A relative clause about the subject has a verb of its own (", who took office on
    // Monday,"): the subject is still the one who speaks after it.
    let relative = matches!(first, "who" | "whose");
    open && close && appositive && b - a <= 40 && (relative || !toks[a + 1..b - 1].iter().any(|t| t.has(super::lexicon::F_VERB) && t.low != "according"))
}

/// "A Palacio San Martín statement reads that ...": a state's document, not the state
/// itself ("Tashkent, Uzbekistan, reads a press release"), is what "reads".
fn reads_from_document(toks: &[Tok], h: &Hit, k: usize) -> bool {
    low(toks, k) == "reads" && h.te == k && h.te > 0 && matches!(low(toks, h.te - 1), "statement" | "release" | "readout" | "communique" | "document")
}

/// Is the token at `k` a reporting verb in this context?
fn verb_at(toks: &[Tok], k: usize) -> Option<&'static str> {
    if !toks[k].has(super::lexicon::F_VERB) {
        return None;
    }
    // "called him “a tireless fighter”", "called the remarks “absurd”": describing in quotes.
    if matches!(toks[k].low.as_str(), "called" | "calls") && (describes_in_quotes(toks, k) || describes_as_judged(toks, k)) {
        return Some("describe");
    }
    let w = low(toks, k);
    let lemma = verb_lemma(w)?;
    let next = low(toks, k + 1);
    // "used the occasion to thank Y", "took the opportunity to reiterate": what is said is
    // the infinitive's.
    if matches!(lemma, "use" | "take") {
        let chance = next == "the" && matches!(low(toks, k + 2), "occasion" | "opportunity") && low(toks, k + 3) == "to";
        return chance.then(|| super::lexicon::base_reporting_verb(low(toks, k + 4))).flatten();
    }
    let ok = match w {
        "pointed" | "points" => next == "out",
        // "called on the two sides to ..." urges; "called on Prime Minister X" is a courtesy call.
        "called" | "calls" => matches!(next, "on" | "for" | "upon") && !toks.get(k + 2).is_some_and(|t| t.has(super::lexicon::F_HEAD | super::lexicon::F_MOD) && t.low != "the"),
        "according" => next == "to",
        "referred" | "refers" => next == "to",
        // "The following is attributable to Spokesperson X:".
        "attributable" => next == "to",
        "spoke" => matches!(next, "about" | "of" | "highly"),
        // "welcomed his Iranian counterpart to the ministry": a guest greeted, not a stance.
        // "X was (warmly) welcomed at the airport by Y": the guest received, no stance of X's.
        "welcomed" | "welcomes" => {
            let guest = matches!(next, "his" | "her" | "their") && toks[k + 2..].iter().take(3).any(|t| matches!(t.low.as_str(), "counterpart" | "guest" | "guests" | "visitor" | "visitors"));
            !guest && !passive_participle(toks, k)
        }
        // "A brief release ... was posted on the ministry's site": a text put up, no one's words.
        "posted" | "tweeted" => !passive_participle(toks, k),
        "thanks" => next != "to",
        // "lent her support for", "lends its backing to": a stance; "lent money" is none.
        "lent" | "lends" => toks[k + 1..].iter().take(3).any(|t| matches!(t.low.as_str(), "support" | "backing")),
        "states" | "say" => false,
        "quoted" => next == "as",
        // "raised concerns about ...", not "raised tariffs".
        // "He continued, “We took stock ...": going on with a quotation, not "continued to grow".
        // '"...," he went on, referring to ...', '"...," Tsahkna continued.': the speaker of a
        // quotation just closed.
        "continued" | "went" => {
            let on = usize::from(w == "went");
            let opens_quote = matches!(low(toks, k + 1 + on), "," | ":") && low(toks, k + 2 + on) == "\"";
            let closes_quote = (k.saturating_sub(4)..k).any(|j| low(toks, j) == "\"") && matches!(low(toks, k + 1 + on), "," | "." | ";" | "");
            (w != "went" || next == "on") && (opens_quote || closes_quote)
        }
        "raised" | "raises" => toks[k + 1..].iter().take(3).any(|t| t.low.starts_with("concern") || matches!(t.low.as_str(), "issue" | "issues" | "question" | "questions" | "matter" | "case" | "cases")),
        _ => true,
    };
    ok.then_some(lemma)
}

/// "In his words, ...", "In her view, ..." opening a sentence: the possessor's account.
pub(super) fn in_own_words(toks: &[Tok], k: usize) -> bool {
    k == 0 && low(toks, 0) == "in" && matches!(low(toks, 1), "his" | "her") && matches!(low(toks, 2), "words" | "view" | "opinion") && low(toks, 3) == ","
}

/// "He is optimistic that ...", "Vera was confident that ...": a belief stated with a copula.
fn stated_belief(toks: &[Tok], k: usize) -> bool {
    let feeling = matches!(low(toks, k + 1), "optimistic" | "confident" | "hopeful" | "convinced" | "certain") && matches!(low(toks, k + 2), "that" | "the" | "about" | "of");
    // "Minister X was pleased to hear that ...", "was delighted that ...": a readout's stated feeling.
    let pleased = matches!(low(toks, k + 1), "pleased" | "glad" | "delighted" | "happy") && matches!(low(toks, k + 2), "to" | "that");
    matches!(low(toks, k), "is" | "was" | "remains" | "remained") && (feeling || pleased)
}

/// A short object, then a quotation: "called him “...”" (a name-calling, not a phone call).
fn describes_in_quotes(toks: &[Tok], k: usize) -> bool {
    toks.iter().skip(k + 1).take(5).position(|t| t.low == "\"").is_some_and(|q| q > 0 && toks[k + 1..k + 1 + q].iter().all(|t| t.is_word() || t.low == "'s"))
}

/// "called her meeting with X productive", "called the talks constructive": the thing named
/// (a determiner or possessive and a few words, no clause break) then a word of judgement.
fn describes_as_judged(toks: &[Tok], k: usize) -> bool {
    const JUDGED: &[&str] = &["productive", "constructive", "fruitful", "successful", "useful", "positive", "excellent", "cordial", "frank", "candid", "historic", "important", "significant", "friendly", "warm"];
    if !matches!(low(toks, k + 1), "the" | "his" | "her" | "their" | "its" | "this" | "that" | "it") {
        return false;
    }
    let named: Vec<&Tok> = toks.iter().skip(k + 2).take(7).take_while(|t| t.is_word()).collect();
    // "called the President of friendly X": a call placed to an office holder.
    named.iter().any(|t| JUDGED.contains(&t.low.as_str())) && !named.iter().any(|t| t.has(super::lexicon::F_HEAD))
}

/// Between a possessive and its verb, a voice of the possessor: "'s (official) website",
/// "'s office", "'s press service", "'s statement".
fn source_noun_between(toks: &[Tok], a: usize, b: usize) -> bool {
    b > a
        && b - a <= 3
        && toks[a..b].iter().any(|t| matches!(t.low.as_str(), "office" | "website" | "statement" | "spokesperson" | "spokesman" | "spokeswoman" | "service" | "readout" | "account" | "communique" | "secretariat"))
        && toks[a..b].iter().all(|t| t.is_word())
}

/// "Yun's ministry said", "the president's government announced", "Modi's office said",
/// "Putin's spokesman said": an institution or unnamed aide owned by the official `h`, right
/// before the verb at `k`, is their state's voice (GUIDELINES: an unnamed official's words
/// are their state's).
fn possessive_institution(toks: &[Tok], h: &Hit, k: usize, reg: &Registry) -> Option<CountryCode> {
    let Who::Off(o) = h.who else { return None };
    let owned = h.possessive
        && k > h.te
        && k - h.te <= 2
        // The text may end right after the institution ("..., reads a statement from Yun's office").
        && k <= toks.len()
        && toks[h.te..k].iter().all(|t| t.is_word())
        && (matches!(low(toks, k - 1), "ministry" | "government" | "embassy" | "administration" | "office" | "secretariat" | "spokesperson" | "spokesman" | "spokeswoman")
            // "the Kazakh leader's press service reported".
            || (low(toks, k - 1) == "service" && low(toks, k.wrapping_sub(2)) == "press"));
    owned.then_some(reg.offs[o].country).flatten()
}

/// A comma right before `k`, or a comma and the quotation mark closing on it ('“...,”
/// according to').
fn after_comma(toks: &[Tok], k: usize) -> bool {
    k > 0 && (low(toks, k - 1) == "," || (k > 1 && low(toks, k - 1) == "\"" && low(toks, k - 2) == ","))
}

/// "according to a statement from X", "according to the readout issued by X": where the
/// source the document speaks for starts, past the document; `j` when none is named.
fn source_of_document(toks: &[Tok], j: usize) -> usize {
    super::mentions::document_issuer(toks, j).unwrap_or(j)
}

/// "made a remark", "issued a statement", "filed a diplomatic protest": a saying told by
/// its noun. The verb token counts as the reporting verb.
fn saying_by_noun(toks: &[Tok], k: usize) -> bool {
    let gave = matches!(low(toks, k), "gave" | "gives" | "offered" | "offers") && toks[k + 1..].iter().take(3).any(|t| matches!(t.low.as_str(), "assurance" | "assurances"));
    gave || matches!(low(toks, k), "made" | "issued" | "filed" | "lodged" | "delivered" | "released" | "makes" | "issues")
        && toks[k + 1..].iter().take(4).any(|t| {
            matches!(t.low.as_str(), "remark" | "remarks" | "statement" | "statements" | "comment" | "comments" | "protest" | "speech" | "address")
        })
}

/// "A and B were also in agreement on the expansion of trade": agreement told with "be",
/// as "agreed" is.
fn in_agreement(toks: &[Tok], k: usize) -> bool {
    toks[k].low == "agreement" && k >= 2 && low(toks, k - 1) == "in" && toks[..k - 1].iter().rev().take(2).any(|t| matches!(t.low.as_str(), "were" | "are" | "was" | "is"))
}

fn joint_verb(w: &str) -> bool {
    // Most words start with a letter no joint verb starts with: one table look-up.
    static FIRST: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
        let mut t = [false; 256];
        for v in JOINT_VERBS {
            t[v.as_bytes()[0] as usize] = true;
        }
        t
    });
    w.as_bytes().first().is_some_and(|b| FIRST[*b as usize]) && JOINT_VERBS.contains(&w)
}

struct Found {
    spk: Spk,
    verb: &'static str,
}

/// Runs the walk over all body sentences.
pub fn walk(text: &str, sents: &[Sent], reg: &mut Registry) -> Walk {
    let mut ctx = Ctx { last_seen: vec![0; reg.offs.len()], ..Default::default() };
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut all_hits = Vec::with_capacity(sents.len());
    let mut joints = Vec::with_capacity(sents.len());
    let mut last_joint: Option<Vec<usize>> = None;
    // Sentences waiting for the attribution that closes their quotation.
    let mut pending_quote: Vec<usize> = Vec::new();
    // First-person sentences outside quotation marks waiting for a closing ", said X".
    let mut pending_first: Vec<usize> = Vec::new();
    let carried = carried_quotation(sents);
    let mut open_quote = false;
    let mut recent: Vec<usize> = Vec::new();
    // The state of the last office holder told without a name ("The Prime Minister"), and where.
    let mut unnamed_office: Option<(CountryCode, usize)> = None;
    // The speaker of a statement introduced by "X said:" and set out in the paragraphs after;
    // from the start, the author a heading names when the text speaks in the first person.
    let mut block: Option<Spk> = reg.author.filter(|_| speaks_in_first_person(sents)).map(Spk::Off);
    // The official whose turn a transcript's label opened ("SECRETARY POWELL: ..."), until the next label.
    let mut turn: Option<usize> = None;
    // The speaker of a quotation set out after "X said:" in the paragraphs below it, while
    // the quotation runs.
    let mut set_out_quote: Option<Spk> = None;
    // The speaker of a quotation still open at the end of the last sentence.
    let mut quote_speaker: Option<Spk> = None;
    // Whether that quotation opened in a sentence with its own attribution ("X said, “...").
    let mut quote_attributed = false;
    // A whole quotation closed with no attribution, for a bare "X said." after it.
    let mut orphan_quote: Option<usize> = None;
    let mut bare_at: Option<usize> = None;
    // The official opening the last sentence, possessive or not ("Xi's visit ...").
    let mut opener: Option<usize> = None;
    // The state whose unnamed office holder ("The Prime Minister" in a government's own
    // readout) spoke in a sentence, and that sentence.
    let mut unnamed_speaker: Option<(CountryCode, usize)> = None;
    for (si, sent) in sents.iter().enumerate() {
        ctx.sent_no = si + 1;
        let (mut hits, titles) = mentions::find(text, sent, reg, &mut ctx);
        for (o, ts) in titles {
            reg.add_titles(o, &ts);
        }
        // "Xi's visit is his first since 2019. He has said ...": the official opening the
        // narration just before, in the same paragraph, is the newer topic.
        let topic = opener.filter(|_| si > 0 && sents[si - 1].para == sent.para && stmts.last().is_none_or(|s| s.sent + 1 != si));
        // Pronouns: the last speaker, else the last subject, else whoever was named last;
        // never someone named after the pronoun in its sentence ("He briefed Xi on ..."
        // is not Xi, while in "Xi said he ..." he is).
        // "The Prime Minister raised ... He reiterated ...": "he" opening the next sentence is
        // that unnamed holder still, speaking for the state.
        if let Some((c, _)) = unnamed_speaker.filter(|(_, at)| at + 1 == si) {
            for h in hits.iter_mut().filter(|h| h.who == Who::Pronoun && h.ts == 0) {
                h.who = Who::State(c);
            }
        }
        let named_after = |at: usize, o: usize| hits.iter().any(|h| h.ts > at && h.kind != crate::domain::MentionKind::Pronoun && h.who == Who::Off(o));
        // The sentence's own subject, once: (official, named rather than a pronoun, end).
        let subject = main_subject(&sent.toks, &hits).and_then(|s| match s.who {
            Who::Off(o) => Some((o, s.kind != crate::domain::MentionKind::Pronoun, s.te)),
            _ => None,
        });
        let resolved: Vec<Option<usize>> = hits
            .iter()
            .map(|h| {
                if h.who != Who::Pronoun {
                    return None;
                }
                if let Some(o) = fronted_clause_subject(&sent.toks, &hits, h.ts) {
                    return Some(o);
                }
                // The article's first sentence has no context: "X phoned Y, wherein he
                // reiterated ..." is its subject's.
                let own_subject = subject.filter(|s| s.2 <= h.ts).map(|s| s.0);
                // "A met B in Moscow, during which he appreciated ...": a pronoun later in a
                // sentence whose subject is named is that subject, whoever spoke before.
                let named_subject = subject.filter(|s| s.1 && s.2 < h.ts).map(|s| s.0);
                named_subject.into_iter().chain([topic, ctx.last_speaker, ctx.last_subject].into_iter().flatten()).chain(recent.iter().rev().copied()).chain(own_subject).find(|o| !named_after(h.ts, *o))
            })
            .collect();
        for (h, o) in hits.iter_mut().zip(resolved) {
            if let Some(o) = o {
                h.who = Who::Off(o);
            }
        }
        give_counterpart_titles(&sent.toks, &hits, reg);
        // "Yun's ministry said ...": a later bare "the ministry" is the same one.
        if let Some(c) = hits.iter().filter(|h| h.possessive).find_map(|h| [h.te + 1, h.te + 2].into_iter().find_map(|k| possessive_institution(&sent.toks, h, k, reg))) {
            ctx.last_institution = Some(c);
        }
        let unnamed = unnamed_office.filter(|(_, at)| at + 3 > si).map(|(c, _)| c);
        let found = attribute(&sent.toks, &hits, &recent, reg, last_joint.as_ref(), unnamed);
        let found_own = found.as_ref().map(|f| f.verb);
        let new_para = si == 0 || sents[si - 1].para != sent.para;
        // A bare "X said." after a quotation passes the quotation's speaker on.
        let prev_stmt = stmts.last().filter(|s| s.sent + 1 == si || (s.sent + 2 == si && bare_at == Some(si - 1))).cloned();
        // Every quotation mark of the sentence is a `"` token.
        let (quotes, own_verb) = quotes_and_own_verb(&sent.toks);
        let direct = quotes > 0;
        let mut speaker: Option<(Spk, Option<&'static str>)> = found.map(|f| (f.spk, Some(f.verb)));
        // "China has announced ..." or "both sides have always supported each other" inside
        // Wang's reported speech is still Wang speaking.
        if let (Some((spk, v)), Some(p)) = (&speaker, &prev_stmt) {
            if let Spk::Off(o) = p.speaker {
                let own_state = matches!(spk, Spk::State(c) if reg.offs[o].country == Some(*c));
                // The parties told of in the present or with a modal, not acting in the past.
                let both_sides = matches!(spk, Spk::Joint(..)) && !is_narration(&sent.toks, &hits, spk);
                if (own_state || both_sides) && !new_para {
                    speaker = Some((Spk::Off(o), *v));
                }
            }
        }
        // A quotation left open at a paragraph's end and reopened at the next one's start
        // (wire style) goes on in its speaker's voice, even where it tells what both
        // sides did (GUIDELINES: a joint sentence quoted from one party is that party's).
        if new_para && open_quote && low(&sent.toks, 0) == "\"" && matches!(speaker, None | Some((Spk::Joint(..), _))) {
            if let Some(q) = &quote_speaker {
                speaker = Some((q.clone(), None));
            }
        }
        // Inside a quotation that runs on over paragraphs with no mark reopening it, the
        // verbs are the quoted speaker's words ("I thanked Poland ..., briefed Minister
        // Sikorski ..."): the sentence waits for the attribution that closes it.
        if carried[si] && quotes == 0 {
            speaker = None;
        }
        // "They discussed the region. Singapore has a clear policy ...": a sentence opened by
        // one of the parties' states after their joint words is that state's.
        if speaker.is_none() && !own_verb && !new_para {
            if let (Some(Stmt { speaker: Spk::Joint(_, cs), .. }), Some(Hit { who: Who::State(c), ts: 0, possessive: false, .. })) = (&prev_stmt, hits.first()) {
                if cs.contains(c) {
                    speaker = Some((Spk::State(*c), None));
                }
            }
        }
        // A first-person subject outside quotation marks goes on in the last speaker's voice
        // (translated ministry releases slip into the speaker's own words), even where the
        // sentence reports another's ("I have noted that Minister X said ...").
        let first_person = !open_quote && first_person_subject(&sent.toks);
        if let Some(p) = prev_stmt.as_ref().filter(|_| first_person) {
            speaker = Some((p.speaker.clone(), found_own));
        }
        // A sentence with its own "said"/"told" whose subject is nobody we know
        // ("..., said John Smith, a professor") belongs to someone else. One that opens a
        // quotation and leaves it open waits for the attribution that closes it, where one
        // closes it later in the paragraph ('"... . Both agreed ...," the ministry said').
        let awaits_closing = low(&sent.toks, 0) == "\"" && quotes % 2 == 1 && attributed_where_closed(sents, si);
        if speaker.is_none() && !own_verb && !awaits_closing {
            if let Some(p) = &prev_stmt {
                let cont = if new_para { continues_across(sent, &hits, &p.speaker, reg) } else { !is_narration(&sent.toks, &hits, &p.speaker) };
                if cont {
                    speaker = Some((p.speaker.clone(), None));
                }
            }
        }
        // "A Downing Street spokesperson said:" / "The following is attributable to X:"
        // introduces a statement set out below; the introduction itself says nothing.
        // "The Department of State released the following statement:": its issuer speaks below.
        let issued = issues_statement(&sent.toks);
        if let Some(f) = issued.filter(|_| speaker.is_none()) {
            speaker = hits.iter().rev().find(|h| !h.possessive && h.te <= f).and_then(|h| match h.who {
                Who::Off(o) => Some((Spk::Off(o), None)),
                Who::State(c) => Some((Spk::State(c), None)),
                _ => None,
            });
        }
        // The set-out quotation ends with the first sentence outside quotation marks.
        if !(open_quote || low(&sent.toks, 0) == "\"") {
            set_out_quote = None;
        }
        if let Some((spk, _)) = speaker.as_ref().filter(|_| issued.is_some() || introduces_block(&sent.toks)) {
            let next_quoted = sents.get(si + 1).is_some_and(|n| low(&n.toks, 0) == "\"");
            block = (!next_quoted).then(|| spk.clone());
            set_out_quote = next_quoted.then(|| spk.clone());
            speaker = None;
        } else if let Some(q) = &set_out_quote {
            // 'X said:' then '"Relations are strong. ..."': the quotation is X's, save a
            // sentence inside it that names a speaker of its own.
            if speaker.is_none() {
                speaker = Some((q.clone(), None));
            }
        } else if let Some(b) = &block {
            // Inside the statement every sentence is its speaker's account, joint ones, "the
            // other leader noted ..." and "The Foreign Secretary highlighted ..." too
            // (GUIDELINES: a sentence attributed to one party's statement is that party's,
            // the state's code when a ministry or an unnamed spokesperson issued it).
            speaker = Some((b.clone(), speaker.and_then(|(_, verb)| verb)));
        }
        // A transcript: a label opening the paragraph gives the floor to the one it names
        // (or to a journalist or moderator, nobody we report); what follows is theirs
        // until the next label, save sentences another speaker is given in.
        let label = if new_para { transcript_label(text, &sent.toks, &hits) } else { None };
        if let Some(named) = label {
            turn = named;
            block = None;
        }
        if let Some(o) = turn {
            let labelled = label.is_some();
            let own_state = matches!(&speaker, Some((Spk::State(c), _)) if reg.offs[o].country == Some(*c));
            if labelled || speaker.is_none() || own_state {
                speaker = Some((Spk::Off(o), speaker.and_then(|(_, verb)| verb)));
            }
        }
        // Quotations: sentences inside a quotation that is not yet closed wait for
        // the attributed sentence that closes it, even across paragraphs (wire
        // style reopens the quote mark at the start of each quoted paragraph).
        let toks = &sent.toks;
        let was_open = open_quote;
        let opens = low(toks, 0) == "\"";
        if new_para {
            if !(open_quote && (opens || carried[si])) {
                pending_quote.clear();
            }
            open_quote = open_quote && carried[si];
        }
        let starts_open = open_quote || opens;
        open_quote ^= quotes % 2 == 1;
        // '"We are ready." Vera told Soto on Monday.': the sentence after a closed quotation
        // that only names its speaker attributes the quotation and says nothing itself.
        let attributes_orphan = orphan_quote.is_some_and(|q| q + 1 == si && !new_para) && speaker.as_ref().is_some_and(|(_, v)| bare_attribution(toks, *v));
        if let (true, Some(q), Some((spk, _))) = (attributes_orphan, orphan_quote, &speaker) {
            stmts.push(Stmt { sent: q, speaker: spk.clone(), verb: None, direct: true });
            bare_at = Some(si);
        }
        orphan_quote = (speaker.is_none() && opens && !open_quote && quotes == 2).then_some(si);
        // "We're seriously preparing for this visit. Our relations are exemplary. The visit is
        // to give an impetus to our partnership, said the President.": copy that lost its
        // quotation marks sets out the speaker's own words before the attribution closing them.
        if new_para {
            pending_first.clear();
        }
        match &speaker {
            None if quotes == 0 && !starts_open && first_person_opening(toks) => pending_first.push(si),
            Some((spk, _)) if quotes == 0 && closed_by_attribution(toks) => {
                stmts.extend(pending_first.drain(..).map(|q| Stmt { sent: q, speaker: spk.clone(), verb: None, direct: false }));
            }
            _ => pending_first.clear(),
        }
        match &speaker {
            None if starts_open && open_quote => pending_quote.push(si),
            Some((spk, _)) => {
                for q in pending_quote.drain(..) {
                    stmts.push(Stmt { sent: q, speaker: spk.clone(), verb: None, direct: true });
                }
            }
            None => pending_quote.clear(),
        }
        if let Some((spk, verb)) = speaker {
            if let Spk::Off(o) = spk {
                ctx.last_speaker = Some(o);
            }
            if let Spk::Joint(offs, _) = &spk {
                if offs.len() >= 2 {
                    last_joint = Some(offs.clone());
                }
            }
            // Further sentences of a quotation that an attributed sentence of this paragraph
            // opened are the same statement (GUIDELINES: a run of sentences).
            let same_quote = was_open && !new_para && !opens && found_own.is_none() && quote_attributed && quote_speaker.as_ref() == Some(&spk);
            if !same_quote {
                quote_attributed = found_own.is_some();
            }
            quote_speaker = open_quote.then(|| spk.clone());
            if !attributes_orphan && !same_quote {
                unnamed_speaker = match spk {
                    Spk::State(c) if hits.first().is_some_and(|h| h.ts <= 1 && h.unnamed_office_holder(text, sent) == Some(c)) => Some((c, si)),
                    _ => None,
                };
                stmts.push(Stmt { sent: si, speaker: spk, verb, direct });
            }
        } else if !(open_quote && was_open) {
            quote_speaker = None;
        }
        // Bookkeeping for later sentences.
        opener = hits.first().filter(|h| h.ts == 0).and_then(|h| match h.who {
            Who::Off(o) => Some(o),
            _ => None,
        });
        if let Some(h) = hits.iter().find(|h| matches!(h.who, Who::Off(_)) && !h.possessive) {
            if let Who::Off(o) = h.who {
                ctx.last_subject = Some(o);
            }
        }
        for h in &hits {
            if let Some(c) = h.unnamed_office_holder(text, sent).filter(|_| !h.possessive) {
                unnamed_office = Some((c, si));
            }
            if let Who::Off(o) = h.who {
                ctx.last_seen[o] = si + 1;
                // "noted the importance of Vladimir Putin's visit": a possessive inside the
                // predicate names who owns a thing talked of, not a party of the talk now.
                if !(h.possessive && h.ts > 0) {
                    recent.retain(|x| *x != o);
                    recent.push(o);
                }
                let (s, e) = (sent.toks[h.ms].s, sent.toks[h.te - 1].e);
                reg.offs[o].mentions.push((s, e, h.kind));
            }
        }
        joints.push(last_joint.clone());
        all_hits.push(hits);
    }
    // Quoted sentences attributed late were pushed after their successors.
    stmts.sort_by_key(|s| s.sent);
    Walk { stmts, hits: all_hits, joints }
}

/// The attribution a sentence states itself, if any.
/// "A, Prime Minister of X, and H.E. B, Prime Minister of Y, have expressed ...": the
/// subject at `pos` (a name or its apposition) is the second of two officials who each
/// carry an apposition, the first opening the sentence.
fn appositive_pair<'h>(toks: &[Tok], hits: &'h [Hit], pos: usize) -> Option<(&'h Hit, &'h Hit)> {
    // Back from an apposition to the name it follows (", " between them).
    let mut p = pos;
    while p > 0 && hits[p - 1].who == hits[p].who && hits[p - 1].te + 1 == hits[p].ts {
        p -= 1;
    }
    let (first, second) = (hits.first()?, &hits[p]);
    if p == 0 || first.possessive || !matches!((first.who, second.who), (Who::Off(a), Who::Off(b)) if a != b) {
        return None;
    }
    let first_end = hits.iter().take(p).filter(|h| h.who == first.who).map(|h| h.te).max()?;
    // Only the "and" and courtesy styles between the first's apposition and the second name.
    let gap = &toks[first_end..second.ts];
    let and_then_styles = gap.len() >= 2
        && gap[0].low == ","
        && gap[1].low == "and"
        && gap[2..].iter().all(|t| t.has(super::lexicon::F_HONORIFIC) || t.low == "." || t.is_cap(""));
    // Nothing said before the first name (a dateline may stand there).
    let opens = !toks[..first.ts].iter().any(|t| t.has(super::lexicon::F_VERB));
    (opens && low(toks, first.te) == "," && and_then_styles).then_some((first, second))
}

fn attribute(toks: &[Tok], hits: &[Hit], recent: &[usize], reg: &Registry, last_joint: Option<&Vec<usize>>, unnamed: Option<CountryCode>) -> Option<Found> {
    if media_label(toks) || section_heading(toks) {
        return None;
    }
    // "The discussion also focused on ...", "The meeting was held to explore ways to ...": the
    // encounter just told speaks for its parties, as "the two sides" would.
    // An impersonal opening has no agent, so an official named in its clause ("It was
    // emphasized that the visit of the President of X opened ...") is not its speaker.
    let unnamed_agent = !hits.iter().any(|h| matches!(h.who, Who::Off(_)));
    if (unnamed_agent && (encounter_subject(toks) || passive_at_encounter(toks) || closing_stance_passive(toks))) || impersonal_passive(toks) {
        let offs = last_joint.cloned().unwrap_or_else(|| group_members(recent, reg));
        if let Some(spk) = joint_of(offs, reg, unnamed) {
            return Some(Found { spk, verb: "state" });
        }
    }
    let mut fallback: Option<Found> = None;
    // '"A and B reaffirmed ...," X said': with a saying verb outside the quotation opening
    // the sentence, the verbs inside it are the quoted words, not the attribution.
    // '... sphere," the Kremlin said.': the sentence goes on a quotation opened before it.
    let continued = closes_quotation_opened_before(toks);
    // '"Minister X returned and informed me in detail. ...," said Y': a sentence that opens a
    // quotation and leaves it open is quoted words throughout; its verbs are the speaker's.
    let (quotes, says_outside) = if low(toks, 0) == "\"" { quotes_and_own_verb(toks) } else { (0, false) };
    let own_verb = continued || says_outside || quotes % 2 == 1;
    let mut quoted = continued;
    for k in 0..toks.len() {
        if toks[k].low == "\"" {
            quoted = !quoted;
        }
        if quoted && own_verb {
            continue;
        }
        // `verb_at` answers `None` at once for a word without F_VERB: spare the call.
        let reporting = if toks[k].has(super::lexicon::F_VERB) { verb_at(toks, k) } else { None };
        let reporting = reporting
            .or_else(|| saying_by_noun(toks, k).then_some("state"))
            .or_else(|| stated_belief(toks, k).then_some("believe"))
            .or_else(|| in_own_words(toks, k).then_some("state"));
        let is_joint_verb = joint_verb(&toks[k].low) || in_agreement(toks, k);
        let Some(verb) = reporting.or(is_joint_verb.then_some("agree")) else { continue };
        let mut subj: Option<&Hit> = None;
        let mut pair: Option<(&Hit, &Hit)> = None;
        // "..., said a statement of the Moroccan Department of Foreign Affairs": inverted after
        // the reported words, the document's source speaks.
        let source = Some(k + 1).filter(|_| reporting.is_some() && after_comma(toks, k)).map(|j| source_of_document(toks, j)).filter(|&at| at != k + 1);
        if let Some(h) = source.and_then(|at| hits.iter().find(|h| h.ts == at || h.ts == at + 1)) {
            match h.who {
                Who::State(c) => return Some(Found { spk: Spk::State(c), verb }),
                Who::Off(o) => return Some(Found { spk: Spk::Off(o), verb }),
                _ => {}
            }
        }
        if in_own_words(toks, k) {
            subj = hits.iter().find(|h| h.ts == k + 1);
        } else if verb == "according to" || verb == "attribute" {
            let at = if verb == "according to" { source_of_document(toks, k + 2) } else { k + 2 };
            subj = hits.iter().find(|h| h.ts == at);
            // "according to Vera's office": the office speaks for Vera's state.
            if let Some(c) = subj.and_then(|h| possessive_institution(toks, h, h.te + 1, reg)) {
                return Some(Found { spk: Spk::State(c), verb });
            }
        } else {
            // Nearest mention before the verb, across skippable words. A state
            // inside an "of ..." complement ("the Communist Party of China") is skipped.
            let mut pos = hits.iter().rposition(|h| h.te <= k);
            // Where the words between the subject and the verb start: after a state postposed
            // to the subject's name ("President X of Ghana said"), else after the name.
            let mut complement_end: Option<(usize, usize)> = None;
            while let Some(p) = pos {
                let h = &hits[p];
                let in_complement = matches!(h.who, Who::State(_)) && h.ts > 0 && (low(toks, h.ts - 1) == "of" || (low(toks, h.ts) == "the" && h.ts > 0 && low(toks, h.ts - 1) == "of"));
                if in_complement && p > 0 {
                    complement_end = Some((h.ts, h.te));
                    pos = Some(p - 1);
                    continue;
                }
                break;
            }
            let gap_start = |h: &Hit| match complement_end {
                Some((ts, te)) if matches!(h.who, Who::Off(_)) && (ts == h.te + 1 || (ts == h.te + 2 && low(toks, h.te + 1) == "the")) && low(toks, h.te) == "of" => te,
                _ => h.te,
            };
            // "X, who also met Y on Thursday, said": the subject outside the
            // relative clause or apposition, not the name inside it.
            let outer = hits.iter().position(|h| {
                h.te < k && !h.possessive && matches!(h.who, Who::Off(_)) && matches!(low(toks, h.te), "," | "—") && gap_ok(toks, h.te, k)
            });
            // "Kishida during Tuesday's talks with Zhaparov expressed ...", "Putin on arrival in
            // Meseberg called on ...": a phrase of time or occasion after the subject opening
            // the sentence holds no subject of the verb.
            // "Turkish President X, during a telephonic conversation with Prime Minister Y on
            // Saturday, assured ...": set off by commas, the phrase may run longer.
            let occasion = |w: &str| matches!(w, "during" | "on" | "at" | "after" | "upon" | "following" | "in");
            let adjunct_subject = hits.iter().position(|h| {
                let bare = h.ts == 0 && occasion(low(toks, h.te)) && k - h.te <= 10;
                let set_off = low(toks, h.te) == "," && occasion(low(toks, h.te + 1)) && k > 0 && low(toks, k - 1) == "," && k - h.te <= 20 && !toks[..h.ts].iter().any(|t| t.has(super::lexicon::F_VERB));
                let inner = if set_off { h.te + 1..k - 1 } else { h.te..k };
                (bare || set_off)
                    && h.te < k
                    && !h.possessive
                    && matches!(h.who, Who::Off(_))
                    && !toks[inner].iter().any(|t| t.low == "," || t.low == "\"" || t.has(super::lexicon::F_VERB))
            });
            let pos = match (outer, pos) {
                (Some(o), Some(p)) if o < p => Some(o),
                _ => adjunct_subject.or(pos),
            };
            if let Some(pos) = pos {
                let h = &hits[pos];
                // "X's office said", "the president's official website says": X speaks
                // through the voice the possessive owns.
                // "Yun's ministry said": the ministry speaks for the official's state.
                if let Some(c) = possessive_institution(toks, h, k, reg) {
                    return Some(Found { spk: Spk::State(c), verb });
                }
                let through_voice = h.possessive && source_noun_between(toks, h.te, k);
                let past_adjunct = adjunct_subject == Some(pos);
                if (!h.possessive && (past_adjunct || gap_ok(toks, gap_start(h), k) || quote_opens_at_verb(toks, h.te, k))) || through_voice {
                    subj = Some(h);
                    // "A and B", "A and his counterpart B": two subjects.
                    let det = usize::from(h.ts > 1 && matches!(low(toks, h.ts - 1), "his" | "her" | "their"));
                    let and_at = h.ts.wrapping_sub(1 + det);
                    if pos > 0 && h.ts > det && low(toks, and_at) == "and" && hits[pos - 1].te == and_at {
                        pair = Some((&hits[pos - 1], h));
                    }
                    if pair.is_none() {
                        pair = appositive_pair(toks, hits, pos);
                    }
                }
            }
            // Inverted: "..., said Wang." / "... ,” said the president."
            if subj.is_none() && k > 0 && matches!(low(toks, k - 1), "," | "\"") {
                let at = past_honorific(toks, k + 1);
                subj = hits.iter().find(|h| h.ts == at && !h.possessive);
            }
            // "X passed on greetings and said ...", "..., congratulating him": a
            // coordinated or participle verb takes the sentence's subject.
            // A participle with its "that" clause needs no comma: "X concluded the talks in
            // Lima saying that ...".
            let participle = k > 0 && toks[k].low.ends_with("ing") && (low(toks, k - 1) == "," || low(toks, k + 1) == "that");
            // "Having indicated he would ..., X secured ...": the fronted perfect participle
            // is the main clause's subject's.
            let having = k == 1 && low(toks, 0) == "having";
            let coordinated = k > 0 && (low(toks, k - 1) == "and" || participle || having);
            if coordinated && (subj.is_none() || toks[k].low.ends_with("ing")) {
                if let Some(h) = main_subject(toks, hits) {
                    subj = Some(h);
                    pair = None;
                } else if let Some(h) = hits.first().filter(|h| h.ts == 0 && !h.possessive && matches!(h.who, Who::State(_))) {
                    // "The Prime Minister congratulated President X on ... and said ...": a
                    // government's readout names its own principal by office only; the
                    // coordinated verb is that unnamed holder's, i.e. the state's.
                    subj = Some(h);
                    pair = None;
                } else if participle && subj.is_some_and(|h| h.ts > 0 && matches!(h.who, Who::Off(_))) {
                    // "It is X's first visit since becoming president, underscoring ...":
                    // the participle is the sentence's, and no official is its subject.
                    subj = None;
                }
            }
        }
        if pair.is_some() && closing_attribution(toks, hits, k) {
            continue;
        }
        if let Some((a, b)) = pair {
            match (a.who, b.who) {
                (Who::Off(x), Who::Off(y)) => {
                    let cs: Vec<CountryCode> = [x, y].iter().filter_map(|o| reg.offs[*o].country).collect();
                    // "The Ministry of External Affairs said A and B appreciated ...": what both
                    // did, told in one party's account opening the sentence, is that party's
                    // statement (GUIDELINES, joint sentences).
                    if let Some(f) = fallback.filter(|f| matches!(f.spk, Spk::State(c) if cs.contains(&c))) {
                        return Some(f);
                    }
                    return Some(Found { spk: Spk::Joint(vec![x, y], cs), verb });
                }
                // "Indonesia and Canada have agreed to ...": two states as one subject of a verb
                // the parties share (not "China and Nigeria have supported each other" in a
                // speaker's words).
                (Who::State(x), Who::State(y)) if x != y && is_joint_verb && subject_opens_sentence(toks, a.ts) => {
                    return Some(Found { spk: Spk::Joint(Vec::new(), vec![x, y]), verb });
                }
                _ => {}
            }
        }
        let Some(h) = subj else { continue };
        // '..., the foreign ministry said' owns even what both did.
        if is_joint_verb && !closing_attribution(toks, hits, k) {
            if let Some(spk) = encounter_partners(toks, hits, h, k, reg) {
                return Some(Found { spk, verb });
            }
        }
        if is_joint_verb && reporting.is_none() && !matches!(h.who, Who::Group | Who::They) {
            continue;
        }
        let at_start = h.ts == 0
            || (h.ts <= 3 && toks[..h.ts].iter().all(|t| matches!(t.low.as_str(), "but" | "and" | "meanwhile" | "\"")))
            // The subject after an opening phrase ("During a press conference on Thursday,
            // the ministry condemned ..."): the sentence's first mention, right after its comma.
            || (low(toks, h.ts.wrapping_sub(1)) == "," && hits.first().is_some_and(|f| f.ts == h.ts));
        match h.who {
            Who::Off(o) => return Some(Found { spk: Spk::Off(o), verb }),
            // "China reiterates ..." or "..., the Kremlin said."
            // "..., said the ministry.": inverted after the reported words.
            // "..., the foreign ministry here said."
            Who::State(c) if (at_start || (h.te <= k && gap_ok(toks, h.te, k) && h.ts > 0 && matches!(low(toks, h.ts - 1), "," | "\"")) || (h.ts == k + 1 && k > 0 && matches!(low(toks, k - 1), "," | "\""))) && (STATE_VERBS.contains(&toks[k].low.as_str()) || reads_from_document(toks, h, k)) => {
                fallback.get_or_insert(Found { spk: Spk::State(c), verb });
            }
            // "..., according to the ministry."
            Who::State(c) if verb == "according to" && (k == 0 || after_comma(toks, k)) => {
                fallback.get_or_insert(Found { spk: Spk::State(c), verb });
            }
            // "The two leaders agreed ..., the ministry said": the closing attribution owns it,
            // as for a named pair.
            Who::Group if !closing_attribution(toks, hits, k) => {
                // "At the meeting with Chinese Ambassador X, the sides ...": a party named
                // earlier in the sentence is the most recent one.
                let before = hits.iter().filter(|x| x.te <= h.ts).filter_map(|x| if let Who::Off(o) = x.who { Some(o) } else { None });
                let recent: Vec<usize> = recent.iter().copied().chain(before).collect();
                if let Some(spk) = joint_of(group_members(&recent, reg), reg, unnamed) {
                    fallback.get_or_insert(Found { spk, verb });
                }
            }
            Who::They if !closing_attribution(toks, hits, k) => {
                // The last joint subject, else (no joint subject yet: "A met B. ... They
                // called for ...") the two states last named, as for "the two sides".
                // Only as the sentence's own opening subject: a "they" inside a quotation
                // or after a fronted phrase may be anyone's words ("“..., they discussed ...,”
                // the statement said").
                // "A met B, and together they highlighted ...", "A met B, where they agreed ...":
                // the parties just named in the sentence, before the last joint subject.
                let named_before = || {
                    let before: Vec<usize> = hits.iter().filter(|x| x.te <= h.ts && !x.possessive).filter_map(|x| if let Who::Off(o) = x.who { Some(o) } else { None }).collect();
                    let pair = group_members(&before, reg);
                    // "A met B in London, where they agreed ...", "... talks, during which they ...".
                    (pair.len() == 2 && h.ts > 0 && matches!(low(toks, h.ts - 1), "and" | "together" | "where" | "which" | "when")).then_some(pair)
                };
                let offs = named_before().or_else(|| last_joint.cloned()).or_else(|| (h.ts == 0).then(|| group_members(recent, reg))).unwrap_or_default();
                if let Some(spk) = joint_of(offs, reg, unnamed) {
                    fallback.get_or_insert(Found { spk, verb });
                }
            }
            _ => {}
        }
    }
    fallback
}

/// For each sentence, whether it lies in a paragraph that goes on a quotation left open by
/// the paragraph before with no mark reopening it, closed (and so attributed) by a later
/// paragraph at most three on: some outlets mark only a quotation's first opening and last
/// closing. A quotation never closed is a stray mark, not a run of quoted paragraphs.
fn carried_quotation(sents: &[Sent]) -> Vec<bool> {
    // Per paragraph: (first sentence, quotation marks, opens with one).
    let mut paras: Vec<(usize, usize, bool)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let q = s.toks.iter().filter(|t| t.low == "\"").count();
        match paras.last_mut() {
            Some(p) if sents[p.0].para == s.para => p.1 += q,
            _ => paras.push((si, q, low(&s.toks, 0) == "\"")),
        }
    }
    let mut carried_para = vec![false; paras.len()];
    let mut open = false;
    for (p, &(_, q, opens)) in paras.iter().enumerate() {
        if open && !opens {
            // Unmarked paragraphs, then one whose first mark closes the quotation.
            let closer = (p..paras.len().min(p + 3)).find(|&c| paras[c].1 > 0);
            if let Some(c) = closer.filter(|&c| paras[c].1 % 2 == 1 && !paras[c].2) {
                for x in carried_para.iter_mut().take(c + 1).skip(p) {
                    *x = true;
                }
            }
        }
        // Marks toggle the quotation: on from an open one in a carried paragraph, afresh otherwise.
        open = if carried_para[p] { q % 2 == 0 } else { q % 2 == 1 };
    }
    let mut out = vec![false; sents.len()];
    for (p, &(first, _, _)) in paras.iter().enumerate() {
        let end = paras.get(p + 1).map_or(sents.len(), |n| n.0);
        for x in &mut out[first..end] {
            *x = carried_para[p];
        }
    }
    out
}

/// A transcript's speaker label opening a sentence ("SECRETARY POWELL: Well, ...",
/// "Foreign Minister Vera: Thank you."): `Some(Some(o))` for an official the article
/// names, `Some(None)` for anyone else ("QUESTION:", "MODERATOR:"), `None` for no label.
fn transcript_label(text: &str, toks: &[Tok], hits: &[Hit]) -> Option<Option<usize>> {
    let colon = toks.iter().take(14).position(|t| t.low == ":")?;
    // "Penny Wong, Minister for Foreign Affairs:": the office may follow the name.
    if colon == 0 || colon + 1 >= toks.len() || !toks[..colon].iter().all(|t| super::titles::is_label_word(text, t)) {
        return None;
    }
    let official = hits.iter().find(|h| h.ts <= 1 && !h.possessive && (h.te == colon || (low(toks, h.te) == "," && colon > h.te + 1))).and_then(|h| match h.who {
        Who::Off(o) => Some(o),
        _ => None,
    });
    if official.is_none() && colon > 7 {
        return None;
    }
    if official.is_some() {
        return Some(official);
    }
    let shouted = toks[..colon].iter().all(|t| !t.is_word() || !text[t.s..t.e].chars().any(char::is_lowercase));
    let asker = matches!(toks[0].low.as_str(), "question" | "q" | "moderator" | "participant" | "reporter" | "journalist");
    (shouted || asker).then_some(None)
}

/// Whether the participle at `k` is passive ("was (warmly) welcomed", "was posted").
fn passive_participle(toks: &[Tok], k: usize) -> bool {
    super::text::after_be(toks, k, |w| w.ends_with("ly"))
}

/// "What they said:", "Here's what was said:": the heading of an explainer's section, each
/// point below with its own speaker; it says nothing itself.
fn section_heading(toks: &[Tok]) -> bool {
    toks.last().is_some_and(|t| t.low == ":") && matches!(low(toks, 0), "what" | "how" | "here" | "here's")
}

/// Whether the sentence only introduces what follows: it ends in a colon right after
/// its reporting verb or the speaker it names ("X said:", "... attributable to X:").
fn introduces_block(toks: &[Tok]) -> bool {
    let n = toks.len();
    // Eight words: "attributable to Principal Deputy Spokesperson A B:".
    n >= 2 && !section_heading(toks) && toks[n - 1].low == ":" && toks[..n - 1].iter().rev().take(8).any(|t| matches!(t.low.as_str(), "said" | "stated" | "says" | "attributable" | "follows"))
}

/// "The meeting / talks / discussion (also) focused on / was held to / reaffirmed ...": a
/// sentence whose subject is the encounter itself and whose verb tells what it was for.
fn encounter_subject(toks: &[Tok]) -> bool {
    // "Their discussions focused on ...": readouts name the encounter with the parties' possessive too.
    if !matches!(low(toks, 0), "the" | "this" | "their") || !matches!(low(toks, 1), "meeting" | "talks" | "discussion" | "discussions" | "conversation" | "call") {
        return false;
    }
    let k = if matches!(low(toks, 2), "also" | "mainly" | "further") { 3 } else { 2 };
    match low(toks, k) {
        "focused" | "focussed" | "centred" | "centered" | "concentrated" => low(toks, k + 1) == "on",
        "was" | "were" => low(toks, k + 1) == "held" && matches!(low(toks, k + 2), "to" | "with"),
        "aimed" | "reaffirmed" | "emphasized" | "emphasised" | "stressed" | "underlined" | "highlighted" | "underscored" => true,
        _ => false,
    }
}

/// "The importance of ... was noted at the meeting", "During the consultations, the need
/// to ... was stressed": translated releases (Russian, Central Asian and Caucasian ministries)
/// put what both parties said in the passive, with the encounter as its only setting.
fn passive_at_encounter(toks: &[Tok]) -> bool {
    let stance_passive = (0..toks.len()).any(|k| matches!(low(toks, k), "was" | "were") && passive_stance_at(toks, k + 1));
    let at_encounter = toks.windows(3).any(|w| {
        matches!(w[0].low.as_str(), "at" | "during" | "in")
            && matches!(w[1].low.as_str(), "the" | "this")
            && matches!(w[2].low.as_str(), "meeting" | "talks" | "consultations" | "negotiations" | "conversation" | "call" | "discussion" | "discussions")
    });
    stance_passive && at_encounter
}

/// "The importance of ... was noted.", "Special attention was paid to ...": the same
/// translated releases close an agentless passive on what the parties said, or name it as
/// what they attended to, with no setting at all.
fn closing_stance_passive(toks: &[Tok]) -> bool {
    let is_punct = |t: &Tok| t.kind == super::text::TokKind::Punct;
    // "According to the statement, special attention was paid to ...": one party's account.
    let sourced = toks.iter().any(|t| t.low == "according");
    !sourced && (1..toks.len()).any(|k| {
        if !matches!(low(toks, k), "was" | "were") {
            return false;
        }
        let p = adverbs_from(toks, k + 1);
        let attention = low(toks, k - 1) == "attention" && low(toks, p) == "paid" && low(toks, p + 1) == "to";
        let manner = usize::from(low(toks, p + 1) == "with" && matches!(low(toks, p + 2), "satisfaction" | "appreciation")) * 2;
        let closes = PASSIVE_STANCES.contains(&low(toks, p)) && toks[p + 1 + manner..].iter().all(is_punct);
        attention || closes
    })
}

/// "It was agreed that the momentum of high-level exchanges would be continued" (Pakistani,
/// Gulf and Central Asian readouts): an impersonal passive opening the sentence is the
/// parties' together, unless it names its agent ("It was noted by X that").
fn impersonal_passive(toks: &[Tok]) -> bool {
    let k = adverbs_from(toks, 2);
    low(toks, 0) == "it" && low(toks, 1) == "was" && (passive_stance_at(toks, 2) || low(toks, k) == "decided") && low(toks, k + 1) != "by"
}

/// Whether a participle of `PASSIVE_STANCES` stands at `k`, after adverbs ("was also
/// noted", "It was especially emphasized", "was unanimously agreed").
fn passive_stance_at(toks: &[Tok], k: usize) -> bool {
    PASSIVE_STANCES.contains(&low(toks, adverbs_from(toks, k)))
}

/// The first token from `k` on that is no adverb: "also", "further" or a word in -ly.
fn adverbs_from(toks: &[Tok], mut k: usize) -> usize {
    while k < toks.len() && (matches!(low(toks, k), "also" | "further") || (low(toks, k).len() > 4 && low(toks, k).ends_with("ly"))) {
        k += 1;
    }
    k
}

/// Participles that state a stance in the passive ("was stressed"); "was discussed" is talk only.
const PASSIVE_STANCES: &[&str] = &[
    "noted", "stressed", "emphasized", "emphasised", "highlighted", "underlined", "underscored", "reaffirmed",
    "affirmed", "expressed", "agreed", "welcomed",
];

/// Whether a subject starting at `ts` opens its sentence, past "But", "And", an opening
/// phrase ending in a comma or a dateline ending in a dash.
fn subject_opens_sentence(toks: &[Tok], ts: usize) -> bool {
    ts == 0 || (ts <= 2 && matches!(low(toks, 0), "but" | "and" | "meanwhile")) || matches!(low(toks, ts - 1), "," | "-" | "--" | "—" | "–")
}

/// Whether one of the text's first sentences speaks as "I" or "we" outside quotation marks:
/// a statement or remarks in its author's own voice, not a report about them.
fn speaks_in_first_person(sents: &[Sent]) -> bool {
    sents.iter().take(3).any(|s| {
        let mut quoted = false;
        s.toks.iter().any(|t| {
            quoted ^= t.low == "\"";
            !quoted && matches!(t.low.as_str(), "i" | "we" | "my" | "our")
        })
    })
}

/// "X issued / released the following statement (today):": a sentence that only announces
/// a statement set out below it; the token of "following", whose issuer comes before it.
fn issues_statement(toks: &[Tok]) -> Option<usize> {
    let n = toks.len();
    if n < 3 || toks[n - 1].low != ":" {
        return None;
    }
    let noun = (n.saturating_sub(9)..n - 1).find(|&i| matches!(toks[i].low.as_str(), "statement" | "readout" | "communique" | "communiqué" | "remarks"))?;
    (noun.saturating_sub(3)..noun).find(|&i| toks[i].low == "following")
}

/// "X met his counterpart Y": Y holds the same office as the sentence's
/// subject X (its main title; State Councilor-style ranks are not copied).
fn give_counterpart_titles(toks: &[Tok], hits: &[Hit], reg: &mut Registry) {
    // "her Saudi counterpart His Highness Prince Faisal": a prince whose office is the
    // counterpart's bears "Prince" as a style (GUIDELINES), not as his office.
    let is_counterpart = |o: usize| {
        let heads = &reg.offs[o].heads;
        princely_styles_only(&reg.offs[o].titles) && heads.first() == Some(&"counterpart") && heads[1..].iter().all(|h| matches!(*h, "prince" | "princess"))
    };
    // The subject: an official opening the sentence or a clause ("In a message to
    // his counterpart X, China's Foreign Minister Y congratulated him").
    let subject = hits.iter().find_map(|h| match h.who {
        Who::Off(o) if !h.possessive && !is_counterpart(o) && !h.peer && (h.ts == 0 || matches!(low(toks, h.ts - 1), "," | "\"")) => Some(o),
        _ => None,
    });
    // "held meetings with her counterparts, namely A of Bangladesh, B of Saint Lucia and C":
    // the ones listed after the plural are each the subject's peer.
    // The subject is then the titled official named last before the plural.
    let plural = toks.iter().position(|t| t.low == "counterparts");
    let before_plural = plural.and_then(|p| {
        hits.iter().rev().find_map(|h| match h.who {
            Who::Off(o) if h.te <= p && !h.possessive && !reg.offs[o].titles.is_empty() => Some(o),
            _ => None,
        })
    });
    // "inked by A and his Indonesian counterpart B", "brought together A and his Croatian
    // counterpart B": not opening the sentence, the official just before the counterpart.
    let is_peer = |h: &&Hit| matches!(h.who, Who::Off(o) if is_counterpart(o)) || h.peer;
    let paired = hits.iter().find(is_peer).and_then(|peer| {
        hits.iter().rev().find_map(|h| match h.who {
            Who::Off(o) if h.te <= peer.ts && h.te + 6 >= peer.ts && !h.possessive && !is_counterpart(o) && !h.peer => Some((o, h.te)),
            _ => None,
        })
    });
    // "Kuleba said ... dialogue between A and his Ukrainian counterpart, B": joined to A by "and
    // his", the counterpart is A's when it serves the subject's own state (no one's counterpart
    // is of their own state). "Wang met Prime Minister A and his Nepali counterpart B": Wang's.
    let peer_state = hits.iter().filter(is_peer).find_map(|h| match h.who {
        Who::Off(o) => reg.offs[o].country,
        _ => None,
    });
    let coordinated = paired
        .filter(|&(a, te)| low(toks, te) == "and" && matches!(low(toks, te + 1), "his" | "her") && peer_state.is_some() && reg.offs[a].country != peer_state)
        .filter(|_| subject.is_some_and(|s| reg.offs[s].country == peer_state))
        .map(|(o, _)| o);
    let subject = before_plural.or(coordinated).or(subject).or(paired.map(|(o, _)| o));
    let Some(subj) = subject else { return };
    let listed = |h: &Hit| plural.is_some_and(|p| h.ts > p && !h.possessive);
    let peers: Vec<usize> = hits
        .iter()
        .filter_map(|h| match h.who {
            Who::Off(o) if o != subj && (is_counterpart(o) || h.peer || listed(h)) => Some(o),
            _ => None,
        })
        .collect();
    // A list of portfolios is the subject's own ministry: the counterpart holds its first
    // ("Minister of Foreign Affairs, African Cooperation and Moroccans Abroad" → "Minister of
    // Foreign Affairs").
    // "Minister for Foreign Affairs and Regional Integration" → "Minister for Foreign Affairs".
    let first_portfolio = |t: &str| t.split_once(',').or_else(|| t.split_once(" and ").filter(|_| t.starts_with("Minister "))).map(|(first, _)| first.to_string());
    let title = reg.offs[subj].titles.iter().rev().find(|t| !t.0.contains("Council")).map(|t| match first_portfolio(&t.0) {
        Some(first) => (first, t.1, t.2),
        None => t.clone(),
    });
    // A state's own name for its foreign minister ("Secretary of State", "External Affairs
    // Minister") is not the partner's: a foreign minister's counterpart is a "Foreign Minister".
    // South Asian foreign services are headed by a Foreign Secretary under the minister (India,
    // Pakistan, Bangladesh, Nepal, Sri Lanka): the counterpart of one is another secretary.
    let civil_service = matches!(reg.offs[subj].country.map(|c| c.to_string()).as_deref(), Some("IN" | "PK" | "BD" | "NP" | "LK"));
    let title = title.map(|t| match super::mentions::is_top_diplomat(&t.0) && !(civil_service && t.0 == "Foreign Secretary") {
        true => ("Foreign Minister".to_string(), t.1, t.2),
        false => t,
    });
    if let Some(t) = title {
        for o in peers {
            let titles = &mut reg.offs[o].titles;
            if princely_styles_only(titles) {
                titles.clear();
                titles.push(t.clone());
            }
        }
    }
}

/// No titles, or only "Prince"/"Princess": styles for one whose office is told otherwise.
fn princely_styles_only(titles: &[(String, usize, usize)]) -> bool {
    titles.iter().all(|t| matches!(t.0.as_str(), "Prince" | "Princess"))
}

/// The quotation marks of the sentence, and whether it has a reporting verb
/// of its own outside them. One pass with a running quote parity: counting the
/// quotes before each verb afresh made a long sentence of quotes and verbs quadratic.
fn quotes_and_own_verb(toks: &[Tok]) -> (usize, bool) {
    let mut quotes = 0;
    let mut own_verb = false;
    for t in toks {
        if t.kind == super::text::TokKind::Punct {
            quotes += usize::from(t.low == "\"");
        } else if !own_verb && quotes % 2 == 0 && (CLOSING_SAYS.contains(&t.low.as_str()) || t.low == "according") {
            own_verb = true;
        }
    }
    (quotes, own_verb)
}

/// Whether the sentence opens on the first person as its subject: "I have noted ...",
/// "We urge ...", "What I want to stress is ...".
fn first_person_subject(toks: &[Tok]) -> bool {
    matches!(low(toks, 0), "i" | "we") || (low(toks, 0) == "what" && matches!(low(toks, 1), "i" | "we"))
}

/// A sentence opening on the speaker's own voice: "We believe ...", "We're ready ...",
/// "Our relations are ...".
fn first_person_opening(toks: &[Tok]) -> bool {
    first_person_subject(toks) || matches!(low(toks, 0), "our" | "my" | "we're" | "we've" | "we'll" | "i'm" | "i've")
}

/// Whether the sentence ends on its attribution: "..., said the President.", "..., he added."
fn closed_by_attribution(toks: &[Tok]) -> bool {
    let n = toks.len();
    (n.saturating_sub(6)..n).any(|k| CLOSING_SAYS.contains(&low(toks, k)) && toks[..k].iter().rev().take(3).any(|t| t.low == ","))
}

/// Saying verbs that attribute a quotation after it closes ('...," X said').
const CLOSING_SAYS: &[&str] = &["said", "says", "told", "added", "noted"];

/// Whether the sentence starts inside a quotation opened in an earlier one and closes it
/// before its attribution ('They stressed ..., " the ministry said.').
/// Whether the quotation left open by sentence `si` closes later in its paragraph with an
/// attribution after it ('... steps," said Y.').
fn attributed_where_closed(sents: &[Sent], si: usize) -> bool {
    let para = sents[si].para;
    sents[si + 1..]
        .iter()
        .take_while(|n| n.para == para)
        .find(|n| n.toks.iter().filter(|t| t.low == "\"").count() % 2 == 1)
        .is_some_and(|n| closes_quotation_opened_before(&n.toks))
}

fn closes_quotation_opened_before(toks: &[Tok]) -> bool {
    if low(toks, 0) == "\"" {
        return false;
    }
    let (count, last) = toks.iter().enumerate().filter(|(_, t)| t.low == "\"").fold((0, 0), |(n, _), (i, _)| (n + 1, i));
    count % 2 == 1 && toks[last + 1..].iter().any(|t| CLOSING_SAYS.contains(&t.low.as_str()) || t.low == "stated")
}

/// The official who opens the sentence, possibly after an introductory phrase
/// ending in a comma ("In his response, Wang ...").
fn main_subject<'h>(toks: &[Tok], hits: &'h [Hit]) -> Option<&'h Hit> {
    let h = hits.iter().find(|h| !h.possessive && matches!(h.who, Who::Off(_)))?;
    let start_ok = h.ts == 0 || low(toks, h.ts - 1) == "," || (h.ts == 1 && low(toks, 0) == "\"");
    start_ok.then_some(h)
}

/// "X held talks with Y and discussed ways to ...", "X met Y on Thursday and agreed to
/// ...": a joint verb coordinated with an encounter the sentence's subject had with a
/// partner tells what both did (wire and agency copy), so both are its parties.
fn encounter_partners(toks: &[Tok], hits: &[Hit], subj: &Hit, k: usize, reg: &Registry) -> Option<Spk> {
    let Who::Off(x) = subj.who else { return None };
    if k == 0 || low(toks, k - 1) != "and" || main_subject(toks, hits).is_none_or(|m| m.ts != subj.ts) {
        return None;
    }
    let trigger = (subj.te..k).find(|&i| toks[i].has(super::lexicon::F_MEET))?;
    let partner = hits.iter().find(|h| h.ts > trigger && h.te <= k && !h.possessive).and_then(|h| match h.who {
        Who::Off(y) if y != x => Some(y),
        _ => None,
    })?;
    joint_of(vec![x, partner], reg, None)
}

/// "A and B shared the view that ..., the ministry said": a later ", X said" owns the
/// sentence (GUIDELINES: a joint sentence attributed to one party is that party's).
fn closing_attribution(toks: &[Tok], hits: &[Hit], k: usize) -> bool {
    // ", according to ministry officials." closes it too.
    let according = |h: &Hit| (1..h.ts.min(8)).map(|d| h.ts - d).any(|a| low(toks, a) == "according" && low(toks, a + 1) == "to" && source_of_document(toks, a + 2) == h.ts && after_comma(toks, a));
    // "..., the document also mentioned.": an adverb may stand before the verb.
    let verb_after = |te: usize| te < toks.len() && (verb_at(toks, te).is_some() || (matches!(low(toks, te), "also" | "further") && te + 1 < toks.len() && verb_at(toks, te + 1).is_some()));
    // '..., “favoring joint development,” the document said.': a quoted tail before it.
    hits.iter().any(|h| h.ts > k && !h.possessive && ((after_comma(toks, h.ts) && verb_after(h.te)) || according(h)))
}

/// 'X “thanked China for its support,”': a quotation opening on the verb itself (an
/// opening mark: even quotes before it) leaves X the subject.
fn quote_opens_at_verb(toks: &[Tok], te: usize, k: usize) -> bool {
    k > te && low(toks, k - 1) == "\"" && toks[..k - 1].iter().filter(|t| t.low == "\"").count() % 2 == 0 && gap_ok(toks, te, k - 1)
}

/// "Watch: X says ...", "Video: ...": a label for a clip, not the article's report.
fn media_label(toks: &[Tok]) -> bool {
    low(toks, 1) == ":" && matches!(low(toks, 0), "watch" | "video" | "listen" | "photos" | "gallery" | "live" | "podcast")
}

/// Past an honorific the mention leaves out: "said Mr. Wu", "said Dr Vera".
fn past_honorific(toks: &[Tok], i: usize) -> usize {
    if !toks.get(i).is_some_and(|t| t.has(super::lexicon::F_HONORIFIC)) {
        return i;
    }
    i + 1 + usize::from(low(toks, i + 1) == ".")
}

/// "Vera told Soto at the start of the meeting.": a short sentence of speaker and
/// saying verb, with no quotation or reported clause of its own.
fn bare_attribution(toks: &[Tok], verb: Option<&str>) -> bool {
    matches!(verb, Some("say" | "tell" | "add" | "reply" | "respond" | "answer" | "write"))
        && toks.len() <= 16
        && !toks.iter().any(|t| matches!(t.low.as_str(), "\"" | "that" | ":"))
        // No clause of its own: "told reporters the talks would go on" reports more.
        && !toks.iter().any(|t| matches!(t.low.as_str(), "is" | "are" | "was" | "were" | "will" | "would" | "should" | "could" | "can" | "has" | "have" | "had" | "must"))
}

/// "While X smiled ..., he said": a pronoun opening the main clause after a fronted
/// adverbial clause is that clause's subject (the official right after its conjunction).
fn fronted_clause_subject(toks: &[Tok], hits: &[Hit], at: usize) -> Option<usize> {
    let lead = usize::from(matches!(low(toks, 0), "but" | "and"));
    let conj = matches!(low(toks, lead), "while" | "as" | "after" | "when" | "before" | "although" | "though" | "once" | "since");
    if !conj || at == 0 || low(toks, at - 1) != "," {
        return None;
    }
    let h = hits.iter().find(|h| h.ts < at)?;
    let right_after = h.ts == lead + 1 || (h.ts == lead + 2 && low(toks, lead + 1) == "the");
    match h.who {
        Who::Off(o) if right_after && !h.possessive => Some(o),
        _ => None,
    }
}

/// The parties `offs` stand for, as a joint speaker, when they serve two states or more.
/// A government's own readout may leave its principal unnamed ("The Prime Minister held a
/// call with X. Both leaders agreed ..."): the state of that unnamed office holder, if
/// told in the last sentences, is the other party.
fn joint_of(offs: Vec<usize>, reg: &Registry, unnamed: Option<CountryCode>) -> Option<Spk> {
    let mut cs: Vec<CountryCode> = offs.iter().filter_map(|o| reg.offs[*o].country).collect();
    if let Some(c) = unnamed.filter(|c| cs.len() == 1 && !cs.contains(c)) {
        cs.insert(0, c);
    }
    // "The leaders agreed ..." of a prime minister and NATO's Secretary General: an
    // organisation's official is a party too.
    let mut orgs: Vec<&str> = offs.iter().filter(|o| reg.offs[**o].country.is_none()).filter_map(|o| reg.offs[*o].org.as_deref()).collect();
    orgs.dedup();
    (cs.len() + orgs.len() >= 2).then_some(Spk::Joint(offs, cs))
}

/// The two most recently mentioned officials of different states (or organisations).
fn group_members(recent: &[usize], reg: &Registry) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    // The party an official stands for: their state, else their organisation.
    let party = |o: usize| (reg.offs[o].country, reg.offs[o].org.as_deref());
    for &o in recent.iter().rev() {
        let p = party(o);
        if p != (None, None) && !out.iter().any(|x| party(*x) == p) {
            out.push(o);
        }
        if out.len() == 2 {
            break;
        }
    }
    out.reverse();
    out
}

const NARRATION_STARTS: &[&str] = &["meeting", "talks", "call", "visit", "conversation", "dialogue", "ceremony", "event", "consultation", "summit", "article", "report", "media", "reporters", "journalists"];
const NARRATION_WORDS: &[&str] = &["met", "arrived", "attended", "landed", "departed", "reported", "website", "statement"];

/// Within a paragraph, a sentence stops reported speech when it reports an
/// event or another official is its subject.
fn is_narration(toks: &[Tok], hits: &[Hit], spk: &Spk) -> bool {
    let first = if low(toks, 0) == "the" { low(toks, 1) } else { low(toks, 0) };
    if NARRATION_STARTS.contains(&first) {
        return true;
    }
    // A bracketed line, "(Photo: Ana Vera)": a credit or an aside.
    if low(toks, 0) == "(" && toks.last().is_some_and(|t| t.low == ")") {
        return true;
    }
    // The journalist's background: a passive perfect ("Russia had been accused", "the
    // elections have been postponed") or a forecast ("leaders are expected to attend").
    let background = (0..toks.len()).any(|i| {
        let (a, b, c, d) = (low(toks, i), low(toks, i + 1), low(toks, i + 2), low(toks, i + 3));
        (matches!(a, "had" | "has" | "have") && b == "been" && c.ends_with("ed"))
            || (matches!(a, "is" | "are" | "was" | "were") && ((b, c) == ("expected", "to") || (c, d) == ("expected", "to")))
    });
    if background {
        return true;
    }
    // Another source is being reported ("the president's official website says").
    if toks.iter().any(|t| matches!(t.low.as_str(), "website" | "reported" | "reportedly")) {
        return true;
    }
    // "The leaders discussed ...", "They also condemned ...": the parties acting
    // together in the past tense is narration, while "the two sides should ..."
    // stays reported speech.
    // The subject may follow a fronted clause: "As Peru prepares ..., the two leaders discussed".
    // A state named in the fronted clause is not the subject.
    let subject = hits.iter().find(|h| !matches!(h.who, Who::State(_)));
    if let Some(h) = subject.filter(|h| matches!(h.who, Who::Group | Who::They) && (h.ts <= 1 || low(toks, h.ts - 1) == ",")) {
        let mut k = h.te;
        while matches!(low(toks, k), "also" | "then" | "further" | "jointly" | "both" | "all") {
            k += 1;
        }
        // A past tense ("discussed", "agreed", "met", "spoke"), not "need"/"proceed".
        let w = low(toks, k);
        let irregular = matches!(w, "met" | "spoke" | "held" | "sat" | "took" | "made" | "gave" | "went" | "came" | "left" | "had" | "were" | "began" | "shook" | "saw" | "ate" | "flew" | "rode");
        // "agreed" is past like "discussed"; "need" and "proceed" are not.
        if irregular || (w.ends_with("ed") && (!w.ends_with("eed") || w == "agreed") && w.len() > 3) {
            return true;
        }
    }
    // "Separately, X met Y": a discourse marker then another official as subject.
    if matches!(low(toks, 0), "separately" | "meanwhile" | "elsewhere" | "earlier" | "later" | "previously") {
        if let Some(Who::Off(o)) = hits.iter().find(|h| h.ts <= 3 && !h.possessive).map(|h| h.who) {
            return *spk != Spk::Off(o);
        }
    }
    // An official opening the sentence: narration if another official, or if
    // the sentence reports an event rather than words.
    if let Some(h) = hits.first().filter(|h| h.ts == 0 || (h.ts == 1 && low(toks, 0) == "the")) {
        if let Who::Off(o) = h.who {
            // "Marcos's visit to Washington comes after ...": another official's doings
            // told by the journalist; the speaker's own ("Biden's plan ...") may go on.
            if h.possessive {
                return *spk != Spk::Off(o);
            }
            let event = toks.iter().any(|t| NARRATION_WORDS.contains(&t.low.as_str()))
                || toks.windows(2).any(|w| w[0].low == "held" && (w[1].low == "talks" || w[1].low == "a"));
            return *spk != Spk::Off(o) || event;
        }
    }
    false
}

/// A new paragraph without attribution continues the last speaker when it is
/// plainly more of the same voice: a quotation, "we", or the speaker's own
/// state (or "the two countries") as its subject.
fn continues_across(sent: &Sent, hits: &[Hit], spk: &Spk, reg: &Registry) -> bool {
    let toks = &sent.toks;
    if is_narration(toks, hits, spk) {
        return false;
    }
    if low(toks, 0) == "\"" {
        return true;
    }
    // "We ...", and the points of a speech set out one by one ("Second, facilitate ...").
    if first_person_subject(toks) || matches!(low(toks, 0), "our" | "first" | "firstly" | "second" | "secondly" | "third" | "thirdly" | "fourth" | "fifth" | "finally" | "lastly" | "moreover" | "furthermore") {
        return true;
    }
    let w01 = format!("{} {}", low(toks, 0), low(toks, 1));
    if matches!(w01.as_str(), "both countries" | "both sides" | "the two" | "together," ) {
        return true;
    }
    let own = match spk {
        Spk::Off(o) => reg.offs[*o].country,
        Spk::State(c) => Some(*c),
        Spk::Joint(..) => None,
    };
    // "Pakistan and China share a longstanding partnership ...": the pair of states opening a
    // paragraph is the journalist's background, where the speaker's state alone goes on.
    let pair_opens = hits.first().is_some_and(|h| h.ts == 0 && matches!(h.who, Who::State(_))) && low(toks, hits[0].te) == "and" && hits.get(1).is_some_and(|h| h.ts == hits[0].te + 1 && matches!(h.who, Who::State(_)));
    !pair_opens && hits.iter().any(|h| h.ts < 10 && matches!(h.who, Who::State(c) if Some(c) == own) && !h.possessive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    /// The sentences of `t` (a paragraph a line), its registry and the walk over them.
    fn walked(t: &str) -> (Vec<Sent>, Registry, Walk) {
        let mut sents = Vec::new();
        for (pi, line) in t.split('\n').enumerate() {
            let off = t.lines().take(pi).map(|l| l.len() + 1).sum::<usize>();
            for (s, e) in crate::extract::sentences::split(t, off, off + line.len()) {
                let mut toks = Vec::new();
                tokenize(t, s, e, &mut toks);
                sents.push(Sent { s, e, para: pi, toks, tpc: Default::default() });
            }
        }
        let mut reg = crate::extract::officials::discover(t, &sents);
        reg.finalize(t, &sents, &crate::extract::officials::country_counts(t, &sents), &|_| None);
        let w = walk(t, &sents, &mut reg);
        (sents, reg, w)
    }

    fn run(t: &str) -> Vec<(String, String)> {
        let (sents, reg, w) = walked(t);
        w.stmts
            .iter()
            .map(|s| {
                let who = match &s.speaker {
                    Spk::Off(o) => reg.offs[*o].name.clone(),
                    Spk::State(c) => c.to_string(),
                    Spk::Joint(_, cs) => cs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("+"),
                };
                (who, t[sents[s.sent].s..sents[s.sent].e].split(' ').next().unwrap().to_string())
            })
            .collect()
    }

    #[test]
    fn enumerated_points_continue_and_a_bracket_after_a_name_is_skipped() {
        let t = "Peruvian Foreign Minister Ana Vera said the two countries should work together in two areas.\nFirst, jointly build ports. Peru is ready to invest.\nSpokesperson Tomas Soto (T.S.) said Chile agreed.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["Ana Vera:Peruvian", "Ana Vera:First,", "Ana Vera:Peru", "Tomas Soto:Spokesperson"]);
    }

    #[test]
    fn a_state_speaks_after_an_opening_phrase_and_through_a_bracket() {
        let t = "During a press conference on Thursday, the Peruvian Foreign Ministry (MRE) condemned the attack.\nThe Chilean government, therefore, calls for calm.";
        assert_eq!(run(t), [("PE".to_string(), "During".to_string()), ("CL".to_string(), "The".to_string())]);
    }

    #[test]
    fn the_leaders_meeting_or_the_media_end_reported_speech() {
        let t = "Peruvian Foreign Minister Ana Vera said ties were strong. The two leaders met for an hour. Reporters were not allowed in.";
        assert_eq!(run(t).len(), 1, "{:?}", run(t));
    }

    #[test]
    fn an_office_speaks_for_its_owner_and_a_statement_made_is_a_saying() {
        let t = "Peruvian President Ana Vera arrived.\nVera's office said the talks went well.\nChilean President Tomas Soto made a sly remark about borders.\nThe Chilean government filed a diplomatic protest on Monday.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        let assured: Vec<String> = run("Chilean President Tomas Soto gave the assurance that trade would grow.").into_iter().map(|(who, _)| who).collect();
        assert_eq!(assured, ["Tomas Soto"]);
        // The office is an institution: it speaks for Vera's state (GUIDELINES: an unnamed
        // official's words are their state's; dev gives "Ban's office said" to the UN).
        assert_eq!(got, ["PE:Vera's", "Tomas Soto:Chilean", "CL:The"]);
    }

    #[test]
    fn the_parties_inside_a_speakers_reported_speech_are_still_the_speaker() {
        let t = "Peruvian President Ana Vera said ties were strong. Both sides have always supported each other on core interests.\nChilean President Tomas Soto met Vera. Both sides agreed to expand trade.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["Ana Vera:Peruvian", "Ana Vera:Both", "CL+PE:Both"]);
    }

    #[test]
    fn a_quotation_before_its_attribution_is_the_attributed_speakers() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nA Peruvian spokeswoman, Rosa Diaz, spoke after the talks.\n\"Foreign Minister Vera and Foreign Minister Soto reaffirmed the partnership,\" Diaz said in a statement.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("Rosa Diaz"), "{:?}", run(t));
    }

    #[test]
    fn a_state_opening_a_sentence_after_joint_words_speaks_for_itself() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nThey looked forward to more flights. Peru has a clear policy on fishing.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["PE+CL:They", "PE:Peru"]);
    }

    #[test]
    fn a_style_standing_alone_refers_back_like_a_pronoun() {
        let t = "The Emir Tomas bin Soto of Qatar met President Ana Vera of Peru.\nHis Highness added that ties were excellent.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("Tomas bin Soto"), "{:?}", run(t));
    }

    #[test]
    fn two_states_as_one_subject_speak_jointly() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nPeru and Chile have agreed to intensify trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn the_encounter_as_subject_speaks_for_its_parties() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nThe discussion also focused on efforts to expand trade.\nThe meeting was held to explore ways to deepen ties.\nThe meeting was the first since May.\nTheir talks focused on deepening cooperation in fisheries.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["PE+CL:The", "PE+CL:The", "PE+CL:Their"]);
    }

    #[test]
    fn commenting_and_disclosing_report() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nVera commented on the results of the talks.\nSoto disclosed that a trade deal was close.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["Ana Vera:Vera", "Tomas Soto:Soto"]);
    }

    #[test]
    fn a_statement_announced_as_following_is_its_issuers() {
        let t = "The Peruvian Ministry of Foreign Affairs released the following statement:\nForeign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile today.\nThe two ministers discussed expanding trade.\nForeign Minister Vera welcomed the progress.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["PE:Foreign", "PE:The", "PE:Foreign"]);
        let t = "After a call of Foreign Minister Ana Vera of Peru and Foreign Minister Tomas Soto of Chile, the Peruvian Foreign Ministry issued the following statement today (7 June):\nThe call focused on trade.\nThe ministers discussed fishing.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["PE:The", "PE:The"]);
    }

    #[test]
    fn a_pronoun_is_not_someone_its_own_sentence_names() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nVera said ties were strong.\nHe also briefed Vera on the plan.";
        let got = run(t);
        assert_eq!(got.last().map(|(who, _)| who.as_str()), Some("Tomas Soto"), "{got:?}");
    }

    #[test]
    fn the_two_men_are_a_joint_subject() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nThe two men agreed to expand trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
        for subject in ["The dignitaries", "The two authorities", "Both officials", "The two nations", "Delegations", "The Peruvian and Chilean foreign ministers"] {
            let t = format!("Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\n{subject} agreed to expand trade.");
            assert_eq!(run(&t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{subject}: {:?}", run(&t));
        }
        // Uncounted, officials may be one side's.
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nThe officials agreed to expand trade.";
        assert_ne!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn an_officials_ministry_and_an_inverted_ministry_speak_for_the_state() {
        let t = "Foreign Minister Ana Vera of Peru had talks with Foreign Minister Tomas Soto of Chile, Vera's ministry said.\nThe call lasted an hour, said the ministry.";
        let got = run(t);
        assert_eq!(got.iter().map(|(who, _)| who.as_str()).collect::<Vec<_>>(), ["PE", "PE"], "{got:?}");
        let t = "Foreign Minister Ana Vera of Peru had talks with Foreign Minister Tomas Soto of Chile, the Peruvian foreign ministry here said.\nVera and Soto discussed ways to boost trade, according to the ministry.";
        let got = run(t);
        assert_eq!(got.iter().map(|(who, _)| who.as_str()).collect::<Vec<_>>(), ["PE", "PE"], "{got:?}");
    }

    #[test]
    fn the_medium_between_a_speaker_and_the_verb_is_passed_over() {
        for t in ["Peruvian Foreign Minister Ana Vera met Chilean envoy Tomas Soto.\nVera on a social site said that the meeting focused on trade.",
                  "Peruvian Foreign Minister Ana Vera met Chilean envoy Tomas Soto.\nVera in a post on Telegram said that the meeting focused on trade."] {
            assert_eq!(run(t).last().map(|(who, first)| (who.as_str(), first.as_str())), Some(("Ana Vera", "Vera")), "{:?}", run(t));
        }
    }

    #[test]
    fn a_statement_of_an_institution_said_after_the_words_is_the_institutions() {
        let t = "Peruvian Foreign Minister Ana Vera met Chilean envoy Tomas Soto.\nThe talks follow a message delivered by Minister Luis Pardo, said a statement of the Peruvian Foreign Ministry.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE"), "{:?}", run(t));
    }

    #[test]
    fn names_listed_after_counterparts_are_each_a_peer() {
        let t = "A statement issued by the Ministry, copied to the Ghana News Agency said Ana Vera, Minister for Foreign Affairs and Regional Integration of Peru, held meetings with her counterparts, namely Dr Tomas Soto of Chile; Mr Luis Pardo of Bolivia and Madam Eva Rojas of Ecuador.";
        let (_, reg, _) = walked(t);
        let titled: Vec<(&str, Vec<&str>)> = reg.offs.iter().map(|o| (o.name.as_str(), o.titles.iter().map(|x| x.0.as_str()).collect())).collect();
        for name in ["Tomas Soto", "Luis Pardo", "Eva Rojas"] {
            assert!(titled.contains(&(name, vec!["Minister for Foreign Affairs"])), "{titled:?}");
        }
    }

    #[test]
    fn a_ministry_that_disclosed_or_revealed_speaks_for_its_state() {
        let met = "Peruvian Foreign Minister Ana Vera received Chilean Ambassador Tomas Soto.\n";
        let got = run(&format!("{met}The Ministry of Foreign Affairs, in a Facebook post, disclosed that trade had grown."));
        assert_eq!(got, vec![("PE".into(), "The".into())]);
        let got = run(&format!("{met}The Ministry of Foreign Affairs revealed that trade had grown."));
        assert_eq!(got, vec![("PE".into(), "The".into())]);
    }

    #[test]
    fn according_to_the_statement_is_the_institution_that_issued_it() {
        let t = "Peruvian President Ana Vera held a telephone conversation with Chilean President Tomas Soto, the Peruvian leader's press service reported.\nAccording to the statement, the leaders discussed trade.\nAccording to the statement, special attention was paid to the visit.";
        let got = run(t);
        assert_eq!(got.iter().map(|(who, _)| who.as_str()).collect::<Vec<_>>(), ["PE", "PE", "PE"], "{got:?}");
        // With no institution quoted before, the statement is nobody's yet.
        let t = "Peruvian President Ana Vera met Chilean President Tomas Soto.\nAccording to the statement, special attention was paid to the visit.";
        assert!(run(t).iter().all(|(_, text)| !text.starts_with("According")), "{:?}", run(t));
    }

    #[test]
    fn a_quoted_joint_sentence_is_the_press_services_and_renewed_is_joint() {
        let t = "Russian President Ivan Petrov phoned Chilean President Tomas Soto.\n\"They reaffirmed their commitment to trade,\" the Kremlin press service said.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("RU"), "{:?}", run(t));
        let t = "Russian President Ivan Petrov phoned Chilean President Tomas Soto.\n\"They reaffirmed their commitment to trade. They stressed their readiness to boost energy,\" the Kremlin press service said.";
        assert_eq!(run(t).iter().map(|(who, _)| who.as_str()).collect::<Vec<_>>(), ["RU", "RU"], "{:?}", run(t));
        let t = "Peruvian Foreign Minister Ana Vera and Chile’s Prime Minister Tomas Soto have renewed their promise to work together on trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn in_his_words_attributes_to_him() {
        let t = "Peruvian Foreign Minister Ana Vera summarized her talks with Chilean Foreign Minister Tomas Soto.\nIn her words, the trade talks were useful.";
        assert_eq!(run(t).last().map(|(who, first)| (who.as_str(), first.as_str())), Some(("Ana Vera", "In")), "{:?}", run(t));
        // Not a phrase about words inside the sentence.
        let t = "Peruvian Foreign Minister Ana Vera summarized her talks with Chilean Foreign Minister Tomas Soto.\nIn his speech, the trade talks were praised.";
        assert!(run(t).iter().all(|(_, first)| first != "In"), "{:?}", run(t));
    }

    #[test]
    fn a_joint_clause_reported_by_one_partys_ministry_is_its_statement() {
        let t = "Peruvian Foreign Minister Ana Vera spoke to Chilean Foreign Minister Tomas Soto.\nThe Ministry of Foreign Affairs of Peru said Vera and Soto appreciated the strong trade ties.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE"), "{:?}", run(t));
        // Told in the article's own voice, it stays joint.
        let t = "Peruvian Foreign Minister Ana Vera spoke to Chilean Foreign Minister Tomas Soto.\nVera and Soto appreciated the strong trade ties.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn the_head_of_the_foreign_ministry_is_its_minister() {
        let t = "Minister of Foreign Affairs of Peru, Ana Vera, received the Ambassador of Chile to Peru Tomas Soto.\nDuring the conversation, the head of the Foreign Ministry informed the Ambassador about the situation in Peru.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("Ana Vera"), "{:?}", run(t));
    }

    #[test]
    fn guillemets_are_quotation_marks() {
        let t = "Russian President Ivan Petrov phoned Chilean President Tomas Soto.\n«They reaffirmed their commitment to trade. They stressed their readiness to boost energy,» the Kremlin press service said.";
        assert_eq!(run(t).iter().map(|(who, _)| who.as_str()).collect::<Vec<_>>(), ["RU", "RU"], "{:?}", run(t));
    }

    #[test]
    fn ministers_who_concurred_speak_jointly() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nThe two Ministers concurred that they would advance trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn a_joint_verb_after_an_encounter_makes_subject_and_partner_its_parties() {
        let t = "Foreign Minister Ana Vera of Peru held talks with Foreign Minister Tomas Soto of Chile and discussed ways to expand trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
        let t = "On Monday, Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile in Lima and agreed to expand trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
        // Closed by its source, the sentence is the source's.
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile and discussed ways to expand trade, the Peruvian foreign ministry said.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE"), "{:?}", run(t));
        // No encounter between subject and verb: the subject's own act.
        let t = "Foreign Minister Ana Vera of Peru praised Foreign Minister Tomas Soto of Chile and agreed to expand trade.";
        assert_ne!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn agreement_told_with_be_is_a_joint_verb() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nMinister Vera and Minister Soto were also in agreement on the expansion of trade.";
        assert_eq!(run(t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "{:?}", run(t));
    }

    #[test]
    fn a_group_or_they_closed_by_one_sides_source_is_that_sides_statement() {
        let before = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\n";
        for joint in ["The two ministers agreed to expand trade, the Peruvian foreign ministry said.", "They agreed to expand trade, the Peruvian Foreign Ministry said."] {
            let t = format!("{before}{joint}");
            assert_eq!(run(&t).last().map(|(who, _)| who.as_str()), Some("PE"), "{joint}");
        }
        let t = format!("{before}The two ministers agreed to expand trade.");
        assert_eq!(run(&t).last().map(|(who, _)| who.as_str()), Some("PE+CL"), "unattributed, it stays joint");
    }

    #[test]
    fn according_to_a_document_of_a_source_is_the_sources() {
        let before = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile on Monday.\n";
        for said in [
            "The visit will deepen trade, according to a statement from the Peruvian foreign ministry.",
            "According to a statement issued by the Peruvian Foreign Ministry, the visit will deepen trade.",
            "According to the Peruvian Foreign Ministry, the visit will deepen trade.",
            "The visit will deepen trade, according to a readout from Vera's office.",
            "The visit will “deepen trade,” according to a statement from the Peruvian foreign ministry.",
        ] {
            let t = format!("{before}{said}");
            assert_eq!(run(&t).last().map(|(who, _)| who.as_str()), Some("PE"), "{said}");
        }
        let t = format!("{before}According to a statement from Soto, the visit will deepen trade.");
        assert_eq!(run(&t).last().map(|(who, _)| who.as_str()), Some("Tomas Soto"));
    }

    #[test]
    fn a_transcript_label_gives_the_floor_until_the_next_label() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nFOREIGN MINISTER VERA: Thank you. The talks were good.\nTrade matters to us.\nQUESTION: What about fishing?\nMINISTER SOTO: We discussed it.";
        let got: Vec<String> = run(t).into_iter().map(|(who, first)| format!("{who}:{first}")).collect();
        assert_eq!(got, ["Ana Vera:FOREIGN", "Ana Vera:The", "Ana Vera:Trade", "Tomas Soto:MINISTER"]);
    }

    #[test]
    fn a_statement_introduced_with_a_colon_is_its_speakers_to_the_end() {
        let t = "A Peruvian Foreign Ministry spokesperson said:\nForeign Minister Ana Vera of Peru spoke to Foreign Minister Tomas Soto of Chile today.\nThey agreed to deepen trade ties, where Soto noted progress.";
        assert_eq!(run(t), [("PE".to_string(), "Foreign".to_string()), ("PE".to_string(), "They".to_string())]);
        // A colon before a quotation set out below gives the quotation, and only it, to the speaker.
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile today.\nForeign Minister Ana Vera of Peru said:\n\"We are ready. Trade will grow.\"\nThe talks ended on Monday.";
        assert_eq!(run(t), [("Ana Vera".to_string(), "\"We".to_string()), ("Ana Vera".to_string(), "Trade".to_string())]);
    }

    #[test]
    fn a_state_postposed_to_the_speakers_name_stands_between_name_and_verb() {
        let t = "President Ana Vera of Peru said trade would grow.\nForeign Minister Tomas Soto of the Republic of Chile stressed that ports matter.";
        assert_eq!(run(t), [("Ana Vera".to_string(), "President".to_string()), ("Tomas Soto".to_string(), "Foreign".to_string())]);
    }

    #[test]
    fn a_phrase_of_occasion_after_the_opening_subject_holds_no_speaker() {
        let t = "Peruvian President Ana Vera met Chilean President Tomas Soto on Monday.\nVera during Tuesday's talks with Soto expressed hope for new ports.\nSoto on arrival in Lima called on both sides to trade more.";
        assert_eq!(run(t), [("Ana Vera".to_string(), "Vera".to_string()), ("Tomas Soto".to_string(), "Soto".to_string())]);
        // A readout's stated feeling is the subject's statement.
        let t = "Peruvian President Ana Vera met Chilean President Tomas Soto on Monday.\nPresident Vera was pleased to hear that trade grew.";
        assert_eq!(run(t), [("Ana Vera".to_string(), "President".to_string())]);
    }

    #[test]
    fn a_phrase_of_occasion_set_off_by_commas_holds_no_speaker() {
        let t = "Turkish President Tomas Soto, during a telephonic conversation with Prime Minister Ana Vera on Saturday, assured Peru of steadfast support.";
        assert_eq!(run(t), [("Tomas Soto".to_string(), "Turkish".to_string())]);
    }

    #[test]
    fn the_infinitive_after_using_an_occasion_and_lent_support_are_statements() {
        let t = "Peruvian President Ana Vera met Chilean President Tomas Soto on Monday.\nSoto also used the occasion to thank Vera for her support.\nVera also lent her support for the summit.\nSoto took part in the forum.";
        assert_eq!(run(t), [("Tomas Soto".to_string(), "Soto".to_string()), ("Ana Vera".to_string(), "Vera".to_string())]);
    }

    #[test]
    fn readout_verbs_make_their_subject_the_speaker() {
        let t = "Foreign Minister Ana Vera of Peru met Foreign Minister Tomas Soto of Chile.\nMinister Vera referred to the early resumption of talks.\nIn response, Minister Soto sought support for the plan.";
        assert_eq!(run(t), [("Ana Vera".to_string(), "Minister".to_string()), ("Tomas Soto".to_string(), "In".to_string())]);
    }

    #[test]
    fn the_first_person_after_reported_speech_is_the_speakers_own_words() {
        let t = "Minister Ana Vera said the question reflected public concern. I have noted that Minister Tomas Soto said there was no change in the \"one-China\" policy. What I want to stress is that the policy matters.\nWe urge all parties to respect the agreement.";
        let who: Vec<String> = run(t).into_iter().map(|(w, _)| w).collect();
        assert_eq!(who, ["Ana Vera", "Ana Vera", "Ana Vera", "Ana Vera"]);
    }

    #[test]
    fn a_section_heading_asking_what_was_said_introduces_no_block() {
        let t = "Peruvian Minister Ana Vera and Chilean Minister Tomas Soto emphasized the importance of ties.\nWhat they said:\nTrade: Vera said tariffs must fall. Soto said the deal was a first step.";
        let who: Vec<String> = run(t).into_iter().map(|(w, _)| w).collect();
        assert_eq!(who, ["PE+CL", "Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn pronoun_after_two_speakers_is_the_last_one() {
        let got = run("Peruvian President Ana Vera said trade grew. Chilean Foreign Minister Tomas Soto said ties were good. He added that talks continue.");
        assert_eq!(got[2], ("Tomas Soto".into(), "He".into()));
    }

    #[test]
    fn inverted_and_description_speakers() {
        let got = run("Peruvian President Ana Vera met Chilean Foreign Minister Tomas Soto.\nPeace matters, said the Peruvian president. It helps everyone.\nFriendship grows, Soto noted.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peace".into()), ("Ana Vera".into(), "It".into()), ("Tomas Soto".into(), "Friendship".into())]);
    }

    #[test]
    fn quote_spanning_sentences_takes_the_closing_attribution() {
        let got = run("Chilean Foreign Minister Tomas Soto arrived on Monday.\n“We are partners. We will stay close,” Soto said.");
        assert_eq!(got, vec![("Tomas Soto".into(), "“We".into()), ("Tomas Soto".into(), "We".into())]);
    }

    #[test]
    fn a_quotation_running_over_unmarked_paragraphs_is_its_closers() {
        let got = run("Chilean Foreign Minister Tomas Soto called Peruvian Foreign Minister Ana Vera.\n\"Today I spoke with my counterpart Ana Vera.\nI thanked Peru for its support and briefed Minister Vera on the talks.\nWe will meet soon,\" said Minister Soto.\nThe talks ended.");
        let who: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(who, ["Tomas Soto", "Tomas Soto", "Tomas Soto"], "{got:?}");
        // A mark never closed is stray: the paragraphs after it are read on their own.
        let got = run("Chilean Foreign Minister Tomas Soto called Peruvian Foreign Minister Ana Vera.\n\"Today I spoke with my counterpart.\nVera said Peru was ready.\nThe talks ended.");
        assert_eq!(got.last().map(|(w, _)| w.as_str()), Some("Ana Vera"), "{got:?}");
    }

    #[test]
    fn quote_spanning_paragraphs_takes_the_closing_attribution() {
        let got = run("Chilean Foreign Minister Tomas Soto arrived on Monday.\n“We are partners. We trust each other.\n“We will stay close,” Soto said.\nThe talks ended.");
        assert_eq!(got, vec![
            ("Tomas Soto".into(), "“We".into()),
            ("Tomas Soto".into(), "We".into()),
            ("Tomas Soto".into(), "“We".into()),
        ]);
    }

    #[test]
    fn another_officials_doings_told_by_the_journalist_end_the_speakers_voice() {
        let text = "US President Ana Vera reaffirmed the US commitment to Ruritania's security as she welcomed Ruritanian President Tomas Soto.\nSoto’s visit to Washington comes after the US and Ruritania held joint drills.\nVera’s plan for the US is ambitious, she added.";
        let got = run(text);
        assert_eq!(got, vec![("Ana Vera".into(), "US".into()), ("Ana Vera".into(), "Vera’s".into())]);
    }

    #[test]
    fn a_statement_from_an_institution_speaks_for_its_state() {
        let got = run("Senegalese President Tomas Soto met Ugandan President Ana Vera at State House.\n“They reaffirmed the strong ties,” a statement from State House said.\n“Trade matters,” a statement from the Kremlin said.\n“Ties are good,” a statement from the Peruvian Foreign Ministry said.");
        assert_eq!(got, vec![("UG".into(), "“They".into()), ("RU".into(), "“Trade".into()), ("PE".into(), "“Ties".into())]);
    }

    #[test]
    fn a_quotation_left_open_is_the_words_of_whoever_closes_it() {
        // The partner named inside the quotation, with a verb of telling, is not its speaker.
        let text = "Chilean Foreign Minister Ana Vera met her Peruvian counterpart Tomas Soto on Friday.\n\"Minister Soto just returned from Lima and informed me in detail. We discussed steps,\" said Vera.";
        assert_eq!(run(text), vec![("Ana Vera".into(), "\"Minister".into()), ("Ana Vera".into(), "We".into())]);
        // With no attribution closing it, a quotation set out after "X said:" stays X's.
        let text = "Chilean Foreign Minister Ana Vera met Peruvian Foreign Minister Tomas Soto on Friday. Vera said:\n\"The first thing is trade.\n\nThere is also the border.\"";
        assert_eq!(run(text), vec![("Ana Vera".into(), "\"The".into()), ("Ana Vera".into(), "There".into())]);
    }

    #[test]
    fn the_other_spelling_of_a_merged_name_still_names_the_person() {
        let text = "Cuban Foreign Minister Bruno Rodriguez Parrilla met Peruvian Foreign Minister Ana Vera on Friday.\nForeign Minister Bruno Rodrigues Parrilla said ties were strong.\nRodrigues added that trade would grow.";
        assert_eq!(run(text), vec![("Bruno Rodriguez Parrilla".into(), "Foreign".into()), ("Bruno Rodriguez Parrilla".into(), "Rodrigues".into())]);
    }

    #[test]
    fn a_document_issued_by_an_institution_speaks_for_its_state() {
        let text = "Peruvian President Ana Vera met Chilean President Tomas Soto on Monday.\nA press statement issued by the Ministry of Foreign Affairs of Chile said ties were strong.\nA press release by the Kremlin on Monday also said: “Trade matters.”";
        assert_eq!(run(text), vec![("CL".into(), "A".into()), ("RU".into(), "A".into())]);
    }

    #[test]
    fn a_foreign_ministry_named_without_its_state_is_the_first_foreign_ministers() {
        // Home-press copy: no dateline, no known publisher, the ministry by its initials.
        let text = "Foreign Affairs Secretary Ana Vera of Peru talked by phone with Chilean Foreign Minister Tomas Soto on Wednesday.\n\"Secretary Vera emphasized the importance of dialogue,” DFA said.";
        assert_eq!(run(text), vec![("PE".into(), "\"Secretary".into())]);
    }

    #[test]
    fn a_relative_clause_with_its_own_verb_leaves_the_subject_the_speaker() {
        let text = "Foreign Minister Ana Vera of Peru on Thursday held a phone call with her Chilean counterpart, Tomas Soto.\n\nVera, who took office on Monday, suggested the two countries build a more solid relationship.";
        assert_eq!(run(text), vec![("Ana Vera".into(), "Vera,".into())]);
    }

    #[test]
    fn first_person_sentences_closed_by_an_unquoted_attribution_are_the_speakers() {
        let text = "President Ana Vera of Peru met Foreign Minister Tomas Soto of Chile in Lima.\n\nWe're seriously preparing for this visit. Our relations are exemplary. The visit is to give an impetus to our partnership, said the President.";
        assert_eq!(run(text), vec![("Ana Vera".into(), "We're".into()), ("Ana Vera".into(), "Our".into()), ("Ana Vera".into(), "The".into())]);
        // A narration sentence between breaks the run.
        let text = "President Ana Vera of Peru met Foreign Minister Tomas Soto of Chile in Lima.\n\nWe're seriously preparing for this visit. The talks lasted an hour. The visit is to give an impetus to our partnership, said the President.";
        assert_eq!(run(text), vec![("Ana Vera".into(), "The".into())]);
    }

    #[test]
    fn the_sides_touching_upon_something_speak_together() {
        let text = "Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto on Monday.\nThe sides touched upon the possibilities of deepening cooperation in the energy sphere.";
        assert_eq!(run(text), vec![("PE+CL".into(), "The".into())]);
    }

    #[test]
    fn a_seat_of_government_and_its_document_speak_for_the_state() {
        // Latin American copy names a ministry by its building, and its statement "reads".
        let text = "Ruritanian Foreign Minister Tomas Soto met Chilean Foreign Minister Ana Vera on Friday.\nA Palacio San Martín statement reads that the ministers met.\nBoth foreign ministers also agreed on boosting trade, “favoring joint development,” the document also mentioned.\nMalacañang said the talks went well.";
        let got = run(text);
        assert_eq!(got, vec![("AR".into(), "A".into()), ("AR".into(), "Both".into()), ("PH".into(), "Malacañang".into())]);
        // A state named before "reads" is a place, not the document.
        assert!(run("Ruritanian Foreign Minister Tomas Soto met Ana Vera in Tashkent, Uzbekistan, reads a press release.").iter().all(|(who, _)| who != "UZ"));
        // Kenyan copy closes the presidency's words with its press unit.
        let got = run("President Tomas Soto met President Ana Vera of Chile.\n\"The leaders agreed to expand trade,\" the PSCU announced.");
        assert_eq!(got, vec![("KE".into(), "\"The".into())]);
        // Gulf and wire copy close a quoted release with what it "read".
        let got = run("President Tomas Soto received a phone call from President Ana Vera of Chile.\n\"During the call, they reviewed relations,\" read a statement published by the Peruvian foreign ministry.");
        assert_eq!(got, vec![("PE".into(), "\"During".into())]);
    }

    #[test]
    fn a_guest_welcomed_is_no_statement_but_a_decision_welcomed_is() {
        assert!(run("Peruvian Foreign Minister Ana Vera had welcomed her Irani counterpart to the ministry.").is_empty());
        assert_eq!(run("Peruvian Foreign Minister Ana Vera welcomed the decision.").len(), 1);
        for s in ["was welcomed on Monday at the airport by", "was warmly welcomed by"] {
            assert!(run(&format!("Peruvian Foreign Minister Ana Vera {s} Chilean President Tomas Soto.")).is_empty(), "{s}");
        }
        // South Asian English's "Irani" is Iran's adjective.
        let t = "Irani Foreign Minister Tomas Soto said ties were good.";
        let (_, reg, _) = walked(t);
        assert_eq!(reg.offs[0].country.map(|c| c.to_string()).as_deref(), Some("IR"));
    }

    #[test]
    fn an_admission_is_said_and_a_text_posted_is_no_ones_words() {
        assert_eq!(run("Peruvian Foreign Minister Ana Vera admitted that the difference with Chile is very big.").len(), 1);
        let got = run("Peruvian Foreign Minister Ana Vera met Chilean President Tomas Soto. A photo of Vera was posted on the ministry's site.");
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(run("Peruvian Foreign Minister Ana Vera posted that the talks went well.").len(), 1, "posted in the active is written");
    }

    #[test]
    fn a_meeting_termed_fruitful_and_a_quotation_continued_are_said() {
        let got = run("Peruvian Foreign Minister Ana Vera termed her meeting with Chilean Foreign Minister Tomas Soto “fruitful”.\nShe continued, “We took stock of progress.”\nTrade continued to grow.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into()), ("Ana Vera".into(), "She".into())]);
    }

    #[test]
    fn a_quotation_closed_by_went_on_or_continued_is_said() {
        let opening = "Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto.\n";
        let got = run(&format!("{opening}\"Trade must grow,\" she went on, referring to tariffs.\nThe talks went on for hours."));
        assert_eq!(got, vec![("Ana Vera".into(), "\"Trade".into())]);
        let got = run(&format!("{opening}\"Trade must grow,\" Vera continued."));
        assert_eq!(got, vec![("Ana Vera".into(), "\"Trade".into())]);
    }

    #[test]
    fn a_paragraph_opened_by_a_pair_of_states_is_background() {
        let said = "Peruvian Foreign Minister Ana Vera said her meeting with Chilean Foreign Minister Tomas Soto was fruitful.";
        assert_eq!(run(&format!("{said}\nPeru and Chile share a longstanding partnership.")), vec![("Ana Vera".into(), "Peruvian".into())]);
        let got = run(&format!("{said}\nPeru will expand trade with its neighbours."));
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into()), ("Ana Vera".into(), "Peru".into())], "the speaker's state alone goes on");
    }

    #[test]
    fn a_reminder_and_a_twitted_line_are_said() {
        assert_eq!(run("Peruvian Foreign Minister Ana Vera met Tomas Soto.\nVera also reminded that trade had doubled.").len(), 1);
        assert_eq!(run("Peruvian Prime Minister Ana Vera twitted that she was glad to meet Tomas Soto.").len(), 1);
    }

    #[test]
    fn unknown_speaker_does_not_continue_the_last_one() {
        let got = run("Chilean Foreign Minister Tomas Soto said ties were good. “This is a turning point,” said John Smith, a professor in Lima. The visit ends today.");
        assert_eq!(got, vec![("Tomas Soto".into(), "Chilean".into())]);
    }

    #[test]
    fn a_counterpart_takes_the_subjects_office() {
        let text = "“Ties are strong,” the Peruvian Foreign Minister told his Chilean counterpart on Monday.\nPeruvian Foreign Minister Ana Vera spoke to Tomas Soto of Chile.";
        let mut sents = Vec::new();
        for (pi, line) in text.split('\n').enumerate() {
            let off = text.lines().take(pi).map(|l| l.len() + 1).sum::<usize>();
            for (s, e) in crate::extract::sentences::split(text, off, off + line.len()) {
                let mut toks = Vec::new();
                tokenize(text, s, e, &mut toks);
                sents.push(Sent { s, e, para: pi, toks, tpc: Default::default() });
            }
        }
        let mut reg = crate::extract::officials::discover(text, &sents);
        reg.finalize(text, &sents, &crate::extract::officials::country_counts(text, &sents), &|_| None);
        walk(text, &sents, &mut reg);
        let soto = reg.offs.iter().find(|o| o.name == "Tomas Soto").unwrap();
        assert_eq!(soto.titles.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), vec!["Foreign Minister"]);
    }

    #[test]
    fn a_south_asian_foreign_secretarys_counterpart_is_a_foreign_secretary() {
        let t = "Indian Foreign Secretary Ana Vera wrapped up talks with his Pakistani counterpart Tomas Soto in Islamabad.";
        let (_, reg, _) = walked(t);
        assert_eq!(reg.offs[1].titles.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["Foreign Secretary"]);
        let t = "British Foreign Secretary Ana Vera met her Pakistani counterpart Tomas Soto in Islamabad.";
        let (_, reg, _) = walked(t);
        assert_eq!(reg.offs[1].titles.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["Foreign Minister"], "the UK's is its minister");
    }

    #[test]
    fn a_counterpart_joined_by_and_his_is_of_whoever_serves_another_state() {
        let titles = |text: &str, who: &str| {
            let (_, reg, _) = walked(text);
            reg.offs.iter().find(|o| o.name == who).unwrap().titles.iter().map(|t| t.0.clone()).collect::<Vec<_>>()
        };
        // Vera serves Peru as the counterpart does: Soto is the partner's (Rojas's) counterpart.
        let text = "Peruvian Foreign Minister Ana Vera met Chilean President Eva Rojas.\nVera said the visit built on talks between Rojas and her Peruvian counterpart, Tomas Soto.";
        assert_eq!(titles(text, "Tomas Soto"), ["President"]);
        // The counterpart of another state than the subject's is the subject's.
        let text = "Peruvian Foreign Minister Ana Vera held meetings with Chilean President Eva Rojas and her Chilean counterpart, Tomas Soto.";
        assert_eq!(titles(text, "Tomas Soto"), ["Foreign Minister"]);
    }

    #[test]
    fn state_and_joint_speakers() {
        let got = run("Peruvian President Ana Vera met Chilean Foreign Minister Tomas Soto.\nThe two sides agreed to expand trade.\nChile reiterates its support for the plan.");
        assert_eq!(got[0].0, "PE+CL");
        assert_eq!(got[1], ("CL".into(), "Chile".into()));
    }

    #[test]
    fn two_officials_each_with_an_apposition_are_a_joint_subject() {
        let got = run("Dr. Ana Vera, Foreign Minister of Peru, and H.E. Tomas Soto, Foreign Minister of Chile, have expressed satisfaction with their ties.");
        assert_eq!(got, vec![("PE+CL".to_string(), "Dr.".to_string())]);
        // One official with an apposition says; the other is no subject.
        let got = run("Ana Vera, Foreign Minister of Peru, said trade with Chile grew.");
        assert_eq!(got[0].0, "Ana Vera");
    }

    #[test]
    fn they_opening_a_sentence_are_the_two_parties_last_named() {
        let got = run("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto.\nThey called for closer trade.");
        assert_eq!(got.last().map(|g| g.0.as_str()), Some("PE+CL"), "{got:?}");
    }

    #[test]
    fn seat_of_government_as_speaker() {
        let got = run("Peru will host the talks next month, the Kremlin said.");
        assert_eq!(got, vec![("RU".into(), "Peru".into())]);
    }

    #[test]
    fn a_ministry_with_its_initials_speaks_and_it_speaks_again() {
        let text = "Peruvian Foreign Minister Ana Vera and Chilean Foreign Minister Tomas Soto reaffirmed their ties, the Peruvian Ministry of Foreign Affairs (MRE) said.\n\"They agreed on the need for a stand against terrorism,\" it added.";
        let got = run(text);
        assert_eq!(got, vec![("PE".into(), "Peruvian".into()), ("PE".into(), "\"They".into())]);
        // "it" with no institution before it is nobody.
        assert!(run("\"Trade is growing,\" it added.").is_empty());
    }

    #[test]
    fn the_two_sides_need_stays_reported_speech() {
        let got = run("Chilean Foreign Minister Tomas Soto said ties were good. “Both sides need to make choices.” The leaders discussed trade.");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "Tomas Soto");
    }

    #[test]
    fn inverted_speaker_after_an_honorific() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\n\"Madam president, we value these ties,\" said Mr. Soto, as the two sat down.");
        assert_eq!(got, vec![("Tomas Soto".into(), "\"Madam".into())]);
    }

    #[test]
    fn progressive_reporting_verb() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\nSoto was seeking assurances that the port would stay open.");
        assert_eq!(got, vec![("Tomas Soto".into(), "Soto".into())]);
    }

    #[test]
    fn a_quotation_reopened_across_paragraphs_keeps_its_speaker() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\nLater, the Chilean presidency said: \"The president cited the port deal.\n\"They discussed the importance of open trade.\"\nThey discussed fishing too.");
        // The last "They" opens narration again: the two parties' joint sentence.
        assert_eq!(got, vec![("CL".into(), "Later,".into()), ("CL".into(), "\"They".into()), ("PE+CL".into(), "They".into())]);
    }

    #[test]
    fn calling_an_encounter_productive_is_a_statement() {
        let got = run("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto.\nVera called her meeting with Soto productive and friendly.");
        assert_eq!(got.last(), Some(&("Ana Vera".into(), "Vera".into())), "{got:?}");
        // A call placed to an office holder says nothing.
        let got = run("Peruvian Foreign Minister Ana Vera called the President of friendly Chile on Monday.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_pronoun_later_in_a_sentence_with_a_named_subject_is_that_subject() {
        let got = run("\"Ports matter,\" Foreign Minister Tomas Soto said.\nLast week, Defence Minister Ana Vera met her counterpart Eva Rojas in Lima, during which she appreciated the support for the navy.");
        assert_eq!(got.last(), Some(&("Ana Vera".into(), "Last".into())), "{got:?}");
        // Opening its sentence, the pronoun still goes back to the last speaker.
        let got = run("\"Ports matter,\" Foreign Minister Tomas Soto said.\nHe told Defence Minister Ana Vera that she had his support.");
        assert_eq!(got.last(), Some(&("Tomas Soto".into(), "He".into())), "{got:?}");
    }

    #[test]
    fn a_pronoun_after_a_fronted_clause_is_that_clauses_subject() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\n\"Ports matter,\" Soto said.\nWhile Vera smiled as Soto spoke, she also referred to the border as a bridge.");
        assert_eq!(got.last(), Some(&("Ana Vera".into(), "While".into())), "{got:?}");
    }

    #[test]
    fn a_bare_attribution_after_a_closed_quote_gives_it_its_speaker() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\n\"We face new challenges.\" Soto told Vera at the start of the meeting. \"Chile stands with Peru.\"");
        assert_eq!(got, vec![("Tomas Soto".into(), "\"We".into()), ("Tomas Soto".into(), "\"Chile".into())]);
        // An attribution with a clause of its own is a statement itself.
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\n\"We face new challenges.\" Soto told Vera the port would open.");
        assert_eq!(got, vec![("Tomas Soto".into(), "Soto".into())]);
    }

    #[test]
    fn a_participle_with_its_that_clause_needs_no_comma() {
        let got = run("Peruvian President Ana Vera closed the talks in Lima saying that trade had doubled.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into())]);
    }

    #[test]
    fn a_clip_label_is_not_a_statement() {
        let got = run("Watch: Peruvian President Ana Vera says ties are fine.\nPeruvian President Ana Vera said trade grew.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into())]);
    }

    #[test]
    fn a_pronoun_after_narration_opened_by_another_official_is_that_official() {
        let got = run("Chilean President Tomas Soto met Peruvian President Ana Vera.\n\"Ports matter,\" Soto said.\nVera's visit is her first since 2019. She has said she wants a deal.");
        assert_eq!(got.last(), Some(&("Ana Vera".into(), "She".into())), "{got:?}");
    }

    #[test]
    fn the_parties_agreeing_in_the_past_are_narration_after_a_fronted_clause_too() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nVera expressed support for Chile. Both presidents agreed that tariffs were obstacles. As Peru prepares to host the summit, the two leaders also discussed trade.");
        // (a state in the fronted clause is not its subject)
        assert_eq!(got, vec![("Ana Vera".into(), "Vera".into()), ("CL+PE".into(), "Both".into()), ("CL+PE".into(), "As".into())]);
    }

    #[test]
    fn an_official_and_his_counterpart_are_a_joint_subject() {
        let got = run("Peruvian President Ana Vera met with Chinese Premier Li Wen.\nThe President and his Chinese counterpart agreed to increase trade.");
        assert_eq!(got, vec![("PE+CN".into(), "The".into())]);
        // Unless the sentence closes on one party's attribution.
        let got = run("Peruvian President Ana Vera met with Chinese Premier Li Wen.\nDuring the talks, Vera and her Chinese counterpart Li agreed that trade matters, the Peruvian foreign ministry said.");
        assert_eq!(got, vec![("PE".into(), "During".into())]);
    }

    #[test]
    fn calling_something_a_quoted_name_reports() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nVera called him \"a tireless friend of Peru.\"\nThe Chilean foreign ministry called Vera's remarks \"absurd.\"\nSoto called Vera on Monday.");
        assert_eq!(got, vec![("Ana Vera".into(), "Vera".into()), ("CL".into(), "The".into())]);
    }

    #[test]
    fn a_pronoun_in_the_first_sentence_is_its_subject() {
        let got = run("Peruvian Foreign Minister Ana Vera phoned Chilean Foreign Minister Tomas Soto wherein she reiterated Peru's support.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into())]);
    }

    #[test]
    fn a_participle_telling_reports() {
        let got = run("Peruvian President Ana Vera fronted a press conference with Chilean President Tomas Soto, telling media it was natural to differ.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into())]);
    }

    #[test]
    fn background_in_the_passive_perfect_or_a_forecast_ends_reported_speech() {
        let got = run("Peruvian President Ana Vera said the vote would take place soon. The elections, planned for May, have been postponed. Other leaders are also expected to attend.\nVera said ties were strong. Chile had been accused of stalling.");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into()), ("Ana Vera".into(), "Vera".into())]);
    }

    #[test]
    fn a_participle_of_a_sentence_with_no_official_subject_is_narration() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nIt is Vera's first visit abroad since becoming president, underscoring Chile's importance.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_quotation_opening_on_the_verb_keeps_the_subject() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nThe talks were held in Lima, in which Vera \"thanked Chile for its support,\" according to a statement.\n\"I met Soto,\" said the Peruvian president.");
        assert_eq!(got, vec![("Ana Vera".into(), "The".into()), ("Ana Vera".into(), "\"I".into())]);
    }

    #[test]
    fn a_quotation_opened_by_an_attributed_sentence_runs_on_as_one_statement() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nVera said the visit \"shows our ties. And I look forward to our talks.\"\nVera said ties grew.\n\"Ports matter. Trade matters too.\"");
        assert_eq!(got, vec![("Ana Vera".into(), "Vera".into()), ("Ana Vera".into(), "Vera".into()), ("Ana Vera".into(), "\"Ports".into()), ("Ana Vera".into(), "Trade".into())]);
    }

    #[test]
    fn a_fronted_having_clause_reports_for_the_main_subject() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nHaving indicated he would be open to talks, Soto has now secured credit from Vera.");
        assert_eq!(got, vec![("Tomas Soto".into(), "Having".into())]);
    }

    #[test]
    fn a_bracketed_credit_is_not_reported_speech() {
        let got = run("Peruvian President Ana Vera said ties were strong. (Tomas Soto)");
        assert_eq!(got, vec![("Ana Vera".into(), "Peruvian".into())]);
    }

    #[test]
    fn narration_is_not_attributed() {
        let got = run("Peruvian President Ana Vera met Chilean Foreign Minister Tomas Soto in Lima on Monday.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_head_of_state_or_government_is_that_office_holder() {
        let got = run("Peruvian President Ana Vera met Chilean Foreign Minister Tomas Soto and Bolivian Prime Minister Eva Rojas.\n\"Welcome to Lima,\" the head of state said.\nThe Head of Government praised the ties.\nThe results, according to the Head of State, matter.");
        let who: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(who, ["Ana Vera", "Eva Rojas", "Ana Vera"]);
        // Heads of state in an event's name describe no one.
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nOn the sidelines of the Assembly of Heads of State, Vera praised the ties.");
        assert_eq!(got, vec![("Ana Vera".into(), "On".into())]);
    }

    #[test]
    fn restating_updating_and_stated_beliefs_are_reported_speech() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto.\nSoto restated the need for peace.\nVera updated Soto on the economy.\nSoto is optimistic that trade will grow.\nThe talks were held in Lima.\nThe report was certain to please.");
        let who: Vec<&str> = got.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(who, ["Soto", "Vera", "Soto"]);
    }

    #[test]
    fn they_after_an_encounter_of_two_named_parties_is_those_parties() {
        let got = run("Peruvian President Ana Vera met Chilean President Tomas Soto, and together they highlighted their commitment to trade.");
        assert_eq!(got, vec![("PE+CL".into(), "Peruvian".into())]);
        // A lone "they" after one official is not a joint subject.
        let got = run("Peruvian President Ana Vera met reporters, and they asked about trade.");
        assert!(got.iter().all(|(w, _)| !w.contains('+')), "{got:?}");
    }

    #[test]
    fn the_states_diplomat_or_representative_is_its_one_envoy() {
        let got = run("Salvadoran Vice President Ana Vera received Cuban Ambassador Tomas Soto.\nThe Cuban diplomat expressed interest in trade.\nThe Cuban representative also thanked Vera.");
        let who: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(who, ["Tomas Soto", "Tomas Soto"]);
    }
}
