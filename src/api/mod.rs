//! The HTTP API: axum routers per resource, documented with utoipa.

mod actors;
mod articles;
pub mod auth;
mod batch;
pub use batch::{MAX_BYTES as BATCH_MAX_BYTES, MAX_ITEMS as BATCH_MAX_ITEMS};
mod conventions;
mod countries;
mod dashboard;
mod document;
pub mod events;
mod webhooks;
mod extraction;
pub use extraction::ExtractionView;
mod extractors;
mod filters;
mod health;
mod idempotency;
mod jobs;
pub mod limits;
mod listing;
mod meetings;
pub mod metrics;
mod officials;
mod positions;
mod responses;
mod statements;
mod stats;
mod topics;
pub mod problem;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::{middleware, Router};
use sqlx::PgPool;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::extract::Extractor;
use crate::reprocess;
use problem::problem_response;

/// Largest request body accepted: an article is a few KB; 1 MiB leaves room for long reports.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    /// Swapped whole when topics or actors change; requests keep the one they started with.
    extractor: Arc<RwLock<Arc<Extractor>>>,
    /// Held while the extractor is rebuilt: rebuilds run one at a time, so one
    /// that read the tables before a change never replaces one that read them after.
    rebuilding: Arc<tokio::sync::Mutex<()>>,
    cors_origins: Arc<Vec<String>>,
    /// Reprocessing jobs accepted by this process.
    jobs: reprocess::Runner,
    auth: Arc<auth::Auth>,
    limits: Arc<limits::Limits>,
    /// This instance's fan-out of the event log to `GET /v1/events` streams.
    events: crate::events::Hub,
    /// Hosts webhooks may be registered for (`--webhook-allow-hosts`); none by default.
    webhook_hosts: Arc<crate::domain::webhook::AllowList>,
}

impl AppState {
    pub fn new(pool: PgPool, extractor: Extractor) -> Self {
        let extractor = Arc::new(RwLock::new(Arc::new(extractor)));
        let current = extractor.clone();
        let jobs = reprocess::Runner::new(pool.clone(), move || current_extractor(&current));
        let events = crate::events::Hub::new(pool.clone());
        AppState { pool, extractor, rebuilding: Arc::default(), cors_origins: Arc::default(), jobs, auth: Arc::default(), limits: Arc::default(), events, webhook_hosts: Arc::default() }
    }

    /// Reads (GETs and dry-run extraction) need a key with the `read` scope
    /// too; by default they are public. Either way, a server with no active
    /// key at all lets everything through.
    pub fn with_auth_for_reads(mut self, required: bool) -> Self {
        self.auth = Arc::new(auth::Auth::new(required));
        self
    }

    /// Requests per second per client IP and per API key (bursts of
    /// `limits::BURST_SECONDS` times that; 0 for no limit), and the time a
    /// request may take. No rate limits by default.
    pub fn with_limits(mut self, per_ip: u32, per_key: u32, timeout: Duration) -> Self {
        self.limits = Arc::new(limits::Limits::new(per_ip, per_key, timeout));
        self
    }

    /// Origins browsers may call the API from (`*` for any); none by default.
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> Self {
        self.cors_origins = Arc::new(origins);
        self
    }

    /// Hosts webhooks may be registered for; deliveries check them again (`crate::webhooks`).
    pub fn with_webhook_hosts(mut self, allow: crate::domain::webhook::AllowList) -> Self {
        self.webhook_hosts = Arc::new(allow);
        self
    }

    /// The current extractor.
    pub fn extractor(&self) -> Arc<Extractor> {
        current_extractor(&self.extractor)
    }

    /// Rebuilds the extractor from the topics and actors tables, so new articles
    /// are read with the topics and the dictionary as they now are. Every topic
    /// or actor write calls it; stored articles read before carry the older
    /// digest, so `POST /v1/reprocess` finds them stale.
    pub async fn reload_extractor(&self) -> Result<(), problem::ApiError> {
        let _one_at_a_time = self.rebuilding.lock().await;
        let extractor = crate::store::extractor(&mut *self.pool.acquire().await?).await?;
        *self.extractor.write().expect("the extractor lock is never poisoned") = Arc::new(extractor);
        Ok(())
    }

    /// Rebuilds the extractor whenever the topics or actors change, through
    /// any instance or by hand (the tables' triggers notify at commit), so
    /// every instance reads new articles alike. Runs until aborted.
    pub fn follow_extractor_inputs(&self) -> tokio::task::JoinHandle<()> {
        let changed = Arc::new(tokio::sync::Notify::new());
        let wake = changed.clone();
        let follow = crate::store::notify::follow(self.pool.clone(), crate::store::notify::EXTRACTOR_INPUTS, RETRY_LISTEN, move || {
            wake.notify_one()
        });
        let app = self.clone();
        tokio::spawn(async move {
            let rebuild = async {
                loop {
                    // A burst of changes leaves one permit: one rebuild reads them all.
                    changed.notified().await;
                    if let Err(error) = app.reload_extractor().await {
                        tracing::warn!(%error, "cannot rebuild the extractor after a change of topics or actors; trying again");
                        tokio::time::sleep(RETRY_LISTEN).await;
                        changed.notify_one();
                    }
                }
            };
            tokio::join!(follow, rebuild);
        })
    }
}

/// How long to wait before listening again, or rebuilding again, after a failure.
const RETRY_LISTEN: Duration = Duration::from_secs(1);

