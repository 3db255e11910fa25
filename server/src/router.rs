//! The whole HTTP surface: pages and server functions (Leptos), the REST API, probes and static
//! files, behind the request-id, tracing and timeout layers.

use crate::{
    auth,
    connections::{InFlight, shed_load},
    csrf, guards, health, limits, media,
    page_cache::{PageCache, serve_shared_pages},
    rest, startup,
    state::AppState,
    telemetry, tickets, webhooks,
};
use app::{App, notifications::model::STOP_ALERTS_PATH, shell};
use axum::{
    Router,
    http::{HeaderName, StatusCode},
    middleware,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::{sync::LazyLock, time::Duration};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};
use tower_sessions::{
    Expiry, SessionManagerLayer,
    cookie::{SameSite, time::Duration as CookieDuration},
};

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The page routes, listed once per process: listing them runs the app with resource loading
/// suppressed by a process-wide flag, so listing them again while another router in the same
/// process renders (several test servers at once) can leave that render waiting forever
/// (leptos issue 4773).
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let services = state.services.clone();
    let provide_services = move || provide_context(services.clone());
    let leptos_options = state.leptos_options.clone();
    // The browser bundle, compressed ahead of time where a `.br` or `.gz` sits beside a file
    // (`cargo leptos build --release --precompress`, or scripts/gzip-site): a phone on a slow
    // link downloads a third of the bytes, and nothing is compressed per request while a drop
    // opens.
    let pkg = std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    let pkg_route = format!("/{}", leptos_options.site_pkg_dir);
    // __Host- cookies must be Secure, so the prefix comes with https only.
    let sessions = SessionManagerLayer::new(state.services.identity.session_store())
        .with_name(if state.web.secure_cookies {
            "__Host-dropslot"
        } else {
            "dropslot_session"
        })
        .with_secure(state.web.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(CookieDuration::seconds(
            state.web.session_idle_secs,
        )));

    // Pages, server functions and what a signed-in browser fetches: the session, the
    // cross-site check, the multipart guard (server functions' decoder) and the page copies.
    let web = Router::new()
        .route("/media/{key}", get(media::serve))
        .route("/reservations/{id}/ticket.png", get(tickets::ticket_png))
        // Also mounts every server function at its exact path, with the same context.
        .leptos_routes_with_context(
            &state,
            ROUTES.clone(),
            provide_services.clone(),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_services, shell))
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn(guards::refuse_unreadable_bodies))
                .layer(middleware::from_fn_with_state(
                    guards::BodyLimits {
                        max_upload_bytes: state.web.max_upload_bytes,
                    },
                    guards::limit_bodies,
                ))
                .layer(sessions)
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    csrf::same_origin_only,
                ))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    auth::session_context,
                ))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    limits::limit_web,
                ))
                .layer(middleware::from_fn_with_state(
                    PageCache::new(state.services.clone()),
                    serve_shared_pages,
                )),
        );
    // The REST API authenticates with Bearer tokens only: no session, no cookies, so none of the
    // browser's layers run on a booking.
    let api = rest::router().layer(
        ServiceBuilder::new()
            .layer(middleware::from_fn_with_state(
                state.clone(),
                auth::bearer_context,
            ))
            .layer(middleware::from_fn_with_state(
                state.clone(),
                limits::limit_api,
            )),
    );

    Router::new()
        // A provider's server, not a browser: no session, no same-origin check.
        .route(startup::TWILIO_REPORTS, post(webhooks::twilio_status))
        .route(STOP_ALERTS_PATH, post(webhooks::stop_opening_alerts))
        .nest_service(
            &pkg_route,
            ServeDir::new(pkg).precompressed_br().precompressed_gzip(),
        )
        .nest("/api/v1", api)
        .merge(web)
        .layer(middleware::from_fn_with_state(
            InFlight::new(state.web.max_in_flight),
            shed_load,
        ))
        // Added after the load shedding: an instance that is merely busy stays in rotation.
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(CatchPanicLayer::custom(guards::answer_panic))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    REQUEST_TIMEOUT,
                )),
        )
        .with_state(state)
}
