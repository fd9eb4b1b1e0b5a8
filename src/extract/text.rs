//! Low-level text helpers: a tokenizer over byte ranges of the original text
//! and the byte → character offset conversion used when spans leave the pipeline.

use crate::domain::Span;

/// A token as a byte range of the ORIGINAL article text, so every later stage
/// can point back into the text without copying it.
#[derive(Debug, Clone)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    /// Lowercased text with typographic apostrophes folded to `'`.
    pub low: Low,
    pub kind: TokKind,
    /// Lexicon flags of the word without its possessive ending (`lexicon::F_*`).
    pub flags: u32,
    /// A word whose first character is uppercase (see `is_cap`).
    cap: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    /// First character is an uppercase letter ("Wang", "UN").
    #[inline]
    pub fn is_cap(&self, _text: &str) -> bool {
        // Computed once by `tokenize` from the same text.
        self.cap
    }
    /// "China's" / "Wang’s": a possessive word.
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    pub fn is_possessive(&self) -> bool {
        self.low.ends_with("'s") || (self.low.ends_with("s'") && self.low.len() > 2)
    }
    /// The word without a possessive ending.
    #[inline]
    pub fn stem(&self) -> &str {
        stem_of(&self.low)
    }
}

/// A short lowercase string stored inline (no allocation up to 22 bytes); longer
/// ones go to the heap. Derefs to `str`.
#[derive(Clone)]
pub enum Low {
    Inline(u8, [u8; 22]),
    Heap(Box<str>),
}

impl Low {
    const CAP: usize = 22;

    /// `lower(w)` without allocating for short ASCII words.
    #[inline]
    pub fn lower(w: &str) -> Low {
        if w.len() <= Self::CAP && w.is_ascii() {
            let mut buf = [0u8; 22];
            for (d, b) in buf.iter_mut().zip(w.as_bytes()) {
                *d = b.to_ascii_lowercase();
            }
            return Low::Inline(w.len() as u8, buf);
        }
        Low::from_str(&lower(w))
    }

    #[inline]
    pub fn from_str(w: &str) -> Low {
        if w.len() <= Self::CAP {
            let mut buf = [0u8; 22];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            Low::Inline(w.len() as u8, buf)
        } else {
            Low::Heap(w.into())
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: the buffer holds a copy of a valid `str` of that length.
            // SAFETY: `n` is at most `CAP`, the buffer's length.
            Low::Inline(n, b) => unsafe { std::str::from_utf8_unchecked(b.get_unchecked(..*n as usize)) },
            Low::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Low {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Low {
    #[inline]
    fn eq(&self, o: &Low) -> bool {
        self.as_str() == o.as_str()
    }
}
impl Eq for Low {}
impl PartialEq<str> for Low {
    #[inline]
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}
impl PartialEq<&str> for Low {
    #[inline]
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}
impl PartialEq<String> for Low {
    #[inline]
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

/// Lowercase with typographic apostrophes folded, allocating once.
pub fn lower(w: &str) -> String {
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    let l = w.to_lowercase();
    if l.contains('’') { l.replace('’', "'") } else { l }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐')
}

/// Splits `text[start..end]` into words, numbers and single punctuation marks.
/// Hyphens and apostrophes inside a word stay in it ("Kassym-Jomart", "China's");
/// dotted abbreviations stay whole ("U.S.").
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let tb = text.as_bytes();
    let mut p = start;
    while p < end {
        let s = p;
        let b = tb[p];
        // ASCII first: most of any text, and a table look-up each.
        if b < 0x80 {
            let class = ASCII_CLASS[b as usize];
            if class & ALNUM != 0 {
                p = word(text, s, end, b as char, out);
            } else if class & SPACE != 0 {
                p += 1;
            } else {
                p += 1;
                push_punct(out, s, b as char);
            }
            continue;
        }
        let c = text[p..end].chars().next().unwrap();
        p += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            p = word(text, s, end, c, out);
        } else {
            push_punct(out, s, c);
        }
    }
}

const ALNUM: u8 = 1;
const SPACE: u8 = 2;

/// Classes of the ASCII bytes: letters and digits, and what `char::is_whitespace` accepts.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = ALNUM;
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            t[i] = SPACE;
        }
        i += 1;
    }
    t
};

#[inline]
fn is_ascii_alnum(b: u8) -> bool {
    b < 0x80 && ASCII_CLASS[b as usize] & ALNUM != 0
}

