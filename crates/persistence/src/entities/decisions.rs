use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub agent_id: Uuid,
    pub team_id: Option<Uuid>,
    pub decision_key: String,
    pub amount_cents: Option<i64>,
    pub limit_cents: Option<i64>,
    pub customer_need: String,
    pub action_taken: String,
    pub resolved_first_contact: bool,
    pub csat: Option<i16>,
    pub contact_reference: Option<String>,
    /// `empowered`, `awaiting_approval`, `approved` or `declined`.
    pub status: String,
    pub decided_at: DateTimeUtc,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    pub answer_reason: Option<String>,
    pub coaching_session_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
