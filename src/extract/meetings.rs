//! Meetings: encounters the article reports (met / received / held talks /
//! phone call / video call / messages / attended a conference), with their
//! participants, date, location and host.

use crate::domain::{CountryCode, DateRule, MeetingKind, ResolvedDate};

use super::gazetteer::{PlaceKind, Target};
use super::mentions::{Hit, Who};
use super::sentences::Sent;
use super::text::Tok;
use super::lexicon::{F_HEAD, F_HONORIFIC, F_MEET, F_MOD, F_PLURAL_HEAD};
use super::titles::gaz_at;

#[derive(Debug, Clone)]
pub struct Meet {
    pub kind: MeetingKind,
    pub sent: usize,
    pub participants: Vec<usize>,
    pub host: Option<usize>,
    pub date: Option<ResolvedDate>,
    pub location: Option<(String, Option<CountryCode>)>,
    /// The state visited when no city is named ("visited Kenya").
    pub country: Option<CountryCode>,
}

/// What the article offers beyond the sentence: dateline place and date.
pub struct Context<'a> {
    pub dateline_place: Option<(&'a str, Option<CountryCode>)>,
    pub dateline_date: Option<ResolvedDate>,
    /// Per sentence: its date expressions, resolved, with their byte offsets.
    pub sent_dates: &'a [Vec<(usize, ResolvedDate)>],
    /// Officials of the last joint subject before each sentence ("they").
    pub joints: &'a [Option<Vec<usize>>],
    /// The official each sentence is the statement of, if any: who "I" is in it.
    pub speakers: &'a [Option<usize>],
}

fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
}

const CONFERENCE_NOUNS: &[&str] = &["summit", "forum", "conference", "dialogue", "ceremony", "meeting", "session", "inauguration", "meetings", "celebration", "parade", "gathering"];

/// The kind of encounter a sentence reports and the token where it is named.
fn trigger(toks: &[Tok]) -> Option<(MeetingKind, usize)> {
    if !toks.iter().any(|t| t.has(F_MEET)) {
        return None;
    }
    // Every word the rules below look for is a `MEETING_WORDS` word, so a token
    // without F_MEET is passed over without comparing its text.
    let has = |w: &[&str]| toks.iter().position(|t| t.has(F_MEET) && w.contains(&t.low.as_str()));
    // "While meeting with B, ...": a fronted participle names the encounter the
    // sentence is about, whatever else (a video message) its main clause mentions.
    if matches!(low(toks, 0), "while" | "when") && low(toks, 1) == "meeting" && low(toks, 2) == "with" {
        return Some((MeetingKind::Meeting, 1));
    }
    // "a telephonic conversation": South Asian English for a phone call.
    if let Some(k) = has(&["phone", "telephone", "phoned", "telephoned", "phone-call", "telephonic"]) {
        return Some((MeetingKind::PhoneCall, k));
    }
    // "A and B exchanged views ... during the 15-minute call": the call the parties spoke in.
    if let Some(k) = has(&["call"]).filter(|&k| (k.saturating_sub(4)..k).any(|d| low(toks, d) == "during")) {
        return Some((MeetingKind::PhoneCall, k));
    }
    // Not "a virtual press conference" nor "a video message": a medium of one party's words.
    let one_sided = |k: usize| matches!(low(toks, k + 1), "press" | "message" | "address" | "speech" | "statement" | "briefing");
    if let Some(k) = has(&["video", "videoconference", "virtual", "video-link", "videolink"]).filter(|&k| !one_sided(k)) {
        return Some((MeetingKind::VideoCall, k));
    }
    if let Some(k) = has(&["message", "messages", "letter", "letters"]) {
        // "sent/exchanged messages", or "In his message to X" (the message itself is the encounter).
        let sent_or_exchanged = toks.iter().any(|t| matches!(t.low.as_str(), "sent" | "sends" | "exchanged" | "exchange" | "exchanges" | "send" | "received" | "receives"))
            || toks[k.saturating_sub(4)..k].iter().any(|t| t.low == "in");
        if sent_or_exchanged {
            return Some((MeetingKind::Message, k));
        }
    }
    // Attendance told by a finite verb: "attended", "took part in", "participated in" an
    // event; not "sending an envoy to attend" (the base form is no trigger).
    if let Some(k) = attendance(toks, false) {
        return Some((MeetingKind::Conference, k));
    }
    // "paid a courtesy call on/to X", "a courtesy visit"; not in a clause after "held talks
    // with B, who paid him a courtesy call", where the talks are the main verb's.
    let courtesy = toks.iter().position(|t| t.low == "courtesy").filter(|&k| matches!(low(toks, k + 1), "call" | "calls" | "visit"));
    for (k, t) in toks.iter().enumerate() {
        if !t.has(F_MEET) || courtesy.is_some_and(|c| c < k) {
            continue;
        }
        if t.low == "talks" && (toks[k.saturating_sub(3)..k].iter().any(|p| matches!(p.low.as_str(), "held" | "hold" | "holds" | "holding" | "conducted")) || matches!(low(toks, k + 1), "with" | "between")) {
            return Some((MeetingKind::Talks, k));
        }
    }
    if let Some(k) = courtesy {
        return Some((MeetingKind::Meeting, k));
    }
    // "held a bilateral discussion / a conversation with": talks under another noun; "A and
    // B conducted frank discussions on ...": the parties are the subject.
    if let Some(k) = (0..toks.len()).find(|&k| toks[k].has(F_MEET) && (toks[k].low.starts_with("discussion") || toks[k].low == "conversation") && (low(toks, k + 1) == "with" || (toks[k].low == "discussions" && toks[k.saturating_sub(3)..k].iter().any(|p| p.low == "conducted")))) {
        if toks[k.saturating_sub(3)..k].iter().any(|p| matches!(p.low.as_str(), "held" | "had" | "hold" | "holds" | "conducted")) {
            return Some((MeetingKind::Talks, k));
        }
    }
    // "held a call with B", "a call between A and B", "received a call from B": a call
    // told without its medium.
    if let Some(k) = has(&["call"]) {
        if matches!(low(toks, k + 1), "with" | "between" | "from") {
            return Some((MeetingKind::PhoneCall, k));
        }
    }
    // "presented his letter of credence / credentials to B": an envoy's audience.
    if let Some(k) = has(&["credentials", "credence"]) {
        if toks[k.saturating_sub(5)..k].iter().any(|p| matches!(p.low.as_str(), "presented" | "presents" | "presenting" | "handed" | "hands" | "submitted")) {
            return Some((MeetingKind::Meeting, k));
        }
    }
    if let Some(k) = has(&["met", "meets", "received", "receives", "hosted", "hosts", "conferred", "confers"]) {
        return Some((MeetingKind::Meeting, k));
    }
    // "X was given a warm welcome / was accorded a ceremonial reception (by Y)": a visitor
    // welcomed in person; the passive keeps out "gave a warm welcome to the decision".
    if let Some(k) = has(&["welcome", "reception"]) {
        let given = |j: usize| matches!(low(toks, j), "given" | "accorded") && passive_at(toks, j);
        if (k.saturating_sub(5)..k).any(given) {
            return Some((MeetingKind::Meeting, k));
        }
    }
    // "He was welcomed at the airport by X", "was greeted by X": the visitor welcomed in
    // person by a host ("by" names the host; "the plan was welcomed by X" has no visitor).
    if let Some(k) = has(&["welcomed", "greeted"]).filter(|&k| passive_at(toks, k) && visitor_subject(toks, k) && toks[k + 1..].iter().take(14).any(|t| t.low == "by")) {
        return Some((MeetingKind::Meeting, k));
    }
    // "..., while receiving B at the palace": the participle of a clause told with the main one.
    if let Some(k) = has(&["receiving", "hosting"]) {
        if k > 0 && matches!(low(toks, k - 1), "while" | "when" | "upon" | "after" | "before") {
            return Some((MeetingKind::Meeting, k));
        }
        // "Hosting his Tanzanian counterpart X at State House, the President said ...": a
        // participle opening the sentence, its subject after the comma.
        if k == 0 && toks.iter().any(|t| t.low == ",") {
            return Some((MeetingKind::Meeting, k));
        }
    }
    // "A (has) discussed with B (on ...)", "discussed bilateral issues with B": discussing
    // names the partner, not only a topic (a short object may come first).
    if let Some(k) = has(&["discussed"]) {
        let with = toks[k + 1..].iter().take(6).take_while(|t| t.is_word() && !t.has(super::lexicon::F_VERB | F_MEET)).position(|t| t.low == "with");
        if with.is_some() {
            return Some((MeetingKind::Meeting, k));
        }
    }
    // "exchanged views with B": said of a partner, not of a topic ("exchanged views on").
    if let Some(k) = has(&["views"]) {
        if k > 0 && low(toks, k - 1).starts_with("exchang") && low(toks, k + 1) == "with" {
            return Some((MeetingKind::Meeting, k));
        }
    }
    // The noun: "a meeting with", "their meeting", "held separate meetings" — not
    // "the fourth ministerial meeting of the Forum" (an event) nor "the privilege of meeting X".
    for (k, t) in toks.iter().enumerate() {
        if !t.has(F_MEET) {
            continue;
        }
        // "in a brief chat on the sidelines", "chatted with": wire copy's informal meeting.
        if t.low == "chatted" && low(toks, k + 1) == "with" {
            return Some((MeetingKind::Meeting, k));
        }
        // "held an audience with", "granted an audience to": a formal meeting with a sovereign
        // or head of state, or a minister's in Latin American releases.
        if t.low == "audience" && k > 1 && matches!(low(toks, k - 1), "an" | "private") && matches!(low(toks, k - 2), "held" | "had" | "granted" | "gave" | "in" | "an") && matches!(low(toks, k + 1), "with" | "to") {
            return Some((MeetingKind::Meeting, k));
        }
        if matches!(t.low.as_str(), "meeting" | "meetings" | "consultation" | "consultations" | "chat" | "chats") {
            let next = low(toks, k + 1);
            let prev = if k > 0 { low(toks, k - 1) } else { "" };
            let linked = matches!(next, "with" | "between") || with_after_clause(toks, k + 1);
            // "was meeting X": the progressive tells of the encounter itself.
            let owned = matches!(prev, "held" | "had" | "hold" | "holds" | "his" | "her" | "their" | "a" | "separate" | "bilateral" | "was" | "were" | "is" | "are") && next != "of";
            // Consultations are bilateral by nature ("the Foreign Ministry Consultation").
            let owned = owned || t.low.starts_with("consultation");
            // "in a brief chat": an adjective may stand between.
            let owned = owned || (t.low.starts_with("chat") && toks[k.saturating_sub(3)..k].iter().any(|p| matches!(p.low.as_str(), "a" | "their" | "had" | "held" | "his" | "her")));
            // "held a one-on-one meeting", "had a fruitful meeting": any words may qualify the
            // meeting held.
            let owned = owned || (next != "of" && toks[k.saturating_sub(4)..k].iter().any(|p| matches!(p.low.as_str(), "held" | "had" | "hold" | "holds" | "holding")));
            // "The bilateral meeting of foreign ministers of A and B, X and Y, has started": a
            // meeting of officeholders, not the meeting of a body.
            let of_officials = next == "of" && toks[k + 1..].iter().skip(1).take(3).any(|t| t.has(F_PLURAL_HEAD));
            let owned = owned || of_officials || of_named_officials(toks, k + 1);
            // "a series of meetings with": the quantity noun leaves the meetings encounters.
            let counted = prev == "of" && k > 1 && matches!(low(toks, k - 2), "series" | "tour" | "round" | "number" | "string" | "spate");
            if (linked || owned) && (prev != "of" || (counted && linked)) {
                return Some((MeetingKind::Meeting, k));
            }
        }
    }
    // A participle ("is attending", "ministers attending the forum") may describe the
    // object of an encounter told above, so it comes after them.
    if let Some(k) = attendance(toks, true) {
        return Some((MeetingKind::Conference, k));
    }
    // "called on Prime Minister X": a courtesy call in person.
    for (k, t) in toks.iter().enumerate() {
        if !t.has(F_MEET) {
            continue;
        }
        if matches!(t.low.as_str(), "called" | "calls") && low(toks, k + 1) == "on" && toks.get(k + 2).is_some_and(|n| n.s < n.e && n.low != "the" && n.low.chars().next().is_some_and(char::is_alphabetic) && n.low != "all") {
            let cap = toks.get(k + 2).is_some_and(|n| n.low != n.low.to_uppercase() || n.low.len() > 1);
            let titled = |i: usize| toks.get(i).is_some_and(|n| n.has(super::lexicon::F_HEAD | super::lexicon::F_MOD));
            // "called on Maldivian President X": a capitalised state adjective may come first.
            let adjective_first = toks.get(k + 2).is_some_and(|n| n.is_cap("") && !n.has(super::lexicon::F_STOP)) && titled(k + 3);
            if cap && (titled(k + 2) || adjective_first) {
                return Some((MeetingKind::Meeting, k));
            }
        }
    }
    // "President Obama called President Aquino", "called Dr. X to congratulate him":
    // readout language for a phone call, the verb alone with a titled person as its
    // object; not "called for", "was called", nor "called Russia's invasion a crime".
    if let Some(k) = called_a_person(toks) {
        return Some((MeetingKind::PhoneCall, k));
    }
    // "X spoke with Y" / "talked to Y" / "has spoken to Y" (wire copy's perfect): readout
    // language for a call, unless a place or the sidelines of an event shows they were together.
    for (k, t) in toks.iter().enumerate() {
        if !t.has(F_MEET) {
            continue;
        }
        if matches!(t.low.as_str(), "spoke" | "spoken" | "speaks" | "talked" | "talks" | "speak") {
            let near = toks[k + 1..].iter().take(3).any(|n| matches!(n.low.as_str(), "with" | "to"));
            if near || joint_subject_spoke(toks, k) {
                let together = toks.iter().any(|x| matches!(x.low.as_str(), "sidelines" | "sideline" | "here"));
                return Some((if together { MeetingKind::Meeting } else { MeetingKind::PhoneCall }, k));
            }
        }
    }
    visit_trigger(toks).map(|k| (MeetingKind::Visit, k))
}

/// "Thursday's meeting in London of foreign minister A and foreign secretary B": the
/// meeting's parties after "of" (past where it was held), each a title before a name; not
/// "the meeting of the Council of Ministers" (a body's sitting).
fn of_named_officials(toks: &[Tok], mut j: usize) -> bool {
    if matches!(low(toks, j), "in" | "at") && toks.get(j + 1).is_some_and(|t| t.is_cap("")) {
        j += 2;
        while toks.get(j).is_some_and(|t| t.is_cap("") && t.is_word()) {
            j += 1;
        }
    }
    if low(toks, j) != "of" {
        return false;
    }
    // One to three title words, then a capitalised word that is none: a name.
    let titled = toks[j + 1..].iter().take(3).take_while(|t| t.has(F_HEAD | F_MOD)).count();
    titled > 0 && toks.get(j + 1 + titled).is_some_and(|t| t.is_cap("") && t.is_word() && !t.has(F_HEAD | F_MOD)) && toks[j + 1..].iter().any(|t| t.low == "and")
}

/// Whether the subject of the passive participle at `k` may be a person: it ends in a
/// name or a personal pronoun, and no thing of theirs heads it ("Vera's plan was
/// welcomed", "the plan of President X was welcomed").
fn visitor_subject(toks: &[Tok], k: usize) -> bool {
    let be = (0..k).rev().find(|&j| matches!(low(toks, j), "was" | "were" | "is" | "are")).unwrap_or(0);
    let Some(last) = be.checked_sub(1).map(|j| &toks[j]) else { return false };
    let thing_of = toks[..be].windows(2).any(|w| w[1].low == "of" && !w[0].is_cap("") && w[0].is_word() && w[0].low != "the");
    (last.is_cap("") || matches!(last.low.as_str(), "he" | "she" | "they")) && !thing_of
}

