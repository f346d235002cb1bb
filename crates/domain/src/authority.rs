//! Authority limits: the decisions an agent may take for a customer without asking anyone
//! (waive a fee, give a goodwill credit, send a free replacement…), each with the amount
//! each role may grant. Making the limits explicit is what lets agents decide without
//! fear; scenarios train inside them.

use crate::certification::Level;
use crate::competency::LocalizedText;
use crate::lesson::Key;
use crate::scenario::Limits;
use crate::user::{Role, Roles};

/// What a decision type grants the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grant {
    /// Money (a waived fee, a credit): each role may grant up to an amount.
    #[default]
    Amount,
    /// A yes/no exception without an amount (bend a cut-off time, open a staff-only cash
    /// machine): a role may make it, or must ask.
    Permission,
}

impl Grant {
    pub const ALL: [Grant; 2] = [Grant::Amount, Grant::Permission];

    pub const fn as_str(self) -> &'static str {
        match self {
            Grant::Amount => "amount",
            Grant::Permission => "permission",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "amount" => Some(Grant::Amount),
            "permission" => Some(Grant::Permission),
            _ => None,
        }
    }
}

/// A decision type of the organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub key: Key,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub grant: Grant,
    /// Cents each role may grant without approval; a role not listed may grant nothing. For
    /// a permission, the roles listed (with 0) may make the exception.
    pub role_limits: Vec<(Role, i64)>,
    /// Cents by certification (set by train-the-trainer certifications): whoever holds the
    /// certification may grant up to this, if it is more than their role allows. For a
    /// permission, holders of a listed certification may make the exception.
    pub certification_limits: Vec<(String, i64)>,
}

/// Why an amount does not fit a decision type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("this decision grants an amount: say how much")]
    Missing,
    #[error("this decision is a permission: it has no amount")]
    NotAnAmount,
}

impl Decision {
    /// Whether `cents` fits the type: an amount type needs one above zero, a permission
    /// none.
    pub fn check_amount(&self, cents: Option<i64>) -> Result<(), AmountError> {
        match (self.grant, cents) {
            (Grant::Amount, Some(c)) if c > 0 => Ok(()),
            (Grant::Amount, _) => Err(AmountError::Missing),
            (Grant::Permission, None | Some(0)) => Ok(()),
            (Grant::Permission, Some(_)) => Err(AmountError::NotAnAmount),
        }
    }

    /// The most that someone with `roles` and `certifications` may grant.
    pub fn limit_for(&self, roles: &Roles, certifications: &[String]) -> Option<i64> {
        let by_role = self
            .role_limits
            .iter()
            .filter(|(role, _)| roles.contains(*role))
            .map(|(_, cents)| *cents);
        let by_certification = self
            .certification_limits
            .iter()
            .filter(|(c, _)| certifications.contains(c))
            .map(|(_, cents)| *cents);
        by_role.chain(by_certification).max()
    }

    /// The certification limits that change nothing: not above what the role their holders
    /// have may grant already (a certified coach is a lead, a trainer a trainer), so saving
    /// one warns instead of pretending to raise anything.
    pub fn ineffective_certification_limits(&self) -> Vec<&str> {
        self.certification_limits
            .iter()
            .filter(|(key, cents)| {
                Level::parse(key).is_some_and(|level| {
                    self.role_limits
                        .iter()
                        .any(|(role, limit)| *role == level.holder_role() && *cents <= *limit)
                })
            })
            .map(|(key, _)| key.as_str())
            .collect()
    }
}

