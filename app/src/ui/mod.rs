//! Components shared by every context's pages.

mod error_page;
mod form;
mod header;

pub use error_page::{ErrorPage, NotFoundPage};
pub use form::{FieldMessage, FormAlert};
pub use header::SiteHeader;
