//! People: their address, name, roles, language and time zone.

use std::fmt;
use std::str::FromStr;

use crate::ids::{OrganisationId, UserId};
use crate::locale::Locale;

/// A user as the rest of the domain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub organisation_id: OrganisationId,
    pub email: Email,
    pub display_name: DisplayName,
    pub roles: Roles,
    pub locale: Locale,
    pub time_zone: TimeZone,
    /// Deactivated users cannot sign in and their sessions end at once.
    pub active: bool,
    /// What other systems call this person, when an admin has said (for matching results).
    pub external_id: Option<ExternalId>,
}

/// Why a user's field was refused. Each variant has a stable code for clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UserFieldError {
    #[error("that is not a valid email address")]
    InvalidEmail,
    #[error("the name must have 1 to 100 characters")]
    InvalidDisplayName,
    #[error("unknown role")]
    UnknownRole,
    #[error("at least one role is needed")]
    NoRole,
    #[error("unknown time zone")]
    UnknownTimeZone,
    #[error("the external id must have 1 to 100 characters and no control characters")]
    InvalidExternalId,
}

impl UserFieldError {
    pub const fn code(self) -> &'static str {
        match self {
            UserFieldError::InvalidEmail => "invalid_email",
            UserFieldError::InvalidDisplayName => "invalid_display_name",
            UserFieldError::UnknownRole => "unknown_role",
            UserFieldError::NoRole => "no_role",
            UserFieldError::UnknownTimeZone => "unknown_time_zone",
            UserFieldError::InvalidExternalId => "invalid_external_id",
        }
    }
}

