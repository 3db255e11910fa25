//! The staff's scanner: /staff lists the drops at the doors they work; /staff/drops/:id is the
//! scanner with its result screen, manual entry, conflicts and the slot's list.

use super::{
    api::{StaffDrop, load_door, staff_drops},
    model::{Attendee, DoorView, LocalScan, ScanOutcome, ScanState, clock_label},
    state::{CameraState, Door, Frames, Shown},
    station,
};
use crate::{
    case::lowercase,
    drops::{
        model::{DropStatus, SlotId},
        pages::status_label,
    },
    error::ErrorKind,
    i18n::use_i18n,
    reservations::rules::ReservationStatus,
    t,
    ui::{
        ErrorPage, Loading, PageTitle, SignInRequired, count_hydrated_island, prop_reader,
        route_param,
    },
};
use leptos::{
    either::{Either, EitherOf3},
    html,
    prelude::*,
};

/// The scanner's install manifest and its service worker, which keeps the pages for offline use.
#[component]
fn ScannerApp() -> impl IntoView {
    view! {
        <leptos_meta::Link rel="manifest" href="/staff.webmanifest"/>
        <ServiceWorker/>
    }
}

#[island(lazy)]
fn ServiceWorker() -> impl IntoView {
    count_hydrated_island();
    Effect::new(|_| station::register_service_worker());
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let drops = Resource::new(|| (), |_| staff_drops());
    let i18n = use_i18n();
    view! {
        <PageTitle text=t!(i18n, "door-title")/>
        <ScannerApp/>
        <h1>{t!(i18n, "door-title")}</h1>
        <p class="lead">{t!(i18n, "door-lead")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match drops.await {
                    Ok(drops) => EitherOf3::A(view! { <StaffDrops drops/> }),
                    Err(error) if error.kind == ErrorKind::Unauthenticated => EitherOf3::B(view! { <SignInRequired next="/staff"/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffDrops(drops: Vec<StaffDrop>) -> impl IntoView {
    let i18n = use_i18n();
    if drops.is_empty() {
        return Either::Left(view! { <p class="empty">{t!(i18n, "door-no-drops")}</p> });
    }
    Either::Right(view! {
        <ul class="card-grid staff-drops">
            {drops.into_iter().map(|d| view! {
                <li class="card">
                    <a class="card-link" href=format!("/staff/drops/{}", d.drop_id)>{d.drop_name}</a>
                    <p class="muted">{d.store_name}</p>
                    <span class=format!("badge status status-{}", d.status)>{
                        DropStatus::parse(&d.status).map(|s| status_label(i18n, s))
                    }</span>
                </li>
            }).collect_view()}
        </ul>
    })
}

#[component]
pub fn DoorPage() -> impl IntoView {
    let id = route_param("id");
    view! {
        <ScannerApp/>
        <DoorIsland id/>
    }
}

#[island(lazy)]
fn DoorIsland(id: String) -> impl IntoView {
    count_hydrated_island();
    let id = prop_reader(id);
    let door = Resource::new(id, |id| load_door(id, None, None));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match door.await {
                    Ok(view) => EitherOf3::A(view! { <DoorStation view/> }),
                    Err(error) if error.kind == ErrorKind::Unauthenticated => EitherOf3::B(view! { <SignInRequired next=format!("/staff/drops/{}", id())/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DoorStation(view: DoorView) -> impl IntoView {
    let i18n = use_i18n();
    let title = t!(i18n, "door-page-title", drop = &view.drop_name);
    let door = Door {
        view: RwSignal::new(view),
        scans: RwSignal::new(Vec::new()),
        online: RwSignal::new(true),
        shown: RwSignal::new(None),
        device: RwSignal::new(None),
        camera: RwSignal::new(CameraState::Off),
        facing_rear: RwSignal::new(true),
        i18n,
    };
    station::start(door);
    view! {
        <PageTitle text=title/>
        <section class="door" aria-labelledby="door-title">
            <nav aria-label=t!(i18n, "breadcrumb") class="breadcrumbs"><a href="/staff">{t!(i18n, "door-title")}</a></nav>
            <header class="door-bar">
                <h1 id="door-title">{move || door.view.with(|v| v.drop_name.clone())}</h1>
                <Connection door/>
            </header>
            <Scanner door/>
            <ScanResult door/>
            <ManualEntry door/>
            <Conflicts door/>
            <DoorList door/>
        </section>
    }
}

/// Online or offline, and how many scans wait on this phone.
#[component]
fn Connection(door: Door) -> impl IntoView {
    let queued = move || {
        door.scans
            .with(|s| s.iter().filter(|s| s.state == ScanState::Queued).count())
    };
    let i18n = use_i18n();
    view! {
        <p class="connection" role="status" data-online=move || door.online.get().to_string()>
            <span class="connection-dot" aria-hidden="true"></span>
            {move || if door.online.get() { t!(i18n, "door-online") } else { t!(i18n, "door-offline") }}
            <span class="queue-length">
                {move || match queued() {
                    0 => String::new(),
                    n => format!(" · {}", t!(i18n, "door-queued", count = n)),
                }}
            </span>
        </p>
    }
}

#[component]
fn Scanner(door: Door) -> impl IntoView {
    let frames = Frames {
        video: NodeRef::new(),
        canvas: NodeRef::new(),
    };
    let Frames { video, canvas } = frames;
    let on = move || {
        matches!(
            door.camera.get(),
            CameraState::On { .. } | CameraState::Starting
        )
    };
    let i18n = use_i18n();
    view! {
        <div class="scanner" data-camera=move || on().to_string()>
            <video node_ref=video class="scanner-video" playsinline="" muted="" aria-label=t!(i18n, "door-camera-view")></video>
            <canvas node_ref=canvas hidden=""></canvas>
            <div class="scanner-controls">
                <Show
                    when=on
                    fallback=move || view! { <button type="button" class="button primary" on:click=move |_| station::start_camera(door, frames)>{t!(i18n, "door-start-scanning")}</button> }
                >
                    <button type="button" class="button" on:click=move |_| station::stop_camera(door)>{t!(i18n, "door-stop-camera")}</button>
                    <button type="button" class="button" on:click=move |_| station::switch_camera(door, frames)>{t!(i18n, "door-switch-camera")}</button>
                    {move || match door.camera.get() {
                        CameraState::On { torch: Some(lit) } => Some(view! {
                            <button type="button" class="button" aria-pressed=lit.to_string() on:click=move |_| station::toggle_torch(door)>{t!(i18n, "door-torch")}</button>
                        }),
                        _ => None,
                    }}
                </Show>
            </div>
            {move || match door.camera.get() {
                CameraState::Failed(reason) => Some(view! { <p class="form-alert" role="alert">{reason}</p> }),
                _ => None,
            }}
        </div>
    }
}

/// Green, amber or red; announced to screen readers; stays until the next scan.
#[component]
fn ScanResult(door: Door) -> impl IntoView {
    view! {
        <div class="scan-result" role="status" aria-live="assertive" aria-atomic="true"
            data-outcome=move || door.shown.with(|s| match s.as_ref().map(|s| &s.outcome) {
                Some(ScanOutcome::Admitted { .. }) => "green",
                Some(ScanOutcome::OutsideWindow { .. }) => "amber",
                Some(ScanOutcome::Refused { .. }) => "red",
                None => "none",
            })>
            {move || door.shown.get().map(|shown| view! { <ResultCard door shown/> })}
        </div>
    }
}

#[component]
fn ResultCard(door: Door, shown: Shown) -> impl IntoView {
    let Shown {
        outcome,
        ticket,
        queued,
    } = shown;
    let i18n = use_i18n();
    match outcome {
        ScanOutcome::Admitted {
            name,
            slot_label,
            units,
            ..
        } => EitherOf3::A(view! {
            <p class="scan-verdict">{t!(i18n, "door-checked-in")}</p>
            <p class="scan-name">{if name.is_empty() { t!(i18n, "door-valid-ticket") } else { name }}</p>
            <p>{slot_label}{units.map(|u| format!(" · {}", t!(i18n, "places", count = u)))}</p>
            {queued.then(|| view! { <p class="scan-queued">{t!(i18n, "door-saved-on-phone")}</p> })}
        }),
        ScanOutcome::OutsideWindow { message } => EitherOf3::B(view! {
            <p class="scan-verdict">{t!(i18n, "door-not-their-slot")}</p>
            <p>{message}</p>
            <button type="button" class="button primary" on:click=move |_| station::scan(door, ticket.clone(), true)>{t!(i18n, "door-let-in-anyway")}</button>
        }),
        ScanOutcome::Refused { message } => EitherOf3::C(view! {
            <p class="scan-verdict">{t!(i18n, "door-not-let-in")}</p>
            <p>{message}</p>
        }),
    }
}

#[component]
fn ManualEntry(door: Door) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(input) = input.get() {
            station::scan(door, input.value(), false);
            input.set_value("");
        }
    };
    let i18n = use_i18n();
    view! {
        <form class="form manual-entry" on:submit=submit>
            <div class="field">
                <label for="ticket-code">{t!(i18n, "reservation-booking-code")}</label>
                <input id="ticket-code" name="ticket" node_ref=input autocomplete="off" spellcheck="false"
                    autocapitalize="characters" aria-describedby="ticket-code-hint" placeholder="A1B2-C3D4"/>
                <p class="hint" id="ticket-code-hint">{t!(i18n, "door-code-hint")}</p>
            </div>
            <button type="submit" class="button primary">{t!(i18n, "door-check-in")}</button>
        </form>
    }
}

/// Scans from this phone that did not count: checked in elsewhere first, or refused on sync.
#[component]
fn Conflicts(door: Door) -> impl IntoView {
    let i18n = use_i18n();
    let items = move || {
        let offset = door.view.with(|v| v.utc_offset_minutes);
        let mut items: Vec<String> = door.view.with(|v| {
            v.conflicts
                .iter()
                .map(|c| {
                    t!(
                        i18n,
                        "door-conflict",
                        name = &c.name,
                        scanned = clock_label(c.scanned_at, offset),
                        winner = &c.winner,
                    )
                })
                .collect()
        });
        door.scans.with(|scans| {
            items.extend(
                scans
                    .iter()
                    .filter(|s| s.state == ScanState::Refused)
                    .map(|s| {
                        t!(
                            i18n,
                            "door-scan-refused",
                            scanned = clock_label(s.scanned_at, offset),
                            reason = &s.note
                        )
                    }),
            )
        });
        items
    };
    view! {
        <Show when=move || !items().is_empty()>
            <section class="door-conflicts" aria-labelledby="conflicts-title">
                <h2 id="conflicts-title">{t!(i18n, "door-conflicts")}</h2>
                <ul>{move || items().into_iter().map(|text| view! { <li class="door-conflict">{text}</li> }).collect_view()}</ul>
            </section>
        </Show>
    }
}

#[component]
fn DoorList(door: Door) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let i18n = use_i18n();
    let slot = move || {
        door.view.with(|v| {
            v.slot_id
                .and_then(|id| v.slots.iter().find(|s| s.id == id).cloned())
        })
    };
    let attendees = move || {
        let query = lowercase(&query.get());
        door.view.with(|v| {
            v.attendees
                .iter()
                .filter(|a| {
                    query.is_empty()
                        || lowercase(&a.name).contains(&query)
                        || lowercase(&a.email).contains(&query)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let on_slot = move |event: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&event).parse::<SlotId>() {
            station::choose_slot(door, id);
        }
    };
    view! {
        <section class="door-list" aria-labelledby="list-title">
            <h2 id="list-title">{t!(i18n, "door-who-is-coming")}</h2>
            <div class="field">
                <label for="door-slot">{t!(i18n, "door-slot")}</label>
                <select id="door-slot" on:change=on_slot>
                    {move || door.view.with(|v| v.slots.iter().map(|s| view! {
                        <option value=s.id.to_string() selected=v.slot_id == Some(s.id)>{s.label(i18n.0)}</option>
                    }).collect_view())}
                </select>
            </div>
            {move || slot().map(|s| view! {
                <p class="door-counts"><strong>{s.checked_in}</strong>" "{t!(i18n, "door-counts", expected = s.expected)}</p>
            })}
            <div class="field">
                <label for="door-search">{t!(i18n, "door-find")}</label>
                <input id="door-search" type="search" autocomplete="off" on:input=move |e| set_query.set(event_target_value(&e))/>
            </div>
            <ul class="attendees">
                {move || attendees().into_iter().map(|a| view! { <AttendeeRow door attendee=a/> }).collect_view()}
            </ul>
            {move || slot().filter(|s| door.view.with(|v| v.as_of > s.ends_at)).map(|s| view! {
                <button type="button" class="button" on:click=move |_| station::mark_no_shows(door, s.id)>
                    {t!(i18n, "door-mark-no-shows")}
                </button>
            })}
        </section>
    }
}

#[component]
fn AttendeeRow(door: Door, attendee: Attendee) -> impl IntoView {
    let Attendee {
        reservation_id,
        name,
        email,
        units,
        status,
        checked_in_at,
        ticket,
    } = attendee;
    let queued_here = move || {
        door.scans.with(|s| {
            LocalScan::record(s, reservation_id)
                .admitted_here_at
                .is_some()
        })
    };
    let (undo_minutes, as_of, offset) = door
        .view
        .with_untracked(|v| (v.undo_minutes, v.as_of, v.utc_offset_minutes));
    let undoable = checked_in_at
        .is_some_and(|at| as_of.as_millis() - at.as_millis() < i64::from(undo_minutes) * 60_000);
    let i18n = use_i18n();
    let label = match (status, checked_in_at) {
        (ReservationStatus::CheckedIn, Some(at)) => {
            t!(i18n, "door-checked-in-at", at = clock_label(at, offset))
        }
        (ReservationStatus::NoShow, _) => t!(i18n, "reservation-no-show"),
        (ReservationStatus::Cancelled, _) => t!(i18n, "reservation-cancelled"),
        (ReservationStatus::Expired, _) => t!(i18n, "reservation-expired"),
        (ReservationStatus::Held, _) => t!(i18n, "door-held"),
        (_, _) => t!(i18n, "reservation-confirmed"),
    };
    let action = move || match status {
        ReservationStatus::Confirmed if queued_here() => EitherOf3::A(
            view! { <span class="badge">{t!(i18n, "door-checked-in-here")}</span> }.into_any(),
        ),
        ReservationStatus::Confirmed => {
            let ticket = ticket.clone();
            EitherOf3::B(
                view! { <button type="button" class="button" on:click=move |_| station::scan(door, ticket.clone(), false)>{t!(i18n, "door-check-in")}</button> },
            )
        }
        _ => EitherOf3::C(view! {
            <span class="badge">{label.clone()}</span>
            {undoable.then(|| view! {
                <button type="button" class="button small" on:click=move |_| station::undo(door, reservation_id)>{t!(i18n, "door-undo")}</button>
            })}
        }),
    };
    view! {
        <li class="attendee" data-status=status.as_str()>
            <div>
                <strong>{name}</strong>
                <span class="muted small">{format!(" {email} · {}", t!(i18n, "places", count = units))}</span>
            </div>
            <div class="attendee-actions">{action}</div>
        </li>
    }
}
