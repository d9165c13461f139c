//! Numbers as news writes them, in digits ("2,500", "5.93", "1.13bn", "3rd") and in words ("twenty-four",
//! "two million", "a dozen", "third"); shared by the `time` and `quantity` stages.
//!
//! Everything here works on lower-cased token texts and never panics: a digit string too long or too large for
//! an `f64` to hold exactly is refused, not rounded into a wrong value.

/// The longest digit string read as a number (larger values are refused: no real amount needs more).
const MAX_DIGITS: usize = 18;

/// A number written in digits, split from the letters glued after it ("1.13bn" → 1.13, "bn").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Digits<'a> {
    /// The value of the digits.
    pub value: f64,
    /// The digits as an integer, without the decimal point ("1.13" → 113).
    pub mantissa: u64,
    /// How many digits follow the decimal point.
    pub decimals: u32,
    /// Letters after the digits ("s" of "1980s", "bn", "th"), lower case; empty when none.
    pub suffix: &'a str,
    /// True when written without a decimal point.
    pub integer: bool,
    /// True when thousands were grouped with commas ("2,500").
    pub grouped: bool,
    /// How many digits before the decimal point.
    pub int_digits: usize,
}

impl Digits<'_> {
    /// The value times `10^exp`, exact for whole results ("1.13" × 10⁹ = 1 130 000 000, not 1 129 999 999.99…).
    pub fn times_pow10(&self, exp: u32) -> f64 {
        if exp >= self.decimals {
            let factor = 10u128.checked_pow(exp - self.decimals);
            if let Some(v) = factor.and_then(|f| u128::from(self.mantissa).checked_mul(f)) {
                return v as f64;
            }
        }
        self.value * 10f64.powi(exp as i32)
    }
}

/// Reads a token of digits with optional thousands commas, decimals and a letter suffix ("2,500", "5.93",
/// "1980s", "3rd", "1.13bn"). `None` for anything else, and for more than 18 digits.
pub fn parse_digits(token: &str) -> Option<Digits<'_>> {
    let bytes = token.as_bytes();
    let mut i = 0;
    let mut int_digits = 0;
    let mut all_digits = 0;
    let mut decimals = 0;
    let mut grouped = false;
    let mut integer = true;
    let mut mantissa: u64 = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                all_digits += 1;
                if all_digits > MAX_DIGITS {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
                if integer {
                    int_digits += 1;
                } else {
                    decimals += 1;
                }
            }
            b',' if integer && int_digits > 0 && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => grouped = true,
            b'.' if integer && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => integer = false,
            _ => break,
        }
        i += 1;
    }
    if all_digits == 0 {
        return None;
    }
    let suffix = token.get(i..)?;
    if !suffix.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let value = mantissa as f64 / 10f64.powi(decimals as i32);
    Some(Digits { value, mantissa, decimals, suffix, integer, grouped, int_digits })
}

/// The value of a cardinal number word ("seven" → 7, "twenty" → 20), units and tens only.
pub fn small_cardinal(word: &str) -> Option<u32> {
    Some(match word {
        "zero" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of an ordinal word or digits ("third" → 3, "twenty-first" → 21, "3rd" → 3).
pub fn ordinal(word: &str) -> Option<u32> {
    if let Some(d) = parse_digits(word) {
        return (d.integer && !d.grouped && matches!(d.suffix, "st" | "nd" | "rd" | "th") && d.value < 10_000.0)
            .then_some(d.value as u32);
    }
    if let Some((tens, unit)) = word.split_once('-') {
        let t = small_cardinal(tens).filter(|t| *t >= 20 && t % 10 == 0)?;
        return Some(t + ordinal_word(unit).filter(|u| *u < 10)?);
    }
    ordinal_word(word)
}

fn ordinal_word(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        _ => return None,
    })
}

/// The multiplier of a scale word ("million" → 1e6; "mln", "bn", "m" as newswire abbreviates them; "crore" and
/// "lakh" as South Asian news writes them).
pub fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "lakh" | "lakhs" | "lac" => 1e5,
        "million" | "millions" | "mln" | "mn" | "m" | "mio" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billion" | "billions" | "bn" | "bln" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" | "tln" => 1e12,
        _ => return None,
    })
}

/// A cardinal number read from consecutive lower-cased words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordNumber {
    /// Its value.
    pub value: f64,
    /// How many words it took.
    pub len: usize,
}

