use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub holder_id: Uuid,
    pub track_id: Option<Uuid>,
    pub enrolment_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub level: String,
    pub scope: String,
    pub criteria: String,
    pub issued_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub issued_by: Uuid,
    pub renews_id: Option<Uuid>,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<Uuid>,
    pub revoke_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
