//! The block editor's form of a lesson: title, competencies and an ordered list of blocks —
//! content (text, tip, checklist, dialogue, image) and knowledge checks (single, multiple,
//! true/false, ordering) — as JSON. Saving turns it into the domain's cards and stores the
//! lesson file rendered from them as the draft, so Markdown stays the import/export format.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use cinco_app::AppError;
use cinco_app::error::FieldProblem;
use cinco_app::lesson::save_draft::store_written;
use cinco_domain::Locale;
use cinco_domain::lesson::{
    Block, Card, Choice, DialogueLine, Item, Key, LessonContent, Speaker, markdown,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LessonVersionView;
use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::state::AppState;

/// A lesson as the block editor writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LessonDocument {
    /// The lesson's key, shared by its languages.
    #[schema(value_type = crate::contract::Key)]
    pub key: String,
    #[schema(value_type = crate::states::LocaleView)]
    pub locale: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    /// Keys of the competencies the lesson trains.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// The cards in order: content to read and knowledge checks.
    #[serde(default)]
    pub blocks: Vec<DocumentBlock>,
}

/// One card. Text, tip and questions take basic Markdown (`**bold**`, `*italic*`, lists,
/// links).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DocumentBlock {
    Text {
        #[serde(default)]
        text: String,
    },
    Tip {
        #[serde(default)]
        text: String,
    },
    Checklist {
        #[serde(default)]
        items: Vec<String>,
    },
    Dialogue {
        #[serde(default)]
        lines: Vec<DocumentLine>,
    },
    Image {
        /// An image's address (from the image library).
        #[serde(default)]
        src: String,
        /// What the image shows, for people who cannot see it.
        #[serde(default)]
        alt: String,
    },
    /// Exactly one correct option.
    Single {
        #[serde(default)]
        prompt: String,
        #[serde(default)]
        options: Vec<DocumentOption>,
        #[serde(default)]
        explanation: String,
    },
    /// One or more correct options.
    Multiple {
        #[serde(default)]
        prompt: String,
        #[serde(default)]
        options: Vec<DocumentOption>,
        #[serde(default)]
        explanation: String,
    },
    /// A statement, true or false.
    TrueFalse {
        #[serde(default)]
        prompt: String,
        answer: bool,
        #[serde(default)]
        explanation: String,
    },
    /// Steps in their correct order (agents see them shuffled).
    Ordering {
        #[serde(default)]
        prompt: String,
        #[serde(default)]
        steps: Vec<String>,
        #[serde(default)]
        explanation: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerView {
    Customer,
    Agent,
    Narrator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentLine {
    pub speaker: SpeakerView,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentOption {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub correct: bool,
}

fn options(options: &[Choice]) -> Vec<DocumentOption> {
    options
        .iter()
        .map(|o| DocumentOption {
            text: o.text.clone(),
            correct: o.correct,
        })
        .collect()
}

fn choices(options: Vec<DocumentOption>) -> Vec<Choice> {
    options
        .into_iter()
        .map(|o| Choice {
            text: o.text,
            correct: o.correct,
        })
        .collect()
}

impl From<&LessonContent> for LessonDocument {
    fn from(l: &LessonContent) -> Self {
        let blocks = l
            .cards
            .iter()
            .map(|card| match card {
                Card::Block(Block::Text(text)) => DocumentBlock::Text { text: text.clone() },
                Card::Block(Block::Tip(text)) => DocumentBlock::Tip { text: text.clone() },
                Card::Block(Block::Checklist(items)) => DocumentBlock::Checklist {
                    items: items.clone(),
                },
                Card::Block(Block::Dialogue(lines)) => DocumentBlock::Dialogue {
                    lines: lines
                        .iter()
                        .map(|l| DocumentLine {
                            speaker: match l.speaker {
                                Speaker::Customer => SpeakerView::Customer,
                                Speaker::Agent => SpeakerView::Agent,
                                Speaker::Narrator => SpeakerView::Narrator,
                            },
                            text: l.text.clone(),
                        })
                        .collect(),
                },
                Card::Block(Block::Image { src, alt }) => DocumentBlock::Image {
                    src: src.clone(),
                    alt: alt.clone(),
                },
                Card::Item(Item::Single {
                    prompt,
                    options: o,
                    explanation,
                }) => DocumentBlock::Single {
                    prompt: prompt.clone(),
                    options: options(o),
                    explanation: explanation.clone(),
                },
                Card::Item(Item::Multiple {
                    prompt,
                    options: o,
                    explanation,
                }) => DocumentBlock::Multiple {
                    prompt: prompt.clone(),
                    options: options(o),
                    explanation: explanation.clone(),
                },
                Card::Item(Item::TrueFalse {
                    statement,
                    answer,
                    explanation,
                }) => DocumentBlock::TrueFalse {
                    prompt: statement.clone(),
                    answer: *answer,
                    explanation: explanation.clone(),
                },
                Card::Item(Item::Ordering {
                    prompt,
                    steps,
                    explanation,
                }) => DocumentBlock::Ordering {
                    prompt: prompt.clone(),
                    steps: steps.clone(),
                    explanation: explanation.clone(),
                },
            })
            .collect();
        Self {
            key: l.key.as_str().to_owned(),
            locale: l.locale.code().to_owned(),
            title: l.title.clone(),
            summary: l.summary.clone(),
            competencies: l
                .competencies
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            blocks,
        }
    }
}

impl LessonDocument {
    /// The domain's lesson, or the fields whose values are not keys or languages.
    pub fn into_content(self) -> Result<LessonContent, AppError> {
        let mut problems = Vec::new();
        let key = Key::parse(self.key.trim());
        if key.is_none() {
            problems.push(FieldProblem {
                field: "key".into(),
                code: "invalid_key",
                message: "2 to 64 lowercase letters, digits and dashes".into(),
            });
        }
        let locale = self.locale.parse::<Locale>().ok();
        if locale.is_none() {
            problems.push(FieldProblem {
                field: "locale".into(),
                code: "unsupported_locale",
                message: "es, en or it".into(),
            });
        }
        let mut competencies = Vec::new();
        for (i, raw) in self.competencies.iter().enumerate() {
            match Key::parse(raw.trim()) {
                Some(k) => competencies.push(k),
                None => problems.push(FieldProblem {
                    field: format!("competencies[{i}]"),
                    code: "invalid_key",
                    message: format!("`{raw}` is not a competency key"),
                }),
            }
        }
        let (Some(key), Some(locale)) = (key, locale) else {
            return Err(invalid(problems));
        };
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let cards = self.blocks.into_iter().map(card).collect();
        Ok(LessonContent {
            key,
            title: self.title,
            locale,
            competencies,
            summary: self.summary,
            cards,
        })
    }
}

fn invalid(problems: Vec<FieldProblem>) -> AppError {
    AppError::Invalid {
        detail: problems
            .first()
            .map(|p| format!("{}: {}", p.field, p.message))
            .unwrap_or_default(),
        problems,
    }
}

fn card(block: DocumentBlock) -> Card {
    match block {
        DocumentBlock::Text { text } => Card::Block(Block::Text(text)),
        DocumentBlock::Tip { text } => Card::Block(Block::Tip(text)),
        DocumentBlock::Checklist { items } => Card::Block(Block::Checklist(items)),
        DocumentBlock::Dialogue { lines } => Card::Block(Block::Dialogue(
            lines
                .into_iter()
                .map(|l| DialogueLine {
                    speaker: match l.speaker {
                        SpeakerView::Customer => Speaker::Customer,
                        SpeakerView::Agent => Speaker::Agent,
                        SpeakerView::Narrator => Speaker::Narrator,
                    },
                    text: l.text,
                })
                .collect(),
        )),
        DocumentBlock::Image { src, alt } => Card::Block(Block::Image { src, alt }),
        DocumentBlock::Single {
            prompt,
            options,
            explanation,
        } => Card::Item(Item::Single {
            prompt,
            options: choices(options),
            explanation,
        }),
        DocumentBlock::Multiple {
            prompt,
            options,
            explanation,
        } => Card::Item(Item::Multiple {
            prompt,
            options: choices(options),
            explanation,
        }),
        DocumentBlock::TrueFalse {
            prompt,
            answer,
            explanation,
        } => Card::Item(Item::TrueFalse {
            statement: prompt,
            answer,
            explanation,
        }),
        DocumentBlock::Ordering {
            prompt,
            steps,
            explanation,
        } => Card::Item(Item::Ordering {
            prompt,
            steps,
            explanation,
        }),
    }
}

/// A version in the block editor's form, with where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct LessonDocumentView {
    version: LessonVersionView,
    document: LessonDocument,
}

/// A version as the block editor's JSON.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(("version_id" = uuid::Uuid, Path, description = "Lesson version id")),
    responses(
        (status = 200, description = "The lesson, block by block", body = LessonDocumentView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json")
    )
)]
#[get(
    "/lesson-versions/{version_id}/document",
    wrap = "from_fn(require::<{ ADMIN | TRAINER }>)"
)]
pub async fn read_document(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let version = cinco_persistence::lesson::get(&state.db, auth.org, path.into_inner()).await?;
    let content = markdown::parse(&version.source).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().json(LessonDocumentView {
        version: LessonVersionView::from(&version),
        document: LessonDocument::from(&content),
    }))
}

