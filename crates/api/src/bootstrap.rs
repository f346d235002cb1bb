//! Founding an organisation with its first admin: from the sign-up page, or from the shell
//! with `cinco create-admin` when open sign-up is switched off.

use cinco_app::ErrorCode;
use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::password::NewPassword;
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, UserId};
use cinco_persistence::{Database, Executor, RepoError, organisation, user};

use crate::error::ApiError;

/// The first admin of a new organisation.
#[derive(Debug)]
pub struct Founder {
    pub email: Email,
    pub display_name: DisplayName,
    pub locale: Locale,
    pub time_zone: TimeZone,
    /// An argon2 PHC string.
    pub password_hash: String,
}

/// Stores a new organisation (named `name`, speaking the founder's language by default and
/// offering all) and its admin; returns the admin.
pub async fn found_organisation(
    ex: &impl Executor,
    name: OrganisationName,
    founder: Founder,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<User, ApiError> {
    let org = Organisation {
        id: OrganisationId::new(),
        slug: unique_slug(ex, &name).await?,
        name,
        default_locale: founder.locale,
        offered_locales: offered_locales(founder.locale, Locale::ALL)
            .map_err(ApiError::internal)?,
        lesson_review_required: false,
    };
    let admin = User {
        id: UserId::new(),
        organisation_id: org.id,
        email: founder.email,
        display_name: founder.display_name,
        roles: Roles::new([Role::Admin]).map_err(ApiError::internal)?,
        locale: founder.locale,
        time_zone: founder.time_zone,
        active: true,
    };
    organisation::insert(ex, &org, now).await?;
    user::insert(ex, &admin, &founder.password_hash, now)
        .await
        .map_err(|e| match e {
            RepoError::Conflict(_) => email_taken(),
            other => other.into(),
        })?;
    Ok(admin)
}

pub fn email_taken() -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::EmailTaken,
        detail: "an account with that address already exists".to_owned(),
    }
}

/// A slug from the name, with a numeric suffix if it is taken.
async fn unique_slug(ex: &impl Executor, name: &OrganisationName) -> Result<Slug, ApiError> {
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
        let slug = Slug::parse(&candidate).map_err(ApiError::internal)?;
        if organisation::find_by_slug(ex, &slug).await?.is_none() {
            return Ok(slug);
        }
    }
    Err(ApiError::internal(anyhow::anyhow!(
        "no free slug for {}",
        name.as_str()
    )))
}

/// `cinco create-admin`: founds an organisation from the shell.
pub async fn create_admin(
    db: &Database,
    org_name: &str,
    email: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<User> {
    let email = Email::parse(email)?;
    let founder = Founder {
        display_name: DisplayName::parse(name)?,
        locale: Locale::Es,
        time_zone: TimeZone::utc(),
        password_hash: crate::auth::password::hash(NewPassword::parse(password, &email)?).await?,
        email,
    };
    let tx = db.begin().await?;
    let admin = found_organisation(
        &tx,
        OrganisationName::parse(org_name)?,
        founder,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    tx.commit().await?;
    Ok(admin)
}
