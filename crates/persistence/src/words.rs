//! What programmes say in each language, stored as JSON: a template's translations
//! (locale → words and when they were written) and the languages a given path or enrolment
//! carries (locale → a title, a step's words, or the whole programme's words). An absent or empty column is no languages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::Locale;
use cinco_domain::programme::words::{StepWords, Translation, Words};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredStep {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rubric: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredWords {
    title: String,
    #[serde(default)]
    description: String,
    steps: Vec<StoredStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredTranslation {
    words: StoredWords,
    updated_at: DateTime<Utc>,
}

impl From<&StepWords> for StoredStep {
    fn from(w: &StepWords) -> Self {
        Self {
            title: w.title.clone(),
            instructions: w.instructions.clone(),
            rubric: w.rubric.clone(),
        }
    }
}

impl From<StoredStep> for StepWords {
    fn from(s: StoredStep) -> Self {
        Self {
            title: s.title,
            instructions: s.instructions,
            rubric: s.rubric,
        }
    }
}

impl From<&Words> for StoredWords {
    fn from(w: &Words) -> Self {
        Self {
            title: w.title.clone(),
            description: w.description.clone(),
            steps: w.steps.iter().map(StoredStep::from).collect(),
        }
    }
}

impl From<StoredWords> for Words {
    fn from(s: StoredWords) -> Self {
        Self {
            title: s.title,
            description: s.description,
            steps: s.steps.into_iter().map(StepWords::from).collect(),
        }
    }
}

/// A map by locale code from its JSON; languages no longer supported are left out.
fn by_locale<S: for<'de> Deserialize<'de>, T: From<S>>(json: Option<&str>) -> BTreeMap<Locale, T> {
    let Some(json) = json.filter(|j| !j.trim().is_empty()) else {
        return BTreeMap::new();
    };
    serde_json::from_str::<BTreeMap<String, S>>(json)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(l, s)| Some((l.parse::<Locale>().ok()?, T::from(s))))
        .collect()
}

/// A map by locale as JSON; `None` when it is empty.
fn to_json<S: Serialize>(map: BTreeMap<&str, S>) -> Option<String> {
    (!map.is_empty()).then(|| serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned()))
}

impl From<StoredTranslation> for Translation {
    fn from(s: StoredTranslation) -> Self {
        Self {
            words: s.words.into(),
            updated_at: s.updated_at,
        }
    }
}

pub(crate) fn translations_from(json: Option<&str>) -> BTreeMap<Locale, Translation> {
    by_locale::<StoredTranslation, Translation>(json)
}

pub(crate) fn translations_to(map: &BTreeMap<Locale, Translation>) -> Option<String> {
    to_json(
        map.iter()
            .map(|(l, t)| {
                (
                    l.code(),
                    StoredTranslation {
                        words: (&t.words).into(),
                        updated_at: t.updated_at,
                    },
                )
            })
            .collect(),
    )
}

/// A given programme's words in each language (an enrolment's).
pub(crate) fn words_from(json: Option<&str>) -> BTreeMap<Locale, Words> {
    by_locale::<StoredWords, Words>(json)
}

pub(crate) fn words_to(map: &BTreeMap<Locale, Words>) -> Option<String> {
    to_json(
        map.iter()
            .map(|(l, w)| (l.code(), StoredWords::from(w)))
            .collect(),
    )
}

/// A given step's words in each language.
pub(crate) fn steps_from(json: Option<&str>) -> BTreeMap<Locale, StepWords> {
    by_locale::<StoredStep, StepWords>(json)
}

pub(crate) fn steps_to(map: &BTreeMap<Locale, StepWords>) -> Option<String> {
    to_json(
        map.iter()
            .map(|(l, w)| (l.code(), StoredStep::from(w)))
            .collect(),
    )
}

/// A title (or any one text) in each language.
pub(crate) fn texts_from(json: Option<&str>) -> BTreeMap<Locale, String> {
    by_locale::<String, String>(json)
}

pub(crate) fn texts_to(map: &BTreeMap<Locale, String>) -> Option<String> {
    to_json(map.iter().map(|(l, t)| (l.code(), t)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_read_back_as_written() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let map = BTreeMap::from([(
            Locale::It,
            Translation {
                words: Words {
                    title: "Basi".to_owned(),
                    description: String::new(),
                    steps: vec![StepWords {
                        title: "Empatia".to_owned(),
                        instructions: Some("Fai così".to_owned()),
                        rubric: vec!["Chiaro".to_owned()],
                    }],
                },
                updated_at: at,
            },
        )]);
        let json = translations_to(&map);
        assert_eq!(translations_from(json.as_deref()), map);
        assert!(translations_from(None).is_empty());
        assert!(translations_from(Some("{\"fr\":1}")).is_empty());
        let titles = BTreeMap::from([(Locale::Es, "Hola".to_owned())]);
        assert_eq!(texts_from(texts_to(&titles).as_deref()), titles);
        assert_eq!(texts_to(&BTreeMap::new()), None);
    }
}
