use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "path_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub template_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub team_rule_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    pub assigned_by: Uuid,
    pub assigned_at: DateTimeUtc,
    pub status: String,
    pub closed_at: Option<DateTimeUtc>,
    pub remediation_competency: Option<String>,
    pub texts: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
