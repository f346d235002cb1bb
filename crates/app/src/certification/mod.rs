//! Use cases of train-the-trainer certifications.

pub mod assess;
pub mod enrol;
pub mod held;
pub mod issue;
pub mod language;
pub mod manage;
pub mod submit;
pub mod track;
