use sqlx::PgConnection;

use crate::domain::COUNTRIES;

/// Makes the countries table match the gazetteer compiled into this binary.
pub async fn upsert_gazetteer(conn: &mut PgConnection) -> sqlx::Result<()> {
    let join = |list: &[String]| list.join("\u{1f}");
    let (mut codes, mut names, mut aliases, mut adjectives, mut demonyms, mut capitals) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for c in COUNTRIES.iter() {
        codes.push(c.code.to_string());
        names.push(c.name.clone());
        aliases.push(join(&c.aliases));
        adjectives.push(join(&c.adjectives));
        demonyms.push(join(&c.demonyms));
        capitals.push(c.capital.clone());
    }
    // Lists travel as unit-separator-joined strings because PostgreSQL cannot
    // UNNEST a ragged two-dimensional array.
    sqlx::query(
        "INSERT INTO countries (code, name, aliases, adjectives, demonyms, capital)
         SELECT code, name,
                array_remove(string_to_array(aliases, E'\\x1f'), ''),
                array_remove(string_to_array(adjectives, E'\\x1f'), ''),
                array_remove(string_to_array(demonyms, E'\\x1f'), ''),
                capital
         FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS t(code, name, aliases, adjectives, demonyms, capital)
         ON CONFLICT (code) DO UPDATE SET
             name = EXCLUDED.name, aliases = EXCLUDED.aliases, adjectives = EXCLUDED.adjectives,
             demonyms = EXCLUDED.demonyms, capital = EXCLUDED.capital",
    )
    .bind(codes)
    .bind(names)
    .bind(aliases)
    .bind(adjectives)
    .bind(demonyms)
    .bind(capitals)
    .execute(conn)
    .await?;
    Ok(())
}
