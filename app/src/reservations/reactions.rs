//! How the Reservations context reacts to domain events: freed places go to the waitlist
//! (a cancellation, a lapsed hold, a raised capacity), and a cancelled drop lets its bookings
//! go. Delivered at least once; each reaction is safe to repeat.

use super::service::ReservationService;
use crate::{
    events::{
        DomainEvent,
        outbox::{EventHandler, StoredEvent},
    },
    time::Timestamp,
};

pub struct ReservationReactions(pub ReservationService);

#[async_trait::async_trait]
impl EventHandler for ReservationReactions {
    fn name(&self) -> &'static str {
        "reservations"
    }

    async fn handle(&self, stored: &StoredEvent) -> Result<(), String> {
        let service = &self.0;
        let done = match &stored.event {
            DomainEvent::ReservationCancelled(facts) | DomainEvent::ReservationExpired(facts) => {
                service
                    .promote(facts.slot_id, Timestamp::now())
                    .await
                    .map(drop)
            }
            DomainEvent::CapacityChanged {
                slot_id, from, to, ..
            } if to > from => service.promote(*slot_id, Timestamp::now()).await.map(drop),
            DomainEvent::DropCancelled { drop_id, .. } => {
                service.release_cancelled_drop(*drop_id).await
            }
            _ => Ok(()),
        };
        done.map_err(|e| e.to_string())
    }
}
