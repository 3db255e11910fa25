//! What the browser knows about an uploaded image: which files exist and their addresses.

use serde::{Deserialize, Serialize};

/// A processed upload (a product photo, a store logo); its files are served at
/// /media/{hash}-{width}.jpg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub hash: String,
    pub width: u32,
    pub height: u32,
}

/// The widths every photo is resized to (never enlarged).
pub const IMAGE_WIDTHS: [u32; 3] = [320, 960, 1600];

impl Image {
    /// The widths this image exists at: the standard ones it reaches, or its own if smaller.
    pub fn widths(&self) -> Vec<u32> {
        let standard: Vec<u32> = IMAGE_WIDTHS
            .iter()
            .copied()
            .filter(|w| *w <= self.width)
            .collect();
        if standard.is_empty() {
            vec![self.width]
        } else {
            standard
        }
    }

    /// The smallest file at least `wanted` wide (or the largest there is).
    pub fn src(&self, wanted: u32) -> String {
        let widths = self.widths();
        let width = widths
            .iter()
            .copied()
            .find(|w| *w >= wanted)
            .or(widths.last().copied())
            .unwrap_or(self.width);
        format!("/media/{}-{width}.jpg", self.hash)
    }

    pub fn srcset(&self) -> String {
        self.widths()
            .iter()
            .map(|w| format!("/media/{}-{w}.jpg {w}w", self.hash))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_pick_the_right_file() {
        let big = Image {
            hash: "0123456789abcdef".into(),
            width: 2000,
            height: 1000,
        };
        assert_eq!(big.src(300), "/media/0123456789abcdef-320.jpg");
        assert_eq!(big.src(900), "/media/0123456789abcdef-960.jpg");
        assert_eq!(big.src(4000), "/media/0123456789abcdef-1600.jpg");
        let small = Image {
            hash: "0123456789abcdef".into(),
            width: 200,
            height: 100,
        };
        assert_eq!(small.src(960), "/media/0123456789abcdef-200.jpg");
        assert_eq!(small.srcset(), "/media/0123456789abcdef-200.jpg 200w");
    }
}