/// Where "called" takes a titled person as its object: a title word or a courtesy style
/// ("called President X", "called Dr. X", "called his counterpart").
fn called_a_person(toks: &[Tok]) -> Option<usize> {
    use super::lexicon::{F_HEAD, F_HONORIFIC, F_MOD};
    let k = toks.iter().position(|t| t.low == "called")?;
    let passive = k > 0 && matches!(low(toks, k - 1), "was" | "were" | "is" | "are" | "be" | "been" | "being" | "so" | "so-");
    // "called up Prime Minister X", "also called up Modi" (South Asian wire copy): the
    // phrasal verb is a telephone call whoever its capitalised object is.
    let up = low(toks, k + 1) == "up";
    let object = if up { k + 2 } else { k + 1 };
    let next = toks.get(object)?;
    let title_at = |i: usize| toks.get(i).is_some_and(|t| t.is_cap("") && t.has(F_HEAD | F_MOD | F_HONORIFIC));
    // "called Chilean Prime Minister X": a state's adjective may open the title.
    let titled = title_at(object) || next.is_cap("") && next.has(super::lexicon::F_GAZ) && title_at(object + 1);
    let counterpart = matches!(next.low.as_str(), "his" | "her" | "their") && low(toks, object + 1) == "counterpart";
    let named_up = up && next.is_cap("") && !next.has(super::lexicon::F_STOP);
    (!passive && (titled || counterpart || named_up)).then_some(k)
}

/// "The President and Prime Minister X spoke today / by phone / on Ukraine": a readout's
/// two parties as one subject of "spoke", with no other encounter in the sentence to
/// talk within ("During the talks, A and B spoke about trade").
fn joint_subject_spoke(toks: &[Tok], k: usize) -> bool {
    const AFTER: &[&str] = &[
        "today", "yesterday", "tonight", "earlier", "by", "over", "on", "about", "this", "last", "again", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", ".",
    ];
    let within = toks.iter().any(|t| matches!(t.low.as_str(), "during" | "meeting" | "talks" | "visit" | "summit" | "conference" | "forum"));
    // "spoke for over 30 minutes on Tuesday", "spoke for an hour": a duration first.
    let lasted = low(toks, k + 1) == "for" && toks[k + 2..].iter().take(4).any(|t| matches!(t.low.as_str(), "minutes" | "minute" | "hour" | "hours"));
    toks[..k].iter().any(|t| t.low == "and") && (AFTER.contains(&low(toks, k + 1)) || lasted) && !within
}

/// ", which he described as fruitful, with B": a relative clause at `k` between the
/// noun and its partner.
fn with_after_clause(toks: &[Tok], k: usize) -> bool {
    if low(toks, k) != "," || !matches!(low(toks, k + 1), "which" | "that") {
        return false;
    }
    let close = toks[k + 1..].iter().take(12).position(|t| t.low == ",").map(|c| k + 1 + c);
    close.is_some_and(|c| low(toks, c + 1) == "with")
}

/// The token of an attendance verb followed by an event noun: finite "attended",
/// "participated in", "took part in", or with `participle` "attending", "participating in",
/// "taking part in".
fn attendance(toks: &[Tok], participle: bool) -> Option<usize> {
    let k = toks.iter().enumerate().position(|(k, t)| {
        let part_in = |verbs: &[&str]| low(toks, k + 1) == "in" && k > 0 && verbs.contains(&low(toks, k - 1));
        t.has(F_MEET)
            && match (t.low.as_str(), participle) {
                ("attended" | "attends", false) | ("attending", true) => true,
                ("attend", false) => there_to_attend(toks, k),
                ("participated", false) | ("participating", true) => low(toks, k + 1) == "in",
                ("part", false) => part_in(&["took", "take", "takes"]),
                ("part", true) => part_in(&["taking"]),
                _ => false,
            }
    })?;
    toks[k..].iter().take(12).any(|t| CONFERENCE_NOUNS.contains(&t.low.as_str())).then_some(k)
}

/// "The minister and his delegation were in Islamabad to attend the session": having been in
/// the event's city to attend it tells of the attendance, not of a plan ("is in Bali to
/// attend" may still be ahead of the event).
fn there_to_attend(toks: &[Tok], k: usize) -> bool {
    k >= 4
        && low(toks, k) == "attend"
        && low(toks, k - 1) == "to"
        // Not a relative clause about someone else ("B, who is in Lima to attend a forum").
        && (k.saturating_sub(7)..k - 2).any(|b| matches!(low(toks, b), "was" | "were") && b > 0 && low(toks, b - 1) != "who" && low(toks, b + 1) == "in" && toks.get(b + 2).is_some_and(|t| t.is_cap("")))
}

/// Words that put an encounter in the future or the conditional: "will hold talks",
/// "is expected to visit", "plans to attend", "ahead of a meeting", "the upcoming summit".
/// Planned encounters are not meetings (GUIDELINES, "What happened, when").
fn planned(toks: &[Tok], k: usize) -> bool {
    if there_to_attend(toks, k) {
        return false;
    }
    // "they will coordinate toward holding Japan-Australia Joint ... Consultations (the "2 plus
    // 2" talks)": a long name between the verb and the encounter word; the verb is what is planned.
    let governing = (k.saturating_sub(16)..k).rev().find(|&i| matches!(low(toks, i), "hold" | "holding" | "convene" | "convening"));
    if governing.is_some_and(|h| h + 4 < k && (prospective_before(toks, h) || matches!(low(toks, h.saturating_sub(1)), "toward" | "towards"))) {
        return true;
    }
    prospective_before(toks, k) || later_than_the_report(toks, k)
}

/// A future or intention told in the four words before token `k` ("will hold", "plans to",
/// "a possible visit"), or an infinitive carrying it ("to hold talks").
fn prospective_before(toks: &[Tok], k: usize) -> bool {
    let before = &toks[k.saturating_sub(4)..k];
    let future = before.iter().any(|t| {
        matches!(t.low.as_str(), "will" | "would" | "shall" | "scheduled" | "expected" | "planned" | "plans" | "upcoming" | "forthcoming" | "ahead" | "next" | "due")
            // "to prepare a meeting", "a possible / proposed visit".
            || matches!(t.low.as_str(), "prepare" | "preparing" | "preparations" | "arrange" | "arranging" | "possible" | "potential" | "proposed" | "prospective")
    });
    // An infinitive right before the word, or before the verb that carries it ("to hold talks").
    let infinitive = k > 0
        && (low(toks, k - 1) == "to"
            || (k > 1 && low(toks, k - 2) == "to" && (matches!(low(toks, k - 1), "a") || setting_up(low(toks, k - 1))))
            || (k > 2 && low(toks, k - 3) == "to" && setting_up(low(toks, k - 2))));
    future || infinitive
}

/// Verbs that set an encounter up: "to hold talks", "to mediate talks between A and B",
/// "to host a summit", "to resume talks".
fn setting_up(w: &str) -> bool {
    matches!(w, "hold" | "have" | "pay" | "make" | "mediate" | "facilitate" | "host" | "convene" | "broker" | "resume")
}

/// "no mediation talks took place", "the meeting did not take place", "was called off": an
/// encounter the text says did not happen.
fn denied(toks: &[Tok], k: usize) -> bool {
    let no_before = toks[k.saturating_sub(2)..k].iter().any(|t| t.low == "no");
    // Past the parties ("between A and B") to the clause's verb.
    let clause_end = (k + 1..toks.len().min(k + 20)).find(|&j| matches!(low(toks, j), "," | ";" | ".")).unwrap_or(toks.len().min(k + 20));
    let not_held = toks[k + 1..clause_end].windows(2).any(|w| {
        matches!((w[0].low.as_str(), w[1].low.as_str()), ("not", "take") | ("never", "took") | ("not", "happen") | ("called", "off") | ("was", "cancelled") | ("was", "canceled") | ("was", "postponed"))
    });
    no_before || not_held
}

/// "welcomed A's visit to Laos in the near future", "a visit later this year".
fn later_than_the_report(toks: &[Tok], k: usize) -> bool {
    let after = &toks[k + 1..toks.len().min(k + 16)];
    after.iter().enumerate().any(|(n, t)| match t.low.as_str() {
        // "in the (near) future", not "a future partner".
        "future" => n > 0 && matches!(after[n - 1].low.as_str(), "the" | "near" | "distant"),
        "soon" => true,
        // "a meeting ... is in the works / being prepared".
        "works" => n > 1 && after[n - 1].low == "the" && after[n - 2].low == "in",
        "being" => after.get(n + 1).is_some_and(|w| matches!(w.low.as_str(), "prepared" | "planned" | "arranged" | "organised" | "organized")),
        "later" | "next" => after.get(n + 1).is_some_and(|w| matches!(w.low.as_str(), "this" | "week" | "month" | "year")),
        _ => false,
    })
}

/// "(A and B) pose for a photo ahead of their meeting in Hawaii on Feb. 13, 2022" in a
/// caption of May: what was ahead of the photo lies behind the report, dated before its day.
fn held_before_the_report(toks: &[Tok], k: usize, own_dates: &[(usize, ResolvedDate)]) -> bool {
    let before = &toks[k.saturating_sub(4)..k];
    let ahead_of = before.iter().any(|t| t.low == "ahead") && before.iter().any(|t| t.low == "of");
    let (from, to) = (toks[k].s, toks.get(k + 10).map_or(usize::MAX, |t| t.s));
    ahead_of && own_dates.iter().any(|(b, d)| (from..to).contains(b) && d.anchor.is_some_and(|a| d.date < a))
}

/// "During the talks, A and B shared ...", "During their phone conversation, A told B":
/// an encounter told of before, named again with its parties. The kind follows the noun.
fn during_encounter(toks: &[Tok]) -> Option<(MeetingKind, usize)> {
    // "In the talks at the guesthouse on Wednesday, A and B discussed" as "During"; but "In
    // the meeting, X was expected to tell Y" tells of plans.
    let planning = || toks.iter().any(|t| matches!(t.low.as_str(), "will" | "would" | "expected" | "shall" | "plans" | "planned" | "scheduled"));
    let open = toks.iter().take(2).position(|t| t.low == "during" || (t.low == "in" && !planning()))?;
    if !matches!(low(toks, open + 1), "the" | "their" | "his" | "her") {
        return None;
    }
    let mut k = open + 2;
    let mut kind = MeetingKind::Meeting;
    while let Some(qualifier) = match low(toks, k) {
        "phone" | "telephone" | "telephonic" => Some(MeetingKind::PhoneCall),
        "video" | "virtual" => Some(MeetingKind::VideoCall),
        "bilateral" | "closed-door" | "one-on-one" => Some(kind),
        _ => None,
    } {
        kind = qualifier;
        k += 1;
    }
    let noun = match low(toks, k) {
        "talks" if kind == MeetingKind::Meeting => MeetingKind::Talks,
        "meeting" | "talks" | "conversation" | "call" => kind,
        _ => return None,
    };
    Some((noun, k))
}

/// The kind of encounter one of the two sentences before reports ("held phone talks"),
/// for "During the talks, ..." after it.
fn earlier_kind(sents: &[Sent], si: usize) -> Option<MeetingKind> {
    sents[si.saturating_sub(2)..si].iter().rev().find_map(|s| trigger(&s.toks)).map(|(kind, _)| kind)
}

/// "The presidents of Turkey and Russia on Thursday held a phone call ... Erdogan and his
/// Russian counterpart Putin also exchanged views": a call told by its parties' offices alone
/// in the sentence or two before is what a pair acting together was on.
fn call_told_before(sents: &[Sent], si: usize) -> Option<MeetingKind> {
    let before = &sents[si.checked_sub(1)?].toks;
    let (kind, _) = trigger(before).filter(|(kind, _)| matches!(kind, MeetingKind::PhoneCall | MeetingKind::VideoCall))?;
    // The call named as such ("held a phone call"), not "the two leaders spoke to media".
    before.iter().any(|t| matches!(t.low.as_str(), "phone" | "telephone" | "call" | "video")).then_some(kind)
}

/// "A and B discussed ...", "A and B signed ...": two officials acting together as the
/// subject met to do it.
fn pair_acting(toks: &[Tok], hits: &[Hit]) -> Option<(MeetingKind, usize)> {
    // The first two officials named, or the two after a reporter ("X said he and Y ...").
    let offs: Vec<&Hit> = hits.iter().filter(|h| matches!(h.who, Who::Off(_)) && !h.possessive).take(3).collect();
    let &[a, b] = offs.windows(2).find(|w| w[0].te + 1 == w[1].ts && low(toks, w[0].te) == "and").or_else(|| offs.windows(2).next())? else { return None };
    // A courtesy style before the first name ("Dr Vera and ...") still opens the sentence.
    let styles = toks[..a.ts].iter().take_while(|t| super::lexicon::HONORIFICS.contains(&t.low.as_str())).count();
    // ... and so does a reporting verb ("X said he and Y had discussed ...").
    let reported = a.ts > 0 && matches!(low(toks, a.ts - 1), "said" | "says" | "that") && a.ts <= 4;
    // "A memorandum was inked by A and B": the pair after the passive's "by".
    let by = a.ts >= 3 && low(toks, a.ts - 1) == "by" && matches!(low(toks, a.ts - 2), "signed" | "inked") && matches!(low(toks, a.ts - 3), "was" | "were");
    let opens = a.ts == styles || (a.ts <= 3 && low(toks, a.ts - 1) == ",") || reported || by;
    // "A and B", "A along with B", "A and his Dutch counterpart B".
    let joined = pair_link(&toks[a.te..b.ts.max(a.te)]);
    if by && joined {
        return Some((MeetingKind::Meeting, a.ts - 2));
    }
    // "his Dutch counterpart Hanke Bruins Slot": the description and the name, one mention.
    let mut k = hits.iter().filter(|h| h.who == b.who && h.ts >= b.ts).fold(b.te, |end, h| if h.ts <= end { end.max(h.te) } else { end });
    // "A and B, who chairs ASEAN, discussed ...": past a relative clause about B.
    if low(toks, k) == "," && low(toks, k + 1) == "who" {
        k = (k + 2..toks.len().min(k + 20)).find(|&j| low(toks, j) == ",").map_or(k, |j| j + 1);
    }
    while matches!(low(toks, k), "also" | "jointly" | "then" | "both" | "later" | "earlier" | "had" | "have" | ",") {
        k += 1;
    }
    // A readout's joint verbs as well: "A and B highlighted the importance of ..." reports
    // what the two said together, which they did in an encounter.
    let acts = matches!(
        low(toks, k),
        "discussed" | "signed" | "exchanged" | "reviewed" | "inaugurated" | "witnessed" | "agreed" | "highlighted" | "reaffirmed"
            | "underscored" | "emphasized" | "emphasised" | "stressed" | "explored" | "concurred" | "pledged" | "affirmed"
    );
    (opens && joined && acts && a.who != b.who).then_some((MeetingKind::Meeting, k))
}

/// The words between two names: "and", "along with", then at most "his Dutch counterpart"
/// (the partner's description may open the second name's mention or stand before it).
fn pair_link(link: &[Tok]) -> bool {
    let lead = match (low(link, 0), low(link, 1)) {
        ("and", _) => 1,
        ("along", "with") => 2,
        _ => return false,
    };
    let rest = &link[lead..];
    rest.is_empty() || (matches!(low(rest, 0), "his" | "her") && rest.len() <= 4)
}

