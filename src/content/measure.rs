//! The size in pixels of a picture file as browsers show it: read from its header
//! (with the `imagesize` crate), turned as its EXIF orientation says (with
//! `kamadak-exif`), once the file is known to be whole (`whole`). PNG, JPEG, GIF, WebP
//! and AVIF, the formats every browser shows.

use std::io::{BufRead, Seek, SeekFrom};
use std::path::Path;

#[path = "whole.rs"]
mod whole;

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

/// The width and height of the picture at `file` as a browser shows it: PNG, JPEG,
/// GIF, WebP and AVIF, the formats every browser shows.
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
    let (Ok(w), Ok(h)) = (u32::try_from(size.width), u32::try_from(size.height)) else {
        return Err(Unread::Damaged);
    };
    let len = reader.get_ref().metadata().map_err(Unread::Io)?.len();
    if w == 0 || h == 0 || !whole::whole(kind, &mut reader, len).map_err(Unread::Io)? {
        return Err(Unread::Damaged);
    }
    let exif = matches!(kind, ImageType::Jpeg | ImageType::Png | ImageType::Webp);
    Ok(if exif && turned(&mut reader) {
        (h, w)
    } else {
        (w, h)
    })
}

/// Whether the picture `r` reads has an EXIF orientation of 5 to 8: turned a quarter,
/// as browsers show a JPEG, PNG or WebP by default (`image-orientation: from-image`),
/// so that its width is the stored height. A file without EXIF is shown as stored.
fn turned<R: BufRead + Seek>(r: &mut R) -> bool {
    if r.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    let Ok(exif) = exif::Reader::new().read_from_container(r) else {
        return false;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .is_some_and(|o| (5..=8).contains(&o))
}

/// Whether the file at `file` is an SVG image: an XML document whose root is `<svg>`
/// in the SVG namespace (read with `roxmltree`, the parser the share cards' SVG
/// renderer uses). Text or HTML saved as `.svg` shows as a broken picture.
pub(super) fn is_svg(file: &Path) -> std::io::Result<bool> {
    let bytes = std::fs::read(file)?;
    let text = String::from_utf8_lossy(&bytes);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    Ok(
        roxmltree::Document::parse_with_options(&text, options).is_ok_and(|doc| {
            let root = doc.root_element().tag_name();
            root.name() == "svg" && root.namespace() == Some("http://www.w3.org/2000/svg")
        }),
    )
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

    /// A file of each format with a width and height of its own: its header (what
    /// `measure` reads the size from) and the least that makes it whole.
    fn headers() -> Vec<(&'static str, Vec<u8>, (u32, u32))> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(360u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        png.extend(b"\0\0\0\0IEND\xae\x42\x60\x82");
        let mut gif = b"GIF89a".to_vec();
        gif.extend(33u16.to_le_bytes());
        gif.extend(17u16.to_le_bytes());
        gif.extend([0, 0, 0, 0x3b]);
        // A JFIF segment, then the frame header with the height before the width.
        let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
        jpeg.extend(b"\xff\xc0\0\x11\x08");
        jpeg.extend(480u16.to_be_bytes());
        jpeg.extend(1024u16.to_be_bytes());
        jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.extend(b"\xff\xda\0\x08\x01\x01\0\0\x3f\0\x12\x34\xff\xd9");
        let mut webp = b"RIFF\x1e\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
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

    /// A photo taken with the camera on its side is stored lying down, with an EXIF
    /// orientation (6: turn a quarter clockwise) that browsers follow: its width is
    /// the stored height.
    #[test]
    fn a_photo_turned_by_its_exif_orientation_is_measured_as_shown() {
        let dir = tempfile::tempdir().unwrap();
        let jpeg = &headers()[2].1;
        for (orientation, size) in [
            (1u8, (1024, 480)),
            (3, (1024, 480)),
            (6, (480, 1024)),
            (8, (480, 1024)),
        ] {
            let mut tiff = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0".to_vec();
            tiff.extend([orientation, 0, 0, 0, 0, 0, 0]);
            let mut file = jpeg[..2].to_vec();
            file.extend([0xff, 0xe1]);
            file.extend(u16::try_from(tiff.len() + 2).unwrap().to_be_bytes());
            file.extend(&tiff);
            file.extend(&jpeg[2..]);
            let path = dir.path().join(format!("{orientation}.jpg"));
            std::fs::write(&path, file).unwrap();
            assert_eq!(measure(&path).unwrap(), size, "orientation {orientation}");
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
        // A header that is whole, and nothing after it.
        for (ext, bytes, _) in headers() {
            let cut = write(&format!("cut.{ext}"), &bytes[..bytes.len() - 1]);
            assert!(matches!(measure(&cut), Err(Unread::Damaged)), "{ext}");
        }
        let svg = write(
            "a.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
        );
        assert!(is_svg(&svg).unwrap());
        for text in [
            &b"not a picture\n"[..],
            b"<html><body>404</body></html>",
            b"<svg>no namespace</svg>",
        ] {
            assert!(!is_svg(&write("b.svg", text)).unwrap());
        }
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
