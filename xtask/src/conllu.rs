//! CoNLL-U files (Universal Dependencies): documents of sentences of words with their heads and relations.
//! Multiword tokens ("don't" = "do" + "n't") are kept as ranges over the words; empty nodes are skipped.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// A syntactic word.
#[derive(Debug, Clone)]
pub struct Word {
    pub form: String,
    /// Penn Treebank tag (XPOS).
    pub xpos: String,
    /// Head as a word index in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// The relation, subtype included ("nsubj:pass").
    pub deprel: String,
}

/// A multiword token: words `first..=last`, written `form` in the text.
#[derive(Debug, Clone)]
pub struct Multiword {
    pub first: usize,
    pub last: usize,
    pub form: String,
}

#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The sentence as written (`# text`).
    pub text: String,
    /// True when the sentence starts a paragraph (`# newpar`).
    pub new_paragraph: bool,
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
}

impl Sentence {
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// The tokens as written: each multiword token once, every other word on its own; `(form, first, last)` with
    /// the word range it covers.
    pub fn tokens(&self) -> Vec<(&str, usize, usize)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        while i < self.words.len() {
            match self.multiwords.iter().find(|m| m.first == i) {
                Some(m) => {
                    out.push((m.form.as_str(), m.first, m.last));
                    i = m.last + 1;
                }
                None => {
                    out.push((self.words[i].form.as_str(), i, i));
                    i += 1;
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub sentences: Vec<Sentence>,
}

impl Doc {
    /// The document as text: sentences joined by a space, paragraphs by a blank line; with each sentence's byte
    /// offset in it.
    pub fn text(&self) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(self.sentences.len());
        for s in &self.sentences {
            if !text.is_empty() {
                text.push_str(if s.new_paragraph { "\n\n" } else { " " });
            }
            starts.push(text.len());
            text.push_str(&s.text);
        }
        (text, starts)
    }
}

/// Reads a CoNLL-U file into documents (`# newdoc` starts one).
pub fn read(path: &Path) -> Result<Vec<Doc>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<Doc> = Vec::new();
    let mut sentence = Sentence::default();
    let mut new_doc = true;
    for (n, line) in text.lines().enumerate() {
        let at = || format!("{}:{}", path.display(), n + 1);
        if line.is_empty() {
            if !sentence.words.is_empty() {
                if new_doc || docs.is_empty() {
                    docs.push(Doc::default());
                    new_doc = false;
                }
                if let Some(d) = docs.last_mut() {
                    d.sentences.push(std::mem::take(&mut sentence));
                }
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if comment.starts_with("newdoc") {
                new_doc = true;
            } else if comment.starts_with("newpar") {
                sentence.new_paragraph = true;
            } else if let Some(t) = comment.strip_prefix("text =") {
                sentence.text = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            bail!("{}: expected 10 columns, got {}", at(), cols.len());
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // an empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b): (usize, usize) = (a.parse()?, b.parse()?);
            sentence.multiwords.push(Multiword { first: a - 1, last: b - 1, form: cols[1].to_string() });
            continue;
        }
        let head: usize = cols[6].parse().with_context(at)?;
        sentence.words.push(Word {
            form: cols[1].to_string(),
            xpos: cols[4].to_string(),
            head: head.checked_sub(1),
            deprel: cols[7].to_string(),
        });
    }
    if !sentence.words.is_empty() {
        if new_doc || docs.is_empty() {
            docs.push(Doc::default());
        }
        if let Some(d) = docs.last_mut() {
            d.sentences.push(sentence);
        }
    }
    Ok(docs)
}

/// The data file of a split (`train`, `dev`, `test`) in a UD treebank directory.
pub fn split_file(dir: &Path, split: &str) -> Result<std::path::PathBuf> {
    let suffix = format!("-ud-{split}.conllu");
    std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)))
        .with_context(|| format!("no *{suffix} in {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiwords_and_documents() {
        let data = "# newdoc id = a\n# newpar id = p\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
                    2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\
                    3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\
                    4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
                    # text = Yes.\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\
                    # newdoc id = b\n# text = No\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let path = std::env::temp_dir().join(format!("conllu-test-{}.conllu", std::process::id()));
        std::fs::write(&path, data).unwrap_or_default();
        let docs = read(&path).unwrap_or_default();
        let _ = std::fs::remove_file(&path);
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(s.forms(), ["I", "do", "n't", "."]);
        assert_eq!(s.words[0].head, Some(1));
        assert_eq!(s.words[1].head, None);
        assert_eq!(s.tokens(), [("I", 0, 0), ("don't", 1, 2), (".", 3, 3)]);
        assert_eq!(docs[0].text().0, "I don't. Yes.");
        assert!(s.new_paragraph);
    }
}
