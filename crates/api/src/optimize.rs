//! `cinco fsrs-optimize`: fits the scheduler's parameters to an organisation's review log and
//! keeps them when they predict its reviews better than the ones in use.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::NaiveDate;
use cinco_domain::organisation::Slug;
use cinco_domain::review::{Fit, FitError, fit};
use cinco_persistence::{Database, organisation, review};

/// What a run did.
#[derive(Debug)]
pub enum Outcome {
    /// Fitted and stored.
    Saved(Fit),
    /// Fitted, but no better than the parameters in use: nothing changed.
    Kept(Fit),
    /// Fitted, not stored (`--dry-run`).
    DryRun(Fit),
    NotEnoughHistory {
        have: usize,
    },
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let losses = |fit: &Fit| {
            format!(
                "{} reviews; log loss {:.4} before, {:.4} after",
                fit.reviews, fit.log_loss_before, fit.log_loss_after
            )
        };
        match self {
            Outcome::Saved(fit) => write!(f, "Saved the fitted parameters: {}", losses(fit)),
            Outcome::Kept(fit) => write!(
                f,
                "Kept the parameters in use (the fit is no better): {}",
                losses(fit)
            ),
            Outcome::DryRun(fit) => write!(f, "Dry run, nothing saved: {}", losses(fit)),
            Outcome::NotEnoughHistory { have } => write!(
                f,
                "Not enough history yet: {have} reviews after a first one, {} needed",
                cinco_domain::review::MIN_REVIEWS
            ),
        }
    }
}

/// Fits the organisation's parameters (`slug`), storing them unless `dry_run`.
pub async fn fsrs(db: &Database, slug: &str, dry_run: bool) -> anyhow::Result<Outcome> {
    let slug = Slug::parse(slug).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    let org = organisation::find_by_slug(db, &slug)
        .await?
        .with_context(|| format!("no organisation {}", slug.as_str()))?;
    let current = review::scheduling(db, org.id).await?;
    let mut histories: BTreeMap<uuid::Uuid, Vec<(NaiveDate, u32)>> = BTreeMap::new();
    for entry in review::log(db, org.id).await? {
        if let Ok(day) = entry.local_day.parse() {
            histories
                .entry(entry.card_id)
                .or_default()
                .push((day, entry.rating));
        }
    }
    let histories: Vec<_> = histories.into_values().collect();
    let fitted = tokio::task::spawn_blocking(move || fit(&histories, &current.parameters)).await?;
    let fitted = match fitted {
        Ok(fit) => fit,
        Err(FitError::NotEnoughHistory { have }) => return Ok(Outcome::NotEnoughHistory { have }),
        Err(other) => return Err(other.into()),
    };
    if dry_run {
        return Ok(Outcome::DryRun(fitted));
    }
    if !fitted.improves() {
        return Ok(Outcome::Kept(fitted));
    }
    review::set_parameters(db, org.id, Some(&fitted.parameters)).await?;
    Ok(Outcome::Saved(fitted))
}