/// The limits a person plays scenarios with: the amount they may grant of each amount
/// type, and the permissions they hold.
pub fn limits_for(decisions: &[Decision], roles: &Roles, certifications: &[String]) -> Limits {
    let held = |d: &&Decision| d.limit_for(roles, certifications).is_some();
    Limits::new(
        decisions
            .iter()
            .filter(|d| d.grant == Grant::Amount)
            .filter_map(|d| {
                d.limit_for(roles, certifications)
                    .map(|cents| (d.key.clone(), cents))
            }),
    )
    .with_permissions(
        decisions
            .iter()
            .filter(|d| d.grant == Grant::Permission)
            .filter(held)
            .map(|d| d.key.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(list: &[Role]) -> Roles {
        Roles::new(list.iter().copied()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_certification_limit_not_above_its_holders_role_has_no_effect() {
        let waiver = Decision {
            key: Key::parse("fee-waiver").unwrap_or_else(|| panic!("key")),
            name: LocalizedText::default(),
            description: LocalizedText::default(),
            grant: Grant::Amount,
            role_limits: vec![(Role::Lead, 5000), (Role::Trainer, 2000)],
            certification_limits: vec![
                ("coach".to_owned(), 3000),
                ("trainer".to_owned(), 4000),
                ("master_trainer".to_owned(), 2000),
            ],
        };
        // Coaches are leads (50.00 already), master trainers trainers (20.00 already).
        assert_eq!(
            waiver.ineffective_certification_limits(),
            vec!["coach", "master_trainer"]
        );
    }

    #[test]
    fn the_highest_limit_a_person_holds_applies() {
        let waiver = Decision {
            key: Key::parse("fee-waiver").unwrap_or_else(|| panic!("key")),
            name: LocalizedText::default(),
            description: LocalizedText::default(),
            grant: Grant::Amount,
            role_limits: vec![(Role::Agent, 5000), (Role::Lead, 15000)],
            certification_limits: vec![("senior-agent".to_owned(), 10000)],
        };
        assert_eq!(waiver.limit_for(&roles(&[Role::Agent]), &[]), Some(5000));
        assert_eq!(
            waiver.limit_for(&roles(&[Role::Agent, Role::Lead]), &[]),
            Some(15000)
        );
        assert_eq!(
            waiver.limit_for(&roles(&[Role::Agent]), &["senior-agent".to_owned()]),
            Some(10000)
        );
        assert_eq!(waiver.limit_for(&roles(&[Role::Trainer]), &[]), None);
        let limits = limits_for(std::slice::from_ref(&waiver), &roles(&[Role::Agent]), &[]);
        assert_eq!(limits.get(&waiver.key), Some(5000));
    }

    #[test]
    fn a_permission_is_held_or_not_and_has_no_amount() {
        let exception = Decision {
            key: Key::parse("policy-exception").unwrap_or_else(|| panic!("key")),
            name: LocalizedText::default(),
            description: LocalizedText::default(),
            grant: Grant::Permission,
            role_limits: vec![(Role::Lead, 0)],
            certification_limits: vec![("coach".to_owned(), 0)],
        };
        assert_eq!(exception.check_amount(None), Ok(()));
        assert_eq!(
            exception.check_amount(Some(100)),
            Err(AmountError::NotAnAmount)
        );
        let agent = limits_for(
            std::slice::from_ref(&exception),
            &roles(&[Role::Agent]),
            &[],
        );
        let lead = limits_for(std::slice::from_ref(&exception), &roles(&[Role::Lead]), &[]);
        let coach = limits_for(
            std::slice::from_ref(&exception),
            &roles(&[Role::Agent]),
            &["coach".to_owned()],
        );
        let action = |cents| crate::scenario::Action {
            decision: exception.key.clone(),
            amount_cents: cents,
            escalation: "ask".to_owned(),
        };
        assert!(!agent.allows(&action(0)));
        assert!(lead.allows(&action(0)));
        assert!(coach.allows(&action(0)));
        let waiver = Decision {
            grant: Grant::Amount,
            ..exception.clone()
        };
        assert_eq!(waiver.check_amount(None), Err(AmountError::Missing));
        assert_eq!(waiver.check_amount(Some(0)), Err(AmountError::Missing));
        assert_eq!(waiver.check_amount(Some(3_500)), Ok(()));
    }
}
