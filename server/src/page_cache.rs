//! The public pages a drop's opening reloads (the front page, store pages, drop pages), answered
//! to people who are not signed in from a copy at most a moment old: one render per page,
//! language and moment, however many phones ask. Shared caches may keep them as long
//! (`public, max-age=1`), so a reverse proxy in front absorbs the reload storm too.
//!
//! Why this is safe: these pages show only what anyone may see, a copy is never older than
//! `FRESH_FOR` plus one render, and a page is only a view: every booking is decided by the
//! engine when it is posted, whatever the page showed. Signed-in requests, requests with a query,
//! and answers that set a cookie or are not a 200 page are never kept.

use app::{
    i18n::{LANGUAGE_COOKIE, Language, negotiate},
    identity::model::Principal,
    request::RequestContext,
};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long a copy is served, here and by shared caches.
const FRESH_FOR: Duration = Duration::from_secs(1);
/// What shared caches are told: keep it a second, and serve it a little longer while they fetch
/// the next copy.
const PUBLIC_CACHE_CONTROL: &str = "public, max-age=1, stale-while-revalidate=4";
/// Pages for a signed-in person are theirs alone.
const PRIVATE_CACHE_CONTROL: &str = "private, no-store";
/// A page larger than this is served but not kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// Distinct pages kept at once (pages times languages); beyond it the oldest are dropped.
const MAX_PAGES: usize = 4_096;

type Key = (String, Language);

struct Kept {
    rendered_at: Instant,
    body: Bytes,
    /// Someone is rendering the next copy; meanwhile this one is served.
    refreshing: bool,
}

#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<Key, Kept>>>,
}

enum Lookup {
    Serve(Bytes),
    Render,
}

impl PageCache {
    fn lookup(&self, key: &Key, now: Instant) -> Lookup {
        let Ok(mut pages) = self.pages.lock() else {
            return Lookup::Render;
        };
        match pages.get_mut(key) {
            Some(kept) if now.duration_since(kept.rendered_at) < FRESH_FOR => {
                Lookup::Serve(kept.body.clone())
            }
            // One request renders the next copy while the others get this one, so a page
            // falling due at 10,000 requests a second is rendered once, not a thousand times.
            Some(kept) if !kept.refreshing => {
                kept.refreshing = true;
                Lookup::Render
            }
            Some(kept) => Lookup::Serve(kept.body.clone()),
            None => Lookup::Render,
        }
    }

    fn keep(&self, key: Key, body: Bytes, now: Instant) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
            pages.retain(|_, kept| now.duration_since(kept.rendered_at) < FRESH_FOR);
        }
        pages.insert(
            key,
            Kept {
                rendered_at: now,
                body,
                refreshing: false,
            },
        );
    }

    /// The render failed or may not be kept: the next request tries again.
    fn release(&self, key: &Key) {
        if let Ok(mut pages) = self.pages.lock()
            && let Some(kept) = pages.get_mut(key)
        {
            kept.refreshing = false;
        }
    }
}

pub async fn serve_public_pages(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = cacheable(&request) else {
        let signed_in = request
            .extensions()
            .get::<RequestContext>()
            .is_some_and(|context| !matches!(context.principal, Principal::Anonymous));
        let mut response = next.run(request).await;
        if signed_in && is_page(&response) {
            response
                .headers_mut()
                .entry(header::CACHE_CONTROL)
                .or_insert(HeaderValue::from_static(PRIVATE_CACHE_CONTROL));
        }
        return response;
    };
    if let Lookup::Serve(body) = cache.lookup(&key, Instant::now()) {
        return public_page(body);
    }
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && is_page(&response)
        && !response.headers().contains_key(header::SET_COOKIE);
    if !keepable {
        cache.release(&key);
        return response;
    }
    match to_bytes(response.into_body(), MAX_PAGE_BYTES).await {
        Ok(body) => {
            cache.keep(key, body.clone(), Instant::now());
            public_page(body)
        }
        Err(error) => {
            cache.release(&key);
            tracing::warn!(%error, "a public page could not be kept");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The page and language a request asks for, when its answer is the same for everyone.
fn cacheable(request: &Request) -> Option<Key> {
    if request.method() != Method::GET || request.uri().query().is_some() {
        return None;
    }
    let anonymous = request
        .extensions()
        .get::<RequestContext>()
        .is_some_and(|context| matches!(context.principal, Principal::Anonymous));
    if !anonymous || request.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = request.uri().path();
    if !is_public_page(path) {
        return None;
    }
    let header_text = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    let chosen = header_text(header::COOKIE).and_then(|cookies| {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANGUAGE_COOKIE)
            .map(|(_, value)| value)
    });
    let language = negotiate(chosen, header_text(header::ACCEPT_LANGUAGE));
    Some((path.to_owned(), language))
}

/// The front page, a store's page, a drop's page.
fn is_public_page(path: &str) -> bool {
    let one_segment = |rest: &str| !rest.is_empty() && !rest.contains('/');
    path == "/"
        || path.strip_prefix("/s/").is_some_and(one_segment)
        || path.strip_prefix("/d/").is_some_and(one_segment)
}

fn is_page(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

fn public_page(body: Bytes) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(PUBLIC_CACHE_CONTROL),
            ),
            (
                header::VARY,
                HeaderValue::from_static("cookie, accept-language"),
            ),
        ],
        Body::from(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_front_store_and_drop_pages_are_public() {
        for public in [
            "/",
            "/s/sole-archive",
            "/d/01a25069-a951-7145-92aa-9e251f0a9113",
        ] {
            assert!(is_public_page(public), "{public}");
        }
        for private in [
            "/s/",
            "/s/a/b",
            "/d/",
            "/account",
            "/reservations",
            "/owner/drops/x",
            "/api/v1/drops",
        ] {
            assert!(!is_public_page(private), "{private}");
        }
    }

    #[test]
    fn a_due_page_is_rendered_by_one_request_while_the_others_get_the_last_copy() {
        let cache = PageCache::default();
        let key = ("/".to_owned(), Language::En);
        let start = Instant::now();
        assert!(matches!(cache.lookup(&key, start), Lookup::Render));
        cache.keep(key.clone(), Bytes::from_static(b"first"), start);
        assert!(matches!(cache.lookup(&key, start), Lookup::Serve(b) if b == "first"));
        let due = start + FRESH_FOR;
        assert!(matches!(cache.lookup(&key, due), Lookup::Render));
        assert!(matches!(cache.lookup(&key, due), Lookup::Serve(b) if b == "first"));
        cache.keep(key.clone(), Bytes::from_static(b"second"), due);
        assert!(matches!(cache.lookup(&key, due), Lookup::Serve(b) if b == "second"));
    }

    #[test]
    fn a_failed_render_lets_the_next_request_try() {
        let cache = PageCache::default();
        let key = ("/".to_owned(), Language::Th);
        let start = Instant::now();
        cache.keep(key.clone(), Bytes::from_static(b"old"), start);
        let due = start + FRESH_FOR;
        assert!(matches!(cache.lookup(&key, due), Lookup::Render));
        cache.release(&key);
        assert!(matches!(cache.lookup(&key, due), Lookup::Render));
    }
}
