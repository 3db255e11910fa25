//! How the Notifications context reacts to domain events: it plans the messages they cause.
//! Delivered at least once; planning the same event twice plans its messages once.

use super::service::NotificationService;
use crate::events::outbox::{EventHandler, StoredEvent};

pub struct NotificationReactions(pub NotificationService);

#[async_trait::async_trait]
impl EventHandler for NotificationReactions {
    fn name(&self) -> &'static str {
        "notifications"
    }

    async fn handle(&self, stored: &StoredEvent) -> Result<(), String> {
        self.0.plan(stored).await.map_err(|e| e.to_string())
    }
}
