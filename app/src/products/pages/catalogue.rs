use crate::{
    error::{AppError, ErrorKind},
    i18n::use_i18n,
    money::Currency,
    products::{
        api::{Catalogue, CreateCategory, CreateProduct, SetProductArchived, store_catalogue},
        model::{Category, Product},
    },
    t,
    ui::{
        ErrorPage, FormAlert, OwnerFrame, OwnerSection, PageTitle, Pager, TextField,
        count_hydrated_island, page_param, prop_reader, query_param, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// The owner's catalogue of one store: categories, a new product, and every product.
#[component]
pub fn OwnerCataloguePage() -> impl IntoView {
    let slug = route_param("slug");
    let page = page_param(query_param("page"));
    view! { <OwnerCatalogueIsland slug page/> }
}

#[island(lazy)]
fn OwnerCatalogueIsland(slug: String, page: Option<u32>) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let slug = prop_reader(slug);
    let create = ServerAction::<CreateProduct>::new();
    let archive = ServerAction::<SetProductArchived>::new();
    let category = ServerAction::<CreateCategory>::new();
    let catalogue = Resource::new(
        move || {
            (
                slug(),
                create.version().get(),
                archive.version().get(),
                category.version().get(),
            )
        },
        move |(slug, ..)| store_catalogue(slug, page),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Ok(catalogue) if catalogue.can_manage => Either::Left(view! { <Manage catalogue create archive category/> }),
                    Ok(_) => Either::Right(view! { <ErrorPage error=AppError::new(ErrorKind::Forbidden, t!(i18n, "catalogue-owners-only"))/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Manage(
    mut catalogue: Catalogue,
    create: ServerAction<CreateProduct>,
    archive: ServerAction<SetProductArchived>,
    category: ServerAction<CreateCategory>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = catalogue.store.clone();
    let slug = store.slug.to_string();
    let store_id = store.id.to_string();
    let category_store_id = store_id.clone();
    let product_categories = catalogue.categories.clone();
    let parent_categories = catalogue.categories.clone();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let category_error = Signal::derive(move || category.value().get().and_then(Result::err));
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <PageTitle text=t!(i18n, "catalogue-title", store = store.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Products>
        <h1>{t!(i18n, "catalogue-title", store = store.name.to_string())}</h1>
        <section class="card form-card" aria-labelledby="new-product-title">
            <h2 id="new-product-title">{t!(i18n, "catalogue-add")}</h2>
            <ActionForm action=create attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store_id/>
                <TextField label=t!(i18n, "field-name") name="name" error/>
                <TextField label=t!(i18n, "field-sku") name="sku" error hint=t!(i18n, "catalogue-sku-hint")/>
                <div class="field">
                    <label for="field-description">{t!(i18n, "settings-description")}</label>
                    <textarea id="field-description" name="description" rows="3" maxlength="5000"></textarea>
                </div>
                <div class="field-row">
                    <TextField label=t!(i18n, "catalogue-price") name="price" error hint=t!(i18n, "catalogue-price-hint")/>
                    <div class="field">
                        <label for="field-currency">{t!(i18n, "catalogue-currency")}</label>
                        <select id="field-currency" name="currency">
                            {Currency::ALL.into_iter().map(|c| view! { <option value=c.code()>{c.code()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <CategorySelect categories=product_categories name="category" label=t!(i18n, "store-category")/>
                <button type="submit" class="button primary">{t!(i18n, "catalogue-add-submit")}</button>
                {move || created().map(|p| view! { <p class="form-success" role="status">{t!(i18n, "catalogue-added", product = p.name.to_string())}</p> })}
            </ActionForm>
        </section>
        <section class="card form-card" aria-labelledby="new-category-title">
            <h2 id="new-category-title">{t!(i18n, "catalogue-add-category")}</h2>
            <ActionForm action=category attr:class="form">
                <FormAlert error=category_error/>
                <input type="hidden" name="store_id" value=category_store_id/>
                <TextField label=t!(i18n, "catalogue-category-name") name="name" id="category-name" error=category_error/>
                <CategorySelect categories=parent_categories name="parent" label=t!(i18n, "catalogue-inside")/>
                <button type="submit" class="button">{t!(i18n, "catalogue-add-category-submit")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="products-title">
            <h2 id="products-title">{t!(i18n, "catalogue-all", count = catalogue.products.total)}</h2>
            <ProductTable products=std::mem::take(&mut catalogue.products.items) archive/>
            <Pager page=catalogue.products href=move |n| format!("/owner/stores/{slug}/products?page={n}")/>
        </section>
        </OwnerFrame>
    }
}

#[component]
fn CategorySelect(
    categories: Vec<Category>,
    name: &'static str,
    #[prop(into)] label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let paths = category_paths(&categories);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{t!(i18n, "catalogue-none-option")}</option>
                {paths.into_iter().map(|(id, path)| view! { <option value=id>{path}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// Every category with its full path ("Shoes › Running"), sorted by path.
pub fn category_paths(categories: &[Category]) -> Vec<(String, String)> {
    let path_of = |category: &Category| {
        let mut names = vec![category.name.to_string()];
        let mut parent = category.parent_id;
        while let Some(id) = parent {
            match categories.iter().find(|c| c.id == id) {
                Some(up) if names.len() < 16 => {
                    names.push(up.name.to_string());
                    parent = up.parent_id;
                }
                _ => break,
            }
        }
        names.reverse();
        names.join(" › ")
    };
    let mut paths: Vec<_> = categories
        .iter()
        .map(|c| (c.id.to_string(), path_of(c)))
        .collect();
    paths.sort_by(|a, b| a.1.cmp(&b.1));
    paths
}

#[component]
fn ProductTable(
    products: Vec<Product>,
    archive: ServerAction<SetProductArchived>,
) -> impl IntoView {
    let i18n = use_i18n();
    if products.is_empty() {
        return Either::Left(view! { <p class="empty">{t!(i18n, "catalogue-empty")}</p> });
    }
    Either::Right(view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "owner-products")>
            <table class="table">
                <thead>
                    <tr><th scope="col">{t!(i18n, "field-name")}</th><th scope="col">{t!(i18n, "field-sku")}</th><th scope="col">{t!(i18n, "catalogue-price")}</th><th scope="col">{t!(i18n, "catalogue-state")}</th><th scope="col"><span class="visually-hidden">{t!(i18n, "members-actions")}</span></th></tr>
                </thead>
                <tbody>
                    {products.into_iter().map(|product| {
                        let archived = product.archived;
                        view! {
                            <tr>
                                <td><a href=format!("/p/{}", product.id)>{product.name.to_string()}</a></td>
                                <td>{product.sku.to_string()}</td>
                                <td>{product.price.format(i18n.language())}</td>
                                <td>{if archived { t!(i18n, "catalogue-archived") } else { t!(i18n, "catalogue-on-sale") }}</td>
                                <td>
                                    <ActionForm action=archive>
                                        <input type="hidden" name="product_id" value=product.id.to_string()/>
                                        <input type="hidden" name="archived" value=(!archived).to_string()/>
                                        <button type="submit" class="button small">{if archived { t!(i18n, "catalogue-restore") } else { t!(i18n, "catalogue-archive") }}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}
