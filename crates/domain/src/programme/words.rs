//! What a programme says, apart from what it asks: its title, description and each step's
//! title, instructions and rubric. A programme is written in one language (its source) and
//! translated into others; a translation changes only the words. The steps' kinds, the
//! content they name, their pass marks and due dates stay the source's, so an agent's path
//! is the same path in every language.
//!
//! A scorecard is worded the same way: its title, and its indicators as the steps' titles.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Kind, Parts};
use crate::locale::{self, Locale, Variants};
use crate::text::{INDICATOR_MAX, LONG_MAX, TITLE_MAX};

/// What one step says in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepWords {
    pub title: String,
    /// A practice task's instructions (what to do on real calls).
    pub instructions: Option<String>,
    /// What an assessor rates, for assessed steps.
    pub rubric: Vec<String>,
}

/// What a programme says in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words {
    pub title: String,
    pub description: String,
    pub steps: Vec<StepWords>,
}

/// Why a translation was refused; steps are numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WordsError {
    #[error("a title of 1 to {TITLE_MAX} characters")]
    Title,
    #[error("a description of at most {LONG_MAX} characters")]
    Description,
    #[error("one translation per step of the source: {0}")]
    StepCount(usize),
    #[error("step {0} needs a title of 1 to {TITLE_MAX} characters")]
    StepTitle(usize),
    #[error("step {0} needs its instructions (at most {LONG_MAX} characters)")]
    Instructions(usize),
    #[error(
        "step {0}: one criterion per criterion of the source, each 1 to {INDICATOR_MAX} characters"
    )]
    Rubric(usize),
}

fn fits(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.chars().count())
}

impl Words {
    /// The words of a programme as its editor saved it.
    pub fn of<K: Kind>(title: &str, description: &str, steps: &[Parts<K>]) -> Self {
        Self {
            title: title.to_owned(),
            description: description.to_owned(),
            steps: steps
                .iter()
                .map(|s| StepWords {
                    title: s.title.clone(),
                    instructions: s.instructions.clone().filter(|i| !i.trim().is_empty()),
                    rubric: s.rubric.clone(),
                })
                .collect(),
        }
    }

    /// Checks these words as a translation of `source`, trimmed: a title, one step per
    /// source step, instructions where the source has them (and none where it has none),
    /// and as many criteria as the source's.
    pub fn translation_of(mut self, source: &Words) -> Result<Words, WordsError> {
        self.title = self.title.trim().to_owned();
        self.description = self.description.trim().to_owned();
        if !fits(&self.title, TITLE_MAX) {
            return Err(WordsError::Title);
        }
        if self.description.chars().count() > LONG_MAX {
            return Err(WordsError::Description);
        }
        if self.steps.len() != source.steps.len() {
            return Err(WordsError::StepCount(source.steps.len()));
        }
        for (i, (step, theirs)) in self.steps.iter_mut().zip(&source.steps).enumerate() {
            let n = i + 1;
            step.title = step.title.trim().to_owned();
            if !fits(&step.title, TITLE_MAX) {
                return Err(WordsError::StepTitle(n));
            }
            step.instructions = match (&step.instructions, &theirs.instructions) {
                (_, None) => None,
                (Some(mine), Some(_)) if fits(mine.trim(), LONG_MAX) => {
                    Some(mine.trim().to_owned())
                }
                _ => return Err(WordsError::Instructions(n)),
            };
            step.rubric
                .iter_mut()
                .for_each(|c| *c = c.trim().to_owned());
            if step.rubric.len() != theirs.rubric.len()
                || !step.rubric.iter().all(|c| fits(c, INDICATOR_MAX))
            {
                return Err(WordsError::Rubric(n));
            }
        }
        Ok(self)
    }

    /// Whether these words still translate `source` step for step (a translation written
    /// before the source gained or lost a step does not).
    pub fn fits(&self, source: &Words) -> bool {
        self.clone().translation_of(source).is_ok()
    }

    /// The steps with these words instead of their own.
    pub fn apply<K: Kind>(&self, steps: &mut [Parts<K>]) {
        for (step, words) in steps.iter_mut().zip(&self.steps) {
            step.title.clone_from(&words.title);
            if step.instructions.is_some() {
                step.instructions.clone_from(&words.instructions);
            }
            if !step.rubric.is_empty() {
                step.rubric.clone_from(&words.rubric);
            }
        }
    }
}

/// One translation of a programme and when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub words: Words,
    pub updated_at: DateTime<Utc>,
}

/// A programme's languages: the one it is written in, with when its words last changed, and
/// its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    pub source: Locale,
    pub source_changed: DateTime<Utc>,
    pub translations: BTreeMap<Locale, Translation>,
}

impl Languages {
    /// Where the translations stand for an organisation offering `offered`: the languages
    /// with none, and those written before the source last changed.
    pub fn status(&self, offered: &[Locale]) -> Variants {
        let mut edited = vec![(self.source, self.source_changed)];
        edited.extend(self.translations.iter().map(|(l, t)| (*l, t.updated_at)));
        locale::variants(&edited, offered, self.source)
    }