/// A syntactically plausible address, trimmed and lower-cased so it compares reliably.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// The longest address, in bytes (RFC 5321).
    pub const MAX_BYTES: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, UserFieldError> {
        let email = raw.trim().to_lowercase();
        let (local, domain) = email.split_once('@').ok_or(UserFieldError::InvalidEmail)?;
        let plausible = !local.is_empty()
            && local.len() <= 64
            && email.len() <= Self::MAX_BYTES
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Self(email))
        } else {
            Err(UserFieldError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a person is shown to others: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// The most characters a name may have (after trimming).
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, UserFieldError> {
        crate::text::name(raw, 1, Self::MAX_CHARS)
            .map(|name| Self(name.to_owned()))
            .ok_or(UserFieldError::InvalidDisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The identifier another system (a WFM, a dialler, a quality tool) knows a person by, such
/// as an employee number: trimmed, 1 to 100 characters, no control characters. It is
/// compared exactly (case matters), and is unique within an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalId(String);

impl ExternalId {
    /// The most characters an external id may have (after trimming).
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, UserFieldError> {
        crate::text::name(raw, 1, Self::MAX_CHARS)
            .map(|id| Self(id.to_owned()))
            .ok_or(UserFieldError::InvalidExternalId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ExternalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a person may do. One person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Runs the organisation: people, teams, settings.
    Admin,
    /// Authors competencies, lessons, scenarios and tracks.
    Trainer,
    /// Coaches a team of agents.
    Lead,
    /// Takes the daily session.
    Agent,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Trainer, Role::Lead, Role::Agent];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Trainer => "trainer",
            Role::Lead => "lead",
            Role::Agent => "agent",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UserFieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or(UserFieldError::UnknownRole)
    }
}

/// A non-empty set of roles, kept sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Result<Self, UserFieldError> {
        let mut roles: Vec<Role> = roles.into_iter().collect();
        roles.sort();
        roles.dedup();
        if roles.is_empty() {
            Err(UserFieldError::NoRole)
        } else {
            Ok(Self(roles))
        }
    }

    /// Parses `"admin,lead"`.
    pub fn parse_list(list: &str) -> Result<Self, UserFieldError> {
        let roles = list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<Role>, _>>()?;
        Self::new(roles)
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// `"admin,lead"`, the stored form.
    pub fn to_list(&self) -> String {
        self.0
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// An IANA time zone name such as `Europe/Madrid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone(String);

impl TimeZone {
    pub fn parse(raw: &str) -> Result<Self, UserFieldError> {
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(|tz| Self(tz.name().to_owned()))
            .map_err(|_| UserFieldError::UnknownTimeZone)
    }

    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    /// Every name [`TimeZone::parse`] takes, as the bundled time zone database spells it.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The calendar date here at `at`.
    pub fn local_date(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        at.with_timezone(&self.tz()).date_naive()
    }

    /// The wall-clock time here at `at`.
    pub fn local_time(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveTime {
        at.with_timezone(&self.tz()).time()
    }

    /// The next instant after `after` when the wall clock here shows `time` (an hour that a
    /// clock change skips counts as its first valid minute after).
    pub fn next_local(
        &self,
        after: chrono::DateTime<chrono::Utc>,
        time: chrono::NaiveTime,
    ) -> chrono::DateTime<chrono::Utc> {
        use chrono::TimeZone as _;
        let tz = self.tz();
        let today = self.local_date(after);
        (0..3)
            .filter_map(|d| today.checked_add_days(chrono::Days::new(d)))
            .filter_map(|day| {
                (0..120).find_map(|m| {
                    let t = day.and_time(time) + chrono::Duration::minutes(m);
                    tz.from_local_datetime(&t).earliest()
                })
            })
            .map(|t| t.to_utc())
            .find(|t| *t > after)
            .unwrap_or(after)
    }

    /// The end of the local `date`: the instant the next local day begins (a due date set
    /// for a day lasts until then).
    pub fn end_of(&self, date: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
        self.start_of(date.succ_opt().unwrap_or(date))
    }

    /// The instant the local `date` begins (its first valid local time on days when clocks
    /// jump at midnight).
    pub fn start_of(&self, date: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
        use chrono::TimeZone as _;
        let tz = self.tz();
        (0..4)
            .find_map(|hour| {
                date.and_hms_opt(hour, 0, 0)
                    .and_then(|t| tz.from_local_datetime(&t).earliest())
            })
            .map_or_else(
                || date.and_time(chrono::NaiveTime::MIN).and_utc(),
                |t| t.to_utc(),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_dates_follow_the_zone() {
        use chrono::TimeZone as _;
        let zone = TimeZone::parse("Pacific/Auckland").unwrap_or_else(|e| panic!("{e}"));
        // 10:59 UTC on 28 November is 23:59 in Auckland (UTC+13); a minute later it is the 29th.
        let at = |h, m| {
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 28, h, m, 0)
                .single()
                .unwrap_or_else(|| panic!("a valid time"))
        };
        let (before, after) = (at(10, 59), at(11, 0));
        assert_eq!(zone.local_date(before).to_string(), "2026-11-28");
        assert_eq!(zone.local_date(after).to_string(), "2026-11-29");
        assert_eq!(zone.start_of(zone.local_date(after)), after);
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana.Lopez@Example.COM ").map(|e| e.to_string()),
            Ok("ana.lopez@example.com".to_owned())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "ana@.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn roles_parse_sort_and_refuse_unknowns() {
        let roles = Roles::parse_list("lead, admin,lead");
        assert_eq!(
            roles.as_ref().map(Roles::to_list),
            Ok("admin,lead".to_owned())
        );
        assert_eq!(Roles::parse_list("root"), Err(UserFieldError::UnknownRole));
        assert_eq!(Roles::parse_list(""), Err(UserFieldError::NoRole));
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(
            TimeZone::parse("Europe/Madrid").map(|t| t.as_str().to_owned()),
            Ok("Europe/Madrid".to_owned())
        );
        assert!(TimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn external_ids_are_trimmed_and_bounded() {
        assert_eq!(
            ExternalId::parse("  E-1042 ").map(|e| e.to_string()),
            Ok("E-1042".to_owned())
        );
        assert_eq!(
            ExternalId::parse(&"é".repeat(100)).map(|e| e.as_str().chars().count()),
            Ok(100)
        );
        for bad in ["", "   ", "E\u{0}1", "E\n1", "E\t1"] {
            assert_eq!(
                ExternalId::parse(bad),
                Err(UserFieldError::InvalidExternalId),
                "{bad:?} should be refused"
            );
        }
        assert!(ExternalId::parse(&"x".repeat(101)).is_err());
        assert_eq!(
            UserFieldError::InvalidExternalId.code(),
            "invalid_external_id"
        );
    }

    #[test]
    fn display_names_are_bounded() {
        assert!(DisplayName::parse("  ").is_err());
        assert!(DisplayName::parse(&"a".repeat(101)).is_err());
        assert!(DisplayName::parse("Lucía Fernández").is_ok());
    }
}
