//! Decisions on real contacts: what an agent decided for a customer, checked against their
//! authority limit (the rule in [`crate::authority`]). Within it a decision is *empowered*
//! and needs nobody; above it the agent's lead answers. A decision within the limits can
//! only be celebrated, never marked wrong — there is deliberately no state for that.
//!
//! Also the sums the empowerment report shows: cost buckets, the share of small decisions,
//! and the time leads take to answer.

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionStatus {
    /// Within the agent's limit: recorded, no approval needed.
    Empowered,
    /// Above the limit: waiting for a lead's answer.
    AwaitingApproval,
    /// Above the limit, approved by a lead.
    Approved,
    /// Above the limit, declined by a lead with a reason.
    Declined,
}

impl DecisionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Empowered => "empowered",
            DecisionStatus::AwaitingApproval => "awaiting_approval",
            DecisionStatus::Approved => "approved",
            DecisionStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "empowered" => DecisionStatus::Empowered,
            "awaiting_approval" => DecisionStatus::AwaitingApproval,
            "approved" => DecisionStatus::Approved,
            "declined" => DecisionStatus::Declined,
            _ => return None,
        })
    }
}

/// A decision's status when logged: empowered when `amount` (cents; none counts as nothing
/// granted) is within `limit` (cents the person may grant; `None`: nothing without
/// approval), else awaiting approval.
pub fn status_for(amount: Option<i64>, limit: Option<i64>) -> DecisionStatus {
    match limit {
        Some(limit) if amount.unwrap_or(0) <= limit => DecisionStatus::Empowered,
        _ => DecisionStatus::AwaitingApproval,
    }
}

/// What the customer needed and what the agent did: a few lines each.
pub const STORY_MAX: usize = 600;
/// A recognition's note, or the reason of an answer.
pub const NOTE_MAX: usize = 280;
/// The contact centre's own reference of the contact.
pub const REFERENCE_MAX: usize = 100;
/// The largest amount a decision may name, in cents (ten million in the currency).
pub const AMOUNT_MAX: i64 = 1_000_000_000;

/// A customer's satisfaction score, 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Csat(u8);

impl Csat {
    pub fn parse(value: i64) -> Option<Self> {
        (1..=5)
            .contains(&value)
            .then(|| Csat(u8::try_from(value).unwrap_or(5)))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// The cost buckets of the report, as upper bounds in cents (the last is open-ended).
pub const BUCKETS: [i64; 5] = [0, 2_500, 5_000, 10_000, 25_000];

/// "Small": the decisions the articles say most empowered decisions are (under 50 in the
/// organisation's currency).
pub const SMALL_BELOW: i64 = 5_000;

/// How many amounts fall in each bucket: `[0]` nothing (0 or none), then up to 25, up to
/// 50, up to 100, up to 250 and more than 250 (in whole units of the currency).
pub fn buckets(amounts: &[Option<i64>]) -> [usize; 6] {
    let mut out = [0; 6];
    for a in amounts {
        let cents = a.unwrap_or(0);
        let i = BUCKETS
            .iter()
            .position(|upper| cents <= *upper)
            .unwrap_or(BUCKETS.len());
        out[i] += 1;
    }
    out
}

/// The share (0–1) of decisions under [`SMALL_BELOW`]; `None` when there are none.
pub fn share_small(amounts: &[Option<i64>]) -> Option<f64> {
    if amounts.is_empty() {
        return None;
    }
    let small = amounts
        .iter()
        .filter(|a| a.unwrap_or(0) < SMALL_BELOW)
        .count();
    Some(small as f64 / amounts.len() as f64)
}

/// The `q` quantile (0–1) of `values` by the nearest rank (the smallest value with at least
/// `q` of them at or below it); `None` when empty.
pub fn quantile(values: &[i64], q: f64) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_the_limit_is_empowered_and_above_awaits_approval() {
        assert_eq!(
            status_for(Some(3_500), Some(5_000)),
            DecisionStatus::Empowered
        );
        assert_eq!(
            status_for(Some(5_000), Some(5_000)),
            DecisionStatus::Empowered
        );
        assert_eq!(
            status_for(Some(12_000), Some(5_000)),
            DecisionStatus::AwaitingApproval
        );
        // A type without an amount (skip an escalation) is within any limit the person has.
        assert_eq!(status_for(None, Some(0)), DecisionStatus::Empowered);
        // A type the person's role is not listed for always asks.
        assert_eq!(status_for(None, None), DecisionStatus::AwaitingApproval);
    }

    #[test]
    fn states_round_trip() {
        for s in [
            DecisionStatus::Empowered,
            DecisionStatus::AwaitingApproval,
            DecisionStatus::Approved,
            DecisionStatus::Declined,
        ] {
            assert_eq!(DecisionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(DecisionStatus::parse("wrong"), None);
    }

    #[test]
    fn amounts_fall_in_buckets_and_small_ones_are_counted() {
        let amounts = [None, Some(3_500), Some(5_000), Some(12_000), Some(30_000)];
        assert_eq!(buckets(&amounts), [1, 0, 2, 0, 1, 1]);
        assert_eq!(share_small(&amounts), Some(0.4));
        assert_eq!(share_small(&[]), None);
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        assert_eq!(quantile(&v, 0.5), Some(50));
        assert_eq!(quantile(&v, 0.9), Some(90));
        assert_eq!(quantile(&[7], 0.9), Some(7));
        assert_eq!(quantile(&[3, 1], 0.5), Some(1));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn csat_is_one_to_five() {
        assert_eq!(Csat::parse(5).map(Csat::get), Some(5));
        assert_eq!(Csat::parse(0), None);
        assert_eq!(Csat::parse(6), None);
    }
}
