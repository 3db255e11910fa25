//! Mail that other contexts write themselves (account links, staff invitations) goes the same
//! path as the rest: a row in the delivery log, sent at once, and tried again by the worker if
//! that fails. Its text holds secret links, so the row forgets it once the mail is out.

use super::{
    model::{Channel, MessageKind},
    rules,
    storage::{NewNotification, NotificationStorage},
};
use crate::{
    db::Db,
    mail::{MailError, Mailer, OutgoingMail, SharedMailer},
    time::Timestamp,
};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// What is kept of such a mail until it is sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StoredMail {
    pub subject: String,
    pub body: String,
}

pub struct QueuedMailer {
    storage: NotificationStorage,
    transport: SharedMailer,
    first_retry_ms: i64,
}

impl QueuedMailer {
    pub fn new(db: Db, transport: SharedMailer, first_retry_ms: i64) -> Self {
        Self {
            storage: NotificationStorage::new(db),
            transport,
            first_retry_ms,
        }
    }
}

#[async_trait]
impl Mailer for QueuedMailer {
    /// Answers once the mail is in the log: sent, or waiting for the worker's next try.
    async fn send(&self, mail: OutgoingMail) -> Result<String, MailError> {
        let now = Timestamp::now();
        let stored = StoredMail {
            subject: mail.subject.clone(),
            body: mail.body.clone(),
        };
        let row = NewNotification {
            dedupe_key: uuid::Uuid::now_v7().to_string(),
            recipient: mail.to.clone(),
            channel: Channel::Email,
            kind: MessageKind::AccountMail,
            subject: serde_json::to_string(&stored).map_err(|e| MailError::Build(e.to_string()))?,
            store_id: None,
            drop_id: None,
            due_at: now,
        };
        let lease = rules::retry_delay_ms(1, self.first_retry_ms, 1.0);
        let id = self
            .storage
            .queue_sending(&row, now, lease)
            .await
            .map_err(|e| MailError::Deliver(format!("cannot log the mail: {e}")))?;
        let outcome = self.transport.send(mail).await;
        let logged = match &outcome {
            Ok(provider_id) => {
                self.storage
                    .mark_sent(&id, provider_id, Timestamp::now(), true)
                    .await
            }
            // The lease ends when the first retry is due: the worker takes it from there.
            Err(error) if error.is_transient() => {
                self.storage.note_error(&id, &error.to_string()).await
            }
            Err(error) => {
                self.storage
                    .mark_failed(&id, &error.to_string(), None)
                    .await
            }
        };
        if let Err(error) = logged {
            tracing::warn!(%error, "cannot log a mail's outcome");
        }
        outcome.or_else(|error| {
            if error.is_transient() {
                Ok("queued for another try".to_owned())
            } else {
                Err(error)
            }
        })
    }
}
