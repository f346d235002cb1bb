use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub card_id: Uuid,
    pub rating: i32,
    pub source: String,
    pub correct: bool,
    pub duration_ms: Option<i32>,
    pub elapsed_days: i32,
    pub interval_days: i32,
    pub reviewed_at: DateTimeUtc,
    pub local_day: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
