//! Train-the-trainer: tracks (ordered modules with pass criteria), how an assessor's rubric
//! decides a teach-back or an observed session, and the certifications a finished track
//! issues — their levels, expiry and renewal reminders.
//!
//! Knowledge cascades trainer → lead → agent: a coach track is assessed by a certified
//! trainer, a trainer track by a master trainer.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Months, Utc};

use crate::learning::ContentKind;
use crate::lesson::Key;
use crate::programme::Parts;
use crate::text::{LONG_MAX, TITLE_MAX};

/// Modules in a track, at most.
pub const MAX_MODULES: usize = 12;
/// Criteria in a rubric, at most.
pub const MAX_CRITERIA: usize = 10;
/// A criterion rated at least this (on 1–4) meets the bar; a submission passes when every
/// criterion does.
pub const PASS_RATING: u8 = 3;
/// A certification is valid for at most this many months.
pub const MAX_VALIDITY_MONTHS: u32 = 60;
/// A rubric criterion has at most this many characters.
pub const CRITERION_MAX: usize = 300;
/// A link to a teach-back's recording has at most this many bytes.
pub const LINK_MAX: usize = 500;
/// Holders are reminded this many days before expiry (and once more a week before).
pub const RENEWAL_NOTICE_DAYS: [i64; 2] = [30, 7];

/// Where an enrolment on a track stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnrolmentStatus {
    /// Modules remain to do.
    Active,
    /// Every module done; the certification was issued.
    Completed,
    /// Taken off the track (what was done is kept).
    Withdrawn,
}

impl EnrolmentStatus {
    pub const ALL: [EnrolmentStatus; 3] = [
        EnrolmentStatus::Active,
        EnrolmentStatus::Completed,
        EnrolmentStatus::Withdrawn,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            EnrolmentStatus::Active => "active",
            EnrolmentStatus::Completed => "completed",
            EnrolmentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Where a teach-back or observed-session submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubmissionStatus {
    /// Waiting for an assessor.
    Pending,
    /// Assessed as meeting the bar: its module is done.
    Passed,
    /// Assessed as not yet: the trainee sends it again.
    NeedsWork,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 3] = [
        SubmissionStatus::Pending,
        SubmissionStatus::Passed,
        SubmissionStatus::NeedsWork,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Pending => "pending",
            SubmissionStatus::Passed => "passed",
            SubmissionStatus::NeedsWork => "needs_work",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// How far a certification reaches. Each level includes the ones below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Coaches agents (a lead): may sign off coaching ratings.
    Coach,
    /// Trains and certifies coaches: may assess their teach-backs.
    Trainer,
    /// Trains and certifies trainers.
    MasterTrainer,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Coach, Level::Trainer, Level::MasterTrainer];

    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Coach => "coach",
            Level::Trainer => "trainer",
            Level::MasterTrainer => "master_trainer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw)
    }

    /// The role the holders of this level have: a certified coach is a lead; trainers and
    /// master trainers are trainers.
    pub const fn holder_role(self) -> crate::Role {
        match self {
            Level::Coach => crate::Role::Lead,
            Level::Trainer | Level::MasterTrainer => crate::Role::Trainer,
        }
    }

    /// The level an assessor of this level's track must hold.
    pub const fn assessor(self) -> Level {
        match self {
            Level::Coach => Level::Trainer,
            Level::Trainer | Level::MasterTrainer => Level::MasterTrainer,
        }
    }

    /// The certification keys this level stands for in authority limits: itself and every
    /// level below it.
    pub fn authority_keys(self) -> impl Iterator<Item = &'static str> {
        Self::ALL
            .into_iter()
            .filter(move |l| *l <= self)
            .map(Level::as_str)
    }
}

/// The kind of a track module, without its content: how an enrolled module is stored and
/// shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModuleType {
    Lesson,
    Scenario,
    TeachBack,
    ObservedSession,
}

