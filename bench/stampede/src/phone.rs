//! The phone's path at the opening: each shopper, signed in with a session cookie, loads the
//! drop page, reads the booking forms from its HTML, and posts one as the page's no-JavaScript
//! form does. Beside it, how many pages a second the server answers (front, store and drop
//! page; anonymous and signed in) against the same binary's `/healthz`.

use crate::{
    Flags,
    load::{Latencies, Stampede, client, timed},
    scenario::{OpenDrop, Prepared},
};
use serde_json::{Value, json};
use std::{
    collections::{BTreeMap, HashSet},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

/// The session cookie's name where the public address is plain http (the benchmark's).
pub const SESSION_COOKIE: &str = "dropslot_session";

/// One booking form of the drop page: where it posts and what it sends.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BookForm {
    action: String,
    slot_id: String,
    form_token: String,
}

/// The page's "Book" forms, in page order (a sold-out slot has none).
fn book_forms(html: &str) -> Vec<BookForm> {
    html.split("<form ")
        .skip(1)
        .filter_map(|form| {
            let form = &form[..form.find("</form>")?];
            let action = attribute(form, "action=\"")?;
            if !action.starts_with("/api/book_slot") {
                return None;
            }
            Some(BookForm {
                action: action.to_owned(),
                slot_id: hidden(form, "slot_id")?.to_owned(),
                form_token: hidden(form, "form_token")?.to_owned(),
            })
        })
        .collect()
}

fn attribute<'a>(text: &'a str, opening: &str) -> Option<&'a str> {
    let start = text.find(opening)? + opening.len();
    let length = text[start..].find('"')?;
    Some(&text[start..start + length])
}

fn hidden<'a>(form: &'a str, name: &str) -> Option<&'a str> {
    let at = form.find(&format!("name=\"{name}\""))?;
    attribute(&form[at..], "value=\"")
}

/// What the phone path measured, beside the stampede's own figures.
pub struct PhoneRun {
    pub stampede: Stampede,
    pub pages: Latencies,
    pub shoppers_per_s: f64,
    pub pages_per_s: f64,
}

/// Every shopper once: GET the drop page with their cookie, POST one of its forms (slots spread
/// over shoppers, as people pick different ones). A page with no form left is a refusal.
pub async fn stampede(
    urls: &[String],
    prepared: &Prepared,
    drop: &OpenDrop,
    flags: &Flags,
    limit: Duration,
) -> Result<PhoneRun, String> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(flags.concurrency)
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let cookies = Arc::new(prepared.cookies.clone());
    let (urls, path) = (Arc::new(urls.to_vec()), format!("/d/{}", drop.id));
    let next = Arc::new(AtomicUsize::new(0));
    let total = cookies.len();
    let deadline = Instant::now() + limit;
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..flags.concurrency {
        let (client, next, cookies, urls, path) = (
            client.clone(),
            next.clone(),
            cookies.clone(),
            urls.clone(),
            path.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut seen = Shopper::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || Instant::now() > deadline {
                    return seen;
                }
                let base = &urls[i % urls.len()];
                seen.shop(&client, base, &path, &cookies[i], i).await;
            }
        }));
    }
    let mut all = Shopper::default();
    for worker in workers {
        all.merge(worker.await.map_err(|e| format!("worker: {e}"))?);
    }
    let seconds = started.elapsed().as_secs_f64();
    let booking_seconds = all
        .last_success
        .map_or(seconds, |at| at.duration_since(started).as_secs_f64());
    let shoppers = total.min(next.load(Ordering::Relaxed));
    Ok(PhoneRun {
        pages_per_s: all.pages.count() as f64 / seconds,
        shoppers_per_s: shoppers as f64 / seconds,
        pages: all.pages,
        stampede: Stampede {
            attempts: shoppers,
            seconds,
            booking_seconds,
            acknowledged: all.acknowledged,
            successes: all.successes,
            rejections: all.rejections,
            errors: all.errors,
        },
    })
}

struct Shopper {
    pages: Latencies,
    successes: Latencies,
    rejections: Latencies,
    errors: BTreeMap<String, u64>,
    acknowledged: HashSet<String>,
    last_success: Option<Instant>,
}

impl Default for Shopper {
    fn default() -> Self {
        Self {
            pages: Latencies::new(),
            successes: Latencies::new(),
            rejections: Latencies::new(),
            errors: BTreeMap::new(),
            acknowledged: HashSet::new(),
            last_success: None,
        }
    }
}

