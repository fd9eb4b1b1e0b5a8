//! The actor dictionary (migration 0014): seeded from the data files, corrected by admins,
//! read whole by the extractor.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use crate::domain::{default_office_holders, Holder, Office, OfficeHolder, Term};

/// How the seed recognises its rows: actor, office, name and first day as the data files give them.
fn default_key(h: &OfficeHolder) -> String {
    format!("{}|{}|{}|{}", h.holder.code(), h.office, h.name, h.term.from())
}

/// Brings the default rows in line with the data files: adds lines that are new (unless an
/// admin deleted their row), updates rows no admin edited to their line, and removes rows
/// no admin edited whose line is gone. Rows an admin made or edited are left alone.
pub async fn seed_defaults(conn: &mut PgConnection) -> sqlx::Result<()> {
    let mut defaults = default_office_holders();
    // A line the files hold twice is one row (one key may not be updated twice in a statement).
    let mut seen = std::collections::HashSet::new();
    defaults.retain(|h| seen.insert(default_key(h)));
    let column = |f: fn(&OfficeHolder) -> String| defaults.iter().map(f).collect::<Vec<String>>();
    // One statement for the whole dictionary: columns as arrays, variants `|`-joined (a
    // variant holds no `|`, see `OfficeHolder::new`).
    sqlx::query(
        "WITH lines AS (
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                                  $7::date[], $8::text[], $9::text[])
                 AS l(actor, office, title, name, variants, term_from, term_to, search_key, default_key)
         )
         INSERT INTO actors (actor, office, title, name, variants, term_from, term_to, search_key, default_key)
         SELECT actor, office, title, name, string_to_array(variants, '|'), term_from, term_to, search_key, default_key
         FROM lines
         WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones t WHERE t.default_key = lines.default_key)
         ON CONFLICT (default_key) DO UPDATE
            SET title = EXCLUDED.title, variants = EXCLUDED.variants, term_to = EXCLUDED.term_to,
                search_key = EXCLUDED.search_key, updated_at = now()
            WHERE NOT actors.edited
              AND (actors.title, actors.variants, actors.term_to) IS DISTINCT FROM
                  (EXCLUDED.title, EXCLUDED.variants, EXCLUDED.term_to)",
    )
    .bind(column(|h| h.holder.code().to_string()))
    .bind(column(|h| h.office.to_string()))
    .bind(column(|h| h.title.clone()))
    .bind(column(|h| h.name.clone()))
    .bind(column(|h| h.variants.join("|")))
    .bind(defaults.iter().map(|h| h.term.from()).collect::<Vec<_>>())
    .bind(defaults.iter().map(|h| h.term.to()).collect::<Vec<_>>())
    .bind(column(OfficeHolder::search_key))
    .bind(column(default_key))
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM actors WHERE default_key IS NOT NULL AND NOT edited AND default_key <> ALL($1)")
        .bind(column(default_key))
        .execute(conn)
        .await?;
    Ok(())
}

const COLUMNS: &str =
    "id, actor, office, title, name, variants, term_from, term_to, is_default, edited, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActorRow {
    pub id: i64,
    pub actor: String,
    pub office: String,
    pub title: String,
    pub name: String,
    pub variants: Vec<String>,
    pub term_from: NaiveDate,
    pub term_to: Option<NaiveDate>,
    pub is_default: bool,
    pub edited: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ActorRow {
    /// The row as the domain type; rows are checked on the way in, so this fails only on a
    /// row written by hand.
    pub fn office_holder(&self) -> anyhow::Result<OfficeHolder> {
        let entry = OfficeHolder::new(
            Holder::parse(&self.actor)?,
            Office::parse(&self.office)?,
            &self.title,
            &self.name,
            &self.variants,
            Term::new(self.term_from, self.term_to)?,
        );
        entry.with_context(|| format!("actor {} in the database", self.id))
    }
}

/// Filters of the list; all optional.
#[derive(Debug, Default)]
pub struct ActorFilter {
    pub holder: Option<Holder>,
    pub office: Option<Office>,
    /// Entries whose term contains this day.
    pub on: Option<NaiveDate>,
    /// A folded substring (`folded_key`) of the name or a variant.
    pub search: Option<String>,
}

