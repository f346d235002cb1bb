//! Accounts and how people get in: founding an organisation, signing in, sessions and their
//! refresh tokens, passwords and their reset links, invitations. Access tokens are the HTTP
//! layer's business: a use case here answers an [`Opened`] session, and the caller turns it
//! into whatever its clients carry.

pub mod found;
pub mod invitation;
pub mod password;
pub mod password_reset;
pub mod people;
pub mod secret;
pub mod session;
pub mod throttle;

use chrono::{DateTime, Utc};
use cinco_domain::organisation::Organisation;
use cinco_domain::team::{Membership, TeamName};
use cinco_domain::user::User;
use cinco_domain::{SessionId, TeamId, UserId};
use cinco_persistence::{Executor, organisation, team};

use crate::AppError;

/// Where a request came from, as recorded on the session it opens.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub user_agent: String,
    pub ip: String,
    /// The browser signed in here before, as the device cookie it carries says.
    pub device: Option<KnownDevice>,
}

/// A browser that signed in as `user` before: its failed sign-ins count against the device,
/// not against the account or the address, so strangers guessing cannot lock it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownDevice {
    pub user: UserId,
    /// The device's own id (its throttle key).
    pub id: uuid::Uuid,
}

/// One of a person's teams, with their place in it.
#[derive(Debug, Clone)]
pub struct TeamPlace {
    pub id: TeamId,
    pub name: TeamName,
    pub membership: Membership,
}

/// What a signed-in person sees of themselves: the account, its organisation and teams.
#[derive(Debug, Clone)]
pub struct Profile {
    pub user: User,
    pub organisation: Organisation,
    pub teams: Vec<TeamPlace>,
}

/// A session that has just started or been refreshed: whose it is, and the refresh token to
/// hand to the client (stored only as its digest, so this is the one chance to read it).
#[derive(Debug)]
pub struct Opened {
    pub profile: Profile,
    pub session_id: SessionId,
    pub refresh_token: String,
}

/// `user`'s teams, by name.
pub async fn teams_of(ex: &impl Executor, user: &User) -> Result<Vec<TeamPlace>, AppError> {
    let memberships = team::memberships_of(ex, user.organisation_id, user.id).await?;
    if memberships.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<_> = memberships.iter().map(|(id, _)| *id).collect();
    let names = team::names(ex, user.organisation_id, &ids).await?;
    Ok(names
        .into_iter()
        .flat_map(|(id, name)| {
            memberships
                .iter()
                .filter(move |(m_id, _)| *m_id == id)
                .map(move |(_, membership)| TeamPlace {
                    id,
                    name: name.clone(),
                    membership: *membership,
                })
        })
        .collect())
}

/// `user`'s profile, read on `ex`.
pub async fn profile(ex: &impl Executor, user: User) -> Result<Profile, AppError> {
    let organisation = organisation::get(ex, user.organisation_id).await?;
    let teams = teams_of(ex, &user).await?;
    Ok(Profile {
        user,
        organisation,
        teams,
    })
}

/// Opens a session for `user` on `ex` (the caller's transaction) with a new refresh token.
pub(crate) async fn open(
    ex: &impl Executor,
    user: User,
    client: &Client,
    now: DateTime<Utc>,
) -> Result<Opened, AppError> {
    let refresh_token = secret::new_token();
    let opened = cinco_persistence::session::open(
        ex,
        user.organisation_id,
        user.id,
        &client.user_agent,
        &client.ip,
        &secret::hash(&refresh_token),
        now,
    )
    .await?;
    Ok(Opened {
        profile: profile(ex, user).await?,
        session_id: opened.id,
        refresh_token,
    })
}
