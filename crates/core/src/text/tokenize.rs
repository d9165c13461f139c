//! Tokens of normalized text, Penn Treebank style as the CoNLL-trained taggers expect them.
//!
//! Words keep inner hyphens, apostrophes and periods ("US-led", "O'Brien", "U.S."); possessives and
//! contractions split off ("Iran" + "'s", "do" + "n't"); numbers keep separators, decimals and unit suffixes
//! ("2,500", "5.93", "1.13bn", "1980s"); "$" and "%" stand alone; known abbreviations keep their period ("Dr.",
//! "Jan."); URLs, e-mail addresses and emoji are single tokens.

use crate::model::TokenKind;

/// A token: a byte range of the normalized text and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Line breaks between the previous token and this one (capped at 255).
    pub newlines_before: u8,
    /// True when whitespace separates this token from the previous one.
    pub space_before: bool,
}

/// Abbreviations that keep their period (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "rev", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm", "gov",
    "sen", "rep", "pres", "amb", "atty", "supt", "insp", "det", "hon", "st", "ste", "mt", "ft", "jr", "sr", "messrs",
    "mme", "mlle", "fr", "sra", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn",
    "assoc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "vs",
    "v", "etc", "approx", "est", "ca", "cf", "al", "e.g", "i.e", "a.m", "p.m", "ave", "blvd", "rd", "hwy", "ky", "la",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash",
    "wis", "wyo", "ont", "que", "alta", "sask", "man",
];

/// True for the lower-cased word without its period when it is a known abbreviation.
pub fn is_abbreviation(lower: &str) -> bool {
    ABBREVIATIONS.contains(&lower)
}

/// Suffixes after digits that belong to the number token ("1980s", "3rd", "1.13bn", "10km").
fn is_number_suffix(s: &str) -> bool {
    if s.len() > 4 {
        return false;
    }
    let mut lower = [0u8; 4];
    lower[..s.len()].copy_from_slice(s.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        std::str::from_utf8(&lower[..s.len()]).unwrap_or(""),
        "s" | "st"
            | "nd"
            | "rd"
            | "th"
            | "k"
            | "m"
            | "mn"
            | "mln"
            | "bn"
            | "b"
            | "tn"
            | "trn"
            | "bln"
            | "pc"
            | "km"
            | "kg"
            | "mm"
            | "cm"
            | "ml"
            | "mph"
            | "kph"
            | "ft"
            | "am"
            | "pm"
            | "gw"
            | "mw"
            | "kw"
            | "mb"
            | "gb"
            | "tb"
            | "g"
            | "mg"
            | "lb"
            | "lbs"
            | "oz"
            | "yr"
            | "yrs"
            | "h"
            | "hr"
            | "hrs"
            | "min"
            | "sec"
    )
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF)
}

/// Characters that glue onto an emoji: variation selectors, skin tones, joiners, keycaps, tags.
fn is_emoji_glue(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && is_combining_mark(c))
}

fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Splits normalized text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut newlines: u32 = 0;
    let mut space = false;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => {
                space = true;
                i += 1;
                continue;
            }
            b'\n' => {
                newlines += 1;
                space = true;
                i += 1;
                continue;
            }
            b if b >= 0x80 && char_at(text, i).is_whitespace() => {
                space = true;
                i += char_at(text, i).len_utf8();
                continue;
            }
            _ => {}
        }
        let start_count = tokens.len();
        i = match plain_word_end(bytes, i) {
            Some(end) => {
                push(&mut tokens, i, end, TokenKind::Word);
                end
            }
            None => scan_token(text, i, &mut tokens),
        };
        if let Some(first) = tokens.get_mut(start_count) {
            first.newlines_before = newlines.min(255) as u8;
            first.space_before = space;
        }
        newlines = 0;
        space = false;
    }
    tokens
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

fn push(tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    tokens.push(Token { start, end, kind, newlines_before: 0, space_before: false });
}

/// The end of a plain ASCII word at `i` (letters, then digits or letters, then a space or a punctuation mark that
/// cannot join it to anything): most tokens of news, and the fast path past `scan_token`. A word that could be a
/// URL, an abbreviation, a compound or a contraction is left to `scan_token`.
fn plain_word_end(bytes: &[u8], i: usize) -> Option<usize> {
    let first = *bytes.get(i)?;
    if !first.is_ascii_alphabetic() || matches!(first, b'h' | b'H' | b'w' | b'W') {
        return None;
    }
    let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    match bytes.get(end) {
        None | Some(b' ' | b'\n' | b'\t' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'(' | b'"' | b']' | b'[') => {
            Some(end)
        }
        _ => None,
    }
}

