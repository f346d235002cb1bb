//! Invitations: admins invite anyone; leads invite agents to the teams they lead. The link is
//! single-use, random, stored as its digest and valid for 7 days; accepting it creates the
//! account with a password, joins the team and signs in.

use cinco_domain::password::NewPassword;
use cinco_domain::team::Membership;
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{InvitationId, Locale, Role, TeamId, UserId};
use cinco_persistence::invitation::{self, Invitation, NewInvitation};
use cinco_persistence::{Executor, RepoError, organisation, outbox, team, user};

use super::{Client, Opened, password, secret};
use crate::mail::templates;
use crate::path::give::joined_team;
use crate::{Actor, App, AppError, ErrorCode};

/// Whom to invite, as whom, into which team.
#[derive(Debug)]
pub struct Invite {
    pub email: Email,
    pub display_name: DisplayName,
    pub roles: Roles,
    pub team_id: Option<TeamId>,
    /// The organisation's default when absent.
    pub locale: Option<Locale>,
}

fn already_member() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AlreadyMember,
        detail: "someone with that address already has an account".to_owned(),
    }
}

fn invalid() -> AppError {
    AppError::Rejected {
        code: ErrorCode::InvitationInvalid,
        detail: "this invitation link is unknown, already used, revoked or expired".to_owned(),
    }
}

/// Invites someone by mail; the mail is queued with the invitation.
pub async fn invite(app: &App, actor: &Actor, invite: Invite) -> Result<Invitation, AppError> {
    if let Some(team_id) = invite.team_id {
        team::get(&app.db, actor.org, team_id)
            .await
            .map_err(|_| AppError::field("team_id", "unknown_team", "no such team"))?;
    }
    if !actor.is(Role::Admin) {
        let only_agent = invite.roles.iter().all(|r| r == Role::Agent);
        let own_team = match invite.team_id {
            Some(t) => actor.led_teams(&app.db).await?.contains(&t),
            None => false,
        };
        if !only_agent || !own_team {
            return Err(AppError::Denied {
                code: ErrorCode::LeadsInviteOwnAgents,
                detail: "leads may invite agents to the teams they lead".to_owned(),
            });
        }
    }
    // Someone of this organisation: the admin can see them anyway. Someone of another one:
    // the invitation is made as for anyone, so the answer reveals no account elsewhere, and
    // its owner is told instead of getting a link (an address belongs to one organisation).
    let elsewhere = match user::credentials_by_email(&app.db, &invite.email).await? {
        Some(c) if c.user.organisation_id == actor.org => return Err(already_member()),
        Some(_) => true,
        None => false,
    };
    let org = organisation::get(&app.db, actor.org).await?;
    let new = NewInvitation {
        organisation_id: actor.org,
        email: invite.email,
        display_name: invite.display_name,
        roles: invite.roles,
        team_id: invite.team_id,
        locale: invite.locale.unwrap_or(org.default_locale),
        invited_by: actor.user,
    };
    let token = secret::new_token();
    let tx = app.db.begin().await?;
    let created = invitation::insert(&tx, &new, &secret::hash(&token), app.clock.now()).await?;
    if elsewhere {
        queue_mail_elsewhere(&tx, app, actor, &created).await?;
    } else {
        queue_mail(&tx, app, actor, &created, &token).await?;
    }
    tx.commit().await?;
    Ok(created)
}

/// Tells the owner of an address that has an account in another organisation that they were
/// invited, and that they cannot accept with this address.
async fn queue_mail_elsewhere(
    ex: &impl Executor,
    app: &App,
    actor: &Actor,
    inv: &Invitation,
) -> Result<(), AppError> {
    let org = organisation::get(ex, actor.org).await?;
    let inviter = user::get(ex, actor.org, actor.user).await?;
    let vars = templates::Vars {
        name: inv.display_name.as_str(),
        org: org.name.as_str(),
        inviter: inviter.display_name.as_str(),
    };
    outbox::enqueue(
        ex,
        templates::invitation_elsewhere(
            inv.locale,
            vars,
            &app.link("/sign-in"),
            inv.email.as_str(),
            org.id,
        ),
        app.clock.now(),
    )
    .await?;
    Ok(())
}

