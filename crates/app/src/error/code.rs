//! Every stable error code a client can receive as a problem's `code`: one list, so the
//! OpenAPI document names them all and the PWA switches on a typed union.

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// A stable, snake_case reason for a refusal. Field-level codes (`too_long`, …) are
        /// the domain's and travel in a problem's `errors`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the list.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as clients see it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    // Generic answers, whatever the route.
    /// The request could not be read.
    BadRequest = "bad_request",
    /// The body is not the JSON the route takes.
    MalformedJson = "malformed_json",
    /// The body is JSON but not of the expected shape.
    BadBody = "bad_body",
    /// A query parameter is not what the route takes.
    InvalidQuery = "invalid_query",
    /// One or more fields were refused; see `errors`.
    ValidationFailed = "validation_failed",
    Unauthorized = "unauthorized",
    Forbidden = "forbidden",
    NotFound = "not_found",
    MethodNotAllowed = "method_not_allowed",
    NotAcceptable = "not_acceptable",
    RequestTimeout = "request_timeout",
    PayloadTooLarge = "payload_too_large",
    UriTooLong = "uri_too_long",
    UnsupportedMediaType = "unsupported_media_type",
    TooManyRequests = "too_many_requests",
    ServiceUnavailable = "service_unavailable",
    DatabaseUnavailable = "database_unavailable",
    /// A failure of the server's own; the detail is in its log.
    InternalError = "internal_error",

    // Signing in and sessions.
    Unauthenticated = "unauthenticated",
    InvalidCredentials = "invalid_credentials",
    TokenExpired = "token_expired",
    InvalidToken = "invalid_token",
    SessionRevoked = "session_revoked",
    InvalidRefreshToken = "invalid_refresh_token",
    RefreshTokenReused = "refresh_token_reused",
    WrongCurrentPassword = "wrong_current_password",
    ResetLinkInvalid = "reset_link_invalid",
    SignUpClosed = "sign_up_closed",
    EmailTaken = "email_taken",
    SignUpLinkInvalid = "sign_up_link_invalid",

    // People, teams and invitations.
    AlreadyMember = "already_member",
    InvitationInvalid = "invitation_invalid",
    LeadsInviteOwnAgents = "leads_invite_own_agents",
    LastAdmin = "last_admin",
    TeamNameTaken = "team_name_taken",
    /// Another person of the organisation already has that external id.
    ExternalIdTaken = "external_id_taken",

    // Results.
    MetricKeyTaken = "metric_key_taken",
    InvalidCsv = "invalid_csv",

    // Competencies, lessons and scenarios.
    CompetencyInUse = "competency_in_use",
    CompetencyKeyTaken = "competency_key_taken",
    UnknownCompetency = "unknown_competency",
    LessonExists = "lesson_exists",
    LessonTooLong = "lesson_too_long",
    InvalidLessonFile = "invalid_lesson_file",
    InvalidScenarioFile = "invalid_scenario_file",
    InvalidTwee = "invalid_twee",
    InvalidTransition = "invalid_transition",
    EditConflict = "edit_conflict",
    ReviewRequired = "review_required",
    OwnLesson = "own_lesson",

    // Learning.
    AttemptIdTaken = "attempt_id_taken",
    IdTaken = "id_taken",
    CardBusy = "card_busy",
    NothingMore = "nothing_more",
    RunFinished = "run_finished",
    OutOfTurn = "out_of_turn",
    OutOfTurnAhead = "out_of_turn_ahead",
    WrongUser = "wrong_user",

    // Coaching.
    AlreadyAssigned = "already_assigned",
    AssignmentClosed = "assignment_closed",
    NotYourSession = "not_your_session",
    NotCertified = "not_certified",
    AlreadyDone = "already_done",
    AlreadyAcknowledged = "already_acknowledged",
    AlreadyRecorded = "already_recorded",
    NotRecorded = "not_recorded",
    NotScheduled = "not_scheduled",
    SessionCancelled = "session_cancelled",

    // Decisions on real contacts.
    /// A decision within the agent's limit needs no answer.
    NoApprovalNeeded = "no_approval_needed",
    /// Someone answered the decision (or, below, the suggestion) already: answers are given
    /// once.
    AlreadyAnswered = "already_answered",
    /// The person recognised this decision already (once each).
    AlreadyRecognised = "already_recognised",
    /// Nobody recognises or answers their own decision.
    OwnDecision = "own_decision",
    /// The decision is a good practice already (each is shared once).
    AlreadyShared = "already_shared",
    /// Only a decision that stood (within the limit, or approved) becomes a good practice.
    NotPromotable = "not_promotable",

    // Train-the-trainer.
    AlreadyAssessed = "already_assessed",
    AlreadyRevoked = "already_revoked",
    AlreadyRenewed = "already_renewed",
    AlreadySubmitted = "already_submitted",
    EnrolmentClosed = "enrolment_closed",
    ModuleDone = "module_done",
    OwnSubmission = "own_submission",
    TrackArchived = "track_archived",
    TooLong = "too_long",

    // Procedures that listen and the pulse (a suggestion answered twice: `AlreadyAnswered`).
    /// The person has answered this month's pulse already.
    PulseAlreadyAnswered = "pulse_already_answered",
    /// The pulse is answered as a team's agent, and the person is in no team.
    NoTeam = "no_team",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} is listed twice");
            assert!(
                s.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{s} is not snake_case"
            );
        }
    }
}
