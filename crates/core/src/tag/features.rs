//! What the taggers see. Each token is first reduced to atoms (hashes of the word, its folded form, shape and
//! affixes; its word clusters; gazetteer matches; how the rest of the document capitalizes it), then each tagger's
//! templates combine the atoms of a token and its neighbours into feature keys.
//!
//! Training (`cargo xtask train`) and tagging call the same functions, so a model always sees the features it was
//! trained on. Changing a template means retraining.

use super::hash::{HashKeyed, combine, hash_bytes, hash_str, key1, key2, key3};
use super::lexicon::{GazKind, Lexicon, PREFIX_BIT, fold};
use crate::model::Casing;

/// A sentence of a tagger's input: a token range and how its letters are cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The casing of the sentence (of its segment, for a `Text`).
    pub casing: Casing,
}

/// Per-token facts that feature templates combine.
#[derive(Debug, Clone, Copy, Default)]
pub struct Atoms {
    word: u64,
    fold: u64,
    shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    cluster: [u16; 3],
    /// How often the corpora capitalize the word (`WordInfo::capitalized`).
    capitalized: u8,
    /// Gazetteer matches: bit `kind * 4 + position` (B, I, L, U).
    gaz: u64,
    flags: u8,
    /// How the document writes this word in mixed-case sentences (`SEEN_*`).
    seen: u8,
}

const CAP: u8 = 1;
const ALL_CAPS: u8 = 2;
const DIGIT: u8 = 4;
const ALPHA: u8 = 8;
const HYPHEN: u8 = 16;
const PERIOD: u8 = 32;

/// Seen capitalized inside a mixed-case sentence (not first).
const SEEN_CAP: u8 = 1;
/// Seen in lower case inside a mixed-case sentence.
const SEEN_LOWER: u8 = 2;

/// A document reduced to atoms, ready for any tagger's templates.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    atoms: Vec<Atoms>,
    sentences: Vec<SentenceSpan>,
    /// For name-like tokens: the folded words left (side 0) and right (side 1) of the document's other
    /// occurrences of the same word, `context[context_at[i]..context_at[i + 1]]`.
    context: Vec<(u8, u64)>,
    context_at: Vec<u32>,
}

/// Other occurrences whose neighbours a token borrows, at most.
const CONTEXT_OCCURRENCES: usize = 6;

impl Prepared {
    /// Computes the atoms of every token of a document.
    pub fn new(words: &[&str], sentences: &[SentenceSpan], lexicon: &Lexicon) -> Prepared {
        let mut buf = String::new();
        let mut atoms: Vec<Atoms> = words.iter().map(|w| word_atoms(w, lexicon, &mut buf)).collect();
        let sentences: Vec<SentenceSpan> =
            sentences.iter().filter(|s| s.first < s.end && s.end <= words.len()).copied().collect();
        let mut seen: HashKeyed<u8> = HashKeyed::default();
        for s in &sentences {
            mark_gazetteer(&mut atoms[s.first..s.end], lexicon);
            if s.casing == Casing::Mixed {
                for a in &atoms[s.first + 1..s.end] {
                    if a.flags & ALPHA != 0 {
                        *seen.entry(a.fold).or_default() |= if a.flags & CAP != 0 { SEEN_CAP } else { SEEN_LOWER };
                    }
                }
            }
        }
        for a in &mut atoms {
            a.seen = seen.get(&a.fold).copied().unwrap_or(0);
        }
        let (context, context_at) = aggregate_contexts(&atoms, &sentences);
        Prepared { atoms, sentences, context, context_at }
    }

    fn context(&self, i: usize) -> &[(u8, u64)] {
        let (Some(&s), Some(&e)) = (self.context_at.get(i), self.context_at.get(i + 1)) else { return &[] };
        self.context.get(s as usize..e as usize).unwrap_or(&[])
    }

    /// The sentences, as given (empty or out-of-range ones dropped).
    pub fn sentences(&self) -> &[SentenceSpan] {
        &self.sentences
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.atoms.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }
}

