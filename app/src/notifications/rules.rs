//! The pure rules of notifying: which message an event makes, when a reminder is due, how long
//! a failed delivery waits, and when a provider is left alone for a while.

use super::model::MessageKind;
use crate::{
    events::{DomainEvent, ReservationFacts},
    time::Timestamp,
};

/// Attempts before a message is given up on (a dead letter): with `retry_delay_ms` about eight
/// hours of retries, longer than a mail provider's outage usually lasts.
pub const MAX_ATTEMPTS: u32 = 10;

/// The first wait after a failure, by default (configurable: tests wait less).
pub const FIRST_RETRY_MS: i64 = 30_000;

/// How long a message waits after its `attempt`-th failure (1-based): `first_ms` doubling up to
/// an hour, then drawn within its upper half by `jitter` (0..1), so messages that failed
/// together do not all come back together.
pub fn retry_delay_ms(attempt: u32, first_ms: i64, jitter: f64) -> i64 {
    const LONGEST_MS: i64 = 3_600_000;
    let doubled = first_ms.saturating_mul(1_i64 << attempt.saturating_sub(1).min(20));
    let ceiling = doubled.min(LONGEST_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    ceiling / 2 + (ceiling as f64 / 2.0 * jitter) as i64
}

/// The message a reservation event tells its person, if any.
pub fn reservation_message(event: &DomainEvent) -> Option<(MessageKind, &ReservationFacts)> {
    match event {
        DomainEvent::ReservationConfirmed(facts) => Some((MessageKind::Confirmed, facts)),
        DomainEvent::ReservationHeld(facts) => Some((MessageKind::Held, facts)),
        DomainEvent::ReservationCancelled(facts) => Some((MessageKind::Cancelled, facts)),
        DomainEvent::ReservationExpired(facts) => Some((MessageKind::HoldExpired, facts)),
        _ => None,
    }
}

/// The reservation an event takes out of waiting for its slot (its reminders no longer apply).
pub fn ends_waiting_for_slot(event: &DomainEvent) -> Option<&ReservationFacts> {
    match event {
        DomainEvent::ReservationCancelled(facts)
        | DomainEvent::ReservationExpired(facts)
        | DomainEvent::NoShow(facts)
        | DomainEvent::CheckedIn {
            reservation: facts, ..
        } => Some(facts),
        _ => None,
    }
}

/// GSM-7's basic characters, one septet each in a text.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
    ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// GSM-7's extension characters, two septets each (an escape, then the character).
const GSM7_EXTENSION: &str = "^{}\\[~]|€\u{0c}";

/// How a text travels: in GSM-7 (160 septets alone, 153 a part) or, with any other character
/// such as Thai, in UCS-2 (70 UTF-16 units alone, 67 a part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    pub unicode: bool,
    pub segments: usize,
}

pub fn sms_length(text: &str) -> SmsLength {
    let septets: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (unicode, units, alone, part) = match septets {
        Some(septets) => (false, septets, 160, 153),
        None => (true, text.encode_utf16().count(), 70, 67),
    };
    let segments = if units <= alone {
        1
    } else {
        units.div_ceil(part)
    };
    SmsLength { unicode, segments }
}

/// The most parts a text of DropSlot's may take.
pub const MAX_SMS_SEGMENTS: usize = 2;

/// The text `write` makes of `name` (a drop's name, say), with the name shortened (ending in
/// "…") until the text fits in `MAX_SMS_SEGMENTS`.
pub fn fit_sms(name: &str, write: impl Fn(&str) -> String) -> String {
    let mut kept: Vec<char> = name.chars().collect();
    let mut text = write(name);
    while sms_length(&text).segments > MAX_SMS_SEGMENTS && !kept.is_empty() {
        kept.pop();
        let short: String = kept.iter().collect::<String>() + "…";
        text = write(short.trim_start());
    }
    text
}

/// The reminders to plan for a slot starting at `slot_start`, as (lead in minutes, due
/// instant): one per lead, except those already due (a booking made an hour before the slot
/// gets no "tomorrow" reminder; its confirmation says it all).
pub fn reminders(
    slot_start: Timestamp,
    leads_minutes: &[u32],
    now: Timestamp,
) -> Vec<(u32, Timestamp)> {
    leads_minutes
        .iter()
        .map(|&lead| (lead, reminder_due(slot_start, lead)))
        .filter(|(_, due)| *due > now)
        .collect()
}

