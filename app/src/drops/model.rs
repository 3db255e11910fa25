//! Drop types shared by the server and the browser: a drop, its slots and rules, parsed from
//! what people type so that a value of these types is always valid.

use crate::{
    branches::model::BranchId,
    error::FieldErrors,
    i18n::I18n,
    money::{Currency, Money},
    newtype::string_newtype_conversions,
    products::model::{Description, ProductId, TextError, bounded_text},
    stores::model::StoreId,
    time::{
        LocalDate, LocalDateTime, LocalSpan, MinuteOfDay, TimeZoneName, Timestamp, days_between,
    },
};
use serde::{Deserialize, Serialize};

pub use crate::ids::{DropId, SlotId};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DropName(String);

impl DropName {
    pub const MAX_CHARS: usize = 100;
    pub fn parse(input: &str) -> Result<Self, TextError> {
        bounded_text(input, 1, Self::MAX_CHARS, false).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_conversions!(DropName);

/// Where a drop is in its life; see `rules::transition` for the moves between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropStatus {
    Draft,
    Scheduled,
    Open,
    Closed,
    Archived,
    Cancelled,
}

impl DropStatus {
    pub const ALL: [Self; 6] = [
        Self::Draft,
        Self::Scheduled,
        Self::Open,
        Self::Closed,
        Self::Archived,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Archived => "archived",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// When a drop takes bookings: from `opens_at` (inclusive) until `closes_at` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropWindow {
    opens_at: Timestamp,
    closes_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("must be a date and time like 2026-12-01T10:00")]
    Shape,
    #[error("must be after the opening time")]
    ClosesBeforeOpening,
    #[error("does not exist in this time zone (the clocks skip it)")]
    Skipped,
}

impl From<WindowError> for crate::i18n::Text {
    fn from(error: WindowError) -> Self {
        match error {
            WindowError::Shape => crate::text!("check-date-time"),
            WindowError::ClosesBeforeOpening => crate::text!("check-after-opening"),
            WindowError::Skipped => crate::text!("check-clock-skip"),
        }
    }
}

impl DropWindow {
    pub fn new(opens_at: Timestamp, closes_at: Timestamp) -> Result<Self, WindowError> {
        if closes_at <= opens_at {
            return Err(WindowError::ClosesBeforeOpening);
        }
        Ok(Self {
            opens_at,
            closes_at,
        })
    }
    pub fn opens_at(self) -> Timestamp {
        self.opens_at
    }
    pub fn closes_at(self) -> Timestamp {
        self.closes_at
    }
}

/// Places in one slot: at least one, at most `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Capacity(u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CapacityError {
    #[error("must be a whole number")]
    NotANumber,
    #[error("must be at least 1")]
    TooSmall,
    #[error("must be at most {max}", max = Capacity::MAX)]
    TooLarge,
}

impl From<CapacityError> for crate::i18n::Text {
    fn from(error: CapacityError) -> Self {
        match error {
            CapacityError::NotANumber => crate::text!("check-whole-number"),
            CapacityError::TooSmall => crate::text!("check-at-least-1"),
            CapacityError::TooLarge => crate::text!("check-at-most", max = Capacity::MAX),
        }
    }
}

impl Capacity {
    pub const MAX: u32 = 100_000;

    pub fn new(places: u32) -> Result<Self, CapacityError> {
        match places {
            0 => Err(CapacityError::TooSmall),
            p if p > Self::MAX => Err(CapacityError::TooLarge),
            p => Ok(Self(p)),
        }
    }

    pub fn parse(text: &str) -> Result<Self, CapacityError> {
        let text = text.trim();
        if text.starts_with('-') && text[1..].parse::<u64>().is_ok() {
            return Err(CapacityError::TooSmall);
        }
        let places: u64 = text.parse().map_err(|_| CapacityError::NotANumber)?;
        Self::new(u32::try_from(places).map_err(|_| CapacityError::TooLarge)?)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Capacity {
    type Error = CapacityError;
    fn try_from(places: u32) -> Result<Self, Self::Error> {
        Self::new(places)
    }
}

impl From<Capacity> for u32 {
    fn from(capacity: Capacity) -> u32 {
        capacity.0
    }
}

/// What shoppers must have to book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// Any signed-in shopper.
    SignedIn,
    /// Signed in and holding one of the drop's access codes (early access).
    AccessCode,
}

/// The brief's DropRules: limits and money that every booking of the drop obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropRules {
    pub reservations_per_person: u16,
    pub units_per_reservation: u16,
    pub hold_seconds: u32,
    pub deposit: Option<Money>,
    pub booking_cutoff_minutes: u32,
    pub cancellation_window_minutes: u32,
    pub eligibility: Eligibility,
    /// Only shoppers who confirmed their email address may book or wait: a script needs a
    /// mailbox per account, not only a form post. Drops stored before the rule existed have it.
    #[serde(default = "required")]
    pub verified_email_required: bool,
    /// Hours before a booked slot when its shoppers are reminded.
    #[serde(default)]
    pub reminder_hours: ReminderHours,
}

