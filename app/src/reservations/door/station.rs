//! The scanner's work in the browser: the device's id and store, scans checked on the device
//! and by the server, the offline queue synced every few seconds and when the network returns,
//! the camera loop, undo and no-shows.

use super::{
    api::{load_door, mark_slot_no_shows, scan_ticket, undo_door_check_in},
    camera, feedback,
    model::{DoorView, LocalScan, ScanOutcome, ScanState, check_at_door, typed_ticket},
    offline,
    state::{CameraState, Door, Frames, Shown},
};
use crate::{
    drops::model::SlotId, error::ErrorKind, reservations::model::ReservationId, t, time::Timestamp,
};
use leptos::{prelude::*, task::spawn_local};
use std::{cell::RefCell, time::Duration};
use web_sys::{IdbDatabase, MediaStream};

/// The service worker's cache (public/sw.js names the same).
const OFFLINE_CACHE: &str = "dropslot-door-v1";
/// How often a scanner syncs its queue and refreshes the slot's list.
const SYNC_EVERY: Duration = Duration::from_secs(3);
/// How often a camera frame is decoded.
const FRAME_EVERY: Duration = Duration::from_millis(120);
/// A code held in front of the camera is read once, then again only after this pause.
const SAME_CODE_PAUSE_MS: i64 = 3_000;

thread_local! {
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    static STREAM: RefCell<Option<MediaStream>> = const { RefCell::new(None) };
    static FRAME_LOOP: RefCell<Option<IntervalHandle>> = const { RefCell::new(None) };
    static LAST_CODE: RefCell<(String, i64)> = const { RefCell::new((String::new(), 0)) };
    static SYNCING: RefCell<bool> = const { RefCell::new(false) };
}

fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

fn database() -> Option<IdbDatabase> {
    DATABASE.with(|d| d.borrow().clone())
}

fn browser_online() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().on_line())
}

/// Registers the service worker that keeps the scanner's pages and code for offline use.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("/staff");
    let _ = window
        .navigator()
        .service_worker()
        .register_with_options("/sw.js", &options);
}

/// Keeps the page open now in the service worker's cache, so it opens offline next time even
/// if it was reached by a link inside the app (which the worker never saw).
async fn keep_page_offline() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(caches), Ok(path)) = (window.caches(), window.location().pathname()) else {
        return;
    };
    if let Ok(cache) = wasm_bindgen_futures::JsFuture::from(caches.open(OFFLINE_CACHE)).await {
        let cache: web_sys::Cache = wasm_bindgen::JsCast::unchecked_into(cache);
        let _ = wasm_bindgen_futures::JsFuture::from(cache.add_with_str(&path)).await;
    }
}

/// Opens the device's store, restores this drop's scans and the freshest door view, then
/// syncs every few seconds and whenever the browser comes back online.
pub fn start(door: Door) {
    spawn_local(async move {
        if let Ok(opened) = offline::open().await {
            DATABASE.with(|d| *d.borrow_mut() = Some(opened));
        }
        door.device.set(Some(device_id().await));
        if let Some(db) = database() {
            let drop = door.view.with_untracked(|v| v.drop_id);
            let scans: Vec<LocalScan> = offline::all(&db, offline::SCANS).await.unwrap_or_default();
            door.scans
                .set(scans.into_iter().filter(|s| s.drop_id == drop).collect());
            if let Ok(Some(cached)) =
                offline::get::<DoorView>(&db, offline::VIEWS, &drop.to_string()).await
                && cached.as_of > door.view.with_untracked(|v| v.as_of)
            {
                door.view.set(cached);
            }
            save_view(door).await;
        }
        door.online.set(browser_online());
        if browser_online() {
            keep_page_offline().await;
        }
        tick(door).await;
    });
    if let Ok(handle) = set_interval_with_handle(move || spawn_local(tick(door)), SYNC_EVERY) {
        on_cleanup(move || handle.clear());
    }
    let back = window_event_listener(leptos::ev::online, move |_| {
        door.online.set(true);
        spawn_local(tick(door));
    });
    let gone = window_event_listener(leptos::ev::offline, move |_| door.online.set(false));
    on_cleanup(move || {
        back.remove();
        gone.remove();
        stop_camera(door);
    });
}

/// The device's id, made once and kept in its store.
async fn device_id() -> String {
    let db = database();
    if let Some(db) = &db
        && let Ok(Some(id)) = offline::get::<String>(db, offline::META, "device").await
    {
        return id;
    }
    let id = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default();
    if let Some(db) = &db {
        let _ = offline::put(db, offline::META, "device", &id).await;
    }
    id
}

