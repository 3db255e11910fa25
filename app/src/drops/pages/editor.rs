use super::card::StatusBadge;
use crate::{
    branches::model::Branch,
    drops::{
        api::{
            AddAccessCode, DropCommand as DropCommandAction, DropEditorData, RemoveSlot, SaveDrop,
            ScheduleOutcome, ScheduleSlots, SetSlotCapacity, drop_editor,
        },
        model::{AccessCodeUse, DropId, DropStatus, RulesInput, SlotView},
        rules::{DropCommand, slots_editable, transition},
    },
    i18n::use_i18n,
    t,
    ui::{
        Crumb, ErrorPage, FieldMessage, FormAlert, OwnerFrame, OwnerSection, PageTitle, TextField,
        count_hydrated_island, prop_reader, route_param,
    },
};
use leptos::{either::Either, prelude::*};

/// The owner's one place to build a drop: details, products and rules; slots from a schedule
/// (previewed before they are added); access codes; and the lifecycle buttons.
#[component]
pub fn DropEditorPage() -> impl IntoView {
    let id = route_param("id");
    view! { <DropEditorIsland id/> }
}

#[island(lazy)]
fn DropEditorIsland(id: String) -> impl IntoView {
    count_hydrated_island();
    let id = prop_reader(id);
    let actions = EditorActions::new();
    let editor = Resource::new(move || (id(), actions.version()), |(id, _)| drop_editor(id));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(data) => Either::Left(view! { <Editor data actions/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct EditorActions {
    save: ServerAction<SaveDrop>,
    schedule: ServerAction<ScheduleSlots>,
    remove: ServerAction<RemoveSlot>,
    capacity: ServerAction<SetSlotCapacity>,
    command: ServerAction<DropCommandAction>,
    code: ServerAction<AddAccessCode>,
}

impl EditorActions {
    fn new() -> Self {
        Self {
            save: ServerAction::new(),
            schedule: ServerAction::new(),
            remove: ServerAction::new(),
            capacity: ServerAction::new(),
            command: ServerAction::new(),
            code: ServerAction::new(),
        }
    }

    /// Changes whenever an action that changes the drop finishes (a preview changes nothing).
    fn version(self) -> (usize, usize, usize, usize, usize, usize) {
        let added = self
            .schedule
            .value()
            .with(|v| matches!(v, Some(Ok(ScheduleOutcome::Added(_)))));
        (
            self.save.version().get(),
            if added {
                self.schedule.version().get()
            } else {
                0
            },
            self.remove.version().get(),
            self.capacity.version().get(),
            self.command.version().get(),
            self.code.version().get(),
        )
    }
}

#[component]
fn Editor(data: DropEditorData, actions: EditorActions) -> impl IntoView {
    let i18n = use_i18n();
    let DropEditorData {
        summary,
        store,
        products,
        branches,
        slots,
        codes,
        opens_local,
        closes_local,
    } = data;
    let drop = summary.drop;
    let drop_id = drop.id;
    let status = summary.status;
    let editable = matches!(status, DropStatus::Draft | DropStatus::Scheduled);
    let rules = RulesInput::from_rules(&drop.rules);
    let save_error = Signal::derive(move || actions.save.value().get().and_then(Result::err));
    let saved = move || matches!(actions.save.value().get(), Some(Ok(_)));
    view! {
        <PageTitle text=t!(i18n, "editor-title", drop = drop.name.to_string())/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Drops crumbs=vec![Crumb { label: drop.name.to_string(), href: None }]>
        <h1>{drop.name.to_string()} " " <StatusBadge status/></h1>
        <p class="actions">
            <a href=format!("/d/{drop_id}")>{t!(i18n, "editor-shopper-page")}</a> " · "
            <a href=format!("/owner/drops/{drop_id}/live")>{t!(i18n, "editor-live-view")}</a>
        </p>
        <Lifecycle drop_id status action=actions.command/>

        <section class="card form-card wide" aria-labelledby="details-title">
            <h2 id="details-title">{t!(i18n, "editor-details")}</h2>
            <ActionForm action=actions.save attr:class="form">
                <FormAlert error=save_error/>
                {move || saved().then(|| view! { <p class="notice" role="status">"Saved."</p> })}
                <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                <fieldset disabled=!editable>
                    <TextField label=t!(i18n, "owner-drops-name") name="name" error=save_error value=drop.name.to_string()/>
                    <div class="field">
                        <label for="field-description">{t!(i18n, "settings-description")}</label>
                        <textarea id="field-description" name="description" rows="3">{drop.description.clone()}</textarea>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-opens-at") name="opens_at" kind="datetime-local" step="1" error=save_error value=opens_local required=false hint=t!(i18n, "editor-opens-at-hint")/>
                        <TextField label=t!(i18n, "editor-closes-at") name="closes_at" kind="datetime-local" step="1" error=save_error value=closes_local required=false/>
                    </div>
                    <TextField label=t!(i18n, "editor-zone") name="time_zone" error=save_error value=drop.time_zone.to_string() hint=t!(i18n, "branches-zone-hint")/>
                    <fieldset class="choices">
                        <legend>{t!(i18n, "editor-products")}</legend>
                        {if products.is_empty() {
                            Either::Left(view! { <p class="empty"><a href=format!("/owner/stores/{}/products", store.slug)>{t!(i18n, "editor-no-products")}</a></p> })
                        } else {
                            Either::Right(products.into_iter().enumerate().map(|(i, p)| {
                                let checked = drop.products.contains(&p.id);
                                let id = format!("product-{}", p.id);
                                view! {
                                    <label class="choice" for=id.clone()>
                                        <input type="checkbox" id=id.clone() name=format!("products[{i}]") value=p.id.to_string() checked=checked/>
                                        {p.name.to_string()}
                                    </label>
                                }
                            }).collect_view())
                        }}
                        <FieldMessage id="products-error" field="products" error=save_error/>
                    </fieldset>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-per-person") name="reservations_per_person" kind="number" error=save_error value=rules.reservations_per_person/>
                        <TextField label=t!(i18n, "editor-per-booking") name="units_per_reservation" kind="number" error=save_error value=rules.units_per_reservation/>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-hold") name="hold_minutes" kind="number" error=save_error value=rules.hold_minutes/>
                        <TextField label=t!(i18n, "editor-deposit") name="deposit" required=false error=save_error value=rules.deposit hint=t!(i18n, "editor-deposit-hint")/>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-cutoff") name="booking_cutoff_minutes" kind="number" error=save_error value=rules.booking_cutoff_minutes/>
                        <TextField label=t!(i18n, "editor-cancel-window") name="cancellation_window_minutes" kind="number" error=save_error value=rules.cancellation_window_minutes/>
                        <TextField label=t!(i18n, "editor-reminder-hours") name="reminder_hours" error=save_error value=rules.reminder_hours hint=t!(i18n, "editor-reminder-hours-hint") required=false/>
                    </div>
                    <label class="choice">
                        <input type="checkbox" name="access_codes_required" value="on" checked=rules.access_codes_required/>
                        {t!(i18n, "editor-access-code")}
                    </label>
                    <label class="choice">
                        <input type="checkbox" name="verified_email_required" value="on" checked=rules.verified_email_required/>
                        {t!(i18n, "editor-verified-email")}
                    </label>
                    <button type="submit" class="button primary">{t!(i18n, "editor-save")}</button>
                </fieldset>
            </ActionForm>
        </section>

        <SlotsSection drop_id status branches slots actions/>
        <AccessCodes drop_id codes action=actions.code/>
        </OwnerFrame>
    }
}

#[component]
fn Lifecycle(
    drop_id: DropId,
    status: DropStatus,
    action: ServerAction<DropCommandAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let buttons = [
        (
            DropCommand::Publish,
            "publish",
            t!(i18n, "editor-publish"),
            "button primary",
        ),
        (
            DropCommand::Unpublish,
            "unpublish",
            t!(i18n, "editor-unpublish"),
            "button",
        ),
        (
            DropCommand::Close,
            "close",
            t!(i18n, "editor-close-now"),
            "button",
        ),
        (
            DropCommand::Archive,
            "archive",
            t!(i18n, "catalogue-archive"),
            "button",
        ),
        (
            DropCommand::Cancel,
            "cancel",
            t!(i18n, "editor-cancel-drop"),
            "button danger",
        ),
    ];
    view! {
        <section class="lifecycle" aria-label=t!(i18n, "editor-lifecycle")>
            <FormAlert error/>
            {buttons.into_iter().filter(|(c, ..)| transition(status, *c).is_ok()).map(|(_, command, label, class)| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                    <input type="hidden" name="command" value=command/>
                    <button type="submit" class=class>{label}</button>
                </ActionForm>
            }).collect_view()}
        </section>
    }
}

#[component]
fn SlotsSection(
    drop_id: DropId,
    status: DropStatus,
    branches: Vec<Branch>,
    slots: Vec<SlotView>,
    actions: EditorActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let can_add = slots_editable(status);
    let error = Signal::derive(move || actions.schedule.value().get().and_then(Result::err));
    let outcome = move || actions.schedule.value().get().and_then(Result::ok);
    let capacity_error = Signal::derive(move || {
        actions
            .capacity
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.remove.value().get().and_then(Result::err))
    });
    let weekdays = [
        { t!(i18n, "weekday-mon") },
        t!(i18n, "weekday-tue"),
        t!(i18n, "weekday-wed"),
        t!(i18n, "weekday-thu"),
        t!(i18n, "weekday-fri"),
        t!(i18n, "weekday-sat"),
        t!(i18n, "weekday-sun"),
    ];
    view! {
        <section class="card form-card wide" aria-labelledby="slots-title">
            <h2 id="slots-title">{t!(i18n, "editor-slots", count = slots.len())}</h2>
            <FormAlert error=capacity_error/>
            {if slots.is_empty() {
                Either::Left(view! { <p class="empty">{t!(i18n, "editor-no-slots")}</p> })
            } else {
                Either::Right(view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t!(i18n, "drop-slots")>
                        <table class="table slots-table">
                            <thead><tr>
                                <th scope="col">{t!(i18n, "editor-branch")}</th><th scope="col">{t!(i18n, "editor-when")}</th>
                                <th scope="col">{t!(i18n, "editor-taken")}</th><th scope="col">{t!(i18n, "live-capacity")}</th><th scope="col"><span class="visually-hidden">{t!(i18n, "editor-remove")}</span></th>
                            </tr></thead>
                            <tbody>
                                {slots.into_iter().map(|s| {
                                    let slot_id = s.slot.id;
                                    let label = s.local_label(i18n);
                                    let remove_label = t!(i18n, "editor-remove-slot", slot = &label);
                                    let capacity_label = t!(i18n, "editor-capacity-of", slot = &label);
                                    view! {
                                        <tr>
                                            <td>{s.branch_name.clone()}</td>
                                            <td>{label.clone()}</td>
                                            <td>{s.counts.taken()}</td>
                                            <td>
                                                <ActionForm action=actions.capacity attr:class="inline-form">
                                                    <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                                                    <input type="hidden" name="slot_id" value=slot_id.to_string()/>
                                                    <label class="visually-hidden" for=format!("cap-{slot_id}")>{capacity_label}</label>
                                                    <input id=format!("cap-{slot_id}") class="narrow" type="number" name="capacity" min="1" value=s.slot.capacity.get().to_string()/>
                                                    <button type="submit" class="button small">{t!(i18n, "editor-set")}</button>
                                                </ActionForm>
                                            </td>
                                            <td>
                                                {can_add.then(move || view! {
                                                    <ActionForm action=actions.remove attr:class="inline-form">
                                                        <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                                                        <input type="hidden" name="slot_id" value=slot_id.to_string()/>
                                                        <button type="submit" class="button small" aria-label=remove_label>{t!(i18n, "editor-remove")}</button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
            {can_add.then(|| view! {
                <h3>{t!(i18n, "editor-add-slots")}</h3>
                <p class="hint">{t!(i18n, "editor-add-slots-hint")}</p>
                <ActionForm action=actions.schedule attr:class="form">
                    <FormAlert error/>
                    <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                    <div class="field">
                        <label for="field-branch_id">{t!(i18n, "editor-branch")}</label>
                        <select id="field-branch_id" name="branch_id" required>
                            {branches.into_iter().map(|b| view! { <option value=b.id.to_string()>{format!("{} ({})", b.name, b.time_zone)}</option> }).collect_view()}
                        </select>
                        <FieldMessage id="field-branch_id-error" field="branch_id" error/>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-first-day") name="first_day" kind="date" error/>
                        <TextField label=t!(i18n, "editor-last-day") name="last_day" kind="date" error/>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-daily-from") name="daily_from" kind="time" error value="10:00"/>
                        <TextField label=t!(i18n, "editor-daily-until") name="daily_until" kind="time" error value="18:00"/>
                    </div>
                    <div class="field-row">
                        <TextField label=t!(i18n, "editor-slot-length") name="slot_minutes" kind="number" error value="30"/>
                        <TextField label=t!(i18n, "editor-places-per-slot") name="capacity" kind="number" error value="20"/>
                    </div>
                    <fieldset class="choices">
                        <legend>{t!(i18n, "editor-weekdays")}</legend>
                        {weekdays.into_iter().enumerate().map(|(i, day)| view! {
                            <label class="choice"><input type="checkbox" name=format!("weekdays[{i}]") value=i.to_string()/>{day}</label>
                        }).collect_view()}
                    </fieldset>
                    <FieldMessage id="schedule-error" field="schedule" error/>
                    <div class="actions">
                        <button type="submit" name="preview" value="1" class="button">{t!(i18n, "editor-preview")}</button>
                        <button type="submit" class="button primary">{t!(i18n, "editor-add-these")}</button>
                    </div>
                </ActionForm>
                {move || outcome().map(|o| match o {
                    ScheduleOutcome::Added(n) => Either::Left(view! { <p class="notice" role="status">{t!(i18n, "editor-added-slots", count = n)}</p> }),
                    ScheduleOutcome::Preview(preview) => Either::Right(view! {
                        <div class="preview" role="status">
                            <p><strong>{t!(i18n, "editor-schedule-makes", count = preview.len())}</strong>{(preview.len() > 12).then_some(t!(i18n, "editor-first-12"))}</p>
                            <ul>
                                {preview.into_iter().take(12).map(|s| view! { <li>{format!("{} · {}", s.branch_name, s.local_label(i18n))}</li> }).collect_view()}
                            </ul>
                        </div>
                    }),
                })}
            })}
        </section>
    }
}

#[component]
fn AccessCodes(
    drop_id: DropId,
    codes: Vec<AccessCodeUse>,
    action: ServerAction<AddAccessCode>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="card form-card" aria-labelledby="codes-title">
            <h2 id="codes-title">{t!(i18n, "editor-codes")}</h2>
            <p class="hint">{t!(i18n, "editor-codes-hint")}</p>
            {(!codes.is_empty()).then(|| view! {
                <ul class="codes">
                    {codes.into_iter().map(|c| view! {
                        <li><code>{c.code.to_string()}</code>" · "{match c.max_uses {
                            Some(max) => t!(i18n, "editor-code-used-of", uses = c.uses, max = max),
                            None => t!(i18n, "editor-code-used", uses = c.uses),
                        }}</li>
                    }).collect_view()}
                </ul>
            })}
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                <div class="field-row">
                    <TextField label=t!(i18n, "editor-code") name="code" required=false error hint=t!(i18n, "editor-code-hint")/>
                    <TextField label=t!(i18n, "editor-uses") name="max_uses" kind="number" required=false error hint=t!(i18n, "editor-uses-hint")/>
                </div>
                <button type="submit" class="button">{t!(i18n, "editor-add-code")}</button>
            </ActionForm>
        </section>
    }
}
