//! What goes wrong reading a Twee file, and where.

/// A problem in a Twee file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TweeError {
    pub line: usize,
    pub message: String,
}

pub(super) fn err(line: usize, message: impl Into<String>) -> TweeError {
    TweeError {
        line,
        message: message.into(),
    }
}
