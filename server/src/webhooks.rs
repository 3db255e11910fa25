//! What providers post back, with no session: Twilio's delivery reports of texts, checked
//! against their signature (over the URL Twilio was given and the form's fields) before
//! anything is read; and a mail provider's one-click unsubscribe (RFC 8058).

use crate::{rest::problem::Problem, startup::TWILIO_REPORTS, state::AppState};
use app::notifications::model::STOP_ALERTS_PATH;
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

pub async fn twilio_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(params): Form<Vec<(String, String)>>,
) -> Result<StatusCode, Problem> {
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let url = format!("{}{TWILIO_REPORTS}", state.web.public_origin);
    state
        .services
        .notifications
        .text_report(&url, &params, signature)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed query of a "stop these alerts" link.
#[derive(Deserialize)]
pub struct StopAlertsLink {
    u: Option<String>,
    s: Option<String>,
}

/// Stops a person's "drop opens soon" alerts: RFC 8058's one-click POST (a mail provider's,
/// with `List-Unsubscribe=One-Click` and no cookies), or the button of the page at the same
/// address, which is sent back to that page to say it is done.
pub async fn stop_opening_alerts(
    State(state): State<AppState>,
    Query(link): Query<StopAlertsLink>,
    headers: HeaderMap,
) -> Response {
    let stopped = state
        .services
        .notifications
        .stop_opening_alerts(
            link.u.as_deref().unwrap_or_default(),
            link.s.as_deref().unwrap_or_default(),
        )
        .await;
    let from_the_page = headers
        .get("sec-fetch-mode")
        .is_some_and(|mode| mode == "navigate");
    match (stopped, from_the_page) {
        (Ok(_), true) => Redirect::to(&format!("{STOP_ALERTS_PATH}?done=1")).into_response(),
        (Ok(_), false) => StatusCode::OK.into_response(),
        (Err(error), _) => Problem::from(error).into_response(),
    }
}
