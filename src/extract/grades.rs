//! Graded wording: where a topic's support has clear steps ("pursues the one-China
//! policy" < "abides by the one-China principle" < "opposes Taiwan independence" <
//! "supports China's reunification"), the wording of a statement sets its step.
//! Grades are data (`Topic.grades`, weakest first), matched like topic phrases.
//!
//! Which wording counts for a topic phrase: wording that overlaps the phrase
//! ("the one-China principle"); else the nearest before it (English puts the verb
//! before its object: "welcomes the Belt and Road"), else the nearest after it
//! ("the Belt and Road projects"), never across another topic's phrase, whose
//! wording it would be ("welcomes the Belt and Road and supports China's position
//! on Hong Kong": "supports" is Hong Kong's). A statement naming the topic twice
//! takes the stronger step.

use std::collections::HashMap;

use super::lexicon::FxBuild;
use super::topics::{pattern_words, Unit, W};
use crate::domain::{Topic, TopicSlug};

#[derive(Debug, Clone)]
struct Cue {
    /// 1 for the weakest grade.
    rank: u8,
    slug: TopicSlug,
    words: Vec<W>,
}

/// One topic's grade wording, indexed by first word: a sentence's units are
/// looked up, not compared with every cue (a topic has dozens).
#[derive(Debug, Clone, Default)]
struct TopicCues {
    cues: Vec<Cue>,
    /// Exact first word → cues starting with it.
    by_first: HashMap<String, Vec<usize>, FxBuild>,
    /// Cues whose first word is a prefix ("welcome*"), tried at every unit.
    prefixed: Vec<usize>,
}

impl TopicCues {
    fn new(cues: Vec<Cue>) -> Self {
        let mut t = TopicCues { cues, ..Default::default() };
        for (i, cue) in t.cues.iter().enumerate() {
            match &cue.words[0] {
                W::Exact(w) => t.by_first.entry(w.clone()).or_default().push(i),
                W::Prefix(_) => t.prefixed.push(i),
            }
        }
        t
    }

    /// The cues that may start at a unit reading `low`.
    fn starting_at<'a>(&'a self, low: &'a str) -> impl Iterator<Item = &'a Cue> {
        let exact = self.by_first.get(low).into_iter().flatten();
        let prefixed = self.prefixed.iter().filter(move |&&i| self.cues[i].words[0].matches(low));
        exact.chain(prefixed).map(|&i| &self.cues[i])
    }
}

/// The grade wording of every graded topic, compiled.
#[derive(Debug, Clone, Default)]
pub struct Grades {
    by_topic: HashMap<TopicSlug, TopicCues, FxBuild>,
}

/// A grade the wording of a sentence sets: byte offsets relative to the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub rank: u8,
    pub slug: TopicSlug,
    pub s: usize,
    pub e: usize,
}

impl Grades {
    pub fn new(topics: &[Topic]) -> Self {
        let mut by_topic: HashMap<TopicSlug, TopicCues, FxBuild> = HashMap::default();
        for t in topics.iter().filter(|t| !t.grades.is_empty()) {
            let cues = t
                .grades
                .iter()
                .enumerate()
                .flat_map(|(i, g)| g.patterns.iter().map(move |p| Cue { rank: i as u8 + 1, slug: g.slug.clone(), words: pattern_words(p) }))
                .filter(|c| !c.words.is_empty())
                .collect();
            by_topic.insert(t.slug.clone(), TopicCues::new(cues));
        }
        Grades { by_topic }
    }

    /// Whether the topic has grades at all (most have none).
    pub fn has_grades(&self, topic: &TopicSlug) -> bool {
        self.by_topic.contains_key(topic)
    }

    /// The grade of `topic` in a sentence whose units are `us`, given where its
    /// phrases are (`own`) and where other topics' phrases are (`others`), as
    /// byte ranges relative to the sentence.
    pub fn grade(&self, topic: &TopicSlug, us: &[Unit], own: &[(usize, usize)], others: &[(usize, usize)]) -> Option<Graded> {
        let cues = self.cues(topic, us);
        own.iter().filter_map(|&phrase| Self::wording_of(&cues, phrase, others)).max_by_key(|g| (g.rank, std::cmp::Reverse(g.s))).cloned()
    }

    /// Every match of the topic's grade wording in the units.
    fn cues(&self, topic: &TopicSlug, us: &[Unit]) -> Vec<Graded> {
        let Some(cues) = self.by_topic.get(topic) else { return vec![] };
        let mut found = Vec::new();
        for i in 0..us.len() {
            if us[i].barrier || us[i].comma {
                continue;
            }
            for cue in cues.starting_at(&us[i].low) {
                let fits = |k: usize, w: &W| us.get(i + k).is_some_and(|u| !u.barrier && !u.comma && w.matches(&u.low));
                if cue.words.iter().enumerate().skip(1).all(|(k, w)| fits(k, w)) {
                    let last = &us[i + cue.words.len() - 1];
                    found.push(Graded { rank: cue.rank, slug: cue.slug.clone(), s: us[i].s, e: last.e });
                }
            }
        }
        found
    }

