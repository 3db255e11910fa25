//! The pages mail links lead to, and the form that sends the reset link.

use crate::{
    i18n::use_i18n,
    identity::api::{RequestPasswordReset, ResetPassword, verify_email},
    t,
    ui::{FormAlert, PageTitle, TextField, count_hydrated_island, query_param},
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = query_param("token").unwrap_or_default();
    let outcome = Resource::new(move || token.clone(), verify_email);
    view! {
        <PageTitle text=t!(i18n, "verify-title")/>
        <section class="card form-card narrow" aria-labelledby="verify-title">
            <h1 id="verify-title">{t!(i18n, "verify-title")}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, "verify-checking")}</p> }>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(()) => Either::Left(view! {
                            <p class="form-success" role="status">{t!(i18n, "verify-done")}</p>
                            <a class="button primary" href="/login">{t!(i18n, "nav-sign-in")}</a>
                        }),
                        Err(error) => Either::Right(view! {
                            <p class="form-alert" role="alert">{error.message}</p>
                        }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! { <ForgotPasswordIsland/> }
}

#[island(lazy)]
fn ForgotPasswordIsland() -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let request = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let sent = move || request.value().get().is_some_and(|r| r.is_ok());
    view! {
        <PageTitle text=t!(i18n, "forgot-title")/>
        <section class="card form-card narrow" aria-labelledby="forgot-title">
            <h1 id="forgot-title">{t!(i18n, "forgot-title")}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <ActionForm action=request attr:class="form">
                        <FormAlert error/>
                        <TextField label=t!(i18n, "field-email") name="email" kind="email" autocomplete="email" error/>
                        <button type="submit" class="button primary">{t!(i18n, "forgot-submit")}</button>
                    </ActionForm>
                }
            >
                <p class="form-success" role="status">
                    {t!(i18n, "forgot-sent")}
                </p>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = query_param("token").unwrap_or_default();
    view! { <ResetPasswordIsland token/> }
}

#[island(lazy)]
fn ResetPasswordIsland(token: String) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || reset.value().get().is_some_and(|r| r.is_ok());
    view! {
        <PageTitle text=t!(i18n, "reset-title")/>
        <section class="card form-card narrow" aria-labelledby="reset-title">
            <h1 id="reset-title">{t!(i18n, "reset-title")}</h1>
            <Show
                when=done
                fallback=move || {
                    let token = token.clone();
                    view! {
                    <ActionForm action=reset attr:class="form">
                        <FormAlert error/>
                        <input type="hidden" name="token" value=token/>
                        <TextField label=t!(i18n, "reset-password") name="password" kind="password" autocomplete="new-password" error
                            hint=t!(i18n, "reset-password-hint")/>
                        <button type="submit" class="button primary">{t!(i18n, "reset-submit")}</button>
                    </ActionForm>
                    }
                }
            >
                <p class="form-success" role="status">
                    {t!(i18n, "reset-done")}
                </p>
                <a class="button primary" href="/login">{t!(i18n, "nav-sign-in")}</a>
            </Show>
        </section>
    }
}
