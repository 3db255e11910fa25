//! Every context's service, built once at start and handed to server functions through Leptos
//! context (server functions cannot be generic, so the services are concrete structs).

use crate::{db::Db, error::AppError, stores::service::StoreService};
use leptos::prelude::use_context;

#[derive(Clone)]
pub struct Services {
    pub stores: StoreService,
}

impl Services {
    pub fn new(db: Db) -> Self {
        Self { stores: StoreService::new(db) }
    }
}

/// The services of the current request; missing only if the server was wired wrongly.
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| AppError::internal(&"Services missing from the request context"))
}
