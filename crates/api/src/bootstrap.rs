//! `cinco create-admin`: founding an organisation from the shell when open sign-up is
//! switched off. The use case is `cinco_app::account::found`; this reads its text input.

use cinco_app::account::found::{self, Founder, FounderAccount};
use cinco_domain::Locale;
use cinco_domain::organisation::OrganisationName;
use cinco_domain::password::NewPassword;
use cinco_domain::user::{DisplayName, Email, TimeZone, User};
use cinco_persistence::Database;

/// Founds `org_name` with an admin at `email`, called `name`, signing in with `password`.
pub async fn create_admin(
    db: &Database,
    org_name: &str,
    email: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<User> {
    let email = Email::parse(email)?;
    let founder = Founder {
        password: NewPassword::parse(password, &email)?,
        account: FounderAccount {
            display_name: DisplayName::parse(name)?,
            locale: Locale::Es,
            time_zone: TimeZone::utc(),
            email,
        },
    };
    let admin = found::create_admin(
        db,
        OrganisationName::parse(org_name)?,
        founder,
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(admin)
}
