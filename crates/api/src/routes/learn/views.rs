//! What an agent sees of a lesson: cards without their answers.

use cinco_domain::lesson::{Block, Card, Item};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonSummary {
    pub key: String,
    pub title: String,
    pub locale: &'static str,
    pub version_id: uuid::Uuid,
    pub estimate_seconds: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DialogueLineView {
    /// `customer`, `agent` or `narrator`.
    speaker: &'static str,
    text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepView {
    /// The step's id: send these in the order you think is right.
    id: usize,
    text: String,
}

/// One card, without the answers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CardView {
    Text {
        markdown: String,
    },
    Tip {
        markdown: String,
    },
    Checklist {
        items: Vec<String>,
    },
    Dialogue {
        lines: Vec<DialogueLineView>,
    },
    Image {
        src: String,
        alt: String,
    },
    Single {
        prompt: String,
        options: Vec<String>,
    },
    Multiple {
        prompt: String,
        options: Vec<String>,
    },
    TrueFalse {
        statement: String,
    },
    /// Steps shown shuffled.
    Ordering {
        prompt: String,
        steps: Vec<StepView>,
    },
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonToTake {
    pub key: String,
    pub title: String,
    pub locale: &'static str,
    pub version_id: uuid::Uuid,
    pub estimate_seconds: i32,
    pub cards: Vec<CardView>,
    /// The learner's open coaching-path steps that ask for this lesson, with what passing
    /// each needs (empty outside a path, in previews and in the offline pack).
    pub path_steps: Vec<StepNeedView>,
}

/// A coaching-path step that asks for a lesson, and what passing it needs.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepNeedView {
    pub path_title: String,
    pub step_title: String,
    /// Percent.
    pub pass_mark: u8,
    /// Right answers needed, of `items`.
    pub needed: u32,
    pub items: u32,
    /// Tried already without passing.
    pub attempted: bool,
}

impl From<cinco_app::path::pass::StepNeed> for StepNeedView {
    fn from(n: cinco_app::path::pass::StepNeed) -> Self {
        Self {
            path_title: n.path_title,
            step_title: n.step_title,
            pass_mark: n.pass_mark,
            needed: n.needed,
            items: n.items,
            attempted: n.attempted,
        }
    }
}

pub fn card_view(card: &Card, version: uuid::Uuid) -> CardView {
    let texts =
        |options: &[cinco_domain::lesson::Choice]| options.iter().map(|o| o.text.clone()).collect();
    match card {
        Card::Block(Block::Text(md)) => CardView::Text {
            markdown: md.clone(),
        },
        Card::Block(Block::Tip(md)) => CardView::Tip {
            markdown: md.clone(),
        },
        Card::Block(Block::Checklist(items)) => CardView::Checklist {
            items: items.clone(),
        },
        Card::Block(Block::Dialogue(lines)) => CardView::Dialogue {
            lines: lines
                .iter()
                .map(|l| DialogueLineView {
                    speaker: l.speaker.as_str(),
                    text: l.text.clone(),
                })
                .collect(),
        },
        Card::Block(Block::Image { src, alt }) => CardView::Image {
            src: src.clone(),
            alt: alt.clone(),
        },
        Card::Item(Item::Single {
            prompt, options, ..
        }) => CardView::Single {
            prompt: prompt.clone(),
            options: texts(options),
        },
        Card::Item(Item::Multiple {
            prompt, options, ..
        }) => CardView::Multiple {
            prompt: prompt.clone(),
            options: texts(options),
        },
        Card::Item(Item::TrueFalse { statement, .. }) => CardView::TrueFalse {
            statement: statement.clone(),
        },
        Card::Item(Item::Ordering { prompt, steps, .. }) => {
            // The same shuffle every time for a version, so a resumed lesson looks the same.
            let mut shown: Vec<StepView> = steps
                .iter()
                .enumerate()
                .map(|(id, text)| StepView {
                    id,
                    text: text.clone(),
                })
                .collect();
            shown
                .sort_by_key(|s| Sha256::digest(format!("{version}:{}", s.id).as_bytes()).to_vec());
            CardView::Ordering {
                prompt: prompt.clone(),
                steps: shown,
            }
        }
    }
}
