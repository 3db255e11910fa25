//! A slot's places ledger: the `drop_slots` columns held, confirmed, checked_in and waitlisted.
//! The Drops context owns the table; Reservations writes these columns (and only these), inside
//! its own write transactions, so a booking and its places commit together (ARCHITECTURE.md's
//! exception). Each statement is one conditional update: the database refuses what would
//! oversell, whatever runs concurrently. Lock order for every transaction that uses them:
//! reservation row, then person, then slot.

use crate::{
    db::{Tx, Value},
    drops::model::SlotId,
};

/// A ledger column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::reservations) enum Places {
    Held,
    Confirmed,
    CheckedIn,
    Waitlisted,
}

/// Holds `units` places in `slot` for the waitlist's own offer, if they fit: past the line, whose
/// places these are (a new booking is refused while anyone waits, by the group decision).
/// Answers whether they did.
pub(in crate::reservations) async fn hold_places_for_the_line(
    tx: impl Into<Tx<'_>>,
    slot: SlotId,
    units: u16,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE drop_slots SET held = held + $1 WHERE id = $2 AND held + confirmed + $1 <= capacity";
    Ok(run(tx, sql, slot, i64::from(units)).await? == 1)
}

/// Counts `units` more in `column`.
pub(in crate::reservations) async fn add_places(
    tx: impl Into<Tx<'_>>,
    slot: SlotId,
    units: u16,
    column: Places,
) -> Result<(), sqlx::Error> {
    change_count(tx, slot, i64::from(units), column).await
}

/// Counts `units` fewer in `column` (given back, or moved on with `add_places`).
pub(in crate::reservations) async fn remove_places(
    tx: impl Into<Tx<'_>>,
    slot: SlotId,
    units: u16,
    column: Places,
) -> Result<(), sqlx::Error> {
    change_count(tx, slot, -i64::from(units), column).await
}

async fn change_count(
    tx: impl Into<Tx<'_>>,
    slot: SlotId,
    delta: i64,
    column: Places,
) -> Result<(), sqlx::Error> {
    let sql = match column {
        Places::Held => "UPDATE drop_slots SET held = held + $1 WHERE id = $2",
        Places::Confirmed => "UPDATE drop_slots SET confirmed = confirmed + $1 WHERE id = $2",
        Places::CheckedIn => "UPDATE drop_slots SET checked_in = checked_in + $1 WHERE id = $2",
        Places::Waitlisted => "UPDATE drop_slots SET waitlisted = waitlisted + $1 WHERE id = $2",
    };
    run(tx, sql, slot, delta).await.map(drop)
}

/// Moves a hold's `units` places in `slot` to confirmed.
pub(in crate::reservations) async fn confirm_held_places(
    tx: impl Into<Tx<'_>>,
    slot: SlotId,
    units: u16,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE drop_slots SET held = held - $1, confirmed = confirmed + $1 WHERE id = $2";
    run(tx, sql, slot, i64::from(units)).await.map(drop)
}

async fn run(
    tx: impl Into<Tx<'_>>,
    sql: &str,
    slot: SlotId,
    places: i64,
) -> Result<u64, sqlx::Error> {
    let slot = slot.to_string();
    tx.into()
        .execute(sql, &[Value::Integer(places), Value::Text(&slot)])
        .await
}
