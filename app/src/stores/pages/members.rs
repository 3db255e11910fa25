use super::role::role_label;
use crate::{
    i18n::use_i18n,
    stores::{
        api::{InviteMember, RemoveMember, store_team},
        model::{StoreMember, StoreRole, TeamOverview},
    },
    t,
    ui::{
        ConfirmDialog, ErrorPage, FormAlert, OwnerFrame, OwnerSection, PageTitle, TextField,
        count_hydrated_island, prop_reader, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// A store's team, for its owners: members, pending invitations, and the invitation form.
#[component]
pub fn StoreMembersPage() -> impl IntoView {
    let slug = route_param("slug");
    view! { <StoreMembersIsland slug/> }
}

#[island(lazy)]
fn StoreMembersIsland(slug: String) -> impl IntoView {
    count_hydrated_island();
    let slug = prop_reader(slug);
    let invite = ServerAction::<InviteMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let team = Resource::new(
        move || (slug(), invite.version().get(), remove.version().get()),
        |(slug, _, _)| store_team(slug),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => Either::Left(view! { <Team team invite remove/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Team(
    team: TeamOverview,
    invite: ServerAction<InviteMember>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slug = team.store.slug.to_string();
    let invite_error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let invited = move || invite.value().get().is_some_and(|r| r.is_ok());
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    view! {
        <PageTitle text=t!(i18n, "members-title", store = team.store.name.to_string())/>
        <OwnerFrame slug=team.store.slug.to_string() store_name=team.store.name.to_string() section=OwnerSection::Members>
        <h1>{t!(i18n, "members-title", store = team.store.name.to_string())}</h1>
        <section aria-labelledby="members-title">
            <h2 id="members-title">{t!(i18n, "members-heading")}</h2>
            <FormAlert error=remove_error/>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "members-heading")>
                <table class="table">
                    <thead>
                        <tr><th scope="col">{t!(i18n, "field-name")}</th><th scope="col">{t!(i18n, "field-email")}</th><th scope="col">{t!(i18n, "members-role")}</th><th scope="col"><span class="visually-hidden">{t!(i18n, "members-actions")}</span></th></tr>
                    </thead>
                    <tbody>
                        {team.members.into_iter().map(|member| view! { <MemberRow member slug=slug.clone() remove/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card form-card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t!(i18n, "members-invite")}</h2>
            <ActionForm action=invite attr:class="form">
                <FormAlert error=invite_error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <TextField label=t!(i18n, "field-email") name="email" kind="email" autocomplete="email" error=invite_error/>
                <div class="field">
                    <label for="field-role">{t!(i18n, "members-role")}</label>
                    <select id="field-role" name="role">
                        <option value="staff" selected>{t!(i18n, "members-role-staff")}</option>
                        <option value="owner">{t!(i18n, "members-role-owner")}</option>
                    </select>
                </div>
                <button type="submit" class="button primary">{t!(i18n, "members-send")}</button>
                <p class="form-success" role="status" hidden=move || !invited()>{t!(i18n, "members-sent")}</p>
            </ActionForm>
        </section>
        <section aria-labelledby="pending-title">
            <h2 id="pending-title">{t!(i18n, "members-pending")}</h2>
            {if team.invitations.is_empty() {
                Either::Left(view! { <p class="empty">{t!(i18n, "members-no-pending")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="plain-list" role="list">
                        {team.invitations.into_iter().map(|invitation| view! {
                            <li>{invitation.email.to_string()} " · " {role_label(i18n, invitation.role)}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
        </OwnerFrame>
    }
}

#[component]
fn MemberRow(
    member: StoreMember,
    slug: String,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = t!(
        i18n,
        "members-remove",
        name = member.display_name.to_string()
    );
    view! {
        <tr>
            <td>{member.display_name.to_string()}</td>
            <td>{member.email.to_string()}</td>
            <td>{role_label(i18n, member.role)}</td>
            <td>
                <ConfirmDialog id=format!("remove-{}", member.user_id) trigger_label=label.clone()
                    trigger=if member.role == StoreRole::Owner { t!(i18n, "members-remove-owner") } else { t!(i18n, "members-remove-button") }
                    trigger_class="button small" question=t!(i18n, "members-remove-question", name = member.display_name.to_string())>
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="user_id" value=member.user_id.to_string()/>
                        <button type="submit" class="button danger">{label}</button>
                    </ActionForm>
                </ConfirmDialog>
            </td>
        </tr>
    }
}
