//! A group of bookings written to PostgreSQL in one transaction of a few set-based statements,
//! whatever the group's size: lock its people (in key order, so groups of several instances
//! cannot deadlock), read their earlier bookings, lock its slots, each in the group's turn
//! (`LockTurns`); then decide in memory and write everything in one statement. While one group
//! holds the slots, the next already locks its people.

use super::{
    group::{booked, booked_events, codes_of, people_of, slots_of},
    group_commit::{LockTurns, Pending},
};
use crate::{
    identity::model::UserId,
    reservations::{
        model::Reservation,
        rules::booking::{BookOutcome, GroupState, NewBooking, decide},
        storage::{COLUMNS, ReservationRow},
    },
};
use sqlx::{FromRow, PgConnection, PgPool, Row};
use std::collections::HashMap;

pub(super) async fn write_group(
    pool: &PgPool,
    group: &[Pending],
    mut turns: LockTurns,
) -> Result<Vec<BookOutcome>, sqlx::Error> {
    let bookings: Vec<_> = group.iter().map(|p| &p.booking).collect();
    // Before taking a connection: a group holding one while it waits could starve the group
    // ahead of it in a small pool.
    turns.people.wait().await;
    let mut tx = pool.begin().await?;
    let mut state = GroupState::default();
    lock_people(&mut tx, &bookings, &mut state).await?;
    turns.people.pass();
    // Under the people's locks: an earlier booking of theirs has committed or is not there.
    read_earlier(&mut tx, &bookings, &mut state).await?;
    turns.slots.wait().await;
    lock_slots(&mut tx, &bookings, &mut state).await?;
    // In the slots' turn, so groups lock codes in arrival order too.
    lock_codes(&mut tx, &bookings, &mut state).await?;
    turns.slots.pass();
    let outcomes = decide(&mut state, &bookings);
    let booked = booked(group, &outcomes);
    if !booked.is_empty() {
        write_booked(&mut tx, &state, &booked).await?;
        write_codes(&mut tx, &state).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

async fn read_earlier(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let keys: Vec<(UserId, &str)> = bookings
        .iter()
        .filter_map(|b| Some((b.reservation.user_id, b.idempotency_key.as_deref()?)))
        .collect();
    state.earlier = earlier_by_key(&mut *tx, &keys).await?;
    Ok(())
}

/// The bookings made earlier with the given (person, key) pairs, by pair.
pub(super) async fn earlier_by_key<'c>(
    executor: impl sqlx::PgExecutor<'c>,
    keys: &[(UserId, &str)],
) -> Result<HashMap<(UserId, String), Reservation>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let (users, keys): (Vec<String>, Vec<&str>) = keys
        .iter()
        .map(|(user, key)| (user.to_string(), *key))
        .unzip();
    let rows = sqlx::query(&earlier_sql())
        .bind(users)
        .bind(keys)
        .fetch_all(executor)
        .await?;
    let mut earlier = HashMap::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("idempotency_key")?;
        let first: Reservation = ReservationRow::from_row(&row)?.try_into()?;
        earlier.insert((first.user_id, key), first);
    }
    Ok(earlier)
}

/// The earlier bookings of the given (person, key) pairs: one index lookup per key, whatever
/// the statistics say. A join planned while the table was small (a fresh database's first
/// drop) would keep scanning the whole table as the stampede fills it.
fn earlier_sql() -> String {
    format!(
        "SELECT r.* FROM unnest($1::text[], $2::text[]) AS k(user_id, idempotency_key) \
         CROSS JOIN LATERAL (SELECT {COLUMNS}, idempotency_key FROM reservations \
           WHERE user_id = k.user_id AND idempotency_key = k.idempotency_key LIMIT 1) AS r"
    )
}

