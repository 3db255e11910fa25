//! Product photos for the demo data, drawn here so that a fresh machine needs no downloads: a
//! studio backdrop in the store's colour, a soft floor shadow and the product as a lit shape.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 720;

/// A PNG photo for the `index`th product of a store whose accent colour is `accent` ("#rrggbb").
pub fn product_photo(accent: &str, index: usize) -> Vec<u8> {
    let accent = parse_hex(accent).unwrap_or([79, 70, 229]);
    // Each product gets its own shape: wide and low, round, or tall.
    let (rx, ry) = [(300.0, 150.0), (210.0, 210.0), (150.0, 260.0)][index % 3];
    let (cx, cy) = (f64::from(WIDTH) / 2.0, f64::from(HEIGHT) * 0.48);
    let floor = cy + ry + 30.0;
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (x, y) = (f64::from(x), f64::from(y));
        let backdrop = mix(accent, [255, 255, 255], 0.82 - 0.2 * y / f64::from(HEIGHT));
        let shadow = (((x - cx) / (rx * 1.1)).powi(2) + ((y - floor) / 22.0).powi(2)).sqrt();
        let ground = if shadow < 1.0 {
            mix(backdrop, [0, 0, 0], 0.18 * (1.0 - shadow))
        } else {
            backdrop
        };
        let inside = ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2);
        if inside > 1.0 {
            return Rgb(ground);
        }
        // Lit from the upper left: lighter there, the accent's own shade further away.
        let light = (((x - (cx - rx * 0.35)) / rx).powi(2) + ((y - (cy - ry * 0.4)) / ry).powi(2))
            .sqrt()
            .min(1.0);
        let body = mix(
            mix(accent, [0, 0, 0], 0.15),
            [255, 255, 255],
            0.45 * (1.0 - light),
        );
        // A softened rim keeps the edge from looking cut out.
        Rgb(mix(body, ground, ((inside - 0.96) / 0.04).clamp(0.0, 1.0)))
    });
    let mut png = Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .expect("encoding a PNG into memory cannot fail");
    png.into_inner()
}

fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// `from` moved towards `to` by `amount` (0 stays, 1 arrives).
fn mix(from: [u8; 3], to: [u8; 3], amount: f64) -> [u8; 3] {
    let amount = amount.clamp(0.0, 1.0);
    std::array::from_fn(|i| {
        (f64::from(from[i]) + (f64::from(to[i]) - f64::from(from[i])) * amount).round() as u8
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn photos_are_pngs_in_the_store_colour() {
        let photo = image::load_from_memory(&super::product_photo("#9a3412", 1)).unwrap();
        assert_eq!((photo.width(), photo.height()), (960, 720));
        let corner = photo.to_rgb8().get_pixel(0, 0).0;
        assert!(
            corner[0] > corner[2],
            "the backdrop is tinted with the accent: {corner:?}"
        );
    }
}
