//! CoNLL-format files: one token per line (`word [pos chunk] ner`), blank lines between sentences,
//! `-DOCSTART-` lines between documents. The first column is the word and the last the entity tag; with four
//! columns or more, the second and third are part of speech and chunk (as in CoNLL-2003).

use std::path::Path;

use anyhow::{Context, Result, bail};
use gleaner_core::tag::spans::{parse_label, spans};

/// A token and its gold tags.
#[derive(Debug, Clone)]
pub struct Token {
    pub word: String,
    pub pos: Option<String>,
    pub chunk: Option<String>,
    pub ner: String,
}

/// A sentence.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

impl Sentence {
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.word.as_str()).collect()
    }

    /// Gold entity spans `(first, end, type)`, read as IOB1/BIO/BILOU alike.
    pub fn entities(&self) -> Vec<(usize, usize, String)> {
        spans(self.tokens.iter().map(|t| parse_label(&t.ner)))
            .into_iter()
            .map(|(s, e, t)| (s, e, t.to_string()))
            .collect()
    }

    /// Gold chunk spans.
    pub fn chunks(&self) -> Vec<(usize, usize, String)> {
        spans(self.tokens.iter().map(|t| parse_label(t.chunk.as_deref().unwrap_or("O"))))
            .into_iter()
            .map(|(s, e, t)| (s, e, t.to_string()))
            .collect()
    }
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub sentences: Vec<Sentence>,
}

impl Doc {
    pub fn tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Reads a CoNLL file into documents.
pub fn read(path: &Path) -> Result<Vec<Doc>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = vec![Doc::default()];
    let mut sentence = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !sentence.tokens.is_empty()
                && let Some(d) = docs.last_mut()
            {
                d.sentences.push(std::mem::take(&mut sentence));
            }
            if cols.first() == Some(&"-DOCSTART-") && docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Doc::default());
            }
            continue;
        }
        if cols.len() < 2 {
            bail!("{}:{}: expected `word … tag`, got {line:?}", path.display(), n + 1);
        }
        let four = cols.len() >= 4;
        sentence.tokens.push(Token {
            word: cols[0].to_string(),
            pos: four.then(|| cols[1].to_string()),
            chunk: four.then(|| cols[2].to_string()),
            ner: cols[cols.len() - 1].to_string(),
        });
    }
    if !sentence.tokens.is_empty()
        && let Some(d) = docs.last_mut()
    {
        d.sentences.push(sentence);
    }
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Reads a Universal NER file (`.iob2`: tab-separated `index word tag - annotator`, `# newdoc id` and `# text`
/// comments, IOB2 tags) into documents, with each sentence's text as written (`# text`) beside it.
pub fn read_uner(path: &Path) -> Result<Vec<(Doc, Vec<String>)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<(Doc, Vec<String>)> = Vec::new();
    let mut sentence = Sentence::default();
    let mut raw = String::new();
    let flush = |docs: &mut Vec<(Doc, Vec<String>)>, sentence: &mut Sentence, raw: &mut String| {
        if sentence.tokens.is_empty() {
            return;
        }
        if docs.is_empty() {
            docs.push(Default::default());
        }
        if let Some((doc, texts)) = docs.last_mut() {
            doc.sentences.push(std::mem::take(sentence));
            texts.push(std::mem::take(raw));
        }
    };
    for (n, line) in text.lines().enumerate() {
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if comment.starts_with("newdoc id") {
                flush(&mut docs, &mut sentence, &mut raw);
                docs.push(Default::default());
            } else if let Some(t) = comment.strip_prefix("text =") {
                raw = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() {
            flush(&mut docs, &mut sentence, &mut raw);
            continue;
        }
        if cols.len() < 3 {
            bail!("{}:{}: expected `index word tag …`, got {line:?}", path.display(), n + 1);
        }
        sentence.tokens.push(Token { word: cols[1].to_string(), pos: None, chunk: None, ner: cols[2].to_string() });
    }
    flush(&mut docs, &mut sentence, &mut raw);
    docs.retain(|(d, _)| !d.sentences.is_empty());
    Ok(docs)
}

/// The file for a split in a data directory: `eng.<split>` (CoNLL-2003's names) or `<split>.txt`.
pub fn split_file(dir: &Path, split: &str) -> Option<std::path::PathBuf> {
    [format!("eng.{split}"), format!("{split}.txt"), split.to_string()]
        .into_iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uner_documents_sentences_and_texts() {
        let path = std::env::temp_dir().join(format!("gleaner-uner-{}.iob2", std::process::id()));
        let file = "# newdoc id = a\n# sent_id = a-1\n# text = In Tampa Bay.\n1\tIn\tO\t-\t-\n2\tTampa\tB-LOC\t-\tx\n\
                    3\tBay\tI-LOC\t-\tx\n4\t.\tO\t-\t-\n\n# sent_id = a-2\n# text = Hi\n1\tHi\tO\t-\t-\n\n\
                    # newdoc id = b\n# text = Bob\n1\tBob\tB-PER\t-\tx\n";
        std::fs::write(&path, file).unwrap_or_default();
        let docs = read_uner(&path).unwrap_or_default();
        let _ = std::fs::remove_file(&path);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].1, ["In Tampa Bay.", "Hi"]);
        assert_eq!(docs[0].0.sentences[0].entities(), [(1, 3, "LOC".to_string())]);
        assert_eq!(docs[1].0.sentences[0].entities(), [(0, 1, "PER".to_string())]);
    }
}
