//! Localised texts are stored as JSON objects of locale code → text.

use std::collections::BTreeMap;

use cinco_domain::Locale;
use cinco_domain::competency::LocalizedText;

pub(crate) fn to_json(text: &LocalizedText) -> String {
    let map: BTreeMap<&str, &str> = text.iter().map(|(l, t)| (l.code(), t)).collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned())
}

pub(crate) fn from_json(json: &str) -> Option<LocalizedText> {
    let map: BTreeMap<String, String> = serde_json::from_str(json).ok()?;
    LocalizedText::new(
        map.into_iter()
            .filter_map(|(l, t)| l.parse::<Locale>().ok().map(|l| (l, t))),
    )
}
