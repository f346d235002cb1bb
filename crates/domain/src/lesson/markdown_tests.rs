//! Tests of the lesson file parser and renderer.

use super::*;

const SAMPLE: &str = "---\nkey: aht-vs-fcr\ntitle: AHT y FCR\nlocale: es\ncompetencies: [first-contact-resolution, ownership]\nsummary: Resolver vale más.\n---\n\n:::text\nPárrafo con **negrita**.\n\nOtro párrafo.\n:::\n\n:::tip\nUn consejo.\n:::\n\n:::checklist\n- Escucha\n- Reconoce\n:::\n\n:::dialogue\ncustomer: Me cobraron dos veces.\nagent: Lo reviso ahora.\n:::\n\n:::image\nsrc: empathy.png\nalt: Una agente sonríe\n:::\n\n:::single\n¿Qué premia resolver?\n- [ ] AHT\n- [x] FCR\n> FCR mide la resolución.\n:::\n\n:::multiple\nElige dos.\n- [x] A\n- [x] B\n- [ ] C\n> A y B.\n> Segunda línea.\n:::\n\n:::true-false\nCuesta menos de 50 dólares.\nanswer: true\n> Sí.\n:::\n\n:::ordering\nOrdena.\n1. Uno\n2. Dos\n3. Tres\n> Así.\n:::\n";

#[test]
fn the_canonical_file_round_trips() {
    let lesson = parse(SAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lesson.cards.len(), 9);
    assert_eq!(lesson.items().count(), 4);
    assert_eq!(render(&lesson), SAMPLE);
    assert_eq!(parse(&render(&lesson)), Ok(lesson));
}

#[test]
fn errors_name_the_line() {
    let broken = SAMPLE.replace("- [x] FCR", "- [ ] FCR");
    let e = parse(&broken)
        .err()
        .unwrap_or_else(|| panic!("should fail"));
    assert_eq!(e.line, 34, "the line that opens the item");
    assert!(e.message.contains("exactly one"));

    let unclosed = "---\nkey: a-b\ntitle: T\nlocale: en\n---\n:::text\nHello\n";
    assert_eq!(parse(unclosed).err().map(|e| e.line), Some(6));

    let bad_speaker = "---\nkey: a-b\ntitle: T\nlocale: en\n---\n:::dialogue\nboss: hi\n:::\n";
    assert_eq!(parse(bad_speaker).err().map(|e| e.line), Some(7));

    let bad_locale = "---\nkey: a-b\ntitle: T\nlocale: fr\n---\n:::text\nx\n:::\n";
    assert_eq!(parse(bad_locale).err().map(|e| e.line), Some(4));

    let bad_order =
        "---\nkey: a-b\ntitle: T\nlocale: en\n---\n:::ordering\nP\n1. a\n3. b\n> e\n:::\n";
    assert_eq!(parse(bad_order).err().map(|e| e.line), Some(9));
}
