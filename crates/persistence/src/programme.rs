//! Programmes of ordered steps, copied to one learner when given: a coaching path's steps
//! (`path_steps`, under `path_assignments`) and an enrolment's modules (`enrolment_modules`,
//! under `enrolments`) alike. A template or track keeps its steps as JSON ([`StoredStep`]);
//! giving it copies them into rows, one per step and learner, numbered from 1.
//!
//! One mechanism, two tables: [`StepTable`] says which table and which of its columns are
//! the shared ones; reading the steps of programmes and completing a step work on either.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use cinco_domain::OrganisationId;
use cinco_domain::programme::{Kind, Parts};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::RepoError;
use crate::executor::Executor;

/// A step as a template or track stores it in JSON, its kind by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct StoredStep<K: Kind> {
    pub title: String,
    #[serde(with = "kind_name")]
    pub kind: K,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_percent: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_after_days: Option<u32>,
}

impl<K: Kind> From<Parts<K>> for StoredStep<K> {
    fn from(p: Parts<K>) -> Self {
        Self {
            title: p.title,
            kind: p.kind,
            target_key: p.target_key,
            pass_percent: p.pass_percent,
            instructions: p.instructions,
            rubric: p.rubric,
            due_after_days: p.due_after_days,
        }
    }
}

impl<K: Kind> From<StoredStep<K>> for Parts<K> {
    fn from(s: StoredStep<K>) -> Self {
        Self {
            title: s.title,
            kind: s.kind,
            target_key: s.target_key,
            pass_percent: s.pass_percent,
            instructions: s.instructions,
            rubric: s.rubric,
            due_after_days: s.due_after_days,
        }
    }
}

/// Steps in their stored JSON form.
pub(crate) fn to_json<K: Kind>(steps: impl IntoIterator<Item = Parts<K>>) -> String {
    let stored: Vec<StoredStep<K>> = steps.into_iter().map(StoredStep::from).collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".to_owned())
}

/// Steps from their stored JSON form; `None` when it is not that form (a corrupt row).
pub(crate) fn from_json<K: Kind>(json: &str) -> Option<Vec<Parts<K>>> {
    let stored: Vec<StoredStep<K>> = serde_json::from_str(json).ok()?;
    Some(stored.into_iter().map(Parts::from).collect())
}