impl ModuleType {
    pub const ALL: [ModuleType; 4] = [
        ModuleType::Lesson,
        ModuleType::Scenario,
        ModuleType::TeachBack,
        ModuleType::ObservedSession,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ModuleType::Lesson => "lesson",
            ModuleType::Scenario => "scenario",
            ModuleType::TeachBack => "teach_back",
            ModuleType::ObservedSession => "observed_session",
        }
    }
}

impl crate::programme::Kind for ModuleType {
    const ALL: &'static [Self] = &ModuleType::ALL;

    fn as_str(self) -> &'static str {
        ModuleType::as_str(self)
    }

    fn content(self) -> Option<ContentKind> {
        match self {
            ModuleType::Lesson => Some(ContentKind::Lesson),
            ModuleType::Scenario => Some(ContentKind::Scenario),
            ModuleType::TeachBack | ModuleType::ObservedSession => None,
        }
    }
}

/// What a module asks of the trainee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleKind {
    /// A published lesson, passed at `pass_percent`.
    Lesson { lesson: Key, pass_percent: u8 },
    /// A published scenario, passed at `pass_percent`.
    Scenario { scenario: Key, pass_percent: u8 },
    /// The trainee prepares and delivers a short session, and submits the plan, notes and
    /// optionally a recording link; an assessor rates it on the rubric.
    TeachBack { rubric: Vec<String> },
    /// The trainee coaches an agent in a recorded coaching session while an assessor
    /// observes and rates the coaching on the rubric.
    ObservedSession { rubric: Vec<String> },
}

impl ModuleKind {
    pub const fn module_type(&self) -> ModuleType {
        match self {
            ModuleKind::Lesson { .. } => ModuleType::Lesson,
            ModuleKind::Scenario { .. } => ModuleType::Scenario,
            ModuleKind::TeachBack { .. } => ModuleType::TeachBack,
            ModuleKind::ObservedSession { .. } => ModuleType::ObservedSession,
        }
    }

    pub const fn as_str(&self) -> &'static str {
        self.module_type().as_str()
    }

    /// The rubric an assessor rates, for assessed modules.
    pub fn rubric(&self) -> Option<&[String]> {
        match self {
            ModuleKind::TeachBack { rubric } | ModuleKind::ObservedSession { rubric } => {
                Some(rubric)
            }
            _ => None,
        }
    }
}

/// One module of a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub title: String,
    pub kind: ModuleKind,
    /// What to do, for the trainee (may be empty for lessons and scenarios).
    pub instructions: String,
}

impl Module {
    /// The module in its flat form.
    pub fn parts(&self) -> Parts<ModuleType> {
        let mut parts = Parts::new(&self.title, self.kind.module_type());
        parts.instructions = Some(self.instructions.clone()).filter(|i| !i.is_empty());
        match &self.kind {
            ModuleKind::Lesson {
                lesson: key,
                pass_percent,
            }
            | ModuleKind::Scenario {
                scenario: key,
                pass_percent,
            } => {
                parts.target_key = Some(key.as_str().to_owned());
                parts.pass_percent = Some(*pass_percent);
            }
            ModuleKind::TeachBack { rubric } | ModuleKind::ObservedSession { rubric } => {
                parts.rubric = rubric.clone();
            }
        }
        parts
    }

    /// The module of these parts; `None` when a lesson or scenario module names no valid
    /// key. Fields its kind does not use are dropped.
    pub fn from_parts(parts: &Parts<ModuleType>) -> Option<Module> {
        let kind = match parts.kind {
            ModuleType::Lesson => ModuleKind::Lesson {
                lesson: parts.key()?,
                pass_percent: parts.pass(),
            },
            ModuleType::Scenario => ModuleKind::Scenario {
                scenario: parts.key()?,
                pass_percent: parts.pass(),
            },
            ModuleType::TeachBack => ModuleKind::TeachBack {
                rubric: parts.rubric.clone(),
            },
            ModuleType::ObservedSession => ModuleKind::ObservedSession {
                rubric: parts.rubric.clone(),
            },
        };
        Some(Module {
            title: parts.title.clone(),
            kind,
            instructions: parts.instructions.clone().unwrap_or_default(),
        })
    }
}