pub fn reminder_due(slot_start: Timestamp, lead_minutes: u32) -> Timestamp {
    Timestamp::from_millis(slot_start.as_millis() - i64::from(lead_minutes) * 60_000)
}

/// What a reminder finds when it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderCheck {
    Send,
    /// The reservation was cancelled, checked in, or otherwise no longer awaits its slot.
    Skip,
    /// The slot moved (or the reservation moved to another slot): due at this instant instead.
    MoveTo(Timestamp),
}

/// Whether a reminder planned for `planned_due` still applies: only to a confirmed reservation
/// whose slot still starts when the reminder was planned for.
pub fn check_reminder(
    still_confirmed: bool,
    slot_start: Timestamp,
    lead_minutes: u32,
    planned_due: Timestamp,
    now: Timestamp,
) -> ReminderCheck {
    if !still_confirmed || slot_start <= now {
        return ReminderCheck::Skip;
    }
    let due = reminder_due(slot_start, lead_minutes);
    if due == planned_due || due <= now {
        ReminderCheck::Send
    } else {
        ReminderCheck::MoveTo(due)
    }
}

/// How long before a drop opens its "opens soon" alerts go.
pub const OPENING_ALERT_LEAD_MS: i64 = 30 * 60_000;
/// An alert held up past the opening (a provider outage) still goes this long after it; later
/// it would only annoy.
pub const OPENING_ALERT_STALE_MS: i64 = 15 * 60_000;

/// When an "opens soon" alert for a drop opening at `opens_at` goes: the lead before the
/// opening, or at once for someone who asks later than that.
pub fn opening_alert_due(opens_at: Timestamp, now: Timestamp) -> Timestamp {
    Timestamp::from_millis((opens_at.as_millis() - OPENING_ALERT_LEAD_MS).max(now.as_millis()))
}

/// Whether an "opens soon" alert that came due still applies: only to a drop still waiting to
/// open (or just opened), at the lead before its opening as it stands now.
pub fn check_opening_alert(
    scheduled_or_open: bool,
    opens_at: Option<Timestamp>,
    now: Timestamp,
) -> ReminderCheck {
    let Some(opens_at) = opens_at else {
        return ReminderCheck::Skip;
    };
    if !scheduled_or_open || now.as_millis() > opens_at.as_millis() + OPENING_ALERT_STALE_MS {
        return ReminderCheck::Skip;
    }
    let due = opening_alert_due(opens_at, now);
    if due > now {
        ReminderCheck::MoveTo(due)
    } else {
        ReminderCheck::Send
    }
}

/// A provider's circuit breaker: after `THRESHOLD` failures in a row it opens and no message is
/// sent through the provider for a rest (`COOL_OFF_MS` by default); then one message probes it
/// (half-open), and its outcome closes the breaker or opens it again. A dead provider is probed,
/// not hammered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breaker {
    #[default]
    Closed,
    /// Failures in a row so far, below the threshold.
    Failing(u32),
    Open {
        until: Timestamp,
    },
    /// One probe is out; nothing else goes until it is answered.
    Probing,
}

impl Breaker {
    pub const THRESHOLD: u32 = 5;
    pub const COOL_OFF_MS: i64 = 30_000;

    /// Whether a message may go now; a message let through an open breaker is its probe.
    pub fn allow(&mut self, now: Timestamp) -> bool {
        match *self {
            Self::Closed | Self::Failing(_) => true,
            Self::Open { until } if now >= until => {
                *self = Self::Probing;
                true
            }
            Self::Open { .. } | Self::Probing => false,
        }
    }

    pub fn succeeded(&mut self) {
        *self = Self::Closed;
    }

    /// A failure of the provider (not of one message: a refused address says nothing of it).
    pub fn failed(&mut self, now: Timestamp, rest_ms: i64) {
        let open = Self::Open {
            until: Timestamp::from_millis(now.as_millis() + rest_ms),
        };
        *self = match *self {
            Self::Closed => Self::Failing(1),
            Self::Failing(n) if n + 1 < Self::THRESHOLD => Self::Failing(n + 1),
            Self::Failing(_) | Self::Probing | Self::Open { .. } => open,
        };
    }

