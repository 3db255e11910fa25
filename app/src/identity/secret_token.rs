//! Opaque secrets handed to people (mail links, refresh tokens, invitations): 256 random bits,
//! base64url in the hand, SHA-256 in the database, so a leaked table grants nothing.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

pub struct SecretToken {
    pub plain: String,
    pub hash: String,
}

impl SecretToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let plain = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&plain);
        Self { plain, hash }
    }
}

/// `N` random bytes as lowercase hex, for generated keys.
pub fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(plain: &str) -> String {
    hex::encode(Sha256::digest(plain.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashed() {
        let a = SecretToken::generate();
        let b = SecretToken::generate();
        assert_ne!(a.plain, b.plain);
        assert_eq!(a.plain.len(), 43);
        assert_eq!(hash_token(&a.plain), a.hash);
        assert_ne!(a.hash, a.plain);
    }
}