fn required() -> bool {
    true
}

/// Reminders a drop may send before each slot, and how far ahead (two weeks).
const MAX_REMINDERS: usize = 3;
const MAX_REMINDER_HOURS: u16 = 336;

/// Up to three lead times in hours, longest first (a fixed array, so the rules stay `Copy`);
/// stored as a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<u16>", into = "Vec<u16>")]
pub struct ReminderHours([u16; MAX_REMINDERS]);

impl ReminderHours {
    pub fn hours(self) -> impl Iterator<Item = u16> {
        self.0.into_iter().filter(|h| *h > 0)
    }
}

/// The day before and two hours before.
impl Default for ReminderHours {
    fn default() -> Self {
        Self::from(vec![24, 2])
    }
}

impl From<Vec<u16>> for ReminderHours {
    fn from(mut hours: Vec<u16>) -> Self {
        hours.retain(|h| (1..=MAX_REMINDER_HOURS).contains(h));
        hours.sort_unstable_by(|a, b| b.cmp(a));
        hours.dedup();
        let mut kept = [0; MAX_REMINDERS];
        for (slot, hour) in kept.iter_mut().zip(hours) {
            *slot = hour;
        }
        Self(kept)
    }
}

impl From<ReminderHours> for Vec<u16> {
    fn from(hours: ReminderHours) -> Self {
        hours.hours().collect()
    }
}

/// "24, 2" as hours; empty for no reminders.
fn reminder_hours(errors: &mut FieldErrors, text: &str) -> ReminderHours {
    let parsed: Option<Vec<u16>> = text
        .split([',', ' '])
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            part.trim()
                .parse()
                .ok()
                .filter(|h| (1..=MAX_REMINDER_HOURS).contains(h))
        })
        .collect();
    match parsed {
        Some(hours) if hours.len() <= MAX_REMINDERS => ReminderHours::from(hours),
        _ => {
            errors.add(
                "reminder_hours",
                crate::text!(
                    "check-reminder-hours",
                    count = MAX_REMINDERS as u32,
                    max = u32::from(MAX_REMINDER_HOURS)
                ),
            );
            ReminderHours::from(Vec::new())
        }
    }
}

impl Default for DropRules {
    fn default() -> Self {
        Self {
            reservations_per_person: 1,
            units_per_reservation: 1,
            hold_seconds: 300,
            deposit: None,
            booking_cutoff_minutes: 0,
            cancellation_window_minutes: 60,
            eligibility: Eligibility::SignedIn,
            verified_email_required: true,
            reminder_hours: ReminderHours::default(),
        }
    }
}

/// The rules as typed in a form (every field text, minutes for the hold); a missing field
/// takes the default rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RulesInput {
    pub reservations_per_person: String,
    pub units_per_reservation: String,
    pub hold_minutes: String,
    pub deposit: String,
    pub booking_cutoff_minutes: String,
    pub cancellation_window_minutes: String,
    pub access_codes_required: bool,
    pub verified_email_required: bool,
    /// "24, 2": hours before each booked slot.
    pub reminder_hours: String,
}

impl Default for RulesInput {
    fn default() -> Self {
        Self::from_rules(&DropRules::default())
    }
}

const MINUTES_PER_WEEK: u32 = 7 * 24 * 60;

fn bounded_number(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> u32 {
    match text.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            errors.add(
                field,
                crate::text!(
                    "check-number-range",
                    min = *range.start(),
                    max = *range.end()
                ),
            );
            *range.start()
        }
    }
}

