//! Background work every instance runs: the drop clock, event delivery, and housekeeping.
//! Each is safe to run on many instances at once (conditional updates, leased batches).

use app::{
    rate_limits::{RateLimiter, SYNC_INTERVAL},
    services::Services,
    time::Timestamp,
};
use std::time::Duration;
use tower_sessions::session_store::ExpiredDeletion;

/// How often expired browser sessions, old sign-in failures and rate counts are deleted.
const SESSION_SWEEP_INTERVAL: Duration = Duration::from_secs(600);
/// The longest the drop clock sleeps, so a drop published on another instance opens on time.
const CLOCK_MAX_SLEEP: Duration = Duration::from_millis(500);
/// How often pending events are looked for.
const OUTBOX_POLL: Duration = Duration::from_millis(500);
const OUTBOX_BATCH: i64 = 200;

pub fn spawn_all(services: &Services, limiter: &RateLimiter) {
    tokio::spawn(housekeeping(services.clone(), limiter.clone()));
    tokio::spawn(share_rate_counts(limiter.clone()));
    tokio::spawn(drop_clock(services.clone()));
    tokio::spawn(deliver_events(services.clone()));
    tokio::spawn(send_notifications(services.clone()));
    tokio::spawn(release_lapsed_holds(services.clone()));
    tokio::spawn(mark_no_shows(services.clone()));
}

/// How often ended slots are looked at for no-shows.
const NO_SHOW_SWEEP: Duration = Duration::from_secs(60);

async fn mark_no_shows(services: Services) {
    let mut every = tokio::time::interval(NO_SHOW_SWEEP);
    loop {
        every.tick().await;
        match services.reservations.mark_no_shows(Timestamp::now()).await {
            Ok(0) => {}
            Ok(marked) => tracing::info!(marked, "marked no-shows"),
            Err(error) => tracing::warn!(%error, "cannot mark no-shows"),
        }
    }
}

/// How often lapsed holds are looked for (bookings also release a full slot's lapsed holds).
const HOLD_SWEEP: Duration = Duration::from_secs(1);

async fn release_lapsed_holds(services: Services) {
    let mut every = tokio::time::interval(HOLD_SWEEP);
    loop {
        every.tick().await;
        match services
            .reservations
            .expire_holds(None, Timestamp::now())
            .await
        {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "released lapsed holds"),
            Err(error) => tracing::warn!(%error, "cannot release lapsed holds"),
        }
    }
}

/// Adds this instance's counts of busy rate-limit keys to the shared ones, and reads back what
/// the other instances counted.
async fn share_rate_counts(limiter: RateLimiter) {
    let mut every = tokio::time::interval(SYNC_INTERVAL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(error) = limiter.sync(Timestamp::now().as_millis()).await {
            tracing::warn!(%error, "cannot share rate-limit counts; counting locally");
        }
    }
}

async fn housekeeping(services: Services, limiter: RateLimiter) {
    let sessions = services.identity.session_store();
    let mut every = tokio::time::interval(SESSION_SWEEP_INTERVAL);
    loop {
        every.tick().await;
        if let Err(error) = sessions.delete_expired().await {
            tracing::warn!(%error, "cannot delete expired sessions");
        }
        if let Err(error) = services.identity.prune_sign_in_failures().await {
            tracing::warn!(%error, "cannot prune old sign-in failures");
        }
        if let Err(error) = limiter
            .forget_old_counts(Timestamp::now().as_millis())
            .await
        {
            tracing::warn!(%error, "cannot prune old rate-limit counts");
        }
    }
}

/// Opens and closes drops at their instants: sleeps until the next one (at most
/// `CLOCK_MAX_SLEEP`), then writes the moves and their events.
async fn drop_clock(services: Services) {
    loop {
        let now = Timestamp::now();
        match services.drops.advance_clock(now).await {
            Ok(0) => {}
            Ok(moves) => tracing::info!(moves, "drop clock moved drops"),
            Err(error) => tracing::warn!(%error, "drop clock failed; retrying"),
        }
        let next = services.drops.next_clock_instant(now).await.ok().flatten();
        let until_next = next.map_or(CLOCK_MAX_SLEEP, |at| {
            Duration::from_millis(
                u64::try_from(at.as_millis() - Timestamp::now().as_millis()).unwrap_or(0),
            )
        });
        tokio::time::sleep(until_next.min(CLOCK_MAX_SLEEP)).await;
    }
}

/// How often due messages are looked for when none were waiting.
const NOTIFY_POLL: Duration = Duration::from_millis(500);
const NOTIFY_BATCH: i64 = 50;

/// Sends due messages (confirmations, reminders, retries): straight on while a backlog lasts,
/// otherwise every `NOTIFY_POLL`.
async fn send_notifications(services: Services) {
    loop {
        match services
            .notifications
            .deliver_due(Timestamp::now(), NOTIFY_BATCH)
            .await
        {
            Ok(handled) if handled as i64 == NOTIFY_BATCH => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot send notifications; retrying"),
        }
        tokio::time::sleep(NOTIFY_POLL).await;
    }
}

async fn deliver_events(services: Services) {
    loop {
        match services
            .outbox
            .dispatch_once(Timestamp::now(), OUTBOX_BATCH)
            .await
        {
            Ok(n) if n as i64 == OUTBOX_BATCH => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "event delivery failed; retrying"),
        }
        tokio::time::sleep(OUTBOX_POLL).await;
    }
}
