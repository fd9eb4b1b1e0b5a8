//! The HTTP API: axum routers per resource, documented with utoipa.

mod articles;
mod extraction;
pub use extraction::ExtractionView;
mod extractors;
mod health;
mod pagination;
pub mod problem;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use sqlx::PgPool;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::extract::Extractor;
use problem::problem_response;

/// Largest request body accepted: an article is a few KB; 1 MiB leaves room for long reports.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    extractor: Arc<Extractor>,
}

impl AppState {
    pub fn new(pool: PgPool, extractor: Extractor) -> Self {
        AppState { pool, extractor: Arc::new(extractor) }
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Readout API",
        description = "Readout turns diplomatic news into structured, queryable data: who met whom, \
when and where, which officials hold which offices, who said what, and which positions each state took.\n\n\
Errors are RFC 9457 `application/problem+json`. Character offsets (`start`, `end`) count Unicode \
code points into the article text as stored.",
        license(name = "MIT")
    ),
    tags(
        (name = "articles", description = "Ingest articles and read what was extracted from them"),
        (name = "extraction", description = "Run the extraction pipeline without storing anything"),
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
struct ApiDoc;

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/v1", articles::router().merge(extraction::router()))
        .merge(health::router())
}

/// The OpenAPI document, as committed in `openapi/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_router().into_openapi()
}

/// The whole application: API, `/openapi.json`, docs at `/docs`.
pub fn router(state: AppState) -> Router {
    let (api, document) = api_router().split_for_parts();
    api.merge(SwaggerUi::new("/docs").url("/openapi.json", document))
        .fallback(route_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn route_not_found(uri: Uri) -> Response {
    problem_response(StatusCode::NOT_FOUND, format!("no resource at `{}`; see /docs", uri.path()))
}

async fn method_not_allowed(uri: Uri) -> Response {
    problem_response(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("`{}` does not take this method; see /docs", uri.path()),
    )
}

/// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let interrupt = async {
        tokio::signal::ctrl_c().await.expect("install the Ctrl-C handler");
    };
    #[cfg(unix)]
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("install the SIGTERM handler")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
