use chrono::{DateTime, FixedOffset, NaiveDate};
use sha2::{Digest, Sha256};

use super::DomainError;

/// Article text that is worth reading: not empty, not only white space, and
/// not longer than an article can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText(String);

/// The longest text accepted, in characters. The longest wire stories and
/// ministry readouts run to some 20,000 characters (a full press-conference
/// transcript to perhaps 60,000); 200,000 leaves room for any genuine
/// article while bounding what one request can make the extractor read: the
/// worst of the texts of this length in tests/bad_input.rs, built to make the
/// patterns work hard, takes about 30 ms in a release build.
pub const MAX_TEXT_CHARS: usize = 200_000;

impl ArticleText {
    pub fn parse(raw: String) -> Result<Self, DomainError> {
        if raw.trim().is_empty() {
            return Err(DomainError("`text` must not be empty or blank".into()));
        }
        if raw.contains('\0') {
            return Err(DomainError(
                "`text` contains the NUL character (U+0000), which no article holds and PostgreSQL cannot store".into(),
            ));
        }
        // Bytes bound characters from above: most texts need no count at all.
        if raw.len() > MAX_TEXT_CHARS {
            let chars = raw.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(DomainError(format!(
                    "`text` is {chars} characters long; an article may have at most {MAX_TEXT_CHARS} \
                     (split longer documents into several articles)"
                )));
            }
        }
        Ok(ArticleText(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// SHA-256 of the text exactly as given: the same text is the same article.
    pub fn content_hash(&self) -> [u8; 32] {
        Sha256::digest(self.0.as_bytes()).into()
    }
}

/// When an article was published: a calendar day, or an instant with its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    Day(NaiveDate),
    Instant(DateTime<FixedOffset>),
}

impl Published {
    /// Accepts an ISO 8601 date ("2020-09-14") or an RFC 3339 timestamp ("2020-09-14T08:30:00Z").
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Ok(Published::Day(day));
        }
        DateTime::parse_from_rfc3339(raw).map(Published::Instant).map_err(|_| {
            DomainError(format!(
                "`published_at` must be an ISO date (2020-09-14) or an RFC 3339 timestamp \
                 (2020-09-14T08:30:00Z), not `{raw}`"
            ))
        })
    }

    /// The day as the publisher saw it (in the timestamp's own offset): the anchor for relative dates.
    pub fn day(&self) -> NaiveDate {
        match self {
            Published::Day(day) => *day,
            Published::Instant(instant) => instant.date_naive(),
        }
    }

    pub fn instant(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            Published::Day(_) => None,
            Published::Instant(instant) => Some(*instant),
        }
    }
}

impl std::fmt::Display for Published {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Published::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            Published::Instant(instant) => f.write_str(&instant.to_rfc3339()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_refused() {
        assert!(ArticleText::parse(" \n\t".into()).is_err());
        assert!(ArticleText::parse("BEIJING --".into()).is_ok());
    }

    #[test]
    fn text_is_bounded_in_characters_not_bytes() {
        assert!(ArticleText::parse("a".repeat(MAX_TEXT_CHARS)).is_ok());
        let error = ArticleText::parse("a".repeat(MAX_TEXT_CHARS + 1)).unwrap_err();
        assert!(error.0.contains("200001 characters") && error.0.contains("at most 200000"), "{}", error.0);
        // Four bytes each: far more bytes than the limit, as many characters.
        assert!(ArticleText::parse("𝕏".repeat(MAX_TEXT_CHARS)).is_ok());
    }

    #[test]
    fn same_text_same_hash_other_text_other_hash() {
        let a = ArticleText::parse("x".into()).unwrap();
        let b = ArticleText::parse("x".into()).unwrap();
        let c = ArticleText::parse("x ".into()).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(a.content_hash(), c.content_hash());
    }

    #[test]
    fn published_takes_dates_and_timestamps() {
        assert_eq!(Published::parse("2020-09-14").unwrap().day().to_string(), "2020-09-14");
        let late = Published::parse("2020-09-14T23:30:00-05:00").unwrap();
        assert_eq!(late.day().to_string(), "2020-09-14", "day in the publisher's offset");
        assert!(late.instant().is_some());
        for bad in ["14/09/2020", "2020-13-01", "yesterday", ""] {
            assert!(Published::parse(bad).is_err(), "{bad}");
        }
    }
}

/// What to list an article as: its title, else the first line of its
/// `opening` (the start of its text), shortened to `HEADLINE_CHARS` at a word boundary.
pub fn headline(title: Option<&str>, opening: &str) -> String {
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
        return title.to_string();
    }
    let line = opening.trim().lines().next().unwrap_or_default().trim();
    if line.chars().count() <= HEADLINE_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(HEADLINE_CHARS).collect();
    let at_word = cut.rfind(char::is_whitespace).filter(|&i| i > HEADLINE_CHARS / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ', '-']))
}

/// The longest headline made from a first line, in characters.
pub const HEADLINE_CHARS: usize = 120;

#[cfg(test)]
mod headline_tests {
    use super::*;

    #[test]
    fn an_untitled_article_is_listed_by_its_first_line_cut_at_a_word() {
        assert_eq!(headline(Some(" Leaders meet "), "ignored"), "Leaders meet");
        assert_eq!(headline(Some(""), "\n TASHKENT, May 5 -- Talks held. \nMore."), "TASHKENT, May 5 -- Talks held.");
        let long = "BISHKEK, Sept. 14 (Xinhua) -- Kyrgyz President Sooronbai Jeenbekov met with visiting Chinese State Councilor and Foreign Minister Wang Yi here on Monday.";
        let cut = headline(None, long);
        assert!(cut.ends_with('…') && cut.chars().count() <= HEADLINE_CHARS + 1, "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        let kept = cut.trim_end_matches('…');
        assert!(long[kept.len()..].starts_with(' '), "cut at a word: {cut}");
    }
}
