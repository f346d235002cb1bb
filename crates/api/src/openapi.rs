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
    modifiers(&BearerAuth),
    tags(
        (name = "health", description = "Probes for load balancers"),
        (name = "meta", description = "Facts about the server"),
        (name = "auth", description = "Signing in and out, sessions, passwords"),
        (name = "me", description = "The signed-in person"),
        (name = "organisation", description = "The organisation (tenant)"),
        (name = "invitations", description = "Inviting people"),
        (name = "users", description = "People of the organisation"),
        (name = "teams", description = "Teams of agents and their leads"),
        (name = "mailbox", description = "The development mailbox"),
        (name = "lessons", description = "Authoring five-minute lessons"),
        (name = "learn", description = "Taking lessons"),
        (name = "competencies", description = "The competency framework and the customer-experience statement"),
        (name = "authority", description = "Authority limits: what agents may grant without approval"),
        (name = "scenarios", description = "Authoring role-play scenarios"),
        (name = "play", description = "Playing role-play scenarios"),
        (name = "today", description = "Today's five-minute session, spaced reviews, proficiency and offline sync"),
        (name = "coaching", description = "Coaching paths, coaching sessions and the lead's dashboard"),
        (name = "tracks", description = "Train-the-trainer tracks, enrolments, teach-backs and assessments"),
        (name = "certifications", description = "Certifications, their public check and the coaching cascade")
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme. An operation's scopes under it are the roles allowed to
/// call it.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from sign-in or refresh; scopes list the roles allowed",
                    ))
                    .build(),
            ),
        );
    }
}

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
