//! Starting a translation: a scenario version copied as the draft of the same scenario in
//! another language, for a trainer to translate in the editor. An existing variant is never
//! overwritten.

use cinco_domain::Locale;
use cinco_persistence::scenario::{self, ScenarioVersion};

use super::parse;
use super::save_draft::store_draft;
use crate::{Actor, App, AppError, ErrorCode};

/// The new draft of version `id`'s scenario in `locale`.
pub async fn start(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Locale,
) -> Result<ScenarioVersion, AppError> {
    let source = scenario::get(&app.db, actor.org, id).await?;
    if scenario::latest(&app.db, actor.org, &source.key, locale)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            code: ErrorCode::LessonExists,
            detail: format!(
                "the scenario `{}` already exists in {}",
                source.key.as_str(),
                locale.code()
            ),
        });
    }
    let mut s = parse(&source)?;
    s.locale = locale;
    store_draft(&app.db, actor.org, actor.user, &s, app.clock.now()).await
}
