//! The five-minute rule. Estimated time = words read ÷ 180 words per minute + 20 seconds per
//! knowledge-check item; every word of blocks, prompts, options and explanations counts as
//! read.

use super::{Block, Card, Item, LessonContent};

pub const WORDS_PER_MINUTE: usize = 180;
pub const SECONDS_PER_ITEM: usize = 20;
pub const FIVE_MINUTES: usize = 300;

/// How long a lesson takes, and where the time goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub seconds: usize,
    /// Seconds per card, in card order.
    pub per_card: Vec<usize>,
}

impl Estimate {
    pub fn fits(&self) -> bool {
        self.seconds <= FIVE_MINUTES
    }

    /// Indexes of the longest cards, longest first, at most `n`.
    pub fn biggest(&self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.per_card.len()).collect();
        order.sort_by(|a, b| self.per_card[*b].cmp(&self.per_card[*a]).then(a.cmp(b)));
        order.truncate(n);
        order
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn card_words(card: &Card) -> usize {
    match card {
        Card::Block(Block::Text(md) | Block::Tip(md)) => words(md),
        Card::Block(Block::Checklist(items)) => items.iter().map(|i| words(i)).sum(),
        Card::Block(Block::Dialogue(lines)) => lines.iter().map(|l| words(&l.text)).sum(),
        Card::Block(Block::Image { alt, .. }) => words(alt),
        Card::Item(
            Item::Single {
                prompt,
                options,
                explanation,
            }
            | Item::Multiple {
                prompt,
                options,
                explanation,
            },
        ) => {
            words(prompt)
                + options.iter().map(|o| words(&o.text)).sum::<usize>()
                + words(explanation)
        }
        Card::Item(Item::TrueFalse {
            statement,
            explanation,
            ..
        }) => words(statement) + words(explanation),
        Card::Item(Item::Ordering {
            prompt,
            steps,
            explanation,
        }) => words(prompt) + steps.iter().map(|s| words(s)).sum::<usize>() + words(explanation),
    }
}

/// Estimates a lesson's duration, card by card, rounding each card up to a whole second.
pub fn estimate(lesson: &LessonContent) -> Estimate {
    let per_card: Vec<usize> = lesson
        .cards
        .iter()
        .map(|card| {
            let reading = (card_words(card) * 60).div_ceil(WORDS_PER_MINUTE);
            let answering = if matches!(card, Card::Item(_)) {
                SECONDS_PER_ITEM
            } else {
                0
            };
            reading + answering
        })
        .collect();
    Estimate {
        seconds: per_card.iter().sum::<usize>() + words(&lesson.title) / 3,
        per_card,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::Key;
    use crate::locale::Locale;

    fn lesson(cards: Vec<Card>) -> LessonContent {
        LessonContent {
            key: Key::parse("x-lesson").unwrap_or_else(|| panic!("key")),
            title: "T".into(),
            locale: Locale::En,
            competencies: vec![],
            summary: None,
            cards,
        }
    }

    #[test]
    fn reading_and_answering_add_up() {
        let text = Card::Block(Block::Text("word ".repeat(180)));
        let item = Card::Item(Item::TrueFalse {
            statement: "a b c".into(),
            answer: true,
            explanation: "d e f".into(),
        });
        let e = estimate(&lesson(vec![text, item]));
        assert_eq!(e.per_card, vec![60, 22]);
        assert_eq!(e.seconds, 82);
        assert!(e.fits());
    }

    #[test]
    fn a_long_lesson_does_not_fit_and_names_its_biggest_cards() {
        let short = Card::Block(Block::Tip("short tip".into()));
        let long = Card::Block(Block::Text("word ".repeat(1000)));
        let e = estimate(&lesson(vec![short, long]));
        assert!(!e.fits());
        assert_eq!(e.biggest(1), vec![1]);
    }
}
