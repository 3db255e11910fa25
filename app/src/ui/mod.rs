//! Components shared by every context's pages.

mod countdown;
mod error_page;
mod form;
mod header;
mod loading;
mod owner_frame;
mod sign_in_required;

pub use countdown::Countdown;
pub use error_page::{ErrorPage, NotFoundPage, error_title};
pub use form::{FieldMessage, FormAlert, TextField};
pub use header::{SiteFooter, SiteHeader};
pub use loading::Loading;
pub use owner_frame::{Crumb, OwnerFrame, OwnerSection};
pub use sign_in_required::SignInRequired;
