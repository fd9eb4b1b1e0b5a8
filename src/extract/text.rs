//! Low-level text helpers: a tokenizer over byte ranges of the original text
//! and the byte → character offset conversion used when spans leave the pipeline.

use crate::domain::Span;

use super::lexicon::Lex;

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
    /// An ASCII word without dots or hyphens (see `is_plain`).
    plain: bool,
    /// Bytes of the possessive ending at the end of `low` (0, 1 or 2; see `stem`).
    cut: u8,
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
    /// A word or number all ASCII, with no dot or hyphen in it ("China's", "2021").
    #[inline]
    pub fn is_plain(&self) -> bool {
        self.plain
    }
    /// "China's" / "Wang’s": a possessive word.
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    pub fn is_possessive(&self) -> bool {
        self.low.ends_with("'s") || (self.low.ends_with("s'") && self.low.len() > 2)
    }
    /// Whether the word has no possessive ending (its flags are its own).
    #[inline]
    pub fn is_own_stem(&self) -> bool {
        self.cut == 0
    }
    /// The word without a possessive ending.
    #[inline]
    pub fn stem(&self) -> &str {
        let low = self.low.as_str();
        &low[..low.len() - self.cut as usize]
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
    #[inline(always)]
    pub fn lower(w: &str) -> Low {
        if let Some(low) = Self::lower_short_ascii(w.as_bytes()) {
            return low;
        }
        if w.len() <= Self::CAP && w.is_ascii() {
            let mut buf = [0u8; 22];
            for (d, b) in buf.iter_mut().zip(w.as_bytes()) {
                *d = b.to_ascii_lowercase();
            }
            return Low::Inline(w.len() as u8, buf);
        }
        Low::from_str(&lower(w))
    }

    /// An ASCII word of 1 to 16 bytes, lowercased (see `fold_short_ascii`).
    #[inline(always)]
    fn lower_short_ascii(b: &[u8]) -> Option<Low> {
        fold_short_ascii(b).map(|(lo, hi)| Low::from_folded(b.len(), lo, hi))
    }

    /// The word of `n` bytes that `fold_short_ascii` returned.
    #[inline(always)]
    fn from_folded(n: usize, lo: u64, hi: u64) -> Low {
        let mut buf = [0u8; 22];
        buf[..8].copy_from_slice(&lo.to_le_bytes());
        buf[8..16].copy_from_slice(&hi.to_le_bytes());
        Low::Inline(n as u8, buf)
    }

    /// A one-byte string (a punctuation mark), without a copy of variable length.
    #[inline]
    fn from_ascii_byte(b: u8) -> Low {
        let mut buf = [0u8; 22];
        buf[0] = b;
        Low::Inline(1, buf)
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

/// An ASCII word of 1 to 16 bytes, lowercased and zero-padded to 16 bytes, as two
/// little-endian machine words. Read with two (overlapping) loads, eight bytes
/// at a time; lowercased by setting bit 5 of each byte in `A..=Z`.
#[inline(always)]
fn fold_short_ascii(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    let ld8 = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
    let ld4 = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as u64;
    let (lo, hi) = match n {
        16 => (ld8(0), ld8(8)),
        9..=15 => (ld8(0), ld8(n - 8) >> (8 * (16 - n))),
        8 => (ld8(0), 0),
        4..=7 => (ld4(0) | (ld4(n - 4) >> (8 * (8 - n))) << 32, 0),
        // First, middle and last byte: for one to three bytes, each in its place.
        1..=3 => (b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1)), 0),
        _ => return None,
    };
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    // Each byte is below 0x80, so the additions carry into no other byte.
    let fold = |x: u64| {
        let upper = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !x.wrapping_add(0x2525_2525_2525_2525) & HIGH;
        x | upper >> 2
    };
    Some((fold(lo), fold(hi)))
}

/// Whether the participle at `k` follows a form of "be", with at most one word between that
/// `adverb` accepts: "was received", "was (warmly) welcomed", "was today given".
pub fn after_be(toks: &[Tok], k: usize, adverb: impl Fn(&str) -> bool) -> bool {
    let be = |i: usize| matches!(toks[i].low.as_str(), "was" | "were" | "is" | "are" | "been" | "being");
    k > 0 && k <= toks.len() && (be(k - 1) || (k > 1 && adverb(toks[k - 1].low.as_str()) && be(k - 2)))
}

