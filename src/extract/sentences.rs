//! Sentence splitting inside a paragraph. Abbreviation-aware: "Sept. 14",
//! "U.S. President", "Mr. Li", initials ("John F. Kennedy") do not end a sentence.

use super::text::Tok;

/// One sentence with its tokens (byte offsets into the original text).
#[derive(Debug, Clone)]
pub struct Sent {
    pub s: usize,
    pub e: usize,
    /// Index of its paragraph: reported speech runs within a paragraph.
    pub para: usize,
    pub toks: Vec<Tok>,
    /// Title phrases found at each token, filled on demand (see `title_phrase`).
    pub tpc: super::titles::TpCache,
}

impl Sent {
    /// `titles::parse_title_phrase` at token `i` of this sentence, memoised.
    pub fn title_phrase(&self, text: &str, i: usize) -> Option<&super::titles::TitlePhrase> {
        self.tpc.get(text, &self.toks, i)
    }
}

/// Words that take a period without ending a sentence (lowercase, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "maj", "capt", "sgt", "rev", "hon", "jr", "sr",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "govt", "dept", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est", "fig", "vol", "art", "para",
    // Styles and ranks before names in Arab, South Asian and US usage ("Eng. A", "Smt. B", "Amb. C", "Sen. D").
    "eng", "engr", "smt", "amb", "sen", "rep", "adm", "brig", "cdr",
];

/// The most sentences an article may have. Long readouts have a few hundred
/// sentences; 5,000 is ten times that. The bound is on sentences as well as on
/// characters because sentences are what the pipeline works through one by one
/// and what becomes rows: 200,000 characters of "Yes. Yes. ..." are 40,000
/// sentences, and 200,000 characters of short attributed sentences would
/// store some 1,500 statements from one article.
pub const MAX_SENTENCES: usize = 5_000;

/// A text with more sentences than `MAX_SENTENCES`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`text` has more than {MAX_SENTENCES} sentences; split it into several articles")]
pub struct TooManySentences;

/// A cheap check, before extraction, that `text` has at most `MAX_SENTENCES`
/// sentences. It counts over every non-blank line (the extractor reads fewer:
/// it sets headings and page furniture aside), so it never lets through a text
/// the extractor would find too long, and it stops counting at the limit.
pub fn check_count(text: &str) -> Result<(), TooManySentences> {
    let mut count = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        count += split(text, pos, pos + line.len()).len();
        if count > MAX_SENTENCES {
            return Err(TooManySentences);
        }
        pos += line.len();
    }
    Ok(())
}

/// "... President Joko Widodo said.Antalya, Turkey (ANTARA) - ...": a copied page that lost
/// the space after a full stop. Only between a word of three letters or more, lowercase after
/// its first, and a capitalised word, so "U.S.President", "No.5" and "xinhua.net" stay whole.
fn glued_sentence(para: &str, dot: usize, after: usize) -> bool {
    let before: Vec<char> = para[..dot].chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let mut next = para[after..].chars();
    // The word before may be a name ("... until 6:50 p.m. Saturday.President Lee said").
    before.len() >= 3 && before[..before.len() - 1].iter().all(|c| c.is_lowercase()) && next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase)
}

/// Sentence byte ranges of `text[s..e]`, trimmed.
pub fn split(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let para = &text[s..e];
    let bytes = para.as_bytes();
    let mut start = 0usize;
    // Byte-indexed scan; sentence ends are ASCII, so only they need decoding.
    let mut b = 0usize;
    while b < bytes.len() {
        // Eight bytes without a sentence end are skipped at once.
        if let Some(chunk) = bytes.get(b..b + 8) {
            if !has_sentence_end(u64::from_le_bytes(chunk.try_into().unwrap())) {
                b += 8;
                continue;
            }
        }
        let c = bytes[b];
        if matches!(c, b'.' | b'!' | b'?') {
            // Move past closing quotes/brackets that belong to this sentence.
            let mut jb = b + 1;
            while let Some(cj) = para[jb..].chars().next() {
                if matches!(cj, '"' | '”' | '’' | '\'' | ')' | '»' | '“') {
                    jb += cj.len_utf8();
                } else {
                    break;
                }
            }
            let end_b = jb;
            let next_ok = (para[jb..].chars().next().is_some_and(char::is_whitespace)
                && para[jb..].trim_start().chars().next().is_some_and(starts_sentence))
                || (c == b'.' && glued_sentence(para, b, jb));
            // "We are here... And we stay," he said: an ellipsis inside a quotation
            // marks words left out, not the end of the sentence.
            // (Asked only where a sentence could end: reading the open quotation at every dot
            // of a run of dots would scan the paragraph once per dot.)
            let quoted_ellipsis = || c == b'.' && b >= 2 && &bytes[b - 2..b] == b".." && quote_open(&para[start..b]);
            if next_ok && !quoted_ellipsis() && !(c == b'.' && is_abbreviation(&para[..b])) && !(c == b'.' && clock_before_day(para, b, jb)) {
                push_trimmed(para, s, start, end_b, &mut out);
                start = end_b;
            }
            b = jb;
            continue;
        }
        b += 1;
    }
    push_trimmed(para, s, start, para.len(), &mut out);
    out
}

/// Whether one of the eight bytes of `x` is `.`, `!` or `?` (exact: a byte
/// equal to the pattern becomes zero, and the zero-byte test has no false positives
/// on "any").
#[inline]
fn has_sentence_end(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    zero(x ^ (ONES * b'.' as u64)) || zero(x ^ (ONES * b'!' as u64)) || zero(x ^ (ONES * b'?' as u64))
}

