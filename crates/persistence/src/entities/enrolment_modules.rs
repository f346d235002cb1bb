use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolment_modules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub enrolment_id: Uuid,
    pub user_id: Uuid,
    pub position: i32,
    pub title: String,
    pub kind: String,
    pub target_key: Option<String>,
    pub pass_percent: Option<i32>,
    pub instructions: String,
    pub rubric: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub score: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
