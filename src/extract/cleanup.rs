//! Cleanup: finds the paragraphs of article body in the raw text and drops page
//! furniture (share/print links, comment boxes, font-size widgets, agency
//! timestamps). Works on byte ranges of the ORIGINAL text so offsets survive.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Running text: statements and meetings come from here.
    Body,
    /// A headline or heading line: no sentence punctuation at its end.
    Heading,
    /// A photo caption ("... (Xinhua/Li Renzi)").
    Caption,
}

#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub s: usize,
    pub e: usize,
    pub kind: ParaKind,
}

/// Lines that belong to the web page, not the article. Anchored at the line start
/// because such widgets are always whole lines.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            \d+\s*comment\(s\) | print(?-u:\b) | e-mail(?-u:\b) | adjust\s+font | font\s+size | share(?-u:\b) | share\s+this
          | follow\s+(?:us|\S+\s+on) | go\s+to\s+forum | no\s+comments | add\s+your\s+comment | user\s+name
          | your\s+comment | enter\s+the\s+words | racist,\s+abusive | send\s+your\s+stories | \S+\s+app\s+download
          | enditem | related(?-u:\b) | editor: | source: | additional\s+materials | advanced\s+settings
          | subscribe | sign\s+up | click\s+here | read\s+more | take\s+advantage | copyright | all\s+rights\s+reserved
          | tags?: | photo\s*: | video\s*: | \[photo
        )",
    )
    .unwrap()
});

/// Markers that open a list item.
const BULLETS: &[char] = &['•', '·', '▪', '◦', '●', '■', '*', '-', '–'];

/// Caption signatures: "(Xinhua/Li Renzi)", "[Photo/Xinhua]", "(Photo: ...)".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:xinhua|photo|file photo|reuters|ap|afp)\s*[/:][^)]*\)\s*$|\[photo\s*/[^\]]*\]|^\s*\(?photo(?-u:\b)")
        .unwrap()
});

/// Splits `text` into paragraphs (one per non-empty line), classified.
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut pos = 0;
    let width = wrap_width(text);
    // Whether the line before was a long line of a hard-wrapped text, kept as a paragraph.
    let mut runs_on = false;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        let continued = std::mem::take(&mut runs_on);
        if trimmed.is_empty() {
            continue;
        }
        if let Some(w) = width {
            let long = trimmed.chars().count() * 10 >= w * 6;
            if continued && !trimmed.starts_with(BULLETS) {
                let last = out.last_mut().expect("a kept line before");
                last.e = start + line.trim_end().len();
                last.kind = if is_heading(&text[last.s..last.e]) { ParaKind::Heading } else { ParaKind::Body };
                runs_on = long;
                continue;
            }
            runs_on = long;
        }
        // Readouts list their points as bullets ("• Minister X expressed ..."): the
        // point is the paragraph, the marker is not part of it.
        let item = trimmed.trim_start_matches(BULLETS).trim_start();
        if item.is_empty() {
            continue;
        }
        let trimmed = item;
        let e = start + line.len() - (line.len() - line.trim_end().len());
        let s = e - trimmed.len();
        if FURNITURE.is_match(trimmed) {
            runs_on = false;
            continue;
        }
        let kind = if may_be_caption(trimmed) && CAPTION.is_match(trimmed) {
            ParaKind::Caption
        } else if is_heading(trimmed) {
            ParaKind::Heading
        } else {
            ParaKind::Body
        };
        out.push(Para { s, e, kind });
    }
    out
}

/// The width a hard-wrapped text is wrapped at (older wire copy and e-mailed releases break
/// every line near 70 characters, mid-sentence and mid-name: "Prime Minister Recep\nTayyip
/// Erdogan met"), or `None` for a text with a line per paragraph. Wrapped: no line much
/// longer than 100 characters, and at least three long lines break mid-sentence (no full
/// stop at their end, or a lowercase word after).
fn wrap_width(text: &str) -> Option<usize> {
    let mut width = 0;
    for line in text.lines() {
        width = width.max(line.trim().chars().count());
        if width > 100 {
            return None;
        }
    }
    let mut lines = text.lines().map(str::trim);
    let mut prev = lines.next()?;
    let mut broken = 0;
    for line in lines {
        let mid_sentence = line.starts_with(char::is_lowercase) || (!line.is_empty() && !prev.ends_with(['.', '!', '?', ':', '"', '”']));
        if prev.chars().count() * 10 >= width * 6 && mid_sentence {
            broken += 1;
        }
        prev = line;
    }
    (broken >= 3).then_some(width)
}

