use super::card::StatusBadge;
use crate::{
    drops::api::{CreateDrop, OwnerDropList, owner_drops},
    i18n::use_i18n,
    t,
    ui::{
        ErrorPage, FormAlert, OwnerFrame, OwnerSection, PageTitle, TextField,
        count_hydrated_island, prop_reader, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// A store's drops for its owners, and the start of a new one.
#[component]
pub fn OwnerDropsPage() -> impl IntoView {
    let slug = route_param("slug");
    view! { <OwnerDropsIsland slug/> }
}

#[island(lazy)]
fn OwnerDropsIsland(slug: String) -> impl IntoView {
    count_hydrated_island();
    let slug = prop_reader(slug);
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
    let i18n = use_i18n();
    let OwnerDropList { store, drops } = list;
    let create = ServerAction::<CreateDrop>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <PageTitle text=t!(i18n, "owner-drops-title", store = store.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Drops>
        <h1>{t!(i18n, "owner-drops-title", store = store.name.to_string())}</h1>
        {if drops.is_empty() {
            Either::Left(view! { <p class="empty">{t!(i18n, "owner-drops-none")}</p> })
        } else {
            Either::Right(view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "owner-drops")>
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{t!(i18n, "owner-drops-drop")}</th>
                            <th scope="col">{t!(i18n, "owner-drops-status")}</th>
                            <th scope="col">{t!(i18n, "owner-drops-opens")}</th>
                            <th scope="col">{t!(i18n, "stores-manage")}</th>
                        </tr></thead>
                        <tbody>
                            {drops.into_iter().map(|d| {
                                let id = d.drop.id;
                                view! {
                                    <tr>
                                        <td><a href=format!("/d/{id}")>{d.drop.name.to_string()}</a></td>
                                        <td><StatusBadge status=d.status/></td>
                                        <td>{if d.opens_label.is_empty() { t!(i18n, "owner-drops-not-set") } else { d.opens_label }}</td>
                                        <td class="actions">
                                            <a href=format!("/owner/drops/{id}")>{t!(i18n, "owner-drops-edit")}</a> " · "
                                            <a href=format!("/owner/drops/{id}/live")>{t!(i18n, "live-crumb")}</a>
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
            <h2 id="new-drop-title">{t!(i18n, "owner-drops-new")}</h2>
            <ActionForm action=create attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store.id.to_string()/>
                <TextField label=t!(i18n, "owner-drops-name") name="name" error hint=t!(i18n, "owner-drops-name-hint")/>
                <button type="submit" class="button primary">{t!(i18n, "owner-drops-start")}</button>
            </ActionForm>
        </section>
        </OwnerFrame>
    }
}
