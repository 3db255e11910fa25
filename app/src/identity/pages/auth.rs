use crate::{
    i18n::use_i18n,
    identity::api::{Login, Register, local_path},
    t,
    ui::{FormAlert, PageTitle, TextField, count_hydrated_island, query_param},
};
use leptos::prelude::*;

#[component]
pub fn RegisterPage() -> impl IntoView {
    view! { <RegisterIsland/> }
}

#[island(lazy)]
fn RegisterIsland() -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let register = ServerAction::<Register>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    let done = move || register.value().get().is_some_and(|r| r.is_ok());
    view! {
        <PageTitle text=t!(i18n, "register-title")/>
        <section class="card form-card narrow" aria-labelledby="register-title">
            <h1 id="register-title">{t!(i18n, "register-title")}</h1>
            <Show
                when=done
                fallback=move || view! {
                    <ActionForm action=register attr:class="form">
                        <FormAlert error/>
                        <TextField label=t!(i18n, "field-email") name="email" kind="email" autocomplete="email" error/>
                        <TextField label=t!(i18n, "field-your-name") name="display_name" autocomplete="name" error/>
                        <TextField label=t!(i18n, "field-password") name="password" kind="password" autocomplete="new-password" error
                            hint=t!(i18n, "register-password-hint")/>
                        <button type="submit" class="button primary" disabled=move || register.pending().get()>
                            {t!(i18n, "register-submit")}
                        </button>
                        <p class="muted">{t!(i18n, "register-have-account")}" " <a href="/login">{t!(i18n, "nav-sign-in")}</a></p>
                    </ActionForm>
                }
            >
                <p class="form-success" role="status">
                    {t!(i18n, "register-sent")}
                </p>
                <a class="button" href="/login">{t!(i18n, "register-go-sign-in")}</a>
            </Show>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let next = query_param("next").unwrap_or_default();
    view! { <LoginIsland next/> }
}

#[island(lazy)]
fn LoginIsland(next: String) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    // Signing in may change the language (the profile's): load the next page whole, in it.
    let target = local_path(Some(&next));
    Effect::new(move || {
        if let Some(Ok(language)) = login.value().get()
            && language != i18n.language()
        {
            let _ = window().location().set_href(&target);
        }
    });
    view! {
        <PageTitle text=t!(i18n, "nav-sign-in")/>
        <section class="card form-card narrow" aria-labelledby="login-title">
            <h1 id="login-title">{t!(i18n, "nav-sign-in")}</h1>
            <ActionForm action=login attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="next" value=next/>
                <TextField label=t!(i18n, "field-email") name="email" kind="email" autocomplete="username" error/>
                <TextField label=t!(i18n, "field-password") name="password" kind="password" autocomplete="current-password" error/>
                <button type="submit" class="button primary" disabled=move || login.pending().get()>{t!(i18n, "nav-sign-in")}</button>
                <p class="muted">
                    <a href="/forgot-password">{t!(i18n, "login-forgot")}</a>
                    " · "
                    <a href="/register">{t!(i18n, "register-title")}</a>
                </p>
            </ActionForm>
        </section>
    }
}
