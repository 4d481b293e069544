//! The size in pixels of a picture file, read from its header alone (with the
//! `imagesize` crate): PNG, JPEG, GIF, WebP and AVIF, the formats every browser shows.

use std::path::Path;

/// Why the size of a file could not be read.
#[derive(Debug)]
pub(super) enum Unread {
    /// Not a format the build reads.
    Format,
    /// HEIF other than AVIF.
    Heic,
    /// Cut short or damaged.
    Damaged,
    /// The file could not be read.
    Io(std::io::Error),
}

/// The width and height of the picture at `file`, read from its header: PNG, JPEG, GIF,
/// WebP and AVIF, the formats every browser shows.
pub(super) fn measure(file: &Path) -> Result<(u32, u32), Unread> {
    use imagesize::{Compression, ImageError, ImageType};
    let open = std::fs::File::open(file).map_err(Unread::Io)?;
    let mut reader = std::io::BufReader::new(open);
    let failed = |e: ImageError| match e {
        ImageError::NotSupported => Unread::Format,
        ImageError::CorruptedImage => Unread::Damaged,
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Unread::Damaged,
        ImageError::IoError(e) => Unread::Io(e),
    };
    let kind = imagesize::reader_type(&mut reader).map_err(failed)?;
    match kind {
        ImageType::Heif(Compression::Av1) => {}
        ImageType::Heif(_) => return Err(Unread::Heic),
        _ => {}
    }
    let size = kind.reader_size(&mut reader).map_err(failed)?;
    match (u32::try_from(size.width), u32::try_from(size.height)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(Unread::Damaged),
    }
}

/// `given`, a size along one side, with the other side in the ratio `this : other` of
/// the picture's real size.
pub(super) fn scaled(given: u32, this: u32, other: u32) -> u32 {
    let exact = (u64::from(given) * u64::from(other) + u64::from(this) / 2) / u64::from(this);
    u32::try_from(exact.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header of each format with a width and height of its own (what `measure` reads).
    fn headers() -> Vec<(&'static str, Vec<u8>, (u32, u32))> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(360u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0]);
        let mut gif = b"GIF89a".to_vec();
        gif.extend(33u16.to_le_bytes());
        gif.extend(17u16.to_le_bytes());
        gif.extend([0; 8]);
        // A JFIF segment, then the frame header with the height before the width.
        let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
        jpeg.extend(b"\xff\xc0\0\x11\x08");
        jpeg.extend(480u16.to_be_bytes());
        jpeg.extend(1024u16.to_be_bytes());
        jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let mut webp = b"RIFF\x30\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend(&1199u32.to_le_bytes()[..3]);
        webp.extend(&674u32.to_le_bytes()[..3]);
        webp.extend([0; 8]);
        vec![
            ("png", png, (640, 360)),
            ("gif", gif, (33, 17)),
            ("jpg", jpeg, (1024, 480)),
            ("webp", webp, (1200, 675)),
        ]
    }

    #[test]
    fn reads_the_size_of_png_jpeg_gif_and_webp_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        for (ext, bytes, size) in headers() {
            let file = dir.path().join(format!("a.{ext}"));
            std::fs::write(&file, bytes).unwrap();
            assert_eq!(measure(&file).unwrap(), size, "{ext}");
        }
    }

    #[test]
    fn refuses_what_browsers_do_not_show_and_what_is_cut_short() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let file = dir.path().join(name);
            std::fs::write(&file, bytes).unwrap();
            file
        };
        let heic = write("a.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
        assert!(matches!(measure(&heic), Err(Unread::Heic)));
        let tiff = write("a.tiff", b"II*\0\x08\0\0\0\0\0\0\0\0\0\0\0");
        assert!(matches!(measure(&tiff), Err(Unread::Format)));
        let text = write("a.png", b"not a picture, only some text\n");
        assert!(matches!(measure(&text), Err(Unread::Format)));
        let short = write("b.png", &headers()[0].1[..14]);
        assert!(matches!(measure(&short), Err(Unread::Damaged)));
        let none = dir.path().join("missing.png");
        assert!(matches!(measure(&none), Err(Unread::Io(_))));
    }

    #[test]
    fn one_size_given_sets_the_other_in_proportion() {
        assert_eq!(scaled(320, 640, 360), 180);
        assert_eq!(scaled(100, 3, 2), 67);
        assert_eq!(scaled(1, 1000, 1), 1);
    }
}
