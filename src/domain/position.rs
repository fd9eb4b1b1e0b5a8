use super::{CountryCode, OfficialIdx, Span, TopicSlug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Support,
    Oppose,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "support" => Some(Stance::Support),
            "oppose" => Some(Stance::Oppose),
            _ => None,
        }
    }
}

/// Whose position it is: a state, or an international organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    State(CountryCode),
    Org(String),
}

impl Actor {
    /// The code clients see: "CN" for a state, "UN" for an organisation.
    pub fn code(&self) -> &str {
        match self {
            Actor::State(code) => code.as_str(),
            Actor::Org(org) => org,
        }
    }
}

/// A stance on a topic that a party states in one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub actor: Actor,
    pub topic: TopicSlug,
    pub stance: Stance,
    pub speaker: Option<OfficialIdx>,
    /// Index into `Extraction::statements` of the evidence.
    pub statement: usize,
    /// The phrase inside the statement that names the topic.
    pub span: Span,
    /// The step of the topic's grades the statement's wording sets, for support of a
    /// graded topic when the wording names one.
    pub grade: Option<PositionGrade>,
}

/// A position's grade: which of its topic's steps, and the wording that set it.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionGrade {
    /// 1 for the topic's weakest grade.
    pub rank: u8,
    pub slug: TopicSlug,
    /// The wording in the statement.
    pub span: Span,
}

/// The strongest of some grades by their rank, the first of equals: a position
/// stated by several statements takes the highest step any of them words.
pub fn strongest_grade<T>(grades: impl IntoIterator<Item = T>, rank: impl Fn(&T) -> i32) -> Option<T> {
    grades.into_iter().fold(None, |best, g| match best {
        Some(b) if rank(&b) >= rank(&g) => Some(b),
        _ => Some(g),
    })
}
