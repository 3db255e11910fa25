//! Signed links in messages that act without signing in: "stop these alerts" (RFC 8058's
//! one-click unsubscribe, which a mail provider posts to with no cookies). The signature is an
//! HMAC over what the link does and for whom, so a link cannot be forged or turned to another
//! person.

use crate::ids::UserId;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Bytes of the HMAC a link carries: 128 bits, enough against guessing, short in a URL.
const SIGNATURE_BYTES: usize = 16;

#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl LinkSigner {
    /// A signer whose key is derived from the server's secret, so that one secret is kept and
    /// API tokens and links never share a key.
    pub fn new(secret: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
        mac.update(b"dropslot message links");
        Self {
            key: mac.finalize().into_bytes().to_vec(),
        }
    }

    fn mac(&self, user: UserId) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(b"stop-opening-alerts:");
        mac.update(user.to_string().as_bytes());
        mac
    }

    /// The query of a person's "stop these alerts" link: `u={user}&s={signature}`.
    pub fn stop_alerts_query(&self, user: UserId) -> String {
        let signature = self.mac(user).finalize().into_bytes();
        format!(
            "u={user}&s={}",
            URL_SAFE_NO_PAD.encode(&signature[..SIGNATURE_BYTES])
        )
    }

    /// Whether `signature` is this server's for stopping `user`'s alerts (in constant time).
    pub fn verify_stop_alerts(&self, user: UserId, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        bytes.len() == SIGNATURE_BYTES && self.mac(user).verify_truncated_left(&bytes).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature_of(query: &str) -> &str {
        query.split("&s=").nth(1).unwrap()
    }

    #[test]
    fn a_link_is_good_for_its_person_only() {
        let signer = LinkSigner::new(b"a key of the server");
        let (ploy, nok) = (UserId::generate(), UserId::generate());
        let query = signer.stop_alerts_query(ploy);
        assert!(query.starts_with(&format!("u={ploy}&s=")));
        assert!(signer.verify_stop_alerts(ploy, signature_of(&query)));
        assert!(!signer.verify_stop_alerts(nok, signature_of(&query)));
        let other_server = LinkSigner::new(b"another key");
        assert!(!other_server.verify_stop_alerts(ploy, signature_of(&query)));
        for forged in ["", "AAAA", "not base64!", &signature_of(&query)[1..]] {
            assert!(!signer.verify_stop_alerts(ploy, forged), "{forged}");
        }
    }
}
