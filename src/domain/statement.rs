use super::{CountryCode, OfficialIdx, Span};

/// Who a statement is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Official(OfficialIdx),
    /// "the Kyrgyz side", "Kyrgyzstan said".
    State(CountryCode),
    /// "the two sides agreed": a joint statement of the meeting's parties.
    Joint(Vec<CountryCode>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementMode {
    /// Words in quotation marks.
    Direct,
    /// Reported speech ("X said that ...").
    Reported,
}

impl StatementMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementMode::Direct => "direct",
            StatementMode::Reported => "reported",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "direct" => Some(StatementMode::Direct),
            "reported" => Some(StatementMode::Reported),
            _ => None,
        }
    }
}

/// A sentence (or run of sentences) the article attributes to a speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub speaker: Speaker,
    /// The attributed text as it stands in the article (`span` of the text).
    pub text: String,
    pub span: Span,
    pub mode: StatementMode,
    /// The reporting verb's lemma ("say", "stress"), when there is one.
    pub verb: Option<String>,
}
