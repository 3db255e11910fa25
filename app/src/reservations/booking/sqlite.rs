//! A group of bookings written to SQLite in one transaction of a few set-based statements,
//! whatever the group's size: each statement takes the group as one JSON array (`json_each`),
//! since every statement is a hop to sqlx's SQLite thread and back. `BEGIN IMMEDIATE` holds the
//! database's write lock, so what is read is what is written against; decided in memory by the
//! same rule as on PostgreSQL (`rules::booking::decide`).

use super::{
    group::{booked, booked_events, codes_of, people_of, slots_of},
    group_commit::Pending,
};
use crate::reservations::{
    model::Reservation,
    rules::booking::{BookOutcome, GroupState, NewBooking, decide},
    storage::{COLUMNS, ReservationRow},
};
use serde_json::{Value, json};
use sqlx::{FromRow, Row, SqliteConnection, SqlitePool};

pub(super) async fn write_group(
    pool: &SqlitePool,
    group: &[Pending],
) -> Result<Vec<BookOutcome>, sqlx::Error> {
    let bookings: Vec<_> = group.iter().map(|p| &p.booking).collect();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut state = GroupState::default();
    read_earlier(&mut tx, &bookings, &mut state).await?;
    read_people(&mut tx, &bookings, &mut state).await?;
    read_slots(&mut tx, &bookings, &mut state).await?;
    read_codes(&mut tx, &bookings, &mut state).await?;
    let outcomes = decide(&mut state, &bookings);
    let booked = booked(group, &outcomes);
    if !booked.is_empty() {
        write_people(&mut tx, &state).await?;
        write_slots(&mut tx, &state).await?;
        write_codes(&mut tx, &state).await?;
        insert_reservations(&mut tx, &booked).await?;
        insert_events(&mut tx, &booked).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// `[[a, b], …]` as the text `json_each` reads.
fn json_array(items: impl IntoIterator<Item = Value>) -> String {
    Value::Array(items.into_iter().collect()).to_string()
}

async fn read_earlier(
    tx: &mut SqliteConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let keyed: Vec<Value> = bookings
        .iter()
        .filter_map(|b| {
            let key = b.idempotency_key.as_ref()?;
            Some(json!([b.reservation.user_id.to_string(), key]))
        })
        .collect();
    if keyed.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT {COLUMNS}, idempotency_key FROM reservations WHERE (user_id, idempotency_key) IN \
         (SELECT value ->> 0, value ->> 1 FROM json_each($1))"
    );
    let found = sqlx::query(&sql)
        .bind(json_array(keyed))
        .fetch_all(&mut *tx)
        .await?;
    for row in found {
        let key: String = row.try_get("idempotency_key")?;
        let first: Reservation = ReservationRow::from_row(&row)?.try_into()?;
        state.earlier.insert((first.user_id, key), first);
    }
    Ok(())
}

/// Makes sure every person of the group has a count row, then reads them.
async fn read_people(
    tx: &mut SqliteConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let people = people_of(bookings);
    let people = json_array(people.into_iter().map(|(drop, user)| json!([drop, user])));
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT.
    sqlx::query(
        "INSERT INTO drop_participants (drop_id, user_id, active) \
         SELECT value ->> 0, value ->> 1, 0 FROM json_each($1) WHERE true \
         ON CONFLICT (drop_id, user_id) DO NOTHING",
    )
    .bind(&people)
    .execute(&mut *tx)
    .await?;
    let found: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT drop_id, user_id, active FROM drop_participants \
         WHERE (drop_id, user_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each($1))",
    )
    .bind(&people)
    .fetch_all(&mut *tx)
    .await?;
    for (drop, user, active) in found {
        state.add_person(&drop, &user, active)?;
    }
    Ok(())
}

