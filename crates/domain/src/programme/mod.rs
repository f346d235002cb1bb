//! A programme of ordered steps, each copied to one learner when it is given to them: a
//! coaching path (its steps) and a certification track (its modules) are both programmes.
//! What they share lives here: a kind of step, which kinds ask for content, the pass mark,
//! and the rule for when finishing a lesson or scenario completes an open step; and
//! ([`words`]) what a programme says in each language.

pub mod words;

use chrono::{DateTime, Utc};

use crate::learning::{ContentKind, Finished};
use crate::lesson::Key;

/// The pass mark (percent) of a lesson or scenario step when its author gave none.
pub const DEFAULT_PASS_PERCENT: u8 = 70;

/// A kind of step in one kind of programme (path steps, track modules).
pub trait Kind: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// Every kind, in the order editors offer them.
    const ALL: &'static [Self];

    /// The stable name, as stored and as the API shows it.
    fn as_str(self) -> &'static str;

    /// The content a step of this kind asks the learner to finish, if it names any.
    fn content(self) -> Option<ContentKind>;

    /// The kind named `raw`, if there is one.
    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == raw)
    }
}

/// A step in its flat form, as an editor sends it and as it is stored: its kind and the
/// fields a kind may use. `coaching::Step::from_parts` and `certification::Module::from_parts`
/// say which fields each kind needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<K> {
    pub title: String,
    pub kind: K,
    /// The lesson or scenario a content step names.
    pub target_key: Option<String>,
    pub pass_percent: Option<u8>,
    pub instructions: Option<String>,
    /// What an assessor rates, for assessed steps.
    pub rubric: Vec<String>,
    /// Days after the programme is given that the step is due, when it has its own date.
    pub due_after_days: Option<u32>,
}

impl<K: Kind> Parts<K> {
    /// A step of kind `kind` with only a title.
    pub fn new(title: &str, kind: K) -> Self {
        Self {
            title: title.to_owned(),
            kind,
            target_key: None,
            pass_percent: None,
            instructions: None,
            rubric: Vec::new(),
            due_after_days: None,
        }
    }

    /// The content key it names, when it is a key.
    pub fn key(&self) -> Option<Key> {
        self.target_key.as_deref().and_then(Key::parse)
    }

    /// Its pass mark, or the default.
    pub fn pass(&self) -> u8 {
        self.pass_percent.unwrap_or(DEFAULT_PASS_PERCENT)
    }
}

/// A step's stored pass mark (percent), or the default when none was set or it is out of
/// range.
pub fn pass_mark(stored: Option<i32>) -> u8 {
    stored
        .and_then(|p| u8::try_from(p).ok())
        .filter(|p| *p <= 100)
        .unwrap_or(DEFAULT_PASS_PERCENT)
}

/// An open step of a programme given to a learner, as far as finishing content concerns it.
#[derive(Debug, Clone, Copy)]
pub struct GivenStep<'a, K> {
    pub kind: K,
    /// The lesson or scenario key it names, if any.
    pub target_key: Option<&'a str>,
    pub pass_percent: Option<i32>,
    /// When the programme was given to the learner: only what they finish from then counts.
    pub given_at: DateTime<Utc>,
}

/// Something the learner finished, as far as programmes concern it.
#[derive(Debug, Clone, Copy)]
pub struct Done<'a> {
    pub kind: ContentKind,
    pub key: &'a Key,
    pub result: Finished,
    pub at: DateTime<Utc>,
}

/// How finishing some content went for an open step that asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOutcome {
    /// It reached the pass mark: the step is done with this score (percent).
    Passed(u8),
    /// It fell short: the step stays open, attempted with this score (percent).
    NotPassed(u8),
}

