//! Delivery from the outbox: a failed event waits and is tried again; instances sharing a
//! PostgreSQL database never deliver one event twice at once.

use super::{
    DomainEvent,
    outbox::{EventHandler, Outbox, StoredEvent, append_event},
};
use crate::{
    db::{Db, Engine, testing::run},
    db_test,
    drops::model::DropId,
    in_write_tx,
    stores::model::StoreId,
    time::Timestamp,
};
use std::sync::{Arc, Mutex};

fn cancelled() -> DomainEvent {
    DomainEvent::DropCancelled {
        drop_id: DropId::generate(),
        store_id: StoreId::generate(),
    }
}

async fn append(db: &Db, events: &[DomainEvent], now: Timestamp) -> Result<(), sqlx::Error> {
    in_write_tx!(db, tx => {
        for event in events {
            append_event(&mut *tx, event, now).await?;
        }
    });
    Ok(())
}

/// Records what it is handed; refuses the events named in `refuse` the first time.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<String>>,
    refuse: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl EventHandler for Recorder {
    fn name(&self) -> &'static str {
        "recorder"
    }
    async fn handle(&self, event: &StoredEvent) -> Result<(), String> {
        let aggregate = event.event.aggregate_id();
        let refused = {
            let mut refuse = self.refuse.lock().unwrap();
            let at = refuse.iter().position(|a| *a == aggregate);
            at.map(|at| refuse.remove(at))
        };
        if refused.is_some() {
            return Err("not now".into());
        }
        // Long enough for a second dispatcher to look for the same events meanwhile.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        self.seen.lock().unwrap().push(aggregate);
        Ok(())
    }
}

db_test!(
    async fn an_event_a_handler_failed_waits_and_is_delivered_later(db: Db) {
        let now = Timestamp::now();
        let events = [cancelled(), cancelled(), cancelled()];
        append(&db, &events, now).await.unwrap();
        let recorder = Arc::new(Recorder::default());
        recorder
            .refuse
            .lock()
            .unwrap()
            .push(events[1].aggregate_id());
        let outbox = Outbox::new(db, vec![recorder.clone()]);
        let later = |ms| Timestamp::from_millis(now.as_millis() + ms);

        assert_eq!(outbox.dispatch_once(now, 10).await.unwrap(), 2);
        assert_eq!(
            outbox.dispatch_once(later(1_000), 10).await.unwrap(),
            0,
            "it waits"
        );
        assert_eq!(outbox.pending().await.unwrap(), 1);
        assert_eq!(outbox.dispatch_once(later(31_000), 10).await.unwrap(), 1);
        assert_eq!(outbox.pending().await.unwrap(), 0);
        assert_eq!(outbox.dispatch_once(later(62_000), 10).await.unwrap(), 0);
        let seen = recorder.seen.lock().unwrap().clone();
        let expected = [0, 2, 1].map(|i| events[i].aggregate_id());
        assert_eq!(seen, expected, "each delivered once, the failed one last");
    }
);

db_test!(
    async fn an_event_this_version_cannot_read_holds_up_nothing_and_is_set_aside_at_last(db: Db) {
        let now = Timestamp::now();
        append(&db, &[cancelled()], now).await.unwrap();
        // Written by a newer version during a rolling deploy: a kind this one does not know.
        crate::execute!(
            &db,
            "INSERT INTO outbox (event_id, kind, aggregate_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)",
            "from-the-future",
            "GiftCardIssued",
            "g-1",
            r#"{"GiftCardIssued":{"card_id":"g-1"}}"#,
            now.as_millis()
        )
        .unwrap();
        append(&db, &[cancelled()], now).await.unwrap();
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::new(db.clone(), vec![recorder.clone()]);
        assert_eq!(
            outbox.dispatch_once(now, 10).await.unwrap(),
            2,
            "both around it"
        );
        assert_eq!(recorder.seen.lock().unwrap().len(), 2);
        assert_eq!(
            outbox.pending().await.unwrap(),
            1,
            "kept for an instance that reads it"
        );

        crate::execute!(
            &db,
            "UPDATE outbox SET attempts = 119 WHERE event_id = $1",
            "from-the-future"
        )
        .unwrap();
        let later = Timestamp::from_millis(now.as_millis() + 31_000);
        assert_eq!(outbox.dispatch_once(later, 10).await.unwrap(), 0);
        assert_eq!(outbox.dead_letters().await.unwrap(), 1);
        assert_eq!(outbox.pending().await.unwrap(), 0);

        // Once a version that reads it runs, the operator puts it back in line.
        assert_eq!(outbox.requeue_dead_letters().await.unwrap(), 1);
        assert_eq!(
            (
                outbox.dead_letters().await.unwrap(),
                outbox.pending().await.unwrap()
            ),
            (0, 1)
        );
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_delivering_at_once_hand_each_event_over_once() {
    run(Engine::Postgres, |db| async move {
        let now = Timestamp::now();
        let events: Vec<_> = (0..40).map(|_| cancelled()).collect();
        append(&db, &events, now).await.unwrap();
        let recorder = Arc::new(Recorder::default());
        let instance = || Outbox::new(db.clone(), vec![recorder.clone()]);
        let (first, second) = (instance(), instance());
        let mut delivered = 0;
        while delivered < events.len() {
            let (a, b) = tokio::join!(first.dispatch_once(now, 8), second.dispatch_once(now, 8));
            let round = a.unwrap() + b.unwrap();
            assert!(round > 0, "every round delivers");
            delivered += round;
        }
        let mut seen = recorder.seen.lock().unwrap().clone();
        seen.sort();
        let mut expected: Vec<_> = events.iter().map(DomainEvent::aggregate_id).collect();
        expected.sort();
        assert_eq!(seen, expected);
    })
    .await;
}
