//! Scorecard templates: what a lead rates in a coaching session, competency by competency.

use cinco_domain::coaching::MAX_SCORECARD_ITEMS;
use cinco_domain::text::{INDICATOR_MAX, TITLE_MAX};
use cinco_persistence::coaching::{self, Scorecard, ScorecardItem};
use cinco_persistence::competency;

use crate::text::optional;
use crate::{Actor, App, AppError};

/// An item as an author sends it.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub competency_key: String,
    pub indicator: String,
}

/// Creates a scorecard: a title, and 1 to [`MAX_SCORECARD_ITEMS`] indicators, each of a
/// competency of the organisation.
pub async fn create(
    app: &App,
    actor: &Actor,
    title: &str,
    items: &[NewItem],
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
    let card = Scorecard {
        id: uuid::Uuid::now_v7(),
        title,
        items: checked,
        created_at: app.clock.now(),
    };
    coaching::insert_scorecard(&app.db, actor.org, &card, actor.user).await?;
    Ok(card)
}