/// Verbs of words said or a welcome given to someone face to face.
const ADDRESS_VERBS: &[&str] = &["told", "tells", "welcomed", "welcomes", "greeted", "greets"];

/// "Wang Yi told Secretary of State X on Wednesday that ...": words said to an
/// official face to face are an encounter between the two.
fn addressed_official(toks: &[Tok], hits: &[Hit]) -> Option<(MeetingKind, usize)> {
    // "A welcomed / greeted B (to Vienna)": an official welcomed in person is met; "A
    // welcomed the decision" names no one.
    let k = toks.iter().position(|t| ADDRESS_VERBS.contains(&t.low.as_str()))?;
    // "welcomed on Wednesday the US Secretary of State": a day may come before the object.
    let mut at = k + 1;
    if low(toks, at) == "on" && super::lexicon::WEEKDAYS.contains(&low(toks, at + 1)) {
        at += 2;
    } else if matches!(low(toks, at), "today" | "yesterday") {
        at += 1;
    }
    if matches!(low(toks, at), "his" | "her" | "their") {
        at += 1;
    }
    // ... and the object its article ("the US Secretary of State"), whichever token its mention starts at.
    let object = official_at(hits, at) || (at > k + 1 && low(toks, at) == "the" && official_at(hits, at + 1));
    (object && official_before(hits, k)).then_some((MeetingKind::Meeting, k))
}

/// An official's own mention (not a possessive) starts at token `at`.
fn official_at(hits: &[Hit], at: usize) -> bool {
    hits.iter().any(|h| h.ts == at && matches!(h.who, Who::Off(_)) && !h.possessive)
}

/// An official's own mention ends at or before token `k`: the subject of the verb there.
fn official_before(hits: &[Hit], k: usize) -> bool {
    hits.iter().any(|h| h.te <= k && matches!(h.who, Who::Off(_)) && !h.possessive)
}

/// "A visited President B at the statehouse": a visit paid to a person is a meeting with
/// them, not a trip with no named partner.
fn visits_an_official(toks: &[Tok], hits: &[Hit], k: usize) -> bool {
    let object = match low(toks, k) {
        "visited" | "visits" => Some(k + 1),
        // "A has paid a working visit to Dr. B, the President of ...": a visit paid to a person.
        "paid" | "pays" | "paying" => (k + 1..toks.len().min(k + 5)).find(|&i| low(toks, i) == "visit").filter(|&i| low(toks, i + 1) == "to").map(|i| i + 2),
        _ => None,
    };
    object.is_some_and(|at| official_named_at(toks, hits, at)) && official_before(hits, k)
}

/// An official's own mention opens at token `at`, after "the" or a courtesy style ("Dr.",
/// "H.E.") at most: a visit's object is that person, not a place named before them.
fn official_named_at(toks: &[Tok], hits: &[Hit], at: usize) -> bool {
    hits.iter().any(|h| {
        matches!(h.who, Who::Off(_)) && !h.possessive && (at..=at + 4).contains(&h.ts)
            && toks[at..h.ts].iter().all(|t| t.low == "the" || !t.is_word() || t.has(F_HONORIFIC))
    })
}

/// "X visited Kenya", "paid a state visit to", "is on an official visit to" —
/// not "has visited ... three times" (experience) nor "his last visit".
fn visit_trigger(toks: &[Tok]) -> Option<usize> {
    for (k, t) in toks.iter().enumerate() {
        if !t.has(F_MEET) {
            continue;
        }
        let prev = if k > 0 { low(toks, k - 1) } else { "" };
        match t.low.as_str() {
            "visited" | "visits" if !matches!(prev, "has" | "have" | "had" | "never" | "last") => return Some(k),
            "paid" | "pays" | "paying" if toks[k + 1..].iter().take(4).any(|n| n.low == "visit") => return Some(k),
            "visit" if low(toks, k + 1) == "to" && toks[..k].iter().rev().take(4).any(|p| matches!(p.low.as_str(), "on" | "paid" | "pays")) => return Some(k),
            // "X's state visit to China", "the president's ongoing visit to Kenya".
            "visit" if low(toks, k + 1) == "to" && toks[k.saturating_sub(3)..k].iter().any(|p| p.is_possessive()) => return Some(k),
            _ => {}
        }
    }
    None
}

/// A named place and its state.
type Place = (String, Option<CountryCode>);

/// The visitor (first official before the verb) and where they went.
/// "He visited Jerusalem, Ramallah, Cairo and Amman": the cities listed after the first
/// one a visit names (`after`, the token after it), each a visit of its own.
fn more_cities_visited(text: &str, toks: &[Tok], mut after: usize) -> Vec<(Place, CountryCode)> {
    let mut out = Vec::new();
    loop {
        let mut k = after;
        if low(toks, k) == "," {
            k += 1;
        }
        if low(toks, k) == "and" {
            k += 1;
        }
        if k == after {
            return out;
        }
        match gaz_at(text, toks, k) {
            Some(h) if matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) => {
                let Target::State(c) = h.entry.target else { return out };
                out.push(((text[toks[k].s..toks[h.end - 1].e].to_string(), Some(c)), c));
                after = h.end;
            }
            _ => return out,
        }
    }
}

fn visit(text: &str, toks: &[Tok], hits: &[Hit], k: usize) -> Option<(usize, Option<Place>, Option<CountryCode>)> {
    // The owner of the noun right before it ("X's state visit to"), else the subject
    // ("X visited", "X is on a visit to").
    let owner = hits.iter().rev().find(|h| h.possessive && h.te <= k && h.te + 3 >= k && matches!(h.who, Who::Off(_)));
    // Not "the Xi-Putin call followed visits by ...": a pair is no visitor, and "visits by X"
    // names its visitor after the noun.
    let subject = || hits.iter().find(|h| h.te <= k && !h.possessive && matches!(h.who, Who::Off(_)) && !in_joined_pair(hits, h));
    let by = || hits.iter().find(|h| h.ts == k + 2 && matches!(h.who, Who::Off(_)));
    let visitor = if low(toks, k + 1) == "by" { by() } else { owner.filter(|_| toks[k].low == "visit").or_else(subject) }?;
    let Who::Off(v) = visitor.who else { return None };
    for i in k + 1..toks.len().min(k + 8) {
        if let Some(h) = gaz_at(text, toks, i) {
            if let Target::State(c) = h.entry.target {
                return Some(match h.entry.kind {
                    PlaceKind::City | PlaceKind::Capital => (v, Some((text[toks[i].s..toks[h.end - 1].e].to_string(), Some(c))), Some(c)),
                    PlaceKind::Name => (v, None, Some(c)),
                    _ => continue,
                });
            }
        }
    }
    Some((v, None, None))
}

