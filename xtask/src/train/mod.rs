//! `cargo xtask train`: trains the part-of-speech, chunk and entity taggers on CoNLL-format data, learns word
//! clusters from unlabeled news, compiles the gazetteer, and writes the compact models the library embeds
//! (`crates/core/resources/tag-*.bin`). Deterministic: the same data gives the same bytes.

mod chunk;
mod clusters;
mod examples;
mod gazetteer;
mod ner;
mod parse;
mod perceptron;
mod pos;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use gleaner_core::tag::chain::ChainFile;
use gleaner_core::tag::lexicon::{Lexicon, LexiconFile};
use gleaner_core::tag::{NerFile, Pos, Tagger};

pub use examples::{Recase, input};

use crate::conll::{self, Doc};
use crate::root;
use examples::Example;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Directory of CoNLL-format files: `eng.train` (or `train.txt`), and `eng.testa` (or `testa.txt`) to report
    /// on while training. Default: ../shared/data/conll2003.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Directory of unlabeled news (JSONL with title and text, .gz allowed) to learn word clusters from.
    /// Default: ../shared/corpora.
    #[arg(long)]
    corpora: Option<PathBuf>,
    /// Directory of the GeoNames extracts for the gazetteer. Default: ../shared/data/geonames.
    #[arg(long)]
    geonames: Option<PathBuf>,
    /// Train only these models (pos, chunk, ner, parse), reading the current lexicon (and, for parse, the current
    /// taggers).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Reuse the word clusters of the current lexicon instead of learning them again; the gazetteer is compiled
    /// anew, with `--only` too (the part-of-speech and chunk models read no gazetteer, so `--only ner
    /// --keep-clusters` is enough after a gazetteer table changes).
    #[arg(long)]
    keep_clusters: bool,
    /// Leave word clusters out.
    #[arg(long)]
    no_clusters: bool,
    #[arg(long, default_value_t = 8)]
    pos_epochs: usize,
    /// The part-of-speech tagger (and the chunker's jackknifed tags) learn from CoNLL only, not also from the
    /// parser's treebank's train split (`--ud`).
    #[arg(long)]
    pos_conll_only: bool,
    #[arg(long, default_value_t = 10)]
    chunk_epochs: usize,
    /// Passes of the entity tagger over its data: 8 rather than 12 gains on wikigold and UNER EWT dev by
    /// cross-validation at no cost on testa (later passes fit Reuters, docs/EVAL.md).
    #[arg(long, default_value_t = 8)]
    ner_epochs: usize,
    /// Folds for the jackknifed first-pass labels the second entity pass trains on.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// One entity pass only.
    #[arg(long)]
    one_pass: bool,
    /// Share of sentences upper-cased in the entity tagger's re-cased training copy (0: no copy).
    #[arg(long, default_value_t = 0.5)]
    upper: f64,
    /// Share of sentences title-cased in the entity tagger's second re-cased copy (0: no copy).
    #[arg(long, default_value_t = 0.5)]
    title: f64,
    /// Features seen fewer times than this in training are left out.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Weights smaller than this (in trained units) are pruned from the stored models: fewer features, faster
    /// lookups (0.5 costs under 0.1 F1 on the dev set).
    #[arg(long, default_value_t = 0.5)]
    min_weight: f32,
    /// The same for the part-of-speech and chunk models (1.0 costs under 0.1 points on the dev set and halves
    /// their size, which the load time follows).
    #[arg(long, default_value_t = 1.0)]
    min_tag_weight: f32,
    /// Learn from the train file only, so the dev set can score the models (for tuning). Without it the shipped
    /// models learn from train + dev with the same settings (the entity model after a train-only pass, which
    /// calibrates its confidences on dev).
    #[arg(long)]
    train_only: bool,
    /// The UD treebank the parser learns from. Default: ../shared/data/ud/en_ewt.
    #[arg(long)]
    ud: Option<PathBuf>,
    #[arg(long, default_value_t = 15)]
    parse_epochs: usize,
    /// The parser follows its own wrong moves from this epoch on (from 0) ...
    #[arg(long, default_value_t = 1)]
    parse_explore_from: usize,
    /// ... with this probability (dynamic-oracle exploration).
    #[arg(long, default_value_t = 0.9)]
    parse_explore: f64,
    /// Parser weights smaller than this (in trained units) are left out of the stored model.
    #[arg(long, default_value_t = 0.5)]
    parse_min_weight: f32,
    /// The parser learns from the treebank's parts of speech instead of the tagger's (to measure what that does).
    #[arg(long)]
    parse_gold_tags: bool,
    /// The parser learns from parts of speech of its training split given by taggers trained with this many
    /// folds of it held out in turn (as the taggers of `run` learn, CoNLL included), since the shipped tagger has
    /// seen that split; 0: the tags of the taggers in `--out`.
    #[arg(long, default_value_t = 4)]
    parse_folds: usize,
    /// A file that keeps the jackknifed parts of speech between runs: read when it exists, written otherwise.
    #[arg(long)]
    parse_tags: Option<PathBuf>,
    /// Where to write the models. Default: crates/core/resources.
    #[arg(long)]
    out: Option<PathBuf>,
    /// More entity-labelled documents for the entity tagger only (repeatable): CoNLL-format files (`word … tag`,
    /// IOB1, IOB2 or IO tags, such as wikigold) or Universal NER `.iob2` files.
    #[arg(long)]
    extra: Vec<PathBuf>,
    /// Leave out of the extra files every document whose index `i` (in its file) has `i % N == K`, given as
    /// `K/N`: the fold a cross-validation scores.
    #[arg(long, value_parser = parse_fold)]
    hold_out: Option<(usize, usize)>,
    /// Models (a directory of tag-*.bin) that fill in the MISC names of extra files whose annotation has no MISC
    /// (Universal NER): a span these models read as MISC over words the file leaves unlabelled becomes MISC, so
    /// that nationalities, events and works are not taught as no names.
    #[arg(long)]
    fill_misc: Option<PathBuf>,
}