impl<K: Kind> GivenStep<'_, K> {
    /// How `done` went for this step: `None` when it is not this step's content (or was
    /// finished before the programme was given), else whether it reached the pass mark.
    pub fn outcome(&self, done: &Done<'_>) -> Option<StepOutcome> {
        let this = self.kind.content() == Some(done.kind)
            && self.target_key == Some(done.key.as_str())
            && self.given_at <= done.at;
        this.then(|| {
            let score = done.result.percent();
            if done.result.passes(pass_mark(self.pass_percent)) {
                StepOutcome::Passed(score)
            } else {
                StepOutcome::NotPassed(score)
            }
        })
    }

    /// The score (percent) with which `done` completes this step, or `None` when it does not:
    /// the step asks for this very content, the learner finished it after being given the
    /// programme, and the result reaches the step's pass mark.
    pub fn completed_by(&self, done: &Done<'_>) -> Option<u8> {
        match self.outcome(done) {
            Some(StepOutcome::Passed(score)) => Some(score),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::{DEFAULT_PASS_PERCENT, Done, GivenStep, Kind, StepOutcome, pass_mark};
    use crate::certification::ModuleType;
    use crate::coaching::StepType;
    use crate::learning::{ContentKind, Finished};
    use crate::lesson::Key;

    fn key(raw: &str) -> Key {
        let Some(k) = Key::parse(raw) else {
            panic!("{raw} is a key")
        };
        k
    }

    #[test]
    fn a_stored_pass_mark_falls_back_to_the_default() {
        assert_eq!(pass_mark(Some(80)), 80);
        assert_eq!(pass_mark(None), DEFAULT_PASS_PERCENT);
        assert_eq!(pass_mark(Some(101)), DEFAULT_PASS_PERCENT);
        assert_eq!(pass_mark(Some(-1)), DEFAULT_PASS_PERCENT);
    }

    #[test]
    fn every_kind_parses_back_from_its_name_and_nothing_else_does() {
        for k in StepType::ALL {
            assert_eq!(<StepType as Kind>::parse(k.as_str()), Some(k));
        }
        for k in ModuleType::ALL {
            assert_eq!(<ModuleType as Kind>::parse(k.as_str()), Some(k));
        }
        assert_eq!(<StepType as Kind>::parse("teach_back"), None);
        assert_eq!(<ModuleType as Kind>::parse("practice_task"), None);
    }

    #[test]
    fn only_the_named_content_finished_after_the_programme_was_given_and_passed_completes() {
        let given = Utc
            .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let empathy = key("empathy-basics");
        let step = GivenStep {
            kind: StepType::Lesson,
            target_key: Some("empathy-basics"),
            pass_percent: Some(70),
            given_at: given,
        };
        let done = |kind, key, correct, at| Done {
            kind,
            key,
            result: Finished::Lesson { correct, total: 3 },
            at,
        };
        let later = given + Duration::hours(1);
        assert_eq!(
            step.completed_by(&done(ContentKind::Lesson, &empathy, 3, later)),
            Some(100)
        );
        // Below the mark, before the programme, another lesson, or a scenario of that key.
        assert_eq!(
            step.completed_by(&done(ContentKind::Lesson, &empathy, 2, later)),
            None
        );
        // Two of three is an attempt that did not pass: the step stays open, and says so.
        assert_eq!(
            step.outcome(&done(ContentKind::Lesson, &empathy, 2, later)),
            Some(StepOutcome::NotPassed(66))
        );
        assert_eq!(
            step.outcome(&done(ContentKind::Lesson, &empathy, 3, later)),
            Some(StepOutcome::Passed(100))
        );
        assert_eq!(
            step.completed_by(&done(
                ContentKind::Lesson,
                &empathy,
                3,
                given - Duration::hours(1)
            )),
            None
        );
        let refunds = key("refunds");
        assert_eq!(
            step.completed_by(&done(ContentKind::Lesson, &refunds, 3, later)),
            None
        );
        assert_eq!(
            step.completed_by(&done(ContentKind::Scenario, &empathy, 3, later)),
            None
        );
        // A kind that names no content is never completed by content.
        let session = GivenStep {
            kind: ModuleType::TeachBack,
            target_key: Some("empathy-basics"),
            pass_percent: None,
            given_at: given,
        };
        assert_eq!(
            session.completed_by(&done(ContentKind::Lesson, &empathy, 3, later)),
            None
        );
    }
}
