//! Components shared by every context's pages.

mod brand;
mod countdown;
mod dialog;
mod error_page;
mod form;
mod header;
mod image_upload;
mod island;
mod loading;
mod owner_frame;
mod pager;
mod sign_in_required;

pub use brand::{StoreLogo, brand_style};
pub use countdown::Countdown;
pub use dialog::ConfirmDialog;
pub use error_page::{ErrorPage, NotFoundPage, error_title};
pub use form::{FieldMessage, FormAlert, TextField};
pub use header::{SiteFooter, SiteHeader};
pub use image_upload::ImageUpload;
pub use island::{
    PageTitle, count_hydrated_island, prop_reader, query_param, route_param, site_title,
};
pub use loading::Loading;
pub use owner_frame::{Crumb, OwnerFrame, OwnerSection};
pub use pager::{Pager, page_param};
pub use sign_in_required::SignInRequired;
