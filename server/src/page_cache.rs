//! The pages a drop's opening reloads (the front page, store pages, drop pages), answered from a
//! copy at most a moment old: one render per page, language, audience and moment, however many
//! phones ask. Two audiences share copies: people not signed in (front, store and drop pages;
//! shared caches may keep these as long, `public, max-age=1`, so a reverse proxy in front absorbs
//! the reload storm too), and signed-in shoppers with nothing of their own on the page (front and
//! drop pages: not one of the store's people, in none of the drop's lines; their copy is
//! `private`). The booking form's token in a shopper's copy is shared by the shoppers given that
//! copy, which is safe: a booking's idempotency key is the person's own (token and slot, per
//! person), so it only makes one person's second press of one slot a replay, as intended.
//!
//! Why a copy is safe: it shows only what its whole audience may see, it is never older than
//! `FRESH_FOR` plus one render, and a page is only a view: every booking is decided by the
//! engine when it is posted, whatever the page showed. Requests with a query or credentials, and
//! answers that set a cookie or are not a 200 page, are never kept.

use app::{
    i18n::{Language, language_of},
    identity::model::{Principal, UserId},
    ids::DropId,
    request::RequestContext,
    services::Services,
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

/// Who a copy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Audience {
    /// Not signed in.
    Anyone,
    /// Signed in, with nothing of their own on the page.
    Shopper,
}

type Key = (String, Language, Audience);

struct Kept {
    rendered_at: Instant,
    /// None while the page's first copy is rendered.
    body: Option<Bytes>,
    /// Someone is rendering the next copy; meanwhile this one is served.
    refreshing: bool,
}

/// The middleware's state. Axum clones it for every request, so it is one shared allocation
/// and a clone is a reference count (as `AppState`).
#[derive(Clone)]
pub struct PageCache(Arc<Shared>);

struct Shared {
    copies: Copies,
    /// To tell whether a signed-in person's page is the shoppers' one.
    services: Services,
}

/// The copies kept, by page, language and audience.
#[derive(Default)]
struct Copies {
    pages: Mutex<HashMap<Key, Kept>>,
}

enum Lookup {
    Serve(Bytes),
    Render,
    /// The first copy is being rendered: ask again in a moment.
    Wait,
}

/// How often a request waiting for a page's first copy looks again, and for how long at most
/// before it renders the page itself.
const WAIT_STEP: Duration = Duration::from_millis(2);
const MAX_WAIT: Duration = Duration::from_secs(2);

impl PageCache {
    pub fn new(services: Services) -> Self {
        Self(Arc::new(Shared {
            copies: Copies::default(),
            services,
        }))
    }
}

impl Copies {
    fn lookup(&self, key: &Key, now: Instant) -> Lookup {
        let Ok(mut pages) = self.pages.lock() else {
            return Lookup::Render;
        };
        // One request renders the next copy while the others get the last one (or wait for the
        // first), so a page falling due at 10,000 requests a second is rendered once, not a
        // thousand times.
        if !pages.contains_key(key) && pages.len() >= MAX_PAGES {
            pages.retain(|_, kept| now.duration_since(kept.rendered_at) < FRESH_FOR);
        }
        let Some(kept) = pages.get_mut(key) else {
            pages.insert(
                key.clone(),
                Kept {
                    rendered_at: now,
                    body: None,
                    refreshing: true,
                },
            );
            return Lookup::Render;
        };
        let fresh = now.duration_since(kept.rendered_at) < FRESH_FOR;
        match (&kept.body, kept.refreshing) {
            (Some(body), _) if fresh => Lookup::Serve(body.clone()),
            (Some(body), true) => Lookup::Serve(body.clone()),
            (None, true) => Lookup::Wait,
            (_, false) => {
                kept.refreshing = true;
                Lookup::Render
            }
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
                body: Some(body),
                refreshing: false,
            },
        );
    }

    /// The render failed or may not be kept (a 404, say): the next request tries again, and a
    /// page that never had a copy leaves no entry behind.
    fn release(&self, key: &Key) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        match pages.get_mut(key) {
            Some(kept) if kept.body.is_some() => kept.refreshing = false,
            Some(_) => {
                pages.remove(key);
            }
            None => {}
        }
    }
}

