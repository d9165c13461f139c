//! What the parser sees of a configuration: the words on top of the stack and at the front of the buffer, the
//! outermost dependents found so far, distances, valencies and relation sets, in the templates of Zhang and Nivre
//! (2011) adapted to the arc-hybrid system, with the taggers' word clusters beside the words.
//!
//! Training (`cargo xtask train --only parse`) and parsing call the same functions, so a model always sees the
//! features it was trained on. Changing a template means retraining.

use super::system::{Children, NONE, State};
use crate::tag::Pos;
use crate::tag::hash::{combine, hash_str, key1, key2, key3};
use crate::tag::lexicon::{Lexicon, fold};

/// One word's atoms, hashed once per sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The folded form (`tag::lexicon::fold`).
    w: u64,
    /// The part of speech.
    p: u64,
    /// Form and part of speech together.
    wp: u64,
    /// The word's cluster among 256 (the tag lexicon's middle level); its part of speech when it has none.
    c1: u64,
    /// Its cluster among 2,048, or its folded form when it has none.
    c2: u64,
}

impl Word {
    const fn special(h: u64) -> Word {
        Word { w: h, p: h, wp: h, c1: h, c2: h }
    }
}

/// A position that holds no word.
const ABSENT: Word = Word::special(0x00AB_5E47);
/// The artificial root.
const ROOT: Word = Word::special(0x2007);

/// The atoms of a sentence's words, the root last.
pub fn words(forms: &[&str], pos: &[Pos], lexicon: &Lexicon, out: &mut Vec<Word>) {
    out.clear();
    let mut buf = String::new();
    for (k, form) in forms.iter().enumerate() {
        let w = hash_str(fold(form, &mut buf));
        let p = pos.get(k).map_or(0xFF, |&p| p as u64);
        let clusters = lexicon.word(w).clusters;
        let (c1, c2) = if clusters[0] == 0 {
            (combine(0xC1, p), w)
        } else {
            (u64::from(clusters[1]), 0x1_0000 + u64::from(clusters[2]))
        };
        out.push(Word { w, p, wp: combine(w, p), c1, c2 });
    }
    out.push(ROOT);
}

/// Distance buckets: 1, 2, 3, 4, 5–6, 7–9, 10+ (0 when a word is missing).
#[inline]
fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

// Template numbers: a key mixes its template's number with its values.
const S0: u32 = 0;
const S1: u32 = 10;
const S2: u32 = 20;
const B0: u32 = 30;
const B1: u32 = 40;
const B2: u32 = 50;
const S0L: u32 = 60;
const S0L2: u32 = 65;
const S0R: u32 = 70;
const S0R2: u32 = 75;
const S1L: u32 = 80;
const S1R: u32 = 85;
const S1R2: u32 = 90;
const B0L: u32 = 95;
const B0L2: u32 = 100;
const PAIR_S0_B0: u32 = 110;
const PAIR_S1_S0: u32 = 130;
const PAIR_S1_B0: u32 = 150;
const PAIR_B0_B1: u32 = 155;
const TRIPLE: u32 = 160;
const DISTANCE: u32 = 180;
const VALENCY: u32 = 190;
const THIRD: u32 = 200;
const LABEL_SET: u32 = 210;

/// The atoms at a position and the dependents there.
struct At<'a> {
    words: &'a [Word],
    state: &'a State,
}

impl At<'_> {
    #[inline]
    fn word(&self, i: u32) -> &Word {
        if i == NONE { &ABSENT } else { self.words.get(i as usize).unwrap_or(&ABSENT) }
    }

    #[inline]
    fn children(&self, i: u32) -> Children {
        if i == NONE { Children::default() } else { self.state.children(i) }
    }

    /// The relation of a dependent slot (0xFF when empty).
    #[inline]
    fn label(&self, i: u32) -> u64 {
        if i == NONE { 0xFF } else { u64::from(self.state.relation(i)) }
    }
}

/// The feature keys of a configuration; `words` from `words` for the state's sentence.
pub fn features(state: &State, words: &[Word], out: &mut Vec<u64>) {
    out.clear();
    push_buffer(state, words, out);
    push_stack(state, words, out);
}

/// The keys that read only the words at the front of the buffer, which stay the same from one shift to the next
/// (a parser scores them once per shift).
pub fn buffer_features(state: &State, words: &[Word], out: &mut Vec<u64>) {
    out.clear();
    push_buffer(state, words, out);
}

