//! API keys on requests: which scope each route needs, who is calling, and
//! 401/403 when the key is missing, unknown, revoked or too weak.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::problem::ApiError;
use super::AppState;
use crate::domain::{ApiKey, Scope};
use crate::store;

pub const API_KEY_HEADER: &str = "x-api-key";

/// How long a server trusts its last answer to "is any key active?". Keys are
/// created and revoked by another process (`readout keys ...`), so each server
/// asks the database rather than being told, and at most once per interval so
/// open servers do not pay a query per request: the first key closes an open
/// server within this time, and revoking the last key opens it again. A single
/// key's revocation is seen at once, because keys are verified per request.
const KEY_CHECK_INTERVAL: Duration = Duration::from_secs(5);

/// The scope a request needs, `None` for what is public whatever the
/// configuration (probes, metrics, docs, the dashboard). Reads need `read`,
/// which the server enforces only with `--require-auth-for-reads`.
/// The OpenAPI document is derived from this too.
pub fn required_scope(method: &Method, path: &str) -> Option<Scope> {
    let api_path = path.strip_prefix("/v1/")?;
    let reprocess = path.contains(":reprocess") || api_path == "reprocess" || api_path.starts_with("reprocess/");
    // The taxonomy and the actor dictionary change what every article is read with.
    let dictionary = api_path.starts_with("topics") || api_path.starts_with("actors");
    let dictionary_change = dictionary && *method != Method::GET && *method != Method::HEAD;
    // Webhooks call out from the server and their logs show receivers' answers: admins only, reads too.
    let webhooks = api_path.starts_with("webhooks");
    Some(match *method {
        _ if reprocess || dictionary_change || webhooks || *method == Method::DELETE => Scope::Admin,
        // Extraction without storing is a read that happens to need a body.
        Method::POST if api_path == "extract" => Scope::Read,
        Method::GET | Method::HEAD | Method::OPTIONS => Scope::Read,
        _ => Scope::Write,
    })
}

/// What the server knows about keys.
#[derive(Default)]
pub struct Auth {
    require_auth_for_reads: bool,
    keys_exist: Mutex<Option<(Instant, bool)>>,
}

impl Auth {
    pub fn new(require_auth_for_reads: bool) -> Self {
        Auth { require_auth_for_reads, keys_exist: Mutex::default() }
    }

    /// Whether any key is active, from the database at most every `KEY_CHECK_INTERVAL`.
    async fn keys_exist(&self, app: &AppState) -> Result<bool, ApiError> {
        let cached = *self.keys_exist.lock().expect("the key check lock is never poisoned");
        if let Some((_, answer)) = cached.filter(|(asked, _)| asked.elapsed() < KEY_CHECK_INTERVAL) {
            return Ok(answer);
        }
        let answer = store::keys::any_active(&mut *app.pool.acquire().await?).await?;
        *self.keys_exist.lock().expect("the key check lock is never poisoned") = Some((Instant::now(), answer));
        Ok(answer)
    }
}

/// Lets a request through when its key (or the route, or an open server)
/// allows it, charging authenticated requests to their key's rate limit.
pub async fn authorize(State(app): State<AppState>, request: Request, next: Next) -> Response {
    match check(&app, request.method(), request.uri().path(), request.headers()).await {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn check(app: &AppState, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(needed) = required_scope(method, path) else { return Ok(()) };
    let presented = credential(headers);
    let enforced = needed > Scope::Read || app.auth.require_auth_for_reads;
    if presented.is_none() && !enforced {
        return Ok(());
    }
    if !app.auth.keys_exist(app).await? {
        // No keys at all: the development default, announced at start.
        return Ok(());
    }
    let Some(raw) = presented else {
        return Err(ApiError::Unauthorized(format!(
            "this request needs an API key with the `{needed}` scope: send `Authorization: Bearer <key>` \
             (keys are made with `readout keys create`)"
        )));
    };
    let unknown = || ApiError::Unauthorized("the API key is not known or was revoked".into());
    let key = ApiKey::parse(raw).map_err(|_| unknown())?;
    let (id, scope) = store::keys::verify(&mut *app.pool.acquire().await?, &key).await?.ok_or_else(unknown)?;
    tracing::Span::current().record("key", id);
    if scope < needed {
        return Err(ApiError::Forbidden(format!(
            "this request needs an API key with the `{needed}` scope; this key has `{scope}`"
        )));
    }
    app.limits.check_key(id)
}

/// The key sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
/// Another `Authorization` scheme (say Basic, for a proxy in front) is not ours
/// and is passed over.
fn credential(headers: &HeaderMap) -> Option<&str> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key);
    bearer.or_else(|| headers.get(API_KEY_HEADER).and_then(|v| v.to_str().ok())).map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_needs_its_scope() {
        let cases = [
            (Method::GET, "/v1/meetings", Some(Scope::Read)),
            (Method::POST, "/v1/extract", Some(Scope::Read)),
            (Method::POST, "/v1/articles", Some(Scope::Write)),
            (Method::POST, "/v1/articles:batch", Some(Scope::Write)),
            (Method::DELETE, "/v1/articles/3", Some(Scope::Admin)),
            (Method::POST, "/v1/topics", Some(Scope::Admin)),
            (Method::PATCH, "/v1/topics/one_china", Some(Scope::Admin)),
            (Method::GET, "/v1/topics/one_china", Some(Scope::Read)),
            (Method::POST, "/v1/actors", Some(Scope::Admin)),
            (Method::PATCH, "/v1/actors/7", Some(Scope::Admin)),
            (Method::DELETE, "/v1/actors/7", Some(Scope::Admin)),
            (Method::GET, "/v1/actors", Some(Scope::Read)),
            (Method::GET, "/v1/webhooks", Some(Scope::Admin)),
            (Method::GET, "/v1/webhooks/2/deliveries", Some(Scope::Admin)),
            (Method::POST, "/v1/webhooks", Some(Scope::Admin)),
            (Method::GET, "/v1/events", Some(Scope::Read)),
            (Method::POST, "/v1/articles/3:reprocess", Some(Scope::Admin)),
            (Method::POST, "/v1/reprocess", Some(Scope::Admin)),
            (Method::GET, "/healthz", None),
            (Method::GET, "/openapi.json", None),
            (Method::GET, "/", None),
        ];
        for (method, path, scope) in cases {
            assert_eq!(required_scope(&method, path), scope, "{method} {path}");
        }
    }

    #[test]
    fn the_key_comes_from_either_header_and_other_schemes_are_passed_over() {
        let mut headers = HeaderMap::new();
        assert_eq!(credential(&headers), None);
        headers.insert(header::AUTHORIZATION, "Basic dTpw".parse().unwrap());
        assert_eq!(credential(&headers), None);
        headers.insert(API_KEY_HEADER, "ro_k".parse().unwrap());
        assert_eq!(credential(&headers), Some("ro_k"));
        headers.insert(header::AUTHORIZATION, "bearer ro_b".parse().unwrap());
        assert_eq!(credential(&headers), Some("ro_b"));
    }
}
