use super::BranchCard;
use crate::{
    branches::{
        api::{BranchOverview, SaveBranch, store_branches},
        hours::weekday_name,
        model::{Branch, DAY_KEYS, exceptions_text},
    },
    error::{AppError, ErrorKind},
    i18n::use_i18n,
    t,
    ui::{
        ErrorPage, FieldMessage, FormAlert, OwnerFrame, OwnerSection, PageTitle, TextField,
        count_hydrated_island, prop_reader, query_param, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// A store's branches for its owners: the list, and the form to add or edit one (`?edit=<id>`).
#[component]
pub fn OwnerBranchesPage() -> impl IntoView {
    let slug = route_param("slug");
    let editing = query_param("edit");
    view! { <OwnerBranchesIsland slug editing/> }
}

/// `editing`: the branch whose form is open (`?edit=`), so a link can open it.
#[island(lazy)]
fn OwnerBranchesIsland(slug: String, editing: Option<String>) -> impl IntoView {
    count_hydrated_island();
    let i18n = use_i18n();
    let slug = prop_reader(slug);
    let save = ServerAction::<SaveBranch>::new();
    let branches = Resource::new(
        move || (slug(), save.version().get()),
        |(slug, _)| store_branches(slug),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                let editing = editing.clone();
                Suspend::new(async move {
                match branches.await {
                    Ok(list) if list.can_manage => Either::Left(view! { <Manage list save editing/> }),
                    Ok(_) => Either::Right(view! { <ErrorPage error=AppError::new(ErrorKind::Forbidden, t!(i18n, "branches-owners-only"))/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
                })
            }}
        </Transition>
    }
}

#[component]
fn Manage(
    list: BranchOverview,
    save: ServerAction<SaveBranch>,
    editing: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = list.store;
    let editing = editing.and_then(|id| {
        list.branches
            .iter()
            .find(|b| b.branch.id.to_string() == id)
            .map(|b| b.branch.clone())
    });
    let heading = if editing.is_some() {
        t!(i18n, "branches-edit-heading")
    } else {
        t!(i18n, "branches-add-heading")
    };
    let slug = store.slug.to_string();
    view! {
        <PageTitle text=t!(i18n, "branches-title", store = store.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Branches>
        <h1>{t!(i18n, "branches-title", store = store.name.to_string())}</h1>
        <section aria-labelledby="branches-title">
            <h2 id="branches-title">{t!(i18n, "store-branches")}</h2>
            {if list.branches.is_empty() {
                Either::Left(view! { <p class="empty">{t!(i18n, "branches-none")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="card-grid" role="list">
                        {list.branches.into_iter().map(|status| {
                            let edit = format!("/owner/stores/{slug}/branches?edit={}", status.branch.id);
                            view! { <BranchCard status/> <li class="edit-link"><a href=edit>{t!(i18n, "owner-drops-edit")}</a></li> }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
        <section class="card form-card wide" aria-labelledby="branch-form-title">
            <h2 id="branch-form-title">{heading}</h2>
            <BranchForm store_id=store.id.to_string() branch=editing save/>
        </section>
        </OwnerFrame>
    }
}

#[component]
fn BranchForm(
    store_id: String,
    branch: Option<Branch>,
    save: ServerAction<SaveBranch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().and_then(Result::ok);
    let value = |f: fn(&Branch) -> String| branch.as_ref().map(f).unwrap_or_default();
    let weekly = branch.as_ref().map(|b| b.hours.weekly).unwrap_or_default();
    let exceptions = branch
        .as_ref()
        .map(|b| exceptions_text(&b.hours))
        .unwrap_or_default();
    let (id, name, street, city, postcode) = (
        value(|b| b.id.to_string()),
        value(|b| b.name.to_string()),
        value(|b| b.address.street.to_string()),
        value(|b| b.address.city.to_string()),
        value(|b| b.address.postcode.clone()),
    );
    let (country, time_zone, latitude, longitude) = (
        value(|b| b.address.country.to_string()),
        value(|b| b.time_zone.to_string()),
        value(|b| b.coordinates.latitude_text()),
        value(|b| b.coordinates.longitude_text()),
    );
    let phone = value(|b| {
        b.phone
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    });
    let email = value(|b| {
        b.email
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    });
    view! {
        <ActionForm action=save attr:class="form">
            <FormAlert error/>
            <input type="hidden" name="store_id" value=store_id/>
            <input type="hidden" name="branch_id" value=id/>
            <TextField label=t!(i18n, "branches-name") name="name" id="branch-name" error value=name/>
            <TextField label=t!(i18n, "branches-street") name="street" autocomplete="street-address" error value=street/>
            <div class="field-row">
                <TextField label=t!(i18n, "branches-city") name="city" autocomplete="address-level2" error value=city/>
                <TextField label=t!(i18n, "branches-postcode") name="postcode" autocomplete="postal-code" required=false error value=postcode/>
            </div>
            <div class="field-row">
                <TextField label=t!(i18n, "branches-country") name="country" error hint=t!(i18n, "branches-country-hint") value=country/>
                <TextField label=t!(i18n, "account-time-zone") name="time_zone" error hint=t!(i18n, "branches-zone-hint") value=time_zone/>
            </div>
            <div class="field-row">
                <TextField label=t!(i18n, "branches-latitude") name="latitude" error hint=t!(i18n, "branches-latitude-hint") value=latitude/>
                <TextField label=t!(i18n, "branches-longitude") name="longitude" error hint=t!(i18n, "branches-longitude-hint") value=longitude/>
            </div>
            <div class="field-row">
                <TextField label=t!(i18n, "branches-phone") name="phone" kind="tel" required=false error value=phone/>
                <TextField label=t!(i18n, "branches-email") name="email" kind="email" required=false error value=email/>
            </div>
            <fieldset class="hours-editor">
                <legend>{t!(i18n, "branches-hours")}</legend>
                <p class="hint" id="hours-hint">{t!(i18n, "branches-hours-hint")}</p>
                <FieldMessage id="hours-error" field="hours" error/>
                {DAY_KEYS.iter().enumerate().map(|(day, key)| {
                    let interval = weekly[day];
                    let field = format!("hours_{key}");
                    view! {
                        <div class="hours-row">
                            <span class="day">{weekday_name(i18n, day)}</span>
                            <label>
                                <span class="visually-hidden">{t!(i18n, "branches-day-opens", day = weekday_name(i18n, day))}</span>
                                <input type="time" name=format!("{key}_opens") value=interval.map(|i| i.opens.to_string()).unwrap_or_default()
                                    aria-label=t!(i18n, "branches-day-opens", day = weekday_name(i18n, day))/>
                            </label>
                            <span aria-hidden="true">"–"</span>
                            <label>
                                <span class="visually-hidden">{t!(i18n, "branches-day-closes", day = weekday_name(i18n, day))}</span>
                                <input type="time" name=format!("{key}_closes") value=interval.map(|i| i.closes.to_string()).unwrap_or_default()
                                    aria-label=t!(i18n, "branches-day-closes", day = weekday_name(i18n, day))/>
                            </label>
                            <DayError field error/>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="field-exceptions">{t!(i18n, "branches-exceptions")}</label>
                <textarea id="field-exceptions" name="exceptions" rows="3" aria-describedby="exceptions-hint field-exceptions-error">
                    {exceptions}
                </textarea>
                <p class="hint" id="exceptions-hint">{t!(i18n, "branches-exceptions-hint")}</p>
                <FieldMessage id="field-exceptions-error" field="exceptions" error/>
            </div>
            <button type="submit" class="button primary">{t!(i18n, "branches-save")}</button>
            {move || saved().map(|b| view! { <p class="form-success" role="status">{t!(i18n, "branches-saved", branch = b.name.to_string())}</p> })}
        </ActionForm>
    }
}

#[component]
fn DayError(field: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let message = Signal::derive(move || error.get().and_then(|e| e.field(&field)));
    view! { <span class="field-error" role="alert" hidden=move || message.get().is_none()>{message}</span> }
}
