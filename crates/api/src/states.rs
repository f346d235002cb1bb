//! The API's names for stored states and kinds: each mirrors one domain enum variant for
//! variant, serialises as the domain's stable name and is an enum in the OpenAPI document.

use cinco_domain::authority::Grant;
use cinco_domain::certification::{
    CertificationEvent, EnrolmentStatus, Level, ModuleType, Standing, SubmissionStatus,
};
use cinco_domain::coaching::{
    AssignmentStatus, BehindReason, Observation, PathEvent, SessionStatus, StepType,
};
use cinco_domain::competency::Kind as CompetencyKind;
use cinco_domain::decision::DecisionStatus;
use cinco_domain::lesson::LessonStatus;
use cinco_domain::mail::DeliveryStatus;
use cinco_domain::suggestion::{ChangeKind, SuggestionStatus};
use cinco_domain::team::Membership;
use cinco_domain::today::ItemKind;
use cinco_domain::{Locale, Role};

/// Declares `$view`, the API's mirror of domain enum `$domain`, with conversions both ways.
macro_rules! mirror {
    (
        $(#[$meta:meta])*
        $view:ident = $domain:ident {
            $($(#[$vmeta:meta])* $variant:ident,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $view {
            $($(#[$vmeta])* $variant,)+
        }

        impl From<$domain> for $view {
            fn from(v: $domain) -> Self {
                match v {
                    $($domain::$variant => $view::$variant,)+
                }
            }
        }

        impl From<$view> for $domain {
            fn from(v: $view) -> Self {
                match v {
                    $($view::$variant => $domain::$variant,)+
                }
            }
        }
    };
}

mirror! {
    /// Where a path given to an agent stands.
    AssignmentStatusView = AssignmentStatus {
        /// Steps remain to do.
        Active,
        /// Every step is done.
        Completed,
        /// Called off by a lead or an admin.
        Cancelled,
    }
}

mirror! {
    /// A line of a path assignment's history: what happened to it.
    PathEventView = PathEvent {
        /// Given to the agent.
        Assigned,
        /// One of its steps was done.
        StepCompleted,
        /// A lead moved its due dates.
        Extended,
        /// A lead handed it to another agent.
        Reassigned,
        /// A lead or admin called it off.
        Cancelled,
        /// Its last step was done.
        Completed,
        /// A low score on its competency gave a remediation path, or came while it was open
        /// (the detail says which score and the threshold).
        LowScore,
    }
}

mirror! {
    /// What a planned item of the day is.
    ItemKindView = ItemKind {
        /// A review card.
        Review,
        /// A lesson to read.
        Lesson,
        /// A scenario to play.
        Scenario,
        /// A path's practice task.
        PathStep,
    }
}

mirror! {
    /// The level a certification gives.
    LevelView = Level {
        /// May coach agents.
        Coach,
        /// May train and certify coaches.
        Trainer,
        /// May train and certify trainers.
        MasterTrainer,
    }
}

mirror! {
    /// Where a certification stands now.
    StandingView = Standing {
        Active,
        /// Past its expiry date.
        Expired,
        Revoked,
    }
}

mirror! {
    /// A line of a certification's history.
    CertificationEventKindView = CertificationEvent {
        Issued,
        /// The holder was told it expires in 30 days.
        #[serde(rename = "renewal_reminder_30")]
        RenewalReminder30,
        /// The holder was told it expires in 7 days.
        #[serde(rename = "renewal_reminder_7")]
        RenewalReminder7,
        /// A newer certification replaced it.
        Renewed,
        Revoked,
    }
}

mirror! {
    /// What a competency is about.
    CompetencyKindView = CompetencyKind {
        Skill,
        Knowledge,
        Behaviour,
    }
}

mirror! {
    /// What a path step asks of the agent.
    StepKindView = StepType {
        /// A published lesson, passed at the step's mark.
        Lesson,
        /// A published scenario, passed at the step's mark.
        Scenario,
        /// A coaching session with the lead; done when it is recorded.
        CoachingSession,
        /// Something to do on real contacts; done when the agent reports it.
        PracticeTask,
    }
}

mirror! {
    /// Where a coaching session stands.
    SessionStatusView = SessionStatus {
        /// Arranged, not held yet.
        Scheduled,
        /// Held and rated.
        Recorded,
        /// Called off before it was held.
        Cancelled,
    }
}

mirror! {
    /// Why an agent needs attention on the team dashboard.
    BehindReasonView = BehindReason {
        /// Path steps past their due date.
        OverdueSteps,
        /// Scheduled coaching sessions that were not held.
        MissedSession,
        /// No coaching session held for the team's idle days (or ever).
        NoSession,
    }
}

mirror! {
    /// How the lead observed the rated contact.
    ObservationView = Observation {
        /// Listening in while it happened.
        Live,
        /// From the recording afterwards.
        Recorded,
    }
}

mirror! {
    /// What a track module asks of the trainee.
    ModuleKindView = ModuleType {
        /// A published lesson, passed at the module's mark.
        Lesson,
        /// A published scenario, passed at the module's mark.
        Scenario,
        /// A short session the trainee delivers; assessed on the rubric.
        TeachBack,
        /// A coaching session the trainee leads while observed; assessed on the rubric.
        ObservedSession,
    }
}

mirror! {
    /// Where an enrolment stands.
    EnrolmentStatusView = EnrolmentStatus {
        /// Modules remain to do.
        Active,
        /// Every module done; the certification was issued.
        Completed,
        /// Taken off the track.
        Withdrawn,
    }
}

mirror! {
    /// Where a submission stands.
    SubmissionStatusView = SubmissionStatus {
        /// Waiting for an assessor.
        Pending,
        /// Meets the bar: its module is done.
        Passed,
        /// Not yet: the trainee sends it again.
        NeedsWork,
    }
}

mirror! {
    /// Where a queued mail stands.
    DeliveryStatusView = DeliveryStatus {
        /// Waiting for its (next) attempt.
        Pending,
        /// Handed to the mail server (or the development mailbox).
        Sent,
        /// Given up after the last attempt.
        Failed,
    }
}

mirror! {
    /// A language Cinco speaks.
    LocaleView = Locale {
        /// Spanish.
        Es,
        /// English.
        En,
        /// Italian.
        It,
    }
}

mirror! {
    /// What a person may do; one person may hold several.
    RoleView = Role {
        /// Runs the organisation: people, teams, settings.
        Admin,
        /// Authors competencies, lessons, scenarios and tracks.
        Trainer,
        /// Coaches a team of agents.
        Lead,
        /// Takes the daily session.
        Agent,
    }
}

mirror! {
    /// How a person belongs to a team.
    MembershipView = Membership {
        Lead,
        Agent,
    }
}

mirror! {
    /// Where a lesson or scenario version stands in its lifecycle.
    LessonStatusView = LessonStatus {
        Draft,
        /// Waiting for a second trainer's review.
        InReview,
        Published,
        Archived,
    }
}

mirror! {
    /// Where a procedure suggestion stands.
    SuggestionStatusView = SuggestionStatus {
        /// Waiting for an answer.
        Open,
        /// Accepted: something changed.
        Accepted,
        /// Declined, with a reason.
        Declined,
    }
}

mirror! {
    /// What changed when a suggestion was accepted.
    ChangeKindView = ChangeKind {
        /// An authority limit.
        Limit,
        /// A lesson.
        Lesson,
        /// A note on the procedure.
        ProcedureNote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The API's name of each variant is the domain's stored name.
    fn same_names<D: Copy, V: From<D> + serde::Serialize>(all: &[D], name: fn(D) -> &'static str) {
        for d in all {
            let shown = serde_json::to_value(V::from(*d)).ok();
            assert_eq!(shown, Some(serde_json::Value::from(name(*d))));
        }
    }

    #[test]
    fn every_mirror_shows_the_domain_name() {
        same_names::<_, AssignmentStatusView>(&AssignmentStatus::ALL, AssignmentStatus::as_str);
        same_names::<_, StepKindView>(&StepType::ALL, StepType::as_str);
        same_names::<_, PathEventView>(&PathEvent::ALL, PathEvent::as_str);
        same_names::<_, ItemKindView>(&ItemKind::ALL, ItemKind::as_str);
        same_names::<_, LevelView>(&Level::ALL, Level::as_str);
        same_names::<_, CompetencyKindView>(&CompetencyKind::ALL, CompetencyKind::as_str);
        same_names::<_, StandingView>(&Standing::ALL, Standing::as_str);
        same_names::<_, CertificationEventKindView>(
            &CertificationEvent::ALL,
            CertificationEvent::as_str,
        );
        same_names::<_, SessionStatusView>(&SessionStatus::ALL, SessionStatus::as_str);
        same_names::<_, ObservationView>(&Observation::ALL, Observation::as_str);
        same_names::<_, BehindReasonView>(&BehindReason::ALL, BehindReason::as_str);
        same_names::<_, ModuleKindView>(&ModuleType::ALL, ModuleType::as_str);
        same_names::<_, EnrolmentStatusView>(&EnrolmentStatus::ALL, EnrolmentStatus::as_str);
        same_names::<_, SubmissionStatusView>(&SubmissionStatus::ALL, SubmissionStatus::as_str);
        same_names::<_, DeliveryStatusView>(&DeliveryStatus::ALL, DeliveryStatus::as_str);
        same_names::<_, LocaleView>(&Locale::ALL, Locale::code);
        same_names::<_, RoleView>(&Role::ALL, Role::as_str);
        same_names::<_, MembershipView>(&Membership::ALL, Membership::as_str);
        same_names::<_, LessonStatusView>(&LessonStatus::ALL, LessonStatus::as_str);
        same_names::<_, SuggestionStatusView>(&SuggestionStatus::ALL, SuggestionStatus::as_str);
        same_names::<_, ChangeKindView>(&ChangeKind::ALL, ChangeKind::as_str);
        same_names::<_, GrantView>(&Grant::ALL, Grant::as_str);
    }
}

mirror! {
    /// What a decision type grants.
    GrantView = Grant {
        /// Money: each role may grant up to an amount.
        Amount,
        /// A yes/no exception without an amount: a role may make it, or must ask.
        Permission,
    }
}

mirror! {
    /// Where a decision on a real contact stands.
    DecisionStatusView = DecisionStatus {
        /// Within the agent's limit: no approval needed.
        Empowered,
        /// Above the limit: waiting for a lead's answer.
        AwaitingApproval,
        /// Approved by a lead.
        Approved,
        /// Declined by a lead, with a reason.
        Declined,
    }
}