/// Whether a quotation opened in `s` is still open at its end (straight quotes by
/// parity, curly ones by count).
fn quote_open(s: &str) -> bool {
    let straight = s.matches('"').count();
    straight % 2 == 1 || s.matches('“').count() > s.matches('”').count() || s.matches('«').count() > s.matches('»').count()
}

/// "began at 9:30 p.m. Tuesday": wire style puts the day after the time of day, so a
/// weekday or a month after "a.m." / "p.m." goes on the sentence.
fn clock_before_day(para: &str, dot: usize, after: usize) -> bool {
    const DAYS: &[&str] = &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "march", "april", "may",
        "june", "july", "aug", "sept", "oct", "nov", "dec",
    ];
    let clock = para.as_bytes()[..dot].rchunks(3).next().unwrap_or_default();
    if !(clock.eq_ignore_ascii_case(b"p.m") || clock.eq_ignore_ascii_case(b"a.m")) {
        return false;
    }
    let next: String = para[after..].trim_start().chars().take_while(|c| c.is_alphabetic()).take(9).collect::<String>().to_lowercase();
    next.len() >= 3 && DAYS.iter().any(|d| next.starts_with(d))
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«' | '„')
}

/// True when the word just before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let mut ws = before.len();
    for (i, c) in before.char_indices().rev() {
        if c.is_alphanumeric() || c == '.' {
            ws = i;
        } else {
            break;
        }
    }
    let word = &before[ws..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "F", "U.S", "U.N".
    if word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase)) {
        return true;
    }
    if word.is_ascii() {
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push_trimmed(para: &str, base: usize, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &para[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push((base + s + lead, base + s + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t, 0, t.len()).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("OSLO, Sept. 3 -- Mr. Li met U.S. President John F. Kennedy. He left. Then 5 more came."),
            vec!["OSLO, Sept. 3 -- Mr. Li met U.S. President John F. Kennedy.", "He left.", "Then 5 more came."]
        );
        assert_eq!(sents("Petroleum Minister Eng. Ana Vera met Amb. Luis Pardo. He left."), vec!["Petroleum Minister Eng. Ana Vera met Amb. Luis Pardo.", "He left."]);
    }

    #[test]
    fn a_full_stop_that_lost_its_space_still_ends_a_sentence() {
        assert_eq!(sents("\"We agree,\" Ana Vera said.Lima, Peru - Peru and Chile agreed."), vec!["\"We agree,\" Ana Vera said.", "Lima, Peru - Peru and Chile agreed."]);
        assert_eq!(sents("He met U.S.President Vera at xinhua.net and No.5 Street."), vec!["He met U.S.President Vera at xinhua.net and No.5 Street."]);
        assert_eq!(sents("They talked until Saturday.President Vera said so."), vec!["They talked until Saturday.", "President Vera said so."]);
        assert_eq!(sents("He met Gen.Vera."), vec!["He met Gen.Vera."]);
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sents("“We agree.” She left. “Yes,” he said."),
            vec!["“We agree.”", "She left.", "“Yes,” he said."]
        );
    }

    #[test]
    fn an_ellipsis_inside_a_quotation_does_not_split() {
        assert_eq!(
            sents("“We are here... And we stay,” he said. \"We left... We came back.\" It ended... Then rain."),
            vec!["“We are here... And we stay,” he said.", "\"We left... We came back.\"", "It ended...", "Then rain."]
        );
    }

    #[test]
    fn sentence_count_is_bounded_across_lines() {
        assert_eq!(check_count(&"Yes. ".repeat(MAX_SENTENCES)), Ok(()));
        assert_eq!(check_count(&"Yes. ".repeat(MAX_SENTENCES + 1)), Err(TooManySentences));
        assert_eq!(check_count(&"Yes.\n".repeat(MAX_SENTENCES + 1)), Err(TooManySentences), "one per line");
        // Periods that end no sentence are not counted.
        assert_eq!(check_count(&"It is 3 p.m. here and the U.S. agrees, ".repeat(2 * MAX_SENTENCES)), Ok(()));
        assert!(TooManySentences.to_string().contains("5000"));
    }

    #[test]
    fn sentence_end_test_finds_every_position() {
        for end in [b'.', b'!', b'?'] {
            for k in 0..8 {
                let mut x = *b"abcdefgh";
                x[k] = end;
                assert!(has_sentence_end(u64::from_le_bytes(x)));
            }
        }
        assert!(!has_sentence_end(u64::from_le_bytes(*b"no end,/")));
        assert!(!has_sentence_end(u64::from_le_bytes([0xe2, 0x80, 0x9d, b' ', b'-', b'>', b'@', 0x2f])));
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(sents("It is 3 p.m. here. Fine."), vec!["It is 3 p.m. here.", "Fine."]);
        assert_eq!(sents("«We agree.» He left. „Fine.“ Done."), vec!["«We agree.»", "He left.", "„Fine.“", "Done."]);
        assert_eq!(sents("The call began at 9:30 p.m. Tuesday and lasted an hour. Fine."), vec!["The call began at 9:30 p.m. Tuesday and lasted an hour.", "Fine."]);
        assert_eq!(sents("They met at 10 a.m. Then they left."), vec!["They met at 10 a.m.", "Then they left."]);
    }
}
