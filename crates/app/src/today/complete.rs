//! A day's session completes when everything in it is done: recorded once, so the streak
//! counts the day even when results arrive later (from the offline queue) and the agent
//! does not open the app again.

use chrono::NaiveDate;
use cinco_persistence::daily::{self, DailySession, StoredItem};

use super::learner::Learner;
use super::progress::Progress;
use crate::{App, AppError};

/// Marks the session of the local `day` complete when everything in it is done.
pub async fn mark_if_complete(
    app: &App,
    learner: &Learner,
    day: NaiveDate,
) -> Result<(), AppError> {
    let Some(session) =
        daily::find(&app.db, learner.org(), learner.user.id, &day.to_string()).await?
    else {
        return Ok(());
    };
    if session.completed_at.is_some() {
        return Ok(());
    }
    let items = daily::parse_items(&session.items)?;
    let progress = Progress::load(app, learner, day).await?;
    complete_if_done(app, learner, &session, &items, &progress).await?;
    Ok(())
}

/// Whether everything planned is done; records the completion the first time.
pub async fn complete_if_done(
    app: &App,
    learner: &Learner,
    session: &DailySession,
    items: &[StoredItem],
    progress: &Progress,
) -> Result<bool, AppError> {
    let complete = !items.is_empty() && items.iter().all(|i| progress.done(i));
    if complete && session.completed_at.is_none() {
        let tx = app.db.begin().await?;
        daily::complete(&tx, learner.org(), learner.user.id, session.id, learner.now).await?;
        tx.commit().await?;
    }
    Ok(complete)
}
