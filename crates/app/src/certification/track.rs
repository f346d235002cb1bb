//! Saving and archiving train-the-trainer tracks. Running enrolments keep the modules they
//! started with.

use cinco_domain::Locale;
use cinco_domain::certification::{Level, Module, ModuleType, Track, TrackError};
use cinco_domain::programme::Parts;
use cinco_domain::text::{LONG_MAX, bounded};
use cinco_persistence::{certification, organisation};

use super::manage::parse_scope;
use crate::programme::check_published;
use crate::{Actor, App, AppError};

/// A track as an editor sends it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub description: String,
    pub level: Level,
    /// Competency keys the certification covers.
    pub scope: Vec<String>,
    pub validity_months: u32,
    pub modules: Vec<Parts<ModuleType>>,
    /// The language it is written in, for a new track (the organisation's when none).
    pub locale: Option<Locale>,
}

/// Checks a draft: its shape (the domain's rules), that each competency exists and that
/// each lesson and scenario it names is published.
async fn checked(app: &App, actor: &Actor, draft: &Draft) -> Result<Track, AppError> {
    let scope = parse_scope(&app.db, actor.org, &draft.scope).await?;
    check_published(&app.db, actor.org, "modules", &draft.modules).await?;
    let mut modules = Vec::with_capacity(draft.modules.len());
    for (i, parts) in draft.modules.iter().enumerate() {
        let field = format!("modules[{i}]");
        bounded(parts.instructions.as_deref().unwrap_or_default(), LONG_MAX)
            .map_err(|e| AppError::field(&field, "too_long", format!("instructions: {e}")))?;
        modules.push(Module::from_parts(parts).ok_or_else(|| {
            AppError::field(&field, "invalid_track", "this module is incomplete")
        })?);
    }
    let description = bounded(&draft.description, LONG_MAX)
        .map_err(|e| AppError::field("description", "too_long", e.to_string()))?
        .unwrap_or_default();
    Track::new(Track {
        title: draft.title.clone(),
        description: description.to_owned(),
        level: draft.level,
        scope,
        validity_months: draft.validity_months,
        modules,
    })
    .map_err(|e| track_error(&e))
}

fn track_error(e: &TrackError) -> AppError {
    let field = match e {
        TrackError::Title => "title".to_owned(),
        TrackError::ModuleCount | TrackError::NoAssessment => "modules".to_owned(),
        TrackError::NoScope => "scope".to_owned(),
        TrackError::Validity => "validity_months".to_owned(),
        TrackError::ModuleTitle(n) | TrackError::PassMark(n) | TrackError::Rubric(n) => {
            format!("modules[{}]", n - 1)
        }
    };
    AppError::field(&field, "invalid_track", e.to_string())
}

/// Creates a track; its id.
pub async fn create(app: &App, actor: &Actor, draft: &Draft) -> Result<uuid::Uuid, AppError> {
    let track = checked(app, actor, draft).await?;
    let now = app.clock.now();
    let locale = match draft.locale {
        Some(l) => l,
        None => organisation::get(&app.db, actor.org).await?.default_locale,
    };
    Ok(certification::insert_track(&app.db, actor.org, (&track, locale), actor.user, now).await?)
}

/// Replaces a track's content.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    draft: &Draft,
) -> Result<(), AppError> {
    certification::track(&app.db, actor.org, id).await?;
    let track = checked(app, actor, draft).await?;
    certification::update_track(&app.db, actor.org, id, &track, app.clock.now()).await?;
    Ok(())
}

/// Archives a track (it takes no new enrolments; running ones go on), or restores it.
pub async fn set_archived(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    archived: bool,
) -> Result<(), AppError> {
    let at = archived.then(|| app.clock.now());
    if !certification::set_archived(&app.db, actor.org, id, at).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}
