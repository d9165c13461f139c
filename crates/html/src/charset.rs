//! The page's character set: from the HTTP header, the byte order mark or `<meta charset>`, else detected.

use encoding_rs::{Encoding, UTF_8};

/// Where the character set was learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// The `Content-Type` header's `charset`.
    Header,
    /// A byte order mark.
    Bom,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">` (or an XML declaration).
    Meta,
    /// Guessed from the bytes (chardetng); valid UTF-8 is taken as UTF-8.
    Detected,
}

impl CharsetSource {
    /// The name written into the output.
    pub fn as_str(self) -> &'static str {
        match self {
            CharsetSource::Header => "header",
            CharsetSource::Bom => "bom",
            CharsetSource::Meta => "meta",
            CharsetSource::Detected => "detected",
        }
    }
}

/// The decoded page and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
}

/// How far into the page `<meta charset>` is looked for (browsers look at the first 1024 bytes; pages put it
/// after long `<script>` blocks often enough that a little more pays).
const PRESCAN: usize = 4096;

/// Decodes a page. A declared encoding that is UTF-8 but whose bytes are not is overruled by detection (a
/// common mislabelling); other declarations are followed as browsers follow them.
pub fn decode(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, CharsetSource::Bom);
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .map(|e| (e, CharsetSource::Header))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]).map(|e| (e, CharsetSource::Meta)));
    if let Some((encoding, source)) = declared {
        // A page served as UTF-16 without a BOM is read as UTF-8 by browsers when its meta says so.
        let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            if source == CharsetSource::Meta { UTF_8 } else { encoding }
        } else {
            encoding
        };
        if encoding != UTF_8 || std::str::from_utf8(bytes).is_ok() {
            return finish(bytes, encoding, source);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(bytes, UTF_8, CharsetSource::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let encoding = detector.guess(tld.as_deref().map(str::as_bytes), true);
    finish(bytes, encoding, CharsetSource::Detected)
}

fn finish(bytes: &[u8], encoding: &'static Encoding, source: CharsetSource) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding, source }
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a `<meta>` tag (or an XML declaration) near the top of the page declares.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml")
        && let Some(end) = memchr::memmem::find(&lower, b"?>")
        && let Some(label) = value_after(&lower[..end], b"encoding")
    {
        return Encoding::for_label(label);
    }
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(label) = value_after(&lower[start..end], b"charset")
            && let Some(e) = Encoding::for_label(label)
        {
            return Some(e);
        }
        at = end;
    }
    None
}

/// The value after `name=` (quoted or not) in an ASCII-lower-cased tag.
fn value_after<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let i = memchr::memmem::find(tag, name)?;
    let rest = &tag[i + name.len()..];
    let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|v| !v.is_empty())
}

/// The last label of a URL's host, which tells chardetng which legacy encodings are likely.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic())).then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_bom_then_meta_then_detection() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>M\xe4dchen</body></html>";
        let d = decode(latin1, None, None);
        assert_eq!((d.encoding.name(), d.source), ("windows-1252", CharsetSource::Meta));
        assert!(d.text.contains("Mädchen"));

        let d = decode(latin1, Some("text/html; charset=UTF-8"), None);
        // Declared UTF-8 but not UTF-8: detected instead.
        assert_eq!(d.source, CharsetSource::Detected);
        assert!(d.text.contains("Mädchen"));

        let d = decode("\u{feff}<p>é</p>".as_bytes(), Some("text/html; charset=iso-8859-1"), None);
        assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::Bom));
        assert_eq!(d.text, "<p>é</p>");

        let d =
            decode(b"<p>\xc4\xe5\xed\xfc\xe3\xe8 \xef\xee \xf1\xf7\xe5\xf2\xe0\xec</p>", None, Some("http://x.ru/a"));
        assert_eq!((d.encoding.name(), d.source), ("windows-1251", CharsetSource::Detected));

        let d = decode(b"<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>", None, None);
        assert_eq!((d.encoding.name(), d.source), ("Shift_JIS", CharsetSource::Meta));
    }
}
