//! What programmes say in each language, stored as JSON: a template's translations
//! (locale → words and when they were written) and the languages a given path or enrolment
//! carries (locale → a title, a step's words, or the whole programme's words). An absent or empty column is no languages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cinco_domain::{Locale, OrganisationId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::RepoError;
use crate::executor::Executor;
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
    /// The source's words it translates.
    of: StoredWords,
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

/// A map by locale code from its JSON, entry by entry: a language no longer supported, or
/// an entry that does not read, is left out without losing the others.
fn by_locale<S: for<'de> Deserialize<'de>, T: From<S>>(json: Option<&str>) -> BTreeMap<Locale, T> {
    let Some(json) = json.filter(|j| !j.trim().is_empty()) else {
        return BTreeMap::new();
    };
    serde_json::from_str::<BTreeMap<String, serde_json::Value>>(json)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(l, raw)| {
            let entry = serde_json::from_value::<S>(raw).ok()?;
            Some((l.parse::<Locale>().ok()?, T::from(entry)))
        })
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
            of: s.of.into(),
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
                        of: (&t.of).into(),
                        updated_at: t.updated_at,
                    },
                )
            })
            .collect(),
    )
}

/// The columns of a table whose rows are written in one language and translated into others
/// (path templates, scorecards, tracks).
pub(crate) struct Translatable<C> {
    pub org: C,
    pub id: C,
    pub source_locale: C,
    pub translations: C,
}

/// Keeps `translations` on row `id` of `E`, naming `source` as the language it is written in.
pub(crate) async fn write<E: EntityTrait>(
    ex: &impl Executor,
    columns: Translatable<E::Column>,
    (org, id): (OrganisationId, uuid::Uuid),
    source: Locale,
    translations: &BTreeMap<Locale, Translation>,
) -> Result<(), RepoError> {
    E::update_many()
        .col_expr(columns.source_locale, Expr::value(source.code()))
        .col_expr(
            columns.translations,
            Expr::value(translations_to(translations)),
        )
        .filter(columns.org.eq(org.as_uuid()))
        .filter(columns.id.eq(id))
        .exec(ex.conn())
        .await?;
    Ok(())
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
                of: Words::default(),
                updated_at: at,
            },
        )]);
        let json = translations_to(&map);
        assert_eq!(translations_from(json.as_deref()), map);
        assert!(translations_from(None).is_empty());
        assert!(translations_from(Some("{\"fr\":1}")).is_empty());
        let mixed = json
            .unwrap_or_default()
            .replacen('{', "{\"es\":{\"broken\":true},", 1);
        assert_eq!(
            translations_from(Some(&mixed)),
            map,
            "one bad entry loses no other"
        );
        let titles = BTreeMap::from([(Locale::Es, "Hola".to_owned())]);
        assert_eq!(texts_from(texts_to(&titles).as_deref()), titles);
        assert_eq!(texts_to(&BTreeMap::new()), None);
    }
}