/// Makes sure every person of the group has a count row and locks it, in key order: one
/// upsert that touches an existing row without changing it, and so locks it and returns it.
async fn lock_people(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let people = people_of(bookings);
    let (drops, users): (Vec<String>, Vec<String>) = people.into_iter().unzip();
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "INSERT INTO drop_participants AS d (drop_id, user_id, active) \
         SELECT drop_id, user_id, 0 FROM unnest($1::text[], $2::text[]) AS p(drop_id, user_id) \
         ORDER BY drop_id, user_id \
         ON CONFLICT (drop_id, user_id) DO UPDATE SET active = d.active \
         RETURNING drop_id, user_id, active",
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

/// The access codes the group's early-access bookings give (most groups have none), locked.
async fn lock_codes(
    tx: &mut PgConnection,
    bookings: &[&NewBooking],
    state: &mut GroupState,
) -> Result<(), sqlx::Error> {
    let codes = codes_of(bookings);
    if codes.is_empty() {
        return Ok(());
    }
    let (drops, codes): (Vec<String>, Vec<String>) = codes.into_iter().unzip();
    let rows: Vec<(String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT c.drop_id, c.code, c.max_uses::int8, c.uses::int8 FROM drop_access_codes c \
         JOIN unnest($1::text[], $2::text[]) AS k(drop_id, code) \
           ON c.drop_id = k.drop_id AND c.code = k.code \
         ORDER BY c.drop_id, c.code FOR UPDATE OF c",
    )
    .bind(drops)
    .bind(codes)
    .fetch_all(&mut *tx)
    .await?;
    for row in rows {
        state.add_code(row)?;
    }
    Ok(())
}

async fn write_codes(tx: &mut PgConnection, state: &GroupState) -> Result<(), sqlx::Error> {
    if state.codes.is_empty() {
        return Ok(());
    }
    let (drops, codes, uses) = state.code_uses();
    sqlx::query(
        "UPDATE drop_access_codes c SET uses = u.uses \
         FROM unnest($1::text[], $2::text[], $3::int8[]) AS u(drop_id, code, uses) \
         WHERE c.drop_id = u.drop_id AND c.code = u.code AND c.uses <> u.uses",
    )
    .bind(drops)
    .bind(codes)
    .bind(uses)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes the decided group in one statement: the people's counts, the slots' ledgers, the
/// reservations and their outbox rows. The counts go through the key's index (an upsert of
/// rows known to exist), not a join a stale plan could turn into scans of the whole table.
async fn write_booked(
    tx: &mut PgConnection,
    state: &GroupState,
    booked: &[&Pending],
) -> Result<(), sqlx::Error> {
    let mut people = (Vec::new(), Vec::new(), Vec::new());
    for ((drop, user), active) in &state.active {
        people.0.push(drop.to_string());
        people.1.push(user.to_string());
        people.2.push(*active);
    }
    let mut slots = (Vec::new(), Vec::new(), Vec::new());
    for (id, ledger) in &state.slots {
        slots.0.push(id.to_string());
        slots.1.push(ledger.held);
        slots.2.push(ledger.confirmed);
    }
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
        "WITH people AS ( \
           INSERT INTO drop_participants AS p (drop_id, user_id, active) \
           SELECT * FROM unnest($1::text[], $2::text[], $3::int8[]) \
           ON CONFLICT (drop_id, user_id) DO UPDATE SET active = excluded.active \
           WHERE p.active <> excluded.active \
         ), ledgers AS ( \
           UPDATE drop_slots s SET held = l.held, confirmed = l.confirmed \
           FROM unnest($4::text[], $5::int8[], $6::int8[]) AS l(id, held, confirmed) \
           WHERE s.id = l.id AND (s.held, s.confirmed) <> (l.held, l.confirmed) \
         ), booked AS ( \
           INSERT INTO reservations (id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, created_at, updated_at, slot_ends_at) \
           SELECT id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, at, at, slot_ends_at \
           FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::int8[], $12::text[], $13::int8[], $14::text[], $15::int8[], $16::int8[]) \
           AS r(id, drop_id, slot_id, user_id, units, status, hold_expires_at, idempotency_key, at, slot_ends_at) \
         ) \
         INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) \
         SELECT * FROM unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::int8[])",
    )
    .bind(people.0)
    .bind(people.1)
    .bind(people.2)
    .bind(slots.0)
    .bind(slots.1)
    .bind(slots.2)
    .bind(each(booked, |p| p.booking.reservation.id.to_string()))
    .bind(each(booked, |p| p.booking.reservation.drop_id.to_string()))
    .bind(each(booked, |p| p.booking.reservation.slot_id.to_string()))
    .bind(each(booked, |p| p.booking.reservation.user_id.to_string()))
    .bind(each(booked, |p| i64::from(p.booking.reservation.units)))
    .bind(each(booked, |p| p.booking.reservation.status.as_str()))
    .bind(each(booked, |p| {
        p.booking.reservation.hold_expires_at.map(|t| t.as_millis())
    }))
    .bind(each(booked, |p| p.booking.idempotency_key.as_deref()))
    .bind(each(booked, |p| p.booking.now.as_millis()))
    .bind(each(booked, |p| p.booking.slot_ends_at.as_millis()))
    .bind(ids)
    .bind(kinds)
    .bind(aggregates)
    .bind(payloads)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// One bound column: `value` of every booking in the group.
fn each<'a, T>(booked: &[&'a Pending], value: impl Fn(&'a Pending) -> T) -> Vec<T> {
    booked.iter().map(|p| value(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::earlier_sql;
    use crate::db::{Db, Engine, testing::run};
    use sqlx::PgConnection;

    /// Planned once for every later run, on a fresh database's empty table, as a prepared
    /// statement of the first drop's stampede is.
    #[tokio::test]
    async fn earlier_bookings_are_found_by_key_even_in_a_plan_made_on_an_empty_table() {
        run(Engine::Postgres, |db| async move {
            let Db::Postgres(pool) = db else {
                panic!("a PostgreSQL database")
            };
            let mut conn = pool.acquire().await.expect("a connection");
            let plan = generic_plan_of_earlier(&mut conn).await;
            assert!(
                plan.contains("Index Scan") && !plan.contains("Seq Scan"),
                "{plan}"
            );
        })
        .await;
    }

    async fn generic_plan_of_earlier(conn: &mut PgConnection) -> String {
        let prepare = format!("PREPARE earlier(text[], text[]) AS {}", earlier_sql());
        for statement in ["SET plan_cache_mode = force_generic_plan", prepare.as_str()] {
            sqlx::query(statement)
                .execute(&mut *conn)
                .await
                .expect(statement);
        }
        sqlx::query_scalar::<_, String>("EXPLAIN EXECUTE earlier('{}', '{}')")
            .fetch_all(&mut *conn)
            .await
            .expect("explain")
            .join("\n")
    }
}
