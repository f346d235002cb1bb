//! The demo lessons in `content/lessons/` are valid lesson files: they parse, fit in five
//! minutes, match their file names, and survive export and re-import unchanged.

use std::collections::BTreeMap;

use cinco_domain::lesson::{self, markdown};

#[test]
fn every_demo_lesson_parses_fits_and_round_trips() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/lessons");
    let mut locales: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let source =
            std::fs::read_to_string(entry.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let parsed = markdown::parse(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            name,
            format!("{}.{}.md", parsed.key.as_str(), parsed.locale),
            "file name"
        );
        let estimate = lesson::estimate(&parsed);
        assert!(estimate.fits(), "{name} takes {} s", estimate.seconds);
        assert!(
            parsed.items().count() >= 2,
            "{name} has too few knowledge checks"
        );
        let rendered = markdown::render(&parsed);
        assert_eq!(
            markdown::parse(&rendered).as_ref(),
            Ok(&parsed),
            "{name} does not round-trip"
        );
        assert_eq!(
            markdown::render(&markdown::parse(&rendered).unwrap_or_else(|e| panic!("{e}"))),
            rendered
        );
        locales
            .entry(parsed.key.as_str().to_owned())
            .or_default()
            .push(parsed.locale.code().to_owned());
    }
    assert!(locales.len() >= 12, "only {} lessons", locales.len());
    for (key, langs) in &locales {
        assert!(
            langs.contains(&"es".to_owned()) && langs.contains(&"en".to_owned()),
            "{key}: {langs:?}"
        );
    }
}
