//! The pages mail links lead to, and the form that sends the reset link.

use crate::{
    identity::api::{RequestPasswordReset, ResetPassword, verify_email},
    ui::{FormAlert, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn token_from_query() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("token").unwrap_or_default()
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let token = token_from_query();
    let outcome = Resource::new(token, verify_email);
    view! {
        <Title text="Confirm your email"/>
        <section class="card form-card narrow" aria-labelledby="verify-title">
            <h1 id="verify-title">"Confirm your email"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Checking your link…"</p> }>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(()) => Either::Left(view! {
                            <p class="form-success" role="status">"Your email is confirmed. Welcome to DropSlot!"</p>
                            <a class="button primary" href="/login">"Sign in"</a>
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
    let request = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let sent = move || request.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text="Reset your password"/>
        <section class="card form-card narrow" aria-labelledby="forgot-title">
            <h1 id="forgot-title">"Reset your password"</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <ActionForm action=request attr:class="form">
                        <FormAlert error/>
                        <TextField label="Email" name="email" kind="email" autocomplete="email" error/>
                        <button type="submit" class="button primary">"Send the reset link"</button>
                    </ActionForm>
                }
            >
                <p class="form-success" role="status">
                    "If that email has an account, a reset link is on its way. It works for one hour."
                </p>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = token_from_query();
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || reset.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text="Choose a new password"/>
        <section class="card form-card narrow" aria-labelledby="reset-title">
            <h1 id="reset-title">"Choose a new password"</h1>
            <Show
                when=done
                fallback=move || view! {
                    <ActionForm action=reset attr:class="form">
                        <FormAlert error/>
                        <input type="hidden" name="token" value=token/>
                        <TextField label="New password" name="password" kind="password" autocomplete="new-password" error
                            hint="At least 10 characters, not your email, not a common password."/>
                        <button type="submit" class="button primary">"Set the new password"</button>
                    </ActionForm>
                }
            >
                <p class="form-success" role="status">
                    "Your password is changed and you are signed out everywhere. Sign in with the new one."
                </p>
                <a class="button primary" href="/login">"Sign in"</a>
            </Show>
        </section>
    }
}
