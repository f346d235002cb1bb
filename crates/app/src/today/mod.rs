//! Today's session: composing the learner's day, keeping it up to date with their paths,
//! and what of it is done.

pub mod complete;
pub mod language;
pub mod learner;
pub mod more;
pub mod paths;
pub mod plan;
pub mod progress;

pub use learner::Learner;
