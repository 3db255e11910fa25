//! Reservation tickets: what the QR code carries. A ticket names the reservation, its drop and
//! slot and a version (bumped when a ticket is reissued), signed with the store's Ed25519 key, so
//! a scanner with only the store's public key can tell a real ticket offline. 50 bytes signed
//! with 64, as unpadded base64url: 152 characters, a version 8 QR code.

use crate::ids::{DropId, ReservationId, SlotId};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

const FORMAT: u8 = 1;
const BODY_LEN: usize = 1 + 16 * 3 + 1;
const TICKET_LEN: usize = BODY_LEN + 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub reservation: ReservationId,
    pub drop: DropId,
    pub slot: SlotId,
    pub version: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    #[error("this is not a DropSlot ticket")]
    Malformed,
    #[error("this ticket's signature is not valid for this store")]
    BadSignature,
}

impl From<TicketError> for crate::i18n::Text {
    fn from(error: TicketError) -> Self {
        match error {
            TicketError::Malformed => crate::text!("res-err-ticket-malformed"),
            TicketError::BadSignature => crate::text!("res-err-ticket-signature"),
        }
    }
}

fn uuid_bytes(text: impl ToString) -> [u8; 16] {
    uuid::Uuid::parse_str(&text.to_string()).map_or([0; 16], |u| *u.as_bytes())
}

fn uuid_text(bytes: &[u8]) -> String {
    uuid::Uuid::from_slice(bytes).map_or_else(|_| String::new(), |u| u.to_string())
}

impl Ticket {
    fn body(&self) -> [u8; BODY_LEN] {
        let mut body = [0u8; BODY_LEN];
        body[0] = FORMAT;
        body[1..17].copy_from_slice(&uuid_bytes(self.reservation));
        body[17..33].copy_from_slice(&uuid_bytes(self.drop));
        body[33..49].copy_from_slice(&uuid_bytes(self.slot));
        body[49] = self.version;
        body
    }

    /// The signed ticket as QR text.
    pub fn sign(&self, key: &SigningKey) -> String {
        let body = self.body();
        let signature = key.sign(&body);
        let mut bytes = Vec::with_capacity(TICKET_LEN);
        bytes.extend_from_slice(&body);
        bytes.extend_from_slice(&signature.to_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Reads a ticket without checking its signature, only to find whose key checks it.
    pub fn read_unverified(text: &str) -> Result<Self, TicketError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| TicketError::Malformed)?;
        if bytes.len() != TICKET_LEN || bytes[0] != FORMAT {
            return Err(TicketError::Malformed);
        }
        Self::parse_body(&bytes[..BODY_LEN])
    }

    fn parse_body(body: &[u8]) -> Result<Self, TicketError> {
        let parse = |range: std::ops::Range<usize>| uuid_text(&body[range]);
        Ok(Self {
            reservation: parse(1..17).parse().map_err(|_| TicketError::Malformed)?,
            drop: parse(17..33).parse().map_err(|_| TicketError::Malformed)?,
            slot: parse(33..49).parse().map_err(|_| TicketError::Malformed)?,
            version: body[49],
        })
    }

    /// Reads and checks a scanned ticket against the store's public key.
    pub fn verify(text: &str, key: &VerifyingKey) -> Result<Self, TicketError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| TicketError::Malformed)?;
        if bytes.len() != TICKET_LEN || bytes[0] != FORMAT {
            return Err(TicketError::Malformed);
        }
        let (body, signature) = bytes.split_at(BODY_LEN);
        let signature = Signature::from_slice(signature).map_err(|_| TicketError::Malformed)?;
        key.verify(body, &signature)
            .map_err(|_| TicketError::BadSignature)?;
        Self::parse_body(body)
    }
}

/// A store's public ticket key from its base64url text.
pub fn verifying_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

#[cfg(feature = "ssr")]
/// The ticket as an SVG QR code (medium error correction, dark on white, quiet zone included).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(qrcode::render::svg::Color("#111111"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
    )
}

#[cfg(feature = "ssr")]
/// The ticket's QR code as a PNG: 8 pixels a module, with the four-module quiet zone.
pub fn qr_png(text: &str) -> Option<Vec<u8>> {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let modules = code.to_colors();
    let side = (width + 2 * QUIET) * SCALE;
    let image = image::GrayImage::from_fn(side as u32, side as u32, |x, y| {
        let (mx, my) = (
            (x as usize / SCALE).wrapping_sub(QUIET),
            (y as usize / SCALE).wrapping_sub(QUIET),
        );
        let dark = mx < width && my < width && modules[my * width + mx] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .ok()?;
    Some(png)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A ticket with fixed ids, for the tests that need one.
    pub(crate) fn ticket() -> Ticket {
        Ticket {
            reservation: "0190f1a6-0000-7000-8000-000000000001".parse().unwrap(),
            drop: "0190f1a6-0000-7000-8000-000000000002".parse().unwrap(),
            slot: "0190f1a6-0000-7000-8000-000000000003".parse().unwrap(),
            version: 1,
        }
    }

    #[test]
    fn a_signed_ticket_reads_back_with_the_public_key_only() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let text = ticket().sign(&key);
        assert_eq!(text.len(), 152);
        assert_eq!(Ticket::verify(&text, &key.verifying_key()), Ok(ticket()));
        let other = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(
            Ticket::verify(&text, &other.verifying_key()),
            Err(TicketError::BadSignature),
            "another store's key"
        );
    }

    #[test]
    fn a_changed_ticket_is_refused() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let mut bytes = URL_SAFE_NO_PAD.decode(ticket().sign(&key)).unwrap();
        bytes[49] = 2;
        assert_eq!(
            Ticket::verify(&URL_SAFE_NO_PAD.encode(&bytes), &key.verifying_key()),
            Err(TicketError::BadSignature)
        );
        assert_eq!(
            Ticket::verify("hello", &key.verifying_key()),
            Err(TicketError::Malformed)
        );
        let whole = ticket().sign(&key);
        assert_eq!(
            Ticket::verify(&whole[..100], &key.verifying_key()),
            Err(TicketError::Malformed),
            "a truncated code"
        );
    }

    #[test]
    fn a_public_key_reads_back_from_its_text() {
        let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
        assert_eq!(
            verifying_key(&URL_SAFE_NO_PAD.encode(key.to_bytes())),
            Some(key)
        );
        assert_eq!(verifying_key("short"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn tickets_fit_a_small_qr_code() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let png = qr_png(&ticket().sign(&key)).unwrap();
        let decoded = image::load_from_memory(&png).unwrap();
        let modules = decoded.width() as usize / 8 - 8;
        assert!(modules <= 53, "version 9 or smaller, got {modules} modules");
        assert!(qr_svg(&ticket().sign(&key)).unwrap().starts_with("<?xml"));
    }
}
