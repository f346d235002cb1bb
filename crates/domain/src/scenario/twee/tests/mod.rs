//! The Twee importer on a real Twine export, every link form, and errors that name the line.
use super::fields::cents;
use super::passages::{header, link};
use super::*;
use crate::lesson::Key;
use crate::scenario::{Action, Evidence, Resolution};

mod errors;

/// A Twine 2 export of a small scenario.
const FILE: &str = r#":: StoryTitle
A $35 late fee

:: StoryData
{
  "ifid": "3F1C2B8E-7A55-4C1E-9D7B-0E5A3C2F9B11",
  "format": "Harlowe",
  "format-version": "3.3.8",
  "start": "Start",
  "tag-colors": {
"end": "red"
  },
  "zoom": 1
}

:: UserStylesheet [stylesheet]
tw-story { font-family: sans-serif; }

:: Scenario [scenario] {"position":"100,100","size":"100,100"}
key: late-fee-waiver
title: A $35 late fee on a loyal customer's bill
locale: en
brief: Marta calls about a late fee. Your limit for fee waivers is on the screen.
competencies: empowered-decision-making, empathy
persona: Marta Ruiz
mood: annoyed
fact: Customer since = 2017, never late before
fact: Open charge = $35 late fee, March invoice

:: Start {"position":"250,100","size":"100,100"}
I've paid on time for seven years
and now you charge me $35?

