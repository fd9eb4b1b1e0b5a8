//! axum's extractors with their rejections turned into problem+json.

use axum::extract::{FromRequest, FromRequestParts};

use super::problem::ApiError;

/// A JSON body; malformed JSON is 400, a wrong shape 422, a wrong content type 415.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// Path parameters; a malformed one (`/v1/articles/abc`) is 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// Query parameters; a malformed one is 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// A field that is present, null or not: `Some(None)` for an explicit null.
pub fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}
