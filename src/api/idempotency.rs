//! `Idempotency-Key` on POSTs: a retried request with the same key and the
//! same body gets the first answer again, and does nothing twice.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::batch::MAX_BYTES;
use super::problem::ApiError;
use super::AppState;
use crate::store::idempotency::{self, StoredAnswer};

pub const HEADER: &str = "idempotency-key";

/// In a response's extensions: the answer is not final (part of the work
/// failed on the server's side), so it is not remembered and a retry with the
/// same key does the rest instead of replaying the failure.
#[derive(Debug, Clone, Copy)]
pub struct Unsettled;

pub async fn replay(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(HEADER) {
        return next.run(request).await;
    }
    match keyed(app, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn keyed(app: AppState, request: Request, next: Next) -> Result<Response, ApiError> {
    let key = request.headers()[HEADER]
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| (1..=255).contains(&k.len()))
        .ok_or_else(|| ApiError::BadRequest("`Idempotency-Key` must be 1 to 255 visible ASCII characters".into()))?
        .to_string();
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, MAX_BYTES).await.map_err(|_| ApiError::Rejected {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        detail: format!("the body is larger than {MAX_BYTES} bytes"),
    })?;
    let mut hasher = Sha256::new();
    hasher.update(parts.uri.path().as_bytes());
    hasher.update([0]);
    hasher.update(&body);
    let request_hash = hasher.finalize().to_vec();

    if let Some(stored) = idempotency::find(&mut *app.pool.acquire().await?, &key).await? {
        if stored.request_hash != request_hash {
            return Err(ApiError::Unprocessable(format!(
                "`Idempotency-Key` `{key}` was used with a different request; use a new key for a new request"
            )));
        }
        return Ok(answer(stored));
    }

    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    if response.status().is_server_error() || response.extensions().get::<Unsettled>().is_some() {
        // A failure is not remembered: the retry the key exists for must run again.
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX).await.map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))?;
    let header_text = |name| parts.headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(String::from);
    let stored = StoredAnswer {
        request_hash,
        status: parts.status.as_u16() as i16,
        content_type: header_text(header::CONTENT_TYPE),
        location: header_text(header::LOCATION),
        body: body.to_vec(),
    };
    idempotency::remember(&mut *app.pool.acquire().await?, &key, &stored).await?;
    Ok(Response::from_parts(parts, Body::from(body)))
}

fn answer(stored: StoredAnswer) -> Response {
    let status = StatusCode::from_u16(stored.status as u16).unwrap_or(StatusCode::OK);
    let mut response = (status, stored.body).into_response();
    let headers = response.headers_mut();
    for (name, value) in [(header::CONTENT_TYPE, stored.content_type), (header::LOCATION, stored.location)] {
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(name, value);
        }
    }
    headers.insert("idempotency-replayed", HeaderValue::from_static("true"));
    response
}