/// Meetings of the whole article.
pub fn find(text: &str, sents: &[Sent], hits: &[Vec<Hit>], cx: &Context) -> Vec<Meet> {
    let mut out: Vec<Meet> = Vec::new();
    let mut last_date: Option<ResolvedDate> = None;
    // The officials named where `last_date` was given: what they did is what it dates.
    let mut last_people: Vec<usize> = Vec::new();
    // Set once the story has stepped back to a past time without returning.
    let mut undated = false;
    // The meeting (index in `out`) whose day came from the day its report was made.
    let mut said_dated: Option<usize> = None;
    let article_city = first_city(text, sents);
    let mut last_place: Option<Place> = None;
    // The sentence before told a dated encounter without naming two parties ("The top
    // diplomats of A and B agreed in phone talks Thursday to ...").
    let mut unnamed_told: Option<MeetingKind> = None;
    // "The President spoke with Prime Minister Brown" in the President's own readout: a
    // partner the article never names (an office holder standing for their state) leaves
    // an encounter with one named participant.
    let unnamed_partner = |si: usize| hits[si].iter().any(|h| h.unnamed_office_holder(text, &sents[si]).is_some());
    for (si, sent) in sents.iter().enumerate() {
        let toks = &sent.toks;
        // A day after the article's own ("the forum scheduled for September 30") tells of
        // something to come: it dates no encounter reported as done.
        // Nor does a day that starts a period ("the first talks since she took office in
        // Wednesday's reshuffle").
        let own_dates: Vec<(usize, ResolvedDate)> = cx.sent_dates[si].iter().copied().filter(|(b, d)| !d.anchor.is_some_and(|a| d.date > a) && !since_day(toks, *b)).collect();
        let own_dates = &own_dates;
        let prior_date = last_date;
        let prior_undated = undated;
        let prior_people = std::mem::take(&mut last_people);
        last_people = prior_people.clone();
        let prior_unnamed = unnamed_told.take();
        // Officials, not mentions: "after X became prime minister" names one. Counted only
        // in sentences with a day of their own (most have none).
        if !own_dates.is_empty() {
            let mut named: Vec<usize> = hits[si].iter().filter_map(|h| if let Who::Off(o) = h.who { Some(o) } else { None }).collect();
            named.sort_unstable();
            named.dedup();
            if named.len() < 2 {
                unnamed_told = trigger(toks).map(|(kind, _)| kind);
            }
        }
        // "..., having won the runoff on Nov. 19" between encounters of Dec. 9: a sentence
        // naming no encounter, on a day before one already given, tells background; the
        // story's day goes on.
        let looks_back = |d: &ResolvedDate| !toks.iter().any(|t| t.has(F_MEET)) && out.iter().filter_map(|m| m.date).any(|m| d.date < m.date);
        if let Some((_, d)) = own_dates.last().filter(|(_, d)| !looks_back(d)) {
            // A day long before the article's own ("Last year's meeting was held on 9 April
            // 2015") tells background: what follows it undated cannot be placed in time.
            last_date = Some(*d).filter(|d| !background(d));
            // "X arrived in Lima on Tuesday": the day of a journey, which leaves the day of
            // each encounter after it untold.
            if own_dates.last().is_some_and(|(b, _)| journey_day(toks, *b)) {
                last_date = None;
            }
            undated = last_date.is_none();
            last_people = hits[si].iter().filter_map(|h| if let Who::Off(o) = h.who { Some(o) } else { None }).collect();
        }
        // "Kishida's remarks during the bilateral talks Thursday in Tokyo": the encounter
        // just told, undated there, named again with its day.
        // Its day told only by the report of it ("..., the ministry said Wednesday") yields to
        // the day the encounter is given here.
        let last_index = out.len().checked_sub(1);
        // Told of the same parties, or of no one by name ("The top diplomats ... held a meeting").
        // Officials named after the day belong to what the sentence goes on to tell ("... talks
        // Thursday in Tokyo come as President X criticized ...").
        let day_at = own_dates.first().map_or(usize::MAX, |(b, _)| *b);
        let same_parties = |m: &Meet| hits[si].iter().filter(|h| toks[h.ts].s < day_at).all(|h| h.possessive || !matches!(h.who, Who::Off(o) if !m.participants.contains(&o)));
        if let Some(m) = out.last_mut().filter(|m| (m.date.is_none() || said_dated == last_index) && m.sent < si && m.sent + 2 >= si && m.kind != MeetingKind::Visit && same_parties(m)) {
            if let Some(d) = definite_encounter_day(toks, own_dates).filter(|d| !background(d)) {
                m.date = Some(d);
                said_dated = None;
            }
        }
        // An encounter named again ("During the talks, A and B ...", "A and B discussed")
        // is the one reported before when its parties are the same, whatever its kind there.
        let named_again = during_encounter(toks)
            .filter(|_| hits[si].iter().filter(|h| matches!(h.who, Who::Off(_)) && !h.possessive).count() >= 2)
            .map(|(kind, k)| (earlier_kind(sents, si).filter(|_| kind == MeetingKind::Talks).unwrap_or(kind), k));
        // "Also present at the meeting were A, B and C": they took part in the encounter just told.
        if presence_list(toks) {
            let bilateral = |m: &Meet| !matches!(m.kind, MeetingKind::Conference | MeetingKind::Visit);
            if let Some(last) = out.iter().rposition(bilateral) {
                // "The meetings were attended by ...": each of the meetings told together.
                let each = toks.iter().take(4).any(|t| t.low == "meetings");
                let told_with = out[last].sent;
                if each {
                    out.iter_mut().filter(|m| bilateral(m) && m.sent == told_with).for_each(|m| add_present(m, &hits[si]));
                } else {
                    add_present(&mut out[last], &hits[si]);
                }
                continue;
            }
        }
        // A welcome given "ahead of their meeting" is met though the meeting is yet to come.
        let addressed = || addressed_official(toks, &hits[si]);
        let direct = if named_again.is_none() {
            let found = trigger(toks).map(|(kind, k)| if kind == MeetingKind::Visit && visits_an_official(toks, &hits[si], k) { (MeetingKind::Meeting, k) } else { (kind, k) });
            match found {
                Some((_, k)) if planned(toks, k) => addressed().or(found),
                _ => found.or_else(addressed),
            }
        } else {
            None
        };
        let acting = || pair_acting(toks, &hits[si]).map(|(kind, k)| (call_told_before(sents, si).unwrap_or(kind), k));
        let Some((kind, k)) = named_again.or(direct).or_else(acting) else {
            continue;
        };
        // Words said or a welcome given to a partner ("A told B", "A welcomed B") belong to an
        // encounter of the two already told, if there is one.
        let within = ADDRESS_VERBS.contains(&low(toks, k));
        let again = named_again.is_some() || direct.is_none() || within;
        if (planned(toks, k) && !held_before_the_report(toks, k, own_dates)) || denied(toks, k) {
            continue;
        }
        // "arrived on Sunday and met X on Monday": the date nearest the encounter word.
        // Dates inside a relative clause (", who arrived on Sunday,") tell of something else.
        let at = toks[k].s;
        let clauses = relative_clauses(toks);
        let outside: Vec<&(usize, ResolvedDate)> = own_dates.iter().filter(|(b, _)| !clauses.iter().any(|(x, y)| (*x..*y).contains(b))).collect();
        // An encounter told inside such a clause (", where she took part in the forum on
        // 26-27 May") is dated by the clause, not by the main verb ("returned today").
        let home = clauses.iter().find(|(x, y)| (*x..*y).contains(&at));
        let inside: Vec<&(usize, ResolvedDate)> = own_dates.iter().filter(|(b, _)| home.is_some_and(|(x, y)| (*x..*y).contains(b))).collect();
        // ... unless the sentence has no other ("who landed on Saturday, held meetings shortly
        // after"): a clause before the encounter tells of its subject's day. One after it, about
        // the partner ("in a meeting with X, who is in Beijing for a forum on Sunday and
        // Monday"), tells of the partner's stay: the encounter takes the day told before.
        // (", which took place today" tells of the encounter itself: only "who" clauses.)
        let of_person = |x: usize| toks.iter().position(|t| t.s == x).is_some_and(|c| matches!(low(toks, c + 1), "who" | "whose"));
        let about_partner = |b: &usize| clauses.iter().any(|(x, y)| *x > at && (*x..*y).contains(b) && of_person(*x));
        let pool: Vec<&(usize, ResolvedDate)> = if !inside.is_empty() {
            inside
        } else if outside.is_empty() {
            own_dates.iter().filter(|(b, _)| !about_partner(b)).collect()
        } else {
            outside
        };
        let own = pool.into_iter().min_by_key(|(b, _)| b.abs_diff(at)).map(|(_, d)| *d);
        let mut parts: Vec<(usize, usize)> = Vec::new(); // (official, token)
        let mut reporters: Vec<usize> = Vec::new();
        let mut writers: Vec<usize> = Vec::new();
        // "received a telephone call from A and a letter from B": B wrote, no party to the call.
        let letter_at = if kind == MeetingKind::Message {
            None
        } else {
            toks[k..].windows(3).position(|w| w[0].low == "and" && matches!(w[1].low.as_str(), "a" | "an") && matches!(w[2].low.as_str(), "letter" | "message" | "written" | "congratulatory")).map(|p| k + p)
        };
        for h in &hits[si] {
            let Who::Off(o) = h.who else { continue };
            // "The Kang-Tillerson exchange came after A and B spoke": a joined pair takes part
            // only in the encounter it names ("the Kishida-Biden talks").
            if h.te != k && in_joined_pair(&hits[si], h) {
                continue;
            }
            let introduced = h.ts > 0 && matches!(low(toks, h.ts - 1), "from" | "by");
            if h.possessive || (introduced && !partner_introduced(toks, h.ts, k)) {
                continue;
            }
            // "a day before the launch of the Yoon Suk-yeol administration": a leader's name
            // modifying a government names a time or a body, not a party.
            if matches!(low(toks, h.te), "administration" | "government" | "era" | "presidency" | "cabinet" | "regime") {
                continue;
            }
            // "A, a special envoy of (DRC) President, B, met C": the one who sent the envoy stays home.
            if h.ts < k && sent_the_envoy(toks, h.ts) {
                continue;
            }
            // "their first face-to-face meeting since Joe Biden was elected": who a "since"
            // clause after the encounter names marks when a period began, no party.
            // "talks with A regarding the visit of B": who is talked about in the same
            // clause is no party (", Kishida has said" after it may be).
            let talked_of = || toks[k..h.ts].iter().rev().take_while(|t| !matches!(t.low.as_str(), "," | ";")).any(|t| matches!(t.low.as_str(), "since" | "regarding" | "concerning" | "about"));
            if h.ts > k && talked_of() {
                continue;
            }
            // A pronoun after the encounter word belongs to another clause ("..., said he had ...").
            if h.kind == crate::domain::MentionKind::Pronoun && h.ts > k {
                continue;
            }
            if letter_at.is_some_and(|at| h.ts > at) {
                writers.push(o);
                continue;
            }
            // After the encounter word, a relative clause about a partner (", who conveyed
            // the greetings of C") and a closing reporter (", spokesman C said") name others.
            // An encounter told inside the clause ("A, who on Thursday hosted B in Tallinn,
            // said") has its partner there.
            let in_clause = clauses.iter().any(|(x, y)| (*x..*y).contains(&toks[h.ts].s) && !(*x..*y).contains(&at));
            // ... also inverted (", said Foreign Ministry spokesman C.").
            let inverted = toks[..h.ts].iter().rev().take(6).position(|t| matches!(t.low.as_str(), "said" | "says")).is_some_and(|n| low(toks, h.ts - n - 2) == ",");
            let closing = (matches!(low(toks, h.te), "said" | "says") || inverted) && h.te + 2 >= toks.len();
            if h.ts > k && (in_clause || closing) {
                continue;
            }
            // Named again before the encounter ("X said as he met A and B"), the reporter is a party.
            reporters.retain(|r| *r != o);
            if !parts.iter().any(|p| p.0 == o) {
                parts.push((o, h.ts));
                if h.ts < k && reports(toks, h.te) {
                    reporters.push(o);
                }
            }
        }
        // "The spokeswoman, X, said the president joined a meeting between A and B": who
        // reports an encounter with two parties of its own is no party to it.
        if parts.iter().filter(|p| !reporters.contains(&p.0)).count() >= 2 {
            parts.retain(|p| !reporters.contains(&p.0));
        }
        // "the Secretary accompanied the President, B, in bilateral meetings with C and D":
        // who accompanies attends; the one accompanied is the party.
        let accompanied = toks[..k].iter().position(|t| matches!(t.low.as_str(), "accompanied" | "accompanies" | "accompany")).filter(|&a| low(toks, a + 1) != "by");
        let mut attendees: Vec<usize> = Vec::new();
        if let Some(a) = accompanied.filter(|&a| parts.iter().any(|p| p.1 < a) && parts.iter().filter(|p| p.1 > a).count() >= 2) {
            attendees = parts.iter().filter(|p| p.1 < a).map(|p| p.0).collect();
            parts.retain(|p| p.1 > a);
        }
        // "A met B in Paris and discussed a phone call between C and D": an encounter named
        // with "between" has its parties there; those named before it took part in the
        // encounter the sentence told first, if it told one, and its place is theirs.
        let mut own_words = 0;
        if let Some(between) = between_parties(toks, k, &parts) {
            let (first, second): (Vec<(usize, usize)>, Vec<(usize, usize)>) = parts.iter().partition(|p| p.1 < between);
            if let Some((earlier, _)) = trigger(&toks[..k]).filter(|(_, at)| first.len() >= 2 && !planned(toks, *at)) {
                let place = location(text, &toks[..between], cx);
                merge_or_push(&mut out, Meet { kind: earlier, sent: si, participants: first.iter().map(|p| p.0).collect(), host: None, date: own.or(prior_date), location: place, country: None });
            }
            parts = second;
            own_words = between;
        }
        // "While meeting with B, both sides praised the messages of C and D": the fronted
        // clause names the partner; the other party is the main clause's official subject,
        // else whoever the article has shown meeting others.
        if k == 1 && matches!(low(toks, 0), "while" | "when") && low(toks, 1) == "meeting" {
            if let Some(comma) = toks.iter().position(|t| t.low == ",") {
                let subject = parts.iter().find(|p| p.1 == comma + 1).copied();
                parts.retain(|p| p.1 < comma);
                match subject {
                    Some(s) => parts.insert(0, s),
                    None => {
                        if let Some(o) = most_met(&out, &parts) {
                            parts.insert(0, (o, 0));
                        }
                    }
                }
            }
        }
        // "I have just concluded a meeting with B", "to host my colleague B": in a speaker's
        // own words the first person is the speaker.
        let first_person = toks[..k].iter().any(|t| matches!(t.low.as_str(), "i" | "my"));
        if let Some(me) = cx.speakers[si].filter(|me| first_person && !parts.iter().any(|p| p.0 == *me)) {
            parts.insert(0, (me, 0));
        }
        // "X's talks with B", "X's busy day went on with meetings with B": with no subject
        // before the encounter word, its possessor is the party meeting the others.
        if !parts.iter().any(|p| p.1 < k) {
            // The possessor nearest the word ("A's visit ... and B's meeting with C": B's).
            let owner = hits[si].iter().rev().find(|h| h.possessive && h.te <= k && matches!(h.who, Who::Off(o) if !parts.iter().any(|p| p.0 == o)));
            if let Some(Hit { who: Who::Off(o), ts, .. }) = owner {
                parts.insert(0, (*o, *ts));
            }
        }
        if parts.len() < 2 && hits[si].iter().any(|h| matches!(h.who, Who::They | Who::Group)) {
            if let Some(j) = &cx.joints[si] {
                for o in j {
                    if !parts.iter().any(|p| p.0 == *o) {
                        parts.push((*o, 0));
                    }
                }
            }
        }
        // "The agenda included meetings with A and B": partners listed with nobody before
        // the noun meet the party the article follows, not each other.
        // Told as the content of a programme ("included / featured meetings with"); not a
        // fronted phrase ("During a meeting with B, A said"), whose subject comes after it.
        let programme = toks[k.saturating_sub(3)..k].iter().any(|t| matches!(t.low.as_str(), "included" | "includes" | "including" | "featured" | "features" | "involved" | "comprised"));
        let partners_only = programme && parts.len() >= 2 && !parts.iter().any(|p| p.1 < k) && matches!(low(toks, k), "meeting" | "meetings" | "talks") && low(toks, k + 1) == "with";
        if partners_only {
            match most_met(&out, &parts) {
                Some(o) => parts.insert(0, (o, 0)),
                None => continue,
            }
        }
        // A day carried over from a sentence about other officials ("Castro opened the
        // summit on Tuesday" before "Ban met Fidel Castro") dates what they did, not this
        // encounter between others. An event attended is another matter: many attend it.
        // The encounter told unnamed just before and named again here, of the same kind
        // ("... during the 15-minute call"), is theirs, whoever else that sentence named.
        // One who accompanies the parties carries the story on as a party would.
        let others = !prior_people.is_empty()
            && kind != MeetingKind::Conference
            && !parts.iter().map(|p| p.0).chain(attendees.iter().copied()).any(|o| prior_people.contains(&o))
            && prior_unnamed != Some(kind);
        // "last month", "earlier this year", "in March": a time the sentence gives without its day.
        let vague = own.is_none() && vague_time(toks);
        let date = if (others || prior_undated || vague) && own.is_none() { None } else { own.or(prior_date).or(cx.dateline_date) };
        if kind == MeetingKind::Visit {
            // A visit runs over days: only a date its own sentence gives dates it, never one
            // carried over from an earlier sentence or the dateline.
            let date = own;
            if let Some((v, location, country)) = visit(text, toks, &hits[si], k) {
                let more = location.as_ref().and_then(|(place, _)| {
                    let at = (k..toks.len()).find(|&i| text[toks[i].s..].starts_with(place.as_str()))?;
                    let end = gaz_at(text, toks, at)?.end;
                    Some(more_cities_visited(text, toks, end))
                });
                // A second visit to a state already visited is the same trip told again; a
                // list of cities is a tour, one visit each.
                let dup = out.iter().any(|m| m.kind == MeetingKind::Visit && m.participants == [v] && m.country == country);
                if !dup {
                    out.push(Meet { kind, sent: si, participants: vec![v], host: None, date, location, country });
                    for (place, c) in more.into_iter().flatten() {
                        out.push(Meet { kind, sent: si, participants: vec![v], host: None, date, location: Some(place), country: Some(c) });
                    }
                }
            }
            continue;
        }
        let in_person = matches!(kind, MeetingKind::Meeting | MeetingKind::Talks | MeetingKind::Conference);
        let own_place = location(text, &toks[own_words..], cx);
        // "Merkel and Putin had last met in Sochi in May": an earlier encounter of the same
        // parties, told as background; it keeps its own place and day and joins no other.
        // Told of "they" or "the two leaders", its parties are the pair just told of.
        let looking_back = k > 0 && low(toks, k) == "met" && matches!(low(toks, k - 1), "last" | "previously" | "first");
        if looking_back {
            let date = own.filter(|_| !vague);
            let mut participants: Vec<usize> = parts.iter().map(|p| p.0).collect();
            let joint = hits[si].iter().any(|h| h.te <= k && matches!(h.who, Who::They | Who::Group));
            if participants.len() < 2 && joint {
                if let Some(pair) = out.iter().rev().find(|m| m.participants.len() == 2 && m.kind != MeetingKind::Conference) {
                    participants = pair.participants.clone();
                }
            }
            let told = out.iter().any(|m| same_set(&m.participants, &participants) && m.location == own_place && m.date.map(|d| d.date) == date.map(|d| d.date));
            if participants.len() >= 2 && !told {
                out.push(Meet { kind: MeetingKind::Meeting, sent: si, participants, host: None, date, location: own_place, country: None });
            }
            continue;
        }
        if in_person && own_place.is_some() {
            last_place = own_place.clone();
        }
        let location = own_place.or_else(|| {
            let visiting = toks.iter().any(|t| t.low == "visiting");
            if visiting {
                cx.dateline_place.map(|(p, c)| (p.to_string(), c))
            } else if in_person {
                // "He then met B": where the last in-person encounter told of took place.
                last_place.clone().or_else(|| article_city.clone())
            } else {
                None
            }
        });
        // "A, B, C and D met in Minsk": three or more subjects of an intransitive "met"
        // make one gathering, not meetings of the first with each other.
        let gathering = kind == MeetingKind::Meeting && low(toks, k) == "met" && parts.len() >= 3 && parts.iter().all(|p| p.1 < k);
        let kind = if gathering { MeetingKind::Conference } else { kind };
        if kind == MeetingKind::Conference {
            join_or_push_conference(&mut out, Meet { kind, sent: si, participants: parts.iter().map(|p| p.0).collect(), host: None, date, location, country: None });
            continue;
        }
        // "met A, B and C, who were attending the summit" / "met B while attending the
        // summit": the event attended is a conference of its own.
        let mut together = false;
        if let Some(a) = attendance(toks, true).filter(|&a| a > k) {
            let while_ = low(toks, a - 1) == "while";
            let attendees: Vec<usize> = parts.iter().filter(|p| if while_ { p.1 < k } else { p.1 > k && p.1 < a }).map(|p| p.0).collect();
            // "met A, B and C, who were attending": the clause takes the list as one group.
            together = !while_ && attendees.len() >= 2 && low(toks, a - 1) == "were";
            if !attendees.is_empty() {
                join_or_push_conference(&mut out, Meet { kind: MeetingKind::Conference, sent: si, participants: attendees, host: None, date, location: location.clone(), country: None });
            }
        }
        if parts.len() == 1 && kind == MeetingKind::Meeting {
            // "X held meetings with several ministers. Among them were A, B and C."
            if let Some(list) = listed_next(sents, hits, si, parts[0].0) {
                for o in list {
                    merge_or_push(&mut out, Meet { kind, sent: si, participants: vec![parts[0].0, o], host: None, date, location: location.clone(), country: None });
                }
                continue;
            }
        }
        // "This came during a telephone call with B" (Gulf agencies): the encounter in which
        // the previous sentence's speaker said what it reported.
        if parts.len() == 1 && this_came_during(toks, k) {
            if let Some(spk) = si.checked_sub(1).and_then(|p| cx.speakers[p]).filter(|o| *o != parts[0].0) {
                parts.insert(0, (spk, 0));
            }
        }
        if parts.len() < 2 && !(parts.len() == 1 && unnamed_partner(si)) {
            continue;
        }
        let host = if matches!(low(toks, k), "received" | "receives" | "receiving" | "hosted" | "hosts" | "hosting") {
            // "was received by X": the host follows the verb.
            let passive = low(toks, k + 1) == "by";
            parts.iter().find(|p| (p.1 < k) != passive).map(|p| p.0)
        } else {
            toks.iter().position(|t| t.low == "visiting").and_then(|v| {
                let guest = parts.iter().find(|p| p.1 >= v && p.1 <= v + 6).map(|p| p.0)?;
                parts.iter().find(|p| p.0 != guest).map(|p| p.0)
            })
        };
        // A call with two partners may be one three-way call (a president and the
        // president-elect); three or more partners listed are a round of calls.
        let round_of_calls = kind == MeetingKind::PhoneCall && parts.len() > 3;
        // "A welcomed B, C and D": a welcome is given to the delegation at once.
        let together = together || (within && low(toks, k).starts_with("welcom"));
        // "held a trilateral meeting with B and C": one encounter of all three.
        let together = together || toks[k.saturating_sub(3)..k].iter().any(|t| MANY_SIDED.contains(&t.low.as_str()));
        // "A received B at the airport while C welcomed D": two encounters told side by side.
        let side_by_side = side_by_side_clause(toks, k).map(|w| {
            let (first, second): (Vec<&(usize, usize)>, Vec<&(usize, usize)>) = parts.iter().partition(|p| p.1 < w);
            [first, second].map(|side| side.into_iter().map(|p| p.0).collect::<Vec<usize>>())
        });
        let groups: Vec<Vec<usize>> = if let Some(sides) = side_by_side.filter(|sides| sides.iter().all(|g| g.len() == 2)) {
            sides.into()
        } else if let Some(pairs) = paired_lists(toks, k, &parts) {
            pairs
        } else if parts.len() > 2 && !together && !one_side_meets_one(toks, k, &parts) && (matches!(kind, MeetingKind::Meeting | MeetingKind::Talks | MeetingKind::Message) || round_of_calls) {
            let principal = principal(&parts, k, &out);
            parts.iter().filter(|p| p.0 != principal).map(|p| vec![principal, p.0]).collect()
        } else {
            vec![parts.iter().map(|p| p.0).collect()]
        };
        let dated_by_saying = own.is_some() && own_dates.iter().any(|(b, d)| Some(*d) == own && said_on(toks, *b, k));
        for g in groups {
            if again && out.iter().any(|m| same_set(&m.participants, &g)) {
                continue;
            }
            let host = host.filter(|h| g.contains(h));
            let before = out.len();
            merge_or_push(&mut out, Meet { kind, sent: si, participants: g, host, date, location: location.clone(), country: None });
            if dated_by_saying && out.len() > before {
                said_dated = Some(out.len() - 1);
            }
        }
        // ... and B's letter is a message to the one who received both.
        if let Some(receiver) = parts.iter().find(|p| p.1 < k).map(|p| p.0) {
            for w in writers {
                merge_or_push(&mut out, Meet { kind: MeetingKind::Message, sent: si, participants: vec![receiver, w], host: None, date, location: None, country: None });
            }
        }
    }
    // A visit has one traveller; an attended event may have one official named at it.
    out.retain(|m| m.participants.len() >= 2 || (m.participants.len() == 1 && (matches!(m.kind, MeetingKind::Visit | MeetingKind::Conference) || unnamed_partner(m.sent))));
    // Bilateral encounters first, multilateral events after, each in text order.
    out.sort_by_key(|m| m.kind == MeetingKind::Conference);
    out
}

