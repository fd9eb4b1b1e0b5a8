//! The extraction pipeline: pure functions from article text to domain values.
//! Stages: cleanup → dateline → sentences → officials (pass 1, with titles) →
//! attribution (walks sentences, calling mentions = pass 2) → dates → meetings → topics.
//! No I/O: topics come in as data, the gazetteer is embedded.
//!
//! Every stage works on byte ranges of the ORIGINAL text; spans are converted to
//! character offsets once, at the end (`text::CharIndex`).

mod actors;
mod attribution;
mod cleanup;
mod dateline;
mod dates;
mod gazetteer;
mod grades;
mod lexicon;
mod meetings;
mod mentions;
mod officials;
mod publisher;
mod sentences;
mod text;
mod titles;
mod topics;

pub use sentences::{check_count as check_sentence_count, TooManySentences, MAX_SENTENCES};

use chrono::NaiveDate;

use crate::domain::{
    Actor, Dateline, OfficeHolder, DateRule, Extraction, Meeting, Mention, Official, Position, PositionGrade, ResolvedDate, Speaker,
    Stance, Statement, StatementMode, TitleMention, Topic, TopicSlug,
};

use attribution::Spk;
use cleanup::ParaKind;
use sentences::Sent;
use text::CharIndex;

pub use publisher::Origin;

/// Stored with every article so reprocessing can find what an older version read.
/// 0.5.0: the publisher's state is stored with the article (migration 17).
pub const EXTRACTOR_VERSION: &str = "0.5.0";

/// What an extraction depends on besides the text and the code: the topics'
/// slugs and patterns (labels and descriptions read nothing) and the actor
/// dictionary, as SHA-256 hex. Stored with every article, so an article read
/// before a topic or a dictionary entry changed is found on any instance by
/// comparing digests. Independent of the order of topics and entries.
pub fn data_digest(topics: &[Topic], actors: &[OfficeHolder]) -> String {
    use sha2::{Digest, Sha256};
    let mut lines: Vec<String> = topics
        .iter()
        .map(|t| {
            let mut patterns: Vec<&str> = t.patterns.iter().map(|p| p.as_str()).collect();
            patterns.sort_unstable();
            // Unit and record separators cannot occur in slugs or patterns.
            let line = format!("{}\u{1f}{}", t.slug, patterns.join("\u{1f}"));
            // Grades in their order (it ranks them); a topic without grades digests as before.
            let grades = t.grades.iter().map(|g| {
                let mut patterns: Vec<&str> = g.patterns.iter().map(|p| p.as_str()).collect();
                patterns.sort_unstable();
                format!("\u{1c}{}\u{1f}{}", g.slug, patterns.join("\u{1f}"))
            });
            std::iter::once(line).chain(grades).collect::<String>()
        })
        .collect();
    lines.sort_unstable();
    let mut entries: Vec<String> = actors
        .iter()
        .map(|a| {
            let to = a.term.to().map(|d| d.to_string()).unwrap_or_default();
            let names: Vec<&str> = a.names().collect();
            format!("{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{to}", a.holder.code(), a.office, a.title, names.join("|"), a.term.from())
        })
        .collect();
    entries.sort_unstable();
    let mut hash = Sha256::new();
    hash.update(lines.join("\u{1e}").as_bytes());
    if !entries.is_empty() {
        // A separate section, so an empty dictionary digests as the topics alone did.
        hash.update("\u{1d}".as_bytes());
        hash.update(entries.join("\u{1e}").as_bytes());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A pipeline compiled for one set of topics and one actor dictionary. Cheap to
/// share between threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    topics: topics::Compiled,
    grades: grades::Grades,
    actors: actors::Dictionary,
    data_digest: String,
}

impl Extractor {
    pub fn new(topics: &[Topic], actors: &[OfficeHolder]) -> Self {
        Extractor {
            topics: topics::Compiled::new(topics),
            grades: grades::Grades::new(topics),
            actors: actors::Dictionary::new(actors),
            data_digest: data_digest(topics, actors),
        }
    }

    /// The digest of the topics and dictionary this extractor reads with (see [`data_digest`]).
    pub fn data_digest(&self) -> &str {
        &self.data_digest
    }

    /// Reads one article of unknown origin. `published` anchors relative dates
    /// when the text has no dateline date.
    pub fn extract(&self, text: &str, published: Option<NaiveDate>) -> Extraction {
        self.extract_from(text, published, Origin::default())
    }

    /// Reads one article; its `origin` (source, URL) may name a state publisher,
    /// whose state officials the text leaves without one are taken to serve.
    pub fn extract_from(&self, text: &str, published: Option<NaiveDate>, origin: Origin<'_>) -> Extraction {
        let ci = CharIndex::new(text);
        let mut paras = cleanup::paragraphs(text);

        // Dateline: in the first three body paragraphs; the paragraph then starts after it.
        let mut dateline: Option<(dateline::Found, usize)> = None;
        // A dateline on a line of its own ("Baku, March 12, AZERTAC") reads as a heading line:
        // it counts when the whole line is the dateline.
        let whole_line = |p: &cleanup::Para, f: &dateline::Found| text[p.s + f.len..p.e].trim().is_empty() && (f.date.is_some() || f.agency.is_some());
        let mut bodies = 0;
        for p in paras.iter_mut().filter(|p| p.kind != ParaKind::Caption) {
            if bodies == 3 {
                break;
            }
            bodies += usize::from(p.kind == ParaKind::Body);
            let found = dateline::parse(&text[p.s..p.e], published).filter(|f| p.kind == ParaKind::Body || whole_line(p, f));
            if let Some(f) = found {
                let start = p.s;
                p.s += f.len;
                while p.s < p.e && !text.is_char_boundary(p.s) {
                    p.s += 1;
                }
                dateline = Some((f, start));
                break;
            }
        }
        // Readouts often give their date on a line of its own ("FEBRUARY 12, 2022").
        let today = chrono::Utc::now().date_naive();
        let heading_date = heading_date(text, &paras, published, today);
        let anchor = dateline.as_ref().and_then(|d| d.0.date).or(heading_date.map(|h| h.0)).or(published);

        let sents = split_sentences(text, &paras, ParaKind::Body);
        let counts = officials::country_counts(text, &sents);
        let mut reg = officials::discover(text, &sents);
        let captions = split_sentences(text, &paras, ParaKind::Caption);
        reg.discover_aside(text, &captions, sents.len());
        // A heading is a line of a few words; a "heading" of thousands of characters is no
        // byline, and reading it would escape the body's bounds on sentences.
        let short_headings: Vec<cleanup::Para> = paras.iter().copied().filter(|p| p.kind == ParaKind::Heading && p.e - p.s <= MAX_HEADING_BYTES).collect();
        reg.discover_bylines(text, &split_sentences(text, &short_headings, ParaKind::Heading), sents.len() + captions.len());
        let in_office = |name: &str| anchor.is_none_or(|day| self.actors.in_office_near(name, day));
        reg.register_known(text, &sents, |toks, i| self.actors.name_at(text, toks, i).filter(|&end| in_office(text::without_possessive(&text[toks[i].s..toks[end - 1].e]))));
        reg.register_known_speakers(text, &sents, |word| self.actors.lookup(word, anchor).is_some());
        reg.home = dateline.as_ref().and_then(|d| d.0.country);
        reg.publisher = publisher::publishing_state(origin, dateline.as_ref().and_then(|d| d.0.agency.as_deref()));
        let known = |name: &str| self.actors.lookup(name, anchor).map(|k| k.holder.clone());
        reg.finalize(text, &sents, &counts, &known);
        if let Some(day) = anchor {
            for o in &mut reg.offs {
                o.offices = self.actors.offices_on(&o.name, day);
            }
        }
        let walk = attribution::walk(text, &sents, &mut reg);
        reg.tidy_titles();

        let sent_dates: Vec<Vec<(usize, ResolvedDate)>> = sents
            .iter()
            .map(|s| {
                if !dates::may_hold_date(&s.toks) {
                    return Vec::new();
                }
                let sentence = &text[s.s..s.e];
                let found = dates::find(sentence);
                // "today, December 15, 2021": the calendar date set beside a relative day is
                // the exact one (the anchor may be the next day's publication).
                let restated = |i: usize| {
                    let (_, end, _) = found[i];
                    found.get(i + 1).is_some_and(|(a, _, e)| matches!(e, dates::DateExpr::Explicit { .. }) && sentence[end..*a].trim_matches(|c: char| c == ',' || c.is_whitespace()).is_empty())
                };
                (0..found.len())
                    .filter(|&i| !(matches!(found[i].2, dates::DateExpr::Today | dates::DateExpr::Yesterday) && restated(i)))
                    .filter_map(|i| dates::resolve(found[i].2, anchor, today).map(|d| (s.s + found[i].0, d)))
                    .collect()
            })
            .collect();
        let dl_place = dateline.as_ref().map(|d| (d.0.place.as_str(), d.0.country));
        let dl_date = dateline
            .as_ref()
            .and_then(|d| d.0.date)
            // A bare date line is the publication date, which dates no encounter (GUIDELINES).
            .or(heading_date.filter(|h| !h.1).map(|h| h.0))
            .map(|date| ResolvedDate { date, anchor: Some(date), rule: DateRule::Anchor });
        let mut speakers = vec![None; sents.len()];
        for st in &walk.stmts {
            if let Spk::Off(o) = st.speaker {
                speakers[st.sent] = Some(o);
            }
        }
        let cx = meetings::Context { dateline_place: dl_place, dateline_date: dl_date, sent_dates: &sent_dates, joints: &walk.joints, speakers: &speakers };
        let meets = meetings::find(text, &sents, &walk.hits, &cx);

        // Build the domain values.
        let officials: Vec<Official> = reg
            .offs
            .iter()
            .map(|o| Official {
                name: o.display_name().to_string(),
                country: o.country,
                org: o.org.clone(),
                titles: o.titles.iter().map(|(t, s, e)| TitleMention { title: t.clone(), span: ci.span(*s, *e) }).collect(),
                mentions: o.mentions.iter().map(|(s, e, k)| Mention { span: ci.span(*s, *e), kind: *k }).collect(),
            })
            .collect();
        let statements: Vec<Statement> = walk
            .stmts
            .iter()
            .map(|st| {
                let s = &sents[st.sent];
                Statement {
                    speaker: match &st.speaker {
                        Spk::Off(o) => Speaker::Official(*o),
                        Spk::State(c) => Speaker::State(*c),
                        Spk::Joint(_, cs) => Speaker::Joint(cs.clone()),
                    },
                    text: text[s.s..s.e].to_string(),
                    span: ci.span(s.s, s.e),
                    mode: if st.direct { StatementMode::Direct } else { StatementMode::Reported },
                    verb: st.verb.map(String::from),
                }
            })
            .collect();
        let positions = self.positions(text, &sents, &walk.stmts, &reg, &ci);
        let meetings = meets
            .into_iter()
            .map(|m| Meeting {
                kind: m.kind,
                date: m.date,
                location: m.location.as_ref().map(|l| l.0.clone()),
                location_country: m.location.as_ref().and_then(|l| l.1).or(m.country),
                participants: m.participants,
                host: m.host,
                span: ci.span(sents[m.sent].s, sents[m.sent].e),
            })
            .collect();
        Extraction {
            dateline: dateline.map(|(f, start)| Dateline {
                place: f.place,
                country: f.country,
                date: f.date,
                agency: f.agency,
                span: ci.span(start, start + f.len),
            }),
            publisher: reg.publisher,
            officials,
            meetings,
            statements,
            positions,
        }
    }

    /// One position per (statement, topic, stance); the actor is the speaker's
    /// state (or organisation), each party for a joint statement.
    fn positions(&self, text: &str, sents: &[Sent], stmts: &[attribution::Stmt], reg: &officials::Registry, ci: &CharIndex) -> Vec<Position> {
        let mut out: Vec<Position> = Vec::new();
        for (si, st) in stmts.iter().enumerate() {
            let s = &sents[st.sent];
            let parties: Vec<(Actor, Option<usize>)> = match &st.speaker {
                Spk::Off(o) => actor_of(reg, *o).map(|a| (a, Some(*o))).into_iter().collect(),
                Spk::State(c) => vec![(Actor::State(*c), None)],
                Spk::Joint(offs, cs) => {
                    // Each named party as itself; a state whose official the text leaves
                    // unnamed ("The Prime Minister ... Both leaders agreed") as the state.
                    let mut parties: Vec<(Actor, Option<usize>)> = offs.iter().filter_map(|o| actor_of(reg, *o).map(|a| (a, Some(*o)))).collect();
                    for c in cs {
                        if !parties.iter().any(|(a, _)| *a == Actor::State(*c)) {
                            parties.push((Actor::State(*c), None));
                        }
                    }
                    parties
                }
            };
            let first = out.len();
            let found = self.topics.find_in_sentence(text, s.s, s.e, &s.toks);
            let mut grading = SentenceGrades::default();
            for (a, b, topic, stance) in &found {
                for (actor, speaker) in &parties {
                    let dup = out[first..].iter().any(|p| p.topic == *topic && p.stance == *stance && p.actor == *actor);
                    if !dup {
                        let grade = (*stance == Stance::Support)
                            .then(|| grading.of(&self.grades, text, s, &found, topic))
                            .flatten()
                            .map(|g| PositionGrade { rank: g.rank, slug: g.slug, span: ci.span(s.s + g.s, s.s + g.e) });
                        out.push(Position {
                            actor: actor.clone(),
                            topic: topic.clone(),
                            stance: *stance,
                            speaker: *speaker,
                            statement: si,
                            span: ci.span(s.s + a, s.s + b),
                            grade,
                        });
                    }
                }
            }
        }
        out
    }
}

/// The grades of one sentence's topics, worked out once per topic and only for
/// graded topics (most sentences name none).
#[derive(Default)]
struct SentenceGrades {
    units: Option<Vec<topics::Unit>>,
    done: Vec<(TopicSlug, Option<grades::Graded>)>,
}

impl SentenceGrades {
    fn of(&mut self, grades: &grades::Grades, text: &str, sent: &Sent, found: &[(usize, usize, TopicSlug, Stance)], topic: &TopicSlug) -> Option<grades::Graded> {
        if !grades.has_grades(topic) {
            return None;
        }
        if let Some((_, g)) = self.done.iter().find(|(t, _)| t == topic) {
            return g.clone();
        }
        let us = self.units.get_or_insert_with(|| {
            let mut us = Vec::new();
            topics::sentence_units_into(text, sent.s, sent.e, &sent.toks, &mut us);
            us
        });
        let spans = |mine: bool| found.iter().filter(|f| (f.2 == *topic) == mine).map(|f| (f.0, f.1)).collect::<Vec<_>>();
        let g = grades.grade(topic, us, &spans(true), &spans(false));
        self.done.push((topic.clone(), g.clone()));
        g
    }
}

fn actor_of(reg: &officials::Registry, o: usize) -> Option<Actor> {
    let off = &reg.offs[o];
    off.country.map(Actor::State).or_else(|| off.org.clone().map(Actor::Org))
}

/// A full date standing in a heading line near the top ("June 5, 2019, The
/// Kremlin, Moscow"; "NOVEMBER 16, 2021"), which dates the whole release.
/// Also says whether the line is the date alone ("AUGUST 27, 2014"): that is when the
/// release was issued, not when what it reports happened.
fn heading_date(text: &str, paras: &[cleanup::Para], published: Option<NaiveDate>, today: NaiveDate) -> Option<(NaiveDate, bool)> {
    paras.iter().take(4).filter(|p| p.kind == ParaKind::Heading).find_map(|p| {
        let line = &text[p.s..p.e];
        // "Updated - November 16, 2021 06:54 pm IST": when the page was last edited, years on
        // perhaps; "Published - March 04, 2015 12:43 am IST" is a bare publication line.
        let label = line.split(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty()).unwrap_or("").to_ascii_lowercase();
        if matches!(label.as_str(), "updated" | "modified" | "last" | "edited") {
            return None;
        }
        let published_line = matches!(label.as_str(), "published" | "posted");
        dates::find(line).into_iter().find_map(|(a, b, e)| match e {
            dates::DateExpr::Explicit { year: Some(_), .. } => {
                let bare = published_line || !line[..a].chars().chain(line[b..].chars()).any(char::is_alphabetic);
                dates::resolve(e, published, today).map(|d| (d.date, bare))
            }
            _ => None,
        })
    })
}

/// Sentences of the body paragraphs, tokenized; page-furniture remnants dropped.
fn split_sentences(text: &str, paras: &[cleanup::Para], kind: ParaKind) -> Vec<Sent> {
    let mut out = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        if p.kind != kind || p.s >= p.e {
            continue;
        }
        for (s, e) in sentences::split(text, p.s, p.e) {
            let piece = text[s..e].trim_matches(|c: char| !c.is_alphanumeric());
            if piece.eq_ignore_ascii_case("enditem") || piece.len() < 12 && piece.split_whitespace().count() < 2 {
                continue;
            }
            let e = trim_trailing_furniture(text, s, e);
            let mut toks = Vec::with_capacity((e - s) / 4 + 4);
            text::tokenize(text, s, e, &mut toks);
            gazetteer::GAZ.mark(text, &mut toks);
            out.push(Sent { s, e, para: pi, toks, tpc: Default::default() });
        }
    }
    out
}

