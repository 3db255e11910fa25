use crate::error::AppError;
use leptos::prelude::*;

/// The message for one field of a failed submission, tied to its input by `id` for screen readers.
#[component]
pub fn FieldMessage(
    #[prop(into)] id: String,
    field: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.field(field));
    view! {
        <p class="field-error" id=id role="alert" hidden=move || message().is_none()>
            {message}
        </p>
    }
}

/// The summary line of a failed submission, for errors that belong to no single field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || error.get().filter(|e| e.fields.is_empty()).map(|e| e.message);
    view! {
        <p class="form-alert" role="alert" hidden=move || message().is_none()>
            {message}
        </p>
    }
}