/// The list's sort key: actor, office, first day, id.
pub type ActorKey = (String, String, NaiveDate, i64);

/// Entries by actor, office and start, after the key `after`.
pub async fn page(conn: &mut PgConnection, filter: &ActorFilter, after: Option<&ActorKey>, limit: i64) -> sqlx::Result<Vec<ActorRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM actors
         WHERE ($1::text IS NULL OR actor = $1)
           AND ($2::text IS NULL OR office = $2)
           AND ($3::date IS NULL OR daterange(term_from, term_to, '[]') @> $3::date)
           AND ($4::text IS NULL OR search_key LIKE '%' || $4 || '%')
           AND ($5::text IS NULL OR (actor, office, term_from, id) > ($5, $6, $7, $8))
         ORDER BY actor, office, term_from, id
         LIMIT $9"
    ))
    .bind(filter.holder.as_ref().map(Holder::code))
    .bind(filter.office.as_ref().map(Office::as_str))
    .bind(filter.on)
    .bind(filter.search.as_deref())
    .bind(after.map(|a| a.0.as_str()))
    .bind(after.map(|a| a.1.as_str()))
    .bind(after.map(|a| a.2))
    .bind(after.map(|a| a.3))
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<ActorRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM actors WHERE id = $1")).bind(id).fetch_optional(conn).await
}

/// The entry, locked until the transaction ends: for a change made from what it holds.
pub async fn get_for_update(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<ActorRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM actors WHERE id = $1 FOR UPDATE"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Every entry, as the extractor needs them.
pub async fn all(conn: &mut PgConnection) -> anyhow::Result<Vec<OfficeHolder>> {
    let rows: Vec<ActorRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM actors ORDER BY actor, office, term_from, id")).fetch_all(conn).await?;
    rows.iter().map(ActorRow::office_holder).collect()
}

/// Adds an entry of an admin's.
pub async fn insert(conn: &mut PgConnection, entry: &OfficeHolder) -> sqlx::Result<ActorRow> {
    sqlx::query_as(&format!(
        "INSERT INTO actors (actor, office, title, name, variants, term_from, term_to, search_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING {COLUMNS}"
    ))
    .bind(entry.holder.code())
    .bind(entry.office.as_str())
    .bind(&entry.title)
    .bind(&entry.name)
    .bind(&entry.variants)
    .bind(entry.term.from())
    .bind(entry.term.to())
    .bind(entry.search_key())
    .fetch_one(conn)
    .await
}

/// Replaces an entry's fields with an admin's; from then on the seed leaves it alone.
/// `None` when there is no such entry.
pub async fn update(conn: &mut PgConnection, id: i64, entry: &OfficeHolder) -> sqlx::Result<Option<ActorRow>> {
    sqlx::query_as(&format!(
        "UPDATE actors SET actor = $2, office = $3, title = $4, name = $5, variants = $6, term_from = $7,
                term_to = $8, search_key = $9, edited = true, updated_at = now()
         WHERE id = $1
         RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(entry.holder.code())
    .bind(entry.office.as_str())
    .bind(&entry.title)
    .bind(&entry.name)
    .bind(&entry.variants)
    .bind(entry.term.from())
    .bind(entry.term.to())
    .bind(entry.search_key())
    .fetch_optional(conn)
    .await
}

/// Deletes an entry; a default one leaves a tombstone so the seed does not bring it back.
/// False when there is no such entry.
pub async fn delete(conn: &mut PgConnection, id: i64) -> sqlx::Result<bool> {
    let deleted: Option<(Option<String>,)> =
        sqlx::query_as("DELETE FROM actors WHERE id = $1 RETURNING default_key").bind(id).fetch_optional(&mut *conn).await?;
    let Some((key,)) = deleted else { return Ok(false) };
    if let Some(key) = key {
        sqlx::query("INSERT INTO actor_tombstones (default_key) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(key)
            .execute(conn)
            .await?;
    }
    Ok(true)
}