/// "A and B held calls with their counterparts, C and D", "A and B met C and D
/// respectively": two lists of the same length on either side of the encounter word, each
/// subject meeting the partner in the same place of the other list.
fn paired_lists(toks: &[Tok], k: usize, parts: &[(usize, usize)]) -> Option<Vec<Vec<usize>>> {
    let (subjects, partners): (Vec<&(usize, usize)>, Vec<&(usize, usize)>) = parts.iter().partition(|p| p.1 < k);
    if subjects.len() < 2 || subjects.len() != partners.len() {
        return None;
    }
    let respectively = toks.iter().any(|t| t.low == "respectively");
    // The subjects are listed together ("A and B") before the encounter word.
    if !listed_together(toks, subjects.iter().map(|p| p.1).collect()) {
        return None;
    }
    let counterparts = toks[k..partners[0].1].iter().any(|t| t.low == "counterparts");
    (respectively || counterparts).then(|| subjects.iter().zip(&partners).map(|(a, b)| vec![a.0, b.0]).collect())
}

/// Whether the subjects before the encounter word at `k` are listed together ("A and B")
/// and one partner follows it: "the minister and the ambassador held an audience with C" is
/// one encounter of the three, not the two subjects meeting each other.
fn one_side_meets_one(toks: &[Tok], k: usize, parts: &[(usize, usize)]) -> bool {
    let at: Vec<usize> = parts.iter().filter(|p| p.1 < k).map(|p| p.1).collect();
    at.len() >= 2 && parts.len() - at.len() == 1 && listed_together(toks, at)
}

/// Whether the names starting at tokens `at` are one list: each after "and" or a comma.
fn listed_together(toks: &[Tok], mut at: Vec<usize>) -> bool {
    at.sort_unstable();
    at.windows(2).all(|w| w[1] > 0 && matches!(low(toks, w[1] - 1), "and" | ","))
}

/// Words that make one encounter of all the parties named ("a trilateral meeting with B and C").
const MANY_SIDED: &[&str] = &["trilateral", "tripartite", "three-way", "quadrilateral", "quadripartite", "four-way"];

/// Whether the name at `ts` is the principal of an envoy named just before it ("a special
/// envoy of (DRC) President, B", "the representative of President B").
fn sent_the_envoy(toks: &[Tok], ts: usize) -> bool {
    let of = (ts.saturating_sub(12)..ts).rev().find(|&j| j > 0 && low(toks, j) == "of" && matches!(low(toks, j - 1), "envoy" | "envoys" | "representative" | "emissary"));
    of.is_some_and(|j| !toks[j..ts].iter().any(|t| t.has(F_MEET)))
}

/// Where a second encounter told beside the one at `k` begins: "while" or "whereas" opening
/// a clause with an encounter verb of its own ("A received B while C welcomed D").
/// Where "between" follows the encounter word at `k` ("a phone call between"), when two
/// parties are named after it and someone else before it.
fn between_parties(toks: &[Tok], k: usize, parts: &[(usize, usize)]) -> Option<usize> {
    let between = (k + 1..(k + 3).min(toks.len())).find(|&j| low(toks, j) == "between")?;
    (parts.iter().filter(|p| p.1 > between).count() >= 2 && parts.iter().any(|p| p.1 < between)).then_some(between)
}

fn side_by_side_clause(toks: &[Tok], k: usize) -> Option<usize> {
    let w = (k + 1..toks.len()).find(|&i| matches!(toks[i].low.as_str(), "while" | "whereas"))?;
    let rest = &toks[w + 1..];
    (trigger(rest).is_some() || rest.iter().any(|t| ADDRESS_VERBS.contains(&t.low.as_str()))).then_some(w)
}

/// Officials named (not as possessors) in a presence list join the meeting.
fn add_present(m: &mut Meet, hits: &[Hit]) {
    for h in hits.iter().filter(|h| !h.possessive) {
        if let Who::Off(o) = h.who {
            if !m.participants.contains(&o) {
                m.participants.push(o);
            }
        }
    }
}

/// Whether a saying verb follows a subject ending at `te` ("X said", "X, a spokesman, said").
fn reports(toks: &[Tok], te: usize) -> bool {
    let verb = |i: usize| matches!(low(toks, i), "said" | "says" | "stated" | "added" | "confirmed" | "announced" | "disclosed" | "revealed" | "noted" | "told");
    verb(te) || (low(toks, te) == "," && verb(te + 1))
}

/// A time told without its day: "last week / month / year", "earlier this month",
/// "recently", "in March" (a month with no day number next to it).
fn vague_time(toks: &[Tok]) -> bool {
    // Not "may", a modal far more often than a month.
    let month = |w: &str| w != "may" && super::lexicon::MONTH_NAMES.contains(&w);
    let offset = |k: usize| matches!(low(toks, k + 1), "after" | "before" | "ago" | "earlier" | "later");
    toks.iter().enumerate().any(|(k, t)| {
        let prev = if k > 0 { low(toks, k - 1) } else { "" };
        match t.low.as_str() {
            "month" | "week" | "year" => matches!(prev, "last" | "previous") || (prev == "this" && k > 1 && low(toks, k - 2) == "earlier") || offset(k),
            // "His visit comes a week after X made a courtesy visit to Y", "two days before":
            // a time counted from another event, whose day the sentence does not give.
            "months" | "weeks" | "days" | "day" | "years" => offset(k),
            "recently" => true,
            m if month(m) => {
                let numbered = |i: usize| toks.get(i).is_some_and(|n| n.low.starts_with(|c: char| c.is_ascii_digit()) && n.low.len() <= 2);
                prev == "in" && !numbered(k + 1) && !(k > 1 && numbered(k - 2))
            }
            _ => false,
        }
    })
}

/// Whether the participle at `j` is passive: "was received", "was today given", "were
/// also accorded" (an adverb may stand between).
fn passive_at(toks: &[Tok], j: usize) -> bool {
    super::text::after_be(toks, j, |w| matches!(w, "today" | "yesterday" | "also" | "then" | "later"))
}

/// An official after "from" or "by" who is still a party to the encounter at `k`: the
/// caller in "received a (phone) call / letter / courtesy visit from X" and the host in the
/// passive "was received / hosted / welcomed by X" — not "greetings from X" nor "a summit
/// opened by X".
fn partner_introduced(toks: &[Tok], at: usize, k: usize) -> bool {
    let prep = at - 1;
    if prep <= k {
        return false;
    }
    if low(toks, prep) == "by" {
        // "received a delegation led by X", "met a delegation headed by X": its leader is the party.
        if matches!(low(toks, prep - 1), "led" | "headed") && toks[k..prep].iter().any(|t| t.low.starts_with("delegation")) {
            return true;
        }
        // The passive verb is the encounter's, or joins it ("met and was hosted to lunch by X").
        let verb_at = |j: usize| matches!(low(toks, j), "received" | "hosted" | "welcomed" | "met" | "greeted" | "given" | "accorded" | "signed" | "inked");
        let between = |t: &Tok| {
            matches!(t.low.as_str(), "to" | "for" | "at" | "a" | "an" | "lunch" | "dinner" | "breakfast" | "luncheon" | "banquet")
                || matches!(t.low.as_str(), "welcome" | "reception" | "warm" | "ceremonial" | "red-carpet" | "rousing" | "grand" | "formal" | "official")
        };
        // "was welcomed at Hamad International Airport, near Doha, by X", "was received upon
        // arrival at the airport by X": where the host stood may come between.
        let place = |t: &Tok| {
            between(t) || t.is_cap("") || matches!(t.low.as_str(), "," | "the" | "in" | "on" | "upon" | "arrival" | "airport" | "international" | "near" | "palace" | "house")
        };
        let welcome = |j: usize| {
            (prep <= j + 5 && toks[j + 1..prep].iter().all(between)) || (prep <= j + 12 && matches!(low(toks, j + 1), "at" | "in" | "on" | "upon") && toks[j + 1..prep].iter().all(place))
        };
        return (k.saturating_sub(5)..prep).any(|j| passive_at(toks, j) && verb_at(j) && welcome(j));
    }
    // The noun the "from" phrase completes, a few words back (past "on Sunday", and past
    // the figures of a numeric date: "on Friday 16/8/2024").
    let span = &toks[k..prep];
    let figure = |t: &&Tok| t.low.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'));
    let noun_word = |t: &Tok| matches!(t.low.as_str(), "call" | "calls" | "phone-call" | "message" | "messages" | "letter" | "letters" | "visit");
    let last_words: Vec<&Tok> = span.iter().rev().filter(|t| !figure(t)).take(5).collect();
    let noun = last_words.iter().any(|t| noun_word(t));
    // "a telephone call His Highness the Amir received Wednesday from X": the call's
    // receiver named in a relative clause between the noun and "from".
    let received = last_words.iter().take(3).any(|t| matches!(t.low.as_str(), "received" | "receives"));
    let noun = noun || (received && span.first().is_some_and(|t| noun_word(t) || matches!(t.low.as_str(), "phone" | "telephone")));
    let tribute = span.iter().any(|t| matches!(t.low.as_str(), "greetings" | "regards" | "invitation" | "congratulations" | "wishes"));
    noun && !tribute
}

/// "This came during a phone call ...", "That came at a meeting ...": the sentence ties what
/// the sentence before it reported to the encounter at `k`.
fn this_came_during(toks: &[Tok], k: usize) -> bool {
    matches!(low(toks, 0), "this" | "that" | "it") && matches!(low(toks, 1), "came" | "comes") && matches!(low(toks, 2), "during" | "in" | "at" | "as") && k <= 6
}

/// "Also present (at the meeting) were ...", "Attending the talks were ...", "... were also
/// present": a sentence listing who else took part.
pub(super) fn presence_list(toks: &[Tok]) -> bool {
    // "Among those present were ..." (Malaysian and Gulf agency copy), "Those present included ...".
    let at = match (low(toks, 0), low(toks, 1)) {
        ("also", _) | ("those", _) => 1,
        ("among", "those") => 2,
        _ => 0,
    };
    // The cheap look at the sentence's ends first: this is asked at every styled name.
    let opens = matches!(low(toks, at), "present" | "attending") && toks.iter().any(|t| matches!(t.low.as_str(), "were" | "included"));
    let closes = toks.iter().rev().take(3).any(|t| t.low == "present") && toks.windows(2).any(|w| w[0].low == "were" && matches!(w[1].low.as_str(), "present" | "also"));
    // "The meeting was attended by A, B and C".
    // "The meeting was also attended by ...".
    let v = if low(toks, at + 3) == "also" { at + 4 } else { at + 3 };
    let attended_by = matches!(low(toks, at), "the" | "this" | "these") && matches!(low(toks, at + 1), "meeting" | "meetings" | "talks" | "call" | "discussion" | "discussions") && matches!(low(toks, at + 2), "was" | "were") && low(toks, v).starts_with("attended") && low(toks, v + 1) == "by";
    opens || closes || attended_by
}

/// The date at byte `b` stands in a clause opened by "since" ("for the first time since she
/// became minister in Wednesday's reshuffle"): the start of a period, not an encounter's day.
fn since_day(toks: &[Tok], b: usize) -> bool {
    let Some(at) = toks.iter().position(|t| t.s >= b) else { return false };
    toks[at.saturating_sub(10)..at].iter().rev().take_while(|t| !matches!(t.low.as_str(), "," | ";" | ":")).any(|t| t.low == "since")
}

/// The date at byte `b` follows a verb of travel within its clause ("arrived on
/// Tuesday", "landed in Lima on Monday").
fn journey_day(toks: &[Tok], b: usize) -> bool {
    let Some(at) = toks.iter().position(|t| t.s >= b) else { return false };
    toks[at.saturating_sub(5)..at]
        .iter()
        .rev()
        .take_while(|t| t.low != ",")
        .any(|t| matches!(t.low.as_str(), "arrived" | "arrives" | "landed" | "lands" | "departed" | "left" | "returned" | "flew"))
}

/// The day given right after "the (bilateral) talks / meeting / call" ("the talks
/// Thursday in Tokyo", "the meeting on Monday").
fn definite_encounter_day(toks: &[Tok], dates: &[(usize, ResolvedDate)]) -> Option<ResolvedDate> {
    // "The conversation, arranged at X's request, began at 9:30 p.m. Tuesday": the encounter
    // as the sentence's subject, with a verb of its taking place, has the sentence's day.
    let happened = matches!(low(toks, 0), "the" | "their")
        && matches!(low(toks, 1), "talks" | "meeting" | "call" | "conversation" | "phone" | "telephone")
        && toks.iter().any(|t| matches!(t.low.as_str(), "began" | "begun" | "started" | "lasted" | "took" | "held"));
    if happened {
        if let Some((_, d)) = dates.first() {
            return Some(*d);
        }
    }
    // "Tuesday night's conversation", "Monday's talks": the day owns the encounter.
    let owned = toks.iter().enumerate().find_map(|(j, t)| {
        let noun = j > 0 && matches!(t.low.as_str(), "talks" | "meeting" | "call" | "conversation") && toks[j - 1].is_possessive();
        noun.then(|| dates.iter().find(|(b, _)| (toks[j.saturating_sub(2)].s..=toks[j - 1].s).contains(b)).map(|(_, d)| *d)).flatten()
    });
    if owned.is_some() {
        return owned;
    }
    // "the meeting (which took place) yesterday", and "... held a meeting in Lima on
    // Thursday" told after the report's day.
    let held = |j: usize| j > 1 && low(toks, j - 1) == "a" && matches!(low(toks, j - 2), "held" | "had");
    let j = toks.iter().enumerate().position(|(j, t)| {
        matches!(t.low.as_str(), "talks" | "meeting" | "call" | "conversation") && (toks[j.saturating_sub(2)..j].iter().any(|p| p.low == "the") || held(j))
    })?;
    // Past a relative clause's verb, or a place ("in Lima on Thursday").
    let reach = if matches!(low(toks, j + 1), "which" | "that") || held(j) { 6 } else { 3 };
    let (from, to) = (toks.get(j + 1)?.s, toks[(j + reach).min(toks.len() - 1)].e);
    dates.iter().find(|(b, _)| (from..=to).contains(b)).map(|(_, d)| *d)
}

