//! Tests of the checks on a lesson written card by card.

use super::*;
use crate::lesson::{DialogueLine, Key, Speaker};
use crate::locale::Locale;

fn lesson(cards: Vec<Card>) -> LessonContent {
    LessonContent {
        key: Key::parse("phone-lesson").unwrap_or_else(|| panic!("key")),
        title: "  Written on a phone ".into(),
        locale: Locale::En,
        competencies: vec![],
        summary: Some(" ".into()),
        cards,
    }
}

fn choice(text: &str, correct: bool) -> Choice {
    Choice {
        text: text.into(),
        correct,
    }
}

#[test]
fn a_tidied_lesson_renders_and_reads_back_the_same() {
    let written = lesson(vec![
        Card::Block(Block::Text("Para **one**.  \n\n- a list\n".into())),
        Card::Block(Block::Tip(" Smile. ".into())),
        Card::Block(Block::Checklist(vec!["Listen ".into()])),
        Card::Block(Block::Dialogue(vec![DialogueLine {
            speaker: Speaker::Customer,
            text: "Hi: there".into(),
        }])),
        Card::Block(Block::Image {
            src: "a.png".into(),
            alt: "An agent".into(),
        }),
        Card::Item(Item::Single {
            prompt: "Which?".into(),
            options: vec![choice("A", true), choice("B", false)],
            explanation: " Because\n  reasons ".into(),
        }),
        Card::Item(Item::TrueFalse {
            statement: "True?".into(),
            answer: false,
            explanation: "No.".into(),
        }),
        Card::Item(Item::Ordering {
            prompt: "Order".into(),
            steps: vec!["1".into(), "2".into(), "3".into()],
            explanation: "So.".into(),
        }),
    ]);
    let tidy = tidy(written);
    assert_eq!(tidy.title, "Written on a phone");
    assert_eq!(tidy.summary, None);
    assert_eq!(check(&tidy), vec![]);
    let read = markdown::parse(&markdown::render(&tidy)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read, tidy);
}

#[test]
fn problems_name_the_field_at_fault() {
    let written = tidy(lesson(vec![
        Card::Block(Block::Text("ok".into())),
        Card::Block(Block::Image {
            src: "a.png".into(),
            alt: " ".into(),
        }),
        Card::Item(Item::Single {
            prompt: "Which?".into(),
            options: vec![choice("A", true), choice("", true)],
            explanation: String::new(),
        }),
        Card::Item(Item::Ordering {
            prompt: "P".into(),
            steps: vec!["a".into(), "b".into()],
            explanation: "e".into(),
        }),
        Card::Block(Block::Tip("one\n:::\ntwo".into())),
    ]));
    let found: Vec<(String, &str)> = check(&written)
        .into_iter()
        .map(|p| (p.path, p.code))
        .collect();
    assert_eq!(
        found,
        vec![
            ("blocks[1].alt".to_owned(), "required"),
            ("blocks[2].options".to_owned(), "one_correct"),
            ("blocks[2].options[1].text".to_owned(), "required"),
            ("blocks[2].explanation".to_owned(), "required"),
            ("blocks[3].steps".to_owned(), "step_count"),
            ("blocks[4].text".to_owned(), "reserved_line"),
        ]
    );
    assert_eq!(check(&tidy(lesson(vec![])))[0].path, "blocks");
}

#[test]
fn what_would_read_back_differently_is_refused() {
    // A question whose second line looks like an option.
    let written = tidy(lesson(vec![Card::Item(Item::Multiple {
        prompt: "Pick\n- [x] sneaky".into(),
        options: vec![choice("A", true), choice("B", false)],
        explanation: "e".into(),
    })]));
    let problems = check(&written);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "blocks[0]");
    assert_eq!(problems[0].code, "not_representable");
}
