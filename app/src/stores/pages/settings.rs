use crate::{
    error::{AppError, ErrorKind},
    money::Currency,
    stores::api::{SettingsOverview, UpdateStoreProfile, store_settings},
    ui::{ErrorPage, FieldMessage, FormAlert, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A store's profile and settings, for its owners.
#[component]
pub fn StoreSettingsPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<UpdateStoreProfile>::new();
    let settings = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                save.version().get(),
            )
        },
        |(slug, _)| store_settings(slug),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => Either::Left(view! { <SettingsForm settings save/> }),
                    Err(error) if error.kind == ErrorKind::Forbidden => Either::Right(view! {
                        <ErrorPage error=AppError::new(ErrorKind::Forbidden, "Only the store's owners change its profile.")/>
                    }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn SettingsForm(
    settings: SettingsOverview,
    save: ServerAction<UpdateStoreProfile>,
) -> impl IntoView {
    let SettingsOverview {
        store,
        possible_brands,
    } = settings;
    let profile = store.profile.clone();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text=format!("Profile of {}", store.name)/>
        <nav aria-label="Breadcrumb" class="breadcrumbs">
            <a href="/owner/stores">"Your stores"</a> " / " <span aria-current="page">{store.name.to_string()}</span>
        </nav>
        <h1>{format!("Profile of {}", store.name)}</h1>
        <section class="card form-card wide" aria-labelledby="profile-title">
            <h2 id="profile-title">"What shoppers see"</h2>
            <ActionForm action=save attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store.id.to_string()/>
                <div class="field">
                    <label for="field-description">"Description"</label>
                    <textarea id="field-description" name="description" rows="4" maxlength="2000">{profile.description.clone()}</textarea>
                    <FieldMessage id="field-description-error" field="description" error/>
                </div>
                <div class="field-row">
                    <TextField label="Contact email" name="contact_email" kind="email" required=false error
                        value=profile.contact_email.as_ref().map(ToString::to_string).unwrap_or_default()/>
                    <TextField label="Contact phone" name="contact_phone" kind="tel" required=false error
                        value=profile.contact_phone.as_ref().map(ToString::to_string).unwrap_or_default()/>
                </div>
                <div class="field-row">
                    <TextField label="Accent colour" name="accent" error value=profile.accent.to_string()
                        hint="A dark colour like #0b6e4f: white text must stay readable on it."/>
                    <div class="field">
                        <label for="field-default_currency">"Usual currency"</label>
                        <select id="field-default_currency" name="default_currency">
                            {Currency::ALL.into_iter().map(|c| view! {
                                <option value=c.code() selected=c == profile.default_currency>{c.code()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="field-parent">"Part of the brand"</label>
                    <select id="field-parent" name="parent">
                        <option value="">"None: this store stands alone"</option>
                        {possible_brands.into_iter().map(|brand| view! {
                            <option value=brand.id.to_string() selected=Some(brand.id) == store.parent_id>{brand.name.to_string()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="field-parent-error" field="parent" error/>
                </div>
                <button type="submit" class="button primary">"Save profile"</button>
                <p class="form-success" role="status" hidden=move || !saved()>"Saved."</p>
            </ActionForm>
        </section>
    }
}
