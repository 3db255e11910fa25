//! What the server knows about the current request, set by its middleware and read by server
//! functions and services: who is acting, from where, with which browser.

use crate::{error::AppError, identity::model::Principal};
use leptos::prelude::use_context;
use std::net::IpAddr;
use tower_sessions::Session;

#[derive(Debug, Clone)]
pub struct RequestContext {
    pub principal: Principal,
    pub client: Option<IpAddr>,
    pub user_agent: String,
}

impl RequestContext {
    pub fn anonymous() -> Self {
        Self {
            principal: Principal::Anonymous,
            client: None,
            user_agent: String::new(),
        }
    }
}

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// The current request's context (anonymous outside a request).
pub fn request_context() -> RequestContext {
    parts()
        .and_then(|p| p.extensions.get::<RequestContext>().cloned())
        .unwrap_or_else(RequestContext::anonymous)
}

pub fn principal() -> Principal {
    request_context().principal
}

/// The browser session of the current request.
pub fn session() -> Result<Session, AppError> {
    parts()
        .and_then(|p| p.extensions.get::<Session>().cloned())
        .ok_or_else(|| AppError::internal(&"no session layer on this request"))
}
