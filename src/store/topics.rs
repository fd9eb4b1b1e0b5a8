use sqlx::PgConnection;

use crate::domain::{default_topics, Topic, TopicPattern, TopicSlug};

/// Inserts the default taxonomy once; topics a user already has are left alone.
pub async fn seed_defaults(conn: &mut PgConnection) -> sqlx::Result<()> {
    for topic in default_topics() {
        let patterns: Vec<&str> = topic.patterns.iter().map(TopicPattern::as_str).collect();
        sqlx::query(
            "INSERT INTO topics (slug, label, description, patterns, is_default)
             VALUES ($1, $2, $3, $4, true)
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind(topic.slug.as_str())
        .bind(&topic.label)
        .bind(&topic.description)
        .bind(patterns)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every topic, by slug, as the extractor needs them.
pub async fn list(conn: &mut PgConnection) -> anyhow::Result<Vec<Topic>> {
    let rows: Vec<(String, String, String, Vec<String>)> =
        sqlx::query_as("SELECT slug, label, description, patterns FROM topics ORDER BY slug")
            .fetch_all(conn)
            .await?;
    rows.into_iter()
        .map(|(slug, label, description, patterns)| {
            Ok(Topic {
                slug: TopicSlug::parse(&slug)?,
                label,
                description,
                patterns: patterns
                    .iter()
                    .map(|p| TopicPattern::parse(p))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect()
}