/// A kind stored by its stable name; an unknown name does not parse.
pub(crate) mod kind_name {
    use cinco_domain::programme::Kind;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<K: Kind, S: Serializer>(kind: &K, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub fn deserialize<'de, K: Kind, D: Deserializer<'de>>(d: D) -> Result<K, D::Error> {
        let raw = String::deserialize(d)?;
        K::parse(&raw).ok_or_else(|| D::Error::custom(format!("unknown kind `{raw}`")))
    }

    /// An optional kind, `null` or absent when there is none.
    pub mod option {
        use cinco_domain::programme::Kind;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<K: Kind, S: Serializer>(
            kind: &Option<K>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match kind {
                Some(k) => super::serialize(k, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, K: Kind, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<K>, D::Error> {
            let raw: Option<String> = Option::deserialize(d)?;
            raw.map(|r| {
                K::parse(&r).ok_or_else(|| serde::de::Error::custom(format!("unknown kind `{r}`")))
            })
            .transpose()
        }
    }
}

/// The columns both step tables have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Organisation,
    /// The programme given: `assignment_id`, `enrolment_id`.
    Parent,
    Position,
    CompletedAt,
    Score,
}

/// A table of steps copied to learners.
pub(crate) trait StepTable {
    type Entity: EntityTrait;

    fn column(field: Field) -> <Self::Entity as EntityTrait>::Column;
    /// The programme a row belongs to.
    fn parent(row: &<Self::Entity as EntityTrait>::Model) -> uuid::Uuid;
}

/// The position of the `i`-th step (from 0): steps are numbered from 1.
pub(crate) fn position(i: usize) -> i32 {
    i32::try_from(i + 1).unwrap_or(i32::MAX)
}

/// The steps of the given programmes, grouped by programme, in order.
pub(crate) async fn of_parents<T: StepTable>(
    ex: &impl Executor,
    org: OrganisationId,
    parents: &[uuid::Uuid],
) -> Result<HashMap<uuid::Uuid, Vec<<T::Entity as EntityTrait>::Model>>, RepoError>
where
    <T::Entity as EntityTrait>::Model: Sync,
{
    let mut out: HashMap<uuid::Uuid, Vec<_>> = HashMap::new();
    for chunk in parents.chunks(500) {
        let rows = T::Entity::find()
            .filter(T::column(Field::Organisation).eq(org.as_uuid()))
            .filter(T::column(Field::Parent).is_in(chunk.iter().copied()))
            .order_by_asc(T::column(Field::Position))
            .all(ex.conn())
            .await?;
        for r in rows {
            out.entry(T::parent(&r)).or_default().push(r);
        }
    }
    Ok(out)
}

/// Marks the step `id` done at `at` with `score`, setting `also` as well (what only one
/// table keeps); false when it was done already, so a step completes once.
pub(crate) async fn complete<T: StepTable>(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    at: DateTime<Utc>,
    score: Option<i32>,
    also: Vec<(<T::Entity as EntityTrait>::Column, SimpleExpr)>,
) -> Result<bool, RepoError> {
    let mut update = T::Entity::update_many()
        .col_expr(T::column(Field::CompletedAt), Expr::value(at))
        .col_expr(T::column(Field::Score), Expr::value(score));
    for (column, value) in also {
        update = update.col_expr(column, value);
    }
    let done = update
        .filter(T::column(Field::Organisation).eq(org.as_uuid()))
        .filter(T::column(Field::Id).eq(id))
        .filter(T::column(Field::CompletedAt).is_null())
        .exec(ex.conn())
        .await?;
    Ok(done.rows_affected > 0)
}

/// Keeps `score` on the open step `id`, which an attempt reached without passing (the step
/// stays open: `completed_at` is left empty).
pub(crate) async fn record_attempt<T: StepTable>(
    ex: &impl Executor,
    org: OrganisationId,
    id: uuid::Uuid,
    score: i32,
) -> Result<(), RepoError> {
    T::Entity::update_many()
        .col_expr(T::column(Field::Score), Expr::value(score))
        .filter(T::column(Field::Organisation).eq(org.as_uuid()))
        .filter(T::column(Field::Id).eq(id))
        .filter(T::column(Field::CompletedAt).is_null())
        .exec(ex.conn())
        .await?;
    Ok(())
}

/// Path steps.
pub(crate) struct PathSteps;

impl StepTable for PathSteps {
    type Entity = crate::entities::path_steps::Entity;

    fn column(field: Field) -> crate::entities::path_steps::Column {
        use crate::entities::path_steps::Column;
        match field {
            Field::Id => Column::Id,
            Field::Organisation => Column::OrganisationId,
            Field::Parent => Column::AssignmentId,
            Field::Position => Column::Position,
            Field::CompletedAt => Column::CompletedAt,
            Field::Score => Column::Score,
        }
    }

    fn parent(row: &crate::entities::path_steps::Model) -> uuid::Uuid {
        row.assignment_id
    }
}

/// Enrolment modules.
pub(crate) struct EnrolmentModules;

impl StepTable for EnrolmentModules {
    type Entity = crate::entities::enrolment_modules::Entity;

    fn column(field: Field) -> crate::entities::enrolment_modules::Column {
        use crate::entities::enrolment_modules::Column;
        match field {
            Field::Id => Column::Id,
            Field::Organisation => Column::OrganisationId,
            Field::Parent => Column::EnrolmentId,
            Field::Position => Column::Position,
            Field::CompletedAt => Column::CompletedAt,
            Field::Score => Column::Score,
        }
    }

    fn parent(row: &crate::entities::enrolment_modules::Model) -> uuid::Uuid {
        row.enrolment_id
    }
}

#[cfg(test)]
mod tests {
    use cinco_domain::certification::ModuleType;
    use cinco_domain::coaching::StepType;
    use cinco_domain::programme::Parts;

    use super::{from_json, to_json};

    #[test]
    fn steps_round_trip_through_their_stored_form_and_an_unknown_kind_is_refused() {
        let mut lesson = Parts::new("Empathy basics", StepType::Lesson);
        lesson.target_key = Some("empathy-basics".to_owned());
        lesson.pass_percent = Some(80);
        lesson.due_after_days = Some(7);
        let mut task = Parts::new("Use it on five calls", StepType::PracticeTask);
        task.instructions = Some("Name the customer's need first.".to_owned());
        let steps = vec![lesson, task];
        let json = to_json(steps.clone());
        assert_eq!(from_json::<StepType>(&json), Some(steps));
        assert_eq!(
            from_json::<ModuleType>(&json),
            None,
            "practice_task is no module"
        );
    }

    #[test]
    fn modules_stored_before_kinds_were_typed_still_read() {
        let old = r#"[{"title":"Teach it back","kind":"teach_back","target_key":null,
            "pass_percent":null,"instructions":"","rubric":["Clear","Checks understanding"]}]"#;
        let Some(parts) = from_json::<ModuleType>(old) else {
            panic!("the old form reads")
        };
        assert_eq!(parts[0].kind, ModuleType::TeachBack);
        assert_eq!(parts[0].rubric.len(), 2);
    }
}
