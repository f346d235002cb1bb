use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "path_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assignment_id: Uuid,
    pub user_id: Uuid,
    pub position: i32,
    pub title: String,
    pub kind: String,
    pub target_key: Option<String>,
    pub pass_percent: Option<i32>,
    pub instructions: Option<String>,
    pub due_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub score: Option<i32>,
    pub note: Option<String>,
    pub reminded_before: bool,
    pub last_overdue_reminder: Option<String>,
    pub texts: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::path_assignments::Entity",
        from = "Column::AssignmentId",
        to = "super::path_assignments::Column::Id"
    )]
    Assignment,
}

impl ActiveModelBehavior for ActiveModel {}
