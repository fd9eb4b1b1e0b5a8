//! Query filters that parse themselves: a bad value is a 400 that says what is valid.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;

use super::problem::ApiError;
use crate::domain::CountryCode;

/// `?country=KG`: a known ISO 3166-1 alpha-2 code, in either case.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
pub struct CountryParam(pub CountryCode);

impl TryFrom<String> for CountryParam {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        CountryCode::parse(&raw)
            .map(CountryParam)
            .map_err(|e| format!("{e}; GET /v1/countries lists them"))
    }
}

/// `?from=2024-03-01`: an ISO 8601 calendar date.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
pub struct DateParam(pub NaiveDate);

impl TryFrom<String> for DateParam {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map(DateParam)
            .map_err(|_| format!("`{raw}` is not an ISO date (YYYY-MM-DD)"))
    }
}

/// A `from`/`to` pair, both inclusive.
pub fn date_range(from: Option<DateParam>, to: Option<DateParam>) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
    let (from, to) = (from.map(|d| d.0), to.map(|d| d.0));
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::BadRequest(format!("`from` ({f}) is after `to` ({t})")));
        }
    }
    Ok((from, to))
}

/// A topic slug that exists; otherwise a 400 that lists the topics there are.
pub async fn known_topic(conn: &mut PgConnection, slug: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(slug) = slug else { return Ok(None) };
    let slugs = crate::store::topics::slugs(conn).await?;
    if slugs.iter().any(|s| s == slug) {
        Ok(Some(slug.to_string()))
    } else {
        Err(ApiError::BadRequest(format!("`{slug}` is not a topic; topics are: {}", slugs.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_countries_parse_or_say_why_not() {
        assert!(DateParam::try_from("2024-03-01".to_string()).is_ok());
        assert!(DateParam::try_from("03/01/2024".to_string()).unwrap_err().contains("ISO date"));
        assert_eq!(CountryParam::try_from("kz".to_string()).unwrap().0.as_str(), "KZ");
        assert!(CountryParam::try_from("ZZ".to_string()).unwrap_err().contains("/v1/countries"));
    }

    #[test]
    fn from_after_to_is_refused() {
        let d = |s: &str| Some(DateParam::try_from(s.to_string()).unwrap());
        assert!(date_range(d("2024-03-02"), d("2024-03-01")).is_err());
        assert!(date_range(d("2024-03-01"), d("2024-03-01")).is_ok());
        assert!(date_range(None, d("2024-03-01")).is_ok());
    }
}
