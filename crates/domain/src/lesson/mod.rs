//! Lessons: five-minute units of ordered cards — content blocks and knowledge-check items —
//! tagged with competencies, one locale per variant, versioned through a lifecycle.

pub mod check;
mod estimate;
pub mod markdown;
mod status;

pub use estimate::{Estimate, FIVE_MINUTES, WORDS_PER_MINUTE, estimate};
pub use status::{LessonStatus, TransitionError};

use crate::locale::Locale;

/// A stable, URL-safe name shared by a lesson's language variants: `aht-vs-fcr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(String);

impl Key {
    /// The shortest key.
    pub const MIN_LENGTH: usize = 2;
    /// The longest key.
    pub const MAX_LENGTH: usize = 64;

    pub fn parse(raw: &str) -> Option<Self> {
        let ok = (Self::MIN_LENGTH..=Self::MAX_LENGTH).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !raw.starts_with('-')
            && !raw.ends_with('-');
        ok.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One language variant of a lesson, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonContent {
    pub key: Key,
    pub title: String,
    pub locale: Locale,
    /// Keys of the competencies the lesson trains.
    pub competencies: Vec<Key>,
    pub summary: Option<String>,
    pub cards: Vec<Card>,
}

impl LessonContent {
    /// The knowledge-check items with their card index (the index identifies an item within
    /// an immutable published version).
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.cards.iter().enumerate().filter_map(|(i, c)| match c {
            Card::Item(item) => Some((i, item)),
            Card::Block(_) => None,
        })
    }
}

/// One screen of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Card {
    Block(Block),
    Item(Item),
}

/// Content to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Markdown, stored as written and rendered safely.
    Text(String),
    /// A short piece of advice, Markdown.
    Tip(String),
    Checklist(Vec<String>),
    Dialogue(Vec<DialogueLine>),
    Image {
        src: String,
        alt: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Customer,
    Agent,
    Narrator,
}

impl Speaker {
    pub const fn as_str(self) -> &'static str {
        match self {
            Speaker::Customer => "customer",
            Speaker::Agent => "agent",
            Speaker::Narrator => "narrator",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogueLine {
    pub speaker: Speaker,
    pub text: String,
}

/// A knowledge check, with the explanation shown after answering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Exactly one correct option.
    Single {
        prompt: String,
        options: Vec<Choice>,
        explanation: String,
    },
    /// One or more correct options; all must be chosen.
    Multiple {
        prompt: String,
        options: Vec<Choice>,
        explanation: String,
    },
    TrueFalse {
        statement: String,
        answer: bool,
        explanation: String,
    },
    /// Steps in their correct order (shown shuffled).
    Ordering {
        prompt: String,
        steps: Vec<String>,
        explanation: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
}

/// What an agent answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Indexes of the chosen options (single and multiple choice).
    Choices(Vec<usize>),
    TrueFalse(bool),
    /// Indexes of the steps in the order the agent put them.
    Order(Vec<usize>),
}

impl Item {
    pub fn explanation(&self) -> &str {
        match self {
            Item::Single { explanation, .. }
            | Item::Multiple { explanation, .. }
            | Item::TrueFalse { explanation, .. }
            | Item::Ordering { explanation, .. } => explanation,
        }
    }

    /// Grades a response: `None` when it does not fit the item (wrong kind, bad index).
    pub fn grade(&self, response: &Response) -> Option<bool> {
        match (self, response) {
            (
                Item::Single { options, .. } | Item::Multiple { options, .. },
                Response::Choices(chosen),
            ) => {
                if chosen.iter().any(|&i| i >= options.len()) {
                    return None;
                }
                let mut chosen = chosen.clone();
                chosen.sort_unstable();
                chosen.dedup();
                let correct: Vec<usize> = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect();
                Some(chosen == correct)
            }
            (Item::TrueFalse { answer, .. }, Response::TrueFalse(given)) => Some(answer == given),
            (Item::Ordering { steps, .. }, Response::Order(order)) => {
                if order.len() != steps.len() || order.iter().any(|&i| i >= steps.len()) {
                    return None;
                }
                Some(order.iter().enumerate().all(|(pos, &i)| pos == i))
            }
            _ => None,
        }
    }

    /// The correct response, shown with the explanation.
    pub fn solution(&self) -> Response {
        match self {
            Item::Single { options, .. } | Item::Multiple { options, .. } => Response::Choices(
                options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect(),
            ),
            Item::TrueFalse { answer, .. } => Response::TrueFalse(*answer),
            Item::Ordering { steps, .. } => Response::Order((0..steps.len()).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.to_owned(),
            correct,
        }
    }

    #[test]
    fn choices_are_graded_as_sets() {
        let item = Item::Multiple {
            prompt: "p".into(),
            options: vec![choice("a", true), choice("b", false), choice("c", true)],
            explanation: "e".into(),
        };
        assert_eq!(item.grade(&Response::Choices(vec![2, 0])), Some(true));
        assert_eq!(item.grade(&Response::Choices(vec![0])), Some(false));
        assert_eq!(item.grade(&Response::Choices(vec![0, 9])), None);
        assert_eq!(item.grade(&Response::TrueFalse(true)), None);
    }

    #[test]
    fn ordering_needs_every_step_in_place() {
        let item = Item::Ordering {
            prompt: "p".into(),
            steps: vec!["1".into(), "2".into(), "3".into()],
            explanation: "e".into(),
        };
        assert_eq!(item.grade(&Response::Order(vec![0, 1, 2])), Some(true));
        assert_eq!(item.grade(&Response::Order(vec![1, 0, 2])), Some(false));
        assert_eq!(item.grade(&Response::Order(vec![0, 1])), None);
        assert_eq!(item.solution(), Response::Order(vec![0, 1, 2]));
    }

    #[test]
    fn keys_are_url_safe() {
        assert!(Key::parse("aht-vs-fcr").is_some());
        assert!(Key::parse("AHT").is_none());
        assert!(Key::parse("-x").is_none());
    }
}
