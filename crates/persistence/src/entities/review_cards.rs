use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "review_cards")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub lesson_version_id: Uuid,
    pub card: i32,
    pub estimate_seconds: i32,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub due_at: DateTimeUtc,
    pub last_review_at: Option<DateTimeUtc>,
    pub reps: i32,
    pub lapses: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
