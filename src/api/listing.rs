//! Lists: cursor pagination with one envelope for every list, and the same
//! rows as CSV for `Accept: text/csv`.
//!
//! Every list answers `{items, next_cursor}`; clients pass `next_cursor` back
//! as `cursor` and never look inside it. A cursor holds the sort key of the
//! last item served, so pages stay stable while rows are added.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};

use super::problem::ApiError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;
pub const CSV: &str = "text/csv";

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    #[schema(example = "WyJhcnRpY2xlIiw0Ml0")]
    pub next_cursor: Option<String>,
}

/// Declares the named page schema of one list for the OpenAPI document, so
/// generated clients get `MeetingPage` with `items: MeetingItem[]` rather than
/// a generic name with an inlined copy of the item. Handlers answer `Page<T>`,
/// which serialises the same.
macro_rules! page_schema {
    ($page:ident, $item:ty) => {
        #[doc = "One page of a list."]
        #[derive(utoipa::ToSchema)]
        #[allow(dead_code)]
        pub struct $page {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            #[schema(example = "WyJhcnRpY2xlIiw0Ml0")]
            pub next_cursor: Option<String>,
        }
    };
}
pub(crate) use page_schema;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50, example = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A validated request for one page: at most `limit` items after the one whose sort key is `after`.
#[derive(Debug)]
pub struct PageRequest<K> {
    pub limit: i64,
    pub after: Option<K>,
}

impl PageParams {
    /// `kind` tags cursors so one list's cursor is refused by another.
    pub fn parse<K: DeserializeOwned>(&self, kind: &str) -> Result<PageRequest<K>, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_LIMIT}, not {limit}"
            )));
        }
        let after = self.cursor.as_deref().map(|c| decode(kind, c)).transpose()?;
        Ok(PageRequest { limit, after })
    }
}

impl<K: Serialize> PageRequest<K> {
    /// Fetch one row more than asked: its presence tells there is a next page.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the over-fetched rows to a page; `key` gives a row's sort key.
    pub fn page<R, T>(&self, kind: &str, mut rows: Vec<R>, key: impl Fn(&R) -> K, view: impl FnMut(R) -> T) -> Page<T> {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = if more { rows.last().map(|r| encode(kind, &key(r))) } else { None };
        Page { items: rows.into_iter().map(view).collect(), next_cursor }
    }
}

fn encode<K: Serialize>(kind: &str, key: &K) -> String {
    let json = serde_json::to_vec(&(kind, key)).expect("cursor keys serialise");
    URL_SAFE_NO_PAD.encode(json)
}

fn decode<K: DeserializeOwned>(kind: &str, cursor: &str) -> Result<K, ApiError> {
    let invalid = || {
        ApiError::BadRequest(format!(
            "`cursor` `{cursor}` is not a cursor of this list: pass back a `next_cursor` it answered"
        ))
    };
    let json = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let (found, key): (String, K) = serde_json::from_slice(&json).map_err(|_| invalid())?;
    if found != kind {
        return Err(invalid());
    }
    Ok(key)
}

/// JSON or CSV, as the client's `Accept` header asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
        let wants_csv = accept.split(',').any(|part| part.trim().starts_with(CSV));
        let wants_json = accept.split(',').any(|part| part.trim().starts_with("application/json"));
        if wants_csv && !wants_json {
            Format::Csv
        } else {
            Format::Json
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Format {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Format::from_headers(&parts.headers))
    }
}

/// A page answered in the format the client asked for.
pub struct Listed<T> {
    pub page: Page<T>,
    pub format: Format,
}