/// Labels MISC the spans `tagger` reads as MISC in a document whose annotation has no MISC, where every word of
/// the span is unlabelled; returns how many.
fn fill_misc(tagger: &Tagger, doc: &mut Doc) -> usize {
    if doc.sentences.iter().flat_map(|s| &s.tokens).any(|t| t.ner.ends_with("MISC")) {
        return 0;
    }
    let found = tagger.entities(&input(doc));
    let mut at = 0;
    let mut filled = 0;
    for s in &mut doc.sentences {
        let end = at + s.tokens.len();
        for e in found.iter().filter(|e| e.kind.as_str() == "MISC" && e.first_token >= at && e.end_token <= end) {
            let words = &mut s.tokens[e.first_token - at..e.end_token - at];
            if words.iter().all(|t| t.ner == "O") {
                for (k, t) in words.iter_mut().enumerate() {
                    t.ner = if k == 0 { "B-MISC" } else { "I-MISC" }.to_string();
                }
                filled += 1;
            }
        }
        at = end;
    }
    filled
}

/// `K/N` with K < N.
fn parse_fold(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N")?;
    let (k, n) = (k.parse::<usize>().map_err(|e| e.to_string())?, n.parse::<usize>().map_err(|e| e.to_string())?);
    if k >= n {
        return Err(format!("fold {k} of {n}"));
    }
    Ok((k, n))
}

/// The documents of the extra files, less the held-out fold.
pub fn extra_docs(files: &[PathBuf], hold_out: Option<(usize, usize)>) -> Result<Vec<Doc>> {
    let mut out = Vec::new();
    for path in files {
        let docs = if path.extension().is_some_and(|e| e == "iob2") {
            conll::read_uner(path)?.into_iter().map(|(d, _)| d).collect()
        } else {
            conll::read(path)?
        };
        let (n, before) = (docs.len(), out.len());
        out.extend(
            docs.into_iter().enumerate().filter(|(i, _)| hold_out.is_none_or(|(k, n)| i % n != k)).map(|(_, d)| d),
        );
        eprintln!("extra: {} ({n} documents, {} kept)", path.display(), out.len() - before);
    }
    Ok(out)
}

