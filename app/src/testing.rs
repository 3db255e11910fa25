//! Support for tests of this crate and of the server: services with cheap password hashing and
//! a mailbox in memory.

use crate::quotas::Quotas;
use crate::{
    db::Db,
    drops::service::DropSettings,
    identity::{
        api_tokens::ApiTokenSettings,
        model::{Principal, Registration},
        password::HashCost,
    },
    mail::{MailError, Mailer, OutgoingMail},
    media::MediaStore,
    notifications::service::NotificationSettings,
    reservations::service::ReservationSettings,
    services::{ServiceSettings, Services},
};
use async_trait::async_trait;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

pub const TEST_PUBLIC_URL: &str = "http://dropslot.test";

/// Keeps every message instead of sending it; can play a mail server that is down.
#[derive(Default)]
pub struct MemoryMailer {
    sent: Mutex<Vec<OutgoingMail>>,
    down: std::sync::atomic::AtomicBool,
}

#[async_trait]
impl Mailer for MemoryMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<String, MailError> {
        if self.down.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(MailError::Deliver("connection refused".into()));
        }
        let mut sent = self.sent.lock().expect("mailbox lock");
        sent.push(mail);
        Ok(format!("memory {}", sent.len()))
    }
}

impl MemoryMailer {
    /// Refuses every message (as a server that cannot be reached) while `down`.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, std::sync::atomic::Ordering::Relaxed);
    }

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

/// Keeps media files in memory.
#[derive(Default)]
pub struct MemoryMediaStore {
    files: Mutex<std::collections::HashMap<String, Vec<u8>>>,
}

#[async_trait]
impl MediaStore for MemoryMediaStore {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files
            .lock()
            .expect("media lock")
            .insert(key.to_owned(), bytes);
        Ok(())
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        Ok(self.files.lock().expect("media lock").get(key).cloned())
    }
}

pub fn test_services(db: Db) -> (Services, Arc<MemoryMailer>) {
    test_services_with_quotas(db, Quotas::default())
}

pub fn test_services_with_quotas(db: Db, quotas: Quotas) -> (Services, Arc<MemoryMailer>) {
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
        media: Arc::new(MemoryMediaStore::default()),
        max_upload_bytes: 2 * 1024 * 1024,
        drops: DropSettings::default(),
        reservations: ReservationSettings::default(),
        quotas,
        notifications: NotificationSettings {
            public_url: TEST_PUBLIC_URL.into(),
            sender: "no-reply@dropslot.test".into(),
            emails_per_second: 1000,
            ..NotificationSettings::default()
        },
        sms: None,
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
        email_verified: true,
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
        email_verified: true,
    }
}

/// A real PNG of the given size, with a gradient so it is not trivially compressible.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("encode PNG");
    bytes
}

/// A PNG whose header claims 20000 x 20000 pixels (decoding it would need 1.6 GB): an image bomb.
pub fn png_bomb() -> Vec<u8> {
    png_without_pixels(20_000, 20_000)
}

/// A PNG that is a header claiming `width` x `height` pixels and an empty IDAT: the decoder
/// opens it, and fails only once it reads pixels.
pub fn png_without_pixels(width: u32, height: u32) -> Vec<u8> {
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], header.as_slice()),
        (b"IDAT", &[]),
        (b"IEND", &[]),
    ] {
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        bytes.extend_from_slice(&chunk);
        bytes.extend_from_slice(&crc32fast::hash(&chunk).to_be_bytes());
    }
    bytes
}
