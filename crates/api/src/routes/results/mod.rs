//! Results: customer KPIs beside learning. Admins define metrics and import values (leads
//! import for their teams' agents); leads see their team's KPIs and what training changed;
//! agents see their own, never ranked against colleagues.

pub mod goals;
pub mod imports;
pub mod indicators;
pub mod metrics;
pub mod views;

use cinco_domain::results::Direction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether a higher or a lower value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionView {
    /// FCR, CSAT, QA score.
    Higher,
    /// AHT.
    Lower,
}

impl From<Direction> for DirectionView {
    fn from(d: Direction) -> Self {
        match d {
            Direction::HigherIsBetter => DirectionView::Higher,
            Direction::LowerIsBetter => DirectionView::Lower,
        }
    }
}

impl From<DirectionView> for Direction {
    fn from(d: DirectionView) -> Self {
        match d {
            DirectionView::Higher => Direction::HigherIsBetter,
            DirectionView::Lower => Direction::LowerIsBetter,
        }
    }
}