/// The invitation if the actor may manage it: admins any, leads those for their teams.
pub async fn manageable(
    app: &App,
    actor: &Actor,
    id: InvitationId,
) -> Result<Invitation, AppError> {
    let inv = invitation::get(&app.db, actor.org, id).await?;
    if !actor.is(Role::Admin) {
        let mine = actor.led_teams(&app.db).await?;
        if !inv.team_id.is_some_and(|t| mine.contains(&t)) {
            return Err(AppError::NotFound);
        }
    }
    Ok(inv)
}

/// Sends an open invitation again with a new link (the old one stops working) and 7 more
/// days.
pub async fn resend(app: &App, actor: &Actor, id: InvitationId) -> Result<Invitation, AppError> {
    let inv = manageable(app, actor, id).await?;
    if inv.accepted_at.is_some() || inv.revoked_at.is_some() {
        return Err(AppError::NotFound);
    }
    let token = secret::new_token();
    let tx = app.db.begin().await?;
    let renewed = invitation::renew(
        &tx,
        actor.org,
        inv.id,
        &secret::hash(&token),
        app.clock.now(),
    )
    .await?;
    queue_mail(&tx, app, actor, &renewed, &token).await?;
    tx.commit().await?;
    Ok(renewed)
}

/// Revokes an invitation the actor may manage; its link stops working.
pub async fn revoke(app: &App, actor: &Actor, id: InvitationId) -> Result<(), AppError> {
    let inv = manageable(app, actor, id).await?;
    invitation::revoke(&app.db, actor.org, inv.id, app.clock.now()).await?;
    Ok(())
}

async fn queue_mail(
    ex: &impl Executor,
    app: &App,
    actor: &Actor,
    inv: &Invitation,
    token: &str,
) -> Result<(), AppError> {
    let org = organisation::get(ex, actor.org).await?;
    let inviter = user::get(ex, actor.org, actor.user).await?;
    let link = app.link(&format!("/accept-invitation?token={token}"));
    let vars = templates::Vars {
        name: inv.display_name.as_str(),
        org: org.name.as_str(),
        inviter: inviter.display_name.as_str(),
    };
    outbox::enqueue(
        ex,
        templates::invitation(inv.locale, vars, &link, inv.email.as_str(), org.id),
        app.clock.now(),
    )
    .await?;
    Ok(())
}

/// The open invitation a link's token belongs to.
pub async fn open_by_token(app: &App, token: &str) -> Result<Invitation, AppError> {
    invitation::find_by_token(&app.db, &secret::hash(token))
        .await?
        .filter(|i| i.is_open(app.clock.now()))
        .ok_or_else(invalid)
}

/// What the invited person chooses when accepting.
#[derive(Debug)]
pub struct Acceptance {
    pub password: String,
    /// The name on the invitation when absent.
    pub display_name: Option<DisplayName>,
    /// UTC when absent.
    pub time_zone: Option<TimeZone>,
}

/// Accepts an invitation: the account is created with the chosen password, joins the
/// invitation's team (and its paths, as an agent) and is signed in.
pub async fn accept(
    app: &App,
    token: &str,
    acceptance: Acceptance,
    client: &Client,
) -> Result<Opened, AppError> {
    let inv = open_by_token(app, token).await?;
    let new_password = NewPassword::parse(&acceptance.password, &inv.email)
        .map_err(|e| AppError::field("password", e.code(), e.to_string()))?;
    let hash = password::hash(new_password).await?;
    let account = User {
        id: UserId::new(),
        organisation_id: inv.organisation_id,
        email: inv.email.clone(),
        display_name: acceptance
            .display_name
            .unwrap_or_else(|| inv.display_name.clone()),
        roles: inv.roles.clone(),
        locale: inv.locale,
        time_zone: acceptance.time_zone.unwrap_or_else(TimeZone::utc),
        active: true,
        external_id: None,
    };
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    if !invitation::mark_accepted(&tx, inv.id, &secret::hash(token), now).await? {
        return Err(invalid());
    }
    user::insert(&tx, &account, &hash, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => already_member(),
            other => other.into(),
        })?;
    if let Some(team_id) = inv.team_id {
        for (role, membership) in [
            (Role::Agent, Membership::Agent),
            (Role::Lead, Membership::Lead),
        ] {
            if account.roles.contains(role) {
                team::add_member(&tx, inv.organisation_id, team_id, account.id, membership).await?;
            }
        }
        if account.roles.contains(Role::Agent) {
            joined_team(&tx, inv.organisation_id, team_id, account.id, now).await?;
        }
    }
    let opened = super::open(&tx, account, client, now).await?;
    tx.commit().await?;
    Ok(opened)
}
