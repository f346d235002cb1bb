//! Free text in a command, checked against its field's limit (see `cinco_domain::text`).

use crate::AppError;

/// Optional free text of `field`: trimmed, `None` when empty, refused as `too_long` over
/// `max` characters.
pub fn optional(field: &str, raw: Option<&str>, max: usize) -> Result<Option<String>, AppError> {
    match raw {
        None => Ok(None),
        Some(raw) => cinco_domain::text::bounded(raw, max)
            .map(|t| t.map(str::to_owned))
            .map_err(|e| AppError::field(field, "too_long", e.to_string())),
    }
}

/// Required free text of `field`: as [`optional`], and refused as `required` when empty.
pub fn required(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    optional(field, Some(raw), max)?
        .ok_or_else(|| AppError::field(field, "required", "write a few words"))
}
