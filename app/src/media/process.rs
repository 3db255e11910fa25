//! From uploaded bytes to safe, small JPEGs. Only real JPEG, PNG or WebP data is accepted (the
//! file name is ignored); dimensions and memory are limited before decoding, so an "image bomb"
//! is refused from its header; re-encoding drops every piece of metadata (EXIF, GPS, comments).

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, imageops::FilterType,
    metadata::Orientation,
};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// The widths every upload is served at: list thumbnails, the product page, and the full view.
pub use super::IMAGE_WIDTHS as VARIANT_WIDTHS;

/// Larger sides than this are refused before decoding.
const MAX_SIDE: u32 = 8000;
/// Nor more pixels than this (a 40 MP photo is larger than any phone takes): decoded, it is
/// 160 MB, before the copies resizing makes.
const MAX_MEGAPIXELS: u64 = 40;
/// The most memory a single decode may take.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("is larger than the {0} MB upload limit")]
    TooLarge(u64),
    #[error("is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("is larger than {MAX_MEGAPIXELS} megapixels or {MAX_SIDE} pixels on a side")]
    TooManyPixels,
    #[error("could not be read as an image: it may be damaged")]
    Damaged,
}

impl From<ImageError> for crate::i18n::Text {
    fn from(error: ImageError) -> Self {
        match error {
            ImageError::TooLarge(mb) => crate::text!("check-upload-limit", mb = mb),
            ImageError::NotAnImage => crate::text!("check-image-kind"),
            ImageError::TooManyPixels => crate::text!(
                "check-image-side",
                megapixels = MAX_MEGAPIXELS,
                pixels = MAX_SIDE
            ),
            ImageError::Damaged => crate::text!("check-image-damaged"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// The first 16 hex digits of the upload's SHA-256: the same picture gets the same name.
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// (width, JPEG bytes), one per `VARIANT_WIDTHS` entry no wider than the original.
    pub variants: Vec<(u32, Vec<u8>)>,
}

impl ProcessedImage {
    pub fn key(hash: &str, width: u32) -> String {
        format!("{hash}-{width}.jpg")
    }
}

pub fn process_upload(bytes: &[u8], max_bytes: u64) -> Result<ProcessedImage, ImageError> {
    if bytes.len() as u64 > max_bytes {
        return Err(ImageError::TooLarge(max_bytes / (1024 * 1024)));
    }
    let format = image::guess_format(bytes).map_err(|_| ImageError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(ImageError::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let refused = |error: image::ImageError| match error {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        _ => ImageError::Damaged,
    };
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_MEGAPIXELS * 1_000_000 {
        return Err(ImageError::TooManyPixels);
    }
    // Phones store photos sideways and say so in EXIF; turn them upright before the EXIF goes.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut decoded = DynamicImage::from_decoder(decoder).map_err(refused)?;
    decoded.apply_orientation(orientation);
    let (width, height) = (decoded.width(), decoded.height());
    // Flatten transparency onto white: JPEG has no alpha, and black would be the default.
    let flattened = flatten_on_white(&decoded);
    let mut variants = Vec::new();
    for target in VARIANT_WIDTHS {
        if target > width && !variants.is_empty() {
            break;
        }
        let resized = if width > target {
            flattened.resize(target, u32::MAX, FilterType::Lanczos3)
        } else {
            flattened.clone()
        };
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
            .encode_image(&resized)
            .map_err(|_| ImageError::Damaged)?;
        variants.push((target.min(width), jpeg));
    }
    let hash = hex::encode(Sha256::digest(bytes))[..16].to_owned();
    Ok(ProcessedImage {
        hash,
        width,
        height,
        variants,
    })
}

fn flatten_on_white(image: &DynamicImage) -> DynamicImage {
    let rgba = image.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, pixel) in rgba.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(r), blend(g), blend(b)]));
    }
    DynamicImage::ImageRgb8(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{png, png_bomb, png_without_pixels};

    const MB: u64 = 1024 * 1024;

    #[test]
    fn a_real_image_becomes_three_stripped_jpegs() {
        let processed = process_upload(&png(2000, 1000), 10 * MB).unwrap();
        assert_eq!((processed.width, processed.height), (2000, 1000));
        let widths: Vec<u32> = processed.variants.iter().map(|(w, _)| *w).collect();
        assert_eq!(widths, VARIANT_WIDTHS);
        for (width, jpeg) in &processed.variants {
            let decoded = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (*width, width / 2));
            assert!(
                !jpeg.windows(4).any(|w| w == b"Exif"),
                "no metadata survives"
            );
        }
        assert_eq!(processed.hash.len(), 16);
    }

    #[test]
    fn sideways_phone_photos_are_turned_upright() {
        use image::ImageEncoder;
        // EXIF (big-endian TIFF) with one entry: Orientation = 6, "rotate 90 degrees clockwise".
        let exif = b"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00".to_vec();
        let landscape = image::RgbImage::from_pixel(400, 200, image::Rgb([200, 100, 50]));
        let mut jpeg = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new(&mut jpeg);
        encoder.set_exif_metadata(exif).unwrap();
        encoder
            .write_image(landscape.as_raw(), 400, 200, image::ExtendedColorType::Rgb8)
            .unwrap();
        let processed = process_upload(&jpeg, MB).unwrap();
        assert_eq!(
            (processed.width, processed.height),
            (200, 400),
            "turned upright"
        );
        assert!(
            !processed.variants[0].1.windows(4).any(|w| w == b"Exif"),
            "and the EXIF is gone"
        );
    }

    #[test]
    fn small_images_are_not_enlarged() {
        let processed = process_upload(&png(200, 100), MB).unwrap();
        assert_eq!(
            processed
                .variants
                .iter()
                .map(|(w, _)| *w)
                .collect::<Vec<_>>(),
            [200]
        );
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert_eq!(
            process_upload(b"just some text, renamed to photo.png", MB),
            Err(ImageError::NotAnImage)
        );
        assert_eq!(
            process_upload(b"GIF89a....", MB),
            Err(ImageError::NotAnImage),
            "GIF is not accepted"
        );
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert_eq!(process_upload(&truncated, MB), Err(ImageError::Damaged));
    }

    #[test]
    fn oversized_uploads_and_image_bombs_are_refused_before_decoding() {
        assert_eq!(
            process_upload(&png(300, 300), 1000),
            Err(ImageError::TooLarge(0))
        );
        assert_eq!(
            process_upload(&png_bomb(), MB),
            Err(ImageError::TooManyPixels)
        );
        // Within the side limit, beyond the pixel budget: 49 MP.
        assert_eq!(
            process_upload(&png_without_pixels(7000, 7000), MB),
            Err(ImageError::TooManyPixels)
        );
        assert_eq!(
            process_upload(&png_without_pixels(6000, 6000), MB),
            Err(ImageError::Damaged),
            "36 MP is within the budget (and this one has no pixel data)"
        );
    }
}
