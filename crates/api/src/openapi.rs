//! The OpenAPI document, assembled from the annotated handlers in [`crate::routes`].

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cinco API",
        description = "Five-minute training that empowers contact-center agents. \
                       Every error is `application/problem+json` with a stable `code`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(Problem, FieldError)),
    tags(
        (name = "health", description = "Probes for load balancers"),
        (name = "meta", description = "Facts about the server")
    )
)]
struct ApiDoc;

/// The full document: the static parts above plus every registered route.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    api
}

/// The document as pretty JSON with a trailing newline, as committed in `openapi/`.
pub fn to_pretty_json() -> Result<String, serde_json::Error> {
    document().to_pretty_json().map(|mut s| {
        s.push('\n');
        s
    })
}
