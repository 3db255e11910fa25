use super::card::StatusBadge;
use crate::{
    drops::{
        api::{
            AddAccessCode, DropCommand as DropCommandAction, DropEditorData, RemoveSlot, SaveDrop,
            ScheduleOutcome, ScheduleSlots, SetSlotCapacity, drop_editor,
        },
        model::{DropId, DropStatus, RulesInput},
        rules::{DropCommand, slots_editable, transition},
    },
    ui::{Crumb, ErrorPage, FormAlert, OwnerFrame, OwnerSection, TextField},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The owner's one place to build a drop: details, products and rules; slots from a schedule
/// (previewed before they are added); access codes; and the lifecycle buttons.
#[component]
pub fn DropEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
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
        <Title text=format!("Edit {}", drop.name)/>
        <OwnerFrame slug=store.slug.to_string() store_name=store.name.to_string() section=OwnerSection::Drops crumbs=vec![Crumb { label: drop.name.to_string(), href: None }]>
        <h1>{drop.name.to_string()} " " <StatusBadge status/></h1>
        <p class="actions">
            <a href=format!("/d/{drop_id}")>"Shopper page"</a> " · "
            <a href=format!("/owner/drops/{drop_id}/live")>"Live view"</a>
        </p>
        <Lifecycle drop_id status action=actions.command/>

        <section class="card form-card wide" aria-labelledby="details-title">
            <h2 id="details-title">"Details, products and rules"</h2>
            <ActionForm action=actions.save attr:class="form">
                <FormAlert error=save_error/>
                {move || saved().then(|| view! { <p class="notice" role="status">"Saved."</p> })}
                <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                <fieldset disabled=!editable>
                    <TextField label="Drop name" name="name" error=save_error value=drop.name.to_string()/>
                    <div class="field">
                        <label for="field-description">"Description"</label>
                        <textarea id="field-description" name="description" rows="3">{drop.description.clone()}</textarea>
                    </div>
                    <div class="field-row">
                        <TextField label="Opens at" name="opens_at" kind="datetime-local" step="1" error=save_error value=opens_local required=false hint="Date and time, to the second"/>
                        <TextField label="Closes at" name="closes_at" kind="datetime-local" step="1" error=save_error value=closes_local required=false/>
                    </div>
                    <TextField label="Time zone of these times" name="time_zone" error=save_error value=drop.time_zone.to_string() hint="Such as Asia/Bangkok"/>
                    <fieldset class="choices">
                        <legend>"Products in this drop"</legend>
                        {if products.is_empty() {
                            Either::Left(view! { <p class="empty"><a href=format!("/owner/stores/{}/products", store.slug)>"Add products to the catalogue first."</a></p> })
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
                        <crate::ui::FieldMessage id="products-error" field="products" error=save_error/>
                    </fieldset>
                    <div class="field-row">
                        <TextField label="Bookings per person" name="reservations_per_person" kind="number" error=save_error value=rules.reservations_per_person/>
                        <TextField label="Places per booking" name="units_per_reservation" kind="number" error=save_error value=rules.units_per_reservation/>
                    </div>
                    <div class="field-row">
                        <TextField label="Hold time (minutes)" name="hold_minutes" kind="number" error=save_error value=rules.hold_minutes/>
                        <TextField label="Deposit" name="deposit" required=false error=save_error value=rules.deposit hint="Empty for none"/>
                    </div>
                    <div class="field-row">
                        <TextField label="Booking cutoff (minutes before a slot)" name="booking_cutoff_minutes" kind="number" error=save_error value=rules.booking_cutoff_minutes/>
                        <TextField label="Cancellation window (minutes before a slot)" name="cancellation_window_minutes" kind="number" error=save_error value=rules.cancellation_window_minutes/>
                    </div>
                    <label class="choice">
                        <input type="checkbox" name="access_codes_required" value="on" checked=rules.access_codes_required/>
                        "Early access: shoppers need an access code"
                    </label>
                    <button type="submit" class="button primary">"Save the drop"</button>
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
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let buttons = [
        (DropCommand::Publish, "publish", "Publish", "button primary"),
        (
            DropCommand::Unpublish,
            "unpublish",
            "Back to draft",
            "button",
        ),
        (DropCommand::Close, "close", "Close now", "button"),
        (DropCommand::Archive, "archive", "Archive", "button"),
        (
            DropCommand::Cancel,
            "cancel",
            "Cancel the drop",
            "button danger",
        ),
    ];
    view! {
        <section class="lifecycle" aria-label="Publish and close">
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
    branches: Vec<crate::branches::model::Branch>,
    slots: Vec<crate::drops::model::SlotView>,
    actions: EditorActions,
) -> impl IntoView {
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
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    view! {
        <section class="card form-card wide" aria-labelledby="slots-title">
            <h2 id="slots-title">{format!("Slots ({})", slots.len())}</h2>
            <FormAlert error=capacity_error/>
            {if slots.is_empty() {
                Either::Left(view! { <p class="empty">"No slots yet: add them from a schedule below."</p> })
            } else {
                Either::Right(view! {
                    <div class="table-wrap">
                        <table class="table slots-table">
                            <thead><tr>
                                <th scope="col">"Branch"</th><th scope="col">"When"</th>
                                <th scope="col">"Taken"</th><th scope="col">"Capacity"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th>
                            </tr></thead>
                            <tbody>
                                {slots.into_iter().map(|s| {
                                    let slot_id = s.slot.id;
                                    let label = format!("{} {}–{}", s.local_day, s.local_start, s.local_end);
                                    let remove_label = format!("Remove {label}");
                                    let capacity_label = format!("Capacity of {label}");
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
                                                    <button type="submit" class="button small">"Set"</button>
                                                </ActionForm>
                                            </td>
                                            <td>
                                                {can_add.then(move || view! {
                                                    <ActionForm action=actions.remove attr:class="inline-form">
                                                        <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                                                        <input type="hidden" name="slot_id" value=slot_id.to_string()/>
                                                        <button type="submit" class="button small" aria-label=remove_label>"Remove"</button>
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
                <h3>"Add slots from a schedule"</h3>
                <p class="hint">"Times are on the branch's clock. For a single slot, choose one day and a window one slot long."</p>
                <ActionForm action=actions.schedule attr:class="form">
                    <FormAlert error/>
                    <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                    <div class="field">
                        <label for="field-branch_id">"Branch"</label>
                        <select id="field-branch_id" name="branch_id" required>
                            {branches.into_iter().map(|b| view! { <option value=b.id.to_string()>{format!("{} ({})", b.name, b.time_zone)}</option> }).collect_view()}
                        </select>
                        <crate::ui::FieldMessage id="field-branch_id-error" field="branch_id" error/>
                    </div>
                    <div class="field-row">
                        <TextField label="First day" name="first_day" kind="date" error/>
                        <TextField label="Last day" name="last_day" kind="date" error/>
                    </div>
                    <div class="field-row">
                        <TextField label="Daily from" name="daily_from" kind="time" error value="10:00"/>
                        <TextField label="Daily until" name="daily_until" kind="time" error value="18:00"/>
                    </div>
                    <div class="field-row">
                        <TextField label="Slot length (minutes)" name="slot_minutes" kind="number" error value="30"/>
                        <TextField label="Places per slot" name="capacity" kind="number" error value="20"/>
                    </div>
                    <fieldset class="choices">
                        <legend>"Days of the week (none ticked: every day)"</legend>
                        {weekdays.into_iter().enumerate().map(|(i, day)| view! {
                            <label class="choice"><input type="checkbox" name=format!("weekdays[{i}]") value=i.to_string()/>{day}</label>
                        }).collect_view()}
                    </fieldset>
                    <crate::ui::FieldMessage id="schedule-error" field="schedule" error/>
                    <div class="actions">
                        <button type="submit" name="preview" value="1" class="button">"Preview"</button>
                        <button type="submit" class="button primary">"Add these slots"</button>
                    </div>
                </ActionForm>
                {move || outcome().map(|o| match o {
                    ScheduleOutcome::Added(n) => Either::Left(view! { <p class="notice" role="status">{format!("Added {n} slots.")}</p> }),
                    ScheduleOutcome::Preview(preview) => Either::Right(view! {
                        <div class="preview" role="status">
                            <p><strong>{format!("This schedule makes {} slots", preview.len())}</strong>{(preview.len() > 12).then_some(", the first 12:")}</p>
                            <ul>
                                {preview.into_iter().take(12).map(|s| view! { <li>{format!("{} · {} {}–{}", s.branch_name, s.local_day, s.local_start, s.local_end)}</li> }).collect_view()}
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
    codes: Vec<crate::drops::model::AccessCodeUse>,
    action: ServerAction<AddAccessCode>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="card form-card" aria-labelledby="codes-title">
            <h2 id="codes-title">"Access codes"</h2>
            <p class="hint">"For early access: shoppers enter a code when they book. Codes work only when the drop requires them."</p>
            {(!codes.is_empty()).then(|| view! {
                <ul class="codes">
                    {codes.into_iter().map(|c| view! {
                        <li><code>{c.code.to_string()}</code>{format!(" · used {}{}", c.uses, c.max_uses.map(|m| format!(" of {m}")).unwrap_or_default())}</li>
                    }).collect_view()}
                </ul>
            })}
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="drop_id" value=drop_id.to_string()/>
                <div class="field-row">
                    <TextField label="Code" name="code" error hint="4 to 32 letters, digits or dashes"/>
                    <TextField label="Uses" name="max_uses" kind="number" required=false error hint="Empty for unlimited; 1 for single use"/>
                </div>
                <button type="submit" class="button">"Add the code"</button>
            </ActionForm>
        </section>
    }
}