/// The word starting at `s` with character `c`; returns where it ends.
#[inline]
fn word(text: &str, s: usize, end: usize, c: char, out: &mut Vec<Tok>) -> usize {
    let tb = text.as_bytes();
    let mut e = s + c.len_utf8();
    loop {
        // Fast path: an ASCII letter or digit continues the word.
        while e < end && is_ascii_alnum(tb[e]) {
            e += 1;
        }
        if e >= end {
            break;
        }
        let n = tb[e];
        if n < 0x80 && !matches!(n, b'-' | b'\'' | b'.') {
            break;
        }
        let rest = &text[e..end];
        let mut chars = rest.chars();
        match chars.next() {
            Some(n) if n.is_alphanumeric() => {
                e += n.len_utf8();
            }
            Some(n) if is_joiner(n) && chars.next().is_some_and(char::is_alphanumeric) => {
                e += n.len_utf8();
            }
            // "U.S." / "U.N.": single letters joined by dots.
            Some('.') if is_single_letter_run(&text[s..e]) && chars.next().is_some_and(|x| x.is_ascii_uppercase()) => {
                e += 1;
            }
            Some('.') if text[s..e].contains('.') => {
                e += 1;
                break;
            }
            _ => break,
        }
    }
    let w = &text[s..e];
    // Only ASCII digits keep a word a number (joiners and dots never follow a digit-only run).
    let kind = if c.is_ascii_digit() && w.bytes().all(|b| b.is_ascii_digit()) { TokKind::Num } else { TokKind::Word };
    let low = Low::lower(w);
    let cap = kind == TokKind::Word && c.is_uppercase();
    let flags = super::lexicon::flags(stem_of(&low));
    out.push(Tok { s, e, low, kind, flags, cap });
    e
}

#[inline]
fn push_punct(out: &mut Vec<Tok>, s: usize, c: char) {
    let e = s + c.len_utf8();
    let low = match c {
        '“' | '”' | '"' => Low::from_str("\""),
        '–' | '—' => Low::from_str("—"),
        '’' | '‘' => Low::from_str("'"),
        _ => Low::from_str(c.encode_utf8(&mut [0u8; 4])),
    };
    let flags = super::lexicon::flags(&low);
    out.push(Tok { s, e, low, kind: TokKind::Punct, flags, cap: false });
}

/// `Tok::stem` of a lowercase word.
#[inline]
fn stem_of(low: &str) -> &str {
    low.strip_suffix("'s").or_else(|| low.strip_suffix('\'').filter(|s| s.ends_with('s'))).unwrap_or(low)
}

fn is_single_letter_run(s: &str) -> bool {
    // "U" or "U.S" : letters each followed by a dot.
    s.split('.').all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_ascii_uppercase()))
}

/// Byte offset → character offset. Characters are counted once per block of
/// `BLOCK` bytes; a look-up counts the rest of its block (spans are few, bytes many).
pub struct CharIndex<'t> {
    bytes: &'t [u8],
    /// Characters before each block; empty when the text is ASCII and offsets coincide.
    before: Vec<u32>,
}

const BLOCK: usize = 64;

/// Characters starting in `bytes`: every byte but UTF-8 continuation bytes.
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CharIndex { bytes, before: Vec::new() };
        }
        let mut before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut n = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            before.push(n);
            n += count_chars(chunk) as u32;
        }
        CharIndex { bytes, before }
    }
    /// The index of the character that byte `byte` belongs to (the character
    /// count for `byte == len`).
    pub fn char_at(&self, byte: usize) -> usize {
        if self.before.is_empty() {
            return byte;
        }
        if byte >= self.bytes.len() {
            return self.before.last().copied().unwrap_or(0) as usize + count_chars(&self.bytes[(self.before.len() - 1) * BLOCK..]);
        }
        let block = byte / BLOCK;
        // Characters starting before `byte`, plus one if `byte` starts one; a
        // continuation byte belongs to the character started before it.
        let started = count_chars(&self.bytes[block * BLOCK..=byte]);
        self.before[block] as usize + started - 1
    }
    pub fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.char_at(s), self.char_at(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        v.into_iter().map(|x| t[x.s..x.e].to_string()).collect()
    }

    #[test]
    fn keeps_hyphens_apostrophes_and_dotted_abbreviations() {
        assert_eq!(
            words("Kassym-Jomart met U.S. envoys, China’s aide."),
            vec!["Kassym-Jomart", "met", "U.S.", "envoys", ",", "China’s", "aide", "."]
        );
    }

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let t = "França said";
        let ci = CharIndex::new(t);
        let b = t.find("said").unwrap();
        assert_eq!(ci.char_at(b), 7);
    }
}
