//! The one normalization of place names that the gazetteer compiler and the resolver share, so that "St. Louis",
//! "Saint Louis" and "ST LOUIS" meet under one key.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The lookup key of a place name: lower case, accents stripped, periods and apostrophes dropped, hyphens and other
/// punctuation turned into single spaces, a leading "the" dropped, and "St", "Ste", "Mt", "Ft" spelled out.
/// Returns an empty string when nothing of a name is left.
pub fn normalize_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '.' | '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}' | '\u{02BB}' | '\u{02BF}' | '\u{02BE}' => {}
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    let mut out = String::with_capacity(folded.len());
    for (i, word) in folded.split_whitespace().enumerate() {
        if i == 0 && word == "the" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(match word {
            "st" => "saint",
            "ste" => "sainte",
            "mt" => "mount",
            "ft" => "fort",
            w => w,
        });
    }
    out
}

/// A camel-cased name with its words apart ("SierraLeone" → "Sierra Leone", "St.Louis" → "St. Louis"), as hashtags
/// write them; `None` when there is nothing to split.
pub fn split_camel(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev: Option<char> = None;
    let mut split = false;
    for c in name.chars() {
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p == '.') {
            out.push(' ');
            split = true;
        }
        out.push(c);
        prev = Some(c);
    }
    split.then_some(out)
}

/// True when every letter of `name` is Latin (with or without accents): the alternate names English text can use.
pub fn is_latin(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_alphabetic()
            || c.is_ascii_alphabetic()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{02BC}' | '\u{02BB}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(split_camel("SierraLeone").as_deref(), Some("Sierra Leone"));
        assert_eq!(split_camel("St.Louis").as_deref(), Some("St. Louis"));
        assert_eq!(split_camel("JammuAndKashmir").as_deref(), Some("Jammu And Kashmir"));
        assert_eq!(split_camel("Ohio"), None);
        assert_eq!(split_camel("USA"), None);
    }

    #[test]
    fn keys() {
        assert_eq!(normalize_name("St. Louis"), "saint louis");
        assert_eq!(normalize_name("Saint-Louis"), "saint louis");
        assert_eq!(normalize_name("U.S."), "us");
        assert_eq!(normalize_name("the Gaza Strip"), "gaza strip");
        assert_eq!(normalize_name("Karbalāʼ"), "karbala");
        assert_eq!(normalize_name("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalize_name("  "), "");
        assert!(is_latin("Zürich") && !is_latin("Москва"));
    }
}
