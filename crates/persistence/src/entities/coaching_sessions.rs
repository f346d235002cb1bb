use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coaching_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub agent_id: Uuid,
    pub lead_id: Uuid,
    pub status: String,
    pub scheduled_at: Option<DateTimeUtc>,
    pub held_at: Option<DateTimeUtc>,
    pub observation: Option<String>,
    pub call_reference: Option<String>,
    pub scorecard_id: Option<Uuid>,
    pub notes: Option<String>,
    pub actions_assignment_id: Option<Uuid>,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub agent_comment: Option<String>,
    pub disputed: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