fn shared(rel: &str) -> PathBuf {
    root().join("..").join("shared").join(rel)
}

pub fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let data = args.data.clone().unwrap_or_else(|| shared("data/conll2003"));
    let out = args.out.clone().unwrap_or_else(|| root().join("crates/core/resources"));
    for o in &args.only {
        if !["pos", "chunk", "ner", "parse"].contains(&o.as_str()) {
            bail!("--only takes pos, chunk, ner, parse; got {o}");
        }
    }
    if args.only.iter().all(|o| o == "parse") && !args.only.is_empty() {
        return train_parser(&args, &out);
    }
    let train_file =
        conll::split_file(&data, "train").with_context(|| format!("no train file in {}", data.display()))?;
    let train_docs = conll::read(&train_file)?;
    let dev_docs = conll::split_file(&data, "testa").map(|p| conll::read(&p)).transpose()?.unwrap_or_default();
    eprintln!(
        "train: {} documents, {} tokens ({}); dev: {} documents",
        train_docs.len(),
        train_docs.iter().map(Doc::tokens).sum::<usize>(),
        train_file.display(),
        dev_docs.len()
    );
    let want = |t: &str| args.only.is_empty() || args.only.iter().any(|o| o == t);
    let has_columns = train_docs.iter().flat_map(|d| &d.sentences).flat_map(|s| &s.tokens).all(|t| t.pos.is_some());

    // The lexicon: every model reads it, so a new lexicon means new models.
    let lexicon_file = if args.only.is_empty() || args.keep_clusters {
        let file = build_lexicon(&args)?;
        write(&out.join("tag-lexicon.bin"), &file)?;
        file
    } else {
        read_lexicon(&out)?
    };
    let lexicon = Lexicon::from_file(lexicon_file).map_err(anyhow::Error::msg)?;

    let t = Instant::now();
    let train_ex: Vec<Example> =
        train_docs.iter().enumerate().map(|(i, d)| Example::new(d.clone(), i, &lexicon)).collect();
    let train_refs: Vec<&Example> = train_ex.iter().collect();
    eprintln!("atoms computed in {:.1}s", t.elapsed().as_secs_f64());

    // The dev set: scored while tuning (`--train-only`), learned from for the shipped models.
    let dev_ex: Vec<Example> =
        dev_docs.iter().enumerate().map(|(i, d)| Example::new(d.clone(), train_docs.len() + i, &lexicon)).collect();
    let learn_dev = !args.train_only && !dev_ex.is_empty();
    let dev_refs: Vec<&Example> = if learn_dev { Vec::new() } else { dev_ex.iter().collect() };

    if has_columns && (want("pos") || want("chunk")) {
        let t = Instant::now();
        let mut fit_refs = train_refs.clone();
        let mut fit_docs = train_docs.clone();
        if learn_dev {
            fit_refs.extend(&dev_ex);
            fit_docs.extend(dev_docs.iter().cloned());
        }
        // Re-cased copies teach the tagger headlines, as they teach the entity tagger.
        let recased = recased_copies(&args, &fit_docs, 0, &lexicon, false);
        let ewt = if args.pos_conll_only { Vec::new() } else { ud_examples(&args, &lexicon, false)? };
        let ewt_refs: Vec<&Example> = ewt.iter().collect();
        let pos_refs: Vec<&Example> = fit_refs.iter().copied().chain(&recased).chain(&ewt).collect();
        let (pos_file, mut interner, weights) =
            pos::model(&pos_refs, &dev_refs, args.pos_epochs, args.min_count, args.min_tag_weight);
        if want("pos") {
            write(&out.join("tag-pos.bin"), &pos_file)?;
        }
        eprintln!("pos trained in {:.0}s", t.elapsed().as_secs_f64());
        if want("chunk") {
            // The chunker trains on parts of speech as the tagger will give them: each training document's
            // tags come from a tagger that did not see it.
            let t = Instant::now();
            let mut fit_pos =
                jackknife(&fit_refs, &fit_refs, &ewt_refs, &mut interner, args.pos_epochs, args.folds.max(2));
            let dev_pos = pos::predict(&weights, &mut interner, &dev_refs);
            // A second copy of the training set with CoNLL's own tags teaches what the tags mean when they are
            // right (testa chunk F1 +0.1).
            let doubled: Vec<&Example> = fit_refs.iter().chain(&fit_refs).copied().collect();
            fit_pos.extend(pos::gold_tags(&fit_refs));
            let chunk_file = chunk::model(
                &doubled,
                &fit_pos,
                &dev_refs,
                &dev_pos,
                args.chunk_epochs,
                args.min_count,
                args.min_tag_weight,
            );
            write(&out.join("tag-chunk.bin"), &chunk_file)?;
            eprintln!("chunk trained in {:.0}s", t.elapsed().as_secs_f64());
        }
    } else if !has_columns {
        eprintln!("no part-of-speech and chunk columns: keeping the current pos and chunk models");
    }

    if want("ner") {
        let t = Instant::now();
        let settings = ner::Settings {
            epochs: args.ner_epochs,
            folds: args.folds.max(2),
            min_count: args.min_count,
            min_weight: args.min_weight,
            two_pass: !args.one_pass,
        };
        let recased = recased_copies(&args, &train_docs, 0, &lexicon, true);
        // Extra documents are numbered after train and dev, so they never share a fold index with them.
        let first = train_docs.len() + dev_docs.len();
        let mut extra = extra_docs(&args.extra, args.hold_out)?;
        if let Some(dir) = &args.fill_misc {
            let filler = load(dir)?;
            let filled: usize = extra.iter_mut().map(|d| fill_misc(&filler, d)).sum();
            eprintln!("MISC filled in: {filled} spans");
        }
        let extra_ex: Vec<Example> =
            extra.iter().enumerate().map(|(i, d)| Example::new(d.clone(), first + i, &lexicon)).collect();
        let extra_recased = recased_copies(&args, &extra, first, &lexicon, true);
        let ner_refs: Vec<&Example> =
            train_refs.iter().copied().chain(&recased).chain(&extra_ex).chain(&extra_recased).collect();
        let scored: Vec<&Example> = dev_ex.iter().collect();
        let (mut ner_file, _) = ner::model(&ner_refs, &scored, settings);
        eprintln!("ner trained in {:.0}s", t.elapsed().as_secs_f64());
        if !dev_docs.is_empty() {
            ner_file.calibration = calibrate(&out, &ner_file, &dev_docs)?;
            eprintln!("calibration: {:?}", ner_file.calibration);
        }
        if learn_dev {
            // The same settings on train + dev; the confidences keep the calibration the train-only model got on
            // the dev set, which the final model can no longer give honestly.
            let t = Instant::now();
            let dev_recased = recased_copies(&args, &dev_docs, train_docs.len(), &lexicon, true);
            let all: Vec<&Example> = ner_refs.iter().copied().chain(&dev_ex).chain(&dev_recased).collect();
            let (file, _) = ner::model(&all, &[], settings);
            ner_file = NerFile { calibration: ner_file.calibration, ..file };
            eprintln!("ner trained on train + dev in {:.0}s", t.elapsed().as_secs_f64());
        }
        write(&out.join("tag-ner.bin"), &ner_file)?;
    }

    for name in ["lexicon", "pos", "chunk", "ner"] {
        let path = out.join(format!("tag-{name}.bin"));
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        eprintln!("{}: {:.1} MB", path.display(), size as f64 / 1e6);
    }
    if !dev_docs.is_empty() {
        let tagger = load(&out)?;
        let report = crate::eval::ner::evaluate(&tagger, &dev_docs);
        eprintln!(
            "dev{} (shipped models): entity F1 {:.4}, pos accuracy {:.4}, chunk F1 {:.4}",
            if args.train_only { "" } else { ", seen in training" },
            report.entities.total().f1(),
            report.pos_accuracy(),
            report.chunks.total().f1()
        );
    }
    if want("parse") {
        train_parser(&args, &out)?;
    }
    eprintln!("done in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The documents of the parser's treebank's train split as part-of-speech examples (`pos::ud_docs`), numbered
/// after every CoNLL document.
fn ud_examples(args: &Args, lexicon: &Lexicon, all: bool) -> Result<Vec<Example>> {
    let data = args.ud.clone().unwrap_or_else(|| shared("data/ud/en_ewt"));
    let docs = crate::conllu::read(&crate::conllu::split_file(&data, "train")?)?;
    let docs = pos::ud_docs(&docs, all);
    Ok(docs.into_iter().enumerate().map(|(i, d)| Example::new(d, 1_000_000 + i, lexicon)).collect())
}

/// Parts of speech of every word of the parser's train split, by document, each from a tagger that learned what
/// the shipped one learns less the fold of the split that holds the document (`--parse-folds`); kept in
/// `--parse-tags` when given.
fn jackknifed_ud_tags(args: &Args, out: &Path) -> Result<Vec<Vec<Pos>>> {
    if let Some(path) = args.parse_tags.as_ref().filter(|p| p.exists()) {
        let text = std::fs::read_to_string(path)?;
        eprintln!("parse: parts of speech of the training split from {}", path.display());
        return text
            .lines()
            .map(|l| l.split(' ').filter(|t| !t.is_empty()).map(|t| Pos::parse(t).context("a tag")).collect())
            .collect();
    }
    let t = Instant::now();
    let data = args.data.clone().unwrap_or_else(|| shared("data/conll2003"));
    let mut conll_docs = conll::read(&conll::split_file(&data, "train").context("no CoNLL train file")?)?;
    if !args.train_only {
        conll_docs.extend(conll::split_file(&data, "testa").map(|p| conll::read(&p)).transpose()?.unwrap_or_default());
    }
    let lexicon = Lexicon::from_file(read_lexicon(out)?).map_err(anyhow::Error::msg)?;
    let mut conll: Vec<Example> =
        conll_docs.iter().enumerate().map(|(i, d)| Example::new(d.clone(), i, &lexicon)).collect();
    conll.extend(recased_copies(args, &conll_docs, 0, &lexicon, false));
    let (learn, tag) = (ud_examples(args, &lexicon, false)?, ud_examples(args, &lexicon, true)?);
    let always: Vec<&Example> = conll.iter().collect();
    let learn_refs: Vec<&Example> = learn.iter().collect();
    let mut interner = perceptron::Interner::default();
    pos::sequences(&[always.as_slice(), learn_refs.as_slice()].concat(), &mut interner, true);
    interner.finish(args.min_count);
    let tag_refs: Vec<&Example> = tag.iter().collect();
    let tags = jackknife(&learn_refs, &tag_refs, &always, &mut interner, args.pos_epochs, args.parse_folds);
    let tags: Vec<Vec<Pos>> = tags
        .iter()
        .map(|d| d.iter().map(|&l| Pos::ALL.get(usize::from(l)).copied().unwrap_or(Pos::NN)).collect())
        .collect();
    eprintln!(
        "parse: parts of speech of the training split from {} folds in {:.0}s",
        args.parse_folds,
        t.elapsed().as_secs_f64()
    );
    if let Some(path) = &args.parse_tags {
        let lines: Vec<String> =
            tags.iter().map(|d| d.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" ")).collect();
        std::fs::write(path, lines.join("\n") + "\n")?;
    }
    Ok(tags)
}

