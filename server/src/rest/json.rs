//! A JSON body extractor whose rejections (wrong content type, bad syntax, wrong shape, too large)
//! are problem+json answers like every other REST error.

use super::problem::Problem;
use axum::extract::FromRequest;

#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(Problem))]
pub struct ApiJson<T>(pub T);
