//! The error answers the OpenAPI document declares, one type per status.
//!
//! A handler names the ones it may give in one line, e.g.
//! `responses((status = 200, ...), BadRequest, NotFound)`, so a status is
//! described the same way on every operation, and each is an RFC 9457
//! problem with the `Problem` schema and an example built by the same code
//! that builds real answers. The layers in front of the handlers (keys, rate
//! limits, the deadline) add theirs in `document.rs`.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::{Object, Ref, RefOr, Type};
use utoipa::{IntoResponses, ToSchema};

use super::problem::{Problem, PROBLEM_JSON};

type Responses = BTreeMap<String, RefOr<Response>>;

/// Declares unit types whose `IntoResponses` is one problem response: the doc
/// comment is its description, the literal its example's `detail`, and a
/// function named after `with` adds what else the answer carries (a header).
macro_rules! problem_responses {
    ($($(#[doc = $doc:literal])+ $name:ident = $status:ident, $detail:literal $(, with $extra:ident)?;)+) => {$(
        $(#[doc = $doc])+
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> Responses {
                let response = problem(StatusCode::$status, &[$($doc),+], $detail);
                $(let response = $extra(response);)?
                BTreeMap::from([(StatusCode::$status.as_str().to_string(), response.into())])
            }
        }
    )+};
}

problem_responses! {
    /// The request cannot be read: an id, a filter, `limit`, the cursor or the body is malformed;
    /// `detail` says which, and what is valid
    BadRequest = BAD_REQUEST, "`abc` is not a valid `id`: ids are positive integers";
    /// No API key was sent, or it is unknown or revoked
    Unauthorized = UNAUTHORIZED, "the API key is not known or was revoked", with www_authenticate;
    /// The API key's scope is too low for this request; `detail` names the scope needed
    Forbidden = FORBIDDEN, "this request needs an API key with the `admin` scope; this key has `write`";
    /// Nothing has this id, code or slug; `detail` says what was looked for
    NotFound = NOT_FOUND, "no article has id 42";
    /// The request conflicts with what is stored (a slug taken, a topic positions still name);
    /// `detail` says how
    Conflict = CONFLICT, "a topic has slug `arctic` already";
    /// The body is larger than 1 MiB (for a batch: 50 MiB, or more than 1,000 articles)
    PayloadTooLarge = PAYLOAD_TOO_LARGE, "the body is larger than the limit of 1048576 bytes";
    /// A body was sent, but not as JSON (`Content-Type: application/json`; a batch also takes
    /// `application/x-ndjson`)
    UnsupportedMediaType = UNSUPPORTED_MEDIA_TYPE, "send the body as JSON with `Content-Type: application/json`";
    /// The body is JSON but not a valid request: a field is missing, blank, malformed or out of
    /// bounds; `detail` says which
    Unprocessable = UNPROCESSABLE_ENTITY, "`text` must not be empty or blank";
    /// Too many requests from this client or key; `Retry-After` says how many seconds to wait
    TooManyRequests = TOO_MANY_REQUESTS, "too many requests; retry after 2 s", with retry_after;
    /// The database cannot be reached (`Retry-After` says when to try again; a batch then stores
    /// nothing), or the request took longer than the server allows
    ServiceUnavailable = SERVICE_UNAVAILABLE, "the database is unavailable; try again shortly", with retry_after;
}

/// What a handler reading a JSON body may refuse it with: not JSON, too
/// large, not declared as JSON, or not a valid request.
pub struct BodyErrors;

impl IntoResponses for BodyErrors {
    fn responses() -> Responses {
        [BadRequest::responses(), PayloadTooLarge::responses(), UnsupportedMediaType::responses(), Unprocessable::responses()]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// Any failure no operation names: OpenAPI's `default` response.
pub struct Unexpected;

impl IntoResponses for Unexpected {
    fn responses() -> Responses {
        let response = problem(StatusCode::INTERNAL_SERVER_ERROR, &["An unexpected error; `detail` says what happened"], "internal error");
        BTreeMap::from([("default".to_string(), response.into())])
    }
}

/// A problem+json response whose example is what `ApiError` would answer.
fn problem(status: StatusCode, description: &[&str], detail: &str) -> ResponseBuilder {
    let example = serde_json::to_value(Problem::new(status, detail.into())).expect("a problem serialises");
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name(Problem::name()))).example(Some(example));
    let description: Vec<&str> = description.iter().map(|line| line.trim()).collect();
    ResponseBuilder::new().description(description.join(" ")).content(PROBLEM_JSON, content.build())
}

fn retry_after(response: ResponseBuilder) -> ResponseBuilder {
    let seconds = HeaderBuilder::new().schema(Object::with_type(Type::Integer)).description(Some("Seconds to wait"));
    response.header("Retry-After", seconds.build())
}

fn www_authenticate(response: ResponseBuilder) -> ResponseBuilder {
    let challenge = HeaderBuilder::new().schema(Object::with_type(Type::String)).description(Some("`Bearer realm=\"readout\"`"));
    response.header("WWW-Authenticate", challenge.build())
}
