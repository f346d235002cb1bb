//! Coaching paths in several languages: translating a template, what a path carries when it
//! is given, and which language a reader gets (`programme::words::pick_in`: theirs, then the
//! organisation's, then any).

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::programme::words::{Languages, STEP_MAX, StepWords, Words, pick_in};
use cinco_persistence::organisation;
use cinco_persistence::path::{self, Assignment, OpenStep, PathStep, Template};

use crate::{Actor, App, AppError, programme};

/// The template's languages, its source being the organisation's (`org_default`) when it
/// names none.
pub fn languages(t: &Template, org_default: Locale) -> Languages {
    Languages {
        source: t.source_locale.unwrap_or(org_default),
        translations: t.translations.clone(),
    }
}

/// The template's own words, in its source language.
pub fn source_words(t: &Template) -> Words {
    let steps: Vec<_> = t.path.steps.iter().map(|s| s.parts()).collect();
    Words::of(&t.path.title, &t.description, &steps)
}

/// What a path given now carries: every language that still fits the template step for
/// step, the source's included. Nothing for a template never translated that names no
/// language (saved before languages were kept): its path has its columns' language only.
pub fn every(t: &Template) -> BTreeMap<Locale, Words> {
    t.source_locale
        .map(|source| languages(t, source).every(&source_words(t)))
        .unwrap_or_default()
}

/// Writes the template `id` in `locale`, checked against its source; refuses the source
/// language itself (that is the template's own edit) and words that do not fit its steps.
pub async fn translate(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Locale,
    words: Words,
) -> Result<(), AppError> {
    let tx = app.db.begin().await?;
    path::lock_template(&tx, actor.org, id).await?;
    let t = path::template(&tx, actor.org, id).await?;
    let org_default = organisation::get(&tx, actor.org).await?.default_locale;
    let source = languages(&t, org_default).source;
    let translation = programme::translation_into(
        (locale, source),
        source_words(&t),
        words,
        STEP_MAX,
        app.clock.now(),
    )?;
    path::set_translation(&tx, actor.org, id, source, (locale, translation)).await?;
    tx.commit().await?;
    Ok(())
}

fn step_in(step: &mut PathStep, preferred: Locale, fallback: Locale) {
    if let Some((_, words)) = pick_in(&step.texts, preferred, fallback) {
        let StepWords {
            title,
            instructions,
            ..
        } = words.clone();
        step.title = title;
        if step.instructions.is_some() {
            step.instructions = instructions;
        }
    }
}

/// The path as a reader of `preferred` sees it (the organisation's language `fallback`
/// next): its title and steps in that language where it was given in it. The language
/// shown; `None` when the path carries only one, unnamed.
pub fn read_in(a: &mut Assignment, preferred: Locale, fallback: Locale) -> Option<Locale> {
    let shown = pick_in(&a.texts, preferred, fallback).map(|(l, title)| (l, title.clone()));
    if let Some((_, title)) = &shown {
        a.title.clone_from(title);
    }
    for step in &mut a.steps {
        step_in(step, preferred, fallback);
    }
    shown.map(|(l, _)| l)
}

/// An open step as a reader of `preferred` sees it, with its path's title.
pub fn open_in(o: &mut OpenStep, preferred: Locale, fallback: Locale) {
    if let Some((_, title)) = pick_in(&o.path_texts, preferred, fallback) {
        o.path_title = title.clone();
    }
    step_in(&mut o.step, preferred, fallback);
}
