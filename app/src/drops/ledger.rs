//! A slot's places ledger (held, confirmed, checked in) as statements another context runs
//! inside its own write transaction, so a booking and its places commit together. Each is one
//! conditional update: the database refuses what would oversell, whatever runs concurrently.
//! Lock order for every transaction that uses them: reservation row, then person, then slot.

/// Takes `$units` places in slot `$slot_id` into `$column` ("held" or "confirmed") if they fit
/// and nobody waits in the slot's line (freed places go to the line first); evaluates to whether
/// they did. With `for_the_line`, the waitlist's own offers take places past the line.
#[macro_export]
macro_rules! claim_places {
    ($tx:ident, $slot_id:expr, $units:expr, $column:literal) => {
        $crate::claim_places!(@claim $tx, $slot_id, $units, $column, " AND waitlisted = 0")
    };
    ($tx:ident, $slot_id:expr, $units:expr, $column:literal, for_the_line) => {
        $crate::claim_places!(@claim $tx, $slot_id, $units, $column, "")
    };
    (@claim $tx:ident, $slot_id:expr, $units:expr, $column:literal, $line:literal) => {
        sqlx::query(concat!(
            "UPDATE drop_slots SET ",
            $column,
            " = ",
            $column,
            " + $1 WHERE id = $2 AND held + confirmed + $1 <= capacity",
            $line
        ))
        .bind(i64::from($units))
        .bind($slot_id.to_string())
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1
    };
}

/// Moves `$units` places of slot `$slot_id` from one ledger column to another (or gives them
/// back with `$to` = "none").
#[macro_export]
macro_rules! move_places {
    ($tx:ident, $slot_id:expr, $units:expr, $from:literal => none) => {
        sqlx::query(concat!(
            "UPDATE drop_slots SET ",
            $from,
            " = ",
            $from,
            " - $1 WHERE id = $2"
        ))
        .bind(i64::from($units))
        .bind($slot_id.to_string())
        .execute(&mut *$tx)
        .await?;
    };
    ($tx:ident, $slot_id:expr, $units:expr, $from:literal => $to:literal) => {
        sqlx::query(concat!(
            "UPDATE drop_slots SET ",
            $from,
            " = ",
            $from,
            " - $1, ",
            $to,
            " = ",
            $to,
            " + $1 WHERE id = $2"
        ))
        .bind(i64::from($units))
        .bind($slot_id.to_string())
        .execute(&mut *$tx)
        .await?;
    };
}

/// Counts `$units` more in a ledger column that does not take places ("checked_in").
#[macro_export]
macro_rules! count_places {
    ($tx:ident, $slot_id:expr, $units:expr, $column:literal) => {
        sqlx::query(concat!(
            "UPDATE drop_slots SET ",
            $column,
            " = ",
            $column,
            " + $1 WHERE id = $2"
        ))
        .bind(i64::from($units))
        .bind($slot_id.to_string())
        .execute(&mut *$tx)
        .await?;
    };
}
