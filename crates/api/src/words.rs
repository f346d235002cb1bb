//! What a programme says in each language, as the API shows and takes it: the translations
//! of a coaching path or a scorecard for their editors (the rule is
//! `cinco_domain::programme::words`).

use chrono::{DateTime, Utc};
use cinco_domain::Locale;
use cinco_domain::programme::words::{Languages, StepWords, Words};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::states::LocaleView;

/// One step's words in one language.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StepWordsBody {
    /// 1 to 200 characters (a scorecard indicator's, 300).
    #[schema(max_length = 300)]
    pub title: String,
    /// A practice task's instructions: required where the source has them, dropped elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 4000)]
    pub instructions: Option<String>,
    /// An assessed step's criteria: as many as the source's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric: Vec<String>,
}

/// A programme's words in one language: one entry per step of the source, in order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WordsBody {
    /// 1 to 200 characters.
    #[schema(max_length = 200)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: String,
    /// One per step, module or indicator of the source (at most 30).
    #[schema(max_items = 30)]
    pub steps: Vec<StepWordsBody>,
}

impl From<&WordsBody> for Words {
    fn from(b: &WordsBody) -> Self {
        Self {
            title: b.title.clone(),
            description: b.description.clone(),
            steps: b
                .steps
                .iter()
                .map(|s| StepWords {
                    title: s.title.clone(),
                    instructions: s.instructions.clone(),
                    rubric: s.rubric.clone(),
                })
                .collect(),
        }
    }
}

impl From<&Words> for WordsBody {
    fn from(w: &Words) -> Self {
        Self {
            title: w.title.clone(),
            description: w.description.clone(),
            steps: w
                .steps
                .iter()
                .map(|s| StepWordsBody {
                    title: s.title.clone(),
                    instructions: s.instructions.clone(),
                    rubric: s.rubric.clone(),
                })
                .collect(),
        }
    }
}

/// One translation of a programme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TranslationWordsView {
    pub locale: LocaleView,
    pub words: WordsBody,
    pub updated_at: DateTime<Utc>,
    /// Written from words the source no longer has: it may no longer say the same, and
    /// what is given from now on leaves it out until it is written again.
    pub out_of_date: bool,
}

/// A programme's languages, for its editors.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LanguagesView {
    /// The language it is written in.
    pub source_locale: LocaleView,
    /// Its words in that language: what a translation translates.
    pub source: WordsBody,
    /// Languages the organisation offers that it has no translation into.
    pub missing: Vec<LocaleView>,
    pub translations: Vec<TranslationWordsView>,
}

impl LanguagesView {
    pub fn new(languages: &Languages, source: &Words, offered: &[Locale]) -> Self {
        let status = languages.status(source, offered);
        Self {
            source_locale: languages.source.into(),
            source: source.into(),
            missing: status.missing.iter().map(|l| (*l).into()).collect(),
            translations: languages
                .translations
                .iter()
                .filter(|(l, _)| **l != languages.source)
                .map(|(l, t)| TranslationWordsView {
                    locale: (*l).into(),
                    words: (&t.words).into(),
                    updated_at: t.updated_at,
                    out_of_date: status.out_of_date.contains(l),
                })
                .collect(),
        }
    }
}
