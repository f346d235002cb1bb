use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "track_submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub enrolment_id: Uuid,
    pub module_id: Uuid,
    pub user_id: Uuid,
    pub plan: String,
    pub notes: Option<String>,
    pub recording_url: Option<String>,
    pub coaching_session_id: Option<Uuid>,
    pub submitted_at: DateTimeUtc,
    pub status: String,
    pub assessor_id: Option<Uuid>,
    pub assessed_at: Option<DateTimeUtc>,
    pub ratings: Option<String>,
    pub comment: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
