use crate::{
    error::{AppError, ErrorKind},
    i18n::use_i18n,
    money::Currency,
    stores::{
        api::{
            RemoveStoreLogo, SettingsOverview, UpdateStoreProfile, UploadStoreLogo, store_settings,
        },
        model::Store,
    },
    t,
    ui::{
        ConfirmDialog, ErrorPage, FieldMessage, FormAlert, ImageUpload, Loading, OwnerFrame,
        OwnerSection, PageTitle, StoreLogo, TextField, count_hydrated_island, route_param,
    },
};
use leptos::server_fn::ServerFn;
use leptos::{either::Either, prelude::*};

/// A store's profile and settings, for its owners.
#[component]
pub fn StoreSettingsPage() -> impl IntoView {
    let slug = route_param("slug");
    view! { <StoreSettingsIsland slug/> }
}

#[island(lazy)]
fn StoreSettingsIsland(slug: String) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let save = ServerAction::<UpdateStoreProfile>::new();
    let remove_logo = ServerAction::<RemoveStoreLogo>::new();
    let settings = Resource::new(
        move || {
            (
                slug.clone(),
                save.version().get() + remove_logo.version().get(),
            )
        },
        |(slug, _)| store_settings(slug),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => Either::Left(view! { <SettingsForm settings save remove_logo/> }),
                    Err(error) if error.kind == ErrorKind::Forbidden => Either::Right(view! {
                        <ErrorPage error=AppError::new(ErrorKind::Forbidden, t!(i18n, "settings-owners-only"))/>
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
    remove_logo: ServerAction<RemoveStoreLogo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let SettingsOverview {
        store,
        possible_brands,
    } = settings;
    let profile = store.profile.clone();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().is_some_and(|r| r.is_ok());
    view! {
        <PageTitle text=t!(i18n, "settings-title", store = store.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Profile>
        <h1>{t!(i18n, "settings-title", store = store.name.to_string())}</h1>
        <section class="card form-card wide" aria-labelledby="profile-title">
            <h2 id="profile-title">{t!(i18n, "settings-what-shoppers-see")}</h2>
            <ActionForm action=save attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="store_id" value=store.id.to_string()/>
                <div class="field">
                    <label for="field-description">{t!(i18n, "settings-description")}</label>
                    <textarea id="field-description" name="description" rows="4" maxlength="2000">{profile.description.clone()}</textarea>
                    <FieldMessage id="field-description-error" field="description" error/>
                </div>
                <div class="field-row">
                    <TextField label=t!(i18n, "settings-contact-email") name="contact_email" kind="email" required=false error
                        value=profile.contact_email.as_ref().map(ToString::to_string).unwrap_or_default()/>
                    <TextField label=t!(i18n, "settings-contact-phone") name="contact_phone" kind="tel" required=false error
                        value=profile.contact_phone.as_ref().map(ToString::to_string).unwrap_or_default()/>
                </div>
                <div class="field-row">
                    <TextField label=t!(i18n, "settings-accent") name="accent" error value=profile.accent.to_string()
                        hint=t!(i18n, "settings-accent-hint")/>
                    <div class="field">
                        <label for="field-default_currency">{t!(i18n, "settings-currency")}</label>
                        <select id="field-default_currency" name="default_currency">
                            {Currency::ALL.into_iter().map(|c| view! {
                                <option value=c.code() selected=c == profile.default_currency>{c.code()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="field-parent">{t!(i18n, "settings-brand")}</label>
                    <select id="field-parent" name="parent">
                        <option value="">{t!(i18n, "settings-no-brand")}</option>
                        {possible_brands.into_iter().map(|brand| view! {
                            <option value=brand.id.to_string() selected=Some(brand.id) == store.parent_id>{brand.name.to_string()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="field-parent-error" field="parent" error/>
                </div>
                <button type="submit" class="button primary">{t!(i18n, "settings-save")}</button>
                <p class="form-success" role="status" hidden=move || !saved()>{t!(i18n, "account-saved")}</p>
            </ActionForm>
        </section>
        <LogoSettings store=store.clone() remove=remove_logo/>
        </OwnerFrame>
    }
}

/// The logo shown beside the store's name: upload a new one, or take it down.
#[component]
fn LogoSettings(store: Store, remove: ServerAction<RemoveStoreLogo>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let has_logo = store.logo.is_some();
    view! {
        <section class="card form-card wide" aria-labelledby="logo-title">
            <h2 id="logo-title">{t!(i18n, "settings-logo")}</h2>
            {if has_logo {
                Either::Left(view! {
                    <div class="brand-title">
                        <StoreLogo logo=store.logo.clone() class="large"/>
                        <span class="muted">{t!(i18n, "settings-logo-current")}</span>
                    </div>
                    <FormAlert error/>
                    <ConfirmDialog id="remove-logo".to_owned() trigger=t!(i18n, "settings-logo-remove")
                        trigger_class="button" question=t!(i18n, "settings-logo-remove-question")>
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="store_id" value=store.id.to_string()/>
                            <button type="submit" class="button danger">{t!(i18n, "settings-logo-remove")}</button>
                        </ActionForm>
                    </ConfirmDialog>
                })
            } else {
                Either::Right(view! { <p class="muted">{t!(i18n, "settings-logo-none")}</p> })
            }}
            <ImageUpload action=UploadStoreLogo::PATH id_field="store_id" id_value=store.id.to_string()
                file_field="logo" label=t!(i18n, "settings-logo-file") hint=t!(i18n, "settings-logo-hint")
                button=t!(i18n, "settings-logo-upload")/>
        </section>
    }
}
