//! Liveness and readiness for load balancers and orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::problem::ApiError;
use super::responses::{ServiceUnavailable};
use super::AppState;

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    /// Always `ok` when answered with 200.
    pub status: String,
}

fn ok() -> Json<Health> {
    Json(Health { status: "ok".into() })
}

/// Liveness
///
/// Answers 200 while the process runs; it does not look at the database.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    operation_id = "get_health",
    responses((status = 200, description = "The process is up", body = Health))
)]
pub async fn get_health() -> Json<Health> {
    ok()
}

/// Readiness
///
/// Answers 200 when the database answers within two seconds, 503 otherwise.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    operation_id = "get_readiness",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        ServiceUnavailable,
    )
)]
pub async fn get_readiness(State(app): State<AppState>) -> Result<Json<Health>, ApiError> {
    let ping = sqlx::query("SELECT 1").execute(&app.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => Ok(ok()),
        Ok(Err(error)) => Err(ApiError::Unavailable(error)),
        Err(_) => Err(ApiError::Unavailable(sqlx::Error::PoolTimedOut)),
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_health)).routes(routes!(get_readiness))
}