fn current_extractor(lock: &RwLock<Arc<Extractor>>) -> Arc<Extractor> {
    lock.read().expect("the extractor lock is never poisoned").clone()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Readout API",
        description = "Readout turns diplomatic news into structured, queryable data: who met whom, \
when and where, which officials hold which offices, who said what, and which positions each state took.\n\n\
Writes need an API key (`Authorization: Bearer <key>` or `X-API-Key`) with the `write` scope; \
deletes, topic and actor changes and reprocessing need `admin`; reads are public unless the server requires keys \
for them. A server with no keys at all is open. Requests are rate limited per client IP and per key \
(429 with `Retry-After`).\n\n\
Errors are RFC 9457 `application/problem+json`. Character offsets (`start`, `end`) count Unicode \
code points into the article text as stored.",
        license(name = "MIT")
    ),
    tags(
        (name = "articles", description = "Ingest articles and read what was extracted from them"),
        (name = "extraction", description = "Run the extraction pipeline without storing anything"),
        (name = "officials", description = "People across articles: titles timeline, counterparts, statements, meetings"),
        (name = "meetings", description = "Meetings across articles, each with every source's readout"),
        (name = "statements", description = "Who said what, with full-text search"),
        (name = "positions", description = "Stances on topics, with their evidence, and the feed of changes"),
        (name = "countries", description = "States, and where each stands on each topic"),
        (name = "topics", description = "The taxonomy positions are classified by"),
        (name = "actors", description = "The actor dictionary: who held which office of which state or organisation, and when. \
The extractor consults it where an article leaves a person's state unclear; seeded from the data files, corrected by admins"),
        (name = "jobs", description = "Background work: reading stored articles again with the current extractor"),
        (name = "stats", description = "Counts for heatmaps and timelines"),
        (name = "events", description = "What is stored, live: Server-Sent Events, resumable with `Last-Event-ID`"),
        (name = "webhooks", description = "Events POSTed to your URL as they are stored, signed the Standard Webhooks way, with a delivery log (admin only)"),
        (name = "health", description = "Liveness and readiness probes"),
    ),
    // Routed by hand (see `jobs::router`): axum cannot route a literal after a path parameter.
    paths(jobs::reprocess_article),
    // Error responses refer to it by name (`responses.rs`) rather than through a handler's body type.
    components(schemas(problem::Problem))
)]
struct ApiDoc;

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(
            "/v1",
            articles::router()
                .merge(batch::router())
                .merge(extraction::router())
                .merge(officials::router())
                .merge(meetings::router())
                .merge(statements::router())
                .merge(positions::router())
                .merge(countries::router())
                .merge(topics::router())
                .merge(actors::router())
                .merge(jobs::router())
                .merge(stats::router())
                .merge(events::router())
                .merge(webhooks::router()),
        )
        .merge(health::router())
}

/// The OpenAPI document, as committed in `openapi/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    document::finish(api_router().into_openapi())
}

/// The whole application: API, `/openapi.json`, docs at `/docs`.
pub fn router(state: AppState) -> Router {
    let (api, document) = api_router().split_for_parts();
    let document = document::finish(document);
    let cors = cors_layer(&state.cors_origins);
    api.merge(SwaggerUi::new("/docs").url("/openapi.json", document))
        .merge(dashboard::router())
        .merge(metrics::router())
        .fallback(route_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(conventions::validators))
        .layer(middleware::from_fn_with_state(state.clone(), idempotency::replay))
        // Outside the idempotency replay, so a stored answer is only ever
        // replayed to a caller allowed to make the request.
        .layer(middleware::from_fn_with_state(state.clone(), auth::authorize))
        .layer(middleware::from_fn_with_state(state.clone(), limits::per_ip))
        .layer(middleware::from_fn_with_state(state.clone(), limits::deadline))
        .layer(CompressionLayer::new())
        .layer(cors)
        // A bug that panics in a handler (the extractor on a text it cannot
        // read) answers a problem, not a dropped connection; the request id
        // and trace layers outside it log and label that answer.
        .layer(CatchPanicLayer::custom(problem::panic_response))
        // Every log line of a request carries its id, and so does the answer
        // (`x-request-id`): a client's report can be found in the logs.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Outside every other layer but the key redaction, so replays, 304s
        // and refusals count too; a router's layers run after routing, where
        // the matched route is known.
        .layer(middleware::from_fn(metrics::track))
        // Outermost: every layer inside sees the key headers marked sensitive,
        // so a `Debug` of the headers prints `Sensitive` in place of a key.
        .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, HeaderName::from_static(auth::API_KEY_HEADER)]))
        .with_state(state)
}

/// The span every log line of a request is written in. It names the method,
/// the URI and the API key's id (never a header: keys stay out of the logs).
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", id, method = %request.method(), uri = %request.uri(), key = tracing::field::Empty)
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::IF_NONE_MATCH,
            header::AUTHORIZATION,
            HeaderName::from_static(auth::API_KEY_HEADER),
            HeaderName::from_static(idempotency::HEADER),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::WWW_AUTHENTICATE,
            HeaderName::from_static("x-next-cursor"),
        ]);
    if origins.iter().any(|o| o == "*") {
        layer.allow_origin(AllowOrigin::any())
    } else {
        layer.allow_origin(AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok())))
    }
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
    // The peer address feeds the per-IP rate limit.
    let events = state.events.clone();
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    // Event streams never end by themselves: closing them lets the shutdown finish.
    let shutdown = async move {
        shutdown_signal().await;
        events.close();
    };
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
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