    /// The words of every language, the source's (`source`) first, leaving out translations
    /// that no longer fit it step for step: what a programme given now carries.
    pub fn every(&self, source: &Words) -> BTreeMap<Locale, Words> {
        let mut out: BTreeMap<Locale, Words> = self
            .translations
            .iter()
            .filter(|(l, t)| **l != self.source && t.words.fits(source))
            .map(|(l, t)| (*l, t.words.clone()))
            .collect();
        out.insert(self.source, source.clone());
        out
    }
}

/// The language a reader gets among those a text exists in (`texts`), by `locale::pick`:
/// theirs, else the organisation's, else any. `None` when there is none.
pub fn pick_in<T>(
    texts: &BTreeMap<Locale, T>,
    preferred: Locale,
    fallback: Locale,
) -> Option<(Locale, &T)> {
    locale::pick(texts.iter().collect(), |(l, _)| **l, preferred, fallback).map(|(l, t)| (*l, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coaching::StepType;

    fn source() -> Words {
        let mut task = Parts::new("Solve one call yourself", StepType::PracticeTask);
        task.instructions = Some("On your next shift, solve one problem.".to_owned());
        let steps = [Parts::new("Empathy", StepType::Lesson), task];
        Words::of("Empowerment basics", "What you may decide.", &steps)
    }

    fn italian() -> Words {
        Words {
            title: " Le basi dell'empowerment ".to_owned(),
            description: String::new(),
            steps: vec![
                StepWords {
                    title: "Empatia".to_owned(),
                    ..StepWords::default()
                },
                StepWords {
                    title: "Risolvi una chiamata da solo".to_owned(),
                    instructions: Some("Nel prossimo turno, risolvi un problema.".to_owned()),
                    rubric: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn a_translation_words_every_step_of_the_source_and_nothing_more() {
        let ok = italian().translation_of(&source());
        assert_eq!(
            ok.as_ref().map(|w| w.title.as_str()),
            Ok("Le basi dell'empowerment")
        );
        let mut short = italian();
        short.steps.pop();
        assert_eq!(
            short.translation_of(&source()),
            Err(WordsError::StepCount(2))
        );
        let mut no_task = italian();
        no_task.steps[1].instructions = Some("  ".to_owned());
        assert_eq!(
            no_task.translation_of(&source()),
            Err(WordsError::Instructions(2))
        );
        let mut extra = italian();
        extra.steps[0].instructions = Some("ignored".to_owned());
        assert_eq!(
            extra
                .translation_of(&source())
                .map(|w| w.steps[0].instructions.clone()),
            Ok(None)
        );
        let mut untitled = italian();
        untitled.steps[0].title = " ".to_owned();
        assert_eq!(
            untitled.translation_of(&source()),
            Err(WordsError::StepTitle(1))
        );
    }

    #[test]
    fn a_translation_that_no_longer_fits_is_left_out_of_what_is_given() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let languages = Languages {
            source: Locale::En,
            source_changed: at + chrono::Duration::hours(2),
            translations: BTreeMap::from([
                (
                    Locale::It,
                    Translation {
                        words: italian(),
                        updated_at: at + chrono::Duration::hours(1),
                    },
                ),
                (
                    Locale::Es,
                    Translation {
                        words: Words {
                            title: "Solo uno".to_owned(),
                            description: String::new(),
                            steps: vec![StepWords::default()],
                        },
                        updated_at: at + chrono::Duration::hours(3),
                    },
                ),
            ]),
        };
        let every = languages.every(&source());
        assert_eq!(
            every.keys().copied().collect::<Vec<_>>(),
            [Locale::En, Locale::It]
        );
        let status = languages.status(&Locale::ALL);
        assert_eq!(status.out_of_date, vec![Locale::It]);
        assert!(status.missing.is_empty());
    }

    #[test]
    fn the_words_replace_only_the_words_of_the_steps() {
        let mut task = Parts::new("Solve one call yourself", StepType::PracticeTask);
        task.instructions = Some("On your next shift.".to_owned());
        let mut steps = vec![Parts::new("Empathy", StepType::Lesson), task];
        steps[0].target_key = Some("empathy".to_owned());
        italian().apply(&mut steps);
        assert_eq!(steps[0].title, "Empatia");
        assert_eq!(steps[0].target_key.as_deref(), Some("empathy"));
        assert_eq!(steps[0].instructions, None);
        assert_eq!(
            steps[1].instructions.as_deref(),
            Some("Nel prossimo turno, risolvi un problema.")
        );
    }

    #[test]
    fn a_reader_gets_their_language_then_the_organisations() {
        let texts = BTreeMap::from([(Locale::En, "Basics"), (Locale::It, "Basi")]);
        assert_eq!(
            pick_in(&texts, Locale::It, Locale::Es),
            Some((Locale::It, &"Basi"))
        );
        assert_eq!(
            pick_in(&texts, Locale::Es, Locale::En),
            Some((Locale::En, &"Basics"))
        );
        assert_eq!(
            pick_in(&BTreeMap::<Locale, ()>::new(), Locale::Es, Locale::En),
            None
        );
    }
}
