//! Toponym resolution: each place name of a document gets its gazetteer candidates, then a linear ranker picks
//! one from what the document says (population and kind priors, explicit containment such as "Paris, Texas", the
//! countries and divisions the other names point to, nearness to the other places, the dateline).
//!
//! Mentions with the same name share one decision (one sense per discourse), which keeps the work linear in the
//! number of distinct names. Context comes in rounds: the first ranks on priors and local cues, later rounds add
//! the support that the other names' current choices give.

use crate::fasthash::FastMap as HashMap;

use super::context::{Cohorts, Context};
use super::cues::{self, Cues, KindCue};
use super::features::{F, Features, Weights, prior_features, score, set, softmax, supported};
use super::gazetteer::{Gazetteer, MatchKind};
use super::name::{normalize_name, split_camel};
use super::weights::WEIGHTS;
use crate::model::{Label, PlaceKind};
use crate::text::Text;

/// A place name to resolve: a span of the normalized text, from gold annotations or the entity tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Toponym {
    /// Start byte in the normalized text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The tagger's label, when known: GPE, LOC and FAC name places; NORP names a people ("Iranian" → Iran).
    pub label: Option<Label>,
    /// Index into `Text::sentences`.
    pub sentence: usize,
}

impl Toponym {
    /// The toponym a tagged mention names, if it names a place: GPE, LOC and FAC mentions, and NORP mentions (which
    /// resolve only through a demonym that ties them to a country: "Iranian" → Iran, "Shiite" → nothing), when the
    /// entity they belong to is a place or a people too ("FT" tagged GPE once is still the Financial Times).
    pub fn of_mention(mention: &crate::entities::Mention, found: &crate::entities::Entities) -> Option<Toponym> {
        let place = |label| matches!(label, Label::Gpe | Label::Loc | Label::Fac | Label::Norp);
        let entity = found.entities.get(mention.entity).map_or(mention.label, |e| e.label);
        (place(mention.label) && place(entity)).then_some(Toponym {
            start: mention.start,
            end: mention.end,
            label: Some(mention.label),
            sentence: mention.sentence,
        })
    }
}

/// At most this many candidates per name are ranked (the most likely by prior).
const MAX_CANDIDATES: usize = 24;
/// Below this probability the best candidate is not good enough: the name stays unresolved.
const MIN_PROBABILITY: f32 = 0.1;
/// Below this score the best candidate is a wild guess however alone it stands (a hamlet that only an alternate
/// name of a common word points to): the name stays unresolved.
const MIN_SCORE: f32 = 1.0;
/// A place that only a dissimilar alternate name points to ("Google", once a nickname of Topeka), with nothing else
/// in the document for it, needs this population when a tagger found the name: the name more likely names something
/// else, unless it is the well-known other name of a large city ("Bombay"). Gold spans are places for sure, so the
/// rule does not apply to them.
const MIN_POPULATION_ALTERNATE_ALONE: u32 = 500_000;
/// Below this similarity to the place's own name an alternate name is another name, not another spelling.
const ALTERNATE_SPELLING: f32 = 0.5;
/// From this similarity on, an alternate name is the place's own name spelled another way ("Basra", "Basrah").
const SAME_NAME: f32 = 0.8;
/// Rounds of ranking: the first without context, the others with the previous round's choices.
const ROUNDS: usize = 3;
/// Shares of the document's place mentions above which a country, or a finer place, is in focus.
const FOCUS_COUNTRY: f32 = 0.2;
const FOCUS_PLACE: f32 = 0.15;

/// A resolved toponym: the gazetteer record and the ranker's confidence in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    /// Gazetteer record.
    pub record: u32,
    /// Probability of the choice among the candidates, in [0, 1].
    pub score: f32,
}

/// A place the document is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocusPlace {
    /// Gazetteer record (a country, or a finer place).
    pub record: u32,
    /// Confidence-weighted share of the document's resolved place mentions that point to it, in [0, 1].
    pub score: f32,
    /// The first input toponym resolved to it (`None` for a country in focus through its cities alone).
    pub toponym: Option<usize>,
}

