//! `cargo xtask eval parse`: the dependency parser on UD English EWT, with the treebank's own words (gold tokens)
//! and with the library's own tokens and sentences aligned to them.
//!
//! Scores follow the CoNLL 2018 shared task: every word counts, punctuation included; LAS compares the universal
//! relation (`nsubj:pass` as `nsubj`); "LAS (full)" compares subtypes too. With our own tokens, a word is right
//! when a token has exactly its characters and a head with exactly the characters of its gold head; precision is
//! over our tokens, recall over the treebank's words, and the table gives their F1.

use std::path::PathBuf;

use anyhow::{Context, Result};
use gleaner_core::parse::{Dep, ParseFile, Parser, Work};
use gleaner_core::tag::lexicon::Lexicon;
use gleaner_core::tag::{Input, Pos, Tagger};
use gleaner_core::text::Text;

use crate::conllu::{self, Doc, Sentence};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The treebank directory. Default: ../shared/data/ud/en_ewt.
    #[arg(long)]
    data: Option<PathBuf>,
    /// The split to score (`test` once, at the end; `dev` while tuning).
    #[arg(long, default_value = "test")]
    split: String,
    /// A parser model to score instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// A directory of models (`tag-*.bin`, and `parse.bin` unless `--model`) to score instead of the embedded ones.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Prune the model's weights below this (in trained units) before scoring (to choose `--parse-min-weight`).
    #[arg(long)]
    prune: Option<f32>,
    /// Also score with the treebank's own parts of speech (what the tagger costs).
    #[arg(long)]
    gold_tags: bool,
    /// Keep the table in docs/EVAL.md.
    #[arg(long)]
    write: bool,
}

/// A treebank sentence with the parts of speech the parser reads, and its gold tree.
#[derive(Debug, Clone)]
pub struct Tagged {
    pub forms: Vec<String>,
    /// Parts of speech from our tagger (or the treebank's, see `tagged`).
    pub pos: Vec<Pos>,
    /// Gold heads: a word index, or `forms.len()` for the root.
    pub heads: Vec<u32>,
    pub deprels: Vec<Dep>,
}

/// The treebank's Penn tag as one of ours, written as CoNLL-2003 writes the same word (its tags are what the
/// tagger also learns): a double quote, opening or closing, as `"`; `HYPH` and the dashes and dots of `NFP` as `:`,
/// the rest of `NFP` (emoticons, stars) as `SYM`; `ADD` (e-mail and web addresses) as a noun; `AFX` as an
/// adjective. `None` for `GW` and `XX` (pieces of a word split by a typo, unknown words): no tag of ours fits.
pub fn ewt_pos(form: &str, xpos: &str) -> Option<Pos> {
    let double = |f: &str| f.contains(['"', '\u{201C}', '\u{201D}']) || f == "``" || f == "''";
    Some(match xpos {
        "``" | "''" if double(form) => Pos::Quote,
        "HYPH" => Pos::Colon,
        "NFP" if form.chars().all(|c| matches!(c, '-' | '.' | ':' | ';' | '~' | '_')) => Pos::Colon,
        "NFP" => Pos::SYM,
        "ADD" => Pos::NN,
        "AFX" => Pos::JJ,
        other => return Pos::parse(other),
    })
}

/// `ewt_pos`, with the words it has no tag for as foreign words (for scoring).
pub fn gold_pos(form: &str, xpos: &str) -> Pos {
    ewt_pos(form, xpos).unwrap_or(Pos::FW)
}

/// The sentences of `docs` with their parts of speech: the tagger's (each document tagged as a whole, each
/// sentence's casing judged from its words, as for a line of text), or the treebank's own with `gold_tags`.
pub fn tagged(tagger: &Tagger, docs: &[Doc], gold_tags: bool) -> Result<Vec<Tagged>> {
    let mut out = Vec::new();
    for doc in docs {
        let mut input = Input::new();
        for s in &doc.sentences {
            input.push_sentence(&s.forms(), None);
        }
        let predicted = tagger.pos_tags(&tagger.prepare(&input));
        let mut at = 0;
        for s in &doc.sentences {
            let n = s.words.len();
            let pos = if gold_tags {
                s.words.iter().map(|w| gold_pos(&w.form, &w.xpos)).collect()
            } else {
                predicted[at..at + n].to_vec()
            };
            at += n;
            out.push(Tagged {
                forms: s.words.iter().map(|w| w.form.clone()).collect(),
                pos,
                heads: s.words.iter().map(|w| w.head.map_or(n as u32, |h| h as u32)).collect(),
                deprels: s
                    .words
                    .iter()
                    .map(|w| Dep::parse(&w.deprel).ok_or_else(|| anyhow::anyhow!("unknown relation {}", w.deprel)))
                    .collect::<Result<_>>()?,
            });
        }
    }
    Ok(out)
}

