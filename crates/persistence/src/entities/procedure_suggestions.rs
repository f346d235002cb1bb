use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_suggestions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub author_id: Uuid,
    pub team_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub what_happened: String,
    pub rule_text: String,
    pub competency_key: Option<String>,
    pub decision_key: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub proposal: String,
    /// `open`, `accepted` or `declined`.
    pub status: String,
    /// `limit`, `lesson` or `procedure_note` when accepted.
    pub change_kind: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer_text: Option<String>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