/// A name word as names are compared: the token's stem with diacritics dropped, so
/// "Rodríguez" and "Rodriguez" are one name (the press drops accents as often as it keeps them).
pub fn name_word(t: &Tok) -> std::borrow::Cow<'_, str> {
    let st = t.stem();
    if st.is_ascii() {
        std::borrow::Cow::Borrowed(st)
    } else {
        std::borrow::Cow::Owned(crate::domain::fold_diacritics(st))
    }
}

/// `s.to_lowercase() == low`, without building the lowercase string when `s`
/// is ASCII (`low`, itself lowercased, holds no ASCII capital).
pub fn lowercase_is(s: &str, low: &str) -> bool {
    if s.is_ascii() {
        s.eq_ignore_ascii_case(low)
    } else {
        s.to_lowercase() == low
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
    let lex = super::lexicon::lex();
    let tb = text.as_bytes();
    let mut p = start;
    while p < end {
        let s = p;
        let b = tb[p];
        // ASCII first: most of any text, and a table look-up each.
        if b < 0x80 {
            let class = BYTE_CLASS[b as usize];
            if class & ALNUM != 0 {
                p = match ascii_word(lex, &tb[..end], s, out) {
                    Some(e) => e,
                    None => word(lex, text, s, end, b as char, out),
                };
            } else if class & SPACE != 0 {
                p += 1;
            } else {
                p += 1;
                push_punct(lex, out, s, b as char);
            }
            continue;
        }
        let c = text[p..end].chars().next().unwrap();
        p += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            p = word(lex, text, s, end, c, out);
        } else {
            push_punct(lex, out, s, c);
        }
    }
}

const ALNUM: u8 = 1;
const SPACE: u8 = 2;

/// Classes of the bytes: ASCII letters and digits, and what `char::is_whitespace`
/// accepts among ASCII; bytes of other characters are in no class.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
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

/// Each word of `s` capitalised and the rest lowercased, a word starting after any
/// character that is not a letter: "NUR-SULTAN" → "Nur-Sultan", "AL-SAUD" → "Al-Saud".
pub fn capitalise_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Length of the run of ASCII letters and digits `b` starts with.
#[inline(always)]
fn alnum_run(b: &[u8]) -> usize {
    b.iter().position(|&x| BYTE_CLASS[x as usize] & ALNUM == 0).unwrap_or(b.len())
}

/// The word starting at `s` with an ASCII letter or digit, in the common case
/// of a run of at most 16 ASCII letters and digits that no joiner or dot
/// continues (`None` otherwise: `word` reads it). Returns where it ends.
#[inline(always)]
fn ascii_word(lex: &Lex, tb: &[u8], s: usize, out: &mut Vec<Tok>) -> Option<usize> {
    let e = s + 1 + alnum_run(&tb[s + 1..]);
    if matches!(tb.get(e), Some(b'-' | b'\'' | b'.' | 0x80..=0xff)) {
        return None;
    }
    let w = &tb[s..e];
    let (lo, hi) = fold_short_ascii(w)?;
    let low = Low::from_folded(w.len(), lo, hi);
    let first = w[0];
    let kind = if first.is_ascii_digit() && w.iter().all(u8::is_ascii_digit) { TokKind::Num } else { TokKind::Word };
    // Gulf agencies write "His Excellency" as "HE" before names and offices: in capitals the
    // word is that style, not the pronoun.
    let flags = if w == b"HE" { super::lexicon::F_HONORIFIC } else { lex.flags_padded(lo, hi) };
    out.push(Tok { s, e, low, kind, flags, cap: first.is_ascii_uppercase(), plain: true, cut: 0 });
    Some(e)
}