/// Attachment counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub words: usize,
    /// Head right.
    pub heads: usize,
    /// Head and universal relation right.
    pub labelled: usize,
    /// Head and relation with its subtype right.
    pub full: usize,
}

impl Scores {
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }

    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }

    pub fn las_full(&self) -> f64 {
        self.full as f64 / self.words.max(1) as f64
    }
}

/// Parses every sentence with the treebank's words and scores the trees.
pub fn score(parser: &Parser, lexicon: &Lexicon, sentences: &[Tagged]) -> Scores {
    let mut work = Work::default();
    let mut s = Scores::default();
    for t in sentences {
        let forms: Vec<&str> = t.forms.iter().map(String::as_str).collect();
        parser.parse_sentence(lexicon, &forms, &t.pos, &mut work);
        let relations = parser.relations();
        for (k, (&h, &r)) in work.state.heads().iter().zip(work.state.relations()).enumerate() {
            s.words += 1;
            if h == t.heads[k] {
                s.heads += 1;
                let dep = if h as usize == forms.len() { Dep::Root } else { relations[usize::from(r)] };
                if dep.universal() == t.deprels[k].universal() {
                    s.labelled += 1;
                }
                if dep == t.deprels[k] {
                    s.full += 1;
                }
            }
        }
    }
    s
}

/// Scores of the whole pipeline's tokens and sentences aligned to the treebank's words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Aligned {
    /// Treebank words and our tokens.
    pub gold: usize,
    pub system: usize,
    /// Our tokens with exactly a treebank word's characters.
    pub tokens: usize,
    pub heads: usize,
    pub labelled: usize,
}

