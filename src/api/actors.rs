//! `/v1/actors`: the actor dictionary the extractor consults where an article leaves a
//! person's state unclear.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::extractors::{ApiJson, ApiPath, ApiQuery};
use super::filters::DateParam;
use super::listing::{page_schema, Format, Listed, PageParams};
use super::problem::ApiError;
use super::responses::{BadRequest, BodyErrors, NotFound};
use super::AppState;
use crate::domain::{folded_key, CountryCode, Holder, Office, OfficeHolder, Term};
use crate::store::{self, actors::ActorFilter, actors::ActorKey, actors::ActorRow};

page_schema!(ActorPage, ActorEntry);

const CURSOR_KIND: &str = "actor";

/// An entry of the actor dictionary: a person holding an office of a state or an
/// organisation over a term.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 42, "actor": "US", "office": "head_of_state", "title": "President", "name": "Barack Obama",
    "variants": ["Barack H. Obama", "Barack Hussein Obama"], "from": "2009-01-20", "to": "2017-01-20",
    "is_default": true, "edited": false,
    "created_at": "2026-12-02T04:34:01Z", "updated_at": "2026-12-02T04:34:01Z"
}))]
pub struct ActorEntry {
    /// The entry's id.
    #[schema(example = 42)]
    pub id: i64,
    /// The state's ISO 3166-1 alpha-2 code, or the organisation's code (`UN`, `EU`,
    /// `African Union`, `World Bank`).
    #[schema(example = "US")]
    pub actor: String,
    /// The office, a lowercase slug: `head_of_state`, `head_of_government`,
    /// `foreign_minister`, `secretary_general`, ...
    #[schema(example = "head_of_state")]
    pub office: String,
    /// The title as the press writes it.
    #[schema(example = "President")]
    pub title: String,
    /// The usual full name.
    #[schema(example = "Barack Obama")]
    pub name: String,
    /// Other spellings of the same person: transliterations, forms without diacritics,
    /// family-name-first order, well-known short forms.
    #[schema(example = json!(["Barack H. Obama"]))]
    pub variants: Vec<String>,
    /// The first day in office.
    #[schema(value_type = String, format = Date, example = "2009-01-20")]
    pub from: NaiveDate,
    /// The last day in office; null while the office is still held.
    #[schema(value_type = Option<String>, format = Date, example = "2017-01-20")]
    pub to: Option<NaiveDate>,
    /// Shipped with Readout (`data/actors/`) rather than added by an admin.
    pub is_default: bool,
    /// A default entry an admin changed: the data files of later releases no longer update it.
    pub edited: bool,
    /// When the entry was added.
    pub created_at: DateTime<Utc>,
    /// When the entry last changed, by an admin or by a release's data files.
    pub updated_at: DateTime<Utc>,
}

