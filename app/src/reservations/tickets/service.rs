//! Tickets through the Reservations service: the signed QR text of a confirmed booking, and
//! each store's signing key (made on first use), whose public half scanners verify with.

use super::model::Ticket;
use crate::{
    identity::model::Principal,
    reservations::{
        error::ReservationError,
        model::{Reservation, ReservationId},
        rules::ReservationStatus,
        service::ReservationService,
    },
    stores::model::StoreId,
    time::Timestamp,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ed25519_dalek::SigningKey;

/// The public half of a ticket key as base64url text.
pub(in crate::reservations) fn public_key_text(key: &SigningKey) -> String {
    URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes())
}

impl ReservationService {
    /// The signed ticket (QR text) of the caller's confirmed reservation.
    pub async fn ticket(
        &self,
        principal: &Principal,
        id: ReservationId,
    ) -> Result<String, ReservationError> {
        let reservation = self.get(principal, id).await?;
        self.signed_ticket(&reservation)
            .await?
            .ok_or(ReservationError::NoTicket)
    }

    /// A reservation as it stands now and, if it has one, its signed ticket: what a message
    /// about it shows. For the notifications worker, which acts for no one; the message goes
    /// to the reservation's own person.
    pub async fn notice(
        &self,
        id: ReservationId,
    ) -> Result<(Reservation, Option<String>), ReservationError> {
        let reservation = self.found(id).await?;
        let ticket = self.signed_ticket(&reservation).await?;
        Ok((reservation, ticket))
    }

    async fn signed_ticket(
        &self,
        reservation: &Reservation,
    ) -> Result<Option<String>, ReservationError> {
        if !matches!(
            reservation.status,
            ReservationStatus::Confirmed | ReservationStatus::CheckedIn
        ) {
            return Ok(None);
        }
        let (drop, _) = self
            .drops
            .slot_with_drop(reservation.slot_id, Timestamp::now())
            .await?;
        let key = self.signing_key(drop.store_id).await?;
        Ok(Some(
            Ticket {
                reservation: reservation.id,
                drop: reservation.drop_id,
                slot: reservation.slot_id,
                version: reservation.ticket_version,
            }
            .sign(&key),
        ))
    }

    /// The public half of a store's ticket key (base64url), what scanners verify tickets with.
    pub async fn ticket_public_key(&self, store: StoreId) -> Result<String, ReservationError> {
        Ok(public_key_text(&self.signing_key(store).await?))
    }

    /// A store's ticket key, made on first use from the operating system's random source.
    pub(in crate::reservations) async fn signing_key(
        &self,
        store: StoreId,
    ) -> Result<SigningKey, ReservationError> {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut secret = [0u8; 32];
        OsRng.fill_bytes(&mut secret);
        let fresh = SigningKey::from_bytes(&secret);
        let stored = self
            .storage
            .ticket_key(
                &store.to_string(),
                &URL_SAFE_NO_PAD.encode(fresh.to_bytes()),
                &URL_SAFE_NO_PAD.encode(fresh.verifying_key().to_bytes()),
                Timestamp::now(),
            )
            .await?;
        let bytes: [u8; 32] = URL_SAFE_NO_PAD
            .decode(stored)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| sqlx::Error::Decode("ticket_keys: bad secret".into()))?;
        Ok(SigningKey::from_bytes(&bytes))
    }
}
