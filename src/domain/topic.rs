use std::fmt;

use super::DomainError;

/// A topic's identifier: lowercase ASCII letters, digits and underscores,
/// starting with a letter, 2 to 64 characters ("one_china").
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicSlug(std::sync::Arc<str>);

impl TopicSlug {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let ok = (2..=64).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(TopicSlug(raw.into()))
        } else {
            Err(DomainError(format!(
                "`{raw}` is not a topic slug: use 2-64 lowercase letters, digits or `_`, starting with a letter"
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TopicSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for TopicSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TopicSlug({})", self.0)
    }
}

/// A phrase that signals a topic. Words match case-insensitively on word
/// boundaries; a word ending in `*` matches any word with that prefix
/// ("vaccin*" matches "vaccine", "vaccination"). A leading `~` binds a name
/// that is also a place or an actor ("~Taiwan") to a topical context: it
/// counts after "on", "over", "regarding" or "concerning", or listed after
/// another topic phrase ("core interests, including Hong Kong, Taiwan"), and
/// not where the name travels, acts or is visited ("a trip to Taiwan").
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TopicPattern(String);

impl TopicPattern {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let words: Vec<&str> = raw.trim_start().strip_prefix('~').unwrap_or(raw).split_whitespace().collect();
        let word_ok = |w: &&str| {
            let stem = w.strip_suffix('*').unwrap_or(w);
            !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'))
        };
        if words.is_empty() || words.len() > 12 || !words.iter().all(word_ok) {
            return Err(DomainError(format!(
                "`{raw}` is not a topic pattern: use 1-12 words of letters, digits, `-`, `'` or `.`, each optionally ending in `*`"
            )));
        }
        let bound = if raw.trim_start().starts_with('~') { "~" } else { "" };
        Ok(TopicPattern(format!("{bound}{}", words.join(" "))))
    }

    /// Whether the phrase counts only in a topical context (a leading `~`).
    pub fn is_bound(&self) -> bool {
        self.0.starts_with('~')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The words, without the `~` of a bound phrase.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.trim_start_matches('~').split(' ')
    }
}

impl fmt::Debug for TopicPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TopicPattern({})", self.0)
    }
}

/// A topic of the taxonomy: what positions are about.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub slug: TopicSlug,
    pub label: String,
    pub description: String,
    pub patterns: Vec<TopicPattern>,
    /// Steps of support, weakest first ("pursues the one-China policy" before "opposes
    /// Taiwan independence"); empty for a topic whose wording has no clear steps.
    pub grades: Vec<Grade>,
}

/// One step of a topic's grades: the wording that sets it. Its rank is its place
/// in the topic's list, 1 for the weakest.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    /// Named like a topic ("principle", "joins_project").
    pub slug: TopicSlug,
    pub label: String,
    pub patterns: Vec<TopicPattern>,
}

/// At most this many grades a topic: ranks fit a byte and a list stays readable.
pub const MAX_GRADES: usize = 10;

impl Grade {
    /// Checks a topic's grades as a whole: each has patterns, slugs differ, not too many.
    pub fn check_all(grades: &[Grade]) -> Result<(), DomainError> {
        if grades.len() > MAX_GRADES {
            return Err(DomainError(format!("a topic has at most {MAX_GRADES} grades, not {}", grades.len())));
        }
        for (i, g) in grades.iter().enumerate() {
            if g.patterns.is_empty() {
                return Err(DomainError(format!("grade `{}` has no patterns: give the wording that sets it", g.slug)));
            }
            if g.label.trim().is_empty() {
                return Err(DomainError(format!("grade `{}` has an empty label", g.slug)));
            }
            if grades[..i].iter().any(|earlier| earlier.slug == g.slug) {
                return Err(DomainError(format!("grade `{}` is named twice", g.slug)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_snake_case() {
        assert!(TopicSlug::parse("one_china").is_ok());
        for bad in ["One_China", "1china", "x", "belt-and-road", ""] {
            assert!(TopicSlug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn patterns_are_words_with_optional_prefix_stars() {
        assert_eq!(TopicPattern::parse("  vaccin*   cooperation ").unwrap().as_str(), "vaccin* cooperation");
        assert!(TopicPattern::parse("One-China").is_ok());
        let bound = TopicPattern::parse(" ~Ruritania  Strait").unwrap();
        assert!(bound.is_bound());
        assert_eq!(bound.words().collect::<Vec<_>>(), vec!["Ruritania", "Strait"]);
        assert!(!TopicPattern::parse("Ruritania").unwrap().is_bound());
        for bad in ["", "a(b", "*", "x|y", "~", "a ~b"] {
            assert!(TopicPattern::parse(bad).is_err(), "{bad}");
        }
    }
}

/// The default taxonomy of shared/eval/GUIDELINES.md, embedded from `data/topics.json`.
/// The database is seeded from it; users add their own topics later.
pub fn default_topics() -> Vec<Topic> {
    #[derive(serde::Deserialize)]
    struct RawGrade {
        slug: String,
        label: String,
        patterns: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    struct Raw {
        slug: String,
        label: String,
        description: String,
        patterns: Vec<String>,
        #[serde(default)]
        grades: Vec<RawGrade>,
    }
    let patterns = |raw: &[String]| raw.iter().map(|p| TopicPattern::parse(p).expect("default pattern")).collect::<Vec<_>>();
    let raw: Vec<Raw> = serde_json::from_str(include_str!("../../data/topics.json"))
        .expect("data/topics.json is valid JSON");
    raw.into_iter()
        .map(|t| Topic {
            slug: TopicSlug::parse(&t.slug).expect("default slug"),
            label: t.label,
            description: t.description,
            patterns: patterns(&t.patterns),
            grades: t
                .grades
                .into_iter()
                .map(|g| Grade { slug: TopicSlug::parse(&g.slug).expect("default grade slug"), label: g.label, patterns: patterns(&g.patterns) })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod default_tests {
    #[test]
    fn default_taxonomy_parses_and_has_the_guideline_topics() {
        let topics = super::default_topics();
        assert!(topics.len() >= 19);
        assert!(topics.iter().any(|t| t.slug.as_str() == "one_china"));
        assert!(topics.iter().all(|t| !t.patterns.is_empty()));
        for t in &topics {
            super::Grade::check_all(&t.grades).unwrap_or_else(|e| panic!("{}: {e}", t.slug));
        }
        let graded: Vec<&str> = topics.iter().filter(|t| !t.grades.is_empty()).map(|t| t.slug.as_str()).collect();
        assert_eq!(graded, ["one_china", "core_interests", "belt_and_road", "sovereignty"]);
    }

    #[test]
    fn grades_need_patterns_distinct_slugs_and_a_bound() {
        use super::{Grade, TopicPattern, TopicSlug};
        let grade = |slug: &str, patterns: &[&str]| Grade {
            slug: TopicSlug::parse(slug).unwrap(),
            label: slug.into(),
            patterns: patterns.iter().map(|p| TopicPattern::parse(p).unwrap()).collect(),
        };
        assert!(Grade::check_all(&[grade("welcomes", &["welcome*"]), grade("supports", &["support*"])]).is_ok());
        assert!(Grade::check_all(&[grade("welcomes", &[])]).unwrap_err().0.contains("no patterns"));
        assert!(Grade::check_all(&[grade("a1", &["x"]), grade("a1", &["y"])]).unwrap_err().0.contains("twice"));
        let many: Vec<Grade> = (0..11).map(|i| grade(&format!("g{i}"), &["x"])).collect();
        assert!(Grade::check_all(&many).unwrap_err().0.contains("at most"));
    }
}
