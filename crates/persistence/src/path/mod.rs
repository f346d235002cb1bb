//! Coaching paths: templates, the paths assigned to agents with their steps, their history
//! and the team rules that give a path to later joiners. Every call takes the organisation id.

mod rules;
mod steps;
mod templates;

pub use rules::{TeamRule, end_rule, insert_rule, rules};
pub use steps::{
    OpenStep, complete_step, mark_overdue_reminded, mark_upcoming_reminded, open_steps,
    open_steps_due, record_attempt, set_step_due, steps_of_users,
};
pub use templates::{
    Template, TemplateInput, archive_template, insert_template, lock_template, set_translation,
    template, templates, update_template,
};

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::Locale;
use cinco_domain::coaching::{AssignmentStatus, PathEvent, StepType};
use cinco_domain::programme::words::StepWords;
use cinco_domain::{OrganisationId, TeamId, UserId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{path_assignments, path_events, path_steps};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// One step of an assigned path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub id: uuid::Uuid,
    pub assignment_id: uuid::Uuid,
    pub user_id: UserId,
    pub position: i32,
    pub title: String,
    pub kind: StepType,
    pub target_key: Option<String>,
    pub pass_percent: Option<i32>,
    pub instructions: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
    pub note: Option<String>,
    pub reminded_before: bool,
    pub last_overdue_reminder: Option<String>,
    /// Its words in every language it was given in (empty: only the columns' language).
    pub texts: BTreeMap<Locale, StepWords>,
}

/// A path assigned to one agent.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub id: uuid::Uuid,
    pub user_id: UserId,
    pub title: String,
    pub template_id: Option<uuid::Uuid>,
    pub team_id: Option<TeamId>,
    pub team_rule_id: Option<uuid::Uuid>,
    pub session_id: Option<uuid::Uuid>,
    pub assigned_by: UserId,
    pub assigned_at: DateTime<Utc>,
    pub status: AssignmentStatus,
    pub closed_at: Option<DateTime<Utc>>,
    pub steps: Vec<PathStep>,
    /// Its title in every language it was given in (empty: only `title`'s language).
    pub texts: BTreeMap<Locale, String>,
}

/// A step to create.
#[derive(Debug, Clone)]
pub struct NewStep {
    pub title: String,
    pub kind: StepType,
    pub target_key: Option<String>,
    pub pass_percent: Option<i32>,
    pub instructions: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    /// Its words in every language it is given in (empty: only the fields' language).
    pub texts: BTreeMap<Locale, StepWords>,
}

/// Stores an assignment with its steps and an `assigned` event.
pub async fn insert_assignment(
    ex: &impl Executor,
    org: OrganisationId,
    a: &Assignment,
    steps: &[NewStep],
    detail: &str,
) -> Result<(), RepoError> {
    insert(ex, org, a, steps, detail, None).await.map(|_| ())
}

/// Stores a remediation path for `competency` like [`insert_assignment`], unless the agent
/// has one active for that competency already (then nothing is stored and the answer is
/// false). A partial unique index decides, so two at once cannot both be stored; the insert
/// does nothing on conflict, so the caller's transaction goes on.
pub async fn insert_remediation(
    ex: &impl Executor,
    org: OrganisationId,
    a: &Assignment,
    steps: &[NewStep],
    detail: &str,
    competency: &str,
) -> Result<bool, RepoError> {
    insert(ex, org, a, steps, detail, Some(competency)).await
}

/// The agent's active remediation path for `competency`.
pub async fn open_remediation(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    competency: &str,
) -> Result<Option<uuid::Uuid>, RepoError> {
    Ok(path_assignments::Entity::find()
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_assignments::Column::UserId.eq(user.as_uuid()))
        .filter(path_assignments::Column::RemediationCompetency.eq(competency))
        .filter(path_assignments::Column::Status.eq(AssignmentStatus::Active.as_str()))
        .one(ex.conn())
        .await?
        .map(|r| r.id))
}