/// Trains the dependency parser on the parts of speech of the taggers in `out`.
fn train_parser(args: &Args, out: &Path) -> Result<()> {
    let settings = parse::Settings {
        data: args.ud.clone().unwrap_or_else(|| shared("data/ud/en_ewt")),
        epochs: args.parse_epochs,
        explore_from: args.parse_explore_from,
        explore: args.parse_explore,
        min_weight: args.parse_min_weight,
        gold_tags: args.parse_gold_tags,
        train_only: args.train_only,
    };
    let jackknifed = args.parse_folds > 0 && !args.pos_conll_only && !args.parse_gold_tags;
    let train_tags = if jackknifed { Some(jackknifed_ud_tags(args, out)?) } else { None };
    parse::train(&load(out)?, &settings, train_tags.as_deref(), out)
}

/// Re-cased copies of documents, which teach the taggers headlines; each shares its source's index (`first` +
/// position), so it falls in the same fold. `retokenize`: tokenized as `Text` tokenizes, for the entity tagger
/// (its span labels survive the split; part-of-speech labels would not).
fn recased_copies(args: &Args, docs: &[Doc], first: usize, lexicon: &Lexicon, retokenize: bool) -> Vec<Example> {
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for (recase, rate) in [(Recase::Upper, args.upper), (Recase::Title, args.title)] {
            if rate > 0.0
                && let Some(copy) = recase.copy(d, first + i, rate)
            {
                let copy = if retokenize { examples::retokenize(&copy) } else { copy };
                out.push(Example::new(copy, first + i, lexicon));
            }
        }
    }
    out
}

