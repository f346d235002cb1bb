//! Free text people write (notes, reasons, comments, titles): trimmed, and within a length
//! set per field. Longer text is refused, never cut, so nothing a person wrote is lost
//! without them knowing.

/// Text over its field's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("at most {max} characters")]
pub struct TooLong {
    pub max: usize,
}

/// `raw` trimmed; `None` when nothing is left; refused when over `max` characters as sent.
pub fn bounded(raw: &str, max: usize) -> Result<Option<&str>, TooLong> {
    // Counted as sent, as the contract's `maxLength` counts it: white space around the text
    // does not make room for more.
    if raw.chars().count() > max {
        return Err(TooLong { max });
    }
    let t = raw.trim();
    Ok((!t.is_empty()).then_some(t))
}

/// White space around a name as the API's contract reads it (its patterns are ECMAScript
/// regular expressions): Unicode white space but the C1 control NEL (U+0085), which counts
/// as a control character, plus the byte-order mark.
fn edge_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// A name (a person's, a team's, an organisation's, an external id): `raw` without the
/// white space around it, or `None` when that is not `min` to `max` characters or holds a
/// control character.
pub fn name(raw: &str, min: usize, max: usize) -> Option<&str> {
    let name = raw.trim_matches(edge_space);
    let len = name.chars().count();
    ((min..=max).contains(&len) && !name.chars().any(char::is_control)).then_some(name)
}

/// A short title (a path's, a step's).
pub const TITLE_MAX: usize = 200;
/// A reason given for a change (cancelling a path).
pub const REASON_MAX: usize = 500;
/// A note or a comment (on a grant, a session, an assessment, a reported task).
pub const NOTE_MAX: usize = 2000;
/// A longer text (instructions, descriptions, a teach-back's notes).
pub const LONG_MAX: usize = 4000;
/// A statement on a credential: why it was granted without a track, why it was revoked.
pub const STATEMENT_MAX: usize = 1000;
/// A scorecard indicator as rated in a coaching session.
pub const INDICATOR_MAX: usize = 300;
/// A coaching session's notes.
pub const SESSION_NOTES_MAX: usize = 5000;
/// The customer-experience statement, in one language.
pub const CX_STATEMENT_MAX: usize = 1000;

/// Why one language's customer-experience statement was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// A language sent blank: its readers would silently get another language's statement.
    /// A language without a statement is left out instead.
    #[error("write the statement in this language, or leave the language out")]
    Blank,
    #[error("at most {CX_STATEMENT_MAX} characters")]
    TooLong,
}

/// One language's customer-experience statement, trimmed. Its length counts the text as
/// written (leading and trailing spaces too), so what passes here is what the contract says.
pub fn statement(raw: &str) -> Result<&str, StatementError> {
    if raw.chars().count() > CX_STATEMENT_MAX {
        return Err(StatementError::TooLong);
    }
    match raw.trim() {
        "" => Err(StatementError::Blank),
        t => Ok(t),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn text_is_counted_as_sent() {
        assert_eq!(super::bounded(" ab ", 4), Ok(Some("ab")));
        assert_eq!(
            super::bounded("\u{a0}abc", 3),
            Err(super::TooLong { max: 3 })
        );
    }

    #[test]
    fn a_name_is_trimmed_of_white_space_but_not_of_control_characters() {
        assert_eq!(
            super::name("  Equipo Madrid\u{3000}", 1, 100),
            Some("Equipo Madrid")
        );
        assert_eq!(
            super::name("\u{85}üÓ", 1, 100),
            None,
            "NEL is a control character"
        );
        assert_eq!(super::name("\tNorth", 1, 100), Some("North"));
        assert_eq!(super::name("A\u{7}B", 1, 100), None);
        assert_eq!(super::name(" a ", 2, 100), None);
    }
    use super::{CX_STATEMENT_MAX, StatementError, TooLong, bounded, statement};

    #[test]
    fn a_statement_is_never_blank_and_counts_what_was_written() {
        assert_eq!(statement(" We solve it. "), Ok("We solve it."));
        assert_eq!(statement("   "), Err(StatementError::Blank));
        let padded = format!(" {}", "x".repeat(CX_STATEMENT_MAX));
        assert_eq!(statement(&padded), Err(StatementError::TooLong));
        assert!(statement(&"x".repeat(CX_STATEMENT_MAX)).is_ok());
    }

    #[test]
    fn text_is_trimmed_and_empty_is_none() {
        assert_eq!(bounded("  hola  ", 10), Ok(Some("hola")));
        assert_eq!(bounded("   ", 10), Ok(None));
    }

    #[test]
    fn the_limit_counts_characters_and_longer_text_is_refused_not_cut() {
        assert_eq!(bounded("ñññ", 3), Ok(Some("ñññ")));
        assert_eq!(bounded("ññññ", 3), Err(TooLong { max: 3 }));
    }
}