async fn read_slots(
    tx: &mut SqliteConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let slots = slots_of(bookings);
    let found: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, capacity, held, confirmed, waitlisted FROM drop_slots \
         WHERE id IN (SELECT value FROM json_each($1))",
    )
    .bind(json_array(slots.into_iter().map(Value::from)))
    .fetch_all(&mut *tx)
    .await?;
    for row in found {
        state.add_slot(row)?;
    }
    Ok(())
}

/// The access codes the group's early-access bookings give (most groups have none).
async fn read_codes(
    tx: &mut SqliteConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let codes = codes_of(bookings);
    if codes.is_empty() {
        return Ok(());
    }
    let found: Vec<(String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT drop_id, code, max_uses, uses FROM drop_access_codes \
         WHERE (drop_id, code) IN (SELECT value ->> 0, value ->> 1 FROM json_each($1))",
    )
    .bind(json_array(
        codes.into_iter().map(|(drop, code)| json!([drop, code])),
    ))
    .fetch_all(&mut *tx)
    .await?;
    for row in found {
        state.add_code(row)?;
    }
    Ok(())
}

async fn write_codes(tx: &mut SqliteConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    if state.codes.is_empty() {
        return Ok(());
    }
    let (drops, codes, uses) = state.code_uses();
    let rows = json_array(
        drops
            .into_iter()
            .zip(codes)
            .zip(uses)
            .map(|((drop, code), uses)| json!([drop, code, uses])),
    );
    sqlx::query(
        "UPDATE drop_access_codes AS c SET uses = u.value ->> 2 FROM json_each($1) AS u \
         WHERE c.drop_id = u.value ->> 0 AND c.code = u.value ->> 1 AND c.uses <> u.value ->> 2",
    )
    .bind(rows)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn write_people(tx: &mut SqliteConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    let counts = json_array(
        state
            .active
            .iter()
            .map(|((drop, user), active)| json!([drop.to_string(), user.to_string(), active])),
    );
    sqlx::query(
        "UPDATE drop_participants AS p SET active = c.value ->> 2 FROM json_each($1) AS c \
         WHERE p.drop_id = c.value ->> 0 AND p.user_id = c.value ->> 1 AND p.active <> c.value ->> 2",
    )
    .bind(counts)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn write_slots(tx: &mut SqliteConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    let ledgers = json_array(
        state
            .slots
            .iter()
            .map(|(id, ledger)| json!([id.to_string(), ledger.held, ledger.confirmed])),
    );
    sqlx::query(
        "UPDATE drop_slots AS s SET held = l.value ->> 1, confirmed = l.value ->> 2 \
         FROM json_each($1) AS l WHERE s.id = l.value ->> 0 \
         AND (s.held <> l.value ->> 1 OR s.confirmed <> l.value ->> 2)",
    )
    .bind(ledgers)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_reservations(
    tx: &mut SqliteConnection,
    booked: &[&Pending],
) -> Result<(), sqlx::Error> {
    let reservations = json_array(booked.iter().map(|p| {
        let r = &p.booking.reservation;
        json!([
            r.id.to_string(),
            r.drop_id.to_string(),
            r.slot_id.to_string(),
            r.user_id.to_string(),
            r.units,
            r.status.as_str(),
            r.hold_expires_at.map(|t| t.as_millis()),
            p.booking.idempotency_key,
            p.booking.now.as_millis(),
            p.booking.slot_ends_at.as_millis(),
        ])
    }));
    sqlx::query(
        "INSERT INTO reservations (id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, created_at, updated_at, slot_ends_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 8, value ->> 9 \
         FROM json_each($1)",
    )
    .bind(reservations)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_events(tx: &mut SqliteConnection, booked: &[&Pending]) -> Result<(), sqlx::Error> {
    let events = json_array(
        booked_events(booked)?
            .into_iter()
            .map(|e| json!([e.id, e.kind, e.aggregate, e.payload, e.at])),
    );
    sqlx::query(
        "INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each($1)",
    )
    .bind(events)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