/// Save a lesson written in the block editor as the draft of its variant, as `import` does
/// with a lesson file: the current draft is replaced, or a new draft version follows a
/// published one. The lesson file rendered from it reads back as the same lesson.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    request_body = LessonDocument,
    responses(
        (status = 200, description = "Stored as a draft", body = LessonVersionView),
        (status = 409, description = "`edit_conflict`: saved by someone else at the same moment", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`; each of `errors` names its field (`title`, `blocks[2].alt`, `blocks[4].options[1].text`, `competencies[0]`…) and its code: `required`, `single_line`, `reserved_line`, `option_count`, `one_correct`, `no_correct`, `step_count`, `not_representable`, `invalid_key`, `unsupported_locale` or `unknown_competency`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/lessons/documents", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn save_document(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: Json<LessonDocument>,
) -> Result<HttpResponse, ApiError> {
    let content = body.into_inner().into_content()?;
    let version = store_written(
        &state.db,
        auth.org,
        auth.user_id,
        content,
        state.settings.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(LessonVersionView::from(&version)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every demo lesson reads as the editor's JSON and, saved back, is the same lesson file.
    #[test]
    fn demo_lessons_round_trip_through_the_editor() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/lessons");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            let parsed = markdown::parse(&source).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            let json = serde_json::to_string(&LessonDocument::from(&parsed))
                .unwrap_or_else(|e| panic!("{e}"));
            let back: LessonDocument =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            let content = back.into_content().unwrap_or_else(|e| panic!("{e}"));
            let content = cinco_domain::lesson::check::tidy(content);
            assert_eq!(
                cinco_domain::lesson::check::check(&content),
                vec![],
                "{path:?}"
            );
            let rendered = markdown::render(&content);
            assert_eq!(markdown::parse(&rendered).as_ref(), Ok(&parsed), "{path:?}");
            seen += 1;
        }
        assert!(seen >= 3, "only {seen} demo lessons");
    }
}
