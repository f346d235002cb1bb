use chrono::{TimeZone, Utc};

use super::*;

fn key(k: &str) -> Key {
    Key::parse(k).unwrap_or_else(|| panic!("key {k}"))
}

fn track(modules: Vec<Module>) -> Track {
    Track {
        title: " Coach for empowerment ".into(),
        description: String::new(),
        level: Level::Coach,
        scope: vec![key("empathy"), key("empathy"), key("ownership")],
        validity_months: 24,
        modules,
    }
}

fn teach_back(rubric: &[&str]) -> Module {
    Module {
        title: "Teach it back".into(),
        kind: ModuleKind::TeachBack {
            rubric: rubric.iter().map(|c| (*c).to_owned()).collect(),
        },
        instructions: String::new(),
    }
}

#[test]
fn a_track_is_trimmed_and_its_scope_deduplicated() {
    let t = Track::new(track(vec![teach_back(&[" Clear goal ", "Practice"])]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.title, "Coach for empowerment");
    assert_eq!(t.scope, vec![key("empathy"), key("ownership")]);
    assert_eq!(
        t.modules[0].kind.rubric(),
        Some(&["Clear goal".to_owned(), "Practice".to_owned()][..])
    );
}

#[test]
fn bad_tracks_are_refused() {
    assert_eq!(Track::new(track(vec![])), Err(TrackError::ModuleCount));
    assert_eq!(
        Track::new(track(vec![teach_back(&[])])),
        Err(TrackError::Rubric(1))
    );
    assert_eq!(
        Track::new(track(vec![teach_back(&["ok"]), teach_back(&["  "])])),
        Err(TrackError::Rubric(2))
    );
    let mut no_scope = track(vec![teach_back(&["ok"])]);
    no_scope.scope.clear();
    assert_eq!(Track::new(no_scope), Err(TrackError::NoScope));
    let mut forever = track(vec![teach_back(&["ok"])]);
    forever.validity_months = 61;
    assert_eq!(Track::new(forever), Err(TrackError::Validity));
    let lesson = Module {
        title: "Read".into(),
        kind: ModuleKind::Lesson {
            lesson: key("empathy-101"),
            pass_percent: 101,
        },
        instructions: String::new(),
    };
    assert_eq!(
        Track::new(track(vec![lesson.clone(), teach_back(&["ok"])])),
        Err(TrackError::PassMark(1))
    );
    let mut reading_only = lesson;
    reading_only.kind = ModuleKind::Lesson {
        lesson: key("empathy-101"),
        pass_percent: 70,
    };
    assert_eq!(
        Track::new(track(vec![reading_only])),
        Err(TrackError::NoAssessment),
        "nobody certifies themselves by reading"
    );
}

#[test]
fn an_assessment_passes_when_every_criterion_meets_the_bar() {
    let rubric = vec!["a".to_owned(), "b".to_owned()];
    assert_eq!(assessment_passes(&rubric, &[3, 4]), Ok(true));
    assert_eq!(assessment_passes(&rubric, &[4, 2]), Ok(false));
    assert_eq!(
        assessment_passes(&rubric, &[4]),
        Err(AssessmentError::Criteria)
    );
    assert_eq!(
        assessment_passes(&rubric, &[4, 5]),
        Err(AssessmentError::Rating)
    );
    assert_eq!(
        assessment_passes(&rubric, &[0, 4]),
        Err(AssessmentError::Rating)
    );
}

#[test]
fn levels_include_the_ones_below_and_name_their_assessor() {
    assert_eq!(
        Level::Trainer.authority_keys().collect::<Vec<_>>(),
        vec!["coach", "trainer"]
    );
    assert_eq!(Level::Coach.assessor(), Level::Trainer);
    assert_eq!(Level::Trainer.assessor(), Level::MasterTrainer);
    assert_eq!(Level::parse("master_trainer"), Some(Level::MasterTrainer));
    assert_eq!(Level::parse("guru"), None);
}

#[test]
fn expiry_and_renewal_notices() {
    let issued = Utc.with_ymd_and_hms(2026, 1, 31, 10, 0, 0).single();
    let issued = issued.unwrap_or_else(|| panic!("date"));
    let expiry = expires_at(issued, 1);
    let end_of_february = Utc.with_ymd_and_hms(2026, 2, 28, 10, 0, 0).single();
    assert_eq!(Some(expiry), end_of_february);
    assert_eq!(renewal_notice(expiry - Duration::days(31), expiry), None);
    assert_eq!(
        renewal_notice(expiry - Duration::days(30), expiry),
        Some(30)
    );
    assert_eq!(renewal_notice(expiry - Duration::days(3), expiry), Some(7));
    assert_eq!(renewal_notice(expiry, expiry), None);
    assert_eq!(Standing::at(expiry, expiry, false), Standing::Expired);
    assert_eq!(
        Standing::at(expiry - Duration::days(1), expiry, true),
        Standing::Revoked
    );
}

#[test]
fn teach_backs_need_a_plan_and_a_web_link() {
    let ok = TeachBack::new(" Plan ", Some(" "), Some("https://videos.example/1"));
    assert_eq!(
        ok,
        Ok(TeachBack {
            plan: "Plan".into(),
            notes: None,
            recording_url: Some("https://videos.example/1".into())
        })
    );
    assert_eq!(TeachBack::new("  ", None, None), Err(SubmissionError::Plan));
    assert_eq!(
        TeachBack::new("p", None, Some("javascript:alert(1)")),
        Err(SubmissionError::Link)
    );
    assert_eq!(
        TeachBack::new("p", None, Some("https://")),
        Err(SubmissionError::Link)
    );
}

#[test]
fn enrolment_and_submission_statuses_read_back_what_they_write() {
    for status in super::EnrolmentStatus::ALL {
        assert_eq!(super::EnrolmentStatus::parse(status.as_str()), Some(status));
    }
    for status in super::SubmissionStatus::ALL {
        assert_eq!(
            super::SubmissionStatus::parse(status.as_str()),
            Some(status)
        );
    }
    assert_eq!(super::SubmissionStatus::parse("needs-work"), None);
}

#[test]
fn every_renewal_notice_has_its_reminder_event() {
    for days in super::RENEWAL_NOTICE_DAYS {
        let Some(event) = super::CertificationEvent::renewal_reminder(days) else {
            panic!("no reminder event for {days} days")
        };
        assert_eq!(event.as_str(), format!("renewal_reminder_{days}"));
        assert_eq!(
            super::CertificationEvent::parse(event.as_str()),
            Some(event)
        );
    }
}
