//! Discard lists (phrases that stop a sentence or a story from being coded) and issue lists (phrases that tag
//! a sentence with an issue code).

use super::{Report, brackets, content_lines, upper};

/// A discard phrase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiscardEntry {
    /// Upper-case words, consecutive.
    pub words: Vec<String>,
    /// The last word must end there (`_`); otherwise it is a stem.
    pub closed: bool,
    /// `+`: the whole story is not coded.
    pub story: bool,
    /// Line in the file.
    pub line: usize,
}

/// An issue phrase and its code; `ignore` phrases cancel issue coding in the sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IssueEntry {
    /// Upper-case words, consecutive.
    pub words: Vec<String>,
    /// The issue code; empty for an ignore phrase.
    pub code: String,
    /// Line in the file.
    pub line: usize,
}

/// Reads a discard list.
pub fn read_discards(file: &str, text: &str) -> (Vec<DiscardEntry>, Vec<super::Diagnostic>) {
    let mut report = Report::new(file);
    let mut out = Vec::new();
    for line in content_lines(text) {
        let mut t = line.text.trim();
        let story = t.starts_with('+');
        if story {
            t = t[1..].trim();
        }
        let closed = t.ends_with('_');
        let words: Vec<String> = t
            .trim_end_matches('_')
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(upper)
            .collect();
        if words.is_empty() {
            report.warn(line.number, "empty discard phrase");
            continue;
        }
        out.push(DiscardEntry { words, closed, story, line: line.number });
    }
    (out, report.diagnostics)
}

/// Reads an issue list: `[n:|v:]word … [CODE]`, `~phrase` to ignore; `n:` adds the plural, `v:` the regular
/// verb forms, `+` inside a word both the blank and the hyphen spelling.
pub fn read_issues(file: &str, text: &str) -> (Vec<IssueEntry>, Vec<super::Diagnostic>) {
    let mut report = Report::new(file);
    let mut out = Vec::new();
    for line in content_lines(text) {
        let t = line.text.trim();
        if t.starts_with('<') {
            continue;
        }
        let (phrase, code) = if let Some(ignored) = t.strip_prefix('~') {
            (ignored.trim_start_matches('~').to_string(), String::new())
        } else {
            let (outside, groups) = brackets(t);
            match groups.last() {
                Some(code) if !code.is_empty() => (outside, code.clone()),
                _ => {
                    report.warn(line.number, format!("issue without a [code]: {t:?}"));
                    continue;
                }
            }
        };
        let mut forms: Vec<Vec<String>> = vec![Vec::new()];
        for word in phrase.split_whitespace() {
            let word = upper(word);
            let variants: Vec<String> = if let Some(w) = word.strip_prefix("N:") {
                vec![w.to_string(), super::verbs::plural_noun(w)]
            } else if let Some(w) = word.strip_prefix("V:") {
                let mut v = vec![w.to_string()];
                v.extend(super::verbs::regular_verb_forms(w));
                v
            } else {
                vec![word]
            };
            let mut next = Vec::new();
            for f in &forms {
                for v in &variants {
                    if v.contains('+') {
                        let mut spaced = f.clone();
                        spaced.extend(v.split('+').filter(|s| !s.is_empty()).map(str::to_string));
                        next.push(spaced);
                        let mut hyphen = f.clone();
                        hyphen.push(v.replace('+', "-"));
                        next.push(hyphen);
                    } else {
                        let mut g = f.clone();
                        g.push(v.clone());
                        next.push(g);
                    }
                }
            }
            forms = next;
        }
        for words in forms.into_iter().filter(|w| !w.is_empty()) {
            out.push(IssueEntry { words, code: code.clone(), line: line.number });
        }
    }
    (out, report.diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discards() {
        let (d, diags) = read_discards("d", "MONTHS LATER\n+Manchester United   # pas\nWORLD_CUP_\n");
        assert!(diags.is_empty());
        assert_eq!(d[1].words, vec!["MANCHESTER", "UNITED"]);
        assert!(d[1].story && !d[0].story);
        assert!(d[2].closed);
    }

    #[test]
    fn issues() {
        let (i, diags) =
            read_issues("i", "<ISSUE CATEGORY=\"X\">\nn:teacher [TEACHERS]\npre+k [EARLY]\n~a head start\nno code\n");
        assert_eq!(diags.len(), 1);
        let phrases: Vec<String> = i.iter().map(|e| e.words.join(" ")).collect();
        assert!(phrases.contains(&"TEACHERS".to_string()) && phrases.contains(&"PRE K".to_string()));
        assert!(phrases.contains(&"PRE-K".to_string()));
        assert!(i.iter().any(|e| e.code.is_empty()));
    }
}
