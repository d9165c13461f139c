//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011): a stack, a buffer and three
//! moves, each sentence parsed in exactly `2n` moves, so parsing is linear in the sentence's length.
//!
//! - `Shift` pushes the buffer's front `b0` onto the stack;
//! - `Left(l)` makes `b0` the head of the stack's top `s0` (relation `l`) and pops `s0`;
//! - `Right(l)` makes the word under the top, `s1`, the head of `s0` and pops `s0`.
//!
//! The artificial root sits at the bottom of the stack; it takes its one dependent last, when the buffer is empty,
//! so every parse is a tree with a single root word.

/// No token: an empty child slot, a missing head.
pub const NONE: u32 = u32::MAX;

/// A move. Relations are indices into the model's relation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push `b0`.
    Shift,
    /// `b0 → s0` with this relation; pop `s0`.
    Left(u8),
    /// `s1 → s0` with this relation; pop `s0`.
    Right(u8),
}

impl Move {
    /// The move's class index among `1 + 2 * relations` classes: shift, the lefts, the rights.
    pub fn class(self, relations: usize) -> usize {
        match self {
            Move::Shift => 0,
            Move::Left(l) => 1 + usize::from(l),
            Move::Right(l) => 1 + relations + usize::from(l),
        }
    }

    /// The move of a class index.
    pub fn of_class(class: usize, relations: usize) -> Move {
        if class == 0 {
            Move::Shift
        } else if class <= relations {
            Move::Left((class - 1) as u8)
        } else {
            Move::Right((class - 1 - relations) as u8)
        }
    }
}

/// What features read of a token's dependents so far.
#[derive(Debug, Clone, Copy)]
pub struct Children {
    /// Leftmost and second leftmost left dependents (`NONE` when absent).
    pub left: [u32; 2],
    /// Rightmost and second rightmost right dependents.
    pub right: [u32; 2],
    /// Number of left and right dependents.
    pub counts: [u8; 2],
    /// Relations of the left and right dependents, one bit per relation index (below 64).
    pub labels: [u64; 2],
}

impl Default for Children {
    fn default() -> Self {
        Children { left: [NONE; 2], right: [NONE; 2], counts: [0; 2], labels: [0; 2] }
    }
}

/// A parser configuration over the `n` words of one sentence; word `n` is the root.
#[derive(Debug, Clone, Default)]
pub struct State {
    n: u32,
    stack: Vec<u32>,
    /// Front of the buffer (the buffer is `next..n`).
    next: u32,
    heads: Vec<u32>,
    relations: Vec<u8>,
    children: Vec<Children>,
}

impl State {
    /// The initial configuration of a sentence of `n` words: the root on the stack, every word in the buffer.
    pub fn new(n: usize) -> State {
        let mut s = State::default();
        s.reset(n);
        s
    }

    /// Starts over on a sentence of `n` words, keeping the allocations.
    pub fn reset(&mut self, n: usize) {
        let n32 = n as u32;
        self.n = n32;
        self.stack.clear();
        self.stack.push(n32);
        self.next = 0;
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.relations.clear();
        self.relations.resize(n + 1, 0);
        self.children.clear();
        self.children.resize(n + 1, Children::default());
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.n as usize
    }

    /// True for a sentence without words.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The root's index (`len()`).
    pub fn root(&self) -> u32 {
        self.n
    }

    /// True when the parse is complete.
    pub fn done(&self) -> bool {
        self.next >= self.n && self.stack.len() <= 1
    }

    /// The `k`-th word from the top of the stack (`NONE` past the bottom).
    #[inline]
    pub fn stack(&self, k: usize) -> u32 {
        self.stack.len().checked_sub(k + 1).map_or(NONE, |i| self.stack[i])
    }

    /// Number of entries on the stack, the root included.
    pub fn stack_len(&self) -> usize {
        self.stack.len()
    }

    /// The stack, bottom first (the root at the bottom).
    pub fn stack_words(&self) -> &[u32] {
        &self.stack
    }

    /// The `k`-th word of the buffer (`NONE` past its end).
    #[inline]
    pub fn buffer(&self, k: usize) -> u32 {
        let i = self.next as usize + k;
        if i < self.n as usize { i as u32 } else { NONE }
    }

    /// The front of the buffer as an index (`len()` when the buffer is empty).
    pub fn next(&self) -> usize {
        self.next as usize
    }

    /// The dependents found so far of word `w` (the root included).
    #[inline]
    pub fn children(&self, w: u32) -> Children {
        self.children.get(w as usize).copied().unwrap_or_default()
    }

