//! Founding an organisation with its first admin: from the sign-up page, or from the shell
//! with `cinco create-admin` when open sign-up is switched off.

use chrono::{DateTime, Utc};
use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::password::NewPassword;
use cinco_domain::user::{DisplayName, Email, Roles, TimeZone, User};
use cinco_domain::{Locale, OrganisationId, Role, UserId};
use cinco_persistence::{Database, Executor, RepoError, organisation, outbox, sign_up, user};

use super::{Client, Opened, password, secret, throttle};
use crate::mail::templates;
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

/// Starts founding `name` with `founder` as its admin: mails a link that confirms the address
/// (see [`confirm`]); nothing is created or reserved until it is opened.
///
/// The answer is the same whether the address has an account or not, after the same work
/// (the password is hashed either way): if it has one, its owner is mailed that someone
/// tried, and nothing else happens. Each address may be asked for five times, then at
/// growing intervals (429 with `Retry-After`), so nobody can flood someone's inbox.
pub async fn request(app: &App, name: OrganisationName, founder: Founder) -> Result<(), AppError> {
    let now = app.clock.now();
    let account = founder.account;
    throttle::admit_sign_up(&app.db, &account.email, now).await?;
    let password_hash = password::hash(founder.password).await?;
    let taken = user::email_taken(&app.db, &account.email).await?;
    let vars = templates::Vars {
        name: account.display_name.as_str(),
        org: name.as_str(),
        inviter: "",
    };
    let tx = app.db.begin().await?;
    let mail = if taken {
        templates::sign_up_existing_account(
            account.locale,
            vars,
            &app.link("/sign-in"),
            account.email.as_str(),
        )
    } else {
        let token = secret::new_token();
        let pending = sign_up::Pending {
            email: account.email.as_str().to_owned(),
            organisation_name: name.as_str().to_owned(),
            display_name: account.display_name.as_str().to_owned(),
            locale: account.locale.to_string(),
            time_zone: account.time_zone.as_str().to_owned(),
            password_hash,
        };
        sign_up::insert(&tx, pending, &secret::hash(&token), now).await?;
        templates::sign_up_confirmation(
            account.locale,
            vars,
            &app.link(&format!("/confirm-sign-up?token={token}")),
            account.email.as_str(),
        )
    };
    outbox::enqueue(&tx, mail, now).await?;
    tx.commit().await?;
    Ok(())
}

fn link_invalid() -> AppError {
    AppError::Rejected {
        code: ErrorCode::SignUpLinkInvalid,
        detail: "this sign-up link is unknown, already used or expired; sign up again".to_owned(),
    }
}

/// Opens a sign-up's mailed link: founds its organisation with its admin and signs them in.
/// The link works once; if the address got an account meanwhile, 409 `email_taken`.
pub async fn confirm(app: &App, token: &str, client: &Client) -> Result<Opened, AppError> {
    let now = app.clock.now();
    let tx = app.db.begin().await?;
    let pending = sign_up::consume(&tx, &secret::hash(token), now)
        .await?
        .ok_or_else(link_invalid)?;
    // What was stored was parsed at sign-up; a value that no longer parses is a corrupt row.
    let corrupt = |field: &str| AppError::internal(anyhow::anyhow!("sign-up request: {field}"));
    let name = OrganisationName::parse(&pending.organisation_name).map_err(|_| corrupt("name"))?;
    let account = FounderAccount {
        email: Email::parse(&pending.email).map_err(|_| corrupt("email"))?,
        display_name: DisplayName::parse(&pending.display_name)
            .map_err(|_| corrupt("display_name"))?,
        locale: pending.locale.parse().map_err(|_| corrupt("locale"))?,
        time_zone: TimeZone::parse(&pending.time_zone).map_err(|_| corrupt("time_zone"))?,
    };
    if user::email_taken(&tx, &account.email).await? {
        return Err(email_taken());
    }
    let admin = found(&tx, name, account, &pending.password_hash, now).await?;
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
        external_id: None,
    };
    organisation::insert(ex, &org, now).await?;
    // The organisation's months (the pulse) begin in the founder's time zone.
    organisation::set_time_zone(ex, org.id, &admin.time_zone).await?;
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