impl From<ActorRow> for ActorEntry {
    fn from(r: ActorRow) -> Self {
        ActorEntry {
            id: r.id,
            actor: r.actor,
            office: r.office,
            title: r.title,
            name: r.name,
            variants: r.variants,
            from: r.term_from,
            to: r.term_to,
            is_default: r.is_default,
            edited: r.edited,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Filters of `GET /v1/actors`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActorQuery {
    /// The state (ISO code, in either case) or the organisation (`UN`, `World Bank`) whose
    /// office holders to list.
    #[param(example = "US")]
    pub country: Option<String>,
    /// An office slug.
    #[param(example = "head_of_state")]
    pub office: Option<String>,
    /// Only entries whose term contains this day (ISO date).
    #[param(value_type = Option<String>, format = Date, example = "2015-06-01")]
    pub on: Option<DateParam>,
    /// Part of the name or of a variant, in any case, with or without diacritics.
    #[param(example = "obama")]
    pub q: Option<String>,
    /// How many items to answer, 1 to 500.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl ActorQuery {
    fn filter(&self) -> Result<ActorFilter, ApiError> {
        let non_blank = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let holder = non_blank(&self.country)
            .map(|raw| {
                // A state's code in either case, as the other lists take it.
                Holder::parse(&raw)
                    .or_else(|e| CountryCode::parse(&raw).map(Holder::State).map_err(|_| e))
                    .map_err(|e| ApiError::BadRequest(format!("`country`: {}", e.0)))
            })
            .transpose()?;
        let office = non_blank(&self.office)
            .map(|raw| Office::parse(&raw).map_err(|e| ApiError::BadRequest(format!("`office`: {}", e.0))))
            .transpose()?;
        let search = non_blank(&self.q)
            .map(|raw| {
                let key = folded_key(&raw);
                if key.is_empty() {
                    Err(ApiError::BadRequest(format!("`q` `{raw}` holds no letter or digit to search for")))
                } else {
                    Ok(key)
                }
            })
            .transpose()?;
        Ok(ActorFilter { holder, office, on: self.on.map(|d| d.0), search })
    }
}

/// List actor entries
///
/// The actor dictionary, by actor, office and first day in office: who held which
/// office of which state or organisation, and when.
#[utoipa::path(
    get,
    path = "/actors",
    tag = "actors",
    operation_id = "list_actors",
    params(ActorQuery),
    responses(
        (status = 200, description = "One page of entries, by actor, office and first day", content(
            (ActorPage = "application/json"),
            (String = "text/csv"))),
        BadRequest,
    )
)]
pub async fn list_actors(
    State(app): State<AppState>,
    ApiQuery(query): ApiQuery<ActorQuery>,
    format: Format,
) -> Result<Listed<ActorEntry>, ApiError> {
    let request = PageParams { limit: query.limit, cursor: query.cursor.clone() }.parse::<ActorKey>(CURSOR_KIND)?;
    let filter = query.filter()?;
    let mut conn = app.pool.acquire().await?;
    let rows = store::actors::page(&mut conn, &filter, request.after.as_ref(), request.fetch_limit()).await?;
    let key = |r: &ActorRow| (r.actor.clone(), r.office.clone(), r.term_from, r.id);
    Ok(Listed { page: request.page(CURSOR_KIND, rows, key, ActorEntry::from), format })
}

/// Get an actor entry
///
/// One entry of the actor dictionary.
#[utoipa::path(
    get,
    path = "/actors/{id}",
    tag = "actors",
    operation_id = "get_actor",
    params(("id" = i64, Path, description = "Entry id", example = 42)),
    responses(
        (status = 200, description = "The entry", body = ActorEntry),
        BadRequest, NotFound,
    )
)]
pub async fn get_actor(State(app): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<ActorEntry>, ApiError> {
    let row = store::actors::get(&mut *app.pool.acquire().await?, id).await?.ok_or_else(|| no_entry(id))?;
    Ok(Json(row.into()))
}

/// An entry to add to the actor dictionary.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "actor": "US", "office": "head_of_state", "title": "President", "name": "Barack Obama",
    "variants": ["Barack H. Obama", "Barack Hussein Obama"], "from": "2009-01-20", "to": "2017-01-20"
}))]
pub struct CreateActorRequest {
    /// The state's ISO 3166-1 alpha-2 code in capitals (`US`), or an organisation's code:
    /// 2 to 20 letters, digits, spaces or `-`, starting with a capital (`UN`, `World Bank`;
    /// `AU` is Australia, the African Union is `African Union`).
    pub actor: String,
    /// The office: 2 to 64 lowercase letters, digits or `_` (`head_of_state`, `foreign_minister`).
    pub office: String,
    /// The title as the press writes it, 1 to 200 characters.
    pub title: String,
    /// The usual full name, 1 to 200 characters.
    pub name: String,
    /// Other spellings of the same person, up to 50; none when left out.
    #[serde(default)]
    pub variants: Vec<String>,
    /// The first day in office: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that is
    /// known (counted from the period's first day).
    pub from: String,
    /// The last day in office, in the same forms (counted to the period's last day); left
    /// out or null while the office is still held.
    pub to: Option<String>,
}

/// Fields of an entry to change; those left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"to": "2017-01-20", "variants": ["Barack H. Obama"]}))]
pub struct UpdateActorRequest {
    /// The state's ISO code or the organisation's code, as for a new entry.
    pub actor: Option<String>,
    /// The office slug.
    pub office: Option<String>,
    /// The title as the press writes it.
    pub title: Option<String>,
    /// The usual full name.
    pub name: Option<String>,
    /// Other spellings, replacing the ones the entry has (`[]` for none).
    pub variants: Option<Vec<String>>,
    /// The first day in office: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub from: Option<String>,
    /// The last day in office; null when the office is still held.
    #[serde(default, deserialize_with = "super::extractors::present")]
    #[schema(value_type = Option<String>)]
    pub to: Option<Option<String>>,
}