/// The word starting at `s` with character `c`; returns where it ends.
#[inline]
fn word(lex: &Lex, text: &str, s: usize, end: usize, c: char, out: &mut Vec<Tok>) -> usize {
    let tb = &text.as_bytes()[..end];
    let mut e = s + c.len_utf8();
    // Every step beyond the ASCII fast path below but an apostrophe makes it not plain.
    let mut plain = c.is_ascii();
    // Letters and digits only (no joiner, no dot): no possessive ending to cut.
    let mut bare = true;
    loop {
        // Fast path: an ASCII letter or digit continues the word.
        e += alnum_run(&tb[e..]);
        if e >= end {
            break;
        }
        let n = tb[e];
        if n < 0x80 && !matches!(n, b'-' | b'\'' | b'.') {
            break;
        }
        plain &= n == b'\'';
        bare = false;
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
    // "Mattis’ visit", "United States' envoy": a capitalised word ending in s takes a bare
    // apostrophe as its possessive ending when a word follows it; not a quotation closed
    // there ("... the United States'.").
    if c.is_uppercase() && tb[e - 1] == b's' {
        let n = text[e..end].chars().next().filter(|&q| matches!(q, '\'' | '’')).map_or(0, char::len_utf8);
        let mut after = text[e + n..end].chars();
        if n > 0 && after.next() == Some(' ') && after.next().is_some_and(char::is_alphabetic) {
            plain &= n == 1;
            bare = false;
            e += n;
        }
    }
    let w = &text[s..e];
    if let Some(n) = time_prefix_len(w) {
        // "then-Chief Cabinet Secretary", "ex-President": the prefix is a word of its
        // own, so the title after it reads as any other.
        out.push(Tok { s, e: s + n, low: Low::lower(&w[..n]), kind: TokKind::Word, flags: lex.flags(&w[..n].to_ascii_lowercase()), cap: false, plain: true, cut: 0 });
        return word(lex, text, s + n + 1, end, w[n + 1..].chars().next().unwrap(), out);
    }
    // Only ASCII digits keep a word a number (joiners and dots never follow a digit-only run).
    let kind = if c.is_ascii_digit() && w.bytes().all(|b| b.is_ascii_digit()) { TokKind::Num } else { TokKind::Word };
    let low = Low::lower(w);
    let cap = kind == TokKind::Word && c.is_uppercase();
    let low_str = low.as_str();
    let cut = if bare { 0 } else { low_str.len() - stem_of(low_str).len() };
    let flags = lex.flags(&low_str[..low_str.len() - cut]);
    out.push(Tok { s, e, low, kind, flags, cap, plain, cut: cut as u8 });
    e
}

/// Length of a lowercase "then-" or "ex-" before a capitalised word
/// ("then-President", "ex-Premier"); `None` for other words ("Ex-Im").
fn time_prefix_len(w: &str) -> Option<usize> {
    ["then-", "ex-"].iter().find_map(|p| {
        let rest = w.strip_prefix(p)?;
        rest.chars().next().is_some_and(char::is_uppercase).then_some(p.len() - 1)
    })
}

#[inline]
fn push_punct(lex: &Lex, out: &mut Vec<Tok>, s: usize, c: char) {
    let e = s + c.len_utf8();
    if c.is_ascii() {
        // A one-byte mark is its own lowercase and its own padded lexicon key.
        let flags = lex.flags_padded(c as u64, 0);
        out.push(Tok { s, e, low: Low::from_ascii_byte(c as u8), kind: TokKind::Punct, flags, cap: false, plain: false, cut: 0 });
        return;
    }
    let low = match c {
        // Guillemets and low quotes: Russian, Central Asian and European copy in translation.
        '“' | '”' | '"' | '«' | '»' | '„' => Low::from_str("\""),
        '–' | '—' => Low::from_str("—"),
        '’' | '‘' => Low::from_str("'"),
        _ => Low::from_str(c.encode_utf8(&mut [0u8; 4])),
    };
    let flags = lex.flags(&low);
    out.push(Tok { s, e, low, kind: TokKind::Punct, flags, cap: false, plain: false, cut: 0 });
}

/// "Kassym-Jomart Tokayev’s" → "Kassym-Jomart Tokayev": a name without its possessive "'s";
/// "James Mattis’" → "James Mattis": or its bare apostrophe after an "s".
pub(super) fn without_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .or_else(|| name.strip_suffix(['\'', '’']).filter(|n| n.ends_with('s')))
        .unwrap_or(name)
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

/// Byte offset → character offset. Keeps where the multi-byte characters
/// start (few in most texts) and how many extra bytes precede each.
pub struct CharIndex {
    /// Start of every character longer than one byte, in order; empty when the
    /// text is ASCII and offsets coincide.
    wide: Vec<u32>,
    /// `extra[k]`: bytes beyond the first of the characters `wide[..k]`.
    extra: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut ci = CharIndex { wide: Vec::new(), extra: vec![0] };
        if text.is_ascii() {
            return ci;
        }
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Eight ASCII bytes at a time.
            if i + 8 <= b.len() && u64::from_le_bytes(b[i..i + 8].try_into().unwrap()) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
            let x = b[i];
            if x >= 0xC0 {
                let len = if x >= 0xF0 { 4 } else if x >= 0xE0 { 3 } else { 2 };
                ci.wide.push(i as u32);
                ci.extra.push(ci.extra[ci.extra.len() - 1] + len - 1);
                i += len as usize;
            } else {
                i += 1;
            }
        }
        ci
    }
    /// The index of the character that byte `byte` belongs to (the character
    /// count for `byte == len`).
    pub fn char_at(&self, byte: usize) -> usize {
        if self.wide.is_empty() {
            return byte;
        }
        let k = self.wide.partition_point(|&w| (w as usize) < byte);
        if k > 0 {
            // Inside the wide character before it: that character's index.
            let start = self.wide[k - 1] as usize;
            let len = (self.extra[k] - self.extra[k - 1]) as usize + 1;
            if start + len > byte {
                return start - self.extra[k - 1] as usize;
            }
        }
        byte - self.extra[k] as usize
    }
    pub fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.char_at(s), self.char_at(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_drop_diacritics_and_the_possessive() {
        let t = "Rodríguez’s Łukasz Vera";
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        let got: Vec<String> = v.iter().map(|x| name_word(x).into_owned()).collect();
        assert_eq!(got, ["rodriguez", "lukasz", "vera"]);
    }

    fn words(t: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        v.into_iter().map(|x| t[x.s..x.e].to_string()).collect()
    }

    #[test]
    fn a_name_in_s_takes_a_bare_apostrophe_as_its_possessive() {
        let t = "after James Mattis’ visit and the United States' envoy, 'not Davis'. Ana Harris' aide";
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        let possessive: Vec<&str> = v.iter().filter(|x| x.is_possessive()).map(|x| &t[x.s..x.e]).collect();
        assert_eq!(possessive, ["Mattis’", "States'", "Harris'"]);
        assert!(v.iter().any(|x| x.stem() == "mattis" && name_word(x) == "mattis"));
        // Lowercase words keep a closing quotation mark apart ("'a crisis' and").
        assert_eq!(words("a 'crisis' and"), ["a", "'", "crisis", "'", "and"]);
    }

    #[test]
    fn keeps_hyphens_apostrophes_and_dotted_abbreviations() {
        assert_eq!(
            words("Kassym-Jomart met U.S. envoys, China’s aide."),
            vec!["Kassym-Jomart", "met", "U.S.", "envoys", ",", "China’s", "aide", "."]
        );
    }

    #[test]
    fn then_and_ex_before_a_capitalised_word_are_words_of_their_own() {
        assert_eq!(words("then-Chief Minister Soto, ex-President Vera, Ex-Im"), vec!["then", "Chief", "Minister", "Soto", ",", "ex", "President", "Vera", ",", "Ex-Im"]);
    }

    #[test]
    fn char_offsets_match_a_scan_of_every_byte() {
        let t = "Ésta: “Núñez” said 𝔘 ok. Çà — fin";
        let ci = CharIndex::new(t);
        let mut n = 0;
        for (b, byte) in t.bytes().enumerate() {
            if (byte as i8) >= -0x40 && b > 0 {
                n += 1;
            }
            assert_eq!(ci.char_at(b), n, "byte {b}");
        }
        assert_eq!(ci.char_at(t.len()), t.chars().count());
        assert_eq!(CharIndex::new("plain").char_at(3), 3);
    }

    #[test]
    fn short_ascii_words_lowercase_like_the_std() {
        for w in ["a", "Ab", "ABC", "Wang", "BEIJING", "Kassym-Jomart", "U.S.", "XINHUA'S", "Secretary-General", "0123456789@[`{Z"] {
            assert_eq!(Low::lower(w).as_str(), w.to_ascii_lowercase(), "{w}");
        }
    }

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let t = "França said";
        let ci = CharIndex::new(t);
        let b = t.find("said").unwrap();
        assert_eq!(ci.char_at(b), 7);
    }
}
