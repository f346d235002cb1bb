//! The steps of assigned paths: reading them in bulk, completing them, moving due dates, and
//! what the reminder worker needs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use cinco_domain::{OrganisationId, UserId};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
    sea_query::Expr,
};

use cinco_domain::coaching::AssignmentStatus;
use cinco_domain::programme::Kind;

use super::PathStep;
use crate::entities::{path_assignments, path_steps};
use crate::executor::Executor;
use crate::programme::{self, PathSteps};
use crate::{RepoError, corrupt};

fn to_step(r: path_steps::Model) -> Result<PathStep, RepoError> {
    Ok(PathStep {
        id: r.id,
        assignment_id: r.assignment_id,
        user_id: UserId::from_uuid(r.user_id),
        position: r.position,
        title: r.title,
        kind: Kind::parse(&r.kind).ok_or_else(|| corrupt("path_steps", "kind"))?,
        target_key: r.target_key,
        pass_percent: r.pass_percent,
        instructions: r.instructions,
        due_at: r.due_at,
        completed_at: r.completed_at,
        score: r.score,
        note: r.note,
        reminded_before: r.reminded_before,
        last_overdue_reminder: r.last_overdue_reminder,
        texts: crate::words::steps_from(r.texts.as_deref()),
    })
}

/// Steps of the given assignments, grouped by assignment, in order.
pub(super) async fn of_assignments(
    ex: &impl Executor,
    org: OrganisationId,
    ids: &[uuid::Uuid],
) -> Result<HashMap<uuid::Uuid, Vec<PathStep>>, RepoError> {
    programme::of_parents::<PathSteps>(ex, org, ids)
        .await?
        .into_iter()
        .map(|(a, rows)| Ok((a, rows.into_iter().map(to_step).collect::<Result<_, _>>()?)))
        .collect()
}

/// A step of an active assignment that is not done yet, with the assignment's facts.
#[derive(Debug, Clone)]
pub struct OpenStep {
    pub step: PathStep,
    pub path_title: String,
    /// The path's title in every language it was given in.
    pub path_texts: std::collections::BTreeMap<cinco_domain::Locale, String>,
    pub assigned_at: DateTime<Utc>,
}

fn open_query(org: OrganisationId) -> sea_orm::Select<path_steps::Entity> {
    path_steps::Entity::find()
        .join(JoinType::InnerJoin, path_steps::Relation::Assignment.def())
        .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_steps::Column::CompletedAt.is_null())
        .filter(path_assignments::Column::Status.eq(AssignmentStatus::Active.as_str()))
}

async fn with_paths(
    ex: &impl Executor,
    org: OrganisationId,
    rows: Vec<path_steps::Model>,
) -> Result<Vec<OpenStep>, RepoError> {
    let mut ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.assignment_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut paths = HashMap::new();
    for chunk in ids.chunks(500) {
        for a in path_assignments::Entity::find()
            .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
            .filter(path_assignments::Column::Id.is_in(chunk.iter().copied()))
            .all(ex.conn())
            .await?
        {
            let texts = crate::words::texts_from(a.texts.as_deref());
            paths.insert(a.id, (a.title, texts, a.assigned_at));
        }
    }
    rows.into_iter()
        .filter_map(|r| {
            let (title, texts, at) = paths.get(&r.assignment_id)?.clone();
            Some(to_step(r).map(|step| OpenStep {
                step,
                path_title: title,
                path_texts: texts,
                assigned_at: at,
            }))
        })
        .collect()
}