    /// When sending may be tried again, while it may not.
    pub fn closed_until(&self) -> Option<Timestamp> {
        match *self {
            Self::Open { until } => Some(until),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms)
    }

    #[test]
    fn an_opening_alert_goes_half_an_hour_before_or_at_once() {
        let opens = Timestamp::from_millis(10 * 3_600_000);
        let early = Timestamp::from_millis(3_600_000);
        assert_eq!(
            opening_alert_due(opens, early).as_millis(),
            opens.as_millis() - OPENING_ALERT_LEAD_MS
        );
        let late = Timestamp::from_millis(opens.as_millis() - 60_000);
        assert_eq!(opening_alert_due(opens, late), late);
    }

    #[test]
    fn an_opening_alert_follows_the_opening_and_never_goes_stale() {
        let opens = Timestamp::from_millis(10 * 3_600_000);
        let due = Timestamp::from_millis(opens.as_millis() - OPENING_ALERT_LEAD_MS);
        assert_eq!(
            check_opening_alert(true, Some(opens), due),
            ReminderCheck::Send
        );
        // The owner moved the opening an hour later: the alert waits for the new time.
        let later = Timestamp::from_millis(opens.as_millis() + 3_600_000);
        assert_eq!(
            check_opening_alert(true, Some(later), due),
            ReminderCheck::MoveTo(Timestamp::from_millis(
                later.as_millis() - OPENING_ALERT_LEAD_MS
            ))
        );
        // Held up by an outage: still worth sending just after the opening, not an hour later.
        let just_after = Timestamp::from_millis(opens.as_millis() + 60_000);
        assert_eq!(
            check_opening_alert(true, Some(opens), just_after),
            ReminderCheck::Send
        );
        let hour_after = Timestamp::from_millis(opens.as_millis() + 3_600_000);
        assert_eq!(
            check_opening_alert(true, Some(opens), hour_after),
            ReminderCheck::Skip
        );
        // Cancelled, or no opening time any more.
        assert_eq!(
            check_opening_alert(false, Some(opens), due),
            ReminderCheck::Skip
        );
        assert_eq!(check_opening_alert(true, None, due), ReminderCheck::Skip);
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_delay_ms(1, FIRST_RETRY_MS, 1.0), 30_000);
        assert_eq!(retry_delay_ms(2, FIRST_RETRY_MS, 1.0), 60_000);
        assert_eq!(retry_delay_ms(3, FIRST_RETRY_MS, 0.0), 60_000);
        assert_eq!(retry_delay_ms(9, FIRST_RETRY_MS, 1.0), 3_600_000);
        assert_eq!(retry_delay_ms(60, FIRST_RETRY_MS, 1.0), 3_600_000);
    }

    proptest! {
        #[test]
        fn a_retry_waits_between_half_and_all_of_its_ceiling(attempt in 1u32..100, jitter in 0.0f64..1.0) {
            let delay = retry_delay_ms(attempt, FIRST_RETRY_MS, jitter);
            let ceiling = retry_delay_ms(attempt, FIRST_RETRY_MS, 1.0);
            prop_assert!(delay >= ceiling / 2 && delay <= ceiling);
            prop_assert!(ceiling <= 3_600_000);
        }
    }

    #[test]
    fn reminders_already_due_are_not_planned() {
        let start = at(100 * 3_600_000);
        let planned = reminders(start, &[1440, 120], at(0));
        assert_eq!(
            planned,
            vec![(1440, at(76 * 3_600_000)), (120, at(98 * 3_600_000))]
        );
        let late = reminders(start, &[1440, 120], at(97 * 3_600_000));
        assert_eq!(late, vec![(120, at(98 * 3_600_000))]);
        assert!(reminders(start, &[1440, 120], at(99 * 3_600_000)).is_empty());
    }

    #[test]
    fn a_reminder_goes_only_to_a_confirmed_reservation_at_its_planned_time() {
        let start = at(10 * 3_600_000);
        let due = reminder_due(start, 120);
        let now = due;
        assert_eq!(
            check_reminder(true, start, 120, due, now),
            ReminderCheck::Send
        );
        assert_eq!(
            check_reminder(false, start, 120, due, now),
            ReminderCheck::Skip
        );
        // The slot (or the reservation) moved a day later: the reminder moves with it.
        let later = at(start.as_millis() + 86_400_000);
        assert_eq!(
            check_reminder(true, later, 120, due, now),
            ReminderCheck::MoveTo(reminder_due(later, 120))
        );
        // Moved earlier, past the reminder's time: sent now, if the slot has not begun.
        let sooner = at(start.as_millis() - 3_600_000);
        assert_eq!(
            check_reminder(true, sooner, 120, due, now),
            ReminderCheck::Send
        );
        assert_eq!(
            check_reminder(true, at(now.as_millis()), 120, due, now),
            ReminderCheck::Skip
        );
    }

    #[test]
    fn a_breaker_opens_after_failures_in_a_row_and_probes_after_cooling_off() {
        let mut breaker = Breaker::default();
        for _ in 1..Breaker::THRESHOLD {
            breaker.failed(at(0), Breaker::COOL_OFF_MS);
            assert!(breaker.allow(at(0)));
        }
        breaker.failed(at(0), Breaker::COOL_OFF_MS);
        assert!(!breaker.allow(at(Breaker::COOL_OFF_MS - 1)));
        assert_eq!(breaker.closed_until(), Some(at(Breaker::COOL_OFF_MS)));
        // One probe, nothing beside it.
        assert!(breaker.allow(at(Breaker::COOL_OFF_MS)));
        assert!(!breaker.allow(at(Breaker::COOL_OFF_MS)));
        breaker.failed(at(Breaker::COOL_OFF_MS), Breaker::COOL_OFF_MS);
        assert!(!breaker.allow(at(Breaker::COOL_OFF_MS + 1)));
        assert!(breaker.allow(at(2 * Breaker::COOL_OFF_MS)));
        breaker.succeeded();
        assert!(breaker.allow(at(2 * Breaker::COOL_OFF_MS)));
        assert_eq!(breaker, Breaker::Closed);
    }

    #[test]
    fn texts_count_gsm7_septets_or_ucs2_units() {
        let one = "a".repeat(160);
        assert_eq!(
            sms_length(&one),
            SmsLength {
                unicode: false,
                segments: 1
            }
        );
        assert_eq!(sms_length(&format!("{one}a")).segments, 2);
        // An extension character takes two septets.
        assert_eq!(sms_length(&"€".repeat(80)).segments, 1);
        assert_eq!(sms_length(&"€".repeat(81)).segments, 2);
        // Thai is UCS-2: 70 alone, 67 a part.
        let thai = "ก".repeat(70);
        assert_eq!(
            sms_length(&thai),
            SmsLength {
                unicode: true,
                segments: 1
            }
        );
        assert_eq!(sms_length(&format!("{thai}ก")).segments, 2);
        assert_eq!(sms_length(&"ก".repeat(135)).segments, 3);
        // One character outside GSM-7 makes the whole text UCS-2.
        assert!(sms_length("Booked ✓").unicode);
    }

    #[test]
    fn a_long_name_is_shortened_until_the_text_fits_two_parts() {
        let long = "ครัวซองต์".repeat(40);
        let text = fit_sms(&long, |name| format!("จองแล้ว: {name} พรุ่งนี้ 10:00"));
        assert!(sms_length(&text).segments <= MAX_SMS_SEGMENTS, "{text}");
        assert!(text.contains('…') && text.ends_with("พรุ่งนี้ 10:00"));
        assert_eq!(
            fit_sms("Croissants", |name| format!("Booked: {name}")),
            "Booked: Croissants"
        );
    }

    #[test]
    fn a_success_forgets_earlier_failures() {
        let mut breaker = Breaker::default();
        for _ in 0..10 {
            breaker.failed(at(0), Breaker::COOL_OFF_MS);
            breaker.succeeded();
        }
        assert_eq!(breaker, Breaker::Closed);
    }
}