fn f1(right: usize, system: usize, gold: usize) -> f64 {
    let (p, r) = (right as f64 / system.max(1) as f64, right as f64 / gold.max(1) as f64);
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

impl Aligned {
    pub fn tokens_f1(&self) -> f64 {
        f1(self.tokens, self.system, self.gold)
    }
    pub fn uas_f1(&self) -> f64 {
        f1(self.heads, self.system, self.gold)
    }
    pub fn las_f1(&self) -> f64 {
        f1(self.labelled, self.system, self.gold)
    }
}

/// A byte range of a document's text.
type Span = (usize, usize);

/// The byte span of each word of a sentence in `text` (which holds the sentence at `start`); `None` for the words
/// of a multiword token whose parts do not spell it ("its" as "it" + "'s").
fn word_spans(s: &Sentence, text: &str, start: usize) -> Vec<Option<Span>> {
    let mut spans = vec![None; s.words.len()];
    let mut at = start;
    for (form, first, last) in s.tokens() {
        let Some(found) = text[at..].find(form) else { continue };
        let begin = at + found;
        at = begin + form.len();
        let parts: String = s.words[first..=last].iter().map(|w| w.form.as_str()).collect();
        if first == last || parts != form {
            if first == last {
                spans[first] = Some((begin, at));
            }
            continue;
        }
        let mut p = begin;
        for (k, w) in s.words[first..=last].iter().enumerate() {
            spans[first + k] = Some((p, p + w.form.len()));
            p += w.form.len();
        }
    }
    spans
}

/// Runs the library's text layer, tagger and parser on each document's text and aligns the result to the
/// treebank.
pub fn score_aligned(parser: &Parser, tagger: &Tagger, docs: &[Doc]) -> Aligned {
    use std::collections::HashMap;
    let mut a = Aligned::default();
    for doc in docs {
        let (text, starts) = doc.text();
        // Gold: span → (head span, relation); `None` head span for the root.
        let mut gold: HashMap<Span, (Option<Span>, Dep)> = HashMap::new();
        for (s, &start) in doc.sentences.iter().zip(&starts) {
            let spans = word_spans(s, &text, start);
            a.gold += s.words.len();
            for (w, span) in s.words.iter().zip(&spans) {
                let Some(span) = span else { continue };
                let head = match w.head {
                    None => None,
                    Some(h) => match spans[h] {
                        Some(hs) => Some(hs),
                        None => continue,
                    },
                };
                let dep = Dep::parse(&w.deprel).unwrap_or(Dep::Dep);
                gold.insert(*span, (head, dep));
            }
        }
        let analysed = Text::new(&text);
        let input = Input::from_text(&analysed);
        let pos = tagger.pos_tags(&tagger.prepare(&input));
        let parse = parser.parse(tagger.lexicon(), &input, &pos);
        let span = |i: usize| {
            let t = &analysed.tokens[i];
            analysed.original_bytes(t.start, t.end)
        };
        a.system += analysed.tokens.len();
        for i in 0..analysed.tokens.len() {
            let Some(&(gold_head, gold_dep)) = gold.get(&span(i)) else { continue };
            a.tokens += 1;
            if parse.head(i).map(span) == gold_head {
                a.heads += 1;
                if parse.dep(i).is_some_and(|d| d.universal() == gold_dep.universal()) {
                    a.labelled += 1;
                }
            }
        }
    }
    a
}

pub fn run(args: Args) -> Result<()> {
    let data = args.data.unwrap_or_else(|| crate::shared_data().join("ud/en_ewt"));
    let file = conllu::split_file(&data, &args.split)?;
    let docs = conllu::read(&file)?;
    let loaded = args.models.as_deref().map(crate::train::load).transpose()?;
    let tagger = match &loaded {
        Some(t) => t,
        None => Tagger::embedded()?,
    };
    let dir = args.models.clone().unwrap_or_else(|| crate::root().join("crates/core/resources"));
    let path = args.model.clone().unwrap_or_else(|| dir.join("parse.bin"));
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut model: ParseFile = postcard::from_bytes(gleaner_core::resources::file::payload("parse.bin", &bytes)?)?;
    if let Some(min) = args.prune {
        model.weights.prune(min);
        let bytes = postcard::to_allocvec(&model)?.len();
        eprintln!("pruned below {min}: {} features, {:.1} MB", model.weights.features(), bytes as f64 / 1e6);
        if let Ok(out) = std::env::var("SAVE_PRUNED") {
            std::fs::write(out, gleaner_core::resources::file::encode("parse.bin", &postcard::to_allocvec(&model)?)?)?;
        }
    }
    let parser = Parser::from_file(model)?;
    let lexicon = tagger.lexicon();
    let sentences = tagged(tagger, &docs, false)?;
    let words: usize = sentences.iter().map(|s| s.forms.len()).sum();
    let right = sentences
        .iter()
        .zip(tagged(tagger, &docs, true)?)
        .map(|(p, g)| p.pos.iter().zip(&g.pos).filter(|(a, b)| a == b).count())
        .sum::<usize>();
    let started = super::ner::thread_cpu_seconds();
    let predicted = score(&parser, lexicon, &sentences);
    let seconds = super::ner::thread_cpu_seconds() - started;
    let mut table = format!(
        "UD English EWT {} ({} sentences, {} words), `{}`:\n\n\
         | tokens | parts of speech | UAS | LAS | LAS (full) |\n|---|---|---:|---:|---:|\n\
         | gold | ours ({:.1}% right) | {:.4} | {:.4} | {:.4} |\n",
        args.split,
        sentences.len(),
        words,
        file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
        100.0 * right as f64 / words.max(1) as f64,
        predicted.uas(),
        predicted.las(),
        predicted.las_full()
    );
    if args.gold_tags {
        let g = score(&parser, lexicon, &tagged(tagger, &docs, true)?);
        table.push_str(&format!("| gold | the treebank's | {:.4} | {:.4} | {:.4} |\n", g.uas(), g.las(), g.las_full()));
    }
    let aligned = score_aligned(&parser, tagger, &docs);
    table.push_str(&format!(
        "| ours (token F1 {:.4}) | ours | {:.4} | {:.4} | — |\n",
        aligned.tokens_f1(),
        aligned.uas_f1(),
        aligned.las_f1()
    ));
    table.push_str(&format!(
        "\nParsing the gold-token sentences took {seconds:.2} CPU s ({:.0} words per CPU second, one thread, tags \
         computed beforehand).\n",
        words as f64 / seconds
    ));
    print!("{table}");
    if args.write {
        let body = format!("`cargo xtask eval parse --split {}` on {}:\n\n{table}", args.split, crate::eval::machine());
        crate::eval::write_section("## Dependency parsing (UD English EWT)", &body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::{Multiword, Word};

    fn word(form: &str) -> Word {
        Word { form: form.into(), xpos: "NN".into(), head: None, deprel: "root".into() }
    }

    #[test]
    fn multiword_parts_get_their_own_spans_when_they_spell_the_token() {
        let s = Sentence {
            text: "I don't know its name".into(),
            new_paragraph: false,
            words: ["I", "do", "n't", "know", "it", "'s", "name"].into_iter().map(word).collect(),
            multiwords: vec![
                Multiword { first: 1, last: 2, form: "don't".into() },
                Multiword { first: 4, last: 5, form: "its".into() },
            ],
        };
        let spans = word_spans(&s, "X. I don't know its name", 3);
        assert_eq!(spans[..4], [Some((3, 4)), Some((5, 7)), Some((7, 10)), Some((11, 15))]);
        assert_eq!(spans[4..], [None, None, Some((20, 24))]);
    }
}
