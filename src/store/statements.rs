use chrono::NaiveDate;
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::extraction::{ids_by_position, ids_of, index_of, span_columns, ArticleExtraction};
use super::officials::OfficialIds;
use crate::domain::{CountryCode, Official, Span, Speaker, Stance, Statement, StatementMode};

/// Stores the statements of several articles; answers their ids per article.
pub async fn insert_many(
    conn: &mut PgConnection,
    items: &[ArticleExtraction<'_>],
    officials: &[OfficialIds],
) -> sqlx::Result<Vec<Vec<i64>>> {
    let (mut articles, mut days, mut ords, mut kinds, mut speaker_ids, mut persons) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut countries, mut joints, mut texts, mut modes, mut verbs, mut spans) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut tags, mut search) = (vec![], vec![]);
    for (item, ids) in items.iter().zip(officials) {
        for (ord, statement) in item.extraction.statements.iter().enumerate() {
            let (kind, official, country, joint) = speaker_columns(&statement.speaker, &item.extraction.officials);
            tags.push(topic_tags(item.extraction, ord, country.as_deref()));
            articles.push(item.article_id);
            days.push(item.day);
            ords.push(ord as i32);
            kinds.push(kind);
            speaker_ids.push(official.map(|i| ids.article_ids[i]));
            persons.push(official.map(|i| ids.person_ids[i]));
            countries.push(country);
            joints.push(joint);
            texts.push(statement.text.as_str());
            search.push(super::tsvector::english(&statement.text));
            modes.push(statement.mode.as_str());
            verbs.push(statement.verb.as_deref());
            spans.push(statement.span);
        }
    }
    let (starts, ends) = span_columns(spans.into_iter());
    let rows: Vec<(i64, i64, i32)> = sqlx::query_as(
        "INSERT INTO statements (article_id, stated_on, ord, speaker_kind, speaker_id, official_id, country,
             joint_countries, text, span_start, span_end, mode, verb, topics, tsv)
         SELECT article_id, stated_on, ord, kind, speaker_id, official_id, country, string_to_array(joint, ','),
                text, span_start, span_end, mode, verb, string_to_array(tags, ','),
                coalesce(tsv::tsvector, to_tsvector('english', text))
         FROM UNNEST($1::bigint[], $2::date[], $3::int[], $4::text[], $5::bigint[], $6::bigint[], $7::text[],
                     $8::text[], $9::text[], $10::int[], $11::int[], $12::text[], $13::text[], $14::text[],
                     $15::text[])
              AS t(article_id, stated_on, ord, kind, speaker_id, official_id, country, joint, text, span_start,
                   span_end, mode, verb, tags, tsv)
         RETURNING id, article_id, ord",
    )
    .bind(&articles)
    .bind(&days)
    .bind(&ords)
    .bind(&kinds)
    .bind(&speaker_ids)
    .bind(&persons)
    .bind(&countries)
    .bind(&joints)
    .bind(&texts)
    .bind(&starts)
    .bind(&ends)
    .bind(&modes)
    .bind(&verbs)
    .bind(&tags)
    .bind(&search)
    .fetch_all(conn)
    .await?;
    let by_position = ids_by_position(rows);
    Ok(items.iter().map(|item| ids_of(&by_position, item.article_id, item.extraction.statements.len())).collect())
}

/// The statement's positions as filter tags ("one_china", "one_china:support",
/// ":support"), and each topic again under the state it speaks for
/// ("KG/one_china"), comma-joined and sorted. Only the topic: a state's stance
/// filters are rarer and still found by probing, and each key costs ingest.
fn topic_tags(extraction: &crate::domain::Extraction, statement: usize, country: Option<&str>) -> String {
    let mut tags: Vec<String> = extraction
        .positions
        .iter()
        .filter(|p| p.statement == statement)
        .flat_map(|p| {
            let (topic, stance) = (p.topic.as_str(), p.stance.as_str());
            [topic.to_string(), format!("{topic}:{stance}"), format!(":{stance}")]
        })
        .collect();
    if let Some(country) = country {
        let topics = extraction.positions.iter().filter(|p| p.statement == statement);
        let of_state: Vec<String> = topics.map(|p| state_tag(country, p.topic.as_str())).collect();
        tags.extend(of_state);
    }
    tags.sort();
    tags.dedup();
    tags.join(",")
}