impl Shopper {
    async fn shop(
        &mut self,
        client: &reqwest::Client,
        base: &str,
        path: &str,
        cookie: &str,
        i: usize,
    ) {
        let page_url = format!("{base}{path}");
        let sent = Instant::now();
        let page = match client.get(&page_url).header("cookie", cookie).send().await {
            Ok(response) if response.status().is_success() => response.text().await,
            Ok(response) => return self.error(format!("page {}", response.status())),
            Err(_) => return self.error("page transport".to_owned()),
        };
        let Ok(page) = page else {
            return self.error("page body".to_owned());
        };
        self.pages.record(sent.elapsed());
        let forms = book_forms(&page);
        let Some(form) = forms.get(i % forms.len().max(1)) else {
            // Sold out on the page: nothing to press.
            self.rejections.record(sent.elapsed());
            return;
        };
        let posted = Instant::now();
        let answer = client
            .post(format!("{base}{}", form.action))
            .header("cookie", cookie)
            .header("origin", base)
            .header("referer", &page_url)
            .header("accept", "text/html")
            .form(&[
                ("slot_id", form.slot_id.as_str()),
                ("form_token", form.form_token.as_str()),
                ("units", "1"),
            ])
            .send()
            .await;
        let location = match answer {
            Ok(response) if response.status().is_redirection() => response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
            Ok(response) => return self.error(format!("book {}", response.status())),
            Err(_) => return self.error("book transport".to_owned()),
        };
        // Booked: on to "My reservations" with the new id; refused: back to the page, saying why.
        match location.split_once("booked=") {
            Some((_, id)) => {
                self.successes.record(posted.elapsed());
                self.last_success = Some(Instant::now());
                self.acknowledged.insert(id.to_owned());
            }
            None => self.rejections.record(posted.elapsed()),
        }
    }

    fn error(&mut self, kind: String) {
        *self.errors.entry(kind).or_default() += 1;
    }

    fn merge(&mut self, other: Shopper) {
        self.pages.merge(&other.pages);
        self.successes.merge(&other.successes);
        self.rejections.merge(&other.rejections);
        for (kind, n) in other.errors {
            *self.errors.entry(kind).or_default() += n;
        }
        self.acknowledged.extend(other.acknowledged);
        self.last_success = self.last_success.max(other.last_success);
    }
}

/// Pages a second at `flags.concurrency`: `/healthz` first, then each shopper page anonymous and
/// signed in, `flags.page_requests` GETs each; with each one's share of `/healthz`.
pub async fn throughput(
    urls: &[String],
    prepared: &Prepared,
    drop: &OpenDrop,
    flags: &Flags,
    limit: Duration,
) -> Result<Value, String> {
    let cookie = prepared.cookies.first().cloned().ok_or("no shopper")?;
    let drop_path = format!("/d/{}", drop.id);
    let pages = [
        ("healthz", "/healthz", None),
        ("front", "/", None),
        ("store", "/s/stampede", None),
        ("drop", drop_path.as_str(), None),
        ("front_signed_in", "/", Some(cookie.as_str())),
        ("drop_signed_in", drop_path.as_str(), Some(cookie.as_str())),
    ];
    let mut figures = serde_json::Map::new();
    let mut healthz = f64::NAN;
    for (name, path, cookie) in pages {
        let client = client(flags.concurrency)?;
        let (urls, path, cookie) = (urls.to_vec(), path.to_owned(), cookie.map(str::to_owned));
        let started = Instant::now();
        let latencies = timed(
            flags.page_requests,
            flags.concurrency,
            limit,
            reqwest::StatusCode::OK,
            move |i| {
                let request = client.get(format!("{}{path}", urls[i % urls.len()]));
                match &cookie {
                    Some(cookie) => request.header("cookie", cookie),
                    None => request,
                }
            },
        )
        .await?;
        let rps = latencies.count() as f64 / started.elapsed().as_secs_f64();
        if name == "healthz" {
            healthz = rps;
        }
        figures.insert(
            name.to_owned(),
            json!({
                "rps": rps.round(),
                "of_healthz": (rps / healthz * 1000.0).round() / 1000.0,
                "ms": latencies.summary(),
            }),
        );
    }
    Ok(Value::Object(figures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_booking_forms_are_read_from_the_page() {
        let html = r#"<li><form action="/api/join_waitlist1" method="post"><input type="hidden" name="slot_id" value="s0"></form></li>
<li><form action="/api/book_slot42" method="post" class="book-form"><input type="hidden" name="slot_id" value="s1"><input type="hidden" name="form_token" value="t1"><input type="hidden" name="units" value="1"><button>Book</button></form></li>
<li><form action="/api/book_slot42" method="post" class="book-form"><input type="hidden" name="slot_id" value="s2"><input type="hidden" name="form_token" value="t1"></form></li>"#;
        let forms = book_forms(html);
        assert_eq!(forms.len(), 2);
        assert_eq!(
            forms[0],
            BookForm {
                action: "/api/book_slot42".to_owned(),
                slot_id: "s1".to_owned(),
                form_token: "t1".to_owned(),
            }
        );
        assert_eq!(forms[1].slot_id, "s2");
    }
}
