//! Writing a lesson back as a lesson file, in the canonical layout.

use std::fmt::Write as _;

use crate::lesson::{Block, Card, Item, Key, LessonContent};

/// Renders a lesson in the canonical file layout.
pub fn render(lesson: &LessonContent) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "---\nkey: {}\ntitle: {}\nlocale: {}",
        lesson.key.as_str(),
        lesson.title,
        lesson.locale
    );
    if !lesson.competencies.is_empty() {
        let keys: Vec<&str> = lesson.competencies.iter().map(Key::as_str).collect();
        let _ = writeln!(out, "competencies: [{}]", keys.join(", "));
    }
    if let Some(summary) = &lesson.summary {
        let _ = writeln!(out, "summary: {summary}");
    }
    out.push_str("---\n");
    for card in &lesson.cards {
        out.push('\n');
        render_card(&mut out, card);
    }
    out
}

fn render_card(out: &mut String, card: &Card) {
    let explain = |out: &mut String, text: &str| {
        for line in text.lines() {
            let _ = writeln!(out, "> {line}");
        }
    };
    match card {
        Card::Block(Block::Text(md)) => {
            let _ = writeln!(out, ":::text\n{md}");
        }
        Card::Block(Block::Tip(md)) => {
            let _ = writeln!(out, ":::tip\n{md}");
        }
        Card::Block(Block::Checklist(items)) => {
            out.push_str(":::checklist\n");
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        }
        Card::Block(Block::Dialogue(lines)) => {
            out.push_str(":::dialogue\n");
            for l in lines {
                let _ = writeln!(out, "{}: {}", l.speaker.as_str(), l.text);
            }
        }
        Card::Block(Block::Image { src, alt }) => {
            let _ = writeln!(out, ":::image\nsrc: {src}\nalt: {alt}");
        }
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
            let kind = if matches!(card, Card::Item(Item::Single { .. })) {
                "single"
            } else {
                "multiple"
            };
            let _ = writeln!(out, ":::{kind}\n{prompt}");
            for o in options {
                let _ = writeln!(out, "- [{}] {}", if o.correct { "x" } else { " " }, o.text);
            }
            explain(out, explanation);
        }
        Card::Item(Item::TrueFalse {
            statement,
            answer,
            explanation,
        }) => {
            let _ = writeln!(out, ":::true-false\n{statement}\nanswer: {answer}");
            explain(out, explanation);
        }
        Card::Item(Item::Ordering {
            prompt,
            steps,
            explanation,
        }) => {
            let _ = writeln!(out, ":::ordering\n{prompt}");
            for (i, s) in steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {s}", i + 1);
            }
            explain(out, explanation);
        }
    }
    out.push_str(":::\n");
}
