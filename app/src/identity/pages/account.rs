use crate::{
    identity::{
        api::{Logout, SignOutOtherSessions, UpdateProfile, current_account, list_sessions},
        model::{Account, Language},
        rules::describe_user_agent,
    },
    time::utc_minute,
    ui::{FormAlert, SignInRequired, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let update = ServerAction::<UpdateProfile>::new();
    let account = Resource::new(move || update.version().get(), |_| current_account());
    view! {
        <Title text="Your account"/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || update.value().get().is_some_and(|r| r.is_ok());
    let logout = ServerAction::<Logout>::new();
    let prefs = account.preferences.clone();
    view! {
        <h1>"Your account"</h1>
        <p class="muted">
            {account.email.to_string()}
            {if account.email_verified { " · confirmed" } else { " · not confirmed yet: check your inbox" }}
        </p>
        <section class="card form-card" aria-labelledby="profile-title">
            <h2 id="profile-title">"Profile and preferences"</h2>
            <ActionForm action=update attr:class="form">
                <FormAlert error/>
                <TextField label="Your name" name="display_name" autocomplete="name" error value=account.display_name.to_string()/>
                <div class="field">
                    <label for="field-language">"Language"</label>
                    <select id="field-language" name="language">
                        {Language::ALL.into_iter().map(|language| view! {
                            <option value=language.code() selected=language == prefs.language>{language.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField label="Time zone" name="time_zone" error value=prefs.time_zone.to_string()
                    hint="An IANA name such as Asia/Bangkok or Europe/London."/>
                <fieldset class="field checkboxes">
                    <legend>"Tell me about my bookings by"</legend>
                    <label><input type="checkbox" name="notify_email" checked=prefs.channels.email/>" Email"</label>
                    <label><input type="checkbox" name="notify_sms" checked=prefs.channels.sms/>" SMS"</label>
                    <label><input type="checkbox" name="notify_push" checked=prefs.channels.push/>" Push notification"</label>
                </fieldset>
                <button type="submit" class="button primary">"Save"</button>
                <p class="form-success" role="status" hidden=move || !saved()>"Saved."</p>
            </ActionForm>
        </section>
        <SessionsList/>
        <section aria-labelledby="signout-title">
            <h2 id="signout-title">"Sign out"</h2>
            <ActionForm action=logout>
                <button type="submit" class="button">"Sign out"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionsList() -> impl IntoView {
    let sign_out_others = ServerAction::<SignOutOtherSessions>::new();
    let sessions = Resource::new(move || sign_out_others.version().get(), |_| list_sessions());
    view! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">"Where you are signed in"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    sessions.await.map_err(|e| e.message).map(|list| view! {
                        <ul class="session-list" role="list">
                            {list.into_iter().map(|session| view! {
                                <li class="card">
                                    <strong>{describe_user_agent(&session.user_agent)}</strong>
                                    {session.current.then(|| view! { <span class="badge">"This device"</span> })}
                                    <p class="muted">{format!("Last active {}", utc_minute(session.last_seen_at))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Transition>
            <ActionForm action=sign_out_others>
                <button type="submit" class="button">"Sign out all other devices"</button>
            </ActionForm>
        </section>
    }
}
