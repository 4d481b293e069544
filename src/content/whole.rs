//! Whether a picture file is whole: not cut short after its header, as a failed upload
//! or copy leaves it. `imagesize` reads the header alone, and a browser shows a file cut
//! short as a grey box or half a photo, so the build checks that each format's data
//! runs to its end.
//!
//! Written by hand: the image crates learn that a file is whole only by decoding all of
//! it, tens of milliseconds for each photo on every build, where the end of each
//! format's container tells as much by reading a few bytes. `tests/image_input.rs`
//! holds these answers against the `image` crate's decoders, cut at every length.

use std::io::{Read, Seek, SeekFrom};

use imagesize::ImageType;

/// The chunk that ends every PNG: `IEND`, with no data, and its CRC.
const PNG_END: [u8; 12] = *b"\0\0\0\0IEND\xae\x42\x60\x82";

/// Whether the file `len` bytes long that `r` reads, a picture of `kind`, is whole.
pub(super) fn whole<R: Read + Seek>(kind: ImageType, r: &mut R, len: u64) -> std::io::Result<bool> {
    match kind {
        ImageType::Png => Ok(tail(r, len, 12)? == PNG_END),
        ImageType::Gif => gif(r),
        ImageType::Jpeg => jpeg(r, len),
        ImageType::Webp => {
            // RIFF's size counts the bytes after its first eight.
            let head = at(r, 0, 8)?;
            let size = u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]));
            Ok(head.len() == 8 && size + 8 <= len)
        }
        ImageType::Heif(_) => boxes(r, len),
        _ => Ok(true),
    }
}

/// The last `n` bytes of the file (fewer when it is shorter).
fn tail<R: Read + Seek>(r: &mut R, len: u64, n: u64) -> std::io::Result<Vec<u8>> {
    at(r, len.saturating_sub(n), n)
}

/// Up to `n` bytes from `offset`.
fn at<R: Read + Seek>(r: &mut R, offset: u64, n: u64) -> std::io::Result<Vec<u8>> {
    r.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    r.take(n).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A GIF is whole when its blocks lead to its trailer (0x3B): the trailer's byte is
/// common in the compressed data, so the blocks are walked, by their lengths.
fn gif<R: Read + Seek>(r: &mut R) -> std::io::Result<bool> {
    r.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)?;
    let table = |flags: u8| {
        if flags & 0x80 == 0 {
            0
        } else {
            3 << ((flags & 7) + 1)
        }
    };
    // The header and the screen's descriptor, then its colour table.
    let Some(&flags) = bytes.get(10) else {
        return Ok(false);
    };
    let mut i = 13 + table(flags);
    // Sub-blocks, each its length and its bytes, to an empty one.
    let blocks = |mut i: usize| loop {
        match bytes.get(i) {
            Some(0) => return Some(i + 1),
            Some(&n) => i += 1 + usize::from(n),
            None => return None,
        }
    };
    loop {
        i = match bytes.get(i) {
            Some(0x3b) => return Ok(true),
            // An extension: its label, then sub-blocks.
            Some(0x21) => match blocks(i + 2) {
                Some(next) => next,
                None => return Ok(false),
            },
            // An image: its descriptor, its colour table, the code size, sub-blocks.
            Some(0x2c) => {
                let Some(&flags) = bytes.get(i + 9) else {
                    return Ok(false);
                };
                match blocks(i + 10 + table(flags) + 1) {
                    Some(next) => next,
                    None => return Ok(false),
                }
            }
            _ => return Ok(false),
        };
    }
}

/// A JPEG is whole when its segments lead to a scan and an end-of-image marker follows.
/// That marker is mostly the file's last two bytes; a phone's motion photo or an
/// editor's trailer may come after it, so where it is not, the scan is searched for it.
/// (In scan data a 0xFF byte is always followed by 0x00 or a restart marker, so 0xFFD9
/// there is the end; an embedded thumbnail's own end lies in a segment skipped whole.)
fn jpeg<R: Read + Seek>(r: &mut R, len: u64) -> std::io::Result<bool> {
    let mut offset = 2;
    let scan = loop {
        let head = at(r, offset, 4)?;
        let [0xff, code, ..] = head[..] else {
            return Ok(false);
        };
        match code {
            // Fill bytes before a marker.
            0xff => offset += 1,
            // Markers without a length.
            0x01 | 0xd0..=0xd7 => offset += 2,
            // The end of the image before any scan.
            0xd9 => return Ok(false),
            _ if head.len() < 4 => return Ok(false),
            _ => {
                let length = u64::from(u16::from_be_bytes([head[2], head[3]]));
                if length < 2 {
                    return Ok(false);
                }
                offset += 2 + length;
                if offset > len {
                    return Ok(false);
                }
                if code == 0xda {
                    break offset;
                }
            }
        }
    };
    if tail(r, len, 2)? == [0xff, 0xd9] && len >= scan + 2 {
        return Ok(true);
    }
    r.seek(SeekFrom::Start(scan))?;
    let mut rest = Vec::new();
    r.read_to_end(&mut rest)?;
    Ok(memchr::memmem::find(&rest, b"\xff\xd9").is_some())
}

