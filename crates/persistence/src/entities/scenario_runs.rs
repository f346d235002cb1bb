use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "scenario_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub scenario_version_id: Uuid,
    pub started_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    pub handle_time_seconds: Option<i32>,
    pub first_contact_resolution: Option<bool>,
    pub csat: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
