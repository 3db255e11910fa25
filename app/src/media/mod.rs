//! Uploaded images: checked, stripped and resized here, kept behind a small storage interface so
//! that object storage can replace the folder.

mod image;
#[cfg(feature = "ssr")]
mod process;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
mod upload;

pub use image::{IMAGE_WIDTHS, Image};
#[cfg(feature = "ssr")]
pub use process::{ImageError, ProcessedImage, VARIANT_WIDTHS, process_upload};
#[cfg(feature = "ssr")]
pub use store::{FileMediaStore, MediaStore, SharedMediaStore, is_media_key};
#[cfg(feature = "ssr")]
pub use upload::{ImageForm, UploadError, Uploads};