async fn insert(
    ex: &impl Executor,
    org: OrganisationId,
    a: &Assignment,
    steps: &[NewStep],
    detail: &str,
    remediation: Option<&str>,
) -> Result<bool, RepoError> {
    let row = path_assignments::ActiveModel {
        id: Set(a.id),
        organisation_id: Set(org.as_uuid()),
        user_id: Set(a.user_id.as_uuid()),
        title: Set(a.title.clone()),
        template_id: Set(a.template_id),
        team_id: Set(a.team_id.map(|t| t.as_uuid())),
        team_rule_id: Set(a.team_rule_id),
        session_id: Set(a.session_id),
        assigned_by: Set(a.assigned_by.as_uuid()),
        assigned_at: Set(a.assigned_at),
        status: Set(AssignmentStatus::Active.as_str().to_owned()),
        closed_at: Set(None),
        remediation_competency: Set(remediation.map(str::to_owned)),
        texts: Set(crate::words::texts_to(&a.texts)),
    };
    let mut insert = path_assignments::Entity::insert(row);
    if remediation.is_some() {
        insert = insert.on_conflict(
            OnConflict::columns([
                path_assignments::Column::OrganisationId,
                path_assignments::Column::UserId,
                path_assignments::Column::RemediationCompetency,
            ])
            // Word for word the index's predicate (SQLite matches it as written, so no
            // bound value).
            .target_and_where(Expr::cust(
                "status = 'active' AND remediation_competency IS NOT NULL",
            ))
            .do_nothing()
            .to_owned(),
        );
    }
    if insert.exec_without_returning(ex.conn()).await? == 0 {
        return Ok(false);
    }
    for (i, s) in steps.iter().enumerate() {
        path_steps::Entity::insert(path_steps::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            organisation_id: Set(org.as_uuid()),
            assignment_id: Set(a.id),
            user_id: Set(a.user_id.as_uuid()),
            position: Set(crate::programme::position(i)),
            title: Set(s.title.clone()),
            kind: Set(s.kind.as_str().to_owned()),
            target_key: Set(s.target_key.clone()),
            pass_percent: Set(s.pass_percent),
            instructions: Set(s.instructions.clone()),
            due_at: Set(s.due_at),
            completed_at: Set(None),
            score: Set(None),
            note: Set(None),
            reminded_before: Set(false),
            last_overdue_reminder: Set(None),
            texts: Set(crate::words::steps_to(&s.texts)),
        })
        .exec_without_returning(ex.conn())
        .await?;
    }
    add_event(
        ex,
        org,
        a.id,
        a.assigned_at,
        Some(a.assigned_by),
        PathEvent::Assigned,
        detail,
    )
    .await?;
    crate::user::touch_learning(ex, org, a.user_id).await?;
    Ok(true)
}

/// Which assignments to list.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    /// Only these agents (`None`: everyone).
    pub users: Option<&'a [UserId]>,
    pub status: Option<AssignmentStatus>,
}

/// Assignments with their steps, newest first.
pub async fn assignments(
    ex: &impl Executor,
    org: OrganisationId,
    filter: Filter<'_>,
) -> Result<Vec<Assignment>, RepoError> {
    let mut q = path_assignments::Entity::find()
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(users) = filter.users {
        q = q.filter(path_assignments::Column::UserId.is_in(users.iter().map(|u| u.as_uuid())));
    }
    if let Some(status) = filter.status {
        q = q.filter(path_assignments::Column::Status.eq(status.as_str()));
    }
    let rows = q
        .order_by_desc(path_assignments::Column::AssignedAt)
        .all(ex.conn())
        .await?;
    with_steps(ex, org, rows).await
}

/// One assignment.
pub async fn assignment(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<Assignment, RepoError> {
    let row = path_assignments::Entity::find_by_id(id)
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)?;
    with_steps(ex, org, vec![row])
        .await?
        .pop()
        .ok_or(RepoError::NotFound)
}

async fn with_steps(
    ex: &impl Executor,
    org: OrganisationId,
    rows: Vec<path_assignments::Model>,
) -> Result<Vec<Assignment>, RepoError> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let mut steps = steps::of_assignments(ex, org, &ids).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Assignment {
                id: r.id,
                user_id: UserId::from_uuid(r.user_id),
                title: r.title,
                template_id: r.template_id,
                team_id: r.team_id.map(TeamId::from_uuid),
                team_rule_id: r.team_rule_id,
                session_id: r.session_id,
                assigned_by: UserId::from_uuid(r.assigned_by),
                assigned_at: r.assigned_at,
                status: AssignmentStatus::parse(&r.status)
                    .ok_or_else(|| corrupt("path_assignments", "status"))?,
                closed_at: r.closed_at,
                steps: steps.remove(&r.id).unwrap_or_default(),
                texts: crate::words::texts_from(r.texts.as_deref()),
            })
        })
        .collect()
}

