use super::card::StatusBadge;
use crate::{
    drops::api::{CreateDrop, OwnerDropList, owner_drops},
    ui::{ErrorPage, FormAlert, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's drops for its owners, and the start of a new one.
#[component]
pub fn OwnerDropsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let list = Resource::new(slug, owner_drops);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => Either::Left(view! { <DropTable list/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn DropTable(list: OwnerDropList) -> impl IntoView {
    let OwnerDropList { store, drops } = list;
    let create = ServerAction::<CreateDrop>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <Title text=format!("Drops of {}", store.name)/>
        <nav aria-label="Breadcrumb" class="breadcrumbs">
            <a href="/owner/stores">"Your stores"</a> " / " <span aria-current="page">{store.name.to_string()}</span>
        </nav>
        <h1>{format!("Drops of {}", store.name)}</h1>
        {if drops.is_empty() {
            Either::Left(view! { <p class="empty">"No drops yet. Start the first one below."</p> })
        } else {
            Either::Right(view! {
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">"Drop"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Opens"</th>
                            <th scope="col">"Manage"</th>
                        </tr></thead>
                        <tbody>
                            {drops.into_iter().map(|d| {
                                let id = d.drop.id;
                                view! {
                                    <tr>
                                        <td><a href=format!("/d/{id}")>{d.drop.name.to_string()}</a></td>
                                        <td><StatusBadge status=d.status/></td>
                                        <td>{if d.opens_label.is_empty() { "Not set".to_owned() } else { d.opens_label }}</td>
                                        <td class="actions">
                                            <a href=format!("/owner/drops/{id}")>"Edit"</a> " · "
                                            <a href=format!("/owner/drops/{id}/live")>"Live"</a>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        }}
        <section class="card form-card" aria-labelledby="new-drop-title">
            <h2 id="new-drop-title">"New drop"</h2>
            <ActionForm action=create attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store.id.to_string()/>
                <TextField label="Drop name" name="name" error hint="Such as Croissant Friday"/>
                <button type="submit" class="button primary">"Start the drop"</button>
            </ActionForm>
        </section>
    }
}
