use crate::{
    error::{AppError, ErrorKind},
    i18n::{I18n, use_i18n},
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The heading for an error of this kind, in the page's language.
pub fn error_title(i18n: I18n, kind: ErrorKind) -> String {
    match kind {
        ErrorKind::Invalid => t!(i18n, "error-invalid"),
        ErrorKind::NotFound => t!(i18n, "error-not-found"),
        ErrorKind::Conflict => t!(i18n, "error-conflict"),
        ErrorKind::Unauthenticated => t!(i18n, "error-unauthenticated"),
        ErrorKind::Forbidden => t!(i18n, "error-forbidden"),
        ErrorKind::BadRequest => t!(i18n, "error-bad-request"),
        ErrorKind::Internal => t!(i18n, "error-internal"),
        ErrorKind::Unreachable => t!(i18n, "error-unreachable"),
        ErrorKind::Busy => t!(i18n, "error-busy"),
        ErrorKind::RateLimited => t!(i18n, "error-rate-limited-title"),
    }
}

/// A full-page error. During server rendering it also sets the response status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            http::StatusCode::from_u16(error.kind.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let i18n = use_i18n();
    let title = error_title(i18n, error.kind);
    view! {
        <Title text=title.clone()/>
        <section class="error-page" aria-labelledby="error-title">
            <p class="error-code">{error.kind.status()}</p>
            <h1 id="error-title">{title}</h1>
            <p>{error.message}</p>
            <a class="button" href="/">{t!(i18n, "error-back-to-start")}</a>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let message = t!(use_i18n(), "error-no-page");
    view! { <ErrorPage error=AppError::new(ErrorKind::NotFound, message)/> }
}
