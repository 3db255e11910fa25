//! Uploaded images: checked, stripped and resized here, kept behind a small storage interface so
//! that object storage can replace the folder.

mod process;
mod store;

pub use process::{ImageError, ProcessedImage, VARIANT_WIDTHS, process_upload};
pub use store::{FileMediaStore, MediaStore, SharedMediaStore, is_media_key};
