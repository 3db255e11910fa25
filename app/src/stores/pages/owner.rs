use super::role::role_label;
use crate::{
    error::AppError,
    i18n::use_i18n,
    stores::{
        api::{CreateStore, list_managed_stores},
        model::{ManagedStore, StoreName, StoreSlug},
    },
    t,
    ui::{FieldMessage, FormAlert, PageTitle, SignInRequired, count_hydrated_island},
};
use leptos::{either::Either, prelude::*};

/// The owner's stores: open a new one and see all of them. The form posts without JavaScript;
/// once hydrated it submits in place and previews the store's address while typing.
#[component]
pub fn OwnerStoresPage() -> impl IntoView {
    view! { <OwnerStoresIsland/> }
}

#[island(lazy)]
fn OwnerStoresIsland() -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let create = ServerAction::<CreateStore>::new();
    let stores = Resource::new(move || create.version().get(), |_| list_managed_stores());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <PageTitle text=t!(i18n, "owner-your-stores")/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match stores.await {
                    Ok(Some(list)) => Either::Left(view! { <OwnerStores create error list/> }),
                    Ok(None) => Either::Right(view! { <SignInRequired next="/owner/stores"/> }.into_any()),
                    Err(error) => Either::Right(view! { <p class="form-alert" role="alert">{error.message}</p> }.into_any()),
                }
            })}
        </Transition>
    }
}

#[component]
fn OwnerStores(
    create: ServerAction<CreateStore>,
    error: Signal<Option<AppError>>,
    list: Vec<ManagedStore>,
) -> impl IntoView {
    let i18n = use_i18n();
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <h1>{t!(i18n, "owner-your-stores")}</h1>
        <section class="card form-card" aria-labelledby="new-store-title">
            <h2 id="new-store-title">{t!(i18n, "stores-open")}</h2>
            <NewStoreForm create error/>
            {move || created().map(|store| view! {
                <p class="form-success" role="status">
                    {t!(i18n, "stores-created")}" " <a href=format!("/s/{}", store.slug)>{store.name.to_string()}</a> "."
                </p>
            })}
        </section>
        <section aria-labelledby="all-stores-title">
            <h2 id="all-stores-title">{t!(i18n, "stores-you-run")}</h2>
            <StoreTable stores=list/>
        </section>
    }
}

#[component]
fn NewStoreForm(
    create: ServerAction<CreateStore>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, set_name) = signal(String::new());
    let (slug, set_slug) = signal(String::new());
    let address = move || {
        let typed = slug.get();
        if typed.trim().is_empty() {
            StoreSlug::suggest(&name.get()).map(|s| s.to_string())
        } else {
            StoreSlug::parse(&typed).ok().map(|s| s.to_string())
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            if error.get().is_some_and(|e| e.field(field).is_some()) {
                "true"
            } else {
                "false"
            }
        }
    };

    view! {
        <ActionForm action=create attr:class="form">
            <FormAlert error/>
            <div class="field">
                <label for="store-name">{t!(i18n, "field-name")}</label>
                <input id="store-name" name="name" required autocomplete="organization"
                    maxlength=StoreName::MAX_CHARS
                    aria-invalid=invalid("name") aria-describedby="store-name-error"
                    on:input=move |ev| set_name.set(event_target_value(&ev))/>
                <FieldMessage id="store-name-error" field="name" error/>
            </div>
            <div class="field">
                <label for="store-slug">{t!(i18n, "stores-web-address")}" " <span class="muted">{t!(i18n, "optional")}</span></label>
                <div class="input-prefix">
                    <span aria-hidden="true">"/s/"</span>
                    <input id="store-slug" name="slug" autocapitalize="none" spellcheck="false"
                        maxlength=StoreSlug::MAX_CHARS
                        aria-invalid=invalid("slug") aria-describedby="store-slug-hint store-slug-error"
                        on:input=move |ev| set_slug.set(event_target_value(&ev))/>
                </div>
                <p class="hint" id="store-slug-hint" data-testid="address-preview" aria-live="polite">
                    {move || match address() {
                        Some(slug) => t!(i18n, "stores-address-preview", slug = slug),
                        None => {t!(i18n, "stores-slug-hint")}.to_owned(),
                    }}
                </p>
                <FieldMessage id="store-slug-error" field="slug" error/>
            </div>
            <button type="submit" class="button primary" disabled=move || create.pending().get()>
                {move || if create.pending().get() { t!(i18n, "stores-creating") } else { t!(i18n, "stores-create") }}
            </button>
        </ActionForm>
    }
}

#[component]
fn StoreTable(stores: Vec<ManagedStore>) -> impl IntoView {
    let i18n = use_i18n();
    if stores.is_empty() {
        return Either::Left(view! { <p class="empty">{t!(i18n, "stores-none")}</p> });
    }
    Either::Right(view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "stores-you-run")>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, "field-name")}</th>
                        <th scope="col">{t!(i18n, "stores-your-role")}</th>
                        <th scope="col">{t!(i18n, "owner-public-page")}</th>
                        <th scope="col">{t!(i18n, "stores-manage")}</th>
                    </tr>
                </thead>
                <tbody>
                    {stores.into_iter().map(|ManagedStore { store, role }| {
                        let href = format!("/s/{}", store.slug);
                        let team = format!("/owner/stores/{}/members", store.slug);
                        let products = format!("/owner/stores/{}/products", store.slug);
                        let branches = format!("/owner/stores/{}/branches", store.slug);
                        let profile = format!("/owner/stores/{}/profile", store.slug);
                        let drops = format!("/owner/stores/{}/drops", store.slug);
                        view! {
                            <tr>
                                <td>{store.name.to_string()}</td>
                                <td>{role.map_or_else(|| t!(i18n, "stores-platform-admin"), |r| role_label(i18n, r))}</td>
                                <td><a href=href.clone()>{href.clone()}</a></td>
                                <td class="actions">
                                    <a href=profile>{t!(i18n, "owner-profile")}</a> " · " <a href=branches>{t!(i18n, "owner-branches")}</a> " · " <a href=products>{t!(i18n, "owner-products")}</a> " · " <a href=drops>{t!(i18n, "owner-drops")}</a> " · " <a href=team>{t!(i18n, "owner-members")}</a>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}
