//! Writing a booking: the person's count, the slot's places, the row and its events, all or
//! nothing.
//!
//! Bookings that arrive together are written as a group by the process's writer tasks: one
//! transaction and so one commit (one fsync) for all. Each is answered only after that commit, so
//! an acknowledged booking is on disk. On both engines the group is read, decided in memory in
//! arrival order (`rules::booking::decide`) and written with a few set-based statements whatever its
//! size (`postgres`, `sqlite`): on PostgreSQL a statement per booking would cost a
//! round trip each while the group holds its slots' locks, on SQLite a hop to sqlx's thread.

use crate::{
    db::Db,
    reservations::rules::booking::{BookOutcome, NewBooking},
};
use std::sync::{Arc, OnceLock};
use tokio::sync::{Mutex, mpsc, oneshot};
use tracing::instrument;

/// The most bookings one group commit writes.
const MAX_GROUP: usize = 256;
/// The most bookings waiting for a writer: a few groups' worth. Past it a booking is answered
/// "busy, try again" (503) at once rather than waiting in a line that only grows.
pub(super) const MAX_QUEUED: usize = 8 * MAX_GROUP;

pub(super) struct Pending {
    pub booking: NewBooking,
    answer: oneshot::Sender<Result<BookOutcome, sqlx::Error>>,
}

/// The queue to this process's group writers, started on first use.
#[derive(Clone)]
pub(super) struct GroupCommit {
    db: Db,
    queue: Arc<OnceLock<mpsc::Sender<Pending>>>,
}

/// Groups in flight at once. On PostgreSQL a group locks its people while the group before it
/// holds the slots and writes. SQLite writes one transaction at a time whatever the number.
fn writers(db: &Db) -> usize {
    match db {
        Db::Sqlite(_) => 1,
        Db::Postgres(_) => 3,
    }
}

impl GroupCommit {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            queue: Arc::default(),
        }
    }

    /// Queues the booking for the next group and answers once that group committed. A full
    /// queue answers `PoolTimedOut` at once, as a database too busy to lend a connection does.
    #[instrument(skip_all)]
    pub async fn write(&self, booking: NewBooking) -> Result<BookOutcome, sqlx::Error> {
        let queue = self.queue.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(MAX_QUEUED);
            let queue = Arc::new(Mutex::new(Queue {
                receiver,
                last_people: None,
                last_slots: None,
            }));
            for _ in 0..writers(&self.db) {
                tokio::spawn(write_groups(self.db.clone(), queue.clone()));
            }
            sender
        });
        let (answer, answered) = oneshot::channel();
        queue.try_send(Pending { booking, answer }).map_err(
            |full_or_closed| match full_or_closed {
                mpsc::error::TrySendError::Full(_) => sqlx::Error::PoolTimedOut,
                mpsc::error::TrySendError::Closed(_) => sqlx::Error::PoolClosed,
            },
        )?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

struct Queue {
    receiver: mpsc::Receiver<Pending>,
    /// Told when the group taken last holds its people's locks, and its slots' locks.
    last_people: Option<oneshot::Receiver<()>>,
    last_slots: Option<oneshot::Receiver<()>>,
}

/// A group's places in line for its locks. Each kind of lock is taken in arrival order: a group
/// locks its people once the group before it holds its people, and its slots once that group
/// holds its slots. So groups written at once still book in arrival order, and no group waits
/// for a lock held by a group behind it, which would be a deadlock PostgreSQL cannot see (half
/// of the cycle being a wait in this process). The default is behind nobody, for a booking
/// written on its own.
#[derive(Default)]
pub(super) struct LockTurns {
    pub people: Turn,
    pub slots: Turn,
}

impl LockTurns {
    fn next(queue: &mut Queue) -> Self {
        Self {
            people: Turn::after(&mut queue.last_people),
            slots: Turn::after(&mut queue.last_slots),
        }
    }
}

#[derive(Default)]
pub(super) struct Turn {
    after: Option<oneshot::Receiver<()>>,
    done: Option<oneshot::Sender<()>>,
}

impl Turn {
    /// The next turn in a line whose last turn is told by `last`.
    fn after(last: &mut Option<oneshot::Receiver<()>>) -> Self {
        let (done, next) = oneshot::channel();
        Self {
            after: last.replace(next),
            done: Some(done),
        }
    }

    /// Waits until the group before holds its locks (or gave up: its turn was dropped).
    pub async fn wait(&mut self) {
        if let Some(after) = self.after.take() {
            let _ = after.await;
        }
    }

    /// Lets the next group take its locks.
    pub fn pass(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
    }
}

/// Takes groups off the queue and writes them until the queue closes.
async fn write_groups(db: Db, queue: Arc<Mutex<Queue>>) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    loop {
        let turns = {
            let mut queue = queue.lock().await;
            if queue.receiver.recv_many(&mut group, MAX_GROUP).await == 0 {
                return;
            }
            // A booking whose caller is gone (the request timed out or the phone hung up) is
            // not written: nobody would be told it was.
            group.retain(|pending| !pending.answer.is_closed());
            if group.is_empty() {
                continue;
            }
            LockTurns::next(&mut queue)
        };
        match write_group(&db, &group, turns).await {
            Ok(outcomes) => {
                for (pending, outcome) in group.drain(..).zip(outcomes) {
                    let _ = pending.answer.send(Ok(outcome));
                }
            }
            // The group's transaction failed as a whole (begin or commit): nothing of it was
            // written, so each booking is tried again on its own and answered with that.
            Err(error) => {
                tracing::warn!(%error, bookings = group.len(), "group commit failed; writing one by one");
                for pending in group.drain(..) {
                    let alone =
                        write_group(&db, std::slice::from_ref(&pending), LockTurns::default())
                            .await
                            .and_then(|mut outcomes| {
                                outcomes.pop().ok_or(sqlx::Error::RowNotFound)
                            });
                    let _ = pending.answer.send(alone);
                }
            }
        }
    }
}

async fn write_group(
    db: &Db,
    group: &[Pending],
    turns: LockTurns,
) -> Result<Vec<BookOutcome>, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => super::sqlite::write_group(pool, group).await,
        Db::Postgres(pool) => super::postgres::write_group(pool, group, turns).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(count: usize) -> Vec<Turn> {
        let mut last = None;
        (0..count).map(|_| Turn::after(&mut last)).collect()
    }

    #[tokio::test]
    async fn a_group_locks_only_after_the_group_before_holds_its_locks() {
        let mut line = turns(3);
        let mut third = line.pop().unwrap();
        let mut second = line.pop().unwrap();
        let mut first = line.pop().unwrap();
        let waiting = tokio::spawn(async move {
            second.wait().await;
            second
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "the second waits for the first");
        first.wait().await;
        first.pass();
        let second = waiting.await.unwrap();
        // A group that fails before passing its turn lets the next one go.
        drop(second);
        let third_goes = tokio::time::timeout(std::time::Duration::from_secs(5), third.wait());
        assert!(third_goes.await.is_ok());
    }
}
