//! Server functions of the Stores context: parse the input, call the service, map the error.

use super::model::Store;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn list_stores() -> Result<Vec<Store>, AppError> {
    Ok(crate::services::services()?.stores.list().await?)
}

#[server]
pub async fn get_store(slug: String) -> Result<Store, AppError> {
    use super::model::StoreSlug;
    let not_found = || AppError::not_found(format!("no store has the address {slug}"));
    let slug = StoreSlug::parse(&slug).map_err(|_| not_found())?;
    Ok(crate::services::services()?.stores.get_by_slug(&slug).await?)
}

#[server]
pub async fn create_store(name: String, slug: Option<String>) -> Result<Store, AppError> {
    use super::model::NewStore;
    let new = NewStore::parse(&name, slug.as_deref()).map_err(AppError::invalid)?;
    Ok(crate::services::services()?.stores.create(new).await?)
}