/// Scans the token(s) starting at byte `i` (not whitespace) and returns where scanning stopped.
fn scan_token(text: &str, i: usize, tokens: &mut Vec<Token>) -> usize {
    let rest = &text[i..];
    let c = char_at(text, i);
    if let Some(end) = matches!(c, 'h' | 'H' | 'w' | 'W').then(|| scan_url(rest)).flatten() {
        push(tokens, i, i + end, TokenKind::Url);
        return i + end;
    }
    if is_word_char(c) {
        return scan_word(text, i, tokens);
    }
    if is_emoji(c) {
        let mut end = i + c.len_utf8();
        for n in text[end..].chars() {
            if is_emoji_glue(n) || (is_emoji(n) && text[..end].ends_with('\u{200D}')) || is_regional_pair(c, n, end - i)
            {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        push(tokens, i, end, TokenKind::Emoji);
        return end;
    }
    // Runs that newswire writes as one token.
    for run in ["...", "--", "''", "``"] {
        if rest.starts_with(run) {
            let mut end = i + run.len();
            if run == "..." || run == "--" {
                let unit = &run[..1];
                while text[end..].starts_with(unit) {
                    end += 1;
                }
            }
            push(tokens, i, end, TokenKind::Punct);
            return end;
        }
    }
    // A decimal written without its leading zero (".5").
    if c == '.' && rest[1..].starts_with(|n: char| n.is_ascii_digit()) && !prev_is_word(tokens, i) {
        return scan_word(text, i, tokens);
    }
    let kind = if is_symbol(c) { TokenKind::Symbol } else { TokenKind::Punct };
    push(tokens, i, i + c.len_utf8(), kind);
    i + c.len_utf8()
}

fn is_regional_pair(first: char, next: char, len_so_far: usize) -> bool {
    let ri = |c: char| (0x1F1E6..=0x1F1FF).contains(&(c as u32));
    ri(first) && ri(next) && len_so_far == 4
}

fn prev_is_word(tokens: &[Token], at: usize) -> bool {
    tokens.last().is_some_and(|t| t.end == at && matches!(t.kind, TokenKind::Word | TokenKind::Number))
}

fn is_symbol(c: char) -> bool {
    matches!(c, '$' | '%' | '&' | '+' | '=' | '<' | '>' | '#' | '@' | '^' | '~' | '|' | '*' | '\\')
        || matches!(c, '\u{00A2}'..='\u{00A5}' | '\u{20A0}'..='\u{20CF}' | '\u{00B0}' | '\u{00A9}' | '\u{00AE}' | '\u{2122}')
}

/// Length of a URL at the start of `rest`, if one starts there.
fn scan_url(rest: &str) -> Option<usize> {
    let scheme = ["https://", "http://", "www."]
        .iter()
        .find(|p| rest.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))?;
    let mut end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>')).unwrap_or(rest.len());
    // Trailing punctuation belongs to the sentence, and an unbalanced closing bracket to the text around.
    while end > scheme.len() {
        let last = rest[..end].chars().next_back().unwrap_or(' ');
        let unbalanced = last == ')' && rest[..end].matches('(').count() < rest[..end].matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | ']') || unbalanced {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > scheme.len() + 1).then_some(end)
}

/// Scans a word-like run at `i`: letters and digits joined by inner hyphens, apostrophes, periods, commas
/// (in numbers), `@` (e-mail), `&` (AT&T), then splits off clitics.
fn scan_word(text: &str, i: usize, tokens: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let mut end = i;
    let mut has_at = false;
    let mut prev_dot_letter = false;
    loop {
        // Consume word characters, ASCII bytes first.
        end += b[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if b.get(end).is_some_and(|&b| b >= 0x80 || b == b'_') {
            end += text[end..].chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum::<usize>();
        }
        let Some(&joiner) = b.get(end) else { break };
        if !matches!(joiner, b'-' | b'.' | b',' | b'\'' | b'@' | b'&') {
            break;
        }
        let next = text.get(end + 1..).and_then(|s| s.chars().next());
        let next_is_word = next.is_some_and(is_word_char);
        let next_is_digit = next.is_some_and(|c| c.is_ascii_digit());
        let prev = text[..end].chars().next_back().unwrap_or(' ');
        match joiner {
            b'-' if next_is_word && !(prev.is_ascii_digit() && next_is_digit && all_digits_since(text, i, end)) => {
                end += 1;
            }
            b'-' => break,
            b'.' if prev.is_ascii_digit() && next_is_digit => end += 1,
            b',' if prev.is_ascii_digit() && next_is_digit && digits_follow_in_threes(text, end + 1) => end += 1,
            b'\'' if next_is_word && !is_clitic_start(&text[end..]) => end += 1,
            b'@' if next_is_word && !has_at => {
                has_at = true;
                end += 1;
            }
            b'&' if next_is_word && prev.is_uppercase() && next.is_some_and(char::is_uppercase) => end += 1,
            b'.' if next_is_word && text[..end].chars().rev().take_while(|c| is_word_char(*c)).count() <= 2 => {
                // Initialisms: U.S., J.R.R., e.g. — letters and periods alternating.
                prev_dot_letter = true;
                end += 1;
            }
            b'.' if has_at && next_is_word => end += 1,
            _ => break,
        }
    }
    // Trailing period of an initialism ("U.S.") or a known abbreviation ("Dr.", "Jan.").
    if b.get(end) == Some(&b'.') {
        let word = &text[i..end];
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if prev_dot_letter || single_letter || is_abbreviation(&word.to_lowercase()) {
            end += 1;
        }
    }
    let word = &text[i..end];
    if has_at && word.contains('.') {
        push(tokens, i, end, TokenKind::Email);
        return end;
    }
    split_clitics_and_push(text, i, end, tokens)
}

fn all_digits_since(text: &str, start: usize, end: usize) -> bool {
    text[start..end].chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn digits_follow_in_threes(text: &str, at: usize) -> bool {
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    digits == 3
}

/// True when an apostrophe at the start of `s` begins a clitic ("'s", "'re", "'ll", "'d", "'ve", "'m").
fn is_clitic_start(s: &str) -> bool {
    let after = &s[1..];
    let len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    let clitic = after[..len].to_ascii_lowercase();
    matches!(clitic.as_str(), "s" | "re" | "ll" | "d" | "ve" | "m")
}

/// Pushes the word `text[start..end]`, splitting off a "n't" contraction and a possessive or contraction that
/// follows ("'s", "'re" ...); returns the end of what was pushed.
fn split_clitics_and_push(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) -> usize {
    let word = &text[start..end];
    // "don't" was joined because "t" is no clitic of its own.
    if word.len() > 3 && word.get(word.len() - 3..).is_some_and(|t| t.eq_ignore_ascii_case("n't")) {
        push_word(text, start, end - 3, tokens);
        push(tokens, end - 3, end, TokenKind::Word);
    } else {
        push_word(text, start, end, tokens);
    }
    let after = &text[end..];
    if after.starts_with('\'') && is_clitic_start(after) {
        let len = 1 + after[1..].bytes().take_while(u8::is_ascii_alphabetic).count();
        push(tokens, end, end + len, TokenKind::Word);
        return end + len;
    }
    end
}

fn push_word(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    push(tokens, start, end, classify(word));
}

/// Word or number: a number is digits with separators, optionally followed by a unit suffix.
fn classify(word: &str) -> TokenKind {
    if !word.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return TokenKind::Word;
    }
    let digits_end = word
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(word.len(), |(at, _)| at);
    let starts_numeric = word.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if starts_numeric && digits_end > 0 && (digits_end == word.len() || is_number_suffix(&word[digits_end..])) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn numbers_money_percent() {
        assert_eq!(
            toks("rose 76% to $1.13bn (2,500 troops, 5.93 mln)"),
            ["rose", "76", "%", "to", "$", "1.13bn", "(", "2,500", "troops", ",", "5.93", "mln", ")"]
        );
        assert_eq!(
            toks("the 1980s, 3rd, .5 and 10-15"),
            ["the", "1980s", ",", "3rd", ",", ".5", "and", "10", "-", "15"]
        );
    }

    #[test]
    fn clitics() {
        assert_eq!(
            toks("Iran's allies don't say the countries' I'm"),
            ["Iran", "'s", "allies", "do", "n't", "say", "the", "countries", "'", "I", "'m"]
        );
        assert_eq!(toks("O'Brien's rock'n'roll"), ["O'Brien", "'s", "rock'n'roll"]);
    }

    #[test]
    fn compounds_and_abbreviations() {
        assert_eq!(
            toks("US-led U.S. forces, Dr. J.R.R. Tolkien and Mr. Smith on Jan. 5."),
            [
                "US-led", "U.S.", "forces", ",", "Dr.", "J.R.R.", "Tolkien", "and", "Mr.", "Smith", "on", "Jan.", "5",
                "."
            ]
        );
        assert_eq!(toks("COVID-19 F-16s 10-year-old AT&T"), ["COVID-19", "F-16s", "10-year-old", "AT&T"]);
        assert_eq!(toks("He said so."), ["He", "said", "so", "."]);
    }

    #[test]
    fn urls_emails_emoji() {
        assert_eq!(
            toks("See https://bbc.co.uk/news/x?a=1. Mail jo.doe@example.com 👍🏽 ok"),
            ["See", "https://bbc.co.uk/news/x?a=1", ".", "Mail", "jo.doe@example.com", "👍🏽", "ok"]
        );
        assert_eq!(tokenize("👍🏽")[0].kind, TokenKind::Emoji);
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(toks("Wait... what -- now"), ["Wait", "...", "what", "--", "now"]);
    }
}
