//! End to end: the pipeline's own toponyms (tagger, entities stage, `Toponym::of_mention`), then the resolver with
//! the shipped weights; recognition scored against every gold span, resolution on the paired gold toponyms.

use gleaner_core::entities;
use gleaner_core::geo::{Gazetteer, MatchKind, Resolver, Toponym, normalize_name};
use gleaner_core::model::Label;
use gleaner_core::tag::Tagger;
use gleaner_core::text::Text;

use super::corpora::{Article, Gold};
use super::scoring::{Scores, describe, near, normalized_span};

/// How a found toponym pairs with a gold one (one to one): the same span, or (exact pairs first) any overlap.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SpanRule {
    Exact,
    Overlap,
}

const RULES: [SpanRule; 2] = [SpanRule::Exact, SpanRule::Overlap];

/// Part (b): the pipeline's own toponyms (tagger, entities stage, `Toponym::of_mention`), then the resolver.
#[derive(Default)]
pub struct EndToEnd {
    pub gold: usize,
    pub found: usize,
    /// Per rule (in `RULES` order): how many found toponyms pair with a gold one.
    pub matched: [usize; 2],
    /// Per rule: the resolution of the paired gold toponyms that carry coordinates.
    pub resolved: [Scores; 2],
    /// Found and paired (overlap rule) per label.
    pub by_label: Vec<(Label, usize, usize)>,
}

impl EndToEnd {
    /// Gold, found, paired, P, R, F1; P and F1 only when the gold marks every place (`precise`).
    pub fn recognition_row(&self, r: usize, precise: bool) -> String {
        let matched = self.matched[r] as f64;
        let p = matched / self.found.max(1) as f64;
        let rec = matched / self.gold.max(1) as f64;
        let f1 = if p + rec > 0.0 { 2.0 * p * rec / (p + rec) } else { 0.0 };
        let (p, f1) = if precise { (format!("{p:.3}"), format!("{f1:.3}")) } else { ("—".into(), "—".into()) };
        format!("| {} | {} | {} | {p} | {rec:.3} | {f1} |", self.gold, self.found, self.matched[r])
    }
}

/// Runs the pipeline's toponym recognition and the resolver over the articles and scores both; with `errors`,
/// describes each miss, spurious toponym and wrong resolution (overlap rule).
pub fn end_to_end(
    tagger: &Tagger,
    gazetteer: &Gazetteer,
    articles: &[&Article],
    mut errors: Option<&mut Vec<String>>,
) -> EndToEnd {
    let resolver = Resolver::new(gazetteer);
    let mut e = EndToEnd::default();
    for a in articles {
        let text = Text::new(&a.text);
        let tags = tagger.tag(&text);
        let found = entities::resolve(&text, &tags, tagger.lexicon());
        let tops: Vec<Toponym> = found.mentions.iter().filter_map(|m| Toponym::of_mention(m, &found)).collect();
        let out = resolver.resolve(&text, &tops);
        let surface = |start: usize, end: usize| text.normalized().get(start..end).unwrap_or("").replace('\n', " ");
        // A NORP mention names a place only when a demonym ties it to one ("Iranian", not "Shiite").
        let predicted: Vec<usize> = (0..tops.len())
            .filter(|&i| {
                tops[i].label != Some(Label::Norp)
                    || gazetteer
                        .lookup(&normalize_name(&surface(tops[i].start, tops[i].end)))
                        .any(|m| m.how == MatchKind::Demonym)
            })
            .collect();
        let spans: Vec<(usize, usize)> = a.spans.iter().map(|&s| normalized_span(&text, s)).collect();
        let coords: Vec<Option<&Gold>> =
            a.spans.iter().map(|&(s, end)| a.gold.iter().find(|g| g.start == s && g.end == end)).collect();
        e.gold += spans.len();
        e.found += predicted.len();
        for (r, rule) in RULES.into_iter().enumerate() {
            let mut pair: Vec<Option<usize>> = vec![None; tops.len()];
            let mut taken = vec![false; spans.len()];
            let passes: &[SpanRule] =
                if rule == SpanRule::Exact { &[SpanRule::Exact] } else { &[SpanRule::Exact, SpanRule::Overlap] };
            for &pass in passes {
                for &i in &predicted {
                    let t = tops[i];
                    if pair[i].is_some() {
                        continue;
                    }
                    let hit = spans.iter().enumerate().position(|(k, &(gs, ge))| {
                        !taken[k]
                            && match pass {
                                SpanRule::Exact => gs == t.start && ge == t.end,
                                SpanRule::Overlap => gs < t.end && t.start < ge,
                            }
                    });
                    if let Some(k) = hit {
                        taken[k] = true;
                        pair[i] = Some(k);
                    }
                }
            }
            for &i in &predicted {
                let Some(k) = pair[i] else { continue };
                e.matched[r] += 1;
                if let Some(g) = coords[k] {
                    e.resolved[r].push(gazetteer, g, out.places[i]);
                }
            }
            if rule != SpanRule::Overlap {
                continue;
            }
            for &i in &predicted {
                let label = tops[i].label.unwrap_or(Label::Misc);
                let slot = match e.by_label.iter().position(|x| x.0 == label) {
                    Some(slot) => slot,
                    None => {
                        e.by_label.push((label, 0, 0));
                        e.by_label.len() - 1
                    }
                };
                e.by_label[slot].1 += 1;
                e.by_label[slot].2 += usize::from(pair[i].is_some());
            }
            let Some(errors) = errors.as_deref_mut() else { continue };
            for &i in &predicted {
                let t = tops[i];
                match pair[i] {
                    None => errors.push(format!(
                        "spurious\t{}\t{:?}\tchoice={:?}",
                        surface(t.start, t.end),
                        t.label,
                        describe(gazetteer, out.places[i])
                    )),
                    Some(k) => {
                        let Some(g) = coords[k] else { continue };
                        if !near(gazetteer, g, out.places[i]) {
                            errors.push(format!(
                                "wrong\t{}\tgold={} {}\tchoice={:?}",
                                surface(t.start, t.end),
                                surface(spans[k].0, spans[k].1),
                                g.geonames_id,
                                describe(gazetteer, out.places[i])
                            ));
                        }
                    }
                }
            }
            for (k, &(gs, ge)) in spans.iter().enumerate() {
                if !taken[k] {
                    let tagged = found.mentions.iter().find(|m| m.start < ge && gs < m.end);
                    let tagged = tagged.map(|m| format!("{:?} {}", m.label, surface(m.start, m.end)));
                    errors.push(format!("missed\t{}\ttagged={tagged:?}", surface(gs, ge)));
                }
            }
        }
    }
    e.by_label.sort_by_key(|x| std::cmp::Reverse(x.1));
    e
}
