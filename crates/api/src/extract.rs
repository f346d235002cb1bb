//! Extractors and their configuration: malformed or oversized input becomes a clear problem
//! document.

use std::ops::{Deref, DerefMut};

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{FromRequest, HttpRequest, web};
use cinco_app::ErrorCode;
use futures::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON request body of type `T`, read as JSON means it: a number with no fractional part
/// is an integer however it is written (`2.0` is `2`, as for the JSON Schema of the OpenAPI
/// document), so a client whose encoder writes whole numbers with a fraction is not refused.
/// The body's size, content type and syntax are checked as [`json_config`] says.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let mut value = value.await?.into_inner();
            whole_numbers_as_integers(&mut value);
            serde_json::from_value(value).map(Json).map_err(|e| {
                ApiError::Validation {
                    detail: e.to_string(),
                    errors: Vec::new(),
                }
                .into()
            })
        })
    }
}

/// Every number with no fractional part that a float holds exactly (up to 2^53) becomes an
/// integer.
fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= EXACT
            {
                // Whole and in range, so the casts are exact.
                let whole = if f < 0.0 {
                    serde_json::Number::from(f as i64)
                } else {
                    serde_json::Number::from(f as u64)
                };
                *n = whole;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

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

#[cfg(test)]
mod tests {
    use super::whole_numbers_as_integers;
    use serde_json::json;

    #[test]
    fn whole_numbers_written_with_a_fraction_are_integers() {
        let mut body = json!({"position": 1274.0, "ratings": [{"rating": -2.0}], "amount": 12.5});
        whole_numbers_as_integers(&mut body);
        assert_eq!(
            body,
            json!({"position": 1274, "ratings": [{"rating": -2}], "amount": 12.5})
        );
        assert!(body["position"].is_u64());
        assert!(body["ratings"][0]["rating"].is_i64());
    }

    #[test]
    fn numbers_a_float_does_not_hold_exactly_stay_as_they_are() {
        let mut body = json!({"big": 1e300, "small": 1e-300});
        whole_numbers_as_integers(&mut body);
        assert_eq!(body, json!({"big": 1e300, "small": 1e-300}));
    }
}
