//! The OpenAPI document served at `/openapi.json`: the paths come from the handlers' `#[utoipa::path]`
//! annotations, and the component schemas from the very types the routes read and write (`Input`,
//! `Extraction`, the error and info bodies), through their schemars JSON Schemas, so the document cannot drift
//! from what the server does. A test checks that every route of `routes()` is in it and nothing else.

use axum::Json;
use gleaner_core::Extraction;
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::error::ErrorResponse;
use crate::routes::{Health, Info, Input, ItemError};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gleaner",
        description = "Structured facts from English news text: named entities, places, dates, quantities and \
                       events (CAMEO / PLOVER), in schema gleaner/1. Every refusal is {\"error\":{\"code\",\"message\"}} \
                       with a stable code.",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        crate::routes::extract,
        crate::routes::extract_batch,
        crate::routes::health,
        crate::routes::info,
        serve,
        crate::page::index,
        crate::page::world
    )
)]
struct ApiDoc;

/// The OpenAPI document.
pub fn spec() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_else(|_| json!({}));
    let mut generator =
        SchemaSettings::draft2020_12().with(|s| s.definitions_path = "/components/schemas".into()).into_generator();
    generator.subschema_for::<Input>();
    generator.subschema_for::<Extraction>();
    generator.subschema_for::<ErrorResponse>();
    generator.subschema_for::<ItemError>();
    generator.subschema_for::<Health>();
    generator.subschema_for::<Info>();
    let mut schemas = generator.take_definitions(true);
    schemas.insert(
        "DocumentBatch".into(),
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Input"},
               "description": "Documents to extract, at most --max-batch of them"}),
    );
    schemas.insert(
        "BatchResults".into(),
        json!({"type": "array", "description": "One result per item of the batch, in order",
               "items": {"oneOf": [{"$ref": "#/components/schemas/Extraction"},
                                   {"$ref": "#/components/schemas/ItemError"}]}}),
    );
    doc["components"]["schemas"] = Value::Object(schemas);
    doc
}

/// `GET /openapi.json`.
#[utoipa::path(get, path = "/openapi.json", tag = "service",
    responses((status = 200, description = "This document (OpenAPI 3.1)", content_type = "application/json")))]
pub async fn serve() -> Json<Value> {
    static SPEC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    Json(SPEC.get_or_init(spec).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_in_the_spec_and_nothing_else() {
        let spec = spec();
        assert!(spec["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", spec["openapi"]);
        let mut documented = Vec::new();
        for (path, item) in spec["paths"].as_object().into_iter().flatten() {
            for method in item.as_object().into_iter().flatten().map(|(m, _)| m.to_uppercase()) {
                documented.push(format!("{method} {path}"));
            }
        }
        let mut routed: Vec<String> = crate::routes().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
        documented.sort();
        routed.sort();
        assert_eq!(routed, documented);
    }

    #[test]
    fn every_reference_resolves() {
        let spec = spec();
        let text = spec.to_string();
        let mut rest = text.as_str();
        let mut count = 0;
        while let Some(at) = rest.find("\"$ref\":\"#/components/schemas/") {
            rest = &rest[at + 29..];
            let name = &rest[..rest.find('"').unwrap_or(0)];
            assert!(spec["components"]["schemas"].get(name).is_some(), "{name} is referenced but not defined");
            count += 1;
        }
        assert!(count > 10, "only {count} references");
        assert!(spec["components"]["schemas"]["Code"]["oneOf"].as_array().is_some_and(|codes| codes.len() >= 16));
    }
}