async fn save_view(door: Door) {
    if let Some(db) = database() {
        let view = door.view.get_untracked();
        let _ = offline::put(&db, offline::VIEWS, &view.drop_id.to_string(), &view).await;
    }
}

async fn save_scan(door: Door, scan: LocalScan) {
    if let Some(db) = database() {
        let _ = offline::put(&db, offline::SCANS, &scan.reservation_id.to_string(), &scan).await;
    }
    door.scans.update(|scans| {
        scans.retain(|s| s.reservation_id != scan.reservation_id);
        scans.push(scan);
    });
}

/// Syncs the queue, then refreshes the list; skipped while offline or already running.
async fn tick(door: Door) {
    if !browser_online() {
        door.online.set(false);
        return;
    }
    if SYNCING.with(|running| running.replace(true)) {
        return;
    }
    sync(door).await;
    refresh(door).await;
    SYNCING.with(|running| running.replace(false));
}

/// Tells the server about scans let in offline, oldest first, each with when it was scanned.
async fn sync(door: Door) {
    let (drop, device) = (
        door.view.with_untracked(|v| v.drop_id.to_string()),
        door.device.get_untracked().unwrap_or_default(),
    );
    let mut queued: Vec<LocalScan> = door.scans.with_untracked(|s| {
        s.iter()
            .filter(|s| s.state == ScanState::Queued)
            .cloned()
            .collect()
    });
    queued.sort_by_key(|s| s.scanned_at);
    for mut scan in queued {
        let answer = scan_ticket(
            drop.clone(),
            scan.ticket.clone(),
            device.clone(),
            scan.override_timing,
            Some(scan.scanned_at.as_millis()),
        )
        .await;
        match answer {
            Ok(ScanOutcome::Admitted { name, .. }) => {
                scan.state = ScanState::Synced;
                scan.note = name;
                door.shown.update(|shown| {
                    if let Some(shown) = shown.as_mut().filter(|s| s.ticket == scan.ticket) {
                        shown.queued = false;
                    }
                });
            }
            Ok(ScanOutcome::Refused { message } | ScanOutcome::OutsideWindow { message }) => {
                door.shown.update(|shown| {
                    if let Some(shown) = shown.as_mut().filter(|s| s.ticket == scan.ticket) {
                        shown.outcome = ScanOutcome::refused(t!(
                            door.i18n,
                            "door-scan-did-not-count",
                            reason = &message
                        ));
                        shown.queued = false;
                    }
                });
                scan.state = ScanState::Refused;
                scan.note = message;
            }
            Err(error) => {
                if error.kind == ErrorKind::Unreachable {
                    door.online.set(false);
                }
                return;
            }
        }
        save_scan(door, scan).await;
    }
}

/// Asks for the door view again (the chosen slot, this device's conflicts).
async fn refresh(door: Door) {
    let (drop, slot) = door
        .view
        .with_untracked(|v| (v.drop_id.to_string(), v.slot_id.map(|s| s.to_string())));
    match load_door(drop, slot, door.device.get_untracked()).await {
        Ok(view) => {
            door.online.set(true);
            door.view.set(view);
            save_view(door).await;
        }
        Err(error) if error.kind == ErrorKind::Unreachable => door.online.set(false),
        Err(_) => {}
    }
}

fn show(door: Door, outcome: ScanOutcome, ticket: String, queued: bool) {
    feedback::announce(&outcome);
    door.shown.set(Some(Shown {
        outcome,
        ticket,
        queued,
    }));
}

/// One scan: checked on the device first (a forged or foreign code never leaves it), then by
/// the server; without a network the device's answer stands and a let-in is queued.
pub fn scan(door: Door, typed: String, override_timing: bool) {
    if typed.trim().is_empty() {
        return;
    }
    let text = match door
        .view
        .with_untracked(|view| typed_ticket(view, &typed, door.i18n))
    {
        Ok(text) => text,
        Err(message) => return show(door, ScanOutcome::refused(message), String::new(), false),
    };
    feedback::unlock();
    spawn_local(async move {
        let view = door.view.get_untracked();
        let scans = door.scans.get_untracked();
        let (local, id) = check_at_door(
            &view,
            &text,
            now(),
            override_timing,
            |id| LocalScan::record(&scans, id),
            door.i18n,
        );
        if let Some(id) = id
            && browser_online()
        {
            let answer = scan_ticket(
                view.drop_id.to_string(),
                text.clone(),
                door.device.get_untracked().unwrap_or_default(),
                override_timing,
                None,
            )
            .await;
            match answer {
                Ok(outcome) => {
                    door.online.set(true);
                    if let ScanOutcome::Admitted { name, .. } = &outcome {
                        let record =
                            local_scan(&view, id, &text, override_timing, ScanState::Synced, name);
                        save_scan(door, record).await;
                    }
                    show(door, outcome, text, false);
                    refresh(door).await;
                    return;
                }
                Err(error) if error.kind != ErrorKind::Unreachable => {
                    show(door, ScanOutcome::refused(error.message), text, false);
                    return;
                }
                Err(_) => door.online.set(false),
            }
        }
        let queued = match (&local, id) {
            (ScanOutcome::Admitted { name, .. }, Some(id)) => {
                let record = local_scan(&view, id, &text, override_timing, ScanState::Queued, name);
                save_scan(door, record).await;
                true
            }
            _ => false,
        };
        show(door, local, text, queued);
    });
}

