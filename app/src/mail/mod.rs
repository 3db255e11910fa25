//! Outgoing mail behind one interface: SMTP in production, a folder of .eml files in
//! development (open them with any mail client, or read them as text).

use async_trait::async_trait;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use std::{path::PathBuf, sync::Arc};

/// One message to one person, as plain text.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("cannot deliver the message: {0}")]
    Deliver(String),
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: OutgoingMail) -> Result<(), MailError>;
}

pub type SharedMailer = Arc<dyn Mailer>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// TLS from the first byte (port 465).
    Wrapper,
    /// Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.
    Starttls,
    /// No encryption: only for a relay on the same host.
    None,
}

pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

fn build(from: &Mailbox, mail: OutgoingMail) -> Result<Message, MailError> {
    let to: Mailbox = mail.to.parse().map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body)
        .map_err(|e| MailError::Build(e.to_string()))
}

pub fn parse_sender(from: &str) -> Result<Mailbox, MailError> {
    from.parse().map_err(|e: lettre::address::AddressError| MailError::Build(format!("sender {from:?}: {e}")))
}

pub struct FileMailer {
    from: Mailbox,
    transport: AsyncFileTransport<Tokio1Executor>,
}

impl FileMailer {
    pub fn new(from: Mailbox, dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { from, transport: AsyncFileTransport::new(dir) })
    }
}

#[async_trait]
impl Mailer for FileMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<(), MailError> {
        let message = build(&self.from, mail)?;
        self.transport.send(message).await.map(drop).map_err(|e| MailError::Deliver(e.to_string()))
    }
}

pub struct SmtpMailer {
    from: Mailbox,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpMailer {
    pub fn new(from: Mailbox, settings: SmtpSettings) -> Result<Self, MailError> {
        let builder = match settings.tls {
            SmtpTls::Wrapper => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host),
            SmtpTls::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)),
        }
        .map_err(|e| MailError::Build(e.to_string()))?;
        let builder = builder.port(settings.port);
        let builder = match (settings.username, settings.password) {
            (Some(user), Some(password)) => builder.credentials(Credentials::new(user, password)),
            _ => builder,
        };
        Ok(Self { from, transport: builder.build() })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<(), MailError> {
        let message = build(&self.from, mail)?;
        self.transport.send(message).await.map(drop).map_err(|e| MailError::Deliver(e.to_string()))
    }
}
