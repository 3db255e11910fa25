//! From an uploaded form to stored image files: what every kind of upload (product photos,
//! store logos) shares.

use super::{Image, ImageError, ProcessedImage, SharedMediaStore, process_upload};
use crate::{
    error::{AppError, DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::Text,
    text,
};
use leptos::server_fn::codec::MultipartData;
use std::{sync::Arc, time::Duration};
use tokio::sync::Semaphore;

/// Form fields are read into memory; beyond this, a field is refused while it arrives. The
/// server's body limit on the upload routes (the configured upload limit) stops a body sooner;
/// the service's own limit gives the precise message.
const MAX_FIELD_BYTES: usize = 64 * 1024 * 1024;
/// An id field holds an id: what is longer is not read on before the caller is checked.
const MAX_ID_BYTES: usize = 64;
/// Decoding an image at the pixel budget takes about half a gigabyte for a moment: at most this
/// many at once (and no more than the cores), the others wait their turn.
const MAX_PARALLEL_PROCESSING: usize = 2;
/// How long an upload waits for a turn before it is told to come back.
const WAIT_FOR_PROCESSING: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("{0}")]
    Image(#[from] ImageError),
    #[error("cannot store the image: {0}")]
    Media(#[from] std::io::Error),
    #[error("every image processing turn is taken")]
    Busy,
}

/// Refused images are the form field's fault (the context names the field); failing storage
/// is ours.
impl DomainError for UploadError {
    fn kind(&self) -> ErrorKind {
        match self {
            UploadError::Image(_) => ErrorKind::Invalid,
            UploadError::Media(_) => ErrorKind::Internal,
            UploadError::Busy => ErrorKind::Busy,
        }
    }

    fn text(&self) -> Text {
        match self {
            UploadError::Image(inner) => inner.clone().into(),
            UploadError::Media(_) => internal_text(),
            UploadError::Busy => text!("error-busy"),
        }
    }
}

/// Where the services put uploaded images, and how large an upload may be.
#[derive(Clone)]
pub struct Uploads {
    media: SharedMediaStore,
    max_bytes: u64,
    processing: Arc<Semaphore>,
}

impl Uploads {
    pub fn new(media: SharedMediaStore, max_bytes: u64) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self {
            media,
            max_bytes,
            processing: Arc::new(Semaphore::new(cores.min(MAX_PARALLEL_PROCESSING))),
        }
    }

    /// Checks, strips and resizes an upload, then stores every size of it.
    pub async fn save(&self, upload: Vec<u8>) -> Result<Image, UploadError> {
        let max_bytes = self.max_bytes;
        let _turn = tokio::time::timeout(WAIT_FOR_PROCESSING, self.processing.acquire())
            .await
            .map_err(|_| UploadError::Busy)?
            .map_err(|_| UploadError::Busy)?;
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

/// A multipart form of one id field followed by one file field, read in two steps so that the
/// caller is checked against the id before the file's bytes are read at all.
pub struct ImageForm {
    fields: multer::Multipart<'static>,
    id: String,
}

impl ImageForm {
    /// Reads the form's first field, which must be `id_field` (the forms put it before the file).
    pub async fn open(data: MultipartData, id_field: &str) -> Result<Self, AppError> {
        let mut fields = data
            .into_inner()
            .ok_or_else(|| AppError::internal(&"multipart data missing on the server"))?;
        let mut field = match fields.next_field().await {
            Ok(Some(field)) if field.name() == Some(id_field) => field,
            _ => return Err(FieldErrors::single(id_field, text!("check-form-order")).into()),
        };
        let id = read_field(&mut field, id_field, MAX_ID_BYTES).await?;
        Ok(Self {
            fields,
            id: String::from_utf8_lossy(&id).into_owned(),
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The file's bytes; a missing or empty file is the file field's error.
    pub async fn file(mut self, file_field: &str) -> Result<Vec<u8>, AppError> {
        loop {
            match self.fields.next_field().await {
                Ok(Some(mut field)) if field.name() == Some(file_field) => {
                    let bytes = read_field(&mut field, file_field, MAX_FIELD_BYTES).await?;
                    if !bytes.is_empty() {
                        return Ok(bytes);
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) => {
                    return Err(
                        FieldErrors::single(file_field, text!("check-image-missing")).into(),
                    );
                }
                Err(_) => return Err(cut_off(file_field)),
            }
        }
    }
}

/// A field's bytes, refused past `max_bytes` while they arrive.
async fn read_field(
    field: &mut multer::Field<'static>,
    name: &str,
    max_bytes: usize,
) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) if bytes.len() + chunk.len() > max_bytes => return Err(cut_off(name)),
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            Ok(None) => return Ok(bytes),
            Err(_) => return Err(cut_off(name)),
        }
    }
}

/// A body cut off by the server's limit ends with a read error: said as "too large", since a
/// client that went away reads no answer anyway.
fn cut_off(field: &str) -> AppError {
    FieldErrors::single(field, text!("check-image-far-too-large")).into()
}
