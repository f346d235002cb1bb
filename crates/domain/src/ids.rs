//! Typed identifiers. Every public identifier is a UUID; the type says what it names, so
//! a `UserId` can never be passed where an `OrganisationId` is expected.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered identifier (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an identifier read from storage or from a trusted token.
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The underlying UUID.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    };
}

typed_id!(
    /// An organisation: the tenant that owns everything else.
    OrganisationId
);
typed_id!(
    /// A person with an account. Public: it is the `sub` of access tokens.
    UserId
);
typed_id!(
    /// A team of agents under one or more leads.
    TeamId
);
typed_id!(
    /// A signed-in session (one device), the family of its refresh tokens.
    SessionId
);
typed_id!(
    /// An invitation to join an organisation.
    InvitationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = OrganisationId::new();
        let parsed: OrganisationId = id.to_string().parse().unwrap_or_default();
        assert_eq!(parsed, id);
    }

    #[test]
    fn new_ids_are_distinct_and_time_ordered() {
        let a = OrganisationId::new();
        let b = OrganisationId::new();
        assert_ne!(a, b);
        assert!(a < b, "UUIDv7 identifiers sort by creation time");
    }

    #[test]
    fn garbage_is_not_an_id() {
        assert!("not-a-uuid".parse::<OrganisationId>().is_err());
    }
}
