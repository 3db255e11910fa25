//! Product photos and store logos for the demo data, drawn here so that a fresh machine needs no
//! downloads: photos are a studio backdrop in the store's colour, a soft floor shadow and the
//! product as a lit shape; logos a white mark on a rounded tile of the store's colour.

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

const LOGO_SIDE: u32 = 256;

/// A PNG logo for the `index`th demo store: a crescent, two stripes or a ring, in white on a
/// rounded square of `accent`, with transparent corners.
pub fn store_logo(accent: &str, index: usize) -> Vec<u8> {
    let accent = parse_hex(accent).unwrap_or([79, 70, 229]);
    let side = f64::from(LOGO_SIDE);
    let mark = |x: f64, y: f64| -> bool {
        let (dx, dy) = (x - side / 2.0, y - side / 2.0);
        let distance = (dx * dx + dy * dy).sqrt();
        match index % 3 {
            0 => distance < 80.0 && ((dx - 34.0).powi(2) + (dy + 22.0).powi(2)).sqrt() > 70.0,
            1 => ((dx + dy) / 2f64.sqrt()).abs() % 60.0 < 24.0 && distance < 90.0,
            _ => (56.0..84.0).contains(&distance) || distance < 22.0,
        }
    };
    let tile = |x: f64, y: f64| -> bool {
        // A rounded square: the corners' quarter circles have a radius of 56.
        let corner = |v: f64| (v - 56.0).min(0.0).abs().max((v - (side - 56.0)).max(0.0));
        corner(x).hypot(corner(y)) <= 56.0
    };
    let image = image::RgbaImage::from_fn(LOGO_SIDE, LOGO_SIDE, |x, y| {
        // Four samples per pixel smooth the edges.
        let samples = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
        let (mut inside, mut white) = (0u32, 0u32);
        for (sx, sy) in samples {
            let (px, py) = (f64::from(x) + sx, f64::from(y) + sy);
            if tile(px, py) {
                inside += 1;
                white += u32::from(mark(px, py));
            }
        }
        let colour = mix(
            accent,
            [255, 255, 255],
            f64::from(white) / f64::from(inside.max(1)),
        );
        image::Rgba([colour[0], colour[1], colour[2], (inside * 255 / 4) as u8])
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
    fn logos_are_white_marks_on_the_store_colour_with_clear_corners() {
        let logo = image::load_from_memory(&super::store_logo("#9a3412", 2)).unwrap();
        let logo = logo.to_rgba8();
        assert_eq!(logo.dimensions(), (256, 256));
        assert_eq!(logo.get_pixel(0, 0).0[3], 0, "the corner is transparent");
        assert_eq!(
            logo.get_pixel(128, 128).0,
            [255, 255, 255, 255],
            "the ring's dot"
        );
        assert_eq!(
            logo.get_pixel(128, 20).0,
            [0x9a, 0x34, 0x12, 255],
            "the tile"
        );
    }

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
