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
    struct Raw {
        slug: String,
        label: String,
        description: String,
        patterns: Vec<String>,
    }
    let raw: Vec<Raw> = serde_json::from_str(include_str!("../../data/topics.json"))
        .expect("data/topics.json is valid JSON");
    raw.into_iter()
        .map(|t| Topic {
            slug: TopicSlug::parse(&t.slug).expect("default slug"),
            label: t.label,
            description: t.description,
            patterns: t
                .patterns
                .iter()
                .map(|p| TopicPattern::parse(p).expect("default pattern"))
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
    }
}
