//! Cursor pagination: every list answers `{items, next_cursor}`; clients pass
//! `next_cursor` back as `cursor` and never look inside it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::ApiError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// One page of a list, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    #[schema(example = "YTo0Mg")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50, example = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A validated request for one page: at most `limit` items after `after`.
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<i64>,
}

impl PageParams {
    /// `kind` tags cursors so one list's cursor is refused by another.
    pub fn parse(&self, kind: &str) -> Result<PageRequest, ApiError> {
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

impl PageRequest {
    /// Fetch one row more than asked: its presence tells there is a next page.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the over-fetched rows to a page; `key` gives the cursor position of a row.
    pub fn page<R, T>(&self, kind: &str, mut rows: Vec<R>, key: impl Fn(&R) -> i64, view: impl Fn(R) -> T) -> Page<T> {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = if more { rows.last().map(|r| encode(kind, key(r))) } else { None };
        Page { items: rows.into_iter().map(view).collect(), next_cursor }
    }
}

fn encode(kind: &str, key: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{key}"))
}

fn decode(kind: &str, cursor: &str) -> Result<i64, ApiError> {
    let invalid = || {
        ApiError::BadRequest(format!(
            "`cursor` `{cursor}` is not a cursor of this list: pass back a `next_cursor` it answered"
        ))
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let key = text.strip_prefix(kind).and_then(|rest| rest.strip_prefix(':')).ok_or_else(invalid)?;
    key.parse().map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_list() {
        let cursor = encode("a", 42);
        assert_eq!(decode("a", &cursor).unwrap(), 42);
        assert!(decode("m", &cursor).is_err());
        assert!(decode("a", "not base64!").is_err());
        assert!(decode("a", &URL_SAFE_NO_PAD.encode("a:x")).is_err());
    }

    #[test]
    fn limits_outside_one_to_five_hundred_are_refused() {
        for bad in [0, -1, 501] {
            assert!(PageParams { limit: Some(bad), cursor: None }.parse("a").is_err());
        }
        assert_eq!(PageParams { limit: None, cursor: None }.parse("a").unwrap().limit, 50);
    }

    #[test]
    fn a_full_extra_row_means_a_next_page() {
        let request = PageRequest { limit: 2, after: None };
        let page = request.page("a", vec![9, 8, 7], |r| *r, |r| r);
        assert_eq!(page.items, vec![9, 8]);
        assert_eq!(decode("a", page.next_cursor.as_deref().unwrap()).unwrap(), 8);
        let last = request.page("a", vec![9, 8], |r| *r, |r| r);
        assert!(last.next_cursor.is_none());
    }
}
