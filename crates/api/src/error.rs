//! Every error leaves the server as `application/problem+json` (RFC 9457) with a stable
//! snake_case `code` that clients switch on. This module is the one place where failures
//! become HTTP.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use cinco_app::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:cinco:problem:<code>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, human-readable summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, for a human.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable code, e.g. `not_found`, `validation_failed`.
    #[schema(value_type = ErrorCodeSchema)]
    pub code: String,
    /// Field-level problems, when the request body was refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// The OpenAPI face of [`ErrorCode`]: a string enum of every code a problem can carry, so
/// generated clients switch on a typed union.
#[derive(Debug)]
pub struct ErrorCodeSchema;

impl utoipa::PartialSchema for ErrorCodeSchema {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Stable machine-readable reason of a problem; field-level codes are in `errors`.",
            ))
            .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
            .into()
    }
}

impl ToSchema for ErrorCodeSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ErrorCode")
    }
}

/// One refused field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON pointer-ish path of the field, e.g. `email`.
    pub field: String,
    /// Stable code for the rule broken, e.g. `too_short`.
    pub code: String,
    pub message: String,
}

/// An error a handler can return. Anything unexpected goes through `Internal`, whose detail
/// is logged in full and never shown to the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    BadRequest { code: ErrorCode, detail: String },
    #[error("{detail}")]
    Validation {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("authentication required")]
    Unauthorized { code: ErrorCode },
    #[error("not allowed")]
    Forbidden,
    /// 403 with a reason the client can act on.
    #[error("{detail}")]
    Denied { code: ErrorCode, detail: String },
    /// A query string the route does not take, with each parameter at fault.
    #[error("{detail}")]
    InvalidQuery {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("not found")]
    NotFound,
    /// The path exists, but not with this method; `allow` lists the ones it has.
    #[error("this path takes {}", allow.join(", "))]
    MethodNotAllowed { allow: Vec<&'static str> },
    #[error("{detail}")]
    Conflict { code: ErrorCode, detail: String },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(ErrorCode),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A lifecycle step the version's status does not allow (lessons and scenarios alike).
impl From<cinco_domain::lesson::TransitionError> for ApiError {
    fn from(e: cinco_domain::lesson::TransitionError) -> Self {
        ApiError::Conflict {
            code: ErrorCode::InvalidTransition,
            detail: e.to_string(),
        }
    }
}

impl ApiError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(err.into())
    }

    /// 422 for one refused field.
    /// A query parameter's value the route does not take: 400 `invalid_query`, naming the
    /// parameter in `errors` (every route answers a bad query value this way).
    pub fn query(param: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::InvalidQuery {
            detail: format!("`{param}`: {message}"),
            errors: vec![FieldError {
                field: param.to_owned(),
                code: code.to_owned(),
                message,
            }],
        }
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::Validation {
            detail: message.clone(),
            errors: vec![FieldError {
                field: field.to_owned(),
                code: code.to_owned(),
                message,
            }],
        }
    }

    /// What a client is told about a refusal (the first field's code for a validation
    /// error); `None` for a failure of the server's own, which is worth retrying.
    pub(crate) fn refusal_code(&self) -> Option<String> {
        match self {
            ApiError::Internal(_) | ApiError::Unavailable(_) => None,
            ApiError::Validation { errors, .. } => Some(
                errors
                    .first()
                    .map_or_else(|| "validation_failed".to_owned(), |e| e.code.clone()),
            ),
            other => Some(other.code().as_str().to_owned()),
        }
    }

    /// The problem's `code`.
    pub(crate) fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthorized { code }
            | ApiError::Denied { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Unavailable(code) => *code,
            ApiError::Validation { .. } => ErrorCode::ValidationFailed,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::InvalidQuery { .. } => ErrorCode::InvalidQuery,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            ApiError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            ApiError::Internal(_) => ErrorCode::InternalError,
        }
    }

    fn public_detail(&self) -> Option<String> {
        match self {
            ApiError::Internal(_) => None,
            ApiError::Unauthorized { code } => Some(
                match code {
                    ErrorCode::InvalidCredentials => "the address or the password is not right",
                    ErrorCode::TokenExpired => "the access token has expired; refresh it",
                    ErrorCode::SessionRevoked => "this session has ended; sign in again",
                    ErrorCode::InvalidRefreshToken => "sign in again",
                    ErrorCode::RefreshTokenReused => {
                        "this session was ended for safety; sign in again"
                    }
                    _ => "authentication required",
                }
                .to_owned(),
            ),
            other => Some(other.to_string()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::Denied { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::InvalidQuery { .. } => StatusCode::BAD_REQUEST,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let ApiError::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        let errors = match self {
            ApiError::Validation { errors, .. } | ApiError::InvalidQuery { errors, .. } => errors
                .iter()
                .map(|e| FieldError {
                    field: e.field.clone(),
                    code: e.code.clone(),
                    message: e.message.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut problem = problem(status, self.code(), self.public_detail());
        problem.errors = errors;
        let mut response = problem_response(&problem);
        if let ApiError::MethodNotAllowed { allow } = self
            && let Ok(value) = HeaderValue::from_str(&allow.join(", "))
        {
            response.headers_mut().insert(header::ALLOW, value);
        }
        if let ApiError::Unavailable(_) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(1));
        }
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from((*retry_after_secs).max(1)),
            );
        }
        response
    }
}

/// Builds a problem document for a status and code.
pub fn problem(status: StatusCode, code: ErrorCode, detail: Option<String>) -> Problem {
    let code = code.as_str();
    Problem {
        kind: format!("urn:cinco:problem:{code}"),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        code: code.to_owned(),
        errors: Vec::new(),
    }
}

fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(problem).unwrap_or_else(|_| "{}".to_owned());
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(body)
}

