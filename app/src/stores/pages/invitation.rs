use crate::{
    i18n::use_i18n,
    identity::api::current_account,
    stores::api::AcceptInvitation,
    t,
    ui::{FormAlert, PageTitle, SignInRequired, count_hydrated_island, prop_reader, query_param},
};
use leptos::{either::Either, prelude::*};

/// Where an invitation mail leads: sign in, then accept with one press.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = query_param("token").unwrap_or_default();
    view! { <AcceptInvitationIsland token/> }
}

#[island(lazy)]
fn AcceptInvitationIsland(token: String) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let token = prop_reader(token);
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let account = Resource::new(|| (), |_| current_account());
    view! {
        <PageTitle text=t!(i18n, "invitation-title")/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(_)) => Either::Left(view! {
                        <section class="card form-card narrow" aria-labelledby="accept-title">
                            <h1 id="accept-title">{t!(i18n, "invitation-title")}</h1>
                            {move || match accept.value().get() {
                                Some(Ok(store)) => Either::Left(view! {
                                    <p class="form-success" role="status">{t!(i18n, "invitation-joined", store = store.name.to_string())}</p>
                                    <p class="actions">
                                        <a class="button primary" href="/owner/stores">{t!(i18n, "invitation-go-stores")}</a>
                                        <a class="button" href="/staff">{t!(i18n, "invitation-go-door")}</a>
                                    </p>
                                }),
                                _ => Either::Right(view! {
                                    <ActionForm action=accept attr:class="form">
                                        <FormAlert error/>
                                        <input type="hidden" name="token" value=token/>
                                        <p>{t!(i18n, "invitation-lead")}</p>
                                        <button type="submit" class="button primary">{t!(i18n, "invitation-accept")}</button>
                                    </ActionForm>
                                }),
                            }}
                        </section>
                    }),
                    _ => Either::Right(view! { <SignInRequired next=format!("/invitations/accept?token={}", token())/> }),
                }
            })}
        </Suspense>
    }
}
