use crate::{
    i18n::Language,
    i18n::use_i18n,
    identity::{
        api::{Logout, SignOutOtherSessions, UpdateProfile, current_account, list_sessions},
        model::Account,
        rules::describe_user_agent,
    },
    notifications::pages::PushSwitch,
    t,
    time::utc_minute,
    ui::{FormAlert, Loading, PageTitle, SignInRequired, TextField, count_hydrated_island},
};
use leptos::{either::Either, prelude::*};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! { <AccountIsland/> }
}

#[island(lazy)]
fn AccountIsland() -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let update = ServerAction::<UpdateProfile>::new();
    let account = Resource::new(move || update.version().get(), |_| current_account());
    view! {
        <PageTitle text=t!(i18n, "account-title")/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(account)) => Either::Left(view! { <AccountDetails account update/> }),
                    Ok(None) => Either::Right(view! { <SignInRequired next="/account"/> }.into_any()),
                    Err(error) => Either::Right(view! { <p class="form-alert" role="alert">{error.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(account: Account, update: ServerAction<UpdateProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || update.value().get().is_some_and(|r| r.is_ok());
    let logout = ServerAction::<Logout>::new();
    let prefs = account.preferences.clone();
    // A new language changes every word on the page: render it again in that language.
    Effect::new(move || {
        if let Some(Ok(saved)) = update.value().get()
            && saved.preferences.language != i18n.language()
        {
            let _ = window().location().reload();
        }
    });
    view! {
        <h1>{t!(i18n, "account-title")}</h1>
        <p class="muted">
            {account.email.to_string()}
            " "{if account.email_verified { t!(i18n, "account-confirmed") } else { t!(i18n, "account-unconfirmed") }}
        </p>
        <section class="card form-card" aria-labelledby="profile-title">
            <h2 id="profile-title">{t!(i18n, "account-profile")}</h2>
            <ActionForm action=update attr:class="form">
                <FormAlert error/>
                <TextField label=t!(i18n, "field-your-name") name="display_name" autocomplete="name" error value=account.display_name.to_string()/>
                <div class="field">
                    <label for="field-language">{t!(i18n, "account-language")}</label>
                    <select id="field-language" name="language">
                        {Language::ALL.into_iter().map(|language| view! {
                            <option value=language.code() selected=language == prefs.language>{language.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField label=t!(i18n, "account-time-zone") name="time_zone" error value=prefs.time_zone.to_string()
                    hint=t!(i18n, "account-time-zone-hint")/>
                <fieldset class="field checkboxes">
                    <legend>{t!(i18n, "account-notify-by")}</legend>
                    <label><input type="checkbox" name="notify_email" checked=prefs.channels.email/>{t!(i18n, "account-notify-email")}</label>
                    <label><input type="checkbox" name="notify_sms" checked=prefs.channels.sms/>{t!(i18n, "account-notify-sms")}</label>
                    <label><input type="checkbox" name="notify_push" checked=prefs.channels.push/>{t!(i18n, "account-notify-push")}</label>
                </fieldset>
                <TextField label=t!(i18n, "account-mobile") name="mobile" kind="tel" autocomplete="tel" error required=false
                    value=prefs.mobile.as_ref().map(ToString::to_string).unwrap_or_default() hint=t!(i18n, "account-mobile-hint")/>
                <button type="submit" class="button primary">{t!(i18n, "account-save")}</button>
                <p class="form-success" role="status" hidden=move || !saved()>{t!(i18n, "account-saved")}</p>
            </ActionForm>
        </section>
        <PushSwitch/>
        <SessionsList/>
        <section aria-labelledby="signout-title">
            <h2 id="signout-title">{t!(i18n, "account-sign-out")}</h2>
            <ActionForm action=logout>
                <button type="submit" class="button">{t!(i18n, "account-sign-out")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionsList() -> impl IntoView {
    let i18n = use_i18n();
    let sign_out_others = ServerAction::<SignOutOtherSessions>::new();
    let sessions = Resource::new(move || sign_out_others.version().get(), |_| list_sessions());
    view! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t!(i18n, "account-sessions")}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    sessions.await.map_err(|e| e.message).map(|list| view! {
                        <ul class="session-list" role="list">
                            {list.into_iter().map(|session| view! {
                                <li class="card">
                                    <strong>{describe_user_agent(&session.user_agent)}</strong>
                                    {session.current.then(|| view! { <span class="badge">{t!(i18n, "account-this-device")}</span> })}
                                    <p class="muted">{t!(i18n, "account-last-active", at = utc_minute(session.last_seen_at))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Transition>
            <ActionForm action=sign_out_others>
                <button type="submit" class="button">{t!(i18n, "account-sign-out-others")}</button>
            </ActionForm>
        </section>
    }
}
