//! Founding an organisation with its first admin: from the sign-up page, or from the shell
//! with `cinco create-admin` when open sign-up is switched off.

use chrono::{DateTime, Utc};
use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::password::NewPassword;
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, UserId};
use cinco_persistence::{Database, Executor, RepoError, organisation, user};

use super::{Client, Opened, password};
use crate::{App, AppError, ErrorCode};

/// The first admin of a new organisation.
#[derive(Debug)]
pub struct Founder {
    pub account: FounderAccount,
    pub password: NewPassword,
}

/// Who the first admin is.
#[derive(Debug)]
pub struct FounderAccount {
    pub email: Email,
    pub display_name: DisplayName,
    pub locale: Locale,
    pub time_zone: TimeZone,
}

/// Founds `name` with `founder` as its admin and signs them in.
pub async fn sign_up(
    app: &App,
    name: OrganisationName,
    founder: Founder,
    client: &Client,
) -> Result<Opened, AppError> {
    if user::email_taken(&app.db, &founder.account.email).await? {
        return Err(email_taken());
    }
    let now = app.clock.now();
    // The slow hash happens before the transaction, so no write lock waits for it.
    let password_hash = password::hash(founder.password).await?;
    let tx = app.db.begin().await?;
    let admin = found(&tx, name, founder.account, &password_hash, now).await?;
    let opened = super::open(&tx, admin, client, now).await?;
    tx.commit().await?;
    Ok(opened)
}

/// `cinco create-admin`: founds an organisation from the shell at `now`; answers its admin.
pub async fn create_admin(
    db: &Database,
    name: OrganisationName,
    founder: Founder,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let password_hash = password::hash(founder.password).await?;
    let tx = db.begin().await?;
    let admin = found(&tx, name, founder.account, &password_hash, now).await?;
    tx.commit().await?;
    Ok(admin)
}

/// Stores a new organisation (named `name`, speaking the founder's language by default and
/// offering all) and its admin, whose password hashes to `password_hash`; answers the admin.
pub async fn found(
    ex: &impl Executor,
    name: OrganisationName,
    founder: FounderAccount,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let org = Organisation {
        id: OrganisationId::new(),
        slug: unique_slug(ex, &name).await?,
        name,
        default_locale: founder.locale,
        offered_locales: offered_locales(founder.locale, Locale::ALL)
            .map_err(AppError::internal)?,
        lesson_review_required: false,
    };
    let admin = User {
        id: UserId::new(),
        organisation_id: org.id,
        email: founder.email,
        display_name: founder.display_name,
        roles: Roles::new([Role::Admin]).map_err(AppError::internal)?,
        locale: founder.locale,
        time_zone: founder.time_zone,
        active: true,
    };
    organisation::insert(ex, &org, now).await?;
    user::insert(ex, &admin, password_hash, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => email_taken(),
            other => other.into(),
        })?;
    Ok(admin)
}

fn email_taken() -> AppError {
    AppError::Conflict {
        code: ErrorCode::EmailTaken,
        detail: "an account with that address already exists".to_owned(),
    }
}

/// A slug from the name, with a numeric suffix if it is taken.
async fn unique_slug(ex: &impl Executor, name: &OrganisationName) -> Result<Slug, AppError> {
    let base = Slug::suggest(name.as_str());
    let base = if base.len() < 2 {
        "org".to_owned()
    } else {
        base
    };
    for n in 1..100 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{}-{n}", base.chars().take(58).collect::<String>())
        };
        let slug = Slug::parse(&candidate).map_err(AppError::internal)?;
        if organisation::find_by_slug(ex, &slug).await?.is_none() {
            return Ok(slug);
        }
    }
    Err(AppError::internal(anyhow::anyhow!(
        "no free slug for {}",
        name.as_str()
    )))
}
