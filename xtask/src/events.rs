//! Events: compiling the Phoenix dictionaries and CAMEO tables into `crates/core/resources/events.bin`, and
//! scoring the coder on the three event test suites of `../shared/data/events`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use gleaner_core::events::dict::{ActorEntry, DateBound, DatedCode, Flavor, PhraseWord};
use gleaner_core::events::{self, CodeTables, Coder, DictKind, Lexicon, Options, Resources};

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The `events` resource compiler: the Phoenix dictionaries and the CAMEO tables into `events.bin`.
pub fn compile(sources: &crate::resources::Sources) -> Result<Vec<crate::resources::Output>> {
    Ok(vec![crate::resources::Output { name: "events.bin", bytes: build(&sources.shared, &sources.root)? }])
}

fn build(data_dir: &Path, root: &Path) -> Result<Vec<u8>> {
    let phoenix = data_dir.join("dictionaries/phoenix");
    let cameo = data_dir.join("dictionaries/cameo");
    let files: Vec<(&str, DictKind)> = vec![
        ("CAMEO.2.0.txt", DictKind::Verbs),
        ("Phoenix.Countries.actors.txt", DictKind::Actors),
        ("Phoenix.International.actors.txt", DictKind::Actors),
        ("Phoenix.MilNonState.actors.txt", DictKind::Actors),
        ("Phoenix.agents.txt", DictKind::Agents),
        ("Phoenix.discards.txt", DictKind::Discards),
        ("Phoenix.IssueCoding.txt", DictKind::Issues),
    ];
    let mut texts = Vec::new();
    let mut provenance = String::from("Phoenix dictionaries (openeventdata/petrarch2, MIT):");
    for (name, kind) in &files {
        let text = read(&phoenix.join(name))?;
        let _ = write!(provenance, " {name} ({} bytes);", text.len());
        texts.push((*name, text, *kind));
    }
    let supplement = read(&root.join("data/phoenix-supplement.verbs"))?;
    texts.push(("phoenix-supplement.verbs", supplement, DictKind::Verbs));
    let agents = read(&root.join("data/phoenix-supplement.agents"))?;
    texts.push(("phoenix-supplement.agents", agents, DictKind::Agents));
    let _ = write!(provenance, " phoenix-supplement.verbs and .agents (own work);");
    let refs: Vec<(&str, &str, DictKind)> = texts.iter().map(|(n, t, k)| (*n, t.as_str(), *k)).collect();
    let (mut dicts, diags) = events::read_dictionaries(&refs, Flavor::Petrarch);
    for d in &diags {
        eprintln!("events: skipped {d}");
    }
    let added =
        add_demonyms(&mut dicts.actors, &root.join("data/demonyms.tsv"), &data_dir.join("geonames/countries.json"))?;
    let _ = write!(provenance, " demonyms.tsv ({added} forms not in Phoenix); GDELT CAMEO tables; CAMEO2PLOVER-2021");
    let (lexicon, problems) = Lexicon::compile(&dicts);
    for p in &problems {
        eprintln!("events: {p}");
    }
    let tables = CodeTables::parse(
        &read(&cameo.join("CAMEO.eventcodes.txt"))?,
        &read(&cameo.join("CAMEO.goldsteinscale.txt"))?,
        &read(&cameo.join("CAMEO2PLOVER-2021.txt"))?,
    );
    let resources = Resources { lexicon, tables, provenance };
    Ok(resources.to_bytes()?)
}

/// Country demonyms the actor dictionaries lack ("Iraqi" is there, rarer forms may not be): each form
/// becomes an actor coded with its country's ISO alpha-3 code.
fn add_demonyms(actors: &mut Vec<ActorEntry>, demonyms: &Path, countries: &Path) -> Result<usize> {
    let countries: serde_json::Value = serde_json::from_str(&read(countries)?)?;
    let known: BTreeSet<String> =
        actors.iter().flat_map(|a| a.phrases.iter()).filter(|p| p.len() == 1).map(|p| p[0].word.clone()).collect();
    let mut added = 0;
    for line in read(demonyms)?.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(iso2), Some(form)) = (cols.next(), cols.next()) else { continue };
        let Some(iso3) = countries.get(iso2).and_then(|c| c.get("iso3")).and_then(|v| v.as_str()) else { continue };
        let words: Vec<String> = form.split_whitespace().map(events::dict::upper).collect();
        if words.is_empty() || (words.len() == 1 && known.contains(&words[0])) {
            continue;
        }
        actors.push(ActorEntry {
            phrases: vec![words.into_iter().map(|word| PhraseWord { word, stem: false, gap: false }).collect()],
            codes: vec![DatedCode { codes: vec![iso3.to_string()], bound: DateBound::Always }],
            line: 0,
        });
        added += 1;
    }
    Ok(added)
}

