//! The sources of one meeting compared by side (issue 17). After a meeting each
//! government publishes its own readout, and they differ: one side's readout
//! says the partner "reaffirmed its commitment to the one-China principle", the
//! partner's own readout does not mention it. A source's side is the state its
//! publisher speaks for; private wires and newspapers have none.

use std::collections::BTreeMap;

use super::{CountryCode, Stance};

/// One article reporting the meeting, and the state its publisher speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub article_id: i64,
    pub side: Option<CountryCode>,
}

/// A stance one source attributes to a state, with whatever the caller shows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attributed<P> {
    pub article_id: i64,
    pub actor: CountryCode,
    pub topic: String,
    pub stance: Stance,
    pub item: P,
}

/// Whose source it is, seen from one party of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The party's own government or state media.
    Own,
    /// Another party's government or state media.
    OtherParty,
    /// A state's publisher whose state is not a party.
    ThirdState,
    /// A private wire or newspaper.
    Unsided,
}

impl Role {
    fn of(side: Option<CountryCode>, party: CountryCode, parties: &[CountryCode]) -> Role {
        match side {
            None => Role::Unsided,
            Some(side) if side == party => Role::Own,
            Some(side) if parties.contains(&side) => Role::OtherParty,
            Some(_) => Role::ThirdState,
        }
    }
}

/// One party's stance on one topic across the sources, grouped by whose source says so.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicComparison<P> {
    pub topic: String,
    pub stance: Stance,
    /// Each source's attribution with that source's role, in the order the sources were given.
    pub by_role: BTreeMap<Role, Vec<P>>,
    /// Claimed for the party by another party's source and by none of its own;
    /// `None` when no source of the party's own side reports the meeting, so
    /// silence there says nothing.
    pub claimed_only_by_other_side: Option<bool>,
    /// Stated by the party's own source and by no other party's source; `None`
    /// when no other party's source reports the meeting.
    pub stated_only_by_own_side: Option<bool>,
}

impl<P> TopicComparison<P> {
    fn said_by(&self, role: Role) -> bool {
        self.by_role.get(&role).is_some_and(|items| !items.is_empty())
    }
}

/// What the sources attribute to one party of the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyComparison<P> {
    pub party: CountryCode,
    /// Articles of the party's own side that report the meeting.
    pub own_sources: Vec<i64>,
    /// Sorted by topic, then stance.
    pub topics: Vec<TopicComparison<P>>,
}

/// Compares what the sources of one meeting attribute to each of its parties.
/// Attributions to states that are not parties, or from articles that are not
/// among the sources, are left out.
pub fn compare<P>(parties: &[CountryCode], sources: &[Source], attributed: Vec<Attributed<P>>) -> Vec<PartyComparison<P>> {
    let mut parties = parties.to_vec();
    parties.sort_unstable();
    parties.dedup();
    let side_of = |article: i64| sources.iter().find(|s| s.article_id == article).map(|s| s.side);
    let mut grouped: BTreeMap<(CountryCode, String, Stance), BTreeMap<Role, Vec<P>>> = BTreeMap::new();
    for a in attributed {
        let Some(side) = side_of(a.article_id) else { continue };
        if !parties.contains(&a.actor) {
            continue;
        }
        let role = Role::of(side, a.actor, &parties);
        grouped.entry((a.actor, a.topic, a.stance)).or_default().entry(role).or_default().push(a.item);
    }
    let reported_by = |party: CountryCode, role: Role| sources.iter().any(|s| Role::of(s.side, party, &parties) == role);
    let mut answer: Vec<PartyComparison<P>> = parties
        .iter()
        .map(|&party| PartyComparison {
            party,
            own_sources: sources.iter().filter(|s| s.side == Some(party)).map(|s| s.article_id).collect(),
            topics: vec![],
        })
        .collect();
    // Keys sort by party first: each party's topics come out in order.
    for ((party, topic, stance), by_role) in grouped {
        let mut t = TopicComparison { topic, stance, by_role, claimed_only_by_other_side: None, stated_only_by_own_side: None };
        let (own, other) = (t.said_by(Role::Own), t.said_by(Role::OtherParty));
        t.claimed_only_by_other_side = reported_by(party, Role::Own).then_some(other && !own);
        t.stated_only_by_own_side = reported_by(party, Role::OtherParty).then_some(own && !other);
        let at = parties.iter().position(|&p| p == party).expect("only parties are grouped");
        answer[at].topics.push(t);
    }
    answer
}

