//! People. Every call takes the organisation id, except the sign-in lookup by address
//! (addresses are unique across the installation and the organisation is not known yet).

use chrono::{DateTime, Utc};
use cinco_domain::user::{DisplayName, Email, ExternalId, Roles, TimeZone, User};
use cinco_domain::{OrganisationId, Role, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{team_members, users};
use crate::executor::Executor;
use crate::{RepoError, corrupt};

/// A user with the hash of their password, for signing in.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

/// Stores a new user. A taken address is `Conflict("users.email")`.
pub async fn insert(
    ex: &impl Executor,
    user: &User,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let row = users::ActiveModel {
        id: Set(user.id.as_uuid()),
        organisation_id: Set(user.organisation_id.as_uuid()),
        email: Set(user.email.as_str().to_owned()),
        display_name: Set(user.display_name.as_str().to_owned()),
        password_hash: Set(password_hash.to_owned()),
        roles: Set(user.roles.to_list()),
        locale: Set(user.locale.code().to_owned()),
        time_zone: Set(user.time_zone.as_str().to_owned()),
        active: Set(user.active),
        created_at: Set(now),
        updated_at: Set(now),
        learning_revision: Set(0),
        external_id: Set(user.external_id.as_ref().map(|e| e.as_str().to_owned())),
    };
    users::Entity::insert(row)
        .exec_without_returning(ex.conn())
        .await
        .map_err(RepoError::on_unique("users.email"))?;
    Ok(())
}

/// The user with that id in that organisation.
pub async fn get(ex: &impl Executor, org: OrganisationId, id: UserId) -> Result<User, RepoError> {
    find_row(ex, org, id).await.and_then(to_domain)
}

/// The user with that id in that organisation, with their password hash.
pub async fn credentials(
    ex: &impl Executor,
    org: OrganisationId,
    id: UserId,
) -> Result<Credentials, RepoError> {
    let row = find_row(ex, org, id).await?;
    let password_hash = row.password_hash.clone();
    Ok(Credentials {
        user: to_domain(row)?,
        password_hash,
    })
}

/// Sign-in lookup by address, across organisations.
pub async fn credentials_by_email(
    ex: &impl Executor,
    email: &Email,
) -> Result<Option<Credentials>, RepoError> {
    let Some(row) = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(ex.conn())
        .await?
    else {
        return Ok(None);
    };
    let password_hash = row.password_hash.clone();
    Ok(Some(Credentials {
        user: to_domain(row)?,
        password_hash,
    }))
}

/// Whether an address is already taken anywhere.
pub async fn email_taken(ex: &impl Executor, email: &Email) -> Result<bool, RepoError> {
    let count = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .count(ex.conn())
        .await?;
    Ok(count > 0)
}

/// Filters for [`list`].
#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    /// Matches name, address or external id, case-insensitively.
    pub query: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Only members of these teams (as lead or agent).
    pub teams: Option<Vec<uuid::Uuid>>,
}

/// Users of an organisation, by name, at most `limit` from `offset`, with the total count.
pub async fn list(
    ex: &impl Executor,
    org: OrganisationId,
    filter: &UserFilter,
    limit: u64,
    offset: u64,
) -> Result<(Vec<User>, u64), RepoError> {
    let mut cond = Condition::all().add(users::Column::OrganisationId.eq(org.as_uuid()));
    if let Some(q) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        // `%`, `_` and `\` are searched for literally. Case folding is ASCII-only on SQLite.
        let escaped = q
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
        cond = cond.add(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(users::Column::DisplayName)))
                        .like(pattern.clone()),
                )
                .add(Expr::col(users::Column::Email).like(pattern.clone()))
                .add(Expr::expr(Func::lower(Expr::col(users::Column::ExternalId))).like(pattern)),
        );
    }
    if let Some(role) = filter.role {
        cond = cond.add(users::Column::Roles.like(format!("%{}%", role.as_str())));
    }
    if let Some(active) = filter.active {
        cond = cond.add(users::Column::Active.eq(active));
    }
    if let Some(teams) = &filter.teams {
        let members: Vec<uuid::Uuid> = team_members::Entity::find()
            .select_only()
            .column(team_members::Column::UserId)
            .filter(team_members::Column::OrganisationId.eq(org.as_uuid()))
            .filter(team_members::Column::TeamId.is_in(teams.clone()))
            .into_tuple()
            .all(ex.conn())
            .await?;
        cond = cond.add(users::Column::Id.is_in(members));
    }
    let query = users::Entity::find().filter(cond);
    let total = query.clone().count(ex.conn()).await?;
    let rows = query
        .order_by_asc(users::Column::DisplayName)
        .order_by_asc(users::Column::Id)
        // The databases take signed 64-bit counts; past that there is nothing to skip to.
        .limit(Ord::min(limit, i64::MAX as u64))
        .offset(Ord::min(offset, i64::MAX as u64))
        .all(ex.conn())
        .await?;
    let users = rows.into_iter().map(to_domain).collect::<Result<_, _>>()?;
    Ok((users, total))
}

/// The changes [`update`] can make; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct UserChanges {
    pub display_name: Option<DisplayName>,
    pub roles: Option<Roles>,
    pub locale: Option<cinco_domain::Locale>,
    pub time_zone: Option<TimeZone>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
}