/// An ISO media file (AVIF) is whole when its top-level boxes fit in it and one of them
/// holds the picture's data (`mdat`): a file cut after its metadata has none.
fn boxes<R: Read + Seek>(r: &mut R, len: u64) -> std::io::Result<bool> {
    let mut offset = 0;
    let mut data = false;
    while offset < len {
        let head = at(r, offset, 16)?;
        if head.len() < 8 {
            return Ok(false);
        }
        let size = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let size = match size {
            // The box runs to the end of the file.
            0 => len - offset,
            // A 64-bit size follows the type.
            1 if head.len() == 16 => u64::from_be_bytes(head[8..16].try_into().unwrap_or_default()),
            1 => return Ok(false),
            n => n,
        };
        if size < 8 || offset.checked_add(size).is_none_or(|end| end > len) {
            return Ok(false);
        }
        data |= &head[4..8] == b"mdat";
        offset += size;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

    use super::*;

    /// A picture of `format` as the `image` crate writes it, with detail enough that
    /// its data is many blocks long.
    fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let pixels = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x * 7) as u8, (y * 11) as u8, ((x ^ y) * 5) as u8])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(pixels)
            .write_to(&mut out, format)
            .unwrap();
        out.into_inner()
    }

    /// What `whole` says of `bytes`, read as the build reads a file (a file whose
    /// header `imagesize` cannot read is refused before this).
    fn ours(bytes: &[u8]) -> bool {
        imagesize::image_type(bytes)
            .is_ok_and(|kind| whole(kind, &mut Cursor::new(bytes), bytes.len() as u64).unwrap())
    }

    /// Every picture the encoder writes is whole, and the oracle reads it to its end;
    /// the same picture cut at any length short of that is refused.
    #[test]
    fn a_picture_is_whole_and_every_cut_of_it_is_not() {
        let formats = [
            ImageFormat::Png,
            ImageFormat::Jpeg,
            ImageFormat::Gif,
            ImageFormat::WebP,
        ];
        for format in formats {
            for (w, h) in [(1, 1), (37, 23), (300, 200)] {
                let bytes = picture(format, w, h);
                assert!(image::load_from_memory_with_format(&bytes, format).is_ok());
                assert!(ours(&bytes), "{format:?} {w}x{h} is whole");
                for cut in 0..bytes.len() {
                    assert!(
                        !ours(&bytes[..cut]),
                        "{format:?} {w}x{h} cut at {cut} of {} is not whole",
                        bytes.len()
                    );
                }
            }
        }
    }

    /// A JPEG's EXIF thumbnail is a JPEG of its own, with its own end marker: a file cut
    /// after it is still cut short. Data after the end (a motion photo's video) is kept.
    #[test]
    fn a_jpegs_thumbnail_does_not_end_it_and_a_trailer_does_not_cut_it() {
        let main = picture(ImageFormat::Jpeg, 64, 48);
        let thumb = picture(ImageFormat::Jpeg, 8, 6);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&thumb);
        let mut bytes = main[..2].to_vec();
        bytes.extend([0xff, 0xe1]);
        bytes.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
        bytes.extend(&app1);
        let after_thumb = bytes.len();
        bytes.extend(&main[2..]);
        assert!(ours(&bytes));
        assert!(!ours(&bytes[..after_thumb]));
        assert!(!ours(&bytes[..after_thumb + 40]));
        let mut motion = bytes.clone();
        motion.extend(b"\0\0\0\x18ftypmp42 and a video after the picture");
        assert!(ours(&motion));
    }

    /// An AVIF's boxes must fit in the file and hold its data.
    #[test]
    fn an_avif_is_whole_when_its_boxes_fit_and_hold_data() {
        let mut bytes = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf".to_vec();
        bytes.extend(b"\0\0\0\x10meta\0\0\0\0\0\0\0\0");
        let header = bytes.len();
        bytes.extend(b"\0\0\0\x0cmdat\x01\x02\x03\x04");
        let kind = ImageType::Heif(imagesize::Compression::Av1);
        let whole_of = |b: &[u8]| whole(kind, &mut Cursor::new(b), b.len() as u64).unwrap();
        assert!(whole_of(&bytes));
        assert!(!whole_of(&bytes[..header]), "no data");
        for cut in header + 1..bytes.len() {
            assert!(!whole_of(&bytes[..cut]), "cut at {cut}");
        }
    }
}
