//! JSON as lax encoders write it. Some write a lone UTF-16 surrogate escape (`"\ud800"`, half of a pair) for
//! text they could not encode; strict JSON readers, serde_json among them, refuse the whole record for it. The
//! CLI and the server read such an escape as U+FFFD, the replacement character, and say so in a warning on the
//! record (code `lone_surrogate`): one broken character does not cost the document.

use std::borrow::Cow;

use crate::model::Warning;

/// The code of the warning on a record whose JSON held lone surrogate escapes.
pub const LONE_SURROGATE: &str = "lone_surrogate";

/// `json` with every lone surrogate escape (a high one `\uD800`–`\uDBFF` not followed by a low one, or a low one
/// `\uDC00`–`\uDFFF` not preceded by a high one) replaced by `\uFFFD`, and how many there were. The replacement
/// has the same length, so positions in the text (of a parse error, say) stay where they were; without lone
/// surrogates the input is returned as it is, uncopied.
pub fn replace_lone_surrogates(json: &[u8]) -> (Cow<'_, [u8]>, usize) {
    let mut out = Cow::Borrowed(json);
    let mut replaced = 0;
    let mut at = 0;
    while let Some(found) = json.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let escape = at + found;
        // A backslash escapes the next byte; only `\u` is longer than two bytes.
        at = escape + 2;
        let Some(unit) = escaped_unit(json, escape) else { continue };
        at = escape + 6;
        let lone = match unit {
            0xD800..=0xDBFF => match escaped_unit(json, escape + 6) {
                Some(0xDC00..=0xDFFF) => {
                    at = escape + 12;
                    false
                }
                _ => true,
            },
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            out.to_mut()[escape..escape + 6].copy_from_slice(br"\ufffd");
            replaced += 1;
        }
    }
    (out, replaced)
}

/// The UTF-16 unit of the `\uXXXX` escape at `at`, if there is one.
fn escaped_unit(json: &[u8], at: usize) -> Option<u16> {
    let escape = json.get(at..at + 6)?;
    if escape[..2] != *br"\u" {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The warning for a record in which `count` lone surrogate escapes were read as U+FFFD.
pub fn lone_surrogate_warning(count: usize) -> Warning {
    Warning {
        code: LONE_SURROGATE.into(),
        message: format!(
            "{count} lone UTF-16 surrogate escape{} (\\ud800-\\udfff without its pair) read as U+FFFD",
            if count == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replaced(json: &str) -> (String, usize) {
        let (out, n) = replace_lone_surrogates(json.as_bytes());
        (String::from_utf8_lossy(&out).into_owned(), n)
    }

    #[test]
    fn lone_halves_become_the_replacement_character() {
        assert_eq!(replaced(r#"{"text": "a\ud800b"}"#), (r#"{"text": "a\ufffdb"}"#.into(), 1));
        assert_eq!(replaced(r#""\uDC00\uD800""#), (r#""\ufffd\ufffd""#.into(), 2));
        assert_eq!(replaced(r#""\ud800\u0041""#), (r#""\ufffd\u0041""#.into(), 1));
        assert_eq!(replaced(r#""x\udbff""#), (r#""x\ufffd""#.into(), 1));
        let (out, n) = replaced(r#"{"text": "a\ud800b"}"#);
        assert_eq!(n, 1);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(value["text"], "a\u{FFFD}b");
    }

    #[test]
    fn pairs_escaped_backslashes_and_plain_text_are_left_alone() {
        for json in [
            r#""\ud83d\ude00""#,
            r#""\\ud800""#,
            r#""\\\\ud800""#,
            r#""\u00e9 \n \" \/""#,
            r#""\ud8""#,
            r#""\uzzzz""#,
            "\"\\",
            "plain",
        ] {
            let (out, n) = replace_lone_surrogates(json.as_bytes());
            assert_eq!((n, matches!(out, Cow::Borrowed(_))), (0, true), "{json}");
        }
        assert_eq!(replaced(r#""\\\ud800""#), (r#""\\\ufffd""#.into(), 1));
    }
}
