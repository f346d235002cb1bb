//! Facts about this server that the PWA needs before anyone signs in.

use actix_web::{HttpResponse, get};
use cinco_domain::Locale;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServerInfo {
    /// Product name.
    name: &'static str,
    /// Server version (semver).
    version: &'static str,
    /// Locales the PWA and mails are available in.
    locales: Vec<&'static str>,
}

/// Server name, version and supported locales.
#[utoipa::path(tag = "meta", responses((status = 200, description = "Server facts", body = ServerInfo)))]
#[get("/info")]
pub async fn info() -> HttpResponse {
    HttpResponse::Ok().json(ServerInfo {
        name: "Cinco",
        version: env!("CARGO_PKG_VERSION"),
        locales: Locale::ALL.iter().map(|l| l.code()).collect(),
    })
}
