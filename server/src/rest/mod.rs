//! The REST API under /api/v1: the same services as the pages, JSON in and out, RFC 7807 errors.

mod auth;
mod branches;
mod caller;
mod drops;
mod json;
pub mod problem;
mod products;
mod reservations;
mod stores;
mod waitlist;

use crate::state::AppState;
use app::error::{AppError, ErrorKind};
use app::{
    identity::model::Principal,
    paging::PageRequest,
    services::Services,
    stores::model::{Store, StoreSlug},
};
use axum::{Router, extract::DefaultBodyLimit, http::StatusCode};
use problem::Problem;

/// `?page=&per_page=` of a list endpoint (1-based; at most 100 a page, 20 unless asked).
#[derive(serde::Deserialize)]
struct PageQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

impl From<PageQuery> for PageRequest {
    fn from(query: PageQuery) -> Self {
        PageRequest::new(query.page, query.per_page)
    }
}

/// REST bodies are small JSON documents; anything larger is refused before it is read.
const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .nest("/auth", auth::router())
        .nest("/stores", stores::router())
        .merge(products::router())
        .merge(branches::router())
        .merge(drops::router())
        .merge(reservations::router())
        .merge(waitlist::router())
        .fallback(|| async {
            Problem::from(AppError::new(
                ErrorKind::NotFound,
                "There is no API endpoint at this address.",
            ))
        })
        .method_not_allowed_fallback(|| async {
            Problem::new(
                ErrorKind::BadRequest,
                StatusCode::METHOD_NOT_ALLOWED,
                "This endpoint does not accept that method.",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// A path segment that cannot be a slug names no store.
fn parse_slug(slug: &str) -> Result<StoreSlug, Problem> {
    StoreSlug::parse(slug)
        .map_err(|_| app::stores::service::StoreError::NotFound(slug.to_string()).into())
}

/// The store a REST path names, as the caller may see it.
async fn store_by_slug(
    services: &Services,
    principal: &Principal,
    slug: &str,
) -> Result<Store, Problem> {
    let slug = parse_slug(slug)?;
    Ok(services.stores.get_by_slug(principal, &slug).await?)
}