/// Whether the agent has an active assignment of the template.
pub async fn has_active(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
    template: uuid::Uuid,
) -> Result<bool, RepoError> {
    Ok(path_assignments::Entity::find()
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_assignments::Column::UserId.eq(user.as_uuid()))
        .filter(path_assignments::Column::TemplateId.eq(template))
        .filter(path_assignments::Column::Status.eq(AssignmentStatus::Active.as_str()))
        .one(ex.conn())
        .await?
        .is_some())
}

/// Closes an active assignment as `completed` or `cancelled`; false when it was not active.
pub async fn close(
    ex: &impl Executor,
    org: OrganisationId,
    a: &Assignment,
    status: AssignmentStatus,
    at: DateTime<Utc>,
) -> Result<bool, RepoError> {
    let done = path_assignments::Entity::update_many()
        .col_expr(
            path_assignments::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(path_assignments::Column::ClosedAt, Expr::value(at))
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_assignments::Column::Id.eq(a.id))
        .filter(path_assignments::Column::Status.eq(AssignmentStatus::Active.as_str()))
        .exec(ex.conn())
        .await?;
    crate::user::touch_learning(ex, org, a.user_id).await?;
    Ok(done.rows_affected > 0)
}

/// One line of an assignment's history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub kind: PathEvent,
    pub detail: String,
}

pub async fn add_event(
    ex: &impl Executor,
    org: OrganisationId,
    assignment: uuid::Uuid,
    at: DateTime<Utc>,
    actor: Option<UserId>,
    kind: PathEvent,
    detail: &str,
) -> Result<(), RepoError> {
    path_events::Entity::insert(path_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(org.as_uuid()),
        assignment_id: Set(assignment),
        at: Set(at),
        actor_id: Set(actor.map(|u| u.as_uuid())),
        kind: Set(kind.as_str().to_owned()),
        detail: Set(detail.to_owned()),
    })
    .exec_without_returning(ex.conn())
    .await?;
    Ok(())
}

/// The assignment's history, oldest first.
pub async fn events(
    ex: &impl Executor,
    org: OrganisationId,
    assignment: uuid::Uuid,
) -> Result<Vec<Event>, RepoError> {
    path_events::Entity::find()
        .filter(path_events::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_events::Column::AssignmentId.eq(assignment))
        .order_by_asc(path_events::Column::At)
        .order_by_asc(path_events::Column::Id)
        .all(ex.conn())
        .await?
        .into_iter()
        .map(|r| {
            Ok(Event {
                at: r.at,
                actor: r.actor_id.map(UserId::from_uuid),
                kind: PathEvent::parse(&r.kind).ok_or_else(|| corrupt("path_events", "kind"))?,
                detail: r.detail,
            })
        })
        .collect()
}

/// How many active assignments each template has.
pub async fn active_counts(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<std::collections::HashMap<uuid::Uuid, usize>, RepoError> {
    use sea_orm::QuerySelect;
    let mut out = std::collections::HashMap::new();
    for template in path_assignments::Entity::find()
        .select_only()
        .column(path_assignments::Column::TemplateId)
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_assignments::Column::Status.eq(AssignmentStatus::Active.as_str()))
        .filter(path_assignments::Column::TemplateId.is_not_null())
        .into_tuple::<Option<uuid::Uuid>>()
        .all(ex.conn())
        .await?
        .into_iter()
        .flatten()
    {
        *out.entry(template).or_insert(0) += 1;
    }
    Ok(out)
}

/// Takes the assignment's row lock for the rest of the transaction (PostgreSQL; SQLite has
/// one writer anyway), so that two steps completing at once see each other's write.
pub async fn lock(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
) -> Result<(), RepoError> {
    path_assignments::Entity::update_many()
        .col_expr(
            path_assignments::Column::Status,
            Expr::col(path_assignments::Column::Status),
        )
        .filter(path_assignments::Column::OrganisationId.eq(org.as_uuid()))
        .filter(path_assignments::Column::Id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
}
