use crate::{i18n::use_i18n, t, time::Timestamp};
use leptos::prelude::*;

/// "2 d 03:04:05" / "03:04:05" / "04:05" until an instant.
fn remaining_text(millis: i64, days_label: impl Fn(i64) -> String) -> String {
    let total = (millis.max(0) + 999) / 1000;
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    match (days, hours) {
        (0, 0) => format!("{minutes:02}:{seconds:02}"),
        (0, _) => format!("{hours:02}:{minutes:02}:{seconds:02}"),
        _ => format!("{} {hours:02}:{minutes:02}:{seconds:02}", days_label(days)),
    }
}

/// Counts down to `until` on the server's clock (the phone's own clock may be wrong: the
/// offset is measured once at load) and calls `on_zero` once when it is reached.
#[component]
pub fn Countdown(
    until: Timestamp,
    server_now: Timestamp,
    on_zero: Callback<()>,
    /// What is counted down to, before the time left.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let (left, set_left) = signal(until.as_millis() - server_now.as_millis());
    #[cfg(feature = "hydrate")]
    {
        let offset = server_now.as_millis() - js_sys_now();
        let fired = std::cell::Cell::new(false);
        let tick = move || {
            let remaining = until.as_millis() - (js_sys_now() + offset);
            set_left.set(remaining);
            if remaining <= 0 && !fired.replace(true) {
                on_zero.run(());
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(250)) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_left, on_zero);
    view! {
        <p class="countdown" role="timer" aria-live="off">
            <span class="muted">{label}" "</span>
            <strong>{move || remaining_text(left.get(), |days| t!(i18n, "countdown-days", days = days))}</strong>
        </p>
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_now() -> i64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0, |p| (p.time_origin() + p.now()) as i64)
}

#[cfg(test)]
mod tests {
    use super::remaining_text;

    fn remaining_text_en(millis: i64) -> String {
        remaining_text(millis, |days| format!("{days} d"))
    }

    #[test]
    fn the_countdown_reads_naturally() {
        assert_eq!(remaining_text_en(5_000), "00:05");
        assert_eq!(
            remaining_text_en(4_001),
            "00:05",
            "a started second still counts"
        );
        assert_eq!(remaining_text_en(3_600_000), "01:00:00");
        assert_eq!(remaining_text_en(90_061_000), "1 d 01:01:01");
        assert_eq!(remaining_text_en(-10), "00:00");
    }
}
