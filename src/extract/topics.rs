//! Topics and stance. Topic phrase patterns are data (`Topic.patterns`),
//! compiled once into one combined regex (longest phrases first) plus one
//! anchored regex per topic that tells which topics a matched phrase belongs to.
//! Stance: phrases naming something harmful ("interference", "unilateralism",
//! "terrorism", "the epidemic") state support for the topic whatever the verb;
//! other phrases are opposed only under an explicit opposing verb.

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::{Stance, Topic, TopicSlug};

#[derive(Debug, Clone)]
pub struct Compiled {
    combined: Option<Regex>,
    per_topic: Vec<(TopicSlug, Regex)>,
}

/// Words naming harms: opposing them is support for the topic they belong to.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:interfer\w*|meddl\w*|unilateral\w*|protectionis\w*|hegemon\w*|bully\w*|separatis\w*|terroris\w*|extremis\w*|evil\s+forces|(?:taiwan|tibet\w*|xinjiang)\W+independence|decoupl\w*|sanction\w*|blockade|power\s+politics|cold\s+war|zero-sum|epidemic|pandemic|covid\S*|virus|coronavirus|outbreak|disease\w*|climate\s+change|pollution|poverty|food\s+insecurity|cyber\s*attack\w*|drug\s+trafficking|crime)\b",
    )
    .unwrap()
});

/// Verbs and words that set a speaker against what follows.
static OPPOSE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:oppos\w*|against|reject\w*|resist\w*|condemn\w*|den(?:y|ies|ied)|never\s+accept\w*|not\s+(?:support|accept|allow|tolerate)\w*|no\s+longer\s+support\w*|withdraw\w*\s+from|criticiz\w*|criticis\w*)\b[^,;.]{0,60}$").unwrap()
});

fn fragment(pattern: &str) -> String {
    let words: Vec<String> = pattern
        .split(' ')
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => format!(r"{}[\w'’-]*", regex::escape(stem)),
            None => regex::escape(w).replace('\'', "['’]"),
        })
        .collect();
    // Words may be separated by spaces, hyphens or a comma ("One Belt, One Road").
    format!(r"\b{}\b", words.join(r"[\s,\-]+"))
}

impl Compiled {
    pub fn new(topics: &[Topic]) -> Self {
        let mut all: Vec<&str> = topics.iter().flat_map(|t| t.patterns.iter().map(|p| p.as_str())).collect();
        all.sort_by_key(|p| std::cmp::Reverse(p.len()));
        all.dedup();
        let combined = (!all.is_empty()).then(|| {
            let alts: Vec<String> = all.iter().map(|p| fragment(p)).collect();
            Regex::new(&format!("(?i)(?:{})", alts.join("|"))).expect("topic patterns compile")
        });
        let per_topic = topics
            .iter()
            .filter(|t| !t.patterns.is_empty())
            .map(|t| {
                let alts: Vec<String> = t.patterns.iter().map(|p| fragment(p.as_str())).collect();
                (t.slug.clone(), Regex::new(&format!("(?i)^(?:{})$", alts.join("|"))).expect("topic pattern compiles"))
            })
            .collect();
        Compiled { combined, per_topic }
    }

    /// Topic phrases in `s`: (start, end, topic, stance), byte offsets relative to `s`.
    pub fn find(&self, s: &str) -> Vec<(usize, usize, TopicSlug, Stance)> {
        let mut out = Vec::new();
        let Some(re) = &self.combined else { return out };
        for m in re.find_iter(s) {
            let phrase = m.as_str();
            let stance = if NEGATIVE.is_match(phrase) {
                Stance::Support
            } else {
                let lo = floor_char(s, m.start().saturating_sub(80));
                if OPPOSE_CUE.is_match(&s[lo..m.start()]) { Stance::Oppose } else { Stance::Support }
            };
            for (slug, tre) in &self.per_topic {
                if tre.is_match(phrase) {
                    out.push((m.start(), m.end(), slug.clone(), stance));
                }
            }
        }
        out
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
        }
    }

    fn run(s: &str) -> Vec<(String, &'static str)> {
        let c = Compiled::new(&[
            topic("non_interference", &["interference", "internal affairs"]),
            topic("belt_and_road", &["Belt and Road"]),
            topic("connectivity", &["road*", "rail*"]),
            topic("vaccines", &["vaccin*"]),
        ]);
        c.find(s).into_iter().map(|(_, _, t, st)| (t.to_string(), st.as_str())).collect()
    }

    #[test]
    fn opposing_a_harm_supports_the_topic() {
        assert_eq!(run("It firmly opposes foreign interference."), vec![("non_interference".into(), "support")]);
    }

    #[test]
    fn opposing_a_good_is_oppose() {
        assert_eq!(run("The party rejects the new railway plan."), vec![("connectivity".into(), "oppose")]);
    }

    #[test]
    fn longest_phrase_wins_and_prefix_star_works() {
        assert_eq!(run("joint Belt-and-Road projects and vaccination drives"), vec![
            ("belt_and_road".into(), "support"),
            ("vaccines".into(), "support")
        ]);
    }
}