impl RulesInput {
    pub fn parse(&self, currency: Currency, errors: &mut FieldErrors) -> DropRules {
        let deposit = match self.deposit.trim() {
            "" | "0" => None,
            amount => errors
                .check("deposit", Money::parse(amount, currency))
                .filter(|m| m.minor() > 0),
        };
        DropRules {
            reservations_per_person: bounded_number(
                errors,
                "reservations_per_person",
                &self.reservations_per_person,
                1..=20,
            ) as u16,
            units_per_reservation: bounded_number(
                errors,
                "units_per_reservation",
                &self.units_per_reservation,
                1..=50,
            ) as u16,
            hold_seconds: bounded_number(errors, "hold_minutes", &self.hold_minutes, 1..=60) * 60,
            deposit,
            booking_cutoff_minutes: bounded_number(
                errors,
                "booking_cutoff_minutes",
                &self.booking_cutoff_minutes,
                0..=MINUTES_PER_WEEK,
            ),
            cancellation_window_minutes: bounded_number(
                errors,
                "cancellation_window_minutes",
                &self.cancellation_window_minutes,
                0..=MINUTES_PER_WEEK,
            ),
            eligibility: if self.access_codes_required {
                Eligibility::AccessCode
            } else {
                Eligibility::SignedIn
            },
            verified_email_required: self.verified_email_required,
            reminder_hours: reminder_hours(errors, &self.reminder_hours),
        }
    }

