//! A group of bookings written to PostgreSQL in one transaction of a few set-based statements,
//! whatever the group's size: lock the group's people and slots (in key order, so groups of
//! several instances cannot deadlock), decide in memory, then one statement per table. The
//! slots' rows are locked for a handful of round trips per group instead of one booking's.

use super::{
    COLUMNS, NewBooking, ReservationRow,
    booking::{BookOutcome, Pending},
    group::{GroupState, booked, booked_events, decide, people_of, slots_of},
};
use crate::reservations::model::Reservation;
use sqlx::{FromRow, PgConnection, PgPool, Row};

pub(super) async fn write_group(
    pool: &PgPool,
    group: &[Pending],
) -> Result<Vec<BookOutcome>, sqlx::Error> {
    let bookings: Vec<_> = group.iter().map(|p| &p.booking).collect();
    let mut tx = pool.begin().await?;
    let mut state = GroupState::default();
    read_earlier(&mut tx, &bookings, &mut state).await?;
    lock_people(&mut tx, &bookings, &mut state).await?;
    lock_slots(&mut tx, &bookings, &mut state).await?;
    let outcomes = decide(&mut state, &bookings);
    let booked = booked(group, &outcomes);
    if !booked.is_empty() {
        write_people(&mut tx, &state).await?;
        write_slots(&mut tx, &state).await?;
        insert_reservations(&mut tx, &booked).await?;
        insert_events(&mut tx, &booked).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

async fn read_earlier(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let (users, keys): (Vec<String>, Vec<String>) = bookings
        .iter()
        .filter_map(|b| {
            let key = b.idempotency_key.clone()?;
            Some((b.reservation.user_id.to_string(), key))
        })
        .unzip();
    if users.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT {COLUMNS}, idempotency_key FROM reservations \
         WHERE (user_id, idempotency_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))"
    );
    let rows = sqlx::query(&sql)
        .bind(users)
        .bind(keys)
        .fetch_all(&mut *tx)
        .await?;
    for row in rows {
        let key: String = row.try_get("idempotency_key")?;
        let first: Reservation = ReservationRow::from_row(&row)?.try_into()?;
        state.earlier.insert((first.user_id, key), first);
    }
    Ok(())
}

/// Makes sure every person of the group has a count row, then locks them in key order.
async fn lock_people(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let people = people_of(bookings);
    let (drops, users): (Vec<String>, Vec<String>) = people.into_iter().unzip();
    sqlx::query(
        "INSERT INTO drop_participants (drop_id, user_id, active) \
         SELECT drop_id, user_id, 0 FROM unnest($1::text[], $2::text[]) AS p(drop_id, user_id) \
         ON CONFLICT (drop_id, user_id) DO NOTHING",
    )
    .bind(&drops)
    .bind(&users)
    .execute(&mut *tx)
    .await?;
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT drop_id, user_id, active FROM drop_participants \
         WHERE (drop_id, user_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) \
         ORDER BY drop_id, user_id FOR UPDATE",
    )
    .bind(&drops)
    .bind(&users)
    .fetch_all(&mut *tx)
    .await?;
    for (drop, user, active) in rows {
        state.add_person(&drop, &user, active)?;
    }
    Ok(())
}

async fn lock_slots(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let slots: Vec<String> = slots_of(bookings).into_iter().collect();
    let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, capacity, held, confirmed, waitlisted FROM drop_slots \
         WHERE id = ANY($1) ORDER BY id FOR UPDATE",
    )
    .bind(slots)
    .fetch_all(&mut *tx)
    .await?;
    for row in rows {
        state.add_slot(row)?;
    }
    Ok(())
}

async fn write_people(tx: &mut PgConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    let mut drops = Vec::with_capacity(state.active.len());
    let mut users = Vec::with_capacity(state.active.len());
    let mut counts = Vec::with_capacity(state.active.len());
    for ((drop, user), active) in &state.active {
        drops.push(drop.to_string());
        users.push(user.to_string());
        counts.push(*active);
    }
    sqlx::query(
        "UPDATE drop_participants p SET active = c.active \
         FROM unnest($1::text[], $2::text[], $3::int8[]) AS c(drop_id, user_id, active) \
         WHERE p.drop_id = c.drop_id AND p.user_id = c.user_id AND p.active <> c.active",
    )
    .bind(drops)
    .bind(users)
    .bind(counts)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn write_slots(tx: &mut PgConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    let mut ids = Vec::with_capacity(state.slots.len());
    let mut held = Vec::with_capacity(state.slots.len());
    let mut confirmed = Vec::with_capacity(state.slots.len());
    for (id, ledger) in &state.slots {
        ids.push(id.to_string());
        held.push(ledger.held);
        confirmed.push(ledger.confirmed);
    }
    sqlx::query(
        "UPDATE drop_slots s SET held = l.held, confirmed = l.confirmed \
         FROM unnest($1::text[], $2::int8[], $3::int8[]) AS l(id, held, confirmed) \
         WHERE s.id = l.id AND (s.held, s.confirmed) <> (l.held, l.confirmed)",
    )
    .bind(ids)
    .bind(held)
    .bind(confirmed)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_reservations(
    tx: &mut PgConnection,
    booked: &[&Pending],
) -> Result<(), sqlx::Error> {
    let column = |f: fn(&Pending) -> String| booked.iter().map(|p| f(p)).collect::<Vec<_>>();
    let ids = column(|p| p.booking.reservation.id.to_string());
    let drops = column(|p| p.booking.reservation.drop_id.to_string());
    let slots = column(|p| p.booking.reservation.slot_id.to_string());
    let users = column(|p| p.booking.reservation.user_id.to_string());
    let statuses = column(|p| p.booking.reservation.status.as_str().to_owned());
    let units: Vec<i64> = booked
        .iter()
        .map(|p| i64::from(p.booking.reservation.units))
        .collect();
    let hold_ends: Vec<Option<i64>> = booked
        .iter()
        .map(|p| p.booking.reservation.hold_expires_at.map(|t| t.as_millis()))
        .collect();
    let keys: Vec<Option<String>> = booked
        .iter()
        .map(|p| p.booking.idempotency_key.clone())
        .collect();
    let nows: Vec<i64> = booked.iter().map(|p| p.now.as_millis()).collect();
    let slot_ends: Vec<i64> = booked
        .iter()
        .map(|p| p.booking.slot_ends_at.as_millis())
        .collect();
    sqlx::query(
        "INSERT INTO reservations (id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, created_at, updated_at, slot_ends_at) \
         SELECT id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, at, at, slot_ends_at \
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::text[], $7::int8[], $8::text[], $9::int8[], $10::int8[]) \
         AS r(id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, at, slot_ends_at)",
    )
    .bind(ids)
    .bind(drops)
    .bind(slots)
    .bind(users)
    .bind(units)
    .bind(statuses)
    .bind(hold_ends)
    .bind(keys)
    .bind(nows)
    .bind(slot_ends)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_events(tx: &mut PgConnection, booked: &[&Pending]) -> Result<(), sqlx::Error> {
    let (mut ids, mut kinds, mut aggregates, mut payloads, mut at) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for event in booked_events(booked)? {
        ids.push(event.id);
        kinds.push(event.kind);
        aggregates.push(event.aggregate);
        payloads.push(event.payload);
        at.push(event.at);
    }
    sqlx::query(
        "INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) \
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[])",
    )
    .bind(ids)
    .bind(kinds)
    .bind(aggregates)
    .bind(payloads)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
