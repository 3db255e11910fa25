//! The phone's camera in the browser: a stream into the page's video element, frames read into
//! a canvas and decoded in WASM (quircs), the rear camera by default, the torch where the camera
//! has one.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

/// Frames are scaled down to this many pixels on their longer side before decoding: a ticket
/// held up to the phone is large in the frame, and smaller frames decode faster.
const DECODE_SIDE: u32 = 640;

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

/// Starts the camera facing `facing` ("environment" is the rear one) into `video`.
pub async fn start(video: &HtmlVideoElement, facing: &str) -> Result<MediaStream, JsValue> {
    let devices = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .media_devices()?;
    let wanted = Object::new();
    set(&wanted, "facingMode", &JsValue::from_str(facing))?;
    let ideal_width = Object::new();
    set(&ideal_width, "ideal", &JsValue::from(1280))?;
    set(&wanted, "width", &ideal_width)?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&wanted);
    constraints.set_audio(&JsValue::FALSE);
    let stream: MediaStream = wasm_bindgen_futures::JsFuture::from(
        devices.get_user_media_with_constraints(&constraints)?,
    )
    .await?
    .unchecked_into();
    video.set_src_object(Some(&stream));
    let _ = video.play()?;
    Ok(stream)
}

fn video_track(stream: &MediaStream) -> Option<MediaStreamTrack> {
    stream
        .get_video_tracks()
        .get(0)
        .dyn_into::<MediaStreamTrack>()
        .ok()
}

pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Whether the camera has a torch (the capability is not in every browser's typings).
pub fn has_torch(stream: &MediaStream) -> bool {
    let Some(track) = video_track(stream) else {
        return false;
    };
    Reflect::get(&track, &JsValue::from_str("getCapabilities"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&track).ok())
        .and_then(|caps| Reflect::get(&caps, &JsValue::from_str("torch")).ok())
        .is_some_and(|torch| torch.is_truthy())
}

pub async fn set_torch(stream: &MediaStream, on: bool) -> Result<(), JsValue> {
    let track = video_track(stream).ok_or("no camera")?;
    let setting = Object::new();
    set(&setting, "torch", &JsValue::from_bool(on))?;
    let constraints = Object::new();
    set(&constraints, "advanced", &Array::of1(&setting))?;
    let apply: Function =
        Reflect::get(&track, &JsValue::from_str("applyConstraints"))?.dyn_into()?;
    let promise: js_sys::Promise = apply.call1(&track, &constraints)?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// Reads the video's current frame and answers the text of a QR code in it, if any.
pub fn read_code(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<String> {
    let (width, height) = (video.video_width(), video.video_height());
    if width == 0 || height == 0 {
        return None;
    }
    let scale = f64::from(DECODE_SIDE) / f64::from(width.max(height));
    let scale = scale.min(1.0);
    let (w, h) = (
        (f64::from(width) * scale) as u32,
        (f64::from(height) * scale) as u32,
    );
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(
            video,
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        )
        .ok()?;
    let pixels = context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?
        .data();
    let luma: Vec<u8> = pixels
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    super::qr_read::read_qr(w as usize, h as usize, &luma)
}
