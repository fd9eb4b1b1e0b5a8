//! PostgreSQL's `to_tsvector('english', text)`, computed here for plain prose.
//!
//! Statements are searched through a `tsvector` column. Having PostgreSQL
//! compute it meant running its text-search parser over every statement of
//! every batch: a fifth of the database's time in ingestion, while reading
//! the same vector in its text form costs it a fifth of that. So the service
//! computes the vector itself, with the same stop words and the same Snowball
//! English stemmer, but only for texts in a small grammar it mirrors exactly:
//! ASCII words, hyphenated words, plain numbers, common punctuation. Anything
//! else (accented letters, "U.S.", "G20", "1.5", URLs, …) returns `None` and
//! PostgreSQL computes that vector as before. tests/tsvector.rs compares both
//! on thousands of statements and on every construct this grammar admits.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// PostgreSQL's `english.stop`, the stop words of the `english` configuration.
/// They are dropped but still take up their position.
const STOP_WORDS: [&str; 127] = [
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
    "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while",
    "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
    "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again",
    "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each",
    "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
    "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
];

/// Longest word handled here; PostgreSQL has limits of its own for longer ones.
const MAX_WORD: usize = 64;
/// PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme; a
/// text near either bound is left to it.
const MAX_POSITION: u32 = 16_000;
const MAX_POSITIONS_PER_LEXEME: usize = 250;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The text form of `to_tsvector('english', text)` (`'lexeme':1,4 …`), or
/// `None` when the text holds anything outside the grammar mirrored here.
pub fn english(text: &str) -> Option<String> {
    let mut entries: Vec<(Rc<str>, u32)> = Vec::new();
    let mut position = 0u32;
    for token in tokens(text)? {
        match token {
            Token::Number(digits) => {
                position += 1;
                entries.push((Rc::from(digits), position));
            }
            Token::Words(words) => {
                // A hyphenated word is indexed whole, then part by part, each
                // at a position of its own ("belt-and-road":3, "belt":4, "road":6).
                if words.contains('-') {
                    position += 1;
                    entries.extend(lexeme_of(words).map(|l| (l, position)));
                }
                for part in words.split('-') {
                    position += 1;
                    entries.extend(lexeme_of(part).map(|l| (l, position)));
                }
            }
        }
    }
    if position > MAX_POSITION {
        return None;
    }
    // Lexemes in byte order, each with its positions in order, as PostgreSQL prints them.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < entries.len() {
        let lexeme = &entries[i].0;
        let count = entries[i..].iter().take_while(|(l, _)| l == lexeme).count();
        if count > MAX_POSITIONS_PER_LEXEME {
            return None;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        write!(out, "'{lexeme}':").expect("writing to a String");
        for (k, (_, p)) in entries[i..i + count].iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            write!(out, "{p}").expect("writing to a String");
        }
        i += count;
    }
    Some(out)
}

thread_local! {
    /// Lexemes of words already seen (`None` for stop words): a statement's
    /// words are mostly the ones the last thousand statements used.
    static LEXEMES: RefCell<HashMap<Box<str>, Option<Rc<str>>>> = RefCell::new(HashMap::new());
}
/// Words remembered per thread before the memory is cleared.
const MAX_REMEMBERED: usize = 50_000;

/// The lexeme of one ASCII word: lowercased, `None` for a stop word, else its Snowball stem.
fn lexeme_of(word: &str) -> Option<Rc<str>> {
    let lower = word.to_ascii_lowercase();
    LEXEMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(known) = cache.get(lower.as_str()) {
            return known.clone();
        }
        let lexeme = (!STOP_WORDS.contains(&lower.as_str())).then(|| Rc::from(STEMMER.stem(&lower).as_ref()));
        if cache.len() >= MAX_REMEMBERED {
            cache.clear();
        }
        cache.insert(lower.into_boxed_str(), lexeme.clone());
        lexeme
    })
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// A run of ASCII letters, or several joined by single hyphens.
    Words(&'a str),
    /// A run of ASCII digits standing alone.
    Number(&'a str),
}

/// The words and numbers of `text`, or `None` at the first thing PostgreSQL's
/// parser might read as something else (a host, a float, a "numword", …).
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            let letters = b.is_ascii_alphabetic();
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                if bytes[i].is_ascii_alphabetic() != letters {
                    return None; // "G20", "5th": numwords
                }
                i += 1;
            }
            if letters {
                // Hyphenated: letters joined by single hyphens, letters on both sides.
                while i + 1 < bytes.len() && bytes[i] == b'-' && bytes[i + 1].is_ascii_alphabetic() {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                        if !bytes[i].is_ascii_alphabetic() {
                            return None;
                        }
                        i += 1;
                    }
                }
            }
            if i - start > MAX_WORD || !plain_end(bytes, start, i) {
                return None;
            }
            let token = &text[start..i];
            out.push(if letters { Token::Words(token) } else { Token::Number(token) });
        } else if b < 0x80 {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'.' | b'-') {
                return None;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next()?;
            // Typographic quotes, dashes and ellipsis separate words like their ASCII kin.
            if !matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{A0}') {
                return None;
            }
            i += c.len_utf8();
        }
    }
    Some(out)
}

/// Whether the token `bytes[start..end]` stands alone where PostgreSQL's
/// parser would read a plain word or integer: a dot or hyphen glued to it
/// ("U.S", "1.5", "example.com", "-2024", "COVID-19", "anti- war") makes a
/// host, a float, a signed number or a part of something else.
fn plain_end(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    let glued_after = bytes.get(end + 1).is_some_and(|b| b.is_ascii_alphanumeric());
    !matches!(before, Some(b'-' | b'.')) && after != Some(b'-') && !(after == Some(b'.') && glued_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_stemmed_and_stop_words_keep_their_position() {
        assert_eq!(english("The sides agreed to deepen cooperation").unwrap(), "'agre':3 'cooper':6 'deepen':5 'side':2");
    }

    #[test]
    fn a_hyphenated_word_is_kept_whole_and_in_parts() {
        assert_eq!(
            english("China's Belt-and-Road plan").unwrap(),
            "'belt':4 'belt-and-road':3 'china':1 'plan':7 'road':6"
        );
    }

    #[test]
    fn plain_numbers_are_kept_as_written() {
        assert_eq!(english("signed 12 deals, worth 10,000").unwrap(), "'000':6 '10':5 '12':2 'deal':3 'sign':1 'worth':4");
    }

    #[test]
    fn anything_the_parser_reads_otherwise_is_left_to_postgres() {
        for text in ["the U.S. side", "the G20 summit", "grew 1.5 percent", "in 2023-2024", "see example.com",
                     "Pérez said", "a/b", "R&D", "x@y", "anti- war", "a -5 rate", "#tag", "50%"] {
            assert_eq!(english(text), None, "{text}");
        }
    }

    #[test]
    fn quotes_dashes_and_sentence_ends_only_separate_words() {
        assert_eq!(english("“Peace” — he said… in 2023.").unwrap(), "'2023':5 'peac':1 'said':3");
    }
}
