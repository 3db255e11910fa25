//! /api/v1/auth: API sign-in with email and password, token refresh (rotating), and sign-out.

use super::{json::ApiJson, problem::ApiResult};
use crate::state::AppState;
use app::{identity::api_tokens::TokenPair, request::RequestContext};
use axum::{Extension, Json, Router, extract::State, http::StatusCode, routing::post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/token", post(token))
        .route("/refresh", post(refresh))
        .route("/logout", post(logout))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    email: String,
    password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefreshBody {
    refresh_token: String,
}

async fn token(
    State(state): State<AppState>,
    Extension(context): Extension<RequestContext>,
    ApiJson(body): ApiJson<Credentials>,
) -> ApiResult<Json<TokenPair>> {
    let identity = &state.services.identity;
    let pair = identity
        .issue_api_tokens(&body.email, &body.password, context.client)
        .await?;
    Ok(Json(pair))
}

async fn refresh(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> ApiResult<Json<TokenPair>> {
    Ok(Json(
        state
            .services
            .identity
            .refresh_api_tokens(&body.refresh_token)
            .await?,
    ))
}

async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> ApiResult<StatusCode> {
    state
        .services
        .identity
        .revoke_api_tokens(&body.refresh_token)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
