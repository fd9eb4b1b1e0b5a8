//! The committed OpenAPI document is what the code generates, and it is complete enough for SDKs.

use serde_json::Value;

const COMMITTED: &str = include_str!("../openapi/openapi.json");

fn generated() -> String {
    readout::api::openapi().to_pretty_json().unwrap()
}

#[test]
fn the_committed_document_matches_the_code() {
    assert!(
        COMMITTED.trim_end() == generated().trim_end(),
        "openapi/openapi.json is out of date; regenerate it with\n    cargo run -- openapi > openapi/openapi.json"
    );
}

fn operations() -> Vec<(String, String, Value)> {
    let document: Value = serde_json::from_str(&generated()).unwrap();
    let mut found = vec![];
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            found.push((method.clone(), path.clone(), operation.clone()));
        }
    }
    found
}

#[test]
fn every_operation_is_named_described_and_typed() {
    let ops = operations();
    assert!(ops.len() >= 8, "only {} operations", ops.len());
    for (method, path, op) in ops {
        let at = format!("{method} {path}");
        let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{at}: no operationId"));
        assert!(id.contains('_') && id == id.to_lowercase(), "{at}: operationId {id} is not <verb>_<resource>");
        assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{at}: no summary");
        assert!(op["description"].as_str().is_some_and(|s| !s.is_empty()), "{at}: no description");
        assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{at}: no tag");
    }
}

#[test]
fn every_error_is_a_problem_with_an_example_of_its_status() {
    for (method, path, op) in operations() {
        for (status, response) in op["responses"].as_object().unwrap() {
            let expected = match status.as_str() {
                "default" => 500,
                s if s.starts_with('4') || s.starts_with('5') => s.parse().unwrap(),
                _ => continue,
            };
            let at = format!("{method} {path} {status}");
            let content = response["content"].as_object().unwrap_or_else(|| panic!("{at}: no content"));
            assert_eq!(content.keys().collect::<Vec<_>>(), ["application/problem+json"], "{at}");
            let problem = &content["application/problem+json"];
            assert_eq!(problem["schema"]["$ref"], "#/components/schemas/Problem", "{at}");
            let example = &problem["example"];
            assert_eq!(example["status"], expected, "{at}: the example's status");
            for field in ["type", "title", "detail"] {
                assert!(example[field].as_str().is_some_and(|s| !s.is_empty()), "{at}: the example has no {field}");
            }
        }
    }
}

#[test]
fn every_v1_operation_may_answer_503() {
    for (method, path, op) in operations().into_iter().filter(|(_, path, _)| path.starts_with("/v1/")) {
        assert!(op["responses"].get("503").is_some(), "{method} {path}: no 503");
    }
}

#[test]
fn request_bodies_have_examples() {
    let document: Value = serde_json::from_str(&generated()).unwrap();
    let schemas = &document["components"]["schemas"];
    for name in ["CreateArticleRequest", "ExtractRequest", "Problem", "CreateActorRequest", "UpdateActorRequest", "ActorEntry"] {
        assert!(schemas[name].get("example").is_some(), "{name} has no example");
    }
}

#[test]
fn operations_declare_the_key_they_need_and_the_answers_it_brings() {
    let document: Value = serde_json::from_str(&generated()).unwrap();
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["apiKey"]["name"], "X-API-Key");
    let operation = |path: &str, method: &str| document["paths"][path][method].clone();
    let statuses = |op: &Value| op["responses"].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for (path, method) in [("/v1/articles", "post"), ("/v1/articles/{id}", "delete"), ("/v1/topics", "post"), ("/v1/actors", "post"), ("/v1/actors/{id}", "patch")] {
        let op = operation(path, method);
        assert_eq!(op["security"], serde_json::json!([{"bearer": []}, {"apiKey": []}]), "{method} {path}");
        for status in ["401", "403", "429"] {
            assert!(statuses(&op).contains(&status.to_string()), "{method} {path}: no {status}");
        }
    }
    let read = operation("/v1/meetings", "get");
    assert_eq!(read["security"][0], serde_json::json!({}), "a key is optional on reads");
    assert!(!statuses(&read).contains(&"403".to_string()), "any key may read");
    assert!(operation("/healthz", "get").get("security").is_none(), "probes need no key");
}
