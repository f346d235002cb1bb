use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub quiet_hours_start: Option<String>,
    pub quiet_hours_end: Option<String>,
    pub reminder_notice_hours: i32,
    pub idle_days: i32,
    pub enforce_certified_coaching: bool,
    pub qa_loop_enabled: bool,
    pub qa_loop_rating_max: i32,
    pub qa_loop_percent_below: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