/// The other keys of a configuration (`features` less `buffer_features`).
pub fn stack_features(state: &State, words: &[Word], out: &mut Vec<u64>) {
    out.clear();
    push_stack(state, words, out);
}

/// The four keys of a word at slot `t`: its form, its part of speech, both, and its cluster `c2`.
fn push_word(out: &mut Vec<u64>, t: u32, x: &Word) {
    out.push(key1(t, x.w));
    out.push(key1(t + 1, x.p));
    out.push(key1(t + 2, x.wp));
    out.push(key1(t + 3, x.c2));
}

fn push_buffer(state: &State, words: &[Word], out: &mut Vec<u64>) {
    let at = At { words, state };
    let (b0, b1, b2) = (at.word(state.buffer(0)), at.word(state.buffer(1)), at.word(state.buffer(2)));
    for (t, x) in [(B0, b0), (B1, b1)] {
        push_word(out, t, x);
    }
    out.push(key1(B0 + 4, b0.c1));
    out.push(key1(B2, b2.w));
    out.push(key1(B2 + 1, b2.p));
    out.push(key2(PAIR_B0_B1, b0.p, b1.p));
    out.push(key2(PAIR_B0_B1 + 1, b0.w, b1.w));
    out.push(key3(TRIPLE, b0.p, b1.p, b2.p));
}