/// Reads a cardinal written in words from the start of `words` ("twenty four", "twenty-four", "one hundred and
/// five", "two million", "a dozen", "a hundred"). Does not take a lone "a" or "one" followed by nothing numeric
/// as more than the one word it is.
pub fn word_number(words: &[&str]) -> Option<WordNumber> {
    let first = *words.first()?;
    // "a dozen", "a hundred", "a million".
    if first == "a" || first == "an" {
        let next = *words.get(1)?;
        if next == "dozen" {
            return Some(WordNumber { value: 12.0, len: 2 });
        }
        if matches!(next, "hundred" | "thousand" | "million" | "billion" | "trillion") {
            let rest = word_number(&words[1..]).map_or((scale_word(next)?, 1), |n| (n.value, n.len));
            return Some(WordNumber { value: rest.0, len: rest.1 + 1 });
        }
        return None;
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut len = 0;
    // What the previous word was: decides whether a number word may follow ("twenty four", not "seven eight").
    #[derive(PartialEq)]
    enum Prev {
        Nothing,
        Tens,
        Other,
        Scale,
        And,
    }
    let mut prev = Prev::Nothing;
    while let Some(&w) = words.get(len) {
        if let Some(v) = hyphenated_cardinal(w) {
            let fits = match prev {
                Prev::Nothing | Prev::Scale | Prev::And => true,
                Prev::Tens => v < 10,
                Prev::Other => false,
            };
            if !fits {
                break;
            }
            current += f64::from(v);
            prev = if v >= 20 && v % 10 == 0 { Prev::Tens } else { Prev::Other };
            len += 1;
        } else if w == "dozen" && matches!(prev, Prev::Tens | Prev::Other) {
            current *= 12.0;
            prev = Prev::Scale;
            len += 1;
        } else if let Some(scale) =
            scale_word(w).filter(|_| matches!(prev, Prev::Tens | Prev::Other | Prev::Scale) && w.len() > 2)
        {
            if scale == 1e2 {
                current *= scale;
            } else {
                total += current * scale;
                current = 0.0;
            }
            prev = Prev::Scale;
            len += 1;
        } else if w == "and" && prev == Prev::Scale {
            // "one hundred and five": only when a number word follows.
            if words.get(len + 1).and_then(|n| hyphenated_cardinal(n)).is_none() {
                break;
            }
            prev = Prev::And;
            len += 1;
        } else {
            break;
        }
    }
    let seen_any = prev != Prev::Nothing;
    if !seen_any {
        return None;
    }
    Some(WordNumber { value: total + current, len })
}

/// "seven", "twenty-four" (tens and a unit joined by a hyphen).
fn hyphenated_cardinal(word: &str) -> Option<u32> {
    if let Some((tens, unit)) = word.split_once('-') {
        let t = small_cardinal(tens).filter(|t| *t >= 20 && t % 10 == 0)?;
        let u = small_cardinal(unit).filter(|u| (1..10).contains(u))?;
        return Some(t + u);
    }
    small_cardinal(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Option<f64> {
        let w: Vec<&str> = s.split(' ').collect();
        word_number(&w).map(|n| n.value)
    }

    #[test]
    fn digits() {
        let d = parse_digits("2,500").unwrap_or_else(|| panic!("parses"));
        assert_eq!((d.value, d.grouped, d.integer), (2500.0, true, true));
        let d = parse_digits("1.13bn").unwrap_or_else(|| panic!("parses"));
        assert_eq!((d.value, d.suffix, d.integer), (1.13, "bn", false));
        assert_eq!(d.times_pow10(9), 1_130_000_000.0);
        assert_eq!(parse_digits("5.93").map(|d| d.times_pow10(6)), Some(5_930_000.0));
        assert_eq!(parse_digits("1980s").map(|d| (d.value, d.suffix)), Some((1980.0, "s")));
        assert_eq!(parse_digits(".5").map(|d| d.value), Some(0.5));
        assert_eq!(parse_digits("abc"), None);
        assert_eq!(parse_digits("12-b"), None);
        assert_eq!(parse_digits(&"9".repeat(500)), None);
        assert_eq!(parse_digits(&"9".repeat(18)).map(|d| d.int_digits), Some(18));
    }

    #[test]
    fn number_words() {
        assert_eq!(words("twenty four hours"), Some(24.0));
        assert_eq!(words("twenty-four"), Some(24.0));
        assert_eq!(words("two million people"), Some(2e6));
        assert_eq!(words("one hundred and five"), Some(105.0));
        assert_eq!(words("a dozen"), Some(12.0));
        assert_eq!(words("a hundred"), Some(100.0));
        assert_eq!(words("three thousand five hundred"), Some(3500.0));
        assert_eq!(words("seven eight"), Some(7.0));
        assert_eq!(words("a year"), None);
        assert_eq!(words("nineteen ninety-six").map(|v| v as u32), Some(19));
        assert_eq!(ordinal("third"), Some(3));
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("3rd"), Some(3));
        assert_eq!(ordinal("3"), None);
    }
}
