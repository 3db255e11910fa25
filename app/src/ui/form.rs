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
    let message = move || {
        error
            .get()
            .filter(|e| e.fields.is_empty())
            .map(|e| e.message)
    };
    view! {
        <p class="form-alert" role="alert" hidden=move || message().is_none()>
            {message}
        </p>
    }
}

/// A labelled input with its field error: the shape of every text field in DropSlot.
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] hint: String,
    #[prop(default = true)] required: bool,
    /// The granularity of number and time inputs ("1" for seconds on datetime-local).
    #[prop(optional)]
    step: Option<&'static str>,
    /// For a page with two forms that share a field name: ids must stay unique.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.map_or_else(|| format!("field-{name}"), str::to_owned);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let describedby = if hint.is_empty() {
        error_id.clone()
    } else {
        format!("{hint_id} {error_id}")
    };
    let invalid = move || {
        if error.get().is_some_and(|e| e.field(name).is_some()) {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind autocomplete=autocomplete value=value required=required step=step
                aria-invalid=invalid aria-describedby=describedby/>
            {(!hint.is_empty()).then(move || view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldMessage id=error_id field=name error/>
        </div>
    }
}
