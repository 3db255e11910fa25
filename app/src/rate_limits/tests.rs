use super::*;
use crate::db::{Db, Engine, testing::run};
use std::{collections::HashMap, net::IpAddr};

const ADDRESS: &str = "203.0.113.7";

fn limiter(db: &Db, per_address: u32) -> RateLimiter {
    RateLimiter::new(
        db.clone(),
        HashMap::from([(
            Action::SignIn,
            Limit {
                per_address: Some(per_address),
                per_account: None,
                per_secs: 60,
            },
        )]),
    )
}

fn admitted(limiter: &RateLimiter, tries: usize, now_ms: i64) -> usize {
    let subject = [Subject::address(ADDRESS.parse::<IpAddr>().unwrap())];
    (0..tries)
        .filter(|_| limiter.check(&[Action::SignIn], &subject, now_ms) == Verdict::Allowed)
        .count()
}

/// PostgreSQL only: instances share one only there (SQLite is served by one process).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_limit() {
    run(Engine::Postgres, |db| async move {
        let now = 60_000 * 1000 + 5;
        let (first, second) = (limiter(&db, 8), limiter(&db, 8));
        assert_eq!(admitted(&first, 4, now), 4);
        assert_eq!(admitted(&second, 4, now), 4);
        first.sync(now).await.unwrap();
        second.sync(now).await.unwrap();
        first.sync(now).await.unwrap();
        assert_eq!(
            admitted(&first, 5, now),
            0,
            "the other instance's four count"
        );
        assert_eq!(admitted(&second, 5, now), 0);
        // The next window starts empty, and the old one is forgotten by both.
        let later = now + 60_000;
        assert_eq!(admitted(&first, 9, later), 8);
        assert!(first.forget_old_counts(later + 60_000).await.unwrap() >= 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_far_from_their_limit_are_not_written() {
    run(Engine::Postgres, |db| async move {
        let now = 60_000 * 1000;
        let quiet = RateLimiter::new(
            db.clone(),
            HashMap::from([(
                Action::Booking,
                Limit {
                    per_address: Some(100),
                    per_account: None,
                    per_secs: 60,
                },
            )]),
        );
        let booking = |tries: usize| {
            let subject = [Subject::address(ADDRESS.parse::<IpAddr>().unwrap())];
            (0..tries)
                .filter(|_| quiet.check(&[Action::Booking], &subject, now) == Verdict::Allowed)
                .count()
        };
        assert_eq!(booking(3), 3);
        assert_eq!(quiet.sync(now).await.unwrap(), 0);
        assert_eq!(booking(30), 30);
        assert_eq!(quiet.sync(now).await.unwrap(), 1);
        assert_eq!(
            quiet.sync(now).await.unwrap(),
            1,
            "read back while it has room"
        );
    })
    .await;
}

/// Sign-in and the like are shared from the first request, however far from their limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_actions_share_every_count() {
    run(Engine::Postgres, |db| async move {
        let now = 60_000 * 1000;
        let (first, second) = (limiter(&db, 100), limiter(&db, 100));
        assert_eq!(admitted(&first, 1, now), 1);
        assert_eq!(first.sync(now).await.unwrap(), 1);
        assert_eq!(admitted(&second, 99, now), 99);
        second.sync(now).await.unwrap();
        assert_eq!(
            admitted(&second, 1, now),
            0,
            "the first instance's one counts"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sqlite_process_counts_alone() {
    run(Engine::Sqlite, |db| async move {
        let now = 60_000 * 1000;
        let alone = limiter(&db, 8);
        assert_eq!(admitted(&alone, 9, now), 8);
        assert_eq!(alone.sync(now).await.unwrap(), 0, "nothing to share");
    })
    .await;
}