/// True for a token that may be (part of) a name: capitalized, and not a word the corpora mostly write in lower
/// case.
fn name_like(a: &Atoms) -> bool {
    a.flags & (CAP | ALL_CAPS) != 0 && a.flags & ALPHA != 0 && (a.capitalized == 0 || a.capitalized >= 3)
}

/// Context aggregation: each name-like token learns the neighbours of the document's other occurrences of the
/// same word ("Washington" after "seeded" in one sentence and before "said" in another).
fn aggregate_contexts(atoms: &[Atoms], sentences: &[SentenceSpan]) -> (Vec<(u8, u64)>, Vec<u32>) {
    // (word, token, left neighbour, right neighbour) of every name-like token, grouped by word.
    let mut occurrences: Vec<(u64, usize, u64, u64)> = Vec::new();
    for s in sentences {
        for j in s.first..s.end {
            if name_like(&atoms[j]) {
                let left = if j > s.first { atoms[j - 1].fold } else { 0xB05 };
                let right = if j + 1 < s.end { atoms[j + 1].fold } else { 0xE05 };
                occurrences.push((atoms[j].fold, j, left, right));
            }
        }
    }
    occurrences.sort_unstable();
    let mut found: Vec<(usize, u8, u64)> = Vec::new();
    for group in occurrences.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for &(_, i, own_left, own_right) in group {
            for &(_, _, left, right) in group.iter().filter(|o| o.1 != i).take(CONTEXT_OCCURRENCES) {
                if left != own_left {
                    found.push((i, 0, left));
                }
                if right != own_right {
                    found.push((i, 1, right));
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    let mut at = vec![0u32; atoms.len() + 1];
    for &(i, _, _) in &found {
        at[i + 1] += 1;
    }
    for i in 0..atoms.len() {
        at[i + 1] += at[i];
    }
    (found.into_iter().map(|(_, side, fold)| (side, fold)).collect(), at)
}

fn word_atoms(word: &str, lexicon: &Lexicon, buf: &mut String) -> Atoms {
    let mut flags = 0;
    let mut shape = [0u8; 12];
    let (mut n, mut last, mut letters, mut upper) = (0, 0u8, 0, 0);
    for (k, c) in word.chars().enumerate() {
        let class = if c.is_uppercase() {
            upper += 1;
            letters += 1;
            if k == 0 {
                flags |= CAP;
            }
            b'X'
        } else if c.is_lowercase() {
            letters += 1;
            b'x'
        } else if c.is_numeric() {
            flags |= DIGIT;
            b'd'
        } else if c.is_alphabetic() {
            letters += 1;
            b'a'
        } else if c.is_ascii() {
            match c {
                '-' => flags |= HYPHEN,
                '.' => flags |= PERIOD,
                _ => {}
            }
            c as u8
        } else {
            b'*'
        };
        if class != last && n < shape.len() {
            shape[n] = class;
            n += 1;
            last = class;
        }
    }
    if letters > 0 {
        flags |= ALPHA;
        if upper == letters {
            flags |= ALL_CAPS;
        }
    }
    let folded = fold(word, buf);
    let fold_hash = hash_str(folded);
    let bytes = folded.as_bytes();
    let (mut prefix, mut suffix) = ([0; 4], [0; 4]);
    if folded.is_ascii() {
        for k in 0..4 {
            let take = (k + 1).min(bytes.len());
            prefix[k] = hash_bytes(&bytes[..take]);
            suffix[k] = hash_bytes(&bytes[bytes.len() - take..]);
        }
    } else {
        let starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).chain([folded.len()]).collect();
        let chars = starts.len() - 1;
        for k in 0..4 {
            let take = (k + 1).min(chars);
            prefix[k] = hash_bytes(&bytes[..starts[take]]);
            suffix[k] = hash_bytes(&bytes[starts[chars - take]..]);
        }
    }
    let info = lexicon.word(fold_hash);
    Atoms {
        word: hash_str(word),
        fold: fold_hash,
        shape: hash_bytes(&shape[..n]),
        prefix,
        suffix,
        cluster: info.clusters,
        capitalized: info.capitalized,
        gaz: 0,
        flags,
        seen: 0,
    }
}

/// Marks every gazetteer phrase of a sentence on its tokens (B, I, L or U of each kind).
fn mark_gazetteer(atoms: &mut [Atoms], lexicon: &Lexicon) {
    let max = lexicon.max_phrase_words();
    for start in 0..atoms.len() {
        let mut h = 0x5EED_u64;
        for len in 1..=max.min(atoms.len() - start) {
            h = combine(h, atoms[start + len - 1].fold);
            let bits = lexicon.phrase(if h == 0 { 1 } else { h });
            for kind in GazKind::ALL {
                if bits & kind.bit() != 0 {
                    let k = kind as u32 * 4;
                    if len == 1 {
                        atoms[start].gaz |= 1 << (k + 3);
                    } else {
                        atoms[start].gaz |= 1 << k;
                        for a in &mut atoms[start + 1..start + len - 1] {
                            a.gaz |= 1 << (k + 1);
                        }
                        atoms[start + len - 1].gaz |= 1 << (k + 2);
                    }
                }
            }
            if bits & PREFIX_BIT == 0 {
                break;
            }
        }
    }
}

// Template numbers. A template's key mixes its number with its values; templates marked "cased" also mix in the
// sentence casing, so what capitals mean in a headline is learned apart from what they mean in prose.
const BIAS: u32 = 1;
const WORD: u32 = 2;
const FOLD: u32 = 3;
const FOLD_AT: u32 = 4; // + offset
const WORD_AT: u32 = 10;
const SHAPE: u32 = 16;
const SHAPE_AT: u32 = 17;
const SHAPES3: u32 = 23;
const PREFIX: u32 = 24;
const SUFFIX: u32 = 25;
const FOLD_LEFT2: u32 = 26;
const FOLD_RIGHT2: u32 = 27;
const CLUSTER: u32 = 28;
const CLUSTER_AT: u32 = 29;
const GAZ: u32 = 35;
const GAZ_AT: u32 = 36;
const SEEN: u32 = 42;
const FIRST: u32 = 43;
const FLAGS: u32 = 44;
const POS_AT: u32 = 50;
const POS2: u32 = 56;
const POS3: u32 = 57;
const FOLD_POS: u32 = 58;
const PASS1_AT: u32 = 64;
const VOTE: u32 = 70;
const VOTE_ANY: u32 = 71;
const CAPITALIZED: u32 = 72;
const CAPITALIZED_AT: u32 = 73;
const CONTEXT: u32 = 74;
const VOTE_LABEL: u32 = 75;
/// A word with its tag and a neighbour's (chunker).
const FOLD_POS_PAIR: u32 = 89;

#[inline]
fn cased(template: u32, casing: Casing) -> u32 {
    template * 8 + casing as u32 + 1
}

#[inline]
fn plain(template: u32) -> u32 {
    template * 8
}

/// The key space of a template for a sentence's casing group: mixed case, Title Case, or no case information
/// (ALL CAPS or all lower case). Groups keep their own weights, so the re-cased training copies that teach
/// headlines do not pull the weights prose needs.
#[inline]
fn grouped(template: u32, group: u32) -> u32 {
    template * 8 + [0, 5, 6][group as usize % 3]
}

/// The entity tagger's casing groups: all three apart.
fn group_of(casing: Casing) -> u32 {
    match casing {
        Casing::Mixed => 0,
        Casing::Title => 1,
        Casing::Upper | Casing::Lower => 2,
    }
}

/// The part-of-speech tagger's casing groups: Title Case shares the weights of mixed case (the short title-cased
/// lines of real news — tables, bylines — tag best with them); text without case information keeps its own.
fn pos_group_of(casing: Casing) -> u32 {
    match casing {
        Casing::Mixed | Casing::Title => 0,
        Casing::Upper | Casing::Lower => 2,
    }
}

#[inline]
fn offset(template: u32, d: isize) -> u32 {
    (template as isize + d + 3) as u32
}

/// Padding atoms for positions before the first and after the last token of a sentence.
const fn padding(h: u64) -> Atoms {
    Atoms {
        word: h,
        fold: h,
        shape: h,
        prefix: [h; 4],
        suffix: [h; 4],
        cluster: [u16::MAX; 3],
        capitalized: 0,
        gaz: 0,
        flags: 0,
        seen: 0,
    }
}

const BEFORE: Atoms = padding(0xB05);
const AFTER: Atoms = padding(0xE05);

/// A token and its sentence, for the templates.
struct Window<'p> {
    atoms: &'p [Atoms],
    first: usize,
    end: usize,
    casing: Casing,
    /// Casing group of the shared templates (see `grouped`); 0 when casing groups share weights.
    group: u32,
}

impl<'p> Window<'p> {
    fn new(p: &'p Prepared, sentence: usize, grouping: fn(Casing) -> u32) -> Option<Window<'p>> {
        let s = p.sentences.get(sentence)?;
        Some(Window { atoms: &p.atoms, first: s.first, end: s.end, casing: s.casing, group: grouping(s.casing) })
    }

    /// A template in this sentence's casing group.
    #[inline]
    fn shared(&self, template: u32) -> u32 {
        grouped(template, self.group)
    }

    #[inline]
    fn at(&self, i: usize, d: isize) -> &Atoms {
        let j = i as isize + d;
        if j < self.first as isize {
            &BEFORE
        } else if j >= self.end as isize {
            &AFTER
        } else {
            &self.atoms[j as usize]
        }
    }
}

/// Pushes the features shared by the part-of-speech and entity taggers: the word, its neighbours, shape,
/// affixes and clusters.
fn lexical(w: &Window<'_>, i: usize, out: &mut Vec<u64>) {
    let c = w.casing;
    let a = w.at(i, 0);
    out.push(key1(cased(BIAS, c), 0));
    out.push(key1(cased(WORD, c), a.word));
    out.push(key1(w.shared(FOLD), a.fold));
    for d in [-2, -1, 1, 2] {
        out.push(key1(w.shared(offset(FOLD_AT, d)), w.at(i, d).fold));
    }
    out.push(key2(w.shared(FOLD_LEFT2), w.at(i, -1).fold, a.fold));
    out.push(key2(w.shared(FOLD_RIGHT2), a.fold, w.at(i, 1).fold));
    out.push(key1(cased(SHAPE, c), a.shape));
    for k in 0..4 {
        out.push(key2(w.shared(PREFIX), k as u64, a.prefix[k]));
        out.push(key2(w.shared(SUFFIX), k as u64, a.suffix[k]));
    }
    if a.cluster[0] != 0 {
        for (level, &id) in a.cluster.iter().enumerate() {
            out.push(key2(w.shared(CLUSTER), level as u64, u64::from(id)));
        }
    }
    out.push(key2(cased(FIRST, c), u64::from(i == w.first), a.shape));
    out.push(key1(cased(FLAGS, c), u64::from(a.flags)));
}

/// The part-of-speech features of token `i` of sentence `sentence` (casing groups: `pos_group_of`).
pub fn pos_features(p: &Prepared, sentence: usize, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let Some(w) = Window::new(p, sentence, pos_group_of) else { return };
    lexical(&w, i, out);
    for d in [-1, 1] {
        let n = w.at(i, d);
        out.push(key2(plain(offset(CLUSTER_AT, d)), 1, u64::from(n.cluster[1])));
        out.push(key1(cased(offset(SHAPE_AT, d), w.casing), n.shape));
    }
}

/// The chunk features of token `i`, given the part-of-speech label of every token of the document.
///
/// Chunk F1 is bounded by the predicted parts of speech (with CoNLL's own tags, testa F1 is 1.8 points higher),
/// so the word itself, as written, carries weight of its own, also paired with the tags around it.
pub fn chunk_features(p: &Prepared, sentence: usize, i: usize, pos: &[u8], out: &mut Vec<u64>) {
    out.clear();
    // One casing group: the chunker reads tags, which casing changes little.
    let Some(w) = Window::new(p, sentence, |_| 0) else { return };
    let tag = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < w.first as isize {
            0xB05
        } else if j >= w.end as isize {
            0xE05
        } else {
            pos.get(j as usize).map_or(0xE05, |&t| u64::from(t))
        }
    };
    let a = w.at(i, 0);
    out.push(key1(plain(BIAS), 0));
    out.push(key1(plain(WORD), a.word));
    out.push(key1(plain(FOLD), a.fold));
    for d in [-1, 1] {
        out.push(key1(plain(offset(FOLD_AT, d)), w.at(i, d).fold));
    }
    for d in -2..=2 {
        out.push(key1(plain(offset(POS_AT, d)), tag(d)));
    }
    out.push(key3(plain(POS2), 0, tag(-1), tag(0)));
    out.push(key3(plain(POS2), 1, tag(0), tag(1)));
    out.push(key3(plain(POS3), tag(-2), tag(-1), tag(0)));
    out.push(key3(plain(POS3) + 1, tag(-1), tag(0), tag(1)));
    out.push(key3(plain(POS3) + 2, tag(0), tag(1), tag(2)));
    out.push(key2(plain(FOLD_POS), a.fold, tag(0)));
    out.push(key3(plain(FOLD_POS_PAIR), a.fold, tag(0), tag(1)));
    out.push(key3(plain(FOLD_POS_PAIR) + 1, a.fold, tag(-1), tag(0)));
    out.push(key2(plain(CLUSTER), 1, u64::from(a.cluster[1])));
    out.push(key1(cased(SHAPE, w.casing), a.shape));
    out.push(key1(plain(FLAGS), u64::from(a.flags)));
    out.push(key2(plain(FOLD_LEFT2), w.at(i, -1).fold, a.fold));
    out.push(key2(plain(FOLD_RIGHT2), a.fold, w.at(i, 1).fold));
    for d in [-1, 1] {
        out.push(key2(plain(offset(CLUSTER_AT, d)), 1, u64::from(w.at(i, d).cluster[1])));
    }
}

/// The named-entity features of token `i` (the first pass; `History` has the second pass's).
pub fn ner_features(p: &Prepared, sentence: usize, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let Some(w) = Window::new(p, sentence, group_of) else { return };
    let c = w.casing;
    lexical(&w, i, out);
    let a = w.at(i, 0);
    for d in [-1, 1] {
        let n = w.at(i, d);
        out.push(key1(cased(offset(WORD_AT, d), c), n.word));
        out.push(key1(cased(offset(SHAPE_AT, d), c), n.shape));
        for level in 1..3 {
            out.push(key2(w.shared(offset(CLUSTER_AT, d)), level, u64::from(n.cluster[level as usize])));
        }
        push_gazetteer(out, w.shared(offset(GAZ_AT, d)), n.gaz);
    }
    out.push(key3(cased(SHAPES3, c), w.at(i, -1).shape, a.shape, w.at(i, 1).shape));
    push_gazetteer(out, w.shared(GAZ), a.gaz);
    out.push(key2(cased(SEEN, c), u64::from(a.seen), u64::from(a.flags & (CAP | ALL_CAPS))));
    out.push(key3(
        cased(CAPITALIZED, c),
        u64::from(a.capitalized),
        u64::from(a.flags & (CAP | ALL_CAPS)),
        u64::from(i == w.first),
    ));
    for d in [-1, 1] {
        out.push(key1(cased(offset(CAPITALIZED_AT, d), c), u64::from(w.at(i, d).capitalized)));
    }
    for &(side, fold) in p.context(i) {
        out.push(key2(w.shared(CONTEXT), u64::from(side), fold));
    }
}

fn push_gazetteer(out: &mut Vec<u64>, template: u32, mut bits: u64) {
    while bits != 0 {
        let b = bits.trailing_zeros();
        out.push(key1(template, u64::from(b)));
        bits &= bits - 1;
    }
}

/// What a first entity pass found across the document, as the features of the second pass (whose weights add to
/// the first pass's scores): the first-pass labels around each token, and how the document's other occurrences of
/// the same word were labelled.
#[derive(Debug, Clone, Default)]
pub struct History {
    offsets: Vec<u32>,
    keys: Vec<u64>,
}

impl History {
    /// The history of a document from its first-pass labels; `label_types[label]` is 0 for `O` and the entity
    /// type (1, 2, …) otherwise.
    pub fn new(p: &Prepared, pass1: &[u8], label_types: &[u8]) -> History {
        let type_of = |i: usize| pass1.get(i).and_then(|&l| label_types.get(l as usize)).copied().unwrap_or(0);
        const TYPES: usize = 8;
        const LABELS: usize = 32;
        let mut votes: HashKeyed<[u16; TYPES]> = HashKeyed::default();
        // Entity labels (B-PER, L-ORG …) of each word's occurrences, when a word has some.
        let mut labelled: HashKeyed<[u16; LABELS]> = HashKeyed::default();
        for (i, a) in p.atoms.iter().enumerate() {
            if a.flags & ALPHA != 0 {
                let t = usize::from(type_of(i)).min(TYPES - 1);
                votes.entry(a.fold).or_default()[t] += 1;
                if t != 0 {
                    let l = usize::from(pass1.get(i).copied().unwrap_or(0)).min(LABELS - 1);
                    labelled.entry(a.fold).or_default()[l] += 1;
                }
            }
        }
        let mut h = History { offsets: Vec::with_capacity(p.atoms.len() + 1), keys: Vec::new() };
        h.offsets.push(0);
        for span in &p.sentences {
            // Tokens outside every sentence get no history.
            while h.offsets.len() <= span.first {
                h.offsets.push(h.keys.len() as u32);
            }
            for i in span.first..span.end {
                for d in -1isize..=1 {
                    let j = i as isize + d;
                    let label = if j < span.first as isize || j >= span.end as isize {
                        0xFF
                    } else {
                        pass1.get(j as usize).copied().unwrap_or(0xFF)
                    };
                    h.keys.push(key1(grouped(offset(PASS1_AT, d), group_of(span.casing)), u64::from(label)));
                }
                let a = &p.atoms[i];
                if a.flags & ALPHA != 0
                    && let Some(all) = votes.get(&a.fold)
                {
                    let mut others = *all;
                    let own = usize::from(type_of(i)).min(TYPES - 1);
                    others[own] = others[own].saturating_sub(1);
                    let total: u32 = others.iter().map(|&v| u32::from(v)).sum();
                    if total > 0 {
                        let (best, &count) =
                            others.iter().enumerate().max_by_key(|&(t, &v)| (v, usize::MAX - t)).unwrap_or((0, &0));
                        let share = (u32::from(count) * 4).div_ceil(total);
                        h.keys.push(key3(
                            cased(VOTE, span.casing),
                            best as u64,
                            u64::from(share),
                            u64::from(a.flags & CAP),
                        ));
                        for (t, &v) in others.iter().enumerate().skip(1) {
                            if v > 0 {
                                h.keys.push(key1(grouped(VOTE_ANY, group_of(span.casing)), t as u64));
                            }
                        }
                    }
                    if let Some(all) = labelled.get(&a.fold) {
                        let mut others = *all;
                        if type_of(i) != 0 {
                            let own = usize::from(pass1.get(i).copied().unwrap_or(0)).min(LABELS - 1);
                            others[own] = others[own].saturating_sub(1);
                        }
                        let (label, &count) =
                            others.iter().enumerate().max_by_key(|&(l, &v)| (v, usize::MAX - l)).unwrap_or((0, &0));
                        if count > 0 {
                            h.keys.push(key2(cased(VOTE_LABEL, span.casing), label as u64, u64::from(count.min(3))));
                        }
                    }
                }
                h.offsets.push(h.keys.len() as u32);
            }
        }
        while h.offsets.len() <= p.atoms.len() {
            h.offsets.push(h.keys.len() as u32);
        }
        h
    }

    /// The history keys of token `i`.
    pub fn keys(&self, i: usize) -> &[u64] {
        let (Some(&s), Some(&e)) = (self.offsets.get(i), self.offsets.get(i + 1)) else { return &[] };
        self.keys.get(s as usize..e as usize).unwrap_or(&[])
    }
}