/// A topic under a state: one GIN key for "this state, this topic", so a small state's rare topic is found among its few matches
/// instead of among all of the state's statements or all of the topic's.
fn state_tag(country: &str, topic: &str) -> String {
    format!("{country}/{topic}")
}

/// (kind, official index, state spoken for, comma-joined joint parties): how a speaker fits the columns.
fn speaker_columns(speaker: &Speaker, officials: &[Official]) -> (&'static str, Option<usize>, Option<String>, String) {
    match speaker {
        Speaker::Official(i) => ("official", Some(*i), officials[*i].country.map(|c| c.to_string()), String::new()),
        Speaker::State(code) => ("state", None, Some(code.to_string()), String::new()),
        Speaker::Joint(codes) => {
            let joined = codes.iter().map(CountryCode::to_string).collect::<Vec<_>>().join(",");
            ("joint", None, None, joined)
        }
    }
}

type ExtractedRow = (i64, String, Option<i64>, Option<String>, Vec<String>, String, i32, i32, String, Option<String>);

pub async fn load(
    conn: &mut PgConnection,
    article_id: i64,
    official_ids: &[i64],
) -> sqlx::Result<(Vec<Statement>, Vec<i64>)> {
    let rows: Vec<ExtractedRow> = sqlx::query_as(
        "SELECT id, speaker_kind, speaker_id, country::text, joint_countries::text[], text,
                span_start, span_end, mode, verb
         FROM statements WHERE article_id = $1 ORDER BY ord",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut statements = Vec::with_capacity(rows.len());
    for (id, kind, speaker_id, country, joint, text, start, end, mode, verb) in rows {
        let code = |c: &str| CountryCode::parse(c).expect("stored country codes are valid");
        let speaker = match (kind.as_str(), speaker_id, country) {
            ("official", Some(official), _) => Speaker::Official(index_of(official_ids, official)),
            ("state", _, Some(country)) => Speaker::State(code(&country)),
            _ => Speaker::Joint(joint.iter().map(|c| code(c)).collect()),
        };
        ids.push(id);
        statements.push(Statement {
            speaker,
            text,
            span: Span::new(start as usize, end as usize),
            mode: StatementMode::parse(&mode).unwrap_or(StatementMode::Reported),
            verb,
        });
    }
    Ok((statements, ids))
}

/// Which statements to list; every field narrows the list.
#[derive(Debug, Default, Clone)]
pub struct StatementFilter {
    /// The person speaking (`officials.id`).
    pub speaker: Option<i64>,
    /// The state spoken for.
    pub country: Option<CountryCode>,
    pub topic: Option<String>,
    pub stance: Option<Stance>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Full-text search in web-search syntax ("belt road", "\"one china\"", "-taiwan").
    pub text: Option<String>,
    pub article: Option<i64>,
}

/// A statement with its speaker, article and topics, for lists across articles.
#[derive(Debug, sqlx::FromRow)]
pub struct StatementRow {
    pub id: i64,
    pub article_id: i64,
    pub article_title: Option<String>,
    pub article_opening: Option<String>,
    pub article_source: Option<String>,
    pub article_url: Option<String>,
    pub speaker_kind: String,
    pub official_id: Option<i64>,
    pub speaker_name: Option<String>,
    pub country: Option<String>,
    pub joint_countries: Vec<String>,
    pub text: String,
    pub span_start: i32,
    pub span_end: i32,
    pub mode: String,
    pub verb: Option<String>,
    pub stated_on: NaiveDate,
    /// `<mark>`-highlighted fragments matching the search, when there was one.
    pub snippet: Option<String>,
    /// "topic:stance" for each position it states.
    pub positions: Vec<String>,
}

/// How many of the newest rows (after the ordered filters) are searched first
/// for topic and text matches: enough to fill a page of any common topic or
/// phrase, and a few milliseconds to read.
const PROBE_ROWS: i64 = 2_000;

/// The most rows a second, wider probe reads. Reading stops at a full page, so
/// a wide probe costs its whole width only when the matches are rarer than
/// the first probe promised; past this width the filter's own index is cheaper.
const WIDEST_PROBE_ROWS: i64 = 50_000;

/// Below this many matches, a state's topic is sorted whole rather than probed for.
const FEW_MATCHES: i64 = 500;

/// Newest first, after the (day, id) `after`. Topic, stance and text filters
/// match rows that no index returns in list order; a common one (a phrase in
/// 4 % of statements) had PostgreSQL gather and sort every match. So those are
/// first looked for among the newest `PROBE_ROWS` rows: a full page found
/// there is exactly the newest page. A filter that matched some rows there but
/// not a page's worth is looked for again among as many newest rows as its rate
/// says a page needs (`wider_probe`); only a rarer filter goes on to its index.
pub async fn page(
    conn: &mut PgConnection,
    filter: &StatementFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::Result<Vec<StatementRow>> {
    let unordered = filter.topic.is_some() || filter.stance.is_some() || filter.text.is_some();
    if unordered && !matches_are_few(conn, filter).await? {
        let probed = probe(conn, filter, after, limit, PROBE_ROWS).await?;
        if probed.len() as i64 >= limit {
            return Ok(probed);
        }
        if let Some(rows) = wider_probe(probed.len() as i64, limit) {
            let probed = probe(conn, filter, after, limit, rows).await?;
            if probed.len() as i64 >= limit {
                return Ok(probed);
            }
        }
    }
    page_query(filter, after, limit, None).build_query_as().fetch_all(conn).await
}

/// Whether the filter is a state's topic (without stance or text) that fewer
/// than `FEW_MATCHES` statements match: then the state's tag reads all of them
/// (62 for KG and one_china at 100k articles, 1 ms) faster than a probe reads
/// the state's newest rows (6 ms), and a big state's common topic (CN and
/// one_china, 3,109) still goes to the probe, which finds its page at once.
async fn matches_are_few(conn: &mut PgConnection, filter: &StatementFilter) -> sqlx::Result<bool> {
    let Some(tag) = filter_tag(filter).filter(|_| tag_is_states(filter) && filter.text.is_none()) else {
        return Ok(false);
    };
    let found: i64 =
        sqlx::query_scalar("SELECT count(*) FROM (SELECT 1 FROM statements WHERE topics @> ARRAY[$1] LIMIT $2) few")
            .bind(tag)
            .bind(FEW_MATCHES)
            .fetch_one(conn)
            .await?;
    Ok(found < FEW_MATCHES)
}

/// The page among the newest `rows` rows after the ordered filters.
async fn probe(
    conn: &mut PgConnection,
    filter: &StatementFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
    rows: i64,
) -> sqlx::Result<Vec<StatementRow>> {
    page_query(filter, after, limit, Some(rows)).build_query_as().fetch_all(conn).await
}

/// How many newest rows to read for a page when the first probe found `found`
/// matches (fewer than `limit`): three times what their rate predicts, so a
/// page is nearly always there; `None` when no match was found or the width
/// would pass `WIDEST_PROBE_ROWS`. A phrase in 2 % of statements (37 in the
/// first probe) fills its page from some 2,800 rows instead of sorting all of
/// its 15,000 matches.
fn wider_probe(found: i64, limit: i64) -> Option<i64> {
    if found == 0 {
        return None;
    }
    let rows = PROBE_ROWS * limit * 3 / found;
    (rows <= WIDEST_PROBE_ROWS).then_some(rows)
}

fn page_query(
    filter: &StatementFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
    probe: Option<i64>,
) -> QueryBuilder<'static, Postgres> {
    // The speaker's name is a subquery, not a join: read for the page's rows
    // only. Joined, a search the planner thought broad (a generic plan guesses
    // its matches) hashed the whole officials table first.
    let mut sql = QueryBuilder::<Postgres>::new(
        concat!("SELECT s.id, s.article_id, a.title AS article_title, a.source AS article_source, a.url AS article_url,
                ", article_opening!(), ",
                s.speaker_kind, s.official_id, (SELECT o.name FROM officials o WHERE o.id = s.official_id) AS speaker_name,
                s.country::text AS country,
                s.joint_countries::text[] AS joint_countries, s.text, s.span_start, s.span_end, s.mode, s.verb,
                s.stated_on, "),
    );
    match &filter.text {
        Some(text) => {
            sql.push("ts_headline('english', s.text, websearch_to_tsquery('english', ")
                .push_bind(text.clone())
                .push("), 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=20, MinWords=8') AS snippet, ");
        }
        None => {
            sql.push("NULL::text AS snippet, ");
        }
    }
    sql.push(
        "ARRAY(SELECT p.topic || ':' || p.stance FROM position_evidence e JOIN positions p ON p.id = e.position_id
               WHERE e.statement_id = s.id ORDER BY e.ord) AS positions
         FROM ",
    );
    match probe {
        Some(rows) => {
            sql.push("(SELECT * FROM statements s WHERE true");
            push_ordered_filters(&mut sql, filter, after);
            sql.push(" ORDER BY s.stated_on DESC, s.id DESC LIMIT ").push_bind(rows).push(") s");
        }
        None => {
            sql.push("statements s");
        }
    }
    sql.push(
        " JOIN articles a ON a.id = s.article_id WHERE true",
    );
    let tag = filter_tag(filter);
    if probe.is_none() {
        // Past the probes, a state's tag stands for the state: matching the
        // state's column too would let the planner intersect all of a big
        // state's rows (160,000 for CN at 100k articles) with the tag's few.
        let ordered = StatementFilter { country: filter.country.filter(|_| !tag_is_states(filter)), ..filter.clone() };
        push_ordered_filters(&mut sql, &ordered, after);
    }
    if let Some(tag) = tag {
        sql.push(" AND s.topics @> ARRAY[").push_bind(tag).push("]");
    }
    if let Some(text) = &filter.text {
        sql.push(" AND s.tsv @@ websearch_to_tsquery('english', ").push_bind(text.clone()).push(")");
    }
    sql.push(" ORDER BY s.stated_on DESC, s.id DESC LIMIT ").push_bind(limit);
    sql
}

/// The `topics` tag the topic and stance filters ask for; a topic alone under the filter's state if it has one.
fn filter_tag(filter: &StatementFilter) -> Option<String> {
    Some(match (&filter.topic, filter.stance, filter.country) {
        (Some(topic), None, Some(country)) => state_tag(country.as_str(), topic),
        (Some(topic), Some(stance), _) => format!("{topic}:{}", stance.as_str()),
        (Some(topic), None, None) => topic.clone(),
        (None, Some(stance), _) => format!(":{}", stance.as_str()),
        (None, None, _) => return None,
    })
}

/// Whether the filter's tag is a state's own, standing for the state's column too.
fn tag_is_states(filter: &StatementFilter) -> bool {
    filter.topic.is_some() && filter.stance.is_none() && filter.country.is_some()
}

/// The filters an index walks in list order: speaker, state, article, days, cursor.
fn push_ordered_filters(sql: &mut QueryBuilder<'static, Postgres>, filter: &StatementFilter, after: Option<(NaiveDate, i64)>) {
    if let Some(speaker) = filter.speaker {
        sql.push(" AND s.official_id = ").push_bind(speaker);
    }
    if let Some(country) = filter.country {
        // Cast to the column's type: compared as text, the index on char(2) goes unused.
        sql.push(" AND s.country = ").push_bind(country.to_string()).push("::bpchar");
    }
    if let Some(article) = filter.article {
        sql.push(" AND s.article_id = ").push_bind(article);
    }
    push_day_range(sql, "s.stated_on", filter.from, filter.to);
    if let Some((day, id)) = after {
        sql.push(" AND (s.stated_on, s.id) < (").push_bind(day).push(", ").push_bind(id).push(")");
    }
}

/// `column` between `from` and `to`, both inclusive, either open.
pub(crate) fn push_day_range(sql: &mut QueryBuilder<'_, Postgres>, column: &str, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    if let Some(from) = from {
        sql.push(format!(" AND {column} >= ")).push_bind(from);
    }
    if let Some(to) = to {
        sql.push(format!(" AND {column} <= ")).push_bind(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_found_in_the_first_probe_is_looked_for_again_as_wide_as_its_rate_asks() {
        // 37 of 2,000 rows: a page of 51 needs about 2,760 rows; three times that.
        assert_eq!(wider_probe(37, 51), Some(8_270));
        assert_eq!(wider_probe(50, 51), Some(6_120));
    }

    #[test]
    fn a_rare_filter_goes_to_its_index() {
        assert_eq!(wider_probe(0, 51), None, "no rate to go by");
        assert_eq!(wider_probe(6, 51), None, "51,000 rows: past the widest probe");
        assert_eq!(wider_probe(7, 51), Some(43_714));
    }
}
