//! A notice as an email: the text and HTML parts from the templates beside this file (the HTML
//! one escaped by minijinja), the ticket's QR code inline by Content-ID, the calendar file
//! attached.

use crate::mail::{HtmlBody, MailPart, OutgoingMail};
use minijinja::Environment;
use serde::Serialize;
use std::sync::LazyLock;

/// What a message says, in the person's language, before it is put on a channel.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub lang: &'static str,
    pub subject: String,
    pub heading: String,
    pub intro: String,
    /// The store's own words for this kind of message, if its owners wrote some.
    pub note: Option<String>,
    pub details: Vec<Detail>,
    pub action_label: Option<String>,
    pub action_url: Option<String>,
    pub footer: String,
    /// Messages people opted into carry a way out.
    pub unsubscribe_label: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub store: String,
    pub accent: String,
    pub logo_url: Option<String>,
    #[serde(skip)]
    pub ticket: Option<TicketImage>,
    #[serde(skip)]
    pub calendar: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub label: String,
    pub value: String,
    /// Set in a monospace face (a booking code).
    pub code: bool,
}

/// The ticket as a picture: the PNG of its QR code and the booking code beside it.
#[derive(Debug, Clone)]
pub struct TicketImage {
    pub png: Vec<u8>,
    pub code_label: String,
    pub code: String,
}

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // Checked by the tests below: a template that does not parse fails them, not a send.
    env.add_template("notice.html", include_str!("templates/notice.html"))
        .expect("notice.html parses");
    env.add_template("notice.txt", include_str!("templates/notice.txt"))
        .expect("notice.txt parses");
    env
});

const QR_CONTENT_ID: &str = "ticket-qr";

#[derive(Serialize)]
struct Page<'a> {
    #[serde(flatten)]
    notice: &'a Notice,
    qr_cid: Option<&'static str>,
    code_label: Option<&'a str>,
    code: Option<&'a str>,
}

pub fn render(notice: Notice, to: &str, message_id: String) -> Result<OutgoingMail, String> {
    let page = Page {
        notice: &notice,
        qr_cid: notice.ticket.as_ref().map(|_| QR_CONTENT_ID),
        code_label: notice.ticket.as_ref().map(|t| t.code_label.as_str()),
        code: notice.ticket.as_ref().map(|t| t.code.as_str()),
    };
    let fill = |name: &str| {
        TEMPLATES
            .get_template(name)
            .and_then(|template| template.render(minijinja::value::Serde(&page)))
            .map_err(|e| format!("{name}: {e}"))
    };
    let (text, html) = (fill("notice.txt")?, fill("notice.html")?);
    let inline = notice
        .ticket
        .map(|ticket| MailPart {
            name: QR_CONTENT_ID.to_owned(),
            content_type: "image/png".to_owned(),
            bytes: ticket.png,
        })
        .into_iter()
        .collect();
    let method = notice.calendar.as_deref().map_or("REQUEST", |ics| {
        if ics.contains("METHOD:CANCEL") {
            "CANCEL"
        } else {
            "REQUEST"
        }
    });
    let attachments = notice
        .calendar
        .map(|ics| MailPart {
            name: "dropslot.ics".to_owned(),
            content_type: format!("text/calendar; charset=utf-8; method={method}"),
            bytes: ics.into_bytes(),
        })
        .into_iter()
        .collect();
    Ok(OutgoingMail {
        to: to.to_owned(),
        subject: notice.subject,
        body: text,
        html: Some(HtmlBody { html, inline }),
        attachments,
        message_id: Some(message_id),
        unsubscribe_url: notice.unsubscribe_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        Notice {
            lang: "en",
            subject: "Booked: <Croissants>".into(),
            heading: "You're booked".into(),
            intro: "Ploy, <b>your</b> place is confirmed.".into(),
            note: Some("Park at the back <please>.\nBring a bag.".into()),
            details: vec![Detail {
                label: "When".into(),
                value: "Tue 8 Dec 10:00–10:30".into(),
                code: false,
            }],
            action_label: Some("Open my reservations".into()),
            action_url: Some("https://dropslot.test/reservations".into()),
            footer: "Because you booked.".into(),
            unsubscribe_label: None,
            unsubscribe_url: None,
            store: "Nok & Sons".into(),
            accent: "#4f46e5".into(),
            logo_url: None,
            ticket: Some(TicketImage {
                png: vec![1, 2, 3],
                code_label: "Booking code".into(),
                code: "AB12-CD34".into(),
            }),
            calendar: Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into()),
        }
    }

    #[test]
    fn the_html_part_escapes_what_people_typed_and_the_text_part_keeps_it() {
        let mail = render(notice(), "ploy@example.com", "<id@dropslot.test>".into()).unwrap();
        let html = mail.html.unwrap();
        assert!(
            html.html.contains("Ploy, &lt;b&gt;your&lt;"),
            "{}",
            html.html
        );
        assert!(html.html.contains("Nok &amp; Sons"));
        assert!(html.html.contains("Park at the back &lt;please&gt;."));
        assert!(
            mail.body
                .contains("Park at the back <please>.\nBring a bag.")
        );
        assert!(html.html.contains("src=\"cid:ticket-qr\""));
        assert!(mail.body.contains("Ploy, <b>your</b> place is confirmed."));
        assert!(mail.body.contains("When: Tue 8 Dec 10:00–10:30"));
        assert!(
            mail.body
                .contains("Open my reservations: https://dropslot.test/reservations")
        );
        assert_eq!(html.inline[0].name, "ticket-qr");
        assert_eq!(
            mail.attachments[0].content_type,
            "text/calendar; charset=utf-8; method=REQUEST"
        );
    }

    #[test]
    fn a_notice_without_a_ticket_has_no_image() {
        let mut plain = notice();
        plain.ticket = None;
        plain.calendar = None;
        let mail = render(plain, "ploy@example.com", "<id@dropslot.test>".into()).unwrap();
        let html = mail.html.unwrap();
        assert!(html.inline.is_empty() && mail.attachments.is_empty());
        assert!(!html.html.contains("cid:"));
    }
}
