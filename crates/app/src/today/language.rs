//! The day in the learner's language as it is now: a day is composed once and kept, so a
//! learner who changes language during it would otherwise read the titles of the language
//! it was composed in. Reviews take the title of the lesson's variant the learner reads
//! (`locale::pick`: theirs, then the organisation's; the card itself stays the one they
//! learned), path steps their path's words in that language.

use std::collections::HashMap;

use cinco_domain::locale::pick;
use cinco_domain::today::ItemKind;
use cinco_persistence::daily::StoredItem;
use cinco_persistence::lesson;

use super::learner::Learner;
use crate::{App, AppError};

/// Titles the day's reviews and path steps in the learner's current language.
pub async fn retitle(
    app: &App,
    learner: &Learner,
    items: &mut [StoredItem],
) -> Result<(), AppError> {
    let (preferred, fallback) = (learner.user.locale, learner.org_locale);
    if items.iter().any(|i| i.kind == ItemKind::Review) {
        let mut by_key: HashMap<String, Vec<_>> = HashMap::new();
        for v in lesson::list_published(&app.db, learner.org()).await? {
            by_key.entry(v.key.as_str().to_owned()).or_default().push(v);
        }
        for i in items.iter_mut().filter(|i| i.kind == ItemKind::Review) {
            let read = by_key
                .remove(&i.key)
                .and_then(|variants| pick(variants, |v| v.locale, preferred, fallback));
            if let Some(v) = read {
                i.title.clone_from(&v.title);
                by_key.insert(i.key.clone(), vec![v]);
            }
        }
    }
    if items.iter().any(|i| i.path_step_id.is_some()) {
        let open = super::paths::open(app, learner).await?;
        for i in items.iter_mut() {
            let Some(o) = i
                .path_step_id
                .and_then(|id| open.iter().find(|o| o.step.id == id))
            else {
                continue;
            };
            // A lesson or scenario step is titled by its content; a practice task by itself.
            if i.kind == ItemKind::PathStep {
                i.title.clone_from(&o.step.title);
                i.detail.clone_from(&o.step.instructions);
            }
            i.path_title = Some(o.path_title.clone());
        }
    }
    Ok(())
}
