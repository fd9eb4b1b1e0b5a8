//! Webhooks: `POST /v1/webhooks` and the rest, admin only. Deliveries are
//! made by `crate::webhooks`, beside serving.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::events::EventKindName;
use super::extractors::{present, ApiJson, ApiPath, ApiQuery};
use super::filters::known_topic;
use super::listing::{page_schema, Page, PageParams};
use super::problem::ApiError;
use super::responses::{BadRequest, BodyErrors, NotFound};
use super::AppState;
use crate::domain::event::EventKind;
use crate::domain::webhook::Secret;
use crate::domain::CountryCode;
use crate::store::{self, webhooks::{DeliveryRow, WebhookFields, WebhookRow}};

const CURSOR_KIND: &str = "delivery";

page_schema!(DeliveryPage, DeliveryView);

/// A webhook: where events are POSTed and which ones.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "url": "https://hooks.newsroom.example/readout", "description": "One-China changes for the Asia desk",
    "kinds": ["position_change"], "country": null, "topic": "one_china", "enabled": true, "disabled_reason": null,
    "created_at": "2024-09-14T08:00:00Z", "updated_at": "2024-09-14T08:00:00Z"
}))]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub description: Option<String>,
    /// Event kinds delivered; empty for every kind.
    pub kinds: Vec<EventKindName>,
    /// Only events concerning this state.
    pub country: Option<String>,
    /// Only events concerning this topic.
    pub topic: Option<String>,
    /// False once deliveries failed for about a day (see `disabled_reason`), or when an admin disabled it.
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<WebhookRow> for WebhookView {
    fn from(row: WebhookRow) -> Self {
        let kinds = crate::webhooks::filter_of(&row).kinds.into_iter().map(Into::into).collect();
        WebhookView {
            id: row.id,
            url: row.url,
            description: row.description,
            kinds,
            country: row.country,
            topic: row.topic,
            enabled: row.enabled,
            disabled_reason: row.disabled_reason,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A new webhook, with the secret its deliveries are signed with: shown only now.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// `whsec_` and the base64 of the HMAC-SHA256 key, as Standard Webhooks libraries take it. Shown only in this answer.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// A webhook to add.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "url": "https://hooks.newsroom.example/readout", "description": "One-China changes for the Asia desk",
    "kinds": ["position_change"], "topic": "one_china"
}))]
pub struct CreateWebhookRequest {
    /// An http(s) URL on a host the server's operator allows (`--webhook-allow-hosts`).
    pub url: String,
    pub description: Option<String>,
    /// Event kinds to deliver; all when absent or empty.
    pub kinds: Option<Vec<EventKindName>>,
    /// Only events concerning this state (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only events concerning this topic (a slug from GET /v1/topics).
    pub topic: Option<String>,
}

/// What to change in a webhook; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({ "enabled": true }))]
pub struct UpdateWebhookRequest {
    pub url: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub kinds: Option<Vec<EventKindName>>,
    /// A state's code, or null for any.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub country: Option<Option<String>>,
    /// A topic slug, or null for any.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub topic: Option<Option<String>>,
    /// True to enable a disabled hook again: its pending deliveries go out.
    pub enabled: Option<bool>,
}

impl UpdateWebhookRequest {
    fn is_empty(&self) -> bool {
        self.url.is_none()
            && self.description.is_none()
            && self.kinds.is_none()
            && self.country.is_none()
            && self.topic.is_none()
            && self.enabled.is_none()
    }
}

/// Parses the fields a request gives; what it leaves out stays None.
async fn fields(
    app: &AppState,
    url: Option<String>,
    description: Option<Option<String>>,
    kinds: Option<Vec<EventKindName>>,
    country: Option<Option<String>>,
    topic: Option<Option<String>>,
) -> Result<WebhookFields, ApiError> {
    let url = url.map(|u| app.webhook_hosts.check_url(&u).map(|u| u.to_string())).transpose()?;
    let kinds = kinds.map(|names| {
        let mut kinds: Vec<EventKind> = names.into_iter().map(Into::into).collect();
        kinds.sort();
        kinds.dedup();
        kinds.iter().map(|k| k.as_str().to_string()).collect()
    });
    let country = country
        .map(|c| c.map(|c| CountryCode::parse(&c).map(|c| c.as_str().to_string())).transpose())
        .transpose()
        .map_err(|e| ApiError::Unprocessable(format!("`country`: {e}")))?;
    let topic = match topic {
        Some(Some(slug)) => {
            let mut conn = app.pool.acquire().await?;
            let known = known_topic(&mut conn, Some(slug.trim())).await.map_err(|e| ApiError::Unprocessable(format!("`topic`: {e}")))?;
            Some(known)
        }
        other => other.map(|_| None),
    };
    let description = description.map(|d| d.map(|d| d.trim().to_string()).filter(|d| !d.is_empty()));
    Ok(WebhookFields { url, description, kinds, country, topic, enabled: None })
}

