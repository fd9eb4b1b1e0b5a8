//! Rules the whole OpenAPI document follows, applied once to what utoipa
//! generates rather than repeated on every handler and field.

use axum::http::Method;
use serde_json::{json, Map, Value};
use utoipa::openapi::OpenApi;
use utoipa::IntoResponses;

use super::auth::required_scope;
use super::problem::PROBLEM_JSON;
use super::responses::{Forbidden, ServiceUnavailable, TooManyRequests, Unauthorized, Unexpected};
use crate::domain::Scope;

/// Request bodies, and results whose dimensions are left out when unused:
/// their optional fields really may be absent. Every other field is always
/// sent (as null when empty), so it is marked required for generated clients.
const MAY_OMIT_FIELDS: [&str; 8] = [
    "CreateArticleRequest",
    "ExtractRequest",
    "PositionStats",
    "MeetingStats",
    // `variants` and `to` may be left out; a change names only the fields it changes.
    "CreateActorRequest",
    "UpdateActorRequest",
    // Filters and a description are optional; a change names only the fields it changes.
    "CreateWebhookRequest",
    "UpdateWebhookRequest",
];

pub fn finish(document: OpenApi) -> OpenApi {
    let mut value = serde_json::to_value(&document).expect("the document serialises");
    require_sent_fields(&mut value);
    declare_shared_responses(&mut value);
    declare_security(&mut value);
    value["servers"] = json!([{"url": "http://127.0.0.1:8080", "description": "The default local server"}]);
    serde_json::from_value(value).expect("the finished document is still an OpenAPI document")
}

fn require_sent_fields(document: &mut Value) {
    let Some(schemas) = document.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    for (name, schema) in schemas.iter_mut() {
        if MAY_OMIT_FIELDS.contains(&name.as_str()) {
            continue;
        }
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else { continue };
        // Flattened schemas (allOf parts) are completed part by part through their own entries.
        let required: Vec<Value> = properties.keys().map(|k| Value::String(k.clone())).collect();
        schema["required"] = Value::Array(required);
    }
}

/// Every operation may fail unexpectedly (`default`: a problem), every `/v1`
/// one may answer 503 (it runs under the request deadline, and asks the
/// database for its data or its key), every GET may answer 304 to
/// `If-None-Match`, and CSV pages carry their cursor in a header.
fn declare_shared_responses(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else { continue };
            declare::<Unexpected>(responses);
            if path.starts_with("/v1/") {
                declare::<ServiceUnavailable>(responses);
            }
            if method == "get" {
                responses.entry("304").or_insert_with(|| json!({"description": "Not modified: the `If-None-Match` ETag is current"}));
            }
            if let Some(ok) = responses.get_mut("200") {
                if ok.pointer("/content/text~1csv").is_some() {
                    let headers = ok.as_object_mut().expect("a response is an object").entry("headers").or_insert_with(|| Value::Object(Map::new()));
                    headers["X-Next-Cursor"] = json!({
                        "description": "With `Accept: text/csv`: the cursor of the next page, absent on the last",
                        "schema": {"type": "string"}
                    });
                }
            }
        }
    }
}

/// The two ways to send a key, and on each operation what it needs: the
/// scope comes from `auth::required_scope`, the rule the server enforces.
/// Reads list "no key" first, so generated clients may, but need not, send one.
fn declare_security(document: &mut Value) {
    document["components"]["securitySchemes"] = json!({
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from `readout keys create`, as `Authorization: Bearer ro_…`"
        },
        "apiKey": {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The same API key, in a header of its own"
        }
    });
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else { continue };
            let Some(scope) = required_scope(&method, path) else { continue };
            secure(operation, scope);
        }
    }
}

fn secure(operation: &mut Value, scope: Scope) {
    let with_key = [json!({"bearer": []}), json!({"apiKey": []})];
    let responses = &mut operation["responses"];
    responses["429"] = response::<TooManyRequests>();
    responses["401"] = response::<Unauthorized>();
    if scope == Scope::Read {
        responses["401"]["description"] = json!(
            "The server requires keys for reads (`--require-auth-for-reads`) and none was sent, or the key sent is unknown or revoked"
        );
        operation["security"] = Value::Array([json!({})].into_iter().chain(with_key).collect());
        return;
    }
    responses["403"] = response::<Forbidden>();
    responses["403"]["description"] = json!(format!("The API key's scope is below `{scope}`"));
    responses["403"]["content"][PROBLEM_JSON]["example"]["detail"] =
        json!(format!("this request needs an API key with the `{scope}` scope; this key has `read`"));
    operation["security"] = Value::Array(with_key.into());
    let above = if scope < Scope::Admin { " or above" } else { "" };
    let description = operation["description"].as_str().unwrap_or_default();
    operation["description"] = Value::String(format!(
        "{description}\n\nNeeds an API key with the `{scope}` scope{above}, once the server has any active key."
    ));
}

/// Adds `R`'s responses to an operation's, keeping those its handler declared.
fn declare<R: IntoResponses>(responses: &mut Map<String, Value>) {
    for (status, response) in R::responses() {
        responses.entry(status).or_insert_with(|| serde_json::to_value(response).expect("a response serialises"));
    }
}

/// The one response `R` declares, to adapt its description to an operation.
fn response<R: IntoResponses>() -> Value {
    let (_, response) = R::responses().pop_first().expect("a problem type declares a response");
    serde_json::to_value(response).expect("a response serialises")
}
