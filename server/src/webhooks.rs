//! What providers post back: Twilio's delivery reports of texts, checked against their
//! signature (over the URL Twilio was given and the form's fields) before anything is read.

use crate::{rest::problem::Problem, startup::TWILIO_REPORTS, state::AppState};
use axum::{
    Form,
    extract::State,
    http::{HeaderMap, StatusCode},
};

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
