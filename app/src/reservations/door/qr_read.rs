//! Reading a ticket's QR code from a greyscale frame. Pure (the camera hands it pixels), so the
//! host tests it against the codes the server draws.
//!
//! quircs rather than rqrr: rqrr multiplies in GF(256) through a 64 KB table, and `wasm-split`
//! cannot move data out of the main module, so every page of the site carried the scanner's
//! table (65 KB gzip).

/// The text of the first readable QR code in `luma`: one byte a pixel, row after row.
pub fn read_qr(width: usize, height: usize, luma: &[u8]) -> Option<String> {
    let mut decoder = quircs::Quirc::default();
    decoder
        .identify(width, height, luma)
        .filter_map(Result::ok)
        .find_map(|code| code.decode().ok())
        .and_then(|data| String::from_utf8(data.payload).ok())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::read_qr;
    use crate::reservations::tickets::{qr_png, tests::ticket};
    use ed25519_dalek::SigningKey;

    fn pixels(png: &[u8]) -> (usize, usize, Vec<u8>) {
        let image = image::load_from_memory(png).unwrap().to_luma8();
        (
            image.width() as usize,
            image.height() as usize,
            image.into_raw(),
        )
    }

    #[test]
    fn a_ticket_drawn_by_the_server_reads_back() {
        let text = ticket().sign(&SigningKey::from_bytes(&[7; 32]));
        let (width, height, luma) = pixels(&qr_png(&text).unwrap());
        assert_eq!(read_qr(width, height, &luma), Some(text));
    }

    #[test]
    fn a_frame_without_a_code_reads_nothing() {
        assert_eq!(read_qr(64, 48, &[200; 64 * 48]), None);
    }
}