[[You're right, that isn't fair. I've removed the fee now.->Thanks]]
feedback: Within your $50 limit: you solved it in one call.
evidence: empowered-decision-making +2, empathy +1
seconds: 40
sentiment: +2
resolution: resolves
action: fee-waiver 35 -> Approval

[[Fees are applied automatically, I can't change that.->Angry]]
feedback: A $35 decision was yours to make; the policy answer costs a loyal customer.
evidence: empowered-decision-making -2
seconds: 20
sentiment: -2

:: Approval [narrator] {"position":"400,250","size":"100,100"}
The fee is over your limit. Your supervisor is on the line.

[[Ask the supervisor to approve the waiver.->Thanks]]
feedback: Escalating was right once the amount was over your limit.
evidence: empowered-decision-making +1
seconds: 90
sentiment: -1
resolution: escalates

[[Tell Marta to write in.->Angry]]
feedback: Sending her away leaves the problem with her.
evidence: empathy -2
seconds: 15
sentiment: -2
resolution: transfers

:: Thanks [end] {"position":"550,100","size":"100,100"}
Thank you, that's all I wanted.
outcome: Fee waived on the call; Marta stays a happy customer.

:: Angry [end] {"position":"550,250","size":"100,100"}
Then I'll take my business elsewhere.
outcome: Marta leaves unhappy; the fee stands.
"#;

fn parsed(source: &str) -> Scenario {
    parse(source).unwrap_or_else(|e| panic!("{e}"))
}

fn k(raw: &str) -> Key {
    Key::parse(raw).unwrap_or_else(|| panic!("bad key {raw}"))
}

fn evidence(pairs: &[(&str, i8)]) -> Vec<Evidence> {
    pairs
        .iter()
        .map(|&(c, value)| Evidence {
            competency: k(c),
            value,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn choice(
    id: &str,
    text: &str,
    next: &str,
    feedback: &str,
    ev: &[(&str, i8)],
    seconds: u32,
    sentiment: i8,
    resolution: Resolution,
) -> Choice {
    Choice {
        id: id.into(),
        text: text.into(),
        next: next.into(),
        feedback: feedback.into(),
        evidence: evidence(ev),
        seconds,
        sentiment,
        resolution,
        action: None,
    }
}

fn end(id: &str, text: &str, outcome: &str) -> Node {
    Node {
        id: id.into(),
        start: false,
        speaker: Speaker::Customer,
        text: text.into(),
        kind: NodeKind::End {
            outcome: outcome.into(),
        },
    }
}

fn expected() -> Scenario {
    let edm = "empowered-decision-making";
    let waive = Choice {
        action: Some(Action {
            decision: k("fee-waiver"),
            amount_cents: 3500,
            escalation: "Approval".into(),
        }),
        ..choice(
            "c1",
            "You're right, that isn't fair. I've removed the fee now.",
            "Thanks",
            "Within your $50 limit: you solved it in one call.",
            &[(edm, 2), ("empathy", 1)],
            40,
            2,
            Resolution::Resolves,
        )
    };
    let policy = choice(
        "c2",
        "Fees are applied automatically, I can't change that.",
        "Angry",
        "A $35 decision was yours to make; the policy answer costs a loyal customer.",
        &[(edm, -2)],
        20,
        -2,
        Resolution::None,
    );
    let approve = choice(
        "c1",
        "Ask the supervisor to approve the waiver.",
        "Thanks",
        "Escalating was right once the amount was over your limit.",
        &[(edm, 1)],
        90,
        -1,
        Resolution::Escalates,
    );
    let write_in = choice(
        "c2",
        "Tell Marta to write in.",
        "Angry",
        "Sending her away leaves the problem with her.",
        &[("empathy", -2)],
        15,
        -2,
        Resolution::Transfers,
    );
    let fact = |label: &str, value: &str| Fact {
        label: label.into(),
        value: value.into(),
    };
    Scenario {
        key: k("late-fee-waiver"),
        title: "A $35 late fee on a loyal customer's bill".into(),
        locale: Locale::En,
        persona: Persona {
            name: "Marta Ruiz".into(),
            mood: "annoyed".into(),
            facts: vec![
                fact("Customer since", "2017, never late before"),
                fact("Open charge", "$35 late fee, March invoice"),
            ],
        },
        brief: "Marta calls about a late fee. Your limit for fee waivers is on the screen.".into(),
        competencies: vec![k(edm), k("empathy")],
        nodes: vec![
            Node {
                id: "Start".into(),
                start: true,
                speaker: Speaker::Customer,
                text: "I've paid on time for seven years\nand now you charge me $35?".into(),
                kind: NodeKind::Choices(vec![waive, policy]),
            },
            Node {
                id: "Approval".into(),
                start: false,
                speaker: Speaker::Narrator,
                text: "The fee is over your limit. Your supervisor is on the line.".into(),
                kind: NodeKind::Choices(vec![approve, write_in]),
            },
            end(
                "Thanks",
                "Thank you, that's all I wanted.",
                "Fee waived on the call; Marta stays a happy customer.",
            ),
            end(
                "Angry",
                "Then I'll take my business elsewhere.",
                "Marta leaves unhappy; the fee stands.",
            ),
        ],
    }
}

#[test]
fn a_twine_export_becomes_the_scenario_and_validates() {
    let s = parsed(FILE);
    assert_eq!(s, expected());
    assert_eq!(super::super::validate(&s), vec![]);
    // Windows line endings and a byte-order mark change nothing.
    let windows = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
    assert_eq!(parsed(&windows), expected());
}

#[test]
fn every_link_form_gives_text_and_target() {
    let pair = |inner: &str| link(1, inner).unwrap_or_else(|e| panic!("{e}"));
    let both = |t: &str, p: &str| (t.to_owned(), p.to_owned());
    assert_eq!(pair("Say this->Target"), both("Say this", "Target"));
    assert_eq!(pair("Target<-Say this"), both("Say this", "Target"));
    assert_eq!(pair("Say this|Target"), both("Say this", "Target"));
    assert_eq!(pair(" Target "), both("Target", "Target"));
    // Twine divides at the rightmost `->`; a SugarCube setter is ignored.
    assert_eq!(pair("A->B->Target"), both("A->B", "Target"));
    assert_eq!(pair("Say this|Target][$x to 1"), both("Say this", "Target"));
    assert!(link(1, "Say this->").is_err());
    // In a passage: links may follow text on a line, several to a line.
    let s = parsed(&FILE.replace(
        "[[Tell Marta to write in.->Angry]]",
        "[[Angry<-Write in.]] [[Thanks]]\n[[Wait|Thanks]]",
    ));
    let approval = s.node("Approval").unwrap_or_else(|| panic!("no Approval"));
    let replies: Vec<(&str, &str, &str)> = approval
        .choices()
        .iter()
        .map(|c| (c.id.as_str(), c.text.as_str(), c.next.as_str()))
        .collect();
    assert_eq!(
        replies[1..],
        [
            ("c2", "Write in.", "Angry"),
            ("c3", "Thanks", "Thanks"),
            ("c4", "Wait", "Thanks"),
        ]
    );
    assert_eq!(
        approval.choices()[3].feedback,
        "Sending her away leaves the problem with her."
    );
    let inline = parsed(&FILE.replace(
        "and now you charge me $35?\n\n[[",
        "and now you charge me $35? [[",
    ));
    assert_eq!(inline.nodes[0], expected().nodes[0]);
}

#[test]
fn story_data_names_the_start_else_the_start_tag() {
    let start = |s: &Scenario| -> Vec<String> {
        s.nodes
            .iter()
            .filter(|n| n.start)
            .map(|n| n.id.clone())
            .collect()
    };
    // StoryData wins over a `start` tag.
    let tagged = FILE.replace(":: Approval [narrator]", ":: Approval [narrator start]");
    assert_eq!(start(&parsed(&tagged)), ["Start"]);
    // Without a start in StoryData (a `start` tag colour is not one), the tag decides.
    let untagged = tagged
        .replace("  \"start\": \"Start\",\n", "")
        .replace("\"end\": \"red\"", "\"end\": \"red\", \"start\": \"Start\"");
    assert_eq!(start(&parsed(&untagged)), ["Approval"]);
    // StoryData naming the header passage (Twine's first passage) names no node.
    let header_first = tagged.replace("\"start\": \"Start\"", "\"start\": \"Scenario\"");
    assert_eq!(start(&parsed(&header_first)), ["Approval"]);
    assert_eq!(
        story_start(r#"{"tag-colors":{"start":"green"},"start":"Say \"hi\"\u0021"}"#),
        Some("Say \"hi\"!".to_owned())
    );
}

#[test]
fn passage_headers_unescape_names_and_read_tags() {
    let h = |raw: &str| header(1, raw);
    assert_eq!(
        h(r#" Ask \[boss\] \{now\} [narrator  end] {"position":"1,2"}"#),
        Ok((
            "Ask [boss] {now}".to_owned(),
            vec!["narrator".to_owned(), "end".to_owned()]
        ))
    );
    assert_eq!(h(" Plain name "), Ok(("Plain name".to_owned(), vec![])));
    assert!(h(" Name [unclosed").is_err());
    assert!(h(" Name [tag] trailing").is_err());
}

#[test]
fn amounts_become_cents_exactly() {
    let c = |raw: &str| cents(1, raw).ok();
    assert_eq!(c("35"), Some(3500));
    assert_eq!(c("12.5"), Some(1250));
    assert_eq!(c("0.05"), Some(5));
    assert_eq!(c("0.125"), Some(13));
    assert_eq!(c("0.1249"), Some(12));
    assert_eq!(c("19.999"), Some(2000));
    assert_eq!(c("-3"), Some(-300));
    for bad in [
        "",
        ".",
        "$35",
        "1,5",
        "1.2.3",
        "abc",
        "99999999999999999999",
    ] {
        assert_eq!(c(bad), None, "{bad}");
    }
}
