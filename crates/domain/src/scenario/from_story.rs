//! Story → scenario: a decision an agent took on a real contact, turned into the draft of a
//! role-play for a trainer to finish. The customer's problem opens it; the agent's decision
//! is the best reply (granting what they granted); a policy-only answer is the poor one; each
//! leads to its outcome. Deterministic: the same story gives the same draft.

use super::{Action, Choice, Evidence, Node, NodeKind, Persona, Resolution, Scenario, Speaker};
use crate::Locale;
use crate::lesson::Key;

/// A decision story, as a scenario needs it.
#[derive(Debug, Clone)]
pub struct Story<'a> {
    /// The new scenario's key.
    pub key: Key,
    pub locale: Locale,
    /// The decision type's key (`fee-waiver`) and its name in `locale`.
    pub decision: &'a Key,
    pub decision_name: &'a str,
    /// Cents granted, if the type has an amount.
    pub amount_cents: Option<i64>,
    /// The type is a permission (a yes/no exception): the best reply makes the exception,
    /// and a player who does not hold the permission goes to the approval ending.
    pub permission: bool,
    pub customer_need: &'a str,
    pub action_taken: &'a str,
    /// The competency the scenario trains, if the trainer named one.
    pub competency: Option<Key>,
}

/// The fixed words of the template in one language.
struct Words {
    persona: &'static str,
    mood: &'static str,
    brief: &'static str,
    policy_reply: &'static str,
    best_feedback: &'static str,
    policy_feedback: &'static str,
    resolved: &'static str,
    unresolved: &'static str,
    approval: &'static str,
    fact_type: &'static str,
}

fn words(locale: Locale) -> Words {
    match locale {
        Locale::Es => Words {
            persona: "Cliente",
            mood: "Preocupado",
            brief: "Un caso real de tu centro: lee lo que necesita el cliente y decide.",
            policy_reply: "Lo siento, la política no lo permite. No puedo hacer nada más.",
            best_feedback: "Lo que hizo un compañero en un contacto real: decidió a favor del cliente y resolvió el problema.",
            policy_feedback: "Solo la política: el cliente no queda mejor y volverá a llamar.",
            resolved: "Problema resuelto en el primer contacto: el cliente se va satisfecho.",
            unresolved: "El cliente se va sin solución y volverá a llamar.",
            approval: "Fuera de lo que puedes decidir tú: pides la aprobación a tu responsable y le dices al cliente cuándo tendrá respuesta.",
            fact_type: "Decisión",
        },
        Locale::En => Words {
            persona: "Customer",
            mood: "Worried",
            brief: "A real case from your centre: read what the customer needs and decide.",
            policy_reply: "I'm sorry, our policy doesn't allow that. There is nothing more I can do.",
            best_feedback: "What a colleague did on a real contact: they decided in the customer's favour and solved the problem.",
            policy_feedback: "Policy only: the customer is no better off and will call again.",
            resolved: "Solved on the first contact: the customer leaves satisfied.",
            unresolved: "The customer leaves without a solution and will call again.",
            approval: "Beyond what you may decide alone: you ask your lead for approval and tell the customer when they will hear back.",
            fact_type: "Decision",
        },
        Locale::It => Words {
            persona: "Cliente",
            mood: "Preoccupato",
            brief: "Un caso reale del tuo centro: leggi di cosa ha bisogno il cliente e decidi.",
            policy_reply: "Mi dispiace, la policy non lo consente. Non posso fare altro.",
            best_feedback: "Quello che ha fatto un collega in un contatto reale: ha deciso a favore del cliente e ha risolto il problema.",
            policy_feedback: "Solo la policy: il cliente non sta meglio e richiamerà.",
            resolved: "Risolto al primo contatto: il cliente se ne va soddisfatto.",
            unresolved: "Il cliente se ne va senza soluzione e richiamerà.",
            approval: "Oltre ciò che puoi decidere da solo: chiedi l'approvazione al tuo responsabile e dici al cliente quando avrà risposta.",
            fact_type: "Decisione",
        },
    }
}

/// The longest title a draft gets from the story's first words.
const TITLE_WORDS: usize = 60;

/// The scenario draft for `story`.
pub fn from_story(story: &Story<'_>) -> Scenario {
    let w = words(story.locale);
    let evidence = |value: i8| -> Vec<Evidence> {
        story
            .competency
            .iter()
            .map(|k| Evidence {
                competency: k.clone(),
                value,
            })
            .collect()
    };
    // A permission grants no amount; an amount type grants what the agent granted.
    let granted = if story.permission {
        Some(0)
    } else {
        story.amount_cents.filter(|cents| *cents > 0)
    };
    let action = granted.map(|amount_cents| Action {
        decision: story.decision.clone(),
        amount_cents,
        escalation: "approval".to_owned(),
    });
    let asks = action.is_some();
    let best = Choice {
        id: "decide".to_owned(),
        text: story.action_taken.trim().to_owned(),
        next: "resolved".to_owned(),
        feedback: w.best_feedback.to_owned(),
        evidence: evidence(2),
        seconds: 90,
        sentiment: 2,
        resolution: Resolution::Resolves,
        action,
    };
    let policy = Choice {
        id: "policy".to_owned(),
        text: w.policy_reply.to_owned(),
        next: "unresolved".to_owned(),
        feedback: w.policy_feedback.to_owned(),
        evidence: evidence(-1),
        seconds: 30,
        sentiment: -2,
        resolution: Resolution::None,
        action: None,
    };
    let end = |id: &str, outcome: &str| Node {
        id: id.to_owned(),
        start: false,
        speaker: Speaker::Narrator,
        text: outcome.to_owned(),
        kind: NodeKind::End {
            outcome: outcome.to_owned(),
        },
    };
    let mut nodes = vec![
        Node {
            id: "opening".to_owned(),
            start: true,
            speaker: Speaker::Customer,
            text: story.customer_need.trim().to_owned(),
            kind: NodeKind::Choices(vec![best, policy]),
        },
        end("resolved", w.resolved),
        end("unresolved", w.unresolved),
    ];
    if asks {
        nodes.push(end("approval", w.approval));
    }
    Scenario {
        key: story.key.clone(),
        title: title(story.decision_name, story.customer_need),
        locale: story.locale,
        persona: Persona {
            name: w.persona.to_owned(),
            mood: w.mood.to_owned(),
            facts: vec![super::Fact {
                label: w.fact_type.to_owned(),
                value: story.decision_name.to_owned(),
            }],
        },
        brief: w.brief.to_owned(),
        competencies: story.competency.iter().cloned().collect(),
        nodes,
    }
}