/// Applies `changes` and returns the updated user.
pub async fn update(
    ex: &impl Executor,
    org: OrganisationId,
    id: UserId,
    changes: UserChanges,
    now: DateTime<Utc>,
) -> Result<User, RepoError> {
    let mut row = find_row(ex, org, id).await?.into_active_model();
    if let Some(name) = changes.display_name {
        row.display_name = Set(name.as_str().to_owned());
    }
    if let Some(roles) = changes.roles {
        row.roles = Set(roles.to_list());
    }
    if let Some(locale) = changes.locale {
        row.locale = Set(locale.code().to_owned());
    }
    if let Some(tz) = changes.time_zone {
        row.time_zone = Set(tz.as_str().to_owned());
    }
    if let Some(active) = changes.active {
        row.active = Set(active);
    }
    if let Some(hash) = changes.password_hash {
        row.password_hash = Set(hash);
    }
    row.updated_at = Set(now);
    let row = row.update(ex.conn()).await?;
    // Roles, language and time zone shape the person's day (limits, titles, midnight).
    touch_learning(ex, org, id).await?;
    to_domain(row)
}

/// Sets (or with `None` clears) the person's external id and returns them. An id another
/// person of the organisation has is `Conflict("users.external_id")`.
pub async fn set_external_id(
    ex: &impl Executor,
    org: OrganisationId,
    id: UserId,
    external_id: Option<&ExternalId>,
    now: DateTime<Utc>,
) -> Result<User, RepoError> {
    let mut row = find_row(ex, org, id).await?.into_active_model();
    row.external_id = Set(external_id.map(|e| e.as_str().to_owned()));
    row.updated_at = Set(now);
    let row = row
        .update(ex.conn())
        .await
        .map_err(RepoError::on_unique("users.external_id"))?;
    to_domain(row)
}

/// How many active admins an organisation has (the last one cannot be demoted).
pub async fn count_active_admins(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<u64, RepoError> {
    Ok(users::Entity::find()
        .filter(users::Column::OrganisationId.eq(org.as_uuid()))
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Roles.like("%admin%"))
        .count(ex.conn())
        .await?)
}

async fn find_row(
    ex: &impl Executor,
    org: OrganisationId,
    id: UserId,
) -> Result<users::Model, RepoError> {
    users::Entity::find_by_id(id.as_uuid())
        .filter(users::Column::OrganisationId.eq(org.as_uuid()))
        .one(ex.conn())
        .await?
        .ok_or(RepoError::NotFound)
}

fn to_domain(row: users::Model) -> Result<User, RepoError> {
    let what = format!("user {}", row.id);
    Ok(User {
        id: UserId::from_uuid(row.id),
        organisation_id: OrganisationId::from_uuid(row.organisation_id),
        email: Email::parse(&row.email).map_err(|_| corrupt(&what, "email"))?,
        display_name: DisplayName::parse(&row.display_name)
            .map_err(|_| corrupt(&what, "display_name"))?,
        roles: Roles::parse_list(&row.roles).map_err(|_| corrupt(&what, "roles"))?,
        locale: row.locale.parse().map_err(|_| corrupt(&what, "locale"))?,
        time_zone: TimeZone::parse(&row.time_zone).map_err(|_| corrupt(&what, "time_zone"))?,
        active: row.active,
        external_id: row
            .external_id
            .as_deref()
            .map(ExternalId::parse)
            .transpose()
            .map_err(|_| corrupt(&what, "external_id"))?,
    })
}

/// Marks that something changed in the person's learning day (an answer, a review, a
/// completion, their session), so any cached view of it is stale. Call it in the same
/// transaction as the change.
pub async fn touch_learning(
    ex: &impl Executor,
    org: OrganisationId,
    user: UserId,
) -> Result<(), RepoError> {
    users::Entity::update_many()
        .col_expr(
            users::Column::LearningRevision,
            Expr::col(users::Column::LearningRevision).add(1),
        )
        .filter(users::Column::OrganisationId.eq(org.as_uuid()))
        .filter(users::Column::Id.eq(user.as_uuid()))
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Every address of the organisation with its person (for matching imported rows).
pub async fn ids_by_email(
    ex: &impl Executor,
    org: OrganisationId,
) -> Result<std::collections::HashMap<String, UserId>, RepoError> {
    let rows: Vec<(uuid::Uuid, String)> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Email)
        .filter(users::Column::OrganisationId.eq(org.as_uuid()))
        .into_tuple()
        .all(ex.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email)| (email, UserId::from_uuid(id)))
        .collect())
}

/// The people of the organisation with these external ids, by external id (ids nobody has
/// are absent). One query per thousand ids, whatever their number.
pub async fn ids_by_external_id(
    ex: &impl Executor,
    org: OrganisationId,
    ids: &[ExternalId],
) -> Result<std::collections::HashMap<ExternalId, UserId>, RepoError> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for batch in ids.chunks(1_000) {
        let rows: Vec<(uuid::Uuid, Option<String>)> = users::Entity::find()
            .select_only()
            .column(users::Column::Id)
            .column(users::Column::ExternalId)
            .filter(users::Column::OrganisationId.eq(org.as_uuid()))
            .filter(users::Column::ExternalId.is_in(batch.iter().map(ExternalId::as_str)))
            .into_tuple()
            .all(ex.conn())
            .await?;
        for (id, external_id) in rows {
            if let Some(external_id) = external_id
                .as_deref()
                .and_then(|e| ExternalId::parse(e).ok())
            {
                found.insert(external_id, UserId::from_uuid(id));
            }
        }
    }
    Ok(found)
}
