//! A card's pixels as a PNG. A card is flat colour and antialiased text: its pixels take
//! a few dozen colours, so it is written with a palette (one byte a pixel, lossless) when
//! it has at most 256, else as RGB (or RGBA when not every pixel is opaque). Either way
//! with the `png` crate's fast deflate, some eight times quicker than tiny-skia's own
//! encoder. Written by hand: no crate quantises losslessly to an exact palette (the
//! quantisers, such as `imagequant`, are lossy and slower).

use resvg::tiny_skia;

/// The pixels of `pixmap` as a PNG.
pub fn encode(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
    let data = pixmap.data();
    let opaque = data.chunks_exact(4).all(|p| p[3] == 255);
    let (color, pixels, palette) = if !opaque {
        // Premultiplied in the pixmap, straight in a PNG.
        let straight: Vec<u8> = (pixmap.pixels().iter())
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        (png::ColorType::Rgba, straight, None)
    } else if let Some((palette, indices)) = indexed(data) {
        (png::ColorType::Indexed, indices, Some(palette))
    } else {
        let rgb: Vec<u8> = (data.chunks_exact(4))
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (png::ColorType::Rgb, rgb, None)
    };
    let mut out = Vec::with_capacity(pixels.len() / 16);
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        if let Some(palette) = palette {
            encoder.set_palette(palette);
        }
        encoder.set_compression(png::Compression::Fast);
        // Writing into memory cannot fail.
        let mut writer = encoder.write_header().expect("a PNG header in memory");
        writer
            .write_image_data(&pixels)
            .expect("PNG data in memory");
    }
    out
}

/// The palette (RGB triples, in ascending order of colour) and each pixel's index in it,
/// for opaque RGBA `data` of at most 256 colours; `None` for more.
fn indexed(data: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let rgb = |p: &[u8]| u32::from_be_bytes([0, p[0], p[1], p[2]]);
    // Most pixels are the colour of the one before: it is looked up once a run.
    let mut colours: Vec<u32> = Vec::new();
    let mut last = None;
    for p in data.chunks_exact(4) {
        let c = rgb(p);
        if last != Some(c) {
            last = Some(c);
            if let Err(at) = colours.binary_search(&c) {
                if colours.len() == 256 {
                    return None;
                }
                colours.insert(at, c);
            }
        }
    }
    let mut indices = Vec::with_capacity(data.len() / 4);
    let (mut last, mut index) = (None, 0u8);
    for p in data.chunks_exact(4) {
        let c = rgb(p);
        if last != Some(c) {
            last = Some(c);
            index = colours.binary_search(&c).map_or(0, |i| i as u8);
        }
        indices.push(index);
    }
    let palette = colours
        .iter()
        .flat_map(|c| c.to_be_bytes()[1..].to_vec())
        .collect();
    Some((palette, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (reader.info().color_type, buf)
    }

    #[test]
    fn a_few_colours_go_into_a_palette_without_a_change_to_any_pixel() {
        let mut pixmap = tiny_skia::Pixmap::new(40, 3).unwrap();
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            let v = (i % 7 * 30) as u8;
            *p = tiny_skia::ColorU8::from_rgba(v, 255 - v, 9, 255).premultiply();
        }
        let png = encode(&pixmap);
        let (color, indices) = decode(&png);
        assert_eq!(color, png::ColorType::Indexed);
        let reader = png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .unwrap();
        let palette = reader.info().palette.clone().unwrap().into_owned();
        for (i, &ix) in indices.iter().enumerate() {
            let v = (i % 7 * 30) as u8;
            let at = ix as usize * 3;
            assert_eq!(&palette[at..at + 3], &[v, 255 - v, 9], "pixel {i}");
        }
    }

    #[test]
    fn more_than_256_colours_stay_rgb() {
        let mut pixmap = tiny_skia::Pixmap::new(300, 2).unwrap();
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            *p = tiny_skia::ColorU8::from_rgba((i % 300 / 2) as u8, (i % 300 % 2) as u8, 0, 255)
                .premultiply();
        }
        let (color, pixels) = decode(&encode(&pixmap));
        assert_eq!(color, png::ColorType::Rgb);
        assert_eq!(&pixels[3 * 299..3 * 300], &[149, 1, 0]);
    }
}