/// Part-of-speech tags of every training document from a tagger trained on the other folds and on `always`
/// (document `i` is in fold `i % folds`). `learn[i]` and `tag[i]` are the same document, as learned from and as
/// tagged (`pos::ud_docs` leaves sentences out of the first).
fn jackknife(
    learn: &[&Example],
    tag: &[&Example],
    always: &[&Example],
    interner: &mut perceptron::Interner,
    epochs: usize,
    folds: usize,
) -> Vec<Vec<u8>> {
    let mut tags: Vec<Vec<u8>> = vec![Vec::new(); tag.len()];
    for fold in 0..folds {
        let (held, rest): (Vec<usize>, Vec<usize>) = (0..tag.len()).partition(|&i| i % folds == fold);
        let rest_ex: Vec<&Example> = rest.iter().map(|&i| learn[i]).chain(always.iter().copied()).collect();
        let seqs = pos::sequences(&rest_ex, interner, false);
        let w = pos::train(&seqs, interner.len(), epochs, &[], false);
        let held_ex: Vec<&Example> = held.iter().map(|&i| tag[i]).collect();
        for (i, t) in held.iter().zip(pos::predict(&w, interner, &held_ex)) {
            tags[*i] = t;
        }
    }
    tags
}

fn build_lexicon(args: &Args) -> Result<LexiconFile> {
    let geonames = args.geonames.clone().unwrap_or_else(|| shared("data/geonames"));
    let phrases = gazetteer::phrases(&geonames, &root().join("data"))?;
    eprintln!("gazetteer: {} phrases", phrases.len());
    let mut provenance = String::from(
        "gazetteer: GeoNames (CC BY 4.0) countries, cities15000, admin1, continents; data/demonyms.tsv, \
         data/groups.tsv, data/tagger_words.tsv",
    );
    let words = if args.no_clusters || args.keep_clusters {
        Vec::new()
    } else {
        let corpora = args.corpora.clone().unwrap_or_else(|| shared("corpora"));
        let (words, note) = clusters::learn(&corpora)?;
        provenance.push_str("; word clusters: ");
        provenance.push_str(&note);
        words
    };
    let mut file = LexiconFile::build(provenance, words.iter().map(|(w, c)| (w.as_str(), *c)), phrases);
    if args.keep_clusters {
        let old = read_lexicon(&args.out.clone().unwrap_or_else(|| root().join("crates/core/resources")))?;
        file.words = old.words;
        file.info = old.info;
        if let Some(at) = old.provenance.find("; word clusters: ") {
            file.provenance.push_str(&old.provenance[at..]);
        }
    }
    Ok(file)
}

