use crate::{
    identity::api::{Login, Register},
    ui::{FormAlert, TextField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    let done = move || register.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text="Create an account"/>
        <section class="card form-card narrow" aria-labelledby="register-title">
            <h1 id="register-title">"Create an account"</h1>
            <Show
                when=done
                fallback=move || view! {
                    <ActionForm action=register attr:class="form">
                        <FormAlert error/>
                        <TextField label="Email" name="email" kind="email" autocomplete="email" error/>
                        <TextField label="Your name" name="display_name" autocomplete="name" error/>
                        <TextField label="Password" name="password" kind="password" autocomplete="new-password" error
                            hint="At least 10 characters. A few words in a row are easy to remember and hard to guess."/>
                        <button type="submit" class="button primary" disabled=move || register.pending().get()>
                            "Create account"
                        </button>
                        <p class="muted">"Already have an account? " <a href="/login">"Sign in"</a></p>
                    </ActionForm>
                }
            >
                <p class="form-success" role="status">
                    "Almost there: we sent a confirmation link to your email. Open it to finish, then sign in."
                </p>
                <a class="button" href="/login">"Go to sign in"</a>
            </Show>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Sign in"/>
        <section class="card form-card narrow" aria-labelledby="login-title">
            <h1 id="login-title">"Sign in"</h1>
            <ActionForm action=login attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="next" value=next/>
                <TextField label="Email" name="email" kind="email" autocomplete="username" error/>
                <TextField label="Password" name="password" kind="password" autocomplete="current-password" error/>
                <button type="submit" class="button primary" disabled=move || login.pending().get()>"Sign in"</button>
                <p class="muted">
                    <a href="/forgot-password">"Forgot your password?"</a>
                    " · "
                    <a href="/register">"Create an account"</a>
                </p>
            </ActionForm>
        </section>
    }
}
