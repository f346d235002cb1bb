//! Helpers new migrations share. Released migrations keep their own copies: a released
//! migration is never edited.

use sea_orm_migration::prelude::*;

/// Creates an index (unique when asked) on `columns` of `table`.
pub(crate) async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[C],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    if unique {
        stmt.unique();
    }
    for column in columns {
        stmt.col(*column);
    }
    m.create_index(stmt.to_owned()).await
}
