//! Outgoing mail behind one interface: SMTP in production, a folder of .eml files in
//! development (open them with any mail client, or read them as text). A message is plain text,
//! or text with an HTML alternative whose images travel inline (by Content-ID: Gmail drops
//! `data:` images), plus attachments such as a calendar file.

use async_trait::async_trait;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Attachment, Mailbox, MultiPart, SinglePart,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
    transport::smtp::authentication::Credentials,
};
use std::{path::PathBuf, sync::Arc};

/// One message to one person.
#[derive(Debug, Clone, Default)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    /// The plain-text part, which every message has.
    pub body: String,
    pub html: Option<HtmlBody>,
    pub attachments: Vec<MailPart>,
    /// Kept the same on every attempt, so a receiver can tell a resend from a new message.
    pub message_id: Option<String>,
    /// For mail people opted into: where a mail client's one-click unsubscribe posts (RFC 8058).
    pub unsubscribe_url: Option<String>,
}

impl OutgoingMail {
    pub fn plain(
        to: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Self {
            to: to.into(),
            subject: subject.into(),
            body: body.into(),
            ..Self::default()
        }
    }
}

/// An HTML alternative and the images it shows by `cid:` reference.
#[derive(Debug, Clone, Default)]
pub struct HtmlBody {
    pub html: String,
    /// Each part's `name` is its Content-ID.
    pub inline: Vec<MailPart>,
}

/// A file in a message: an inline image (named by its Content-ID) or an attachment.
#[derive(Debug, Clone)]
pub struct MailPart {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The message cannot be made (a bad address, a bad part): trying again will not help.
    #[error("cannot build the message: {0}")]
    Build(String),
    /// The server refused it for good (a 5xx reply: no such mailbox).
    #[error("the mail server refused the message: {0}")]
    Refused(String),
    /// The server could not be reached or answered "later" (a 4xx reply): worth another try.
    #[error("cannot deliver the message: {0}")]
    Deliver(String),
}

impl MailError {
    /// Whether the mail server itself failed (rather than this one message).
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Deliver(_))
    }
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends the message; answers what the server said about it (its queue id, for the log).
    async fn send(&self, mail: OutgoingMail) -> Result<String, MailError>;
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

fn content_type(text: &str) -> Result<ContentType, MailError> {
    ContentType::parse(text).map_err(|e| MailError::Build(format!("content type {text:?}: {e}")))
}

fn build(from: &Mailbox, mail: OutgoingMail) -> Result<Message, MailError> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject);
    if let Some(id) = mail.message_id {
        builder = builder.message_id(Some(id));
    }
    if let Some(url) = mail.unsubscribe_url {
        builder = builder
            .header(ListUnsubscribe(format!("<{url}>")))
            .header(ListUnsubscribePost);
    }
    let text = SinglePart::plain(mail.body);
    let body = match mail.html {
        None if mail.attachments.is_empty() => {
            return builder
                .singlepart(text)
                .map_err(|e| MailError::Build(e.to_string()));
        }
        None => MultiPart::mixed().singlepart(text),
        Some(html) => {
            let mut related = MultiPart::related().singlepart(SinglePart::html(html.html));
            for image in html.inline {
                related = related.singlepart(
                    Attachment::new_inline(image.name)
                        .body(image.bytes, content_type(&image.content_type)?),
                );
            }
            let alternative = MultiPart::alternative().singlepart(text).multipart(related);
            if mail.attachments.is_empty() {
                return builder
                    .multipart(alternative)
                    .map_err(|e| MailError::Build(e.to_string()));
            }
            MultiPart::mixed().multipart(alternative)
        }
    };
    let mut body = body;
    for file in mail.attachments {
        body = body.singlepart(
            Attachment::new(file.name).body(file.bytes, content_type(&file.content_type)?),
        );
    }
    builder
        .multipart(body)
        .map_err(|e| MailError::Build(e.to_string()))
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(text.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the provider may unsubscribe
/// by a POST, with no page to click through.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

pub fn parse_sender(from: &str) -> Result<Mailbox, MailError> {
    from.parse().map_err(|e: lettre::address::AddressError| {
        MailError::Build(format!("sender {from:?}: {e}"))
    })
}

pub struct FileMailer {
    from: Mailbox,
    transport: AsyncFileTransport<Tokio1Executor>,
}

impl FileMailer {
    pub fn new(from: Mailbox, dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self {
            from,
            transport: AsyncFileTransport::new(dir),
        })
    }
}

