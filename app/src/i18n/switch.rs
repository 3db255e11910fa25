//! The language switcher at the foot of every page: two plain submit buttons, so it works
//! before (and without) the WebAssembly.

use super::{I18n, Language, use_i18n};
use crate::error::AppError;
use leptos::prelude::*;

/// Remembers `language` in the browser and, for a signed-in person, in their profile. Without
/// JavaScript the browser is sent back to the page it came from.
#[server]
pub async fn switch_language(language: String) -> Result<(), AppError> {
    use crate::{error::FieldErrors, request::principal, services::services};
    let language = Language::parse(&language).ok_or_else(|| {
        AppError::from(FieldErrors::single(
            "language",
            crate::text!("check-language"),
        ))
    })?;
    let principal = principal();
    if principal.user_id().is_some() {
        let identity = &services()?.identity;
        let account = identity.account(&principal).await?;
        let mut preferences = account.preferences;
        preferences.language = language;
        identity
            .update_profile(&principal, account.display_name, preferences)
            .await?;
    }
    super::remember_language(language);
    Ok(())
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n @ I18n(current) = use_i18n();
    let switch = ServerAction::<SwitchLanguage>::new();
    // Every word on the page changes: render it again rather than patch it.
    Effect::new(move || {
        if matches!(switch.value().get(), Some(Ok(()))) {
            let _ = window().location().reload();
        }
    });
    view! {
        <ActionForm action=switch attr:class="language-switch" attr:aria-label=crate::t!(i18n, "language-switch")>
            {Language::ALL.into_iter().map(|language| view! {
                <button type="submit" name="language" value=language.code() lang=language.code()
                    class="link-button" aria-pressed=if language == current { "true" } else { "false" }>
                    {language.label()}
                </button>
            }).collect_view()}
        </ActionForm>
    }
}