/// Why a track was refused; modules are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackError {
    #[error("a track needs a title of 1 to 200 characters")]
    Title,
    #[error("a track needs between 1 and {MAX_MODULES} modules")]
    ModuleCount,
    #[error("module {0} needs a title")]
    ModuleTitle(usize),
    #[error("module {0}: the pass mark must be between 0 and 100")]
    PassMark(usize),
    #[error("module {0}: a rubric needs 1 to {MAX_CRITERIA} criteria, each 1 to 300 characters")]
    Rubric(usize),
    #[error("a track certifies at least one competency")]
    NoScope,
    #[error("a certification is valid for 1 to {MAX_VALIDITY_MONTHS} months")]
    Validity,
    #[error("a track needs a teach-back or an observed session: someone else assesses it")]
    NoAssessment,
}

/// A track: what it certifies, for how long, and its modules in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub title: String,
    pub description: String,
    pub level: Level,
    /// The competencies the certification covers.
    pub scope: Vec<Key>,
    pub validity_months: u32,
    pub modules: Vec<Module>,
}

impl Track {
    /// Checks a track.
    pub fn new(mut track: Track) -> Result<Self, TrackError> {
        track.title = track.title.trim().to_owned();
        if !(1..=TITLE_MAX).contains(&track.title.chars().count()) {
            return Err(TrackError::Title);
        }
        if track.modules.is_empty() || track.modules.len() > MAX_MODULES {
            return Err(TrackError::ModuleCount);
        }
        if track.scope.is_empty() {
            return Err(TrackError::NoScope);
        }
        track.scope.sort();
        track.scope.dedup();
        if !(1..=MAX_VALIDITY_MONTHS).contains(&track.validity_months) {
            return Err(TrackError::Validity);
        }
        if !track.modules.iter().any(|m| m.kind.rubric().is_some()) {
            return Err(TrackError::NoAssessment);
        }
        for (i, module) in track.modules.iter_mut().enumerate() {
            let n = i + 1;
            module.title = module.title.trim().to_owned();
            if module.title.is_empty() || module.title.chars().count() > TITLE_MAX {
                return Err(TrackError::ModuleTitle(n));
            }
            match &mut module.kind {
                ModuleKind::Lesson { pass_percent, .. }
                | ModuleKind::Scenario { pass_percent, .. }
                    if *pass_percent > 100 =>
                {
                    return Err(TrackError::PassMark(n));
                }
                ModuleKind::TeachBack { rubric } | ModuleKind::ObservedSession { rubric } => {
                    rubric.iter_mut().for_each(|c| *c = c.trim().to_owned());
                    let fits = |c: &String| (1..=CRITERION_MAX).contains(&c.chars().count());
                    if rubric.is_empty() || rubric.len() > MAX_CRITERIA || !rubric.iter().all(fits)
                    {
                        return Err(TrackError::Rubric(n));
                    }
                }
                _ => {}
            }
        }
        Ok(track)
    }
}

/// Why an assessment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    #[error("rate every criterion of the rubric, once, in order")]
    Criteria,
    #[error("a rating is 1 to 4")]
    Rating,
}

/// Whether an assessment passes: one rating per criterion, in the rubric's order, each 1–4;
/// it passes when every criterion meets the bar.
pub fn assessment_passes(rubric: &[String], ratings: &[u8]) -> Result<bool, AssessmentError> {
    if ratings.len() != rubric.len() {
        return Err(AssessmentError::Criteria);
    }
    if ratings.iter().any(|r| !(1..=4).contains(r)) {
        return Err(AssessmentError::Rating);
    }
    Ok(ratings.iter().all(|r| *r >= PASS_RATING))
}

/// Where a certification stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Active,
    Expired,
    Revoked,
}