pub async fn serve_shared_pages(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let principal = request
        .extensions()
        .get::<RequestContext>()
        .map_or(Principal::Anonymous, |context| context.principal.clone());
    // Read out before awaiting: a request body is not Sync, so no reference to it may be held.
    let shared = page_and_language(&request);
    let key = match shared {
        Some((path, page, language)) => audience(&cache.0.services, page, &principal)
            .await
            .map(|audience| (path, language, audience)),
        None => None,
    };
    let Some(key) = key else {
        let mut response = next.run(request).await;
        if principal != Principal::Anonymous && is_page(&response) {
            response
                .headers_mut()
                .entry(header::CACHE_CONTROL)
                .or_insert(HeaderValue::from_static(PRIVATE_CACHE_CONTROL));
        }
        return response;
    };
    let audience = key.2;
    let asked = Instant::now();
    loop {
        match cache.0.copies.lookup(&key, Instant::now()) {
            Lookup::Serve(body) => return copy(body, audience),
            Lookup::Wait if asked.elapsed() < MAX_WAIT => tokio::time::sleep(WAIT_STEP).await,
            Lookup::Render | Lookup::Wait => break,
        }
    }
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && is_page(&response)
        && !response.headers().contains_key(header::SET_COOKIE);
    if !keepable {
        cache.0.copies.release(&key);
        return response;
    }
    match to_bytes(response.into_body(), MAX_PAGE_BYTES).await {
        Ok(body) => {
            cache.0.copies.keep(key, body.clone(), Instant::now());
            copy(body, audience)
        }
        Err(error) => {
            cache.0.copies.release(&key);
            tracing::warn!(%error, "a public page could not be kept");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The copy a request for `page` may be answered from, by who asks.
async fn audience(
    services: &Services,
    page: SharedPage,
    principal: &Principal,
) -> Option<Audience> {
    Some(match principal {
        Principal::Anonymous => Audience::Anyone,
        Principal::User {
            id,
            is_platform_admin: false,
            ..
        } => match page {
            SharedPage::Front => Audience::Shopper,
            SharedPage::Drop(drop) if plain_shopper(services, *id, drop).await => Audience::Shopper,
            _ => return None,
        },
        Principal::User { .. } => return None,
    })
}

/// A GET of a shared page with no query or credentials: its path, page and language.
fn page_and_language(request: &Request) -> Option<(String, SharedPage, Language)> {
    if request.method() != Method::GET
        || request.uri().query().is_some()
        || request.headers().contains_key(header::AUTHORIZATION)
    {
        return None;
    }
    let path = request.uri().path();
    let page = SharedPage::of(path)?;
    let language = language_of(request.headers());
    Some((path.to_owned(), page, language))
}

/// The pages copies are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SharedPage {
    Front,
    Store,
    Drop(DropId),
}

impl SharedPage {
    fn of(path: &str) -> Option<Self> {
        let one_segment = |rest: &&str| !rest.is_empty() && !rest.contains('/');
        if path == "/" {
            return Some(Self::Front);
        }
        if path.strip_prefix("/s/").filter(one_segment).is_some() {
            return Some(Self::Store);
        }
        let drop = path.strip_prefix("/d/").filter(one_segment)?;
        // Not a drop id: the page says so, the same to everyone, and is not kept (a 404).
        Some(Self::Drop(DropId::from_path(drop).ok()?))
    }
}

/// Whether `user`'s page of `drop` is the one every shopper sees: not one of the store's people
/// (they see its edit links), in none of the drop's lines (they see their places in line), and
/// not just back from booking or cancelling (they expect to see it).
async fn plain_shopper(services: &Services, user: UserId, drop: DropId) -> bool {
    let Ok(store) = services.drops.store_of(drop).await else {
        return false;
    };
    matches!(services.stores.has_member(store, user).await, Ok(false))
        && matches!(
            services.reservations.has_own_view(user, drop).await,
            Ok(false)
        )
}

fn is_page(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

fn copy(body: Bytes, audience: Audience) -> Response {
    let cache_control = match audience {
        Audience::Anyone => PUBLIC_CACHE_CONTROL,
        Audience::Shopper => PRIVATE_CACHE_CONTROL,
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(cache_control),
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
    fn only_the_front_store_and_drop_pages_are_shared() {
        assert_eq!(SharedPage::of("/"), Some(SharedPage::Front));
        assert_eq!(SharedPage::of("/s/sole-archive"), Some(SharedPage::Store));
        let drop = "01a25069-a951-7145-92aa-9e251f0a9113";
        assert_eq!(
            SharedPage::of(&format!("/d/{drop}")),
            Some(SharedPage::Drop(drop.parse().unwrap()))
        );
        for private in [
            "/s/",
            "/s/a/b",
            "/d/",
            "/d/not-a-drop",
            "/account",
            "/reservations",
            "/owner/drops/x",
            "/api/v1/drops",
        ] {
            assert_eq!(SharedPage::of(private), None, "{private}");
        }
    }

    #[test]
    fn a_due_page_is_rendered_by_one_request_while_the_others_get_the_last_copy() {
        let cache = Copies::default();
        let key = ("/".to_owned(), Language::En, Audience::Anyone);
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
    fn a_page_s_first_copy_is_rendered_once_while_the_others_wait() {
        let cache = Copies::default();
        let key = ("/".to_owned(), Language::En, Audience::Shopper);
        let start = Instant::now();
        assert!(matches!(cache.lookup(&key, start), Lookup::Render));
        assert!(matches!(cache.lookup(&key, start), Lookup::Wait));
        cache.release(&key);
        assert!(
            cache.pages.lock().unwrap().is_empty(),
            "nothing left of a 404"
        );
        assert!(
            matches!(cache.lookup(&key, start), Lookup::Render),
            "the next one tries"
        );
        cache.keep(key.clone(), Bytes::from_static(b"first"), start);
        assert!(matches!(cache.lookup(&key, start), Lookup::Serve(b) if b == "first"));
    }

    #[test]
    fn a_failed_render_lets_the_next_request_try() {
        let cache = Copies::default();
        let key = ("/".to_owned(), Language::Th, Audience::Shopper);
        let start = Instant::now();
        cache.keep(key.clone(), Bytes::from_static(b"old"), start);
        let due = start + FRESH_FOR;
        assert!(matches!(cache.lookup(&key, due), Lookup::Render));
        cache.release(&key);
        assert!(matches!(cache.lookup(&key, due), Lookup::Render));
    }
}
