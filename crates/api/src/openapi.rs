//! The OpenAPI document, assembled from the annotated handlers in [`crate::routes`].

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::error::{ErrorCodeSchema, FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cinco API",
        description = "Five-minute training that empowers contact-center agents. \
                       Every error is `application/problem+json` with a stable `code`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(
        Problem,
        FieldError,
        ErrorCodeSchema,
        // Named only by query parameters, which do not register what they name.
        crate::states::LessonStatusView,
        crate::routes::tracks::assessments::QueueStatus
    )),
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
        (name = "results", description = "Customer KPIs beside learning: metrics, imports, the team's and one's own results, and what training changed"),
        (name = "tracks", description = "Train-the-trainer tracks, enrolments, teach-backs and assessments"),
        (name = "certifications", description = "Certifications, their public check and the coaching cascade"),
        (name = "decisions", description = "Decisions on real contacts: logged against the authority limits, approved, recognised, and the empowerment report"),
        (name = "good-practices", description = "Good practices: decision stories shared in every language, a weekly card in Today, and story → scenario drafts"),
        (name = "suggestions", description = "Procedures that listen: rules agents flag and the answers they get"),
        (name = "pulse", description = "The monthly anonymous empowerment pulse and its trend per team")
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
    common_responses(unique_operation_ids(api))
}

/// The answers any operation of a kind can give, whatever its handler: a protected one
/// answers 401 without a valid session and 403 to a role it does not serve; one with a body
/// answers 400 to broken JSON, 413 over the size limit, 415 to another content type and 422
/// to a body of the wrong shape; one with query parameters answers 400 to a value it does
/// not take. Each is added where the handler did not document it more precisely. A 404 is
/// always `not_found`, and says so.
fn common_responses(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    };
    for item in api.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            if let Some(RefOr::T(not_found)) = op.responses.responses.get_mut("404")
                && !not_found.description.contains('`')
            {
                not_found.description = format!("`not_found`: {}", not_found.description);
            }
            let mut add = |status: &str, description: &str| {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(description));
            };
            let protected = op.security.as_ref().is_some_and(|s| !s.is_empty());
            let has_body = op.request_body.as_ref().is_some_and(|b| match b {
                RefOr::T(b) => b.content.contains_key("application/json"),
                RefOr::Ref(_) => true,
            });
            let has_query = op.parameters.as_ref().is_some_and(|ps| {
                ps.iter().any(
                    |p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query)),
                )
            });
            if protected {
                add(
                    "401",
                    "`unauthorized`, `token_expired` or `session_revoked`: sign in or refresh",
                );
                add("403", "`forbidden`: the caller's role may not do this");
            }
            if has_body {
                add("400", "`malformed_json`: the body is not JSON");
                add(
                    "413",
                    "`payload_too_large`: the body is over the size limit",
                );
                add(
                    "415",
                    "`unsupported_media_type`: the body is not `application/json`",
                );
                add(
                    "422",
                    "`validation_failed`: the body is not of the expected shape",
                );
            } else if has_query {
                add(
                    "400",
                    "`invalid_query`: a query parameter is not one it takes",
                );
            }
        }
    }
    api
}

/// Operation ids come from handler names, which repeat across modules (`list`, `get_one`):
/// a repeated one is replaced by its method and path (`get_tracks_track_id`), so generated
/// clients and types name each operation once.
fn unique_operation_ids(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use std::collections::HashMap;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in api.paths.paths.values() {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
            .into_iter()
            .flatten()
        {
            if let Some(id) = &op.operation_id {
                *seen.entry(id.clone()).or_default() += 1;
            }
        }
    }
    for (path, item) in &mut api.paths.paths {
        let slug: String = path
            .trim_start_matches("/api/v1")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
            .split('_')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        for (method, op) in [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ] {
            if let Some(op) = op
                && op
                    .operation_id
                    .as_ref()
                    .is_some_and(|id| seen.get(id).copied().unwrap_or(0) > 1)
            {
                op.operation_id = Some(format!("{method}_{slug}"));
            }
        }
    }
    api
}

/// The document as pretty JSON with a trailing newline, as committed in `openapi/`.
pub fn to_pretty_json() -> Result<String, serde_json::Error> {
    document().to_pretty_json().map(|mut s| {
        s.push('\n');
        s
    })
}