/// Whether `h` is one of the two officials a hyphenated pair of names gives ("the
/// Kishida-Biden talks"): two hits on one token.
fn in_joined_pair(hits: &[Hit], h: &Hit) -> bool {
    hits.iter().filter(|x| x.ts == h.ts).count() > 1
}

/// Whether the date at byte `b` is the day a report was made, after the encounter word
/// `k` (", the ministry said Wednesday", "said on Wednesday").
fn said_on(toks: &[Tok], b: usize, k: usize) -> bool {
    let Some(i) = toks.iter().position(|t| t.s == b) else { return false };
    let verb = if i > 0 && low(toks, i - 1) == "on" { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
    verb > k && verb < toks.len() && matches!(low(toks, verb), "said" | "says" | "announced" | "reported" | "stated" | "confirmed")
}

/// A day more than a month before the day the article's dates are told from.
fn background(d: &ResolvedDate) -> bool {
    d.anchor.is_some_and(|a| d.date + chrono::Duration::days(31) < a)
}

/// A conference joins the one reported up to three sentences before ("X, Y and Z
/// attended the dialogue" after the dialogue is told of), else starts a record.
fn join_or_push_conference(out: &mut Vec<Meet>, m: Meet) {
    let Some(prev) = out.iter_mut().rev().find(|p| p.kind == MeetingKind::Conference && m.sent - p.sent <= 3) else {
        out.push(m);
        return;
    };
    for o in m.participants {
        if !prev.participants.contains(&o) {
            prev.participants.push(o);
        }
    }
    if prev.date.is_none() {
        prev.date = m.date;
    }
    if prev.location.is_none() {
        prev.location = m.location;
    }
}

/// Officials listed in the sentence after a one-sided meeting report, when that
/// sentence only lists ("Among the guests were A of X, B of Y and C of Z.").
fn listed_next(sents: &[Sent], hits: &[Vec<Hit>], si: usize, principal: usize) -> Option<Vec<usize>> {
    let next = sents.get(si + 1)?;
    let toks = &next.toks;
    let listing = toks.iter().any(|t| matches!(t.low.as_str(), "were" | "included" | "including" | "are" | "among"));
    if !listing || toks.iter().any(|t| t.has(super::lexicon::F_VERB)) {
        return None;
    }
    let mut out = Vec::new();
    for h in &hits[si + 1] {
        if let Who::Off(o) = h.who {
            if o != principal && !h.possessive && !out.contains(&o) {
                out.push(o);
            }
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Byte ranges of ", who ... ," / ", which ... ," / "from which ..." clauses (to the
/// sentence end if unclosed).
fn relative_clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for k in 0..toks.len() {
        // "... a summit from which Y was absent": a preposition opens one too.
        let prepositional = matches!(toks[k].low.as_str(), "from" | "in" | "at" | "with" | "during" | "by" | "to" | "on" | "under") && matches!(low(toks, k + 1), "which" | "whom");
        if prepositional || (toks[k].low == "," && matches!(low(toks, k + 1), "who" | "which" | "whose" | "where")) {
            let end = toks[k + 1..].iter().find(|t| t.low == ",").map(|t| t.s).unwrap_or(usize::MAX);
            out.push((toks[k].s, end));
        }
    }
    out
}

/// In "A held meetings with B, C and D" A meets each; A is whoever already met
/// others in this article, else the subject before the verb.
fn principal(parts: &[(usize, usize)], k: usize, prior: &[Meet]) -> usize {
    let seen = |o: usize| times_met(prior, o);
    if let Some(p) = parts.iter().max_by_key(|p| (seen(p.0), usize::MAX - p.1)).filter(|p| seen(p.0) > 0) {
        return p.0;
    }
    parts.iter().find(|p| p.1 < k).unwrap_or(&parts[0]).0
}

/// The official the article has shown meeting others most often, outside `parts`.
fn most_met(prior: &[Meet], parts: &[(usize, usize)]) -> Option<usize> {
    prior.iter().flat_map(|m| m.participants.iter().copied()).filter(|o| !parts.iter().any(|p| p.0 == *o)).min_by_key(|o| std::cmp::Reverse(times_met(prior, *o)))
}

/// How many bilateral encounters told so far official `o` took part in (everyone at an
/// event attended is "seen" there, so events do not count).
fn times_met(prior: &[Meet], o: usize) -> usize {
    prior.iter().filter(|m| m.kind != MeetingKind::Conference && m.participants.contains(&o)).count()
}

fn same_set(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The same encounter told twice keeps one record; "talks" refines "meeting".
fn merge_or_push(out: &mut Vec<Meet>, m: Meet) {
    let compatible = |a: MeetingKind, b: MeetingKind| a == b || matches!((a, b), (MeetingKind::Meeting, MeetingKind::Talks) | (MeetingKind::Talks, MeetingKind::Meeting));
    // The same parties on two days the text tells ("received B at the airport on September 5",
    // "held talks with B on Thursday") met twice; a day only taken from the dateline says nothing.
    let told = |d: &ResolvedDate| !matches!(d.rule, DateRule::Anchor | DateRule::ThisWeek);
    let other_day = |p: &Meet| matches!((p.date, m.date), (Some(a), Some(b)) if a.date != b.date && told(&a) && told(&b));
    if let Some(prev) = out.iter_mut().find(|p| compatible(p.kind, m.kind) && same_set(&p.participants, &m.participants) && !other_day(p)) {
        if prev.kind == MeetingKind::Meeting && m.kind == MeetingKind::Talks {
            prev.kind = MeetingKind::Talks;
        }
        if prev.date.is_none() {
            prev.date = m.date;
        }
        if prev.location.is_none() {
            prev.location = m.location;
        }
        if prev.host.is_none() {
            prev.host = m.host;
        }
        return;
    }
    out.push(m);
}

/// "in Beijing", "in the Zimbabwean capital of Harare", "at the State House", "here".
fn location(text: &str, toks: &[Tok], cx: &Context) -> Option<(String, Option<CountryCode>)> {
    let mut venue = None;
    for i in 0..toks.len() {
        let w = toks[i].low.as_str();
        // "of" places only after a word of place ("the city of X", "the outskirts of X"):
        // "Crown Prince of Abu Dhabi" and "a gift of Montreal smoked meats" place nothing.
        let place_of = w == "of" && i > 0 && matches!(low(toks, i - 1), "city" | "capital" | "outskirts" | "suburbs" | "suburb" | "centre" | "center" | "heart" | "town" | "port");
        // "met B as part of his visit to Buenos Aires", "during a visit to Lima": the city
        // of a visit under way (not one ahead or after).
        let visit_to = w == "to" && i > 0 && matches!(low(toks, i - 1), "visit" | "trip") && toks[i.saturating_sub(6)..i - 1].iter().any(|t| matches!(t.low.as_str(), "during" | "part" | "on" | "while"));
        if matches!(w, "in" | "at") || place_of || visit_to {
            let mut k = i + 1;
            if low(toks, k) == "the" {
                k += 1;
            }
            if w == "in" && venue.is_none() {
                venue = city_of_state(text, toks, k);
            }
            if let Some(h) = gaz_at(text, toks, k) {
                if matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) {
                    if let Target::State(c) = h.entry.target {
                        let s = &text[toks[k].s..toks[h.end - 1].e];
                        return Some((s.trim_end_matches("'s").trim_end_matches("’s").to_string(), Some(c)));
                    }
                }
                continue;
            }
            // "Minister of State for International Cooperation at the Ministry of Foreign
            // Affairs X": the ministry after an office is where the office sits, not a venue.
            let after_office = i > 0 && toks[i - 1].is_cap(text) && toks[i - 1].has(super::lexicon::F_HEAD | super::lexicon::F_COMPL);
            if w == "at" && low(toks, i + 1) == "the" && venue.is_none() && !after_office {
                // A named venue: capitalised words, "of the" allowed inside.
                let mut e = k;
                while e < toks.len() && (toks[e].is_cap(text) || (matches!(toks[e].low.as_str(), "of" | "the") && toks.get(e + 1).is_some_and(|n| n.is_cap(text) || n.low == "the"))) {
                    e += 1;
                }
                if e > k && toks[k].is_cap(text) {
                    venue = Some((text[toks[k].s..toks[e - 1].e].to_string(), None));
                }
            }
        }
        if w == "here" {
            if let Some((p, c)) = cx.dateline_place {
                return Some((p.to_string(), c));
            }
        }
    }
    venue.map(|(v, c): (String, Option<CountryCode>)| (v, c.or_else(|| cx.dateline_place.and_then(|d| d.1))))
}

/// "in Kumamoto, Japan", "in Kumamoto city, Japan": a city the gazetteer does not know,
/// named with its state.
fn city_of_state(text: &str, toks: &[Tok], k: usize) -> Option<(String, Option<CountryCode>)> {
    let words = toks[k..].iter().take(3).take_while(|t| t.is_cap(text) && t.is_word() && !t.is_possessive()).count();
    if words == 0 || gaz_at(text, toks, k).is_some() {
        return None;
    }
    let city_word = usize::from(matches!(low(toks, k + words), "city" | "province"));
    let comma = k + words + city_word;
    if low(toks, comma) != "," {
        return None;
    }
    let h = gaz_at(text, toks, comma + 1).filter(|h| h.entry.kind == PlaceKind::Name)?;
    let Target::State(c) = h.entry.target else { return None };
    Some((text[toks[k].s..toks[k + words - 1].e].to_string(), Some(c)))
}

/// The first city the lead paragraph names after "in" — where an in-person
/// meeting is taking place when its own sentence does not say.
fn first_city(text: &str, sents: &[Sent]) -> Option<(String, Option<CountryCode>)> {
    let lead = sents.first()?.para;
    for s in sents.iter().take_while(|s| s.para == lead) {
        let toks = &s.toks;
        for i in 0..toks.len() {
            if toks[i].low == "in" {
                if let Some(h) = gaz_at(text, toks, i + 1) {
                    if matches!(h.entry.kind, PlaceKind::City | PlaceKind::Capital) {
                        if let Target::State(c) = h.entry.target {
                            return Some((text[toks[i + 1].s..toks[h.end - 1].e].to_string(), Some(c)));
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn kind(s: &str) -> Option<MeetingKind> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        crate::extract::gazetteer::GAZ.mark(s, &mut toks);
        trigger(&toks).map(|(k, _)| k)
    }

    #[test]
    fn calling_a_titled_person_is_a_phone_call() {
        for s in ["Last night, President A called President B of Peru.", "A called Dr. B today to congratulate him.", "A called his counterpart on Monday.", "A called Chilean Prime Minister B.", "A on Friday called up Prime Minister B.", "Former Prime Minister A also called up Bhandari to offer his congratulations."] {
            assert_eq!(kind(s), Some(MeetingKind::PhoneCall), "{s}");
        }
        for s in ["A and B exchanged views on trade during the 15-minute call.", "During the call, A and B agreed to meet."] {
            assert_eq!(kind(s), Some(MeetingKind::PhoneCall), "{s}");
        }
        for s in ["A called for calm.", "A was called President by the crowd.", "A called Peruvian tariffs unfair.", "A called the talks useful.", "A called Russia's invasion a crime.", "A called up the reserves.", "A called up 3,000 reservists."] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn talks_held_with_one_who_paid_a_courtesy_call_are_talks() {
        assert_eq!(kind("President A held talks with President B who paid him a courtesy call at State House."), Some(MeetingKind::Talks));
        assert_eq!(kind("Ambassador B paid a courtesy call on President A ahead of talks with the minister."), Some(MeetingKind::Meeting));
    }

    #[test]
    fn an_audience_held_or_granted_is_a_meeting() {
        assert_eq!(kind("A and Ambassador B held an audience with Minister C."), Some(MeetingKind::Meeting));
        assert_eq!(kind("The King granted an audience to B."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A addressed an audience of students."), None);
    }

    #[test]
    fn kinds_follow_the_guideline() {
        assert_eq!(kind("A had a telephone conversation with B."), Some(MeetingKind::PhoneCall));
        assert_eq!(kind("A held talks with B via video link."), Some(MeetingKind::VideoCall));
        assert_eq!(kind("A sent a congratulatory message to B."), Some(MeetingKind::Message));
        assert_eq!(kind("In his message to B, A noted progress."), Some(MeetingKind::Message));
        assert_eq!(kind("A held talks with B."), Some(MeetingKind::Talks));
        assert_eq!(kind("A attended the summit with B."), Some(MeetingKind::Conference));
        assert_eq!(kind("A received B."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A spoke with B."), Some(MeetingKind::PhoneCall));
        assert_eq!(kind("A called on Prime Minister B."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A called on Ruritanian President B."), Some(MeetingKind::Meeting));
    }

    #[test]
    fn visits_without_a_partner() {
        assert_eq!(kind("A visited Kenya on Monday."), Some(MeetingKind::Visit));
        assert_eq!(kind("A is on an official visit to Kenya."), Some(MeetingKind::Visit));
        assert_eq!(kind("A has visited Kenya three times."), None);
        assert_eq!(kind("His last visit to Kenya was long ago."), None);
    }

    fn planned_at(s: &str) -> bool {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let (_, k) = trigger(&toks).expect(s);
        planned(&toks, k)
    }

    #[test]
    fn attendance_courtesy_calls_and_the_progressive() {
        assert_eq!(kind("A is attending the ministerial meeting in Lima."), Some(MeetingKind::Conference));
        assert_eq!(kind("A took part in the summit."), Some(MeetingKind::Conference));
        assert_eq!(kind("A participated in the forum on Monday."), Some(MeetingKind::Conference));
        assert_eq!(kind("A paid a courtesy call on B."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A was meeting B on the final day."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A's state visit to Kenya ended."), Some(MeetingKind::Visit));
        assert_eq!(kind("A will take part of the blame."), None);
        assert_eq!(kind("A and his delegation were in Lima to attend the OIC session."), Some(MeetingKind::Conference));
        assert_eq!(kind("A plans to attend the OIC session."), None);
    }

    #[test]
    fn planned_encounters_are_not_meetings() {
        for s in ["A will hold talks with B.", "A is expected to hold talks with B.", "A plans to hold a phone call with B.",
                  "A is due to be attending the summit.", "Ahead of the meeting with B, A spoke.", "A and B are scheduled to hold talks."] {
            assert!(planned_at(s), "{s}");
        }
        assert!(planned_at("A welcomed B's visit to Laos in the near future."));
        // Policy-paper style: the encounter word ends a long name governed by a planned verb.
        assert!(planned_at("They will coordinate toward holding Japan-Australia Joint Foreign Defense Ministerial Consultations (Japan-Australia \"2 plus 2\" talks) promptly."));
        assert!(planned_at("She was in Lima to mediate talks between him and B."));
        assert!(!planned_at("A and B said after holding the Japan-Australia Joint Foreign Defense Ministerial Consultations (\"2 plus 2\" talks) on Monday."));
        assert!(!planned_at("A was in Lima to attend the summit."));
        assert_eq!(kind("A is in Lima to attend the summit."), None);
        assert!(planned_at("A visited Laos, and B will follow later this year."));
        for s in ["A says a meeting between the two leaders is in the works.", "A told staff to prepare a meeting with B.",
                  "A discussed a possible meeting with B.", "A said a meeting with B was being arranged."] {
            assert!(planned_at(s), "{s}");
        }
        for s in ["A held talks with B.", "A went to Lima and met B.", "A paid a visit to Kenya.", "A was meeting B.", "A visited Laos, a future partner."] {
            assert!(!planned_at(s), "{s}");
        }
    }

    #[test]
    fn other_words_for_meeting_a_partner() {
        assert_eq!(kind("A conferred with B in Lima."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A held a bilateral discussion with B."), Some(MeetingKind::Talks));
        assert_eq!(kind("A exchanged views with B on trade."), Some(MeetingKind::Meeting));
        assert_eq!(kind("The two sides exchanged views on trade."), None);
        assert_eq!(kind("A also held a series of meetings with B and C."), Some(MeetingKind::Meeting));
        assert_eq!(kind("A's day went on with the meetings, which he called useful, with B and C."), Some(MeetingKind::Meeting));
        assert_eq!(kind("The outcome of meetings with B was unclear."), None);
        assert_eq!(kind("While meeting with B, A praised their exchange of video messages."), Some(MeetingKind::Meeting));
    }

    /// The day of the first meeting, as text.
    fn first_day(x: &crate::domain::Extraction) -> Option<String> {
        x.meetings[0].date.map(|d| d.date.to_string())
    }

    /// Each meeting's participants and the first meeting's day.
    fn parties_and_day(text: &str) -> (Vec<Vec<String>>, Option<String>) {
        let (x, names) = extract(text);
        (names, first_day(&x))
    }

    fn extract(text: &str) -> (crate::domain::Extraction, Vec<Vec<String>>) {
        let x = crate::extract::Extractor::new(&crate::domain::default_topics(), &[]).extract(text, chrono::NaiveDate::from_ymd_opt(2022, 5, 4));
        let names = x.meetings.iter().map(|m| m.participants.iter().map(|i| x.officials[*i].name.clone()).collect()).collect();
        (x, names)
    }

    #[test]
    fn a_pair_acting_together_with_the_partner_described_met() {
        for s in ["Peruvian Foreign Minister Ana Vera along with her Chilean counterpart Tomas Soto, discussed bilateral ties.",
                  "Peruvian Foreign Minister Ana Vera and her Chilean counterpart Tomas Soto signed a joint statement.",
                  "A memorandum of understanding was inked by Peruvian Foreign Minister Ana Vera and her Chilean counterpart Tomas Soto."] {
            let (x, names) = extract(s);
            assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]], "{s}");
            assert_eq!(x.officials[1].titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Foreign Minister"], "{s}: the counterpart's office");
        }
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera, speaking of her Chilean counterpart Tomas Soto, discussed trade.");
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn participants_come_from_the_clause_of_the_encounter() {
        let (_, names) = extract("King Tomas Soto of Ruritania on Monday received Peruvian Foreign Minister Ana Vera, who conveyed the greetings of Peruvian President Luis Pardo.");
        assert_eq!(names, vec![vec!["Tomas Soto", "Ana Vera"]]);
        let (_, names) = extract("Peruvian President Luis Pardo met Chilean President Tomas Soto on Monday, Peruvian Foreign Minister Ana Vera said.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"]]);
        let (_, names) = extract("During a meeting with Chilean President Tomas Soto, Peruvian President Luis Pardo hailed the ties, said Peruvian presidential spokesman Ana Vera.");
        assert_eq!(names, vec![vec!["Tomas Soto", "Luis Pardo"]]);
    }

    #[test]
    fn a_time_without_its_day_dates_no_encounter() {
        for s in ["Peruvian President Luis Pardo met Chilean President Tomas Soto in Lima last month.",
                  "Peruvian President Luis Pardo recently met Chilean President Tomas Soto.",
                  "Peruvian President Luis Pardo met Chilean President Tomas Soto in March."] {
            let (x, _) = extract(&format!("LIMA, May 4 (Xinhua) -- {s}"));
            assert_eq!(x.meetings[0].date, None, "{s}");
        }
        let (x, _) = extract("LIMA, May 4 (Xinhua) -- Peruvian President Luis Pardo met Chilean President Tomas Soto in Lima on 2 May.");
        assert!(x.meetings[0].date.is_some());
        let (_, names) = extract("Chilean President Tomas Soto's visit followed Peruvian President Luis Pardo's meeting with Bolivian President Eva Rojas in Lima last month.");
        assert!(names.contains(&vec!["Luis Pardo".to_string(), "Eva Rojas".to_string()]), "{names:?}");
    }

    #[test]
    fn partners_listed_without_a_subject_meet_the_party_the_article_follows() {
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera welcomed Chilean Foreign Minister Tomas Soto to Lima.\n\nThe agenda included meetings with Peruvian President Luis Pardo and Prime Minister Eva Rojas.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Luis Pardo"], vec!["Ana Vera", "Eva Rojas"]]);
    }

    #[test]
    fn an_encounter_told_in_a_relative_clause_has_its_partner_there() {
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera, who on Thursday hosted her Chilean counterpart Tomas Soto in Lima, said trade is growing.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
    }

    #[test]
    fn a_city_in_an_office_or_a_gift_is_no_place() {
        let (x, _) = extract("Peruvian President Ana Vera spoke today with Chilean President Tomas Soto to thank him for the gift of Lima smoked meats.");
        assert_eq!(x.meetings[0].location, None);
        let (x, _) = extract("Peruvian President Ana Vera met Chilean President Tomas Soto in the city of Lima.");
        assert_eq!(x.meetings[0].location.as_deref(), Some("Lima"));
    }

    #[test]
    fn a_city_named_with_its_state_is_the_place() {
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto in Quillota, Chile on Monday.");
        assert_eq!(x.meetings[0].location.as_deref(), Some("Quillota"));
        assert_eq!(x.meetings[0].location_country.map(|c| c.to_string()).as_deref(), Some("CL"));
    }

    #[test]
    fn days_in_a_clause_about_the_partner_do_not_date_the_encounter() {
        let (x, _) = extract("LIMA, May 4 (Agency) -- Peruvian President Luis Pardo said Tuesday that trade must grow.\n\nPardo made the remarks in a meeting with Chilean Foreign Minister Tomas Soto, who is in Lima to attend a forum on Monday and Tuesday.");
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-03"));
        let (x, _) = extract("LIMA, May 4 (Agency) -- Peruvian President Luis Pardo said Tuesday that trade must grow.\n\nHe spoke in a meeting with Chilean Foreign Minister Tomas Soto, which took place on Monday.");
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-02"), "a clause about the meeting dates it");
    }

    #[test]
    fn an_undated_encounter_named_again_with_its_day_takes_it() {
        let text = "Peruvian Foreign Minister Ana Vera discussed trade in a meeting with Chilean Foreign Minister Tomas Soto, an official said.\n\nVera's remarks during the bilateral talks Thursday in Lima come as tensions rise.";
        assert_eq!(parties_and_day(text), (vec![vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]], Some("2022-04-28".to_string())));
        // An official named after the day, in what the sentence goes on to tell, is no party.
        let text = "Peruvian Foreign Minister Ana Vera discussed trade in a meeting with Chilean Foreign Minister Tomas Soto, an official said.\n\nVera's remarks during the bilateral talks Thursday in Lima come as Bolivian President Eva Rojas criticized Lima.";
        assert_eq!(parties_and_day(text).1, Some("2022-04-28".to_string()));
    }

    #[test]
    fn a_letter_received_beside_a_call_is_a_message_not_a_party_to_the_call() {
        let (x, names) = extract("LIMA, May 4 (Agency) -- Today, Prime Minister Ana Vera received a telephone call from Chilean President Tomas Soto and a letter from Bolivian President Eva Rojas.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Eva Rojas"]]);
        assert_eq!(x.meetings.iter().map(|m| m.kind).collect::<Vec<_>>(), [MeetingKind::PhoneCall, MeetingKind::Message]);
    }

    #[test]
    fn a_joined_pair_takes_part_only_in_the_encounter_it_names() {
        let text = "Peruvian President Ana Vera met Chilean President Tomas Soto. Brazilian President Luis Pardo phoned Bolivian President Eva Rojas.\n\nThe Vera-Soto meeting came after Pardo and Rojas spoke by phone on Wednesday.";
        let (_, names) = extract(text);
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Luis Pardo", "Eva Rojas"]]);
    }

    #[test]
    fn a_leader_naming_a_government_is_no_party() {
        let text = "Peruvian Foreign Minister Ana Vera had a farewell phone call with Chilean Foreign Minister Tomas Soto on Monday, a day before the launch of the Luis Pardo administration. Peruvian President Luis Pardo takes office on Tuesday.";
        assert_eq!(extract(text).1, vec![vec!["Ana Vera", "Tomas Soto"]]);
    }

    #[test]
    fn has_spoken_to_is_a_call() {
        for verb in ["has spoken to", "had spoken with", "spoke to"] {
            let text = format!("Peruvian Foreign Minister Ana Vera {verb} Chilean Foreign Minister Tomas Soto, covering bilateral issues.");
            let (x, names) = extract(&text);
            assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]], "{verb}");
            assert_eq!(x.meetings[0].kind, MeetingKind::PhoneCall, "{verb}");
        }
    }

    #[test]
    fn parties_that_spoke_for_a_while_on_a_day_date_their_call() {
        let text = "Peruvian Foreign Minister Ana Vera held a phone call with her Chilean counterpart, Tomas Soto, to discuss relations. Vera and Soto spoke for over 30 minutes on Tuesday afternoon.";
        assert_eq!(parties_and_day(text), (vec![vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]], Some("2022-05-03".to_string())));
    }

    #[test]
    fn a_background_day_between_encounters_dates_neither() {
        // Published Wednesday 2022-05-04.
        let text = "LIMA, May 4 (Agency) -- Peruvian President Ana Vera on Wednesday met Chilean President Tomas Soto.\n\n\
                    Vera will govern until 2027, having won the runoff election on April 10.\n\n\
                    Vera also met Bolivian President Eva Rojas at the palace.";
        let (x, names) = extract(text);
        assert_eq!(names.len(), 2);
        let days: Vec<String> = x.meetings.iter().map(|m| m.date.map(|d| d.date.to_string()).unwrap_or_default()).collect();
        assert_eq!(days, ["2022-05-04", "2022-05-04"]);
    }

    #[test]
    fn a_welcome_given_by_a_host_is_a_meeting() {
        for text in [
            "Peruvian President Ana Vera was today given a warm welcome by her Chilean counterpart Tomas Soto at the palace.",
            "Peruvian President Ana Vera was accorded a ceremonial reception by Chilean President Tomas Soto.",
            // Where the host stood may come between the passive and its agent.
            "Peruvian President Ana Vera was welcomed at Arturo Merino Benitez International Airport, near Santiago, by Chilean President Tomas Soto.",
            "Peruvian President Ana Vera was received at the airport by Chilean President Tomas Soto.",
            "Peruvian President Ana Vera was greeted by Chilean President Tomas Soto.",
        ] {
            assert_eq!(extract(text).1, vec![vec!["Ana Vera", "Tomas Soto"]], "{text}");
        }
        assert!(extract("Peruvian President Ana Vera gave a warm welcome to the decision of Chilean President Tomas Soto.").1.is_empty());
        assert!(extract("The plan of Peruvian President Ana Vera was welcomed by Chilean President Tomas Soto.").1.is_empty(), "a plan is no visitor");
    }

    #[test]
    fn a_meeting_of_two_named_officials_is_theirs() {
        let text = "The release followed Thursday's morning meeting in London of foreign minister Ana Vera and Chilean foreign secretary Tomas Soto.";
        assert_eq!(extract(text).1, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert!(extract("The meeting of the Council of Ministers, chaired by Peruvian Foreign Minister Ana Vera, approved the plan of Chilean President Tomas Soto.").1.is_empty(), "a body's sitting");
    }

    #[test]
    fn a_tour_of_listed_cities_is_a_visit_to_each() {
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera ended her tour on Thursday. Vera visited Santiago, La Paz, Quito and Bogota.");
        let places: Vec<&str> = x.meetings.iter().filter(|m| m.kind == MeetingKind::Visit).filter_map(|m| m.location.as_deref()).collect();
        assert_eq!(places, ["Santiago", "La Paz", "Quito", "Bogota"]);
    }

    #[test]
    fn a_chat_is_a_meeting() {
        let (_, names) = extract("Peruvian President Ana Vera and Chilean President Tomas Soto on Friday confirmed their cooperation in a brief chat on the sidelines of the summit.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        let (_, names) = extract("Peruvian President Ana Vera chatted with Chilean President Tomas Soto before the dinner.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
    }

    #[test]
    fn the_day_of_the_report_yields_to_the_day_the_encounter_took_place() {
        let text = "Peruvian Foreign Minister Ana Vera held phone talks with Chilean Foreign Minister Tomas Soto, her ministry said Friday.\n\nThe conversation, arranged at Soto's request, began at 9 p.m. Thursday and lasted an hour.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-28"));
        let text = "Peruvian Foreign Minister Ana Vera and her Chilean counterpart Tomas Soto have held talks in Peru, her ministry said Friday.\n\nThe top diplomats of the two nations held a meeting in Lima on Thursday.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-28"));
        // Others' meeting on another day leaves the report's day.
        let text = "Peruvian Foreign Minister Ana Vera and her Chilean counterpart Tomas Soto have held talks in Peru, her ministry said Friday.\n\nBolivian President Eva Rojas held a meeting in Lima on Thursday.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-29"));
        let text = "Peruvian Foreign Minister Ana Vera had a first meeting with Chilean Foreign Minister Tomas Soto in Lima.\n\nThursday night's conversation follows months of signalling.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-28"));
        let text = "Peruvian Foreign Minister Ana Vera held discussions with Chilean Foreign Minister Tomas Soto.\n\nDuring the meeting which took place on Thursday in Lima, the two sides discussed trade.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-28"));
        // With no other day told, the report's day stays.
        let text = "Peruvian Foreign Minister Ana Vera held phone talks with Chilean Foreign Minister Tomas Soto, her ministry said Friday.";
        let (x, _) = extract(text);
        assert_eq!(first_day(&x).as_deref(), Some("2022-04-29"));
    }

    #[test]
    fn a_delegation_welcomed_on_a_day_before_a_meeting_to_come_is_met_together() {
        let text = "LIMA, May 6 (Agency) -- Peruvian Foreign Minister Ana Vera welcomed on Wednesday the Chilean Foreign Minister Tomas Soto, Interior Minister Eva Rojas and Defence Minister Luis Pardo ahead of their meeting with the president.";
        let (_, names) = extract(text);
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto", "Eva Rojas", "Luis Pardo"]]);
    }

    #[test]
    fn an_encounter_they_last_had_is_another_meeting_with_its_own_place() {
        let (x, names) = extract("LIMA, May 6 (Agency) -- Peruvian President Ana Vera received Chilean President Tomas Soto on Monday.\nVera and Soto last met in Santiago in March.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Tomas Soto"]]);
        assert!(x.meetings[0].date.is_some() && x.meetings[0].location.as_deref() != Some("Santiago"), "{:?}", x.meetings);
        assert_eq!((x.meetings[1].date, x.meetings[1].location.as_deref()), (None, Some("Santiago")));
    }

    #[test]
    fn a_host_told_by_a_participle_opening_the_sentence_met_the_guest() {
        let (_, names) = extract("LIMA -- Hosting his Chilean counterpart Tomas Soto at the palace, Peruvian President Ana Vera said ties were strong.");
        assert_eq!(names, vec![vec!["Tomas Soto", "Ana Vera"]]);
        // Not a participle standing alone: "Hosting the summit is an honour" names no one met.
        let (x, _) = extract("LIMA -- Hosting the summit is an honour for Peru, President Ana Vera said.");
        assert!(x.meetings.is_empty(), "{:?}", x.meetings);
    }

    #[test]
    fn a_trilateral_meeting_is_one_encounter_of_all_its_parties() {
        let (_, names) = extract("LIMA -- Peruvian Foreign Minister Ana Vera held a trilateral meeting with Chilean Foreign Minister Tomas Soto and Bolivian Foreign Minister Eva Rojas on Monday.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto", "Eva Rojas"]]);
        // Without the word, a meeting with two partners is a meeting with each.
        let (_, names) = extract("LIMA -- Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto and Bolivian Foreign Minister Eva Rojas on Monday.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Eva Rojas"]]);
    }

    #[test]
    fn a_visit_paid_to_an_official_is_a_meeting_with_them() {
        let (x, names) = extract("Peruvian President Ana Vera on Thursday visited President Tomas Soto at the palace in Santiago.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::Meeting);
        // A visit to a state, or to an official's town, is a trip.
        let (x, _) = extract("Peruvian President Ana Vera visited Chile on Thursday.");
        assert_eq!(x.meetings[0].kind, MeetingKind::Visit);
        let (x, _) = extract("Peruvian President Ana Vera visited Chilean President Tomas Soto's home town.");
        assert!(x.meetings.iter().all(|m| m.kind == MeetingKind::Visit), "{:?}", x.meetings);
        // Agency wording: a working or courtesy visit "paid to" a styled official.
        let (x, names) = extract("The Peruvian Minister of Defence, Hon. Ana Vera, has paid a working visit to Dr. Tomas Soto, the President of the Andean Community, on Tuesday in Lima.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::Meeting);
        let (x, _) = extract("The Peruvian Minister of Defence, Hon. Ana Vera, has paid a working visit to Lima on Tuesday.");
        assert_eq!(x.meetings[0].kind, MeetingKind::Visit);
    }

    #[test]
    fn an_official_welcomed_in_person_is_met_once() {
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera welcomed Chilean Foreign Minister Tomas Soto to Lima on Monday.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera welcomed the decision of Chilean Foreign Minister Tomas Soto.");
        assert!(names.is_empty(), "{names:?}");
        let (x, names) = extract("Peruvian President Luis Pardo spoke with Chilean President Tomas Soto by phone on Monday.\n\nPresident Pardo welcomed President Soto and his new government.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::PhoneCall);
    }

    #[test]
    fn a_phone_call_with_a_list_of_leaders_is_one_call_each() {
        let (x, names) = extract("Peruvian President Luis Pardo today had telephone conversations with Chilean President Tomas Soto, Bolivian President Eva Rojas and Ecuadorian President Ana Vera.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"], vec!["Luis Pardo", "Eva Rojas"], vec!["Luis Pardo", "Ana Vera"]]);
        assert!(x.meetings.iter().all(|m| m.kind == MeetingKind::PhoneCall));
        let (_, names) = extract("Peruvian President Luis Pardo had a phone conversation with Chilean President Tomas Soto and Chilean President-elect Eva Rojas.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto", "Eva Rojas"]]);
    }

    #[test]
    fn hosted_to_a_meal_and_a_conversation_held_are_encounters() {
        let (_, names) = extract("LIMA, May 4 -- Foreign Minister Ana Vera of Peru called on and was hosted to lunch by President Tomas Soto of Chile today.");
        assert_eq!(names, [vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]]);
        let (_, names) = extract("LIMA, May 4 -- Foreign Minister Ana Vera of Peru also met and was hosted to dinner by President Tomas Soto of Chile today.");
        assert_eq!(names, [vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]]);
        let (x, names) = extract("LIMA, May 4 -- Foreign Minister Ana Vera of Peru on Sunday held a conversation with Foreign Minister Tomas Soto of Chile.");
        assert_eq!(names, [vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]]);
        assert_eq!(x.meetings[0].kind, crate::domain::MeetingKind::Talks);
    }

    #[test]
    fn who_reports_an_encounter_of_two_others_is_no_party_to_it() {
        let (_, names) = extract("LIMA, May 4 -- Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto on Monday.\nThe spokeswoman, Rosa Diaz, said Vera joined a meeting between Soto and the Peruvian trade minister, Luis Pardo.");
        assert!(names.iter().all(|m| !m.contains(&"Rosa Diaz".to_string())), "{names:?}");
        // The reporter of an encounter with one other named is a party ("X said he met Y").
        let (_, names) = extract("LIMA, May 4 -- Peruvian Foreign Minister Ana Vera said she met Chilean Foreign Minister Tomas Soto on Monday.");
        assert_eq!(names, [vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]]);
        let (_, names) = extract("LIMA, May 4 -- Trade will grow, Peruvian Foreign Minister Ana Vera said as she met Chilean President Tomas Soto and his brother Luis Soto.");
        assert!(names.iter().all(|m| m.contains(&"Ana Vera".to_string())), "{names:?}");
    }

    #[test]
    fn calls_credentials_and_discussions_with_a_partner_are_encounters() {
        let (x, names) = extract("Peruvian President Luis Pardo held a call with Chilean President Tomas Soto on Monday.");
        assert_eq!((x.meetings[0].kind, names), (MeetingKind::PhoneCall, vec![vec!["Luis Pardo".to_string(), "Tomas Soto".to_string()]]));
        let (x, names) = extract("Chilean Ambassador Ana Vera presented her letter of credence to Peruvian President Luis Pardo on Monday.");
        assert_eq!((x.meetings[0].kind, names), (MeetingKind::Meeting, vec![vec!["Ana Vera".to_string(), "Luis Pardo".to_string()]]));
        let (_, names) = extract("Peruvian President Luis Pardo has discussed with Chilean President Tomas Soto and Bolivian President Eva Rojas on regional issues.");
        assert_eq!(names.len(), 2, "{names:?}");
        let (_, names) = extract("Peruvian President Luis Pardo discussed bilateral issues with Chilean President Tomas Soto.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"]]);
        // A topic discussed, a call demanded, credentials mentioned: no partner, no encounter.
        let (x, _) = extract("Peruvian President Luis Pardo discussed trade and renewed his call for calm.");
        assert!(x.meetings.is_empty(), "{:?}", x.meetings);
    }

    #[test]
    fn conducted_discussions_are_talks_and_attendees_of_the_meeting_take_part() {
        let (x, names) = extract("Peruvian President Luis Pardo said he and Chilean President Tomas Soto conducted frank discussions on trade.");
        assert_eq!((x.meetings[0].kind, names), (MeetingKind::Talks, vec![vec!["Luis Pardo".to_string(), "Tomas Soto".to_string()]]));
        let (_, names) = extract("Peruvian President Luis Pardo received Chilean President Tomas Soto. The meeting was attended by Ana Vera, Peruvian Ambassador to Chile; and Eva Rojas, Chilean Minister of State.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto", "Ana Vera", "Eva Rojas"]]);
        // "The meetings were attended by ...": every meeting told together has them.
        let (_, names) = extract("Peruvian President Luis Pardo separately met President Tomas Soto of Chile and Eva Rojas, President of Bolivia. The meetings were attended by Ana Vera, Peruvian Minister of State.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto", "Ana Vera"], vec!["Luis Pardo", "Eva Rojas", "Ana Vera"]]);
    }

    #[test]
    fn callers_and_passive_hosts_are_parties() {
        let (x, names) = extract("Ruritanian King Tomas Soto received a phone call on Monday from Peruvian President Luis Pardo.");
        assert_eq!(names, vec![vec!["Tomas Soto", "Luis Pardo"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::PhoneCall);
        let (_, names) = extract("Ruritanian King Tomas Soto received a phone call on Friday 16/8/2024 from Peruvian President Luis Pardo.");
        assert_eq!(names, vec![vec!["Tomas Soto", "Luis Pardo"]]);
        let (x, names) = extract("Peruvian President Luis Pardo received a letter from Chilean President Tomas Soto.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::Message);
        let (_, names) = extract("Peruvian President Luis Pardo received a courtesy call from Chilean Ambassador Ana Vera.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Ana Vera"]]);
        let (x, names) = extract("Peruvian Foreign Minister Ana Vera was received by Chilean President Tomas Soto in Santiago on Monday.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].host.map(|h| x.officials[h].name.as_str()), Some("Tomas Soto"));
        // Greetings carried from a third official make no party of them.
        let (_, names) = extract("Peruvian President Luis Pardo received Chilean Foreign Minister Ana Vera, who brought greetings from Chilean President Tomas Soto.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Ana Vera"]]);
    }

    #[test]
    fn a_list_of_subjects_that_met_is_one_gathering() {
        let (x, names) = extract("Peruvian President Luis Pardo, Chilean President Tomas Soto and Bolivian President Eva Rojas met in Lima on Monday.");
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(x.meetings[0].kind, MeetingKind::Conference);
    }

    #[test]
    fn attending_an_event_while_meeting_is_a_conference_too() {
        let (x, names) = extract("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto while attending the regional summit in Lima on Monday.");
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(x.meetings.iter().any(|m| m.kind == MeetingKind::Conference && m.participants.len() == 1));
        let (x, names) = extract("Peruvian President Luis Pardo met with President Tomas Soto of Chile and President Eva Rojas of Bolivia who were attending the regional summit on Monday.");
        assert_eq!(names[0].len(), 3, "{names:?}");
        assert!(x.meetings.iter().any(|m| m.kind == MeetingKind::Conference && m.participants.len() == 2));
    }

    #[test]
    fn an_encounter_in_a_relative_clause_takes_the_clause_date() {
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera today returned from Chile, where she attended the fourth regional summit of Andean states on 2 May.");
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-02"));
    }

    #[test]
    fn a_day_carried_over_dates_only_what_its_officials_did() {
        let (x, _) = extract("Peruvian President Luis Pardo on Monday opened the regional summit in Lima.\n\nChilean President Tomas Soto met Bolivian President Eva Rojas.");
        let bilateral = x.meetings.iter().find(|m| m.kind == MeetingKind::Meeting).unwrap();
        assert_eq!(bilateral.date, None);
        let (x, _) = extract("Peruvian President Luis Pardo opened the summit in Lima on Monday.\n\nPardo met Bolivian President Eva Rojas.");
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-02"));
    }

    #[test]
    fn after_a_step_back_in_time_an_undated_encounter_has_no_day() {
        let (x, _) = extract("LIMA, May 4 (Xinhua) -- Peruvian Foreign Minister Ana Vera attended the regional forum on Monday.\n\nThe previous forum was hosted by Vera on 9 April 2015.\n\nVera held talks with Chilean Foreign Minister Tomas Soto on the sidelines of the forum.");
        let talks = x.meetings.iter().find(|m| m.kind == MeetingKind::Talks).unwrap();
        assert_eq!(talks.date, None);
    }

    #[test]
    fn the_day_of_a_journey_dates_no_later_encounter() {
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera arrived in Lima on Monday.\n\nVera spoke with Chilean Foreign Minister Tomas Soto.");
        assert_eq!(x.meetings[0].date, None);
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera arrived in Lima on Monday and met Chilean Foreign Minister Tomas Soto.");
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-02"));
    }

    #[test]
    fn the_possessor_of_the_encounter_takes_part_in_it() {
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera's day went on with meetings with Chilean Foreign Minister Tomas Soto and Bolivian Foreign Minister Eva Rojas.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Eva Rojas"]]);
    }

    #[test]
    fn a_pair_acting_together_may_open_with_a_courtesy_style() {
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera went to Lima.\n\nDr Vera and Chilean Foreign Minister Tomas Soto discussed trade.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        // Agreeing together, past a relative clause about the second.
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera went to Lima.\n\nMeanwhile, Vera and Chilean Foreign Minister Tomas Soto, who chairs the forum, agreed on the importance of trade.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        // A readout's joint verbs: what the two said together, they said meeting.
        let (_, names) = extract("Peruvian Foreign Minister Ana Vera went to Lima.\n\nForeign Minister Vera and Chilean Foreign Minister Tomas Soto highlighted the importance of trade.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
    }

    #[test]
    fn an_encounter_said_not_to_have_happened_is_no_meeting() {
        for s in ["Peruvian President Ana Vera claimed that no mediation talks with Chilean President Tomas Soto took place.", "The meeting between Peruvian President Ana Vera and Chilean President Tomas Soto did not take place.", "The talks between Peruvian President Ana Vera and Chilean President Tomas Soto were called off."] {
            let (_, names) = extract(s);
            assert!(names.is_empty(), "{s}: {names:?}");
        }
    }

    #[test]
    fn a_pair_acting_after_a_call_told_by_offices_was_on_that_call() {
        let (x, names) = extract("The presidents of Peru and Chile on Thursday held a phone call to discuss ties.\n\nPeruvian President Ana Vera and his Chilean counterpart Tomas Soto also exchanged views on trade.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert_eq!(x.meetings[0].kind, MeetingKind::PhoneCall);
        let (x, _) = extract("The presidents of Peru and Chile on Thursday met in Lima.\n\nPeruvian President Ana Vera and his Chilean counterpart Tomas Soto also exchanged views on trade.");
        assert_eq!(x.meetings[0].kind, MeetingKind::Meeting);
    }

    #[test]
    fn a_fronted_while_meeting_names_the_partner_of_the_main_party() {
        let text = "Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto.\n\nWhile meeting with Bolivian Foreign Minister Eva Rojas, both sides praised the letters of Bolivian President Luis Pardo.";
        let (_, names) = extract(text);
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"], vec!["Ana Vera", "Eva Rojas"]]);
    }

    #[test]
    fn a_pair_acting_together_in_reported_speech() {
        let (x, names) = extract("Peruvian Foreign Minister Ana Vera went to Lima.\n\nVera said she and Chilean Foreign Minister Tomas Soto had discussed trade this afternoon.");
        assert_eq!(names, vec![vec!["Ana Vera", "Tomas Soto"]]);
        assert_eq!(first_day(&x).as_deref(), Some("2022-05-04"));
    }

    #[test]
    fn an_official_in_a_prepositional_relative_clause_is_no_participant() {
        let (_, names) = extract("Peruvian President Luis Pardo hosted Chilean President Tomas Soto on Monday at a summit from which Bolivian President Eva Rojas was absent.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Tomas Soto"]]);
    }

    #[test]
    fn a_later_encounter_keeps_the_place_of_the_last_one() {
        let (x, _) = extract("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto in Lima on Monday.\n\nVera then held talks with Bolivian Foreign Minister Eva Rojas.");
        assert_eq!(x.meetings.len(), 2);
        assert_eq!(x.meetings[1].location.as_deref(), Some("Lima"));
    }

    #[test]
    fn event_nouns_and_gerunds_are_not_meetings() {
        assert_eq!(kind("They are here for the fourth ministerial meeting of the forum."), None);
        assert_eq!(kind("He had the privilege of meeting B in 2009."), None);
        assert_eq!(kind("A called on all parties to show restraint."), None);
        assert_eq!(kind("A sent an envoy to attend the ceremony."), None);
        assert_eq!(kind("The message in the report was clear to A and B."), None);
    }

    #[test]
    fn a_participle_clause_tells_the_encounter_and_a_virtual_press_conference_does_not() {
        let (x, names) = extract("President Luis Pardo (Lucho) stressed the partnership while receiving US Secretary of State Ana Vera at the presidential palace on Thursday.\n\nForeign Minister Eva Rojas spoke at a virtual press conference after accompanying Lucho.\n\nPresident Lucho also urged closer defence cooperation.");
        assert_eq!(names, vec![vec!["Luis Pardo", "Ana Vera"]]);
        assert_eq!(x.meetings[0].host, Some(0));
        // "(Lucho)" is the president's short name, not another official.
        assert_eq!(x.officials.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), vec!["Luis Pardo", "Ana Vera", "Eva Rojas"]);
        let (_, names) = extract("Peruvian President Luis Pardo smiled while receiving an award in Lima.");
        assert!(names.is_empty());
    }
}
