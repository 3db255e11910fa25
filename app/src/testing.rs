//! Support for tests of this crate and of the server: services with cheap password hashing and
//! a mailbox in memory.

use crate::{
    db::Db,
    identity::{
        api_tokens::ApiTokenSettings,
        model::{Principal, Registration},
        password::HashCost,
    },
    mail::{MailError, Mailer, OutgoingMail},
    services::{ServiceSettings, Services},
};
use async_trait::async_trait;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

pub const TEST_PUBLIC_URL: &str = "http://dropslot.test";

/// Keeps every message instead of sending it.
#[derive(Default)]
pub struct MemoryMailer {
    sent: Mutex<Vec<OutgoingMail>>,
}

#[async_trait]
impl Mailer for MemoryMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<(), MailError> {
        self.sent.lock().expect("mailbox lock").push(mail);
        Ok(())
    }
}

impl MemoryMailer {
    pub fn sent_to(&self, to: &str) -> Vec<OutgoingMail> {
        self.sent
            .lock()
            .expect("mailbox lock")
            .iter()
            .filter(|m| m.to == to)
            .cloned()
            .collect()
    }

    /// Waits (mail goes out in the background) for a message to `to` holding a link to `path`,
    /// and returns the link's token.
    pub async fn token_for(&self, to: &str, path: &str) -> String {
        let marker = format!("{path}?token=");
        for _ in 0..200 {
            let found = self.sent_to(to).iter().rev().find_map(|mail| {
                mail.body
                    .split_whitespace()
                    .find_map(|word| word.split_once(&marker).map(|(_, token)| token.to_owned()))
            });
            if let Some(token) = found {
                return token;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no mail to {to} with a {path} link");
    }
}

pub fn test_services(db: Db) -> (Services, Arc<MemoryMailer>) {
    let mailbox = Arc::new(MemoryMailer::default());
    let settings = ServiceSettings {
        public_url: TEST_PUBLIC_URL.into(),
        hash_cost: HashCost::InsecureFastForTests,
        api_tokens: ApiTokenSettings {
            signing_key: b"test signing key, not for production use".to_vec(),
            issuer: TEST_PUBLIC_URL.into(),
            audience: format!("{TEST_PUBLIC_URL}/api/v1"),
            access_ttl_secs: 900,
            refresh_ttl_secs: 3600,
        },
        mailer: mailbox.clone(),
    };
    (Services::new(db, settings), mailbox)
}

/// A confirmed account, signed in: the principal it acts as.
pub async fn signed_in(services: &Services, email: &str) -> Principal {
    let registration =
        Registration::parse(email, "Test Person", "violet-harbour-42").expect("valid test account");
    let id = services
        .identity
        .provision_account(registration, false)
        .await
        .expect("provision account");
    Principal::User {
        id,
        is_platform_admin: false,
    }
}

pub async fn platform_admin(services: &Services, email: &str) -> Principal {
    let registration =
        Registration::parse(email, "Admin", "violet-harbour-42").expect("valid test account");
    let id = services
        .identity
        .provision_account(registration, true)
        .await
        .expect("provision admin");
    Principal::User {
        id,
        is_platform_admin: true,
    }
}
