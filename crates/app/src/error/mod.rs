//! What a use case can fail with, in the application's own words. The `api` crate maps each
//! variant to HTTP in one place; workers log them.

mod code;

use cinco_persistence::RepoError;

pub use code::ErrorCode;

/// A refused field of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field's name as the caller sent it, e.g. `title`.
    pub field: String,
    /// Stable code of the rule broken, e.g. `too_long`.
    pub code: &'static str,
    pub message: String,
}

/// Why a use case did not happen. Anything unexpected is [`AppError::Internal`], logged in
/// full by whoever receives it and never shown to a person.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing with that id in the caller's organisation (another tenant's is not found too).
    #[error("not found")]
    NotFound,
    /// The caller may not do this at all.
    #[error("not allowed")]
    Forbidden,
    /// Who is calling could not be established (an unknown password, a used refresh token).
    #[error("not signed in: {0}")]
    Unauthenticated(ErrorCode),
    /// The request cannot be honoured as sent (an expired link, a wrong current password).
    #[error("{detail}")]
    Rejected { code: ErrorCode, detail: String },
    /// Too many attempts; try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The caller may not do this now, for a reason they can act on.
    #[error("{detail}")]
    Denied { code: ErrorCode, detail: String },
    /// The state of things does not allow it (already done, taken, closed).
    #[error("{detail}")]
    Conflict { code: ErrorCode, detail: String },
    /// Try again in a moment (another change to the same thing won a race).
    #[error("busy: {0}")]
    Unavailable(ErrorCode),
    /// The command broke a rule on its values: what, for a person, and each field at fault.
    #[error("{detail}")]
    Invalid {
        detail: String,
        problems: Vec<FieldProblem>,
    },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(err.into())
    }

    /// One refused field.
    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        let message = message.into();
        AppError::Invalid {
            detail: message.clone(),
            problems: vec![FieldProblem {
                field: field.to_owned(),
                code,
                message,
            }],
        }
    }
}

/// A lifecycle step the version's status does not allow (lessons and scenarios alike).
impl From<cinco_domain::lesson::TransitionError> for AppError {
    fn from(e: cinco_domain::lesson::TransitionError) -> Self {
        AppError::Conflict {
            code: ErrorCode::InvalidTransition,
            detail: e.to_string(),
        }
    }
}

impl AppError {
    /// A lesson's or scenario's version status written by someone else at the same time (the
    /// unique published version refused the second write) is a refused transition; anything
    /// else as usual.
    pub(crate) fn status_race(err: RepoError) -> Self {
        match err {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::InvalidTransition,
                detail: "someone changed this version at the same time".to_owned(),
            },
            other => other.into(),
        }
    }
}

impl From<RepoError> for AppError {
    /// Not found stays not found; anything else unexpected is internal. Conflicts are mapped
    /// by the use case, which knows what they mean.
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => AppError::NotFound,
            RepoError::Unavailable(err) => {
                tracing::warn!(error = %err, "the database is unavailable");
                AppError::Unavailable(ErrorCode::DatabaseUnavailable)
            }
            other => AppError::internal(other),
        }
    }
}
