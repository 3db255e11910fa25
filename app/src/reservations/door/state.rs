//! What the door page shows, as signals: rendered by the pages, changed by the browser-side
//! work (`station`), so neither needs the other's insides.

use super::model::{DoorView, LocalScan, ScanOutcome};
use leptos::{html, prelude::*};

/// The camera's video element and the canvas its frames are read through.
#[derive(Clone, Copy)]
pub(super) struct Frames {
    pub video: NodeRef<html::Video>,
    pub canvas: NodeRef<html::Canvas>,
}

/// The camera as the page shows it (changed only by the browser-side work).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CameraState {
    Off,
    Starting,
    On { torch: Option<bool> },
    Failed(String),
}

/// The last scan's answer on screen, with its ticket (for "let in anyway").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shown {
    pub outcome: ScanOutcome,
    pub ticket: String,
    /// Let in on this device while offline: the server hears of it when the network is back.
    pub queued: bool,
}

/// Everything the door page shows, as signals the browser-side work updates.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy)]
pub(super) struct Door {
    pub view: RwSignal<DoorView>,
    pub scans: RwSignal<Vec<LocalScan>>,
    pub online: RwSignal<bool>,
    pub shown: RwSignal<Option<Shown>>,
    pub device: RwSignal<Option<String>>,
    pub camera: RwSignal<CameraState>,
    pub facing_rear: RwSignal<bool>,
    pub i18n: crate::i18n::I18n,
}
