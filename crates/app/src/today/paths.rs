//! Coaching path steps in today's session: the next step of each active path the agent can
//! do in the app (a lesson, a scenario or a practice task), due ones first. A lesson or
//! scenario step is played as that lesson or scenario; a practice task is a card the agent
//! reports done. Steps assigned during the day join the day's session.

use std::collections::HashSet;

use cinco_persistence::daily;
use cinco_persistence::path::{self, OpenStep};

use cinco_domain::coaching::StepType;
use cinco_domain::locale::pick;
use cinco_domain::today::ItemKind;
use cinco_persistence::daily::StoredItem;

use super::learner::Learner;
use crate::App;
use crate::AppError;

/// Steps shown per day, at most.
const MAX_STEPS: usize = 3;
/// How long a practice task card takes to read and report.
const PRACTICE_SECONDS: u32 = 60;

/// The next open step of each active path, due ones first (coaching sessions are arranged
/// by the lead and are not part of the day).
pub async fn next_steps(app: &App, learner: &Learner) -> Result<Vec<OpenStep>, AppError> {
    Ok(next_of(&open(app, learner).await?))
}

/// Every open step of the agent's active paths, in their language where the path was given
/// in it.
pub async fn open(app: &App, learner: &Learner) -> Result<Vec<OpenStep>, AppError> {
    let mut open = path::open_steps(&app.db, learner.org(), learner.user.id).await?;
    for o in &mut open {
        crate::path::language::open_in(o, learner.user.locale, learner.org_locale);
    }
    Ok(open)
}

/// The next step of each path, due ones first, at most [`MAX_STEPS`].
pub fn next_of(open: &[OpenStep]) -> Vec<OpenStep> {
    let mut seen = HashSet::new();
    let mut next: Vec<OpenStep> = Vec::new();
    let mut by_path = open.to_vec();
    by_path.sort_by_key(|o| (o.step.assignment_id, o.step.position));
    for o in by_path {
        if o.step.kind != StepType::CoachingSession && seen.insert(o.step.assignment_id) {
            next.push(o);
        }
    }
    next.sort_by_key(|o| (o.step.due_at.is_none(), o.step.due_at, o.assigned_at));
    next.truncate(MAX_STEPS);
    next
}

/// A step as an item of the day; `None` when its lesson or scenario is no longer published.
pub async fn item(
    app: &App,
    learner: &Learner,
    o: &OpenStep,
) -> Result<Option<StoredItem>, AppError> {
    let org = learner.org();
    let locales = (learner.user.locale, learner.org_locale);
    let key = o.step.target_key.clone().unwrap_or_default();
    let base = StoredItem {
        kind: ItemKind::PathStep,
        id: o.step.id,
        key: String::new(),
        title: o.step.title.clone(),
        lesson_version_id: None,
        card: None,
        estimate_seconds: PRACTICE_SECONDS,
        path_step_id: Some(o.step.id),
        path_title: Some(o.path_title.clone()),
        step_kind: Some(o.step.kind),
        detail: o.step.instructions.clone(),
    };
    Ok(match o.step.kind {
        StepType::Lesson => {
            let variants: Vec<_> = cinco_persistence::lesson::list_published(&app.db, org)
                .await?
                .into_iter()
                .filter(|v| v.key.as_str() == key)
                .collect();
            pick(variants, |v| v.locale, locales.0, locales.1).map(|v| StoredItem {
                kind: ItemKind::Lesson,
                id: v.id,
                key: key.clone(),
                title: v.title,
                estimate_seconds: u32::try_from(v.estimate_seconds).unwrap_or(300),
                ..base
            })
        }
        StepType::Scenario => {
            let variants: Vec<_> = cinco_persistence::scenario::list_published(&app.db, org)
                .await?
                .into_iter()
                .filter(|v| v.key.as_str() == key)
                .collect();
            pick(variants, |v| v.locale, locales.0, locales.1).map(|v| StoredItem {
                kind: ItemKind::Scenario,
                id: v.id,
                key: key.clone(),
                title: v.title.clone(),
                estimate_seconds: u32::try_from(v.estimate_seconds).unwrap_or(300),
                ..base
            })
        }
        StepType::PracticeTask => Some(base),
        StepType::CoachingSession => None,
    })
}

/// Turns the composer's path-step placeholders into playable items.
pub async fn resolve(
    app: &App,
    learner: &Learner,
    items: Vec<StoredItem>,
    steps: &[OpenStep],
) -> Result<Vec<StoredItem>, AppError> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        if i.kind != ItemKind::PathStep || i.path_step_id.is_some() {
            out.push(i);
            continue;
        }
        if let Some(o) = steps.iter().find(|o| o.step.id == i.id)
            && let Some(item) = item(app, learner, o).await?
        {
            out.push(item);
        }
    }
    Ok(out)
}

/// Brings a stored session up to date with the agent's paths: the next step of a path
/// assigned since the day was composed joins it (a path that was already running waits for
/// tomorrow, so finishing a step does not lengthen the day), and a step whose path was
/// cancelled or handed to someone else leaves it.
pub async fn join_session(
    app: &App,
    learner: &Learner,
    session: daily::DailySession,
    mut items: Vec<StoredItem>,
) -> Result<(daily::DailySession, Vec<StoredItem>), AppError> {
    let (org, user) = (learner.org(), learner.user.id);
    let mut changed = false;
    // Paths already in the day (by any of their steps): their next steps wait for tomorrow.
    let mut in_day = HashSet::new();
    if items.iter().any(|i| i.path_step_id.is_some()) {
        // Steps of paths not cancelled (active or completed), and their paths.
        let kept: std::collections::HashMap<uuid::Uuid, uuid::Uuid> =
            path::steps_of_users(&app.db, org, &[user])
                .await?
                .into_iter()
                .map(|s| (s.id, s.assignment_id))
                .collect();
        let before = items.len();
        items.retain(|i| i.path_step_id.is_none_or(|id| kept.contains_key(&id)));
        changed |= items.len() != before;
        in_day.extend(
            items
                .iter()
                .filter_map(|i| i.path_step_id.and_then(|id| kept.get(&id).copied())),
        );
    }
    for o in next_steps(app, learner).await? {
        // Running when the day was composed, or already in it: not today.
        if in_day.contains(&o.step.assignment_id) || o.assigned_at < session.created_at {
            continue;
        }
        let Some(item) = item(app, learner, &o).await? else {
            continue;
        };
        // The same lesson or scenario already in the day as new material becomes the step.
        match items
            .iter_mut()
            .find(|i| i.path_step_id.is_none() && i.kind == item.kind && i.id == item.id)
        {
            Some(existing) => *existing = item,
            None => items.push(item),
        }
        changed = true;
    }
    if !changed {
        return Ok((session, items));
    }
    let json = daily::items_json(&items)?;
    let tx = app.db.begin().await?;
    daily::set_items(&tx, org, user, session.id, &json).await?;
    tx.commit().await?;
    let items = daily::parse_items(&json)?;
    Ok((session, items))
}