/// One record of a test suite.
#[derive(Debug, serde::Deserialize)]
struct Case {
    id: String,
    #[serde(default)]
    date: String,
    text: String,
    #[serde(default)]
    expected_events: Vec<Triple>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
struct Triple {
    source: String,
    target: String,
    code: String,
}

/// Scores of one suite.
#[derive(Debug, Default)]
struct Score {
    records: usize,
    exact: usize,
    tp: usize,
    coded: usize,
    expected: usize,
    root_tp: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.coded)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.expected)
    }
    fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn root_p(&self) -> f64 {
        ratio(self.root_tp, self.coded)
    }
    fn root_r(&self) -> f64 {
        ratio(self.root_tp, self.expected)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// A suite: its cases file, dictionaries and how to read them.
struct Suite {
    name: &'static str,
    cases: PathBuf,
    files: Vec<(PathBuf, DictKind)>,
    flavor: Flavor,
    options: Options,
}

/// Runs the three suites and returns the table (Markdown). Mismatches go to `report` when given.
pub fn eval(data_dir: &Path, report: Option<&Path>, explain: &[String]) -> Result<String> {
    let ev = data_dir.join("events");
    let tabari_like =
        Options { sentence_patterns: true, require_dyad: true, cameo_codes: false, all_reverse_codes: true };
    let suites = vec![
        Suite {
            name: "PETRARCH unit tests (PETR.Validate dictionaries)",
            cases: ev.join("petrarch_unittest/PETR.UnitTest.cases.jsonl"),
            files: vec![
                (ev.join("petrarch_unittest/PETR.Validate.verbs.txt"), DictKind::Verbs),
                (ev.join("petrarch_unittest/PETR.Validate.actors.txt"), DictKind::Actors),
                (ev.join("petrarch_unittest/PETR.Validate.agents.txt"), DictKind::Agents),
                (ev.join("petrarch_unittest/PETR.Validate.discards.txt"), DictKind::Discards),
            ],
            flavor: Flavor::Petrarch,
            options: tabari_like,
        },
        Suite {
            name: "TABARI validation (demo dictionaries)",
            cases: ev.join("tabari_validation/TABARI.Validate.cases.jsonl"),
            files: vec![
                (ev.join("tabari_validation/TABARI.Demo.verbs"), DictKind::Verbs),
                (ev.join("tabari_validation/TABARI.Demo.actors"), DictKind::Actors),
                (ev.join("tabari_validation/Validate.agents"), DictKind::Agents),
            ],
            flavor: Flavor::Tabari,
            options: tabari_like,
        },
        Suite {
            name: "PETRARCH2 gold set (Phoenix dictionaries)",
            cases: ev.join("petrarch2_gsr_ud/PETR2_GSR.cases.jsonl"),
            files: vec![],
            flavor: Flavor::Petrarch,
            options: Options::default(),
        },
    ];
    let mut table = String::new();
    table.push_str(
        "| suite | tags | records | exact set | triple P | triple R | triple F1 | root P | root R | root F1 |\n",
    );
    table.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut details = String::new();
    for suite in &suites {
        let lexicon = if suite.files.is_empty() {
            Resources::embedded()?.lexicon.clone()
        } else {
            let mut texts = Vec::new();
            for (path, kind) in &suite.files {
                texts.push((
                    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                    read(path)?,
                    *kind,
                ));
            }
            let refs: Vec<(&str, &str, DictKind)> =
                texts.iter().map(|(n, t, k)| (n.as_str(), t.as_str(), *k)).collect();
            let (dicts, diags) = events::read_dictionaries(&refs, suite.flavor);
            for d in diags {
                let _ = writeln!(details, "# dictionary: {d}");
            }
            let (lx, problems) = Lexicon::compile(&dicts);
            for p in problems {
                let _ = writeln!(details, "# compile: {p}");
            }
            lx
        };
        let coder = Coder::new(&lexicon, suite.options);
        let tagger = gleaner_core::tag::Tagger::embedded()?;
        for (tags_name, tagger) in [("tagger", Some(tagger)), ("guessed", None)] {
            let mut score = Score::default();
            let _ = writeln!(details, "\n## {} (tags: {tags_name})\n", suite.name);
            for line in read(&suite.cases)?.lines().filter(|l| !l.trim().is_empty()) {
                let case: Case =
                    serde_json::from_str(line).with_context(|| format!("reading {}", suite.cases.display()))?;
                let coded = code_case(&coder, &case, tagger);
                let expected: BTreeSet<Triple> = case.expected_events.iter().cloned().collect();
                score.records += 1;
                score.expected += expected.len();
                score.coded += coded.len();
                score.tp += coded.intersection(&expected).count();
                let root = |t: &Triple| (t.source.clone(), t.target.clone(), t.code.get(..2).unwrap_or("").to_string());
                let exp_roots: Vec<_> = expected.iter().map(root).collect();
                let mut used = vec![false; exp_roots.len()];
                for c in &coded {
                    let r = root(c);
                    if let Some(k) = (0..exp_roots.len()).find(|&k| !used[k] && exp_roots[k] == r) {
                        used[k] = true;
                        score.root_tp += 1;
                    }
                }
                if explain.contains(&case.id) && tagger.is_none() {
                    let text = gleaner_core::text::Text::new(&case.text);
                    for s in &text.sentences {
                        let words: Vec<&str> = (s.first_token..s.end_token).map(|t| text.token_text(t)).collect();
                        let _ = writeln!(
                            details,
                            "{} explained:\n{}",
                            case.id,
                            coder.explain(&words, parse_date(&case.date))
                        );
                    }
                }
                if coded == expected {
                    score.exact += 1;
                } else {
                    let show = |s: &BTreeSet<Triple>| {
                        s.iter().map(|t| format!("{}/{}/{}", t.source, t.target, t.code)).collect::<Vec<_>>().join(" ")
                    };
                    let _ = writeln!(
                        details,
                        "{} | {}\n   expected: {}\n   coded:    {}",
                        case.id,
                        case.text,
                        show(&expected),
                        show(&coded)
                    );
                }
            }
            let _ = writeln!(
                table,
                "| {} | {tags_name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                suite.name,
                score.records,
                ratio(score.exact, score.records),
                score.precision(),
                score.recall(),
                score.f1(),
                score.root_p(),
                score.root_r(),
                f1(score.root_p(), score.root_r()),
            );
        }
    }
    if let Some(path) = report {
        std::fs::write(path, details)?;
    }
    Ok(table)
}

/// Codes one record: its sentences in order with one memory, the record's date for actor codes.
fn code_case(coder: &Coder<'_>, case: &Case, tagger: Option<&gleaner_core::tag::Tagger>) -> BTreeSet<Triple> {
    let text = gleaner_core::text::Text::new(&case.text);
    let date = parse_date(&case.date);
    let penn: Option<Vec<&str>> = tagger.map(|t| {
        let prepared = t.prepare(&gleaner_core::tag::Input::from_text(&text));
        t.pos_tags(&prepared).into_iter().map(|p| p.as_str()).collect()
    });
    let mut memory = events::actor::Memory::default();
    let mut out = BTreeSet::new();
    let mut per_sentence = Vec::new();
    for i in 0..text.sentences.len() {
        let s = &text.sentences[i];
        let words: Vec<&str> = (s.first_token..s.end_token).map(|t| text.token_text(t)).collect();
        let tags: Option<Vec<events::Pos>> = penn
            .as_ref()
            .and_then(|p| p.get(s.first_token..s.end_token))
            .map(|p| p.iter().zip(&words).map(|(tag, w)| events::Pos::from_penn(tag, w)).collect());
        let result = coder.code(&words, tags.as_deref(), date, &mut memory);
        if result.discarded == Some(events::Discard::Story) {
            return BTreeSet::new();
        }
        per_sentence.push(result.events);
    }
    for events in per_sentence {
        for e in events {
            if let Some(t) = e.target {
                out.insert(Triple { source: e.source.code, target: t.code, code: e.code });
            }
        }
    }
    out
}

/// A suite date (YYYYMMDD or YYMMDD) as YYYYMMDD.
fn parse_date(s: &str) -> Option<u32> {
    events::dict::parse_date(s).ok()
}

/// Arguments of `cargo xtask eval events`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The shared data folder (default: ../shared/data next to the workspace).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Write the per-record mismatches here.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Keep the table in docs/EVAL.md.
    #[arg(long)]
    write: bool,
    /// Add the coder's analysis of this record (guessed tags) to the report; may be repeated.
    #[arg(long)]
    explain: Vec<String>,
}

/// `cargo xtask eval events`.
pub fn run_eval(args: EvalArgs, default_data: PathBuf) -> Result<()> {
    let data = args.data.unwrap_or(default_data);
    let table = eval(&data, args.report.as_deref(), &args.explain)?;
    println!("{table}");
    if args.write {
        let body = format!(
            "Command: `cargo xtask eval events --write`. Machine: {}.\n\n\
             The suites are read from `../shared/data/events` (never copied into the repository). Each record is \
             coded on its own, its sentences in order, with the record's date for date-bounded actor codes. \
             *exact set*: share of records whose coded set of (source, target, CAMEO code) triples equals the \
             expected set (records expecting no event count when nothing is coded); *triple P / R / F1*: micro \
             precision and recall of triples over all records; *root*: the same with codes cut to their two-digit \
             root. *tags*: `guessed` is the coder's own dictionary-informed part-of-speech guesser, which the \
             pipeline uses; `tagger` uses the CoNLL-trained `gleaner_core::tag` part-of-speech tagger instead.\n\n\
             {table}",
            crate::eval::machine()
        );
        crate::eval::write_section("## Events", &body)?;
    }
    Ok(())
}
