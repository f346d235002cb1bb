//! Certification tracks in several languages: translating a track, what an enrolment
//! carries, and reading one in the reader's language (`programme::words::pick_in`: theirs,
//! then the organisation's, then any).

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::certification::Module;
use cinco_domain::programme::words::{Languages, STEP_MAX, Words, pick_in};
use cinco_persistence::certification::{self, Enrolment, StoredTrack};
use cinco_persistence::organisation;

use crate::{Actor, App, AppError, programme};

/// The track's languages, its source being the organisation's (`org_default`) when it names
/// none.
pub fn languages(t: &StoredTrack, org_default: Locale) -> Languages {
    Languages {
        source: t.source_locale.unwrap_or(org_default),
        translations: t.translations.clone(),
    }
}

/// The track's own words, in its source language.
pub fn source_words(t: &StoredTrack) -> Words {
    let modules: Vec<_> = t.track.modules.iter().map(Module::parts).collect();
    Words::of(&t.track.title, &t.track.description, &modules)
}

/// What an enrolment made now carries: every language that still fits the track module for
/// module, the source's included (nothing for a track that names no language and was never
/// translated: its enrolments have their columns' language only).
pub fn every(t: &StoredTrack) -> BTreeMap<Locale, Words> {
    t.source_locale
        .map(|source| languages(t, source).every(&source_words(t)))
        .unwrap_or_default()
}

/// Writes the track `id` in `locale`, checked against its source.
pub async fn translate(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Locale,
    words: Words,
) -> Result<(), AppError> {
    let tx = app.db.begin().await?;
    certification::lock_track(&tx, actor.org, id).await?;
    let t = certification::track(&tx, actor.org, id).await?;
    let org_default = organisation::get(&tx, actor.org).await?.default_locale;
    let source = languages(&t, org_default).source;
    let translation = programme::translation_into(
        (locale, source),
        source_words(&t),
        words,
        STEP_MAX,
        app.clock.now(),
    )?;
    certification::set_track_translation(&tx, actor.org, id, source, (locale, translation)).await?;
    tx.commit().await?;
    Ok(())
}

/// The enrolment as a reader of `preferred` sees it (the organisation's language `fallback`
/// next): its title, description and modules in that language where it was made in it. The
/// language shown; `None` when it carries only one, unnamed.
pub fn read_in(e: &mut Enrolment, preferred: Locale, fallback: Locale) -> Option<Locale> {
    let (shown, words) = pick_in(&e.texts, preferred, fallback)?;
    let words = words.clone();
    e.title = words.title;
    e.description = words.description;
    for (module, said) in e.modules.iter_mut().zip(words.steps) {
        module.title = said.title;
        if let Some(instructions) = said.instructions {
            module.instructions = instructions;
        }
        if said.rubric.len() == module.rubric.len() {
            module.rubric = said.rubric;
        }
    }
    Some(shown)
}
