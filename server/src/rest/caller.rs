//! Who calls a REST handler, as an extractor: the principal the authentication middleware put on
//! the request (`auth.rs`), so handlers name `Caller(principal)` instead of digging it out of the
//! request's context.

use app::{identity::model::Principal, request::RequestContext};
use axum::{extract::FromRequestParts, http::request::Parts};
use std::convert::Infallible;

pub struct Caller(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Every request passes the middleware; one that did not is nobody.
        let principal = parts
            .extensions
            .get::<RequestContext>()
            .map_or(Principal::Anonymous, |context| context.principal.clone());
        Ok(Caller(principal))
    }
}