/// The agent's open steps of active paths: due ones first (earliest first), then by path
/// and position.
pub async fn open_steps(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<Vec<OpenStep>, RepoError> {
    let rows = open_query(org)
        .filter(path_steps::Column::UserId.eq(user.as_uuid()))
        .order_by_asc(path_assignments::Column::AssignedAt)
        .order_by_asc(path_steps::Column::Position)
        .all(ex.conn())
        .await?;
    let mut open = with_paths(ex, org, rows).await?;
    open.sort_by_key(|o| (o.step.due_at.is_none(), o.step.due_at));
    Ok(open)
}

/// Open steps with a due date before `until`, of every agent of the organisation (for
/// reminders).
pub async fn open_steps_due(
    ex: &impl Executor,
    org: OrganisationId,
    until: DateTime<Utc>,
) -> Result<Vec<OpenStep>, RepoError> {
    let rows = open_query(org)
        .filter(path_steps::Column::DueAt.lte(until))
        .order_by_asc(path_steps::Column::UserId)
        .all(ex.conn())
        .await?;
    with_paths(ex, org, rows).await
}

/// Every step of the given agents' active and completed paths (for dashboards).
pub async fn steps_of_users(
    ex: &impl Executor,
    org: OrganisationId,
    users: &[UserId],
) -> Result<Vec<PathStep>, RepoError> {
    let mut out = Vec::new();
    for chunk in users.chunks(500) {
        let rows = path_steps::Entity::find()
            .join(JoinType::InnerJoin, path_steps::Relation::Assignment.def())
            .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
            .filter(path_steps::Column::UserId.is_in(chunk.iter().map(|u| u.as_uuid())))
            .filter(path_assignments::Column::Status.ne(AssignmentStatus::Cancelled.as_str()))
            .all(ex.conn())
            .await?;
        for r in rows {
            out.push(to_step(r)?);
        }
    }
    Ok(out)
}

/// Marks a step done; false when it already was.
pub async fn complete_step(
    ex: &impl Executor,
    org: OrganisationId,
    step: &PathStep,
    at: DateTime<Utc>,
    score: Option<i32>,
    note: Option<String>,
) -> Result<bool, RepoError> {
    let note = vec![(path_steps::Column::Note, Expr::value(note))];
    let done = programme::complete::<PathSteps>(ex, org, step.id, at, score, note).await?;
    if done {
        crate::user::touch_learning(ex, org, step.user_id).await?;
    }
    Ok(done)
}

/// Keeps the score of an attempt at an open step's lesson or scenario that did not reach
/// the pass mark: the step stays open, attempted.
pub async fn record_attempt(
    ex: &impl Executor,
    org: OrganisationId,
    step: &PathStep,
    score: i32,
) -> Result<(), RepoError> {
    programme::record_attempt::<PathSteps>(ex, org, step.id, score).await?;
    crate::user::touch_learning(ex, org, step.user_id).await?;
    Ok(())
}

/// Moves a step's due date; its reminders start over.
pub async fn set_step_due(
    ex: &impl Executor,
    org: OrganisationId,
    step: &PathStep,
    due: DateTime<Utc>,
) -> Result<(), RepoError> {
    path_steps::Entity::update_many()
        .col_expr(path_steps::Column::DueAt, Expr::value(due))
        .col_expr(path_steps::Column::RemindedBefore, Expr::value(false))
        .col_expr(
            path_steps::Column::LastOverdueReminder,
            Expr::value(Option::<String>::None),
        )
        .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_steps::Column::Id.eq(step.id))
        .exec(ex.conn())
        .await?;
    crate::user::touch_learning(ex, org, step.user_id).await
}

/// Records that a "coming up" reminder named these steps.
pub async fn mark_upcoming_reminded(
    ex: &impl Executor,
    org: OrganisationId,
    steps: &[uuid::Uuid],
) -> Result<(), RepoError> {
    path_steps::Entity::update_many()
        .col_expr(path_steps::Column::RemindedBefore, Expr::value(true))
        .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_steps::Column::Id.is_in(steps.iter().copied()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Records that an overdue reminder named these steps on the agent's local `day`.
pub async fn mark_overdue_reminded(
    ex: &impl Executor,
    org: OrganisationId,
    steps: &[uuid::Uuid],
    day: &str,
) -> Result<(), RepoError> {
    path_steps::Entity::update_many()
        .col_expr(path_steps::Column::LastOverdueReminder, Expr::value(day))
        .col_expr(path_steps::Column::RemindedBefore, Expr::value(true))
        .filter(path_steps::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_steps::Column::Id.is_in(steps.iter().copied()))
        .exec(ex.conn())
        .await?;
    Ok(())
}
