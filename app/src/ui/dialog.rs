//! A modal dialog that asks before an action that cannot be taken back.

use crate::{i18n::use_i18n, t};
use leptos::{ev::MouseEvent, html, prelude::*};

/// The trigger opens a modal `<dialog>`: focus moves into it, Escape or "Go back" closes it and
/// the page behind stays inert meanwhile. Browsers open it without JavaScript (invoker commands,
/// `commandfor`); once the wasm runs, the click handler opens it in older browsers too. The
/// confirming form is the children, so it keeps working as a plain form post.
#[component]
pub fn ConfirmDialog(
    /// Unique on the page: ties the trigger, the dialog and its title together.
    id: String,
    /// The trigger's text, and its accessible name when the text alone is ambiguous in a list.
    trigger: String,
    #[prop(optional, into)] trigger_label: Option<String>,
    #[prop(default = "button small danger")] trigger_class: &'static str,
    question: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |event: MouseEvent| {
        if let Some(dialog) = dialog.get() {
            event.prevent_default();
            if !dialog.open() {
                // Fails only if the dialog is already open or detached: nothing to do then.
                let _ = dialog.show_modal();
            }
        }
    };
    let question_id = format!("{id}-question");
    view! {
        <button type="button" class=trigger_class aria-label=trigger_label aria-haspopup="dialog"
            commandfor=id.clone() command="show-modal" on:click=open>
            {trigger}
        </button>
        <dialog id=id class="dialog" node_ref=dialog aria-labelledby=question_id.clone()>
            <p id=question_id.clone()>{question}</p>
            <div class="dialog-actions">
                <form method="dialog">
                    <button type="submit" class="button" autofocus>{t!(i18n, "dialog-go-back")}</button>
                </form>
                {children()}
            </div>
        </dialog>
    }
}
