//! From an uploaded form to stored image files: what every kind of upload (product photos,
//! store logos) shares.

use super::{Image, ImageError, ProcessedImage, SharedMediaStore, process_upload};
use crate::{
    error::{AppError, DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::Text,
    text,
};
use leptos::server_fn::codec::MultipartData;

/// Form fields are read into memory; beyond this, a field is refused while it arrives rather
/// than after (the service's own, smaller limit gives the precise message).
const MAX_FIELD_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("{0}")]
    Image(#[from] ImageError),
    #[error("cannot store the image: {0}")]
    Media(#[from] std::io::Error),
}

/// Refused images are the form field's fault (the context names the field); failing storage
/// is ours.
impl DomainError for UploadError {
    fn kind(&self) -> ErrorKind {
        match self {
            UploadError::Image(_) => ErrorKind::Invalid,
            UploadError::Media(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            UploadError::Image(inner) => inner.clone().into(),
            UploadError::Media(_) => internal_text(),
        }
    }
}

/// Where the services put uploaded images, and how large an upload may be.
#[derive(Clone)]
pub struct Uploads {
    media: SharedMediaStore,
    max_bytes: u64,
}

impl Uploads {
    pub fn new(media: SharedMediaStore, max_bytes: u64) -> Self {
        Self { media, max_bytes }
    }

    /// Checks, strips and resizes an upload, then stores every size of it.
    pub async fn save(&self, upload: Vec<u8>) -> Result<Image, UploadError> {
        let max_bytes = self.max_bytes;
        // Decoding and resizing take CPU for hundreds of milliseconds: off the async runtime.
        let processed = tokio::task::spawn_blocking(move || process_upload(&upload, max_bytes))
            .await
            .map_err(std::io::Error::other)??;
        for (width, bytes) in processed.variants {
            self.media
                .put(&ProcessedImage::key(&processed.hash, width), bytes)
                .await?;
        }
        Ok(Image {
            hash: processed.hash,
            width: processed.width,
            height: processed.height,
        })
    }
}

/// Reads a multipart form of one id field and one file field: the id's text and the file's
/// bytes. A missing or empty file is the file field's error.
pub async fn read_image_form(
    data: MultipartData,
    id_field: &str,
    file_field: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let mut data = data
        .into_inner()
        .ok_or_else(|| AppError::internal(&"multipart data missing on the server"))?;
    let (mut id, mut upload) = (String::new(), Vec::new());
    while let Ok(Some(mut field)) = data.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > MAX_FIELD_BYTES {
                return Err(
                    FieldErrors::single(file_field, text!("check-image-far-too-large")).into(),
                );
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == id_field {
            id = String::from_utf8_lossy(&bytes).into_owned();
        } else if name == file_field {
            upload = bytes;
        }
    }
    if upload.is_empty() {
        return Err(FieldErrors::single(file_field, text!("check-image-missing")).into());
    }
    Ok((id, upload))
}