/// Add a webhook
///
/// Events stored from now on that pass the filters are POSTed to `url` as
/// JSON (`{"type", "timestamp", "data"}` with `data` the event of
/// GET /v1/events), signed with HMAC-SHA256 in the Standard Webhooks headers
/// `webhook-id`, `webhook-timestamp` and `webhook-signature`. A delivery not
/// answered with a 2xx within 10 s is retried with backoff for about a day;
/// when every attempt fails the hook is disabled. Only hosts the operator
/// allows are called, and private or loopback addresses only when listed.
#[utoipa::path(
    post,
    path = "/webhooks",
    tag = "webhooks",
    operation_id = "create_webhook",
    request_body = CreateWebhookRequest,
    responses(
        (status = 201, description = "Added; `Location` names it. The answer holds the signing secret, shown only now", body = CreatedWebhook,
            headers(("Location" = String, description = "URL of the webhook"))),
        BodyErrors,
    )
)]
pub async fn create_webhook(
    State(app): State<AppState>,
    ApiJson(request): ApiJson<CreateWebhookRequest>,
) -> Result<(StatusCode, HeaderMap, Json<CreatedWebhook>), ApiError> {
    let fields = fields(&app, Some(request.url), Some(request.description), request.kinds, Some(request.country), Some(request.topic)).await?;
    let secret = Secret::generate().reveal();
    let row = store::webhooks::create(&mut *app.pool.acquire().await?, fields, &secret).await?;
    let mut headers = HeaderMap::new();
    let location = format!("/v1/webhooks/{}", row.id);
    headers.insert(header::LOCATION, HeaderValue::from_str(&location).expect("ids are ASCII"));
    Ok((StatusCode::CREATED, headers, Json(CreatedWebhook { webhook: row.into(), secret })))
}

/// List webhooks
///
/// Every webhook, oldest first (their secrets are not shown).
#[utoipa::path(
    get,
    path = "/webhooks",
    tag = "webhooks",
    operation_id = "list_webhooks",
    responses((status = 200, description = "Every webhook", body = Vec<WebhookView>))
)]
pub async fn list_webhooks(State(app): State<AppState>) -> Result<Json<Vec<WebhookView>>, ApiError> {
    let rows = store::webhooks::list(&mut *app.pool.acquire().await?).await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

/// Get a webhook
///
/// One webhook, with whether it is enabled and why not.
#[utoipa::path(
    get,
    path = "/webhooks/{id}",
    tag = "webhooks",
    operation_id = "get_webhook",
    params(("id" = i64, Path, description = "Webhook id", example = 3)),
    responses((status = 200, description = "The webhook", body = WebhookView), BadRequest, NotFound)
)]
pub async fn get_webhook(State(app): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<WebhookView>, ApiError> {
    let row = store::webhooks::get(&mut *app.pool.acquire().await?, id).await?.ok_or_else(|| no_webhook(id))?;
    Ok(Json(row.into()))
}

/// Change a webhook
///
/// Changes its URL, filters or description, or enables it again after it was
/// disabled: deliveries still pending then go out.
#[utoipa::path(
    patch,
    path = "/webhooks/{id}",
    tag = "webhooks",
    operation_id = "update_webhook",
    params(("id" = i64, Path, description = "Webhook id", example = 3)),
    request_body = UpdateWebhookRequest,
    responses((status = 200, description = "The webhook as it now is", body = WebhookView), NotFound, BodyErrors)
)]
pub async fn update_webhook(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateWebhookRequest>,
) -> Result<Json<WebhookView>, ApiError> {
    if request.is_empty() {
        return Err(ApiError::Unprocessable(
            "name at least one field to change: url, description, kinds, country, topic, enabled".into(),
        ));
    }
    let mut fields = fields(&app, request.url, request.description, request.kinds, request.country, request.topic).await?;
    fields.enabled = request.enabled;
    let row = store::webhooks::update(&mut *app.pool.acquire().await?, id, fields).await?.ok_or_else(|| no_webhook(id))?;
    Ok(Json(row.into()))
}

