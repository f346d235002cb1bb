//! The route table. Every handler is annotated with `#[utoipa::path]` and registered here
//! through `utoipa_actix_web`, so the OpenAPI document and the live routes cannot drift.

use utoipa_actix_web::service_config::ServiceConfig;

mod client_reports;
mod health;
mod meta;

/// Registers every documented route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::live)
        .service(health::ready)
        .service(
            utoipa_actix_web::scope("/api/v1")
                .service(meta::info)
                .service(client_reports::create),
        );
}