/// The geo stage's output for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolution {
    /// One entry per input toponym, in input order: its place, or `None` when nothing is good enough.
    pub places: Vec<Option<Resolved>>,
    /// The countries (first) and places the document is about, strongest first; `detached` segments are ignored.
    pub focus: Vec<FocusPlace>,
}

/// The mentions sharing one name, their candidates and each candidate's features: what the ranker sees.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// The normalized name.
    pub key: String,
    /// Indices into the input toponyms.
    pub mentions: Vec<usize>,
    /// Candidate records.
    pub candidates: Vec<u32>,
    /// How the name matched each candidate.
    pub matches: Vec<MatchKind>,
    /// Features of each candidate.
    pub features: Vec<Features>,
}

/// Resolves toponyms against a gazetteer with a linear ranker.
#[derive(Debug, Clone)]
pub struct Resolver<'g> {
    gazetteer: &'g Gazetteer,
    weights: Weights,
}

impl<'g> Resolver<'g> {
    /// A resolver with the shipped weights.
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        Resolver { gazetteer, weights: WEIGHTS }
    }

    /// A resolver with other weights (for fitting them).
    pub fn with_weights(gazetteer: &'g Gazetteer, weights: Weights) -> Self {
        Resolver { gazetteer, weights }
    }

    /// Resolves each toponym and finds the document's focus.
    pub fn resolve(&self, text: &Text<'_>, toponyms: &[Toponym]) -> Resolution {
        let mut places = vec![None; toponyms.len()];
        for (group, probs) in self.rank(text, toponyms) {
            let tagged = group.mentions.iter().any(|&m| toponyms.get(m).is_some_and(|t| t.label.is_some()));
            let best = probs.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1));
            if let Some((i, &p)) = best
                && p >= MIN_PROBABILITY
                && let Some(&record) = group.candidates.get(i)
                && group
                    .features
                    .get(i)
                    .is_some_and(|f| self.good_enough(record, f, group.matches.get(i).copied(), tagged))
            {
                for &m in &group.mentions {
                    if let Some(slot) = places.get_mut(m) {
                        *slot = Some(Resolved { record, score: p });
                    }
                }
            }
        }
        let focus = self.focus(text, toponyms, &places);
        Resolution { places, focus }
    }

    /// Whether the best candidate of a name (`tagged`: found by a tagger) is good enough to name: a wild guess stays
    /// unresolved.
    fn good_enough(&self, record: u32, f: &Features, how: Option<MatchKind>, tagged: bool) -> bool {
        let another_name = how == Some(MatchKind::Alternate)
            && f.get(F::NameSimilarity as usize).is_some_and(|&x| x < ALTERNATE_SPELLING);
        let small = self.gazetteer.record(record).population() < MIN_POPULATION_ALTERNATE_ALONE;
        score(&self.weights, f) >= MIN_SCORE && !(tagged && another_name && !supported(f) && small)
    }

    /// The groups with their final features (for fitting the weights): what `resolve` ranks.
    pub fn groups(&self, text: &Text<'_>, toponyms: &[Toponym]) -> Vec<Group> {
        self.rank(text, toponyms).into_iter().map(|(g, _)| g).collect()
    }

    /// Groups the toponyms by name, and ranks each group's candidates in rounds.
    fn rank(&self, text: &Text<'_>, toponyms: &[Toponym]) -> Vec<(Group, Vec<f32>)> {
        let mut keys: HashMap<(String, bool, bool, bool, u32), usize> = HashMap::default();
        let mut seen: HashMap<String, ()> = HashMap::default();
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of = vec![usize::MAX; toponyms.len()];
        for (i, t) in toponyms.iter().enumerate() {
            let Some(surface) = text.normalized().get(t.start..t.end) else { continue };
            let surface = strip_possessive(surface.trim());
            let key = normalize_name(surface);
            if key.is_empty() {
                continue;
            }
            let people = t.label == Some(Label::Norp);
            // An airport code is trusted for a facility or in parentheses ("Baghdad International Airport (BGW)").
            let normalized = text.normalized();
            let parenthesized = normalized.get(..t.start).is_some_and(|b| b.ends_with('('))
                && normalized.get(t.end..).is_some_and(|a| a.starts_with(')'));
            let airport_code_ok = t.label == Some(Label::Fac) || parenthesized;
            // A name right after another and a comma is its container, and may be a division's abbreviation however
            // written ("Oakland, Calif", "Houston, tx", "ALEXANDRIA, Va").
            let after_place = i
                .checked_sub(1)
                .and_then(|p| toponyms.get(p))
                .is_some_and(|p| normalized.get(p.end..t.start).is_some_and(|b| b.trim() == ","));
            // A writer qualifies a name at its first mention ("Paris, Texas", then "Paris"); a name qualified after
            // it has already been used names another place ("Toledo is a city in Iowa … named for Toledo, Ohio"), so
            // that mention is a name of its own and lends its container to no other.
            let qualified_later = seen
                .contains_key(&key)
                .then(|| cues::comma_container(self.gazetteer, text, t))
                .flatten()
                .unwrap_or(u32::MAX);
            seen.insert(key.clone(), ());
            let g = *keys.entry((key.clone(), people, airport_code_ok, after_place, qualified_later)).or_insert_with(
                || {
                    let (candidates, matches) =
                        self.candidates(&key, surface, t.label, airport_code_ok, after_place).into_iter().unzip();
                    groups.push(Group { key, candidates, matches, ..Group::default() });
                    groups.len() - 1
                },
            );
            group_of[i] = g;
            if let Some(group) = groups.get_mut(g) {
                group.mentions.push(i);
            }
        }
        let cues: Vec<Cues> =
            (0..toponyms.len()).map(|i| cues::read(self.gazetteer, text, toponyms, i, &group_of)).collect();
        for group in &mut groups {
            self.apply_kind_cue(group, &cues);
        }
        let cohorts = Cohorts::new(self.gazetteer, &groups);
        // What does not depend on the other names' choices is computed once.
        let local: Vec<Vec<Features>> =
            (0..groups.len()).map(|g| self.local_features(g, &groups, toponyms, &cues, &cohorts)).collect();
        let mut probs: Vec<Vec<f32>> = local.iter().map(|fs| self.probabilities(fs)).collect();
        for _ in 1..ROUNDS {
            let context = Context::new(self.gazetteer, &groups, &probs, &cues);
            for (g, (group, local)) in groups.iter_mut().zip(&local).enumerate() {
                group.features = group
                    .candidates
                    .iter()
                    .zip(local)
                    .map(|(&r, f)| {
                        let mut f = *f;
                        context.add_features(self.gazetteer, g, &self.gazetteer.record(r), &mut f);
                        f
                    })
                    .collect();
            }
            probs = groups.iter().map(|group| self.probabilities(&group.features)).collect();
        }
        if ROUNDS == 1 {
            for (group, local) in groups.iter_mut().zip(local) {
                group.features = local;
            }
        }
        groups.into_iter().zip(probs).collect()
    }

    fn probabilities(&self, features: &[Features]) -> Vec<f32> {
        softmax(features.iter().map(|f| score(&self.weights, f)))
    }

    /// The candidates for a name with how each matched, most likely first by prior, at most `MAX_CANDIDATES`;
    /// `after_place`: the name follows another and a comma.
    fn candidates(
        &self,
        key: &str,
        surface: &str,
        label: Option<Label>,
        airport_code_ok: bool,
        after_place: bool,
    ) -> Vec<(u32, MatchKind)> {
        let people = label == Some(Label::Norp);
        // "TX", "BGW", "Ill.", "W. Va.": capitals only, or an abbreviation with its period; after a place and a
        // comma, any short word of letters.
        let letters = surface.chars().all(|c| c.is_ascii_alphabetic() || c == '.' || c == ' ');
        let code_like = surface.len() <= 8
            && letters
            && (after_place && surface.len() <= 5
                || surface.starts_with(|c: char| c.is_ascii_uppercase())
                    && (surface.ends_with('.') || !surface.chars().any(|c| c.is_ascii_lowercase())));
        // A hashtag's camel-cased name ("SierraLeone", "StLouis") that the gazetteer does not know whole.
        let split = (self.gazetteer.lookup(key).next().is_none())
            .then(|| split_camel(surface).map(|s| normalize_name(&s)))
            .flatten();
        let mut found: Vec<(u32, MatchKind)> = self
            .gazetteer
            .lookup(split.as_deref().unwrap_or(key))
            .filter(|m| match m.how {
                MatchKind::Demonym => true,
                MatchKind::Code => {
                    !people
                        && code_like
                        && (airport_code_ok || self.gazetteer.record(m.record).kind() != PlaceKind::Airport)
                }
                // A facility is at its own point: a town that shares its name ("White House") is not it.
                MatchKind::Name | MatchKind::Alternate => {
                    !people
                        && (label != Some(Label::Fac) || self.gazetteer.record(m.record).kind() == PlaceKind::Airport)
                }
            })
            .map(|m| (m.record, m.how))
            .collect();
        found.sort_unstable();
        found.dedup_by_key(|(r, _)| *r);
        // A demonym that names a country and a place in it ("Scottish": the United Kingdom and Scotland) names the
        // place.
        let demonym_places: Vec<u32> =
            found.iter().filter(|(_, how)| *how == MatchKind::Demonym).map(|&(r, _)| r).collect();
        found.retain(|&(r, how)| {
            let rec = self.gazetteer.record(r);
            how != MatchKind::Demonym || !demonym_places.iter().any(|&p| self.gazetteer.record(p).within(&rec))
        });
        if found.len() <= MAX_CANDIDATES {
            return found;
        }
        let mut scored: Vec<(f32, u32, MatchKind)> = found
            .into_iter()
            .map(|(r, how)| (score(&self.weights, &prior_features(&self.gazetteer.record(r), how, label)), r, how))
            .collect();
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(MAX_CANDIDATES);
        scored.into_iter().map(|(_, r, how)| (r, how)).collect()
    }

    /// What the text says a place is ("the city of Basra") rules out readings of another kind.
    fn apply_kind_cue(&self, group: &mut Group, cues: &[Cues]) {
        let Some(cue) = group.mentions.iter().find_map(|&m| cues.get(m).and_then(|c| c.kind)) else { return };
        // A country is never called a town: "Ukraine town" is a town in Ukraine, and the name is the country.
        let country = |&r: &u32| self.gazetteer.record(r).kind() == PlaceKind::Country;
        if cue == KindCue::Settlement && group.candidates.iter().any(country) {
            return;
        }
        let fits: Vec<bool> = group.candidates.iter().map(|&r| cue.fits(self.gazetteer.record(r).kind())).collect();
        if fits.iter().any(|&f| f) {
            let mut keep = fits.iter();
            group.candidates.retain(|_| keep.next().copied().unwrap_or(false));
            let mut keep = fits.iter();
            group.matches.retain(|_| keep.next().copied().unwrap_or(false));
        }
    }

    /// The features of group `g`'s candidates that need no ranking of the other names.
    fn local_features(
        &self,
        g: usize,
        groups: &[Group],
        toponyms: &[Toponym],
        cues: &[Cues],
        cohorts: &Cohorts,
    ) -> Vec<Features> {
        let Some(group) = groups.get(g) else { return Vec::new() };
        let label = group.mentions.first().and_then(|&m| toponyms.get(m)).and_then(|t| t.label);
        let group_cues: Vec<&Cues> = group.mentions.iter().filter_map(|&m| cues.get(m)).collect();
        let dateline = group_cues.iter().any(|c| c.dateline);
        let follows: Vec<&[u32]> = group_cues
            .iter()
            .filter_map(|c| c.follows.and_then(|p| groups.get(p)))
            .map(|p| p.candidates.as_slice())
            .collect();
        let similarities: Vec<f32> = group
            .candidates
            .iter()
            .zip(&group.matches)
            .map(|(&r, &how)| match how {
                MatchKind::Name => 1.0,
                // "Basra" for "Basrah" is the same name spelled another way; "Alexandria" for Mashhad is not.
                MatchKind::Alternate => {
                    strsim::normalized_levenshtein(&group.key, &normalize_name(self.gazetteer.record(r).name())) as f32
                }
                MatchKind::Demonym | MatchKind::Code => 0.0,
            })
            .collect();
        let log_population = |r: u32| ((self.gazetteer.record(r).population() as f32) + 1.0).log10();
        let top = group.candidates.iter().map(|&r| log_population(r)).fold(0.0f32, f32::max);
        group
            .candidates
            .iter()
            .zip(&group.matches)
            .zip(&similarities)
            .map(|((&r, &how), &similarity)| {
                let rec = self.gazetteer.record(r);
                let mut f = prior_features(&rec, how, label);
                set(&mut f, F::NameSimilarity, similarity);
                let gap = log_population(r) - top;
                set(&mut f, F::PopulationGap, gap.min(0.0) / 7.0);
                if gap >= 0.0 {
                    set(&mut f, F::PopulationTop, 1.0);
                }
                let inside = !matches!(rec.kind(), PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region);
                for c in group_cues.iter().filter(|c| !c.containers.is_empty()) {
                    if c.containers.iter().any(|&p| rec.within(&self.gazetteer.record(p))) {
                        set(&mut f, F::Contained, 1.0);
                    } else if c.comma && inside {
                        set(&mut f, F::ContainmentConflict, 1.0);
                    }
                }
                if follows.iter().any(|prev| prev.iter().any(|&p| self.gazetteer.record(p).within(&rec))) {
                    set(&mut f, F::ContainsNeighbour, 1.0);
                }
                if dateline && rec.kind() == PlaceKind::City {
                    set(&mut f, F::DatelineCity, 1.0);
                }
                let division = matches!(rec.kind(), PlaceKind::Admin1 | PlaceKind::Admin2);
                // The city must bear the name itself ("Montana City", known as "Montana", does not make the state of
                // Montana a division named after its city) and lie in the first-order division or be its country's
                // capital (the state of Washington shares the name of the capital). Counties keep the reading they
                // had before towns knew their county: the feature was fitted without them.
                if division
                    && group.candidates.iter().zip(&similarities).any(|(&c, &s)| {
                        let city = self.gazetteer.record(c);
                        s >= SAME_NAME
                            && city.kind() == PlaceKind::City
                            && (rec.kind() == PlaceKind::Admin1 && city.within(&rec)
                                || city.is_capital() && city.country_index() == rec.country_index())
                    })
                {
                    set(&mut f, F::DivisionNamedLikeItsCity, 1.0);
                }
                cohorts.add_features(g, &rec, &mut f);
                f
            })
            .collect()
    }

    /// The countries and places the document is about: confidence-weighted shares of the resolved mentions outside
    /// detached segments (a city counts for its country too).
    fn focus(&self, text: &Text<'_>, toponyms: &[Toponym], places: &[Option<Resolved>]) -> Vec<FocusPlace> {
        let mut countries: HashMap<u32, f32> = HashMap::default();
        let mut finer: HashMap<u32, f32> = HashMap::default();
        let mut total = 0.0f32;
        for (t, place) in toponyms.iter().zip(places) {
            let Some(place) = place else { continue };
            let segment = text.sentences.get(t.sentence).and_then(|s| text.segments.get(s.segment));
            if segment.is_some_and(|s| s.detached) {
                continue;
            }
            let rec = self.gazetteer.record(place.record);
            total += place.score;
            match rec.kind() {
                PlaceKind::Country => *countries.entry(place.record).or_default() += place.score,
                PlaceKind::Continent | PlaceKind::Region => {}
                _ => {
                    *finer.entry(place.record).or_default() += place.score;
                    if let Some(country) = rec.country_code().and_then(|c| self.gazetteer.country(c)) {
                        *countries.entry(country.id()).or_default() += place.score;
                    }
                }
            }
        }
        if total <= 0.0 {
            return Vec::new();
        }
        let first_toponym = |record: u32| places.iter().position(|p| p.is_some_and(|p| p.record == record));
        let ranked = |shares: HashMap<u32, f32>, min: f32| {
            let mut v: Vec<FocusPlace> = shares
                .into_iter()
                .map(|(record, w)| (record, (w / total).min(1.0)))
                .filter(|&(_, share)| share >= min)
                .map(|(record, score)| FocusPlace { record, score, toponym: first_toponym(record) })
                .collect();
            v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.record.cmp(&b.record)));
            v
        };
        let mut focus = ranked(countries, FOCUS_COUNTRY);
        focus.extend(ranked(finer, FOCUS_PLACE));
        focus
    }
}

/// "Iran's" → "Iran", "Texas'" → "Texas".
fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s").or_else(|| s.strip_suffix("'S")).or_else(|| s.strip_suffix('\'')).unwrap_or(s)
}
