//! HTTP conventions every GET shares: validators (`ETag`, `If-None-Match` →
//! 304), caching rules, and `Vary` for the formats one URL can answer in.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Live data: clients may keep it but must revalidate (cheaply, with the ETag) before use.
const CACHE_LIVE: &str = "no-cache";
/// The API description and its docs page change only with a new release.
const CACHE_STATIC: &str = "public, max-age=300";

/// Adds a weak ETag to every successful GET and answers 304 when the client
/// already holds that representation.
pub async fn validators(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let cache_control = if request.uri().path().starts_with("/v1/") { CACHE_LIVE } else { CACHE_STATIC };
    let held = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || is_stream(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Pages are bounded (at most 500 items), so buffering to hash them is cheap.
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let digest = Sha256::digest(&bytes);
    let tag = format!("W/\"{}\"", digest[..16].iter().map(|b| format!("{b:02x}")).collect::<String>());
    let tag = HeaderValue::from_str(&tag).expect("hex is a valid header value");
    parts.headers.insert(header::ETAG, tag.clone());
    // A handler that set its own rule (`/metrics`: never cache) keeps it.
    parts.headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(cache_control));
    parts.headers.append(header::VARY, HeaderValue::from_static("accept"));
    if held.is_some_and(|held| matches(&held, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// An event stream never ends, so it is neither buffered nor tagged.
fn is_stream(response: &Response) -> bool {
    response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"))
}

/// `If-None-Match` may list several tags, or `*`; comparison is weak (RFC 9110 §13.1.2).
fn matches(held: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(held) = held.to_str() else { return false };
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let ours = strip(tag.to_str().unwrap_or_default());
    held.split(',').any(|t| t.trim() == "*" || strip(t) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists() {
        let tag = HeaderValue::from_static("W/\"abc\"");
        for held in ["W/\"abc\"", "\"abc\"", "\"x\", W/\"abc\"", "*"] {
            assert!(matches(&HeaderValue::from_str(held).unwrap(), &tag), "{held}");
        }
        assert!(!matches(&HeaderValue::from_static("W/\"abd\""), &tag));
    }
}
