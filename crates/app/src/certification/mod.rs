//! Use cases of train-the-trainer certifications.

pub mod issue;
