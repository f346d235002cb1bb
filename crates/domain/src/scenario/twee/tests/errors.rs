//! Every refusal names its line, and no input makes the importer panic.

use super::super::*;
use super::FILE;

fn line_of(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// The error of `FILE` with `from` replaced by `to`, and the line `at` is on.
fn error(from: &str, to: &str, at: &str) -> (TweeError, usize) {
    let source = FILE.replace(from, to);
    assert_ne!(source, FILE, "`{from}` is not in the file");
    let e = parse(&source)
        .err()
        .unwrap_or_else(|| panic!("`{to}` was accepted"));
    (e, line_of(&source, at))
}

#[test]
fn errors_name_the_line() {
    let header = ":: Scenario [scenario]";
    for (from, to, at) in [
        ("key: late-fee-waiver\n", "", header),
        ("locale: en\n", "", header),
        ("locale: en", "locale: fr", "locale: fr"),
        ("mood: annoyed", "mood annoyed", "mood annoyed"),
        ("empathy +1", "empathy lots", "empathy lots"),
        ("empathy +1", "empathy 300", "empathy 300"),
        ("empathy +1", "Empathy +1", "Empathy +1"),
        ("seconds: 40", "speed: 40", "speed: 40"),
        ("seconds: 40", "seconds: -40", "seconds: -40"),
        (
            "sentiment: +2",
            "sentiment: +2\nsentiment: +1",
            "sentiment: +1",
        ),
        (
            "resolution: resolves",
            "resolution: solved",
            "resolution: solved",
        ),
        (
            "action: fee-waiver 35 -> Approval",
            "action: fee-waiver -> Approval",
            "action:",
        ),
        (
            "action: fee-waiver 35 -> Approval",
            "action: fee-waiver 35",
            "action:",
        ),
        (
            "action: fee-waiver 35 -> Approval",
            "action: fee-waiver $35 -> X",
            "action:",
        ),
        (
            "action: fee-waiver 35 -> Approval",
            "action: fee-waiver 35 ->",
            "action:",
        ),
        ("seconds: 20\n", "Some stray prose\n", "stray prose"),
        (
            "change that.->Angry]]",
            "change that.->Angry]",
            "[[Fees are",
        ),
        (":: Thanks [end]", ":: [end]", ":: [end]"),
        (":: Thanks [end]", ":: Thanks [end", ":: Thanks"),
        (
            "Thank you, that's all I wanted.",
            "[[Again->Start]]",
            "[[Again",
        ),
        (":: StoryTitle", "Preface\n:: StoryTitle", "Preface"),
        (":: Angry [end]", ":: Angry [end scenario]", ":: Angry"),
    ] {
        let (e, line) = error(from, to, at);
        assert_eq!(e.line, line, "{to}: {e}");
    }
    assert_eq!(error("key: late-fee-waiver\n", "", "").0.line, 19);
    assert_eq!(
        error("seconds: 40", "speed: 40", "").0.to_string(),
        "line 37: `speed:` is not a reply field (feedback, evidence, seconds, sentiment, resolution, action)"
    );
}

proptest::proptest! {
    /// Imports come from users: any mix of Twee fragments is an answer, never a panic.
    #[test]
    fn arbitrary_twee_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        ":: ", "::", "\\", "[", "]", "{", "}", "[[", "]]", "->", "<-", "|", "][", "\n", "\r\n",
        " ", ":", ",", ".", "-", "+", "=", "é", "\"start\"", "\"", "Start", "end", "scenario",
        "narrator", "key: ab", "title: t", "locale: en", "evidence: empathy ", "action: a-b ",
        "seconds: ", "outcome: ", "99999999999999999999", "0.125", "2",
    ]), 0..60)) {
        let source: String = parts.concat();
        let _ = parse(&source);
        let _ = parse(&FILE.replace("seconds: 40", &source));
    }
}
