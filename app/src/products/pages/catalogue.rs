use crate::{
    i18n::Language,
    money::Currency,
    products::{
        api::{Catalogue, CreateCategory, CreateProduct, SetProductArchived, store_catalogue},
        model::{Category, Product},
    },
    ui::{ErrorPage, FormAlert, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The owner's catalogue of one store: categories, a new product, and every product.
#[component]
pub fn OwnerCataloguePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
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
        |(slug, ..)| store_catalogue(slug, None),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Ok(catalogue) if catalogue.can_manage => Either::Left(view! { <Manage catalogue create archive category/> }),
                    Ok(_) => Either::Right(view! { <ErrorPage error=crate::error::AppError::new(crate::error::ErrorKind::Forbidden, "Only the store's owners manage its products.")/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Manage(
    catalogue: Catalogue,
    create: ServerAction<CreateProduct>,
    archive: ServerAction<SetProductArchived>,
    category: ServerAction<CreateCategory>,
) -> impl IntoView {
    let store = catalogue.store.clone();
    let store_id = store.id.to_string();
    let category_store_id = store_id.clone();
    let product_categories = catalogue.categories.clone();
    let parent_categories = catalogue.categories.clone();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let category_error = Signal::derive(move || category.value().get().and_then(Result::err));
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <Title text=format!("Products of {}", store.name)/>
        <nav aria-label="Breadcrumb" class="breadcrumbs">
            <a href="/owner/stores">"Your stores"</a> " / " <span aria-current="page">{store.name.to_string()}</span>
        </nav>
        <h1>{format!("Products of {}", store.name)}</h1>
        <section class="card form-card" aria-labelledby="new-product-title">
            <h2 id="new-product-title">"Add a product"</h2>
            <ActionForm action=create attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store_id/>
                <TextField label="Name" name="name" error/>
                <TextField label="SKU" name="sku" error hint="Your own code for it, unique in this store: letters, digits, - _ ."/>
                <div class="field">
                    <label for="field-description">"Description"</label>
                    <textarea id="field-description" name="description" rows="3" maxlength="5000"></textarea>
                </div>
                <div class="field-row">
                    <TextField label="Price" name="price" error hint="For example 120 or 120.50"/>
                    <div class="field">
                        <label for="field-currency">"Currency"</label>
                        <select id="field-currency" name="currency">
                            {Currency::ALL.into_iter().map(|c| view! { <option value=c.code()>{c.code()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <CategorySelect categories=product_categories name="category" label="Category"/>
                <button type="submit" class="button primary">"Add product"</button>
                {move || created().map(|p| view! { <p class="form-success" role="status">{format!("Added {}.", p.name)}</p> })}
            </ActionForm>
        </section>
        <section class="card form-card" aria-labelledby="new-category-title">
            <h2 id="new-category-title">"Add a category"</h2>
            <ActionForm action=category attr:class="form">
                <FormAlert error=category_error/>
                <input type="hidden" name="store_id" value=category_store_id/>
                <TextField label="Category name" name="name" id="category-name" error=category_error/>
                <CategorySelect categories=parent_categories name="parent" label="Inside"/>
                <button type="submit" class="button">"Add category"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="products-title">
            <h2 id="products-title">{format!("All products ({})", catalogue.products.total)}</h2>
            <ProductTable products=catalogue.products.items archive/>
        </section>
    }
}

#[component]
fn CategorySelect(
    categories: Vec<Category>,
    name: &'static str,
    label: &'static str,
) -> impl IntoView {
    let id = format!("field-{name}");
    let paths = category_paths(&categories);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">"None"</option>
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
    if products.is_empty() {
        return Either::Left(
            view! { <p class="empty">"No products yet. Add the first one above."</p> },
        );
    }
    Either::Right(view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr><th scope="col">"Name"</th><th scope="col">"SKU"</th><th scope="col">"Price"</th><th scope="col">"State"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr>
                </thead>
                <tbody>
                    {products.into_iter().map(|product| {
                        let archived = product.archived;
                        view! {
                            <tr>
                                <td><a href=format!("/p/{}", product.id)>{product.name.to_string()}</a></td>
                                <td>{product.sku.to_string()}</td>
                                <td>{product.price.format(Language::En)}</td>
                                <td>{if archived { "Archived" } else { "On sale" }}</td>
                                <td>
                                    <ActionForm action=archive>
                                        <input type="hidden" name="product_id" value=product.id.to_string()/>
                                        <input type="hidden" name="archived" value=(!archived).to_string()/>
                                        <button type="submit" class="button small">{if archived { "Restore" } else { "Archive" }}</button>
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
