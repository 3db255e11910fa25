//! A plain multipart form for one image: it posts to a server function, which sends the browser
//! back to the page with the new image, or with the error in the address for the form to show.
//! Multipart input cannot go through a ServerAction, so this works the same with or without
//! the wasm.

use crate::{error::AppError, ui::FormAlert};
use leptos::{prelude::*, server::ServerActionError, server_fn::error::ServerFnUrlError};

#[component]
pub fn ImageUpload(
    /// The server function's path (`UploadX::PATH`).
    action: &'static str,
    /// The hidden field naming what the image is for, and its value.
    id_field: &'static str,
    id_value: String,
    /// The file field's name; its errors show under it.
    file_field: &'static str,
    label: String,
    hint: String,
    button: String,
) -> impl IntoView {
    // A plain form post comes back with its error in the address; read it the way a
    // ServerAction would.
    let error: Option<AppError> = use_context::<ServerActionError>()
        .filter(|e| e.path() == action)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()));
    let field_message = error.as_ref().and_then(|e| e.field(file_field));
    let general = error.filter(|e| e.field(file_field).is_none());
    let input_id = format!("field-{file_field}");
    view! {
        <form class="form" method="post" enctype="multipart/form-data" action=action>
            <FormAlert error=Signal::stored(general)/>
            <input type="hidden" name=id_field value=id_value/>
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id.clone() type="file" name=file_field accept="image/jpeg,image/png,image/webp" required
                    aria-describedby=format!("{input_id}-hint {input_id}-error")/>
                <p class="hint" id=format!("{input_id}-hint")>{hint}</p>
                <p class="field-error" id=format!("{input_id}-error") role="alert" hidden=field_message.is_none()>{field_message.clone()}</p>
            </div>
            <button type="submit" class="button primary">{button}</button>
        </form>
    }
}
