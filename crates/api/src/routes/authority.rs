//! Authority limits: what an agent may grant a customer without approval. Everyone reads
//! them (agents see their own limit); admins set them.

use std::collections::BTreeMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, patch, put, web};
use cinco_domain::Role;
use cinco_domain::authority::{Decision, Grant};
use cinco_domain::certification::Level;
use cinco_domain::competency::LocalizedText;
use cinco_domain::lesson::Key;
use cinco_domain::user::Roles;
use cinco_persistence::authority;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{ADMIN, ANY};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::routes::competencies::{Texts, parse_texts_in_request};
use crate::state::AppState;
use crate::states::GrantView;
use cinco_app::scenario::file::{amount, cents};

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionView {
    key: String,
    name: Texts,
    description: Texts,
    /// An amount (up to a limit per role) or a permission (a role may, or must ask).
    grant: GrantView,
    /// Role → the most it may grant, in the organisation's currency (empty for a
    /// permission).
    limits: BTreeMap<String, f64>,
    /// A permission: the roles that may make it (empty for an amount).
    allowed: Vec<String>,
    /// Certification → the most its holders may grant (for a permission, 0: its holders may
    /// make it).
    certification_limits: BTreeMap<String, f64>,
    /// The most the caller may grant (`null`: nothing without approval, or a permission).
    your_limit: Option<f64>,
    /// Whether the caller may take the decision without approval (for an amount: up to
    /// `your_limit`).
    you_may: bool,
    /// Certifications whose limit is not above what their holders' role may grant already:
    /// saved, but without effect (a screen warns).
    ineffective_certification_limits: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityLimits {
    /// ISO 4217 code, e.g. `USD`.
    currency: String,
    decisions: Vec<DecisionView>,
}

fn texts(t: &LocalizedText) -> Texts {
    t.iter()
        .map(|(l, s)| (l.code().to_owned(), s.to_owned()))
        .collect()
}

fn decision_view(d: &Decision, roles: &Roles, certifications: &[String]) -> DecisionView {
    let mine = d.limit_for(roles, certifications);
    let permission = d.grant == Grant::Permission;
    DecisionView {
        key: d.key.as_str().to_owned(),
        name: texts(&d.name),
        description: texts(&d.description),
        grant: d.grant.into(),
        limits: if permission {
            BTreeMap::new()
        } else {
            d.role_limits
                .iter()
                .map(|(r, c)| (r.as_str().to_owned(), amount(*c)))
                .collect()
        },
        allowed: if permission {
            d.role_limits
                .iter()
                .map(|(r, _)| r.as_str().to_owned())
                .collect()
        } else {
            Vec::new()
        },
        certification_limits: d
            .certification_limits
            .iter()
            .map(|(c, v)| (c.clone(), amount(*v)))
            .collect(),
        your_limit: mine.filter(|_| !permission).map(amount),
        you_may: mine.is_some(),
        ineffective_certification_limits: d
            .ineffective_certification_limits()
            .into_iter()
            .map(str::to_owned)
            .collect(),
    }
}

async fn current(state: &AppState, auth: &AuthUser) -> Result<AuthorityLimits, ApiError> {
    let keys = certification_keys(state, auth).await?;
    Ok(AuthorityLimits {
        currency: authority::currency(&state.db, auth.org).await?,
        decisions: authority::list(&state.db, auth.org)
            .await?
            .iter()
            .map(|d| decision_view(d, &auth.roles, &keys))
            .collect(),
    })
}

/// The organisation's decision types and limits, with the caller's own limit.
#[utoipa::path(
    tag = "authority",
    security(("bearer" = ["admin", "trainer", "lead", "agent"])),
    responses((status = 200, description = "Authority limits", body = AuthorityLimits))
)]
#[get("/authority-limits", wrap = "from_fn(require::<{ ANY }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(current(&state, &auth).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    #[schema(value_type = crate::contract::Texts)]
    name: Texts,
    #[serde(default)]
    #[schema(value_type = crate::contract::OptionalTexts)]
    description: Texts,
    /// `amount` or `permission`; left out: unchanged (`amount` for a new type).
    #[serde(default)]
    grant: Option<GrantView>,
    /// An amount type: role → the most it may grant. A permission has none.
    #[serde(default)]
    #[schema(value_type = crate::contract::RoleLimits)]
    limits: BTreeMap<String, f64>,
    /// A permission: the roles that may make it. An amount type has none.
    #[serde(default)]
    #[schema(value_type = Vec<crate::states::RoleView>)]
    allowed: Vec<String>,
    /// Left out: unchanged.
    #[serde(default)]
    #[schema(value_type = Option<crate::contract::CertificationLimits>)]
    certification_limits: Option<BTreeMap<String, f64>>,
}

/// The certification keys the caller's limits count.
pub(crate) async fn certification_keys(
    state: &AppState,
    auth: &AuthUser,
) -> Result<Vec<String>, ApiError> {
    Ok(crate::routes::certifications::authority_keys(
        &state.db,
        auth.org,
        auth.user_id,
        state.settings.clock.now(),
    )
    .await?)
}