/// Every `CAPTION` match holds a bracket or starts with "photo": most lines
/// skip the regex, which would otherwise scan every body paragraph.
fn may_be_caption(line: &str) -> bool {
    has_bracket(line.as_bytes()) || line.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("photo"))
}

/// Whether `b` holds a `(` or `[`; eight bytes at a time, as every line is scanned.
fn has_bracket(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap());
        if zero(x ^ (ONES * b'(' as u64)) || zero(x ^ (ONES * b'[' as u64)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c == b'(' || c == b'[')
}

/// Reporting verbs that end a line introducing a quotation ("Vera said:").
const INTRODUCING_VERBS: &[&str] = &["said", "says", "added", "stated", "noted", "stressed", "declared", "wrote", "tweeted", "told"];

/// A heading is a short line without sentence-final punctuation ("17 July 2020
/// 18:33", a headline). Long lines are body text even when an agency tag or a
/// missing full stop ends them ("... he said", "... = DNA").
fn is_heading(line: &str) -> bool {
    let last = line.chars().last().unwrap_or('.');
    // Only counts up to 31 matter below, and only up to 3 for a line ending in
    // a full stop: a body paragraph's words are not all counted.
    let words = line.split_whitespace().take(if last == '.' { 3 } else { 31 }).count();
    // "Vera said:", "Foreign Minister Ana Vera of Peru said:": a speaker's line introducing
    // the quotation set out below, however short or capitalised.
    if last == ':' && words >= 2 && line.trim_end_matches(':').rsplit(' ').next().is_some_and(|verb| INTRODUCING_VERBS.contains(&verb)) {
        return false;
    }
    if (!matches!(last, '.' | '!' | '?' | '"' | '”' | '\'' | '’' | ':' | ')' | ',') && words <= 20) || words < 3 {
        return true;
    }
    // A headline in Title Case ("Wang Yi Attends the Sixth Round of ... (CELAC)"); a line
    // ending a sentence, a closing quote after its full stop too, is body text however
    // many names it holds ("... commitment to ‘One-China Policy.’").
    // An agency tag after the last full stop ("... Ambassador to Syria. (ANI/WAM)") is no
    // part of the sentence.
    let untagged = match line.trim_end().strip_suffix(')').and_then(|l| l.rfind('(').map(|o| &l[..o])) {
        Some(before) if before.trim_end().ends_with(['.', '!', '?']) => before.trim_end(),
        _ => line,
    };
    let ends_sentence = untagged.trim_end_matches(['"', '”', '\'', '’']).ends_with(['.', '!', '?']);
    // "President of Russia Vladimir Putin: Mr Japarov,": a line ending in a comma goes on
    // below, as a transcript's greeting does; no headline ends so.
    if ends_sentence || last == ',' || words > 30 {
        return false;
    }
    let (mut long, mut caps) = (0usize, 0usize);
    for w in line.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3) {
        long += 1;
        if w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    long >= 3 && caps * 10 >= long * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_greeting_ending_in_a_comma_is_body_text() {
        assert!(!is_heading("President of Peru Ana Vera: Mr Soto,"));
        assert!(is_heading("President of Peru Ana Vera Meets Tomas Soto"));
    }

    #[test]
    fn drops_widgets_and_classifies_headings_and_captions() {
        let t = "Ministers meet in Oslo\n\n0 Comment(s)Print E-mail Agency, May 2\nAdjust font size:\n\
                 A minister spoke (Xinhua/Jo Doe)\nThe minister said it was fine.\nShare this:\n";
        let ps = paragraphs(t);
        let kinds: Vec<_> = ps.iter().map(|p| (p.kind, &t[p.s..p.e])).collect();
        assert_eq!(
            kinds,
            vec![
                (ParaKind::Heading, "Ministers meet in Oslo"),
                (ParaKind::Caption, "A minister spoke (Xinhua/Jo Doe)"),
                (ParaKind::Body, "The minister said it was fine."),
            ]
        );
    }

    #[test]
    fn a_line_introducing_a_quotation_is_body_text() {
        let ps = paragraphs("Vera said:\n\"We are ready.\"\nForeign Minister Ana Vera of Peru said:\nContents:\n");
        let kinds: Vec<_> = ps.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ParaKind::Body, ParaKind::Body, ParaKind::Body, ParaKind::Heading]);
    }

    #[test]
    fn title_case_headline_with_bracket_is_heading() {
        let t = "Minister Attends the Third Round of Talks with the Nordic Council (NC)\nThe minister said (again) that it went well (mostly)\n";
        let ps = paragraphs(t);
        assert_eq!(ps[0].kind, ParaKind::Heading);
        assert_eq!(ps[1].kind, ParaKind::Body);
    }

    #[test]
    fn a_sentence_full_of_names_before_an_agency_tag_is_body() {
        let t = "Also present were Tomas Soto Vera, Minister of State, and Ana Vera Lima, Peruvian Ambassador. (ANI/WAM)\n";
        assert_eq!(paragraphs(t)[0].kind, ParaKind::Body);
    }

    #[test]
    fn a_sentence_full_of_names_ending_in_a_quoted_full_stop_is_body() {
        let t = "LIMA, Jul 03 (APP):Foreign Minister Ana Vera Friday Phoned Chilean President Tomas Soto About ‘The Pacific Alliance.’\n";
        assert_eq!(paragraphs(t)[0].kind, ParaKind::Body);
    }

    #[test]
    fn long_line_without_full_stop_is_body() {
        let t = "Title line\nThe two countries will keep working together on many projects in the coming years to deliver more for their peoples and the region, he said\n";
        let ps = paragraphs(t);
        assert_eq!(ps[0].kind, ParaKind::Heading);
        assert_eq!(ps[1].kind, ParaKind::Body);
    }

    #[test]
    fn bracket_scan_sees_every_position() {
        for n in 0..20 {
            for k in 0..n {
                for br in [b'(', b'['] {
                    let mut v = vec![b'x'; n];
                    v[k] = br;
                    assert!(has_bracket(&v), "{n} {k}");
                }
            }
            assert!(!has_bracket(&vec![b')'; n]));
        }
    }

    #[test]
    fn bullet_points_are_paragraphs_without_their_marker() {
        let t = "Overview of the meeting

  • Minister Vera expressed her gratitude for the support.
- Both sides agreed to meet again.
•
";
        let ps = paragraphs(t);
        let body: Vec<&str> = ps.iter().filter(|p| p.kind == ParaKind::Body).map(|p| &t[p.s..p.e]).collect();
        assert_eq!(body, ["Minister Vera expressed her gratitude for the support.", "Both sides agreed to meet again."]);
    }

    #[test]
    fn a_hard_wrapped_text_runs_its_lines_on_into_paragraphs() {
        let t = "Premier Meets President\n\nANKARA (AA) - Turkish Prime Minister Ali Kaya met on Friday with\nU.S. President John Smith, who was visiting the capital for a day of\ntalks on trade, and the two leaders discussed the region and\nits problems.\n\nKaya told Smith that relations were good and that the talks were\nuseful for both countries and for their neighbours in the region.\n";
        let ps = paragraphs(t);
        let got: Vec<(ParaKind, String)> = ps.iter().map(|p| (p.kind, t[p.s..p.e].replace('\n', " "))).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], (ParaKind::Heading, "Premier Meets President".to_string()));
        assert!(got[1].1.starts_with("ANKARA") && got[1].1.ends_with("its problems."), "{got:?}");
        assert_eq!(got[1].0, ParaKind::Body);
        // A text with a line per paragraph keeps its lines apart, headline and date too.
        let t = "Minister meets counterpart, discusses the region and trade\nApril 17, 2013 / 10:31 PM\nThe minister met his counterpart on Monday.\n";
        assert_eq!(paragraphs(t).len(), 3);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let t = "  Héllo wörld said it.  \n";
        let p = paragraphs(t)[0];
        assert_eq!(&t[p.s..p.e], "Héllo wörld said it.");
    }
}
