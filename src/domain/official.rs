use super::{CountryCode, Span};

/// Index of an official inside one `Extraction`.
pub type OfficialIdx = usize;

/// A named holder of public office as one article presents them.
#[derive(Debug, Clone, PartialEq)]
pub struct Official {
    /// Full name as the article first gives it, without titles.
    pub name: String,
    /// The state they serve; `None` for officials of international organisations.
    pub country: Option<CountryCode>,
    /// The organisation ("UN", "SCO") when they serve one rather than a state.
    pub org: Option<String>,
    /// Offices the article gives them, in order of first appearance, no repeats.
    pub titles: Vec<TitleMention>,
    /// Every place the article refers to them: full name, surname, description, pronoun.
    pub mentions: Vec<Mention>,
}

/// A title as the article gives it ("State Councilor"), normalised to short title case.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleMention {
    pub title: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    FullName,
    Surname,
    /// "the Kyrgyz president"
    Description,
    Pronoun,
}

impl MentionKind {
    pub const ALL: [MentionKind; 4] = [
        MentionKind::FullName,
        MentionKind::Surname,
        MentionKind::Description,
        MentionKind::Pronoun,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::FullName => "full_name",
            MentionKind::Surname => "surname",
            MentionKind::Description => "description",
            MentionKind::Pronoun => "pronoun",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// The key that makes two spellings of a name one person across articles:
/// case, punctuation and spacing folded ("Wang  Yi", "wang yi." → "wang yi").
pub fn name_key(name: &str) -> String {
    if !name.is_ascii() {
        // `str::to_lowercase` knows a word's final sigma; `char`'s does not.
        return name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    }
    // Names are mostly ASCII: one pass, one string.
    let mut key = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_key_folds_case_punctuation_and_spacing() {
        assert_eq!(name_key("Wang  Yi"), name_key("wang yi."));
        assert_eq!(name_key("Faisal bin Farhan Al-Saud"), "faisal bin farhan al saud");
        assert_ne!(name_key("Wang Yi"), name_key("Wang Yiwei"));
    }
}