/// "... said Wang. Enditem" / "... he added. = DNA": agency tails after the last sentence.
fn trim_trailing_furniture(text: &str, s: usize, e: usize) -> usize {
    let t = &text[s..e];
    for tail in [" Enditem", " = DNA"] {
        if let Some(x) = t.strip_suffix(tail) {
            return s + x.len();
        }
    }
    e
}

/// The longest heading line read for a byline or a headline's names.
const MAX_HEADING_BYTES: usize = 300;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::default_topics;

    fn ex() -> Extractor {
        Extractor::new(&default_topics(), &[])
    }

    #[test]
    fn data_digest_follows_slugs_patterns_and_the_dictionary() {
        let topics = default_topics();
        let topics_digest = |t: &[Topic]| data_digest(t, &[]);
        let digest = topics_digest(&topics);
        assert_eq!(digest.len(), 64);
        assert_eq!(ex().data_digest(), digest);
        let holder = OfficeHolder::parse_line("PE\thead_of_state\tPresident\tAna Vera\t\t2016\t2021").unwrap();
        let with_actor = data_digest(&topics, std::slice::from_ref(&holder));
        assert_ne!(with_actor, digest);
        let mut renamed = holder.clone();
        renamed.variants.push("Ana V. Vera".into());
        assert_ne!(data_digest(&topics, &[renamed]), with_actor);

        let mut reordered = topics.clone();
        reordered.reverse();
        reordered[0].patterns.reverse();
        assert_eq!(topics_digest(&reordered), digest, "order reads nothing");

        let mut relabelled = topics.clone();
        relabelled[0].label = "Another label".into();
        relabelled[0].description = "Another description".into();
        assert_eq!(topics_digest(&relabelled), digest, "labels read nothing");

        let mut repatterned = topics.clone();
        repatterned[0].patterns.push(crate::domain::TopicPattern::parse("polar bears").unwrap());
        assert_ne!(topics_digest(&repatterned), digest);
        assert_ne!(topics_digest(&topics[1..]), digest);
    }

    #[test]
    fn extractor_is_send_sync_clone_debug() {
        fn ok<T: Send + Sync + Clone + std::fmt::Debug>() {}
        ok::<Extractor>();
    }

    #[test]
    fn end_to_end_wire_story() {
        let text = "Ministers meet\n\nLIMA, March 4 (Agency) -- Peruvian Foreign Minister Ana Vera met with visiting Chilean President Tomas Soto here on Tuesday.\n\nVera said Peru firmly supports the Belt and Road Initiative and opposes interference in internal affairs.\n\nThe two countries will expand trade, she added.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 3, 4));
        let d = x.dateline.as_ref().unwrap();
        assert_eq!(d.place, "Lima");
        assert_eq!(x.officials.len(), 2);
        assert_eq!(x.officials[0].name, "Ana Vera");
        assert_eq!(x.officials[1].country.unwrap().as_str(), "CL");
        assert_eq!(x.meetings.len(), 1);
        let m = &x.meetings[0];
        assert_eq!(m.date.unwrap().date, NaiveDate::from_ymd_opt(2021, 3, 2).unwrap());
        assert_eq!(m.location.as_deref(), Some("Lima"));
        assert_eq!(m.host, Some(0));
        assert_eq!(x.statements.len(), 2);
        assert!(x.statements[1].text.starts_with("The two countries"));
        let mut pos: Vec<_> = x.positions.iter().map(|p| (p.actor.code().to_string(), p.topic.to_string(), p.stance.as_str())).collect();
        pos.dedup();
        assert!(pos.contains(&("PE".into(), "belt_and_road".into(), "support")));
        assert!(pos.contains(&("PE".into(), "non_interference".into(), "support")));
        assert!(pos.contains(&("PE".into(), "trade_investment".into(), "support")));
    }

    #[test]
    fn a_listed_name_given_no_office_is_an_official_only_near_its_listed_term() {
        let holder = OfficeHolder::parse_line("PE\thead_of_state\tPresident\tAna Vera\t\t2010-01-01\t2012-01-01").unwrap();
        let x = Extractor::new(&default_topics(), &[holder]);
        let text = "Those present at the party's meeting included Ana Vera and other leaders.";
        let named = |day| x.extract(text, NaiveDate::from_ymd_opt(day, 6, 1)).officials.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
        assert_eq!(named(2011), ["Ana Vera"]);
        assert!(named(2021).is_empty(), "nine years out of office, and the text gives none");
    }

    fn names(x: &Extraction, m: &Meeting) -> Vec<String> {
        m.participants.iter().map(|i| x.officials[*i].name.clone()).collect()
    }

    #[test]
    fn one_minister_meets_listed_counterparts() {
        let text = "OSLO, May 4 (Agency) -- Norwegian Foreign Minister Kari Berg held bilateral meetings on Monday with several visiting foreign ministers.\n\nAmong them were Ana Vera of Peru, Tomas Soto of Chile and Lena Holm of Sweden.\n\nIn her meeting with Peruvian Foreign Minister Ana Vera, Berg praised the new trade deal.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 4));
        assert_eq!(x.meetings.len(), 3, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[1]), vec!["Kari Berg", "Tomas Soto"]);
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2022, 5, 2).unwrap());
        let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").unwrap();
        assert_eq!(soto.titles[0].title, "Foreign Minister");
        assert_eq!(soto.country.unwrap().as_str(), "CL");
        // The later "In her meeting with ..." is the same meeting, and Berg speaks in it.
        assert_eq!(x.statements.len(), 1);
    }

    #[test]
    fn two_officials_meet_their_counterparts_listed_in_the_same_order() {
        // South Asian press: "NSA X", a portfolio office after "counterparts,", and two
        // calls told at once, each subject with the partner in the same place of the list.
        let text = "LIMA, May 4 (Agency) -- Peru began engagement on Wednesday with Defence Minister Ana Vera and Security Adviser Tomas Soto holding telephone conversations with their Chilean counterparts, Defence Minister Kari Berg and NSA Lena Holm.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 4));
        let berg = x.officials.iter().find(|o| o.name == "Kari Berg").expect("the portfolio opens an office, not a name");
        assert_eq!(berg.titles[0].title, "Defence Minister");
        let holm = x.officials.iter().find(|o| o.name == "Lena Holm").expect("NSA is an office");
        assert_eq!(holm.titles[0].title, "National Security Adviser");
        assert!(!x.officials.iter().any(|o| o.name == "Defence"), "{:?}", x.officials);
        // The peers are Chilean; the subjects are not, whatever the dateline.
        let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").unwrap();
        assert_ne!(soto.country.map(|c| c.to_string()).as_deref(), Some("CL"));
        let pairs: Vec<Vec<String>> = x.meetings.iter().map(|m| names(&x, m)).collect();
        assert_eq!(pairs, vec![vec!["Ana Vera", "Kari Berg"], vec!["Tomas Soto", "Lena Holm"]]);
    }

    #[test]
    fn an_envoy_meets_in_the_place_of_the_principal_who_sent_them() {
        let text = "Yesterday, Professor Tomas Soto, a special envoy of Democratic Republic of Congo (DRC) President, Ana Vera, met with President Kari Berg of Norway at State House.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 4, 7));
        let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").expect("the envoy is an official");
        assert_eq!(soto.titles[0].title, "Special Envoy");
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), vec!["Tomas Soto", "Kari Berg"]);
    }

    #[test]
    fn conference_participants_accumulate_and_bilaterals_come_first() {
        let text = "On March 3, 2021, Peruvian Foreign Minister Ana Vera attended the fifth ministerial forum held in Lima.\nForeign Minister Tomas Soto of Chile and Foreign Minister Lena Holm of Sweden attended the forum.\nVera met Soto on the sidelines.";
        let x = ex().extract(text, None);
        assert_eq!(x.meetings.len(), 2);
        assert_eq!(x.meetings[0].kind, crate::domain::MeetingKind::Meeting);
        assert_eq!(x.meetings[1].kind, crate::domain::MeetingKind::Conference);
        assert_eq!(names(&x, &x.meetings[1]), vec!["Ana Vera", "Tomas Soto", "Lena Holm"]);
        assert_eq!(x.meetings[1].location.as_deref(), Some("Lima"));
    }

    #[test]
    fn meeting_date_is_the_one_nearest_the_encounter() {
        let text = "LIMA, May 6 (Agency) -- Chilean Foreign Minister Tomas Soto, who arrived on Sunday, met Peruvian President Ana Vera on Tuesday.";
        // 2021-05-06 is a Thursday: Sunday is May 2, Tuesday May 4.
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let d = x.meetings[0].date.unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2021, 5, 4).unwrap());
        assert_eq!(d.rule, DateRule::Weekday);
    }

    #[test]
    fn a_visit_takes_only_a_date_its_own_sentence_gives() {
        let text = "LIMA, May 6 (Agency) -- Chilean President Tomas Soto met Peruvian President Ana Vera on Tuesday. Soto is on a state visit to Peru.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let kinds: Vec<_> = x.meetings.iter().map(|m| (m.kind, m.date.map(|d| d.date))).collect();
        assert_eq!(kinds, [(crate::domain::MeetingKind::Meeting, NaiveDate::from_ymd_opt(2021, 5, 4)), (crate::domain::MeetingKind::Visit, None)]);
    }

    #[test]
    fn an_encounter_named_again_with_its_parties_and_a_pair_acting_together_are_meetings() {
        let text = "SEOUL, May 6 (Agency) -- The two foreign ministers held phone talks on Tuesday.\n\nDuring the talks, Foreign Minister Ana Vera of Peru and her Chilean counterpart Tomas Soto shared the view that trade matters.\n\nOn Wednesday, Vera and Norwegian Foreign Minister Kari Berg discussed fisheries.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<_> = x.meetings.iter().map(|m| (m.kind, names(&x, m), m.date.map(|d| d.date))).collect();
        assert_eq!(got, [
            (crate::domain::MeetingKind::PhoneCall, vec!["Ana Vera".to_string(), "Tomas Soto".to_string()], NaiveDate::from_ymd_opt(2021, 5, 4)),
            (crate::domain::MeetingKind::Meeting, vec!["Ana Vera".to_string(), "Kari Berg".to_string()], NaiveDate::from_ymd_opt(2021, 5, 5)),
        ]);
        // The same pair acting again is the encounter already told.
        let again = format!("{text}\n\nVera and Soto discussed trade.");
        assert_eq!(ex().extract(&again, NaiveDate::from_ymd_opt(2021, 5, 6)).meetings.len(), 2);
    }

    #[test]
    fn a_state_in_the_predicate_is_not_the_subjects_and_portfolios_stay_in_titles() {
        let text = "LIMA, May 6 (Agency) -- Fisheries Minister Ana Vera met the U.S. envoy for Norway and discussed ties with Chile on Wednesday.\n\nU.S. nuclear negotiator Tomas Soto spoke later.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<_> = x.officials.iter().map(|o| (o.name.as_str(), o.country.map(|c| c.to_string()), o.titles.iter().map(|t| t.title.clone()).collect::<Vec<_>>())).collect();
        assert_eq!(got, [
            ("Ana Vera", Some("PE".to_string()), vec!["Fisheries Minister".to_string()]),
            ("Tomas Soto", Some("US".to_string()), vec!["Nuclear Negotiator".to_string()]),
        ]);
    }

    #[test]
    fn a_byline_names_its_official_but_a_title_case_headline_does_not() {
        let text = "Remarks After Their Meeting\n\nSecretary Ana M. Vera\nLima\n\nVera said ties with Chile were strong.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(got, ["Ana M. Vera"]);
        assert_eq!(x.statements.len(), 1);
        // A signature line, the name first: "the Secretary-General" of the body is that official.
        let text = "Lima\n\nAna Vera, Secretary-General\n\nThe Secretary-General met Chilean Foreign Minister Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto"]);
        // ... after a site's breadcrumb, and "the Secretary-General" then speaks as that official.
        let text = "Lima\n\nReadouts | Ana Vera, Former Secretary-General\n\nThe Secretary-General met Chilean Foreign Minister Tomas Soto. He expressed his condolences.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto"]);
        assert_eq!(speakers(&x), ["Ana Vera"]);
        let headline = "Foreign Minister Ana Vera Speaks With Chilean Counterpart\n\nVera said ties with Chile were strong.";
        let x = ex().extract(headline, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert!(x.officials.iter().all(|o| !o.name.contains("Speaks")), "{:?}", x.officials);
    }

    #[test]
    fn a_headline_written_as_a_sentence_names_the_principal_the_body_leaves_unnamed() {
        let text = "Prime Minister Ana Vera speaks with the President of Chile, Tomas Soto\n\nThe Prime Minister spoke today with Chilean President Tomas Soto. The Prime Minister raised the issue of steel tariffs.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(got, ["Tomas Soto", "Ana Vera"]);
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto"]);
        assert_eq!(x.statements.len(), 1);
        // A headline's short form is the body's official, not another one.
        let text = "Foreign Minister Ana Vera receives Chilean envoy\n\nSheikha Ana Vera Al Sabah, the Foreign Minister, received Chilean Ambassador Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(got, ["Ana Vera Al Sabah", "Tomas Soto"]);
    }

    #[test]
    fn a_style_and_given_name_read_before_the_full_name_are_that_official() {
        // The full name is read from the actor dictionary, after the body's speakers.
        let holder = OfficeHolder::parse_line("PE\thead_of_state\tPresident\tTomas bin Soto Al Vera\t\t2010\t2030").unwrap();
        let ex = Extractor::new(&default_topics(), &[holder]);
        let text = "LIMA -- His Highness Sheikh Tomas bin Soto Al Vera received a telephone call from Chilean President Luis Pardo.\nIn turn, Sheikh Tomas expressed his thanks to Pardo.";
        let x = ex.extract(text, NaiveDate::from_ymd_opt(2020, 8, 15));
        let got: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&"Tomas bin Soto Al Vera"), "{got:?}");
    }

    #[test]
    fn a_headline_completes_a_surname_the_body_gives_alone() {
        let text = "Remarks With Foreign Minister Ana Vera Following Their Meeting\n\nFOREIGN MINISTER VERA: Thank you. Trade with Chile matters.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        let got: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(got, ["Ana Vera"]);
    }

    #[test]
    fn in_a_speakers_own_words_i_is_the_speaker() {
        let text = "Secretary Ana Vera\nLima\n\nSECRETARY VERA: I have just concluded a productive meeting with Foreign Minister Tomas Soto of Chile.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn officials_of_self_governing_territories_serve_them() {
        let text = "PAPEETE, May 6 (Agency) -- French Polynesian President Moana Tehei met New Zealand Foreign Minister Kari Berg on Wednesday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(country_of(&x, "Moana Tehei").as_deref(), Some("PF"));
    }

    #[test]
    fn the_side_closing_a_list_is_each_listed_officials() {
        let text = "Prime Minister Ana Vera of Peru met President Tomas Soto of Chile on Monday. Also present were Deputy Minister Lena Holm, and Adviser Kari Berg from the Peruvian side, and Chief of Staff Ivan Lebed from the Chilean side.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        for (name, state) in [("Lena Holm", "PE"), ("Kari Berg", "PE"), ("Ivan Lebed", "CL")] {
            assert_eq!(country_of(&x, name).as_deref(), Some(state), "{name}");
        }
    }

    #[test]
    fn officials_present_at_a_meeting_take_part_in_it() {
        let text = "Prime Minister Ana Vera of Peru met President Tomas Soto of Chile on Monday. Also present at the meeting were Deputy Minister Lena Holm of Peru and Adviser Kari Berg of Chile.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(x.meetings.len(), 1);
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto", "Lena Holm", "Kari Berg"]);
    }

    #[test]
    fn a_one_word_speaker_the_dictionary_knows_in_office_is_an_official() {
        let ex = Extractor::new(&default_topics(), &crate::domain::default_office_holders());
        let text = "LIMA (Wire) -- Obama said the talks with Peru were useful.";
        let x = ex.extract(text, NaiveDate::from_ymd_opt(2010, 5, 6));
        assert_eq!(country_of(&x, "Obama").as_deref(), Some("US"));
        assert_eq!(x.statements.len(), 1);
        // Out of office on the day, the word is nobody the dictionary can vouch for.
        let x = ex.extract(text, NaiveDate::from_ymd_opt(1990, 5, 6));
        assert!(x.officials.is_empty(), "{:?}", x.officials);
    }

    #[test]
    fn a_ministry_named_without_its_state_speaks_for_it_and_for_its_own_official() {
        let text = "British Foreign Secretary Ana Vera met Foreign Minister Tomas Soto of Chile in London.\n\nA Foreign, Commonwealth & Development Office spokesperson said:\n\nThe Foreign Secretary and Chilean Foreign Minister Soto had a warm meeting.\n\nThe Foreign Secretary highlighted the UK's commitment to free trade.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 2, 1));
        let speakers = speakers(&x);
        assert_eq!(speakers.len(), 2, "{speakers:?}");
        assert!(speakers[0].contains("GB"), "{speakers:?}");
        assert!(speakers[1].contains("GB"), "{speakers:?}");
    }

    #[test]
    fn a_correspondents_dateline_abroad_names_no_ministrys_state() {
        let text = "NEW YORK: Foreign Minister Tomas Soto of Chile met Foreign Minister Ana Vera of Peru here on Friday.\n\nAccording to the Foreign Office statement on Saturday, the meeting took place on the sidelines of the General Assembly.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 9, 24));
        let speakers = speakers(&x);
        assert_eq!(speakers.len(), 1, "{speakers:?}");
        assert!(speakers[0].contains("CL"), "{speakers:?}");
    }

    #[test]
    fn a_short_form_of_a_state_before_a_given_name_is_a_family_name() {
        let x = ex().extract("North Korean Foreign Minister Pak Ui-chun said the talks were good.", NaiveDate::from_ymd_opt(2008, 7, 23));
        assert_eq!(country_of(&x, "Pak Ui-chun").as_deref(), Some("KP"));
        let x = ex().extract("Pak Army chief Asim Munir said the talks were good.", NaiveDate::from_ymd_opt(2024, 7, 23));
        assert!(x.officials.iter().all(|o| !o.name.starts_with("Pak")), "{:?}", x.officials);
    }

    #[test]
    fn gulf_style_he_is_a_courtesy_style_and_attendees_join_their_side() {
        let text = "DOHA, March 3 (QNA) -- The talks were attended by HE Chief of the Amiri Diwan Sheikh Saoud bin Rashid al-Marri, HE Minister of Finance Ahmed bin al-Sulaiti and HE Minister of Public Health Dr Hanan Mohamed al-Kuwari.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 3, 3));
        let got: Vec<(&str, Option<String>)> = x.officials.iter().map(|o| (o.name.as_str(), o.country.map(|c| c.to_string()))).collect();
        let qa = Some("QA".to_string());
        assert_eq!(got, [("Saoud bin Rashid al-Marri", qa.clone()), ("Ahmed bin al-Sulaiti", qa.clone()), ("Hanan Mohamed al-Kuwari", qa)]);
        // A family name shared with the leader the delegation serves is no other party's mark.
        let text = "The Amir Sheikh Tamim bin Hamad al-Thani held talks with President Ana Vera of Peru.\n\nThe talks were attended by HE Minister of Finance Sheikh Ali bin Saoud al-Thani and HE Minister of Health Dr Hanan al-Kuwari.";
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2024, 3, 3), Origin { source: Some("Gulf Times / QNA"), url: None });
        assert_eq!(country_of(&x, "Ali bin Saoud al-Thani").as_deref(), Some("QA"));
        assert_eq!(country_of(&x, "Hanan al-Kuwari").as_deref(), Some("QA"));
    }

    #[test]
    fn a_pacific_readout_names_its_ministers_by_portfolio_and_its_guests_by_state() {
        // A state broadcaster's readout: its own ministers named without a state ("Minister for
        // Immigration X"), the guest as "New Zealand's Foreign Minister, Rt X", and those who
        // "also attended" the meeting on the host's side.
        let text = "Foreign Affairs Minister Ana Vera welcomed New Zealand’s Foreign Minister, Rt Tomas Soto.\n\nThe meeting was also attended by Minister for Immigration Luis Pardo, Minister for Policing and Communications Eva Rojas, and Assistant Minister for Agriculture and Waterways Ratu Lena Holm.\n\nThe ministers discussed trade between Fiji and New Zealand.";
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2025, 3, 3), Origin { source: Some("FBC News"), url: None });
        let got: Vec<(&str, Option<String>, Vec<&str>)> = x.officials.iter().map(|o| (o.name.as_str(), o.country.map(|c| c.to_string()), o.titles.iter().map(|t| t.title.as_str()).collect())).collect();
        let (fj, nz) = (Some("FJ".to_string()), Some("NZ".to_string()));
        assert_eq!(
            got,
            [
                ("Ana Vera", fj.clone(), vec!["Foreign Affairs Minister"]),
                ("Tomas Soto", nz, vec!["Foreign Minister"]),
                ("Luis Pardo", fj.clone(), vec!["Minister for Immigration"]),
                ("Eva Rojas", fj.clone(), vec!["Minister for Policing and Communications"]),
                ("Lena Holm", fj, vec!["Assistant Minister for Agriculture and Waterways"]),
            ]
        );
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
    }

    #[test]
    fn makhdoom_is_a_style_before_a_name() {
        let x = ex().extract("Foreign Minister Makhdoom Ali Raza Khan of Pakistan said ties were strong.", NaiveDate::from_ymd_opt(2019, 8, 22));
        assert_eq!(country_of(&x, "Ali Raza Khan").as_deref(), Some("PK"));
    }

    #[test]
    fn the_arab_style_before_a_given_name_alone_is_no_part_of_the_name() {
        let x = ex().extract(
            "Emir Sheikh Tomas of Qatar received a phone call from Prime Minister Sheikh Hasina of Bangladesh. Sheikh Tomas said ties were strong.",
            NaiveDate::from_ymd_opt(2022, 12, 30),
        );
        let names: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Tomas", "Sheikh Hasina"]);
        assert_eq!(country_of(&x, "Tomas").as_deref(), Some("QA"));
    }

    #[test]
    fn members_of_a_legislature_named_with_their_office_are_officials() {
        let x = ex().extract("Foreign Minister Ana Vera of Peru met the Chilean parliamentarians Tomas Soto and Lena Holm on Friday.", NaiveDate::from_ymd_opt(2018, 4, 13));
        for name in ["Tomas Soto", "Lena Holm"] {
            assert_eq!(country_of(&x, name).as_deref(), Some("CL"), "{name}");
        }
    }

    #[test]
    fn a_dateline_on_a_line_of_its_own_dates_the_story() {
        let x = ex().extract("Lima, March 12, ANDINA\n\nPresident Ana Vera has received Tomas Soto, President of Chile.", NaiveDate::from_ymd_opt(2018, 3, 13));
        assert_eq!(x.dateline.as_ref().map(|d| d.place.as_str()), Some("Lima"));
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2018, 3, 12).unwrap());
        // A headline line is no dateline, and the body's dateline is still found after it.
        let x = ex().extract("Peru and Chile Agree on Trade\n\nBy Staff\n\nLIMA, March 12 (ANDINA) -- President Ana Vera received Tomas Soto, President of Chile.", NaiveDate::from_ymd_opt(2018, 3, 13));
        assert_eq!(x.dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("ANDINA"));
    }

    #[test]
    fn the_leader_of_a_delegation_received_is_a_party() {
        let x = ex().extract("President of the Republic of Peru Ana Vera has received a delegation led by the president of the OSCE Parliamentary Assembly Tomas Soto.", NaiveDate::from_ymd_opt(2018, 3, 12));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), vec!["Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn telling_an_official_is_meeting_them() {
        let text = "LIMA, May 6 (Agency) -- Peruvian Foreign Minister Ana Vera told Chilean Foreign Minister Tomas Soto on Wednesday that ties were strong.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 6));
        assert_eq!(x.meetings.len(), 1);
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2021, 5, 5).unwrap());
        assert_eq!(x.statements.len(), 1);
    }

    #[test]
    fn a_dated_heading_line_anchors_today() {
        let text = "Readout of a call\n\nMARCH 3, 2022\n\nPeruvian President Ana Vera spoke today with Chilean President Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2022, 3, 3).unwrap());
    }

    #[test]
    fn a_bare_date_line_does_not_date_an_undated_encounter_but_a_dated_headline_does() {
        let text = "Telephone conversation with Tomas Soto\n\nMARCH 3, 2022\n\nPeruvian President Ana Vera had a telephone conversation with Chilean President Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(x.meetings[0].date, None);
        let text = "Call with President Soto: 3 March 2022\n\nPeruvian President Ana Vera had a telephone conversation with Chilean President Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2022, 3, 3).unwrap());
    }

    #[test]
    fn a_pages_updated_line_dates_nothing_and_its_published_line_is_a_bare_date() {
        for furniture in ["Updated - November 16, 2021 06:54 pm IST", "Published - March 04, 2015 12:43 am IST", "Updated - November 16, 2021 06:54 pm IST\n\nPublished - March 04, 2015 12:43 am IST"] {
            let text = format!("Talks resume\n\n{furniture}\n\nPeruvian Foreign Minister Ana Vera wrapped up talks with Chilean Foreign Minister Tomas Soto in Santiago.");
            let x = ex().extract(&text, NaiveDate::from_ymd_opt(2015, 3, 4));
            assert_eq!(x.meetings[0].date, None, "{furniture}");
        }
        // A weekday is told against the publication line, not the later edit.
        let text = "Talks resume\n\nUpdated - November 16, 2021 06:54 pm IST\n\nPeruvian Foreign Minister Ana Vera held talks with Chilean Foreign Minister Tomas Soto in Santiago on Tuesday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2015, 3, 4));
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2015, 3, 3).unwrap());
    }

    fn country_of(x: &Extraction, name: &str) -> Option<String> {
        x.officials.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{name} not found")).country.map(|c| c.to_string())
    }

    #[test]
    fn a_counterparts_state_is_not_the_officials_own() {
        let text = "Peruvian Presidential Spokesman Luis Pardo said Chilean teams were working with Security Minister Eva Rojas.\n\nRojas held a separate meeting with her Chilean counterpart Tomas Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(country_of(&x, "Tomas Soto").as_deref(), Some("CL"));
        assert_ne!(country_of(&x, "Eva Rojas").as_deref(), Some("CL"));
    }

    const READOUT: &str = "Readout of a call\n\nPresident Tomas Vera spoke today with Prime Minister Lena Holm of Sweden. The leaders discussed trade and climate change.";

    #[test]
    fn a_government_publisher_gives_its_state_to_unqualified_officials() {
        let origin = Origin { source: Some("The White House"), url: Some("https://www.whitehouse.gov/briefing-room/1") };
        let x = ex().extract_from(READOUT, NaiveDate::from_ymd_opt(2022, 3, 9), origin);
        assert_eq!(country_of(&x, "Tomas Vera").as_deref(), Some("US"));
        assert_eq!(country_of(&x, "Lena Holm").as_deref(), Some("SE"));
    }

    #[test]
    fn an_unnamed_office_holder_speaks_for_their_state_and_two_top_offices_are_two_people() {
        let origin = Origin { source: Some("The White House"), url: Some("https://www.whitehouse.gov/briefing-room/2") };
        let text = "Readout of a call\n\nThe President and Prime Minister Lena Holm of Sweden spoke by phone today. The President expressed his appreciation for Sweden's support. The Norwegian Foreign Minister welcomed the call.";
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2022, 3, 9), origin);
        let holm: Vec<&str> = x.officials[0].titles.iter().map(|t| t.title.as_str()).collect();
        assert_eq!((x.officials.len(), holm), (1, vec!["Prime Minister"]));
        let speakers = speakers(&x);
        assert_eq!(speakers.len(), 2, "{speakers:?}");
        assert!(speakers[0].contains("US") && speakers[1].contains("NO"), "{speakers:?}");
        // The call had one named participant; the other is the unnamed President.
        assert_eq!(x.meetings.len(), 1);
        assert_eq!(names(&x, &x.meetings[0]), ["Lena Holm"]);
        let un = ex().extract("The Secretary-General and President Tomas Vera of Peru discussed climate change.", NaiveDate::from_ymd_opt(2022, 3, 9));
        let vera: Vec<&str> = un.officials[0].titles.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(vera, ["President"]);
    }

    #[test]
    fn an_unnamed_principal_is_not_the_partner_sharing_the_office_and_is_a_joint_party() {
        let origin = Origin { source: Some("Prime Minister's Office"), url: Some("https://www.gov.uk/government/news/pm-call-1") };
        let text = "PM call with Prime Minister Holm\n\nThe Prime Minister held a call with Swedish Prime Minister Lena Holm this evening. Both leaders agreed on the need to work together to counter terrorism.";
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2023, 10, 20), origin);
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!((x.meetings[0].kind, names(&x, &x.meetings[0])), (crate::domain::MeetingKind::PhoneCall, vec!["Lena Holm".to_string()]));
        let mut actors: Vec<String> = x.positions.iter().map(|p| format!("{} {}", p.actor.code(), p.topic)).collect();
        actors.sort();
        assert_eq!(actors, ["GB security_cooperation", "SE security_cooperation"]);
    }

    #[test]
    fn an_organisations_official_is_a_party_to_joint_words() {
        let text = "Peruvian President Luis Pardo met NATO Secretary General Jens Berg in Lima.\n\nThe leaders agreed that NATO is essential to transatlantic security.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 10, 20));
        let mut actors: Vec<String> = x.positions.iter().map(|p| format!("{} {}", p.actor.code(), p.topic)).collect();
        actors.sort();
        assert_eq!(actors, ["NATO security_cooperation", "PE security_cooperation"]);
    }

    #[test]
    fn a_day_still_to_come_dates_no_encounter() {
        let text = "LIMA, Sept. 20 (Agency) -- Peruvian President Luis Pardo had a telephone conversation with Chilean President Tomas Soto, stressing the importance of the forum scheduled for September 30.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 9, 20));
        assert_eq!(x.meetings[0].date.map(|d| d.date), NaiveDate::from_ymd_opt(2021, 9, 20));
    }

    #[test]
    fn a_correspondent_reporting_is_no_official_and_a_state_owned_paper_gives_its_state() {
        let text = "The Ledger's presidential correspondent, Tomas Vera Soto reports from the palace that President Ana Lind said the visit would explore trade.";
        let origin = Origin { source: Some("Graphic Online"), url: Some("https://www.graphic.com.gh/news/politics/1.html") };
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2021, 9, 8), origin);
        let names: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Ana Lind"]);
        assert_eq!(country_of(&x, "Ana Lind").as_deref(), Some("GH"));
    }

    #[test]
    fn a_private_outlet_gives_no_state() {
        let origin = Origin { source: Some("The Daily Ledger"), url: Some("https://dailyledger.example.com/world/1") };
        let x = ex().extract_from(READOUT, NaiveDate::from_ymd_opt(2022, 3, 9), origin);
        assert_eq!(country_of(&x, "Tomas Vera"), None);
    }

    #[test]
    fn a_state_agency_in_the_dateline_speaks_for_its_state() {
        let story = |agency: &str| format!("NOVO-OGARYOVO, May 4 ({agency}) -- President Ivan Lebed met Norwegian Prime Minister Kari Berg on Monday.");
        let x = ex().extract(&story("TASS"), NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Ivan Lebed").as_deref(), Some("RU"));
        // A private wire gives no state.
        let x = ex().extract(&story("Reuters"), NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_ne!(country_of(&x, "Ivan Lebed").as_deref(), Some("RU"));
    }

    #[test]
    fn an_agency_report_from_abroad_needs_its_state_named() {
        let text = "OSLO, May 4 (TASS) -- Foreign Minister Ivan Lebed met Norwegian Foreign Minister Kari Berg here on Monday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Ivan Lebed"), None);
        let named = format!("{text} Lebed said Russia values the partnership.");
        let x = ex().extract(&named, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Ivan Lebed").as_deref(), Some("RU"));
    }

    #[test]
    fn the_dateline_state_comes_before_the_publisher() {
        let text = "LIMA, May 4 (Xinhua) -- Prime Minister Ana Vera opened the new port on Monday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Ana Vera").as_deref(), Some("PE"));
    }

    #[test]
    fn a_rank_that_is_a_word_of_the_name_is_no_office() {
        let ex = with_dictionary(&["CL\tforeign_minister\tForeign Minister\tTomas Amir Soto\t\t2010\t2030"]);
        let text = "Peruvian Foreign Minister Ana Vera welcomed her Chilean counterpart Tomas Amir Soto in Lima.\n\nAmir Soto said ties were good.";
        let x = ex.extract(text, NaiveDate::from_ymd_opt(2020, 8, 15));
        let titles = titles_of(&x, "Tomas Amir Soto").unwrap();
        assert!(!titles.iter().any(|t| t == "Amir"), "{titles:?}");
    }

    #[test]
    fn the_office_the_dictionary_knows_resolves_a_description_of_an_otherwise_titled_official() {
        // Newspaper style: a name with a courtesy title, later the office alone; and a Prime
        // Minister named later is no "minister" of the words inside that office.
        let text = "Senator Ana Vera held talks with Chilean diplomat Tomas Soto in Lima.\n\n\
                    The foreign minister, who is in Lima for the summit, confirmed her meeting with Mr Soto.\n\n\
                    Fijian Prime Minister Lena Holm visited Chile on Monday.";
        let day = NaiveDate::from_ymd_opt(2023, 7, 14);
        let ex = with_dictionary(&["AU\tforeign_minister\tForeign Minister\tAna Vera\t\t2022-05-23\t"]);
        let x = ex.extract(text, day);
        assert_eq!(speakers(&x), ["Ana Vera"]);
        assert_eq!(titles_of(&x, "Ana Vera").unwrap(), ["Senator", "Foreign Minister"]);
        // Out of office on the day, or unknown: the description names no one.
        for ex in [with_dictionary(&["AU\tforeign_minister\tForeign Minister\tAna Vera\t\t2010\t2013"]), super::tests::ex()] {
            assert!(ex.extract(text, day).statements.is_empty(), "neither Ana Vera nor the Prime Minister");
        }
    }

    #[test]
    fn a_description_after_a_pronoun_subject_is_someone_else() {
        // White House style: two Presidents, the readout's principal as "He", the other as
        // the object "the President".
        let text = "President Ana Vera called President Tomas Soto of Chile to inform him of the delay. \
                    He also noted our shared commitment to trade, and told the President that he regrets it.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2013, 10, 2));
        assert_eq!(speakers(&x), ["Ana Vera"]);
    }

    #[test]
    fn a_designated_office_is_a_title_and_an_arabic_article_may_be_left_off() {
        let text = "President Ana Vera of Peru called Chilean Prime Minister-designate Tomas al-Soto today to congratulate him on his appointment. \
                    Dr. Soto thanked the President for her call.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2014, 8, 11));
        assert_eq!(titles_of(&x, "Tomas al-Soto").unwrap(), ["Prime Minister-designate"]);
        assert_eq!(speakers(&x), ["Tomas al-Soto"]);
    }

    #[test]
    fn a_states_possessive_office_unnamed_is_a_party_of_its_own() {
        // "Qatar's foreign minister" is definite: someone, unnamed, on Qatar's side.
        let text = "Peru's foreign minister also spoke with Chilean Foreign Minister Tomas Soto via phone call on Sunday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 4, 15));
        assert_eq!(x.meetings.len(), 1);
        assert_eq!(names(&x, &x.meetings[0]), ["Tomas Soto"]);
        // "a minister" stays no one.
        let text = "A Peruvian minister also spoke with Chilean Foreign Minister Tomas Soto via phone call on Sunday.";
        assert!(ex().extract(text, NaiveDate::from_ymd_opt(2024, 4, 15)).meetings.is_empty());
    }

    #[test]
    fn he_after_an_unnamed_office_holders_statement_is_that_holder() {
        // A government's own readout: its principal unnamed, the partner named.
        let text = "The Prime Minister spoke to President Tomas Soto.\n\n\
                    The Prime Minister raised the case of a detained citizen. He reiterated the need for her release.";
        let origin = Origin { source: Some("GOV.UK"), url: Some("https://www.gov.uk/government/news/pm-call") };
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2020, 1, 24), origin);
        assert_eq!(speakers(&x), ["GB", "GB"]);
    }

    #[test]
    fn an_official_whose_state_two_states_tie_for_gets_the_same_one_every_time() {
        // "Russia-Ukraine" names two states at one place, equally often: nothing in the text
        // prefers one, but the same article must always yield the same answer.
        let text = "Minister Ana Vera mourned the passing of former Minister Tomas Soto. The ministers discussed Russia-Ukraine.";
        let states: std::collections::BTreeSet<Option<String>> =
            (0..24).map(|_| ex().extract(text, None).officials.iter().find(|o| o.name == "Tomas Soto").and_then(|o| o.country.map(|c| c.to_string()))).collect();
        assert_eq!(states.len(), 1, "{states:?}");
    }

    #[test]
    fn two_receptions_told_side_by_side_are_two_meetings() {
        let text = "Foreign Minister Ana Vera received Secretary of State Tomas Soto at the airport in Lima on September 5 while Defence Minister Rosa Diaz welcomed Defense Secretary Juan Perez.\n\n\
                    Vera held talks with Soto on Thursday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2018, 9, 6));
        let mut met: Vec<(Vec<String>, String)> = x.meetings.iter().map(|m| (names(&x, m), m.date.map(|d| d.date.to_string()).unwrap_or_default())).collect();
        met.sort();
        let pair = |a: &str, b: &str, d: &str| (vec![a.to_string(), b.to_string()], d.to_string());
        // The same two on another day the text tells met again.
        assert_eq!(met, [pair("Ana Vera", "Tomas Soto", "2018-09-05"), pair("Ana Vera", "Tomas Soto", "2018-09-06"), pair("Rosa Diaz", "Juan Perez", "2018-09-05")]);
    }

    #[test]
    fn a_day_starting_a_period_dates_no_encounter() {
        let text = "TOKYO (Agency) -- Peruvian Foreign Minister Lena Holm and Chilean Foreign Minister Tomas Soto on Thursday confirmed the importance of cooperation.\n\n\
                    Holm had a telephone conversation with Soto for about 10 minutes, holding talks with him for the first time since she became foreign minister in Wednesday’s cabinet reshuffle.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 9, 15));
        let days: Vec<String> = x.meetings.iter().map(|m| m.date.map(|d| d.date.to_string()).unwrap_or_default()).collect();
        assert_eq!(days, ["2023-09-14"]);
    }

    #[test]
    fn an_encounter_told_unnamed_and_named_next_keeps_its_day() {
        // The lede names no one but the prime minister of a clause about something else.
        let text = "TOKYO (Agency) -- The top diplomats of Peru and Chile agreed in phone talks Thursday to strengthen ties, after Prime Minister Ana Vera took office this week, when Vera became prime minister.\n\n\
                    Foreign Minister Lena Holm and Chilean Foreign Minister Tomas Soto exchanged views on many issues during the 15-minute call, according to the ministry.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 10, 7));
        let met: Vec<(Vec<String>, String)> = x.meetings.iter().map(|m| (names(&x, m), m.date.map(|d| d.date.to_string()).unwrap_or_default())).collect();
        assert_eq!(met, [(vec!["Lena Holm".to_string(), "Tomas Soto".to_string()], "2021-10-07".to_string())]);
    }

    #[test]
    fn who_a_since_clause_names_is_no_party_and_a_counted_time_no_day() {
        let text = "ANKARA, March 24 (Agency) -- Peruvian Foreign Minister Lena Holm said on Wednesday he had constructive talks with his Chilean counterpart Tomas Soto, in their first meeting since Chilean President Ana Vera took office.\n\n\
                    His visit comes a week after former President Luis Rojas made a courtesy visit to Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 3, 24));
        let met: Vec<(Vec<String>, String)> = x.meetings.iter().filter(|m| m.participants.len() == 2).map(|m| (names(&x, m), m.date.map(|d| d.date.to_string()).unwrap_or_default())).collect();
        let pair = |a: &str, b: &str, d: &str| (vec![a.to_string(), b.to_string()], d.to_string());
        assert_eq!(met, [pair("Lena Holm", "Tomas Soto", "2021-03-24"), pair("Luis Rojas", "Tomas Soto", "")]);
    }

    #[test]
    fn who_accompanies_or_is_talked_about_is_no_party() {
        let text = "LIMA, April 13 (Agency) -- In the afternoon, Foreign Minister Lena Holm accompanied Chilean President Ana Vera in bilateral meetings with President Tomas Soto of Peru and Prime Minister Luis Rojas of Canada.\n\n\
                    Holm also held talks with Foreign Minister Rosa Diaz of Peru regarding the visit of Peruvian Prime Minister Juan Perez to Chile.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2018, 4, 13));
        let mut met: Vec<Vec<String>> = x.meetings.iter().map(|m| names(&x, m)).collect();
        met.sort();
        let pair = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        assert_eq!(met, [pair("Ana Vera", "Luis Rojas"), pair("Ana Vera", "Tomas Soto"), pair("Lena Holm", "Rosa Diaz")]);
    }

    #[test]
    fn a_telephonic_conversation_and_a_qualified_meeting_held_are_encounters() {
        let text = "ISLAMABAD -- Turkish President Tomas Soto, during a telephonic conversation with Prime Minister Ana Vera on Saturday, assured Pakistan of support.\n\n\
                    Prime Ministers Lena Holm and Rosa Diaz held a one-on-one meeting in New Delhi on Sunday night.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 7, 11));
        let met: Vec<(String, Vec<String>)> = x.meetings.iter().map(|m| (m.kind.as_str().to_string(), names(&x, m))).collect();
        let names = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        assert_eq!(met, [("phone_call".to_string(), names("Tomas Soto", "Ana Vera")), ("meeting".to_string(), names("Lena Holm", "Rosa Diaz"))]);
    }

    #[test]
    fn in_the_talks_names_them_again_and_they_last_met_is_the_pairs_earlier_meeting() {
        let text = "BEIJING -- Foreign ministers of Peru and Chile have held talks to ease tensions.\n\n\
                    In the talks at the State Guesthouse in Beijing on Wednesday, Foreign Minister Lena Holm and Chilean Foreign Minister Ana Vera discussed trade.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2013, 4, 24));
        let met: Vec<(String, Vec<String>)> = x.meetings.iter().map(|m| (m.kind.as_str().to_string(), names(&x, m))).collect();
        assert_eq!(met, [("talks".to_string(), vec!["Lena Holm".to_string(), "Ana Vera".to_string()])]);
        let text = "JAKARTA - Prime Minister Lena Holm met Prime Minister Ana Vera of Timor-Leste on the sidelines of the summit on Wednesday.\n\n\
                    They last met in Lisbon during Vera’s official visit in 2013.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 9, 6));
        let met: Vec<(Vec<String>, Option<String>)> = x.meetings.iter().map(|m| (names(&x, m), m.location.clone())).collect();
        let pair = vec!["Lena Holm".to_string(), "Ana Vera".to_string()];
        assert_eq!(met, [(pair.clone(), None), (pair, Some("Lisbon".to_string()))]);
    }

    #[test]
    fn a_meeting_of_named_officeholders_is_their_meeting_not_a_bodys() {
        let text = "MOSCOW. AGENCY – The bilateral meeting of foreign ministers of Peru and Chile Lena Holm and Ana Vera has started in Moscow.\n\n\
                    Holm later attended the fourth ministerial meeting of the Forum.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2020, 9, 9));
        let met: Vec<(String, Vec<String>)> = x.meetings.iter().map(|m| (m.kind.as_str().to_string(), names(&x, m))).collect();
        assert_eq!(met, [("meeting".to_string(), vec!["Lena Holm".to_string(), "Ana Vera".to_string()]), ("conference".to_string(), vec!["Lena Holm".to_string()])]);
    }

    #[test]
    fn an_encounter_between_two_has_just_those_parties() {
        let text = "JAKARTA -- Foreign Minister Lena Holm met French Foreign Minister Jean Soto in Paris on Wednesday and discussed a phone call between President Ana Vera and French President Luis Rojas.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 4, 26));
        let met: Vec<(String, Vec<String>, Option<String>)> = x.meetings.iter().map(|m| (m.kind.as_str().to_string(), names(&x, m), m.location.clone())).collect();
        let names = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        assert_eq!(met, [
            ("meeting".to_string(), names("Lena Holm", "Jean Soto"), Some("Paris".to_string())),
            ("phone_call".to_string(), names("Ana Vera", "Luis Rojas"), None)
        ]);
    }

    #[test]
    fn a_verb_coordinated_after_an_unnamed_holders_praise_is_the_holders() {
        // The partner named inside the first clause is not the subject of "and said".
        let text = "The Prime Minister spoke to President Tomas Soto of Chile.\n\n\
                    The Prime Minister congratulated President Soto on the new trade agreement and said the UK remained committed to the commercial relationship.";
        let origin = Origin { source: Some("GOV.UK"), url: Some("https://www.gov.uk/government/news/pm-call") };
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2020, 1, 24), origin);
        assert_eq!(speakers(&x), ["GB"]);
        let topics: Vec<String> = x.positions.iter().map(|p| format!("{} {}", p.actor.code(), p.topic)).collect();
        assert_eq!(topics, ["GB trade_investment"]);
    }

    #[test]
    fn a_calendar_date_beside_today_is_the_day() {
        let text = "Peruvian Foreign Minister Ana Vera received Chilean Ambassador Tomas Soto today, December 15, 2021, at the ministry.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 12, 16));
        assert_eq!(x.meetings[0].date.map(|d| d.date.to_string()).as_deref(), Some("2021-12-15"));
    }

    fn with_dictionary(lines: &[&str]) -> Extractor {
        let holders: Vec<OfficeHolder> = lines.iter().map(|l| OfficeHolder::parse_line(l).unwrap()).collect();
        Extractor::new(&default_topics(), &holders)
    }

    #[test]
    fn the_dictionary_gives_the_state_the_text_leaves_out_but_the_text_wins() {
        let ex = with_dictionary(&[
            "SE\thead_of_government\tPrime Minister\tLena Holm\t\t2019\t2023",
            "AR\tforeign_minister\tForeign Minister\tTomas Soto\t\t2019\t",
            "UN\tsecretary_general\tSecretary-General\tMaria Oyelaran\t\t2017\t",
        ]);
        let text = "GENEVA, May 4 (Agency) -- Prime Minister Lena Holm met Chilean Foreign Minister Tomas Soto on Monday. Secretary-General Maria Oyelaran joined them.";
        let x = ex.extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Lena Holm").as_deref(), Some("SE"));
        assert_eq!(country_of(&x, "Tomas Soto").as_deref(), Some("CL"), "the text names his state");
        let un = x.officials.iter().find(|o| o.name == "Maria Oyelaran").unwrap();
        assert_eq!((un.country, un.org.as_deref()), (None, Some("UN")));
        // Years after her term, given a former office: still found, still Swedish.
        let x = ex.extract("GENEVA, May 4 (Agency) -- Former Prime Minister Lena Holm spoke at the forum.", NaiveDate::from_ymd_opt(2030, 5, 4));
        assert_eq!(country_of(&x, "Lena Holm").as_deref(), Some("SE"));
    }

    #[test]
    fn the_shipped_dictionary_knows_national_security_advisers_named_without_a_state() {
        // Alliance releases name the White House aide by a style alone.
        let shipped = Extractor::new(&default_topics(), &crate::domain::default_office_holders());
        let x = shipped.extract("BRUSSELS -- NATO Secretary General Ana Vera met Ambassador John Bolton in Washington on Thursday.", NaiveDate::from_ymd_opt(2018, 9, 14));
        assert_eq!(country_of(&x, "John Bolton").as_deref(), Some("US"));
    }

    #[test]
    fn a_state_lent_by_a_list_yields_to_the_dictionary() {
        let ex = with_dictionary(&["IL\thead_of_government\tPrime Minister\tLena Holm\t\t2019\t"]);
        let text = "WASHINGTON, May 4 (Agency) -- US President Tomas Soto and Prime Minister Lena Holm spoke by phone. The U.S. and the United States were named.";
        let x = ex.extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Lena Holm").as_deref(), Some("IL"));
        // Without the dictionary the list still lends its state.
        let x = with_dictionary(&[]).extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(country_of(&x, "Lena Holm").as_deref(), Some("US"));
    }

    #[test]
    fn an_organisation_the_dictionary_names_in_full_is_written_by_its_code() {
        // The dictionary writes "African Union" (its code is Australia's); officials carry "AU".
        let ex = with_dictionary(&["African Union\tcommission_chairperson\tChairperson of the African Union Commission\tMaria Oyelaran\t\t2017\t"]);
        let x = ex.extract("ADDIS ABABA, May 4 (Agency) -- Maria Oyelaran met Ethiopian Prime Minister Lena Holm.", NaiveDate::from_ymd_opt(2021, 5, 4));
        let au = x.officials.iter().find(|o| o.name == "Maria Oyelaran").unwrap();
        assert_eq!((au.country, au.org.as_deref()), (None, Some("AU")));
    }

    #[test]
    fn a_meeting_a_caption_puts_ahead_of_a_photo_on_an_earlier_day_was_held() {
        let text = "LIMA, May 9 (Agency) -- Vera is leaving the post.\n\nPeruvian Foreign Minister Ana Vera (R) and U.S. Secretary of State Lena Holm pose for a photo ahead of their meeting in Hawaii on Feb. 13, 2022.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 9));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(x.meetings[0].date.unwrap().date, NaiveDate::from_ymd_opt(2022, 2, 13).unwrap());
        assert_eq!(x.meetings[0].location.as_ref().map(|p| p.as_str()), Some("Hawaii"));
        // Ahead of a meeting still to come, nothing was held.
        let text = "LIMA, May 9 (Agency) -- Peruvian Foreign Minister Ana Vera and U.S. Secretary of State Lena Holm spoke ahead of their meeting in Hawaii on May 13.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 9));
        assert!(x.meetings.iter().all(|m| m.kind != crate::domain::MeetingKind::Meeting), "{:?}", x.meetings);
    }

    #[test]
    fn an_initial_of_one_name_is_no_mention_of_it_elsewhere() {
        // "A statement" is not "A. K. Tomas Soto"; the minister who held the meetings is
        // the one party of each, not a pair read off two lists.
        let text = "LIMA, May 4 (Agency) -- Madam Ana Vera, the Minister for Foreign Affairs of Peru, is in New York.\n\nA statement said Madam Vera held meetings with her counterparts, namely Dr A. K. Tomas Soto of Chile; Mr Kari Berg of Norway and Madam Lena Holm of Sweden.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 4));
        let pairs: Vec<Vec<String>> = x.meetings.iter().filter(|m| m.participants.len() == 2).map(|m| names(&x, m)).collect();
        assert_eq!(pairs.len(), 3, "{pairs:?}");
        assert!(pairs.iter().all(|p| p[0] == "Ana Vera"), "{pairs:?}");
    }

    #[test]
    fn a_meeting_during_a_visit_takes_the_visits_city() {
        let text = "Peruvian Foreign Minister Ana Vera has met with Chilean Foreign Minister Tomas Soto as part of her visit to Santiago, the ministry said.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 9));
        assert_eq!(x.meetings[0].location.as_ref().map(|p| p.as_str()), Some("Santiago"));
        let text = "Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto ahead of her visit to Santiago.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 5, 9));
        assert_eq!(x.meetings[0].location, None);
    }

    #[test]
    fn the_head_of_a_specialised_agency_serves_it() {
        let text = "BAKU, May 4 (Agency) -- President of Peru Ana Vera has received Secretary General of the International Telecommunication Union Lena Holm.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        let holm = x.officials.iter().find(|o| o.name == "Lena Holm").expect("the agency's name ends before its head's");
        assert_eq!((holm.country, holm.org.as_deref()), (None, Some("ITU")));
        assert_eq!(holm.titles[0].title, "Secretary General");
        assert!(x.positions.is_empty(), "a field in a body's name is no stance: {:?}", x.positions);
    }

    /// Speakers of every statement, by name (or state code).
    #[test]
    fn a_rank_without_its_portfolio_describes_the_holder() {
        let text = "Peruvian Foreign Minister Luis Pardo met with Vice Minister of Foreign Affairs of Chile, Ambassador Ana Vera, in Lima.\n\nThe Vice Minister reaffirmed Chile's commitment to trade.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(speakers(&x), ["Ana Vera"]);
    }

    fn speakers(x: &Extraction) -> Vec<String> {
        x.statements
            .iter()
            .map(|s| match &s.speaker {
                Speaker::Official(o) => x.officials[*o].name.clone(),
                Speaker::State(c) => c.to_string(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_heading_names_the_author_of_first_person_remarks() {
        let text = "Statement by Mr Ana Vera Minister for Europe and Foreign Affairs - Call with her Chilean counterpart (4 May 2021)\n\nOn Tuesday I spoke on the phone with my Chilean counterpart, Tomas Soto. I reiterated Peru's support for free trade.\n\nWe agreed to meet again soon.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        let vera = x.officials.iter().find(|o| o.name == "Ana Vera").expect("the author is an official");
        assert_eq!(vera.titles[0].title, "Minister for Europe and Foreign Affairs");
        assert_eq!(speakers(&x), vec!["Ana Vera"; 3]);
        assert_eq!(names(&x, &x.meetings[0]), vec!["Ana Vera", "Tomas Soto"]);
        // "Remarks by <title> <name> following ...": the title comes first.
        let text = "Remarks by High Representative Ana Vera following her meeting with the Foreign Minister of Chile\n\nWe discussed trade. I am glad to be back in Santiago.";
        assert_eq!(speakers(&ex().extract(text, None)), vec!["Ana Vera"; 2]);
    }

    #[test]
    fn a_report_under_a_statement_heading_keeps_its_own_speakers() {
        // Third person throughout: a news report about the statement, not the statement.
        let text = "Statement by Ana Vera draws criticism\n\nLIMA, May 4 (Agency) -- Chilean Foreign Minister Tomas Soto said on Tuesday that Chile regrets the remarks.";
        assert_eq!(speakers(&ex().extract(text, None)), vec!["Tomas Soto"]);
        // "Remarks by A and B": a press conference's transcript, no single author.
        let text = "Remarks by President Ana Vera and President Tomas Soto\n\nWe discussed trade.";
        assert!(speakers(&ex().extract(text, None)).is_empty());
    }

    #[test]
    fn eu_releases_style_the_high_representative_hrvp_and_editors_bracket_names() {
        let text = "BRUSSELS, May 4 (Agency) -- Ana Vera, the High Representative of the European Union, met Chilean Foreign Minister Tomas Soto on Monday. HRVP Vera outlined the EU's support for trade.\n\n\"We met last time when the Minister [Lena Holm] was in Lima,\" Vera said.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(x.officials.len(), 3, "{:?}", x.officials.iter().map(|o| &o.name).collect::<Vec<_>>());
        assert_eq!(speakers(&x), vec!["Ana Vera"; 2]);
        let holm = x.officials.iter().find(|o| o.name == "Lena Holm").expect("the bracketed name is the Minister");
        assert_eq!(holm.titles[0].title, "Minister");
    }

    #[test]
    fn one_person_under_full_middle_name_and_initial_is_one_official() {
        let text = "ABUJA, May 4 (Agency) -- Peru's Foreign Minister, Ambassador Ana Vera, met Chilean President Tomas Soto on Monday. \"His Excellency Ana Maria Vera held talks,\" a statement said. The Minister, Ana M. Vera, hoped for more trade.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        let mut found: Vec<(&str, Vec<&str>)> = x.officials.iter().map(|o| (o.name.as_str(), o.titles.iter().map(|t| t.title.as_str()).collect())).collect();
        found.sort();
        // "Ambassador" is a career diplomat's style beside the office she holds.
        assert_eq!(found, vec![("Ana Vera", vec!["Foreign Minister"]), ("Tomas Soto", vec!["President"])]);
        // Initials of different words are different people.
        let text = "LIMA, May 4 (Agency) -- President Ana M. Vera met Ana L. Vera, a Chilean senator, on Monday.";
        assert_eq!(ex().extract(text, None).officials.len(), 2);
    }

    #[test]
    fn an_unnamed_senior_official_speaks_for_the_state_and_the_official_again() {
        let text = "LIMA: Peru wants closer ties with Chile, a senior Peruvian official said on Friday. This can be done through trade and energy, the official said after talks with Chile's ambassador.";
        let x = ex().extract(text, None);
        assert_eq!(speakers(&x), vec!["PE", "PE"]);
        // With no unnamed official told of before, "the official" is nobody's.
        let text = "LIMA: Peru and Chile signed a trade deal. The official said it mattered.";
        assert!(speakers(&ex().extract(text, None)).is_empty());
    }

    #[test]
    fn peers_and_counterparts_from_listed_states_take_the_subjects_office() {
        for noun in ["peers", "counterparts"] {
            let text = format!("LIMA, May 4 (Agency) -- Foreign Minister Ana Vera of Peru met her {noun} from Chile and Bolivia, Tomas Soto and Eva Rojas, on Monday.");
            let x = ex().extract(&text, None);
            for (name, state) in [("Tomas Soto", "CL"), ("Eva Rojas", "BO")] {
                let o = x.officials.iter().find(|o| o.name == name).unwrap();
                assert_eq!((o.titles[0].title.as_str(), o.country.map(|c| c.to_string()).as_deref()), ("Foreign Minister", Some(state)), "{noun}");
            }
        }
        let x = ex().extract("LIMA, May 4 (Agency) -- President Ana Vera of Peru will meet her peer Tomas Soto of Chile.", None);
        assert_eq!(x.officials[1].titles[0].title, "President");
    }

    #[test]
    fn a_counterpart_of_a_states_own_foreign_minister_title_is_a_foreign_minister() {
        // Wire copy: "Secretary of State X met his Japanese counterpart Y". Y is Japan's
        // foreign minister, not a secretary of state (GUIDELINES, counterparts).
        for office in ["Secretary of State", "External Affairs Minister", "Foreign Secretary"] {
            let text = format!("LIMA, May 4 (Agency) -- {office} Ana Vera on Monday held talks with her Chilean counterpart Tomas Soto.");
            let x = ex().extract(&text, None);
            let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").unwrap();
            assert_eq!(soto.titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Foreign Minister"], "{office}");
        }
    }

    #[test]
    fn a_presence_list_that_names_the_guests_state_leaves_its_other_names_to_the_host() {
        // A host paper's copy, no dateline: its own side unmarked, the guests' marked.
        let text = "Peruvian Foreign Minister Ana Vera today paid a courtesy call on Chilean President Tomas Soto. Foreign Secretary Eva Rojas, Principal Secretary Juan Pardo and Peruvian Ambassador Luis Diaz were present.";
        let x = ex().extract(text, None);
        let state = |name: &str| x.officials.iter().find(|o| o.name == name).and_then(|o| o.country).map(|c| c.to_string());
        assert_eq!([state("Eva Rojas"), state("Juan Pardo"), state("Luis Diaz")], [Some("CL".into()), Some("CL".into()), Some("PE".into())]);
    }

    #[test]
    fn an_office_object_of_a_fronted_participle_is_not_the_subjects() {
        let titles = |text: &str, name: &str| {
            let x = ex().extract(text, None);
            x.officials.iter().find(|o| o.name == name).map(|o| o.titles.iter().map(|t| t.title.clone()).collect::<Vec<_>>()).unwrap_or_default()
        };
        assert_eq!(titles("President Ana Vera of Peru met Foreign Minister Tomas Soto of Chile. Greeting the Chilean Foreign Minister, Vera highlighted the ties.", "Ana Vera"), ["President"]);
        // A participle that qualifies the office keeps it the name's.
        assert_eq!(titles("Peru's President Ana Vera arrived. Visiting Foreign Minister, Tomas Soto, said ties were strong.", "Tomas Soto"), ["Foreign Minister"]);
        assert_eq!(titles("Peru's President Ana Vera arrived. According to Chile's Foreign Minister, Tomas Soto, ties were strong.", "Tomas Soto"), ["Foreign Minister"]);
    }

    #[test]
    fn a_dictionary_name_after_bin_is_a_fathers_inside_the_sons_name() {
        let text = "Peru's Foreign Minister Ana Vera arrived in Abu Dhabi on Monday. She met Sheikh Tomas bin Lim Al Soto, Minister of State. The meeting was attended by Sheikh Hamdan bin Mohamed bin Zayed Al Nahyan.";
        let x = ex().extract(text, None);
        let names: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert!(names.contains(&"Hamdan bin Mohamed bin Zayed Al Nahyan"), "{names:?}");
        assert!(!names.contains(&"Mohamed bin Zayed Al Nahyan"), "{names:?}");
    }

    #[test]
    fn among_those_present_lists_participants_of_the_encounter() {
        let text = "LIMA, July 26 (Agency) -- Chilean President Tomas Soto held bilateral talks with Peru's Prime Minister Ana Vera in Lima today. Among those present were National Unity Minister Eva Rojas and Congress Speaker Luis Diaz.";
        let x = ex().extract(text, None);
        let names: Vec<&str> = x.meetings[0].participants.iter().map(|&p| x.officials[p].name.as_str()).collect();
        assert_eq!(names, ["Tomas Soto", "Ana Vera", "Eva Rojas", "Luis Diaz"]);
        let rojas = x.officials.iter().find(|o| o.name == "Eva Rojas").unwrap();
        assert_eq!(rojas.titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["National Unity Minister"]);
    }

    #[test]
    fn a_pair_met_where_they_agreed_takes_the_agreements_domains_each() {
        let text = "Peruvian Foreign Minister Ana Vera met with her Chilean counterpart Tomas Soto in Lima on Tuesday, where they agreed on a road map for the bilateral partnership that centers on economics, security and the environment.";
        let x = ex().extract(text, None);
        let mut got: Vec<(String, String)> = x.positions.iter().map(|p| (p.actor.code().to_string(), p.topic.to_string())).collect();
        got.sort();
        got.dedup();
        let want: Vec<(String, String)> = ["CL", "PE"].iter().flat_map(|c| ["climate_environment", "security_cooperation", "trade_investment"].map(|t| (c.to_string(), t.to_string()))).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn page_furniture_copied_inline_is_no_official() {
        let text = "Peruvian Prime Minister Ana Vera met Chilean President Tomas Soto at the convention centre. Story Highlights Prime Minister Ana Vera today held talks with Chilean President Tomas Soto.";
        let x = ex().extract(text, None);
        let names: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn members_of_a_delegation_serve_its_leaders_state() {
        let text = "LIMA, May 4 (Agency) -- Peruvian Foreign Minister Ana Vera arrived in Santiago on Monday.\n\nVera was leading a delegation of lawmakers, including Health Minister Tomas Soto and Trade Minister Eva Rojas.\n\nThe delegation will also visit Bolivia and Ecuador.";
        let x = ex().extract(text, None);
        for name in ["Tomas Soto", "Eva Rojas"] {
            assert_eq!(country_of(&x, name).as_deref(), Some("PE"), "{name}");
        }
    }

    #[test]
    fn a_transcript_label_may_give_the_office_after_the_name() {
        let text = "Doorstop following the meeting\n\nAna Vera, Minister for Foreign Affairs: I want to start by thanking Japan. We condemn this act of violence.\n\nJournalist: Did you meet Tomas Soto?\n\nAna Vera, Minister for Foreign Affairs: I had a very constructive meeting with Chilean Foreign Minister Tomas Soto.";
        let x = ex().extract(text, None);
        assert_eq!(speakers(&x), vec!["Ana Vera"; 3]);
        assert_eq!(names(&x, &x.meetings[0]), vec!["Ana Vera", "Tomas Soto"]);
    }

    /// The titles of the official named `name`, if the extraction has one.
    fn titles_of(x: &Extraction, name: &str) -> Option<Vec<String>> {
        x.officials.iter().find(|o| o.name == name).map(|o| o.titles.iter().map(|t| t.title.clone()).collect())
    }

    /// "KZ trade_investment"-style keys of the positions, sorted.
    #[test]
    fn two_family_names_joined_by_a_hyphen_name_both_officials() {
        let text = "Peruvian President Ana Vera spoke by phone with Chilean President Tomas Soto on Wednesday. She briefed Soto on her visit to Brazil for a summit with Brazilian President Luis Pardo.\n\nDuring the Vera-Pardo talks, the two leaders agreed to boost security cooperation.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 3, 9));
        assert_eq!(actor_topics(&x), ["BR security_cooperation", "PE security_cooperation"]);
    }

    fn actor_topics(x: &Extraction) -> Vec<String> {
        let mut actors: Vec<String> = x.positions.iter().map(|p| format!("{} {}", p.actor.code(), p.topic)).collect();
        actors.sort();
        actors.dedup();
        actors
    }

    #[test]
    fn a_family_name_that_is_a_function_word_follows_a_title() {
        let text = "HANOI -- President To Lam received Peruvian Ambassador Ana Vera on Monday. The President said ties were strong.\n\nThe two sides agreed on preparations for the visit by President Luis Pardo.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 6, 17));
        let to_lam = x.officials.iter().find(|o| o.name == "To Lam").expect("To Lam");
        assert_eq!(to_lam.titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["President"]);
        assert_eq!(names(&x, &x.meetings[0]), ["To Lam", "Ana Vera"]);
        assert_eq!(speakers(&x)[0], "To Lam");
    }

    #[test]
    fn passive_words_at_an_encounter_are_its_parties_and_debating_is_discussing() {
        // Translated ministry style: the parties' agenda in the passive, or "debated".
        let text = "President Luis Pardo of Peru received Chilean Ambassador Tomas Soto in Lima.\n\nThe importance of expanding trade and investment ties was stressed at the meeting.\n\nThe parties debated prospects for strengthening cooperation in energy.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 6, 17));
        assert_eq!(actor_topics(&x), ["CL energy", "CL trade_investment", "PE energy", "PE trade_investment"]);
        // Talk alone, in the passive, states nothing.
        let text = "President Luis Pardo of Peru received Chilean Ambassador Tomas Soto in Lima.\n\nTrade and investment ties were discussed at the meeting.";
        assert!(ex().extract(text, None).positions.is_empty());
    }

    #[test]
    fn a_closing_stance_passive_or_attention_paid_after_an_encounter_is_its_parties() {
        let call = "TASHKENT, May 3 - President Luis Pardo of Peru had a telephone conversation with Chilean President Tomas Soto.\n\n";
        let x = ex().extract(&format!("{call}The importance of expanding trade was noted with satisfaction."), None);
        assert_eq!(actor_topics(&x), ["CL trade_investment", "PE trade_investment"]);
        let x = ex().extract(&format!("{call}Special attention was paid to increasing cooperation in energy."), None);
        assert_eq!(actor_topics(&x), ["CL energy", "PE energy"]);
        // The passive goes on to say more than a stance: not a closing one.
        let x = ex().extract(&format!("{call}The importance of expanding trade was noted in a report by the bank."), None);
        assert!(x.positions.is_empty(), "{:?}", actor_topics(&x));
    }

    #[test]
    fn a_possessive_in_the_predicate_is_no_party_of_the_next_joint_sentence() {
        let text = "ASTANA. KAZINFORM – President Tomas Soto of Kazakhstan received ambassadors of Russia and China.\n\n\
                    During the meeting with Russian ambassador Luis Pardo the Head of State noted the importance of Russian President Ivan Petrov’s visit to Kazakhstan.\n\n\
                    At the meeting with Chinese ambassador Zhang Xiao, the sides pointed out the relevance of the upcoming summit.\n\n\
                    The importance of further strengthening of bilateral relations, expansion of economic ties was highlighted at the meeting.";
        let x = ex().extract(text, None);
        assert_eq!(actor_topics(&x), ["CN trade_investment", "KZ trade_investment"]);
    }

    #[test]
    fn a_call_received_in_a_relative_clause_and_this_came_during_a_call() {
        let opening = "Amir Sheikh Tomas bin Hamad Soto affirmed the continuation of Qatar's efforts for de-escalation.\n\n";
        let x = ex().extract(&format!("{opening}A telephone call His Highness the Amir Sheikh Tomas bin Hamad Soto received Wednesday from US President Luis Pardo lasted an hour."), NaiveDate::from_ymd_opt(2023, 11, 22));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), ["Tomas bin Hamad Soto", "Luis Pardo"]);
        let x = ex().extract(&format!("{opening}This came during a telephone call with US President Luis Pardo."), NaiveDate::from_ymd_opt(2023, 11, 22));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), ["Tomas bin Hamad Soto", "Luis Pardo"]);
    }

    #[test]
    fn two_subjects_listed_together_meet_their_one_partner_together() {
        let x = ex().extract("Peruvian Foreign Minister Tomas Soto and Ambassador Luis Pardo held an audience with Foreign Minister of El Salvador Ana Vera.", None);
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!(names(&x, &x.meetings[0]), ["Tomas Soto", "Luis Pardo", "Ana Vera"]);
        // One subject and a list of partners: one meeting each.
        let x = ex().extract("Peruvian Foreign Minister Tomas Soto met Foreign Minister of El Salvador Ana Vera and Foreign Minister of Chile Luis Pardo.", None);
        assert_eq!(x.meetings.len(), 2, "{:?}", x.meetings);
    }

    #[test]
    fn a_counterpart_styled_prince_holds_the_counterparts_office() {
        let x = ex().extract("Cabinet Secretary Ana Vera held talks with her Saudi Arabian counterpart His Highness Prince Tomas bin Luis Al Pardo in Riyadh.", None);
        let prince = x.officials.iter().find(|o| o.name == "Tomas bin Luis Al Pardo").expect("the prince");
        assert_eq!(prince.titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Cabinet Secretary"]);
        // A prince who is no one's counterpart keeps his rank.
        let x = ex().extract("Cabinet Secretary Ana Vera met His Highness Prince Tomas bin Luis Al Pardo in Riyadh.", None);
        let prince = x.officials.iter().find(|o| o.name == "Tomas bin Luis Al Pardo").expect("the prince");
        assert_eq!(prince.titles.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Prince"]);
    }

    #[test]
    fn an_impersonal_passive_after_an_encounter_is_its_parties() {
        let text = "LIMA: Prime Minister Luis Pardo received a telephone call from Chilean President Tomas Soto on Thursday.\n\n\
                    It was agreed that the momentum of high-level exchanges would be continued to transform Peruvian-Chilean relations into a strategic economic partnership.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 4, 16));
        assert_eq!(actor_topics(&x), ["CL trade_investment", "PE trade_investment"]);
        // An adverb before the participle, and an official named inside the clause, who is no agent.
        let text = "LIMA: Prime Minister Luis Pardo received a telephone call from Chilean President Tomas Soto on Thursday.\n\n\
                    It was especially emphasized that the visit of the President of Chile to Peru opened new opportunities for trade.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 4, 16));
        assert_eq!(actor_topics(&x), ["CL trade_investment", "PE trade_investment"]);
        let named = "LIMA: Prime Minister Luis Pardo received a telephone call from Chilean President Tomas Soto on Thursday.\n\n\
                     It was stressed by President Tomas Soto that trade must grow.";
        let x = ex().extract(named, NaiveDate::from_ymd_opt(2021, 4, 16));
        assert!(!actor_topics(&x).contains(&"PE trade_investment".to_string()), "an agent named with 'by' is not both parties: {:?}", actor_topics(&x));
    }

    #[test]
    fn the_sides_after_a_fronted_meeting_are_its_parties() {
        let text = "President Luis Pardo of Peru received the ambassadors of Chile and Sweden, Kazinform reports.\n\nDuring the meeting with Chilean Ambassador Tomas Soto, the President noted the importance of the forum.\n\nAt the meeting with Swedish Ambassador Lena Holm, the sides pointed out the importance of trade.";
        let x = ex().extract(text, None);
        assert!(x.officials.iter().all(|o| o.name != "Kazinform"), "{:?}", x.officials);
        assert_eq!(actor_topics(&x), ["PE trade_investment", "SE trade_investment"]);
    }

    #[test]
    fn abbreviated_offices_and_the_ambassadors_style_leave_the_name() {
        let text = "Cabinet Secretary Amb. Ana Vera met with Chilean Ambassador to Kenya Tomas Soto on September 1, 2022.\n\nCS Vera welcomed Ambassador Soto into the country.\n\nEAM Luis Pardo of India also met Soto.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2022, 9, 1));
        let titles = |n: &str| titles_of(&x, n);
        assert_eq!(titles("Ana Vera"), Some(vec!["Cabinet Secretary".to_string()]), "{:?}", x.officials);
        assert_eq!(titles("Luis Pardo"), Some(vec!["External Affairs Minister".to_string()]));
        assert_eq!(x.officials.len(), 3, "{:?}", x.officials);
        assert_eq!(speakers(&x), ["Ana Vera"]);
    }

    #[test]
    fn an_organisations_acronym_between_it_and_the_office_keeps_the_office_its() {
        let text = "Peru's Foreign Minister Ana Vera and Andean Community (CAN) General Secretary Tomas Soto met on Friday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2019, 2, 8));
        let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").expect("Soto");
        assert_eq!((soto.country, soto.org.as_deref()), (None, Some("CAN")), "{:?}", x.officials);
    }

    #[test]
    fn an_organisations_official_is_the_one_official_of_it_named() {
        let text = "Peruvian Prime Minister Ana Vera received ASEAN Secretary General Tomas Soto in Jakarta on Tuesday.\n\nVera said Peru supports the bloc. The ASEAN official congratulated Peru on its achievements. He said he hopes Peru will further its role.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2023, 9, 5));
        assert_eq!(speakers(&x), ["Ana Vera", "Tomas Soto", "Tomas Soto"]);
    }

    #[test]
    fn its_before_an_office_is_the_state_just_named() {
        let text = "Prime Minister Ana Vera of Peru met Chilean President Tomas Soto on Saturday.\n\nLast month, Peruvian President Luis Pardo was in Norway, reciprocating the state visit by its Crown Prince Olav Berg in July.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2015, 11, 22));
        assert_eq!(country_of(&x, "Olav Berg").as_deref(), Some("NO"), "{:?}", x.officials);
    }

    #[test]
    fn a_description_is_not_the_one_named_later_in_its_sentence() {
        let text = "KUWAIT, April 9 (KUNA) -- His Highness the Amir Sheikh Nasser Al-Ahmad Al-Sabah received a telephone call from Qatar's Amir Sheikh Hamad bin Ali Al-Thani.\n\nIn the call, Sheikh Hamad hoped many happy returns.\n\nMeanwhile, His Highness the Amir thanked Qatar's Amir Sheikh Hamad for this good initiative.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 4, 9));
        assert_eq!(speakers(&x), ["Hamad bin Ali Al-Thani", "Nasser Al-Ahmad Al-Sabah"]);
    }

    #[test]
    fn a_gloss_in_brackets_inside_a_bodys_name_is_passed_over() {
        let text = "Chilean Foreign Minister Tomas Soto also met Russian Minister of Industry and Trade Ivan Petrov, Chairman of the State Duma (lower house) International Affairs Committee Oleg Smirnov and Deputy Foreign Minister Pavel Orlov.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2020, 10, 30));
        assert_eq!(titles_of(&x, "Oleg Smirnov"), Some(vec!["Chairman of the State Duma International Affairs Committee".to_string()]), "{:?}", x.officials);
        assert_eq!(x.officials.iter().find(|o| o.name == "Pavel Orlov").and_then(|o| o.country.map(|c| c.to_string())).as_deref(), Some("RU"));
    }

    #[test]
    fn a_courtesy_style_missing_its_last_stop_leaves_the_name() {
        let text = "President Ana Vera of Peru received President H.E Tomas Soto of Chile at State House on Tuesday.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2024, 4, 17));
        let mut names: Vec<&str> = x.officials.iter().map(|o| o.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn the_head_of_state_introduced_so_is_referred_to_so_and_according_to_him() {
        let text = "Head of State Luis Pardo of Peru received Tomas Soto, Minister of Foreign Affairs of Chile.\n\nPardo pointed out the role of Chile's diplomacy. According to him, Chile's initiatives shape the agenda.\n\nThe Head of State highly appraised the relations within the UN.\n\nSoto extended greetings on behalf of Chilean President Luis Mora.\n\nUpon completion of the talk, the Head of State conveyed his greetings to Luis Mora and said he hoped for a visit.";
        let x = ex().extract(text, None);
        assert_eq!(speakers(&x), ["Luis Pardo", "Luis Pardo", "Luis Pardo", "Tomas Soto", "Luis Pardo"]);
    }

    #[test]
    fn a_title_case_readout_headline_names_the_principal_the_body_calls_the_secretary() {
        let text = "Readout of Secretary Vera’s Call with Foreign Minister Soto (January 25)\n\nThe Secretary and Foreign Minister Soto spoke today on trade.\n\nThe Secretary reiterated the need for a ceasefire.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2015, 1, 25));
        let titles = |n: &str| titles_of(&x, n);
        assert_eq!(titles("Vera"), Some(vec!["Secretary".to_string()]), "{:?}", x.officials);
        assert_eq!(titles("Soto"), Some(vec!["Foreign Minister".to_string()]));
        assert_eq!(x.meetings.len(), 1, "{:?}", x.meetings);
        assert_eq!((x.meetings[0].kind, names(&x, &x.meetings[0])), (crate::domain::MeetingKind::PhoneCall, vec!["Vera".to_string(), "Soto".to_string()]));
        assert_eq!(speakers(&x), ["Vera"]);
        // A Title Case headline's name runs on into its words where nothing closes it.
        let x = ex().extract("Secretary Vera Meets Peruvian Leaders\n\nThe Secretary said ties were strong.", None);
        assert!(x.officials.is_empty(), "{:?}", x.officials);
        // Talk within an encounter told in the sentence is no call.
        let x = ex().extract("During the visit, Peruvian President Ana Vera and Chilean President Tomas Soto spoke about trade.", None);
        assert!(x.meetings.iter().all(|m| m.kind != crate::domain::MeetingKind::PhoneCall), "{:?}", x.meetings);
    }

    #[test]
    fn a_call_received_from_a_named_office_holder() {
        let text = "LIMA, Feb 28 (Agency) -- Peruvian President Ana Vera received a telephone call on Saturday from Tomas Soto, the President of Chile.\n\nShe also received a call from Lena Holm, Prime Minister of Sweden.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2026, 2, 28));
        let got: Vec<_> = x.meetings.iter().map(|m| (m.kind, names(&x, m))).collect();
        let call = crate::domain::MeetingKind::PhoneCall;
        assert_eq!(got, [(call, vec!["Ana Vera".to_string(), "Tomas Soto".to_string()]), (call, vec!["Ana Vera".to_string(), "Lena Holm".to_string()])]);
        let soto = x.officials.iter().find(|o| o.name == "Tomas Soto").unwrap();
        assert_eq!((soto.country.map(|c| c.to_string()), soto.titles[0].title.as_str()), (Some("CL".to_string()), "President"));
    }

    #[test]
    fn an_office_without_its_complement_is_its_named_holder_in_his_own_release() {
        let origin = Origin { source: None, url: Some("https://www.mfa.go.ke/news/1") };
        let text = "On November 2, 2022, Dr. Ana Vera, Cabinet Secretary for Foreign and Diaspora Affairs held talks with Tomas Soto, Ambassador of Chile to Kenya.\n\n“We are happy to be the host,” the CS said.\n\nThe Cabinet Secretary emphasized that Kenya will support partnerships.";
        let x = ex().extract_from(text, NaiveDate::from_ymd_opt(2022, 11, 2), origin);
        assert_eq!(speakers(&x), ["Ana Vera"; 2]);
    }

    #[test]
    fn an_organs_chair_behind_the_acronym_and_a_newly_appointed_envoy() {
        let text = "The Chairperson of the African Union (AU) Commission, H.E. Ana Vera, on 11 March 2021, received the credentials of H.E. Mr. Tomas Soto, the newly appointed Ambassador of the Republic of Chad to Ethiopia.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2021, 3, 11));
        let got: Vec<(String, Vec<String>)> = x.officials.iter().map(|o| (o.name.clone(), o.titles.iter().map(|t| t.title.clone()).collect())).collect();
        assert_eq!(got, [("Ana Vera".to_string(), vec!["Chairperson of the African Union Commission".to_string()]), ("Tomas Soto".to_string(), vec!["Ambassador to Ethiopia".to_string()])]);
        assert_eq!(names(&x, &x.meetings[0]), ["Ana Vera", "Tomas Soto"]);
    }

    #[test]
    fn only_chinas_reunification_is_the_one_china_topic() {
        let said = |what: &str| actor_topics(&ex().extract(&format!("Peruvian Foreign Minister Ana Vera met Chilean Foreign Minister Tomas Soto.\n\nVera said Peru supports {what}."), None));
        assert_eq!(said("China's complete reunification"), ["PE one_china"]);
        assert_eq!(said("the reunification of China"), ["PE one_china"]);
        assert!(said("the peaceful reunification of the Korean Peninsula").is_empty());
    }

    #[test]
    fn a_block_attributable_to_a_long_titled_spokesperson_is_hers() {
        let text = "The following is attributable to Principal Deputy Spokesperson Ana Vera:\n\nSecretary of State Tomas Soto spoke today with Indian Minister of External Affairs Luis Pardo. Both leaders agreed to continue close cooperation.";
        let x = ex().extract(text, NaiveDate::from_ymd_opt(2020, 8, 6));
        assert_eq!(x.officials[0].titles[0].title, "Principal Deputy Spokesperson");
        assert_eq!(speakers(&x), ["Ana Vera"; 2]);
    }

    #[test]
    fn a_topic_word_in_an_office_is_no_topic() {
        let said = |what: &str| actor_topics(&ex().extract(&format!("Peruvian President Ana Vera met Chilean Foreign Minister Tomas Soto.\n\n{what}"), None));
        assert!(said("Peruvian Defense Secretary Luis Pardo called for a ceasefire, the ministry said.").is_empty());
        assert!(said("Vera said the Minister of Health would visit Chile.").is_empty());
        assert_eq!(said("Vera said Peru supports defense cooperation with the Trade Ministry's help."), ["PE security_cooperation"]);
    }

    #[test]
    fn spans_are_character_offsets() {
        let text = "Ésta: Peruvian President José Núñez said peace matters.";
        let x = ex().extract(text, None);
        let o = &x.officials[0];
        assert_eq!(o.name, "José Núñez");
        let sp = o.mentions[0].span;
        let got: String = text.chars().skip(sp.start).take(sp.len()).collect();
        assert_eq!(got, "José Núñez");
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::domain::default_topics;

    /// Every span the extraction returns must cut out, in characters, the text it describes.
    #[test]
    fn spans_cut_out_their_text() {
        let text = "Títle líne\n\nLIMA, May 4 (Agência) -- Peruvian Foreign Minister Ána Véra met Chilean President Tomás Soto here on Monday. “We are close partners,” Véra said, adding that Peru supports the Belt and Road Initiative.\n\nSoto noted that Chile opposes interference in internal affairs.";
        let x = Extractor::new(&default_topics(), &[]).extract(text, NaiveDate::from_ymd_opt(2021, 5, 4));
        let cut = |s: crate::domain::Span| -> String { text.chars().skip(s.start).take(s.len()).collect() };
        assert!(!x.statements.is_empty());
        for st in &x.statements {
            assert_eq!(cut(st.span), st.text);
        }
        for o in &x.officials {
            for m in &o.mentions {
                let got = cut(m.span);
                assert!(!got.is_empty() && !got.starts_with(' ') && !got.ends_with(' '), "{got:?}");
            }
            for t in &o.titles {
                assert!(cut(t.span).to_lowercase().contains(&t.title.to_lowercase().split(' ').next_back().unwrap().to_string()), "{:?} vs {}", cut(t.span), t.title);
            }
        }
        let names: Vec<String> = x.officials.iter().flat_map(|o| o.mentions.iter().filter(|m| m.kind == crate::domain::MentionKind::FullName).map(|m| cut(m.span))).collect();
        assert!(names.contains(&"Ána Véra".to_string()), "{names:?}");
        for p in &x.positions {
            let phrase = cut(p.span);
            assert!(x.statements[p.statement].text.contains(&phrase));
        }
        assert_eq!(cut(x.dateline.as_ref().unwrap().span).trim_end(), "LIMA, May 4 (Agência) --");
    }

    #[test]
    fn a_hosts_presence_list_names_its_own_side_without_a_state() {
        let x = Extractor::new(&default_topics(), &[]);
        let text = "LIMA, May 2 (Andina) -- Peruvian Foreign Minister Ana Vera received Chilean Foreign Minister Tomas Soto today.\n\nAttending the meeting were Luis Rojas, Minister of State, Eva Cruz, Assistant Minister for Trade, and Juan Paz, Chilean Ambassador to Peru.";
        let got = x.extract(text, NaiveDate::from_ymd_opt(2023, 5, 2));
        let states: Vec<(&str, Option<String>)> = got.officials.iter().map(|o| (o.name.as_str(), o.country.map(|c| c.to_string()))).collect();
        for (name, state) in [("Luis Rojas", "PE"), ("Eva Cruz", "PE"), ("Juan Paz", "CL")] {
            assert!(states.contains(&(name, Some(state.to_string()))), "{name}: {states:?}");
        }
    }

    #[test]
    fn a_people_names_a_portfolio_and_a_counterpart_takes_the_first_of_a_list() {
        let x = Extractor::new(&default_topics(), &[]);
        let text = "Minister of Foreign Affairs, African Cooperation and Moroccans Abroad, Ana Vera, held talks in Rabat with her Peruvian counterpart, Tomas Soto.";
        let got = x.extract(text, NaiveDate::from_ymd_opt(2023, 5, 2));
        let titles: Vec<(&str, Vec<&str>)> = got.officials.iter().map(|o| (o.name.as_str(), o.titles.iter().map(|t| t.title.as_str()).collect())).collect();
        assert_eq!(titles, [("Ana Vera", vec!["Minister of Foreign Affairs, African Cooperation and Moroccans Abroad"]), ("Tomas Soto", vec!["Minister of Foreign Affairs"])]);
    }

    /// Text cut anywhere (a page fetched short, a paste that stops mid-sentence) is still
    /// text: every rule that looks a few tokens ahead must stop at its end, not panic.
    #[test]
    fn text_cut_at_any_point_extracts_without_panicking() {
        let x = Extractor::new(&default_topics(), &[]);
        let day = NaiveDate::from_ymd_opt(2023, 11, 11);
        let fixtures = [
            "In a call on Friday, Foreign Minister Ana Vera and Li Wei agreed to deepen ties, reads a statement from Vera’s office",
            "NAIROBI, Nov. 10 -- Foreign Minister Ana Vera met her Peruvian counterpart Luis Rojas. \"We support free trade,\" Vera's ministry said Tuesday, according to the Foreign Ministry (MFA).",
            "President Ana Vera (left) received the Prime Minister of Peru, Luis Rojas, on Monday; the two leaders discussed the Belt and Road « and » „trade“.",
        ];
        for text in fixtures {
            for (cut, _) in text.char_indices() {
                x.extract(&text[..cut], day);
            }
        }
        for a in crate::synth::articles(7, 4) {
            for (cut, _) in a.text.match_indices(char::is_whitespace) {
                x.extract(&a.text[..cut], day);
            }
        }
    }
}
