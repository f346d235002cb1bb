//! Sharing a decision story as a good practice, adding a language to it, retiring it.

use cinco_domain::Locale;
use cinco_domain::good_practice::{STORY_MAX, TITLE_MAX, promotable};
use cinco_persistence::RepoError;
use cinco_persistence::good_practice::{self, GoodPractice, PracticeText};

use crate::text::required;
use crate::{Actor, App, AppError, ErrorCode};

/// A story to share: its words in one language, and whether the agent's name is shown.
#[derive(Debug, Clone)]
pub struct NewPractice {
    pub locale: Locale,
    pub title: String,
    pub story: String,
    /// The agent's name is not shown (on their request, say).
    pub anonymous: bool,
}

fn text(
    actor: &Actor,
    locale: Locale,
    title: &str,
    story: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PracticeText, AppError> {
    Ok(PracticeText {
        locale,
        title: required("title", title, TITLE_MAX)?,
        story: required("story", story, STORY_MAX)?,
        updated_by: actor.user,
        updated_at: now,
    })
}

/// Shares decision `decision` as a good practice, written in `new.locale`.
pub async fn share(
    app: &App,
    actor: &Actor,
    decision: uuid::Uuid,
    new: NewPractice,
) -> Result<GoodPractice, AppError> {
    let now = app.clock.now();
    let words = text(actor, new.locale, &new.title, &new.story, now)?;
    let tx = app.db.begin().await?;
    let d = crate::decision::story(&tx, actor, decision).await?;
    if !crate::decision::may_share(&tx, actor, &d).await? {
        return Err(AppError::Denied {
            code: ErrorCode::Forbidden,
            detail: "trainers, admins and the team's leads share good practices".to_owned(),
        });
    }
    if !promotable(d.status) {
        return Err(AppError::Conflict {
            code: ErrorCode::NotPromotable,
            detail: "only a decision within the limit or approved is a good practice".to_owned(),
        });
    }
    let p = GoodPractice {
        id: uuid::Uuid::now_v7(),
        decision_id: d.id,
        agent_id: d.agent_id,
        anonymous: new.anonymous,
        key: d.key.clone(),
        amount: d.amount,
        source: new.locale,
        promoted_by: actor.user,
        created_at: now,
        retired_at: None,
        texts: vec![words],
    };
    good_practice::insert(&tx, actor.org, &p)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => AppError::Conflict {
                code: ErrorCode::AlreadyShared,
                detail: "this decision is a good practice already".to_owned(),
            },
            other => other.into(),
        })?;
    tx.commit().await?;
    Ok(p)
}

/// Writes practice `id` in `locale` (a translation, or a correction of a variant).
pub async fn translate(
    app: &App,
    actor: &Actor,
    id: uuid::Uuid,
    locale: Locale,
    title: &str,
    story: &str,
) -> Result<(), AppError> {
    let words = text(actor, locale, title, story, app.clock.now())?;
    let tx = app.db.begin().await?;
    let p = good_practice::get(&tx, actor.org, id).await?;
    super::may_edit(actor, &p)?;
    good_practice::put_text(&tx, actor.org, p.id, &words).await?;
    tx.commit().await?;
    Ok(())
}

/// Retires practice `id`: agents no longer meet it. Retiring it again changes nothing.
pub async fn retire(app: &App, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    let p = good_practice::get(&app.db, actor.org, id).await?;
    super::may_edit(actor, &p)?;
    good_practice::retire(&app.db, actor.org, id, app.clock.now()).await?;
    Ok(())
}