impl Standing {
    pub const ALL: [Standing; 3] = [Standing::Active, Standing::Expired, Standing::Revoked];

    pub fn at(now: DateTime<Utc>, expires_at: DateTime<Utc>, revoked: bool) -> Self {
        if revoked {
            Standing::Revoked
        } else if now >= expires_at {
            Standing::Expired
        } else {
            Standing::Active
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Standing::Active => "active",
            Standing::Expired => "expired",
            Standing::Revoked => "revoked",
        }
    }
}

/// A line of a certification's history; each happens at most once per certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificationEvent {
    Issued,
    /// The holder was told it expires in 30 days.
    RenewalReminder30,
    /// The holder was told it expires in 7 days.
    RenewalReminder7,
    /// A newer certification replaced it.
    Renewed,
    Revoked,
}

impl CertificationEvent {
    pub const ALL: [CertificationEvent; 5] = [
        CertificationEvent::Issued,
        CertificationEvent::RenewalReminder30,
        CertificationEvent::RenewalReminder7,
        CertificationEvent::Renewed,
        CertificationEvent::Revoked,
    ];

    /// The stable name, as stored and as the API shows it.
    pub const fn as_str(self) -> &'static str {
        match self {
            CertificationEvent::Issued => "issued",
            CertificationEvent::RenewalReminder30 => "renewal_reminder_30",
            CertificationEvent::RenewalReminder7 => "renewal_reminder_7",
            CertificationEvent::Renewed => "renewed",
            CertificationEvent::Revoked => "revoked",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == raw)
    }

    /// The reminder sent `days` before expiry (one of [`RENEWAL_NOTICE_DAYS`]).
    pub const fn renewal_reminder(days: i64) -> Option<Self> {
        match days {
            30 => Some(CertificationEvent::RenewalReminder30),
            7 => Some(CertificationEvent::RenewalReminder7),
            _ => None,
        }
    }
}

/// When a certification issued at `issued` for `months` expires.
pub fn expires_at(issued: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    issued
        .checked_add_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The renewal reminder due now, if any: the smallest notice (in days) the expiry is within.
/// Nothing once it has expired.
pub fn renewal_notice(now: DateTime<Utc>, expires_at: DateTime<Utc>) -> Option<i64> {
    if now >= expires_at {
        return None;
    }
    RENEWAL_NOTICE_DAYS
        .into_iter()
        .filter(|days| expires_at - now <= Duration::days(*days))
        .min()
}

/// Why a teach-back submission was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubmissionError {
    #[error("the plan is needed, up to 4000 characters")]
    Plan,
    #[error("notes are up to 4000 characters")]
    Notes,
    #[error("a recording link is an http(s) address of up to 500 characters")]
    Link,
}

/// A teach-back as the trainee submits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeachBack {
    pub plan: String,
    pub notes: Option<String>,
    pub recording_url: Option<String>,
}

impl TeachBack {
    pub fn new(
        plan: &str,
        notes: Option<&str>,
        link: Option<&str>,
    ) -> Result<Self, SubmissionError> {
        let plan = plan.trim();
        if plan.is_empty() || plan.chars().count() > LONG_MAX {
            return Err(SubmissionError::Plan);
        }
        let notes = notes.map(str::trim).filter(|n| !n.is_empty());
        if notes.is_some_and(|n| n.chars().count() > LONG_MAX) {
            return Err(SubmissionError::Notes);
        }
        let link = link.map(str::trim).filter(|l| !l.is_empty());
        if let Some(l) = link {
            let lower = l.to_ascii_lowercase();
            let scheme = lower.starts_with("https://") || lower.starts_with("http://");
            let host = l.split_once("://").map_or("", |(_, rest)| rest);
            if !scheme
                || host.is_empty()
                || l.len() > LINK_MAX
                || l.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(SubmissionError::Link);
            }
        }
        Ok(Self {
            plan: plan.to_owned(),
            notes: notes.map(str::to_owned),
            recording_url: link.map(str::to_owned),
        })
    }
}
