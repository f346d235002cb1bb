//! What saving a path template and a certification track share: every lesson or scenario a
//! step names must be published in the organisation when the programme is saved.

use cinco_domain::OrganisationId;
use cinco_domain::learning::ContentKind;
use cinco_domain::programme::{Kind, Parts};
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