    pub fn from_rules(rules: &DropRules) -> Self {
        Self {
            reservations_per_person: rules.reservations_per_person.to_string(),
            units_per_reservation: rules.units_per_reservation.to_string(),
            hold_minutes: (rules.hold_seconds / 60).to_string(),
            deposit: rules.deposit.map(Money::decimal).unwrap_or_default(),
            booking_cutoff_minutes: rules.booking_cutoff_minutes.to_string(),
            cancellation_window_minutes: rules.cancellation_window_minutes.to_string(),
            access_codes_required: rules.eligibility == Eligibility::AccessCode,
            verified_email_required: rules.verified_email_required,
            reminder_hours: rules
                .reminder_hours
                .hours()
                .map(|h| h.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drop {
    pub id: DropId,
    pub store_id: StoreId,
    pub name: DropName,
    pub description: String,
    /// As stored; `rules::effective_status` adds the clock.
    pub status: DropStatus,
    pub window: Option<DropWindow>,
    /// The zone the owner set the window in, and the one it is shown in.
    pub time_zone: TimeZoneName,
    pub rules: DropRules,
    pub products: Vec<ProductId>,
    pub created_at: Timestamp,
}

/// A drop's details as the owner edits them, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropDetails {
    pub name: DropName,
    pub description: String,
    pub time_zone: TimeZoneName,
    pub opens: Option<LocalDateTime>,
    pub closes: Option<LocalDateTime>,
    pub rules: DropRules,
    pub products: Vec<ProductId>,
}

/// The details form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DropInput {
    pub name: String,
    pub description: String,
    pub time_zone: String,
    pub opens_at: String,
    pub closes_at: String,
    pub rules: RulesInput,
    pub products: Vec<String>,
}

impl DropInput {
    pub fn parse(&self, currency: Currency) -> Result<DropDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", DropName::parse(&self.name));
        let description = errors
            .check("description", Description::parse(&self.description))
            .map(|d| d.as_str().to_owned());
        let time_zone = errors.check("time_zone", TimeZoneName::parse(&self.time_zone));
        let optional_time = |errors: &mut FieldErrors, field: &str, text: &str| {
            if text.trim().is_empty() {
                None
            } else {
                errors.check(field, LocalDateTime::parse(text))
            }
        };
        let opens = optional_time(&mut errors, "opens_at", &self.opens_at);
        let closes = optional_time(&mut errors, "closes_at", &self.closes_at);
        if let (Some(o), Some(c)) = (opens, closes)
            && c <= o
        {
            errors.add("closes_at", WindowError::ClosesBeforeOpening);
        }
        let rules = self.rules.parse(currency, &mut errors);
        let mut products = Vec::new();
        for id in self.products.iter().filter(|p| !p.trim().is_empty()) {
            match id.parse() {
                Ok(id) if !products.contains(&id) => products.push(id),
                Ok(_) => {}
                Err(_) => errors.add("products", crate::text!("check-product-missing")),
            }
        }
        match (name, description, time_zone, errors.is_empty()) {
            (Some(name), Some(description), Some(time_zone), true) => Ok(DropDetails {
                name,
                description,
                time_zone,
                opens,
                closes,
                rules,
                products,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub id: SlotId,
    pub drop_id: DropId,
    pub branch_id: BranchId,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub capacity: Capacity,
}

/// What is booked in a slot right now, in units (places).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotCounts {
    pub held: u32,
    pub confirmed: u32,
    pub checked_in: u32,
    pub waitlisted: u32,
}

impl SlotCounts {
    pub fn taken(self) -> u32 {
        self.held + self.confirmed
    }

    /// Places a new booking can take in a slot of `capacity`: none while people wait in the
    /// slot's line, since freed places go to them first.
    pub fn open_places(self, capacity: Capacity) -> u32 {
        if self.waitlisted > 0 {
            return 0;
        }
        capacity.get().saturating_sub(self.taken())
    }
}

/// A slot as pages show it: in its branch's local time, with what is left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub slot: Slot,
    pub counts: SlotCounts,
    pub branch_name: String,
    pub time_zone: TimeZoneName,
    /// On the branch's clock.
    pub local: LocalSpan,
}

impl SlotView {
    pub fn remaining(&self) -> u32 {
        self.counts.open_places(self.slot.capacity)
    }

    /// "Sat 5 Dec 10:00–10:30" on the branch's clock.
    pub fn local_label(&self, i18n: I18n) -> String {
        self.local.label(i18n.0)
    }
}

/// Slot length in minutes: 5 minutes to 12 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotLength(u16);

impl SlotLength {
    pub fn new(minutes: u16) -> Option<Self> {
        (5..=720).contains(&minutes).then_some(Self(minutes))
    }
    pub fn minutes(self) -> u16 {
        self.0
    }
}

/// A repeating pattern of slots at one branch, in the branch's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub branch_id: BranchId,
    pub first_day: LocalDate,
    pub last_day: LocalDate,
    pub daily_from: MinuteOfDay,
    pub daily_until: MinuteOfDay,
    pub length: SlotLength,
    pub capacity: Capacity,
    /// Monday first.
    pub weekdays: [bool; 7],
}

/// The schedule form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleInput {
    pub branch_id: String,
    pub first_day: String,
    pub last_day: String,
    pub daily_from: String,
    pub daily_until: String,
    pub slot_minutes: String,
    pub capacity: String,
    /// Monday = 0; empty means every day.
    pub weekdays: Vec<u8>,
}

/// The longest date range one schedule may span.
pub const MAX_SCHEDULE_DAYS: i32 = 366;

impl ScheduleInput {
    pub fn parse(&self) -> Result<Schedule, FieldErrors> {
        let mut errors = FieldErrors::default();
        let branch_id = errors.check(
            "branch_id",
            self.branch_id
                .parse::<BranchId>()
                .map_err(|_| crate::text!("check-branch-choose")),
        );
        let first_day = errors.check("first_day", LocalDate::parse(&self.first_day));
        let last_day = errors.check("last_day", LocalDate::parse(&self.last_day));
        let daily_from = errors.check("daily_from", MinuteOfDay::parse(&self.daily_from));
        let daily_until = errors.check("daily_until", MinuteOfDay::parse(&self.daily_until));
        let length = errors.check(
            "slot_minutes",
            self.slot_minutes
                .trim()
                .parse::<u16>()
                .ok()
                .and_then(SlotLength::new)
                .ok_or_else(|| crate::text!("check-slot-minutes")),
        );
        let capacity = errors.check("capacity", Capacity::parse(&self.capacity));
        if let (Some(first), Some(last)) = (first_day, last_day) {
            let days = days_between(first, last);
            if days < 0 {
                errors.add("last_day", crate::text!("check-not-before-first-day"));
            } else if days >= MAX_SCHEDULE_DAYS {
                errors.add(
                    "last_day",
                    crate::text!("check-schedule-span", days = MAX_SCHEDULE_DAYS),
                );
            }
        }
        if let (Some(from), Some(until)) = (daily_from, daily_until)
            && until <= from
        {
            errors.add("daily_until", crate::text!("check-after-daily-start"));
        }
        let mut weekdays = [self.weekdays.is_empty(); 7];
        for &day in &self.weekdays {
            match weekdays.get_mut(usize::from(day)) {
                Some(slot) => *slot = true,
                None => errors.add("weekdays", crate::text!("check-day-missing")),
            }
        }
        match (
            branch_id,
            first_day,
            last_day,
            daily_from,
            daily_until,
            length,
            capacity,
        ) {
            (Some(b), Some(f), Some(l), Some(df), Some(du), Some(len), Some(cap))
                if errors.is_empty() =>
            {
                Ok(Schedule {
                    branch_id: b,
                    first_day: f,
                    last_day: l,
                    daily_from: df,
                    daily_until: du,
                    length: len,
                    capacity: cap,
                    weekdays,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An early-access code: 4 to 32 of A-Z, 0-9 and `-`, compared without case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccessCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccessCodeError {
    #[error("must be 4 to 32 letters, digits or dashes")]
    Shape,
    #[error(
        "a code you choose needs at least 8 letters or digits; leave it empty for one made for you"
    )]
    TooShort,
}

impl From<AccessCodeError> for crate::i18n::Text {
    fn from(error: AccessCodeError) -> Self {
        match error {
            AccessCodeError::Shape => crate::text!("check-access-code"),
            AccessCodeError::TooShort => crate::text!("check-access-code-short"),
        }
    }
}

/// Letters and digits without look-alikes (no I, L, O, U), as Crockford's base 32.
#[cfg(feature = "ssr")]
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The shortest code an owner may choose: 8 characters are too many to guess a few at a time.
const MIN_CHOSEN_CODE: usize = 8;

impl AccessCode {
    pub fn parse(input: &str) -> Result<Self, AccessCodeError> {
        let code = input.trim().to_ascii_uppercase();
        let shaped = (4..=32).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if shaped {
            Ok(Self(code))
        } else {
            Err(AccessCodeError::Shape)
        }
    }

    /// A code an owner chose for a drop: long enough not to be guessed.
    pub fn chosen(input: &str) -> Result<Self, AccessCodeError> {
        let code = Self::parse(input)?;
        if code.0.chars().filter(char::is_ascii_alphanumeric).count() < MIN_CHOSEN_CODE {
            return Err(AccessCodeError::TooShort);
        }
        Ok(code)
    }

    /// A code made by DropSlot: three groups of four characters, 60 random bits
    /// (`7KQ2-M9XD-4TRB`), read aloud and typed without confusing 0 and O.
    #[cfg(feature = "ssr")]
    pub fn generate() -> Self {
        let random = uuid::Uuid::new_v4().as_u128();
        let mut code = String::with_capacity(14);
        for i in 0..12 {
            if i > 0 && i % 4 == 0 {
                code.push('-');
            }
            code.push(CODE_ALPHABET[((random >> (5 * i)) & 31) as usize] as char);
        }
        Self(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_conversions!(AccessCode);

/// An access code with how often it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessCodeUse {
    pub code: AccessCode,
    pub max_uses: Option<u32>,
    pub uses: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_hours_are_up_to_three_numbers_longest_first() {
        let mut errors = FieldErrors::default();
        let mut read = |text: &str| Vec::from(reminder_hours(&mut errors, text));
        assert_eq!(read("2, 24"), [24, 2]);
        assert_eq!(read(" 48 24 24 "), [48, 24]);
        assert_eq!(read(""), Vec::<u16>::new());
        assert!(errors.is_empty());
        for bad in ["0", "337", "24, soon", "1, 2, 3, 4", "-2"] {
            let mut errors = FieldErrors::default();
            assert_eq!(reminder_hours(&mut errors, bad).hours().count(), 0, "{bad}");
            assert!(!errors.is_empty(), "{bad}");
        }
    }

    #[test]
    fn rules_stored_before_reminders_existed_remind_at_24_and_2_hours() {
        let mut stored = serde_json::to_value(DropRules::default()).unwrap();
        stored.as_object_mut().unwrap().remove("reminder_hours");
        let rules: DropRules = serde_json::from_value(stored).unwrap();
        assert_eq!(Vec::from(rules.reminder_hours), [24, 2]);
        assert_eq!(RulesInput::from_rules(&rules).reminder_hours, "24, 2");
    }

    #[test]
    fn chosen_codes_are_long_and_made_ones_longer() {
        assert_eq!(AccessCode::chosen("VIP"), Err(AccessCodeError::Shape));
        assert_eq!(
            AccessCode::chosen("vip-2026"),
            Err(AccessCodeError::TooShort)
        );
        assert_eq!(
            AccessCode::chosen("vip-2026-x").unwrap().as_str(),
            "VIP-2026-X"
        );
        let made = AccessCode::generate();
        assert_eq!(made.as_str().len(), 14);
        assert_eq!(AccessCode::parse(made.as_str()), Ok(made.clone()));
        assert_ne!(made, AccessCode::generate());
        assert!(!made.as_str().contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn a_slot_with_a_line_has_no_open_places() {
        let capacity = Capacity::new(10).unwrap();
        let counts = SlotCounts {
            held: 2,
            confirmed: 5,
            ..SlotCounts::default()
        };
        assert_eq!(counts.open_places(capacity), 3);
        let waiting = SlotCounts {
            waitlisted: 1,
            ..counts
        };
        assert_eq!(waiting.open_places(capacity), 0);
    }
}