/// Across meetings: how often the sources of side `claimant` attribute a stance
/// to `party` that the party's own sources of the same meeting omit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Divergence {
    /// Meetings of the party that both sides' sources report.
    pub meetings_compared: Vec<i64>,
    /// Per (topic, stance), sorted.
    pub topics: Vec<TopicDivergence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicDivergence {
    pub topic: String,
    pub stance: Stance,
    /// Meetings whose claimant-side sources attribute the stance to the party.
    pub claimed_in: Vec<i64>,
    /// Of those, the meetings whose own-side sources state it too.
    pub confirmed_in: Vec<i64>,
    /// Of those, the meetings whose own-side sources omit it.
    pub omitted_in: Vec<i64>,
}

/// One meeting's sources and what they attribute, as [`divergence`] reads them.
pub struct MeetingSources {
    pub meeting_id: i64,
    pub sources: Vec<Source>,
    pub attributed: Vec<Attributed<()>>,
}

/// Counts, over meetings, the stances `claimant`'s sources attribute to `party`
/// and whether `party`'s own sources state them too. Only meetings both sides
/// report count: where the party published nothing, nothing was omitted.
pub fn divergence(party: CountryCode, claimant: CountryCode, meetings: Vec<MeetingSources>) -> Divergence {
    let mut answer = Divergence::default();
    let mut topics: BTreeMap<(String, Stance), TopicDivergence> = BTreeMap::new();
    for meeting in meetings {
        let has = |side: CountryCode| meeting.sources.iter().any(|s| s.side == Some(side));
        if party == claimant || !has(party) || !has(claimant) {
            continue;
        }
        answer.meetings_compared.push(meeting.meeting_id);
        let side_of = |article: i64| meeting.sources.iter().find(|s| s.article_id == article).and_then(|s| s.side);
        let mut said: BTreeMap<(String, Stance), (bool, bool)> = BTreeMap::new();
        for a in meeting.attributed.iter().filter(|a| a.actor == party) {
            let entry = said.entry((a.topic.clone(), a.stance)).or_default();
            match side_of(a.article_id) {
                Some(side) if side == claimant => entry.0 = true,
                Some(side) if side == party => entry.1 = true,
                _ => {}
            }
        }
        for ((topic, stance), (_, confirmed)) in said.into_iter().filter(|(_, (claimed, _))| *claimed) {
            let entry = topics.entry((topic.clone(), stance)).or_insert_with(|| TopicDivergence {
                topic,
                stance,
                claimed_in: vec![],
                confirmed_in: vec![],
                omitted_in: vec![],
            });
            entry.claimed_in.push(meeting.meeting_id);
            if confirmed { &mut entry.confirmed_in } else { &mut entry.omitted_in }.push(meeting.meeting_id);
        }
    }
    answer.topics = topics.into_values().collect();
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    fn source(article_id: i64, side: Option<&str>) -> Source {
        Source { article_id, side: side.map(cc) }
    }

    fn said(article_id: i64, actor: &str, topic: &str) -> Attributed<i64> {
        Attributed { article_id, actor: cc(actor), topic: topic.into(), stance: Stance::Support, item: article_id }
    }

    /// China's readout (article 1) has Kyrgyzstan back the one-China policy; Kyrgyzstan's
    /// own readout (article 2) does not; a private wire (article 3) repeats China's.
    fn one_china_gap() -> Vec<PartyComparison<i64>> {
        let sources = [source(1, Some("CN")), source(2, Some("KG")), source(3, None)];
        let attributed = vec![said(1, "KG", "one_china"), said(3, "KG", "one_china"), said(1, "CN", "belt_and_road"), said(2, "CN", "belt_and_road")];
        compare(&[cc("KG"), cc("CN")], &sources, attributed)
    }

    #[test]
    fn a_stance_only_the_other_side_claims_is_flagged_for_the_party() {
        let parties = one_china_gap();
        assert_eq!(parties.iter().map(|p| p.party.as_str()).collect::<Vec<_>>(), ["CN", "KG"]);
        let kg = &parties[1];
        assert_eq!(kg.own_sources, [2]);
        let one_china = &kg.topics[0];
        assert_eq!(one_china.topic, "one_china");
        assert_eq!(one_china.by_role.get(&Role::OtherParty), Some(&vec![1]));
        assert_eq!(one_china.by_role.get(&Role::Unsided), Some(&vec![3]), "private wires are listed apart");
        assert_eq!(one_china.by_role.get(&Role::Own), None);
        assert_eq!(one_china.claimed_only_by_other_side, Some(true));
        assert_eq!(one_china.stated_only_by_own_side, Some(false));
    }

    #[test]
    fn a_stance_both_sides_state_is_not_flagged() {
        let cn = &one_china_gap()[0];
        let bri = &cn.topics[0];
        assert_eq!((bri.topic.as_str(), bri.by_role.get(&Role::Own), bri.by_role.get(&Role::OtherParty)), ("belt_and_road", Some(&vec![1]), Some(&vec![2])));
        assert_eq!((bri.claimed_only_by_other_side, bri.stated_only_by_own_side), (Some(false), Some(false)));
    }

    #[test]
    fn silence_of_a_side_that_published_nothing_is_not_a_gap() {
        // Only China's readout and a newspaper: Kyrgyzstan's silence cannot be told.
        let sources = [source(1, Some("CN")), source(3, None)];
        let parties = compare(&[cc("KG"), cc("CN")], &sources, vec![said(1, "KG", "one_china"), said(1, "CN", "sovereignty")]);
        assert_eq!(parties[1].topics[0].claimed_only_by_other_side, None);
        assert_eq!(parties[1].own_sources, Vec::<i64>::new());
        // China's own claim has no Kyrgyz source to be missing from either.
        assert_eq!(parties[0].topics[0].stated_only_by_own_side, None);
    }

    #[test]
    fn a_third_states_publisher_and_non_parties_are_kept_apart() {
        let sources = [source(1, Some("RU")), source(2, Some("KG"))];
        let attributed = vec![said(1, "KG", "one_china"), said(2, "US", "one_china"), said(9, "KG", "sovereignty")];
        let parties = compare(&[cc("KG"), cc("CN")], &sources, attributed);
        let kg = &parties[1];
        assert_eq!(kg.topics.len(), 1, "article 9 is no source of this meeting");
        assert_eq!(kg.topics[0].by_role.get(&Role::ThirdState), Some(&vec![1]));
        assert_eq!(kg.topics[0].claimed_only_by_other_side, Some(false), "a third state is not the other side");
        assert!(parties.iter().all(|p| p.party.as_str() != "US"), "only parties are compared");
    }

    fn meeting(meeting_id: i64, sources: &[(i64, &str)], attributed: &[(i64, &str)]) -> MeetingSources {
        MeetingSources {
            meeting_id,
            sources: sources.iter().map(|&(id, side)| source(id, Some(side))).collect(),
            attributed: attributed
                .iter()
                .map(|&(article_id, topic)| Attributed { article_id, actor: cc("KG"), topic: topic.into(), stance: Stance::Support, item: () })
                .collect(),
        }
    }

    #[test]
    fn divergence_counts_claims_the_partys_own_readouts_omit() {
        let meetings = vec![
            // China claims one_china for Kyrgyzstan, Kyrgyzstan's readout omits it.
            meeting(10, &[(1, "CN"), (2, "KG")], &[(1, "one_china")]),
            // Both sides state it.
            meeting(11, &[(3, "CN"), (4, "KG")], &[(3, "one_china"), (4, "one_china")]),
            // Kyrgyzstan published nothing: not compared.
            meeting(12, &[(5, "CN")], &[(5, "one_china")]),
            // Kyrgyzstan's own claim alone is no divergence of China's.
            meeting(13, &[(6, "CN"), (7, "KG")], &[(7, "belt_and_road")]),
        ];
        let d = divergence(cc("KG"), cc("CN"), meetings);
        assert_eq!(d.meetings_compared, [10, 11, 13]);
        assert_eq!(d.topics.len(), 1);
        let t = &d.topics[0];
        assert_eq!((t.topic.as_str(), &t.claimed_in, &t.confirmed_in, &t.omitted_in), ("one_china", &vec![10, 11], &vec![11], &vec![10]));
    }
}
