use crate::error::{AppError, ErrorKind};
use leptos::prelude::*;
use leptos_meta::Title;

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
    let title = error.kind.title();
    view! {
        <Title text=title/>
        <section class="error-page" aria-labelledby="error-title">
            <p class="error-code">{error.kind.status()}</p>
            <h1 id="error-title">{title}</h1>
            <p>{error.message}</p>
            <a class="button" href="/">"Back to the start"</a>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPage error=AppError::new(ErrorKind::NotFound, "There is no page at this address.")/> }
}
