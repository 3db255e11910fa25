use crate::{
    stores::{
        api::{InviteMember, RemoveMember, store_team},
        model::{StoreMember, StoreRole, TeamOverview},
    },
    ui::{ErrorPage, FormAlert, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's team, for its owners: members, pending invitations, and the invitation form.
#[component]
pub fn StoreMembersPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
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
    let slug = team.store.slug.to_string();
    let invite_error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let invited = move || invite.value().get().is_some_and(|r| r.is_ok());
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    view! {
        <Title text=format!("Team of {}", team.store.name)/>
        <nav aria-label="Breadcrumb" class="breadcrumbs">
            <a href="/owner/stores">"Your stores"</a> " / " <span aria-current="page">{team.store.name.to_string()}</span>
        </nav>
        <h1>{format!("Team of {}", team.store.name)}</h1>
        <section aria-labelledby="members-title">
            <h2 id="members-title">"Members"</h2>
            <FormAlert error=remove_error/>
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr>
                    </thead>
                    <tbody>
                        {team.members.into_iter().map(|member| view! { <MemberRow member slug=slug.clone() remove/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card form-card" aria-labelledby="invite-title">
            <h2 id="invite-title">"Invite someone"</h2>
            <ActionForm action=invite attr:class="form">
                <FormAlert error=invite_error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <TextField label="Email" name="email" kind="email" autocomplete="email" error=invite_error/>
                <div class="field">
                    <label for="field-role">"Role"</label>
                    <select id="field-role" name="role">
                        <option value="staff" selected>"Staff: checks people in at the door"</option>
                        <option value="owner">"Owner: manages the store and its team"</option>
                    </select>
                </div>
                <button type="submit" class="button primary">"Send invitation"</button>
                <p class="form-success" role="status" hidden=move || !invited()>"Invitation sent."</p>
            </ActionForm>
        </section>
        <section aria-labelledby="pending-title">
            <h2 id="pending-title">"Pending invitations"</h2>
            {if team.invitations.is_empty() {
                Either::Left(view! { <p class="empty">"No invitations are waiting."</p> })
            } else {
                Either::Right(view! {
                    <ul class="plain-list" role="list">
                        {team.invitations.into_iter().map(|invitation| view! {
                            <li>{invitation.email.to_string()} " · " {invitation.role.label()}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn MemberRow(
    member: StoreMember,
    slug: String,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let label = format!("Remove {}", member.display_name);
    view! {
        <tr>
            <td>{member.display_name.to_string()}</td>
            <td>{member.email.to_string()}</td>
            <td>{member.role.label()}</td>
            <td>
                <ActionForm action=remove>
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="user_id" value=member.user_id.to_string()/>
                    <button type="submit" class="button small" aria-label=label>
                        {if member.role == StoreRole::Owner { "Remove owner" } else { "Remove" }}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
