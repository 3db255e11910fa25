//! /media/{hash}-{width}.jpg: processed images (product photos, store logos). Names carry the content hash, so a file never
//! changes and browsers may keep it for a year.

use crate::state::AppState;
use app::media::is_media_key;
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn serve(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    if !is_media_key(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.services.media.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read a media file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