/// The stable code for an error status that did not come from [`ApiError`] (actix's own
/// 404, 405, 413 and so on).
fn code_for_status(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::BAD_REQUEST => ErrorCode::BadRequest,
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::NOT_ACCEPTABLE => ErrorCode::NotAcceptable,
        StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::URI_TOO_LONG => ErrorCode::UriTooLong,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::TooManyRequests,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::ServiceUnavailable,
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::InternalError,
    }
}

/// `ErrorHandlers` fallback: any error response that is not already a problem document
/// (a framework 404 or 405, a payload error) is rewritten into one, keeping its status and
/// headers. Bodies of 5xx responses are never passed on.
pub fn ensure_problem<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, old) = res.into_parts();
    let problem = problem(status, code_for_status(status), None);
    let mut new = problem_response(&problem);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.headers_mut().insert(name.clone(), value.clone());
        }
    }
    let res: ServiceResponse<BoxBody> = ServiceResponse::new(req, new);
    Ok(ErrorHandlerResponse::Response(res.map_into_right_body()))
}

impl From<cinco_app::AppError> for ApiError {
    /// The one place where a use case's refusal becomes HTTP.
    fn from(err: cinco_app::AppError) -> Self {
        use cinco_app::AppError as E;
        match err {
            E::NotFound => ApiError::NotFound,
            E::Forbidden => ApiError::Forbidden,
            E::Unauthenticated(code) => ApiError::Unauthorized { code },
            E::Rejected { code, detail } => ApiError::BadRequest { code, detail },
            E::TooManyRequests { retry_after_secs } => {
                ApiError::TooManyRequests { retry_after_secs }
            }
            E::Denied { code, detail } => ApiError::Denied { code, detail },
            E::Conflict { code, detail } => ApiError::Conflict { code, detail },
            E::Invalid { detail, problems } => ApiError::Validation {
                detail,
                errors: problems
                    .into_iter()
                    .map(|p| FieldError {
                        field: p.field,
                        code: p.code.to_owned(),
                        message: p.message,
                    })
                    .collect(),
            },
            E::Unavailable(code) => ApiError::Unavailable(code),
            E::Internal(err) => ApiError::Internal(err),
        }
    }
}

impl From<cinco_persistence::RepoError> for ApiError {
    /// As the use cases map it: not found stays not found, an unreachable database is 503,
    /// anything else unexpected is internal; conflicts are mapped by the caller.
    fn from(err: cinco_persistence::RepoError) -> Self {
        cinco_app::AppError::from(err).into()
    }
}
