//! "One more": the composer's next activity joins the learner's day.

use cinco_domain::today;
use cinco_persistence::daily;

use super::learner::Learner;
use super::plan;
use crate::{App, AppError, ErrorCode};

/// Adds one more activity to today's session; `nothing_more` when everything available is
/// done or planned.
pub async fn one_more(app: &App, learner: &Learner) -> Result<(), AppError> {
    let (session, mut items) = plan::session(app, learner).await?;
    let (inputs, cards) = plan::inputs(app, learner, learner.end_of(learner.day)).await?;
    let planned = plan::to_planned(&items);
    let next = today::one_more(&inputs, &planned).ok_or(AppError::Conflict {
        code: ErrorCode::NothingMore,
        detail: "everything available today is done or planned".to_owned(),
    })?;
    items.extend(plan::to_stored(app, learner.org(), &[next], &cards).await?);
    let json = daily::items_json(&items)?;
    let tx = app.db.begin().await?;
    daily::set_items(&tx, learner.org(), learner.user.id, session.id, &json).await?;
    tx.commit().await?;
    Ok(())
}
