//! Demo data for `cinco seed-demo` and `make run`: safe to run again, it only adds what is
//! missing.

use std::fmt;

use cinco_domain::organisation::{Organisation, OrganisationName, Slug, offered_locales};
use cinco_domain::{Locale, OrganisationId};
use cinco_persistence::{Database, organisation};

/// What the seed created or found, printed for the person running `make run`.
#[derive(Debug)]
pub struct SeedReport {
    pub organisation: String,
    pub created: bool,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.created { "created" } else { "already present" };
        writeln!(f, "Demo organisation \"{}\" {verb}.", self.organisation)
    }
}

const DEMO_NAME: &str = "Demo Contact Center";
const DEMO_SLUG: &str = "demo-contact-center";

/// Creates the demo organisation (Spanish by default, English and Italian offered).
pub async fn demo(db: &Database) -> anyhow::Result<SeedReport> {
    let slug = Slug::parse(DEMO_SLUG)?;
    if organisation::find_by_slug(db, &slug).await?.is_some() {
        return Ok(SeedReport {
            organisation: DEMO_NAME.to_owned(),
            created: false,
        });
    }
    let org = Organisation {
        id: OrganisationId::new(),
        name: OrganisationName::parse(DEMO_NAME)?,
        slug,
        default_locale: Locale::Es,
        offered_locales: offered_locales(Locale::Es, Locale::ALL)?,
    };
    organisation::insert(db, &org).await?;
    Ok(SeedReport {
        organisation: DEMO_NAME.to_owned(),
        created: true,
    })
}
