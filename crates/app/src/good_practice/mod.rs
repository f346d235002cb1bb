//! Good practices: a trainer, a lead of the team or an admin shares a decision story that
//! stood (`share`), in one language and then in others (`translate`), and retires it when it
//! no longer applies; agents read them, and meet one a week as a card in Today (`read`).

pub mod read;
pub mod share;

use cinco_domain::Role;
use cinco_persistence::good_practice::GoodPractice;

use crate::{Actor, AppError, ErrorCode};

/// Whether `actor` may edit or retire `p`: trainers and admins, and whoever shared it.
pub(crate) fn edits(actor: &Actor, p: &GoodPractice) -> bool {
    actor.is(Role::Admin) || actor.is(Role::Trainer) || p.promoted_by == actor.user
}

/// [`edits`], or `forbidden`.
pub(crate) fn may_edit(actor: &Actor, p: &GoodPractice) -> Result<(), AppError> {
    if edits(actor, p) {
        Ok(())
    } else {
        Err(AppError::Denied {
            code: ErrorCode::Forbidden,
            detail: "trainers, admins and whoever shared it edit a good practice".to_owned(),
        })
    }
}
