//! The benchmark baseline: a bare handler doing one indexed query (an organisation by its
//! primary key), served only when `benchmark_baseline` is set, so a benchmark can compare an
//! endpoint with the least a handler in this same binary can do. Not part of the API.

use actix_web::{HttpResponse, web};
use cinco_domain::OrganisationId;
use cinco_persistence::organisation;

use crate::error::ApiError;
use crate::state::AppState;

pub async fn baseline(
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let org = organisation::get(&state.db, OrganisationId::from_uuid(path.into_inner())).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "name": org.name.as_str() })))
}