    /// The wording that grades one phrase: overlapping it (the strongest), else the
    /// nearest before it, else the nearest after it, with no other topic's phrase between.
    fn wording_of<'a>(cues: &'a [Graded], (s, e): (usize, usize), others: &[(usize, usize)]) -> Option<&'a Graded> {
        let between = |a: usize, b: usize| others.iter().any(|&(os, oe)| os >= a && oe <= b);
        let overlapping = cues.iter().filter(|c| c.s < e && s < c.e).max_by_key(|c| c.rank);
        let before = || cues.iter().filter(|c| c.e <= s && !between(c.e, s)).max_by_key(|c| (c.e, c.rank));
        let after = || cues.iter().filter(|c| c.s >= e && !between(e, c.s)).min_by_key(|c| (c.s, std::cmp::Reverse(c.rank)));
        overlapping.or_else(before).or_else(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::default_topics;
    use crate::extract::topics::{units, Compiled};

    /// The default grade of each graded topic's support in `sentence`, as (topic, grade slug, wording).
    fn graded(sentence: &str) -> Vec<(String, String, String)> {
        let topics = default_topics();
        let (matcher, grades) = (Compiled::new(&topics), Grades::new(&topics));
        let found = matcher.find(sentence);
        let us = units(sentence);
        let mut out: Vec<(String, String, String)> = Vec::new();
        for (_, _, topic, _) in &found {
            if out.iter().any(|(t, _, _)| t == topic.as_str()) {
                continue;
            }
            let own: Vec<(usize, usize)> = found.iter().filter(|f| &f.2 == topic).map(|f| (f.0, f.1)).collect();
            let others: Vec<(usize, usize)> = found.iter().filter(|f| &f.2 != topic).map(|f| (f.0, f.1)).collect();
            if let Some(g) = grades.grade(topic, &us, &own, &others) {
                out.push((topic.to_string(), g.slug.to_string(), sentence[g.s..g.e].to_string()));
            }
        }
        out
    }

    fn grade_of(sentence: &str, topic: &str) -> Option<String> {
        graded(sentence).into_iter().find(|(t, _, _)| t == topic).map(|(_, g, _)| g)
    }

    #[test]
    fn one_china_steps_from_policy_to_reunification() {
        assert_eq!(grade_of("Ruritania pursues the one-China policy.", "one_china").as_deref(), Some("pursues_policy"));
        assert_eq!(grade_of("Ruritania abides by the One China principle.", "one_china").as_deref(), Some("abides_by_principle"));
        assert_eq!(grade_of("Ruritania opposes Taiwan independence in any form.", "one_china").as_deref(), Some("opposes_independence"));
        assert_eq!(grade_of("Ruritania supports China's peaceful reunification.", "one_china").as_deref(), Some("supports_reunification"));
        assert_eq!(grade_of("Ruritania recognises that Taiwan is an inalienable part of China.", "one_china").as_deref(), Some("supports_reunification"));
    }

    #[test]
    fn naming_the_topic_twice_takes_the_stronger_step() {
        let s = "Ruritania adheres to the one-China principle and opposes any form of Taiwan independence.";
        assert_eq!(graded(s), [("one_china".to_string(), "opposes_independence".to_string(), "Taiwan independence".to_string())]);
    }

    #[test]
    fn belt_and_road_steps_from_welcoming_to_joining_a_project() {
        assert_eq!(grade_of("Ruritania welcomes the Belt and Road Initiative.", "belt_and_road").as_deref(), Some("welcomes"));
        assert_eq!(grade_of("Ruritania firmly supports the Belt and Road Initiative.", "belt_and_road").as_deref(), Some("supports"));
        assert_eq!(grade_of("The two sides signed a memorandum of understanding on Belt and Road cooperation.", "belt_and_road").as_deref(), Some("signs_document"));
        assert_eq!(grade_of("Ruritania is ready to take part in the Belt and Road.", "belt_and_road").as_deref(), Some("joins_project"));
        assert_eq!(grade_of("Ruritania will join the Belt and Road railway.", "belt_and_road").as_deref(), Some("joins_project"));
    }

    #[test]
    fn wording_before_the_phrase_counts_and_never_across_another_topic() {
        // "supports" grades Hong Kong's core interests, not the Belt and Road before it.
        let s = "Ruritania welcomes the Belt and Road Initiative and supports China's position on Hong Kong.";
        assert_eq!(grade_of(s, "belt_and_road").as_deref(), Some("welcomes"));
        assert_eq!(grade_of(s, "core_interests").as_deref(), Some("supports"));
        // "jointly" is no joining, "significant" no signing: whole words only.
        assert_eq!(grade_of("Both sides value jointly building the Belt and Road.", "belt_and_road").as_deref(), Some("welcomes"));
        assert_eq!(grade_of("The Belt and Road is significant.", "belt_and_road"), None);
    }

    #[test]
    fn wording_after_the_phrase_counts_when_none_comes_before() {
        assert_eq!(grade_of("Under the Belt and Road, projects were launched.", "belt_and_road").as_deref(), Some("joins_project"));
    }

    #[test]
    fn core_interests_and_sovereignty_steps() {
        assert_eq!(grade_of("Ruritania respects China's core interests.", "core_interests").as_deref(), Some("respects"));
        assert_eq!(grade_of("Ruritania opposes interference in China's internal affairs under the pretext of Xinjiang.", "core_interests").as_deref(), Some("opposes_interference"));
        assert_eq!(grade_of("China respects the sovereignty of Ruritania.", "sovereignty").as_deref(), Some("respects"));
        assert_eq!(grade_of("China supports Ruritania in safeguarding its sovereignty.", "sovereignty").as_deref(), Some("supports"));
        assert_eq!(grade_of("China opposes any interference that undermines Ruritania's sovereignty.", "sovereignty").as_deref(), Some("opposes_interference"));
    }

    #[test]
    fn topics_without_grades_are_not_graded() {
        assert_eq!(grade_of("Ruritania supports vaccine cooperation.", "vaccine_cooperation"), None);
    }
}
