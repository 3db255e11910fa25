use crate::{
    i18n::use_i18n,
    media::Image,
    products::{
        api::{ProductView, UploadProductImage, get_product},
        model::{Product, ProductId},
    },
    t,
    ui::{ErrorPage, ImageUpload},
};
use leptos::{either::Either, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A product's public page at /p/{id}, with its photos; its owners can add photos here.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let found = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_product,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(found) => Either::Left(view! { <ProductDetails found/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetails(found: ProductView) -> impl IntoView {
    let i18n = use_i18n();
    let ProductView {
        product,
        store,
        images,
        can_manage,
    } = found;
    let cover = images.first().cloned();
    view! {
        <Title text=product.name.to_string()/>
        <article class="product-page">
            {cover.map(|image| view! {
                <img class="product-photo" src=image.src(960) srcset=image.srcset() sizes="(max-width: 640px) 100vw, 640px"
                    width=image.width height=image.height alt=product.name.to_string()/>
            })}
            <div>
                <p class="eyebrow"><a href=format!("/s/{}", store.slug)>{store.name.to_string()}</a></p>
                <h1>{product.name.to_string()}</h1>
                <p class="price">{product.price.format(i18n.language())}</p>
                {product.archived.then(|| view! { <p class="badge">{t!(i18n, "product-not-on-sale")}</p> })}
                <p class="description">{product.description.to_string()}</p>
            </div>
            {(images.len() > 1).then(|| view! {
                <ul class="thumbnails" role="list">
                    {images.iter().skip(1).map(|image| view! {
                        <li><img src=image.src(320) width="160" alt=t!(i18n, "product-another-view", product = product.name.to_string()) loading="lazy"/></li>
                    }).collect_view()}
                </ul>
            })}
        </article>
        {can_manage.then(|| view! { <PhotoUpload product_id=product.id.to_string()/> })}
    }
}

/// Where the product's owners add photos.
#[component]
fn PhotoUpload(product_id: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card form-card" aria-labelledby="photo-title">
            <h2 id="photo-title">{t!(i18n, "product-add-photo")}</h2>
            <ImageUpload action=UploadProductImage::PATH id_field="product_id" id_value=product_id
                file_field="image" label=t!(i18n, "product-photo") hint=t!(i18n, "product-photo-hint")
                button=t!(i18n, "product-upload")/>
        </section>
    }
}

/// Products as cards linking to their pages (store page, search results).
#[component]
pub fn ProductList(
    products: Vec<Product>,
    #[prop(optional)] store_names: Vec<String>,
    /// The first photo of each product that has one.
    #[prop(optional)]
    covers: Vec<(ProductId, Image)>,
) -> impl IntoView {
    let language = use_i18n().language();
    view! {
        <ul class="card-grid" role="list">
            {products.into_iter().enumerate().map(|(i, product)| view! {
                <li class="card product-card">
                    // The link next to it names the product: the photo adds nothing to read aloud.
                    {covers.iter().find(|(id, _)| *id == product.id).map(|(_, image)| view! {
                        <img class="product-cover" src=image.src(480) srcset=image.srcset()
                            sizes="(max-width: 640px) 100vw, 320px" width=image.width height=image.height
                            alt="" loading="lazy"/>
                    })}
                    <a class="card-link" href=format!("/p/{}", product.id)>{product.name.to_string()}</a>
                    <p class="price">{product.price.format(language)}</p>
                    {store_names.get(i).map(|store| view! { <p class="muted">{store.clone()}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}