/// Create or change a decision type (admins).
#[utoipa::path(
    tag = "authority",
    security(("bearer" = ["admin"])),
    params(("decision_key" = crate::contract::Key, Path, description = "Decision type, e.g. `fee-waiver`")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "Changed", body = DecisionView),
        (status = 201, description = "Created", body = DecisionView),
        (status = 422, description = "`validation_failed`: `invalid_key` (the path's), `unknown_role`, `unknown_level`, `invalid_amount`, `not_an_amount` (limits for a permission), `not_a_permission` (`allowed` for an amount type), `unsupported_locale` or `missing_text`", body = Problem, content_type = "application/problem+json")
    )
)]
#[put(
    "/authority-limits/{decision_key}",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn upsert(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Json<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let key = Key::parse(&path).ok_or_else(|| {
        ApiError::field("key", "invalid_key", "lowercase letters, digits and dashes")
    })?;
    let existing = authority::list(&state.db, auth.org)
        .await?
        .into_iter()
        .find(|d| d.key == key);
    // Left out: unchanged (an amount for a new type).
    let grant: Grant = body.grant.map_or_else(
        || existing.as_ref().map_or(Grant::Amount, |d| d.grant),
        Into::into,
    );
    let role = |field: &str, raw: &str| -> Result<Role, ApiError> {
        raw.parse()
            .map_err(|_| ApiError::field(field, "unknown_role", format!("`{raw}` is not a role")))
    };
    let role_limits = match grant {
        Grant::Amount => {
            if !body.allowed.is_empty() {
                return Err(ApiError::field(
                    "allowed",
                    "not_a_permission",
                    "an amount type sets `limits` per role, not `allowed`",
                ));
            }
            body.limits
                .iter()
                .map(|(r, value)| {
                    let cents = cents(*value).ok_or_else(|| {
                        ApiError::field(
                            "limits",
                            "invalid_amount",
                            format!("{value} is not an amount of zero or more"),
                        )
                    })?;
                    Ok((role("limits", r)?, cents))
                })
                .collect::<Result<Vec<_>, ApiError>>()?
        }
        Grant::Permission => {
            if !body.limits.is_empty() {
                return Err(ApiError::field(
                    "limits",
                    "not_an_amount",
                    "a permission has no amounts: list the roles that may make it in `allowed`",
                ));
            }
            body.allowed
                .iter()
                .map(|r| Ok((role("allowed", r)?, 0)))
                .collect::<Result<Vec<_>, ApiError>>()?
        }
    };
    let decision = Decision {
        key,
        name: parse_texts_in_request("name", &body.name)?,
        description: if body.description.is_empty() {
            LocalizedText::default()
        } else {
            parse_texts_in_request("description", &body.description)?
        },
        grant,
        role_limits,
        certification_limits: match &body.certification_limits {
            // For a permission, a listed certification lets its holders make it: no amount.
            Some(limits) => parse_certification_limits(limits)?
                .into_iter()
                .map(|(level, cents)| (level, if grant == Grant::Permission { 0 } else { cents }))
                .collect(),
            None => existing
                .map(|d| d.certification_limits)
                .unwrap_or_default()
                .into_iter()
                .map(|(level, cents)| (level, if grant == Grant::Permission { 0 } else { cents }))
                .collect(),
        },
    };
    let created =
        authority::upsert(&state.db, auth.org, &decision, state.settings.clock.now()).await?;
    let view = decision_view(
        &decision,
        &auth.roles,
        &certification_keys(&state, &auth).await?,
    );
    Ok(if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    }
    .json(view))
}

fn parse_certification_limits(
    limits: &BTreeMap<String, f64>,
) -> Result<Vec<(String, i64)>, ApiError> {
    limits
        .iter()
        .map(|(level, value)| {
            let level = Level::parse(level).ok_or_else(|| {
                ApiError::field(
                    "certification_limits",
                    "unknown_level",
                    format!("`{level}` is not coach, trainer or master_trainer"),
                )
            })?;
            let cents = cents(*value).ok_or_else(|| {
                ApiError::field(
                    "certification_limits",
                    "invalid_amount",
                    format!("{value} is not an amount of zero or more"),
                )
            })?;
            Ok((level.as_str().to_owned(), cents))
        })
        .collect()
}

/// Remove a decision type (admins). Scenarios that grant it show it as an issue.
#[utoipa::path(
    tag = "authority",
    security(("bearer" = ["admin"])),
    params(("decision_key" = crate::contract::Key, Path, description = "Decision type")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such decision type", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete(
    "/authority-limits/{decision_key}",
    wrap = "from_fn(require::<{ ADMIN }>)"
)]
pub async fn remove(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = Key::parse(&path).ok_or(ApiError::NotFound)?;
    authority::delete(&state.db, auth.org, &key).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CurrencyBody {
    /// ISO 4217 code, e.g. `EUR` (three letters).
    #[schema(pattern = r"^\s*[A-Za-z]{3}\s*$")]
    currency: String,
}

/// Set the currency amounts are counted in (admins).
#[utoipa::path(
    tag = "authority",
    security(("bearer" = ["admin"])),
    request_body = CurrencyBody,
    responses(
        (status = 200, description = "Changed", body = AuthorityLimits),
        (status = 422, description = "`validation_failed`: `invalid_currency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[patch("/authority-limits", wrap = "from_fn(require::<{ ADMIN }>)")]
pub async fn set_currency(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<CurrencyBody>,
) -> Result<HttpResponse, ApiError> {
    let code = body.currency.trim().to_ascii_uppercase();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(ApiError::field(
            "currency",
            "invalid_currency",
            "three letters, e.g. EUR or USD",
        ));
    }
    authority::set_currency(&state.db, auth.org, &code).await?;
    Ok(HttpResponse::Ok().json(current(&state, &auth).await?))
}
