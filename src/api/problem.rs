//! RFC 9457 problem details: every error this API answers, in one shape.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::DomainError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem: what went wrong, for people (`detail`) and programs (`status`, `type`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank",
    "title": "Unprocessable Entity",
    "status": 422,
    "detail": "`text` must not be empty or blank"
}))]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status code's reason phrase.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What was wrong with this request, and how to put it right.
    pub detail: String,
}

/// Every way a request can fail. Client mistakes are 4xx with a precise
/// detail; only faults of the server or its database are 5xx.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Conflict(String),
    /// No usable API key: missing, unknown or revoked.
    #[error("{0}")]
    Unauthorized(String),
    /// A valid key whose scope is too low for the request.
    #[error("{0}")]
    Forbidden(String),
    #[error("too many requests; retry after {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("the request took longer than {} s and was abandoned; retry, or send less at once", .0.as_secs())]
    TimedOut(std::time::Duration),
    /// A rejection by one of axum's extractors, with the status it chose.
    #[error("{detail}")]
    Rejected { status: StatusCode, detail: String },
    #[error("the database is unavailable; try again shortly")]
    Unavailable(#[source] sqlx::Error),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::TimedOut(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Rejected { status, .. } => *status,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl Problem {
    pub fn new(status: StatusCode, detail: String) -> Self {
        Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail,
        }
    }
}

/// A problem response for any status; used for the router's fallbacks too.
pub fn problem_response(status: StatusCode, detail: String) -> Response {
    let body = serde_json::to_vec(&Problem::new(status, detail)).expect("a problem serialises");
    (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response()
}

/// The answer to a request whose handler panicked: a 500 problem that says
/// the fault is Readout's, with the panic's message in the log only.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    ApiError::Internal(anyhow::anyhow!("handler panicked: {message}")).into_response()
}

impl ApiError {
    /// The problem to answer, logging server faults on the way.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Internal(error) => tracing::error!(error = ?error, "request failed"),
            ApiError::Unavailable(error) => tracing::warn!(%error, "database unavailable"),
            _ => {}
        }
        Problem::new(self.status(), self.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let body = serde_json::to_vec(&problem).expect("a problem serialises");
        let mut response = (self.status(), [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::Unauthorized(_) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"readout\""));
            }
            ApiError::RateLimited { retry_after } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            ApiError::Unavailable(_) => {
                // The pool reconnects by itself; a second is a fair first wait.
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        if crate::store::is_unavailable(&error) {
            ApiError::Unavailable(error)
        } else if is_nul_character(&error) {
            // Any string a client sent, in a body or a filter, may hold one.
            ApiError::BadRequest(NUL_DETAIL.into())
        } else {
            ApiError::Internal(error.into())
        }
    }
}

const NUL_DETAIL: &str = "a value contains the NUL character (U+0000), which cannot be stored or searched for; remove it";

/// PostgreSQL refuses U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00").
fn is_nul_character(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().as_deref() == Some("22021"))
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> Self {
        ApiError::Internal(error)
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        ApiError::Unprocessable(error.0)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let detail = match &rejection {
            JsonRejection::MissingJsonContentType(_) => {
                "send the body as JSON with `Content-Type: application/json`".to_string()
            }
            JsonRejection::BytesRejection(_) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                format!("the body is larger than the limit of {} bytes", super::BODY_LIMIT)
            }
            _ => rejection.body_text(),
        };
        ApiError::Rejected { status: rejection.status(), detail }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        let status = match rejection.status() {
            // A malformed id is the client's mistake, not a missing route.
            s if s.is_client_error() => StatusCode::BAD_REQUEST,
            s => s,
        };
        let detail = match &rejection {
            PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
                ErrorKind::ParseErrorAtKey { key, value, .. } => {
                    format!("`{value}` is not a valid `{key}`: ids are positive integers")
                }
                ErrorKind::ParseError { value, .. } | ErrorKind::ParseErrorAtIndex { value, .. } => {
                    format!("`{value}` is not a valid id: ids are positive integers")
                }
                _ => e.body_text(),
            },
            _ => rejection.body_text(),
        };
        ApiError::Rejected { status, detail }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::Rejected { status: StatusCode::BAD_REQUEST, detail: rejection.body_text() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_answers_a_500_problem_without_its_message() {
        for payload in [Box::new("index out of range") as Box<dyn std::any::Any + Send>, Box::new(String::from("boom"))] {
            let response = panic_response(payload);
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(response.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
            let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
            let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(problem["status"], 500);
            assert_eq!(problem["detail"], "internal error", "the panic's message stays in the log");
        }
    }
}
