use chrono::NaiveDate;

use super::{CountryCode, OfficialIdx, Span};

/// The guideline's kinds of diplomatic encounter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    Meeting,
    Talks,
    PhoneCall,
    VideoCall,
    Message,
    Visit,
    Conference,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::Meeting,
        MeetingKind::Talks,
        MeetingKind::PhoneCall,
        MeetingKind::VideoCall,
        MeetingKind::Message,
        MeetingKind::Visit,
        MeetingKind::Conference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Meeting => "meeting",
            MeetingKind::Talks => "talks",
            MeetingKind::PhoneCall => "phone_call",
            MeetingKind::VideoCall => "video_call",
            MeetingKind::Message => "message",
            MeetingKind::Visit => "visit",
            MeetingKind::Conference => "conference",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// How a date in the text was turned into a calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRule {
    /// A full or partial calendar date in the text ("on Sept. 13", "13 March 2020").
    Explicit,
    /// A weekday: the most recent such day on or before the anchor.
    Weekday,
    Today,
    Yesterday,
    /// "earlier this week" and the like: the anchor's week, day unknown, anchor kept.
    ThisWeek,
    /// Nothing in the sentence; the dateline or publication day is taken.
    Anchor,
}

impl DateRule {
    pub const ALL: [DateRule; 6] = [
        DateRule::Explicit,
        DateRule::Weekday,
        DateRule::Today,
        DateRule::Yesterday,
        DateRule::ThisWeek,
        DateRule::Anchor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DateRule::Explicit => "explicit",
            DateRule::Weekday => "weekday",
            DateRule::Today => "today",
            DateRule::Yesterday => "yesterday",
            DateRule::ThisWeek => "this_week",
            DateRule::Anchor => "anchor",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// A day together with how it was found, so readers can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedDate {
    pub date: NaiveDate,
    /// The day relative words were resolved against (dateline or publication day).
    pub anchor: Option<NaiveDate>,
    pub rule: DateRule,
}

/// A diplomatic encounter the article reports as having happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub kind: MeetingKind,
    pub date: Option<ResolvedDate>,
    pub location: Option<String>,
    pub location_country: Option<CountryCode>,
    /// Officials taking part, as indices into `Extraction::officials`; no repeats.
    pub participants: Vec<OfficialIdx>,
    /// The receiving side where the text says so ("received", "visiting").
    pub host: Option<OfficialIdx>,
    /// The sentence that reports it.
    pub span: Span,
}
