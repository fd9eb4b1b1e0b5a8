//! Aggregates for dashboards, read from rollup tables kept at write time.

use chrono::{Datelike, NaiveDate};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::statements::push_day_range;
use crate::domain::{CountryCode, MeetingKind, Stance};

/// A dimension to group positions by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionDim {
    Actor,
    Topic,
    Month,
}

/// A dimension to group meetings by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingDim {
    Country,
    Month,
    Kind,
}

#[derive(Debug, Default)]
pub struct PositionStatsFilter {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub stance: Option<Stance>,
    /// Applied by month: a day selects its whole month.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct PositionStatsRow {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub month: Option<NaiveDate>,
    pub support: i64,
    pub oppose: i64,
}

/// One page of groups: at most `page.limit` groups after the group keyed `page.after`.
#[derive(Debug)]
pub struct GroupPage<'a> {
    /// The last group served: its grouped columns' values as text, in `group_by` order.
    pub after: Option<&'a [String]>,
    pub limit: i64,
}

/// Keyset paging over groups: rows of groups after the cursor's, in group order.
/// `columns` are the grouped columns with the SQL type their text casts back to; the
/// row comparison lets the rollup's primary key serve a `group_by` that leads it.
fn push_group_page(sql: &mut QueryBuilder<'_, Postgres>, columns: &[(&str, &str)], page: &GroupPage<'_>) {
    if let Some(after) = page.after {
        let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
        sql.push(format!(" AND ({}) > (", names.join(", ")));
        let mut values = sql.separated(", ");
        for ((_, ty), value) in columns.iter().zip(after) {
            values.push_bind(value.clone()).push_unseparated(format!("::{ty}"));
        }
        sql.push(")");
    }
}

fn push_group_order(sql: &mut QueryBuilder<'_, Postgres>, columns: &[(&str, &str)], having: &str, page: &GroupPage<'_>) {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    sql.push(format!(" GROUP BY {0}{having} ORDER BY {0} LIMIT ", names.join(", "))).push_bind(page.limit);
}

pub async fn positions(
    conn: &mut PgConnection,
    dims: &[PositionDim],
    filter: &PositionStatsFilter,
    page: &GroupPage<'_>,
) -> sqlx::Result<Vec<PositionStatsRow>> {
    let column = |dim: PositionDim| match dim {
        PositionDim::Actor => "actor",
        PositionDim::Topic => "topic",
        PositionDim::Month => "month",
    };
    let type_of = |dim: PositionDim| if dim == PositionDim::Month { "date" } else { "text" };
    let pick = |dim: PositionDim, ty: &str| {
        if dims.contains(&dim) { column(dim).to_string() } else { format!("NULL::{ty} AS {}", column(dim)) }
    };
    let grouped: Vec<(&str, &str)> = dims.iter().map(|&d| (column(d), type_of(d))).collect();
    let mut sql = QueryBuilder::<Postgres>::new(format!(
        "SELECT {}, {}, {}, coalesce(sum(n) FILTER (WHERE stance = 'support'), 0)::bigint AS support,
                coalesce(sum(n) FILTER (WHERE stance = 'oppose'), 0)::bigint AS oppose
         FROM {} WHERE true",
        pick(PositionDim::Actor, "text"),
        pick(PositionDim::Topic, "text"),
        pick(PositionDim::Month, "date"),
        rollup_for(dims, filter),
    ));
    if let Some(actor) = &filter.actor {
        sql.push(" AND actor = ").push_bind(actor.clone());
    }
    if let Some(topic) = &filter.topic {
        sql.push(" AND topic = ").push_bind(topic.clone());
    }
    if let Some(stance) = filter.stance {
        sql.push(" AND stance = ").push_bind(stance.as_str());
    }
    push_day_range(&mut sql, "month", filter.from.map(month_of), filter.to.map(month_of));
    push_group_page(&mut sql, &grouped, page);
    push_group_order(&mut sql, &grouped, "", page);
    sql.build_query_as().fetch_all(conn).await
}

/// The smallest rollup holding every dimension the query groups or filters by.
fn rollup_for(dims: &[PositionDim], filter: &PositionStatsFilter) -> &'static str {
    let needs = |dim: PositionDim| {
        dims.contains(&dim)
            || match dim {
                PositionDim::Actor => filter.actor.is_some(),
                PositionDim::Topic => filter.topic.is_some(),
                PositionDim::Month => filter.from.is_some() || filter.to.is_some(),
            }
    };
    match (needs(PositionDim::Actor), needs(PositionDim::Topic), needs(PositionDim::Month)) {
        (_, _, false) => "position_totals",
        (false, _, true) => "position_topic_months",
        (true, false, true) => "position_actor_months",
        (true, true, true) => "position_counts",
    }
}

fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day0(0).expect("every month has a first day")
}

#[derive(Debug, Default)]
pub struct MeetingStatsFilter {
    pub country: Option<CountryCode>,
    pub kind: Option<MeetingKind>,
    /// Applied by month: a day selects its whole month.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct MeetingStatsRow {
    pub country: Option<String>,
    pub month: Option<NaiveDate>,
    pub kind: Option<String>,
    pub meetings: i64,
}

/// Counts from the smallest rollup the triggers keep that holds the query's
/// dimensions: per state and kind, per state and month, per state, month and
/// kind, or per month and kind.
pub async fn meetings(
    conn: &mut PgConnection,
    dims: &[MeetingDim],
    filter: &MeetingStatsFilter,
    page: &GroupPage<'_>,
) -> sqlx::Result<Vec<MeetingStatsRow>> {
    let by_state = dims.contains(&MeetingDim::Country) || filter.country.is_some();
    let column = |dim: MeetingDim| match dim {
        MeetingDim::Country => ("country", "bpchar"),
        MeetingDim::Month => ("month", "date"),
        MeetingDim::Kind => ("kind", "text"),
    };
    let picks: Vec<String> = [MeetingDim::Country, MeetingDim::Month, MeetingDim::Kind]
        .into_iter()
        .map(|dim| {
            let (name, ty) = column(dim);
            // The bare column, so ORDER BY sorts by it and the rollup's primary key can give the order.
            if dims.contains(&dim) { name.to_string() } else { format!("NULL::{ty} AS {name}") }
        })
        .collect();
    let grouped: Vec<(&str, &str)> = dims.iter().map(|&d| column(d)).collect();
    // A meeting counts once for each state involved when grouped by state.
    let by_month = dims.contains(&MeetingDim::Month) || filter.from.is_some() || filter.to.is_some();
    let by_kind = dims.contains(&MeetingDim::Kind) || filter.kind.is_some();
    let rollup = match (by_state, by_month, by_kind) {
        (true, true, true) => "meeting_counts",
        (true, true, false) => "meeting_country_months",
        (true, false, _) => "meeting_country_totals",
        (false, _, _) => "meeting_month_counts",
    };
    let mut sql = QueryBuilder::<Postgres>::new(format!(
        "SELECT {}, sum(n)::bigint AS meetings FROM {rollup} WHERE true",
        picks.join(", ")
    ));
    if let Some(country) = filter.country {
        sql.push(" AND country = ").push_bind(country.to_string()).push("::bpchar");
    }
    if let Some(kind) = filter.kind {
        sql.push(" AND kind = ").push_bind(kind.as_str());
    }
    push_day_range(&mut sql, "month", filter.from.map(month_of), filter.to.map(month_of));
    push_group_page(&mut sql, &grouped, page);
    push_group_order(&mut sql, &grouped, " HAVING sum(n) > 0", page);
    sql.build_query_as().fetch_all(conn).await
}