/// Delete a webhook
///
/// Deletes the webhook and its delivery log; nothing more is sent to it.
#[utoipa::path(
    delete,
    path = "/webhooks/{id}",
    tag = "webhooks",
    operation_id = "delete_webhook",
    params(("id" = i64, Path, description = "Webhook id", example = 3)),
    responses((status = 204, description = "Deleted"), BadRequest, NotFound)
)]
pub async fn delete_webhook(State(app): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<StatusCode, ApiError> {
    if !store::webhooks::delete(&mut *app.pool.acquire().await?, id).await? {
        return Err(no_webhook(id));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not yet taken by the receiver; `next_attempt_at` says when it is tried.
    Pending,
    /// Answered with a 2xx.
    Delivered,
    /// Every attempt failed.
    Failed,
}

impl DeliveryStatus {
    fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Self {
        match raw {
            "delivered" => DeliveryStatus::Delivered,
            "failed" => DeliveryStatus::Failed,
            _ => DeliveryStatus::Pending,
        }
    }
}

/// One event sent (or being sent) to a webhook, with every attempt.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 812, "event_id": "1042.3", "kind": "position_change", "status": "delivered",
    "attempts": [
        { "at": "2024-09-14T08:30:01Z", "status": 503, "response": "busy", "error": null, "took_ms": 41 },
        { "at": "2024-09-14T08:30:06Z", "status": 204, "response": "", "error": null, "took_ms": 12 }
    ],
    "next_attempt_at": null, "created_at": "2024-09-14T08:30:01Z", "delivered_at": "2024-09-14T08:30:06Z"
}))]
pub struct DeliveryView {
    pub id: i64,
    /// The event's id, as GET /v1/events gives it.
    pub event_id: String,
    pub kind: String,
    pub status: DeliveryStatus,
    pub attempts: Vec<AttemptView>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// One attempt to deliver: the receiver's status and the start of its answer, or why no answer came.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AttemptView {
    pub at: DateTime<Utc>,
    /// The HTTP status the receiver answered.
    #[serde(default)]
    pub status: Option<u16>,
    /// The first kilobyte of the receiver's answer.
    #[serde(default)]
    pub response: Option<String>,
    /// Why the attempt got no answer: refused address, timeout, connection error.
    #[serde(default)]
    pub error: Option<String>,
    pub took_ms: u64,
}

impl From<DeliveryRow> for DeliveryView {
    fn from(row: DeliveryRow) -> Self {
        let attempts = serde_json::from_value(row.attempts.0).unwrap_or_else(|e| panic!("delivery {} has a malformed attempt log: {e}", row.id));
        DeliveryView {
            id: row.id,
            event_id: row.event_id,
            kind: row.kind,
            status: DeliveryStatus::parse(&row.status),
            attempts,
            next_attempt_at: row.next_attempt_at,
            created_at: row.created_at,
            delivered_at: row.delivered_at,
        }
    }
}

/// Filters of a webhook's delivery log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveriesQuery {
    /// Only deliveries in this state.
    pub status: Option<DeliveryStatus>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List a webhook's deliveries
///
/// The delivery log, newest first: each event sent to the hook, whether the
/// receiver took it, and every attempt with the receiver's status or the error.
#[utoipa::path(
    get,
    path = "/webhooks/{id}/deliveries",
    tag = "webhooks",
    operation_id = "list_webhook_deliveries",
    params(("id" = i64, Path, description = "Webhook id", example = 3), DeliveriesQuery),
    responses((status = 200, description = "One page of deliveries, newest first", body = DeliveryPage), BadRequest, NotFound)
)]
pub async fn list_webhook_deliveries(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DeliveriesQuery>,
) -> Result<Json<Page<DeliveryView>>, ApiError> {
    let request = PageParams { limit: query.limit, cursor: query.cursor }.parse::<i64>(CURSOR_KIND)?;
    let mut conn = app.pool.acquire().await?;
    store::webhooks::get(&mut conn, id).await?.ok_or_else(|| no_webhook(id))?;
    let status = query.status.map(DeliveryStatus::as_str);
    let rows = store::webhooks::deliveries(&mut conn, id, status, request.after, request.fetch_limit()).await?;
    Ok(Json(request.page(CURSOR_KIND, rows, |r| r.id, DeliveryView::from)))
}

fn no_webhook(id: i64) -> ApiError {
    ApiError::NotFound(format!("no webhook has id {id}; GET /v1/webhooks lists them"))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_webhook, list_webhooks))
        .routes(routes!(get_webhook, update_webhook, delete_webhook))
        .routes(routes!(list_webhook_deliveries))
}