impl UpdateActorRequest {
    fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.office.is_none()
            && self.title.is_none()
            && self.name.is_none()
            && self.variants.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// Add an actor entry
///
/// Adds a person's term in an office to the dictionary. New articles are read with it
/// at once; articles stored before are read with it when they are reprocessed
/// (`POST /v1/reprocess` finds them stale).
#[utoipa::path(
    post,
    path = "/actors",
    tag = "actors",
    operation_id = "create_actor",
    request_body = CreateActorRequest,
    responses(
        (status = 201, description = "Added; `Location` names it", body = ActorEntry,
            headers(("Location" = String, description = "URL of the entry"))),
        BodyErrors,
    )
)]
pub async fn create_actor(
    State(app): State<AppState>,
    ApiJson(request): ApiJson<CreateActorRequest>,
) -> Result<(StatusCode, HeaderMap, Json<ActorEntry>), ApiError> {
    let entry = OfficeHolder::new(
        Holder::parse(&request.actor)?,
        Office::parse(request.office.trim())?,
        &request.title,
        &request.name,
        &request.variants,
        Term::parse(&request.from, request.to.as_deref().unwrap_or(""))?,
    )?;
    let row = store::actors::insert(&mut *app.pool.acquire().await?, &entry).await?;
    app.reload_extractor().await?;
    let mut headers = HeaderMap::new();
    let location = format!("/v1/actors/{}", row.id);
    headers.insert(header::LOCATION, HeaderValue::from_str(&location).expect("ids are ASCII"));
    Ok((StatusCode::CREATED, headers, Json(row.into())))
}

/// Change an actor entry
///
/// Changes any of an entry's fields. A default entry changed here is kept as the admin
/// left it when later releases update the data files. New articles are read with the
/// change at once; stored ones when they are reprocessed.
#[utoipa::path(
    patch,
    path = "/actors/{id}",
    tag = "actors",
    operation_id = "update_actor",
    params(("id" = i64, Path, description = "Entry id", example = 42)),
    request_body = UpdateActorRequest,
    responses(
        (status = 200, description = "The entry as it now is", body = ActorEntry),
        NotFound, BodyErrors,
    )
)]
pub async fn update_actor(
    State(app): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateActorRequest>,
) -> Result<Json<ActorEntry>, ApiError> {
    if request.is_empty() {
        return Err(ApiError::Unprocessable(
            "name at least one field to change: actor, office, title, name, variants, from, to".into(),
        ));
    }
    let mut tx = store::begin(&app.pool).await?;
    let row = store::actors::get_for_update(&mut tx, id).await?.ok_or_else(|| no_entry(id))?;
    let from = request.from.clone().unwrap_or_else(|| row.term_from.to_string());
    let to = match &request.to {
        Some(to) => to.clone().unwrap_or_default(),
        None => row.term_to.map(|d| d.to_string()).unwrap_or_default(),
    };
    let entry = OfficeHolder::new(
        Holder::parse(request.actor.as_deref().unwrap_or(&row.actor))?,
        Office::parse(request.office.as_deref().unwrap_or(&row.office).trim())?,
        request.title.as_deref().unwrap_or(&row.title),
        request.name.as_deref().unwrap_or(&row.name),
        request.variants.as_deref().unwrap_or(&row.variants),
        Term::parse(&from, &to)?,
    )?;
    let row = store::actors::update(&mut tx, id, &entry).await?.ok_or_else(|| no_entry(id))?;
    tx.commit().await?;
    app.reload_extractor().await?;
    Ok(Json(row.into()))
}

/// Delete an actor entry
///
/// Removes an entry from the dictionary. A default entry stays deleted when later
/// releases update the data files. Stored articles keep what they were read with until
/// they are reprocessed.
#[utoipa::path(
    delete,
    path = "/actors/{id}",
    tag = "actors",
    operation_id = "delete_actor",
    params(("id" = i64, Path, description = "Entry id", example = 42)),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, NotFound,
    )
)]
pub async fn delete_actor(State(app): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<StatusCode, ApiError> {
    let mut tx = store::begin(&app.pool).await?;
    if !store::actors::delete(&mut tx, id).await? {
        return Err(no_entry(id));
    }
    tx.commit().await?;
    app.reload_extractor().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn no_entry(id: i64) -> ApiError {
    ApiError::NotFound(format!("no actor entry has id {id}; GET /v1/actors lists them"))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_actors, create_actor))
        .routes(routes!(get_actor, update_actor, delete_actor))
}
