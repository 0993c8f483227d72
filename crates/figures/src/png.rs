//! Pixel images inside an SVG: a minimal PNG encoder (RGB, 8 bits, zlib via
//! `flate2`) and base64, so a grid of 28x28 weight images stays a small file
//! instead of tens of thousands of `<rect>` elements.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// An RGB image, row after row, 3 bytes per pixel.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Image {
    /// A `width` x `height` image filled with one colour.
    pub fn filled(width: usize, height: usize, colour: [u8; 3]) -> Image {
        Image {
            width,
            height,
            rgb: colour.repeat(width * height),
        }
    }

    /// Sets one pixel; pixels outside the image are ignored.
    pub fn set(&mut self, x: usize, y: usize, colour: [u8; 3]) {
        if x < self.width && y < self.height {
            let i = 3 * (y * self.width + x);
            self.rgb[i..i + 3].copy_from_slice(&colour);
        }
    }

    /// Every pixel repeated `factor` times across and down (nearest
    /// neighbour), so viewers that smooth images still show sharp pixels.
    pub fn enlarged(&self, factor: usize) -> Image {
        let mut out = Image::filled(self.width * factor, self.height * factor, [0; 3]);
        for y in 0..out.height {
            for x in 0..out.width {
                let i = 3 * ((y / factor) * self.width + x / factor);
                out.set(x, y, [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]);
            }
        }
        out
    }

    /// The image as a PNG file.
    pub fn to_png(&self) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend_from_slice(&(self.width as u32).to_be_bytes());
        header.extend_from_slice(&(self.height as u32).to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, no filter, no interlace
        chunk(&mut png, b"IHDR", &header);
        let mut raw = Vec::with_capacity((3 * self.width + 1) * self.height);
        for row in self.rgb.chunks_exact(3 * self.width.max(1)) {
            raw.push(0); // filter type 0: the row as is
            raw.extend_from_slice(row);
        }
        let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let _ = z.write_all(&raw);
        let data = z.finish().unwrap_or_default();
        chunk(&mut png, b"IDAT", &data);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    /// An SVG `<image>` showing this image at `(x, y)`, `w` x `h` pixels.
    pub fn svg_element(&self, x: f64, y: f64, w: f64, h: f64) -> String {
        format!(
            r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,{}"/>"#,
            crate::svg::px(x),
            crate::svg::px(y),
            crate::svg::px(w),
            crate::svg::px(h),
            base64(&self.to_png())
        )
    }
}

/// One PNG chunk: length, type, data, CRC of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (the polynomial PNG and zip use), from `crc32fast`.
fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group.len();
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= n {
                out.push(ALPHABET[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A diverging colour for `t` in [-1, 1]: blue for negative, white for 0,
/// red for positive (values beyond are clipped).
pub fn diverging(t: f64) -> [u8; 3] {
    let t = t.clamp(-1.0, 1.0);
    let (end, a) = if t < 0.0 {
        ([33.0, 102.0, 172.0], -t)
    } else {
        ([178.0, 24.0, 43.0], t)
    };
    let mix = |e: f64| (255.0 + (e - 255.0) * a).round() as u8;
    [mix(end[0]), mix(end[1]), mix(end[2])]
}

/// Ink on paper for `t` in [0, 1]: white for 0, black for 1.
pub fn ink(t: f64) -> [u8; 3] {
    let v = (255.0 * (1.0 - t.clamp(0.0, 1.0))).round() as u8;
    [v, v, v]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn png_round_trips_through_zlib() {
        let mut img = Image::filled(2, 2, [255, 255, 255]);
        img.set(1, 0, [1, 2, 3]);
        let png = img.to_png();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
        let len = u32::from_be_bytes(png[idat - 4..idat].try_into().unwrap()) as usize;
        let mut raw = Vec::new();
        use std::io::Read;
        flate2::read::ZlibDecoder::new(&png[idat + 4..idat + 4 + len])
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(
            raw,
            [0, 255, 255, 255, 1, 2, 3, 0, 255, 255, 255, 255, 255, 255]
        );
    }

    #[test]
    fn enlarging_repeats_pixels() {
        let mut img = Image::filled(2, 1, [0, 0, 0]);
        img.set(1, 0, [9, 9, 9]);
        let big = img.enlarged(2);
        assert_eq!((big.width, big.height), (4, 2));
        assert_eq!(&big.rgb[6..9], &[9, 9, 9]);
        assert_eq!(&big.rgb[12..15], &[0, 0, 0]);
    }

    #[test]
    fn colour_scales_end_where_they_say() {
        assert_eq!(diverging(0.0), [255, 255, 255]);
        assert_eq!(diverging(-1.0), [33, 102, 172]);
        assert_eq!(diverging(5.0), [178, 24, 43]);
        assert_eq!(ink(0.0), [255, 255, 255]);
        assert_eq!(ink(1.0), [0, 0, 0]);
    }
}
