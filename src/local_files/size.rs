//! An image's width and height in CSS pixels, read from its bytes: raster formats with the
//! `imagesize` crate (it reads only the header), a JPEG turned by its Exif orientation with
//! width and height swapped (browsers draw it turned), an SVG from its root element's `width`
//! and `height` or else its `viewBox`. `None` for anything else, or a file that cannot be read.

/// Width and height in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Size {
    /// Width.
    pub(crate) width: u32,
    /// Height.
    pub(crate) height: u32,
}

/// The extensions of the files whose size is read.
const IMAGES: [&str; 10] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg", "heic",
];

impl Size {
    /// The size of the image `name` (its extension says whether it is one) made of `bytes`.
    pub(crate) fn of(name: &str, bytes: &[u8]) -> Option<Size> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        if !IMAGES.contains(&extension.as_str()) {
            return None;
        }
        if extension == "svg" {
            return svg(bytes);
        }
        let size = imagesize::blob_size(bytes).ok()?;
        let (width, height) = (
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        );
        if width == 0 || height == 0 {
            return None;
        }
        let turned = matches!(imagesize::image_type(bytes), Ok(imagesize::ImageType::Jpeg))
            && exif_orientation(bytes).is_some_and(|o| (5..=8).contains(&o));
        Some(if turned {
            Size {
                width: height,
                height: width,
            }
        } else {
            Size { width, height }
        })
    }
}

/// The Exif orientation (1 to 8) of a JPEG, from the first APP1 `Exif` segment's first IFD.
fn exif_orientation(jpeg: &[u8]) -> Option<u16> {
    let mut at = 2;
    loop {
        let marker = *jpeg.get(at + 1)?;
        if *jpeg.get(at)? != 0xFF || marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([*jpeg.get(at + 2)?, *jpeg.get(at + 3)?]));
        let segment = jpeg.get(at + 4..at + 2 + length)?;
        if marker == 0xE1
            && let Some(tiff) = segment.strip_prefix(b"Exif\0\0")
        {
            return tiff_orientation(tiff);
        }
        at += 2 + length;
    }
}

/// The orientation tag (0x0112) of the first IFD of a TIFF block.
fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let bytes = [*tiff.get(at)?, *tiff.get(at + 1)?];
        Some(if little {
            u16::from_le_bytes(bytes)
        } else {
            u16::from_be_bytes(bytes)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let bytes: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(bytes)
        } else {
            u32::from_be_bytes(bytes)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries).find_map(|i| {
        let entry = ifd + 2 + i * 12;
        (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8))?
    })
}

/// The size of an SVG: its root element's `width` and `height` (in `px`, unitless or an
/// absolute unit), one of them with the `viewBox`'s aspect ratio, or the `viewBox` alone.
fn svg(bytes: &[u8]) -> Option<Size> {
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(64 * 1024))?).ok()?;
    let tag = root_tag(text)?;
    let width = attribute(tag, "width").and_then(length);
    let height = attribute(tag, "height").and_then(length);
    let view_box = attribute(tag, "viewBox").and_then(|v| {
        let numbers: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match numbers[..] {
            [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
            _ => None,
        }
    });
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(size)) => size,
        _ => return None,
    };
    let pixels = |v: f64| -> Option<u32> {
        let rounded = v.round();
        (rounded >= 1.0 && rounded <= f64::from(u32::MAX)).then_some(rounded as u32)
    };
    Some(Size {
        width: pixels(w)?,
        height: pixels(h)?,
    })
}

/// The attributes of the first `<svg` start tag (what lies between `<svg` and its `>`), comments
/// skipped.
fn root_tag(text: &str) -> Option<&str> {
    let mut from = 0;
    let start = loop {
        let at = from + text.get(from..)?.find('<')?;
        let rest = &text[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            from = at + 4 + comment.find("-->")? + 3;
            continue;
        }
        if let Some(after) = rest.strip_prefix("<svg")
            && after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
        {
            break at + 4;
        }
        from = at + 1;
    };
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(&text[start..start + i]),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a start tag's attributes.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            return Some(&inner[..inner.find(quote)?]);
        }
        let end = value.find(char::is_whitespace).unwrap_or(value.len());
        return Some(&value[..end]);
    }
}

