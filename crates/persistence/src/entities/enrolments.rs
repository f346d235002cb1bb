use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub track_id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub description: String,
    pub level: String,
    pub scope: String,
    pub validity_months: i32,
    pub enrolled_by: Uuid,
    pub enrolled_at: DateTimeUtc,
    pub status: String,
    pub closed_at: Option<DateTimeUtc>,
    pub certification_id: Option<Uuid>,
    pub texts: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
