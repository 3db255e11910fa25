//! Password hashing with argon2id, always on the blocking pool: a hash takes tens of
//! milliseconds of CPU and must not stall the async runtime. At most half the cores hash at once
//! (each hash takes 19 MiB; 500 registrations at once otherwise took the server past 9 GiB), so
//! a wave of sign-ups at a drop's opening leaves the other half to the bookings. A request waits
//! up to `WAIT_FOR_HASH` for its turn, then is told to come back (`Busy`).

use super::model::Password;
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};
use serde::Deserialize;
use std::{sync::Arc, time::Duration};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Hashes at once: half the cores, at least one.
fn hashes_at_once() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (cores / 2).max(1)
}

const WAIT_FOR_HASH: Duration = Duration::from_secs(3);

/// How expensive a hash is. Production is OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane);
/// the fast setting exists only so test suites can create thousands of accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HashCost {
    Production,
    InsecureFastForTests,
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("too many passwords are being hashed at once")]
    Busy,
}

#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    /// Verified against when an email is unknown, so both answers take the same time.
    dummy_hash: Arc<str>,
    turns: Arc<Semaphore>,
    wait: Duration,
}

impl PasswordHasher {
    pub fn new(cost: HashCost) -> Self {
        let params = match cost {
            HashCost::Production => Params::new(19 * 1024, 2, 1, None),
            HashCost::InsecureFastForTests => Params::new(8, 1, 1, None),
        }
        .expect("argon2 parameters are valid");
        let dummy_hash = hash_blocking(&params, "dummy password for timing")
            .expect("hashing works")
            .into();
        Self {
            params,
            dummy_hash,
            turns: Arc::new(Semaphore::new(hashes_at_once())),
            wait: WAIT_FOR_HASH,
        }
    }

    /// A turn to hash, held until the hash is done, or `Busy` after waiting `self.wait`.
    async fn turn(&self) -> Result<OwnedSemaphorePermit, HashError> {
        tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let turn = self.turn().await?;
        let params = self.params.clone();
        let password = password.expose().to_owned();
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            hash_blocking(&params, &password)
        })
        .await?
    }

    /// Checks a password against a stored hash, or against a dummy one when there is none.
    pub async fn verify(
        &self,
        password: &str,
        stored_hash: Option<&str>,
    ) -> Result<bool, HashError> {
        let known = stored_hash.is_some();
        let hash = stored_hash.map_or_else(|| self.dummy_hash.to_string(), str::to_owned);
        let password = password.to_owned();
        let turn = self.turn().await?;
        let matches = tokio::task::spawn_blocking(move || {
            let _turn = turn;
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await?;
        Ok(known && matches)
    }
}

fn hash_blocking(params: &Params, password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Argon2(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashing_past_its_turns_is_busy_not_a_growing_queue() {
        let mut hasher = PasswordHasher::new(HashCost::InsecureFastForTests);
        hasher.wait = Duration::from_millis(50);
        let password = Password::parse("violet-harbour-42", None).unwrap();
        let taken: Vec<_> = (0..hashes_at_once())
            .map(|_| hasher.turns.clone().try_acquire_owned().unwrap())
            .collect();
        assert!(matches!(hasher.hash(&password).await, Err(HashError::Busy)));
        assert!(matches!(
            hasher.verify("violet-harbour-42", None).await,
            Err(HashError::Busy)
        ));
        drop(taken);
        assert!(
            hasher.hash(&password).await.is_ok(),
            "a turn freed is taken"
        );
    }

    #[tokio::test]
    async fn production_parameters_meet_the_minimum() {
        let hasher = PasswordHasher::new(HashCost::Production);
        let hash = hasher
            .hash(&Password::parse("violet-harbour-42", None).unwrap())
            .await
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            hasher
                .verify("violet-harbour-42", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("violet-harbour-43", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !hasher.verify("violet-harbour-42", None).await.unwrap(),
            "no account, no match"
        );
    }
}
