//! Plain domain types with their invariants. Each type parses itself from raw
//! input, so code that holds one never has to check it again. No I/O here.

mod api_key;
mod article;
pub mod comparison;
mod country;
pub mod event;
mod meeting;
mod office_holder;
mod official;
mod position;
mod span;
mod statement;
mod topic;
pub mod webhook;

pub use api_key::{ApiKey, Scope, KEY_ENTROPY};
pub use article::{headline, ArticleText, Published, MAX_TEXT_CHARS};
pub use country::{Country, CountryCode, COUNTRIES};
pub use meeting::{DateRule, Meeting, MeetingKind, ResolvedDate};
pub use office_holder::{default_office_holders, fold_diacritics, folded_key, Holder, Office, OfficeHolder, Term};
pub use official::{name_key, Mention, MentionKind, Official, OfficialIdx, TitleMention};
pub use position::{strongest_grade, Actor, Position, PositionGrade, Stance};
pub use span::Span;
pub use statement::{Speaker, Statement, StatementMode};
pub use topic::{default_topics, Grade, Topic, TopicPattern, TopicSlug, MAX_GRADES};

/// Why a raw value could not become a domain value; the message is meant for
/// the API client who sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DomainError(pub String);

/// Everything the pipeline reads out of one article. Indices inside
/// (`OfficialIdx`, statement indices) point into the vectors of the same
/// value; spans are character offsets into the article text as stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    pub dateline: Option<Dateline>,
    /// The state the article's publisher speaks for: a state agency ("(Xinhua)"), a
    /// government site or a ministry; none for private wires and newspapers. It is the
    /// article's side when two governments' readouts of one meeting are compared.
    pub publisher: Option<CountryCode>,
    pub officials: Vec<Official>,
    pub meetings: Vec<Meeting>,
    pub statements: Vec<Statement>,
    /// One position per evidence statement; views group them by
    /// (actor, topic, stance).
    pub positions: Vec<Position>,
}

/// The "BISHKEK, Sept. 14 (Xinhua) --" line that opens wire copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The place as written, in title case ("Bishkek").
    pub place: String,
    pub country: Option<CountryCode>,
    /// The dateline's own date with the year inferred where it was left out.
    pub date: Option<chrono::NaiveDate>,
    pub agency: Option<String>,
    pub span: Span,
}