fn local_scan(
    view: &DoorView,
    id: ReservationId,
    ticket: &str,
    override_timing: bool,
    state: ScanState,
    note: &str,
) -> LocalScan {
    LocalScan {
        reservation_id: id,
        drop_id: view.drop_id,
        ticket: ticket.to_owned(),
        scanned_at: now(),
        override_timing,
        state,
        note: note.to_owned(),
    }
}

/// A code read by the camera: the same code again only after a pause, so a ticket held up to
/// the phone is not scanned over and over.
fn camera_read(door: Door, text: String) {
    let at = now().as_millis();
    let repeat = LAST_CODE.with(|last| {
        let mut last = last.borrow_mut();
        let repeat = last.0 == text && at - last.1 < SAME_CODE_PAUSE_MS;
        if !repeat {
            *last = (text.clone(), at);
        }
        repeat
    });
    if !repeat {
        scan(door, text, false);
    }
}

pub fn choose_slot(door: Door, slot: SlotId) {
    door.view.update(|v| v.slot_id = Some(slot));
    spawn_local(refresh(door));
}

pub fn undo(door: Door, reservation: ReservationId) {
    spawn_local(async move {
        match undo_door_check_in(reservation.to_string()).await {
            Ok(()) => {
                if let Some(db) = database() {
                    let _ = offline::delete(&db, offline::SCANS, &reservation.to_string()).await;
                }
                door.scans
                    .update(|s| s.retain(|s| s.reservation_id != reservation));
                refresh(door).await;
            }
            Err(error) => show(
                door,
                ScanOutcome::refused(error.message),
                String::new(),
                false,
            ),
        }
    });
}

pub fn mark_no_shows(door: Door, slot: SlotId) {
    spawn_local(async move {
        if let Err(error) = mark_slot_no_shows(slot.to_string()).await {
            show(
                door,
                ScanOutcome::refused(error.message),
                String::new(),
                false,
            );
        }
        refresh(door).await;
    });
}

pub fn start_camera(door: Door, frames: Frames) {
    let (Some(video), Some(canvas)) = (frames.video.get_untracked(), frames.canvas.get_untracked())
    else {
        return;
    };
    feedback::unlock();
    door.camera.set(CameraState::Starting);
    let facing = if door.facing_rear.get_untracked() {
        "environment"
    } else {
        "user"
    };
    spawn_local(async move {
        match camera::start(&video, facing).await {
            Ok(stream) => {
                let torch = camera::has_torch(&stream).then_some(false);
                STREAM.with(|s| *s.borrow_mut() = Some(stream));
                door.camera.set(CameraState::On { torch });
                let read = move || {
                    if let Some(text) = camera::read_code(&video, &canvas) {
                        camera_read(door, text);
                    }
                };
                if let Ok(handle) = set_interval_with_handle(read, FRAME_EVERY) {
                    FRAME_LOOP.with(|l| *l.borrow_mut() = Some(handle));
                }
            }
            Err(_) => door
                .camera
                .set(CameraState::Failed(t!(door.i18n, "door-camera-failed"))),
        }
    });
}

pub fn stop_camera(door: Door) {
    if let Some(handle) = FRAME_LOOP.with(|l| l.borrow_mut().take()) {
        handle.clear();
    }
    if let Some(stream) = STREAM.with(|s| s.borrow_mut().take()) {
        camera::stop(&stream);
    }
    door.camera.set(CameraState::Off);
}

pub fn switch_camera(door: Door, frames: Frames) {
    stop_camera(door);
    door.facing_rear.update(|rear| *rear = !*rear);
    start_camera(door, frames);
}

pub fn toggle_torch(door: Door) {
    let CameraState::On { torch: Some(lit) } = door.camera.get_untracked() else {
        return;
    };
    let Some(stream) = STREAM.with(|s| s.borrow().clone()) else {
        return;
    };
    spawn_local(async move {
        if camera::set_torch(&stream, !lit).await.is_ok() {
            door.camera.set(CameraState::On { torch: Some(!lit) });
        }
    });
}
