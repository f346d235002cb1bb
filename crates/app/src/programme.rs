//! What saving a path template and a certification track share: every lesson or scenario a
//! step names must be published in the organisation when the programme is saved; and what
//! translating one (or a scorecard) shares: the words checked against the source's.

use cinco_domain::learning::ContentKind;
use cinco_domain::programme::words::{Translation, Words, WordsError};
use cinco_domain::programme::{Kind, Parts};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::{Executor, lesson, scenario};

use crate::AppError;

/// Refuses the first step that names a lesson or scenario nothing published has; `list` is
/// the steps' field name in the command (`steps`, `modules`).
pub async fn check_published<K: Kind>(
    ex: &impl Executor,
    org: OrganisationId,
    list: &str,
    steps: &[Parts<K>],
) -> Result<(), AppError> {
    if steps.iter().all(|s| s.kind.content().is_none()) {
        return Ok(());
    }
    let lessons = lesson::list_published(ex, org).await?;
    let scenarios = scenario::list_published(ex, org).await?;
    for (i, s) in steps.iter().enumerate() {
        let key = s.target_key.as_deref().unwrap_or_default();
        let field = || format!("{list}[{i}]");
        match s.kind.content() {
            Some(ContentKind::Lesson) if !lessons.iter().any(|v| v.key.as_str() == key) => {
                return Err(AppError::field(
                    &field(),
                    "unknown_lesson",
                    format!("no published lesson `{key}`"),
                ));
            }
            Some(ContentKind::Scenario) if !scenarios.iter().any(|v| v.key.as_str() == key) => {
                return Err(AppError::field(
                    &field(),
                    "unknown_scenario",
                    format!("no published scenario `{key}`"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `words` checked as a translation of `source` (steps' titles of at most `step_max`
/// characters), refused on the field at fault as the request names it: `title`,
/// `description`, `steps`, `steps[i]`, `steps[i].instructions`, `steps[i].rubric`.
fn translation(words: Words, source: &Words, step_max: usize) -> Result<Words, AppError> {
    words.translation_of(source, step_max).map_err(|e| {
        let field = match e {
            WordsError::Title => "title".to_owned(),
            WordsError::Description => "description".to_owned(),
            WordsError::StepCount(_) => "steps".to_owned(),
            WordsError::StepTitle(n) => format!("steps[{}]", n - 1),
            WordsError::Instructions(n) => format!("steps[{}].instructions", n - 1),
            WordsError::Rubric(n) => format!("steps[{}].rubric", n - 1),
        };
        AppError::field(&field, "invalid_translation", e.to_string())
    })
}

/// A translation into `locale` of content written in `source` whose words are `of`, written
/// `at`: refused for the source's own language and for words that do not fit `of`.
pub fn translation_into(
    (locale, source): (Locale, Locale),
    of: Words,
    words: Words,
    step_max: usize,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Translation, AppError> {
    not_the_source(locale, source)?;
    let words = translation(words, &of, step_max)?;
    Ok(Translation {
        words,
        of,
        updated_at: at,
    })
}

/// Refuses a translation into the language the content is written in: that is its own edit.
fn not_the_source(locale: Locale, source: Locale) -> Result<(), AppError> {
    if locale == source {
        return Err(AppError::field(
            "locale",
            "invalid_translation",
            "this is the language it is written in: edit it itself",
        ));
    }
    Ok(())
}