impl<T: Serialize> IntoResponse for Listed<T> {
    fn into_response(self) -> Response {
        match self.format {
            Format::Json => Json(self.page).into_response(),
            Format::Csv => match to_csv(&self.page.items) {
                Ok(body) => {
                    let mut response = (StatusCode::OK, [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body)
                        .into_response();
                    if let Some(cursor) = self.page.next_cursor {
                        // CSV has no envelope: the next page's cursor travels in a header.
                        if let Ok(value) = HeaderValue::from_str(&cursor) {
                            response.headers_mut().insert("x-next-cursor", value);
                        }
                    }
                    response
                }
                Err(error) => ApiError::Internal(error).into_response(),
            },
        }
    }
}

/// One CSV row per item: nested objects become dotted columns
/// (`speaker.name`), lists of plain values are joined with `;`, lists of
/// objects are kept as JSON in their cell.
fn to_csv<T: Serialize>(items: &[T]) -> anyhow::Result<Vec<u8>> {
    let rows: Vec<Map<String, Value>> = items
        .iter()
        .map(|item| {
            let mut flat = Map::new();
            flatten("", serde_json::to_value(item)?, &mut flat);
            Ok(flat)
        })
        .collect::<anyhow::Result<_>>()?;
    let mut columns: Vec<&String> = Vec::new();
    for row in &rows {
        for key in row.keys() {
            if !columns.contains(&key) {
                columns.push(key);
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&columns)?;
    for row in &rows {
        writer.write_record(columns.iter().map(|c| row.get(*c).map(cell).unwrap_or_default()))?;
    }
    Ok(writer.into_inner()?)
}

fn flatten(prefix: &str, value: Value, out: &mut Map<String, Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
                flatten(&name, inner, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other);
        }
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            items.iter().map(cell).collect::<Vec<_>>().join(";")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cursors_round_trip_and_belong_to_their_list() {
        let cursor = encode("a", &("2024-03-04", 42));
        let key: (String, i64) = decode("a", &cursor).unwrap();
        assert_eq!(key, ("2024-03-04".to_string(), 42));
        assert!(decode::<(String, i64)>("m", &cursor).is_err());
        assert!(decode::<i64>("a", "not base64!").is_err());
        assert!(decode::<i64>("a", &cursor).is_err(), "a cursor of another key shape is refused");
    }

    #[test]
    fn limits_outside_one_to_five_hundred_are_refused() {
        for bad in [0, -1, 501] {
            assert!(PageParams { limit: Some(bad), cursor: None }.parse::<i64>("a").is_err());
        }
        assert_eq!(PageParams { limit: None, cursor: None }.parse::<i64>("a").unwrap().limit, 50);
    }

    #[test]
    fn a_full_extra_row_means_a_next_page() {
        let request = PageRequest::<i64> { limit: 2, after: None };
        let page = request.page("a", vec![9, 8, 7], |r| *r, |r| r);
        assert_eq!(page.items, vec![9, 8]);
        assert_eq!(decode::<i64>("a", page.next_cursor.as_deref().unwrap()).unwrap(), 8);
        assert!(request.page("a", vec![9, 8], |r| *r, |r| r).next_cursor.is_none());
    }

    #[test]
    fn csv_flattens_nested_values() {
        let items = vec![
            json!({"id": 1, "speaker": {"name": "Wang Yi", "country": "CN"}, "titles": ["A", "B"], "note": null}),
            json!({"id": 2, "speaker": {"name": "Ana, \"Jr\"", "country": null}, "titles": [], "note": "x"}),
        ];
        let csv = String::from_utf8(to_csv(&items).unwrap()).unwrap();
        assert_eq!(
            csv,
            "id,speaker.name,speaker.country,titles,note\n1,Wang Yi,CN,A;B,\n2,\"Ana, \"\"Jr\"\"\",,,x\n"
        );
    }

    #[test]
    fn csv_is_chosen_only_when_asked_for() {
        let headers = |accept: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT, HeaderValue::from_str(accept).unwrap());
            h
        };
        assert_eq!(Format::from_headers(&headers("text/csv")), Format::Csv);
        assert_eq!(Format::from_headers(&headers("text/csv;q=0.9")), Format::Csv);
        assert_eq!(Format::from_headers(&headers("application/json, text/csv")), Format::Json);
        assert_eq!(Format::from_headers(&headers("*/*")), Format::Json);
        assert_eq!(Format::from_headers(&HeaderMap::new()), Format::Json);
    }
}