/// A length in CSS pixels: a number, with `px` or an absolute unit; not a percentage.
fn length(value: &str) -> Option<f64> {
    let value = value.trim();
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    let scale = match unit.trim() {
        "" | "px" => 1.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        _ => return None,
    };
    let pixels = number * scale;
    (pixels.is_finite() && pixels > 0.0).then_some(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(width: u32, height: u32) -> Option<Size> {
        Some(Size { width, height })
    }

    #[test]
    fn svg_sizes() {
        let cases = [
            (r#"<svg width="40" height="30">"#, size(40, 30)),
            (
                r#"<?xml version="1.0"?><!-- <svg> --><svg xmlns="http://www.w3.org/2000/svg" width='40px' height="2cm">"#,
                size(40, 76),
            ),
            (r#"<svg viewBox="0 0 300 150">"#, size(300, 150)),
            (r#"<svg width="600" viewBox="0,0,300,150">"#, size(600, 300)),
            (r#"<svg height="50" viewBox="0 0 300 150">"#, size(100, 50)),
            (
                r#"<svg width="100%" height="100%" viewBox="0 0 30 15">"#,
                size(30, 15),
            ),
            (r#"<svg width="100%">"#, None),
            (r#"<svgx width="1" height="1">"#, None),
            (r#"<svg data-width="9" width="4" height="3">"#, size(4, 3)),
            ("not svg", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Size::of("a.svg", text.as_bytes()), expected, "{text}");
        }
    }

    /// A minimal JPEG header: SOI, an APP1 Exif segment with `orientation`, and a SOF0 of
    /// 20 x 10.
    fn jpeg(orientation: u16, little: bool) -> Vec<u8> {
        type Writers = (fn(u16) -> [u8; 2], fn(u32) -> [u8; 4]);
        let (u16b, u32b): Writers = if little {
            (u16::to_le_bytes, u32::to_le_bytes)
        } else {
            (u16::to_be_bytes, u32::to_be_bytes)
        };
        let mut tiff = if little {
            b"II".to_vec()
        } else {
            b"MM".to_vec()
        };
        tiff.extend(u16b(42));
        tiff.extend(u32b(8));
        tiff.extend(u16b(1));
        tiff.extend(u16b(0x0112));
        tiff.extend(u16b(3));
        tiff.extend(u32b(1));
        tiff.extend(u16b(orientation));
        tiff.extend([0, 0]);
        tiff.extend(u32b(0));
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
        bytes.extend(u16::try_from(app1.len() + 2).expect("short").to_be_bytes());
        bytes.extend(app1);
        bytes.extend([0xFF, 0xC0, 0, 11, 8, 0, 10, 0, 20, 1, 1, 0x11, 0]);
        bytes.extend([0xFF, 0xDA, 0, 2]);
        bytes
    }

    #[test]
    fn jpeg_orientation_swaps_width_and_height() {
        assert_eq!(Size::of("a.jpg", &jpeg(1, true)), size(20, 10));
        assert_eq!(Size::of("a.JPG", &jpeg(6, true)), size(10, 20));
        assert_eq!(Size::of("a.jpeg", &jpeg(8, false)), size(10, 20));
        assert_eq!(Size::of("a.jpeg", &jpeg(3, false)), size(20, 10));
    }

    #[test]
    fn other_files_have_no_size() {
        assert_eq!(Size::of("a.pdf", b"%PDF-1.7"), None);
        assert_eq!(Size::of("a.png", b"broken"), None);
        assert_eq!(Size::of("noextension", b"x"), None);
    }
}