    /// The relation index of word `w` to its head (0 while it has none).
    #[inline]
    pub fn relation(&self, w: u32) -> u8 {
        self.relations.get(w as usize).copied().unwrap_or(0)
    }

    /// Heads found so far (`NONE` for none; `len()` for the root), per word.
    pub fn heads(&self) -> &[u32] {
        &self.heads[..self.n as usize]
    }

    /// Relation indices found so far, per word.
    pub fn relations(&self) -> &[u8] {
        &self.relations[..self.n as usize]
    }

    /// Whether `m` may be made now. The root is never a dependent, and takes its dependent only when the buffer is
    /// empty; `root_relation` is the only relation of that arc, and no other arc has it.
    #[inline]
    pub fn allowed(&self, m: Move, root_relation: u8) -> bool {
        let buffer = self.next < self.n;
        let s0 = self.stack(0);
        match m {
            Move::Shift => buffer,
            Move::Left(l) => buffer && s0 != self.n && s0 != NONE && l != root_relation,
            Move::Right(l) => {
                let s1 = self.stack(1);
                s1 != NONE && (if s1 == self.n { !buffer && l == root_relation } else { l != root_relation })
            }
        }
    }

    /// Applies a move (which must be `allowed`).
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Move::Left(l) => {
                if let Some(d) = self.stack.pop() {
                    self.attach(self.next, d, l);
                }
            }
            Move::Right(l) => {
                if let Some(d) = self.stack.pop() {
                    let h = self.stack(0);
                    self.attach(h, d, l);
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, l: u8) {
        let (Some(head), Some(rel)) = (self.heads.get_mut(d as usize), self.relations.get_mut(d as usize)) else {
            return;
        };
        *head = h;
        *rel = l;
        let Some(c) = self.children.get_mut(h as usize) else { return };
        let side = usize::from(d > h);
        c.counts[side] = c.counts[side].saturating_add(1);
        c.labels[side] |= 1u64 << (l & 63);
        // Keep the two outermost dependents on each side (`NONE` is above every index).
        if side == 0 {
            if d < c.left[0] {
                c.left = [d, c.left[0]];
            } else if d < c.left[1] {
                c.left[1] = d;
            }
        } else if c.right[0] == NONE || d > c.right[0] {
            c.right = [d, c.right[0]];
        } else if c.right[1] == NONE || d > c.right[1] {
            c.right[1] = d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_parsed_by_hand() {
        // "Iran attacked Iraq": Iran ← attacked → Iraq, attacked ← root.
        let (nsubj, obj, root) = (0, 1, 2);
        let mut s = State::new(3);
        for m in [Move::Shift, Move::Left(nsubj), Move::Shift, Move::Shift, Move::Right(obj), Move::Right(root)] {
            assert!(s.allowed(m, root), "{m:?}");
            s.apply(m);
        }
        assert!(s.done());
        assert_eq!(s.heads(), [1, 3, 1]);
        assert_eq!(s.relations(), [nsubj, root, obj]);
        assert_eq!(s.children(1).left, [0, NONE]);
        assert_eq!(s.children(1).right, [2, NONE]);
        assert_eq!(s.children(1).counts, [1, 1]);
    }

    #[test]
    fn the_root_takes_one_dependent_last() {
        let root = 5;
        let mut s = State::new(2);
        s.apply(Move::Shift);
        assert!(!s.allowed(Move::Right(root), root), "the buffer is not empty");
        assert!(!s.allowed(Move::Left(root), root));
        s.apply(Move::Shift);
        assert!(!s.allowed(Move::Right(root), root), "s1 is no root");
        assert!(s.allowed(Move::Right(0), root));
        s.apply(Move::Right(0));
        assert!(s.allowed(Move::Right(root), root));
        assert!(!s.allowed(Move::Shift, root));
    }

    #[test]
    fn outermost_children_are_kept() {
        let mut s = State::new(5);
        for _ in 0..4 {
            s.apply(Move::Shift);
        }
        s.apply(Move::Right(1)); // 2 → 3
        s.apply(Move::Right(1)); // 1 → 2
        s.apply(Move::Shift);
        s.apply(Move::Right(2)); // 1 → 4
        assert_eq!(s.children(1).right, [4, 2]);
        assert_eq!(s.children(1).counts, [0, 2]);
        assert_eq!(s.children(1).labels, [0, 0b110]);
        s.apply(Move::Right(1)); // 0 → 1
        s.apply(Move::Right(0)); // root → 0
        assert!(s.done());
        assert_eq!(s.heads(), [5, 0, 1, 2, 1]);
    }
}