fn read_lexicon(dir: &Path) -> Result<LexiconFile> {
    postcard::from_bytes(&read_model(dir, "lexicon")?).context("decoding the current lexicon")
}

/// Writes `value` as the resource file `path` names (its header, then the postcard payload).
fn write<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let bytes = gleaner_core::resources::file::encode(name, &postcard::to_allocvec(value)?)?;
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// The payload of `DIR/tag-NAME.bin`, its header checked.
fn read_model(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let file = format!("tag-{name}.bin");
    let bytes = std::fs::read(dir.join(&file)).with_context(|| format!("reading {}", dir.join(&file).display()))?;
    Ok(gleaner_core::resources::file::payload(&file, &bytes)?.to_vec())
}

/// The taggers in a directory of models.
pub fn load(dir: &Path) -> Result<Tagger> {
    let read = |name: &str| read_model(dir, name);
    Ok(Tagger::from_bytes(&read("lexicon")?, &read("pos")?, &read("chunk")?, &read("ner")?)?)
}

/// The taggers in a directory of models, entity weights below `min_weight` and part-of-speech and chunk weights
/// below `min_tag_weight` pruned (to see what pruning costs without retraining); `first_pass_only` drops the
/// entity tagger's second pass (to see what it adds).
pub fn load_pruned(dir: &Path, min_weight: f32, min_tag_weight: f32, first_pass_only: bool) -> Result<Tagger> {
    let read = |name: &str| read_model(dir, name);
    let mut ner: NerFile = postcard::from_bytes(&read("ner")?)?;
    if first_pass_only {
        ner.second = None;
    }
    if min_weight > 0.0 {
        ner.first.prune(min_weight);
        if let Some(second) = &mut ner.second {
            second.prune(min_weight);
        }
        eprintln!("pruned: {} + {} features", ner.first.features(), ner.second.as_ref().map_or(0, |s| s.features()));
    }
    let mut pos: ChainFile = postcard::from_bytes(&read("pos")?)?;
    let mut chunk: ChainFile = postcard::from_bytes(&read("chunk")?)?;
    if min_tag_weight > 0.0 {
        pos.prune(min_tag_weight);
        chunk.prune(min_tag_weight);
        eprintln!("pruned: pos {} features, chunk {} features", pos.features(), chunk.features());
    }
    let lexicon = Lexicon::from_bytes(&read("lexicon")?).map_err(anyhow::Error::msg)?;
    Ok(Tagger::from_parts(lexicon, pos, chunk, ner)?)
}

