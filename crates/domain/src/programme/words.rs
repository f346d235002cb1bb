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

/// The longest a path step's or track module's title may be in a translation.
pub const STEP_MAX: usize = TITLE_MAX;
/// The longest a scorecard indicator may be in a translation.
pub const INDICATOR_STEP_MAX: usize = INDICATOR_MAX;

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
    #[error("a description of 1 to {LONG_MAX} characters, as the source has one")]
    Description,
    #[error("one translation per step of the source: {0}")]
    StepCount(usize),
    #[error("step {0} needs a title, as long as the source's may be at most")]
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

    /// Checks these words as a translation of `source`, trimmed: a title, a description
    /// where the source has one, one step per source step with a title of at most
    /// `step_max` characters (a path step's or module's 200, a scorecard indicator's 300),
    /// instructions where the source has them (and none where it has none), and as many
    /// criteria as the source's.
    pub fn translation_of(mut self, source: &Words, step_max: usize) -> Result<Words, WordsError> {
        self.title = self.title.trim().to_owned();
        self.description = self.description.trim().to_owned();
        if !fits(&self.title, TITLE_MAX) {
            return Err(WordsError::Title);
        }
        let described = !source.description.trim().is_empty();
        if self.description.chars().count() > LONG_MAX || (described && self.description.is_empty())
        {
            return Err(WordsError::Description);
        }
        if self.steps.len() != source.steps.len() {
            return Err(WordsError::StepCount(source.steps.len()));
        }
        for (i, (step, theirs)) in self.steps.iter_mut().zip(&source.steps).enumerate() {
            let n = i + 1;
            step.title = step.title.trim().to_owned();
            if !fits(&step.title, step_max) {
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
}

/// One translation of a programme: its words, the source's words it translates (`of`), and
/// when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub words: Words,
    pub of: Words,
    pub updated_at: DateTime<Utc>,
}

impl Translation {
    /// Whether it still translates `source`: the source's words are the ones it was written
    /// from. A source whose words changed (reworded, a step added, moved or removed) makes
    /// it out of date, whatever else changed (a due date does not).
    pub fn current(&self, source: &Words) -> bool {
        self.of == *source
    }
}

/// A programme's languages: the one it is written in and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    pub source: Locale,
    pub translations: BTreeMap<Locale, Translation>,
}

impl Languages {
    /// Where the translations stand against the source's words `source`, for an
    /// organisation offering `offered`: the languages with none, and those out of date.
    pub fn status(&self, source: &Words, offered: &[Locale]) -> Variants {
        let has = |l: &Locale| *l == self.source || self.translations.contains_key(l);
        Variants {
            source: self.source,
            missing: offered.iter().copied().filter(|l| !has(l)).collect(),
            out_of_date: self
                .translations
                .iter()
                .filter(|(l, t)| **l != self.source && !t.current(source))
                .map(|(l, _)| *l)
                .collect(),
        }
    }

    /// The words of every language, the source's (`source`) included, leaving out the
    /// translations out of date (they might put one step's words on another): what a
    /// programme given now carries.
    pub fn every(&self, source: &Words) -> BTreeMap<Locale, Words> {
        let mut out: BTreeMap<Locale, Words> = self
            .translations
            .iter()
            .filter(|(l, t)| **l != self.source && t.current(source))
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
            description: "Cosa puoi decidere.".to_owned(),
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

    fn check(words: Words) -> Result<Words, WordsError> {
        words.translation_of(&source(), STEP_MAX)
    }

    #[test]
    fn a_translation_words_every_step_of_the_source_and_nothing_more() {
        let ok = check(italian());
        assert_eq!(
            ok.as_ref().map(|w| w.title.as_str()),
            Ok("Le basi dell'empowerment")
        );
        let mut short = italian();
        short.steps.pop();
        assert_eq!(check(short), Err(WordsError::StepCount(2)));
        let mut no_task = italian();
        no_task.steps[1].instructions = Some("  ".to_owned());
        assert_eq!(check(no_task), Err(WordsError::Instructions(2)));
        let mut extra = italian();
        extra.steps[0].instructions = Some("ignored".to_owned());
        assert_eq!(
            check(extra).map(|w| w.steps[0].instructions.clone()),
            Ok(None)
        );
        let mut untitled = italian();
        untitled.steps[0].title = " ".to_owned();
        assert_eq!(check(untitled), Err(WordsError::StepTitle(1)));
        let mut undescribed = italian();
        undescribed.description = String::new();
        assert_eq!(check(undescribed), Err(WordsError::Description));
        let mut long = italian();
        long.steps[0].title = "x".repeat(250);
        assert_eq!(check(long.clone()), Err(WordsError::StepTitle(1)));
        assert!(
            long.translation_of(&source(), INDICATOR_STEP_MAX).is_ok(),
            "an indicator may be longer"
        );
    }

    #[test]
    fn a_translation_of_words_the_source_no_longer_has_is_out_of_date_and_not_given() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let mut before = source();
        before.steps.swap(0, 1);
        let languages = Languages {
            source: Locale::En,
            translations: BTreeMap::from([
                (
                    Locale::It,
                    Translation {
                        words: italian(),
                        of: source(),
                        updated_at: at,
                    },
                ),
                (
                    Locale::Es,
                    Translation {
                        words: italian(),
                        of: before,
                        updated_at: at,
                    },
                ),
            ]),
        };
        let every = languages.every(&source());
        assert_eq!(
            every.keys().copied().collect::<Vec<_>>(),
            [Locale::En, Locale::It],
            "the steps moved since the Spanish was written: it would label the wrong ones"
        );
        let status = languages.status(&source(), &Locale::ALL);
        assert_eq!(status.out_of_date, vec![Locale::Es]);
        assert!(status.missing.is_empty());
        let status = languages.status(&source(), &[Locale::En, Locale::It]);
        assert!(status.missing.is_empty());
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
