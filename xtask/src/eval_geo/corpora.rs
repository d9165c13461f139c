//! The labelled place corpora, read into one shape: LGL (US local and world news, GeoNames ids), WikToR (Wikipedia
//! articles about ambiguous places, coordinates only, only the article's own place marked) and GeoCorpora (tweets,
//! GeoNames ids). None of their text goes into the project: they are read here to fit and score the ranker.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use gleaner_core::entities;
use gleaner_core::geo::Toponym;
use gleaner_core::tag::Tagger;
use gleaner_core::text::Text;
use serde_json::Value;

use super::scoring::normalized_span;

/// A gold toponym with its place.
pub struct Gold {
    /// Byte offsets in the article's text.
    pub start: usize,
    pub end: usize,
    /// GeoNames id, 0 when the corpus gives coordinates only (WikToR).
    pub geonames_id: u32,
    pub lat: f64,
    pub lon: f64,
}

/// One document of a corpus.
pub struct Article {
    pub text: String,
    /// The toponyms that carry coordinates.
    pub gold: Vec<Gold>,
    /// Every toponym span (byte offsets), with or without coordinates: the recognition gold.
    pub spans: Vec<(usize, usize)>,
    /// Where the corpus marks only some places (WikToR: the article's own), the pipeline's other toponyms of the
    /// article, overlapping no gold span: the context the resolver has end to end.
    pub context: Vec<Toponym>,
}

/// A corpus and what its gold marks.
pub struct Corpus {
    pub name: &'static str,
    pub articles: Vec<Article>,
    /// True when every place of a document is marked, so that precision of recognition means something (WikToR marks
    /// only the article's own place).
    pub marks_every_place: bool,
}

/// The three corpora under the shared data directory; `tagger` finds the context of those that mark only some places.
pub fn load_all(shared: &Path, tagger: &Tagger) -> Result<Vec<Corpus>> {
    let mut corpora = vec![
        Corpus { name: "LGL", articles: lgl(&shared.join("lgl/lgl.xml"))?, marks_every_place: true },
        Corpus {
            name: "WikToR",
            articles: json_lines(&shared.join("geo-extra/wiktor/wiktor.jsonl.gz"))?,
            marks_every_place: false,
        },
        Corpus {
            name: "GeoCorpora",
            articles: json_lines(&shared.join("geo-extra/geocorpora/geocorpora.jsonl"))?,
            marks_every_place: true,
        },
    ];
    for corpus in corpora.iter_mut().filter(|c| !c.marks_every_place) {
        for a in &mut corpus.articles {
            let text = Text::new(&a.text);
            let tags = tagger.tag(&text);
            let found = entities::resolve(&text, &tags, tagger.lexicon());
            let gold: Vec<(usize, usize)> = a.gold.iter().map(|g| normalized_span(&text, (g.start, g.end))).collect();
            a.context = found
                .mentions
                .iter()
                .filter_map(|m| Toponym::of_mention(m, &found))
                .filter(|t| !gold.iter().any(|&(s, e)| s < t.end && t.start < e))
                .collect();
        }
    }
    Ok(corpora)
}

/// Byte offset of each character offset of `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain([text.len()]).collect()
}

fn lgl(path: &Path) -> Result<Vec<Article>> {
    let xml = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let doc = roxmltree::Document::parse(&xml)?;
    let child_text = |n: roxmltree::Node<'_, '_>, tag: &str| {
        n.children().find(|c| c.has_tag_name(tag)).and_then(|c| c.text()).unwrap_or("").to_string()
    };
    let mut articles = Vec::new();
    for a in doc.descendants().filter(|n| n.has_tag_name("article")) {
        let text = child_text(a, "text");
        let byte_at = byte_offsets(&text);
        let (mut gold, mut spans) = (Vec::new(), Vec::new());
        for t in a.descendants().filter(|n| n.has_tag_name("toponym")) {
            let start: usize = child_text(t, "start").parse()?;
            let end: usize = child_text(t, "end").parse()?;
            let (Some(&start), Some(&end)) = (byte_at.get(start), byte_at.get(end)) else { continue };
            spans.push((start, end));
            let Some(g) = t.children().find(|c| c.has_tag_name("gaztag")) else { continue };
            let (Ok(lat), Ok(lon)) = (child_text(g, "lat").parse::<f64>(), child_text(g, "lon").parse::<f64>()) else {
                continue;
            };
            gold.push(Gold { start, end, geonames_id: g.attribute("geonameid").unwrap_or("0").parse()?, lat, lon });
        }
        articles.push(Article { text, gold, spans, context: Vec::new() });
    }
    Ok(articles)
}

/// WikToR and GeoCorpora as ../shared/data/geo-extra holds them: one JSON object per line, `text` and `toponyms`
/// with code-point offsets, coordinates and (GeoCorpora) `geonames_id`; gzip-compressed or not.
fn json_lines(path: &Path) -> Result<Vec<Article>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice()).read_to_string(&mut s)?;
        s
    } else {
        String::from_utf8(bytes)?
    };
    let mut articles = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or("").to_string();
        let byte_at = byte_offsets(&text);
        let (mut gold, mut spans) = (Vec::new(), Vec::new());
        for t in v["toponyms"].as_array().into_iter().flatten() {
            let offset = |k: &str| t[k].as_u64().and_then(|c| byte_at.get(c as usize).copied());
            let (Some(start), Some(end)) = (offset("start"), offset("end")) else { continue };
            spans.push((start, end));
            let (Some(lat), Some(lon)) = (t["lat"].as_f64(), t["lon"].as_f64()) else { continue };
            let geonames_id = match &t["geonames_id"] {
                Value::Number(n) => n.as_u64().unwrap_or(0) as u32,
                Value::String(s) => s.parse().unwrap_or(0),
                _ => 0,
            };
            gold.push(Gold { start, end, geonames_id, lat, lon });
        }
        articles.push(Article { text, gold, spans, context: Vec::new() });
    }
    Ok(articles)
}
