//! Scorecard templates: what a lead rates in a coaching session, competency by competency;
//! in several languages, worded as a programme is (`programme::words`: the title, and each
//! indicator as a step's title).

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::coaching::MAX_SCORECARD_ITEMS;
use cinco_domain::programme::words::{INDICATOR_STEP_MAX, Languages, StepWords, Words, pick_in};
use cinco_domain::text::{INDICATOR_MAX, TITLE_MAX};
use cinco_persistence::coaching::{self, Scorecard, ScorecardItem};
use cinco_persistence::{competency, organisation};

use crate::text::optional;
use crate::{Actor, App, AppError, programme};

/// An item as an author sends it.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub competency_key: String,
    pub indicator: String,
}

/// Creates a scorecard: a title, and 1 to [`MAX_SCORECARD_ITEMS`] indicators, each of a
/// competency of the organisation, written in `locale` (the organisation's when `None`).
pub async fn create(
    app: &App,
    actor: &Actor,
    title: &str,
    items: &[NewItem],
    locale: Option<Locale>,
) -> Result<Scorecard, AppError> {
    let title = optional("title", Some(title), TITLE_MAX)?.ok_or_else(|| {
        AppError::field("title", "invalid_scorecard", "a scorecard needs a title")
    })?;
    if items.is_empty() || items.len() > MAX_SCORECARD_ITEMS {
        return Err(AppError::field(
            "items",
            "invalid_scorecard",
            format!("between 1 and {MAX_SCORECARD_ITEMS} items"),
        ));
    }
    let comps = competency::list(&app.db, actor.org, false).await?;
    let mut checked = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = format!("items[{i}]");
        if !comps.iter().any(|c| c.key.as_str() == item.competency_key) {
            return Err(AppError::field(
                &field,
                "unknown_competency",
                format!("no competency `{}`", item.competency_key),
            ));
        }
        let indicator =
            optional(&field, Some(&item.indicator), INDICATOR_MAX)?.ok_or_else(|| {
                AppError::field(&field, "invalid_scorecard", "an item needs an indicator")
            })?;
        checked.push(ScorecardItem {
            competency_key: item.competency_key.clone(),
            indicator,
        });
    }
    let source_locale = match locale {
        Some(l) => l,
        None => organisation::get(&app.db, actor.org).await?.default_locale,
    };
    let card = Scorecard {
        id: uuid::Uuid::now_v7(),
        title,
        items: checked,
        created_at: app.clock.now(),
        source_locale: Some(source_locale),
        translations: BTreeMap::new(),
    };
    coaching::insert_scorecard(&app.db, actor.org, &card, actor.user).await?;
    Ok(card)
}

/// The scorecard's own words: its title, and its indicators as steps.
pub fn words(card: &Scorecard) -> Words {
    Words {
        title: card.title.clone(),
        description: String::new(),
        steps: card
            .items
            .iter()
            .map(|i| StepWords {
                title: i.indicator.clone(),
                ..StepWords::default()
            })
            .collect(),
    }
}

/// The scorecard's languages, its source being the organisation's (`org_default`) when it
/// names none.
pub fn languages(card: &Scorecard, org_default: Locale) -> Languages {
    Languages {
        source: card.source_locale.unwrap_or(org_default),
        translations: card.translations.clone(),
    }
}

/// The scorecard as a reader of `preferred` sees it (the organisation's language `fallback`
/// next); the language shown.
pub fn read_in(card: &mut Scorecard, preferred: Locale, fallback: Locale) -> Locale {
    let every = languages(card, fallback).every(&words(card));
    let Some((shown, w)) = pick_in(&every, preferred, fallback) else {
        return fallback;
    };
    card.title.clone_from(&w.title);
    for (item, said) in card.items.iter_mut().zip(&w.steps) {
        item.indicator.clone_from(&said.title);
    }
    shown
}

/// Each indicator of the scorecard in every language it has, by position.
pub fn indicator_texts(card: &Scorecard, org_default: Locale) -> Vec<BTreeMap<Locale, String>> {
    let every = languages(card, org_default).every(&words(card));
    (0..card.items.len())
        .map(|i| {
            every
                .iter()
                .filter_map(|(l, w)| Some((*l, w.steps.get(i)?.title.clone())))
                .collect()
        })
        .collect()
}

/// Writes the scorecard `id` in `locale`: its title and one text per indicator.
pub async fn translate(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Locale,
    said: Words,
) -> Result<(), AppError> {
    let tx = app.db.begin().await?;
    coaching::lock_scorecard(&tx, actor.org, id).await?;
    let card = coaching::scorecard(&tx, actor.org, id).await?;
    let org_default = organisation::get(&tx, actor.org).await?.default_locale;
    let source = languages(&card, org_default).source;
    let translation = programme::translation_into(
        (locale, source),
        words(&card),
        said,
        INDICATOR_STEP_MAX,
        app.clock.now(),
    )?;
    coaching::set_scorecard_translation(&tx, actor.org, id, source, (locale, translation)).await?;
    tx.commit().await?;
    Ok(())
}
