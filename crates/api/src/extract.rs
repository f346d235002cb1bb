//! Extractor configuration: malformed or oversized input becomes a clear problem document.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::web;
use cinco_app::ErrorCode;

use crate::error::ApiError;

/// JSON bodies: wrong content type → 415, over the limit → 413, broken JSON → 400,
/// well-formed JSON of the wrong shape → 422.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req| json_error(err).into())
}

fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::PayloadTooLarge
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::Validation {
            detail: e.to_string(),
            errors: Vec::new(),
        },
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest {
            code: ErrorCode::MalformedJson,
            detail: format!("the request body is not valid JSON: {e}"),
        },
        other => ApiError::BadRequest {
            code: ErrorCode::BadRequest,
            detail: other.to_string(),
        },
    }
}

/// Raw bodies (uploads): the same size limit.
pub fn payload_config(limit: usize) -> web::PayloadConfig {
    web::PayloadConfig::default().limit(limit)
}

/// Path parameters that do not parse (e.g. a malformed UUID) answer 404: such a resource
/// cannot exist.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req| ApiError::NotFound.into())
}

/// Query strings that do not parse answer 400 with the reason.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req| {
        ApiError::InvalidQuery {
            detail: err.to_string(),
            errors: Vec::new(),
        }
        .into()
    })
}
