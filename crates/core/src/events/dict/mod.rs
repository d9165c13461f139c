//! Readers for the TABARI / PETRARCH dictionary formats: verbs with synsets and patterns, actors with
//! date-bounded codes, agents, discards and issues (format: `dictionaries.rst` of PETRARCH2 and the TABARI
//! manual).
//!
//! The readers turn text into plain structures and never fail: a line they cannot read becomes a
//! [`Diagnostic`] naming the file and line, and reading goes on. Compiling the structures into matchers is
//! the job of [`super::lexicon`].

pub(crate) mod actors;
mod lists;
mod verbs;

pub use actors::{ActorEntry, AgentEntry, DateBound, DatedCode, PhraseWord, parse_date, read_actors, read_agents};
pub use lists::{DiscardEntry, IssueEntry, read_discards, read_issues};
pub use verbs::{
    CodeSpec, Elem, Gap, Pattern, PatternItem, Synset, Transformation, VerbBlock, VerbDictionary, VerbForm, read_verbs,
};

/// Which program's conventions a dictionary follows: they differ in how a bare word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Flavor {
    /// PETRARCH / Phoenix: words are whole words (a trailing `_` is only a separator).
    Petrarch,
    /// TABARI: a word without a trailing `_` is a stem that matches any continuation ("ARGENTIN").
    Tabari,
}

/// A line of a dictionary that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (as the caller named it).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Collects diagnostics for one file.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    file: &'a str,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    pub(crate) fn new(file: &'a str) -> Self {
        Report { file, diagnostics: Vec::new() }
    }

    pub(crate) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { file: self.file.to_string(), line, message: message.into() });
    }
}

/// One content line of a dictionary file with its comments removed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the file.
    pub(crate) number: usize,
    /// The text without comments, trimmed at the end (leading whitespace kept: it is meaningful for date
    /// restrictions).
    pub(crate) text: &'a str,
}

/// The content lines of a dictionary: `<!-- -->` comments (also over several lines), `#` and `;` comments to
/// the end of the line, `//` comment lines and blank lines removed. A line `~~FINISH…` ends the file (TABARI).
pub(crate) fn content_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let mut line = raw;
        if in_comment {
            match line.find("-->") {
                Some(end) => {
                    in_comment = false;
                    line = &line[end + 3..];
                }
                None => continue,
            }
        }
        if line.starts_with("~~") {
            break;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        // An XML-style comment: `<!-- … -->`, possibly unterminated on this line. TABARI's `<! --` too.
        if let Some(start) = line.find("<!") {
            match line[start..].find("-->") {
                Some(end) => {
                    // Keep what is before the comment only; text after an inline comment is rare and ignored.
                    line = &line[..start];
                    let _ = end;
                }
                None => {
                    in_comment = true;
                    line = &line[..start];
                }
            }
        }
        let cut = line.find(['#', ';']).unwrap_or(line.len());
        let text = line[..cut].trim_end();
        if text.trim().is_empty() {
            continue;
        }
        out.push(Line { number, text });
    }
    out
}

/// The bracketed groups of a line, `[…]`, with the text outside them.
pub(crate) fn brackets(text: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        outside.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                groups.push(after[..close].trim().to_string());
                rest = &after[close + 1..];
            }
            None => {
                // An unclosed bracket: treat the rest as the group (reported by the caller if it matters).
                groups.push(after.trim().to_string());
                rest = "";
            }
        }
    }
    outside.push_str(rest);
    (outside, groups)
}

/// Upper-cases a dictionary or text word the way matching expects (ASCII and Unicode letters).
pub fn upper(word: &str) -> String {
    if word.is_ascii() { word.to_ascii_uppercase() } else { word.to_uppercase() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_removed_and_lines_numbered() {
        let text = "<!-- head -->\nA [X] # c\n<!--\nhidden\n-->\n\nB ; tabari comment\n~~FINISH\nC\n";
        let lines = content_lines(text);
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(got, vec![(2, "A [X]"), (7, "B")]);
    }

    #[test]
    fn brackets_and_phrases() {
        let (outside, groups) = brackets("ALBRIGHT  [USAGOV 991201-010114] [---]");
        assert_eq!(outside.trim(), "ALBRIGHT");
        assert_eq!(groups, vec!["USAGOV 991201-010114", "---"]);
    }
}