#[async_trait]
impl Mailer for FileMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<String, MailError> {
        let message = build(&self.from, mail)?;
        self.transport
            .send(message)
            .await
            .map_err(|e| MailError::Deliver(e.to_string()))
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
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
            }
            SmtpTls::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                &settings.host,
            )),
        }
        .map_err(|e| MailError::Build(e.to_string()))?;
        let builder = builder.port(settings.port);
        let builder = match (settings.username, settings.password) {
            (Some(user), Some(password)) => builder.credentials(Credentials::new(user, password)),
            _ => builder,
        };
        Ok(Self {
            from,
            transport: builder.build(),
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<String, MailError> {
        let message = build(&self.from, mail)?;
        match self.transport.send(message).await {
            Ok(response) => Ok(response.message().collect::<Vec<_>>().join(" ")),
            Err(e) if e.is_permanent() => Err(MailError::Refused(e.to_string())),
            Err(e) => Err(MailError::Deliver(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::{
        io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
        net::TcpListener,
    };

    /// Just enough SMTP to accept one message and hand its DATA back.
    async fn one_message_smtp_server() -> (u16, tokio::task::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 test ESMTP\r\n").await.unwrap();
            let mut data = String::new();
            let mut in_data = false;

            while let Ok(Some(line)) = lines.next_line().await {
                if in_data {
                    if line == "." {
                        // The pooled client keeps the connection open; the message is what counts.
                        write.write_all(b"250 queued\r\n").await.unwrap();
                        break;
                    } else {
                        data.push_str(&line);
                        data.push('\n');
                    }
                    continue;
                }
                let verb = line
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" | "HELO" => b"250-test\r\n250 OK\r\n",
                    "DATA" => {
                        in_data = true;
                        b"354 go ahead\r\n"
                    }
                    _ => b"250 OK\r\n",
                };
                write.write_all(reply).await.unwrap();
            }
            data
        });
        (port, server)
    }

    #[tokio::test]
    async fn smtp_transport_delivers_to_the_configured_server() {
        let (port, server) = one_message_smtp_server().await;
        let settings = SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTls::None,
            username: None,
            password: None,
        };
        let mailer = SmtpMailer::new(
            parse_sender("DropSlot <no-reply@dropslot.test>").unwrap(),
            settings,
        )
        .unwrap();
        mailer
            .send(OutgoingMail::plain(
                "ann@example.com",
                "Hello from DropSlot",
                "Body text",
            ))
            .await
            .expect("delivered");
        let data = server.await.unwrap();
        assert!(data.contains("Subject: Hello from DropSlot"), "{data}");
        assert!(data.contains("To: ann@example.com"));
        assert!(data.contains("Body text"));
    }

    #[tokio::test]
    async fn file_transport_writes_eml_files() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = FileMailer::new(
            parse_sender("no-reply@dropslot.test").unwrap(),
            dir.path().join("mail"),
        )
        .unwrap();
        mailer
            .send(OutgoingMail::plain("ann@example.com", "Hi", "Text"))
            .await
            .unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
        assert!(
            files[0]
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "eml")
        );
    }

    #[tokio::test]
    async fn bad_recipients_are_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = FileMailer::new(
            parse_sender("no-reply@dropslot.test").unwrap(),
            dir.path().to_owned(),
        )
        .unwrap();
        let result = mailer
            .send(OutgoingMail::plain("not an address", "Hi", "Text"))
            .await;
        assert!(matches!(result, Err(MailError::Build(_))));
    }
}