/// "Fee waiver: The customer was charged a late fee…", cut at a word.
fn title(decision_name: &str, need: &str) -> String {
    let need = need.trim();
    let mut cut = String::new();
    for word in need.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > TITLE_WORDS {
            cut.push('…');
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{decision_name}: {cut}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Limits, best_path, validate};

    fn story(amount: Option<i64>, competency: Option<&str>) -> Scenario {
        let decision = Key::parse("fee-waiver").unwrap_or_else(|| panic!("a test value"));
        from_story(&Story {
            key: Key::parse("story-1a2b3c4d").unwrap_or_else(|| panic!("a test value")),
            locale: Locale::En,
            decision: &decision,
            decision_name: "Fee waiver",
            amount_cents: amount,
            permission: false,
            customer_need: "A late fee of $35 after a hospital stay; the customer always paid on time.",
            action_taken: "I waived the $35 fee and set up a payment reminder.",
            competency: competency.map(|c| Key::parse(c).unwrap_or_else(|| panic!("a test value"))),
        })
    }

    #[test]
    fn a_story_becomes_a_valid_scenario_whose_best_reply_is_the_agents_decision() {
        let s = story(Some(3_500), Some("empowerment"));
        assert_eq!(validate(&s), vec![]);
        let start = s.start().unwrap_or_else(|| panic!("a test value"));
        assert!(start.text.starts_with("A late fee of $35"));
        let best = &start.choices()[0];
        assert_eq!(
            best.text,
            "I waived the $35 fee and set up a payment reminder."
        );
        let action = best
            .action
            .as_ref()
            .unwrap_or_else(|| panic!("a test value"));
        assert_eq!(
            (action.decision.as_str(), action.amount_cents),
            ("fee-waiver", 3_500)
        );
        assert_eq!(best.resolution, Resolution::Resolves);
        assert_eq!(start.choices()[1].resolution, Resolution::None);
        assert_eq!(s.competencies.len(), 1);
        let limits = Limits::new([(
            Key::parse("fee-waiver").unwrap_or_else(|| panic!("a test value")),
            5_000,
        )]);
        let path = best_path(&s, &limits).unwrap_or_else(|| panic!("a test value"));
        assert_eq!(
            path.steps.first().map(|st| st.choice.as_str()),
            Some("decide")
        );
        assert!(path.first_contact_resolution);
        assert!(s.title.starts_with("Fee waiver: A late fee"));
    }

    #[test]
    fn without_an_amount_the_best_reply_grants_nothing_and_needs_no_approval_branch() {
        let s = story(None, None);
        assert_eq!(validate(&s), vec![]);
        assert!(
            s.start()
                .unwrap_or_else(|| panic!("a test value"))
                .choices()[0]
                .action
                .is_none()
        );
        assert!(s.node("approval").is_none());
        assert!(s.competencies.is_empty());
    }

    #[test]
    fn a_permission_is_made_without_an_amount_and_asked_for_by_who_does_not_hold_it() {
        let decision = Key::parse("policy-exception").unwrap_or_else(|| panic!("a test value"));
        let s = from_story(&Story {
            key: Key::parse("story-9f8e7d6c5b").unwrap_or_else(|| panic!("a test value")),
            locale: Locale::It,
            decision: &decision,
            decision_name: "Eccezione a una regola",
            amount_cents: None,
            permission: true,
            customer_need: "Ha chiamato alle 18:05 per annullare; il limite era le 18:00.",
            action_taken: "Ho accettato l'annullamento cinque minuti dopo.",
            competency: None,
        });
        assert_eq!(validate(&s), vec![]);
        let best = &s.start().unwrap_or_else(|| panic!("a start")).choices()[0];
        let action = best.action.as_ref().unwrap_or_else(|| panic!("an action"));
        assert_eq!(
            (action.decision.as_str(), action.amount_cents),
            ("policy-exception", 0)
        );
        assert!(s.node("approval").is_some());
        let without = Limits::default();
        let holder = Limits::default().with_permissions([decision.clone()]);
        assert!(!without.allows(action));
        assert!(holder.allows(action));
    }

    #[test]
    fn the_same_story_gives_the_same_draft() {
        assert_eq!(story(Some(12_000), None), story(Some(12_000), None));
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let t = title("Credit", &"word ".repeat(40));
        assert!(t.chars().count() <= "Credit: ".len() + TITLE_WORDS + 1);
        assert!(t.ends_with('…'));
    }
}
