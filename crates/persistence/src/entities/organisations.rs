use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub default_locale: String,
    pub offered_locales: String,
    pub created_at: DateTimeUtc,
    pub lesson_review_required: bool,
    pub currency: String,
    pub desired_retention: f64,
    pub fsrs_parameters: Option<String>,
    /// An IANA name; when the organisation's months begin (the pulse).
    pub time_zone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