/// Fits the entity confidence on the dev set: margins of the shipped model's spans against whether each is right.
fn calibrate(dir: &Path, ner: &NerFile, dev: &[Doc]) -> Result<[f32; 2]> {
    let read = |name: &str| read_model(dir, name);
    let tagger = Tagger::from_bytes(&read("lexicon")?, &read("pos")?, &read("chunk")?, &postcard::to_allocvec(ner)?)?;
    let mut points = Vec::new();
    for doc in dev {
        let input = input(doc);
        let found = tagger.entities(&input);
        let mut gold = std::collections::HashSet::new();
        let mut at = 0;
        for s in &doc.sentences {
            for (a, b, t) in s.entities() {
                gold.insert((at + a, at + b, t));
            }
            at += s.tokens.len();
        }
        for e in found {
            let right = gold.contains(&(e.first_token, e.end_token, e.kind.as_str().to_string()));
            points.push((e.margin, right));
        }
    }
    Ok(ner::calibrate(&points))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::{Sentence, Token};

    fn doc(words: &[(&str, &str)]) -> Doc {
        let tokens = words
            .iter()
            .map(|(w, t)| Token { word: w.to_string(), pos: None, chunk: None, ner: t.to_string() })
            .collect();
        Doc { sentences: vec![Sentence { tokens }] }
    }

    #[test]
    fn misc_is_filled_in_only_where_the_annotation_has_none() {
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let words = [("Two", "O"), ("American", "O"), ("tourists", "O"), ("met", "O"), ("Bob", "B-PER"), (".", "O")];
        let mut unlabelled = doc(&words);
        assert_eq!(fill_misc(tagger, &mut unlabelled), 1);
        let tags: Vec<&str> = unlabelled.sentences[0].tokens.iter().map(|t| t.ner.as_str()).collect();
        assert_eq!(tags, ["O", "B-MISC", "O", "O", "B-PER", "O"]);
        let mut with_misc = doc(&[("American", "O"), ("Idol", "I-MISC")]);
        assert_eq!(fill_misc(tagger, &mut with_misc), 0);
    }
}
