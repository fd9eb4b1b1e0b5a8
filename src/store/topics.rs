use sqlx::types::Json;
use sqlx::PgConnection;

use crate::domain::{default_topics, Grade, Topic, TopicPattern, TopicSlug};

/// A grade as the `grades` column holds it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GradeRow {
    pub slug: String,
    pub label: String,
    pub patterns: Vec<String>,
}

impl From<&Grade> for GradeRow {
    fn from(g: &Grade) -> Self {
        GradeRow { slug: g.slug.to_string(), label: g.label.clone(), patterns: g.patterns.iter().map(|p| p.as_str().to_string()).collect() }
    }
}

fn grade_rows(grades: &[Grade]) -> Json<Vec<GradeRow>> {
    Json(grades.iter().map(GradeRow::from).collect())
}

/// Inserts the default taxonomy once; topics a user already has are left alone,
/// but a default topic stored before grades existed gets the default grades.
pub async fn seed_defaults(conn: &mut PgConnection) -> sqlx::Result<()> {
    for topic in default_topics() {
        let patterns: Vec<&str> = topic.patterns.iter().map(TopicPattern::as_str).collect();
        sqlx::query(
            "INSERT INTO topics (slug, label, description, patterns, grades, is_default)
             VALUES ($1, $2, $3, $4, $5, true)
             ON CONFLICT (slug) DO UPDATE SET grades = EXCLUDED.grades
             WHERE topics.is_default AND topics.grades = '[]' AND EXCLUDED.grades <> '[]'",
        )
        .bind(topic.slug.as_str())
        .bind(&topic.label)
        .bind(&topic.description)
        .bind(patterns)
        .bind(grade_rows(&topic.grades))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every topic, by slug, as the extractor needs them.
pub async fn list(conn: &mut PgConnection) -> anyhow::Result<Vec<Topic>> {
    let rows: Vec<(String, String, String, Vec<String>, Json<Vec<GradeRow>>)> =
        sqlx::query_as("SELECT slug, label, description, patterns, grades FROM topics ORDER BY slug")
            .fetch_all(conn)
            .await?;
    let patterns = |raw: &[String]| raw.iter().map(|p| TopicPattern::parse(p)).collect::<Result<Vec<_>, _>>();
    rows.into_iter()
        .map(|(slug, label, description, raw_patterns, grades)| {
            Ok(Topic {
                slug: TopicSlug::parse(&slug)?,
                label,
                description,
                patterns: patterns(&raw_patterns)?,
                grades: grades
                    .0
                    .into_iter()
                    .map(|g| Ok(Grade { slug: TopicSlug::parse(&g.slug)?, label: g.label, patterns: patterns(&g.patterns)? }))
                    .collect::<anyhow::Result<_>>()?,
            })
        })
        .collect()
}

pub async fn slugs(conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT slug FROM topics ORDER BY slug").fetch_all(conn).await
}

#[derive(Debug, sqlx::FromRow)]
pub struct TopicRow {
    pub slug: String,
    pub label: String,
    pub description: String,
    pub patterns: Vec<String>,
    pub grades: Json<Vec<GradeRow>>,
    pub is_default: bool,
}

/// Topics by slug, after the slug `after`.
pub async fn page(conn: &mut PgConnection, after: Option<&str>, limit: i64) -> sqlx::Result<Vec<TopicRow>> {
    sqlx::query_as(
        "SELECT slug, label, description, patterns, grades, is_default FROM topics
         WHERE $1::text IS NULL OR slug > $1 ORDER BY slug LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut PgConnection, slug: &str) -> sqlx::Result<Option<TopicRow>> {
    sqlx::query_as("SELECT slug, label, description, patterns, grades, is_default FROM topics WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// How often the topic was taken up: positions for and against, and by how many actors.
#[derive(Debug, Default, sqlx::FromRow)]
pub struct TopicTally {
    pub support: i64,
    pub oppose: i64,
    pub actors: i64,
}

pub async fn tally(conn: &mut PgConnection, slug: &str) -> sqlx::Result<TopicTally> {
    sqlx::query_as(
        "SELECT coalesce(sum(n) FILTER (WHERE stance = 'support'), 0)::bigint AS support,
                coalesce(sum(n) FILTER (WHERE stance = 'oppose'), 0)::bigint AS oppose,
                count(DISTINCT actor) AS actors
         FROM position_totals WHERE topic = $1",
    )
    .bind(slug)
    .fetch_one(conn)
    .await
}

/// Adds a topic; `None` when its slug is taken.
pub async fn insert(conn: &mut PgConnection, topic: &Topic) -> sqlx::Result<Option<TopicRow>> {
    let patterns: Vec<&str> = topic.patterns.iter().map(TopicPattern::as_str).collect();
    sqlx::query_as(
        "INSERT INTO topics (slug, label, description, patterns, grades) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (slug) DO NOTHING
         RETURNING slug, label, description, patterns, grades, is_default",
    )
    .bind(topic.slug.as_str())
    .bind(&topic.label)
    .bind(&topic.description)
    .bind(patterns)
    .bind(grade_rows(&topic.grades))
    .fetch_optional(conn)
    .await
}

/// Changes the given fields of a topic; `None` when there is no such topic.
pub async fn update(
    conn: &mut PgConnection,
    slug: &str,
    label: Option<&str>,
    description: Option<&str>,
    patterns: Option<&[TopicPattern]>,
    grades: Option<&[Grade]>,
) -> sqlx::Result<Option<TopicRow>> {
    let patterns: Option<Vec<&str>> = patterns.map(|ps| ps.iter().map(TopicPattern::as_str).collect());
    sqlx::query_as(
        "UPDATE topics SET label = coalesce($2, label), description = coalesce($3, description),
                patterns = coalesce($4, patterns), grades = coalesce($5, grades), updated_at = now()
         WHERE slug = $1
         RETURNING slug, label, description, patterns, grades, is_default",
    )
    .bind(slug)
    .bind(label)
    .bind(description)
    .bind(patterns)
    .bind(grades.map(grade_rows))
    .fetch_optional(conn)
    .await
}

/// What deleting a topic did.
pub enum Deleted {
    Deleted,
    Missing,
    /// Positions still name it; they go when their articles are deleted or reprocessed.
    InUse,
}

pub async fn delete(conn: &mut PgConnection, slug: &str) -> sqlx::Result<Deleted> {
    let in_use: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM positions WHERE topic = $1)")
        .bind(slug)
        .fetch_one(&mut *conn)
        .await?;
    if in_use {
        return Ok(Deleted::InUse);
    }
    let gone = sqlx::query("DELETE FROM topics WHERE slug = $1").bind(slug).execute(conn).await?.rows_affected();
    Ok(if gone > 0 { Deleted::Deleted } else { Deleted::Missing })
}
