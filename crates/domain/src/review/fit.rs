//! Fitting FSRS's parameters to an organisation's own review log, and saying whether that
//! helps: the log loss of the current and of the fitted parameters on the same reviews.

use chrono::NaiveDate;
use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview, compute_parameters};

/// Reviews after the first (the ones with a gap to learn from) needed before fitting.
pub const MIN_REVIEWS: usize = 400;

#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub parameters: Vec<f32>,
    /// Log loss of the parameters in use before.
    pub log_loss_before: f32,
    /// Log loss of the fitted parameters.
    pub log_loss_after: f32,
    /// Reviews the fit learned from.
    pub reviews: usize,
}

impl Fit {
    /// The fitted parameters predict the organisation's reviews better.
    pub fn improves(&self) -> bool {
        self.log_loss_after < self.log_loss_before
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("not enough history: {have} reviews after a first one, {MIN_REVIEWS} needed")]
    NotEnoughHistory { have: usize },
    #[error("the optimizer failed: {0}")]
    Optimizer(String),
}

/// Fits parameters to the histories (one per card: local days and ratings 1–4, in order;
/// several reviews on one day count as the first of them).
pub fn fit(histories: &[Vec<(NaiveDate, u32)>], current: &[f32]) -> Result<Fit, FitError> {
    let items = items(histories);
    if items.len() < MIN_REVIEWS {
        return Err(FitError::NotEnoughHistory { have: items.len() });
    }
    let before = FSRS::new(current)
        .or_else(|_| FSRS::new(&[]))
        .map_err(|e| FitError::Optimizer(e.to_string()))?;
    let log_loss_before = before
        .evaluate(items.clone(), |_| true)
        .map_err(|e| FitError::Optimizer(e.to_string()))?
        .log_loss;
    let parameters = compute_parameters(ComputeParametersInput {
        train_set: items.clone(),
        ..ComputeParametersInput::default()
    })
    .map_err(|e| FitError::Optimizer(e.to_string()))?;
    let after = FSRS::new(&parameters).map_err(|e| FitError::Optimizer(e.to_string()))?;
    let log_loss_after = after
        .evaluate(items.clone(), |_| true)
        .map_err(|e| FitError::Optimizer(e.to_string()))?
        .log_loss;
    Ok(Fit {
        parameters,
        log_loss_before,
        log_loss_after,
        reviews: items.len(),
    })
}

/// FSRS's training items: every prefix of a card's history that ends in a review a day or
/// more after the one before.
fn items(histories: &[Vec<(NaiveDate, u32)>]) -> Vec<FSRSItem> {
    let mut out = Vec::new();
    for history in histories {
        let mut reviews: Vec<FSRSReview> = Vec::new();
        let mut last: Option<NaiveDate> = None;
        for &(day, rating) in history {
            if !(1..=4).contains(&rating) {
                continue;
            }
            let delta_t = match last {
                None => 0,
                Some(prev) if day <= prev => continue,
                Some(prev) => u32::try_from((day - prev).num_days()).unwrap_or(0),
            };
            last = Some(day);
            reviews.push(FSRSReview { rating, delta_t });
            if reviews.len() > 1 {
                out.push(FSRSItem {
                    reviews: reviews.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::review::{CardState, Rating, Scheduler};

    /// Reviews simulated from a learner who forgets faster than FSRS's defaults assume.
    fn simulated(cards: usize) -> Vec<Vec<(NaiveDate, u32)>> {
        let scheduler = Scheduler::standard();
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_else(|| panic!("date"));
        (0..cards)
            .map(|card| {
                let mut state =
                    CardState::new(start.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc());
                let mut at = state.due;
                let mut history = Vec::new();
                for n in 0..6usize {
                    // Deterministic "forgetting": longer gaps fail more often.
                    let gap = state.last_review.map_or(0, |l| (at - l).num_days());
                    let forgot = (card * 7 + n * 13) % 10 < (gap / 4).min(8) as usize;
                    let rating = if forgot { Rating::Again } else { Rating::Good };
                    history.push((at.date_naive(), rating.as_u32()));
                    let step = scheduler.review(&state, rating, at);
                    state = step.card;
                    at = state.due + Duration::days((card % 3) as i64);
                }
                history
            })
            .collect()
    }

    #[test]
    fn too_little_history_is_refused() {
        let result = fit(&simulated(10), &[]);
        assert!(matches!(
            result,
            Err(FitError::NotEnoughHistory { have: 50 })
        ));
    }

    #[test]
    fn fitting_a_log_improves_its_log_loss() {
        let fit = fit(&simulated(200), &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fit.reviews, 1000);
        assert_eq!(fit.parameters.len(), 21);
        assert!(
            fit.improves(),
            "{} → {}",
            fit.log_loss_before,
            fit.log_loss_after
        );
    }
}
