//! The live feed's events: what ingestion stored, one article at a time, as
//! `GET /v1/events` and webhooks deliver it.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CountryCode, DomainError, Stance};

/// What an event reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// An article was stored.
    Article,
    /// A stored article reports a meeting: a new one, or one other sources reported already.
    Meeting,
    /// A stored article attributes a stance on a topic to a state or organisation.
    Position,
    /// That position changed the actor's record on the topic: stated for the first time,
    /// a reversal, or a grade raised or lowered.
    PositionChange,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [EventKind::Article, EventKind::Meeting, EventKind::Position, EventKind::PositionChange];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Article => "article",
            EventKind::Meeting => "meeting",
            EventKind::Position => "position",
            EventKind::PositionChange => "position_change",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim()).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
            DomainError(format!("unknown event kind `{}`; the kinds are {}", raw.trim(), known.join(", ")))
        })
    }
}

/// Where an event stands in the feed: the log entry of its article and its
/// place among that article's events. Written "LOG.ORD" (`SSE id`,
/// `Last-Event-ID`); the feed is ordered by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId {
    pub log: i64,
    pub ord: i32,
}

impl EventId {
    /// Past every event of log entry `log`: resuming from here starts at the next entry.
    pub fn after_entry(log: i64) -> Self {
        EventId { log, ord: i32::MAX }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let bad = || DomainError(format!("`{raw}` is not an event id; event ids look like `1042.3`"));
        let (log, ord) = raw.trim().split_once('.').ok_or_else(bad)?;
        let log: i64 = log.parse().map_err(|_| bad())?;
        let ord: i32 = ord.parse().map_err(|_| bad())?;
        if log < 0 || ord < 0 {
            return Err(bad());
        }
        Ok(EventId { log, ord })
    }
}

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.log, self.ord)
    }
}

/// One event of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    /// When the article was stored.
    pub logged_at: DateTime<Utc>,
    pub article_id: i64,
    /// States the event concerns: the filter `country` matches these.
    pub countries: Vec<CountryCode>,
    /// Topics the event concerns: the filter `topic` matches these.
    pub topics: Vec<String>,
    pub subject: Subject,
}

impl Event {
    pub fn kind(&self) -> EventKind {
        match self.subject {
            Subject::Article(_) => EventKind::Article,
            Subject::Meeting(_) => EventKind::Meeting,
            Subject::Position(_) => EventKind::Position,
            Subject::PositionChange(_) => EventKind::PositionChange,
        }
    }
}

/// What the event is about, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Article(ArticleStored),
    Meeting(MeetingReported),
    Position(PositionStored),
    PositionChange(PositionStored),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleStored {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub reported_on: NaiveDate,
    pub publisher_country: Option<CountryCode>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingReported {
    pub meeting_id: i64,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub location: Option<String>,
    /// The participants' names, as the article gives them.
    pub participants: Vec<String>,
    /// True when this article is the first to report the meeting.
    pub first_report: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PositionStored {
    pub position_id: i64,
    pub actor: String,
    pub topic: String,
    pub stance: Stance,
    pub grade: Option<String>,
    pub stated_on: NaiveDate,
    /// `first_stated`, `reversal`, `grade_raised` or `grade_lowered` (changes only).
    pub change: Option<String>,
    pub previous_stance: Option<Stance>,
    pub previous_grade: Option<String>,
}

/// Which events a subscriber wants: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Empty for every kind.
    pub kinds: Vec<EventKind>,
    pub country: Option<CountryCode>,
    pub topic: Option<String>,
}

impl EventFilter {
    pub fn matches(&self, event: &Event) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&event.kind()))
            && self.country.is_none_or(|c| event.countries.contains(&c))
            && self.topic.as_ref().is_none_or(|t| event.topics.contains(t))
    }

    /// Parses a comma-separated list of kinds ("position,position_change").
    pub fn parse_kinds(raw: &str) -> Result<Vec<EventKind>, DomainError> {
        let mut kinds: Vec<EventKind> =
            raw.split(',').filter(|k| !k.trim().is_empty()).map(EventKind::parse).collect::<Result<_, _>>()?;
        kinds.sort();
        kinds.dedup();
        Ok(kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position_event(kind_change: bool, actor: &str, topic: &str) -> Event {
        let stored = PositionStored {
            position_id: 7,
            actor: actor.into(),
            topic: topic.into(),
            stance: Stance::Support,
            grade: None,
            stated_on: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            change: kind_change.then(|| "first_stated".into()),
            previous_stance: None,
            previous_grade: None,
        };
        Event {
            id: EventId { log: 3, ord: 1 },
            logged_at: Utc::now(),
            article_id: 9,
            countries: CountryCode::parse(actor).into_iter().collect(),
            topics: vec![topic.into()],
            subject: if kind_change { Subject::PositionChange(stored) } else { Subject::Position(stored) },
        }
    }

    #[test]
    fn event_ids_read_back_what_they_write_and_order_by_log_then_place() {
        let id = EventId::parse("1042.3").unwrap();
        assert_eq!(id, EventId { log: 1042, ord: 3 });
        assert_eq!(id.to_string(), "1042.3");
        assert!(EventId { log: 9, ord: 50 } < EventId { log: 10, ord: 0 });
        assert!(EventId::after_entry(9) < EventId { log: 10, ord: 0 });
        for bad in ["", "12", "a.b", "1.-2", "-1.0", "1.2.3"] {
            assert!(EventId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_filter_holds_every_condition_it_was_given() {
        let change = position_event(true, "KG", "one_china");
        assert!(EventFilter::default().matches(&change));
        let kinds = EventFilter::parse_kinds("position_change, position").unwrap();
        assert_eq!(kinds, vec![EventKind::Position, EventKind::PositionChange]);
        let wanted = EventFilter { kinds, country: CountryCode::parse("kg").ok(), topic: Some("one_china".into()) };
        assert!(wanted.matches(&change));
        assert!(!wanted.matches(&position_event(true, "KZ", "one_china")));
        assert!(!wanted.matches(&position_event(false, "KG", "belt_and_road")));
        let articles_only = EventFilter { kinds: vec![EventKind::Article], ..Default::default() };
        assert!(!articles_only.matches(&change));
    }

    #[test]
    fn an_unknown_kind_is_named_with_the_kinds_there_are() {
        let error = EventFilter::parse_kinds("position,meetings").unwrap_err();
        assert!(error.0.contains("`meetings`") && error.0.contains("position_change"), "{error}");
    }
}
