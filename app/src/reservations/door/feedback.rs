//! A distinct sound and vibration for each outcome, so staff need not look at the screen.

use super::model::ScanOutcome;
use std::cell::RefCell;
use web_sys::{AudioContext, OscillatorType};

thread_local! {
    static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

/// Creates the audio context; browsers allow sound only after a tap, so this runs on one.
pub fn unlock() {
    AUDIO.with(|audio| {
        if audio.borrow().is_none() {
            *audio.borrow_mut() = AudioContext::new().ok();
        }
    });
}

/// Green: two rising beeps. Amber: one middle tone. Red: a low buzz, long vibration.
pub fn announce(outcome: &ScanOutcome) {
    let (tones, shape, vibration): (&[(f32, f64)], _, &[u32]) = match outcome {
        ScanOutcome::Admitted { .. } => {
            (&[(880.0, 0.0), (1320.0, 0.12)], OscillatorType::Sine, &[60])
        }
        ScanOutcome::OutsideWindow { .. } => {
            (&[(660.0, 0.0)], OscillatorType::Triangle, &[120, 80, 120])
        }
        ScanOutcome::Refused { .. } => (&[(220.0, 0.0)], OscillatorType::Square, &[300, 100, 300]),
    };
    AUDIO.with(|audio| {
        if let Some(audio) = audio.borrow().as_ref() {
            for (frequency, delay) in tones {
                beep(audio, *frequency, *delay, shape);
            }
        }
    });
    if let Some(window) = web_sys::window() {
        let pattern: js_sys::Array = vibration
            .iter()
            .map(|ms| wasm_bindgen::JsValue::from(*ms))
            .collect();
        let _ = window.navigator().vibrate_with_pattern(&pattern);
    }
}

fn beep(audio: &AudioContext, frequency: f32, delay: f64, shape: OscillatorType) {
    let (Ok(oscillator), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
        return;
    };
    oscillator.set_type(shape);
    oscillator.frequency().set_value(frequency);
    gain.gain().set_value(0.15);
    let start = audio.current_time() + delay;
    let _ = oscillator
        .connect_with_audio_node(&gain)
        .and_then(|_| gain.connect_with_audio_node(&audio.destination()));
    let _ = oscillator.start_with_when(start);
    let _ = oscillator.stop_with_when(start + 0.1);
}