fn push_stack(state: &State, words: &[Word], out: &mut Vec<u64>) {
    let at = At { words, state };
    let (s0i, s1i, s2i) = (state.stack(0), state.stack(1), state.stack(2));
    let (b0i, b1i) = (state.buffer(0), state.buffer(1));
    let (s0, s1, s2) = (at.word(s0i), at.word(s1i), at.word(s2i));
    let (b0, b1) = (at.word(b0i), at.word(b1i));
    let (s0c, s1c, b0c) = (at.children(s0i), at.children(s1i), at.children(b0i));
    let (s0l, s0l2, s0r, s0r2) = (s0c.left[0], s0c.left[1], s0c.right[0], s0c.right[1]);
    let (s1l, s1r, s1r2) = (s1c.left[0], s1c.right[0], s1c.right[1]);
    let (b0l, b0l2) = (b0c.left[0], b0c.left[1]);

    // The words themselves.
    for (t, x) in [(S0, s0), (S1, s1)] {
        push_word(out, t, x);
    }
    out.push(key1(S0 + 4, s0.c1));
    out.push(key1(S2, s2.w));
    out.push(key1(S2 + 1, s2.p));
    // Their outermost dependents.
    for (t, i) in [(S0L, s0l), (S0L2, s0l2), (S0R, s0r), (S0R2, s0r2), (S1L, s1l), (S1R, s1r), (B0L, b0l), (B0L2, b0l2)]
    {
        let x = at.word(i);
        out.push(key1(t, x.w));
        out.push(key1(t + 1, x.p));
        out.push(key1(t + 2, at.label(i)));
    }
    out.push(key2(S1R2, at.word(s1r2).p, at.label(s1r2)));

    // Pairs.
    let t = PAIR_S0_B0;
    out.push(key2(t, s0.wp, b0.wp));
    out.push(key2(t + 1, s0.wp, b0.w));
    out.push(key2(t + 2, s0.w, b0.wp));
    out.push(key2(t + 3, s0.wp, b0.p));
    out.push(key2(t + 4, s0.p, b0.wp));
    out.push(key2(t + 5, s0.w, b0.w));
    out.push(key2(t + 6, s0.p, b0.p));
    out.push(key2(t + 7, s0.c2, b0.c2));
    out.push(key2(t + 8, s0.c1, b0.p));
    out.push(key2(t + 9, s0.p, b0.c1));
    let t = PAIR_S1_S0;
    out.push(key2(t, s1.wp, s0.wp));
    out.push(key2(t + 1, s1.w, s0.w));
    out.push(key2(t + 2, s1.p, s0.p));
    out.push(key2(t + 3, s1.wp, s0.p));
    out.push(key2(t + 4, s1.p, s0.wp));
    out.push(key2(t + 5, s1.c2, s0.c2));
    out.push(key2(t + 6, s1.c1, s0.p));
    out.push(key2(t + 7, s1.p, s0.c1));
    out.push(key2(PAIR_S1_B0, s1.p, b0.p));
    out.push(key2(PAIR_S1_B0 + 1, s1.w, b0.w));

    // Triples of parts of speech.
    let p = |i: u32| at.word(i).p;
    let t = TRIPLE;
    out.push(key3(t + 1, s0.p, b0.p, b1.p));
    out.push(key3(t + 2, s1.p, s0.p, b0.p));
    out.push(key3(t + 3, s2.p, s1.p, s0.p));
    out.push(key3(t + 4, s0.p, p(s0l), b0.p));
    out.push(key3(t + 5, s0.p, p(s0r), b0.p));
    out.push(key3(t + 6, s0.p, b0.p, p(b0l)));
    out.push(key3(t + 7, s1.p, p(s1r), s0.p));
    out.push(key3(t + 8, s1.p, s0.p, p(s0l)));
    out.push(key3(t + 9, s1.p, p(s1l), s0.p));

    // Distances.
    let (d, d1) = (distance(s0i, b0i), distance(s1i, s0i));
    let t = DISTANCE;
    out.push(key2(t, s0.w, d));
    out.push(key2(t + 1, s0.p, d));
    out.push(key2(t + 2, b0.w, d));
    out.push(key2(t + 3, b0.p, d));
    out.push(key3(t + 4, s0.w, b0.w, d));
    out.push(key3(t + 5, s0.p, b0.p, d));
    out.push(key3(t + 6, s1.p, s0.p, d1));
    out.push(key3(t + 7, s1.w, s0.w, d1));

    // Valencies.
    let (s0v, s1v, b0v) = (s0c.counts.map(u64::from), s1c.counts.map(u64::from), b0c.counts.map(u64::from));
    let t = VALENCY;
    out.push(key2(t, s0.w, s0v[0]));
    out.push(key2(t + 1, s0.p, s0v[0]));
    out.push(key2(t + 2, s0.w, s0v[1]));
    out.push(key2(t + 3, s0.p, s0v[1]));
    out.push(key2(t + 4, b0.w, b0v[0]));
    out.push(key2(t + 5, b0.p, b0v[0]));
    out.push(key2(t + 6, s1.p, s1v[1]));
    out.push(key2(t + 7, s1.w, s1v[1]));
    out.push(key2(t + 8, s1.p, s1v[0]));

    // Third order: the two outermost dependents together.
    let t = THIRD;
    out.push(key3(t, s0.p, p(s0l), p(s0l2)));
    out.push(key3(t + 1, s0.p, p(s0r), p(s0r2)));
    out.push(key3(t + 2, b0.p, p(b0l), p(b0l2)));
    out.push(key3(t + 3, s1.p, p(s1r), p(s1r2)));

    // The relations of each side's dependents, as sets.
    let t = LABEL_SET;
    out.push(key2(t, s0.w, s0c.labels[0]));
    out.push(key2(t + 1, s0.p, s0c.labels[0]));
    out.push(key2(t + 2, s0.w, s0c.labels[1]));
    out.push(key2(t + 3, s0.p, s0c.labels[1]));
    out.push(key2(t + 4, b0.w, b0c.labels[0]));
    out.push(key2(t + 5, b0.p, b0c.labels[0]));
    out.push(key2(t + 6, s1.p, s1c.labels[1]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::system::Move;

    /// The parser scores `buffer_features` once per shift: arcs made in between must not change them.
    #[test]
    fn buffer_features_change_only_with_a_shift() {
        let mut words = Vec::new();
        let forms = ["Iran", ",", "Iraq", "signed", "deals"];
        let pos = [Pos::NNP, Pos::Comma, Pos::NNP, Pos::VBD, Pos::NNS];
        super::words(&forms, &pos, &Lexicon::default(), &mut words);
        let mut state = State::new(forms.len());
        let (mut before, mut after, mut all) = (Vec::new(), Vec::new(), Vec::new());
        for m in [Move::Shift, Move::Shift, Move::Shift, Move::Right(1), Move::Right(2), Move::Left(0)] {
            buffer_features(&state, &words, &mut before);
            state.apply(m);
            buffer_features(&state, &words, &mut after);
            assert_eq!(before == after, m != Move::Shift, "{m:?}");
            features(&state, &words, &mut all);
            stack_features(&state, &words, &mut before);
            assert_eq!(all.len(), after.len() + before.len());
        }
        assert_eq!(state.heads()[0], 3, "Iran ← signed");
    }
}
